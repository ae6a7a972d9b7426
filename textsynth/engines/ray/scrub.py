"""Scrub on Ray Data: ``map_batches`` over row ranges of the input with an actor pool."""
from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ...config import RayConfig, ReadConfig, ScrubConfig
from ...io import RejectSink, dumps_json, estimate_rows, read_records
from ...keys import secret_key
from ...records import Record, Rejection
from .session import _unwrap, _use_key, actor_options, check_fits, import_ray, ray_session


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
            from ...scrubbing.scrubber import Scrubber

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
        from ...scrubbing.scrubber import Scrubber

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


def scrub_on_ray(input_path: str | Path, read_config: ReadConfig, scrub_config: ScrubConfig, ray_config: RayConfig,
                 rejects: RejectSink | None = None, seed_ids: Any = None) -> Any:
    """Read and scrub a whole input on Ray: a ``ScrubResult`` like ``scrubbing.scrub.scrub``'s (read rejects go
    to ``rejects``, scrub rejects into the result)."""
    from ...scrubbing.scrub import ScrubResult

    job = RayScrub(input_path, read_config, scrub_config, ray_config, seed_ids)
    kept: list[Record] = []
    rejected: list[Rejection] = []
    with ray_session(ray_config):
        for records, dropped in job.batches(rejects):
            kept += records
            rejected += dropped
    return ScrubResult(kept, rejected, job.audit(), job.seed_pii)
