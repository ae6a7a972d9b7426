"""Places (LOCATION) in French, German, Spanish and Italian text, from the GeoNames gazetteer of ``places.py``.

A capitalised run of words that names a place counts after a local place cue ("à Lyon", "aus München",
"en Sevilla", "a Torino"), or without one when the place is large (>= ``UNCUED_POPULATION``) and its name is
not an ordinary word of the language or a given name ("Essen", "Florence" need the cue). A letter's dateline
counts as a cue ("Leipzig, den 4. März", "Madrid, 4 de marzo"). Chat writes places in lower case: a lower-case
large place ("a torino", "in kiel") counts after a cue when its name is a rare word of the language.
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from .languages import LanguageProfile
from .local_words import stop_words, zipf
from .lexicon import is_first_name
from .places import gazetteer

UNCUED_POPULATION = 100_000
CUED_ORDINARY_POPULATION = 50_000  # a place named by an ordinary word counts after a cue from this size
# wordfreq is case-folded and counts "Grenoble" as a frequent French token: only from this frequency is a name a word.
ORDINARY_ZIPF = 4.8
MAX_WORDS = 4
LOWER_CASE_SCORE = 0.86
LOWER_CASE_MAX_ZIPF = ORDINARY_ZIPF  # a lower-case place after a cue: no more frequent than this as a word
# a place, then a date: the dateline of a letter ("Leipzig, den 4. März 2025", "Napoli, 4 marzo", "Paris, le 3")
_DATELINE = re.compile(r",[ \t]*(?:(?:den|le|el|il|lì|li|am)[ \t]+)?(?:0?[1-9]|[12]\d|3[01])(?:er)?[ .\t/]")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_CONNECTORS = frozenset("sur sous am an der de del della di dei la le les las los en in im y e i al a d l".split())


class LocalPlaceRecognizer(EntityRecognizer):
    """Gazetteer places with the language's cues (see the module docstring)."""

    def __init__(self, profile: LanguageProfile) -> None:
        self.profile = profile
        super().__init__(supported_entities=["LOCATION"], name=f"LocalPlaceRecognizer_{profile.code}",
                         supported_language=profile.code)

    def load(self) -> None:
        self._places = gazetteer()
        self._stop = stop_words(self.profile.code) | self.profile.common_capitalised
        cues = "|".join(sorted(self.profile.place_cues, key=len, reverse=True))
        self._cue = re.compile(rf"(?i)(?<![\w])(?:{cues})[ \t]*$")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and "LOCATION" not in entities:
            return []
        if not hasattr(self, "_places"):
            self.load()
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        out: list[RecognizerResult] = []
        i = 0
        while i < len(words):
            if not words[i][2][:1].isupper():
                if self._lower_case_place(text, words[i]):
                    # scored above spaCy's 0.85: presidio keeps the higher of two equal spans, and spaCy's
                    # lower-case guesses are dropped as weak (local_postprocess)
                    out.append(RecognizerResult("LOCATION", words[i][0], words[i][1], LOWER_CASE_SCORE,
                                                recognition_metadata={"recognizer_name": self.name}))
                i += 1
                continue
            # the longest run from word i that the gazetteer knows ("Aix-en-Provence", "San Sebastián")
            best = None
            for j in range(i, min(len(words), i + MAX_WORDS)):
                if j > i and (not re.fullmatch(r"[ \t]|-", text[words[j - 1][1]:words[j][0]]) or
                              not (words[j][2][:1].isupper() or words[j][2].lower() in _CONNECTORS
                                   or re.match(r"[dl]['’][^\W\d_]", words[j][2]))):
                    break
                population = self._places.get(text[words[i][0]:words[j][1]].lower())
                if population is not None and (words[j][2][:1].isupper() or words[j][2][2:3].isupper()):
                    best = (j, population)
            if best is not None:
                j, population = best
                name = text[words[i][0]:words[j][1]]
                if self._judge(text, words[i][0], name, population):
                    out.append(RecognizerResult("LOCATION", words[i][0], words[j][1], 0.55,
                                                recognition_metadata={"recognizer_name": self.name}))
                i = j + 1
                continue
            i += 1
        return out

    def _lower_case_place(self, text: str, word: tuple[int, int, str]) -> bool:
        start, _end, name = word
        population = self._places.get(name)
        return population is not None and population >= UNCUED_POPULATION and name.islower() and \
            name not in self._stop and zipf(name, self.profile.code) < LOWER_CASE_MAX_ZIPF and \
            not is_first_name(name) and self._cue.search(text, max(0, start - 25), start) is not None

    def _judge(self, text: str, start: int, name: str, population: int) -> bool:
        low = name.lower()
        cued = self._cue.search(text, max(0, start - 25), start) is not None or \
            _DATELINE.match(text, start + len(name)) is not None
        ordinary = low in self._stop or (" " not in low and zipf(low, self.profile.code) >= ORDINARY_ZIPF)
        if ordinary or (" " not in low and is_first_name(low)):
            return cued and population >= CUED_ORDINARY_POPULATION and low not in self._stop
        return cued or population >= UNCUED_POPULATION
