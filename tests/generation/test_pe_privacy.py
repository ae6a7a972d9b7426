"""Private Evolution's privacy core: the accountant against an independent computation, the vote histogram's
sensitivity, the noise, and the near-duplicate filter (public text only)."""
from __future__ import annotations

import math

import numpy as np
import pytest

from textsynth.generation.pe_privacy import (add_noise, epsilon_spent, near_duplicates, noise_multiplier,
                                             vote_histogram)
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
