"""Epoch checkpoints (resumable, written atomically) and the released model dir of a fine-tune."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from ..errors import ConfigError, ModelError
from ..io import dumps_json
from .registry import METADATA_FILE
from .training import _rng_state, _set_rng_state, _trainable_state

CHECKPOINT_DIR = "checkpoint"


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _check_output_dir(out: Path) -> None:
    """Release files are replaced in place, so the dir must be new, empty or a textsynth model dir."""
    from ..locking import LOCK_FILES

    if not out.is_dir() or (out / METADATA_FILE).is_file() or (out / CHECKPOINT_DIR).is_dir():
        return
    if any(p.name not in LOCK_FILES for p in out.iterdir()):
        raise ConfigError(f"finetune.output_dir: {out} is not empty and holds no textsynth model; "
                          "choose a new or empty directory")


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
