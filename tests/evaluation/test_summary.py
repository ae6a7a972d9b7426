"""The report's provenance, candidate counts that add up, and the opt-in audit pairs, on a toy corpus (no models)."""
from __future__ import annotations

import json
import random

import numpy as np

from textsynth.config import EvaluateConfig
from textsynth.evaluation.evaluate import evaluate
from textsynth.evaluation.summary import candidate_flow, closest_pairs, summarise_filter_stats
from textsynth.records import Record

GOOD = "a warm funny moving film with a lovely cast and a kind heart".split()
BAD = "a dull lazy tedious film with a flat plot and a wasted cast".split()
SAMPLING = {"temperature": 0.6, "top_p": 0.95}
GATE_STATS = {"candidates": 30, "kept": 26, "filters": {"ngram": {"dropped": 3}, "pii": {"dropped": 1}},
              "resample": {"generated": 33, "generation_rejected": 3, "kept": 24, "surplus": 2, "target": 24,
                           "drops_by_label": {"negative": {"ngram": 2, "surplus": 2}, "positive": {"ngram": 1}}}}


def _corpus(n: int, seed: int, prefix: str, meta: bool = False) -> list[Record]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        label = ("positive", "negative")[i % 2]
        words = rng.sample(GOOD if label == "positive" else BAD, 7)
        extra = {"model": "tiny-llama", "template": "sentiment-v2", "sampling": SAMPLING} if meta else {}
        out.append(Record(id=f"{prefix}{i}", text=" ".join(words) + f" {prefix}{i}", label=label, meta=extra))
    return out


def test_report_opens_with_provenance_and_its_counts_agree(tmp_path):
    synthetic = _corpus(24, 1, "s", meta=True)
    rep = evaluate(synthetic, _corpus(40, 2, "r"), _corpus(20, 3, "t"), EvaluateConfig(embeddings=False),
                   filter_stats=GATE_STATS, provenance={"n_seeds": 40, "dp_epsilon": 8.0})
    prov = rep.metrics["provenance"]
    assert prov["model"] == [{"value": "tiny-llama", "records": 24}] and prov["template"][0]["value"] == "sentiment-v2"
    assert prov["sampling"][0]["value"] == SAMPLING and prov["dp_epsilon"] == 8.0 and prov["n_seeds"] == 40
    flow = rep.metrics["filter"]["flow"]
    assert flow["adds_up"], flow["problems"]
    assert (flow["generated"], flow["checked"], flow["passed_filters"], flow["surplus"], flow["kept"]) == (33, 30, 26, 2, 24)
    per = rep.metrics["utility"]["classifiers"]["tfidf_lr"]["synthetic"]
    assert set(per["f1_per_class"]) == {"negative", "positive"}
    assert sum(map(sum, per["confusion"]["matrix"])) == 20  # every real test record once
    page = (rep.write(tmp_path / "rep") / "report.html").read_text()
    head = page[: page.index("Headline figures")]
    for shown in ("Provenance", "textsynth version", "tiny-llama", "sentiment-v2", "temperature 0.6",
                  "epsilon = 8.00", "Synthetic data evaluation"):
        assert shown in head, shown
    assert "Per class" in page and "Drops per requested label" in page and "do not add up" not in page
    assert "Closest synthetic / seed pairs" not in page  # opt-in only
    assert not any(r.text in page for r in _corpus(40, 2, "r"))  # no real record without the opt-in


def test_counts_that_do_not_add_up_are_reported():
    flow = candidate_flow({"candidates": 30, "kept": 26, "resample": {"generated": 33, "generation_rejected": 3,
                                                                       "kept": 20, "surplus": 2}}, n_synthetic=20)
    assert not flow["adds_up"] and flow["problems"] == ["passed_filters 26 != surplus 2 + kept 20"]
    assert summarise_filter_stats({"candidates": 5, "kept": 5})["flow"]["adds_up"]


def test_closest_pairs_are_opt_in_and_sorted_and_mask_seed_pii(tmp_path):
    real = _corpus(40, 2, "r")
    copy = Record(id="copy", text=real[3].text + " Jane Roe", label=real[3].label)

    class SeedPii:
        def find(self, text):
            i = text.find("Jane Roe")
            return [(i, i + 8)] if i >= 0 else []

    rep = evaluate(_corpus(20, 1, "s") + [copy], real, _corpus(20, 3, "t"),
                   EvaluateConfig(embeddings=False, closest_pairs=3), seed_pii=SeedPii())
    pairs = rep.closest_pairs
    assert len(pairs) == 3 and [p["distance"] for p in pairs] == sorted(p["distance"] for p in pairs)
    assert pairs[0]["seed"] == real[3].text and pairs[0]["synthetic"].endswith("[PII]")
    page = (rep.write(tmp_path / "rep") / "report.html").read_text()
    assert "Closest synthetic / seed pairs" in page and real[3].text in page and "Jane Roe" not in page
    assert json.loads((tmp_path / "rep" / "metrics.json").read_text())["meta"]["n_synthetic"] == 21


def test_closest_pairs_helper_takes_the_nearest_first():
    syn, seeds = _corpus(3, 1, "s"), _corpus(3, 2, "r")
    pairs = closest_pairs(syn, seeds, np.array([0.5, 0.1, 0.3]), np.array([2, 0, 1]), 2, None)
    assert [(p["synthetic"], p["seed"]) for p in pairs] == [(syn[1].text, seeds[0].text), (syn[2].text, seeds[1].text)]
