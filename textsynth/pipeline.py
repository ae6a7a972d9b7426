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
import math
import shutil
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import ExportConfig, FilterConfig, GenerateConfig, RayConfig, ReadConfig, RunConfig, ScrubConfig
from .core.fingerprint import content_fingerprint, fingerprint
from .dataset_card import public_run_config
from .errors import ConfigError, GenerationCapError, InputError, StaleShardsError
from .io import RejectSink, read_jsonl_records, write_json, write_jsonl
from .keys import SecretKey, secret_key, seed_ref
from .locking import LOCK_FILES, dir_lock
from .records import Record
from .seed_stream import ScrubbedSeeds, holdout_split, scrub_seeds  # noqa: F401  (holdout_split: public here too)

if TYPE_CHECKING:
    from .models.lm import LanguageModel

log = logging.getLogger(__name__)

STAGES = ("scrub", "finetune", "generate", "evaluate", "export")
RUN_MARKER = "textsynth-run.json"


@dataclass
class PipelineResult:
    run_dir: Path
    dataset_dir: Path
    report_dir: Path
    counts: dict[str, int] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


class _State:
    """state.json: which stages finished, with the config fingerprint they ran with."""

    def __init__(self, run_dir: Path):
        self.path = run_dir / "state.json"
        self.data: dict[str, Any] = json.loads(self.path.read_text()) if self.path.exists() else {}

    def done(self, stage: str, fingerprint: str) -> bool:
        return self.data.get(stage, {}).get("fingerprint") == fingerprint

    def mark(self, stage: str, fingerprint: str, **info: Any) -> None:
        self.data[stage] = {"fingerprint": fingerprint, **info}
        write_json(self.path, self.data)

    def info(self, stage: str) -> dict[str, Any]:
        return self.data.get(stage, {})


def _check_run_dir(run_dir: Path) -> None:
    """A run dir is new, empty, or one textsynth made (its marker, or state.json of an older run)."""
    if not run_dir.exists():
        return
    if not run_dir.is_dir():
        raise ConfigError(f"run_dir: {run_dir} exists and is not a directory")
    if (run_dir / RUN_MARKER).is_file() or (run_dir / "state.json").is_file():
        return
    if any(p.name not in LOCK_FILES for p in run_dir.iterdir()):
        raise ConfigError(f"run_dir: {run_dir} is not empty and is not a textsynth run directory; "
                          "choose a new or empty directory")


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
    _check_run_dir(run_dir)
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
    state = _State(run_dir) if resume else _State.__new__(_State)
    if not resume:
        state.path, state.data = run_dir / "state.json", {}
    result = PipelineResult(run_dir=run_dir, dataset_dir=run_dir / "dataset", report_dir=run_dir / "report")

    # 1. Read + scrub, and hold out a real test split the generator never sees.
    # Streamed shard by shard into scrub/ (resumable); the records are handed on in memory, and read back
    # from scrub/ only when the stage is skipped.
    fp = fingerprint(input_fp, config.read, config.scrub, config.evaluate.test_fraction, config.evaluate.seed)
    scrub_dir = run_dir / "scrub"
    if not state.done("scrub", fp):
        scrubbed = _scrub_stage(config, scrub_dir, fp, resume)
        seeds, real_test, seed_pii = scrubbed.seeds, scrubbed.test, scrubbed.seed_pii
        state.mark("scrub", fp, counts=scrubbed.counts, audit=scrubbed.audit)
    else:
        result.skipped.append("scrub")
        seeds = read_jsonl_records(scrub_dir / "seeds.jsonl")
        real_test = read_jsonl_records(scrub_dir / "test.jsonl")
        from .seed_indexes import load_seed_pii

        seed_pii = load_seed_pii(scrub_dir / "seed_pii.json")
    result.counts.update(state.info("scrub").get("counts", {}))
    if not seeds:
        raise InputError(f"no usable seed records ({_count_line(result.counts)})", file=str(config.input))

    # 2. Optional fine-tune; generation then uses the fine-tuned model dir.
    gen_cfg = config.generate
    finetune_first = config.finetune_first or gen_cfg.method == "finetune"
    if finetune_first:
        fp = fingerprint(fp, config.finetune)
        model_dir = run_dir / "model"
        if not state.done("finetune", fp):
            from .models.finetune import finetune

            ref = finetune(replace(config.finetune, output_dir=str(model_dir), task=gen_cfg.task), seeds)
            state.mark("finetune", fp, epsilon=getattr(ref, "epsilon", None))
        else:
            result.skipped.append("finetune")
        gen_cfg = replace(gen_cfg, model=replace(gen_cfg.model, model=str(model_dir)))

    # 3. Generate until n records pass the gate (resumes from shards).
    gen_dir = run_dir / "generate"
    gen_cfg = replace(gen_cfg, output=str(gen_dir / "candidates.jsonl"), resume=True)
    fp = fingerprint(fp, gen_cfg, config.filter)
    if not state.done("generate", fp):
        info = _generate_stage(gen_cfg, config.filter, seeds, seed_pii, gen_dir, resume=resume,
                               scrub_config=config.scrub, ray_config=config.ray if config.engine == "ray" else None)
        state.mark("generate", fp, **info)
    else:
        result.skipped.append("generate")
    result.counts.update(state.info("generate").get("counts", {}))
    kept = read_jsonl_records(gen_dir / "kept.jsonl")
    filter_stats = json.loads((gen_dir / "filter_stats.json").read_text())

    # 4. Evaluate on the held-out real test split.
    fp = fingerprint(fp, config.evaluate)
    if not state.done("evaluate", fp):
        from .evaluation.evaluate import evaluate

        report = evaluate(kept, seeds, real_test or None, config.evaluate, filter_stats=filter_stats, seed_pii=seed_pii,
                          provenance=_report_provenance(config, state, len(seeds)))
        report.write(result.report_dir, overwrite=True)  # our own previous report; never a foreign directory
        state.mark("evaluate", fp)
    else:
        result.skipped.append("evaluate")
    result.metrics = json.loads((result.report_dir / "metrics.json").read_text())

    # 5. Export with a dataset card.
    fp = fingerprint(fp, config.export)
    if not state.done("export", fp):
        from .exporting import export

        info = _card_info(config, gen_cfg, state, filter_stats, result.metrics, n_seeds=len(seeds))
        # The run dir is ours; export still refuses a dataset dir holding anything it did not write.
        export(kept, result.dataset_dir, config.export, info, overwrite=True)
        state.mark("export", fp)
    else:
        result.skipped.append("export")
    return result


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


def _card_info(config: RunConfig, gen_cfg: GenerateConfig, state: _State, filter_stats: dict, metrics: dict,
               n_seeds: int) -> dict[str, Any]:
    finetune_first = config.finetune_first or gen_cfg.method == "finetune"
    ft = state.info("finetune") if finetune_first else {}
    dp = filter_stats.get("privacy")  # a DP generation method (private_evolution) states its guarantee
    if finetune_first and config.finetune.dp_epsilon:
        dp = {"epsilon": ft.get("epsilon") or config.finetune.dp_epsilon, "delta": config.finetune.dp_delta}
    counts = state.info("generate").get("counts", {})
    return {
        "task": gen_cfg.task,
        "base_model": config.finetune.base.model if finetune_first else gen_cfg.model.model,
        "method": ("LoRA fine-tuning" if config.finetune.lora else "full fine-tuning") if finetune_first
        else "Private Evolution (Aug-PE)" if gen_cfg.method == "private_evolution"
        else "few-shot prompting with label control",
        "dp": dp,
        "pii_policy": f"seeds: strategy={config.scrub.strategy}; entities={', '.join(config.scrub.entities)}; "
                      + output_pii_policy(config.filter, filter_stats),
        "pii_counts": (state.info("scrub").get("audit") or {}).get("entities", {}),
        "n_seeds": n_seeds,
        "n_generated": counts.get("generated", "n/a"),
        "filter_stats": filter_stats,
        "eval": headline_metrics(metrics),
        "run_config": public_run_config(config),
    }


def _report_provenance(config: RunConfig, state: _State, n_seeds: int) -> dict[str, Any]:
    """What the report's provenance block needs beyond the records' meta: seed count, DP epsilon, method."""
    epsilon = None
    if config.finetune_first and config.finetune.dp_epsilon:
        epsilon = state.info("finetune").get("epsilon") or config.finetune.dp_epsilon
    return {"n_seeds": n_seeds, "dp_epsilon": epsilon,
            "method": "fine-tuned model" if config.finetune_first else "few-shot prompting"}


def output_pii_policy(filter_config: FilterConfig, filter_stats: dict) -> str:
    """The output gate's PII policy and what it did, per entity type, for the card."""
    pii = (filter_stats.get("filters") or {}).get("pii")
    if pii is None:
        return "outputs: not re-scanned"
    done = ", ".join(f"{t} {c['replaced']} replaced/{c['in_rejected']} rejected"
                     for t, c in (pii.get("entities") or {}).items()) or "none found"
    return (f"outputs: pii_action={filter_config.pii_action} on {', '.join(filter_config.pii_entities)} ({done}); "
            f"seed PII values always rejected ({pii.get('seed_value_spans', 0)} found)")


def headline_metrics(metrics: dict[str, Any]) -> dict[str, Any]:
    """A few flat figures from the evaluation report for cards and console output."""
    from .evaluation.report import headline

    return headline(metrics)


AUGMENT_MIN_ATTEMPTS = 64  # a request for a handful of rows still gets this many candidates
SMALL_SEED_SET = 200  # fewer seeds: fewer shots to rotate and a weaker label classifier, so fewer outputs pass
MAX_SEED_SCALE = 4.0


def augment_attempt_factor(base: float, n: int, n_seeds: int) -> float:
    """The gate's attempt factor for ``augment``: ``base`` scaled up by sqrt(SMALL_SEED_SET / n_seeds) for small
    seed sets (at most x4), and high enough that ``n`` rows may use AUGMENT_MIN_ATTEMPTS candidates."""
    scale = min(MAX_SEED_SCALE, max(1.0, math.sqrt(SMALL_SEED_SET / max(n_seeds, 1))))
    return max(base * scale, AUGMENT_MIN_ATTEMPTS / max(n, 1))


def augment(dataset: Any, n: int, label_column: str = "label", text_column: str = "text", task: str = "sentiment",
            config: RunConfig | None = None, *, lm: LanguageModel | None = None, seed: int | None = None, model: str | None = None,
            progress: bool = True, split: str | None = None) -> Any:
    """Real rows plus up to ``n`` filtered synthetic rows as one ``datasets.Dataset`` with a ``synthetic`` flag.

    Runs scrub, generate and filter with defaults. The real rows come back unchanged; synthetic rows use the
    dataset's own label names (ClassLabel ids stay ids, integer labels stay integers), leave other columns empty
    and carry their provenance (model, template, sampling, requested label) as JSON in ``synthetic_meta``.
    Generation follows the seed label distribution, so every synthetic label is one the dataset has. The attempt
    budget grows for small seed sets (``augment_attempt_factor``).

    Args:
        dataset: a ``datasets.Dataset``, or a ``DatasetDict`` together with ``split``.
        n: synthetic rows wanted.
        label_column, text_column: the dataset's columns.
        task: the prompt template (sentiment, chat, text).
        config: every other setting (defaults otherwise); ``seed`` and ``model`` override its generate section.
        lm: an already loaded language model (instead of loading ``model``).
        seed: generation seed.
        model: embedded model id, Hugging Face id or local directory.
        progress: show the progress bar.
        split: the split of a ``DatasetDict`` to augment.

    Returns:
        A ``datasets.Dataset``: the real rows, then the synthetic ones.

    Raises:
        ConfigError: a missing column, or a ``DatasetDict`` without a valid ``split``.
        InputError: no rows, or none usable after scrubbing.

    When the gate runs out of attempts, the rows it kept are returned with a ``UserWarning`` saying how many of
    ``n`` came back: what passed the gate is never thrown away.
    """
    import datasets

    from .gate import generate_filtered
    from .generation.generate import Generator
    from .io import row_to_record
    from .scrubbing.engine import scrub

    dataset = _one_split(dataset, split)
    cfg = config or RunConfig()
    overrides = {"seed": seed} if seed is not None else {}
    if model is not None:
        overrides["model"] = replace(cfg.generate.model, model=model)
    cfg = replace(cfg, generate=replace(cfg.generate, **overrides)) if overrides else cfg
    for col in (text_column, label_column):
        if col not in dataset.column_names:
            raise ConfigError(f"augment: the dataset has no column {col!r} (columns: {', '.join(dataset.column_names)})")
    if len(dataset) == 0:
        raise InputError("augment: the dataset has no rows; nothing to generate from", file="<dataset>")
    label_feature = dataset.features[label_column]
    is_class = isinstance(label_feature, datasets.ClassLabel)
    read_cfg = ReadConfig(text_column=text_column, label_column=label_column, id_column=None)
    seeds = []
    for i, row in enumerate(dataset):
        row = {text_column: row[text_column], label_column: label_feature.int2str(row[label_column]) if is_class else row[label_column]}
        seeds.append(row_to_record(row, read_cfg, file="<dataset>", line=i + 1))
    scrubbed = scrub(seeds, cfg.scrub)
    if not scrubbed.records:
        raise InputError(f"augment: no usable rows (read {len(dataset)}, rejected by scrub {len(scrubbed.rejected)})",
                         file="<dataset>")
    gen_cfg = replace(cfg.generate, task=task, n=n, output=None, resume=False, label_distribution="seed")
    filter_cfg = replace(cfg.filter, max_attempts_factor=augment_attempt_factor(
        cfg.filter.max_attempts_factor, n, len(scrubbed.records)))
    generator = Generator(gen_cfg, scrubbed.records, lm=lm)
    # Generated records carry template labels ("positive"); map them back to the dataset's names ("pos").
    to_dataset_label = {generator.template.canonical_label(r.label) or r.label: r.label for r in scrubbed.records}
    try:
        res = generate_filtered(gen_cfg, scrubbed.records, filter_cfg, seed_pii=scrubbed.seed_pii,
                                generator=generator, scrub_config=cfg.scrub, progress=None if progress else False)
    except GenerationCapError as err:
        res = err.result  # type: ignore[attr-defined]
        msg = f"augment: returning {len(res.kept)} of {n} synthetic rows; {err}"
        log.warning(msg)
        warnings.warn(msg, UserWarning, stacklevel=2)
    labels = [to_dataset_label.get(r.label, r.label) for r in res.kept]
    return _with_synthetic_rows(dataset, res.kept, labels, text_column, label_column)


def _with_synthetic_rows(dataset: Any, kept: list[Record], labels: list[Any], text_column: str,
                         label_column: str) -> Any:
    """The real rows (flagged) then the synthetic ones, labels in the dataset's own type, provenance as JSON."""
    import datasets

    from .io import dumps_json

    label_feature = dataset.features[label_column]
    if isinstance(label_feature, datasets.ClassLabel):
        labels = [label_feature.str2int(lab) for lab in labels]
    elif label_feature.dtype.startswith("int"):
        labels = [int(lab) for lab in labels]
    synthetic = {col: [None] * len(kept) for col in dataset.column_names}
    synthetic[text_column] = [r.text for r in kept]
    synthetic[label_column] = labels
    real = dataset.add_column("synthetic", [False] * len(dataset))
    real = real.add_column("synthetic_meta", [None] * len(dataset), feature=datasets.Value("string"))
    provenance = [dumps_json({k: v for k, v in r.meta.items() if k in AUGMENT_PROVENANCE}, sort_keys=True)
                  for r in kept]
    synth = datasets.Dataset.from_dict({**synthetic, "synthetic": [True] * len(kept), "synthetic_meta": provenance},
                                       features=real.features)
    return datasets.concatenate_datasets([real, synth])


AUGMENT_PROVENANCE = ("requested_label", "template", "model", "sampling", "seed", "sampling_seed", "dcr")


def _one_split(dataset: Any, split: str | None) -> Any:
    """The ``datasets.Dataset`` to augment: the dataset itself, or the named split of a ``DatasetDict``."""
    import datasets

    if not isinstance(dataset, (datasets.DatasetDict, dict)):
        if split is not None:
            raise ConfigError(f"augment: split={split!r} is for a DatasetDict; this is a single Dataset")
        return dataset
    names = ", ".join(dataset) or "none"
    if split is None:
        raise ConfigError(f"augment: got a DatasetDict (splits: {names}); pass split= to choose the one to augment "
                          "(usually train: never augment a test split)")
    if split not in dataset:
        raise ConfigError(f"augment: no split {split!r} in the DatasetDict (splits: {names})")
    return dataset[split]


def starter_config(task: str, input_path: str | None = None, filename: str = "textsynth.yaml") -> str:
    """A commented starter config for ``textsynth init``; it parses back into a valid RunConfig."""
    from importlib.resources import files

    if task not in ("sentiment", "chat", "text"):
        raise ConfigError(f"--task: expected sentiment, chat or text, got {task!r}")
    chat = task == "chat"
    template = files("textsynth").joinpath("templates/config.yaml").read_text(encoding="utf-8")
    return template.format(
        task=task,
        filename=filename,
        input=input_path or {"chat": "data/chats.jsonl", "text": "data/texts.jsonl"}.get(task, "data/reviews.jsonl"),
        label_column="null" if chat else "label",
        messages_column="messages" if chat else "null",
        n=100,
        max_new_tokens=160 if chat else 64,
    )
