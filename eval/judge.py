"""The label judge shared by every label-fidelity script, and the splits it is used on.

The label gate (textsynth.filters.label) is TF-IDF + logistic regression trained on the seeds. A judge of the
same kind would share its blind spots, so the judge here uses other features: all-MiniLM-L6-v2 sentence
embeddings + logistic regression, trained on real Rotten Tomatoes snippets disjoint from the seeds, and scored
on another disjoint real split.

Generated records are split in two by a hash of their id: defaults (such as the gate's margin) are chosen on
``tune`` only, and the figures reported are computed on ``report`` only.
"""
from __future__ import annotations

import hashlib
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

CACHE = Path("runs/judge_cache")


def _embed(texts: Sequence[str]) -> np.ndarray:
    """MiniLM embeddings, cached on disk by the texts (the judge's training set is embedded once per machine)."""
    from textsynth.models.embeddings import embed

    texts = list(texts)
    key = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:20]
    path = CACHE / f"minilm-{key}.npy"
    if path.exists():
        return np.load(path)
    vecs = embed(texts)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vecs)
    return vecs


class EmbeddingJudge:
    """all-MiniLM-L6-v2 embeddings + logistic regression: a classifier with no features in common with the gate."""

    def __init__(self, C: float = 1.0):
        self.C = C
        self.clf = None
        self.classes_: list[str] = []

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> "EmbeddingJudge":
        from sklearn.linear_model import LogisticRegression

        self.clf = LogisticRegression(C=self.C, max_iter=3000, random_state=0)
        self.clf.fit(_embed(texts), [str(x) for x in labels])
        self.classes_ = [str(c) for c in self.clf.classes_]
        return self

    def predict(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        return [str(p) for p in self.clf.predict(_embed(texts))]

    def score(self, texts: Sequence[str], labels: Sequence[str]) -> float:
        pred = self.predict(texts)
        return float(np.mean([p == str(y) for p, y in zip(pred, labels)]))


def rt_splits(n_seeds: int, n_judge_train: int = 6000, n_judge_test: int = 2000, seed: int = 0) -> dict:
    """Disjoint real splits of Rotten Tomatoes (deduplicated, shuffled): seeds, judge_train, judge_test."""
    import corpora
    from filter_exactness import dedupe

    rows = dedupe(corpora.load_rotten_tomatoes())
    random.Random(seed).shuffle(rows)
    a, b = n_seeds, n_seeds + n_judge_train
    if b + n_judge_test > len(rows):
        raise SystemExit(f"only {len(rows)} real snippets; asked for {b + n_judge_test}")
    return {"seeds": rows[:a], "judge_train": rows[a:b], "judge_test": rows[b:b + n_judge_test]}


def independent_judge(splits: dict) -> tuple[EmbeddingJudge, dict]:
    """Train the judge on ``judge_train``; return it with its accuracy on ``judge_test`` (real, never seen)."""
    t0 = time.perf_counter()
    tr, te = splits["judge_train"], splits["judge_test"]
    judge = EmbeddingJudge().fit([r["text"] for r in tr], [r["label"] for r in tr])
    acc = judge.score([r["text"] for r in te], [r["label"] for r in te])
    info = {"kind": "all-MiniLM-L6-v2 embeddings + logistic regression", "train_size": len(tr),
            "test_size": len(te), "accuracy_on_real_test": round(acc, 4), "seconds": round(time.perf_counter() - t0, 1)}
    print(f"judge ({info['kind']}): trained on {len(tr)} real snippets disjoint from the seeds; "
          f"accuracy on {len(te)} other real snippets {acc:.3f}", flush=True)
    return judge, info


def split_of(record_id: str) -> str:
    """'tune' or 'report', by a hash of the record id (stable across runs and machines)."""
    return "tune" if hashlib.sha256(str(record_id).encode()).digest()[0] % 2 == 0 else "report"


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson interval for a proportion k/n."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (round(float(c - h), 3), round(float(c + h), 3))


def seeds_and_judge(n_seeds: int, seed: int = 0):
    """Seed rows and the independent judge trained on real snippets disjoint from them.

    Returns (seed_rows, judge, judge_accuracy_on_real_test, n_train, n_test).
    """
    splits = rt_splits(n_seeds, seed=seed)
    judge, info = independent_judge(splits)
    return splits["seeds"], judge, info["accuracy_on_real_test"], info["train_size"], info["test_size"]
