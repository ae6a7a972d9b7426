"""Places that no gazetteer lists (LOCATION): lakes, passes, valleys, mountains, districts and motorway exits
in French, German, Spanish and Italian text.

GeoNames (``local_places``) lists towns; people also name the lake, pass or valley they went to ("Lago di
Bolsena", "passo dello Stelvio", "sierra de Gredos", "col du Galibier"), the district they live in ("zona San
Salvario", "barrio de Gràcia", "Stadtteil Höntrop"), or the exit they are stuck at ("Ausfahrt Pfaffenhofen",
"direzione Firenze"). Two kinds of cue per language (``LanguageProfile.landmark_words`` and
``district_cues``): a landmark word is part of the place's name and joins the span; a district cue is not. The
name after either is capitalised (particles inside: "dei", "de la") and is no ordinary word of the language.
German writes a lake, gorge or peak in one compound ("Ammersee", "Partnachklamm", "Fichtelgebirge"): a capitalised
compound ending in such a word counts when the whole compound is a rare word. And a place joined by "or" or
"and" to a found place is a place too ("in Kleinmachnow oder Teltow", "zona Prati o Monteverde"; ``joined_places``). Regions in "-wald" and "-land"
("Schwarzwald", "Sauerland") are left out: wordfreq ranks them as frequent as "Ausland" or "Umland".
"""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from .languages import LanguageProfile
from .local_recognizer import LocalRecognizer
from .local_words import stop_words, zipf

SCORE = 0.86  # above spaCy's 0.85, as local_streets: Presidio keeps the higher of two overlapping spans
NAME_MAX_ZIPF = 3.6  # an unlisted name after a district cue is rarer than this as a word ("Trastevere" 3.5, "Süden" 4.6)
# after a landmark word, which says more, the name need only be no ordinary word ("Lago di Garda", "Valle d'Aosta")
LANDMARK_NAME_MAX_ZIPF = 4.8
LISTED_POPULATION = 100_000  # a GeoNames town this large counts even when frequent as a word ("Firenze" 5.0)
RARE_ZIPF = 3.6  # a German compound rarer than this is a name, not a noun ("Tegernsee" 3.1)
# particles inside a name; not "e", "y", "la" alone, which join two names ("il Lago di Garda e la Valle d'Aosta")
_LINK = r"(?:de|del|de\s+la|de\s+las|de\s+los|du|des|de\s+l['’]|d['’]|di|della|delle|dei|degli|dello|dell['’])"
_CAP = r"(?:[A-ZÀ-ÖØ-Þ][\w'’\-]*)"
_NAME = rf"{_CAP}(?:[ \t]+(?:{_LINK}[ \t]+|{_LINK})*{_CAP}){{0,3}}"
_GERMAN_FEATURE = re.compile(r"(?<![\w\-])([A-ZÄÖÜ][a-zäöüß]{2,}(?:see|klamm|gebirge|schlucht))(?![\w\-])")


class LocalLandmarkRecognizer(LocalRecognizer):
    """Landmarks and districts after the language's cue words (see the module docstring)."""

    ENTITY = "LOCATION"

    def load(self) -> None:
        p = self.profile
        self._stop = stop_words(p.code) | p.common_capitalised
        self._landmark = _cue_regex(p.landmark_words, inside=True)
        self._district = _cue_regex(p.district_cues, inside=False)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and "LOCATION" not in entities:
            return []
        if not hasattr(self, "_stop"):
            self.load()
        spans = []
        for regex, max_zipf in ((self._landmark, LANDMARK_NAME_MAX_ZIPF), (self._district, NAME_MAX_ZIPF)):
            if regex is not None:
                spans += [m.span(1) for m in regex.finditer(text) if self._name_ok(m.group("name"), max_zipf)]
        if self.profile.capitalises_nouns:
            spans += [m.span(1) for m in _GERMAN_FEATURE.finditer(text) if self._rare(m.group(1))]
        return [RecognizerResult("LOCATION", s, e, SCORE, recognition_metadata={"recognizer_name": self.name})
                for s, e in spans]

    def _name_ok(self, name: str, max_zipf: float) -> bool:
        """Not an ordinary word alone ("zona Centro" is no name) nor an acronym of one letter."""
        words = name.split()
        low = words[0].lower()
        if low in self._stop or len(low) < 3:
            return len(words) > 1
        hyphenated = "-" in words[0] and all(part[:1].isupper() for part in words[0].split("-"))  # "Lyon-Part-Dieu"
        return len(words) > 1 or hyphenated or zipf(low, self.profile.code) < max_zipf or _is_listed_place(low)

    def _rare(self, word: str) -> bool:
        low = word.lower()
        return low not in self._stop and zipf(low, self.profile.code) < RARE_ZIPF


# a found place, then "or"/"and" and a capitalised name
_JOINED_PLACE = re.compile(rf"[ \t]+(?:oder|und|ou|et|o|y|e|oppure)[ \t]+({_NAME})(?![\w'’\-])")


def joined_places(text: str, results: list[RecognizerResult], profile: LanguageProfile) -> list[RecognizerResult]:
    """A capitalised name joined by "or"/"and" after a found place, when it is a rare word or a large town and no
    given name or ordinary word ("Kleinmachnow oder Teltow"; not "Berlin und Frau Jung", "Lyon et Marie")."""
    from .lexicon import is_first_name

    stop = stop_words(profile.code) | profile.common_capitalised
    out = []
    for r in results:
        m = _JOINED_PLACE.match(text, r.end) if r.entity_type == "LOCATION" else None
        if m is None or m.group(1).isupper():
            continue
        head = m.group(1).split()[0].lower()
        if head not in stop and not is_first_name(head) and \
                (zipf(head, profile.code) < NAME_MAX_ZIPF or _is_listed_place(m.group(1).lower())):
            out.append(RecognizerResult("LOCATION", m.start(1), m.end(1), 0.5,
                                        recognition_metadata={"recognizer_name": "joined-place"}))
    return out


def _is_listed_place(low: str) -> bool:
    """A large gazetteer town that is also a frequent word ("direzione Firenze": "firenze" is frequent)."""
    from .places import gazetteer

    return gazetteer().get(low, 0) >= LISTED_POPULATION


def _cue_regex(cues: tuple[str, ...], inside: bool) -> re.Pattern | None:
    """Cue words (regex pieces, case-insensitive) then a name; group 1 is the span: with the cue when ``inside``."""
    if not cues:
        return None
    alternation = "|".join(sorted(cues, key=len, reverse=True))
    cue = rf"(?i:{alternation})[ \t]+(?:{_LINK}[ \t]*)?"
    if inside:
        return re.compile(rf"(?<![\w\-])({cue}(?P<name>{_NAME}))")
    return re.compile(rf"(?<![\w\-]){cue}((?P<name>{_NAME}))")
