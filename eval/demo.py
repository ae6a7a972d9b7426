"""`make demo`: prepare real seeds, run the whole pipeline with the embedded model, print where things are.

Usage: python eval/demo.py [--task sentiment|chat] [--n N] [--seeds K] [--fresh]
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402

from textsynth.config import RunConfig  # noqa: E402
from textsynth.errors import TextsynthError  # noqa: E402
from textsynth.pipeline import run_pipeline  # noqa: E402
from textsynth.run_summary import headline_metrics  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--task", choices=["sentiment", "chat"], default="sentiment")
    ap.add_argument("--n", type=int, default=None, help="synthetic records to keep (default: the config's)")
    ap.add_argument("--seeds", type=int, default=1600, help="real seed records to sample")
    ap.add_argument("--fresh", action="store_true", help="rerun every stage instead of resuming")
    ap.add_argument("--engine", choices=["local", "ray"], default=None, help="default: the config's (local)")
    args = ap.parse_args()

    cfg_path = corpora.REPO / "eval" / f"demo_{args.task}.yaml"
    cfg = RunConfig.from_yaml(cfg_path)
    seeds_path = corpora.REPO / cfg.input
    rows = corpora.load_rotten_tomatoes() if args.task == "sentiment" else corpora.load_chitchat()
    corpora.write_jsonl(corpora.sample(rows, args.seeds, seed=0), seeds_path)
    cfg = replace(cfg, input=str(seeds_path), run_dir=str(corpora.REPO / cfg.run_dir))
    if args.n:
        cfg = replace(cfg, generate=replace(cfg.generate, n=args.n))
    if args.engine:
        cfg = replace(cfg, engine=args.engine)

    t0 = time.time()
    try:
        result = run_pipeline(cfg, resume=not args.fresh)
    except TextsynthError as err:
        print(f"demo failed: {err}", file=sys.stderr)
        sys.exit(err.exit_code)
    wall = time.time() - t0
    print()
    print(f"textsynth demo ({args.task}) finished in {wall / 60:.1f} min on CPU")
    if result.skipped:
        print(f"  resumed: skipped {', '.join(result.skipped)}")
    print("  counts: " + ", ".join(f"{k}={v}" for k, v in result.counts.items()))
    for k, v in headline_metrics(result.metrics).items():
        print(f"  {k}: {v:.4g}" if isinstance(v, float) else f"  {k}: {v}")
    print(f"  dataset (datasets.load_from_disk): {result.dataset_dir / 'dataset'}")
    print(f"  dataset card:                      {result.dataset_dir / 'README.md'}")
    print(f"  report:                            {result.report_dir / 'report.html'}")


if __name__ == "__main__":
    main()
