"""Private Evolution's privacy core: the accountant against an independent computation, the vote histogram's
sensitivity, the noise, and the near-duplicate filter (public text only)."""
from __future__ import annotations

import math

import numpy as np
import pytest

from textsynth.generation.pe_privacy import (add_noise, epsilon_spent, label_margin, label_vote_histogram,
                                             near_duplicates, noise_multiplier, vote_histogram)
from tests.generation.test_private_evolution import fake_embed

# --- accounting ---------------------------------------------------------------------------------------------

def _gdp_delta(eps: float, mu: float) -> float:
    """Exact delta(eps) of a Gaussian mechanism with mu = sensitivity / sigma (Balle & Wang 2018, Thm. 8).
    T compositions of N(0, sigma^2) with sensitivity 1 are exactly mu = sqrt(T) / sigma (Dong et al. 2019)."""
    from scipy.stats import norm

    return float(norm.cdf(-eps / mu + mu / 2) - math.exp(eps) * norm.cdf(-eps / mu - mu / 2))


@pytest.mark.parametrize("eps,delta,T", [(1.0, 1e-5, 3), (4.0, 1e-5, 3), (4.0, 1e-6, 5), (8.0, 1e-5, 10)])
def test_noise_multiplier_meets_the_target_by_an_independent_computation(eps, delta, T):
    sigma = noise_multiplier(eps, delta, T)
    mu = math.sqrt(T) / sigma
    # the exact privacy curve of the composed mechanism stays within delta at the target epsilon ...
    assert _gdp_delta(eps, mu) <= delta * 1.01
    # ... and the noise is not wastefully large: 10% less epsilon would break delta
    assert _gdp_delta(0.9 * eps, mu) > delta
    assert epsilon_spent(sigma, delta, T) <= eps * 1.01


def test_more_iterations_or_a_smaller_epsilon_need_more_noise():
    assert noise_multiplier(4.0, 1e-5, 6) > noise_multiplier(4.0, 1e-5, 3) > noise_multiplier(8.0, 1e-5, 3)


# --- the histogram ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("k", [1, 3])
def test_one_seed_moves_the_histogram_by_l2_norm_one_within_its_label(k):
    rng = np.random.default_rng(0)
    cands = fake_embed([f"candidate {i} word{i % 5}" for i in range(12)])
    groups = ["positive"] * 6 + ["negative"] * 6
    seeds = rng.normal(size=(5, 64))
    seeds /= np.linalg.norm(seeds, axis=1, keepdims=True)
    labels = ["positive", "negative", "positive", "negative", "positive"]
    without = vote_histogram(seeds[:4], labels[:4], cands, groups, k)
    with_one = vote_histogram(seeds, labels, cands, groups, k)
    diff = with_one - without
    assert np.linalg.norm(diff) == pytest.approx(1.0)
    assert np.count_nonzero(diff) == k and np.all(np.flatnonzero(diff) < 6)  # the positive seed votes positive
    assert without.sum() == pytest.approx(4 * k / math.sqrt(k))


def test_noise_is_added_to_every_bin():
    noisy = add_noise(np.zeros(1000), 2.0)  # the real CSPRNG Gaussian
    assert abs(noisy.std() - 2.0) < 0.2 and abs(noisy.mean()) < 0.3


def test_near_duplicates_drop_later_copies_within_a_label_only():
    texts = ["a wonderful warm film", "a wonderful warm film", "a dull cold film", "a wonderful warm film"]
    groups = ["positive", "positive", "negative", "negative"]
    vecs = fake_embed(texts)
    assert near_duplicates(vecs, groups, 0.95) == [1]  # index 3 copies index 0 but has another label
    assert near_duplicates(vecs, groups, 1.0) == []  # 1 = off
    close = fake_embed(["one two three four five six", "one two three four five seven"])  # cosine 5/6
    assert near_duplicates(close, ["x", "x"], 0.8) == [1] and near_duplicates(close, ["x", "x"], 0.9) == []


# --- the label-aware histogram (privacy.cross_label_votes) ------------------------------------------------------

@pytest.mark.parametrize("k", [1, 3])
def test_one_seed_moves_the_label_aware_histogram_by_l2_norm_one_in_its_label_column(k):
    rng = np.random.default_rng(1)
    cands = fake_embed([f"candidate {i} word{i % 5}" for i in range(12)])
    seeds = rng.normal(size=(6, 64))
    seeds /= np.linalg.norm(seeds, axis=1, keepdims=True)
    labels = ["positive", "negative", "positive", "negative", "positive", "negative"]
    for removed in range(6):  # add/remove each seed in turn
        rest = [i for i in range(6) if i != removed]
        without = label_vote_histogram(seeds[rest], [labels[i] for i in rest], cands, ["positive", "negative"], k)
        with_one = label_vote_histogram(seeds, labels, cands, ["positive", "negative"], k)
        diff = with_one - without
        assert diff.shape == (12, 2)
        assert np.linalg.norm(diff) == pytest.approx(1.0)
        assert np.count_nonzero(diff) == k and np.allclose(diff[diff != 0], 1 / math.sqrt(k))
        column = ["positive", "negative"].index(labels[removed])
        assert np.count_nonzero(diff[:, column]) == k  # only the seed's own label column moves
        nearest = np.argsort(-(cands @ seeds[removed]))[:k]  # among ALL candidates, whatever their label
        assert set(np.flatnonzero(diff[:, column])) == set(nearest.tolist())


def test_a_seed_of_an_unknown_label_casts_no_label_aware_vote():
    cands = fake_embed(["a b c", "d e f"])
    votes = label_vote_histogram(fake_embed(["a b c", "d e f"]), ["positive", "neutral"], cands, ["positive"])
    assert votes.tolist() == [[1.0], [0.0]]


def test_label_margin_is_own_label_votes_minus_the_other_labels():
    noisy = np.array([[3.0, 1.0, 0.5], [0.2, 2.0, 1.0], [0.0, 0.0, 0.0]])
    scores = label_margin(noisy, ["a", "b", "c"], ["a", "b", "c"])
    assert scores.tolist() == pytest.approx([1.5, 0.8, 0.0])


def test_noise_keeps_the_histogram_shape_and_noises_every_cell():
    noisy = add_noise(np.zeros((300, 2)), 1.0)
    assert noisy.shape == (300, 2) and np.count_nonzero(noisy) == 600
