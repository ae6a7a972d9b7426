"""`textsynth generate`: prompt a local LM with few-shot seeds (``run_generate``), or gate while generating
(``--filter``: ``gate.generate_filtered``)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from ..console import JsonOutput, Quiet, Verbose, emit, setup
from .common import Overwrite, Seed, _pii_count_lines, _read_config

if TYPE_CHECKING:
    from ..config import GenerateConfig
    from ..records import Record

# The options whose help runs over a line, declared here so the signature reads as a list of options.
LabelDistribution = Annotated[str, typer.Option("--label-distribution",
                                                help='balanced, seed or "positive=0.7,negative=0.3"')]
SamplesPerPrompt = Annotated[int, typer.Option("--samples-per-prompt", min=1, help="documents sampled from each "
                                               "few-shot prompt (they share its prefill)")]
GuidanceScale = Annotated[Optional[float], typer.Option("--guidance-scale", help="classifier-free guidance against "
                                                        "another label's prompt; 1 = off [2 for fine-tuned models, "
                                                        "else 1]")]
Gated = Annotated[bool, typer.Option("--filter", help="gate every output (memorisation, PII, label, quality) and "
                                     "generate more until n pass; rejects and filter stats beside -o")]
SeedPiiPath = Annotated[Optional[Path], typer.Option("--seed-pii", help="seed_pii.json from `textsynth scrub`: "
                                                    "seed PII values are masked in the rejects and, with --filter, "
                                                    "rejected")]
PiiAction = Annotated[Optional[str], typer.Option("--pii-action", help="with --filter: fake, rescrub or reject direct "
                                                 "identifiers in outputs [fake]; seed PII values are always rejected")]
LabelMargin = Annotated[Optional[float], typer.Option("--label-margin", help="with --filter: reject when the seed "
                                                     "classifier prefers another label by more than this [-0.2]; "
                                                     "negative demands confidence")]
Method = Annotated[str, typer.Option("--method", help="prompt (few-shot seeds) or private_evolution ((epsilon, "
                                     "delta)-DP, the seeds never reach a prompt; without --filter only the "
                                     "seed-independent quality filter gates it)")]
CrossLabelVotes = Annotated[Optional[bool], typer.Option(
    "--cross-label-votes/--own-label-votes", help="private_evolution: seeds vote among every label's candidates (a "
    "candidate among another label's seeds ranks low) or only among their own label's")]


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
    label_distribution: LabelDistribution = "balanced",
    num_shots: Optional[int] = typer.Option(None, "--num-shots", help="few-shot examples per prompt [template's]"),
    samples_per_prompt: SamplesPerPrompt = 4,
    temperature: Optional[float] = typer.Option(None, "--temperature", help="[0.6]"),
    top_p: Optional[float] = typer.Option(None, "--top-p", help="[0.95]"),
    max_new_tokens: Optional[int] = typer.Option(None, "--max-new-tokens", help="[64]"),
    repetition_penalty: Optional[float] = typer.Option(None, "--repetition-penalty", help="[1.1]"),
    guidance_scale: GuidanceScale = None,
    batch_size: int = typer.Option(16, "--batch-size"),
    seed: Seed = 0,
    resume: bool = typer.Option(False, "--resume", help="continue an interrupted run from its shards"),
    overwrite: Overwrite = False,
    prompt: Optional[Path] = typer.Option(None, "--prompt", help="your own prompt template YAML"),
    text_column: str = typer.Option("text", "--text-column", help="for non-record seed files"),
    label_column: Optional[str] = typer.Option("label", "--label-column", help="for non-record seed files"),
    messages_column: Optional[str] = typer.Option(None, "--messages-column", help="chat messages column of the seeds"),
    progress: bool = typer.Option(True, "--progress/--no-progress"),
    filter_: Gated = False,
    seed_pii: SeedPiiPath = None,
    filters: Optional[str] = typer.Option(None, "--filters", help="with --filter: comma list of filters [all]"),
    pii_action: PiiAction = None,
    label_margin: LabelMargin = None,
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
    method: Method = "prompt",
    epsilon: Optional[float] = typer.Option(None, "--epsilon", help="private_evolution: privacy budget"),
    delta: Optional[float] = typer.Option(None, "--delta", help="private_evolution: [1e-5]"),
    iterations: Optional[int] = typer.Option(None, "--iterations", help="private_evolution: vote rounds [2]"),
    cross_label_votes: CrossLabelVotes = None,
) -> None:
    """Generate labelled synthetic documents by prompting a local causal LM with few-shot seeds."""
    out = setup(verbose, quiet, json_output)
    sampling = {"temperature": temperature, "top_p": top_p, "max_new_tokens": max_new_tokens,
                "repetition_penalty": repetition_penalty, "guidance_scale": guidance_scale}
    cfg = _generate_config(
        {"task": task, "prompt": str(prompt) if prompt else None, "n": n, "label_distribution": label_distribution,
         "batch_size": batch_size, "seed": seed, "output": str(output), "resume": resume,
         "samples_per_prompt": samples_per_prompt, "method": method, "num_shots": num_shots,
         "privacy": dict(epsilon=epsilon, delta=delta, iterations=iterations, cross_label_votes=cross_label_votes),
         "model": {"model": model, "backend": backend, "device": device, "dtype": dtype,
                   "trust_remote_code": trust_remote_code}}, sampling)
    gated = filter_ or cfg.method == "private_evolution"
    _check_outputs(output, gated, {"--seeds": seeds, "--seed-pii": seed_pii, "--prompt": prompt}, overwrite or resume)
    seed_records = _load_seeds(seeds, text_column, label_column, messages_column)
    if gated:  # private_evolution without --filter: only the seed-independent quality filter (an exact guarantee)
        _generate_filtered_cmd(cfg, seed_records or [], seed_pii, {"filters": filters if filter_ else "quality",
                               "pii_action": pii_action, "label_margin": label_margin}, output)
        return
    _generate_ungated_cmd(cfg, seed_records, seed_pii, out.progress(progress))


def _generate_config(data: dict[str, Any], sampling: dict[str, Any]) -> GenerateConfig:
    """The GenerateConfig of the flags (flags left unset keep the config's defaults)."""
    from ..config import GenerateConfig, SamplingConfig, from_dict, to_dict
    from ..errors import ConfigError

    if data["method"] == "finetune":
        raise ConfigError("--method: fine-tuned generation is `textsynth finetune` then `generate --model MODEL_DIR`")
    if data["num_shots"] is None:
        del data["num_shots"]
    data["privacy"] = {k: v for k, v in data["privacy"].items() if v is not None}
    data["sampling"] = {**to_dict(SamplingConfig()), **{k: v for k, v in sampling.items() if v is not None}}
    return from_dict(GenerateConfig, data, prefix="--")


def _check_outputs(output: Path, gated: bool, inputs: dict[str, Optional[Path]], overwrite: bool) -> None:
    """Refuse, before anything is read, an -o (or a file written beside it) that is one of the inputs, and an
    existing -o unless ``overwrite`` (or --resume, which continues the run that wrote it)."""
    from ..gate import output_paths
    from ..generation.generate import rejects_path
    from ..outdir import check_new_files, check_not_input

    beside = {"-o": output, "rejects": rejects_path(output)}
    if gated:
        beside.update(stats=output_paths(output)["stats"])
    check_not_input(beside, inputs)
    check_new_files({"-o": output}, overwrite)


def _load_seeds(seeds: Optional[Path], text_column: str, label_column: Optional[str],
                messages_column: Optional[str]) -> Optional[list[Record]]:
    """The --seeds records (None without --seeds); bad rows are errors naming file and line."""
    from ..io import load_seed_records

    if seeds is None:
        return None
    return load_seed_records(seeds, _read_config(text_column, label_column, messages_column, "id", "raise"))


def _generate_ungated_cmd(cfg: GenerateConfig, seed_records: Optional[list[Record]], seed_pii: Optional[Path],
                          progress: bool) -> None:
    """`generate` without --filter: records and rejects through the output PII operator, a summary, a warning."""
    from ..gate import generate_ungated
    from ..core.seed_pii import load_seed_pii

    summary = generate_ungated(cfg, seed_records, load_seed_pii(seed_pii), progress=progress)
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


UNGATED_WARNING = ("warning: outputs not gated (run with --filter, or `textsynth filter`): memorisation of the seeds, "
                   "labels and quality are unchecked; direct identifiers were replaced by fakes"
                   " and seed PII values (--seed-pii) masked")


def _generate_filtered_cmd(cfg: GenerateConfig, seed_records: list[Record], seed_pii: Optional[Path],
                           filter_options: dict[str, Any], output: Path) -> None:
    """`generate --filter`: generate_filtered, then kept to -o and rejects + filter stats beside it."""
    from ..config import FilterConfig, from_dict
    from ..errors import GenerationCapError
    from ..gate import generate_filtered_file, output_paths
    from ..core.seed_pii import load_seed_pii

    fcfg = from_dict(FilterConfig, {k: v for k, v in filter_options.items() if v is not None}, prefix="--")
    index = load_seed_pii(seed_pii)
    paths = output_paths(output)
    try:  # kept and rejects are appended shard by shard; the journal beside -o lets --resume continue a crash
        res = generate_filtered_file(cfg, seed_records, fcfg, output, seed_pii=index)
    except GenerationCapError:  # what was generated stays: partial kept, rejects and stats
        typer.echo(f"partial results written to {paths['kept']}, {paths['rejects']}, {paths['stats']}", err=True)
        raise
    rs = res.stats["resample"]
    privacy = res.stats.get("privacy")
    if privacy:
        from ..dp_noise import guarantee_text
    emit({"kept": rs["kept"], "target": rs["target"], "generated": rs["generated"],
          "acceptance_rate": rs["acceptance_rate"], "shards": rs["shards"], "drops_by_reason": rs["drops_by_reason"],
          **({"privacy": privacy} if privacy else {}), **{name: str(path) for name, path in paths.items()}},
         [f"kept {rs['kept']} of {rs['target']} after {rs['generated']} generated "
          f"(acceptance {rs['acceptance_rate']:.1%}, {rs['shards']} shards)",
          "drops: " + (", ".join(f"{k}={v}" for k, v in rs["drops_by_reason"].items()) or "none"),
          *_pii_count_lines(res.stats),
          *(["differential privacy: " + guarantee_text(privacy)] if privacy else []),
          f"wrote {paths['kept']}, {paths['rejects']}, {paths['stats']}"])
