"""Generate+filter on Ray: the gate's loop in the driver, generation and filter actors."""
from __future__ import annotations

import math
import os
import secrets
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ...config import FilterConfig, GenerateConfig, RayConfig, ScrubConfig
from ...core.seed_pii import SeedPiiLookup
from ...filters.base import Filter, FilterResult
from ...gate import run_gate
from ...gate.loop import Progress, _fit_budget, _Gate
from ...keys import secret_key
from ...records import Record, Rejection
from .session import _unwrap, _use_key, actor_options, check_fits, ray_session


class _GenerateActor:
    """One model: generates the candidates of a shard (per-label request, round index -> shots and seeds)."""

    def __init__(self, config: GenerateConfig, seeds: list[Record], key_value: str):
        from ...generation.generate import Generator

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
                 registry: dict[str, type[Filter]] | None, context: dict[str, Any], key_value: str):
        """``seeds`` None: load the seed indexes saved in ``context["index_dir"]`` (another actor built them)."""
        from ...filters.runner import FilterRunner

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
                             scrub_config: ScrubConfig | None = None, registry: dict[str, type[Filter]] | None = None,
                             journal: str | Path | None = None, resume: bool = False,
                             output: str | Path | None = None, rejects_output: str | Path | None = None,
                             stats_output: str | Path | None = None, progress: Progress | None = None,
                             **context: Any) -> FilterResult:
    """``gate.generate_filtered`` on Ray: same arguments, outputs, journal and result (a ``FilterResult``)."""
    from ...filters.runner import FilterRunner
    from ...generation.generate import Generator

    seeds = list(seeds)
    generator = Generator(config, seeds)  # the label plan, template and fingerprint; its model is never loaded
    context.setdefault("canonical_label", generator.template.canonical_label)
    base = scrub_config or ScrubConfig()
    # One salt for every worker's output scrubber: a value gets the same fake in every shard and rejects file.
    scrub_config = base if base.salt else replace(base, salt=secrets.token_hex(16))
    ledger_context = {k: v for k, v in context.items() if k not in ("index_dir", "index_fingerprint")}
    with ray_session(ray_config) as ray:
        key_value = secret_key().value.decode("utf-8")
        seeds_ref = ray.put(seeds)
        gpus = float(ray.cluster_resources().get("GPU", 0))
        gen_opts = actor_options(ray_config.generate, ray_config.max_restarts, gpus, wants_gpu=True)
        filter_opts = actor_options(ray_config.filter, ray_config.max_restarts)
        check_fits(ray, {"generate": (ray_config.generate, gen_opts), "filter": (ray_config.filter, filter_opts)})
        generators = [ray.remote(_GenerateActor).options(name=f"textsynth-generate-{i}", **gen_opts)
                      .remote(config, seeds_ref, key_value) for i in range(ray_config.generate.actors)]
        filters = _filter_actors(ray, ray_config.filter.actors, filter_opts, seeds_ref, key_value, filter_config,
                                 seed_pii, scrub_config, registry, context)
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


def _filter_actors(ray: Any, n: int, options: dict[str, Any], seeds_ref: Any, key_value: str,
                   filter_config: FilterConfig, seed_pii: SeedPiiLookup | None, scrub_config: ScrubConfig,
                   registry: dict[str, type[Filter]] | None, context: dict[str, Any]) -> list[Any]:
    """``n`` filter actors. With a run dir's index_dir, the first builds and saves the seed indexes (or loads them
    when a previous run saved them) and the others start once it is ready and only load them; without one, each
    builds its own."""
    saved = "index_dir" in context

    def filter_actor(i: int) -> Any:
        return (ray.remote(_FilterActor).options(name=f"textsynth-filter-{i}", **options)
                .remote(seeds_ref if i == 0 or not saved else None, filter_config, seed_pii, scrub_config,
                        registry, context, key_value))

    filters = [filter_actor(0)]
    if saved and n > 1:
        ray.get(filters[0].ready.remote())
    return filters + [filter_actor(i) for i in range(1, n)]
