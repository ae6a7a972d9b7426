"""Check eval/data/pii_multilingual_heldout7.jsonl, the seventh blind fr/de/es/it PII set (issue 15).

Same checks and labelling conventions as sets 5 and 6 (see check_heldout5.py, check_heldout6.py): every span
is a substring, no (type, string) pair is listed twice, ids and IBANs pass python-stdnum, phones are valid for
the text's country. Set 7 has 36 texts per language: 12 short (tweets, SMS, app reviews, chat lines, post-it
notes, subject lines), 12 medium (reviews, support tickets, forum posts) and 12 long (e-mail threads, call
transcripts, group chats, delivery notes, bookings, HR, school and doctor notes, classifieds, minutes).
Written blind: never run through textsynth, written without reading its recognizers.

Conventions stated for set 7:
- LOCATION is a place that narrows where a person lives, is, works or goes: villages, towns, cities,
  districts, neighbourhoods, regions, rivers, lakes, mountains, stations, airports, parks, streets or squares
  named without a house number, and foreign cities and countries. The span is the proper name as written
  (lower case and missing accents kept); generic words before it ('gare de', 'hôpital de', 'Flughafen')
  stay outside unless the name itself begins with them ('Gare du Nord'). A place inside the name of a firm,
  club, shop, dish or product ('Stade Rennais', 'Paris-Brest', 'Foncia Nîmes Centre') is not LOCATION.
- PERSON excludes titles and kinship words used as titles ('Mme', 'Herr', 'Dña.', 'dott.', 'mamie',
  'Tante', 'zio'); nicknames, diminutives, lower-case names and typos are PERSON. A @handle is PERSON
  without its '@' when it is name-like; a brand's handle is not.
- Pets, brands, shops, apps, products, TV series, clubs, holidays, months and weekdays are not PII, even
  when they are also first names or surnames.
- DATE_TIME: calendar dates and date ranges (day and month, with or without year/weekday), numeric or
  written out; relative dates, bare weekdays, months, years and clock times are not labelled.

Usage: python eval/heldout/check_heldout7.py [PATH]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_heldout5 import TYPES, main  # noqa: E402  (sibling script, not a package)

SET7_PATH = Path(__file__).resolve().parents[1] / "data" / "pii_multilingual_heldout7.jsonl"
SET7_TEXTS_PER_LANG = 36
SET7_MINIMUMS = {kind: 5 for kind in TYPES} | {"PERSON": 50, "LOCATION": 8, "STREET_ADDRESS": 6}

if __name__ == "__main__":
    sys.exit(main(sys.argv, default_path=SET7_PATH, texts_per_lang=SET7_TEXTS_PER_LANG, minimums=SET7_MINIMUMS))
