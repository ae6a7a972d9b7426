"""eval/bench_pipeline.py: the pieces that do not need a model (TSTR, override parsing)."""
from __future__ import annotations

from tests.eval_scripts import load_eval_script

bench = load_eval_script("bench_pipeline")

GOOD = ["a wonderful moving film", "brilliant and warm", "a joy from start to end", "funny, tender, wonderful"]
BAD = ["a dull tedious mess", "boring and far too long", "a tedious waste of time", "dull, flat, boring"]


def _rows(texts, label):
    return [{"text": t, "label": label} for t in texts]


def test_tstr_is_the_accuracy_on_real_of_a_classifier_trained_on_synthetic():
    train = _rows(GOOD, "positive") + _rows(BAD, "negative")
    test = _rows(["wonderful and warm", "a joy"], "positive") + _rows(["tedious and dull", "boring mess"], "negative")
    assert bench.tstr(train, test) == 1.0
    flipped = _rows(GOOD, "negative") + _rows(BAD, "positive")  # a corpus with its labels swapped
    assert bench.tstr(flipped, test) == 0.0


def test_overrides_parse_numbers_booleans_and_paths():
    assert bench.parse_set(["sampling.label_bias=0.2", "samples_per_prompt=4", "prompt=/tmp/x.yaml", "x=true"]) == {
        "sampling.label_bias": 0.2, "samples_per_prompt": 4, "prompt": "/tmp/x.yaml", "x": True}
