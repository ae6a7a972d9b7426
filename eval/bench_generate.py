"""Throughput: textsynth's batched generation vs a naive loop of HF ``model.generate``, one prompt at a time.

Same model (the embedded default unless --model), same documents: the generator's own plan for --n-docs
sentiment documents, each with its rendered few-shot prompt (real Rotten Tomatoes shots). The generator draws
--samples-per-prompt documents from each prompt, so the list holds each prompt that many times; the naive loop
calls ``model.generate`` once per document, ours batches them and prefills each distinct prompt once.

Like for like: the same max_new_tokens, sampling settings and thread count, the same stopping rule on both
sides (by default the production one, the template's stop strings, i.e. the end of the line, applied as the
same per-token stopping criterion; ``--no-stop``: both run to eos or max_new_tokens), and the same warm-up
(one untimed prompt group each). The documents go through in blocks of whole prompt groups, alternating which
side runs first (A,B then B,A), so both see the same load on a shared machine. The figure to read is the docs/s
ratio (same documents, same rule); tokens/s is given too. ``--samples-per-prompt 1`` measures batching alone.

    python eval/bench_generate.py --n-docs 64 --max-new-tokens 64
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.corpora import load_rotten_tomatoes, sample  # noqa: E402
from textsynth.config import GenerateConfig, ModelConfig, SamplingConfig  # noqa: E402
from textsynth.records import Record  # noqa: E402


def naive_loop(model, tok, prompts: list[str], params: SamplingConfig, seed: int, criteria) -> int:
    """The baseline: one ``model.generate`` call per prompt, no batching. Returns new tokens (to eos/stop, inclusive)."""
    import torch

    eos = tok.eos_token_id
    total = 0
    for i, p in enumerate(prompts):
        torch.manual_seed(seed + i)
        enc = tok(p, return_tensors="pt")
        with torch.inference_mode():
            out = model.generate(**enc, max_new_tokens=params.max_new_tokens, do_sample=True,
                                 temperature=params.temperature, top_p=params.top_p, top_k=0,
                                 repetition_penalty=params.repetition_penalty, pad_token_id=tok.pad_token_id,
                                 stopping_criteria=criteria)
        new = out[0, enc["input_ids"].shape[1]:].tolist()
        total += next((k + 1 for k, t in enumerate(new) if t == eos), len(new))
    return total


def stop_criteria(lm, stop: tuple[str, ...]):
    """The stopping rule textsynth's HF backend uses (a token whose text contains a stop string ends the row)."""
    from transformers import StoppingCriteria, StoppingCriteriaList

    criteria = StoppingCriteriaList()
    if stop:
        mask = lm._stop_token_mask(stop)

        class _StopOnToken(StoppingCriteria):
            def __call__(self, input_ids, scores, **kwargs):
                return mask[input_ids[:, -1]]

        criteria.append(_StopOnToken())
    return criteria


def prompt_blocks(prompts: list[str], docs_per_block: int) -> list[list[str]]:
    """Blocks of whole prompt groups (identical prompts stay together, so ours can share their prefill)."""
    groups: dict[str, list[str]] = {}
    for p in prompts:
        groups.setdefault(p, []).append(p)
    blocks, cur = [], []
    for g in groups.values():
        cur += g
        if len(cur) >= docs_per_block:
            blocks.append(cur)
            cur = []
    return blocks + ([cur] if cur else [])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="smollm2-135m-instruct")
    ap.add_argument("--n-docs", type=int, default=64)
    ap.add_argument("--samples-per-prompt", type=int, default=GenerateConfig.samples_per_prompt)
    ap.add_argument("--max-new-tokens", type=int, default=SamplingConfig.max_new_tokens)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--block", type=int, default=16, help="documents per interleaved block")
    ap.add_argument("--no-stop", action="store_true", help="both sides ignore the stop strings")
    ap.add_argument("--num-shots", type=int, default=None, help="shots per prompt [the template's]; fewer = shorter prompts")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="eval/results/bench_generate.json")
    args = ap.parse_args()

    import torch

    from textsynth.generation.generate import Generator
    from textsynth.models.lm import load_language_model

    params = SamplingConfig(max_new_tokens=args.max_new_tokens)
    lm = load_language_model(ModelConfig(model=args.model, backend="hf"), batch_size=args.batch_size)
    threads = torch.get_num_threads()
    seeds = [Record(id=r["id"], text=r["text"], label=r["label"]) for r in sample(load_rotten_tomatoes(), 400, seed=1)]
    gen = Generator(GenerateConfig(n=args.n_docs + 4 * args.samples_per_prompt, seed=args.seed, batch_size=args.batch_size, sampling=params,
                                   samples_per_prompt=args.samples_per_prompt), seeds, lm=lm)
    if args.num_shots is not None:
        gen.num_shots = args.num_shots
    groups = prompt_blocks([gen._prepare(item).prompt for item in gen.items(args.n_docs + 4 * args.samples_per_prompt)], 1)
    warm, prompts = groups[0], [p for g in groups[1:] for p in g][:args.n_docs]  # whole prompt groups
    stop = () if args.no_stop else tuple(gen.template.stop)
    criteria = stop_criteria(lm, stop)
    prompt_tokens = sum(lm.count_tokens(prompts)) / len(prompts)
    print(f"{len(prompts)} documents from {len(set(prompts))} distinct prompts, {gen.num_shots} shots each, "
          f"mean {prompt_tokens:.0f} prompt tokens; {threads} CPU threads; stop={list(stop)}", flush=True)

    def ours(block: list[str], seed: int) -> int:
        return sum(o.n_tokens for o in lm.generate(block, params, seed=seed, stop=stop))

    def naive(block: list[str], seed: int) -> int:
        return naive_loop(lm.model, lm.tokenizer, block, params, seed, criteria)

    sides = {"textsynth": ours, "naive": naive}
    ours(warm, 10_000), naive(warm, 10_000)  # the same untimed warm-up for both
    tokens = {k: 0 for k in sides}
    seconds = {k: 0.0 for k in sides}
    blocks = prompt_blocks(prompts, args.block)
    for k, block in enumerate(blocks):
        order = list(sides) if k % 2 == 0 else list(sides)[::-1]
        for name in order:
            t0 = time.perf_counter()
            tokens[name] += sides[name](block, args.seed + 1000 * k)
            seconds[name] += time.perf_counter() - t0
    n = len(prompts)
    for name in sides:
        print(f"{name:10s}: {tokens[name]} tokens in {seconds[name]:.1f}s (shared) = {tokens[name] / seconds[name]:.1f} "
              f"tokens/s, {n / seconds[name]:.2f} docs/s, {tokens[name] / n:.1f} tokens/doc", flush=True)
    docs_ratio = seconds["naive"] / seconds["textsynth"]
    tok_ratio = (tokens["textsynth"] / seconds["textsynth"]) / (tokens["naive"] / seconds["naive"])
    print(f"ratio textsynth / naive: {docs_ratio:.2f}x docs/s, {tok_ratio:.2f}x tokens/s  [threads={threads}, "
          f"batch={args.batch_size}, docs={n}, distinct prompts={len(set(prompts))}, blocks={len(blocks)}, "
          f"max_new_tokens={args.max_new_tokens}, stop={list(stop)}]")
    res = {"naive": {"tokens": tokens["naive"], "seconds_shared": seconds["naive"]},
           "textsynth": {"tokens": tokens["textsynth"], "seconds_shared": seconds["textsynth"]},
           "ratio_docs_per_s": docs_ratio, "ratio_tokens_per_s": tok_ratio, "stop": list(stop),
           "threads": threads, "batch_size": args.batch_size, "n_docs": n, "blocks": len(blocks),
           "distinct_prompts": len(set(prompts)), "samples_per_prompt": args.samples_per_prompt,
           "max_new_tokens": args.max_new_tokens, "model": args.model, "num_shots": gen.num_shots,
           "mean_prompt_tokens": prompt_tokens, "load_average_at_end": os.getloadavg()[0]}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
