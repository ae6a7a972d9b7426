"""Bounded memory at scale, measured: peak RSS and throughput of scrub and of generate+filter as n grows.

Each measurement is a fresh child process (``python eval/bench_scale.py --worker ...``); the parent polls the
child's whole process tree with psutil (peak of the summed RSS; scrub worker processes are forked, so shared
pages count once per process and the sum overstates) and each child reports ``resource.getrusage`` ru_maxrss of
itself (RUSAGE_SELF) and of its largest worker process (RUSAGE_CHILDREN). All sizes of one section run in the same invocation,
one after another, so they see the same load.

(a) scrub of N short real texts (Rotten Tomatoes snippets, data/; beyond the corpus's ~12k distinct snippets each
    repeat gets a distinct suffix, so no two documents are equal and the scrubber's per-batch de-duplication
    does not flatter it), side by side:
    - ``cli``: ``textsynth scrub IN -o OUT --rejects R --seed-pii P --audit A`` (``scrub_file``);
    - ``pipeline``: the run's scrub stage (``seed_stream.scrub_seeds``: read -> scrub -> split, journalled shards)
      as ``run_pipeline`` runs it, but with ``keep=False``: records are not held for the next stage;
    - ``pipeline-keep`` (with --keep-side): the same stage handing every seed on in memory, as ``run_pipeline``
      does today (the generator and the filters' indexes need the seeds), to show what that costs.
(b) generate+filter of N candidates with a tiny random Llama (2 layers, hidden 32; built like the tests' one),
    the gate (``gate.generate_filtered``) with journal and appended outputs, filters ngram + minhash (the ones
    that remember kept records; quality/label would reject the random model's gibberish), 1,000 real seeds:
    peak RSS, time to the first kept record on disk (from process start, model load included), candidates/s
    and progress updates per minute (per-document callbacks).

(c) time to the first kept record (``--first-kept tiny,demo``): the gate from process start until its first kept
    record is on disk, with the tiny model (as in (b)) and with the demo config (eval/demo_sentiment.yaml: the
    embedded model, MiniLM neighbours, label classifier, Presidio PII filter); ``--baseline DIR`` runs the same
    workers on another checkout's textsynth (e.g. ``git worktree add --detach /tmp/main-base main``), alternately.

Targets (issue 12): RSS growth < 300 MB from 10k to 1M seeds, < 200 MB from 1k to 20k candidates; first kept
record within 60 s. On a 2-core machine shared with other jobs 1M scrubbed documents take hours, so the sizes
are flags; growth beyond the largest size measured is only ever reported as "extrapolated" (linear in n).

    python eval/bench_scale.py [--scrub-sizes 2000,10000] [--gen-sizes 1000,20000] [--skip-scrub|--skip-gen]
                               [--keep-side] [--first-kept tiny,demo --baseline DIR --repeats 2]
                               [--json eval/results/bench_scale.json]
    python eval/bench_scale.py --engine ray [--n-scrub 20000 --n-gen 400]   (local vs Ray: eval/bench_scale_ray.py)
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

SUFFIXES = ("", " Still worth a look.", " Others may disagree.", " That is all.", " Make of it what you will.")


def write_docs(n: int, path: Path) -> Path:
    """n Rotten Tomatoes snippets as JSONL {id, text, label}; repeats get a distinct suffix and number."""
    from corpora import load_rotten_tomatoes

    rows = load_rotten_tomatoes()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            r = rows[i % len(rows)]
            k = i // len(rows)
            text = r["text"] if k == 0 else f"{r['text']}{SUFFIXES[k % len(SUFFIXES)]} ({k})"
            fh.write(json.dumps({"id": f"d{i}", "text": text, "label": r["label"]}) + "\n")
    return path


# -- workers (child processes) ------------------------------------------------------------------------------

def worker_scrub_cli(args: argparse.Namespace) -> dict:
    from textsynth.cli import main

    out = Path(args.out)
    sys.argv = ["textsynth", "scrub", args.input, "-o", str(out / "scrubbed.jsonl"), "--rejects",
                str(out / "rejects.jsonl"), "--seed-pii", str(out / "seed_pii.json"), "--audit",
                str(out / "audit.json"), "--no-progress", "--overwrite"]  # the bench's own files from an earlier run
    start = time.time()
    try:
        main()
    except SystemExit as exc:
        if exc.code:
            raise
    return {"work_s": round(time.time() - start, 2), "docs_out": sum(1 for _ in (out / "scrubbed.jsonl").open())}


def worker_scrub_pipeline(args: argparse.Namespace) -> dict:
    from textsynth.config import ReadConfig, RunConfig
    from textsynth.seed_stream import scrub_seeds

    cfg = RunConfig(input=args.input, run_dir=args.out, read=ReadConfig(on_error="skip"))
    start = time.time()
    res = scrub_seeds(cfg, Path(args.out) / "scrub", "bench", resume=False, keep=args.keep)
    return {"work_s": round(time.time() - start, 2), "docs_out": res.counts["seeds"] + res.counts["real_test"], "held_in_memory": len(res.seeds) + len(res.test)}


def worker_generate(args: argparse.Namespace) -> dict:
    from corpora import load_rotten_tomatoes, sample

    from textsynth.config import FilterConfig, GenerateConfig, ModelConfig, SamplingConfig
    from textsynth.errors import GenerationCapError
    from textsynth.gate import generate_filtered
    from textsynth.records import Record

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import build_tiny_llama  # the tests' tiny random Llama, built from a config (no download)

    out = Path(args.out)
    model_dir = build_tiny_llama(out / "tiny-llama")
    seeds = [Record(r["id"], r["text"], label=r["label"]) for r in sample(load_rotten_tomatoes(), 1000, seed=0)]
    cfg = GenerateConfig(task="sentiment", n=args.n, batch_size=64, num_shots=1, shard_size=args.shard_size,
                         model=ModelConfig(model=str(model_dir), device="cpu"),
                         sampling=SamplingConfig(max_new_tokens=12, temperature=1.0))
    fcfg = FilterConfig(filters=("ngram", "minhash"), max_attempts_factor=1.0)  # about n candidates at most
    context = {}
    if args.redact == "regex":  # the tests' regex scrubber redacts rejects instead of Presidio (see --redact)
        from filters.conftest import fake_scrub

        context["scrub_fn"] = fake_scrub
    kept_path = out / "kept.jsonl"
    first_kept: list[float] = []
    updates = [0]

    def watch() -> None:  # the first kept record appended to the output file
        while not first_kept:
            if kept_path.exists() and kept_path.stat().st_size > 0:
                first_kept.append(time.time())
                return
            time.sleep(0.05)

    threading.Thread(target=watch, daemon=True).start()

    def progress(candidates: int, kept: int) -> None:
        updates[0] += 1

    start = time.time()
    try:
        res = generate_filtered(cfg, seeds, fcfg, output=kept_path, journal=out / "journal", progress=progress,
                                **context)
        stats = res.stats
    except GenerationCapError as err:
        stats = err.result.stats  # type: ignore[attr-defined]
    loop_s = time.time() - start
    rs = stats["resample"]
    return {"candidates": rs["generated"], "kept": rs["kept"], "drops_by_reason": rs["drops_by_reason"], "shards": rs["shards"], "loop_s": round(loop_s, 2),
            "candidates_per_s": round(rs["generated"] / loop_s, 1), "progress_updates": updates[0],
            "progress_updates_per_min": round(updates[0] / (loop_s / 60), 1),
            "first_kept_at": first_kept[0] if first_kept else None}


def worker_first_kept(args: argparse.Namespace) -> dict:
    """The gate until its first kept record is on disk (then the process ends): ``--model tiny`` (the tiny random
    Llama, ngram + minhash, 1,000 seeds) or ``demo`` (eval/demo_sentiment.yaml: the embedded model and every
    default filter, MiniLM and Presidio included, on the demo's first 1,200 seeds, as its scrub stage keeps)."""
    if args.code_root:  # another checkout's textsynth (e.g. main) measured by this same script
        sys.path.insert(0, args.code_root)
    from textsynth.config import FilterConfig, GenerateConfig, ModelConfig, RunConfig, SamplingConfig
    from textsynth.gate import generate_filtered
    from textsynth.records import Record

    out = Path(args.out)
    context: dict = {}
    if args.model == "demo":
        cfg = RunConfig.from_yaml(ROOT / "eval" / "demo_sentiment.yaml")
        gen_cfg, filter_cfg, scrub_cfg = cfg.generate, cfg.filter, cfg.scrub
        with (ROOT / "data" / "demo" / "rt_seeds.jsonl").open(encoding="utf-8") as fh:
            seeds = [Record.from_dict(json.loads(line)) for line, _ in zip(fh, range(1200))]
    else:
        from corpora import load_rotten_tomatoes, sample

        sys.path.insert(0, str(ROOT / "tests"))
        from conftest import build_tiny_llama
        from filters.conftest import fake_scrub

        seeds = [Record(r["id"], r["text"], label=r["label"]) for r in sample(load_rotten_tomatoes(), 1000, seed=0)]
        gen_cfg = GenerateConfig(task="sentiment", n=200, batch_size=64, num_shots=1,
                                 model=ModelConfig(model=str(build_tiny_llama(out / "tiny-llama")), device="cpu"),
                                 sampling=SamplingConfig(max_new_tokens=12, temperature=1.0))
        filter_cfg, scrub_cfg, context = FilterConfig(filters=("ngram", "minhash")), None, {"scrub_fn": fake_scrub}
    kept_path = out / "kept.jsonl"

    def watch() -> None:  # the first kept record appended to the output file ends the measurement
        while not (kept_path.exists() and kept_path.stat().st_size > 0):
            time.sleep(0.05)
        print(json.dumps({"first_kept_at": time.time(), "model": args.model,
                          "self_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}),
              flush=True)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
    generate_filtered(gen_cfg, seeds, filter_cfg, scrub_config=scrub_cfg, output=kept_path, journal=out / "journal",
                      progress=False, **context)
    time.sleep(1)  # the watcher exits the process
    raise SystemExit("the gate ended without a kept record")


WORKERS = {"scrub-cli": worker_scrub_cli, "scrub-pipeline": worker_scrub_pipeline, "generate": worker_generate,
           "first-kept": worker_first_kept}


# -- parent: one child per measurement ----------------------------------------------------------------------

def measure(side: str, extra: list[str]) -> dict:
    """Run a worker child; wall time, peak summed RSS of its process tree (polled), peak RSS of one process."""
    import psutil

    start = time.time()
    proc = subprocess.Popen([sys.executable, __file__, "--worker", side, *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env={**os.environ, "TQDM_DISABLE": "1"})
    peak = 0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [ps, *ps.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    wall = time.time() - start
    out = proc.stdout.read() if proc.stdout else ""
    if proc.returncode:
        raise SystemExit(f"worker {side} failed with exit code {proc.returncode}")
    res = json.loads(out.strip().splitlines()[-1])
    res.update({"wall_s": round(wall, 2), "peak_tree_rss_mb": round(peak / 2**20, 1)})
    if res.get("first_kept_at"):
        res["first_kept_s"] = round(res.pop("first_kept_at") - start, 2)
    return res


def growth(rows: list[dict], key: str) -> dict:
    a, b = rows[0], rows[-1]
    per_doc = (b[key] - a[key]) / (b["n"] - a["n"]) if b["n"] > a["n"] else None
    return {"from_n": a["n"], "to_n": b["n"], "growth_mb": round(b[key] - a[key], 1),
            "mb_per_1k_docs": round(per_doc * 1000, 3) if per_doc is not None else None}


def first_kept_side_by_side(args: argparse.Namespace, tmp: Path) -> list[dict]:
    """Seconds from process start to the first kept record on disk, this checkout and ``--baseline`` alternately."""
    sides = [("this", None)] + ([("baseline", args.baseline)] if args.baseline else [])
    rows = []
    for model in args.first_kept.split(","):
        for rep in range(args.repeats):
            for name, root in (sides if rep % 2 == 0 else sides[::-1]):
                out = tmp / f"first-{model}-{name}-{rep}"
                out.mkdir()
                r = measure("first-kept", ["--out", str(out), "--model", model,
                                           *(["--code-root", root] if root else [])])
                r.update({"side": name, "code": root or str(ROOT), "repeat": rep, "load": os.getloadavg()})
                rows.append(r)
                print(f"first kept record, {model:4s} model, {name:8s}: {r['first_kept_s']:7.1f} s "
                      f"(peak RSS tree {r['peak_tree_rss_mb']} MB, load {os.getloadavg()[0]:.1f})", flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scrub-sizes", default="2000,10000")
    ap.add_argument("--gen-sizes", default="1000,20000")
    ap.add_argument("--shard-size", type=int, default=64, help="candidates per gate shard")
    ap.add_argument("--redact", choices=("presidio", "regex"), default="presidio",
                    help="how the gate redacts rejects: the real scrubber, or the tests' regex one (the random "
                         "model's outputs are ~90%% rejects, so redaction bounds the loop's speed on a loaded machine)")
    ap.add_argument("--skip-scrub", action="store_true")
    ap.add_argument("--skip-gen", action="store_true")
    ap.add_argument("--keep-side", action="store_true", help="also measure the scrub stage holding its records")
    ap.add_argument("--first-kept", default="", help="models (tiny,demo) whose time to the first kept record is "
                    "measured, each size a child process; with --baseline, alternately with that checkout's code")
    ap.add_argument("--baseline", help="another checkout (e.g. a worktree of main) to measure side by side")
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--worker", choices=sorted(WORKERS))
    ap.add_argument("--input")
    ap.add_argument("--out")
    ap.add_argument("--n", type=int)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--model", choices=("tiny", "demo"), default="tiny")
    ap.add_argument("--code-root")
    ap.add_argument("--engine", choices=("local", "ray"), default="local",
                    help="ray: the local and the Ray engine side by side (eval/bench_scale_ray.py, which takes the "
                         "other options: --n-scrub, --n-gen, --actors, --out)")
    args, rest = ap.parse_known_args()
    if args.engine == "ray":
        import runpy

        sys.argv = [str(ROOT / "eval" / "bench_scale_ray.py"), *rest]
        runpy.run_path(sys.argv[0], run_name="__main__")
        return
    if rest:
        ap.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.worker:
        res = WORKERS[args.worker](args)
        res["self_maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        res["children_maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
        print(json.dumps(res))
        return

    results: dict = {"load_before": os.getloadavg(), "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        tmp = Path(tmp)
        if not args.skip_scrub:
            sides = [("cli", "scrub-cli", []), ("pipeline", "scrub-pipeline", [])]
            if args.keep_side:
                sides.append(("pipeline-keep", "scrub-pipeline", ["--keep"]))
            scrub: dict[str, list[dict]] = {name: [] for name, _, _ in sides}
            for n in [int(x) for x in args.scrub_sizes.split(",")]:
                docs = write_docs(n, tmp / f"docs-{n}.jsonl")
                for name, worker, extra in sides:
                    out = tmp / f"{name}-{n}"
                    out.mkdir()
                    r = measure(worker, ["--input", str(docs), "--out", str(out), *extra])
                    r.update({"n": n, "docs_per_s": round(n / r["wall_s"], 1),
                              "docs_per_s_after_startup": round(n / r["work_s"], 1)})
                    scrub[name].append(r)
                    print(f"scrub {name:13s} n={n:>7}: {r['docs_per_s']:7.1f} docs/s "
                          f"({r['docs_per_s_after_startup']} after start-up), peak RSS tree "
                          f"{r['peak_tree_rss_mb']:7.1f} MB, main process {r['self_maxrss_mb']} MB, largest worker "
                          f"{r['children_maxrss_mb']} MB "
                          f"(load {os.getloadavg()[0]:.1f})", flush=True)
                    if args.json:  # what is measured so far survives an interrupted long run
                        args.json.parent.mkdir(parents=True, exist_ok=True)
                        args.json.write_text(json.dumps({**results, "scrub_partial": scrub}, indent=1) + "\n")
            results["scrub"] = {name: {"runs": rows, "growth_tree_rss": growth(rows, "peak_tree_rss_mb")}
                                for name, rows in scrub.items()}
        if args.first_kept:
            results["first_kept"] = first_kept_side_by_side(args, tmp)
        if not args.skip_gen:
            rows = []
            for n in [int(x) for x in args.gen_sizes.split(",")]:
                out = tmp / f"gen-{n}"
                out.mkdir()
                r = measure("generate", ["--out", str(out), "--n", str(n), "--shard-size", str(args.shard_size),
                                         "--redact", args.redact])
                r.update({"n": n, "redact": args.redact})
                rows.append(r)
                print(f"generate+filter n={n:>6}: {r['candidates']} candidates, {r['kept']} kept, "
                      f"{r['candidates_per_s']} cand/s, first kept after {r.get('first_kept_s')} s, "
                      f"{r['progress_updates_per_min']} progress updates/min, peak RSS tree "
                      f"{r['peak_tree_rss_mb']} MB (load {os.getloadavg()[0]:.1f})", flush=True)
            results["generate_filter"] = {"runs": rows, "growth_tree_rss": growth(rows, "peak_tree_rss_mb")}
    results["load_after"] = os.getloadavg()
    print(json.dumps({k: v.get("growth_tree_rss") if isinstance(v, dict) and "growth_tree_rss" in v else v
                      for k, v in results.items() if k != "scrub"}, indent=1))
    for name, side in results.get("scrub", {}).items():
        print(f"scrub {name}: {json.dumps(side['growth_tree_rss'])}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
