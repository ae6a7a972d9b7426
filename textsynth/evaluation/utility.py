"""Utility: train on synthetic, test on real.

Labelled corpora: the same classifiers (TF-IDF + logistic regression, and MiniLM embeddings + logistic regression)
are trained on (a) real train, (b) synthetic and (c) real + synthetic, and all are tested on the real test split.
When the synthetic set is smaller than real train, a real sample of the same size is trained too, so that "less
data" and "worse data" can be told apart (``ratio_same_size``).
Chat corpora without labels: next-turn retrieval as a proxy. A linear map from context vectors to reply vectors is
fitted on (context, next turn) pairs of each training corpus; on real test conversations it ranks the true next
turn among all test replies (recall@1, recall@5). The untrained map (identity) is reported as a baseline: on
small corpora the fitted maps barely beat it, so this proxy is a weak signal (see ``_fit_map``).
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from ..records import Record

TRAIN_SETS = ("real", "synthetic", "real+synthetic")
SAME_SIZE = "real (same size as synthetic)"


def _scores(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1, F1 per class and the confusion matrix (rows: true label, columns: predicted)."""
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

    labels = sorted(set(y_true))
    per_class = f1_score(y_true, y_pred, average=None, labels=labels, zero_division=0)
    shown = sorted(set(y_true) | set(y_pred))  # a predicted label missing from test gets its column
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "macro_f1": float(f1_score(y_true, y_pred, average="macro", labels=labels, zero_division=0)),
        "f1_per_class": {lab: float(f) for lab, f in zip(labels, per_class)},
        "confusion": {"labels": shown, "matrix": confusion_matrix(y_true, y_pred, labels=shown).tolist()},
    }


def _tfidf_predict(train_texts: list[str], train_labels: list[str], test_texts: list[str]) -> list[str]:
    from ..classify import TextClassifier

    clf = TextClassifier()
    clf.fit(train_texts, train_labels)
    proba = np.asarray(clf.predict_proba(test_texts))
    classes = list(clf.classes_)
    return [classes[i] for i in proba.argmax(axis=1)]


def _embedding_predict(train_x: np.ndarray, train_labels: list[str], test_x: np.ndarray, seed: int) -> list[str]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=1.0, max_iter=2000, random_state=seed)
    clf.fit(train_x, train_labels)
    return list(clf.predict(test_x))


def classification_utility(
    synthetic: Sequence[tuple[str, str]],
    train: Sequence[tuple[str, str]],
    test: Sequence[tuple[str, str]],
    vectors: dict[str, np.ndarray] | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """Accuracy and macro-F1 of each classifier trained on real / synthetic / both, tested on real test.

    Inputs are (text, label) pairs; ``vectors`` (optional) holds embeddings aligned with them under
    ``synthetic``, ``train`` and ``test``, enabling the embedding classifier.
    """
    texts = {"real": [t for t, _ in train], "synthetic": [t for t, _ in synthetic]}
    labels = {"real": [y for _, y in train], "synthetic": [y for _, y in synthetic]}
    texts["real+synthetic"] = texts["real"] + texts["synthetic"]
    labels["real+synthetic"] = labels["real"] + labels["synthetic"]
    # A real training set as large as the synthetic one separates "less data" from "worse data".
    sets = list(TRAIN_SETS)
    same_size = None
    if len(synthetic) < len(train):
        same_size = np.sort(np.random.default_rng(seed).choice(len(train), len(synthetic), replace=False))
        texts[SAME_SIZE] = [texts["real"][i] for i in same_size]
        labels[SAME_SIZE] = [labels["real"][i] for i in same_size]
        sets.append(SAME_SIZE)
    test_texts = [t for t, _ in test]
    test_labels = [y for _, y in test]

    predictors: dict[str, Callable[[str], list[str]]] = {
        "tfidf_lr": lambda name: _tfidf_predict(texts[name], labels[name], test_texts),
    }
    if vectors is not None:
        vec = {"real": vectors["train"], "synthetic": vectors["synthetic"]}
        vec["real+synthetic"] = np.vstack([vec["real"], vec["synthetic"]])
        if same_size is not None:
            vec[SAME_SIZE] = vec["real"][same_size]
        predictors["embedding_lr"] = lambda name: _embedding_predict(vec[name], labels[name], vectors["test"], seed)

    results = {clf_name: _score_training_sets(predict, sets, labels, test_labels)
               for clf_name, predict in predictors.items()}
    out = _headline_ratios(results)
    out["classifiers"] = results
    out["n"] = {"synthetic": len(synthetic), "train": len(train), "test": len(test),
                "labels": sorted(set(test_labels))}
    return out


def _score_training_sets(predict: Callable[[str], list[str]], sets: list[str], labels: dict[str, list[str]],
                         test_labels: list[str]) -> dict[str, Any]:
    """One classifier trained on each training set and scored on real test, with the ratios to real."""
    per_set: dict[str, Any] = {}
    for name in sets:
        if len(set(labels[name])) < 2:
            per_set[name] = {"error": "fewer than two labels in the training data"}
            continue
        per_set[name] = _scores(test_labels, predict(name))
    real = per_set.get("real", {})
    for name, key in (("synthetic", "ratio"), ("real+synthetic", "ratio_augmented")):
        other = per_set.get(name, {})
        if "accuracy" in real and "accuracy" in other:
            per_set[key] = {m: (other[m] / real[m] if real[m] else float("nan")) for m in ("accuracy", "macro_f1")}
    matched, syn_scores = per_set.get(SAME_SIZE, {}), per_set.get("synthetic", {})
    if "accuracy" in matched and "accuracy" in syn_scores:
        per_set["ratio_same_size"] = {m: (syn_scores[m] / matched[m] if matched[m] else float("nan"))
                                      for m in ("accuracy", "macro_f1")}
    return per_set


def _headline_ratios(results: dict[str, Any]) -> dict[str, Any]:
    """The flat figures of the utility section: macro-F1 ratios (synthetic / real) and the two macro-F1s."""
    out: dict[str, Any] = {"task": "classification"}
    for clf_name, short in (("tfidf_lr", "tfidf"), ("embedding_lr", "embedding")):
        ratio = results.get(clf_name, {}).get("ratio")
        if ratio:
            out[f"ratio_macro_f1_{short}"] = ratio["macro_f1"]
        same = results.get(clf_name, {}).get("ratio_same_size")
        if same and short == "tfidf":
            out[f"ratio_macro_f1_{short}_same_size"] = same["macro_f1"]
    tf = results.get("tfidf_lr", {})
    for name, key in (("real", "macro_f1_real"), ("synthetic", "macro_f1_synthetic")):
        if "macro_f1" in tf.get(name, {}):
            out[key] = tf[name]["macro_f1"]
    return out


# --- chat proxy ---------------------------------------------------------------------------------------------


def turn_pairs(record: Record, context_turns: int = 2) -> list[tuple[str, str]]:
    """(context, next turn) pairs of a conversation: every turn after the first, with up to ``context_turns`` before it."""
    msgs = [m.get("content", "") for m in record.messages or [] if m.get("role") != "system"]
    return [("\n".join(msgs[max(0, i - context_turns) : i]), msgs[i]) for i in range(1, len(msgs)) if msgs[i].strip()]


def last_pair(record: Record, context_turns: int = 2) -> tuple[str, str] | None:
    pairs = turn_pairs(record, context_turns)
    return pairs[-1] if pairs else None


def _fit_map(ctx: np.ndarray, reply: np.ndarray, alpha: float = 30.0) -> np.ndarray:
    """Ridge map W minimising |ctx W - reply|^2 + alpha |W - I|^2 (shrinks towards the untrained identity map).

    alpha=30 was the best of 1/30/300/3000 on 2,000 chitchat pairs; smaller values regress every context towards
    the mean reply and lose to the untrained map.
    """
    d = ctx.shape[1]
    a = ctx.T @ ctx + alpha * np.eye(d)
    b = ctx.T @ reply + alpha * np.eye(d)
    return np.linalg.solve(a, b)


def _recall(queries: np.ndarray, candidates: np.ndarray, ks: Sequence[int] = (1, 5)) -> dict[str, float]:
    q = queries / np.maximum(np.linalg.norm(queries, axis=1, keepdims=True), 1e-12)
    sims = q @ candidates.T
    true = np.diag(sims)[:, None]
    rank = (sims > true).sum(axis=1)  # 0 = the true reply ranks first
    return {f"recall@{k}": float((rank < k).mean()) for k in ks}


def retrieval_utility(
    synthetic: Sequence[Record],
    train: Sequence[Record],
    test: Sequence[Record],
    encode: Callable[[list[str]], np.ndarray],
    max_candidates: int = 500,
    seed: int = 0,
) -> dict[str, Any]:
    """Next-turn retrieval on real test conversations with context->reply maps fitted on each training corpus.

    ``encode`` maps texts to L2-normalised vectors (MiniLM embeddings, or a TF-IDF/SVD fallback).
    """
    rng = np.random.default_rng(seed)
    test_pairs = [p for p in (last_pair(r) for r in test) if p is not None]
    if len(test_pairs) > max_candidates:
        test_pairs = [test_pairs[i] for i in sorted(rng.choice(len(test_pairs), max_candidates, replace=False))]
    pairs = {
        "real": [p for r in train for p in turn_pairs(r)],
        "synthetic": [p for r in synthetic for p in turn_pairs(r)],
    }
    pairs["real+synthetic"] = pairs["real"] + pairs["synthetic"]
    if len(test_pairs) < 2:
        return {"task": "next_turn_retrieval", "error": "fewer than two real test conversations with two turns"}
    q = encode([c for c, _ in test_pairs])
    cand = encode([r for _, r in test_pairs])
    cache = {name: (encode([c for c, _ in ps]), encode([r for _, r in ps])) for name, ps in pairs.items()
             if name != "real+synthetic" and ps}
    results: dict[str, Any] = {"no_training": _recall(q, cand)}
    for name in TRAIN_SETS:
        parts = [cache[n] for n in name.split("+") if n in cache]
        if not parts:
            results[name] = {"error": "no (context, reply) pairs"}
            continue
        ctx = np.vstack([p[0] for p in parts])
        rep = np.vstack([p[1] for p in parts])
        results[name] = _recall(q @ _fit_map(ctx, rep), cand)
        results[name]["pairs"] = int(len(ctx))
    out: dict[str, Any] = {"task": "next_turn_retrieval"}
    real, syn, both = (results.get(n, {}) for n in TRAIN_SETS)
    if real.get("recall@1") and "recall@1" in syn:
        out["ratio_recall@1"] = syn["recall@1"] / real["recall@1"]
    if real.get("recall@5") and "recall@5" in syn:
        out["ratio_recall@5"] = syn["recall@5"] / real["recall@5"]
    for name, key in (("real", "recall@1_real"), ("synthetic", "recall@1_synthetic"), ("real+synthetic", "recall@1_augmented")):
        if "recall@1" in results.get(name, {}):
            out[key] = results[name]["recall@1"]
    out["retrieval"] = results
    out["n"] = {"candidates": len(test_pairs), "pairs_real": len(pairs["real"]), "pairs_synthetic": len(pairs["synthetic"])}
    return out
