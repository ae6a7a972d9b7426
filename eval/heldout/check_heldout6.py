"""Check eval/data/pii_multilingual_heldout6.jsonl, the sixth blind fr/de/es/it PII set (issue 15).

Same checks and labelling conventions as set 5 (see check_heldout5.py); set 6 has 30 texts per language,
most of them 5-15 lines (e-mail threads with quoted replies, call transcripts, letters with letterheads, chat
exports, CVs, invoices, accident reports, parish and club newsletters, marketplace chats), with names from
across each country's population. Written blind: never run through textsynth. Conventions added for set 6:
- A surname alone inside a firm name ('Autohaus Becker', 'Fratelli Longo') is not PERSON unless the same string
  also names a person elsewhere in the text; a full given name + surname in a firm name is PERSON.
- Place names inside organisation names ('Volkshochschule Ulm') are not LOCATION; a place given as where
  something is ('Lidl in Bochum-Wattenscheid', 'Parroquia San Juan, Lorca') is.
- Schools, stations and halls named after people ('lycée Jules-Ferry') are not PERSON; a station or square
  given as a meeting point ('métro Jules Joffrin') is LOCATION.
- Names inside e-mail addresses are covered by the EMAIL_ADDRESS span, not listed again as PERSON.
- Nicknames written inside a full name ('Jean-Claude « Jeannot » Petit') are part of one PERSON span.

Usage: python eval/heldout/check_heldout6.py [PATH]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_heldout5 import main  # noqa: E402  (sibling script, not a package)

SET6_PATH = Path(__file__).resolve().parents[1] / "data" / "pii_multilingual_heldout6.jsonl"
SET6_TEXTS_PER_LANG = 30

if __name__ == "__main__":
    sys.exit(main(sys.argv, default_path=SET6_PATH, texts_per_lang=SET6_TEXTS_PER_LANG))
