"""The gate inside generation: generate, filter, and generate again for the missing labels until N pass.

One FilterRunner (seed indexes built once) and one Generator (model loaded once) serve every round, so
near-duplicates of records accepted in earlier rounds are caught too. The number of candidates is capped at
``max_attempts_factor * n``; hitting the cap raises GenerationCapError with what was kept and why the rest
was dropped (the partial FilterResult is attached as ``error.result``).

With a ``journal`` directory each round's raw candidates are written as one shard (with the request that
produced them) before they are filtered. A run that crashed is resumed by replaying the journalled rounds
through the same filters, which are deterministic, and generating only the rounds that are missing: the
result is the one an uninterrupted run gives, with no duplicates and no gaps. The journal holds unfiltered
candidates, so it is deleted as soon as the loop ends.
"""
from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..config import FilterConfig, GenerateConfig, ScrubConfig
from ..errors import GenerationCapError
from ..records import Record, Rejection
from .base import Filter, FilterResult, FilterRunner
from .label import requested_label

log = logging.getLogger(__name__)

MIN_RATE_ESTIMATE = 0.2  # never oversample a round by more than 1 / this


def plan_quotas(config: GenerateConfig, generator: Any, seeds: Sequence[Record]) -> dict[str, int]:
    """Per-label quotas for ``config.n`` records, with the generation stage's own label plan."""
    from ..generation.plan import parse_distribution, quotas

    shares = getattr(generator, "label_shares", None)
    if callable(shares):
        return {k: v for k, v in quotas(config.n, shares()).items() if v > 0}
    labels = list(getattr(generator, "labels", None) or sorted({str(s.label) for s in seeds if s.label is not None}))
    seed_labels = [None if s.label is None else str(s.label) for s in seeds]
    return {k: v for k, v in quotas(config.n, parse_distribution(config.label_distribution, labels, seed_labels)).items() if v > 0}


def _label_key(record: Record) -> str | None:
    return requested_label(record)


def generate_filtered(config: GenerateConfig, seeds: Sequence[Record], filter_config: FilterConfig = FilterConfig(),
                      seed_pii: Any = None, *, generator: Any = None, scrub_config: ScrubConfig | None = None,
                      registry: dict[str, type[Filter]] | None = None, journal: str | Path | None = None,
                      resume: bool = False, **context: Any) -> FilterResult:
    """Generate until ``config.n`` records (per-label quotas) pass the filters; kept + rejected = all candidates.

    ``journal``: directory for the per-round candidates; with ``resume`` a run continues from it (refused
    when it was written under another configuration).
    """
    if journal is None:
        return _generate_filtered(config, seeds, filter_config, seed_pii, generator, scrub_config, registry, None,
                                  resume, context)
    from ..locking import dir_lock

    with dir_lock(journal, "rounds journal"):  # one writer per journal while the loop runs
        return _generate_filtered(config, seeds, filter_config, seed_pii, generator, scrub_config, registry, journal,
                                  resume, context)


def _generate_filtered(config: GenerateConfig, seeds: Sequence[Record], filter_config: FilterConfig, seed_pii: Any,
                       generator: Any, scrub_config: ScrubConfig | None, registry: dict[str, type[Filter]] | None,
                       journal: str | Path | None, resume: bool, context: dict[str, Any]) -> FilterResult:
    seeds = list(seeds)
    if generator is None:
        from ..generation.generate import Generator

        generator = Generator(config, seeds)
    rounds_log = _open_journal(journal, resume, generator, filter_config) if journal is not None else None
    template = getattr(generator, "template", None)
    if "canonical_label" not in context and template is not None:
        context["canonical_label"] = template.canonical_label  # seed labels -> generation labels (fresh -> positive)
    runner = FilterRunner(seeds, filter_config, seed_pii=seed_pii, registry=registry, scrub_config=scrub_config, **context)
    quotas = plan_quotas(config, generator, seeds)
    target = sum(quotas.values())
    cap = max(target, math.ceil(filter_config.max_attempts_factor * target))
    kept: list[Record] = []
    rejected: list[Rejection] = []
    kept_by_label: Counter = Counter()
    attempts = n_generation_rejected = n_surplus = rounds = 0
    from tqdm.auto import tqdm

    bar = tqdm(total=target, unit="kept", desc="generate + filter", dynamic_ncols=True)
    while True:
        bar.n = len(kept)
        bar.set_postfix_str(f"candidates={attempts} accepted={len(kept) / attempts:.0%}" if attempts else "")
        bar.refresh()
        remaining = {lab: q - kept_by_label[lab] for lab, q in quotas.items() if q > kept_by_label[lab]}
        if not remaining:
            bar.close()
            break
        if attempts >= cap:
            stats = _stats(runner, quotas, attempts, cap, rounds, kept, n_generation_rejected, n_surplus, rejected)
            err = GenerationCapError(_cap_message(len(kept), target, attempts, cap, filter_config, stats))
            err.result = FilterResult(kept, rejected, stats)  # type: ignore[attr-defined]
            bar.close()
            _close_journal(journal)
            raise err
        rate = max(len(kept) / attempts, MIN_RATE_ESTIMATE) if attempts else 1.0
        request = _fit_budget({lab: math.ceil(r / rate) for lab, r in remaining.items()}, cap - attempts)
        candidates, gen_rejects = _round(generator, request, rounds, rounds_log, runner.redact)
        rounds += 1
        produced = len(candidates) + len(gen_rejects)
        attempts += produced if produced else sum(request.values())  # a silent generator must not loop forever
        n_generation_rejected += len(gen_rejects)
        rejected.extend(gen_rejects)
        res = runner.run(candidates)
        rejected.extend(res.rejected)
        for rec in res.kept:
            lab = _label_key(rec)
            if kept_by_label[lab] < quotas.get(lab, 0):
                kept.append(rec)
                kept_by_label[lab] += 1
            else:
                n_surplus += 1
                surplus = Rejection(stage="filter", reason="surplus", record_id=rec.id,
                                    detail={"filter": "resample", "label": lab}, record=rec.to_dict())
                rejected.append(surplus if runner.cleans else runner.redact([surplus])[0])
        log.info("round %d: %d candidates, kept %d/%d", rounds, produced, len(kept), target)
    stats = _stats(runner, quotas, attempts, cap, rounds, kept, n_generation_rejected, n_surplus, rejected)
    _close_journal(journal)
    return FilterResult(kept=kept, rejected=rejected, stats=stats)


def _open_journal(journal: str | Path, resume: bool, generator: Any, filter_config: FilterConfig) -> Any:
    import hashlib
    import json

    from ..config import to_dict
    from ..io import ShardedJsonlWriter

    fingerprint = getattr(generator, "fingerprint", None)
    blob = json.dumps([fingerprint() if callable(fingerprint) else repr(type(generator)), to_dict(filter_config)],
                      sort_keys=True, default=str)
    return ShardedJsonlWriter(journal, hashlib.sha256(blob.encode()).hexdigest()[:16], resume=resume,
                              info={"kind": "generate+filter rounds"})


def _close_journal(journal: str | Path | None) -> None:
    """Remove the rounds journal once the loop has ended (done or capped): it holds raw, unfiltered
    candidates, which may carry PII the filters reject, and only a crashed run needs it."""
    if journal is not None and (Path(journal) / "manifest.json").is_file():  # only a journal textsynth wrote
        import shutil

        shutil.rmtree(journal, ignore_errors=True)


def _round(generator: Any, request: dict[str, int], index: int, rounds_log: Any, redact: Any
           ) -> tuple[list[Record], list[Rejection]]:
    """Round ``index``'s candidates: replayed from the journal when it holds this exact round, else generated.

    The generation rejects (raw outputs that failed parsing) are redacted before anything is written.
    """
    if rounds_log is not None and index in rounds_log.done() \
            and rounds_log.manifest["shards"][str(index)].get("request") == request:
        return ([Record.from_dict(row) for row in rounds_log.read_shard(index)],
                [Rejection(**row) for row in rounds_log.read_shard(index, "rejects")])
    candidates, gen_rejects = generator.generate_quota(request, index)
    gen_rejects = redact(gen_rejects)
    if rounds_log is not None:
        rounds_log.write_shard(index, [r.to_dict() for r in candidates], [r.to_dict() for r in gen_rejects],
                               request=request)
    return candidates, gen_rejects


def _fit_budget(request: dict[str, int], budget: int) -> dict[str, int]:
    total = sum(request.values())
    if total <= budget:
        return request
    scaled = {lab: max(1, budget * q // total) for lab, q in request.items()}
    while sum(scaled.values()) > budget and any(v > 1 for v in scaled.values()):
        big = max(scaled, key=scaled.get)
        scaled[big] -= 1
    return scaled


def _stats(runner: FilterRunner, quotas: dict, attempts: int, cap: int, rounds: int, kept: list[Record],
           n_gen_rejected: int, n_surplus: int, rejected: list[Rejection]) -> dict[str, Any]:
    stats = runner.stats()
    stats["resample"] = {
        "target": sum(quotas.values()), "quotas": dict(quotas), "generated": attempts, "cap": cap, "rounds": rounds,
        "kept": len(kept), "acceptance_rate": len(kept) / attempts if attempts else None,
        "generation_rejected": n_gen_rejected, "surplus": n_surplus,
        "drops_by_reason": dict(Counter(r.reason for r in rejected).most_common()),
    }
    return stats


def _cap_message(n_kept: int, target: int, attempts: int, cap: int, cfg: FilterConfig, stats: dict) -> str:
    top = list(stats["resample"]["drops_by_reason"].items())[:3]
    reasons = ", ".join(f"{r}={c}" for r, c in top) or "none"
    return (f"the filter gate kept {n_kept} of {target} records after {attempts} candidates "
            f"(cap: filter.max_attempts_factor={cfg.max_attempts_factor:g} x n={target} = {cap}); "
            f"top drop reasons: {reasons}. Loosen the thresholds under filter.* or raise filter.max_attempts_factor.")


def write_outputs(result: FilterResult, output: str | Path) -> dict[str, Path]:
    """Kept records to ``output``; rejects and filter stats beside it (``X.rejects.jsonl``, ``X.filter_stats.json``)."""
    from ..io import write_json, write_jsonl

    out = Path(output)
    stem = out.name.removesuffix(".jsonl")
    paths = {"kept": out, "rejects": out.with_name(stem + ".rejects.jsonl"),
             "stats": out.with_name(stem + ".filter_stats.json")}
    write_jsonl(paths["kept"], (r.to_dict() for r in result.kept))
    write_jsonl(paths["rejects"], (r.to_dict() for r in result.rejected))
    write_json(paths["stats"], result.stats)
    return paths
