"""Local engine vs Ray engine on one node, side by side in one run: docs/s of scrub and of generate+filter.

Scrub: ``--n-scrub`` real Rotten Tomatoes snippets (JSONL), the local engine (``scrub`` over ``read_records``,
its own worker processes) against ``engines.ray.scrub_on_ray`` (Ray Data map_batches, ``--actors`` analyzer
actors). Generate+filter: ``--n-gen`` kept records from a tiny random Llama built from a config (as in the tests),
``gate.generate_filtered`` against ``engines.ray.generate_filtered_on_ray`` (``--actors`` generation actors, one
filter actor), filters ngram + minhash + pii. Each side's wall time includes its start-up (analyzer or model
load, actor start); the breakdown gives the time to the first output batch and the rest. The Ray cluster is
started once, before the timings (as ``textsynth run`` does once per run). Target: Ray >= 0.7x local docs/s.

    python eval/bench_scale_ray.py --n-scrub 2000 --n-gen 64
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def bench_scrub(path: Path, actors: int) -> dict:
    from textsynth.config import RayConfig, RayStageConfig, ReadConfig, ScrubConfig
    from textsynth.engines.ray import RayScrub
    from textsynth.io import RejectSink, read_records
    from textsynth.scrubbing.scrub import CHUNK_RECORDS
    from textsynth.scrubbing.scrubber import Scrubber

    read_cfg, scrub_cfg = ReadConfig(), ScrubConfig(salt="bench")
    out = {}
    t0 = time.perf_counter()
    records = list(read_records(path, read_cfg, RejectSink()))
    n = 0
    size = CHUNK_RECORDS * 5
    with Scrubber(scrub_cfg) as scrubber:  # what scrub() does (its worker processes from 1,000 texts on), timed
        started = time.perf_counter() - t0  # read + analyzer built (the worker processes fork from it)
        for i in range(0, len(records), size):
            n += len(scrubber.scrub_batch(records[i:i + size])[0])
    wall = time.perf_counter() - t0
    out["local"] = {"docs": n, "seconds": wall, "startup_s": started, "docs_per_s": n / wall,
                    "steady_docs_per_s": n / (wall - started)}

    t0 = time.perf_counter()
    job = RayScrub(path, read_cfg, scrub_cfg, RayConfig(scrub=RayStageConfig(actors=actors)))
    first, n, n_first = None, 0, 0
    for kept, _ in job.batches(RejectSink()):
        n += len(kept)
        if kept and first is None:  # actors started, analyzers built, one batch scrubbed
            first, n_first = time.perf_counter() - t0, len(kept)
    wall = time.perf_counter() - t0
    out["ray"] = {"docs": n, "seconds": wall, "startup_s": first, "docs_per_s": n / wall,
                  "steady_docs_per_s": (n - n_first) / (wall - first)}
    out["ray_vs_local_docs_per_s"] = out["ray"]["docs_per_s"] / out["local"]["docs_per_s"]
    out["ray_vs_local_steady_docs_per_s"] = out["ray"]["steady_docs_per_s"] / out["local"]["steady_docs_per_s"]
    return out


def bench_generate(seeds, model_dir: Path, n: int, actors: int, tmp: Path) -> dict:
    from textsynth.config import FilterConfig, GenerateConfig, ModelConfig, RayConfig, RayStageConfig, SamplingConfig
    from textsynth.engines.ray import generate_filtered_on_ray
    from textsynth.gate import generate_filtered

    gen = GenerateConfig(task="sentiment", n=n, batch_size=8, num_shots=1, shard_size=16,
                         model=ModelConfig(model=str(model_dir), device="cpu"),
                         sampling=SamplingConfig(max_new_tokens=24, temperature=1.0))
    flt = FilterConfig(filters=("ngram", "minhash", "pii"), max_attempts_factor=50)
    out = {}
    for name in ("local", "ray"):
        first: list[float] = []
        t0 = time.perf_counter()

        def progress(candidates: int, kept: int) -> None:
            if kept and not first:
                first.append(time.perf_counter() - t0)

        kwargs = dict(output=tmp / name / "kept.jsonl", journal=tmp / name / "shards", progress=progress,
                      scrub_config=None)
        (tmp / name).mkdir()
        if name == "local":
            res = generate_filtered(gen, seeds, flt, **kwargs)
        else:
            cpus = os.cpu_count() or 1  # the generation actors share what the filter actor leaves
            res = generate_filtered_on_ray(gen, seeds, flt, None, RayConfig(
                generate=RayStageConfig(actors=actors, num_cpus=max(cpus - 1, 1) / actors),
                filter=RayStageConfig(actors=1, num_cpus=min(1, cpus / 2))), **kwargs)
        wall = time.perf_counter() - t0
        rs = res.stats["resample"]
        out[name] = {"kept": rs["kept"], "candidates": rs["generated"], "seconds": wall,
                     "first_kept_s": first[0] if first else None,
                     "candidates_per_s": rs["generated"] / wall, "kept_per_s": rs["kept"] / wall}
    out["ray_vs_local_candidates_per_s"] = out["ray"]["candidates_per_s"] / out["local"]["candidates_per_s"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n-scrub", type=int, default=2000)
    ap.add_argument("--n-gen", type=int, default=64)
    ap.add_argument("--actors", type=int, default=2, help="scrub actors and generation actors")
    ap.add_argument("--out", type=Path, default=REPO / "eval" / "results" / "bench_scale_ray.json")
    args = ap.parse_args()

    import ray

    from eval.corpora import load_rotten_tomatoes, sample
    from tests.conftest import build_tiny_llama
    from textsynth.records import Record

    rows = sample(load_rotten_tomatoes(), args.n_scrub)
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        path = tmp / "rt.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        model_dir = build_tiny_llama(tmp / "tiny-llama")
        ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False)
        try:
            result = {"load_before": os.getloadavg(), "cpus": os.cpu_count(), "actors": args.actors,
                      "scrub": bench_scrub(path, args.actors)}
            seeds = [Record(id=r["id"], text=r["text"], label=r["label"]) for r in rows[:500]]
            result["generate_filter"] = bench_generate(seeds, model_dir, args.n_gen, args.actors, tmp)
            result["load_after"] = os.getloadavg()
        finally:
            ray.shutdown()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    s, g = result["scrub"], result["generate_filter"]
    print(f"load {result['load_before'][0]:.1f} -> {result['load_after'][0]:.1f} on {result['cpus']} CPUs")
    for name in ("local", "ray"):
        r = s[name]
        print(f"scrub {name:5s} {r['docs']} docs: {r['docs_per_s']:.1f} docs/s in all (start-up {r['startup_s']:.1f} s, "
              f"then {r['steady_docs_per_s']:.1f} docs/s)")
    print(f"scrub ray/local: {s['ray_vs_local_docs_per_s']:.2f}x in all, {s['ray_vs_local_steady_docs_per_s']:.2f}x "
          f"after start-up")
    print(f"generate+filter {g['local']['kept']} kept: local {g['local']['candidates_per_s']:.1f} cand/s "
          f"({g['local']['candidates']} cand, first kept {g['local']['first_kept_s']:.1f} s) | ray "
          f"{g['ray']['candidates_per_s']:.1f} cand/s ({g['ray']['candidates']} cand, first kept "
          f"{g['ray']['first_kept_s']:.1f} s) | ray/local {g['ray_vs_local_candidates_per_s']:.2f}x")
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()
