"""A small version of eval/filter_exactness.py on real Rotten Tomatoes snippets (n-gram + MinHash gate)."""
from __future__ import annotations

import sys

import pytest

from textsynth.config import FilterConfig

from ..conftest import REPO


def test_gate_exactness_on_real_snippets(rotten_tomatoes_path):
    if not (REPO / "data" / "chitchat.json").exists():
        pytest.skip("run `make data` first")
    sys.path.insert(0, str(REPO / "eval"))
    import filter_exactness as fe

    seeds, cands = fe.build_corpus(n_seeds=1000, per_kind=40, seed=1)
    report = fe.evaluate(seeds, cands, FilterConfig(filters=("ngram", "minhash")))
    kinds = report["kinds"]
    assert kinds["verbatim"]["rejected_rate"] == 1.0
    assert kinds["embedded"]["rejected_rate"] == 1.0
    assert kinds["light_edit"]["rejected_rate"] >= 0.9  # >= 0.95 with the neighbours filter on the full run
    assert report["unrelated_kept_rate"] >= 0.98
