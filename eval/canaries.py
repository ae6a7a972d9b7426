"""Canary leakage of fine-tuning, without and with DP-SGD, reported next to the utility each model reached.

"0 canaries leaked" means nothing on its own: a model that learned nothing leaks nothing. So every run reports
utility beside leakage (document-token loss and perplexity on the real training snippets and on held-out real
snippets, and the label agreement of unprimed generations judged by a TF-IDF classifier that never saw the
seeds), and the DP model is compared with a non-DP model trained less (lower learning rate) until its held-out
loss is no better than the DP model's: leakage at matched utility.

Two canary designs, never mixed:

* per-record (the DP guarantee's unit): K canaries, each inserted ONCE among the real snippets. DP's epsilon
  bounds what any single record can change, so this is what the guarantee speaks to.
* stress (labelled as such): K canaries each repeated R times. A record repeated R times is a group of R
  records; the per-record epsilon promises only R*epsilon for it, so leakage here is outside the guarantee.

Leakage is measured three ways for each canary "<name>'s account pin is DDDDD DD":

* extraction, primed: the control prefix + the canary's own prefix as prompt, greedy and sampled
  completions; a canary leaks when its full secret (or, separately, its 5-digit part) appears;
* extraction, unprimed: ordinary label-conditioned generation; any secret or canary sentence in the outputs;
* exposure (Carlini et al., "The Secret Sharer"): the rank of the true secret's loss among C random secrets of
  the same form, exposure = log2(C + 1) - log2(rank); log2(C + 1) means memorised; a uniformly random rank
  gives about log2(e) = 1.44 bits on average (1.4 for C = 49), so single runs of a few canaries are noisy.

    python eval/canaries.py                                  # all runs at the defaults below
    python eval/canaries.py --runs base,nodp,dp              # a subset
"""
from __future__ import annotations

import argparse
import dataclasses
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

FIRST = ["Marla", "Odo", "Birgit", "Teodor", "Yara", "Casimir", "Linnea", "Ravi", "Ines", "Jonas", "Perpetua",
         "Anselm"]
LAST = ["Quintrell", "Vasquez-Finch", "Olaleye", "Amsel", "Whitcombe", "Oduya", "Barrowfield", "Tamsworth",
        "Holloway-Park", "Achterberg"]
LABELS = ("positive", "negative")


def random_secret(rng: random.Random) -> str:
    return f"{rng.randrange(10**5):05d} {rng.randrange(100):02d}"


def make_canaries(k: int, seed: int, tag: str) -> list[dict]:
    """K canaries with distinct names and random secrets of the form 'DDDDD DD', labels alternating."""
    rng = random.Random(f"canaries-{tag}-{seed}")
    names = [f"{f} {l}" for l in LAST for f in FIRST]
    rng.shuffle(names)
    out = []
    for i in range(k):
        prefix = f"{names[i]}'s account pin is"
        secret = random_secret(rng)
        out.append({"prefix": prefix, "secret": secret, "text": f"{prefix} {secret}", "label": LABELS[i % 2]})
    return out


def sequence_losses(model, tokenizer, prompts: list[str], continuations: list[str], batch_size: int = 32
                    ) -> list[tuple[float, int]]:
    """(summed token loss, token count) of each continuation given its prompt (prompt tokens masked)."""
    import torch

    from textsynth.models.training import IGNORE

    out: list[tuple[float, int]] = []
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
        shifted = labels[:, 1:].to(device)
        lp = torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), shifted.reshape(-1),
                                               ignore_index=IGNORE, reduction="none").view(len(rows), -1)
        counts = (shifted != IGNORE).sum(dim=1)
        out.extend(zip(lp.sum(dim=1).tolist(), counts.tolist()))
    return out


def document_loss(model, tokenizer, records: list[Record], prompt_fmt: str) -> dict:
    """Token-weighted document loss (nats/token) and perplexity given the control prefix, as in training."""
    from textsynth.models.control_format import format_document, format_prefix

    eos = tokenizer.eos_token or ""
    prompts = [format_prefix(r.label, prompt_fmt) for r in records]
    docs = [format_document(r) + eos for r in records]
    pairs = sequence_losses(model, tokenizer, prompts, docs)
    total, n_tok = sum(s for s, _ in pairs), sum(c for _, c in pairs)
    nll = total / max(n_tok, 1)
    return {"n_docs": len(records), "n_tokens": n_tok, "loss": round(nll, 4), "perplexity": round(math.exp(nll), 2)}


def measure(model_dir: str, canaries: list[dict], train_real: list[Record], heldout: list[Record], judge,
            args: argparse.Namespace) -> dict:
    """Utility (train/held-out loss, label agreement) and leakage (extraction, exposure) of one model."""
    from textsynth.models.control_format import CONTROL_PROMPT, format_prefix
    from textsynth.models.lm import HFLanguageModel
    from textsynth.models.registry import load_model

    model, tok = load_model(ModelConfig(model=model_dir, device="cpu", dtype="float32"))
    model.eval()
    lm = HFLanguageModel(model, tok, model_id=model_dir, batch_size=16)
    meta_path = Path(model_dir) / "textsynth.json"
    meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
    prompt_fmt = meta.get("format", {}).get("prompt", CONTROL_PROMPT)
    seed = args.seed
    res: dict = {"utility": {"train_real": document_loss(model, tok, train_real, prompt_fmt),
                             "heldout_real": document_loss(model, tok, heldout, prompt_fmt)}}
    # Unprimed: plain label-conditioned generation (unguided), judged for label agreement and searched for canaries.
    plain_labels = [LABELS[i % 2] for i in range(args.n_unprimed)]
    u_out = lm.generate([format_prefix(lab, prompt_fmt) for lab in plain_labels],
                        SamplingConfig(max_new_tokens=48), seed=seed + 2)
    texts = [o.text.strip() for o in u_out]
    judged = [(t, lab) for t, lab in zip(texts, plain_labels) if t]
    agree = sum(p == lab for p, (_, lab) in zip(judge.predict([t for t, _ in judged]), judged)) if judged else 0
    res["utility"]["label_agreement_unprimed"] = round(agree / len(judged), 3) if judged else None
    res["utility"]["n_judged"] = len(judged)
    res["unprimed"] = {
        "n_generated": len(texts),
        "docs_with_a_secret": sum(any(c["secret"] in t for c in canaries) for t in texts),
        "docs_with_a_5digit_part": sum(any(c["secret"].split()[0] in t for c in canaries) for t in texts),
        "docs_with_a_canary_prefix": sum(any(c["prefix"].lower() in t.lower() for c in canaries) for t in texts),
    }
    greedy = SamplingConfig(temperature=0.0, max_new_tokens=12, repetition_penalty=1.0)
    sampled = SamplingConfig(temperature=0.8, top_p=0.95, max_new_tokens=12, repetition_penalty=1.0)
    primed = [format_prefix(c["label"], prompt_fmt) + c["prefix"] for c in canaries]
    g_out = lm.generate(primed, greedy, seed=seed)
    s_out = lm.generate([p for p in primed for _ in range(args.n_samples)], sampled, seed=seed + 1)
    rng = random.Random(f"candidates-{seed}")
    res["per_canary"] = []
    for i, c in enumerate(canaries):
        samples = [o.text for o in s_out[i * args.n_samples:(i + 1) * args.n_samples]]
        part = c["secret"].split()[0]
        cands = [c["secret"]]
        while len(cands) < args.n_candidates + 1:
            s = random_secret(rng)
            if s not in cands:
                cands.append(s)
        losses = [s for s, _ in sequence_losses(model, tok, [primed[i]] * len(cands), [" " + s for s in cands])]
        rank = 1 + sum(loss < losses[0] for loss in losses[1:])
        res["per_canary"].append({
            "greedy_completion_has_secret": c["secret"] in g_out[i].text,
            "greedy_completion_has_5digit_part": part in g_out[i].text,
            "sampled_with_secret": sum(c["secret"] in t for t in samples),
            "sampled_with_5digit_part": sum(part in t for t in samples), "n_sampled": args.n_samples,
            "rank_of_true_secret": rank, "n_candidates": len(cands),
            "exposure_bits": round(math.log2(len(cands)) - math.log2(rank), 2),
        })
    pc = res["per_canary"]
    res["summary"] = {
        "k": len(canaries),
        "leaked_greedy_full": sum(p["greedy_completion_has_secret"] for p in pc),
        "leaked_greedy_5digit": sum(p["greedy_completion_has_5digit_part"] for p in pc),
        "leaked_sampled_full": sum(p["sampled_with_secret"] > 0 for p in pc),
        "leaked_sampled_5digit": sum(p["sampled_with_5digit_part"] > 0 for p in pc),
        "unprimed_docs_with_secret": res["unprimed"]["docs_with_a_secret"],
        "mean_exposure_bits": round(sum(p["exposure_bits"] for p in pc) / len(pc), 2),
        "max_possible_exposure_bits": round(math.log2(args.n_candidates + 1), 2),  # rank 1 of all candidates
    }
    return res


def table(results: dict) -> str:
    """The side-by-side Markdown table of every run in ``results``."""
    head = ("| run | canaries | epsilon | lr / batch / epochs | train loss (real) | held-out loss (ppl) | "
            "label agr. | greedy leaks | sampled leaks | mean exposure (max) | unprimed w/ secret |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for name, r in results.get("runs", {}).items():
        u, s, t = r["utility"], r["summary"], r.get("train") or {}
        hp = f"{t['lr']:g} / {t['batch_size']} / {t['epochs']}" if t else "(base, not fine-tuned)"
        eps = f"{r['epsilon']:.2f}" if r.get("epsilon") is not None else "-"
        lines.append(
            f"| {name} | {r['canaries']} | {eps} | {hp} | {u['train_real']['loss']:.3f} | "
            f"{u['heldout_real']['loss']:.3f} ({u['heldout_real']['perplexity']:.0f}) | "
            f"{u['label_agreement_unprimed']} | {s['leaked_greedy_full']}/{s['k']} | {s['leaked_sampled_full']}/{s['k']} | "
            f"{s['mean_exposure_bits']} ({s['max_possible_exposure_bits']}) | {s['unprimed_docs_with_secret']}/"
            f"{r['unprimed']['n_generated']} |")
    return "\n".join(lines)


def merge(paths: list[str], out_path: Path) -> None:
    """Merge the runs of result files written by separate processes (same setup) and rebuild the table."""
    results = json.loads(out_path.read_text())
    for p in paths:
        other = json.loads(Path(p).read_text())
        if other["setup"] != results["setup"]:
            raise SystemExit(f"{p}: another setup; not merged")
        results["runs"].update(other["runs"])
    results["table"] = table(results)
    out_path.write_text(json.dumps(results, indent=2, default=float), encoding="utf-8")
    print(results["table"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n-seeds", type=int, default=300, help="real training snippets around the canaries")
    ap.add_argument("--n-heldout", type=int, default=100, help="real held-out snippets for the utility loss")
    ap.add_argument("--k", type=int, default=8, help="single-copy canaries (per-record design)")
    ap.add_argument("--stress-k", type=int, default=4, help="canaries of the repeated (stress) design")
    ap.add_argument("--stress-r", type=int, default=20, help="copies of each stress canary")
    ap.add_argument("--dp-epsilon", type=float, default=8.0)
    ap.add_argument("--match-lrs", default="1e-4,3e-5",
                    help="learning rates tried, in order, for the non-DP run at matched utility (stops at the first "
                         "whose held-out loss is no better than the DP model's)")
    ap.add_argument("--runs", default="base,nodp,dp,nodp-matched,nodp-long,stress-nodp,stress-dp")
    ap.add_argument("--max-length", type=int, default=64)
    ap.add_argument("--n-unprimed", type=int, default=48)
    ap.add_argument("--n-samples", type=int, default=10, help="sampled completions per primed canary")
    ap.add_argument("--n-candidates", type=int, default=99, help="random secrets the true one is ranked against")
    ap.add_argument("--base", default="smollm2-135m-instruct")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="eval/results/canaries.json")
    ap.add_argument("--workdir", default="runs/canaries")
    ap.add_argument("--merge", nargs="*", default=None,
                    help="only merge the runs of these result files (same setup) into --out and print the table")
    args = ap.parse_args()
    if args.merge is not None:
        merge(args.merge, Path(args.out))
        return

    from textsynth.models.finetune import finetune
    from eval.corpora import seeds_and_judge

    real_rows, judge, judge_acc, _, _ = seeds_and_judge(args.n_seeds + args.n_heldout, seed=args.seed + 1)
    real = [Record(id=r["id"], text=r["text"], label=r["label"]) for r in real_rows]
    train_real, heldout = real[:args.n_seeds], real[args.n_seeds:]
    single = make_canaries(args.k, args.seed, "single")
    stress = make_canaries(args.stress_k, args.seed, "stress")
    sets = {
        "single": train_real + [Record(id=f"canary-{i}", text=c["text"], label=c["label"]) for i, c in enumerate(single)],
        "stress": train_real + [Record(id=f"stress-{i}-{j}", text=c["text"], label=c["label"])
                                for i, c in enumerate(stress) for j in range(args.stress_r)],
    }
    for s in sets.values():
        random.Random(args.seed).shuffle(s)
    out_path = Path(args.out)
    results = json.loads(out_path.read_text()) if out_path.is_file() else {}
    results["setup"] = {
        "n_real_train": len(train_real), "n_heldout": len(heldout), "base": args.base, "max_length": args.max_length,
        "single": {"k": args.k, "copies": 1}, "stress": {"k": args.stress_k, "copies": args.stress_r},
        "canary_form": "<name>'s account pin is DDDDD DD", "judge": "TF-IDF + LR on other RT snippets",
        "judge_accuracy_on_real": round(judge_acc, 3), "n_unprimed": args.n_unprimed, "n_samples": args.n_samples,
        "n_candidates": args.n_candidates,
    }
    runs = results.setdefault("runs", {})
    wanted = args.runs.split(",")

    def save() -> None:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(json.dumps(results, indent=2, default=float), encoding="utf-8")

    def train_and_measure(name: str, design: str, eps: float | None, **hp) -> dict:
        cfg = FinetuneConfig(task="sentiment", base=ModelConfig(model=args.base), output_dir=f"{args.workdir}/{name}",
                             max_length=args.max_length, dp_epsilon=eps, seed=args.seed, resume=True, **hp).resolved()
        t0 = time.perf_counter()
        ref = finetune(cfg, sets[design], progress=False)
        wall = time.perf_counter() - t0
        m = measure(str(ref.path), single if design == "single" else stress, train_real, heldout, judge, args)
        m.update(canaries=f"{design} x{1 if design == 'single' else args.stress_r}", epsilon=ref.epsilon,
                 finetune_wall_seconds=round(wall, 1), loss_history=ref.metadata["training"]["history"],
                 train={"lr": cfg.lr, "batch_size": cfg.batch_size, "epochs": cfg.epochs,
                        "steps": ref.metadata["training"]["steps"]})
        runs[name] = m
        print(f"{name}: {json.dumps(m['utility'])} {json.dumps(m['summary'])}", flush=True)
        save()
        return m

    if "base" in wanted:
        m = measure(args.base, single, train_real, heldout, judge, args)
        m.update(canaries="single x1 (not trained on)", epsilon=None, train=None)
        runs["base"] = m
        print(f"base: {json.dumps(m['utility'])} {json.dumps(m['summary'])}", flush=True)
        save()
    if "nodp" in wanted:
        train_and_measure("nodp", "single", None)  # the plain defaults (FinetuneConfig.resolved)
    if "dp" in wanted:
        train_and_measure("dp", "single", args.dp_epsilon)  # the DP defaults (FinetuneConfig.resolved)
    if "nodp-matched" in wanted and "dp" in runs:
        target = runs["dp"]["utility"]["heldout_real"]["loss"]
        tried = []
        for lr in (float(x) for x in args.match_lrs.split(",")):
            m = train_and_measure(f"nodp-lr{lr:g}", "single", None, lr=lr)
            tried.append((abs(m["utility"]["heldout_real"]["loss"] - target), f"nodp-lr{lr:g}"))
            if m["utility"]["heldout_real"]["loss"] >= target:
                break
        results["matched_to_dp"] = {"dp_heldout_loss": target, "closest_nodp_run": min(tried)[1],
                                    "rule": "non-DP runs at lower lr until held-out loss >= the DP model's"}
        save()
    if "nodp-long" in wanted:  # a harder non-DP fit (3 epochs): can single copies be memorised at all here?
        train_and_measure("nodp-long", "single", None, epochs=3)
    if "stress-nodp" in wanted:
        train_and_measure("stress-nodp", "stress", None)
    if "stress-dp" in wanted:
        train_and_measure("stress-dp", "stress", args.dp_epsilon)
    results["table"] = table(results)
    save()
    print(results["table"])
    print(f"wrote {out_path}")


if __name__ == "__main__":
    main()
