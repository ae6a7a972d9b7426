import pytest

from textsynth.config import ModelConfig, SamplingConfig
from textsynth.errors import ConfigError, MissingDependencyError, ModelError
from textsynth.models import decode
from textsynth.models.lm import HFLanguageModel, LanguageModel, load_language_model

import torch  # noqa: E402  (a required dependency: missing must fail, not skip)
torch.set_num_threads(1)  # a tiny model on a shared CPU: one thread avoids oversubscription

PARAMS = SamplingConfig(temperature=1.0, top_p=1.0, max_new_tokens=6, repetition_penalty=1.0)
PROMPTS = ["a gripping film", "the service was friendly and the food", "dull", "terrible support, they never"]


@pytest.fixture(scope="module")
def tiny_lm(tiny_llama_dir):
    return load_language_model(ModelConfig(model=str(tiny_llama_dir), backend="hf"), batch_size=2)


def test_the_protocol_declares_the_tokenizer_the_generator_uses():
    """Label steering and chat templates read ``lm.tokenizer``: a backend must say it has none (None)."""

    class NoTokenizerAttribute:
        model_id = "x"

        def generate(self, prompts, params, seed, stop=(), negative_prompts=None):
            return []

    class SaysNone(NoTokenizerAttribute):
        tokenizer = None

    assert not isinstance(NoTokenizerAttribute(), LanguageModel) and isinstance(SaysNone(), LanguageModel)


def test_protocol_and_shapes(tiny_lm):
    assert isinstance(tiny_lm, LanguageModel) and isinstance(tiny_lm, HFLanguageModel)
    outs = tiny_lm.generate(PROMPTS, PARAMS, seed=0)
    assert len(outs) == len(PROMPTS)
    assert all(isinstance(o.text, str) and 0 < o.n_tokens <= 7 for o in outs)
    assert all(o.finish_reason in ("stop", "length") for o in outs)


def test_same_seed_same_outputs_different_seed_differs(tiny_lm):
    a = [o.text for o in tiny_lm.generate(PROMPTS, PARAMS, seed=1)]
    b = [o.text for o in tiny_lm.generate(PROMPTS, PARAMS, seed=1)]
    c = [o.text for o in tiny_lm.generate(PROMPTS, PARAMS, seed=2)]
    assert a == b and a != c


def test_batched_greedy_matches_one_at_a_time(tiny_lm):
    greedy = SamplingConfig(temperature=0.0, max_new_tokens=5, repetition_penalty=1.0)
    batched = [o.text for o in tiny_lm.generate(PROMPTS, greedy, seed=0, batch_size=4)]
    single = [tiny_lm.generate([p], greedy, seed=0, batch_size=1)[0].text for p in PROMPTS]
    assert batched == single  # left padding + attention mask: order restored, results unchanged


def test_stop_string_ends_generation(tiny_lm):
    outs = tiny_lm.generate(PROMPTS, SamplingConfig(temperature=1.0, max_new_tokens=20), seed=3, stop=(" ",))
    assert all(" " not in o.text for o in outs)
    assert all(o.finish_reason == "stop" for o in outs if o.n_tokens < 20)


def test_backend_selection_errors(tiny_llama_dir, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "vllm" else real(name, *a))
    with pytest.raises(MissingDependencyError, match="textsynth-corpora\\[vllm\\]"):
        load_language_model(ModelConfig(model=str(tiny_llama_dir), backend="vllm"))
    assert isinstance(load_language_model(ModelConfig(model=str(tiny_llama_dir), backend="auto")), HFLanguageModel)
    with pytest.raises(ConfigError, match="backend"):  # an unknown backend is refused when the config is built
        ModelConfig(model=str(tiny_llama_dir), backend="tpu")


def test_identical_prompts_share_one_prefill_with_unchanged_results(tiny_lm, monkeypatch):
    greedy = SamplingConfig(temperature=0.0, max_new_tokens=5, repetition_penalty=1.0)
    repeated = [PROMPTS[1], PROMPTS[0], PROMPTS[1], PROMPTS[1], PROMPTS[0]]
    prefilled = []
    real_sample = decode.sample

    def spy(model, input_ids, attention_mask, index, *args):
        prefilled.append((input_ids.shape[0], len(index)))
        return real_sample(model, input_ids, attention_mask, index, *args)

    monkeypatch.setattr(decode, "sample", spy)
    shared = [o.text for o in tiny_lm.generate(repeated, greedy, seed=0, batch_size=5)]
    assert prefilled == [(2, 5)]  # two distinct prompts run through the model, five sequences continue
    single = {p: tiny_lm.generate([p], greedy, seed=0, batch_size=1)[0].text for p in PROMPTS[:2]}
    assert shared == [single[p] for p in repeated]


def test_guidance_changes_outputs_and_needs_one_negative_per_prompt(tiny_lm):
    greedy = SamplingConfig(temperature=0.0, max_new_tokens=5, repetition_penalty=1.0)
    plain = [o.text for o in tiny_lm.generate(PROMPTS, greedy, seed=0)]
    negatives = ["dull"] * len(PROMPTS)
    off = [o.text for o in tiny_lm.generate(PROMPTS, SamplingConfig(temperature=0.0, max_new_tokens=5,
                                                                    repetition_penalty=1.0, guidance_scale=1.0),
                                            seed=0, negative_prompts=negatives)]
    assert off == plain
    guided_params = SamplingConfig(temperature=0.0, max_new_tokens=5, repetition_penalty=1.0, guidance_scale=3.0)
    guided = [o.text for o in tiny_lm.generate(PROMPTS, guided_params, seed=0, negative_prompts=negatives)]
    assert guided != plain and all(isinstance(t, str) for t in guided)
    with pytest.raises(ValueError, match="negative_prompts"):
        tiny_lm.generate(PROMPTS, guided_params, seed=0, negative_prompts=negatives[:1])


@pytest.mark.parametrize("dtype,device,n_params,cpu_bf16,expected", [
    ("auto", "cpu", 135_000_000, True, "bfloat16"),  # the embedded model on an AVX512-BF16 CPU
    ("auto", "cpu", 135_000_000, False, None),  # no native bf16: fp32 stays
    ("auto", "cpu", 1_000_000, True, None),  # tiny models stay fp32
    ("float32", "cpu", 135_000_000, True, None),  # an explicit dtype wins
    ("bfloat16", "cpu", 135_000_000, False, None),  # already what load_model gives
    ("auto", "cuda", 135_000_000, True, None),  # the GPU path keeps resolve_device's choice (bf16/fp16)
    ("auto", "cuda:1", 135_000_000, False, None),
])
def test_generation_dtype_only_casts_auto_on_a_bf16_cpu(dtype, device, n_params, cpu_bf16, expected):
    from textsynth.models.lm import generation_dtype

    assert generation_dtype(ModelConfig(dtype=dtype), device, n_params, cpu_bf16) == expected


@pytest.mark.parametrize("flags,expected", [
    ("fpu sse avx512f avx512_bf16 avx512_vnni", True),
    ("fpu sse amx_bf16 amx_tile", True),
    ("fpu sse avx2 avx512f", False),
])
def test_cpu_supports_bf16_reads_the_flags(tmp_path, flags, expected):
    from textsynth.models.lm import cpu_supports_bf16

    info = tmp_path / "cpuinfo"
    info.write_text(f"processor\t: 0\nmodel name\t: x\nflags\t\t: {flags}\n")
    assert cpu_supports_bf16(str(info)) is expected
    assert cpu_supports_bf16(str(tmp_path / "missing")) is False


@pytest.mark.parametrize("text,k,expected", [
    ("a\n- b\n- c", 1, ("a", True)),
    ("a\n- b\n- c", 2, ("a\n- b", True)),
    ("a\n- b\n- c", 3, ("a\n- b\n- c", False)),
    ("a\n\nb\n\nc", 2, ("a\n\nb", True)),
])
def test_cut_at_the_kth_stop(text, k, expected):
    from textsynth.models.lm import _cut_at_stop

    assert _cut_at_stop(text, ("\n\n",) if "\n\n" in text else ("\n",), k) == expected


def test_stop_after_k_lets_a_sequence_write_k_documents(tiny_lm):
    params = SamplingConfig(temperature=1.0, top_p=1.0, max_new_tokens=40, repetition_penalty=1.0)
    one = tiny_lm.generate(PROMPTS, params, seed=5, stop=(" ",))
    three = tiny_lm.generate(PROMPTS, params, seed=5, stop=(" ",), stop_after=3)
    assert all(" " not in o.text for o in one if o.finish_reason == "stop")
    assert any(o.text.count(" ") == 2 for o in three)  # the sequence went on past its first and second stop
    for o in three:
        assert o.text.count(" ") <= 2 and (o.finish_reason == "length" or o.n_tokens < 40)
    with pytest.raises(ValueError, match="stop_after"):
        tiny_lm.generate(PROMPTS, params, seed=5, stop=(" ",), stop_after=0)


def test_logit_bias_steers_each_prompt_and_is_checked(tiny_lm):
    params = SamplingConfig(temperature=1.0, top_p=0.95, max_new_tokens=4, repetition_penalty=1.0)
    (forced,) = tiny_lm.tokenizer.encode(" food")
    outs = tiny_lm.generate(PROMPTS, params, seed=0, logit_bias=[{forced: 50.0}, None, None, {forced: 50.0}])
    assert outs[0].text == outs[3].text == " food" * 4
    assert outs[1].text != " food" * 4
    with pytest.raises(ValueError, match="logit_bias"):
        tiny_lm.generate(PROMPTS, params, seed=0, logit_bias=[None])
    guided = SamplingConfig(temperature=0.0, max_new_tokens=4, guidance_scale=2.0)
    with pytest.raises(ValueError, match="guidance"):
        tiny_lm.generate(PROMPTS, guided, seed=0, negative_prompts=PROMPTS, logit_bias=[{forced: 1.0}] * 4)


def test_vllm_backend_passes_logit_bias_to_its_sampling_params(monkeypatch):
    """The vLLM path (GPU only) gets the same per-prompt logit_bias, through vLLM's own SamplingParams."""
    import sys
    import types

    from textsynth.models.lm import VLLMLanguageModel

    made = []

    class SamplingParams:
        def __init__(self, **kwargs):
            made.append(kwargs)

    class Completion:
        def __init__(self):
            self.outputs = [types.SimpleNamespace(text=" ok", token_ids=[1, 2], finish_reason="stop")]

    fake = types.ModuleType("vllm")
    fake.SamplingParams = SamplingParams
    monkeypatch.setitem(sys.modules, "vllm", fake)
    lm = object.__new__(VLLMLanguageModel)
    lm.llm = types.SimpleNamespace(generate=lambda prompts, sp, **kw: [Completion() for _ in prompts])
    lm._lora, lm._warned_guidance = None, False
    outs = lm.generate(["a", "b"], PARAMS, seed=3, stop=("\n",), logit_bias=[{7: 1.5}, None])
    assert [o.text for o in outs] == [" ok", " ok"]
    assert made[0]["logit_bias"] == {7: 1.5} and made[1]["logit_bias"] is None
    assert [m["seed"] for m in made] == [3, 4]
