"""Label fidelity after the gate, end to end through the CLI.

1. Real Rotten Tomatoes snippets: SEEDS seeds and a disjoint held-out set (never seen by scrub or generation).
2. `textsynth scrub` the seeds (salted seed-PII hashes kept).
3. `textsynth generate --task sentiment --n 100 --filter` with the embedded default model and the scrubbed seeds.
4. A TextClassifier trained on the HELD-OUT real snippets (not the gate's own classifier, which is trained on
   the seeds) labels the kept records; report agreement with the requested label (target >= 90%), the
   acceptance rate (kept / generated) and drops per reason.

    python eval/filter_label_fidelity.py [--n 100] [--seeds 2000] [--held-out 6000] [--out runs/label_fidelity]
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from textsynth.classify import TextClassifier  # noqa: E402
from textsynth.io import read_jsonl_records  # noqa: E402


def run(cmd: list[str], check: bool = True) -> int:
    print("$ " + " ".join(cmd), flush=True)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    print(proc.stdout[-3000:], proc.stderr[-3000:] if proc.returncode else "", f"[{time.perf_counter() - t0:.0f}s]", flush=True)
    if proc.returncode and check:
        raise SystemExit(f"command failed ({proc.returncode})")
    return proc.returncode


def main() -> int:
    import corpora
    from filter_exactness import dedupe

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seeds", type=int, default=2000)
    ap.add_argument("--held-out", type=int, default=6000)
    ap.add_argument("--out", default="runs/label_fidelity")
    ap.add_argument("--analyse-only", action="store_true", help="reuse the outputs of an earlier run in --out")
    ap.add_argument("--extra", nargs=argparse.REMAINDER, default=[], help="more flags for `textsynth generate`")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = dedupe(corpora.load_rotten_tomatoes())
    random.Random(0).shuffle(rows)
    seed_rows, held = rows[: args.seeds], rows[args.seeds: args.seeds + args.held_out]
    real_test = rows[args.seeds + args.held_out: args.seeds + args.held_out + 2000]
    exe = str(Path(sys.executable).with_name("textsynth"))
    t0 = time.perf_counter()
    if not args.analyse_only:
        generate_run(exe, out, seed_rows, args)
    gen_seconds = time.perf_counter() - t0
    previous = out / "label_fidelity.json"
    if args.analyse_only and previous.exists():
        gen_seconds = json.loads(previous.read_text()).get("generate_seconds", gen_seconds)
    if not (out / "kept.filter_stats.json").exists():
        raise SystemExit("generate wrote no results")
    return analyse(out, held, real_test, args.n, gen_seconds)


def generate_run(exe: str, out: Path, seed_rows: list[dict], args) -> None:
    import corpora

    corpora.write_jsonl(seed_rows, out / "raw_seeds.jsonl")
    run([exe, "scrub", str(out / "raw_seeds.jsonl"), "-o", str(out / "seeds.jsonl"),
         "--seed-pii", str(out / "seed_pii.json"), "--salt", "label-fidelity", "--no-progress"])
    run([exe, "generate", "--task", "sentiment", "--n", str(args.n), "--seeds", str(out / "seeds.jsonl"),
         "--seed-pii", str(out / "seed_pii.json"), "--filter", "-o", str(out / "kept.jsonl"), *args.extra],
        check=False)  # on the attempt cap, partial results are still written and measured


def analyse(out: Path, held: list[dict], real_test: list[dict], n: int, gen_seconds: float) -> int:
    import numpy as np

    from textsynth.records import Record

    kept = read_jsonl_records(out / "kept.jsonl")
    stats = json.loads((out / "kept.filter_stats.json").read_text())
    judge = TextClassifier().fit([r["text"] for r in held], [r["label"] for r in held])
    pred = judge.predict([r.content() for r in kept])
    requested = [r.meta.get("requested_label", r.label) for r in kept]
    agree = sum(p == q for p, q in zip(pred, requested)) / max(len(kept), 1)
    judge_real_acc = judge.score([r["text"] for r in real_test], [r["label"] for r in real_test])
    # Stricter label gates, replayed on the same generated pool (kept + label-rejected candidates) with the
    # gate's own classifier (trained on the scrubbed seeds): how many pass, and how often the judge agrees.
    rejects = [json.loads(x) for x in (out / "kept.rejects.jsonl").read_text().splitlines() if x]
    pool = kept + [Record.from_dict(r["record"]) for r in rejects if r["reason"] == "label_disagrees"]
    seeds = read_jsonl_records(out / "seeds.jsonl")
    gate = TextClassifier().fit([s.content() for s in seeds], [str(s.label) for s in seeds])
    texts = [r.content() for r in pool]
    req = [r.meta.get("requested_label", r.label) for r in pool]
    proba, jpred = gate.predict_proba(texts), judge.predict(texts)
    gap = np.array([np.delete(p, gate.classes_.index(q)).max() - p[gate.classes_.index(q)] for p, q in zip(proba, req)])
    sweep = {}
    for margin in (0.2, 0.1, 0.0, -0.2, -0.4):
        ok = np.flatnonzero(gap <= margin)
        sweep[str(margin)] = {"pass": int(ok.size), "of": len(pool),
                              "judge_agreement": float(np.mean([jpred[i] == req[i] for i in ok])) if ok.size else None}
    rs = stats.get("resample", {})
    report = {
        "n_target": n, "kept": len(kept), "generated": rs.get("generated"),
        "acceptance_rate": rs.get("acceptance_rate"), "drops_by_reason": rs.get("drops_by_reason"),
        "kept_label_counts": dict(Counter(requested)),
        "held_out_classifier": {"train_size": len(held), "agreement_with_requested_label": agree,
                                "accuracy_on_real_held_out_test": judge_real_acc, "real_test_size": len(real_test)},
        "label_margin_sweep_on_generated_pool": sweep,
        "per_filter": {k: {"dropped": v["dropped"], "reasons": v["reasons"]} for k, v in stats["filters"].items()},
        "generate_seconds": round(gen_seconds, 1), "pass": agree >= 0.9 and len(kept) == n,
    }
    (out / "label_fidelity.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0 if report["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
