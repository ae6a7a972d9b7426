"""Check eval/data/pii_multilingual_heldout9.jsonl, the ninth blind fr/de/es/it PII set (issue 15).

Same checks as sets 5-8 (see check_heldout5.py): every span is a substring, no (type, string) pair is listed
twice, ids and IBANs pass python-stdnum, phones are valid for the text's country, and every language reaches
the coverage targets; counts per language and type are printed. Set 9 has 40 texts per language, mixed as the
product meets them when users scrub customer text before building sentiment and chatbot corpora: 12 reviews
(restaurants, hotels, products, doctors, craftsmen, landlords, delivery riders; three per language carry no
PII at all and measure over-scrubbing), 10 support e-mails and tickets (order numbers, signatures, quoted
reply headers, IBANs for refunds, national ids in identity checks), 10 chat transcripts (agent/customer,
host/guest, bank and insurance bots, chatbot requests; lower case, missing accents, typos) and 8 forms or
structured records (registrations, rental applications, claims, patient intake, job and agency forms,
delivery notes, group bookings, KYC summaries). Names are hand-invented, many of them regional,
immigrant-origin, double-barrelled or with particles; brands, dishes, products, streets and companies named
after people or places are mixed in as over-scrubbing traps.
Written blind: never run through textsynth or any PII detector, written without reading its recognizers.

Conventions (as set 8):
- LOCATION is a place that narrows where a person lives, is, works or goes: villages, towns, cities,
  districts, regions, rivers, lakes, valleys, stations, airports, streets or squares named without a house
  number, foreign cities and countries. The span is the proper name as written (lower case and missing
  accents kept); generic words before it ('île de', 'Lagos de') stay outside unless the name itself begins
  with them ('Kloster Eberbach', 'Val d'Orcia', 'calle Sierpes'). A place inside the name of a firm, shop,
  dish, product or event ('tarte Tatin', 'queso de Cabrales', 'radicchio di Treviso', 'Porsche Werk Leipzig
  GmbH') is not LOCATION.
- STREET_ADDRESS: a street or hamlet with a house number or building part (bis/ter, Hinterhaus, 3º izq.,
  scala B, int. 5), with the postcode and town when written on with it (comma, dash or newline); casual forms
  ('au 9 allée des Peupliers à Cergy', 'in der eichendorffstr 22 in essen') keep only street and number, the
  town being LOCATION. Form fields split over labelled lines keep street and number only. A street named
  without a number is LOCATION. A PO box with its postcode and town is STREET_ADDRESS. The town inside an
  address span is not listed again as LOCATION unless it also appears alone.
- PERSON excludes titles, kinship words, role words and articles in front of a name ('Mme', 'M.', 'Herr',
  'Frau', 'Dr.', 'Dña.', 'don', 'dott.ssa', 'sig.ra', 'Tante', 'zia', 'zio', 'Schwester', 'la signora');
  nicknames, diminutives, lower-case names, typos ('zimmerman' beside 'Zimmermann', 'ousman' beside
  'Ousmane') and initial-plus-surname signatures ('L. Thiébaut') are PERSON; a trailing initial after a first
  name ('Jonathan G.') stays outside. A @handle is PERSON without its '@' when it is name-like. Family names
  on doorbells and after 'Familie'/'c/o'/'citofono' are PERSON; a German possessive '-s' ('Folakes Mann') is
  not listed apart, the name's own span covers it. Names inside e-mail addresses are covered by
  EMAIL_ADDRESS.
- Organisations, brands, shops, apps, products, dishes, pets, holidays, months and weekdays are not PII, even
  when they are also first names, surnames or places ('Boulanger', 'Leclerc', 'Garage Martin & Fils',
  'Bäckerei Hansen', 'Bouygues Telecom', 'Zara', 'Luna' the cat, 'Félix' the mattress, 'Silvester').
- DATE_TIME: calendar dates and date ranges (day and month, with or without year/weekday), numeric,
  abbreviated or written out, including bare 'dd.mm.' and 'dd/mm' and two-digit birth years ('19/12/58',
  '3 de abril del 68'); ranges are one span without a leading 'du'/'del'/'dal'/'vom' ('12 au 19 août',
  '27.12. bis 02.01.'). Relative dates, bare weekdays, months, years and clock times are not labelled.
- PHONE_NUMBER, EMAIL_ADDRESS, IBAN_CODE (with or without spaces) and NATIONAL_ID (FR NIR with its key,
  DE Steuer-ID, ES DNI/NIE, IT codice fiscale) are valid per the checks; order, ticket, contract, staff and
  claim numbers are not PII.
- A (type, string) pair is listed once per text even when the string repeats.

Usage: python eval/heldout/check_heldout9.py [PATH]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_heldout5 import TYPES, main  # noqa: E402  (sibling script, not a package)

SET9_PATH = Path(__file__).resolve().parents[1] / "data" / "pii_multilingual_heldout9.jsonl"
SET9_TEXTS_PER_LANG = 40
SET9_MINIMUMS = {kind: 6 for kind in TYPES} | {"PERSON": 55, "LOCATION": 10, "STREET_ADDRESS": 8}

if __name__ == "__main__":
    sys.exit(main(sys.argv, default_path=SET9_PATH, texts_per_lang=SET9_TEXTS_PER_LANG, minimums=SET9_MINIMUMS))
