"""Kept documents per second of the generate -> filter gate: this tree vs an earlier commit vs a naive loop.

Each side uses the generate and filter settings of its own tree's ``make demo`` config (``eval/demo_<task>.yaml``).
Three sides run the same gate (``textsynth.gate.generate_filtered``: generate, filter, keep until n pass) on
the same real Rotten Tomatoes seeds with the same filters (the demo's: ``pii_action: rescrub``, the seed
classifier's label gate, n-gram / MinHash / embedding memorisation checks):

- ``ours``:  this working tree with its defaults (plus ``--ours-set key=value`` generate overrides);
- ``base``:  the code of ``--base`` (a git worktree of that commit, made under /tmp if missing), its defaults;
- ``naive``: the base code with one prompt per ``model.generate`` call (batch 1, one document per prompt),
  the floor.

Each side runs in its own subprocess (``PYTHONPATH`` = its tree), ``--rounds`` times with n/rounds kept each,
the order of the sides alternating round by round so both see the same load. Model loading is not timed. The
gate's loop is (generation + filtering); so is the whole gate call with the filters' seed indexes
(``kept_docs_per_s_whole_gate``): trees since issue 12 build those indexes in a thread during the loop, older
ones before it, so only the whole-gate figure compares such trees on the same work. For each side: kept docs/s, generated
tokens/s, acceptance, label agreement of the kept records with an independent judge (MiniLM + logistic
regression trained on real snippets disjoint from the seeds, eval/judge.py; ``judge2``: TF-IDF + logistic
regression on the same snippets, which shares no features with the label gate's MiniLM half), self-BLEU and distinct-2 of the
kept records (same sample size for every side, real seeds alongside), train-on-synthetic-test-on-real accuracy
(TSTR: textsynth's TF-IDF classifier fitted to that sample, tested on the judge's 2,000 real test snippets; the
same number of real seeds alongside) and the memorisation drops.

    python eval/bench_pipeline.py --n 200 --rounds 2
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASE_COMMIT = "347d341250cfebffad2953197cb0c9308441d126"  # main before issue 13's work
MEMORISATION = ("ngram_exact_copy", "ngram_long_match", "ngram_share", "minhash_seed_duplicate", "neighbour_too_close",
                "copies_seed")  # drops for closeness to a seed (copies_seed: a parse reject of the generator)
CEILING_TOK_S = 790.0  # the estimate of this machine's compute ceiling for a 135M model (2 cores)


# -- worker (runs inside the side's tree) -------------------------------------------------------------------
def worker(job: dict) -> dict:
    """Run the gate once for ``job`` with whatever ``textsynth`` is on PYTHONPATH; return counts and timings."""
    import dataclasses

    import torch

    import textsynth
    from textsynth import gate
    from textsynth.config import FilterConfig, GenerateConfig, ScrubConfig
    from textsynth.generation.generate import Generator
    from textsynth.records import Record

    import yaml

    rows = [json.loads(line) for line in Path(job["seeds"]).read_text().splitlines()]
    chat = job.get("task") == "chat"
    if chat:
        seeds = [Record(id=r["id"], messages=r["messages"]) for r in rows]
    else:
        seeds = [Record(id=r["id"], text=r["text"], label=r["label"]) for r in rows]
    # the generate settings of this tree's `make demo` config (eval/demo_<task>.yaml), then the side's overrides
    demo_config = yaml.safe_load(Path(f"eval/demo_{job.get('task', 'sentiment')}.yaml").read_text())
    demo = demo_config["generate"]
    cfg = GenerateConfig(task="chat" if chat else "sentiment", n=job["n"], seed=job["seed"])
    sampling = dataclasses.replace(cfg.sampling, **demo.get("sampling", {}))
    cfg = dataclasses.replace(cfg, **{k: v for k, v in demo.items() if k not in ("sampling", "n", "seed", "task")})
    sets = job.get("set", {})
    nested = {part: {k.split(".", 1)[1]: v for k, v in sets.items() if k.startswith(part + ".")}
              for part in ("model", "sampling")}  # e.g. model.dtype=float32, sampling.max_new_tokens=48
    cfg = dataclasses.replace(cfg, sampling=dataclasses.replace(sampling, **nested["sampling"]),
                              model=dataclasses.replace(cfg.model, **nested["model"]),
                              **{k: v for k, v in sets.items() if "." not in k})
    gen = Generator(cfg, seeds)
    lm = gen.lm  # loaded before the clock starts
    if job.get("naive"):
        inner = lm

        class OneAtATime:
            """The naive floor: one prompt per model.generate call, no batching, no shared prefill."""

            model_id = inner.model_id
            tokenizer = inner.tokenizer

            def generate(self, prompts, params, seed, stop=(), negative_prompts=None, **kw):
                return [inner.generate([p], params, seed + i, stop=stop, batch_size=1)[0]
                        for i, p in enumerate(prompts)]

        gen._lm = OneAtATime()
    threads = torch.get_num_threads()
    timing = {}
    real_run = gate._Gate.run

    def timed_run(self, *args, **kwargs):  # the loop only: the runner's seed indexes are built in __init__
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return real_run(self, *args, **kwargs)
        finally:
            timing["loop_s"] = time.perf_counter() - t0
            timing["loop_cpu_s"] = time.process_time() - c0

    gate._Gate.run = timed_run
    # the tree's demo filter settings too (label margin, PII action), with room for more attempts at small n
    fcfg = FilterConfig(**{"pii_action": "rescrub", **demo_config.get("filter", {}),
                           "max_attempts_factor": 12.0 if chat else 8.0})
    t0 = time.perf_counter()
    res = gate.generate_filtered(cfg, seeds, fcfg, None, generator=gen, scrub_config=ScrubConfig(strategy="fake"))
    timing["gate_s"] = time.perf_counter() - t0  # the whole gate, the seed indexes included on every side
    stats = res.stats["resample"]
    return {
        "textsynth_file": textsynth.__file__,
        "kept": [{"text": r.content(), "label": r.meta.get("requested_label", r.label)} for r in res.kept],
        "candidates": stats["generated"], "drops": stats["drops_by_reason"], "loop_s": timing["loop_s"], "loop_cpu_s": timing["loop_cpu_s"],
        "gate_s": timing["gate_s"],
        "tokens": gen.tokens, "generation_s": gen.seconds, "threads": threads,
        "dtype": str(next(lm.model.parameters()).dtype) if hasattr(lm, "model") else None,
        "config": dataclasses.asdict(cfg), "load_1min": os.getloadavg()[0],
    }


# -- driver -------------------------------------------------------------------------------------------------
def base_tree(commit: str) -> Path:
    """A git worktree of ``commit`` (made once; textsynth never removes it), with this tree's ``data``."""
    path = Path(f"/tmp/bench_base_{commit[:10]}")
    if not (path / "textsynth").is_dir():
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(path), commit], check=True)
    if not (path / "data").exists() and (REPO / "data").exists():
        (path / "data").symlink_to((REPO / "data").resolve())
    return path


def run_side(tree: Path, job: dict) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(job, fh)
    out = Path(fh.name).with_suffix(".out.json")
    env = {**os.environ, "PYTHONPATH": str(tree), "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", fh.name, "--worker-out", str(out)],
                   env=env, check=True, cwd=str(tree))
    result = json.loads(out.read_text())
    os.unlink(fh.name)
    os.unlink(out)
    if not result["textsynth_file"].startswith(str(tree)):
        raise SystemExit(f"side ran {result['textsynth_file']}, expected code from {tree}")
    return result


def tstr(train: list[dict], test: list[dict]) -> float:
    """Train on synthetic, test on real: the accuracy on ``test`` of textsynth's TF-IDF classifier fitted to
    ``train`` (rows with text and label)."""
    from textsynth.classify import TextClassifier

    clf = TextClassifier().fit([r["text"] for r in train], [r["label"] for r in train])
    pred = [clf.classes_[i] for i in clf.predict_proba([r["text"] for r in test]).argmax(1)]
    return sum(p == str(r["label"]) for p, r in zip(pred, test)) / len(test)


def parse_set(items: list[str]) -> dict:
    out = {}
    for item in items:
        key, _, value = item.partition("=")
        out[key] = json.loads(value) if value[:1].isdigit() or value in ("true", "false") else value
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="kept records per side (over all rounds)")
    ap.add_argument("--naive-n", type=int, default=None, help="kept records for the naive floor [n / 5]")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--base", default=BASE_COMMIT)
    ap.add_argument("--sides", default="base,ours,naive")
    ap.add_argument("--ours-set", action="append", default=[], help="generate override for ours, key=value")
    ap.add_argument("--commit-side", action="append", default=[],
                    help="another side with the code of a commit, its defaults: NAME=COMMIT")
    ap.add_argument("--variant", action="append", default=[],
                    help="another side from this tree: NAME:key=value,key=value (generate overrides)")
    ap.add_argument("--seeds", type=int, default=1600)
    ap.add_argument("--task", choices=["sentiment", "chat"], default="sentiment")
    ap.add_argument("--out", default="eval/results/bench_pipeline.json")
    ap.add_argument("--worker")
    ap.add_argument("--worker-out")
    args = ap.parse_args()
    if args.worker:
        Path(args.worker_out).write_text(json.dumps(worker(json.loads(Path(args.worker).read_text()))))
        return

    sys.path.insert(0, str(REPO / "eval"))
    sys.path.insert(0, str(REPO))
    from judge import independent_judge, rt_splits

    from textsynth.core.text import words
    from textsynth.evaluation.fidelity import distinct_n, self_bleu

    seeds_path = Path(tempfile.mkstemp(suffix=".seeds.jsonl")[1])
    if args.task == "chat":
        import corpora

        seed_rows = corpora.sample(corpora.load_chitchat(), args.seeds, seed=0)  # as eval/demo.py samples them
        seeds_path.write_text("".join(json.dumps({"id": r["id"], "messages": r["messages"]}) + "\n" for r in seed_rows))
        real_texts = ["\n".join(m["content"] for m in r["messages"]) for r in seed_rows]
    else:
        splits = rt_splits(args.seeds)
        seeds_path.write_text("".join(json.dumps({"id": f"rt-{i}", "text": r["text"], "label": r["label"]}) + "\n"
                                      for i, r in enumerate(splits["seeds"])))
        real_texts = [r["text"] for r in splits["seeds"]]
    trees = {"ours": REPO, "base": base_tree(args.base), "naive": base_tree(args.base)}
    overrides = {"ours": parse_set(args.ours_set), "naive": {"samples_per_prompt": 1, "batch_size": 1}}
    sides = [s for s in args.sides.split(",") if s]
    for c in args.commit_side:
        name, _, commit = c.partition("=")
        trees[name], overrides[name] = base_tree(commit), {}
        sides.append(name)
    for v in args.variant:
        name, _, sets = v.partition(":")
        trees[name], overrides[name] = REPO, parse_set(sets.split(",") if sets else [])
        sides.append(name)
    naive_n = args.naive_n or max(args.rounds, args.n // 5)
    runs: dict[str, list[dict]] = {s: [] for s in sides}
    for r in range(args.rounds):
        order = sides if r % 2 == 0 else sides[::-1]
        for side in order:
            n = (naive_n if side == "naive" else args.n) // args.rounds
            job = {"seeds": str(seeds_path), "n": n, "seed": r, "naive": side == "naive", "task": args.task,
                   "set": overrides.get(side, {})}
            t0 = time.perf_counter()
            res = run_side(trees[side], job)
            res["set"] = job["set"]
            print(f"round {r} {side}: kept {len(res['kept'])} of {res['candidates']} in {res['loop_s']:.0f}s loop "
                  f"({res['loop_cpu_s']:.0f} CPU s, {len(res['kept']) / res['loop_cpu_s']:.3f} kept/CPU s) "
                  f"({time.perf_counter() - t0:.0f}s with start-up), {len(res['kept']) / res['loop_s']:.3f} kept/s, "
                  f"load {res['load_1min']:.1f}", flush=True)
            runs[side].append(res)
    seeds_path.unlink()

    judge, judge_info = independent_judge(splits) if args.task == "sentiment" else (None, None)
    words_judge = None
    if judge:  # a second judge sharing no features with the gate's MiniLM half: TF-IDF on the same real snippets
        from textsynth.classify import TextClassifier

        words_judge = TextClassifier().fit([r["text"] for r in splits["judge_train"]],
                                           [r["label"] for r in splits["judge_train"]])
        judge_info["tfidf_judge_accuracy_on_real_test"] = round(words_judge.score(
            [r["text"] for r in splits["judge_test"]], [r["label"] for r in splits["judge_test"]]), 4)
    kept_all = {s: [k for res in runs[s] for k in res["kept"]] for s in sides}
    # one sample size for the sides' diversity and TSTR; the naive floor (n / 5 kept) is measured on all it kept
    k = min(len(v) for s, v in kept_all.items() if s != "naive" or len(kept_all) == 1)
    real_tok = [words(t) for t in random.Random(0).sample(real_texts, k)]
    table = {}
    for s in sides:
        kept = kept_all[s]
        loop = sum(res["loop_s"] for res in runs[s])
        whole = sum(res.get("gate_s", float("nan")) for res in runs[s])
        cpu = sum(res["loop_cpu_s"] for res in runs[s])
        cands = sum(res["candidates"] for res in runs[s])
        tokens = sum(res["tokens"] for res in runs[s])
        gen_s = sum(res["generation_s"] for res in runs[s])
        drops: dict[str, int] = {}
        for res in runs[s]:
            for reason, c in res["drops"].items():
                drops[reason] = drops.get(reason, 0) + c
        drawn = random.Random(1).sample(kept, min(k, len(kept)))
        sample = [words(x["text"]) for x in drawn]
        agreement = judge.score([x["text"] for x in kept], [x["label"] for x in kept]) if judge else float("nan")
        memo = sum(c for reason, c in drops.items() if reason in MEMORISATION)
        table[s] = {
            "kept": len(kept), "candidates": cands, "loop_s": round(loop, 1),
            "kept_docs_per_s": len(kept) / loop, "kept_per_minute": 60 * len(kept) / loop, "candidates_per_s": cands / loop,
            "gate_s": round(whole, 1), "kept_docs_per_s_whole_gate": len(kept) / whole,
            "loop_cpu_s": round(cpu, 1), "kept_docs_per_cpu_s": len(kept) / cpu, "cpu_per_wall": cpu / loop,
            "tokens_per_s_generation": tokens / gen_s if gen_s else None, "tokens_per_s_loop": tokens / loop,
            "acceptance": len(kept) / cands, "judge_agreement": agreement,
            "tfidf_judge_agreement": words_judge.score([x["text"] for x in kept], [x["label"] for x in kept])
            if words_judge else None,
            "tstr": tstr(drawn, splits["judge_test"]) if judge else None, "diversity_n": len(drawn),
            "self_bleu": self_bleu(sample), "distinct_2": distinct_n(sample, 2),
            "memorisation_drops": memo, "memorisation_drops_per_kept": memo / len(kept), "drops": drops,
            "fraction_of_ceiling": tokens / loop / CEILING_TOK_S,
            "dtype": runs[s][0]["dtype"], "threads": runs[s][0]["threads"],
            "overrides": runs[s][0]["set"], "config": runs[s][0]["config"], "load_1min": [res["load_1min"] for res in runs[s]],
        }
    real = {"self_bleu": self_bleu(real_tok), "distinct_2": distinct_n(real_tok, 2), "diversity_n": k}
    if judge:  # the same number of real seeds, the same classifier and test set
        real["tstr"] = tstr(random.Random(0).sample(splits["seeds"], k), splits["judge_test"])
    print(f"\n{'side':8s} {'kept/s':>7s} {'k/CPUs':>7s} {'tok/s':>6s} {'accept':>6s} {'judge':>6s} {'judge2':>6s} "
          f"{'sBLEU':>6s} {'dist2':>6s} "
          f"{'TSTR':>6s} {'at n':>5s} {'memo':>5s} {'kept':>5s} {'ceiling':>7s}")
    for s, row in table.items():
        print(f"{s:8s} {row['kept_docs_per_s']:7.3f} {row['kept_docs_per_cpu_s']:7.3f} {row['tokens_per_s_generation'] or 0:6.1f} {row['acceptance']:6.2f} "
              f"{row['judge_agreement']:6.3f} {row['tfidf_judge_agreement'] or float('nan'):6.3f} "
              f"{row['self_bleu']:6.3f} {row['distinct_2']:6.3f} "
              f"{row['tstr'] or float('nan'):6.3f} {row['diversity_n']:5d} "
              f"{row['memorisation_drops']:5d} {row['kept']:5d} {row['fraction_of_ceiling']:7.1%}")
    print(f"{'real':8s} {'':7s} {'':7s} {'':6s} {'':6s} {'':6s} {'':6s} {real['self_bleu']:6.3f} {real['distinct_2']:6.3f} "
          f"{real.get('tstr', float('nan')):6.3f} {k:5d}")
    ratios = {}
    if "ours" in table and "base" in table:
        ratios["ours_over_base_kept_docs_per_s"] = table["ours"]["kept_docs_per_s"] / table["base"]["kept_docs_per_s"]
        ratios["ours_over_base_kept_docs_per_s_whole_gate"] = (table["ours"]["kept_docs_per_s_whole_gate"]
                                                              / table["base"]["kept_docs_per_s_whole_gate"])
    for s in table:
        if s != "base" and "base" in table:
            ratios[f"{s}_over_base_kept_docs_per_cpu_s"] = (table[s]["kept_docs_per_cpu_s"]
                                                            / table["base"]["kept_docs_per_cpu_s"])
    if "ours" in table and "naive" in table:
        ratios["ours_over_naive_kept_docs_per_s"] = table["ours"]["kept_docs_per_s"] / table["naive"]["kept_docs_per_s"]
    print("ratios: " + ", ".join(f"{key} {v:.2f}x" for key, v in ratios.items()))
    out = {"command": " ".join(sys.argv), "task": args.task, "base_commit": args.base, "n": args.n, "rounds": args.rounds,
           "sides": table, "real_seeds": real, "ratios": ratios, "judge": judge_info, "diversity_sample": k,
           "ceiling_tok_s": CEILING_TOK_S, "cpu_count": os.cpu_count(), "load_1min_at_end": os.getloadavg()[0]}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
