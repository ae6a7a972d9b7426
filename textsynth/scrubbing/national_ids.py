"""National identity numbers of France, Germany, Spain and Italy (NATIONAL_ID), validated with python-stdnum.

Declared as data (``ID_PATTERNS``): a regex, the stdnum module (or local function) that checks the value's
check digits, and for the weak shapes (11 bare digits for a German tax id, 9-10 characters for an ID card)
the words that must come shortly before. stdnum has no German identity-card (Personalausweis) module, so
its ICAO 7-3-1 check digit is written here (``personalausweis_ok``).
"""
from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult

ENTITY = "NATIONAL_ID"


@dataclass(frozen=True)
class IdPattern:
    """One identifier shape: ``validator`` is "stdnum.<module>" or a function name of this module."""

    name: str
    regex: str
    validator: str
    context: str | None = None  # a regex that must match in the ``window`` characters before the value
    window: int = 50
    score: float = 0.8


_B = r"(?<![\w\-/.])"  # no letter, digit or id punctuation right before
_A = r"(?![\w\-/]|\.\d)"  # nor right after
ID_PATTERNS = (
    # France: numéro de sécurité sociale (NIR), 13 characters + 2-digit key, often spaced "1 84 12 76 451 089 46".
    IdPattern("fr-nir", _B + r"[12][ .]?\d{2}[ .]?(?:0[1-9]|1[0-2]|[2-9]\d)[ .]?(?:\d{2}|2[ABab])[ .]?\d{3}[ .]?\d{3}"
              r"(?:[ .]?\d{2})" + _A, "stdnum.fr.nir"),
    # Germany: steuerliche Identifikationsnummer (IdNr), 11 digits, often "12 345 678 901"; needs a cue.
    IdPattern("de-idnr", _B + r"\d{2}[ ]?\d{3}[ ]?\d{3}[ ]?\d{3}" + _A, "stdnum.de.idnr",
              context=r"(?i)(?:steuer\w*[\s\-]*id|steuer[\s\-]*identifikations(?:nummer|nr)|identifikationsnummer|"
                      r"\bidnr|\bid[\s\-]*nr|tax\s*id|steuernummer|"
                      # the Steuer-ID shortened to "ID" in chat ("meine ID: 12 068 179 418")
                      r"\bID\b)[^\n]{0,30}$"),
    # Germany: Personalausweis number, 9 characters of [CFGHJKLMNPRTVWXYZ0-9] (+ check digit); needs a cue.
    IdPattern("de-ausweis", _B + r"[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}\d?" + _A, "personalausweis_ok",
              context=r"(?i)(?:ausweis|personalausweis|perso\b|id[\s\-]*karte|identity\s*card|id\s*card|"
                      r"dokumentennummer|seriennummer)[^\n]{0,30}$"),
    # Spain: DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter), with or without dashes.
    IdPattern("es-dni", _B + r"\d{8}[ \-]?[A-Za-z]" + _A, "stdnum.es.dni"),
    IdPattern("es-nie", _B + r"[XYZxyz][ \-]?\d{7}[ \-]?[A-Za-z]" + _A, "stdnum.es.nie"),
    # Italy: codice fiscale, 16 characters (letters for omocodia included), any case.
    IdPattern("it-cf", _B + r"[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z]"
              r"[0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z]" + _A, "stdnum.it.codicefiscale"),
)

_ICAO_WEIGHTS = (7, 3, 1)


def personalausweis_ok(value: str) -> bool:
    """A German ID card number: 9 characters + an ICAO 9303 check digit (weights 7-3-1, letters A=10 ...).

    Without the tenth (check) digit, the shape alone is accepted only with its cue (the pattern's context)."""
    s = value.upper()
    if not sum(c.isdigit() for c in s[:9]) >= 3:
        return False
    if len(s) == 9:
        return True
    total = sum(int(c, 36) * _ICAO_WEIGHTS[i % 3] for i, c in enumerate(s[:9]))
    return total % 10 == int(s[9])


@functools.lru_cache(maxsize=None)
def _validator(name: str):
    if name.startswith("stdnum."):
        module = importlib.import_module(name)
        return lambda v: bool(module.is_valid(v))
    return globals()[name]


class NationalIdRecognizer(EntityRecognizer):
    """FR NIR, DE Steuer-ID and Personalausweis, ES DNI/NIE and IT codice fiscale, each checked by its
    check digits (python-stdnum), in any language's text."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[ENTITY], name="NationalIdRecognizer",
                         supported_language=supported_language)

    def load(self) -> None:
        self._compiled = [(p, re.compile(p.regex), re.compile(p.context) if p.context else None)
                          for p in ID_PATTERNS]

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and ENTITY not in entities:
            return []
        if not hasattr(self, "_compiled"):
            self.load()
        out: list[RecognizerResult] = []
        for pattern, regex, context in self._compiled:
            for m in regex.finditer(text):
                if context is not None and not context.search(text[max(0, m.start() - pattern.window):m.start()]):
                    continue
                if not _validator(pattern.validator)(m.group()):
                    continue
                if any(r.start < m.end() and m.start() < r.end for r in out):
                    continue
                out.append(RecognizerResult(ENTITY, m.start(), m.end(), pattern.score,
                                            recognition_metadata={"recognizer_name": self.name,
                                                                  "pattern": pattern.name}))
        return out
