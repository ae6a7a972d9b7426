"""Places (LOCATION) in French, German, Spanish and Italian text, from the GeoNames gazetteer of ``places.py``.

A capitalised run of words that names a place counts after a local place cue ("à Lyon", "aus München",
"en Sevilla", "a Torino"), or without one when the place is large (>= ``UNCUED_POPULATION``) and its name is
not an ordinary word of the language or a given name ("Essen", "Florence" need the cue). A letter's dateline
counts as a cue ("Leipzig, den 4. März", "Madrid, 4 de marzo"), and so does a comma before a place that ends
its line ("Werkstudent, Daimler, Sindelfingen", "Parrocchia di San Michele, Gallarate"). Chat writes places in
lower case: a lower-case large place ("a torino", "in kiel") counts after a cue when its name is a rare word of
the language. A country, named in the language ("Italia", "Spanien"), counts after a cue or a place and a comma.
A weak cue ("am", "vom") counts only before a rare name ("am Chiemsee", not "am Strand").
"""
from __future__ import annotations

import functools
import re

from presidio_analyzer import RecognizerResult

from .local_recognizer import LocalRecognizer
from .local_name_words import fold
from .local_words import COMMON_ZIPF, language_names, stop_words, zipf
from .lexicon import is_first_name
from .places import gazetteer

UNCUED_POPULATION = 100_000
CUED_ORDINARY_POPULATION = 50_000  # a place named by an ordinary word counts after a cue from this size
# wordfreq is case-folded and counts "Grenoble" as a frequent French token: only from this frequency is a name a word.
ORDINARY_ZIPF = 4.8
MAX_WORDS = 4
COUNTRY = -1  # the population given a country of ``country_names``: it counts only with a cue (see ``_judge``)
LOWER_CASE_SCORE = 0.86
LOWER_CASE_MAX_ZIPF = ORDINARY_ZIPF  # a lower-case place after a cue: no more frequent than this as a word
# a smaller place in lower case after a cue ("à plouha", "a aldaia"), when its name is this rare a word
LOWER_CASE_SMALL_POPULATION, LOWER_CASE_SMALL_MAX_ZIPF = 2_000, 2.5
# A city this large is named so often that wordfreq ranks it an ordinary word ("hamburg" 5.2, "milano" 5.5): it
# counts without a cue when capitalised, and in lower case after a cue up to ``BIG_CITY_LOWER_MAX_ZIPF``.
BIG_CITY_POPULATION = 1_000_000
BIG_LOWER_POPULATION = 500_000
BIG_CITY_LOWER_MAX_ZIPF = 5.0  # "hannover" 4.88; "essen" (to eat, and a city of 580,000) is above it
# a place, then a date: the dateline of a letter ("Leipzig, den 4. März 2025", "Napoli, 4 marzo", "Paris, le 3")
_DATELINE = re.compile(r",[ \t]*(?:(?:den|le|el|il|lì|li|am)[ \t]+)?(?:0?[1-9]|[12]\d|3[01])(?:er)?[ .\t/]")
# a place that ends a line after a comma or dash, as a letterhead, CV or booking line names where a company, branch
# or venue is ("Bosch, Renningen", "Agriturismo Il Poggio, Montepulciano (SI)"): a cue, as a dateline is
_LINE_TAIL_BEFORE = re.compile(r"[^\W\d_][.)]?[ \t]*[,–—][ \t]*$")
_LINE_TAIL_AFTER = re.compile(r"[ \t]*(?:\([^\W\d_][^()\n]{0,30}\))?[ \t]*(?:\n|$)")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_CONNECTORS = frozenset("sur sous am an der de del della di dei la le les las los en in im y e i al a d l".split())
# A qualifier in brackets after a place's name, part of the name in German usage and GeoNames: "Halle (Saale)".
_QUALIFIER = re.compile(r"[ \t]*\([^\W\d_][^()\n]{0,30}\)")
# Where a place's everyday short form ends: "Garmisch-Partenkirchen", "Frankfurt am Main", "Rothenburg ob der Tauber".
_SHORT_FORM_END = re.compile(r"-|[ \t]+(?:am|an\s+der|im|in\s+der|ob\s+der|bei|sur|en|lès|près|de|del|di)[ \t]+|[ \t]*\(")


@functools.lru_cache(maxsize=1)
def short_place_names() -> dict[str, int]:
    """A place's everyday short form -> the population of the place it shortens: the name before a hyphen,
    "am"/"an der"/"sur", or a bracket ("garmisch" of Garmisch-Partenkirchen, "rothenburg" of Rothenburg ob der
    Tauber). Only those that are no place of their own; they count as places after a cue, not on their own."""
    places, out = gazetteer(), {}
    for name, population in places.items():
        m = _SHORT_FORM_END.search(name)
        if m and m.start() >= 4:
            short = name[:m.start()]
            if short not in places and " " not in short:
                out[short] = max(out.get(short, 0), population)
    return out


# the connector before a region, valley or river that a place's name carries ("Villafranca del Bierzo",
# "Titisee-Neustadt im Schwarzwald", "Greve in Chianti", "Frankfurt am Main")
_REGION_AFTER = re.compile(r"[ \t\-](?:im|am|an\s+der|in\s+der|in|del|della|dell['’]|di|de|en|sur|ob\s+der)[ \t\-]+"
                           r"([^\W\d_]{4,})$")
MIN_REGION_PLACES = 2  # a region named by this many places (one could be a person or a saint: "San Juan de Dios")


@functools.lru_cache(maxsize=1)
def region_names() -> frozenset[str]:
    """Regions, valleys and rivers that GeoNames' place names carry ("bierzo", "schwarzwald", "chianti"): one-word
    tails after a connector that end the names of at least ``MIN_REGION_PLACES`` places; they count as places
    after a cue, as a place's short form does."""
    from collections import Counter

    from .lexicon import faker_name_sets

    first, last = faker_name_sets()
    tails = Counter(m.group(1) for name in gazetteer() for m in [_REGION_AFTER.search(name)] if m)
    # a surname or given name the place honours ("San Andrés de Acosta") is no region
    return frozenset(t for t, n in tails.items() if n >= MIN_REGION_PLACES and t not in first and t not in last)


@functools.lru_cache(maxsize=None)
def country_names(faker_locale: str) -> frozenset[str]:
    """The countries in the language (Faker's address provider of the locale lists them: "Allemagne", "Spanien",
    "Marruecos", "Germania"), lower case; GeoNames' country names are English only."""
    import importlib

    try:
        provider = importlib.import_module(f"faker.providers.address.{faker_locale}").Provider
    except ImportError:
        return frozenset()
    return frozenset(c.lower() for c in getattr(provider, "countries", ()) if "(" not in c)


class LocalPlaceRecognizer(LocalRecognizer):
    """Gazetteer places with the language's cues (see the module docstring)."""

    ENTITY = "LOCATION"

    def load(self) -> None:
        self._places = gazetteer()
        self._stop = stop_words(self.profile.code) | self.profile.common_capitalised
        self._local_first = {fold(n) for n in language_names(self.profile.code)[0]}
        self._countries = country_names(self.profile.faker_locale)
        cues = "|".join(sorted(self.profile.place_cues, key=len, reverse=True))
        self._cue = re.compile(rf"(?i)(?<![\w])(?:{cues})[ \t]*$")
        weak = "|".join(self.profile.weak_place_cues)
        self._weak_cue = re.compile(rf"(?<![\w])(?:{weak})[ \t]+$") if weak else None

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
                low = text[words[i][0]:words[j][1]].lower()
                population = self._places.get(low)
                if low in self._countries and (population or 0) < BIG_CITY_POPULATION:  # not GeoNames' English name
                    population = COUNTRY
                if population is not None and (words[j][2][:1].isupper() or words[j][2][2:3].isupper()):
                    best = (j, population)
            if best is None:
                best = self._district(words, i)
            if best is not None:
                j, population = best
                name = text[words[i][0]:words[j][1]]
                if self._judge(text, words[i][0], name, population):
                    qualifier = _QUALIFIER.match(text, words[j][1])
                    end = qualifier.end() if qualifier else words[j][1]
                    out.append(RecognizerResult("LOCATION", words[i][0], end, 0.55,
                                                recognition_metadata={"recognizer_name": self.name}))
                i = j + 1
                continue
            if self._cued_short_form(text, words[i]):
                qualifier = _QUALIFIER.match(text, words[i][1])
                out.append(RecognizerResult("LOCATION", words[i][0], qualifier.end() if qualifier else words[i][1],
                                            0.5, recognition_metadata={"recognizer_name": self.name}))
            i += 1
        return out

    def _district(self, words: list[tuple[int, int, str]], i: int) -> tuple[int, int] | None:
        """A district written as city-district in one hyphenated word ("Wuppertal-Elberfeld", "Berlin-Kreuzberg"):
        the city's population, when the city is at least ``CUED_ORDINARY_POPULATION`` and the rest capitalised."""
        city, _, rest = words[i][2].partition("-")
        population = self._places.get(city.lower())
        if rest[:1].isupper() and population is not None and population >= CUED_ORDINARY_POPULATION:
            return i, population
        return None

    def _cued_short_form(self, text: str, word: tuple[int, int, str]) -> bool:
        """A capitalised short form of a longer place name, or a region a place's name carries ("im Schwarzwald",
        "del Bierzo"; ``region_names``), after a place cue ("in Garmisch"), when it is no ordinary word or given
        name of the language and no capitalised word follows; after a weak cue, when it is rare."""
        start, end, name = word
        low = name.lower()
        if re.match(r"[ \t\-]+[^\W\d_a-z]", text[end:end + 2]):  # more of a longer name follows ("Sant Carles")
            return False
        if low not in short_place_names() and low not in region_names() or low in self._stop or \
                zipf(low, self.profile.code) >= ORDINARY_ZIPF or is_first_name(low):
            return False
        weak = self._weak_cue is not None and self._weak_cue.search(text, max(0, start - 10), start) is not None
        return self._cue.search(text, max(0, start - 25), start) is not None or _DATELINE.match(text, end) is not None \
            or weak and zipf(low, self.profile.code) < COMMON_ZIPF

    def _lower_case_place(self, text: str, word: tuple[int, int, str]) -> bool:
        start, _end, name = word
        population = self._places.get(name)
        max_zipf = BIG_CITY_LOWER_MAX_ZIPF if population is not None and population >= BIG_LOWER_POPULATION \
            else LOWER_CASE_MAX_ZIPF
        rare = zipf(name, self.profile.code) < LOWER_CASE_SMALL_MAX_ZIPF  # "à plouha", "a aldaia"
        min_population = LOWER_CASE_SMALL_POPULATION if rare else UNCUED_POPULATION
        return population is not None and population >= min_population and name.islower() and \
            name not in self._stop and zipf(name, self.profile.code) < max_zipf and \
            fold(name) not in self._local_first and self._cue.search(text, max(0, start - 25), start) is not None

    def _judge(self, text: str, start: int, name: str, population: int) -> bool:
        low = name.lower()
        end = start + len(name)
        if population == COUNTRY:  # a country: after a place cue, or after a place and a comma or bracket
            return low not in self._stop and not is_first_name(low) and (
                self._cue.search(text, max(0, start - 25), start) is not None or
                re.search(r"[^\W\d_][ \t]*(?:,|\()[ \t]*$", text[max(0, start - 4):start]) is not None)
        cued = self._cue.search(text, max(0, start - 25), start) is not None or \
            _DATELINE.match(text, end) is not None or \
            (_LINE_TAIL_BEFORE.search(text, max(0, start - 25), start) is not None and
             _LINE_TAIL_AFTER.match(text, end) is not None)
        if not cued and self._weak_cue is not None and self._weak_cue.search(text, max(0, start - 6), start):
            cued = zipf(low, self.profile.code) < COMMON_ZIPF and not is_first_name(low) and low not in self._stop
        ordinary = low in self._stop or (" " not in low and zipf(low, self.profile.code) >= ORDINARY_ZIPF)
        if ordinary or (" " not in low and is_first_name(low)):
            big = population >= BIG_CITY_POPULATION and not is_first_name(low)
            return (cued or big) and population >= CUED_ORDINARY_POPULATION and low not in self._stop
        return cued or population >= UNCUED_POPULATION
