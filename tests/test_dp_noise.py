"""DP noise: CSPRNG-backed, not reproducible from any seed, and distributed as the mechanism says."""
from __future__ import annotations

import math
import random

import pytest

from textsynth import dp_noise

N = 20_000


def _seed_everything(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def test_noise_ignores_every_seedable_rng():
    _seed_everything(0)
    a = [dp_noise.laplace(1.0) for _ in range(8)]
    _seed_everything(0)
    b = [dp_noise.laplace(1.0) for _ in range(8)]
    assert a != b


@pytest.mark.parametrize("scale", [0.5, 2.5])
def test_laplace_matches_the_mechanism(scale):
    xs = [dp_noise.laplace(scale) for _ in range(N)]
    mean = sum(xs) / N
    var = sum(x * x for x in xs) / N
    # Var = 2 b^2; the standard error of the second moment over 20k draws is sqrt(20/N) b^2 (~1.6% of 2b^2).
    assert var == pytest.approx(2 * scale**2, rel=0.06)
    assert abs(mean) < 4 * math.sqrt(2 * scale**2 / N)
    # P(|X| > b) = 1/e for Laplace(0, b); a Gaussian of the same variance would give ~0.32.
    tail = sum(abs(x) > scale for x in xs) / N
    assert tail == pytest.approx(math.exp(-1), abs=0.015)


def test_gaussian_matches_the_mechanism():
    xs = [dp_noise.gaussian(3.0) for _ in range(N)]
    var = sum(x * x for x in xs) / N
    assert var == pytest.approx(9.0, rel=0.05)  # SE of the second moment: sqrt(2/N) sigma^2 ~ 1%
    assert sum(abs(x) > 3.0 for x in xs) / N == pytest.approx(0.3173, abs=0.015)


def test_uniform_is_open_and_seed_is_fresh():
    us = [dp_noise.secure_uniform() for _ in range(1000)]
    assert all(0.0 < u < 1.0 for u in us)
    assert dp_noise.secure_seed() != dp_noise.secure_seed()


def test_laplace_histogram_rounds_to_grid_and_clips():
    counts = {"a": 100, "b": 0}
    out = dp_noise.laplace_histogram(counts, ["a", "b", "c"], epsilon=0.4)
    grid = dp_noise.snap_grid(1 / 0.4)
    assert grid == 4.0
    assert set(out) == {"a", "b", "c"}
    assert all(v >= 0 and v / grid == int(v / grid) for v in out.values())
    assert abs(out["a"] - 100) < 60  # 60 = 24 scales: probability ~ e^-24
    # fresh noise per call: one draw repeats (100, 0, 0) with probability ~0.34, so 40 draws all alike ~1e-18
    runs = [dp_noise.laplace_histogram(counts, ["a", "b", "c"], epsilon=0.4) for _ in range(40)]
    assert len({tuple(r.values()) for r in runs}) > 1


@pytest.mark.parametrize("bad", [0.0, -1.0])
def test_bad_parameters_fail(bad):
    with pytest.raises(ValueError):
        dp_noise.laplace(bad)
    with pytest.raises(ValueError):
        dp_noise.gaussian(bad)
    with pytest.raises(ValueError):
        dp_noise.laplace_histogram({"a": 1}, ["a"], epsilon=bad)


@pytest.mark.parametrize("method", ["dp_sgd", "private_evolution"])
def test_guarantee_text_says_when_seed_filters_chose_outside_the_accounting(method):
    from textsynth.dp_noise import guarantee_text

    dp = {"epsilon": 4.0, "delta": 1e-5, "method": method, "iterations": 2, "noise_multiplier": 1.5,
          "accountant": "opacus PRV"}
    exact = guarantee_text({**dp, "gate_filters": ["quality"]})
    gated = guarantee_text({**dp, "gate_filters": ["quality", "ngram", "label"]})
    assert "epsilon = 4.00" in exact and "outside the accounting" not in exact
    assert "outside the accounting" in gated and "ngram, label" in gated


def test_guarantee_text_names_the_vote_label_filter_only_when_it_ran():
    from textsynth.dp_noise import guarantee_text

    dp = {"epsilon": 4.0, "delta": 1e-5, "method": "private_evolution", "iterations": 2, "noise_multiplier": 1.5,
          "accountant": "opacus PRV", "cross_label_votes": True}
    assert "fitted to the noisy votes" in guarantee_text({**dp, "vote_label_filter": True})
    assert "fitted to the noisy votes" not in guarantee_text({**dp, "vote_label_filter": False})
