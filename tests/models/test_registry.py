import json
from pathlib import Path

import pytest

from textsynth.config import ModelConfig
from textsynth.errors import ConfigError, ModelError
from textsynth.models import registry
from textsynth.models.registry import (
    cache_dir, embedded_model_dir, load_model, read_model_metadata, resolve_device, resolve_model_path, save_model_dir,
)

import torch  # noqa: E402  (a required dependency: missing must fail, not skip)


def test_cache_dir_env(monkeypatch, tmp_path):
    monkeypatch.setenv("TEXTSYNTH_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.delenv("TEXTSYNTH_CACHE")
    assert cache_dir() == Path.home() / ".cache" / "textsynth"


@pytest.mark.parametrize("device,dtype,expected", [
    ("cpu", "auto", ("cpu", "float32")),
    ("cpu", "bfloat16", ("cpu", "bfloat16")),
    ("cpu", "fp16", ("cpu", "float16")),
])
def test_resolve_device(device, dtype, expected):
    dev, dt = resolve_device(ModelConfig(device=device, dtype=dtype))
    assert (dev, str(dt).replace("torch.", "")) == expected


def test_resolve_device_auto_and_errors(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve_device(ModelConfig()) == ("cpu", torch.float32)
    with pytest.raises(ModelError, match="CUDA is not available"):
        resolve_device(ModelConfig(device="cuda"))
    with pytest.raises(ConfigError, match="dtype"):  # refused when the config is built, before any loading
        ModelConfig(dtype="int3")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda: True)
    assert resolve_device(ModelConfig()) == ("cuda", torch.bfloat16)


def test_load_local_dir(tiny_llama_dir):
    model, tok = load_model(ModelConfig(model=str(tiny_llama_dir)))
    assert tok.padding_side == "left" and tok.pad_token is not None
    assert not model.training and next(model.parameters()).dtype == torch.float32


def test_trust_remote_code_off_by_default(tiny_llama_dir, monkeypatch):
    import transformers

    seen = []
    real_model, real_tok = transformers.AutoModelForCausalLM.from_pretrained, transformers.AutoTokenizer.from_pretrained

    def spy(real):
        def f(*args, **kwargs):
            seen.append(kwargs.get("trust_remote_code"))
            return real(*args, **kwargs)
        return f

    monkeypatch.setattr(transformers.AutoModelForCausalLM, "from_pretrained", spy(real_model))
    monkeypatch.setattr(transformers.AutoTokenizer, "from_pretrained", spy(real_tok))
    load_model(ModelConfig(model=str(tiny_llama_dir)))
    assert seen == [False, False]
    seen.clear()
    load_model(ModelConfig(model=str(tiny_llama_dir), trust_remote_code=True))
    assert seen == [True, True]


def test_resolve_model_path(tmp_path):
    assert resolve_model_path(str(tmp_path)) == str(tmp_path)
    assert resolve_model_path("HuggingFaceTB/SmolLM2-135M-Instruct") == "HuggingFaceTB/SmolLM2-135M-Instruct"
    with pytest.raises(ModelError, match="not found"):
        resolve_model_path(str(tmp_path / "missing"))
    f = tmp_path / "file.bin"
    f.write_text("x")
    with pytest.raises(ModelError, match="expected a model directory"):
        resolve_model_path(str(f))


def test_adapter_dir_loads_base_plus_adapter(tiny_llama_dir, tmp_path):
    import peft

    base, tok = load_model(ModelConfig(model=str(tiny_llama_dir)))
    lora = peft.get_peft_model(base, peft.LoraConfig(r=2, target_modules=["q_proj", "v_proj"], init_lora_weights=False))
    lora.save_pretrained(tmp_path)
    (tmp_path / "textsynth.json").write_text(json.dumps({"base_model": str(tiny_llama_dir), "format": {"prompt": "{label}"}}))
    model, _ = load_model(ModelConfig(model=str(tmp_path)))
    plain, _ = load_model(ModelConfig(model=str(tiny_llama_dir)))
    ids = tok(["a gripping film"], return_tensors="pt")
    with torch.no_grad():
        assert not torch.allclose(model(**ids).logits, plain(**ids).logits)  # the adapter changed the model
    assert read_model_metadata(tmp_path)["base_model"] == str(tiny_llama_dir)


def test_embedded_cache_is_reused_and_partial_caches_rebuilt(tiny_llama_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("TEXTSYNTH_CACHE", str(tmp_path))
    calls = []

    def fake_convert(gguf_path, dest):
        calls.append(dest)
        model, tok = load_model(ModelConfig(model=str(tiny_llama_dir)))
        return save_model_dir(model, tok, dest, extra={"source": "test"})

    monkeypatch.setattr(registry, "convert_gguf", fake_convert)
    monkeypatch.setattr(registry, "embedded_gguf_path", lambda name: Path("x.gguf"))
    partial = tmp_path / "models" / "smollm2-135m-instruct"
    partial.mkdir(parents=True)
    (partial / "config.json").write_text("{}")  # a crash left half a cache: no marker
    d = embedded_model_dir("smollm2-135m-instruct")
    assert calls == [partial] and (d / "model.safetensors").is_file()
    assert embedded_model_dir("smollm2-135m-instruct") == d and len(calls) == 1  # converted once
    assert not list(d.parent.glob("*.tmp"))


def test_save_model_dir_is_atomic(tiny_llama_dir, tmp_path):
    model, tok = load_model(ModelConfig(model=str(tiny_llama_dir)))

    class Boom(Exception):
        pass

    def broken_save(*a, **k):
        raise Boom

    tok.save_pretrained = broken_save
    with pytest.raises(Boom):
        save_model_dir(model, tok, tmp_path / "m")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow  # the embedded SmolLM2 model
def test_embedded_default_generates():
    from textsynth.config import SamplingConfig
    from textsynth.models.lm import load_language_model

    lm = load_language_model(ModelConfig(backend="hf"))
    outs = lm.generate(["Short positive movie reviews, one per line:\n- A delight.\n-"],
                       SamplingConfig(max_new_tokens=12), seed=0, stop=("\n",))
    assert outs[0].text.strip() and outs[0].n_tokens <= 12
