"""Check eval/data/pii_multilingual_heldout8.jsonl, the eighth blind fr/de/es/it PII set (issue 15).

Same checks as sets 5-7 (see check_heldout5.py): every span is a substring, no (type, string) pair is listed
twice, ids and IBANs pass python-stdnum, phones are valid for the text's country, and every language reaches
the coverage targets; counts per language and type are printed. Set 8 has 36 texts per language: 12 short
(SMS, tweets, chat lines, app reviews, post-it notes, subject lines), 12 medium (reviews, tickets, forum posts)
and 12 long (e-mail threads, call transcripts, group chats, delivery notes, bookings, HR, school and doctor
notes, classifieds, rental ads, minutes). It leans to harder, more colloquial customer text: lower case and
missing accents, nicknames and hypocoristics, names after role words, greetings and (Italian) articles,
regions and natural places, dates in call logs and forms, casually written addresses.
Written blind: never run through textsynth, written without reading its recognizers.

Conventions (as set 7, made explicit where set 8 adds shapes):
- LOCATION is a place that narrows where a person lives, is, works or goes: villages, towns, cities,
  districts, neighbourhoods, regions, rivers, lakes, mountains, valleys, stations, airports, parks, streets
  or squares named without a house number, foreign cities and countries. The span is the proper name as
  written (lower case and missing accents kept); generic words before it ('lac de', 'gare de', 'Flughafen',
  'valle di') stay outside unless the name itself begins with them. A place inside the name of a firm, club,
  shop, dish, product or event is not LOCATION.
- STREET_ADDRESS: a street or lieu-dit with a house number or building part, with the postcode and town when
  written on with it; casual forms ('dietro' + street + number) keep only street and number. A street named
  without a number is LOCATION. A PO box with its postcode and town is STREET_ADDRESS.
- PERSON excludes titles, kinship words, role words and articles in front of a name ('Mme', 'Herr', 'Dña.',
  'dott.', 'mamie', 'Tante', 'zio', 'der Hausmeister', 'la portinaia', Italian 'il'/'la'); nicknames,
  diminutives, lower-case names and typos are PERSON. A @handle is PERSON without its '@' when it is
  name-like; a brand's handle is not. Names inside e-mail addresses are covered by EMAIL_ADDRESS.
- Pets, brands, shops, apps, products, dishes, TV series, clubs, holidays, months and weekdays are not PII,
  even when they are also first names, surnames or places.
- DATE_TIME: calendar dates and date ranges (day and month, with or without year/weekday), numeric,
  abbreviated or written out, including bare 'dd.mm.' and 'dd/mm' in logs; relative dates, bare weekdays,
  months, years and clock times are not labelled.
- A (type, string) pair is listed once per text even when the string repeats.

Usage: python eval/heldout/check_heldout8.py [PATH]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_heldout5 import TYPES, main  # noqa: E402  (sibling script, not a package)

SET8_PATH = Path(__file__).resolve().parents[1] / "data" / "pii_multilingual_heldout8.jsonl"
SET8_TEXTS_PER_LANG = 36
SET8_MINIMUMS = {kind: 5 for kind in TYPES} | {"PERSON": 50, "LOCATION": 8, "STREET_ADDRESS": 6}

if __name__ == "__main__":
    sys.exit(main(sys.argv, default_path=SET8_PATH, texts_per_lang=SET8_TEXTS_PER_LANG, minimums=SET8_MINIMUMS))
