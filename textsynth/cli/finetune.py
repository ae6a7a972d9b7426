"""`textsynth finetune`: LoRA / DP-SGD fine-tuning on the seeds (``models.finetune.finetune``)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..console import JsonOutput, Quiet, Verbose, emit, setup
from .common import Seed, _read_config


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
    seed: Seed = 0,
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
    from ..config import FinetuneConfig, from_dict
    from ..io import load_seed_records
    from ..models.finetune import finetune

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
