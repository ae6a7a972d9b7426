"""Throughput: textsynth's batched generation vs a naive loop of HF ``model.generate``, one prompt at a time.

Same model (the embedded default unless --model), same documents: the generator's own plan for --n-docs
sentiment documents, each with its rendered few-shot prompt (real Rotten Tomatoes shots). The generator draws
--samples-per-prompt documents from each prompt, so the list holds each prompt that many times; the naive loop
calls ``model.generate`` once per document, ours batches them and prefills each distinct prompt once. Same
max_new_tokens, sampling settings and thread count. Neither side uses stop strings here (both end at eos or
max_new_tokens) so tokens/s compares like with like; the production setting (stop at the end of the line) is
reported separately as docs/s. ``--samples-per-prompt 1`` measures batching alone.

    python eval/bench_generate.py --n-docs 32 --max-new-tokens 32
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.corpora import load_rotten_tomatoes, sample  # noqa: E402
from textsynth.config import GenerateConfig, ModelConfig, SamplingConfig  # noqa: E402
from textsynth.records import Record  # noqa: E402


def naive_loop(model, tok, prompts: list[str], params: SamplingConfig, seed: int) -> tuple[int, float]:
    """The baseline: one ``model.generate`` call per prompt, no batching. Returns (new tokens, seconds)."""
    import torch

    eos = tok.eos_token_id
    total, t0 = 0, time.perf_counter()
    for i, p in enumerate(prompts):
        torch.manual_seed(seed + i)
        enc = tok(p, return_tensors="pt")
        out = model.generate(**enc, max_new_tokens=params.max_new_tokens, do_sample=True,
                             temperature=params.temperature, top_p=params.top_p, top_k=0,
                             repetition_penalty=params.repetition_penalty, pad_token_id=tok.pad_token_id)
        new = out[0, enc["input_ids"].shape[1]:].tolist()
        total += next((k + 1 for k, t in enumerate(new) if t == eos), len(new))
    return total, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="smollm2-135m-instruct")
    ap.add_argument("--n-docs", type=int, default=32)
    ap.add_argument("--samples-per-prompt", type=int, default=GenerateConfig.samples_per_prompt)
    ap.add_argument("--max-new-tokens", type=int, default=32)
    ap.add_argument("--batch-size", type=int, default=16)
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
    gen = Generator(GenerateConfig(n=args.n_docs, seed=args.seed, batch_size=args.batch_size, sampling=params,
                                   samples_per_prompt=args.samples_per_prompt), seeds, lm=lm)
    if args.num_shots is not None:
        gen.num_shots = args.num_shots
    prompts = [gen._prepare(item).prompt for item in gen.items(args.n_docs)]
    prompt_tokens = sum(lm.count_tokens(prompts)) / len(prompts)
    print(f"{len(prompts)} documents from {len(set(prompts))} distinct prompts, {gen.num_shots} shots each, "
          f"mean {prompt_tokens:.0f} prompt tokens; {threads} CPU threads", flush=True)

    t0 = time.perf_counter()
    with torch.inference_mode():
        naive_tokens, naive_s = naive_loop(lm.model, lm.tokenizer, prompts, params, args.seed)
    print(f"naive loop  : {naive_tokens} tokens in {naive_s:.1f}s = {naive_tokens / naive_s:.1f} tokens/s "
          f"({len(prompts) / naive_s:.2f} docs/s)", flush=True)

    t0 = time.perf_counter()
    outs = lm.generate(prompts, params, seed=args.seed)
    ours_s = time.perf_counter() - t0
    ours_tokens = sum(o.n_tokens for o in outs)
    print(f"textsynth   : {ours_tokens} tokens in {ours_s:.1f}s = {ours_tokens / ours_s:.1f} tokens/s "
          f"({len(prompts) / ours_s:.2f} docs/s)", flush=True)

    t0 = time.perf_counter()
    outs_stop = lm.generate(prompts, params, seed=args.seed, stop=gen.template.stop)
    stop_s = time.perf_counter() - t0
    stop_tokens = sum(o.n_tokens for o in outs_stop)
    ratio = (ours_tokens / ours_s) / (naive_tokens / naive_s)
    print(f"textsynth + stop at newline (production): {stop_tokens} tokens in {stop_s:.1f}s = "
          f"{stop_tokens / stop_s:.1f} tokens/s ({len(prompts) / stop_s:.2f} docs/s, "
          f"{(len(prompts) / stop_s) / (len(prompts) / naive_s):.1f}x the naive docs/s)")
    print(f"ratio (tokens/s, textsynth / naive): {ratio:.2f}x  [threads={threads}, batch={args.batch_size}, "
          f"docs={len(prompts)}, distinct prompts={len(set(prompts))}, max_new_tokens={args.max_new_tokens}]")
    res = {"naive": {"tokens": naive_tokens, "seconds": naive_s}, "textsynth": {"tokens": ours_tokens, "seconds": ours_s},
           "textsynth_stop_newline": {"tokens": stop_tokens, "seconds": stop_s}, "ratio_tokens_per_s": ratio,
           "threads": threads, "batch_size": args.batch_size, "n_docs": len(prompts),
           "distinct_prompts": len(set(prompts)), "samples_per_prompt": args.samples_per_prompt,
           "max_new_tokens": args.max_new_tokens, "model": args.model, "num_shots": gen.num_shots,
           "mean_prompt_tokens": prompt_tokens}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
