"""Acceptance sanity checks on real Rotten Tomatoes data.

(1) A real held-out split passed off as "synthetic" is as useful as real train and sits no closer to it: utility
ratio about 1, DCR parity (no alarm). (2) Verbatim copies of train are flagged: memorisation 100% and a DCR alarm.
"""
from __future__ import annotations

import numpy as np
import pytest

from textsynth.config import EvaluateConfig
from textsynth.evaluation import evaluate as evaluate_mod
from textsynth.evaluation.evaluate import evaluate

pytestmark = pytest.mark.slow  # loads real Rotten Tomatoes and chitchat corpora, MiniLM

NO_EMB = EvaluateConfig(embeddings=False)


def test_heldout_real_as_synthetic_gives_ratio_one_and_dcr_parity(rt_splits):
    rep = evaluate(rt_splits["other"], rt_splits["train"], rt_splits["test"], NO_EMB)
    u, p = rep.metrics["utility"], rep.metrics["privacy"]
    assert u["ratio_macro_f1_tfidf"] == pytest.approx(1.0, abs=0.1)
    assert u["classifiers"]["tfidf_lr"]["ratio"]["accuracy"] == pytest.approx(1.0, abs=0.1)
    assert p["dcr_alarm"] is False, p["dcr"]["alarm_reasons"]
    assert p["dcr_median_synthetic"] == pytest.approx(p["dcr_median_holdout"], rel=0.1)
    assert p["memorisation_rate"] < 0.02
    assert rep.metrics["fidelity"]["label_tv"] < 0.05


def test_verbatim_copies_of_train_flag_memorisation_and_dcr_alarm(rt_splits):
    rep = evaluate(list(rt_splits["train"]), rt_splits["train"], rt_splits["test"], NO_EMB)
    p = rep.metrics["privacy"]
    assert p["memorisation_rate"] == 1.0
    assert p["exact_copy_rate"] == 1.0
    assert p["dcr_alarm"] is True
    assert p["dcr_median_synthetic"] == pytest.approx(0.0, abs=1e-6)
    assert p["dcr"]["synthetic"]["near_zero_share"] == 1.0


def test_without_test_split_uses_seeded_split(rt_splits):
    rep = evaluate(rt_splits["other"][:200], rt_splits["train"][:300], None, NO_EMB)
    meta = rep.metrics["meta"]
    assert meta["n_real_test"] == 60 and meta["n_real_train"] == 240
    assert meta["test_split"].startswith("seeded split")
    again = evaluate(rt_splits["other"][:200], rt_splits["train"][:300], None, NO_EMB)
    assert again.metrics["utility"] == rep.metrics["utility"]  # seeded: same split, same scores


def test_sanity_with_minilm_embeddings(rt_splits, monkeypatch):
    """Both sanity checks on MiniLM embeddings (DCR, embedding classifier, Fréchet distance); embeddings cached."""
    cache: dict[tuple[str, ...], np.ndarray] = {}
    real_embed = evaluate_mod._embed

    def cached(texts):
        key = tuple(texts)
        if key not in cache:
            cache[key] = real_embed(texts)
        return cache[key]

    monkeypatch.setattr(evaluate_mod, "_embed", cached)
    train, other, test = rt_splits["train"], rt_splits["other"], rt_splits["test"]
    cfg = EvaluateConfig(embeddings=True)

    held = evaluate(other, train, test, cfg)
    u, p, f = held.metrics["utility"], held.metrics["privacy"], held.metrics["fidelity"]
    assert u["ratio_macro_f1_embedding"] == pytest.approx(1.0, abs=0.12)
    assert p["dcr_alarm"] is False, p["dcr"]["alarm_reasons"]
    assert p["dcr_median_synthetic"] == pytest.approx(p["dcr_median_holdout"], rel=0.1)
    assert f["frechet_distance"] == pytest.approx(f["frechet_baseline_real"], rel=0.25)

    copies = evaluate(list(train), train, test, cfg)
    p = copies.metrics["privacy"]
    assert p["memorisation_rate"] == 1.0 and p["dcr_alarm"] is True
    assert p["dcr_p5_synthetic"] < 1e-3 < p["dcr_p5_holdout"]
    assert copies.metrics["fidelity"]["frechet_distance"] < f["frechet_baseline_real"]
