"""LanguageModel: ``generate(prompts, params, seed) -> list[GenerationOutput]`` over HF transformers or vLLM.

The HF implementation batches with left padding, sorts prompts by length so a batch pads little, runs one
``model.generate`` per batch under ``torch.inference_mode`` and seeds each batch, so the same prompts, params
and seed give the same outputs. Stop strings (e.g. "\\n") end a sequence early, which saves most of the time a
short review needs. Identical prompts in a batch share one prefill: the prompt is run through the model once
and its KV cache copied to every sequence that samples from it. Without guidance the decode loop is
``decode.sample``: a row that has finished leaves the batch at once instead of idling until the longest ends. A few-shot prompt is hundreds of tokens and a
review a few dozen, so on CPU the prefill is most of the work; the generator asks for several documents per
prompt (``GenerateConfig.samples_per_prompt``) to use this, and may ask for several stop-separated documents
per sequence (``stop_after``: a list continued for k lines), so one prefill and one row serve k documents.
On a CPU with native bf16 (AVX512-BF16 or AMX) a model of ``BF16_MIN_PARAMS`` or more generates in bf16 unless
``model.dtype`` says otherwise: measured on the embedded 135M model, decoding is memory-bound and bf16 weights
make a step about 1.6x faster (eval/bench_pipeline.py).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Mapping, Protocol, Sequence, runtime_checkable

from ..config import ModelConfig, SamplingConfig
from ..errors import MissingDependencyError, ModelError
from . import decode
from .cpu_threads import set_cpu_threads

log = logging.getLogger(__name__)

BF16_MIN_PARAMS = 50_000_000  # smaller models gain little from bf16 and keep fp32's exact batched == single results


@dataclass
class GenerationOutput:
    """One completion: the decoded new text, how many tokens it took, and why it ended."""

    text: str
    n_tokens: int
    finish_reason: str = "stop"  # "stop" (eos or a stop string) | "length" (hit max_new_tokens)


@runtime_checkable
class LanguageModel(Protocol):
    model_id: str
    tokenizer: Any  # its Hugging Face tokenizer; None: no label steering, no chat template

    def generate(self, prompts: list[str], params: SamplingConfig, seed: int,
                 stop: Sequence[str] = (), negative_prompts: Sequence[str] | None = None) -> list[GenerationOutput]:
        """Completions for ``prompts`` (same order), reproducible under ``seed``.

        Backends may also take ``stop_after=k`` (end a sequence at its k-th stop string, not its first: the
        text then holds k-1 stop strings); the generator passes it only when it asks for more than one. And
        ``logit_bias`` (one mapping token id -> bias, or None, per prompt) added to the next-token logits; the
        generator passes it only when it steers labels (``sampling.label_bias``).

        With ``params.guidance_scale`` != 1 and ``negative_prompts`` (one per prompt), each next-token
        distribution is pushed away from the negative prompt's (classifier-free guidance).
        """
        ...


def _guided(params: SamplingConfig, prompts: Sequence[str], negative_prompts: Sequence[str] | None) -> bool:
    """Whether classifier-free guidance applies (a scale other than 1 and one negative prompt per prompt)."""
    scale = params.guidance_scale
    if scale is None or scale == 1 or negative_prompts is None:
        return False
    if len(negative_prompts) != len(prompts):
        raise ValueError(f"negative_prompts: expected {len(prompts)}, got {len(negative_prompts)}")
    return True


def _cut_at_stop(text: str, stop: Sequence[str], stop_after: int = 1) -> tuple[str, bool]:
    """``text`` up to its ``stop_after``-th stop string (excluded), and whether there was one."""
    pos = 0
    for k in range(stop_after):
        cut = min((i for i in (text.find(s, pos) for s in stop if s) if i >= 0), default=-1)
        if cut < 0:
            return text, False
        if k == stop_after - 1:
            return text[:cut], True
        pos = cut + len(next(s for s in stop if s and text.startswith(s, cut)))
    return text, False


def cpu_supports_bf16(cpuinfo: str = "/proc/cpuinfo") -> bool:
    """Whether this CPU computes bf16 natively (AVX512-BF16 or AMX-BF16 among its flags; False elsewhere)."""
    try:
        with open(cpuinfo, encoding="utf-8") as fh:
            flags = next((line.split(":", 1)[1].split() for line in fh if line.startswith("flags")), [])
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def generation_dtype(cfg: ModelConfig, device: str, n_params: int, cpu_bf16: bool) -> str | None:
    """The dtype to cast a loaded model to for generation, or None to keep what ``load_model`` chose.

    Only an ``auto`` dtype on a CPU with native bf16 and a model of ``BF16_MIN_PARAMS`` or more changes (to
    bfloat16); an explicit ``model.dtype`` and the GPU path (cuda picks bf16/fp16 in ``resolve_device``) stay.
    """
    if cfg.dtype != "auto" or device != "cpu" or not cpu_bf16 or n_params < BF16_MIN_PARAMS:
        return None
    return "bfloat16"


class HFLanguageModel:
    """A transformers causal LM with batched, seeded sampling."""

    def __init__(self, model: Any, tokenizer: Any, model_id: str = "model", batch_size: int = 16):
        self.model, self.tokenizer, self.model_id, self.batch_size = model, tokenizer, model_id, batch_size
        self.device = next(model.parameters()).device
        n_params = sum(p.numel() for p in model.parameters())
        if self.device.type == "cpu" and n_params > 10_000_000:
            set_cpu_threads()  # tiny models run best on whatever the caller set (threads cost more than they give)
        tokenizer.padding_side = "left"
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        self._stop_token_cache: dict[tuple[str, ...], Any] = {}

    @classmethod
    def from_config(cls, cfg: ModelConfig, batch_size: int = 16) -> "HFLanguageModel":
        from .registry import load_model

        model, tok = load_model(cfg)
        device = next(model.parameters()).device.type
        cast = generation_dtype(cfg, device, sum(p.numel() for p in model.parameters()), cpu_supports_bf16())
        if cast is not None:
            import torch

            log.info("generating in %s (the CPU computes it natively; model.dtype: float32 to keep fp32)", cast)
            model = model.to(getattr(torch, cast))
        return cls(model, tok, model_id=cfg.model, batch_size=batch_size)

    def _stop_token_mask(self, stop: tuple[str, ...]):
        """Bool tensor over the vocab: tokens whose text contains a stop string (they end a sequence)."""
        import torch

        if stop not in self._stop_token_cache:
            vocab = self.model.get_output_embeddings().weight.shape[0]
            n = min(vocab, len(self.tokenizer))
            pieces = self.tokenizer.batch_decode([[i] for i in range(n)])
            mask = torch.zeros(vocab, dtype=torch.bool)
            for i, piece in enumerate(pieces):
                if any(s in piece for s in stop):
                    mask[i] = True
            self._stop_token_cache[stop] = mask.to(self.device)
        return self._stop_token_cache[stop]

    def count_tokens(self, prompts: list[str]) -> list[int]:
        return [len(ids) for ids in self.tokenizer(prompts)["input_ids"]]

    def generate(self, prompts: list[str], params: SamplingConfig, seed: int,
                 stop: Sequence[str] = (), negative_prompts: Sequence[str] | None = None,
                 batch_size: int | None = None, stop_after: int = 1,
                 logit_bias: Sequence[Mapping[int, float] | None] | None = None) -> list[GenerationOutput]:
        """Sort by prompt length, generate batch by batch (batch j seeded with ``seed + j``), restore order.

        ``stop_after``: a sequence ends at its ``stop_after``-th stop string (several documents per row).
        ``logit_bias``: per prompt, token id -> bias added to its logits (not with guidance).
        """
        if not prompts:
            return []
        if stop_after < 1:
            raise ValueError(f"stop_after: expected at least 1, got {stop_after}")
        guided = _guided(params, prompts, negative_prompts)
        if logit_bias is not None and len(logit_bias) != len(prompts):
            raise ValueError(f"logit_bias: expected {len(prompts)}, got {len(logit_bias)}")
        if guided and logit_bias is not None and any(logit_bias):
            raise ValueError("logit_bias cannot be combined with guidance (guidance_scale != 1) in the hf backend")
        bs = batch_size or self.batch_size
        lengths = self.count_tokens(prompts)
        # identical prompts end up side by side (and in one batch) so they share a prefill
        order = sorted(range(len(prompts)), key=lambda i: (lengths[i], prompts[i], i))
        out: list[GenerationOutput | None] = [None] * len(prompts)
        for j in range(0, len(order), bs):
            idx = order[j:j + bs]
            negatives = [negative_prompts[i] for i in idx] if guided else None  # type: ignore[index]
            bias = [logit_bias[i] for i in idx] if logit_bias is not None else None
            for i, res in zip(idx, self._generate_batch([prompts[i] for i in idx], params, seed + j // bs, tuple(stop),
                                                        negatives, stop_after, bias)):
                out[i] = res
        return out  # type: ignore[return-value]

    def _generate_batch(self, prompts: list[str], params: SamplingConfig, seed: int,
                        stop: tuple[str, ...], negatives: list[str] | None = None,
                        stop_after: int = 1, logit_bias: list[Mapping[int, float] | None] | None = None
                        ) -> list[GenerationOutput]:
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList

        tok = self.tokenizer
        unique = list(dict.fromkeys(prompts))
        enc = tok(unique, return_tensors="pt", padding=True).to(self.device)
        prompt_len = enc["input_ids"].shape[1]
        if not negatives:
            rows = {p: i for i, p in enumerate(unique)}
            index = torch.tensor([rows[p] for p in prompts], device=self.device)
            new = decode.sample(self.model, enc["input_ids"], enc["attention_mask"], index, params, seed,
                                self._stop_token_mask(stop) if stop else None, stop_after, self._end_ids(),
                                self._dense_bias(logit_bias))
            return [self._output(ids, params, stop, stop_after) for ids in new]
        cache = None
        if len(unique) < len(prompts):
            rows = {p: i for i, p in enumerate(unique)}
            index = torch.tensor([rows[p] for p in prompts], device=self.device)
            cache = self._prefill(enc["input_ids"], enc["attention_mask"], index)
            enc = {k: v.index_select(0, index) for k, v in enc.items()}
        criteria = StoppingCriteriaList()
        if stop:
            mask = self._stop_token_mask(stop)

            class _StopOnToken(StoppingCriteria):
                def __call__(self, input_ids, scores, **kwargs):
                    if stop_after == 1:
                        return mask[input_ids[:, -1]]
                    # the stop_after-th stop token among the new ones (the prompt's own are not counted)
                    return mask[input_ids[:, -1]] & (mask[input_ids[:, prompt_len:]].sum(1) >= stop_after)

            criteria.append(_StopOnToken())
        sample = params.temperature > 0
        gen_kwargs: dict[str, Any] = dict(
            max_new_tokens=params.max_new_tokens,
            do_sample=sample,
            repetition_penalty=params.repetition_penalty,
            pad_token_id=tok.pad_token_id,
            stopping_criteria=criteria,
        )
        if sample:
            gen_kwargs.update(temperature=params.temperature, top_p=params.top_p, top_k=0)
        if cache is not None:
            gen_kwargs["past_key_values"] = cache
        if negatives:
            # transformers' own CFG processor: it runs the negative prompts alongside, with their own cache
            neg = tok(negatives, return_tensors="pt", padding=True).to(self.device)
            gen_kwargs.update(guidance_scale=params.guidance_scale, negative_prompt_ids=neg["input_ids"],
                              negative_prompt_attention_mask=neg["attention_mask"])
        torch.manual_seed(seed)
        with torch.inference_mode():
            seqs = self.model.generate(**enc, **gen_kwargs)
        return [self._output(ids, params, stop, stop_after) for ids in seqs[:, prompt_len:].tolist()]

    def _dense_bias(self, logit_bias: list[Mapping[int, float] | None] | None) -> Any:
        """One row of logit biases over the vocabulary per sequence, or None when there is none."""
        if not logit_bias or not any(logit_bias):
            return None
        import torch

        vocab = self.model.get_output_embeddings().weight.shape[0]
        rows: dict[int, Any] = {}  # a mapping shared by many sequences becomes one tensor
        for bias in logit_bias:
            if bias and id(bias) not in rows:
                row = torch.zeros(vocab)
                row[torch.tensor(list(bias.keys()), dtype=torch.long)] = torch.tensor(list(bias.values()))
                rows[id(bias)] = row
        zero = torch.zeros(vocab)
        return torch.stack([rows[id(b)] if b else zero for b in logit_bias]).to(self.device)

    def _end_ids(self) -> set[int]:
        """Token ids that end a sequence: the model's eos id(s), the tokenizer's eos and pad."""
        eos = self.model.generation_config.eos_token_id
        ends = set(eos if isinstance(eos, list) else [eos] if eos is not None else [])
        ends.update(t for t in (self.tokenizer.eos_token_id, self.tokenizer.pad_token_id) if t is not None)
        return ends

    def _output(self, ids: list[int], params: SamplingConfig, stop: tuple[str, ...], stop_after: int
                ) -> GenerationOutput:
        """A sequence's new token ids as text (cut at its ``stop_after``-th stop string), length and finish reason."""
        # A sequence ends at an end id; after a stop criterion fires, the rest of its row is padding.
        ends = self._end_ids()
        n = next((k for k, t in enumerate(ids) if t in ends), len(ids))
        text, hit_stop = _cut_at_stop(self.tokenizer.decode(ids[:n], skip_special_tokens=False), stop, stop_after)
        finished = hit_stop or n < len(ids) or n < params.max_new_tokens
        n_tokens = n + (1 if n < len(ids) and not hit_stop else 0)
        return GenerationOutput(text=text, n_tokens=n_tokens, finish_reason="stop" if finished else "length")

    def _prefill(self, input_ids: Any, attention_mask: Any, index: Any) -> Any:
        """KV cache of every prompt but its last token, computed once per distinct prompt, then one row per
        sequence (``index`` maps sequences to prompts). ``generate`` continues from it with the last token.

        Position ids follow ``generate``'s own rule (cumulative sum of the mask), so the cached keys are the
        ones a plain ``generate`` call would have computed.
        """
        import torch

        if input_ids.shape[1] < 2:
            return None
        positions = (attention_mask.long().cumsum(-1) - 1).masked_fill(attention_mask == 0, 0)
        with torch.inference_mode():
            out = self.model(input_ids=input_ids[:, :-1], attention_mask=attention_mask[:, :-1],
                             position_ids=positions[:, :-1], use_cache=True)
        cache = out.past_key_values
        cache.batch_select_indices(index)
        return cache


class VLLMLanguageModel:
    """The same interface over vLLM (GPU). Imported only when chosen."""

    def __init__(self, cfg: ModelConfig):
        try:
            import vllm  # noqa: F401
        except ImportError:
            raise MissingDependencyError("vllm", extra="vllm") from None
        from vllm import LLM

        from .registry import _adapter_base, is_adapter_dir, resolve_device, resolve_model_path

        device, dtype = resolve_device(cfg)
        if not device.startswith("cuda"):
            raise ModelError("the vllm backend needs a CUDA GPU; use --backend hf on CPU")
        self.model_id = cfg.model
        self._warned_guidance = False
        self._lora = None
        path = cfg.model
        if is_adapter_dir(path):
            from vllm.lora.request import LoRARequest

            self._lora = LoRARequest("adapter", 1, str(path))
            path = _adapter_base(__import__("pathlib").Path(path))
        self.llm = LLM(model=resolve_model_path(path), dtype=str(dtype).replace("torch.", ""),
                       trust_remote_code=bool(cfg.trust_remote_code), enable_lora=self._lora is not None)
        self.tokenizer = self.llm.get_tokenizer()  # for chat-style templates

    def generate(self, prompts: list[str], params: SamplingConfig, seed: int,
                 stop: Sequence[str] = (), negative_prompts: Sequence[str] | None = None,
                 batch_size: int | None = None, stop_after: int = 1,
                 logit_bias: Sequence[Mapping[int, float] | None] | None = None) -> list[GenerationOutput]:
        """``stop_after`` > 1: vLLM stops at the first stop string only, so it samples to ``max_new_tokens``
        and the text is cut at the ``stop_after``-th stop string here. ``logit_bias`` goes to vLLM's own
        ``SamplingParams.logit_bias``."""
        from vllm import SamplingParams

        if _guided(params, prompts, negative_prompts) and not self._warned_guidance:
            self._warned_guidance = True
            log.warning("vLLM has no classifier-free guidance: sampling without it (guidance_scale %s ignored; "
                        "use --backend hf to apply it)", params.guidance_scale)

        sp = [SamplingParams(temperature=params.temperature, top_p=params.top_p, max_tokens=params.max_new_tokens,
                             repetition_penalty=params.repetition_penalty,
                             stop=(list(stop) or None) if stop_after == 1 else None, seed=seed + i,
                             logit_bias=dict(logit_bias[i]) if logit_bias is not None and logit_bias[i] else None)
              for i in range(len(prompts))]
        outs = self.llm.generate(prompts, sp, use_tqdm=False, lora_request=self._lora)
        results = []
        for o in outs:
            text, hit = o.outputs[0].text, False
            if stop_after > 1:
                text, hit = _cut_at_stop(text, stop, stop_after)
            length = o.outputs[0].finish_reason == "length" and not hit
            results.append(GenerationOutput(text=text, n_tokens=len(o.outputs[0].token_ids),
                                            finish_reason="length" if length else "stop"))
        return results


def vllm_available() -> bool:
    import importlib.util

    if importlib.util.find_spec("vllm") is None:
        return False
    import torch

    return torch.cuda.is_available()


def load_language_model(cfg: ModelConfig, batch_size: int = 16) -> LanguageModel:
    """The backend ``cfg.backend`` names; ``auto`` picks vLLM when it is installed and a GPU is present."""
    backend = cfg.backend
    if backend == "auto":
        backend = "vllm" if cfg.device in ("auto", "cuda") and vllm_available() else "hf"
    if backend == "vllm":
        return VLLMLanguageModel(cfg)
    if backend != "hf":
        raise ModelError(f"model.backend: expected auto, hf or vllm, got {cfg.backend!r}")
    return HFLanguageModel.from_config(cfg, batch_size=batch_size)
