"""evaluate(): fidelity, utility and privacy of a synthetic corpus against real data, as a ``Report``.

This module computes the numbers; ``report.Report`` writes them (metrics.json) and ``render`` turns them into
one self-contained HTML file. The report shows synthetic examples only (already scrubbed; any span matching a
seed PII hash is masked again) and, only when asked (``closest_pairs``), the scrubbed seed text closest to a
synthetic record, for auditing.
"""
from __future__ import annotations

import logging
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import numpy as np

from ..config import EvaluateConfig
from ..core.split import stratified_split
from ..core.text import words
from ..errors import InputError, ModelError
from ..records import Record
from . import fidelity as fid
from . import privacy as priv
from . import utility as util
from .report import Report
from .summary import closest_pairs, mask_seed_pii, provenance_block, summarise_filter_stats
from .vectors import TfidfSpace, projection
from .vectors import embed_texts as _embed

if TYPE_CHECKING:
    from ..core.seed_pii import SeedPiiLookup

log = logging.getLogger(__name__)


MAX_PAIRS = 2000  # (context, reply) pairs per corpus for the chat retrieval proxy
N_EXAMPLES = 5


@dataclass
class _Inputs:
    """The records evaluated: all of them, and the seeded samples (at most ``max_records`` each) the metrics use."""

    synthetic: list[Record]
    real_train: list[Record]
    real_test: list[Record]
    test_source: str
    syn: list[Record]
    train: list[Record]
    test: list[Record]

    @property
    def texts(self) -> dict[str, list[str]]:
        return {"synthetic": [r.content() for r in self.syn], "train": [r.content() for r in self.train],
                "test": [r.content() for r in self.test]}

    @property
    def is_chat(self) -> bool:
        return any(r.is_chat for r in self.syn) or any(r.is_chat for r in self.train)


def evaluate(
    synthetic: Sequence[Record],
    real_train: Sequence[Record],
    real_test: Sequence[Record] | None = None,
    config: EvaluateConfig = EvaluateConfig(),
    filter_stats: dict[str, Any] | None = None,
    canaries: Sequence[str] | None = None,
    seed_pii: SeedPiiLookup | None = None,
    provenance: dict[str, Any] | None = None,
) -> Report:
    """Measure fidelity, utility (train on synthetic, test on real) and privacy of ``synthetic`` against real data.

    Args:
        synthetic: the synthetic records (their ``meta`` names model, template and sampling settings).
        real_train: the real (scrubbed) records the generator saw.
        real_test: real records the generator never saw; without them a seeded stratified split of ``real_train``
            (``config.test_fraction``) serves as test set and as the DCR holdout.
        config: test split, seed, embeddings on/off, sample size, closest pairs to list.
        filter_stats: the filter stage's stats, for the counts and drops in the report.
        canaries: secrets planted in the seeds, to count those the synthetic data exposes.
        seed_pii: the seed PII index: exact matches of seed PII values are counted and masked in the report.
        provenance: what the caller knows about the run (``n_seeds``, ``dp_epsilon``, ``method``, ...).

    Returns:
        The metrics and what the HTML report shows; ``Report.write`` saves both.

    Raises:
        InputError: no synthetic or no real records, or too few real records to hold out a test split.
    """
    t_start = time.time()
    data = _inputs(synthetic, real_train, real_test, config)
    texts, seed, timings = data.texts, config.seed, {}
    with _timed(timings, "vectors"):
        tfidf = TfidfSpace(texts["train"])
        emb, representation = _vectors(texts, config.embeddings)
    with _timed(timings, "utility"):
        utility = _utility(data, texts, emb, tfidf, seed)
    with _timed(timings, "privacy"):
        privacy, nearest = _privacy(data, texts, emb, tfidf, seed_pii, canaries)
        privacy["dcr"]["representation"] = representation
    with _timed(timings, "fidelity"):
        fidelity = fid.fidelity_metrics(texts["synthetic"], [r.label for r in data.syn], texts["train"] + texts["test"],
                                        [r.label for r in data.train + data.test], seed=seed, vectors=emb)
    metrics = {"provenance": provenance_block(data.synthetic, len(real_train), provenance),
               "meta": _meta(data, representation, bool(emb), seed),
               "utility": utility, "privacy": privacy, "fidelity": fidelity}
    if filter_stats:
        metrics["filter"] = summarise_filter_stats(filter_stats, n_synthetic=len(data.synthetic))
    timings["total"] = time.time() - t_start
    metrics["meta"]["seconds"] = {k: round(v, 2) for k, v in timings.items()}
    plots = {
        "labels": fidelity["labels"],
        "lengths": {"synthetic": [len(words(x)) for x in texts["synthetic"]],
                    "real": [len(words(x)) for x in texts["train"] + texts["test"]]},
        "dcr": {"synthetic": nearest[0].tolist(), "holdout": nearest[2].tolist()},
        "projection": projection(emb, texts, seed), "utility": utility, "filter": metrics.get("filter"),
    }
    pairs = closest_pairs(data.syn, data.train, nearest[0], nearest[1], config.closest_pairs, seed_pii)
    return Report(metrics=metrics, plots=plots, examples=_examples(data.syn, seed_pii, seed), closest_pairs=pairs)


@contextmanager
def _timed(timings: dict[str, float], name: str) -> Iterator[None]:
    t = time.time()
    yield
    timings[name] = time.time() - t


def _inputs(synthetic: Sequence[Record], real_train: Sequence[Record], real_test: Sequence[Record] | None,
            config: EvaluateConfig) -> _Inputs:
    synthetic, real_train = list(synthetic), list(real_train)
    if not synthetic:
        raise InputError("no synthetic records to evaluate")
    if not real_train:
        raise InputError("no real records to compare with")
    seed, test_source = config.seed, "given"
    if not real_test:
        real_train, real_test = _split(real_train, config.test_fraction, seed)
        test_source = f"seeded split ({config.test_fraction:g} of the real records, seed {seed})"
    real_test = list(real_test)
    return _Inputs(synthetic, real_train, real_test, test_source, _sample(synthetic, config.max_records, seed),
                   _sample(real_train, config.max_records, seed + 1), _sample(real_test, config.max_records, seed + 2))


def _meta(data: _Inputs, representation: str, embeddings: bool, seed: int) -> dict[str, Any]:
    return {"n_synthetic": len(data.synthetic), "n_real_train": len(data.real_train), "n_real_test": len(data.real_test),
            "n_evaluated": {"synthetic": len(data.syn), "train": len(data.train), "test": len(data.test)},
            "kind": "chat" if data.is_chat else "text", "test_split": data.test_source,
            "representation": representation, "embeddings": embeddings, "seed": seed}


def _sample(records: list[Record], k: int, seed: int) -> list[Record]:
    if len(records) <= k:
        return records
    return random.Random(seed).sample(records, k)


def _split(records: list[Record], fraction: float, seed: int) -> tuple[list[Record], list[Record]]:
    """Seeded split of real records into (train, test), stratified by label when every label has two records."""
    if len(records) < 4:
        raise InputError("need at least 4 real records to hold out a test split (or pass real_test)")
    return stratified_split(records, fraction or 0.2, seed)


def _vectors(texts: dict[str, list[str]], embeddings: bool) -> tuple[dict[str, np.ndarray] | None, str]:
    """MiniLM embeddings of every set, or None (TF-IDF fitted on real train stands in) when off or unavailable."""
    representation = "TF-IDF (word 1-2 grams) fitted on real train"
    if not embeddings:
        return None, representation
    try:
        return {name: _embed(ts) for name, ts in texts.items()}, "all-MiniLM-L6-v2 embeddings"
    except (ImportError, ModelError) as exc:  # MissingDependencyError is an ImportError
        log.warning("embeddings unavailable, using TF-IDF vectors instead: %s", exc)
        return None, representation + " (embeddings unavailable)"


def _utility(data: _Inputs, texts: dict[str, list[str]], emb: dict[str, np.ndarray] | None, tfidf: TfidfSpace,
             seed: int) -> dict[str, Any]:
    syn, train, test = data.syn, data.train, data.test
    labelled = (all(r.label is not None for r in syn) and all(r.label is not None for r in train + test)
                and len({r.label for r in train}) >= 2)
    if labelled:
        utility = util.classification_utility(
            [(x, r.label) for x, r in zip(texts["synthetic"], syn)],
            [(x, r.label) for x, r in zip(texts["train"], train)],
            [(x, r.label) for x, r in zip(texts["test"], test)],
            vectors=emb, seed=seed,
        )
        if data.is_chat:
            utility["task"] = "intent_classification"
        return utility
    if data.is_chat:
        encode = _embed if emb is not None else tfidf.dense
        utility = util.retrieval_utility(_cap_turns(syn, seed), _cap_turns(train, seed), test, encode=encode, seed=seed)
        utility["representation"] = "embeddings" if emb is not None else "TF-IDF + SVD"
        return utility
    return {"task": "none", "reason": "no labels on both real and synthetic records and not a chat corpus"}


def _privacy(data: _Inputs, texts: dict[str, list[str]], emb: dict[str, np.ndarray] | None, tfidf: TfidfSpace,
             seed_pii: SeedPiiLookup | None, canaries: Sequence[str] | None
             ) -> tuple[dict[str, Any], tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Privacy metrics, and (synthetic DCR, index of each synthetic record's closest train record, holdout DCR)."""
    if emb is not None:
        d_syn, i_syn = priv.nearest_neighbours(emb["synthetic"], emb["train"])
        d_hold = priv.nearest_distances(emb["test"], emb["train"])
    else:
        ref = tfidf.transform(texts["train"])
        d_syn, i_syn = priv.nearest_neighbours(tfidf.transform(texts["synthetic"]), ref)
        d_hold = priv.nearest_distances(tfidf.transform(texts["test"]), ref)
    privacy = priv.privacy_metrics(
        texts["synthetic"], [r.content() for r in data.real_train], texts["test"], d_syn, d_hold,
        all_synthetic=[r.content() for r in data.synthetic], seed_pii=seed_pii, canaries=canaries,
    )
    return privacy, (d_syn, i_syn, d_hold)


def _cap_turns(records: list[Record], seed: int) -> list[Record]:
    """Enough conversations for about MAX_PAIRS (context, reply) pairs."""
    chats = [r for r in records if r.is_chat]
    rng = random.Random(seed)
    rng.shuffle(chats)
    out, n = [], 0
    for r in chats:
        if n >= MAX_PAIRS:
            break
        out.append(r)
        n += max(0, len(r.messages or []) - 1)
    return out


def _examples(records: list[Record], seed_pii: SeedPiiLookup | None, seed: int) -> list[dict[str, Any]]:
    """A few synthetic records for the report, shortened, with any seed-PII span masked."""
    picked = random.Random(seed).sample(records, min(N_EXAMPLES, len(records)))
    return [{"label": r.label, "text": mask_seed_pii(r, seed_pii)} for r in picked]
