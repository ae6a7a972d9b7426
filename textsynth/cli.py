"""The `textsynth` command: each command parses flags into a config and calls one library function.

No logic lives here. Heavy modules are imported inside the commands so `textsynth --help` is instant.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Optional

import typer

from .console import JsonOutput, PipelineGroup, Quiet, Verbose, emit, setup


def _echo_err(message: str) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)


app = typer.Typer(
    name="textsynth",
    help="Turn private seed text into privacy-safe synthetic training corpora.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=PipelineGroup,
)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"textsynth {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Turn private seed text into privacy-safe synthetic training corpora."""


def _read_config(text_column: str, label_column: Optional[str], messages_column: Optional[str],
                 id_column: Optional[str], on_error: str):
    from .config import ReadConfig, from_dict

    return from_dict(ReadConfig, {
        "text_column": text_column, "label_column": label_column, "messages_column": messages_column,
        "id_column": id_column, "on_error": on_error,
    }, prefix="--")


# --- commands are added below, one thin function each ---


@app.command("scrub")
def scrub_cmd(
    input_path: Path = typer.Argument(..., help="JSONL, CSV, Parquet file or saved HF dataset directory"),
    output: Path = typer.Option(..., "-o", "--output", help="scrubbed JSONL (one line per kept record, input order)"),
    rejects: Optional[Path] = typer.Option(None, "--rejects", help="JSONL of rejected records with reasons "
                                           "[OUTPUT.rejects.jsonl]"),
    strategy: str = typer.Option("fake", "--strategy", help="tag | fake | hash | redact"),
    entities: Optional[str] = typer.Option(None, "--entities", help="comma-separated types (default: all)"),
    text_column: str = typer.Option("text", "--text-column"),
    label_column: Optional[str] = typer.Option("label", "--label-column"),
    messages_column: Optional[str] = typer.Option(None, "--messages-column", help="chat column: list of {role, content}"),
    id_column: Optional[str] = typer.Option("id", "--id-column"),
    on_error: str = typer.Option("raise", "--on-error", help="raise (stop at the first bad record) | skip (reject it)"),
    salt: Optional[str] = typer.Option(None, "--salt", help="salt of the hashes (default: random per run)"),
    seed_pii: Optional[Path] = typer.Option(None, "--seed-pii", help="write the keyed hashes of seed PII (JSON)"),
    audit: Optional[Path] = typer.Option(None, "--audit", help="write the audit counts (JSON)"),
    n_process: int = typer.Option(0, "--n-process", help="worker processes (0: all cores for large inputs)"),
    rejects_raw: bool = typer.Option(False, "--rejects-raw",
                                     help="keep rejected records' raw text in --rejects (default: scrubbed or none)"),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="progress bar on a terminal"),
    language: str = typer.Option("en", "--language",
                                 help="auto (detect per record) | en | fr | de | es | it, or several: en,fr"),
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
) -> None:
    """Detect and replace PII (Presidio + spaCy, offline); print read / scrubbed / rejected counts."""
    out = setup(verbose, quiet, json_output)
    from .config import ScrubConfig, from_dict
    from .errors import TextsynthError
    from .scrubbing.engine import scrub_file

    try:
        read_cfg = _read_config(text_column, label_column, messages_column, id_column, on_error)
        values: dict = {"strategy": strategy, "salt": salt, "n_process": n_process, "rejects_raw": rejects_raw,
                        "language": language}
        if entities:
            values["entities"] = entities
        cfg = from_dict(ScrubConfig, values, prefix="--")
        rejects = rejects or output.with_name(output.stem + ".rejects.jsonl")  # no record dropped unrecorded
        rep = scrub_file(input_path, output, read_cfg, cfg, rejects_path=rejects, seed_pii_path=seed_pii,
                         audit_path=audit, progress=None if out.progress(progress) else False)
    except TextsynthError as exc:
        _echo_err(str(exc))
        raise typer.Exit(exc.exit_code) from None
    lines = [f"read {rep.read}, scrubbed {rep.scrubbed}, rejected {rep.rejected}"]
    if rep.audit["entities"]:
        lines.append("entities: " + ", ".join(f"{k}={v}" for k, v in rep.audit["entities"].items()))
    lines.append(f"wrote {rep.output}" + (f"; rejects in {rep.rejects}" if rep.rejects else ""))
    emit({"read": rep.read, "scrubbed": rep.scrubbed, "rejected": rep.rejected, "entities": rep.audit["entities"],
          "output": str(rep.output), "rejects": str(rep.rejects) if rep.rejects else None}, lines)


@app.command("init")
def init_cmd(
    task: str = typer.Option("sentiment", "--task", help="sentiment, chat or text"),
    output: Path = typer.Option(Path("textsynth.yaml"), "-o", "--output", help="config file to write"),
    input_path: Optional[str] = typer.Option(None, "--input", help="seed data path to put in the config "
                                             "[sentiment: the bundled demo corpus, copied beside the config]"),
    force: bool = typer.Option(False, "--force", help="overwrite an existing file"),
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
) -> None:
    """Write a commented starter config for `textsynth run` (runs as written on the bundled demo corpus)."""
    from .starter import init_config

    setup(verbose, quiet, json_output)
    res = init_config(task, output, input_path, force=force)
    lines = [f"wrote {res.config}" + (f" and the demo seeds {res.demo_corpus}" if res.demo_corpus else ""),
             f"run it with: textsynth run {res.config}"]
    emit({"config": str(res.config), "input": res.input,
          "demo_corpus": str(res.demo_corpus) if res.demo_corpus else None}, lines)


@app.command("run")
def run_cmd(
    config: Path = typer.Argument(..., help="run config YAML (see `textsynth init`)"),
    fresh: bool = typer.Option(False, "--fresh", help="ignore finished stages and run everything again"),
    push_to_hub: Optional[str] = typer.Option(None, "--push-to-hub", help="also upload the dataset to this repo id"),
    rejects_raw: bool = typer.Option(False, "--rejects-raw",
                                     help="keep rejected seeds' raw text in scrub/rejects.jsonl (scrub.rejects_raw)"),
    token: Optional[str] = typer.Option(None, "--token", help="hub token [HF_TOKEN or your `hf auth login`]; "
                                        "never printed"),
    revision: Optional[str] = typer.Option(None, "--revision", help="hub branch to push to (default: main)"),
    commit_message: Optional[str] = typer.Option(None, "--commit-message", help="hub commit message"),
    create_pr: Optional[bool] = typer.Option(None, "--create-pr", help="open a pull request instead of committing"),
    private: Optional[bool] = typer.Option(None, "--private/--no-private", help="visibility of a new hub repo "
                                           "[export.private: true]"),
    engine: Optional[str] = typer.Option(None, "--engine", help="local or ray (engine; ray.address picks the cluster)"),
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
) -> None:
    """Run the whole pipeline: scrub -> generate -> filter -> evaluate -> export (resumes by default)."""
    from .config import RunConfig, replace
    from .pipeline import headline_metrics, run_pipeline

    setup(verbose, quiet, json_output)
    cfg = RunConfig.from_yaml(config)
    cfg = replace(cfg, export=_hub_options(cfg.export, push_to_hub, revision, commit_message, create_pr, private))
    _use_token(token)
    if rejects_raw:
        cfg = replace(cfg, scrub=replace(cfg.scrub, rejects_raw=True))
    cfg = replace(cfg, engine=engine)  # validated like the YAML value
    result = run_pipeline(cfg, resume=not fresh)
    headline = headline_metrics(result.metrics)
    lines = [f"resumed: skipped finished stages {', '.join(result.skipped)}"] if result.skipped else []
    lines.append("counts: " + ", ".join(f"{k}={v}" for k, v in result.counts.items()))
    lines += _metric_lines(headline)
    lines += [f"dataset: {result.dataset_dir}", f"report:  {result.report_dir / 'report.html'}"]
    emit({"run_dir": str(result.run_dir), "skipped": result.skipped, "counts": result.counts, "headline": headline,
          "dataset": str(result.dataset_dir), "report": str(result.report_dir / "report.html")}, lines)


@app.command("export")
def export_cmd(
    records: Path = typer.Argument(..., help="JSONL of records (e.g. the output of `textsynth filter`)"),
    output: Path = typer.Option(..., "-o", "--output", help="output directory (new or empty)"),
    overwrite: bool = typer.Option(False, "--overwrite", help="replace a previous textsynth export in -o "
                                   "(never a directory holding anything else)"),
    formats: str = typer.Option("save_to_disk,parquet,jsonl", "--formats"),
    push_to_hub: Optional[str] = typer.Option(None, "--push-to-hub", help="repo id, e.g. user/my-synthetic-data"),
    private: bool = typer.Option(True, "--private/--no-private", help="visibility of a new hub repo"),
    token: Optional[str] = typer.Option(None, "--token", help="hub token [HF_TOKEN or your `hf auth login`]; "
                                        "never printed"),
    revision: Optional[str] = typer.Option(None, "--revision", help="hub branch to push to (default: main)"),
    commit_message: Optional[str] = typer.Option(None, "--commit-message", help="hub commit message"),
    create_pr: bool = typer.Option(False, "--create-pr", help="open a pull request instead of committing"),
    task: str = typer.Option("sentiment", "--task", help="task name for the dataset card"),
    seed: int = typer.Option(0, "--seed"),
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
) -> None:
    """Export records as a DatasetDict (train/validation/test) with a dataset card."""
    from .config import ExportConfig, from_dict
    from .exporting import export
    from .io import read_jsonl_records

    setup(verbose, quiet, json_output)
    cfg = from_dict(ExportConfig, {"formats": formats, "push_to_hub": push_to_hub, "private": private, "seed": seed,
                                   "revision": revision, "commit_message": commit_message, "create_pr": create_pr},
                    prefix="--")
    res = export(read_jsonl_records(records), output, cfg, {"task": task}, overwrite=overwrite, token=token)
    emit({"splits": res.split_sizes, "output": str(res.out_dir), "hub_url": res.hub_url},
         ["splits: " + ", ".join(f"{k}={v}" for k, v in res.split_sizes.items()),
          f"wrote {res.out_dir}" + (f"; pushed to {res.hub_url}" if res.hub_url else "")])


@app.command("evaluate")
def evaluate_cmd(
    synthetic: Path = typer.Option(..., "--synthetic", help="synthetic records (Record JSONL or any readable format)"),
    real: Path = typer.Option(..., "--real", help="real (scrubbed) train records the generator saw"),
    test: Optional[Path] = typer.Option(None, "--test", help="real records the generator never saw (default: a seeded split of --real)"),
    output: Path = typer.Option(..., "-o", "--output", help="report directory (metrics.json, report.html): new or empty"),
    overwrite: bool = typer.Option(False, "--overwrite", help="replace a previous textsynth report in -o "
                                   "(never a directory holding anything else)"),
    filter_stats: Optional[Path] = typer.Option(None, "--filter-stats", help="filter_stats.json of the filter stage"),
    seed_pii: Optional[Path] = typer.Option(None, "--seed-pii", help="seed_pii.json (keyed hashes) from the scrub stage"),
    canaries: Optional[Path] = typer.Option(None, "--canaries", help="text file, one planted secret per line"),
    text_column: str = typer.Option("text", "--text-column", help="text column of the real files"),
    label_column: Optional[str] = typer.Option("label", "--label-column", help="label column of the real files"),
    messages_column: Optional[str] = typer.Option(None, "--messages-column", help="chat messages column of the real files"),
    id_column: Optional[str] = typer.Option("id", "--id-column"),
    embeddings: bool = typer.Option(True, "--embeddings/--no-embeddings", help="MiniLM embeddings (else TF-IDF only)"),
    test_fraction: float = typer.Option(0.2, "--test-fraction"),
    max_records: int = typer.Option(5000, "--max-records", help="sample at most this many records per set"),
    closest_pairs: int = typer.Option(0, "--closest-pairs", help="list this many closest synthetic/real pairs in "
                                      "the report, for auditing (shows --real text: pass scrubbed records)"),
    seed: int = typer.Option(0, "--seed"),
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
) -> None:
    """Evaluate a synthetic corpus against real data: fidelity, utility (train on synthetic, test on real), privacy."""
    import json as _json

    setup(verbose, quiet, json_output)
    from .config import EvaluateConfig, from_dict
    from .evaluation.report import REPORT_KIND, evaluate, read_lines
    from .io import load_records
    from .outdir import check_owned_target

    check_owned_target(output.resolve(), REPORT_KIND, overwrite)  # before any work (checked again when written)
    cfg = from_dict(EvaluateConfig, {"test_fraction": test_fraction, "seed": seed, "embeddings": embeddings,
                                     "max_records": max_records, "closest_pairs": closest_pairs}, prefix="--")
    read_cfg = _read_config(text_column, label_column, messages_column, id_column, "raise")
    from .seed_indexes import load_seed_pii

    pii_index = load_seed_pii(seed_pii)
    report = evaluate(
        load_records(synthetic),
        load_records(real, read_cfg),
        load_records(test, read_cfg) if test is not None else None,
        cfg,
        filter_stats=_json.loads(filter_stats.read_text(encoding="utf-8")) if filter_stats else None,
        canaries=read_lines(canaries),
        seed_pii=pii_index,
    )
    output = report.write(output, overwrite=overwrite)
    alarms = report.metrics["privacy"]["dcr"]["alarm_reasons"]
    emit({"headline": report.headline(), "dcr_alarms": alarms, "metrics": str(output / "metrics.json"),
          "report": str(output / "report.html")},
         _metric_lines(report.headline()) + [f"  DCR alarm: {reason}" for reason in alarms]
         + [f"wrote {output / 'metrics.json'} and {output / 'report.html'}"])


@app.command("filter")
def filter_cmd(
    candidates: Path = typer.Argument(..., help="candidate records (JSONL of records, or any readable input)"),
    seeds: Path = typer.Option(..., "--seeds", help="the scrubbed seed records"),
    output: Path = typer.Option(..., "-o", "--output", help="JSONL for the kept records"),
    rejects: Optional[Path] = typer.Option(None, "--rejects", help="JSONL for the rejected records [KEPT.rejects.jsonl]"),
    seed_pii: Optional[Path] = typer.Option(None, "--seed-pii", help="seed_pii.json written by the scrub stage"),
    filters: Optional[str] = typer.Option(None, "--filters", help="comma list, in order [quality,ngram,minhash,neighbours,pii,label]"),
    ngram_max_len: Optional[int] = typer.Option(None, "--ngram-max-len", help="reject any shared word n-gram this long [8]"),
    ngram_share_max: Optional[float] = typer.Option(None, "--ngram-share-max", help="max share of 4-grams found in seeds [0.5]"),
    minhash_threshold: Optional[float] = typer.Option(None, "--minhash-threshold", help="Jaccard threshold [0.7]"),
    neighbours_max_cosine: Optional[float] = typer.Option(None, "--neighbours-max-cosine", help="cosine threshold [0.92]"),
    pii_action: Optional[str] = typer.Option(None, "--pii-action", help="names, emails, phones, ... in outputs: "
                                             "fake (replace with consistent fakes), rescrub or reject [fake]"),
    label_margin: Optional[float] = typer.Option(None, "--label-margin", help="classifier confidence margin [-0.2]"),
    min_words: Optional[int] = typer.Option(None, "--min-words"),
    max_words: Optional[int] = typer.Option(None, "--max-words"),
    stats: Optional[Path] = typer.Option(None, "--stats", help="JSON file for filter stats [KEPT.filter_stats.json]"),
    text_column: str = typer.Option("text", "--text-column", help="for non-record inputs"),
    label_column: Optional[str] = typer.Option("label", "--label-column", help="for non-record inputs"),
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
) -> None:
    """Run candidates through the memorisation gate and output filters; every candidate lands in one file."""
    setup(verbose, quiet, json_output)
    from .config import FilterConfig, from_dict, to_dict
    from .filters.base import filter_records
    from .io import load_records, write_json, write_jsonl
    from .outdir import check_not_input

    changes = {"filters": filters, "ngram_max_len": ngram_max_len, "ngram_share_max": ngram_share_max,
               "minhash_threshold": minhash_threshold, "neighbours_max_cosine": neighbours_max_cosine,
               "pii_action": pii_action, "label_margin": label_margin, "min_words": min_words, "max_words": max_words}
    cfg = from_dict(FilterConfig, {**to_dict(FilterConfig()), **{k: v for k, v in changes.items() if v is not None}}, prefix="--")
    rejects = rejects or output.with_name(output.stem + ".rejects.jsonl")
    stats = stats or output.with_name(output.stem + ".filter_stats.json")
    check_not_input({"-o": output, "--rejects": rejects, "--stats": stats},
                    {"CANDIDATES": candidates, "--seeds": seeds, "--seed-pii": seed_pii})
    from .seed_indexes import load_seed_pii

    index = load_seed_pii(seed_pii)
    read_cfg = _read_config(text_column, label_column, None, "id", "raise")
    cands = load_records(candidates, read_cfg)
    seed_records = load_records(seeds, read_cfg)
    res = filter_records(cands, seed_records, cfg, seed_pii=index)
    write_jsonl(output, (r.to_dict() for r in res.kept))
    write_jsonl(rejects, (r.to_dict() for r in res.rejected))
    write_json(stats, res.stats)
    lines = []
    for name, info in res.stats["filters"].items():
        reasons = ", ".join(f"{r}={c}" for r, c in info["reasons"].items())
        lines.append(f"  {name:11s} dropped {info['dropped']:6d}" + (f"  ({reasons})" if reasons else ""))
    lines += _pii_count_lines(res.stats)
    if res.stats["input_columns_dropped"]:
        lines.append(f"left out the other input columns of {res.stats['input_columns_dropped']} candidates "
                     "(only the text is gated)")
    lines += [f"kept {len(res.kept)} + rejected {len(res.rejected)} = {len(cands)} candidates",
              f"wrote {output}, {rejects}, {stats}"]
    emit({"candidates": len(cands), "kept": len(res.kept), "rejected": len(res.rejected),
          "dropped_by_filter": {name: info["dropped"] for name, info in res.stats["filters"].items()},
          "output": str(output), "rejects": str(rejects), "stats": str(stats)}, lines)


@app.command("finetune")
def finetune_cmd(
    seeds: Path = typer.Option(..., "--seeds", help="scrubbed seed records (Record JSONL, or any readable input)"),
    output: Path = typer.Option(..., "-o", "--output", help="model directory to write"),
    task: str = typer.Option("sentiment", "--task", help="sentiment or chat (recorded in textsynth.json)"),
    base: str = typer.Option("smollm2-135m-instruct", "--base", help="embedded id, HF id or local model dir"),
    lora: bool = typer.Option(True, "--lora/--full", help="LoRA adapter (default) or full fine-tuning"),
    lora_r: int = typer.Option(8, "--lora-r"),
    dp_epsilon: Optional[float] = typer.Option(None, "--dp-epsilon", help="train with DP-SGD to this epsilon"),
    dp_delta: float = typer.Option(1e-5, "--dp-delta"),
    max_grad_norm: float = typer.Option(1.0, "--max-grad-norm", help="DP per-sample clipping norm"),
    dp_secure_mode: bool = typer.Option(False, "--dp-secure-mode",
                                        help="DP-SGD noise from a CSPRNG (opacus secure_mode; needs torchcsprng)"),
    epochs: Optional[int] = typer.Option(None, "--epochs", help="[1; 3 with DP]"),
    lr: Optional[float] = typer.Option(None, "--lr", help="[1e-3; 3e-3 with DP]"),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", help="[8; 32 with DP: less noise per example]"),
    max_length: int = typer.Option(96, "--max-length", help="tokens per example (control prefix included)"),
    device: str = typer.Option("auto", "--device", help="auto, cpu, cuda or cuda:N"),
    dtype: str = typer.Option("auto", "--dtype", help="autocast dtype: auto, float32 or bfloat16"),
    seed: int = typer.Option(0, "--seed"),
    resume: bool = typer.Option(True, "--resume/--no-resume", help="continue from the last epoch checkpoint"),
    text_column: str = typer.Option("text", "--text-column", help="for non-record inputs"),
    label_column: Optional[str] = typer.Option("label", "--label-column", help="for non-record inputs"),
    messages_column: Optional[str] = typer.Option(None, "--messages-column", help="chat messages column"),
    progress: bool = typer.Option(True, "--progress/--no-progress"),
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
) -> None:
    """Fine-tune a causal LM on labelled seeds (label as control prefix); then `textsynth generate --model DIR`."""
    out = setup(verbose, quiet, json_output)
    from .config import FinetuneConfig, from_dict
    from .io import load_seed_records
    from .models.finetune import finetune

    cfg = from_dict(FinetuneConfig, {
        "task": task, "base": {"model": base, "device": device, "dtype": dtype}, "output_dir": str(output),
        "lora": lora, "lora_r": lora_r, "epochs": epochs, "lr": lr, "batch_size": batch_size,
        "max_length": max_length, "dp_epsilon": dp_epsilon, "dp_delta": dp_delta, "max_grad_norm": max_grad_norm,
        "dp_secure_mode": dp_secure_mode, "seed": seed, "resume": resume,
    }, prefix="--")
    records = load_seed_records(seeds, _read_config(text_column, label_column, messages_column, "id", "raise"))
    ref = finetune(cfg, records, progress=out.progress(progress))  # holds the output dir's lock while it trains
    hist = ref.metadata["training"]["history"]
    lines = [f"trained {ref.metadata['training']['steps']} steps on {len(records)} records; "
             f"loss {hist[0]['first_loss']:.3f} -> {hist[-1]['last_loss']:.3f}"]
    if ref.epsilon is not None:
        dp = ref.metadata["dp"]
        lines.append(f"DP: epsilon {ref.epsilon:.3f} (target {dp['target_epsilon']:g}) at delta {dp['delta']:g}")
    lines.append(f"wrote {ref.path}; generate with: textsynth generate --model {ref.path}")
    emit({"model_dir": str(ref.path), "records": len(records), "steps": ref.metadata["training"]["steps"],
          "first_loss": hist[0]["first_loss"], "last_loss": hist[-1]["last_loss"], "epsilon": ref.epsilon}, lines)


@app.command("generate")
def generate_cmd(
    task: str = typer.Option("sentiment", "--task", help="template in prompts/: sentiment, chat or text (any short texts)"),
    n: int = typer.Option(100, "--n", help="number of documents to generate"),
    output: Path = typer.Option(..., "-o", "--output", help="JSONL to write (rejects and shards beside it)"),
    seeds: Optional[Path] = typer.Option(None, "--seeds", help="scrubbed seed records for few-shot examples"),
    model: str = typer.Option("smollm2-135m-instruct", "--model", help="embedded id, HF id, local dir or fine-tuned dir"),
    backend: str = typer.Option("auto", "--backend", help="auto, hf or vllm"),
    device: str = typer.Option("auto", "--device", help="auto, cpu, cuda or cuda:N"),
    dtype: str = typer.Option("auto", "--dtype", help="auto, float32, bfloat16 or float16"),
    trust_remote_code: bool = typer.Option(False, "--trust-remote-code", help="allow model code from the hub"),
    label_distribution: str = typer.Option("balanced", "--label-distribution",
                                           help='balanced, seed or "positive=0.7,negative=0.3"'),
    num_shots: Optional[int] = typer.Option(None, "--num-shots", help="few-shot examples per prompt [template's]"),
    samples_per_prompt: int = typer.Option(4, "--samples-per-prompt", min=1,
                                           help="documents sampled from each few-shot prompt (they share its prefill)"),
    temperature: Optional[float] = typer.Option(None, "--temperature", help="[0.6]"),
    top_p: Optional[float] = typer.Option(None, "--top-p", help="[0.95]"),
    max_new_tokens: Optional[int] = typer.Option(None, "--max-new-tokens", help="[64]"),
    repetition_penalty: Optional[float] = typer.Option(None, "--repetition-penalty", help="[1.1]"),
    guidance_scale: Optional[float] = typer.Option(None, "--guidance-scale",
                                                   help="classifier-free guidance against another label's prompt; "
                                                   "1 = off [2 for fine-tuned models, else 1]"),
    batch_size: int = typer.Option(16, "--batch-size"),
    seed: int = typer.Option(0, "--seed"),
    resume: bool = typer.Option(False, "--resume", help="continue an interrupted run from its shards"),
    prompt: Optional[Path] = typer.Option(None, "--prompt", help="your own prompt template YAML"),
    text_column: str = typer.Option("text", "--text-column", help="for non-record seed files"),
    label_column: Optional[str] = typer.Option("label", "--label-column", help="for non-record seed files"),
    messages_column: Optional[str] = typer.Option(None, "--messages-column", help="chat messages column of the seeds"),
    progress: bool = typer.Option(True, "--progress/--no-progress"),
    filter_: bool = typer.Option(False, "--filter", help="gate every output (memorisation, PII, label, quality) "
                                 "and generate more until n pass; rejects and filter stats beside -o"),
    seed_pii: Optional[Path] = typer.Option(None, "--seed-pii", help="seed_pii.json from `textsynth scrub`: seed "
                                            "PII values are masked in the rejects and, with --filter, rejected"),
    filters: Optional[str] = typer.Option(None, "--filters", help="with --filter: comma list of filters [all]"),
    pii_action: Optional[str] = typer.Option(None, "--pii-action", help="with --filter: fake, rescrub or reject "
                                             "direct identifiers in outputs [fake]; seed PII values are always "
                                             "rejected"),
    label_margin: Optional[float] = typer.Option(None, "--label-margin", help="with --filter: reject when the seed "
                                                 "classifier prefers another label by more than this [-0.2]; "
                                                 "negative demands confidence"),
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
    method: str = typer.Option("prompt", "--method", help="prompt (few-shot seeds) or private_evolution "
                               "((epsilon, delta)-DP, the seeds never reach a prompt; without --filter only the "
                               "seed-independent quality filter gates it)"),
    epsilon: Optional[float] = typer.Option(None, "--epsilon", help="private_evolution: privacy budget"),
    delta: Optional[float] = typer.Option(None, "--delta", help="private_evolution: [1e-5]"),
    iterations: Optional[int] = typer.Option(None, "--iterations", help="private_evolution: vote rounds [2]"),
) -> None:
    """Generate labelled synthetic documents by prompting a local causal LM with few-shot seeds."""
    out = setup(verbose, quiet, json_output)
    from .config import GenerateConfig, SamplingConfig, from_dict, to_dict
    from .generation.generate import rejects_path, run_generate
    from .io import load_seed_records
    from .outdir import check_not_input

    sampling = {k: v for k, v in {"temperature": temperature, "top_p": top_p, "max_new_tokens": max_new_tokens,
                                  "repetition_penalty": repetition_penalty,
                                  "guidance_scale": guidance_scale}.items() if v is not None}
    data = {"task": task, "prompt": str(prompt) if prompt else None, "n": n, "label_distribution": label_distribution,
            "batch_size": batch_size, "seed": seed, "output": str(output), "resume": resume,
            "samples_per_prompt": samples_per_prompt, "method": method,
            "privacy": {k: v for k, v in {"epsilon": epsilon, "delta": delta, "iterations": iterations}.items()
                        if v is not None},
            "model": {"model": model, "backend": backend, "device": device, "dtype": dtype,
                      "trust_remote_code": trust_remote_code},
            "sampling": {**to_dict(SamplingConfig()), **sampling}}
    if num_shots is not None:
        data["num_shots"] = num_shots
    if method == "finetune":
        from .errors import ConfigError

        raise ConfigError("--method: fine-tuned generation is `textsynth finetune` then `generate --model MODEL_DIR`")
    cfg = from_dict(GenerateConfig, data, prefix="--")
    beside = {"-o": output, "rejects": rejects_path(output)}
    if filter_ or cfg.method == "private_evolution":
        beside.update(stats=output.with_name(output.name.removesuffix(".jsonl") + ".filter_stats.json"))
    check_not_input(beside, {"--seeds": seeds, "--seed-pii": seed_pii, "--prompt": prompt})
    read_cfg = _read_config(text_column, label_column, messages_column, "id", "raise")
    seed_records = load_seed_records(seeds, read_cfg) if seeds else None
    if filter_ or cfg.method == "private_evolution":
        if not filter_:
            filters = "quality"  # seed-independent: the DP guarantee stays exact
        _generate_filtered_cmd(cfg, seed_records or [], seed_pii, {"filters": filters, "pii_action": pii_action, "label_margin": label_margin}, output)
        return
    scrubber = _output_scrubber(seed_pii)
    summary = run_generate(cfg, seed_records, progress=out.progress(progress),
                           redact_rejects=scrubber.redact_rejections, redact_outputs=scrubber.redact)
    reasons = ", ".join(f"{k}={v}" for k, v in summary.reject_reasons.items())
    emit({"generated": summary.n_records, "rejected": summary.n_rejects, "reject_reasons": summary.reject_reasons,
          "seconds": summary.seconds, "docs_per_s": summary.docs_per_s, "tokens": summary.tokens,
          "output": str(summary.output), "rejects": str(summary.rejects_path), "gated": False},
         [f"generated {summary.n_records} records in {summary.seconds:.1f}s wall "
          f"({summary.docs_per_s:.2f} docs/s; {summary.tokens} new tokens, "
          f"{summary.tokens_per_s:.1f} tokens/s while generating)",
          f"rejected {summary.n_rejects} raw outputs" + (f" ({reasons})" if reasons else ""),
          f"wrote {summary.output} and {summary.rejects_path}"])
    typer.echo(UNGATED_WARNING, err=True)


def _metric_lines(headline: dict) -> list[str]:
    return [f"  {k}: {v:.4g}" if isinstance(v, float) else f"  {k}: {v}" for k, v in headline.items()]


def _hub_options(export_cfg, push_to_hub: Optional[str], revision: Optional[str], commit_message: Optional[str],
                 create_pr: Optional[bool], private: Optional[bool]):
    """The run config's export section with the hub flags given on the command line."""
    from .config import replace

    given = {"push_to_hub": push_to_hub, "revision": revision, "commit_message": commit_message,
             "create_pr": create_pr, "private": private}
    return replace(export_cfg, **{k: v for k, v in given.items() if v is not None})


def _use_token(token: Optional[str]) -> None:
    """--token for this process only (huggingface_hub reads HF_TOKEN); it is never written or printed."""
    if token:
        import os

        os.environ["HF_TOKEN"] = token


def _pii_count_lines(stats: dict) -> list[str]:
    """One line: what the output PII gate found per entity type, and what it did with it."""
    pii = stats.get("filters", {}).get("pii")
    if pii is None:
        return []
    found = ", ".join(f"{t} {c['replaced']} replaced/{c['in_rejected']} rejected"
                      for t, c in pii["entities"].items()) or "none"
    return [f"PII in outputs ({pii['thresholds']['pii_action']}): {found}; seed PII values: {pii['seed_value_spans']}"]


UNGATED_WARNING = ("warning: outputs not gated (run with --filter, or `textsynth filter`): memorisation of the seeds, "
                   "labels and quality are unchecked; direct identifiers were replaced by fakes"
                   " and seed PII values (--seed-pii) masked")


def _output_scrubber(seed_pii: Optional[Path]):
    """The output PII operator of the gate (direct identifiers -> fakes; seed PII values masked when the index is
    given), for what `generate` writes without --filter: its records and the raw outputs in its rejects."""
    from .filters.pii import OutputScrubber
    from .seed_indexes import load_seed_pii

    return OutputScrubber(seed_pii=load_seed_pii(seed_pii))


def _generate_filtered_cmd(cfg, seed_records, seed_pii: Optional[Path], filter_options: dict, output: Path) -> None:
    """`generate --filter`: generate_filtered, then kept to -o and rejects + filter stats beside it."""
    from .config import FilterConfig, from_dict
    from .errors import GenerationCapError
    from .gate import generate_filtered, output_paths

    fcfg = from_dict(FilterConfig, {k: v for k, v in filter_options.items() if v is not None}, prefix="--")
    from .seed_indexes import load_seed_pii

    index = load_seed_pii(seed_pii)
    from .generation.generate import shards_dir

    paths = output_paths(output)
    try:  # kept and rejects are appended shard by shard; the journal beside -o lets --resume continue a crash
        res = generate_filtered(cfg, seed_records, fcfg, seed_pii=index, journal=shards_dir(output), resume=cfg.resume,
                                output=output)
    except GenerationCapError:  # what was generated stays: partial kept, rejects and stats
        typer.echo(f"partial results written to {paths['kept']}, {paths['rejects']}, {paths['stats']}", err=True)
        raise
    rs = res.stats["resample"]
    privacy = res.stats.get("privacy")
    if privacy:
        from .dp_noise import guarantee_text
    emit({"kept": rs["kept"], "target": rs["target"], "generated": rs["generated"],
          "acceptance_rate": rs["acceptance_rate"], "shards": rs["shards"], "drops_by_reason": rs["drops_by_reason"],
          **({"privacy": privacy} if privacy else {}), **{name: str(path) for name, path in paths.items()}},
         [f"kept {rs['kept']} of {rs['target']} after {rs['generated']} generated "
          f"(acceptance {rs['acceptance_rate']:.1%}, {rs['shards']} shards)",
          "drops: " + (", ".join(f"{k}={v}" for k, v in rs["drops_by_reason"].items()) or "none"),
          *_pii_count_lines(res.stats),
          *(["differential privacy: " + guarantee_text(privacy)] if privacy else []),
          f"wrote {paths['kept']}, {paths['rejects']}, {paths['stats']}"])


def main() -> None:
    """Entry point: run the app and turn TextsynthError into a clear message and exit code."""
    from .errors import TextsynthError

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    setup()  # the defaults until a command sets its own -v/-q
    try:
        app()
    except TextsynthError as exc:
        _echo_err(str(exc))
        sys.exit(exc.exit_code)
    except OSError as exc:  # a path that cannot be read or written: its name and the OS reason, nothing else
        _echo_err(f"{exc.filename}: {exc.strerror}" if exc.filename and exc.strerror else exc.__class__.__name__)
        sys.exit(1)


if __name__ == "__main__":
    main()
