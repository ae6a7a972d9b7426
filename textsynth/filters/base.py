"""The filter stage's building blocks: a Filter writes ``check(record) -> Drop | None`` (and, when batching
pays off, ``check_batch``); ``runner.FilterRunner`` applies them; ``filter_records`` is the stage in one call.
"""
from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..config import FilterConfig
from ..records import Record, Rejection


@dataclass
class Drop:
    """Why a filter dropped a record: a short reason name and the score that crossed the threshold."""

    reason: str
    score: float | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    shown: Record | None = None  # what the rejects file keeps instead of the record (PII masked)


@dataclass
class FilterResult:
    kept: list[Record]
    rejected: list[Rejection]
    stats: dict[str, Any]


class EmbeddingUser:
    """Mixin of the filters that embed texts: the ``embed`` of the runner's context (one cache shared by the
    filters) or MiniLM's own, loaded on first use, and its identity for the saved seed index."""

    _embed: Any = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if self._embed is None:
            from ..models.embeddings import embed

            self._embed = embed
        return self._embed(list(texts))

    def embedder_identity(self) -> str:
        from ..models.embeddings import embedder_identity

        return embedder_identity(self._embed)


class Filter:
    """Base class: one check per record, optional fitting on the seeds.

    Subclasses set ``name``, implement ``check`` (or ``check_batch``) and call ``self.observe(score)`` with
    their main score for every record checked, so the runner can report score distributions.
    """

    name: str = "filter"
    score_name: str = "score"
    cleans: bool = False  # True when the records it passes are free of PII (their rejects need no redaction)

    def __init__(self, config: FilterConfig, **context: Any):
        self.config = config
        self.scores = array("d")  # every score observed, 8 bytes each (a list of floats takes 32)

    def fit(self, seeds: Sequence[Record]) -> None:
        """Build whatever index the filter needs from the (scrubbed) seeds; called once.

        Override this, or ``fit_shard`` and ``fit_done`` for an index built from a stream of seeds.
        """
        self.fit_shard(seeds)
        self.fit_done()

    def fit_shard(self, seeds: Sequence[Record]) -> None:
        """Take one shard of a stream of seeds; ``fit_done`` follows the last one.

        Filters whose index can grow shard by shard override both; others are given all seeds at once
        through ``fit`` (collected here), and filters without a seed index (no ``fit``) collect nothing.
        """
        if type(self).fit is not Filter.fit:
            if not hasattr(self, "_fit_pending"):
                self._fit_pending: list[Record] = []
            self._fit_pending.extend(seeds)

    def fit_done(self) -> None:
        """The seed stream ended: finish the index."""
        if type(self).fit is not Filter.fit:
            self.fit(getattr(self, "_fit_pending", []))
            self._fit_pending = []

    def index_identity(self) -> dict[str, Any]:
        """What besides the seeds and the filter config shapes the saved index (e.g. the embedding model)."""
        return {}

    def save_index(self, directory: Path) -> bool:
        """Write the seed index into ``directory`` in safe formats (numpy, JSON, skops; never pickle).

        Returns False when the filter keeps no seed index or cannot save it (it is then fitted every time).
        """
        return False

    def load_index(self, directory: Path) -> bool:
        """Read what ``save_index`` wrote; False when it no longer fits this filter (then it is rebuilt)."""
        return False

    def check(self, record: Record) -> Drop | None:
        raise NotImplementedError

    def check_batch(self, records: Sequence[Record]) -> list[Drop | None]:
        return [self.check(r) for r in records]

    def check_accepted(self, records: Sequence[Record]) -> list[Drop | None] | None:
        """Check survivors against previously accepted synthetic records and remember those that pass.

        Returns None when the filter keeps no such state.
        """
        return None

    def remember(self, records: Sequence[Record]) -> None:
        """Take records accepted in an earlier run (resume) into the state ``check_accepted`` keeps."""
        self.check_accepted(records)

    def counters(self) -> dict[str, Any]:
        """JSON-able counters behind ``report`` (a resumed run restores them with ``restore_counters``)."""
        return {}

    def restore_counters(self, counters: dict[str, Any]) -> None:
        """Set the counters saved by ``counters``."""

    def thresholds(self) -> dict[str, Any]:
        return {}

    def report(self) -> dict[str, Any]:
        """Extra counts for the stats (e.g. PII spans per entity type); merged into the filter's entry."""
        return {}

    def observe(self, score: float | None) -> None:
        if score is not None and np.isfinite(score):
            self.scores.append(float(score))
