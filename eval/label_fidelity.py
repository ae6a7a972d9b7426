"""Label fidelity of raw prompted generation: does an independent judge trained on real snippets agree with the requested label?

Judges with the shared independent judge (eval/judge.py: MiniLM embeddings + logistic regression, trained on
real Rotten Tomatoes snippets disjoint from the few-shot seeds), then generates N sentiment docs per prompt
design with the embedded model and reports, per design: agreement with the requested label (overall and on
the tune / report halves of eval/judge.py, so a design chosen on one half is reported on the other), share of
unique texts, copies of a seed, rejects, and tokens/s. Designs differ in prompt
style (completion list vs chat instruction), number of shots and sampling settings.

    python eval/label_fidelity.py --n 200                # all designs
    python eval/label_fidelity.py --n 40 --designs list4  # one design, quick
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.corpora import load_rotten_tomatoes
from eval.judge import seeds_and_judge, split_of  # noqa: E402
from textsynth.config import GenerateConfig, ModelConfig, SamplingConfig  # noqa: E402
from textsynth.records import Record  # noqa: E402

# name -> (template overrides, sampling overrides, num_shots)
DESIGNS: dict[str, tuple[dict, dict, int]] = {
    "chat-instruct-3shot": (
        {"style": "chat", "instruction": "Write one short {label} {domain}review. Examples of {label} reviews:",
         "shot_format": "- {text}", "answer_prefix": "", "stop": []},
        {"max_new_tokens": 48}, 3),
    "list-2shot": ({}, {}, 2),
    "list4": ({}, {}, 4),
    "list8": ({}, {}, 8),
    "list8-t0.7": ({}, {"temperature": 0.7}, 8),
    "list8-t1.0": ({}, {"temperature": 1.0}, 8),
    "list8-movie-strong": (
        {"instruction": "{description} {domain}reviews, one per line:", "seed_domain": "movie",
         "labels": {"positive": "Glowing, positive", "negative": "Scathing, negative"}},
        {}, 8),
    "contrast8": (
        {"instruction": "Movie reviews labelled by sentiment ({labels}):", "shot_labels": "all",
         "shot_format": "{label}: {text}", "answer_prefix": "{label}:"},
        {}, 8),
    "contrast8-t0.6": (
        {"instruction": "Movie reviews labelled by sentiment ({labels}):", "shot_labels": "all",
         "shot_format": "{label}: {text}", "answer_prefix": "{label}:"},
        {"temperature": 0.6}, 8),
    "contrast12-t0.6": (
        {"instruction": "Movie reviews labelled by sentiment ({labels}):", "shot_labels": "all",
         "shot_format": "{label}: {text}", "answer_prefix": "{label}:"},
        {"temperature": 0.6}, 12),
    "list8-movie-strong-t0.6": (
        {"instruction": "{description} {domain}reviews, one per line:", "seed_domain": "movie",
         "labels": {"positive": "Glowing, positive", "negative": "Scathing, negative"}},
        {"temperature": 0.6}, 8),
    "list8-typical50": ({"shot_pool": 0.5}, {}, 8),
    "list8-typical30-t0.6": ({"shot_pool": 0.3}, {"temperature": 0.6}, 8),
    # classifier-free guidance against the same prompt with the other label's shots (2x the compute)
    "list8-typical30-t0.6-guided1.5": ({"shot_pool": 0.3}, {"temperature": 0.6, "guidance_scale": 1.5}, 8),
    "list8-labelled": (
        {"instruction": "Movie review snippets labelled by sentiment ({labels}). All of these are {label}:",
         "shot_format": "{label}: {text}", "answer_prefix": "{label}:"},
        {}, 8),
}


def score(clf, records: list[Record], seed_norm: set[str]) -> dict:
    """Agreement of the classifier with the requested labels, uniqueness and copies of real snippets."""
    texts = [r.text for r in records]
    pred = clf.predict(texts)
    agree = sum(p == r.label for p, r in zip(pred, records)) / len(records)
    halves = {}
    for half in ("tune", "report"):
        idx = [i for i, r in enumerate(records) if split_of(r.id) == half]
        halves[half] = round(sum(pred[i] == records[i].label for i in idx) / len(idx), 3) if idx else None
    per_label = {}
    for lab in sorted({r.label for r in records}):
        idx = [i for i, r in enumerate(records) if r.label == lab]
        per_label[lab] = round(sum(pred[i] == lab for i in idx) / len(idx), 3)
    norm = [" ".join(t.lower().split()) for t in texts]
    return {"agreement": agree, "agreement_by_split": halves, "per_label": per_label, "unique": len(set(norm)) / len(norm),
            "copies_of_real": sum(t in seed_norm for t in norm),
            "mean_words": sum(len(t.split()) for t in texts) / len(texts),
            "examples": [{"label": r.label, "text": r.text} for r in records[:8]]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="generated docs per design")
    ap.add_argument("--designs", default=",".join(DESIGNS), help="comma-separated design names")
    ap.add_argument("--n-seeds", type=int, default=500, help="real snippets used as few-shot seeds")
    ap.add_argument("--max-new-tokens", type=int, default=48)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="eval/results/label_fidelity.json")
    ap.add_argument("--from-file", help="score an existing generation output (Record JSONL) instead of generating")
    args = ap.parse_args()

    from textsynth.generation.generate import Generator
    from textsynth.generation.prompts import load_template
    from textsynth.models.lm import load_language_model

    rows = load_rotten_tomatoes()  # all real snippets: outputs must copy none of them
    seeds_rows, clf, clf_acc, n_train, n_test = seeds_and_judge(args.n_seeds, seed=args.seed)
    seeds = [Record(id=r["id"], text=r["text"], label=r["label"]) for r in seeds_rows]
    seed_norm = {" ".join(r["text"].lower().split()) for r in rows}

    if args.from_file:
        records = [Record.from_dict(json.loads(x)) for x in Path(args.from_file).read_text().splitlines() if x.strip()]
        res = score(clf, records, seed_norm)
        print(f"{args.from_file}: n={len(records)} agree={res['agreement']:.3f} {res['per_label']} "
              f"unique={res['unique']:.3f} copies_of_real={res['copies_of_real']} words={res['mean_words']:.1f}")
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps({"classifier_accuracy_on_real": clf_acc, "file": args.from_file,
                                              "n": len(records), **res}, indent=2))
        return

    base_template = load_template("sentiment")
    lm = load_language_model(ModelConfig(backend="hf"), batch_size=args.batch_size)
    results = {"classifier_accuracy_on_real": clf_acc, "n_per_design": args.n, "designs": {}}
    for name in [d.strip() for d in args.designs.split(",") if d.strip()]:
        t_over, s_over, shots = DESIGNS[name]
        sampling = dataclasses.replace(SamplingConfig(max_new_tokens=args.max_new_tokens), **s_over)
        cfg = GenerateConfig(task="sentiment", n=args.n, num_shots=shots, batch_size=args.batch_size, seed=args.seed,
                             sampling=sampling)
        gen = Generator(cfg, seeds, lm=lm)
        gen.template = dataclasses.replace(base_template, num_shots=shots, **t_over)
        if "stop" in t_over:
            gen.template = dataclasses.replace(gen.template, stop=tuple(t_over["stop"]))
        gen.num_shots = shots
        if gen.template.shot_pool < 1.0:
            from textsynth.generation.shots import typical_seeds

            gen.pool = typical_seeds(gen.pool, gen.template.shot_pool, args.seed)
        t0 = time.perf_counter()
        records = list(gen.run(progress=False))
        wall = time.perf_counter() - t0
        res = score(clf, records, seed_norm)
        agree, per_label, unique, copies = res["agreement"], res["per_label"], res["unique"], res["copies_of_real"]
        res.update({"rejects": len(gen.rejects), "reject_reasons": dict(Counter(r.reason for r in gen.rejects)),
                    "wall_s": wall, "tokens_per_s": gen.tokens / gen.seconds if gen.seconds else 0.0})
        results["designs"][name] = res
        print(f"{name:22s} agree={agree:.3f} {per_label} unique={unique:.3f} copies={copies} rejects={len(gen.rejects)} "
              f"words={res['mean_words']:.1f} {res['tokens_per_s']:.0f} tok/s {wall:.0f}s", flush=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
