"""Label fidelity of prompting and of the label gate, judged by an independent classifier; the gate's margin chosen
on a tuning split and reported on another.

1. Real Rotten Tomatoes snippets in disjoint splits (eval/judge.py): SEEDS seeds, the judge's training and test
   snippets (never seen by scrub, generation or the gate).
2. `textsynth scrub` the seeds; `textsynth generate --task sentiment --n N` with the embedded model (raw prompting,
   no gate): the candidate pool.
3. `textsynth filter` the pool with every filter and ``--label-margin 1`` (the label check can never reject:
   its score is at most 1), so the pool is gated by everything but the label.
4. The gate's own label classifier (LabelFilter fitted on the scrubbed seeds, the library's code) scores each
   survivor; the judge (MiniLM embeddings + LR, eval/judge.py) labels it.
5. Records are split by a hash of their id. On ``tune`` the margin is chosen by a rule fixed in advance: the
   loosest margin of the grid whose judge agreement is >= TARGET (0.90); if none reaches it, the loosest margin
   whose agreement is within 0.02 of the best (margins passing fewer than 20 records are left out). On ``report`` the figures are given: agreement of raw prompting, after the other filters,
   and after the gate at the chosen and at the current default margin, with 95% Wilson intervals.

    python eval/filter_label_fidelity.py [--n 400] [--seeds 2000] [--out runs/label_fidelity]
    python eval/filter_label_fidelity.py --analyse-only --out runs/label_fidelity   # re-judge an earlier pool
                                          # (an interrupted generation: its finished shards are the pool)
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402

from judge import independent_judge, rt_splits, split_of, wilson  # noqa: E402
from textsynth.config import FilterConfig  # noqa: E402
from textsynth.io import read_jsonl_records  # noqa: E402

GRID = (0.4, 0.2, 0.1, 0.0, -0.1, -0.2, -0.3, -0.4, -0.5, -0.6)
TARGET = 0.90
TOLERANCE = 0.02
MIN_PASS = 20


def run(cmd: list[str], check: bool = True) -> int:
    print("$ " + " ".join(cmd), flush=True)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    print(proc.stdout[-2000:], proc.stderr[-2000:] if proc.returncode else "", f"[{time.perf_counter() - t0:.0f}s]",
          flush=True)
    if proc.returncode and check:
        raise SystemExit(f"command failed ({proc.returncode})")
    return proc.returncode


def generate_pool(exe: str, out: Path, seed_rows: list[dict], n: int, extra: list[str]) -> float:
    """Scrub the seeds and generate the raw pool; returns generate seconds."""
    import corpora

    corpora.write_jsonl(seed_rows, out / "raw_seeds.jsonl")
    run([exe, "scrub", str(out / "raw_seeds.jsonl"), "-o", str(out / "seeds.jsonl"),
         "--seed-pii", str(out / "seed_pii.json"), "--salt", "label-fidelity", "--no-progress", "--overwrite"])
    t0 = time.perf_counter()
    run([exe, "generate", "--task", "sentiment", "--n", str(n), "--seeds", str(out / "seeds.jsonl"),
         "-o", str(out / "pool.jsonl"), "--no-progress", "--overwrite", *extra])
    return time.perf_counter() - t0


def gate_pool(exe: str, out: Path) -> None:
    """Gate the pool with every filter but the label (``--label-margin 1`` never rejects).

    An interrupted generation leaves whole shards behind; those are used as the pool (and the report says so).
    """
    pool = out / "pool.jsonl"
    if not pool.exists():
        shards = sorted((out / "pool.shards").glob("records-*.jsonl"))
        if not shards:
            raise SystemExit("no pool: generation wrote no shard")
        pool.write_text("".join(p.read_text() for p in shards))
        print(f"pool assembled from {len(shards)} finished shards of an interrupted generation", flush=True)
    run([exe, "filter", str(pool), "--seeds", str(out / "seeds.jsonl"), "--seed-pii",
         str(out / "seed_pii.json"), "-o", str(out / "passed.jsonl"), "--rejects", str(out / "dropped.jsonl"),
         "--label-margin", "1", "--overwrite"])


def gate_scores(seeds, records) -> np.ndarray:
    """The label gate's score for each record: p(best other label) - p(requested label), from LabelFilter itself."""
    from textsynth.filters.label import LabelFilter, requested_label

    gate = LabelFilter(FilterConfig(label_margin=1.0))
    gate.fit(seeds)
    proba = gate.clf.predict_proba([r.content() for r in records])
    classes = gate.clf.classes_
    out = []
    for r, p in zip(records, proba):
        t = classes.index(gate._resolve(requested_label(r)))
        out.append(float(np.delete(p, t).max() - p[t]))
    return np.array(out)


def agreement(judged: list[bool]) -> dict:
    k, n = int(sum(judged)), len(judged)
    return {"agreement": round(k / n, 4) if n else None, "n": n, "ci95": wilson(k, n)}


def sweep(gap: np.ndarray, agree: np.ndarray, idx: np.ndarray) -> dict:
    """Per margin: how many of the records in idx pass the gate, and the judge's agreement among them."""
    res = {}
    for m in GRID:
        ok = idx[gap[idx] <= m]
        res[str(m)] = {"pass": int(ok.size), "of": int(idx.size), **agreement(list(agree[ok]))}
    return res


def choose_margin(tune: dict) -> float:
    """The loosest margin reaching TARGET judge agreement on the tuning split; if none does, the loosest whose
    agreement is within TOLERANCE of the best (a stricter margin costs acceptance for a gain within noise).
    Margins passing fewer than MIN_PASS records are not considered."""
    rows = {float(m): v["agreement"] for m, v in tune.items() if v["agreement"] is not None and v["pass"] >= MIN_PASS}
    ok = [m for m, a in rows.items() if a >= TARGET]
    if ok:
        return max(ok)
    best = max(rows.values())
    return max(m for m, a in rows.items() if a >= best - TOLERANCE)


def analyse(out: Path, splits: dict, gen_seconds: float | None) -> dict:
    from textsynth.filters.label import requested_label

    judge, judge_info = independent_judge(splits)
    pool = read_jsonl_records(out / "pool.jsonl")
    passed = read_jsonl_records(out / "passed.jsonl")
    seeds = read_jsonl_records(out / "seeds.jsonl")
    dropped = [json.loads(x) for x in (out / "dropped.jsonl").read_text().splitlines() if x.strip()]

    def judged(records):
        pred = judge.predict([r.content() for r in records])
        return np.array([p == requested_label(r) for p, r in zip(pred, records)])

    pool_split = np.array([split_of(r.id) for r in pool])
    pool_agree = judged(pool)
    gap, agree = gate_scores(seeds, passed), judged(passed)
    split = np.array([split_of(r.id) for r in passed])
    tune_idx, report_idx = np.flatnonzero(split == "tune"), np.flatnonzero(split == "report")
    tune = sweep(gap, agree, tune_idx)
    chosen = choose_margin(tune)
    report_sweep = sweep(gap, agree, report_idx)
    default = FilterConfig().label_margin
    report = {
        "judge": judge_info, "n_pool": len(pool), "n_passed_other_filters": len(passed),
        "other_filter_drops": dict(Counter(d["reason"] for d in dropped)),
        "requested_labels": dict(Counter(requested_label(r) for r in pool)),
        "generate_seconds_shared": None if gen_seconds is None else round(gen_seconds, 1),
        "rule": f"loosest margin in {list(GRID)} with judge agreement >= {TARGET} on the tune split, else the "
                f"loosest within {TOLERANCE} of the best (margins passing < {MIN_PASS} records left out)",
        "tune": {"n": int(tune_idx.size), "sweep": tune, "chosen_margin": chosen},
        "report": {
            "prompting_no_gate": agreement(list(pool_agree[pool_split == "report"])),
            "after_other_filters_no_label_gate": agreement(list(agree[report_idx])),
            "gate_at_chosen_margin": {"margin": chosen, **report_sweep[str(chosen)]},
            "gate_at_current_default": {"margin": default, **report_sweep.get(str(default), {})},
            "sweep": report_sweep,
        },
    }
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=400, help="candidates generated (raw prompting)")
    ap.add_argument("--seeds", type=int, default=2000)
    ap.add_argument("--out", default="runs/label_fidelity")
    ap.add_argument("--analyse-only", action="store_true", help="reuse the pool of an earlier run in --out")
    ap.add_argument("--extra", nargs=argparse.REMAINDER, default=[], help="more flags for `textsynth generate`")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    splits = rt_splits(args.seeds)
    gen_seconds = None
    exe = str(Path(sys.executable).with_name("textsynth"))
    if not args.analyse_only:
        gen_seconds = generate_pool(exe, out, splits["seeds"], args.n, args.extra)
    if not args.analyse_only or not (out / "passed.jsonl").exists():
        gate_pool(exe, out)
    report = analyse(out, splits, gen_seconds)
    (out / "label_fidelity.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    r = report["report"]
    print(f"\nreport split: prompting {r['prompting_no_gate']['agreement']} (n={r['prompting_no_gate']['n']}); "
          f"gate at chosen margin {report['tune']['chosen_margin']}: {r['gate_at_chosen_margin']['agreement']} "
          f"{r['gate_at_chosen_margin']['ci95']} ({r['gate_at_chosen_margin']['pass']}/{r['gate_at_chosen_margin']['of']} pass)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
