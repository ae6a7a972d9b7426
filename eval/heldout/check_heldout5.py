"""Check eval/data/pii_multilingual_heldout5.jsonl, the blind fr/de/es/it PII set (issue 15).

Checks that every gold span is an exact substring of its text, that no (type, string) pair is listed twice,
that national ids and IBANs pass python-stdnum, that phone numbers parse as valid with `phonenumbers`
(national forms are read in the text's own country), and that each language reaches the coverage targets.
Prints per-language counts per type. Errors name the line, id, field and span index, never the span itself.

Labelling conventions of the set (written blind, never run through textsynth):
- PERSON: names, first names, surnames, nicknames and name-like handles; titles (M., Frau, Sr., dott.) excluded.
- STREET_ADDRESS: house number + street, plus postcode and city when written on with it (comma or newline).
- LOCATION: cities, districts, parks, countries, and street names used as landmarks without a house number.
- DATE_TIME: calendar dates (day and month, with or without year/weekday); bare weekdays, months, years and
  clock times are not labelled.
- Organisations, brands, products, pets, holidays and schools named after people are not PII.

Usage: python eval/heldout/check_heldout5.py [PATH]
Later sets reuse check() and main() with their own path and size (see check_heldout6.py).
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import phonenumbers
from stdnum import iban
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.it import codicefiscale

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "pii_multilingual_heldout5.jsonl"
TYPES = ("PERSON", "STREET_ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE", "NATIONAL_ID", "DATE_TIME",
         "LOCATION")
LANGS = {"fr": "FR", "de": "DE", "es": "ES", "it": "IT"}
NATIONAL_ID_VALIDATORS = {
    "fr": (nir.is_valid,),
    "de": (idnr.is_valid,),
    "es": (dni.is_valid, nie.is_valid),
    "it": (codicefiscale.is_valid,),
}
TEXTS_PER_LANG = 40
MIN_PERSON = 60
MIN_OTHER = 5
MINIMUMS = {kind: MIN_PERSON if kind == "PERSON" else MIN_OTHER for kind in TYPES}
EMAIL_RE = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")


def span_problem(kind: str, span: str, lang: str) -> str | None:
    """Return why a structured span is invalid, or None when it passes."""
    if kind == "NATIONAL_ID" and not any(ok(span) for ok in NATIONAL_ID_VALIDATORS[lang]):
        return "national id fails stdnum"
    if kind == "IBAN_CODE" and not iban.is_valid(span):
        return "IBAN fails stdnum"
    if kind == "EMAIL_ADDRESS" and not EMAIL_RE.match(span):
        return "not an e-mail address"
    if kind == "PHONE_NUMBER":
        try:
            number = phonenumbers.parse(span, LANGS[lang])
        except phonenumbers.NumberParseException:
            return "phone does not parse"
        if not phonenumbers.is_valid_number(number):
            return "phone is not valid"
    return None


def check(path: Path, texts_per_lang: int = TEXTS_PER_LANG,
          minimums: dict[str, int] | None = None) -> tuple[list[str], dict[str, Counter]]:
    """Validate the file; return (errors, per-language Counter of types plus 'texts').

    minimums maps each type to the spans every language needs (default: set 5's targets)."""
    minimums = MINIMUMS if minimums is None else minimums
    errors: list[str] = []
    counts: dict[str, Counter] = defaultdict(Counter)
    seen_ids: set[str] = set()
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{line_no}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc.msg})")
            continue
        missing = {"id", "lang", "style", "text", "pii"} - row.keys()
        if missing:
            errors.append(f"{where}: missing field(s) {sorted(missing)}")
            continue
        where = f"{where} ({row['id']})"
        lang, text = row["lang"], row["text"]
        if lang not in LANGS:
            errors.append(f"{where}: field lang is {lang!r}, expected one of {sorted(LANGS)}")
            continue
        if row["id"] in seen_ids or not row["id"].startswith(f"{lang}-"):
            errors.append(f"{where}: field id is duplicated or does not start with the language")
        seen_ids.add(row["id"])
        counts[lang]["texts"] += 1
        pairs = [tuple(pair) for pair in row["pii"]]
        if len(set(pairs)) != len(pairs):
            errors.append(f"{where}: field pii lists a (type, string) pair twice")
        for index, (kind, span) in enumerate(pairs):
            if kind not in TYPES:
                errors.append(f"{where}: pii[{index}] has unknown type {kind!r}")
                continue
            if not span or span not in text:
                errors.append(f"{where}: pii[{index}] ({kind}) is not a substring of text")
                continue
            if span != span.strip():
                errors.append(f"{where}: pii[{index}] ({kind}) has surrounding whitespace")
            problem = span_problem(kind, span, lang)
            if problem:
                errors.append(f"{where}: pii[{index}] ({kind}): {problem}")
            counts[lang][kind] += 1
    for lang in LANGS:
        got = counts[lang]
        if got["texts"] != texts_per_lang:
            errors.append(f"{lang}: {got['texts']} texts, expected {texts_per_lang}")
        for kind in TYPES:
            need = minimums[kind]
            if got[kind] < need:
                errors.append(f"{lang}: {got[kind]} {kind} spans, target is at least {need}")
    return errors, counts


def main(argv: list[str], default_path: Path = DEFAULT_PATH, texts_per_lang: int = TEXTS_PER_LANG,
         minimums: dict[str, int] | None = None) -> int:
    """Check the file named in argv[1] (else default_path), print counts per language and type, return 0 if clean."""
    path = Path(argv[1]) if len(argv) > 1 else default_path
    errors, counts = check(path, texts_per_lang, minimums)
    header = f"{'lang':<5}{'texts':>6}" + "".join(f"{kind:>16}" for kind in TYPES)
    print(header)
    for lang in LANGS:
        print(f"{lang:<5}{counts[lang]['texts']:>6}" + "".join(f"{counts[lang][kind]:>16}" for kind in TYPES))
    for error in errors:
        print("ERROR", error, file=sys.stderr)
    print(f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
