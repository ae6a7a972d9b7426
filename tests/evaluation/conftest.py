"""Small real corpora (Rotten Tomatoes, chitchat) as Records for the evaluation tests."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from textsynth.demo import corpora
from textsynth.records import Record

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def rt_records(rotten_tomatoes_path) -> list[Record]:
    """1,600 real Rotten Tomatoes snippets (stratified sample), labelled positive/negative."""
    rows = corpora.sample(corpora.load_rotten_tomatoes(), 1600, seed=0)
    return [Record(id=r["id"], text=r["text"], label=r["label"]) for r in rows]


@pytest.fixture(scope="session")
def rt_splits(rt_records) -> dict[str, list[Record]]:
    """Disjoint real splits: train 600, other 600 (stand-in "synthetic"), test 400."""
    return {"train": rt_records[:600], "other": rt_records[600:1200], "test": rt_records[1200:1600]}


@pytest.fixture(scope="session")
def chat_records() -> list[Record]:
    p = REPO / "data" / "chitchat.json"
    if not p.exists():
        pytest.skip("run `make data` first")
    rows = corpora.load_chitchat()
    random.Random(0).shuffle(rows)
    return [Record(id=r["id"], messages=r["messages"]) for r in rows[:900]]
