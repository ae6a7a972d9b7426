"""How much of the budget the output PII gate throws away on ordinary short texts.

Candidates: a seeded sample of real chitchat turns (short, informal, full of "tonight", first names and
places), plus the same turns with an ``@user`` handle in front (the shape of a tweet). None of them is a
seed, so a perfect gate rejects none; every rejection is budget lost. Runs the real PII filter (Presidio +
spaCy) in each ``pii_action`` mode and prints the share rejected and the entity counts it reports.

    python eval/pii_gate_rates.py [--n 300] [--modes reject,fake]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import load_chitchat  # noqa: E402

from textsynth.config import FilterConfig  # noqa: E402
from textsynth.filters.filter_records import filter_records  # noqa: E402
from textsynth.records import Record  # noqa: E402


def candidates(n: int, seed: int = 0) -> dict[str, list[Record]]:
    """Groups of ``n`` chitchat turns of at most 40 words: a plain sample, the same turns with an @user handle
    in front, and turns that mention "tonight"."""
    turns = [m["content"] for conv in load_chitchat() for m in conv["messages"] if len(m["content"].split()) <= 40]
    rng = random.Random(seed)
    picked = rng.sample(turns, n)
    tonight = [t for t in turns if "tonight" in t.lower()]
    tonight = rng.sample(tonight, min(n, len(tonight)))
    return {"plain": [Record(f"p{i}", t) for i, t in enumerate(picked)],
            "@user": [Record(f"h{i}", f"@user {t}") for i, t in enumerate(picked)],
            "tonight": [Record(f"t{i}", t) for i, t in enumerate(tonight)]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--modes", default="reject,fake")
    ap.add_argument("--out", type=Path, default=None, help="JSON file for the figures")
    args = ap.parse_args()
    groups = candidates(args.n)
    results = {}
    for mode in args.modes.split(","):
        results[mode] = {}
        for group, cands in groups.items():
            t0 = time.perf_counter()
            res = filter_records([Record(r.id, r.text) for r in cands], [],
                                 FilterConfig(filters=("pii",), pii_action=mode))
            pii = res.stats["filters"]["pii"]
            entities = {t: c["found"] for t, c in pii.get("entities", {}).items()}  # absent before the fix
            results[mode][group] = {"candidates": len(cands), "rejected": len(res.rejected),
                                    "rejected_share": len(res.rejected) / len(cands), "reasons": pii["reasons"],
                                    "entities": entities, "seconds": time.perf_counter() - t0}
            print(f"{mode:8s} {group:8s} rejected {len(res.rejected):4d}/{len(cands)} = "
                  f"{len(res.rejected) / len(cands):6.1%}  reasons={pii['reasons']}  entities={entities}")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
