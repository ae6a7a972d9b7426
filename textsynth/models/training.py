"""The pieces of the fine-tuning loop: the base model, tokenised examples, batches, one optimiser step."""
from __future__ import annotations

import dataclasses
import logging
import random
from typing import Any, Sequence

from ..config import FinetuneConfig
from ..errors import ConfigError, ModelError
from ..records import Record
from .control_format import format_example

log = logging.getLogger(__name__)


IGNORE = -100
LLAMA_LIKE_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


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


def _lora_targets(model: Any) -> list[str] | None:
    """The attention/MLP projections of Llama-like models; None lets peft pick its default for the arch."""
    names = {n.rsplit(".", 1)[-1] for n, _ in model.named_modules()}
    found = [t for t in LLAMA_LIKE_TARGETS if t in names]
    return found or None


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
