"""The Ray engine: scrub and generate+filter on a Ray cluster, with the local engine's results contract.

**Scrub** is Ray Data ``map_batches`` over shards of the input (row ranges of a JSONL, CSV or Parquet file) with
an actor pool: each actor builds the analyzer once, reads its shard with textsynth's own reader (validation,
``file:line:field`` errors, read rejects) and scrubs it, so raw rows never leave the actor that reads them.
All actors share the driver's salt and key, so a value gets the same fake everywhere; their audit counts and
seed PII hashes are merged by the driver's ``Scrubber``. Output keeps the input order: the records are the
local engine's for a fixed salt.

**Generate+filter** runs the gate (``textsynth.gate``) with its loop in the driver, the coordinator: it tracks
the kept count per label and issues a shard (a per-label request sized by the acceptance rate) to a
generation actor (one model each; ``num_gpus=1`` when the cluster has GPUs) whose output feeds a filter actor
directly (``FilterRunner.screen``: seed n-grams, MinHash, neighbours, PII, label; seed indexes built once per
actor). The driver admits the screened shards in issue order against the one candidate index
(``FilterRunner.admit``: near-duplicates across all workers), fills the quotas (surplus is rejected as such),
appends the outputs and journals each shard exactly like the local engine, so a killed driver resumes from the
shards already written, with the same files. It stops issuing work once the in-flight shards are expected to
fill the quotas. A dead actor is restarted (``max_restarts``) and its task retried on the new one.

The secret key travels to the actors in their constructor arguments (as the local engine's worker processes
get it); Ray keeps those in its control store for restarts.
"""
from __future__ import annotations

import json
import logging
import math
import os
import secrets
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..config import FilterConfig, GenerateConfig, RayConfig, RayStageConfig, ReadConfig, ScrubConfig
from ..core.seed_pii import SeedPiiLookup
from ..errors import MissingDependencyError, TextsynthError
from ..gate import Progress, _fit_budget, _Gate, run_gate
from ..io import RejectSink, dumps_json, estimate_rows, read_records
from ..keys import ENV_VAR, secret_key
from ..records import Record, Rejection

log = logging.getLogger(__name__)


def import_ray() -> Any:
    """``ray`` (with Ray Data), or an ImportError naming the pip command."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise MissingDependencyError("ray[data]", extra="ray") from None
    return ray


@contextmanager
def ray_session(config: RayConfig) -> Iterator[Any]:
    """Connect to ``config.address`` (``auto``: the cluster ``ray start --head`` started) or start a local
    cluster; a session already open in this process is reused. Shuts down only what it started."""
    ray = import_ray()
    if ray.is_initialized():
        yield ray
        return
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
    if config.address:
        kwargs["address"] = config.address
    elif config.num_cpus is not None:
        kwargs["num_cpus"] = config.num_cpus
    ray.init(**kwargs)
    try:
        yield ray
    finally:
        ray.shutdown()


def actor_options(stage: RayStageConfig, max_restarts: int, cluster_gpus: float = 0.0,
                  wants_gpu: bool = False) -> dict[str, Any]:
    """Ray options of a stage's actors: its CPUs and GPUs (``num_gpus`` unset: 1 for a stage that wants a GPU
    when the cluster has one, else 0), restarted up to ``max_restarts`` times with their tasks retried."""
    gpus = stage.num_gpus if stage.num_gpus is not None else (1.0 if wants_gpu and cluster_gpus >= 1 else 0.0)
    return {"num_cpus": stage.num_cpus, "num_gpus": gpus, "max_restarts": max_restarts,
            "max_task_retries": max_restarts}


def check_fits(ray: Any, stages: dict[str, tuple[RayStageConfig, dict[str, Any]]]) -> None:
    """Fail at once, naming the settings, when the actors of the stages that run together ask for more CPUs or
    GPUs than the cluster has (Ray would wait for them forever)."""
    from ..errors import ConfigError

    have = ray.cluster_resources()
    for resource, option in (("CPU", "num_cpus"), ("GPU", "num_gpus")):
        wanted = sum(stage.actors * opts[option] for stage, opts in stages.values())
        if wanted > float(have.get(resource, 0)) + 1e-9:
            parts = " + ".join(f"ray.{name}: {stage.actors} x {opts[option]:g}" for name, (stage, opts)
                               in stages.items())
            raise ConfigError(f"the actors ask for {wanted:g} {resource}s ({parts}) but the cluster has "
                              f"{float(have.get(resource, 0)):g}; lower the actors or their {option}")


def _use_key(key_value: str) -> None:
    """Make the driver's secret key this worker's (hashes and fakes must match the driver's)."""
    os.environ[ENV_VAR] = key_value


def _unwrap(exc: BaseException) -> BaseException:
    """The textsynth error inside a Ray error (its message names file:line:field), else the Ray error."""
    seen = exc
    for _ in range(8):
        cause = getattr(seen, "cause", None) or seen.__cause__
        if cause is None:
            break
        if isinstance(cause, TextsynthError):
            # Ray Data appends retry advice to the message; textsynth's own says what to fix.
            if cause.args and isinstance(cause.args[0], str):
                cause.args = (cause.args[0].split("\nFailed to ", 1)[0], *cause.args[1:])
            return cause
        seen = cause
    return exc


# --------------------------------------------------------------------------------------------------
# Scrub
# --------------------------------------------------------------------------------------------------


def plan_shards(path: str | Path, n_shards: int) -> list[tuple[int, int]]:
    """Row ranges ``[start, stop)`` (stop -1: to the end) cutting an input into about ``n_shards`` pieces."""
    rows = estimate_rows(path)
    if not rows or n_shards <= 1:
        return [(0, -1)]
    size = max(1, math.ceil(rows / n_shards))
    starts = list(range(0, rows, size))
    return [(s, starts[i + 1] if i + 1 < len(starts) else -1) for i, s in enumerate(starts)]


class _RangeSink(RejectSink):
    """Counts input rows by position (read rejects included) and keeps the rejects of one row range."""

    def __init__(self, start: int, stop: int, raw: bool):
        super().__init__(None, raw)
        self.start, self.stop, self.position = start, stop, 0
        self.taken: list[Rejection] = []

    def in_range(self) -> bool:
        return self.position >= self.start and (self.stop < 0 or self.position < self.stop)

    def add(self, rejection: Rejection) -> None:
        if self.in_range():
            super().add(rejection)
            self.taken.append(rejection)
        self.position += 1


class _ScrubActor:
    """One analyzer per actor: reads its input shards and scrubs them, batch by batch."""

    def __init__(self, read_config: ReadConfig, scrub_config: ScrubConfig, key_value: str, batch_size: int,
                 seed_ids: Any = None):
        _use_key(key_value)
        self.seed_ids = seed_ids  # (record, key, id column) -> the record under a keyed id, applied as read
        self.read_config = read_config
        self.scrub_config = replace(scrub_config, n_process=1)  # Ray gives the parallelism
        self.batch_size = batch_size
        self._scrubber: Any = None

    @property
    def scrubber(self) -> Any:
        """Built on first use (the analyzer loads once per actor), so a bad input row fails fast."""
        if self._scrubber is None:
            from ..scrubbing.scrubber import Scrubber

            self._scrubber = Scrubber(self.scrub_config)
        return self._scrubber

    def __call__(self, batch: dict[str, Any]) -> Iterator[dict[str, list]]:
        for path, start, stop in zip(batch["path"], batch["start"], batch["stop"]):
            yield from self._shard(str(path), int(start), int(stop))

    def _shard(self, path: str, start: int, stop: int) -> Iterator[dict[str, list]]:
        sink = _RangeSink(start, stop, self.scrub_config.rejects_raw)
        chunk: list[Record] = []
        for rec in read_records(path, self.read_config, sink):
            position = sink.position
            sink.position += 1
            if 0 <= stop <= position:
                break
            if position >= start:
                chunk.append(rec if self.seed_ids is None else self.seed_ids(rec, secret_key(),
                                                                             self.read_config.id_column))
            if len(chunk) + len(sink.taken) >= self.batch_size:
                yield self._scrub(chunk, sink)
                chunk = []
        yield self._scrub(chunk, sink, last=True)

    def _scrub(self, chunk: list[Record], sink: _RangeSink, last: bool = False) -> dict[str, list]:
        """One output batch: read rejects, scrubbed records, scrub rejects (and the tally after a shard)."""
        kept, rejected = self.scrubber.scrub_batch(chunk) if chunk else ([], [])
        rows = [("read_reject", r.to_dict()) for r in sink.taken]
        sink.taken = []
        rows += [("record", r.to_dict()) for r in kept] + [("scrub_reject", r.to_dict()) for r in rejected]
        if last and self._scrubber is not None:
            rows.append(("tally", self._scrubber.checkpoint()))  # what it scrubbed since the last one
        return {"kind": [k for k, _ in rows], "data": [dumps_json(d) for _, d in rows]}


class RayScrub:
    """A scrub of one input file on Ray: ``batches`` yields (scrubbed records, scrub rejects) in input order;
    ``audit()`` and ``seed_pii`` are the merged ones once it is exhausted (as ``Scrubber``'s)."""

    def __init__(self, input_path: str | Path, read_config: ReadConfig, scrub_config: ScrubConfig,
                 ray_config: RayConfig, seed_ids: Any = None):
        """``seed_ids(record, key, id_column)``: what the actors apply to each record read (keyed seed ids)."""
        from ..scrubbing.scrubber import Scrubber

        self.seed_ids = seed_ids
        self.input_path = str(input_path)
        self.read_config = read_config
        self.ray_config = ray_config
        # Merges the actors' audit counts and seed PII hashes; its salt is every actor's. The actors check the
        # entity names when they build their analyzers (no analyzer here).
        self.merged = Scrubber(scrub_config, check_entities=False)
        self.worker_config = replace(scrub_config, salt=self.merged.salt)

    @property
    def seed_pii(self) -> Any:
        return self.merged.seed_pii

    def audit(self) -> dict[str, Any]:
        return self.merged.audit()

    def batches(self, rejects: RejectSink | None = None) -> Iterator[tuple[list[Record], list[Rejection]]]:
        """Scrubbed records and scrub rejects per output batch; read rejects go to ``rejects``."""
        ray = import_ray()
        stage = self.ray_config.scrub
        shards = plan_shards(self.input_path, stage.actors * self.ray_config.shards_per_actor)
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True  # output in input order: the local engine's records
        ds = ray.data.from_items([{"path": self.input_path, "start": s, "stop": e} for s, e in shards],
                                 override_num_blocks=len(shards))
        opts = actor_options(stage, self.ray_config.max_restarts)  # Ray Data restarts its actors itself
        check_fits(ray, {"scrub": (stage, opts)})
        ds = ds.map_batches(
            _ScrubActor, batch_size=1, compute=ray.data.ActorPoolStrategy(size=stage.actors),
            num_cpus=opts["num_cpus"], num_gpus=opts["num_gpus"],
            fn_constructor_kwargs={"read_config": self.read_config, "scrub_config": self.worker_config,
                                   "key_value": secret_key().value.decode("utf-8"),
                                   "batch_size": self.ray_config.scrub_batch_size, "seed_ids": self.seed_ids})
        try:
            for batch in ds.iter_batches(batch_size=None, batch_format="pandas"):
                kept: list[Record] = []
                rejected: list[Rejection] = []
                for kind, data in zip(batch["kind"], batch["data"]):
                    row = json.loads(data)
                    if kind == "record":
                        kept.append(Record.from_dict(row))
                    elif kind == "scrub_reject":
                        rejected.append(Rejection(**row))
                    elif kind == "read_reject":
                        if rejects is not None:
                            rejects.add(Rejection(**row))
                    else:
                        self.merged.restore([row])
                yield kept, rejected
        except Exception as exc:
            cause = _unwrap(exc)
            if cause is exc:
                raise
            raise cause from None


# --------------------------------------------------------------------------------------------------
# Generate + filter
# --------------------------------------------------------------------------------------------------


class _GenerateActor:
    """One model: generates the candidates of a shard (per-label request, round index -> shots and seeds)."""

    def __init__(self, config: GenerateConfig, seeds: list[Record], key_value: str):
        from ..generation.generate import Generator

        _use_key(key_value)
        self.generator = Generator(config, seeds)

    def generate(self, request: dict[str, int], round: int) -> tuple[list[Record], list[Rejection]]:
        return self.generator.generate_quota(request, round, on_document=lambda: None)

    def pid(self) -> int:
        return os.getpid()


class _FilterActor:
    """The per-candidate filters, fitted on the seeds once: screens shards and redacts their rejects."""

    def __init__(self, seeds: list[Record] | None, config: FilterConfig,
                 seed_pii: SeedPiiLookup | None, scrub_config: ScrubConfig,
                 registry: Any, context: dict[str, Any], key_value: str):
        """``seeds`` None: load the seed indexes saved in ``context["index_dir"]`` (another actor built them)."""
        from ..filters.runner import FilterRunner

        _use_key(key_value)
        self.runner = FilterRunner(seeds, config, seed_pii=seed_pii, registry=registry, scrub_config=scrub_config,
                                   **context)

    def ready(self) -> bool:
        return True

    def screen(self, generated: tuple[list[Record], list[Rejection]]) -> tuple[int, list[Rejection], list[Record],
                                                                               list[Rejection], dict[str, Any]]:
        """(candidates, redacted generation rejects, survivors, redacted filter rejects, counts since last)."""
        candidates, gen_rejects = generated
        gen_rejects = self.runner.redact(gen_rejects)
        res = self.runner.screen(candidates)
        return len(candidates), gen_rejects, res.kept, res.rejected, self.runner.drain()


class _RayGate(_Gate):
    """The gate with shards generated and screened by actors, several in flight; admitted here in order."""

    def __init__(self, *args: Any, generators: list[Any], filters: list[Any], in_flight: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.generators, self.filters = generators, filters
        self.max_in_flight = max(1, in_flight)
        self.in_flight: deque[tuple[dict[str, int], Any]] = deque()

    def _shard(self, remaining: dict[str, int], on_document: Any) -> tuple[list[Record], list[Rejection],
                                                                         dict[str, int]]:
        import ray

        from ..filters.base import FilterResult

        self._top_up(remaining)
        request, ref = self.in_flight.popleft()
        n_candidates, gen_rejects, survivors, rejected, counts = ray.get(ref)
        self.runner.absorb(counts)
        for _ in range(n_candidates + len(gen_rejects)):
            on_document()
        return self.account(request, n_candidates, gen_rejects, FilterResult(survivors, rejected, {}))

    def cancel(self) -> None:
        """Drop the shards still in flight (the loop ended: quotas met, cap hit, or an error)."""
        import ray

        for _, ref in self.in_flight:
            ray.cancel(ref)
        self.in_flight.clear()

    def _top_up(self, remaining: dict[str, int]) -> None:
        """Issue shards until ``max_in_flight`` are out or those out are expected to fill the quotas."""
        rate = self.acceptance_estimate()
        expected: Counter = Counter()
        issued = self.attempts
        for request, _ in self.in_flight:
            issued += sum(request.values())
            expected.update({lab: q * rate for lab, q in request.items()})
        while len(self.in_flight) < self.max_in_flight:
            missing = {lab: r - expected[lab] for lab, r in remaining.items() if r - expected[lab] > 0}
            budget = self.shard_budget(self.shards + len(self.in_flight), issued)
            if self.in_flight and (not missing or budget <= 0):
                return
            request = _fit_budget({lab: max(1, math.ceil(r / rate)) for lab, r in (missing or remaining).items()},
                                  max(1, budget))
            round_ = self.shards + len(self.in_flight)
            generated = self.generators[round_ % len(self.generators)].generate.remote(request, round_)
            self.in_flight.append((request, self.filters[round_ % len(self.filters)].screen.remote(generated)))
            issued += sum(request.values())
            expected.update({lab: q * rate for lab, q in request.items()})


def generate_filtered_on_ray(config: GenerateConfig, seeds: Sequence[Record], filter_config: FilterConfig,
                             seed_pii: SeedPiiLookup | None, ray_config: RayConfig, *,
                             scrub_config: ScrubConfig | None = None,
                             registry: Any = None, journal: str | Path | None = None, resume: bool = False,
                             output: str | Path | None = None, rejects_output: str | Path | None = None,
                             stats_output: str | Path | None = None, progress: Progress | None = None,
                             **context: Any) -> Any:
    """``gate.generate_filtered`` on Ray: same arguments, outputs, journal and result (a ``FilterResult``)."""
    from ..filters.runner import FilterRunner
    from ..generation.generate import Generator

    seeds = list(seeds)
    generator = Generator(config, seeds)  # the label plan, template and fingerprint; its model is never loaded
    context.setdefault("canonical_label", generator.template.canonical_label)
    base = scrub_config or ScrubConfig()
    # One salt for every worker's output scrubber: a value gets the same fake in every shard and rejects file.
    scrub_config = base if base.salt else replace(base, salt=secrets.token_hex(16))
    with ray_session(ray_config) as ray:
        key_value = secret_key().value.decode("utf-8")
        seeds_ref = ray.put(seeds)
        gpus = float(ray.cluster_resources().get("GPU", 0))
        gen_opts = actor_options(ray_config.generate, ray_config.max_restarts, gpus, wants_gpu=True)
        filter_opts = actor_options(ray_config.filter, ray_config.max_restarts)
        check_fits(ray, {"generate": (ray_config.generate, gen_opts), "filter": (ray_config.filter, filter_opts)})
        generators = [ray.remote(_GenerateActor).options(name=f"textsynth-generate-{i}", **gen_opts)
                      .remote(config, seeds_ref, key_value) for i in range(ray_config.generate.actors)]
        # With a run dir's index_dir, the first filter actor builds and saves the seed indexes (or loads them
        # when a previous run saved them) and the others only load them; without one, each builds its own.
        saved = "index_dir" in context
        ledger_context = {k: v for k, v in context.items() if k not in ("index_dir", "index_fingerprint")}

        def filter_actor(i: int) -> Any:
            return (ray.remote(_FilterActor).options(name=f"textsynth-filter-{i}", **filter_opts)
                    .remote(seeds_ref if i == 0 or not saved else None, filter_config, seed_pii, scrub_config,
                            registry, context, key_value))

        filters = [filter_actor(0)]
        if saved and ray_config.filter.actors > 1:
            ray.get(filters[0].ready.remote())
        filters += [filter_actor(i) for i in range(1, ray_config.filter.actors)]
        gates: list[_RayGate] = []
        try:
            ledger = FilterRunner(None, filter_config, seed_pii=seed_pii, registry=registry, scrub_config=scrub_config,
                                  fit=False, **ledger_context)
            ledger.n_seeds = len(seeds)

            def make_gate() -> _Gate:
                gates.append(_RayGate(config, seeds, filter_config, seed_pii, generator, scrub_config, registry,
                                      ledger_context, runner=ledger, generators=generators, filters=filters,
                                      in_flight=ray_config.in_flight or 2 * len(generators)))
                return gates[-1]

            try:
                return run_gate(make_gate, journal, resume, output, rejects_output, stats_output, progress)
            except Exception as exc:
                cause = _unwrap(exc)
                if cause is exc:
                    raise
                raise cause from None
        finally:
            for gate in gates:
                gate.cancel()
            for actor in generators + filters:
                ray.kill(actor)


def scrub_on_ray(input_path: str | Path, read_config: ReadConfig, scrub_config: ScrubConfig, ray_config: RayConfig,
                 rejects: RejectSink | None = None, seed_ids: Any = None) -> Any:
    """Read and scrub a whole input on Ray: a ``ScrubResult`` like ``scrubbing.scrub.scrub``'s (read rejects go
    to ``rejects``, scrub rejects into the result)."""
    from ..scrubbing.scrub import ScrubResult

    job = RayScrub(input_path, read_config, scrub_config, ray_config, seed_ids)
    kept: list[Record] = []
    rejected: list[Rejection] = []
    with ray_session(ray_config):
        for records, dropped in job.batches(rejects):
            kept += records
            rejected += dropped
    return ScrubResult(kept, rejected, job.audit(), job.seed_pii)
