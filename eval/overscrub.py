"""Over-scrubbing: how much text without PII the scrub stage changes.

(a) Common words alone: each of the N most frequent English words (wordfreq.top_n_list('en', N)) is scrubbed
    as its own one-word document; a word counts as changed if the output differs from the input. A scrubber
    that keeps seeds usable changes (almost) none of them ("meh" is not a person, "years" is not a date).
(b) PII-free real text: Rotten Tomatoes snippets with no digit and no capitalised word but "I" and sentence
    starts that are frequent words and no known name (so no name, place, date or number), a seeded sample. Reports the share
    of snippets changed and the share of their words kept (token-aligned with difflib).

Both with the `fake` strategy (the default), so a changed word is a surrogate, as a user would see it.

    python eval/overscrub.py [--top 5000] [--n-real 500] [--seed 0] [--json OUT]
"""
from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

_TOKEN = re.compile(r"\w+|[^\w\s]")
# Words that may be capitalised anywhere without being a proper noun.
_ALWAYS_CAP = re.compile(r"^(?:I|I'm|I've|I'd|I'll)$")


def scrub_texts(texts: list[str], strategy: str = "fake") -> list[str]:
    """The scrub stage on one-text records, outputs in input order."""
    from textsynth import scrub
    from textsynth.config import ScrubConfig
    from textsynth.records import Record

    config = ScrubConfig(strategy=strategy, salt="overscrub", n_process=1)
    result = scrub([Record(id=str(i), text=t) for i, t in enumerate(texts)], config)
    by_id = {r.id: r.text for r in result.records}
    return [by_id.get(str(i), "") for i in range(len(texts))]


def is_pii_free(text: str) -> bool:
    """A conservative proxy for "holds no PII": no digit, and no capitalised word other than "I" or a sentence
    start that is a frequent English word (wordfreq) found in no Faker name list ("The", "Even"; not "Smith")."""
    from textsynth.scrubbing.lexicon import is_common_word, is_known_name

    if re.search(r"\d", text):
        return False
    for m in re.finditer(r"[^\W\d_][\w'’]*", text):
        word = m.group()
        if not word[0].isupper() or _ALWAYS_CAP.match(word):
            continue
        before = text[:m.start()].rstrip(" \t\"'“‘(")
        if before and before[-1] not in ".!?\n:":
            return False
        word = re.sub(r"['’]s?$", "", word)
        if not is_common_word(word) or is_known_name(word):
            return False
    return True


def words_kept(original: str, scrubbed: str) -> tuple[int, int]:
    """(word tokens of `original` that survive in place in `scrubbed`, word tokens of `original`)."""
    a = _TOKEN.findall(original)
    b = _TOKEN.findall(scrubbed)
    words = [i for i, t in enumerate(a) if re.match(r"\w", t)]
    alive = set()
    for block in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks():
        alive.update(range(block.a, block.a + block.size))
    return sum(i in alive for i in words), len(words)


def common_words(top: int, strategy: str) -> dict:
    """Scrub each of the `top` most frequent English words alone; report the changed ones."""
    from wordfreq import top_n_list

    vocab = top_n_list("en", top)
    t0 = time.perf_counter()
    outputs = scrub_texts(vocab, strategy)
    changed = [(w, o) for w, o in zip(vocab, outputs) if o != w]
    return {"words": len(vocab), "changed": len(changed), "share_changed": len(changed) / len(vocab),
            "changed_words": [w for w, _ in changed], "examples": changed[:25],
            "seconds": round(time.perf_counter() - t0, 1)}


def real_snippets(n: int, seed: int, strategy: str) -> dict:
    """Scrub a seeded sample of PII-free Rotten Tomatoes snippets; report what changed."""
    from corpora import load_rotten_tomatoes

    pool = sorted({r["text"] for r in load_rotten_tomatoes() if is_pii_free(r["text"])})
    texts = random.Random(seed).sample(pool, min(n, len(pool)))
    t0 = time.perf_counter()
    outputs = scrub_texts(texts, strategy)
    kept = total = 0
    changed = []
    for t, o in zip(texts, outputs):
        k, n_words = words_kept(t, o)
        kept, total = kept + k, total + n_words
        if o != t:
            changed.append((t, o))
    return {"pool": len(pool), "texts": len(texts), "changed": len(changed),
            "share_changed": len(changed) / len(texts) if texts else float("nan"),
            "words_kept": kept / total if total else float("nan"), "examples": changed[:10],
            "seconds": round(time.perf_counter() - t0, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=5000, help="how many of the most frequent English words")
    parser.add_argument("--n-real", type=int, default=500, help="PII-free Rotten Tomatoes snippets to scrub")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--strategy", default="fake", choices=("fake", "tag", "hash", "redact"))
    parser.add_argument("--show", type=int, default=15, help="examples to print")
    parser.add_argument("--json", type=Path, help="write figures to this JSON file")
    args = parser.parse_args(argv)

    out: dict = {"strategy": args.strategy, "seed": args.seed}
    if args.top:
        words = common_words(args.top, args.strategy)
        out["common_words"] = words
        print(f"\n== top {words['words']} English words (wordfreq), each scrubbed alone ==")
        print(f"changed: {words['changed']} ({100 * words['share_changed']:.2f}%)   [{words['seconds']}s]")
        for w, o in words["examples"][: args.show]:
            print(f"  {w!r} -> {o!r}")
    if args.n_real:
        real = real_snippets(args.n_real, args.seed, args.strategy)
        out["real_pii_free"] = real
        print(f"\n== {real['texts']} PII-free Rotten Tomatoes snippets (of {real['pool']}) ==")
        print(f"changed: {real['changed']} ({100 * real['share_changed']:.2f}%)   "
              f"words kept: {real['words_kept']:.4f}   [{real['seconds']}s]")
        for t, o in real["examples"][: args.show]:
            print(f"  {t[:100]!r}\n    -> {o[:100]!r}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
