"""Reproduce the evaluation report for the demo corpus (Rotten Tomatoes sentiment snippets).

Real side: the same 1,600 seeds as `eval/demo.py`, scrubbed, split into train (what the generator sees) and a
held-out test split (seeded, 20%). Synthetic side: a Record JSONL produced by `textsynth generate` (or the kept
records of `textsynth run`); without one, 500 further real snippets (scrubbed, never in the seeds) stand in, which
shows what a faithful, non-memorising corpus looks like: utility ratio ~1, no DCR alarm.

Usage: python eval/report_demo.py [SYNTHETIC.jsonl] [--out DIR] [--filter-stats FILE] [--no-embeddings]
                                  [--no-scrub] [--screenshot PNG]
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402

from textsynth.config import EvaluateConfig, ScrubConfig  # noqa: E402
from textsynth.evaluation.evaluate import evaluate  # noqa: E402
from textsynth.io import load_records  # noqa: E402
from textsynth.pipeline import holdout_split  # noqa: E402
from textsynth.records import Record  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("synthetic", nargs="?", help="synthetic Record JSONL (default: a held-out real stand-in)")
    ap.add_argument("--out", default=str(corpora.REPO / "runs" / "report_demo"), help="report directory")
    ap.add_argument("--seeds", type=int, default=1600, help="real seed records (as in eval/demo.py)")
    ap.add_argument("--standin", type=int, default=500, help="real stand-in records when no synthetic file is given")
    ap.add_argument("--filter-stats", help="filter_stats.json (default: one beside the synthetic file, if any)")
    ap.add_argument("--no-embeddings", action="store_true", help="TF-IDF only (faster)")
    ap.add_argument("--no-scrub", action="store_true", help="skip scrubbing the real side (faster, not the demo setup)")
    ap.add_argument("--screenshot", help="also render the report to this PNG with headless Chromium")
    args = ap.parse_args()

    t0 = time.time()
    rows = corpora.load_rotten_tomatoes()
    seeds_rows = corpora.sample(rows, args.seeds, seed=0)
    real = [Record(id=r["id"], text=r["text"], label=r["label"]) for r in seeds_rows]
    standin: list[Record] = []
    if not args.synthetic:
        used = {r["id"] for r in seeds_rows}
        rest = [r for r in rows if r["id"] not in used]
        standin = [Record(id=r["id"], text=r["text"], label=r["label"])
                   for r in corpora.sample(rest, args.standin, seed=1)]

    seed_pii = None
    if not args.no_scrub:
        from textsynth.scrubbing.scrub import scrub

        res = scrub(real, ScrubConfig(seed=0))
        real, seed_pii = res.records, res.seed_pii  # the index holds the seeds' PII values only, as in the pipeline
        if standin:
            standin = scrub(standin, ScrubConfig(seed=1)).records
        print(f"scrubbed {len(real) + len(standin)} real records ({len(res.rejected)} seeds rejected) "
              f"in {time.time() - t0:.0f}s")
    train, test = holdout_split(real, 0.2, 0)

    filter_stats = None
    if args.synthetic:
        synthetic = load_records(args.synthetic)
        stats_path = Path(args.filter_stats) if args.filter_stats else Path(args.synthetic).with_name("filter_stats.json")
        if stats_path.exists():
            filter_stats = json.loads(stats_path.read_text())
        source = args.synthetic
    else:
        synthetic = standin
        source = f"stand-in: {len(standin)} held-out real snippets"
    random.Random(0).shuffle(synthetic)

    cfg = EvaluateConfig(embeddings=not args.no_embeddings)
    t1 = time.time()
    report = evaluate(synthetic, train, test, cfg, filter_stats=filter_stats, seed_pii=seed_pii)
    out = report.write(args.out)
    print(f"synthetic: {source} ({len(synthetic)} records); real train {len(train)}, real test {len(test)}")
    print(f"evaluated in {time.time() - t1:.0f}s (total {time.time() - t0:.0f}s)")
    for k, v in report.headline().items():
        print(f"  {k}: {v:.4g}" if isinstance(v, float) else f"  {k}: {v}")
    for reason in report.metrics["privacy"]["dcr"]["alarm_reasons"]:
        print(f"  DCR alarm: {reason}")
    print(f"report: {out / 'report.html'}")
    if args.screenshot:
        browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if browser is None:
            print("no chromium found; skipping the screenshot")
            return
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--screenshot={Path(args.screenshot).resolve()}", "--window-size=1280,4200",
                        (out / "report.html").resolve().as_uri()], check=True, capture_output=True, timeout=120)
        print(f"screenshot: {args.screenshot}")


if __name__ == "__main__":
    main()
