"""Fidelity: how closely the synthetic corpus resembles the real one, and how varied it is.

Every figure that depends on sample size (distinct-n, self-BLEU, Fréchet distance) is computed on equal-size
samples of real and synthetic text, so the two numbers can be compared side by side.
"""
from __future__ import annotations

import math
import random
from collections import Counter
from typing import Any, Sequence

import numpy as np

from ..core.text import words


# --- labels ----------------------------------------------------------------------------------------------


def label_shares(labels: Sequence[str | None]) -> dict[str, float]:
    """Share of each label (``None`` counted as ``"(none)"``), sorted by label."""
    counts = Counter("(none)" if lab is None else str(lab) for lab in labels)
    total = sum(counts.values()) or 1
    return {k: counts[k] / total for k in sorted(counts)}


def label_distance(p: dict[str, float], q: dict[str, float]) -> dict[str, float]:
    """Total variation distance and Jensen-Shannon divergence (base 2, in [0, 1]) between two label shares."""
    keys = sorted(set(p) | set(q))
    a = np.array([p.get(k, 0.0) for k in keys])
    b = np.array([q.get(k, 0.0) for k in keys])
    tv = 0.5 * float(np.abs(a - b).sum())
    m = 0.5 * (a + b)

    def kl(x: np.ndarray, y: np.ndarray) -> float:
        mask = x > 0
        return float(np.sum(x[mask] * np.log2(x[mask] / y[mask])))

    js = 0.5 * kl(a, m) + 0.5 * kl(b, m) if keys else 0.0
    return {"total_variation": tv, "js_divergence": max(0.0, js)}


# --- lengths and vocabulary -----------------------------------------------------------------------------


def length_stats(tokenised: Sequence[Sequence[str]]) -> dict[str, float]:
    """Words per record: mean, std and quantiles."""
    lengths = np.array([len(t) for t in tokenised], dtype=float)
    if lengths.size == 0:
        return {"mean": 0.0, "std": 0.0, "p5": 0.0, "median": 0.0, "p95": 0.0}
    return {
        "mean": float(lengths.mean()),
        "std": float(lengths.std()),
        "p5": float(np.percentile(lengths, 5)),
        "median": float(np.median(lengths)),
        "p95": float(np.percentile(lengths, 95)),
    }


def vocabulary_stats(synthetic: Sequence[Sequence[str]], real: Sequence[Sequence[str]]) -> dict[str, float]:
    """Vocabulary sizes, and how much of the synthetic vocabulary (types and tokens) the real corpus also uses."""
    syn_counts = Counter(w for t in synthetic for w in t)
    real_vocab = {w for t in real for w in t}
    syn_tokens = sum(syn_counts.values()) or 1
    return {
        "vocab_synthetic": len(syn_counts),
        "vocab_real": len(real_vocab),
        "synthetic_types_in_real": (sum(1 for w in syn_counts if w in real_vocab) / len(syn_counts)) if syn_counts else 0.0,
        "synthetic_tokens_in_real": sum(c for w, c in syn_counts.items() if w in real_vocab) / syn_tokens,
    }


# --- diversity ------------------------------------------------------------------------------------------


def ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def distinct_n(tokenised: Sequence[Sequence[str]], n: int) -> float:
    """Distinct-n: unique n-grams / all n-grams over the corpus (higher = more varied)."""
    grams = [g for t in tokenised for g in ngrams(t, n)]
    return len(set(grams)) / len(grams) if grams else 0.0


def self_bleu(tokenised: Sequence[Sequence[str]], max_n: int = 4) -> float:
    """Self-BLEU: mean BLEU-4 of each record against all the others as references (higher = more repetitive).

    Sentence BLEU with uniform weights, clipped counts against the best reference, the closest reference length
    for the brevity penalty and epsilon smoothing (0.1) for empty orders, as in nltk's ``method1``. Records with
    fewer than ``max_n`` words are left out. Computed in one pass: for every n-gram the two highest per-record
    counts give the best count among the *other* records.
    """
    docs = [list(t) for t in tokenised if len(t) >= max_n]
    if len(docs) < 2:
        return float("nan")
    lengths = np.array([len(d) for d in docs])
    per_doc: list[list[Counter]] = [[Counter(ngrams(d, n)) for n in range(1, max_n + 1)] for d in docs]
    # n-gram -> (best count, doc holding it, second best count)
    top: list[dict[tuple[str, ...], list]] = [dict() for _ in range(max_n)]
    for i, counters in enumerate(per_doc):
        for n_idx, counter in enumerate(counters):
            table = top[n_idx]
            for g, c in counter.items():
                entry = table.get(g)
                if entry is None:
                    table[g] = [c, i, 0]
                elif c > entry[0]:
                    entry[2], entry[0], entry[1] = entry[0], c, i
                elif c > entry[2]:
                    entry[2] = c
    scores = []
    for i, counters in enumerate(per_doc):
        log_p = 0.0
        for n_idx, counter in enumerate(counters):
            table = top[n_idx]
            total = sum(counter.values())
            clipped = 0
            for g, c in counter.items():
                best, holder, second = table[g]
                clipped += min(c, second if holder == i else best)
            log_p += math.log((clipped if clipped > 0 else 0.1) / total)
        hyp_len = lengths[i]
        others = np.delete(lengths, i)
        ref_len = int(others[np.lexsort((others, np.abs(others - hyp_len)))][0])
        bp = 1.0 if hyp_len > ref_len else math.exp(1 - ref_len / hyp_len)
        scores.append(bp * math.exp(log_p / max_n))
    return float(np.mean(scores))


# --- embedding distributions ---------------------------------------------------------------------------


def frechet_distance(x: np.ndarray, y: np.ndarray) -> float:
    """Fréchet distance between Gaussians fitted to two sets of embeddings (as in FID / FBD)."""
    from scipy import linalg

    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    mu1, mu2 = x.mean(0), y.mean(0)
    s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    covmean, _ = linalg.sqrtm(s1 @ s2, disp=False)
    if not np.isfinite(covmean).all():
        eps = np.eye(s1.shape[0]) * 1e-6
        covmean = linalg.sqrtm((s1 + eps) @ (s2 + eps))
    covmean = np.real(covmean)
    return float(max(0.0, np.sum((mu1 - mu2) ** 2) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)))


def mauve_score(real: np.ndarray, synthetic: np.ndarray, seed: int = 0) -> float | None:
    """MAUVE on precomputed embeddings when ``mauve-text`` is installed; ``None`` otherwise."""
    try:
        import mauve  # type: ignore[import-not-found]
    except ImportError:
        return None
    out = mauve.compute_mauve(p_features=np.asarray(real), q_features=np.asarray(synthetic), seed=seed,
                              verbose=False, device_id=-1)
    return float(out.mauve)


# --- the section --------------------------------------------------------------------------------------------


def fidelity_metrics(
    synthetic_texts: Sequence[str],
    synthetic_labels: Sequence[str | None],
    real_texts: Sequence[str],
    real_labels: Sequence[str | None],
    *,
    seed: int = 0,
    diversity_sample: int = 300,
    vectors: dict[str, np.ndarray] | None = None,
) -> dict[str, Any]:
    """The fidelity section of the metrics.

    ``vectors`` (optional) holds L2-normalised vectors for ``synthetic``, ``train`` and ``test`` (real) texts; with
    it the Fréchet distance synthetic->train is reported next to the real baseline test->train on equal sample sizes.
    """
    rng = random.Random(seed)
    syn_tok = [words(t) for t in synthetic_texts]
    real_tok = [words(t) for t in real_texts]
    labels_syn = label_shares(synthetic_labels)
    labels_real = label_shares(real_labels)
    dist = label_distance(labels_syn, labels_real)
    len_syn, len_real = length_stats(syn_tok), length_stats(real_tok)

    k = min(diversity_sample, len(syn_tok), len(real_tok))
    syn_sample = rng.sample(syn_tok, k) if k else []
    real_sample = rng.sample(real_tok, k) if k else []
    out: dict[str, Any] = {
        # unlabelled real data (e.g. chat logs) has no label distribution to compare with
        "label_tv": dist["total_variation"] if any(lab is not None for lab in real_labels) else None,
        "label_js": dist["js_divergence"] if any(lab is not None for lab in real_labels) else None,
        "mean_words_synthetic": len_syn["mean"],
        "mean_words_real": len_real["mean"],
        "distinct_2_synthetic": distinct_n(syn_sample, 2),
        "distinct_2_real": distinct_n(real_sample, 2),
        "self_bleu_synthetic": self_bleu(syn_sample),
        "self_bleu_real": self_bleu(real_sample),
    }
    if vectors is not None and len(vectors.get("synthetic", [])) > 1 and len(vectors.get("train", [])) > 1:
        syn_v, train_v, test_v = vectors["synthetic"], vectors["train"], vectors.get("test")
        m = min(len(syn_v), len(test_v)) if test_v is not None and len(test_v) > 1 else len(syn_v)
        nprng = np.random.default_rng(seed)
        syn_idx = nprng.choice(len(syn_v), m, replace=False)
        out["frechet_distance"] = frechet_distance(syn_v[syn_idx], train_v)
        if test_v is not None and len(test_v) > 1:
            test_idx = nprng.choice(len(test_v), m, replace=False)
            out["frechet_baseline_real"] = frechet_distance(test_v[test_idx], train_v)
        out["frechet_sample"] = int(m)
        mv = mauve_score(train_v, syn_v, seed=seed)
        if mv is not None:
            out["mauve"] = mv
    out["labels"] = {"synthetic": labels_syn, "real": labels_real}
    out["lengths"] = {"synthetic": len_syn, "real": len_real}
    out["vocabulary"] = vocabulary_stats(syn_tok, real_tok)
    out["diversity"] = {
        "sample_records": k,
        "distinct_1": {"synthetic": distinct_n(syn_sample, 1), "real": distinct_n(real_sample, 1)},
        "distinct_2": {"synthetic": out["distinct_2_synthetic"], "real": out["distinct_2_real"]},
        "self_bleu": {"synthetic": out["self_bleu_synthetic"], "real": out["self_bleu_real"]},
    }
    return out
