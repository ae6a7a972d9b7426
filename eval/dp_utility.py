"""What differential privacy costs: prompting, fine-tuning, DP-SGD and Private Evolution on the same seeds.

On Rotten Tomatoes (eval/corpora.py), one seed set (with K single-copy canaries planted, the DP guarantee's
unit) feeds every configuration; each produces --n records through the gate (textsynth.gate). Reported per run:

* TSTR: a MiniLM + logistic-regression classifier trained on the synthetic records, accuracy and macro-F1 on
  real held-out snippets (eval/judge.py's judge_test split, disjoint from the seeds); the same classifier
  trained on the real seeds is the anchor;
* judge agreement: the independent judge (eval/judge.py, trained on other real snippets) vs the requested label;
* self-BLEU of the synthetic records (textsynth.evaluation.fidelity.self_bleu; higher = more repetitive);
* wall time (fine-tuning included);
* canaries ("<name>'s account pin is DDDDD DD", each once among the seeds): a leak is the full secret, its
  5-digit part or the canary's name appearing in a synthetic record; corpus exposure ranks the true secret
  among --n-candidates random secrets by the longest digit run any synthetic record shares with it
  (exposure = log2(C + 1) - log2(rank); about 1.44 bits at chance).

Configurations (--configs): prompt (few-shot prompting, default gate), finetune (LoRA, no DP), dpsgd4, dpsgd8
(LoRA with DP-SGD at epsilon 4 / 8, default gate), pe1, pe4, pe8 (Private Evolution at epsilon 1 / 4 / 8; gated by
--pe-filters, by default only the seed-independent quality filter so the guarantee stays exact), and the same
gate for both DP paths: dpsgd4_exact, dpsgd8_exact (DP-SGD behind --pe-filters, reusing dpsgd4/8's model) and
pe4_default (PE behind the default gate, whose label filter is trained on the seeds).
Results are appended to --out after every configuration; configurations already there are skipped unless
--rerun. The seeds are not scrubbed here (Rotten Tomatoes snippets carry little PII; the canaries must stay).

    python eval/dp_utility.py --configs prompt,pe4 --n 500
    python eval/dp_utility.py --configs finetune,dpsgd4,dpsgd8,pe1,pe8 --n 500
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval.canaries import make_canaries, random_secret  # noqa: E402
from eval.judge import EmbeddingJudge, independent_judge, rt_splits  # noqa: E402
from textsynth.config import FilterConfig, FinetuneConfig, GenerateConfig, PrivacyConfig  # noqa: E402
from textsynth.records import Record  # noqa: E402

SEED_POOL = 3000  # real snippets set aside for seeds; --n-seeds takes the first of them
# name -> (kind, epsilon, gate): "default" is the default filters (the label filter is trained on the seeds, outside
# any DP accounting); "exact" is --pe-filters (by default quality only), which keeps a DP guarantee exact. The
# *_exact DP-SGD rows and pe4_default compare DP-SGD and PE behind the same gate. DP-SGD rows of one epsilon share
# one fine-tuned model (workdir/dpsgd<eps>/model), trained once.
CONFIGS = {"prompt": ("prompt", None, "default"), "finetune": ("finetune", None, "default"),
           "dpsgd4": ("finetune", 4.0, "default"), "dpsgd8": ("finetune", 8.0, "default"),
           "dpsgd4_exact": ("finetune", 4.0, "exact"), "dpsgd8_exact": ("finetune", 8.0, "exact"),
           "pe1": ("pe", 1.0, "exact"), "pe4": ("pe", 4.0, "exact"), "pe8": ("pe", 8.0, "exact"),
           "pe4_default": ("pe", 4.0, "default")}


def tstr(records: list[Record], test: list[dict]) -> dict:
    """Train on ``records`` (MiniLM + LR), test on real ``test``: accuracy and macro-F1."""
    from sklearn.metrics import accuracy_score, f1_score

    labels = [str(r.label) for r in records]
    if len(set(labels)) < 2:
        return {"accuracy": float("nan"), "macro_f1": float("nan"), "n_train": len(records)}
    clf = EmbeddingJudge().fit([r.content() for r in records], labels)
    pred = clf.predict([r["text"] for r in test])
    gold = [r["label"] for r in test]
    return {"accuracy": round(float(accuracy_score(gold, pred)), 4),
            "macro_f1": round(float(f1_score(gold, pred, average="macro")), 4), "n_train": len(records)}


def canary_results(records: list[Record], canaries: list[dict], n_candidates: int, seed: int) -> dict:
    """Verbatim leaks and corpus exposure of each canary's secret in the synthetic records."""
    texts = [r.content() for r in records]
    digit_runs = [re.sub(r"\D+", " ", t) for t in texts]
    rng = random.Random(f"exposure-{seed}")

    def shared_digits(secret: str) -> int:
        s = secret.replace(" ", "")
        best = 0
        for run in digit_runs:
            for token in run.split():
                for i in range(len(s)):
                    for j in range(i + best + 1, len(s) + 1):
                        if s[i:j] in token:
                            best = j - i
                        else:
                            break
        return best

    rows = []
    for c in canaries:
        five = c["secret"].split()[0]
        name = c["prefix"].split("'s")[0]
        full = sum(c["secret"] in t for t in texts)
        part = sum(five in t for t in texts)
        named = sum(name in t for t in texts)
        score = shared_digits(c["secret"])
        others = [shared_digits(random_secret(rng)) for _ in range(n_candidates)]
        # rank 1 = the true secret scores highest; ties share the middle rank
        rank = 1 + sum(o > score for o in others) + sum(o == score for o in others) / 2
        rows.append({"full": full, "five_digits": part, "name": named, "shared_digits": score,
                     "exposure_bits": round(math.log2(n_candidates + 1) - math.log2(rank), 3)})
    return {"k": len(canaries), "leaked_full": sum(r["full"] > 0 for r in rows),
            "leaked_five_digits": sum(r["five_digits"] > 0 for r in rows),
            "leaked_name": sum(r["name"] > 0 for r in rows),
            "mean_exposure_bits": round(sum(r["exposure_bits"] for r in rows) / len(rows), 3),
            "chance_exposure_bits": round(math.log2(math.e), 3), "per_canary": rows}


def self_bleu(records: list[Record], k: int = 500) -> float:
    from textsynth.core.text import words
    from textsynth.evaluation.fidelity import self_bleu as sb

    sample = random.Random(0).sample(records, min(k, len(records)))
    return round(float(sb([words(r.content()) for r in sample])), 4)


def run_config(name: str, seeds: list[Record], args: argparse.Namespace, workdir: Path) -> tuple[list[Record], dict]:
    """Generate ``args.n`` records through the gate for one configuration; (kept records, run info)."""
    from textsynth.gate import generate_filtered

    kind, eps, gate = CONFIGS[name]
    info: dict = {"config": name, "kind": kind, "epsilon": eps, "gate": gate}
    t0 = time.perf_counter()
    gen = GenerateConfig(n=args.n, seed=args.seed, batch_size=args.batch_size, prompt=args.prompt)
    filters = FilterConfig(max_attempts_factor=args.max_attempts_factor)
    if gate == "exact":
        filters = FilterConfig(filters=tuple(args.pe_filters.split(",")), max_attempts_factor=args.max_attempts_factor)
    if kind == "pe":
        gen = GenerateConfig(n=args.n, seed=args.seed, batch_size=args.batch_size, method="private_evolution",
                             prompt=args.prompt,
                             privacy=PrivacyConfig(epsilon=eps, iterations=args.iterations,
                                                   population_factor=args.population_factor,
                                                   threshold=args.threshold,
                                                   variations_per_parent=args.variations_per_parent,
                                                   random_share=args.random_share,
                                                   max_similarity=args.max_similarity,
                                                   cross_label_votes=args.cross_label_votes,
                                                   vote_label_filter=args.vote_label_filter))
    elif kind == "finetune":
        from textsynth.models.finetune import finetune

        out = workdir / ("finetune" if eps is None else f"dpsgd{eps:g}") / "model"
        ref = finetune(FinetuneConfig(output_dir=str(out), dp_epsilon=eps, resume=True), seeds)
        info["finetune_seconds"] = round(time.perf_counter() - t0, 1)
        info["dp"] = (ref.metadata or {}).get("dp")
        gen = GenerateConfig(n=args.n, seed=args.seed, batch_size=args.batch_size, prompt=args.prompt,
                             model={"model": str(out)}, label_distribution="balanced")
    journal = workdir / name / "rounds"
    import shutil

    shutil.rmtree(workdir / name / "rounds", ignore_errors=True)  # our own scratch journals
    shutil.rmtree(workdir / name / "rounds.pe", ignore_errors=True)
    kept_path = workdir / name / "kept.jsonl"  # kept records and rejects are written there, for inspection
    res = generate_filtered(gen, seeds, filters, journal=journal, output=kept_path)
    info["wall_seconds"] = round(time.perf_counter() - t0, 1)
    rs = res.stats["resample"]
    info.update(kept=rs["kept"], generated=rs["generated"], drops=rs["drops_by_reason"],
                filters=list(filters.filters))
    if res.stats.get("privacy"):
        info["dp"] = {k: v for k, v in res.stats["privacy"].items() if k != "noisy_label_counts"}
    from textsynth.io import read_jsonl_records

    return read_jsonl_records(kept_path), info


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--configs", default="prompt,pe4", help=f"comma list of {', '.join(CONFIGS)}")
    ap.add_argument("--n", type=int, default=500, help="records kept per configuration")
    ap.add_argument("--prompt", default=str(Path(__file__).resolve().parents[1] / "prompts" / "sentiment_movies.yaml"),
                    help="prompt template of every configuration; with seeds as shots (prompting) the film template "
                         "writes the same prompts as sentiment.yaml, without them (PE's RANDOM_API) it tells the model "
                         "the data are film reviews: public knowledge, as in Aug-PE's per-dataset prompts")
    ap.add_argument("--n-seeds", type=int, default=2000, help="real seed snippets (canaries are added to them)")
    ap.add_argument("--k", type=int, default=8, help="single-copy canaries planted in the seeds")
    ap.add_argument("--n-candidates", type=int, default=99, help="random secrets the true one is ranked against")
    ap.add_argument("--n-test", type=int, default=2000, help="real held-out snippets for TSTR")
    ap.add_argument("--iterations", type=int, default=2, help="PE vote rounds")
    ap.add_argument("--population-factor", type=float, default=PrivacyConfig.population_factor,
                    help="PE candidates per record asked")
    ap.add_argument("--threshold", type=float, default=0.0, help="PE: noisy votes at or below count as 0")
    ap.add_argument("--variations-per-parent", type=int, default=PrivacyConfig.variations_per_parent,
                    help="PE: variations written per selected parent (Aug-PE's L - 1)")
    ap.add_argument("--random-share", type=float, default=PrivacyConfig.random_share,
                    help="PE: share of each later population written afresh by the random API")
    ap.add_argument("--max-similarity", type=float, default=PrivacyConfig.max_similarity,
                    help="PE: near-duplicate cosine similarity dropped before voting (1 = off)")
    ap.add_argument("--cross-label-votes", action=argparse.BooleanOptionalAction,
                    default=PrivacyConfig.cross_label_votes,
                    help="PE: seeds vote among every label's candidates; a candidate scores own minus other labels'")
    ap.add_argument("--vote-label-filter", action=argparse.BooleanOptionalAction,
                    default=PrivacyConfig.vote_label_filter,
                    help="PE: drop candidates whose label a classifier fitted to the noisy votes does not rank first")
    ap.add_argument("--pe-filters", default="quality", help="gate filters of the exact-gate runs (pe*, *_exact; quality: exact guarantee)")
    ap.add_argument("--max-attempts-factor", type=float, default=6.0)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workdir", default="runs/dp_utility")
    ap.add_argument("--out", default="eval/results/dp_utility.json")
    ap.add_argument("--rerun", action="store_true", help="rerun configurations already in --out")
    ap.add_argument("--merge", nargs="*", default=None,
                    help="combine these result files (runs made in parallel) into --out and print the table")
    return ap


def main() -> None:
    args = _parser().parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.merge is not None:
        merge(args.merge, Path(args.out))
        return

    names = [c.strip() for c in args.configs.split(",") if c.strip()]
    unknown = [c for c in names if c not in CONFIGS]
    if unknown:
        raise SystemExit(f"unknown configuration {unknown[0]!r}; choose from {', '.join(CONFIGS)}")
    if args.n_seeds > SEED_POOL:
        raise SystemExit(f"--n-seeds: at most {SEED_POOL}")
    # The judge's splits do not depend on --n-seeds, so its (cached) training embeddings are shared by every run.
    splits = rt_splits(SEED_POOL, n_judge_test=args.n_test, seed=args.seed)
    splits["seeds"] = splits["seeds"][:args.n_seeds]
    judge, judge_info = independent_judge(splits)
    canaries = make_canaries(args.k, args.seed, "dp-utility")
    seeds = [Record(r["id"], r["text"], label=r["label"]) for r in splits["seeds"]]
    seeds += [Record(f"canary-{i}", c["text"], label=c["label"]) for i, c in enumerate(canaries)]
    random.Random(args.seed).shuffle(seeds)
    test = splits["judge_test"]

    out = Path(args.out)
    results = json.loads(out.read_text()) if out.exists() else {}
    results.setdefault("runs", {})
    results["setup"] = {"n": args.n, "n_seeds": args.n_seeds, "canaries": args.k, "n_test": len(test),
                        "judge": judge_info, "prompt": Path(args.prompt).name, "iterations": args.iterations,
                        "population_factor": args.population_factor, "threshold": args.threshold,
                        "pe_filters": args.pe_filters, "model": "smollm2-135m-instruct (embedded)",
                        "variations_per_parent": args.variations_per_parent, "random_share": args.random_share,
                        "max_similarity": args.max_similarity, "cross_label_votes": args.cross_label_votes,
                        "vote_label_filter": args.vote_label_filter,
                        "seeds_scrubbed": False}
    if "real_seeds" not in results["runs"] or args.rerun:
        results["runs"]["real_seeds"] = {"config": "real_seeds", "tstr": tstr(seeds, test),
                                         "note": "anchor: the classifier trained on the real seeds themselves"}
    for name in names:
        if name in results["runs"] and not args.rerun:
            print(f"{name}: already in {out}, skipped (--rerun to redo)")
            continue
        info = score_run(name, seeds, test, judge, canaries, args)
        info["setup"] = results["setup"]
        record_run(results, name, info)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2))
        print(json.dumps({k: v for k, v in info.items() if k not in ("drops", "canaries", "dp")}), flush=True)
        print(f"   canaries: {info['canaries']['leaked_full']} full, {info['canaries']['leaked_five_digits']} "
              f"5-digit, {info['canaries']['leaked_name']} names; exposure {info['canaries']['mean_exposure_bits']}"
              f" bits (chance {info['canaries']['chance_exposure_bits']})", flush=True)
    print_table(results)


def score_run(name: str, seeds: list[Record], test: list[dict], judge: EmbeddingJudge, canaries: list[dict],
              args: argparse.Namespace) -> dict:
    """Run one configuration and score its kept records (TSTR, judge, self-BLEU, canaries), with the command."""
    load = os.getloadavg()
    print(f"== {name} (load {load[0]:.1f})", flush=True)
    kept, info = run_config(name, seeds, args, Path(args.workdir))
    info["load_avg_at_start"] = round(load[0], 1)
    info["tstr"] = tstr(kept, test)
    texts = [r.content() for r in kept]
    info["judge_agreement"] = round(float(sum(p == r.label for p, r in zip(judge.predict(texts), kept))
                                          / max(1, len(kept))), 4)
    info["self_bleu"] = self_bleu(kept)
    info["canaries"] = canary_results(kept, canaries, args.n_candidates, args.seed)
    info["command"] = "python " + " ".join(sys.argv)
    info["finished_utc"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return info


def record_run(results: dict, name: str, info: dict) -> None:
    """Put ``info`` in the table under ``name``; a row it replaces moves to ``history`` (never dropped)."""
    old = results["runs"].get(name)
    if old is not None and old != info:
        results.setdefault("history", []).append(old)
    results["runs"][name] = info


def merge(paths: list[str], out: Path) -> None:
    """Add the runs of result files made in parallel to --out (rows they replace move to its history)."""
    merged: dict = json.loads(out.read_text()) if out.exists() else {"runs": {}}
    for p in paths:
        part = json.loads(Path(p).read_text())
        for name, info in part["runs"].items():
            record_run(merged, name, {**info, "setup": info.get("setup", part["setup"])})
        merged.setdefault("history", []).extend(h for h in part.get("history", []) if h not in merged["history"])
    out.write_text(json.dumps(merged, indent=2))
    print_table(merged)


def print_table(results: dict) -> None:
    runs = results["runs"]
    base = {"pe": runs.get("prompt"), "finetune": runs.get("finetune")}
    print(f"{'config':12} {'eps':>5} {'kept':>5} {'TSTR acc':>8} {'ratio':>6} {'macroF1':>7} {'judge':>6} "
          f"{'selfBLEU':>8} {'wall s':>7} {'leaks':>5} {'exposure':>8}")
    for name, r in runs.items():
        kind = r.get("kind")
        ref = base.get(kind) if kind in ("pe", "finetune") and r.get("epsilon") else None
        ratio = (r["tstr"]["accuracy"] / ref["tstr"]["accuracy"]) if ref else float("nan")
        c = r.get("canaries") or {}
        print(f"{name:12} {r.get('epsilon') or '-':>5} {r.get('kept', '-'):>5} {r['tstr']['accuracy']:>8.3f} "
              f"{ratio:>6.3f} {r['tstr']['macro_f1']:>7.3f} {r.get('judge_agreement', float('nan')):>6.3f} "
              f"{r.get('self_bleu', float('nan')):>8.3f} {r.get('wall_seconds', float('nan')):>7.0f} "
              f"{c.get('leaked_full', '-'):>5} {c.get('mean_exposure_bits', float('nan')):>8.2f}")


if __name__ == "__main__":
    main()
