"""Private Evolution's privacy core: the accountant, the nearest-neighbour vote histograms (per label, or
label-aware across labels), their Gaussian noise, and the public-only near-duplicate filter applied before voting.

Only :func:`vote_histogram` and :func:`label_vote_histogram` read the seeds; the L2 sensitivity of either under
add/remove of one seed is 1, and :func:`add_noise` turns it into a Gaussian mechanism whose sigma
:func:`noise_multiplier` calibrates.
:func:`near_duplicates` reads only synthetic (public) candidates, so dropping them costs no privacy.
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence

import numpy as np

ACCOUNTANT = "prv"

Noise = Callable[[float], float]  # sigma -> one draw of N(0, sigma^2)


def noise_multiplier(epsilon: float, delta: float, iterations: int) -> float:
    """Sigma for ``iterations`` Gaussian mechanisms of L2 sensitivity 1 (sample rate 1) at (epsilon, delta),
    from opacus' PRV accountant (``get_noise_multiplier``)."""
    from opacus.accountants.utils import get_noise_multiplier

    with warnings.catch_warnings():  # sample rate 1 makes the PRV's subsampling terms log(0); harmless here
        warnings.simplefilter("ignore")
        return float(get_noise_multiplier(target_epsilon=epsilon, target_delta=delta, sample_rate=1.0,
                                          steps=iterations, accountant=ACCOUNTANT, epsilon_tolerance=0.005))


def epsilon_spent(sigma: float, delta: float, iterations: int) -> float:
    """Epsilon of ``iterations`` Gaussian mechanisms with noise multiplier ``sigma`` at ``delta`` (opacus PRV)."""
    from opacus.accountants import PRVAccountant

    acc = PRVAccountant()
    acc.history = [(sigma, 1.0, iterations)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(acc.get_epsilon(delta=delta))


def vote_histogram(seed_vectors: np.ndarray, seed_groups: Sequence[str | None], candidate_vectors: np.ndarray,
                   candidate_groups: Sequence[str | None], votes_per_seed: int = 1) -> np.ndarray:
    """Nearest-neighbour votes: each seed adds ``1/sqrt(k)`` to each of its k most cosine-similar candidates of
    its own group (label); a seed whose group has no candidate votes among all of them. L2 sensitivity 1."""
    votes = np.zeros(len(candidate_groups), dtype=np.float64)
    if len(seed_groups) == 0 or len(candidate_groups) == 0:
        return votes
    cand_groups = np.asarray([str(g) for g in candidate_groups])
    weight = 1.0 / math.sqrt(votes_per_seed)
    seed_groups_arr = np.asarray([str(g) for g in seed_groups])
    for group in dict.fromkeys(seed_groups_arr.tolist()):
        members = np.flatnonzero(cand_groups == group)
        if members.size == 0:
            members = np.arange(len(cand_groups))
        k = min(votes_per_seed, members.size)
        sims = seed_vectors[seed_groups_arr == group] @ candidate_vectors[members].T
        nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < members.size else np.tile(
            np.arange(members.size), (sims.shape[0], 1))
        np.add.at(votes, members[nearest.ravel()], weight)
    return votes


def label_vote_histogram(seed_vectors: np.ndarray, seed_groups: Sequence[str | None],
                         candidate_vectors: np.ndarray, labels: Sequence[str], votes_per_seed: int = 1) -> np.ndarray:
    """Label-aware nearest-neighbour votes: a (candidates x labels) histogram where each seed adds
    ``1/sqrt(k)`` to cell (c, its label) for each of its k most cosine-similar candidates among ALL candidates,
    whatever their label. A seed whose label is not in ``labels`` casts no vote.

    Sensitivity: adding or removing one seed changes k cells (its k nearest candidates, in its own label's
    column) by ``1/sqrt(k)`` each and leaves every other cell alone, so the L2 sensitivity is 1 as for
    :func:`vote_histogram`: the same sigma and the same accountant cover it. The cells a candidate receives from
    other labels' seeds say its text sits among those seeds (:func:`label_margin` turns that into a penalty)."""
    votes = np.zeros((len(candidate_vectors), len(labels)), dtype=np.float64)
    if len(seed_groups) == 0 or len(candidate_vectors) == 0:
        return votes
    column = {str(lab): j for j, lab in enumerate(labels)}
    cols = np.asarray([column.get(str(g), -1) for g in seed_groups])
    voting = np.flatnonzero(cols >= 0)
    k = min(votes_per_seed, len(candidate_vectors))
    sims = seed_vectors[voting] @ candidate_vectors.T
    nearest = (np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < len(candidate_vectors)
               else np.tile(np.arange(len(candidate_vectors)), (len(voting), 1)))
    np.add.at(votes, (nearest.ravel(), np.repeat(cols[voting], k)), 1.0 / math.sqrt(votes_per_seed))
    return votes


def label_margin(noisy_votes: np.ndarray, candidate_labels: Sequence[str], labels: Sequence[str]) -> np.ndarray:
    """Each candidate's score from the noisy (candidates x labels) histogram: the votes of its own label's seeds
    minus those of every other label's seeds (post-processing of the noisy histogram: no privacy cost)."""
    column = {str(lab): j for j, lab in enumerate(labels)}
    own = np.asarray([noisy_votes[i, column[str(lab)]] for i, lab in enumerate(candidate_labels)], dtype=np.float64)
    return own - (noisy_votes.sum(axis=1) - own) if len(own) else own


def add_noise(votes: np.ndarray, sigma: float, noise: Noise | None = None) -> np.ndarray:
    """The Gaussian mechanism: every bin + N(0, sigma^2) from the OS CSPRNG (or an injected ``noise`` in tests)."""
    from ..dp_noise import gaussian

    draw = noise or gaussian
    flat = np.asarray(votes, dtype=np.float64)
    return np.asarray([float(v) + draw(sigma) for v in flat.ravel()], dtype=np.float64).reshape(flat.shape)


def near_duplicates(vectors: np.ndarray, groups: Sequence[str | None], max_similarity: float) -> list[int]:
    """Indices of candidates whose cosine similarity to an earlier candidate of the same group exceeds
    ``max_similarity`` (the earlier one is kept). Votes split between near-copies would push both down, and a
    population of near-copies writes a repetitive corpus; this reads only synthetic text (no privacy cost)."""
    if max_similarity >= 1.0 or len(groups) == 0:
        return []
    dropped: list[int] = []
    group_arr = np.asarray([str(g) for g in groups])
    for group in dict.fromkeys(group_arr.tolist()):
        members = np.flatnonzero(group_arr == group)
        sims = vectors[members] @ vectors[members].T
        kept: list[int] = []
        for pos, idx in enumerate(members):
            if kept and float(sims[pos, kept].max()) > max_similarity:
                dropped.append(int(idx))
            else:
                kept.append(pos)
    return sorted(dropped)
