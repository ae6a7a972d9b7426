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
import os
import random
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from .. import __version__
from ..config import FinetuneConfig, ModelConfig
from ..core.fingerprint import fingerprint
from ..core.text import serialise_messages
from ..errors import ConfigError, MissingDependencyError, ModelError
from ..io import dumps_json
from ..records import Record
from ..locking import locks_output_dir

log = logging.getLogger(__name__)

METADATA_FILE = "textsynth.json"
CHECKPOINT_DIR = "checkpoint"
CONTROL_PROMPT = "<label> {label}\n"
TRAINING_FORMAT = {"kind": "control_prefix", "prompt": CONTROL_PROMPT}
CONTROL_GUIDANCE_SCALE = 2.0  # recorded in textsynth.json; see generation.prompts.control_prefix_template
UNLABELLED = "none"  # the control label of records without a label (e.g. unlabelled chat logs)
LABEL_EPSILON_SHARE = 0.05  # part of the DP budget spent on the released label histogram
LLAMA_LIKE_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
IGNORE = -100


# --- training format --------------------------------------------------------------------------------------

def control_label(record: Record) -> str:
    return UNLABELLED if record.label is None else str(record.label)


def format_prefix(label: str, prompt: str = CONTROL_PROMPT) -> str:
    """The control prefix that asks for ``label``."""
    return prompt.format(label=label)


def format_document(record: Record) -> str:
    """The document part of a training example (a chat record as serialised turns)."""
    if record.messages is not None:
        return serialise_messages(record.messages)
    return (record.text or "").strip()


def format_example(record: Record, prompt: str = CONTROL_PROMPT) -> tuple[str, str]:
    """(prefix, document): the training text is ``prefix + document`` followed by eos."""
    return format_prefix(control_label(record), prompt), format_document(record)


def parse_example(text: str, prompt: str = CONTROL_PROMPT) -> tuple[str, str]:
    """Inverse of :func:`format_example` on ``prefix + document``: (label, document)."""
    head, _, tail = prompt.partition("{label}")
    if not text.startswith(head):
        raise ValueError("text does not start with the control prefix")
    rest = text[len(head):]
    if tail:
        label, sep, document = rest.partition(tail)
        if not sep:
            raise ValueError("control prefix is not terminated")
        return label, document
    return rest, ""


# --- results ----------------------------------------------------------------------------------------------

@dataclass
class ModelRef:
    """A fine-tuned model dir, usable as ``GenerateConfig.model.model``."""

    path: Path
    base_model: str
    epsilon: float | None
    metadata: dict[str, Any] = field(default_factory=dict)


# --- helpers ----------------------------------------------------------------------------------------------

def _fingerprint(config: FinetuneConfig, seeds: Sequence[Record]) -> str:
    """What a checkpoint must match to be resumed: the training settings and the seed data."""
    where_saved_aside = dataclasses.replace(config, output_dir="", resume=True)  # where it is saved does not matter
    return fingerprint(where_saved_aside, stream=(f"{prefix}{doc}\0".encode() for prefix, doc in map(format_example, seeds)))


def label_distribution(labels: Sequence[str], label_set: Sequence[str]) -> dict[str, float]:
    counts = Counter(labels)
    total = sum(counts[x] for x in label_set) or 1
    return {x: counts[x] / total for x in label_set}


def noisy_label_distribution(labels: Sequence[str], label_set: Sequence[str], epsilon: float
                             ) -> tuple[dict[str, float], dict[str, float]]:
    """(shares, noisy counts): a Laplace histogram (L1 sensitivity 1 under add/remove of one record) with noise
    from the OS CSPRNG (:mod:`textsynth.dp_noise`), clipped at 0, and its renormalised shares.

    Not reproducible by design: a seeded noise source could be regenerated and subtracted.
    """
    from ..dp_noise import laplace_histogram

    noisy = laplace_histogram(Counter(labels), label_set, epsilon)
    total = sum(noisy.values())
    if total <= 0:
        return {x: 1.0 / len(label_set) for x in label_set}, noisy
    return {x: v / total for x, v in noisy.items()}, noisy


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _lora_targets(model: Any) -> list[str] | None:
    """The attention/MLP projections of Llama-like models; None lets peft pick its default for the arch."""
    names = {n.rsplit(".", 1)[-1] for n, _ in model.named_modules()}
    found = [t for t in LLAMA_LIKE_TARGETS if t in names]
    return found or None


def _set_seed(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


def _rng_state() -> dict[str, Any]:
    import numpy as np
    import torch

    state = {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def _set_rng_state(state: dict[str, Any]) -> None:
    import numpy as np
    import torch

    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


class _Examples:
    """Tokenised examples: prompt ids (masked) + document ids + eos, cut to ``max_length``."""

    def __init__(self, records: Sequence[Record], tokenizer: Any, max_length: int):
        if max_length < 4:
            raise ConfigError("finetune.max_length: must be at least 4")
        self.ids: list[list[int]] = []
        self.n_prompt: list[int] = []
        eos = tokenizer.eos_token_id
        if eos is None:
            raise ModelError("the tokenizer has no eos token; fine-tuning needs one to end documents")
        prefixes, docs = zip(*(format_example(r) for r in records)) if records else ((), ())
        p_ids = tokenizer(list(prefixes))["input_ids"] if records else []
        d_ids = tokenizer(list(docs), add_special_tokens=False)["input_ids"] if records else []
        self.truncated = 0
        for p, d in zip(p_ids, d_ids):
            p = list(p)[: max_length - 1]
            d = list(d) + [eos]
            room = max_length - len(p)
            if len(d) > room:
                self.truncated += 1
                d = d[:room]
            self.ids.append(p + d)
            self.n_prompt.append(len(p))

    def __len__(self) -> int:
        return len(self.ids)

    def collate(self, indices: Sequence[int], pad_id: int):
        """(input_ids, attention_mask, labels) right-padded to the longest example of the batch."""
        import torch

        idx = [int(i) for i in indices]
        width = max((len(self.ids[i]) for i in idx), default=1)
        n = len(idx)
        input_ids = torch.full((n, width), pad_id, dtype=torch.long)
        attention = torch.zeros((n, width), dtype=torch.long)
        labels = torch.full((n, width), IGNORE, dtype=torch.long)
        for row, i in enumerate(idx):
            ids = self.ids[i]
            input_ids[row, : len(ids)] = torch.tensor(ids)
            attention[row, : len(ids)] = 1
            labels[row, self.n_prompt[i]: len(ids)] = torch.tensor(ids[self.n_prompt[i]:])
        return input_ids, attention, labels


def per_example_loss(logits: Any, labels: Any) -> Any:
    """Mean next-token cross-entropy over each example's unmasked (document) tokens: shape (batch,)."""
    import torch.nn.functional as F

    shift_logits = logits[:, :-1, :].float()
    shift_labels = labels[:, 1:]
    tok = F.cross_entropy(shift_logits.reshape(-1, shift_logits.shape[-1]), shift_labels.reshape(-1),
                          ignore_index=IGNORE, reduction="none").view(shift_labels.shape)
    mask = (shift_labels != IGNORE).to(tok.dtype)
    return (tok * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)


def _trainable_state(model: Any) -> dict[str, Any]:
    return {n: p.detach().cpu().clone() for n, p in model.named_parameters() if p.requires_grad}


def _load_base(cfg: FinetuneConfig) -> tuple[Any, Any, str, Any]:
    """(model in train mode with fp32 master weights, tokenizer, device, autocast dtype or None).

    Mixed precision: bf16 autocast on GPUs, and on CPUs with native bf16 (AVX512-BF16/AMX), where it is several
    times faster than fp32; ``base.dtype: float32`` turns it off.
    """
    import torch

    from .registry import load_model, resolve_device

    device, dtype = resolve_device(cfg.base)
    if device == "cpu" and cfg.base.dtype == "auto" and _cpu_has_bf16():
        dtype = torch.bfloat16
    model, tokenizer = load_model(dataclasses.replace(cfg.base, dtype="float32"))
    tokenizer.padding_side = "right"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if device == "cpu" and dtype == torch.float16:
        dtype = torch.bfloat16  # fp16 autocast on CPU is slow and unsupported for many ops
    autocast = dtype if dtype != torch.float32 else None
    return model, tokenizer, device, autocast


def _cpu_has_bf16() -> bool:
    import torch

    try:
        return bool(torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def _disable_dropout(model: Any) -> None:
    import torch

    for m in model.modules():
        if isinstance(m, torch.nn.Dropout):
            m.p = 0.0
    cfg = getattr(model, "config", None)
    for attr in ("attention_dropout", "hidden_dropout", "dropout", "resid_pdrop", "embd_pdrop", "attn_pdrop"):
        if cfg is not None and isinstance(getattr(cfg, attr, None), float):
            setattr(cfg, attr, 0.0)


# --- the training loop ------------------------------------------------------------------------------------

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
    import torch

    config = config.resolved()
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

    out = Path(config.output_dir)
    fingerprint = _fingerprint(config, seeds)
    meta_path = out / METADATA_FILE
    _check_output_dir(out)
    if config.resume and meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("training", {}).get("fingerprint") == fingerprint:
            log.info("%s already holds this fine-tune; nothing to do", out)
            return _model_ref(out, meta)
    out.mkdir(parents=True, exist_ok=True)

    _set_seed(config.seed)
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
        from .lm import set_cpu_threads

        set_cpu_threads()

    examples = _Examples(seeds, tokenizer, config.max_length)
    if examples.truncated:
        log.info("%d of %d examples cut to max_length=%d tokens", examples.truncated, len(examples), config.max_length)
    pad_id = tokenizer.pad_token_id
    labels_of = [control_label(r) for r in seeds]
    label_set = sorted(set(labels_of))

    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=config.lr, weight_decay=0.0)
    n = len(examples)
    steps_per_epoch = max(1, math.ceil(n / config.batch_size))

    privacy_engine = None
    train_module = model
    dp_info: dict[str, Any] | None = None
    if dp:
        train_module, optimizer, privacy_engine, dp_info = _make_private(model, optimizer, n, config, device)
        steps_per_epoch = dp_info["steps_per_epoch"]

    # --- resume --------------------------------------------------------------------------------------------
    start_epoch, global_step, history = 0, 0, []
    ckpt = out / CHECKPOINT_DIR
    if config.resume and (ckpt / "state.json").is_file():
        state = json.loads((ckpt / "state.json").read_text(encoding="utf-8"))
        if state.get("fingerprint") != fingerprint:
            log.warning("%s: checkpoint is from other settings or seeds; starting afresh", ckpt)
        else:
            start_epoch, global_step, history = state["epoch"], state["step"], state["history"]
            _load_checkpoint(ckpt, model, optimizer, privacy_engine)
            log.info("resuming after epoch %d (step %d)", start_epoch, global_step)
    elif not config.resume and ckpt.exists():
        shutil.rmtree(ckpt, ignore_errors=True)

    t_start = time.perf_counter()
    for epoch in range(start_epoch, config.epochs):
        if dp:
            batches = _dp_batches(train_module.dp_loader)
        else:
            batches = _length_grouped_batches(examples, config.batch_size, config.seed * 1000 + epoch)
        bar = _progress(progress, steps_per_epoch, f"epoch {epoch + 1}/{config.epochs}")
        losses: list[float] = []
        for batch_idx in batches:
            loss_value = _train_step(train_module, optimizer, examples, batch_idx, pad_id, device, autocast, dp)
            global_step += 1
            if loss_value is not None:
                losses.append(loss_value)
            if bar is not None:
                bar.update(1)
                if losses:
                    bar.set_postfix(loss=f"{sum(losses[-20:]) / len(losses[-20:]):.3f}")
        if bar is not None:
            bar.close()
        epoch_info: dict[str, Any] = {"epoch": epoch + 1, "step": global_step,
                                      "loss": sum(losses) / len(losses) if losses else float("nan"),
                                      "first_loss": losses[0] if losses else float("nan"),
                                      "last_loss": losses[-1] if losses else float("nan")}
        history.append(epoch_info)
        _save_checkpoint(ckpt, model, optimizer, privacy_engine,
                         {"fingerprint": fingerprint, "epoch": epoch + 1, "step": global_step, "history": history})
        log.info("epoch %d: mean loss %.4f", epoch + 1, epoch_info["loss"])
        if on_epoch_end is not None:
            on_epoch_end(epoch + 1, epoch_info)
    train_seconds = time.perf_counter() - t_start

    # --- release -------------------------------------------------------------------------------------------
    dp_meta = None
    if dp:
        assert privacy_engine is not None and dp_info is not None
        eps_train = float(privacy_engine.get_epsilon(config.dp_delta))
        eps_labels = dp_info["epsilon_labels"]
        shares, noisy_counts = noisy_label_distribution(labels_of, label_set, eps_labels)
        dp_meta = {"epsilon": eps_train + eps_labels, "delta": config.dp_delta, "max_grad_norm": config.max_grad_norm,
                   "target_epsilon": config.dp_epsilon, "epsilon_train": eps_train, "epsilon_labels": eps_labels,
                   "composition": "sequential: epsilon = epsilon_train (opacus accountant at delta) + "
                                  "epsilon_labels (Laplace label histogram)",
                   "noise_multiplier": dp_info["noise_multiplier"], "sample_rate": dp_info["sample_rate"],
                   "accountant": dp_info["accountant"], "steps": global_step,
                   "unit": "one seed record (add/remove)",
                   "label_set_public": True, "noisy_label_counts": noisy_counts,
                   "noise_source": dp_info["noise_source"]}
        print(f"DP-SGD: epsilon spent = {dp_meta['epsilon']:.3f} (train {eps_train:.3f} + labels {eps_labels:.3f}) "
              f"at delta = {config.dp_delta:g}; target {config.dp_epsilon:g}; noise multiplier "
              f"{dp_info['noise_multiplier']:.3f}")
    else:
        shares = label_distribution(labels_of, label_set)

    task = config.task
    meta: dict[str, Any] = {
        "textsynth_version": __version__,
        "base_model": config.base.model,
        "task": task,
        "labels": label_set,
        "adapter": bool(config.lora),
        # generation guides each label away from another label's prefix at this scale
        "format": {**TRAINING_FORMAT, "guidance_scale": CONTROL_GUIDANCE_SCALE},
        "label_distribution": shares,
        "dp": dp_meta,
        "training": {
            "fingerprint": fingerprint, "n_examples": n, "epochs": config.epochs, "steps": global_step,
            "lr": config.lr, "batch_size": config.batch_size, "max_length": config.max_length,
            "lora": {"r": config.lora_r, "alpha": config.lora_alpha} if config.lora else None,
            "loss_on": "document tokens (control prefix masked)", "chat_format": "User:/Assistant: lines",
            "truncated_examples": examples.truncated, "device": device,
            "autocast": str(autocast).replace("torch.", "") if autocast is not None else None,
            "history": history, "train_seconds": round(train_seconds, 2),
        },
    }
    _save_release(out, model, tokenizer, meta, config.lora)
    shutil.rmtree(ckpt, ignore_errors=True)
    return _model_ref(out, meta)


def _check_output_dir(out: Path) -> None:
    """Release files are replaced in place, so the dir must be new, empty or a textsynth model dir."""
    from ..locking import LOCK_FILES

    if not out.is_dir() or (out / METADATA_FILE).is_file() or (out / CHECKPOINT_DIR).is_dir():
        return
    if any(p.name not in LOCK_FILES for p in out.iterdir()):
        raise ConfigError(f"finetune.output_dir: {out} is not empty and holds no textsynth model; "
                          "choose a new or empty directory")


def _model_ref(out: Path, meta: dict[str, Any]) -> ModelRef:
    dp = meta.get("dp") or None
    return ModelRef(path=out, base_model=meta["base_model"], epsilon=dp["epsilon"] if dp else None, metadata=meta)


def _length_grouped_batches(examples: "_Examples", batch_size: int, seed: int) -> list[list[int]]:
    """Shuffled batches of similar length (less padding): shuffle, sort within windows of 32 batches, shuffle."""
    rng = random.Random(seed)
    order = list(range(len(examples)))
    rng.shuffle(order)
    window = batch_size * 32
    batches: list[list[int]] = []
    for w in range(0, len(order), window):
        chunk = sorted(order[w: w + window], key=lambda i: len(examples.ids[i]))
        batches += [chunk[i: i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def _progress(enabled: bool, total: int, desc: str):
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="step", leave=False)


def _train_step(module: Any, optimizer: Any, examples: _Examples, batch_idx: Sequence[int], pad_id: int,
                device: str, autocast: Any, dp: bool) -> float | None:
    """One optimiser step on a batch; returns its mean loss (None for an empty Poisson batch)."""
    import contextlib

    import torch

    optimizer.zero_grad(set_to_none=True)
    if len(batch_idx) == 0:
        # Poisson sampling drew nobody: the DP optimiser still steps (noise only) so the accounting holds.
        for p in (p for p in module.parameters() if p.requires_grad):
            p.grad_sample = torch.zeros((0, *p.shape), dtype=p.dtype, device=p.device)
        optimizer.step()
        return None
    input_ids, attention, labels = (t.to(device) for t in examples.collate(batch_idx, pad_id))
    device_type = "cuda" if device.startswith("cuda") else "cpu"
    ctx = torch.autocast(device_type=device_type, dtype=autocast) if autocast is not None else contextlib.nullcontext()
    with ctx:
        logits = module(input_ids=input_ids, attention_mask=attention, use_cache=False).logits
    per_ex = per_example_loss(logits, labels)
    loss = per_ex.mean()  # opacus (loss_reduction="mean") rescales per-sample grads by the batch size
    loss.backward()
    if not dp:
        torch.nn.utils.clip_grad_norm_([p for p in module.parameters() if p.requires_grad], 1.0)
    optimizer.step()
    return float(loss.detach())


# --- DP-SGD -----------------------------------------------------------------------------------------------

class _DPModule:
    """The opacus GradSampleModule plus its Poisson data loader."""

    def __init__(self, gsm: Any, dp_loader: Any):
        self.gsm, self.dp_loader = gsm, dp_loader

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.gsm(*args, **kwargs)

    def parameters(self):
        return self.gsm.parameters()


def _dp_batches(loader: Any):
    for batch in loader:
        (idx,) = batch
        yield idx.tolist()


def _make_private(model: Any, optimizer: Any, n: int, config: FinetuneConfig, device: str):
    """Wrap model/optimizer with opacus for (epsilon_train, delta) over ``epochs`` of Poisson batches.

    The Poisson sampler and the Gaussian noise never use ``config.seed`` (which seeds the global RNGs and so
    would make the noise regenerable): with ``dp_secure_mode`` both come from opacus' CSPRNG (torchcsprng);
    otherwise from torch generators seeded from the OS CSPRNG, which are unpredictable from anything published
    but not cryptographically secure (torch's generators are Mersenne Twister / Philox).
    """
    try:
        from opacus import PrivacyEngine
    except ImportError:
        raise MissingDependencyError("opacus") from None
    import warnings

    import torch
    from torch.utils.data import DataLoader, TensorDataset

    from ..dp_noise import secure_seed

    eps_total = float(config.dp_epsilon)  # type: ignore[arg-type]
    eps_labels = LABEL_EPSILON_SHARE * eps_total
    eps_train = eps_total - eps_labels
    if config.dp_secure_mode:
        try:
            import torchcsprng  # noqa: F401
        except ImportError:
            raise MissingDependencyError("torchcsprng") from None  # opacus' secure_mode needs it
        engine = PrivacyEngine(accountant="prv", secure_mode=True)
        gen, noise_gen, source = None, None, "torchcsprng (/dev/urandom), opacus secure_mode"
    else:
        with warnings.catch_warnings():  # opacus' "Secure RNG turned off" warning; the README explains it
            warnings.filterwarnings("ignore", message="Secure RNG turned off")
            engine = PrivacyEngine(accountant="prv")
        gen = torch.Generator().manual_seed(secure_seed())
        noise_gen = torch.Generator(device=device).manual_seed(secure_seed())
        source = "torch generators seeded from os.urandom (not a CSPRNG; dp_secure_mode for torchcsprng)"
    loader = DataLoader(TensorDataset(torch.arange(n)), batch_size=min(config.batch_size, n), generator=gen)
    gsm, dp_optimizer, dp_loader = engine.make_private_with_epsilon(
        module=model, optimizer=optimizer, data_loader=loader, target_epsilon=eps_train,
        target_delta=config.dp_delta, epochs=config.epochs, max_grad_norm=config.max_grad_norm,
        poisson_sampling=True, grad_sample_mode="hooks", noise_generator=noise_gen,
    )
    info = {"noise_multiplier": float(dp_optimizer.noise_multiplier), "sample_rate": 1 / len(loader),
            "steps_per_epoch": len(dp_loader), "accountant": "prv", "epsilon_train_target": eps_train,
            "epsilon_labels": eps_labels,
            "noise_source": {"labels": "Laplace, OS CSPRNG (secrets)", "dp_sgd": source}}
    return _DPModule(gsm, dp_loader), dp_optimizer, engine, info


# --- checkpoint and release -------------------------------------------------------------------------------

def _save_checkpoint(ckpt: Path, model: Any, optimizer: Any, engine: Any, state: dict[str, Any]) -> None:
    """Trainable weights, optimiser, RNG (and DP accountant) state, written to a temp dir and renamed.

    The DP sampler and noise generators are not saved: a resumed DP run draws fresh secure seeds.
    """
    import torch
    from safetensors.torch import save_file

    tmp = ckpt.with_name(ckpt.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    save_file(_trainable_state(model), str(tmp / "trainable.safetensors"))
    extra: dict[str, Any] = {"optimizer": optimizer.state_dict(), "rng": _rng_state()}
    if engine is not None:
        extra["accountant"] = engine.accountant.state_dict()
    torch.save(extra, tmp / "training_state.pt")
    (tmp / "state.json").write_text(dumps_json(state, indent=1), encoding="utf-8")
    old = ckpt.with_name(ckpt.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if ckpt.exists():
        os.replace(ckpt, old)
    os.replace(tmp, ckpt)
    shutil.rmtree(old, ignore_errors=True)


def _load_checkpoint(ckpt: Path, model: Any, optimizer: Any, engine: Any) -> None:
    import torch
    from safetensors.torch import load_file

    weights = load_file(str(ckpt / "trainable.safetensors"))
    named = dict(model.named_parameters())
    missing = [k for k in weights if k not in named]
    if missing:
        raise ModelError(f"{ckpt}: checkpoint does not fit the model (e.g. {missing[0]})")
    with torch.no_grad():
        for k, v in weights.items():
            named[k].copy_(v.to(named[k].device))
    extra = torch.load(ckpt / "training_state.pt", weights_only=False)
    optimizer.load_state_dict(extra["optimizer"])
    _set_rng_state(extra["rng"])
    if engine is not None and "accountant" in extra:
        engine.accountant.load_state_dict(extra["accountant"])


def _save_release(out: Path, model: Any, tokenizer: Any, meta: dict[str, Any], adapter: bool) -> None:
    """Weights + tokenizer, then ``textsynth.json`` last (its presence marks a complete dir)."""
    (out / METADATA_FILE).unlink(missing_ok=True)
    for stale in ("adapter_config.json", "adapter_model.safetensors", "model.safetensors",
                  "model.safetensors.index.json"):  # an earlier run's weights must not mix with these
        (out / stale).unlink(missing_ok=True)
    for shard in out.glob("model-*-of-*.safetensors"):
        shard.unlink()
    model.eval()
    model.save_pretrained(str(out), safe_serialization=True)  # peft: adapter only; else the full model
    tokenizer.padding_side = "left"
    tokenizer.save_pretrained(str(out))
    _atomic_write_text(out / METADATA_FILE, dumps_json(meta, indent=2))


def model_config_for(ref: ModelRef | str | Path, base: ModelConfig | None = None) -> ModelConfig:
    """A ModelConfig that generates from a fine-tuned dir (device/dtype kept from ``base``)."""
    path = str(ref.path if isinstance(ref, ModelRef) else ref)
    return dataclasses.replace(base or ModelConfig(), model=path)
