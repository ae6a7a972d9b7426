"""Privacy: does the synthetic corpus copy its seeds?

- memorisation: share of synthetic records that copy real train by the gate's own definition
  (``NgramIndex.copies``: an exact copy, a shared word 8-gram, or a train record of 5-7 words contained whole),
  next to the same rate for unseen real records;
- DCR (distance to closest record): cosine distance from each synthetic record to its nearest real train record,
  compared with the same distance for held-out real records. Synthetic data that sits closer to train than unseen
  real data does raises the DCR alarm;
- exact matches of seed PII values (through the keyed-hash ``SeedPiiLookup``) and canary exposure.

No text is returned from here: only counts, rates and distances.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..core.ngrams import NgramIndex
from ..core.seed_pii import SeedPiiLookup
from ..core.text import words

NGRAM = 8
NEAR_ZERO_DCR = 0.02  # cosine distance below which two records are (near-)duplicates
# Alarm thresholds: synthetic vs holdout DCR.
ALARM_MEDIAN_RATIO = 0.8  # synthetic median DCR below 80% of the holdout median
ALARM_P5_RATIO = 0.5  # synthetic 5th percentile below half the holdout's
# More than 10% of synthetic records closer than the holdout's 5th percentile (5% at parity); with small samples
# the bar rises to 5% + 3 standard errors, since the holdout's percentile is itself an estimate.
ALARM_BELOW_HOLDOUT_P5 = 0.10
ALARM_NEAR_ZERO_EXCESS = 0.02  # near-duplicate share exceeds the holdout's by more than 2 points


def memorisation(synthetic: Sequence[str], train: Sequence[str], holdout: Sequence[str] | None = None,
                 n: int = NGRAM) -> dict[str, Any]:
    """Memorisation and exact-copy rates of synthetic records against train (and the holdout's as a baseline)."""
    index = NgramIndex(long_n=n, share_n=n).build(train)
    out: dict[str, Any] = {
        "n": n,
        "rate": float(np.mean(index.copies(synthetic))) if synthetic else 0.0,
        "exact_rate": float(np.mean(index.query(synthetic)["exact"])) if synthetic else 0.0,
    }
    if holdout:
        out["holdout_rate"] = float(np.mean(index.copies(holdout)))
    return out


def nearest_distances(queries: np.ndarray, reference: np.ndarray, batch: int = 1024) -> np.ndarray:
    """Cosine distance from each (L2-normalised) query row to its nearest reference row; dense or scipy sparse."""
    return nearest_neighbours(queries, reference, batch)[0]


def nearest_neighbours(queries: np.ndarray, reference: np.ndarray, batch: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    """(cosine distance, index) of each (L2-normalised) query row's nearest reference row; dense or scipy sparse."""
    dist, idx = [], []
    for start in range(0, queries.shape[0], batch):
        sims = queries[start : start + batch] @ reference.T
        sims = sims.toarray() if hasattr(sims, "toarray") else np.asarray(sims)
        idx.append(sims.argmax(axis=1))
        dist.append(1.0 - sims.max(axis=1))
    if not dist:
        return np.zeros(0), np.zeros(0, dtype=np.int64)
    return np.clip(np.concatenate(dist), 0.0, 2.0), np.concatenate(idx).astype(np.int64)


def dcr_summary(synthetic: np.ndarray, holdout: np.ndarray | None) -> dict[str, Any]:
    """Quantiles of both DCR distributions and the alarm with the reasons that triggered it."""

    def q(d: np.ndarray) -> dict[str, float]:
        return {
            "p5": float(np.percentile(d, 5)),
            "median": float(np.median(d)),
            "mean": float(d.mean()),
            "near_zero_share": float((d < NEAR_ZERO_DCR).mean()),
        }

    out: dict[str, Any] = {"synthetic": q(synthetic) if synthetic.size else None}
    reasons: list[str] = []
    if synthetic.size and holdout is not None and holdout.size:
        h, s = q(holdout), out["synthetic"]
        out["holdout"] = h
        below = float((synthetic < h["p5"]).mean())
        bar = max(ALARM_BELOW_HOLDOUT_P5, 0.05 + 3 * float(np.sqrt(0.05 * 0.95 * (1 / synthetic.size + 1 / holdout.size))))
        out["share_below_holdout_p5"] = below
        if s["median"] < ALARM_MEDIAN_RATIO * h["median"]:
            reasons.append(f"median DCR {s['median']:.3f} < {ALARM_MEDIAN_RATIO:g} x holdout {h['median']:.3f}")
        if s["p5"] < ALARM_P5_RATIO * h["p5"]:
            reasons.append(f"5th percentile DCR {s['p5']:.3f} < {ALARM_P5_RATIO:g} x holdout {h['p5']:.3f}")
        if below > bar:
            reasons.append(f"{below:.0%} of synthetic records closer to train than the holdout's 5th percentile")
        if s["near_zero_share"] > h["near_zero_share"] + ALARM_NEAR_ZERO_EXCESS:
            reasons.append(f"{s['near_zero_share']:.0%} near-duplicates of train (holdout {h['near_zero_share']:.0%})")
    elif synthetic.size and out["synthetic"]["near_zero_share"] > ALARM_NEAR_ZERO_EXCESS:
        reasons.append(f"{out['synthetic']['near_zero_share']:.0%} near-duplicates of train (no holdout to compare)")
    out["alarm"] = bool(reasons)
    out["alarm_reasons"] = reasons
    return out


def pii_matches(synthetic: Sequence[str], seed_pii: SeedPiiLookup) -> dict[str, int]:
    """Synthetic records containing a seed PII value (``seed_pii.find`` spans), and the total number of spans."""
    hits = [len(seed_pii.find(t)) for t in synthetic]
    return {"records": int(sum(1 for h in hits if h)), "spans": int(sum(hits))}


def canary_exposure(synthetic: Sequence[str], canaries: Sequence[str], n: int = NGRAM) -> dict[str, Any]:
    """How many canaries leak into the synthetic corpus: verbatim (case-insensitive words) or by an n-gram.

    Canaries are secrets planted in the seeds to test leakage; only counts are returned, never the canaries.
    """
    syn_words = [" ".join(words(t)) for t in synthetic]
    verbatim, partial, records = 0, 0, set()
    for canary in canaries:
        cw = words(canary)
        phrase = " ".join(cw)
        hit = [i for i, s in enumerate(syn_words) if phrase and f" {phrase} " in f" {s} "]
        if hit:
            verbatim += 1
            records.update(hit)
            continue
        length = min(n, max(1, len(cw)))
        hit = np.flatnonzero(NgramIndex(long_n=length, share_n=length).build([canary]).copies(synthetic)).tolist()
        if hit:
            partial += 1
            records.update(hit)
    return {"canaries": len(canaries), "exposed_verbatim": verbatim, "exposed_partial": partial,
            "synthetic_records_with_canary": len(records)}


def privacy_metrics(
    synthetic: Sequence[str],
    train: Sequence[str],
    holdout: Sequence[str],
    dcr_synthetic: np.ndarray,
    dcr_holdout: np.ndarray,
    all_synthetic: Sequence[str] | None = None,
    seed_pii: SeedPiiLookup | None = None,
    canaries: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The privacy section: headline figures first, then the details.

    ``dcr_*`` are the nearest-train distances of the (sampled) synthetic and holdout records; PII and canaries
    are checked on ``all_synthetic`` (every synthetic record) when given.
    """
    mem = memorisation(synthetic, train, holdout)
    dcr = dcr_summary(dcr_synthetic, dcr_holdout)
    out: dict[str, Any] = {
        "memorisation_rate": mem["rate"],
        "memorisation_rate_holdout": mem.get("holdout_rate"),
        "exact_copy_rate": mem["exact_rate"],
        "dcr_median_synthetic": dcr["synthetic"]["median"],
        "dcr_median_holdout": dcr.get("holdout", {}).get("median"),
        "dcr_p5_synthetic": dcr["synthetic"]["p5"],
        "dcr_p5_holdout": dcr.get("holdout", {}).get("p5"),
        "dcr_alarm": dcr["alarm"],
    }
    everything = list(all_synthetic) if all_synthetic is not None else list(synthetic)
    if seed_pii is not None:
        pii = pii_matches(everything, seed_pii)
        out["pii_matches"] = pii["records"]
        out["pii"] = pii
    if canaries:
        can = canary_exposure(everything, list(canaries))
        out["canaries_exposed"] = can["exposed_verbatim"] + can["exposed_partial"]
        out["canaries"] = can
    out["memorisation"] = mem
    out["dcr"] = dcr
    return out
