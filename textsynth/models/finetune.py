"""Label-conditioned fine-tuning of a causal LM on the scrubbed seeds: LoRA (default) or full, optionally DP-SGD.

Each seed becomes ``"<label> {label}\\n" + document + eos``; the loss covers the document tokens only, so the
model learns p(document | label) and generation can ask for any label by writing the prefix (shared
interface 4). Chat records are serialised as ``User: ...`` / ``Assistant: ...`` lines.

The model dir holds the adapter (or full model) as safetensors, the tokenizer, and ``textsynth.json`` (base
model, task, labels, format, label distribution, DP budget). A checkpoint is written atomically after each
epoch under ``<dir>/checkpoint``; a rerun with ``resume`` continues from it.

Differential privacy (``dp_epsilon``) uses opacus: per-sample clipping of the trainable gradients, Gaussian
noise calibrated by ``make_private_with_epsilon`` over Poisson-sampled batches, and the accountant's epsilon
written to the metadata. The label shares released for generation-time sampling are a Laplace-noised
histogram paid from a small fixed part of the budget; the two parts compose sequentially, so the whole output
is (epsilon_train + epsilon_labels, delta)-DP with respect to adding or removing one seed record.

DP randomness never comes from ``config.seed`` (which only fixes the data order and initialisation of plain
runs): the label noise is drawn from the OS CSPRNG and DP-SGD's Poisson sampler and Gaussian noise from torch
generators seeded from it (or torchcsprng with ``dp_secure_mode``), so DP runs are not reproducible by design.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import math
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from .. import __version__
from ..config import FinetuneConfig, ModelConfig, to_dict
from ..core.fingerprint import fingerprint
from ..errors import ConfigError, MissingDependencyError
from ..locking import locks_output_dir
from ..records import Record
from .checkpoints import CHECKPOINT_DIR, _check_output_dir, _load_checkpoint, _save_checkpoint, _save_release
from .control_format import CONTROL_GUIDANCE_SCALE, TRAINING_FORMAT, control_label, format_example
from .dp_training import _disable_dropout, _dp_batches, _make_private, label_distribution, noisy_label_distribution
from .registry import METADATA_FILE
from .training import (_Examples, _length_grouped_batches, _load_base, _lora_targets, _progress, _set_seed,
                       _train_step)

log = logging.getLogger(__name__)


@dataclass
class ModelRef:
    """A fine-tuned model dir, usable as ``GenerateConfig.model.model``."""

    path: Path
    base_model: str
    epsilon: float | None
    metadata: dict[str, Any] = field(default_factory=dict)


def _fingerprint(config: FinetuneConfig, seeds: Sequence[Record]) -> str:
    """What a checkpoint must match to be resumed: the training settings and the seed data."""
    settings = {**to_dict(config), "output_dir": "", "resume": True}  # where it is saved does not matter
    return fingerprint(settings, stream=(f"{prefix}{doc}\0".encode() for prefix, doc in map(format_example, seeds)))


EpochCallback = Callable[[int, dict[str, Any]], None]


@locks_output_dir("model directory", check=lambda out: _check_output_dir(out))  # one trainer per output dir
def finetune(config: FinetuneConfig, seeds: list[Record], *, progress: bool = True,
             on_epoch_end: EpochCallback | None = None) -> ModelRef:
    """Fine-tune ``config.base`` on ``seeds`` and save the model dir ``config.output_dir``.

    With ``config.resume`` a finished dir with the same settings and seeds is returned as is, and an interrupted
    run continues after its last completed epoch.

    Args:
        config: base model, LoRA or full, epochs, learning rate, DP-SGD settings, output dir.
        seeds: the scrubbed, labelled seed records.
        progress: show a progress bar.
        on_epoch_end: ``on_epoch_end(epoch, info)`` runs after each epoch's checkpoint is written (tests use it
            to simulate an interruption).

    Returns:
        A reference to the saved model dir (its path, metadata and DP epsilon); generate from it with its path.

    Raises:
        ConfigError: no seeds or bad settings. BusyError: another process holds the output dir.
        MissingDependencyError: ``dp_secure_mode`` without torchcsprng.
    """
    config = config.resolved()
    _check_settings(config, seeds)
    out = Path(config.output_dir)
    fp = _fingerprint(config, seeds)
    _check_output_dir(out)
    meta_path = out / METADATA_FILE
    if config.resume and meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("training", {}).get("fingerprint") == fp:
            log.info("%s already holds this fine-tune; nothing to do", out)
            return _model_ref(out, meta)
    out.mkdir(parents=True, exist_ok=True)

    _set_seed(config.seed)
    run = _prepare(config, seeds)
    ckpt = out / CHECKPOINT_DIR
    start_epoch, history = _resume_point(run, ckpt, fp)
    t_start = time.perf_counter()
    for epoch in range(start_epoch, config.epochs):
        epoch_info = _train_epoch(run, epoch, progress)
        history.append(epoch_info)
        _save_checkpoint(ckpt, run.model, run.optimizer, run.privacy_engine,
                         {"fingerprint": fp, "epoch": epoch + 1, "step": run.step, "history": history})
        log.info("epoch %d: mean loss %.4f", epoch + 1, epoch_info["loss"])
        if on_epoch_end is not None:
            on_epoch_end(epoch + 1, epoch_info)
    meta = _release_metadata(run, seeds, fp, history, time.perf_counter() - t_start)
    _save_release(out, run.model, run.tokenizer, meta, config.lora)
    shutil.rmtree(ckpt, ignore_errors=True)
    return _model_ref(out, meta)


def _check_settings(config: FinetuneConfig, seeds: list[Record]) -> None:
    if not seeds:
        raise ConfigError("finetune: no seed records")
    if config.epochs < 1:
        raise ConfigError("finetune.epochs: must be at least 1")
    if config.batch_size < 1:
        raise ConfigError("finetune.batch_size: must be at least 1")
    if config.dp_epsilon is not None and config.dp_epsilon <= 0:
        raise ConfigError("finetune.dp_epsilon: must be positive")
    if config.dp_epsilon is not None and not 0 < config.dp_delta < 1:
        raise ConfigError("finetune.dp_delta: must be in (0, 1)")
    tasks_with_chat = [r for r in seeds if r.messages is not None]
    if tasks_with_chat and len(tasks_with_chat) != len(seeds):
        raise ConfigError("finetune: seeds mix chat records and text records")


@dataclass
class _Run:
    """One training run: the model (LoRA-wrapped or not), what trains it (DP-wrapped or not) and its progress."""

    config: FinetuneConfig
    model: Any
    tokenizer: Any
    device: str
    autocast: Any
    examples: _Examples
    train_module: Any
    optimizer: Any
    privacy_engine: Any
    dp_info: dict[str, Any] | None
    steps_per_epoch: int
    step: int = 0

    @property
    def dp(self) -> bool:
        return self.config.dp_epsilon is not None


def _prepare(config: FinetuneConfig, seeds: list[Record]) -> _Run:
    """The base model (dropout off under DP, LoRA adapters when asked) on its device, examples and optimiser."""
    import torch

    model, tokenizer, device, autocast = _load_base(config)
    dp = config.dp_epsilon is not None
    if dp:
        _disable_dropout(model)
    if config.lora:
        try:
            from peft import LoraConfig, get_peft_model
        except ImportError:
            raise MissingDependencyError("peft") from None
        lora_cfg = LoraConfig(r=config.lora_r, lora_alpha=config.lora_alpha, lora_dropout=0.0,
                              target_modules=_lora_targets(model), task_type="CAUSAL_LM", bias="none")
        model = get_peft_model(model, lora_cfg)
    model.to(device)
    model.train()
    if device == "cpu":
        from .cpu_threads import set_cpu_threads

        set_cpu_threads()
    examples = _Examples(seeds, tokenizer, config.max_length)
    if examples.truncated:
        log.info("%d of %d examples cut to max_length=%d tokens", examples.truncated, len(examples), config.max_length)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=config.lr, weight_decay=0.0)
    n = len(examples)
    run = _Run(config, model, tokenizer, device, autocast, examples, model, optimizer, None, None,
               max(1, math.ceil(n / config.batch_size)))
    if dp:
        run.train_module, run.optimizer, run.privacy_engine, run.dp_info = _make_private(model, optimizer, n, config,
                                                                                         device)
        run.steps_per_epoch = run.dp_info["steps_per_epoch"]
    return run


def _resume_point(run: _Run, ckpt: Path, fp: str) -> tuple[int, list[dict[str, Any]]]:
    """(first epoch to train, history so far): after the checkpoint's epoch when it matches ``fp``, else 0."""
    if run.config.resume and (ckpt / "state.json").is_file():
        state = json.loads((ckpt / "state.json").read_text(encoding="utf-8"))
        if state.get("fingerprint") != fp:
            log.warning("%s: checkpoint is from other settings or seeds; starting afresh", ckpt)
        else:
            _load_checkpoint(ckpt, run.model, run.optimizer, run.privacy_engine)
            run.step = state["step"]
            log.info("resuming after epoch %d (step %d)", state["epoch"], run.step)
            return state["epoch"], state["history"]
    elif not run.config.resume and ckpt.exists():
        shutil.rmtree(ckpt, ignore_errors=True)
    return 0, []


def _train_epoch(run: _Run, epoch: int, progress: bool) -> dict[str, Any]:
    """One pass over the examples (Poisson-sampled batches under DP); the epoch's loss figures."""
    config = run.config
    if run.dp:
        batches = _dp_batches(run.train_module.dp_loader)
    else:
        batches = _length_grouped_batches(run.examples, config.batch_size, config.seed * 1000 + epoch)
    bar = _progress(progress, run.steps_per_epoch, f"epoch {epoch + 1}/{config.epochs}")
    losses: list[float] = []
    for batch_idx in batches:
        loss_value = _train_step(run.train_module, run.optimizer, run.examples, batch_idx,
                                 run.tokenizer.pad_token_id, run.device, run.autocast, run.dp)
        run.step += 1
        if loss_value is not None:
            losses.append(loss_value)
        if bar is not None:
            bar.update(1)
            if losses:
                bar.set_postfix(loss=f"{sum(losses[-20:]) / len(losses[-20:]):.3f}")
    if bar is not None:
        bar.close()
    nan = float("nan")
    return {"epoch": epoch + 1, "step": run.step, "loss": sum(losses) / len(losses) if losses else nan,
            "first_loss": losses[0] if losses else nan, "last_loss": losses[-1] if losses else nan}


def _label_release(run: _Run, labels_of: list[str], label_set: list[str]) -> tuple[dict[str, float],
                                                                                    dict[str, Any] | None]:
    """The label shares generation samples from, and the DP accounting when trained under DP."""
    config = run.config
    if not run.dp:
        return label_distribution(labels_of, label_set), None
    assert run.privacy_engine is not None and run.dp_info is not None
    dp_info = run.dp_info
    eps_train = float(run.privacy_engine.get_epsilon(config.dp_delta))
    eps_labels = dp_info["epsilon_labels"]
    shares, noisy_counts = noisy_label_distribution(labels_of, label_set, eps_labels)
    dp_meta = {"epsilon": eps_train + eps_labels, "delta": config.dp_delta, "max_grad_norm": config.max_grad_norm,
               "target_epsilon": config.dp_epsilon, "epsilon_train": eps_train, "epsilon_labels": eps_labels,
               "composition": "sequential: epsilon = epsilon_train (opacus accountant at delta) + "
                              "epsilon_labels (Laplace label histogram)",
               "noise_multiplier": dp_info["noise_multiplier"], "sample_rate": dp_info["sample_rate"],
               "accountant": dp_info["accountant"], "steps": run.step,
               "unit": "one seed record (add/remove)",
               "label_set_public": True, "noisy_label_counts": noisy_counts,
               "noise_source": dp_info["noise_source"]}
    print(f"DP-SGD: epsilon spent = {dp_meta['epsilon']:.3f} (train {eps_train:.3f} + labels {eps_labels:.3f}) "
          f"at delta = {config.dp_delta:g}; target {config.dp_epsilon:g}; noise multiplier "
          f"{dp_info['noise_multiplier']:.3f}")
    return shares, dp_meta


def _release_metadata(run: _Run, seeds: list[Record], fp: str, history: list[dict[str, Any]],
                      train_seconds: float) -> dict[str, Any]:
    """``textsynth.json`` of the released model dir: base model, labels, format, label shares, DP, training."""
    config, autocast = run.config, run.autocast
    labels_of = [control_label(r) for r in seeds]
    label_set = sorted(set(labels_of))
    shares, dp_meta = _label_release(run, labels_of, label_set)
    return {
        "textsynth_version": __version__,
        "base_model": config.base.model,
        "task": config.task,
        "labels": label_set,
        "adapter": bool(config.lora),
        # generation guides each label away from another label's prefix at this scale
        "format": {**TRAINING_FORMAT, "guidance_scale": CONTROL_GUIDANCE_SCALE},
        "label_distribution": shares,
        "dp": dp_meta,
        "training": {
            "fingerprint": fp, "n_examples": len(run.examples), "epochs": config.epochs, "steps": run.step,
            "lr": config.lr, "batch_size": config.batch_size, "max_length": config.max_length,
            "lora": {"r": config.lora_r, "alpha": config.lora_alpha} if config.lora else None,
            "loss_on": "document tokens (control prefix masked)", "chat_format": "User:/Assistant: lines",
            "truncated_examples": run.examples.truncated, "device": run.device,
            "autocast": str(autocast).replace("torch.", "") if autocast is not None else None,
            "history": history, "train_seconds": round(train_seconds, 2),
        },
    }


def _model_ref(out: Path, meta: dict[str, Any]) -> ModelRef:
    dp = meta.get("dp") or None
    return ModelRef(path=out, base_model=meta["base_model"], epsilon=dp["epsilon"] if dp else None, metadata=meta)


def model_config_for(ref: ModelRef | str | Path, base: ModelConfig | None = None) -> ModelConfig:
    """A ModelConfig that generates from a fine-tuned dir (device/dtype kept from ``base``)."""
    path = str(ref.path if isinstance(ref, ModelRef) else ref)
    return dataclasses.replace(base or ModelConfig(), model=path)
