"""Exactness of the memorisation gate on real Rotten Tomatoes snippets.

Seeds are real RT snippets. Candidates are made from them: verbatim copies, light edits (1-3 words replaced),
sentence/clause-shuffled copies, copies embedded in longer text, rough paraphrases (synonyms, dropped words,
reordered clauses), and unrelated texts (held-out RT snippets never in the seed set, and chitchat turns).
Targets: every verbatim/embedded copy rejected, >= 95% of light edits rejected, >= 98% of unrelated kept.

    python eval/filter_exactness.py [--seeds 3000] [--per-kind 300] [--out runs/filter_exactness.json]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from textsynth.config import FilterConfig
from textsynth.demo import corpora
from textsynth.filters.filter_records import filter_records
from textsynth.filters.ngram import MIN_CONTAINED_WORDS
from textsynth.core.text import words
from textsynth.records import Record

GATE = ("ngram", "minhash", "neighbours")
TARGETS = {"verbatim": 1.0, "embedded": 1.0, "light_edit": 0.95}  # minimum rejection rates
UNRELATED_MIN_KEPT = 0.98
SYNONYMS = {
    "film": "movie", "movie": "picture", "good": "decent", "great": "excellent", "bad": "poor", "funny": "amusing",
    "story": "narrative", "director": "filmmaker", "performance": "turn", "performances": "turns", "best": "finest",
    "beautiful": "lovely", "boring": "tedious", "characters": "roles", "character": "role", "never": "not once",
    "little": "small", "big": "large", "really": "truly", "very": "highly", "often": "frequently", "makes": "renders",
    "comedy": "farce", "drama": "melodrama", "plot": "storyline", "script": "screenplay", "audience": "viewers",
    "smart": "clever", "dull": "flat", "fun": "enjoyable", "new": "fresh", "old": "dated", "too": "overly",
}


def dedupe(rows: list[dict]) -> list[dict]:
    seen, out = set(), []
    for r in rows:
        key = " ".join(words(r["text"]))
        if key and key not in seen:
            seen.add(key)
            out.append(r)
    return out


def light_edit(text: str, rng: random.Random, vocab: list[str]) -> str:
    toks = text.split()
    k = min(3, max(1, round(len(toks) * 0.1)))
    for i in rng.sample(range(len(toks)), k):
        toks[i] = rng.choice(vocab)
    return " ".join(toks)


def segments(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+", text) if p.strip()]
    if len(parts) < 2:
        parts = [p.strip() for p in re.split(r"(?<=[,;:])\s+|\s+--\s+", text) if p.strip()]
    return parts


def shuffled(text: str, rng: random.Random) -> str | None:
    parts = segments(text)
    if len(parts) < 2:
        return None
    order = list(range(len(parts)))
    while order == sorted(order):
        rng.shuffle(order)
    return " ".join(parts[i] for i in order)


def paraphrase(text: str, rng: random.Random) -> str:
    parts = segments(text)
    if len(parts) >= 2:
        rng.shuffle(parts)
    out = []
    for tok in " ".join(parts).split():
        low = tok.lower().strip(".,!?;:")
        if low in SYNONYMS:
            out.append(SYNONYMS[low])
        elif low in ("the", "a", "an", "that", "very", "really", "just") and rng.random() < 0.5:
            continue
        else:
            out.append(tok)
    return " ".join(out)


def build_corpus(n_seeds: int, per_kind: int, seed: int = 0) -> tuple[list[Record], list[Record]]:
    """(seeds, candidates); each candidate's meta["kind"] says how it was made."""

    rng = random.Random(seed)
    rt = dedupe(corpora.load_rotten_tomatoes())
    rng.shuffle(rt)
    seed_rows, held_out = rt[:n_seeds], rt[n_seeds:]
    seeds = [Record(id=r["id"], text=r["text"], label=r["label"]) for r in seed_rows]
    vocab = sorted({w for r in held_out[:2000] for w in r["text"].split() if w.isalpha()})
    chat_turns = [m["content"] for c in corpora.load_chitchat(max_turns=1000) for m in c["messages"]
                  if len(m["content"].split()) >= 5]
    rng.shuffle(chat_turns)
    # Sources long enough to count as a memorised document (short seeds are only checked as exact copies).
    sources = [s for s in seeds if len(words(s.text)) >= MIN_CONTAINED_WORDS]
    cands: list[Record] = []

    def add(kind: str, text: str, src: Record | None, label: str | None) -> None:
        cands.append(Record(id=f"{kind}-{len(cands)}", text=text, label=label,
                            meta={"kind": kind, "source": src.id if src else None}))

    for s in rng.sample(seeds, per_kind):
        add("verbatim", s.text, s, s.label)
    for s in rng.sample(sources, per_kind):
        add("light_edit", light_edit(s.text, rng, vocab), s, s.label)
    shufflable = [s for s in sources if shuffled(s.text, random.Random(0))]
    for s in rng.sample(shufflable, min(per_kind, len(shufflable))):
        add("shuffled", shuffled(s.text, rng), s, s.label)
    for s in rng.sample(sources, per_kind):
        before, after = rng.choice(chat_turns), rng.choice(held_out)["text"]
        add("embedded", f"{before} {s.text} {after}", s, s.label)
    for s in rng.sample(sources, per_kind):
        add("paraphrase", paraphrase(s.text, rng), s, s.label)
    for r in held_out[:per_kind]:
        add("unrelated_rt", r["text"], None, r["label"])
    for t in chat_turns[:per_kind]:
        add("unrelated_chat", t, None, None)
    return seeds, cands


def evaluate(seeds: list[Record], cands: list[Record], config: FilterConfig, **context) -> dict:
    t0 = time.perf_counter()
    res = filter_records(cands, seeds, config, **context)
    elapsed = time.perf_counter() - t0
    kinds = Counter(c.meta["kind"] for c in cands)
    rejected = defaultdict(Counter)
    by_id = {c.id: c.meta["kind"] for c in cands}
    for rej in res.rejected:
        rejected[by_id[rej.record_id]][rej.detail["filter"] + ":" + rej.reason] += 1
    table = {}
    for kind, n in kinds.items():
        nrej = sum(rejected[kind].values())
        table[kind] = {"n": n, "rejected": nrej, "rejected_rate": nrej / n, "by": dict(rejected[kind])}
    unrelated_n = kinds["unrelated_rt"] + kinds["unrelated_chat"]
    unrelated_rej = table["unrelated_rt"]["rejected"] + table["unrelated_chat"]["rejected"]
    checks = {f"{k}_rejected>={v:.0%}": table[k]["rejected_rate"] >= v for k, v in TARGETS.items()}
    kept_rate = 1 - unrelated_rej / unrelated_n
    checks[f"unrelated_kept>={UNRELATED_MIN_KEPT:.0%}"] = kept_rate >= UNRELATED_MIN_KEPT
    return {"filters": list(config.filters), "n_seeds": len(seeds), "n_candidates": len(cands),
            "seconds": round(elapsed, 2), "unrelated_kept_rate": kept_rate, "kinds": table, "checks": checks,
            "all_pass": all(checks.values()), "stats": res.stats}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=3000)
    ap.add_argument("--per-kind", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="runs/filter_exactness.json")
    args = ap.parse_args()
    seeds, cands = build_corpus(args.seeds, args.per_kind, args.seed)
    report = evaluate(seeds, cands, FilterConfig(filters=GATE))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2))
    print(f"seeds={report['n_seeds']} candidates={report['n_candidates']} gate={'+'.join(GATE)} "
          f"time={report['seconds']}s")
    print(f"{'kind':16s} {'n':>5s} {'rejected':>9s}  by filter")
    for kind, row in report["kinds"].items():
        by = ", ".join(f"{k}={v}" for k, v in sorted(row["by"].items(), key=lambda kv: -kv[1]))
        print(f"{kind:16s} {row['n']:5d} {row['rejected_rate']:9.1%}  {by}")
    print(f"unrelated kept: {report['unrelated_kept_rate']:.1%}")
    for name, ok in report["checks"].items():
        print(f"  {'PASS' if ok else 'FAIL'} {name}")
    print(f"wrote {args.out}")
    return 0 if report["all_pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
