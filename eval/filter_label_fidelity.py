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
    ap.add_argument("--extra", nargs=argparse.REMAINDER, default=[], help="more flags for `textsynth generate`")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = dedupe(corpora.load_rotten_tomatoes())
    random.Random(0).shuffle(rows)
    seed_rows, held = rows[: args.seeds], rows[args.seeds: args.seeds + args.held_out]
    corpora.write_jsonl(seed_rows, out / "raw_seeds.jsonl")
    exe = str(Path(sys.executable).with_name("textsynth"))
    run([exe, "scrub", str(out / "raw_seeds.jsonl"), "-o", str(out / "seeds.jsonl"),
         "--seed-pii", str(out / "seed_pii.json"), "--salt", "label-fidelity", "--no-progress"])
    t0 = time.perf_counter()
    run([exe, "generate", "--task", "sentiment", "--n", str(args.n), "--seeds", str(out / "seeds.jsonl"),
         "--seed-pii", str(out / "seed_pii.json"), "--filter", "-o", str(out / "kept.jsonl"), *args.extra],
        check=False)  # on the attempt cap, partial results are still written and measured
    gen_seconds = time.perf_counter() - t0
    if not (out / "kept.filter_stats.json").exists():
        raise SystemExit("generate wrote no results")
    kept = read_jsonl_records(out / "kept.jsonl")
    stats = json.loads((out / "kept.filter_stats.json").read_text())
    judge = TextClassifier().fit([r["text"] for r in held], [r["label"] for r in held])
    pred = judge.predict([r.content() for r in kept])
    requested = [r.meta.get("requested_label", r.label) for r in kept]
    agree = sum(p == q for p, q in zip(pred, requested)) / max(len(kept), 1)
    rs = stats.get("resample", {})
    report = {
        "n_target": args.n, "kept": len(kept), "generated": rs.get("generated"),
        "acceptance_rate": rs.get("acceptance_rate"), "drops_by_reason": rs.get("drops_by_reason"),
        "kept_label_counts": dict(Counter(requested)),
        "held_out_classifier": {"train_size": len(held), "agreement_with_requested_label": agree},
        "per_filter": {k: {"dropped": v["dropped"], "reasons": v["reasons"]} for k, v in stats["filters"].items()},
        "generate_seconds": round(gen_seconds, 1), "pass": agree >= 0.9 and len(kept) == args.n,
    }
    (out / "label_fidelity.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0 if report["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
