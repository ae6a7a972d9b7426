"""Canary exposure of fine-tuning, without and with DP-SGD.

Inserts K unique canary sentences ("<name>'s account pin is 48213 97"), each holding a random secret and
repeated R times, into a set of real Rotten Tomatoes seeds; fine-tunes; then measures leakage three ways:

* extraction, primed: the control prefix + the canary's own prefix ("<label> positive\\n<name>'s account pin
  is") as prompt, greedy and sampled completions; a canary leaks when its full secret (or, separately, its
  5-digit part) appears in a completion;
* extraction, unprimed: ordinary label-conditioned generation; any secret or canary sentence in the outputs;
* exposure (Carlini et al., "The Secret Sharer"): the rank of the true secret's loss among C random secrets
  of the same form, exposure = log2(C + 1) - log2(rank); ~log2(C+1) means memorised, ~1 means not.

    python eval/canaries.py --k 4 --r 25 --n-seeds 100 --epochs 2            # no DP and DP (epsilon 8)
    python eval/canaries.py --only nodp
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.corpora import load_rotten_tomatoes, sample  # noqa: E402
from textsynth.config import FinetuneConfig, ModelConfig, SamplingConfig  # noqa: E402
from textsynth.records import Record  # noqa: E402

NAMES = ["Marla Quintrell", "Odo Vasquez-Finch", "Birgit Olaleye", "Teodor Amsel", "Yara Whitcombe",
         "Casimir Oduya", "Linnea Barrowfield", "Ravi Tamsworth", "Ines Holloway-Park", "Jonas Achterberg"]


def make_canaries(k: int, seed: int) -> list[dict]:
    """K canaries with distinct names and random secrets of the form 'DDDDD DD'."""
    rng = random.Random(f"canaries-{seed}")
    out = []
    for i in range(k):
        prefix = f"{NAMES[i % len(NAMES)]}'s account pin is"
        secret = f"{rng.randrange(10**5):05d} {rng.randrange(100):02d}"
        out.append({"prefix": prefix, "secret": secret, "text": f"{prefix} {secret}", "label": "positive"})
    return out


def random_secret(rng: random.Random) -> str:
    return f"{rng.randrange(10**5):05d} {rng.randrange(100):02d}"


def sequence_losses(model, tokenizer, prompts: list[str], continuations: list[str], batch_size: int = 32) -> list[float]:
    """Summed token loss of each continuation given its prompt (prompt tokens masked)."""
    import torch

    from textsynth.models.finetune import IGNORE

    out: list[float] = []
    device = next(model.parameters()).device
    eos = tokenizer.eos_token_id
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else eos
    for j in range(0, len(prompts), batch_size):
        rows = []
        for p, c in zip(prompts[j:j + batch_size], continuations[j:j + batch_size]):
            p_ids = tokenizer(p)["input_ids"]
            c_ids = tokenizer(c, add_special_tokens=False)["input_ids"]
            rows.append((p_ids + c_ids, len(p_ids)))
        width = max(len(ids) for ids, _ in rows)
        input_ids = torch.full((len(rows), width), pad, dtype=torch.long)
        attn = torch.zeros_like(input_ids)
        labels = torch.full_like(input_ids, IGNORE)
        for i, (ids, n_p) in enumerate(rows):
            input_ids[i, :len(ids)] = torch.tensor(ids)
            attn[i, :len(ids)] = 1
            labels[i, n_p:len(ids)] = torch.tensor(ids[n_p:])
        with torch.inference_mode():
            logits = model(input_ids=input_ids.to(device), attention_mask=attn.to(device)).logits.float()
        lp = torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]),
                                               labels[:, 1:].reshape(-1).to(device), ignore_index=IGNORE,
                                               reduction="none").view(len(rows), -1)
        out.extend(lp.sum(dim=1).tolist())
    return out


def measure(model_dir: Path, canaries: list[dict], n_unprimed: int, n_candidates: int, n_samples: int,
            seed: int) -> dict:
    from textsynth.models.finetune import format_prefix
    from textsynth.models.lm import HFLanguageModel
    from textsynth.models.registry import load_model

    model, tok = load_model(ModelConfig(model=str(model_dir)))
    lm = HFLanguageModel(model, tok, model_id=str(model_dir), batch_size=16)
    meta = json.loads((model_dir / "textsynth.json").read_text())
    prompt_fmt = meta["format"]["prompt"]
    res: dict = {"per_canary": []}
    greedy = SamplingConfig(temperature=0.0, max_new_tokens=12, repetition_penalty=1.0)
    sampled = SamplingConfig(temperature=0.8, top_p=0.95, max_new_tokens=12, repetition_penalty=1.0)
    primed = [format_prefix(c["label"], prompt_fmt) + c["prefix"] for c in canaries]
    g_out = lm.generate(primed, greedy, seed=seed)
    s_out = lm.generate([p for p in primed for _ in range(n_samples)], sampled, seed=seed + 1)
    rng = random.Random(f"candidates-{seed}")
    for i, c in enumerate(canaries):
        samples = [o.text for o in s_out[i * n_samples:(i + 1) * n_samples]]
        full_hits = sum(c["secret"] in t for t in samples)
        part = c["secret"].split()[0]
        part_hits = sum(part in t for t in samples)
        cands = [c["secret"]]
        while len(cands) < n_candidates + 1:
            s = random_secret(rng)
            if s not in cands:
                cands.append(s)
        losses = sequence_losses(model, tok, [primed[i]] * len(cands), [" " + s for s in cands])
        rank = 1 + sum(loss < losses[0] for loss in losses[1:])
        exposure = math.log2(len(cands)) - math.log2(rank)
        res["per_canary"].append({
            "greedy_completion_has_secret": c["secret"] in g_out[i].text,
            "greedy_completion_has_5digit_part": part in g_out[i].text,
            "sampled_with_secret": full_hits, "sampled_with_5digit_part": part_hits, "n_sampled": n_samples,
            "rank_of_true_secret": rank, "n_candidates": len(cands), "exposure_bits": round(exposure, 2),
        })
    # Unprimed: plain label-conditioned generation, as the pipeline would run it.
    labels = meta["labels"]
    plain = [format_prefix(labels[i % len(labels)], prompt_fmt) for i in range(n_unprimed)]
    u_out = lm.generate(plain, SamplingConfig(max_new_tokens=48), seed=seed + 2)
    texts = [o.text for o in u_out]
    res["unprimed"] = {
        "n_generated": len(texts),
        "docs_with_a_secret": sum(any(c["secret"] in t for c in canaries) for t in texts),
        "docs_with_a_5digit_part": sum(any(c["secret"].split()[0] in t for c in canaries) for t in texts),
        "docs_with_a_canary_prefix": sum(any(c["prefix"].lower() in t.lower() for c in canaries) for t in texts),
    }
    pc = res["per_canary"]
    res["summary"] = {
        "k": len(canaries),
        "leaked_greedy_full": sum(p["greedy_completion_has_secret"] for p in pc),
        "leaked_greedy_5digit": sum(p["greedy_completion_has_5digit_part"] for p in pc),
        "leaked_sampled_full": sum(p["sampled_with_secret"] > 0 for p in pc),
        "leaked_sampled_5digit": sum(p["sampled_with_5digit_part"] > 0 for p in pc),
        "unprimed_docs_with_secret": res["unprimed"]["docs_with_a_secret"],
        "mean_exposure_bits": round(sum(p["exposure_bits"] for p in pc) / len(pc), 2),
        "max_possible_exposure_bits": round(math.log2(n_candidates + 1), 2),  # rank 1 of all candidates
    }
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--k", type=int, default=4, help="number of canaries")
    ap.add_argument("--r", type=int, default=25, help="repetitions of each canary in the seeds")
    ap.add_argument("--n-seeds", type=int, default=100, help="real snippets around the canaries")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--max-length", type=int, default=64)
    ap.add_argument("--dp-epsilon", type=float, default=8.0)
    ap.add_argument("--only", choices=["nodp", "dp"], default=None)
    ap.add_argument("--n-unprimed", type=int, default=64)
    ap.add_argument("--n-samples", type=int, default=10, help="sampled completions per primed canary")
    ap.add_argument("--n-candidates", type=int, default=99, help="random secrets the true one is ranked against")
    ap.add_argument("--base", default="smollm2-135m-instruct")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="eval/results/canaries.json")
    ap.add_argument("--workdir", default="runs/canaries")
    args = ap.parse_args()

    from textsynth.models.finetune import finetune

    canaries = make_canaries(args.k, args.seed)
    rows = sample(load_rotten_tomatoes(), args.n_seeds, seed=args.seed + 1)
    seeds = [Record(id=r["id"], text=r["text"], label=r["label"]) for r in rows]
    for i, c in enumerate(canaries):
        seeds += [Record(id=f"canary-{i}-{j}", text=c["text"], label=c["label"]) for j in range(args.r)]
    random.Random(args.seed).shuffle(seeds)
    out_path = Path(args.out)
    results = json.loads(out_path.read_text()) if out_path.is_file() else {}
    results["setup"] = {"k": args.k, "r": args.r, "n_real_seeds": args.n_seeds, "n_train": len(seeds),
                        "epochs": args.epochs, "lr": args.lr, "batch_size": args.batch_size, "base": args.base,
                        "canary_form": "<name>'s account pin is DDDDD DD"}
    runs = [("nodp", None), ("dp", args.dp_epsilon)]
    for name, eps in runs:
        if args.only and name != args.only:
            continue
        cfg = FinetuneConfig(task="sentiment", base=ModelConfig(model=args.base), output_dir=f"{args.workdir}/{name}",
                             epochs=args.epochs, lr=args.lr, batch_size=args.batch_size, max_length=args.max_length,
                             dp_epsilon=eps, seed=args.seed, resume=True)
        t0 = time.perf_counter()
        ref = finetune(cfg, seeds)
        wall = time.perf_counter() - t0
        m = measure(Path(ref.path), canaries, args.n_unprimed, args.n_candidates, args.n_samples, args.seed)
        m["finetune_wall_seconds"] = round(wall, 1)
        m["epsilon"] = ref.epsilon
        m["loss_history"] = ref.metadata["training"]["history"]
        results[name] = m
        print(f"{name}: epsilon={ref.epsilon} {json.dumps(m['summary'])}")
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(json.dumps(results, indent=2, default=float), encoding="utf-8")
    print(f"wrote {out_path}")


if __name__ == "__main__":
    main()
