"""FilterRunner: builds the configured filters once (fitted on the seeds) and owns the loop, counts and scores.

The runner applies the filters in order, so each candidate is rejected by the first filter that drops it and
every candidate ends up in exactly one of ``kept`` or ``rejected``. Filters that remember accepted synthetic
records (near-duplicates within the synthetic set) see only the records every filter passed, through
``check_accepted``, which runs last and sequentially.

Rejected records are model outputs and may carry PII: the runner writes every one of them redacted (seed
PII values masked, direct identifiers scrubbed) unless a cleaning filter (``cleans = True``, the PII
filter) already passed it or the dropping filter supplied its own redacted copy (``Drop.shown``).
"""
from __future__ import annotations

import logging
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..config import FilterConfig, ScrubConfig
from ..core.seed_pii import SeedPiiLookup
from ..errors import ConfigError
from ..io import chunks
from ..records import Record, Rejection
from .base import Drop, Filter, FilterResult
from .saved_indexes import SavedSeedIndexes

log = logging.getLogger(__name__)


SEED_SHARD = 4096  # seeds handed to the filters' index builders at once


def default_filters() -> dict[str, type[Filter]]:
    """The built-in filters by name (a plain dict: pass your own to plug in more)."""
    from .label import LabelFilter
    from .minhash import MinHashFilter
    from .neighbours import NeighboursFilter
    from .ngram import NgramFilter
    from .pii import PiiFilter
    from .quality import QualityFilter

    return {f.name: f for f in (QualityFilter, NgramFilter, MinHashFilter, NeighboursFilter, PiiFilter, LabelFilter)}


class FilterRunner:
    """Builds the configured filters once (fitted on the seeds) and runs batches of candidates through them.

    Keep one runner across resampling rounds: counts and the within-synthetic duplicate state accumulate.
    """

    def __init__(self, seeds: Iterable[Record] | None, config: FilterConfig = FilterConfig(),
                 seed_pii: SeedPiiLookup | None = None,
                 registry: dict[str, type[Filter]] | None = None, scrub_config: ScrubConfig | None = None,
                 *, index_dir: str | Path | None = None, index_fingerprint: str | None = None, fit: bool = True,
                 **context: Any):
        """``context`` goes to every filter's constructor (e.g. ``label_aliases``, ``embed`` for tests).

        ``seeds`` may be a stream: it is read once, shard by shard (``SEED_SHARD`` records), and only when some
        filter's index must be built. With ``index_dir`` each filter's seed index is loaded from there when it
        was saved under the same ``index_fingerprint`` (which names the seeds) and filter settings, and saved
        there after it was built otherwise (``seed_index_key``). ``fit=False`` leaves the filters without seed
        indexes (until ``fit_indexes``): a runner that only ``admit``s records screened by runners elsewhere
        (distributed workers) and merges their counts (``absorb``) needs none.
        """
        from .pii import OutputScrubber

        registry = registry if registry is not None else default_filters()
        unknown = [n for n in config.filters if n not in registry]
        if unknown:
            raise ConfigError(f"filter.filters: unknown filter {unknown[0]!r} (known: {', '.join(registry)})")
        self.config = config
        if "embed" not in context and {"neighbours", "label"} <= set(config.filters):
            from ..models.embeddings import CachedEmbed

            context["embed"] = CachedEmbed()  # the neighbour and label filters embed each candidate once, together
        # One scrubber (one salt) for the PII filter and the rejects: a value gets the same fake everywhere.
        self.scrubber = context.pop("output_scrubber", None) or \
            OutputScrubber(config, seed_pii, scrub_config, context.get("scrub_fn"))
        self.filters: list[Filter] = [
            registry[name](config, seed_pii=seed_pii, scrub_config=scrub_config, output_scrubber=self.scrubber,
                           **context) for name in config.filters]
        self._saved_indexes = None if index_dir is None else SavedSeedIndexes(index_dir, index_fingerprint or "",
                                                                              config)
        self.n_seeds = 0
        if fit:
            self.fit_indexes(seeds)
        self.counts = {f.name: Counter() for f in self.filters}
        self.checked = Counter()
        self.n_candidates = 0
        self.n_kept = 0
        self.n_input_columns_dropped = 0  # candidates whose other input columns were left out
        self._scores_saved = {f.name: 0 for f in self.filters}  # scores already in an earlier checkpoint

    def fit_indexes(self, seeds: Iterable[Record] | None) -> None:
        """Load or build every filter's seed index (what ``fit=True`` does at construction): a runner built with
        ``fit=False`` may do it later, e.g. in a thread while the first candidates are generated."""
        self.n_seeds = self._fit(seeds, self._saved_indexes)

    def _fit(self, seeds: Iterable[Record] | None, index: "SavedSeedIndexes | None") -> int:
        """Load or build every filter's seed index; returns the number of seeds."""
        to_fit = [f for f in self.filters if index is None or not index.load(f)]
        needs_seeds = [f for f in to_fit if _uses_seeds(f)]
        n_seeds = index.n_seeds if index is not None and index.n_seeds is not None else None
        if needs_seeds and seeds is None:
            raise ConfigError("the filters' seed indexes are not saved for these seeds and settings, "
                              "and no seeds were given to build them from")
        if seeds is not None and (needs_seeds or n_seeds is None):
            n_seeds = 0
            for shard in chunks(seeds, SEED_SHARD):
                n_seeds += len(shard)
                for f in needs_seeds:
                    f.fit_shard(shard)
            for f in needs_seeds:
                f.fit_done()
        n_seeds = n_seeds or 0
        if index is not None:
            index.save(needs_seeds, n_seeds)
        return n_seeds

    @property
    def cleans(self) -> bool:
        """Whether the records this runner keeps have been through a cleaning (PII) filter."""
        return any(f.cleans for f in self.filters)

    def run(self, candidates: Iterable[Record]) -> FilterResult:
        screened = self.screen(candidates)
        admitted = self.admit(screened.kept)
        return FilterResult(kept=admitted.kept, rejected=screened.rejected + admitted.rejected, stats=self.stats())

    def screen(self, candidates: Iterable[Record]) -> FilterResult:
        """The per-candidate checks (``check_batch`` of every filter, against the seeds); rejects redacted.

        Candidates are independent here, so any number of workers may screen at once; ``admit`` then checks the
        survivors against the records accepted so far, which needs one owner.
        """
        alive = [self._without_input_columns(r) for r in candidates]
        self.n_candidates += len(alive)
        rejected: list[Rejection] = []
        to_redact: list[int] = []  # positions in ``rejected`` whose record is raw model output
        cleaned = False
        for f in self.filters:
            if not alive:
                break
            self.checked[f.name] += len(alive)
            alive = self._apply(f, alive, f.check_batch(alive), rejected, None if cleaned else to_redact)
            cleaned = cleaned or f.cleans
        self._redact_in_place(rejected, to_redact)
        return FilterResult(kept=alive, rejected=rejected, stats={})

    def admit(self, screened: Sequence[Record]) -> FilterResult:
        """Screened candidates checked against the synthetic records accepted earlier (near-duplicates); the
        survivors are remembered and returned as kept."""
        alive = list(screened)
        rejected: list[Rejection] = []
        to_redact: list[int] = []
        for f in self.filters:
            if not alive:
                break
            verdicts = f.check_accepted(alive)
            if verdicts is not None:
                alive = self._apply(f, alive, verdicts, rejected, None if self.cleans else to_redact)
        self._redact_in_place(rejected, to_redact)
        self.n_kept += len(alive)
        return FilterResult(kept=alive, rejected=rejected, stats={})

    def _redact_in_place(self, rejected: list[Rejection], positions: list[int]) -> None:
        if positions:
            for i, rej in zip(positions, self.scrubber.redact_rejections([rejected[i] for i in positions])):
                rejected[i] = rej

    def _without_input_columns(self, record: Record) -> Record:
        """The candidate without the other columns of an input file (``meta["fields"]``): the gate checks the
        text only, so nothing it did not check goes into kept or rejected records. Counted in the stats."""
        if not isinstance(record.meta, dict) or "fields" not in record.meta:
            return record
        self.n_input_columns_dropped += 1
        meta = {k: v for k, v in record.meta.items() if k != "fields"}
        return Record(id=record.id, text=record.text, messages=record.messages, label=record.label, meta=meta)

    def redact(self, rejections: Sequence[Rejection]) -> list[Rejection]:
        """Rejections (generation rejects, surplus records) with their outputs redacted like the filters' own."""
        return self.scrubber.redact_rejections(rejections)

    def _apply(self, f: Filter, records: list[Record], verdicts: list[Drop | None], rejected: list[Rejection],
               to_redact: list[int] | None) -> list[Record]:
        if len(verdicts) != len(records):
            raise RuntimeError(f"filter {f.name} returned {len(verdicts)} verdicts for {len(records)} records")
        out = []
        for rec, drop in zip(records, verdicts):
            if drop is None:
                out.append(rec)
                continue
            self.counts[f.name][drop.reason] += 1
            if drop.shown is None and to_redact is not None:
                to_redact.append(len(rejected))
            rejected.append(Rejection(stage="filter", reason=drop.reason, record_id=rec.id,
                                      score=None if drop.score is None else float(drop.score),
                                      detail={"filter": f.name, **drop.detail},
                                      record=(drop.shown or rec).to_dict()))
        return out

    def remember(self, records: Sequence[Record]) -> None:
        """Records an earlier (crashed) run accepted: later candidates are checked against them too."""
        for f in self.filters:
            f.remember(records)

    def checkpoint(self) -> dict[str, Any]:
        """The counters (cumulative) and the scores observed since the previous checkpoint, JSON-able."""
        state = {"candidates": self.n_candidates, "kept": self.n_kept, "checked": dict(self.checked),
                 "input_columns_dropped": self.n_input_columns_dropped,
                 "counts": {name: dict(c) for name, c in self.counts.items()},
                 "filters": {f.name: f.counters() for f in self.filters},
                 "new_scores": {f.name: f.scores[self._scores_saved[f.name]:].tolist() for f in self.filters}}
        self._scores_saved = {f.name: len(f.scores) for f in self.filters}
        return state

    def restore(self, checkpoints: Sequence[dict[str, Any]]) -> None:
        """Continue from the checkpoints of an earlier run, in order (the last holds the counters)."""
        if not checkpoints:
            return
        last = checkpoints[-1]
        self.n_candidates, self.n_kept = last["candidates"], last["kept"]
        self.n_input_columns_dropped = last["input_columns_dropped"]
        self.checked = Counter(last["checked"])
        for f in self.filters:
            self.counts[f.name] = Counter(last["counts"].get(f.name, {}))
            f.restore_counters(last["filters"].get(f.name, {}))
            f.scores = array("d", (s for c in checkpoints for s in c["new_scores"].get(f.name, [])))
        self._scores_saved = {f.name: len(f.scores) for f in self.filters}

    def drain(self) -> dict[str, Any]:
        """The counts and scores gathered since the last drain, then zeroed: what a worker hands to the runner
        that merges a distributed run (``absorb``). JSON-able."""
        delta = {"candidates": self.n_candidates, "kept": self.n_kept, "checked": dict(self.checked),
                 "input_columns_dropped": self.n_input_columns_dropped,
                 "counts": {name: dict(c) for name, c in self.counts.items()},
                 "filters": {f.name: f.counters() for f in self.filters},
                 "scores": {f.name: f.scores.tolist() for f in self.filters}}
        self.n_candidates = self.n_kept = self.n_input_columns_dropped = 0
        self.checked = Counter()
        self.counts = {f.name: Counter() for f in self.filters}
        for f in self.filters:
            f.restore_counters({})
            f.scores = array("d")
        self._scores_saved = {f.name: 0 for f in self.filters}
        return delta

    def absorb(self, delta: dict[str, Any]) -> None:
        """Add a worker's ``drain``ed counts and scores to this runner's."""
        self.n_candidates += delta["candidates"]
        self.n_kept += delta["kept"]
        self.n_input_columns_dropped += delta["input_columns_dropped"]
        self.checked.update(delta["checked"])
        for f in self.filters:
            self.counts[f.name].update(delta["counts"].get(f.name, {}))
            f.restore_counters(add_counts(f.counters(), delta["filters"].get(f.name, {})))
            f.scores.extend(delta["scores"].get(f.name, []))

    def stats(self) -> dict[str, Any]:
        """Counts per filter and reason, thresholds and score distributions, as JSON-able data."""
        per_filter = {}
        for f in self.filters:
            dropped = sum(self.counts[f.name].values())
            per_filter[f.name] = {
                "checked": self.checked[f.name],
                "dropped": dropped,
                "reasons": dict(self.counts[f.name]),
                "thresholds": f.thresholds(),
                "score_name": f.score_name,
                "scores": score_summary(f.scores),
                **f.report(),
            }
        return {"candidates": self.n_candidates, "kept": self.n_kept, "rejected": self.n_candidates - self.n_kept,
                "seeds": self.n_seeds, "order": [f.name for f in self.filters], "filters": per_filter,
                "input_columns_dropped": self.n_input_columns_dropped}


def _uses_seeds(f: Filter) -> bool:
    return type(f).fit is not Filter.fit or type(f).fit_shard is not Filter.fit_shard


def add_counts(a: Any, b: Any) -> Any:
    """Two JSON-able counters (numbers, or mappings of them at any depth) added key by key."""
    if isinstance(a, dict) or isinstance(b, dict):
        a, b = a or {}, b or {}
        return {k: add_counts(a.get(k), b.get(k)) for k in {**a, **b}}
    return (a or 0) + (b or 0)


def score_summary(scores: Sequence[float], bins: int = 20) -> dict[str, Any]:
    """Count, mean, quantiles and a histogram of a filter's scores."""
    if not scores:
        return {"n": 0}
    a = np.asarray(scores, dtype=np.float64)
    qs = (0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0)
    counts, edges = np.histogram(a, bins=bins)
    return {
        "n": int(a.size),
        "mean": float(a.mean()),
        "quantiles": {str(q): float(v) for q, v in zip(qs, np.quantile(a, qs))},
        "histogram": {"edges": [float(e) for e in edges], "counts": [int(c) for c in counts]},
    }
