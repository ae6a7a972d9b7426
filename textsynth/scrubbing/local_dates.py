"""Dates in French, German, Spanish and Italian forms (DATE_TIME): "12 mars 2024", "3. Mai 2023",
"5 de mayo de 2022", "7 maggio 2021", "1er janvier", "März 2024", and numeric "12/03/2024", "12.03.2024",
"2024-03-12". Month names are data in ``langs/<code>.py``."""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from .local_recognizer import LocalRecognizer

NUMERIC_DATE = (r"(?<![\w./\-])(?:(?:0?[1-9]|[12]\d|3[01])[./\-](?:0?[1-9]|1[0-2])[./\-](?:\d{4}|\d{2})"
                r"|\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?![\w/\-]|\.\d)")
RANGE = r"(?:au|bis|zum|al|a|y|e|et|und|[–\-])"  # between the first and last day of a range
# a day and month without a year ("20/09", "20.09."): a date only right after one of the language's date cues
# (a dot after the month ends a German date, "20.09."; after "20/09" it ends the sentence)
SHORT_DATE = re.compile(r"(?<![\w./\-])(?:0?[1-9]|[12]\d|3[01])(?:/(?:0?[1-9]|1[0-2])|\.(?:0?[1-9]|1[0-2])\.?)"
                        r"(?![\w/\-]|\.\d)")


class LocalDateRecognizer(LocalRecognizer):
    """Absolute dates written the local way (relative ones such as "hier" or "letzte Woche" are no PII)."""

    ENTITY = "DATE_TIME"

    def load(self) -> None:
        months = "|".join(sorted((re.escape(m) for m in self.profile.months), key=len, reverse=True))
        day = r"(?:0?[1-9]|[12]\d|3[01])(?:er|e|°|º|\.)?"
        of = r"(?:de(?:l)?[ \t]+)?"
        year = r"(?:\d{4}|['’]\d{2})"
        # the weekday that opens a date is part of it ("Samstag, den 12. April", "sábado 12 de abril")
        weekdays = "|".join(sorted(map(re.escape, self.profile.weekdays), key=len, reverse=True))
        weekday = rf"(?:(?:{weekdays}),?[ \t]+(?:(?:den|le|el|il)[ \t]+)?)?" if weekdays else ""
        self._regexes = [
            # a range of days in one month: "du 21 au 25 avril", "vom 14. bis 25. Juli", "dal 14 al 25 luglio"
            re.compile(rf"(?i)(?<![\w.]){weekday}{day}[ \t]*{RANGE}[ \t]*{day}[ \t]+{of}(?:{months})\.?(?:[ \t]+{of}{year})?"
                       r"(?![^\W\d_])"),
            re.compile(rf"(?i)(?<![\w.]){weekday}{day}[ \t]+{of}(?:{months})\.?(?:[ \t]+{of}{year})?(?![^\W\d_])"),
            re.compile(rf"(?i)(?<![\w.])(?:{months})\.?[ \t]+{of}\d{{4}}(?!\w)"),
            re.compile(NUMERIC_DATE),
        ]
        cues = "|".join(sorted(self.profile.date_cues, key=len, reverse=True))
        self._short_cue = re.compile(rf"(?i)(?<![\w])(?:{cues})[ \t]+$") if cues else None

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and "DATE_TIME" not in entities:
            return []
        if not hasattr(self, "_regexes"):
            self.load()
        out: list[RecognizerResult] = []
        for regex in self._regexes:
            for m in regex.finditer(text):
                if not any(r.start < m.end() and m.start() < r.end for r in out):
                    out.append(RecognizerResult("DATE_TIME", m.start(), m.end(), 0.6,
                                                recognition_metadata={"recognizer_name": self.name}))
        if self._short_cue is not None:
            for m in SHORT_DATE.finditer(text):
                if self._short_cue.search(text, max(0, m.start() - 25), m.start()) and \
                        not any(r.start < m.end() and m.start() < r.end for r in out):
                    out.append(RecognizerResult("DATE_TIME", m.start(), m.end(), 0.5,
                                                recognition_metadata={"recognizer_name": self.name}))
        return out
