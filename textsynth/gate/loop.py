"""The gate's shard loop (``_Gate``): quotas, one shard at a time, counts, the journal and its replay.

``generate.py`` builds and runs it (``generate_filtered``); an engine subclasses it (``engines/ray/``).
"""
from __future__ import annotations

import logging
import math
import shutil
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from ..config import FilterConfig, GenerateConfig, ScrubConfig
from ..core.candidates import CandidateSource
from ..core.fingerprint import fingerprint
from ..core.seed_pii import SeedPiiLookup
from ..errors import GenerationCapError
from ..filters.base import Filter, FilterResult
from ..filters.label import requested_label
from ..filters.runner import FilterRunner
from ..io import ShardedJsonlWriter, json_line, open_private, write_json
from ..records import Record, Rejection

log = logging.getLogger(__name__)

MIN_RATE_ESTIMATE = 0.2  # never oversample a shard by more than 1 / this
FIRST_SHARD = 8  # candidates the first shard asks for; each next one twice as many, up to shard_size

Progress = Callable[[int, int], None]  # (candidates so far, kept so far), called once per candidate document


def plan_quotas(config: GenerateConfig, generator: CandidateSource, seeds: Sequence[Record]) -> dict[str, int]:
    """Per-label quotas for ``config.n`` records, with the generation stage's own label plan."""
    from ..generation.plan import parse_distribution, quotas

    shares = generator.label_shares()
    if shares is not None:
        return {k: v for k, v in quotas(config.n, shares).items() if v > 0}
    labels = list(generator.labels or sorted({str(s.label) for s in seeds if s.label is not None}))
    seed_labels = [None if s.label is None else str(s.label) for s in seeds]
    return {k: v for k, v in quotas(config.n, parse_distribution(config.label_distribution, labels, seed_labels)).items()
            if v > 0}


class _Gate:
    """The loop's state: quotas, counts, the runner, the outputs being appended to."""

    def __init__(self, config: GenerateConfig, seeds: Sequence[Record], filter_config: FilterConfig,
                 seed_pii: SeedPiiLookup | None,
                 generator: CandidateSource | None, scrub_config: ScrubConfig | None,
                 registry: dict[str, type[Filter]] | None, context: dict[str, Any], runner: FilterRunner | None = None):
        """``runner``: a distributed engine's runner (unfitted: it admits what workers screened, merges counts)."""
        seeds = list(seeds)
        if generator is None:
            from ..generation.generate import Generator

            generator = Generator(config, seeds)
        self.generator = generator
        self.filter_config = filter_config
        self.shard_size = config.shard_size
        if "canonical_label" not in context and generator.template is not None:
            context["canonical_label"] = generator.template.canonical_label  # seed labels -> generation labels
        self._indexes: Future | None = None
        if runner is None:
            # Filters are built (and their settings checked) now; their seed indexes in a thread while the first
            # shard is generated, so the first kept record does not wait for index build + model load in a row.
            runner = FilterRunner(None, filter_config, seed_pii=seed_pii, registry=registry,
                                  scrub_config=scrub_config, fit=False, **context)
            pool = ThreadPoolExecutor(1, thread_name_prefix="textsynth-seed-indexes")
            self._indexes = pool.submit(_prepare_runner, runner, seeds)
            pool.shutdown(wait=False)
        self._runner = runner
        self.quotas = plan_quotas(config, generator, seeds)
        self.target = sum(self.quotas.values())
        self.cap = max(self.target, math.ceil(filter_config.max_attempts_factor * self.target))
        self.kept_by_label: Counter = Counter()
        self.drops: Counter = Counter()
        self.drops_by_label: dict[str, Counter] = {}  # requested label -> reason -> count
        self.attempts = self.n_generation_rejected = self.n_surplus = self.shards = 0
        self.kept: list[Record] = []
        self.rejected: list[Rejection] = []

    @property
    def runner(self) -> FilterRunner:
        """The filter runner, once its seed indexes are ready (the first use waits for the thread building them)."""
        if self._indexes is not None:
            self._indexes.result()  # re-raises what the build raised
            self._indexes = None
        return self._runner

    def shard_budget(self, shard: int, issued: int) -> int:
        """Candidates shard number ``shard`` may ask for, ``issued`` having been asked for so far: small at first
        (FIRST_SHARD, doubling) so the first kept record is written after a few documents, then shard_size."""
        return min(self.shard_size, FIRST_SHARD << min(shard, 30), self.cap - issued)

    # -- the loop ------------------------------------------------------------------------------------------
    def run(self, journal: str | Path | None, resume: bool, paths: dict[str, Path] | None,
            progress: Progress | bool | None) -> FilterResult:
        from tqdm.auto import tqdm

        self.hold = paths is None
        writer = self._open_journal(journal, resume) if journal is not None else None
        hide = {"disable": True} if progress is False else {}  # otherwise tqdm's defaults (TQDM_DISABLE, -q)
        bar = tqdm(unit="doc", desc="generate + filter", dynamic_ncols=True, **hide)
        try:
            self._loop(writer, paths, progress if callable(progress) else None, bar)
        finally:
            bar.close()
        return FilterResult(kept=self.kept, rejected=self.rejected, stats=self._stats())

    def _loop(self, writer: ShardedJsonlWriter | None, paths: dict[str, Path] | None, progress: Progress | None,
              bar: Any) -> None:
        with ExitStack() as stack:
            files = None
            if paths is not None:
                files = {k: stack.enter_context(open_private(paths[k], "w")) for k in ("kept", "rejects")}
            if writer is not None:
                self._replay(writer, files)
            bar.update(self.attempts)

            def on_document() -> None:
                bar.update(1)
                if progress is not None:
                    progress(bar.n, sum(self.kept_by_label.values()))

            while True:
                n_kept = sum(self.kept_by_label.values())
                bar.set_postfix_str(f"kept {n_kept}/{self.target}"
                                    + (f", accepted {n_kept / self.attempts:.0%}" if self.attempts else ""))
                remaining = {lab: q - self.kept_by_label[lab] for lab, q in self.quotas.items()
                             if q > self.kept_by_label[lab]}
                if not remaining:
                    break
                if self.attempts >= self.cap:
                    self._finish(paths, stack, writer)
                    stats = self._stats()
                    err = GenerationCapError(_cap_message(n_kept, self.target, self.attempts, self.cap,
                                                          self.filter_config, stats))
                    err.result = FilterResult(self.kept, self.rejected, stats)  # type: ignore[attr-defined]
                    raise err
                kept, rejected, request = self._shard(remaining, on_document)
                if writer is not None:  # journalled first: a resumed run rewrites the outputs from the journal
                    writer.write_shard(self.shards - 1, [r.to_dict() for r in kept], [r.to_dict() for r in rejected],
                                       state=self._checkpoint(), request=request)
                self._append(kept, rejected, files)
                log.info("shard %d: kept %d/%d after %d candidates", self.shards, n_kept + len(kept), self.target,
                         self.attempts)
            self._finish(paths, stack, writer)

    def _shard(self, remaining: dict[str, int], on_document: Callable[[], None]
               ) -> tuple[list[Record], list[Rejection], dict[str, int]]:
        """Generate and filter one shard; returns its kept records, its (redacted) rejects and the request."""
        request = _fit_budget({lab: math.ceil(r / self.acceptance_estimate()) for lab, r in remaining.items()},
                              self.shard_budget(self.shards, self.attempts))
        candidates, gen_rejects = self.generator.generate_quota(request, self.shards, on_document=on_document)
        gen_rejects = self.runner.redact(gen_rejects)  # raw outputs that failed parsing
        return self.account(request, len(candidates), gen_rejects, self.runner.screen(candidates))

    def acceptance_estimate(self) -> float:
        """Share of candidates kept so far (at least MIN_RATE_ESTIMATE; 1 before any): sizes the requests."""
        n_kept = sum(self.kept_by_label.values())
        return max(n_kept / self.attempts, MIN_RATE_ESTIMATE) if self.attempts else 1.0

    def account(self, request: dict[str, int], n_candidates: int, gen_rejects: list[Rejection],
                screened: FilterResult) -> tuple[list[Record], list[Rejection], dict[str, int]]:
        """Finish a shard whose candidates were screened (here or by a worker): admit the survivors against the
        records kept so far, fill the quotas, count the rest as surplus. Returns (kept, rejected, request)."""
        self.shards += 1
        rejected = list(gen_rejects)  # already redacted
        produced = n_candidates + len(gen_rejects)
        self.attempts += produced if produced else sum(request.values())  # a silent generator must not loop forever
        self.n_generation_rejected += len(gen_rejects)
        res = self.runner.admit(screened.kept)
        rejected.extend(screened.rejected)
        rejected.extend(res.rejected)
        kept = []
        for rec in res.kept:
            lab = requested_label(rec)
            if self.kept_by_label[lab] < self.quotas.get(lab, 0):
                kept.append(rec)
                self.kept_by_label[lab] += 1
            else:
                self.n_surplus += 1
                surplus = Rejection(stage="filter", reason="surplus", record_id=rec.id,
                                    detail={"filter": "gate", "label": lab}, record=rec.to_dict())
                rejected.append(surplus if self.runner.cleans else self.runner.redact([surplus])[0])
        self.drops.update(r.reason for r in rejected)
        for r in rejected:
            self.drops_by_label.setdefault(str(_requested_label_of(r)), Counter())[r.reason] += 1
        return kept, rejected, request

    def _append(self, kept: list[Record], rejected: list[Rejection], files: dict[str, IO[str]] | None) -> None:
        if self.hold:
            self.kept.extend(kept)
            self.rejected.extend(rejected)
        if files is not None:
            files["kept"].writelines(json_line(r.to_dict()) for r in kept)
            files["rejects"].writelines(json_line(r.to_dict()) for r in rejected)
            for fh in files.values():
                fh.flush()

    # -- journal -------------------------------------------------------------------------------------------
    def _open_journal(self, journal: str | Path, resume: bool) -> ShardedJsonlWriter:
        key = fingerprint(self.generator.fingerprint(), self.filter_config, self.shard_size)
        return ShardedJsonlWriter(journal, key, resume=resume,
                                  info={"kind": "gate shards (filtered: kept + redacted rejects)"})

    def _checkpoint(self) -> dict[str, Any]:
        return {"runner": self.runner.checkpoint(), "kept_by_label": dict(self.kept_by_label),
                "drops": dict(self.drops), "drops_by_label": {k: dict(v) for k, v in self.drops_by_label.items()},
                "attempts": self.attempts, "shards": self.shards,
                "generation_rejected": self.n_generation_rejected, "surplus": self.n_surplus}

    def _replay(self, writer: ShardedJsonlWriter, files: dict[str, IO[str]] | None) -> None:
        """Restore the finished shards of a crashed run: outputs, counters, and the filters' memory of them."""
        done = writer.done()
        finished = []
        while len(finished) in done:  # shards are written in order; a gap ends what can be trusted
            finished.append(len(finished))
        checkpoints = []
        for i in finished:
            state = writer.read_state(i)
            if state is None:
                break
            kept = [Record.from_dict(row) for row in writer.read_shard(i)]
            rejected = [Rejection(**row) for row in writer.read_shard(i, "rejects")]
            # Surplus records passed every filter: later candidates were checked against them too.
            surplus = [Record.from_dict(r.record) for r in rejected if r.reason == "surplus" and r.record]
            self.runner.remember(kept + surplus)
            self._append(kept, rejected, files)
            checkpoints.append(state)
        if not checkpoints:
            return
        self.runner.restore([c["runner"] for c in checkpoints])
        last = checkpoints[-1]
        self.kept_by_label = Counter(last["kept_by_label"])
        self.drops = Counter(last["drops"])
        self.drops_by_label = {k: Counter(v) for k, v in last.get("drops_by_label", {}).items()}
        self.attempts, self.shards = last["attempts"], last["shards"]
        self.n_generation_rejected, self.n_surplus = last["generation_rejected"], last["surplus"]
        log.info("resumed after %d finished shards (%d candidates)", self.shards, self.attempts)

    def _finish(self, paths: dict[str, Path] | None, stack: ExitStack, writer: ShardedJsonlWriter | None) -> None:
        """Close the outputs, write the stats and remove the journal (the outputs hold what it held)."""
        stack.close()
        if paths is not None:
            write_json(paths["stats"], self._stats())
        if writer is not None and writer.manifest_path.is_file():  # only a journal textsynth wrote
            shutil.rmtree(writer.dir, ignore_errors=True)
        if writer is not None:
            self.generator.cleanup()  # e.g. Private Evolution's journal of raw populations

    def _stats(self) -> dict[str, Any]:
        stats = self.runner.stats()
        n_kept = sum(self.kept_by_label.values())
        stats["resample"] = {
            "target": self.target, "quotas": dict(self.quotas), "generated": self.attempts, "cap": self.cap,
            "shards": self.shards, "shard_size": self.shard_size, "kept": n_kept,
            "acceptance_rate": n_kept / self.attempts if self.attempts else None,
            "generation_rejected": self.n_generation_rejected, "surplus": self.n_surplus,
            "drops_by_reason": dict(self.drops.most_common()),
            "drops_by_label": {k: dict(v.most_common()) for k, v in sorted(self.drops_by_label.items())},
        }
        privacy = self.generator.privacy_report()
        if privacy is not None:  # a DP candidate source states its guarantee (card, report)
            stats["privacy"] = {**privacy, "gate_filters": list(self.filter_config.filters)}
        return stats


def _prepare_runner(runner: FilterRunner, seeds: Sequence[Record]) -> None:
    """Load or build the runner's seed indexes and load what its first scan needs (the PII analyzer)."""
    runner.fit_indexes(seeds)
    runner.scrubber.warm_up()


def _requested_label_of(rejection: Rejection) -> str | None:
    """The label a rejected candidate was generated for (surplus, filter and generation rejects alike)."""
    record = rejection.record or {}
    return (rejection.detail.get("label") or rejection.detail.get("requested_label")
            or (record.get("meta") or {}).get("requested_label") or record.get("label"))


def _fit_budget(request: dict[str, int], budget: int) -> dict[str, int]:
    """Scale a per-label request down to ``budget`` candidates in all (each label keeps at least one)."""
    total = sum(request.values())
    if total <= budget:
        return request
    scaled = {lab: max(1, budget * q // total) for lab, q in request.items()}
    while sum(scaled.values()) > budget and any(v > 1 for v in scaled.values()):
        big = max(scaled, key=scaled.get)
        scaled[big] -= 1
    return scaled


def _cap_message(n_kept: int, target: int, attempts: int, cap: int, cfg: FilterConfig, stats: dict) -> str:
    top = list(stats["resample"]["drops_by_reason"].items())[:3]
    reasons = ", ".join(f"{r}={c}" for r, c in top) or "none"
    return (f"the filter gate kept {n_kept} of {target} records after {attempts} candidates "
            f"(cap: filter.max_attempts_factor={cfg.max_attempts_factor:g} x n={target} = {cap}); "
            f"top drop reasons: {reasons}. Loosen the thresholds under filter.* or raise filter.max_attempts_factor.")
