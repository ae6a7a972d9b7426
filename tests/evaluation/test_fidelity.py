import math

import numpy as np
import pytest

from textsynth.evaluation import fidelity as fid


@pytest.mark.parametrize("p,q,tv", [
    ({"a": 0.5, "b": 0.5}, {"a": 0.5, "b": 0.5}, 0.0),
    ({"a": 1.0}, {"b": 1.0}, 1.0),
    ({"a": 0.7, "b": 0.3}, {"a": 0.5, "b": 0.5}, 0.2),
])
def test_label_distance(p, q, tv):
    d = fid.label_distance(p, q)
    assert d["total_variation"] == pytest.approx(tv)
    assert 0.0 <= d["js_divergence"] <= 1.0
    assert (d["js_divergence"] == pytest.approx(0.0)) == (tv == 0.0)
    if tv == 1.0:
        assert d["js_divergence"] == pytest.approx(1.0)


def test_label_shares_counts_missing_labels():
    assert fid.label_shares(["x", None, "x", "y"]) == {"(none)": 0.25, "x": 0.5, "y": 0.25}


def test_distinct_n():
    toks = [["a", "b", "a", "b"], ["a", "b"]]
    assert fid.distinct_n(toks, 1) == pytest.approx(2 / 6)
    assert fid.distinct_n(toks, 2) == pytest.approx(2 / 4)  # ab, ba, ab + ab


def test_self_bleu_extremes():
    same = [["the", "film", "was", "very", "good", "indeed"]] * 5
    assert fid.self_bleu(same) == pytest.approx(1.0)
    rng = np.random.default_rng(0)
    varied = [[f"w{i}" for i in rng.choice(10_000, 12, replace=False)] for _ in range(20)]
    assert fid.self_bleu(varied) < 0.05
    assert math.isnan(fid.self_bleu([["too", "short"]]))


def test_frechet_distance_zero_for_same_and_grows_with_shift():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 8))
    y = rng.normal(size=(400, 8))
    same = fid.frechet_distance(x, y)
    assert same < 0.5
    assert fid.frechet_distance(y, y) == pytest.approx(0.0, abs=1e-6)
    assert fid.frechet_distance(y, y + 1.0) == pytest.approx(8.0, abs=1e-6)  # |shift|^2, same covariance


def test_fidelity_metrics_keys():
    out = fid.fidelity_metrics(["good film", "bad film here"], ["pos", "neg"], ["a good film", "bad"], ["pos", "pos"])
    assert out["label_tv"] == pytest.approx(0.5)
    assert out["lengths"]["synthetic"]["mean"] == pytest.approx(2.5)
    assert "frechet_distance" not in out  # no vectors given
    unlabelled_real = fid.fidelity_metrics(["good film"], ["topic"], ["a good film", "bad"], [None, None])
    assert unlabelled_real["label_tv"] is None and unlabelled_real["label_js"] is None  # nothing to compare with
