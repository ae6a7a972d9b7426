"""run_pipeline: scrub -> (fine-tune) -> generate+filter -> evaluate -> export, resumable per stage.

The only module that wires stages together. Each stage writes its outputs under the run dir and then records
itself as done in ``state.json`` with a fingerprint of the configuration it ran with; a rerun skips stages whose
fingerprint still matches and resumes an interrupted generation from its shards. The input enters the scrub
fingerprint by content, so an edited input file reruns everything. A run dir has one owner at a time (a lock), and
a directory holding files textsynth did not write is never used as a run dir.
"""
from __future__ import annotations

import contextlib
import json
import logging
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .config import FilterConfig, GenerateConfig, RayConfig, RunConfig, ScrubConfig
from .core.fingerprint import content_fingerprint, fingerprint
from .core.seed_pii import SeedPiiLookup
from .errors import ConfigError, GenerationCapError, InputError, StaleShardsError
from .io import RejectSink, read_jsonl_records, write_json, write_jsonl
from .keys import SecretKey, secret_key, seed_ref
from .locking import dir_lock
from .records import Record
from .run_state import RUN_MARKER, RunState, check_run_dir
from .run_summary import card_info, report_provenance
from .seed_stream import ScrubbedSeeds, holdout_split, scrub_seeds  # noqa: F401  (holdout_split: public here too)

log = logging.getLogger(__name__)

STAGES = ("scrub", "finetune", "generate", "evaluate", "export")


@dataclass
class PipelineResult:
    run_dir: Path
    dataset_dir: Path
    report_dir: Path
    counts: dict[str, int] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def run_pipeline(config: RunConfig, resume: bool = True) -> PipelineResult:
    """Run every stage in order; with ``resume`` skip stages already done with the same configuration.

    Args:
        config: the run (input, run_dir and every stage's settings), e.g. ``RunConfig.from_yaml("run.yaml")``.
        resume: skip finished stages whose configuration and input are unchanged, and continue an interrupted
            generation from its shards; ``False`` reruns everything.

    Returns:
        The run dir, dataset and report paths, the counts of every stage and the evaluation metrics.

    Raises:
        ConfigError: no input, or a run dir holding files textsynth did not write.
        InputError: a missing input or bad records (with ``read.on_error: raise``), or no usable seed.
        ExportError: a bad hub repo id or token (checked before any work).
        BusyError: another process is using the run dir.
    """
    if not config.input:
        raise ConfigError("input: path to the seed data is required")
    input_fp = content_fingerprint(config.input)
    if config.export.push_to_hub:
        from .exporting import hub_preflight

        hub_preflight(config.export.push_to_hub)
    run_dir = Path(config.run_dir)
    check_run_dir(run_dir)
    with dir_lock(run_dir, "run directory"), _engine_session(config):
        return _run_locked(config, run_dir, resume, input_fp)


def _engine_session(config: RunConfig) -> Any:
    """One Ray session for every stage of a run on the Ray engine (nothing for the local engine)."""
    if config.engine != "ray":
        return contextlib.nullcontext()
    from .engines.ray import ray_session

    return ray_session(config.ray)


def _run_locked(config: RunConfig, run_dir: Path, resume: bool, input_fp: str) -> PipelineResult:
    from . import __version__

    marker = run_dir / RUN_MARKER
    if not marker.exists():
        marker.write_text(json.dumps({"kind": "textsynth run", "version": __version__}), encoding="utf-8")
    (run_dir / "config.yaml").write_text(config.to_yaml())
    run = _Run(config, RunState(run_dir, fresh=not resume), resume,
               PipelineResult(run_dir=run_dir, dataset_dir=run_dir / "dataset", report_dir=run_dir / "report"))
    # Each step extends the fingerprint of the steps before it: a changed setting reruns its stage and every
    # later one.
    fp = _scrub_step(run, input_fp)
    gen_cfg, fp = _finetune_step(run, fp)
    kept, filter_stats, fp = _generate_step(run, gen_cfg, fp)
    fp = _evaluate_step(run, kept, filter_stats, fp)
    _export_step(run, gen_cfg, kept, filter_stats, fp)
    return run.result


@dataclass
class _Run:
    """What the steps of one run share: its settings, state.json, the result so far and the scrubbed seeds."""

    config: RunConfig
    state: RunState
    resume: bool
    result: PipelineResult
    seeds: list[Record] = field(default_factory=list)
    real_test: list[Record] = field(default_factory=list)
    seed_pii: SeedPiiLookup | None = None

    def skip(self, stage: str, fp: str) -> bool:
        """True (and the stage listed as skipped) when ``stage`` already finished under ``fp``."""
        if self.state.done(stage, fp):
            self.result.skipped.append(stage)
            return True
        return False


def _scrub_step(run: _Run, input_fp: str) -> str:
    """1. Read + scrub, and hold out a real test split the generator never sees.

    Streamed shard by shard into scrub/ (resumable); the records are handed on in memory, and read back from
    scrub/ only when the stage is skipped.
    """
    config = run.config
    fp = fingerprint(input_fp, config.read, config.scrub, config.evaluate.test_fraction, config.evaluate.seed)
    scrub_dir = run.result.run_dir / "scrub"
    if not run.skip("scrub", fp):
        scrubbed = _scrub_stage(config, scrub_dir, fp, run.resume)
        run.seeds, run.real_test, run.seed_pii = scrubbed.seeds, scrubbed.test, scrubbed.seed_pii
        run.state.mark("scrub", fp, counts=scrubbed.counts, audit=scrubbed.audit)
    else:
        from .seed_indexes import load_seed_pii

        run.seeds = read_jsonl_records(scrub_dir / "seeds.jsonl")
        run.real_test = read_jsonl_records(scrub_dir / "test.jsonl")
        run.seed_pii = load_seed_pii(scrub_dir / "seed_pii.json")
    run.result.counts.update(run.state.info("scrub").get("counts", {}))
    if not run.seeds:
        raise InputError(f"no usable seed records ({_count_line(run.result.counts)})", file=str(config.input))
    return fp


def _finetune_step(run: _Run, fp: str) -> tuple[GenerateConfig, str]:
    """2. Optional fine-tune; generation then uses the fine-tuned model dir."""
    config, gen_cfg = run.config, run.config.generate
    if not (config.finetune_first or gen_cfg.method == "finetune"):
        return gen_cfg, fp
    fp = fingerprint(fp, config.finetune)
    model_dir = run.result.run_dir / "model"
    if not run.skip("finetune", fp):
        from .models.finetune import finetune

        ref = finetune(replace(config.finetune, output_dir=str(model_dir), task=gen_cfg.task), run.seeds)
        run.state.mark("finetune", fp, epsilon=getattr(ref, "epsilon", None))
    return replace(gen_cfg, model=replace(gen_cfg.model, model=str(model_dir))), fp


def _generate_step(run: _Run, gen_cfg: GenerateConfig, fp: str) -> tuple[list[Record], dict[str, Any], str]:
    """3. Generate until n records pass the gate (resumes from shards)."""
    config = run.config
    gen_dir = run.result.run_dir / "generate"
    gen_cfg = replace(gen_cfg, output=str(gen_dir / "candidates.jsonl"), resume=True)
    fp = fingerprint(fp, gen_cfg, config.filter)
    if not run.skip("generate", fp):
        info = _generate_stage(gen_cfg, config.filter, run.seeds, run.seed_pii, gen_dir, resume=run.resume,
                               scrub_config=config.scrub, ray_config=config.ray if config.engine == "ray" else None)
        run.state.mark("generate", fp, **info)
    run.result.counts.update(run.state.info("generate").get("counts", {}))
    kept = read_jsonl_records(gen_dir / "kept.jsonl")
    return kept, json.loads((gen_dir / "filter_stats.json").read_text()), fp


def _evaluate_step(run: _Run, kept: list[Record], filter_stats: dict[str, Any], fp: str) -> str:
    """4. Evaluate on the held-out real test split."""
    config, result = run.config, run.result
    fp = fingerprint(fp, config.evaluate)
    if not run.skip("evaluate", fp):
        from .evaluation.evaluate import evaluate

        report = evaluate(kept, run.seeds, run.real_test or None, config.evaluate, filter_stats=filter_stats,
                          seed_pii=run.seed_pii, provenance=report_provenance(config, run.state, len(run.seeds)))
        report.write(result.report_dir, overwrite=True)  # our own previous report; never a foreign directory
        run.state.mark("evaluate", fp)
    result.metrics = json.loads((result.report_dir / "metrics.json").read_text())
    return fp


def _export_step(run: _Run, gen_cfg: GenerateConfig, kept: list[Record], filter_stats: dict[str, Any],
                 fp: str) -> None:
    """5. Export with a dataset card."""
    config, result = run.config, run.result
    fp = fingerprint(fp, config.export)
    if not run.skip("export", fp):
        from .exporting import export

        info = card_info(config, gen_cfg, run.state, filter_stats, result.metrics, n_seeds=len(run.seeds))
        # The run dir is ours; export still refuses a dataset dir holding anything it did not write.
        export(kept, result.dataset_dir, config.export, info, overwrite=True)
        run.state.mark("export", fp)


def _scrub_stage(config: RunConfig, out_dir: Path, fingerprint: str, resume: bool) -> ScrubbedSeeds:
    """Read -> scrub -> hold-out split, streamed shard by shard into ``out_dir`` (``seed_stream.scrub_seeds``);
    records are taken under keyed references of their ids (``keyed_seed_id``)."""
    key = secret_key()
    if config.engine == "ray":
        scrubbed = _scrub_stage_ray(config, out_dir, key)
    else:
        scrubbed = scrub_seeds(config, out_dir, fingerprint, resume=resume,
                               prepare=lambda r: keyed_seed_id(r, key, config.read.id_column))
    if not scrubbed.seeds:  # fail before generation, not after an empty run
        raise InputError(f"no usable seed records ({_count_line(scrubbed.counts)}; rejects in "
                         f"{out_dir / 'rejects.jsonl'})", file=str(config.input))
    return scrubbed


def _scrub_stage_ray(config: RunConfig, out_dir: Path, key: SecretKey) -> ScrubbedSeeds:
    """The scrub stage on Ray Data (``engines.ray.scrub_on_ray``): not streamed into shards of the run dir; a
    rerun scrubs again."""
    from .engines.ray import scrub_on_ray

    out_dir.mkdir(parents=True, exist_ok=True)
    with RejectSink(out_dir / "rejects.jsonl", raw=config.scrub.rejects_raw) as rejects:
        res = scrub_on_ray(config.input, config.read, config.scrub, config.ray, rejects, seed_ids=keyed_seed_id)
        n_read = len(res.records) + len(res.rejected)  # records read (scrubbed or rejected by the scrub)
        n_read_rejected = rejects.count
        for rej in res.rejected:
            rejects.add(rej)
    train, test = holdout_split(res.records, config.evaluate.test_fraction, config.evaluate.seed)
    counts = {"read": n_read + n_read_rejected, "read_rejected": n_read_rejected, "scrubbed": len(res.records),
              "scrub_rejected": len(res.rejected), "seeds": len(train), "real_test": len(test)}
    if train:
        write_jsonl(out_dir / "seeds.jsonl", (r.to_dict() for r in train))
        write_jsonl(out_dir / "test.jsonl", (r.to_dict() for r in test))
        res.seed_pii.save(out_dir / "seed_pii.json")
        write_json(out_dir / "audit.json", res.audit)
    return ScrubbedSeeds(counts=counts, audit=res.audit, seed_pii=res.seed_pii, seeds=train, test=test)


def keyed_seed_id(record: Record, key: SecretKey, id_column: str | None) -> Record:
    """The record under a keyed reference (``keys.seed_ref``) instead of its own id, in ``id`` and in its copy of
    the id column: seed ids (ticket numbers, customer ids) are data, and the run directory's seeds, test split,
    rejects and journals must not hold them. The user's own ``textsynth scrub`` output keeps the ids it was given."""
    ref = seed_ref(key, record.id)
    meta = record.meta
    fields = meta.get("fields") if isinstance(meta, dict) else None
    if isinstance(fields, dict) and id_column in fields:
        meta = {**meta, "fields": {**fields, id_column: ref}}
    return replace(record, id=ref, meta=meta)


def _count_line(counts: dict[str, Any]) -> str:
    return (f"read {counts.get('read', 0)}, rejected when read {counts.get('read_rejected', 0)}, "
            f"rejected by scrub {counts.get('scrub_rejected', 0)}")


def _generate_stage(gen_cfg: GenerateConfig, filter_cfg: FilterConfig, seeds: list[Record], seed_pii, out_dir: Path,
                    resume: bool = True, scrub_config: ScrubConfig | None = None,
                    ray_config: RayConfig | None = None) -> dict[str, Any]:
    """Generate + filter into ``out_dir``; the output PII gate scans with the run's scrub settings
    (``scrub_config``: spaCy model, language, score threshold, and for ``pii_action: rescrub`` the strategy).
    With ``ray_config`` the gate runs on Ray (same outputs)."""
    from .gate import generate_filtered
    from .seed_indexes import seed_indexes_dir, seeds_path

    if ray_config is not None:
        import functools

        from .engines.ray import generate_filtered_on_ray

        generate_filtered = functools.partial(generate_filtered_on_ray, ray_config=ray_config)  # noqa: F811

    out_dir.mkdir(parents=True, exist_ok=True)
    kept_path = out_dir / "kept.jsonl"
    outputs = {"output": kept_path, "rejects_output": out_dir / "rejects.jsonl",
               "stats_output": out_dir / "filter_stats.json"}
    try:
        # Kept records and rejects are appended shard by shard; the shard journal lets a crashed stage resume
        # (not with --fresh); a stale one (other settings) is dropped.
        journal = out_dir / "shards"
        old_journal = out_dir / "rounds"  # what older versions called it: taken over when it is ours
        if not journal.exists() and (old_journal / "manifest.json").is_file():
            old_journal.rename(journal)
        # The filters' seed indexes are saved in the run dir and loaded by a rerun (seed_indexes.py).
        run_dir = out_dir.parent
        indexes = {"index_dir": seed_indexes_dir(run_dir),
                   "index_fingerprint": content_fingerprint(seeds_path(run_dir))}
        try:
            res = generate_filtered(gen_cfg, seeds, filter_cfg, seed_pii=seed_pii, journal=journal, resume=resume,
                                    scrub_config=scrub_config, **outputs, **indexes)
        except StaleShardsError:
            shutil.rmtree(journal, ignore_errors=True)
            res = generate_filtered(gen_cfg, seeds, filter_cfg, seed_pii=seed_pii, journal=journal,
                                    scrub_config=scrub_config, **outputs, **indexes)
    except GenerationCapError:
        # Keep what the capped run produced so it can be inspected; the stage stays unfinished.
        if kept_path.is_file():
            kept_path.replace(out_dir / "partial_kept.jsonl")
        raise
    rs = res.stats["resample"]
    counts = {"generated": rs["generated"], "kept": rs["kept"], "filtered_out": rs["generated"] - rs["kept"]}
    pii = res.stats.get("filters", {}).get("pii")
    if pii is not None:  # what the output PII gate did (per entity type in filter_stats.json and the card)
        counts["output_pii_replaced"] = sum(c["replaced"] for c in pii["entities"].values())
        counts["output_pii_rejected_records"] = pii["dropped"]
    return {"counts": counts}
