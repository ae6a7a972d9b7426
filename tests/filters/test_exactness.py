"""A small version of eval/filter_exactness.py on real Rotten Tomatoes snippets (n-gram + MinHash gate)."""
from __future__ import annotations

import pytest

from textsynth.config import FilterConfig

from ..conftest import REPO
from ..eval_scripts import load_eval_script

pytestmark = pytest.mark.slow  # loads real Rotten Tomatoes and chitchat corpora


def test_gate_exactness_on_real_snippets(rotten_tomatoes_path):
    if not (REPO / "data" / "chitchat.json").exists():
        pytest.skip("run `make data` first")
    fe = load_eval_script("filter_exactness")

    seeds, cands = fe.build_corpus(n_seeds=1000, per_kind=40, seed=1)
    report = fe.evaluate(seeds, cands, FilterConfig(filters=("ngram", "minhash")))
    kinds = report["kinds"]
    # The script's own targets (every verbatim/embedded copy, >= 95% of light edits rejected; >= 98% of unrelated
    # kept), met here by n-gram + MinHash alone on 40 candidates per kind (measured: light edits 39/40).
    for kind, target in fe.TARGETS.items():
        assert kinds[kind]["rejected_rate"] >= target, (kind, kinds[kind])
    assert report["unrelated_kept_rate"] >= fe.UNRELATED_MIN_KEPT
    assert kinds["unrelated_rt"]["rejected_rate"] == kinds["unrelated_chat"]["rejected_rate"] == 0.0
