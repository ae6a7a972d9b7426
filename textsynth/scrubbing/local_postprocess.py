"""Clean-up of the detections in a French, German, Spanish or Italian text (the counterpart of
``postprocess.postprocess``, whose word lists and cues are English).

spaCy's French model tags sentence-initial ordinary words ("Merci", "Super") and lower-case words as persons
or places now and then: those without a second signal go. A given name is extended over the surname after it
(also an ordinary word in title case where nouns are lower case, "Gino Ferro", and a capitalised function word,
"Lange"), other mentions of a found name or place are added, and so are the other items of a list of found names
("Sara Galli, Domenico Rizzo, Gigi") and a name joined to one by a slash ("Hoffmann/Schulz"); overlapping spans are
merged as in English.
"""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from .languages import LanguageProfile
from .lexicon import is_first_name, is_known_name
from .local_landmarks import joined_places
from .local_words import COMMON_ZIPF, stop_words, zipf
from .name_dictionary import dictionary_first_names
from .places import gazetteer
from .postprocess import (_is_non_pii_time, _repeated_mentions, _split_at_line_breaks, merge_overlaps,
                          repeated_places)

_NEXT_WORD = re.compile(r"[ \t]([^\W\d_a-z][^\W\d_'’\-]*(?:-[^\W\d_]+)?)(?![\w'’\-])")


def _ordinary(word: str, profile: LanguageProfile) -> bool:
    low = word.lower()
    return low in stop_words(profile.code) or low in profile.common_capitalised or zipf(low, profile.code) >= COMMON_ZIPF


def _titles(profile: LanguageProfile) -> frozenset[str]:
    return frozenset(t.lower().rstrip(".") for t in profile.titles)


def _weak_spacy_guess(text: str, r: RecognizerResult, profile: LanguageProfile) -> bool:
    """A spaCy PERSON/LOCATION made only of ordinary words of the language, or written in lower case,
    and not a known name: "Merci", "Super produit", "livraison"."""
    if (r.recognition_metadata or {}).get("recognizer_name") != "SpacyRecognizer":
        return False
    if r.entity_type not in ("PERSON", "LOCATION", "ORGANIZATION"):
        return False
    value = text[r.start:r.end]
    words = re.findall(r"[^\W\d_]+", value)
    if not words:
        return True
    titled = r.entity_type == "PERSON" and len(words) > 1 and words[0].lower() in _titles(profile) and \
        any(is_known_name(w) for w in words[1:])
    if (value[:1].islower() or (len(value) > 3 and value.isupper())) and not titled:  # "m. girard" stays
        return True
    if r.entity_type == "LOCATION" and value.lower() in gazetteer():
        return value.lower() in stop_words(profile.code) or value.lower() in profile.common_capitalised
    return all(_ordinary(w, profile) and not (r.entity_type == "PERSON" and is_known_name(w) and
                                                 w.lower() not in profile.common_capitalised
                                                 and w.lower() not in stop_words(profile.code)) for w in words)


def _extend_surnames(text: str, results: list[RecognizerResult], profile: LanguageProfile) -> list[RecognizerResult]:
    """A PERSON ending on a given name grows over a capitalised surname right after it ("Lucía Fernández")."""
    from .lexicon import is_first_name, is_last_name

    taken = [(x.start, x.end) for x in results]
    out = []
    for r in results:
        if r.entity_type != "PERSON":
            out.append(r)
            continue
        last = re.search(r"[^\W\d_]+$", text[r.start:r.end])
        m = _NEXT_WORD.match(text, r.end)
        if last and m and is_first_name(last.group()) and (is_last_name(m.group(1)) or not _ordinary(m.group(1), profile)
                                                           or _proper_noun(m.group(1), profile)) \
                and (m.group(1).lower() not in stop_words(profile.code) or _capitalised_surname(m.group(1))) \
                and not any(s < m.end(1) and m.start(1) < e for s, e in taken if (s, e) != (r.start, r.end)):
            r = RecognizerResult("PERSON", r.start, m.end(1), r.score, analysis_explanation=r.analysis_explanation,
                                 recognition_metadata=r.recognition_metadata)
        out.append(r)
    return out


def _proper_noun(word: str, profile: LanguageProfile) -> bool:
    """In a language that writes its nouns in lower case, a title-case word right after a given name is the surname
    even when it is an ordinary word ("un certo Gino Ferro", "Anna Fiore"); not a capitalised greeting or month."""
    return not profile.capitalises_nouns and word[:1].isupper() and word[1:].islower() and \
        word.lower() not in profile.common_capitalised and word.lower() not in stop_words(profile.code)


def _capitalised_surname(word: str) -> bool:
    """A listed surname that is also a function word, capitalised after a given name mid-line, where the function
    word would be in lower case ("Tobias Lange"; "lange" is "long")."""
    from .lexicon import is_last_name

    return len(word) >= 4 and word[:1].isupper() and not word.isupper() and is_last_name(word)


# a given name joined to a found name: "Blanche et <Paul>", "Heike und <Jonas>", "Pilar y <Juan>", "Anna e <Marco>"
# a capitalised word, then "and" or "or" (and a spouse or partner word) before a found name: "Uccio e <Addolorata
# Ciullo>", "Hansi oder seine Frau <Gerlinde>"
_JOINED = re.compile(r"(?<![\w'’\-])([^\W\d_a-z][^\W\d_]+)[ \t]+(?:et|und|y|e|ed|ou|oder|o|od)[ \t]+"
                     r"(?:(?:sa|son|seine|ihre|sua|suo|su)[ \t]+(?:femme|mari|frau|mann|moglie|marito|mujer|marido|"
                     r"esposa|esposo)[ \t]+)?$")


# a found name, then "and" and a capitalised word: "Mikel y a <Estíbaliz>", "Heike und <Kowalczyk>"
_JOINED_AFTER = re.compile(r"[ \t]+(?:et|und|y|e|ed)[ \t]+(?:a[ \t]+)?([^\W\d_a-z][^\W\d_]+)(?![\w'’\-])")


def _joined_rare_names(text: str, results: list[RecognizerResult], profile: LanguageProfile) -> list[RecognizerResult]:
    """A capitalised word joined by "and" after a found name is a name too when it is a listed name or, where nouns
    are lower case, no ordinary word ("avisar a Mikel y a Estíbaliz"); not a capitalised greeting or month."""
    out = []
    for r in results:
        m = _JOINED_AFTER.match(text, r.end) if r.entity_type == "PERSON" else None
        if m and not m.group(1).isupper() and m.group(1).lower() not in profile.common_capitalised and \
                m.group(1).lower() not in stop_words(profile.code) and \
                (is_known_name(m.group(1)) or not profile.capitalises_nouns and not _ordinary(m.group(1), profile)):
            out.append(RecognizerResult("PERSON", m.start(1), m.end(1), 0.5,
                                        recognition_metadata={"recognizer_name": "joined-name"}))
    return out


def _given_name(word: str, profile: LanguageProfile) -> bool:
    """A listed given name (Faker's, even when also a word), or one of the name dictionary's for the language that is
    no ordinary word ("Hansi"), or, where nouns are lower case, any word that is no ordinary word ("Uccio")."""
    return is_first_name(word) or not _ordinary(word, profile) and (
        not profile.capitalises_nouns or word.lower() in dictionary_first_names(profile.code))


def _joined_given_names(text: str, results: list[RecognizerResult], profile: LanguageProfile) -> list[RecognizerResult]:
    """A given name (``_given_name``; not all capitals, no stop word) right before "and" or "or" and a found PERSON
    is a name too, even when it is also a word ("Blanche") or opens the sentence ("Heike und Tim")."""
    out = []
    for r in results:
        m = _JOINED.search(text, max(0, r.start - 40), r.start) if r.entity_type == "PERSON" else None
        word = m.group(1) if m else ""
        if m and _given_name(word, profile) and not word.isupper() and \
                word.lower() not in stop_words(profile.code) and word.lower() not in profile.common_capitalised:
            out.append(RecognizerResult("PERSON", m.start(1), m.end(1), 0.5,
                                        recognition_metadata={"recognizer_name": "joined-given-name"}))
    return out


_CAP_WORD = r"[^\W\d_a-z][^\W\d_]*(?:[\-'’][^\W\d_]+)*"
_LIST_PARTICLE = r"(?:de|del|della|di|da|van|von|der|den|le|la|el|al|i|y|dos|das|du|des)"
_LIST_ITEM = rf"{_CAP_WORD}(?:[ \t]+(?:{_LIST_PARTICLE}[ \t]+)*{_CAP_WORD}){{0,3}}"
_LIST_SEPARATOR = r",[ \t]+|[ \t]+(?:und|y|e|et|ed)[ \t]+"
# a list of names: "Coinvolti: Sara Galli, Domenico Rizzo, Gigi", "Neu im Verein: A. B, C und D"
_NAME_LIST = re.compile(rf"(?<![\w\-'’])(?:{_LIST_ITEM})(?:(?:{_LIST_SEPARATOR})(?:{_LIST_ITEM}))+(?![\w\-'’])")
_ITEM_OR_SEPARATOR = re.compile(rf"({_LIST_ITEM})|{_LIST_SEPARATOR}")


def _listed_with_names(text: str, results: list[RecognizerResult], profile: LanguageProfile) -> list[RecognizerResult]:
    """In a list of two or more found names, the other capitalised items are names too ("Sara Galli, Domenico Rizzo,
    Gigi"; "Xiao Wei Chen"), when one of their words is a listed name or none is an ordinary word of the language."""
    people = [(r.start, r.end) for r in results if r.entity_type == "PERSON"]
    others = [(r.start, r.end) for r in results if r.entity_type != "PERSON"]
    out = []
    for m in _NAME_LIST.finditer(text):
        items = [(i.start(1), i.end(1)) for i in _ITEM_OR_SEPARATOR.finditer(text, m.start(), m.end()) if i.group(1)]
        if sum(any(s <= a and b <= e for s, e in people) for a, b in items) < 2:
            continue
        for s, e in items:
            if any(a <= s and e <= b for a, b in people) or any(a < e and s < b for a, b in others):
                continue
            # an item a found name covers in part grows to the whole item ("Núria Casals" of "Núria Casals i Roca")
            if any(a < e and s < b for a, b in people) or _list_item_name(text[s:e], profile):
                out.append(RecognizerResult("PERSON", s, e, 0.5, recognition_metadata={"recognizer_name": "name-list"}))
    return out


def _list_item_name(item: str, profile: LanguageProfile) -> bool:
    """A list item reads as a name: no capitalised non-name of the language, not only function words, and a listed
    name among its words (or their hyphenated parts), or, where nouns are lower case, no ordinary word."""
    words = [w for w in re.findall(r"[^\W\d_]+(?:[\-'’][^\W\d_]+)*", item) if not re.fullmatch(_LIST_PARTICLE, w)]
    if not words or any(w.lower() in profile.common_capitalised for w in words) or \
            all(w.lower() in stop_words(profile.code) for w in words):
        return False
    parts = [p for w in words for p in re.split(r"[\-'’]", w) if p]
    if any(is_known_name(p) for p in parts):
        return True
    return not profile.capitalises_nouns and not any(_ordinary(p, profile) for p in parts)


# a second surname joined by a slash, as on a doorbell or letterbox ("bei Hoffmann/Schulz klingeln")
_SLASH_NAME = re.compile(r"/([^\W\d_a-z][^\W\d_]+(?:-[^\W\d_]+)?)(?![\w'’])")


def _slash_joined(text: str, results: list[RecognizerResult], profile: LanguageProfile) -> list[RecognizerResult]:
    """A capitalised word joined by a slash to a found name is a name too, unless it is an ordinary word."""
    out = []
    for r in results:
        m = _SLASH_NAME.match(text, r.end) if r.entity_type == "PERSON" else None
        if m and (is_known_name(m.group(1)) or not _ordinary(m.group(1), profile)):
            out.append(RecognizerResult("PERSON", m.start(1), m.end(1), 0.5,
                                        recognition_metadata={"recognizer_name": "slash-joined-name"}))
    return out


def postprocess_local(text: str, results: list[RecognizerResult], profile: LanguageProfile) -> list[RecognizerResult]:
    """Non-overlapping results for a text in ``profile``'s language (see the module docstring)."""
    results = _split_at_line_breaks(text, results)
    results = [r for r in results if not _weak_spacy_guess(text, r, profile) and not _is_non_pii_time(text, r)
               or (r.recognition_metadata or {}).get("recognizer_name", "").startswith("LocalDate")]
    results = _extend_surnames(text, results, profile)
    results = results + _joined_given_names(text, results, profile) + _joined_rare_names(text, results, profile)
    results = results + _listed_with_names(text, results, profile) + _slash_joined(text, results, profile)
    results = results + _repeated_mentions(text, results)
    results = results + repeated_places(text, results) + joined_places(text, results, profile)
    return merge_overlaps(text, results)
