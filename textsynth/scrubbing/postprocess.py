"""Clean-up of the English detections of one text (``postprocess``): dates taken for addresses, times that are
no PII, person guesses without evidence, generic places, surnames after given names, repeated mentions, and the
merge of overlapping spans by type priority (``TYPE_PRIORITY``, ``merge_overlaps``)."""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from .lexicon import case_style as _case_style
from .lexicon import is_common_word, is_first_name, is_known_name, is_last_name, word_zipf
from .places import after_place_verb
from .recognizers.dates import _ABSOLUTE_TIME, DATE_PATTERNS
from .recognizers.person_words import COMMON_WORDS_THAT_ARE_NAMES, VERY_COMMON_ZIPF, _stop_words


# When two results of different types overlap, the type earlier in this list wins the span.
TYPE_PRIORITY = ("EMAIL_ADDRESS", "URL", "IBAN_CODE", "CREDIT_CARD", "NATIONAL_ID", "US_SSN", "IP_ADDRESS", "US_DRIVER_LICENSE",
                 "PHONE_NUMBER", "STREET_ADDRESS", "PERSON", "LOCATION", "DATE_TIME")
_STRUCTURED = {"EMAIL_ADDRESS", "URL", "IBAN_CODE", "CREDIT_CARD", "NATIONAL_ID", "US_SSN", "IP_ADDRESS"}


def repeated_places(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Other occurrences, in the same case, of a place already found ("lives in Tuoro. Again: Tuoro")."""
    values = {text[r.start:r.end] for r in results if r.entity_type == "LOCATION"}
    values = {v for v in values if len(v) >= 3 and (_case_style(v) == "mixed" or not is_common_word(v))}
    if not values:
        return []
    covered = [(r.start, r.end) for r in results]
    pattern = r"(?<![\w\-])(?:" + "|".join(map(re.escape, sorted(values, key=len, reverse=True))) + r")(?![\w\-])"
    return [RecognizerResult("LOCATION", m.start(), m.end(), 0.5,
                             recognition_metadata={"recognizer_name": "RepeatedPlace"})
            for m in re.finditer(pattern, text)
            if not any(s < m.end() and m.start() < e for s, e in covered)]


def _is_date_taken_for_an_address(text: str, r: RecognizerResult) -> bool:
    """A STREET_ADDRESS that is exactly a date ("19 August 1992": a number and a capitalised word), so that a
    fake date, not a fake address, replaces it."""
    value = text[r.start:r.end].strip()
    return r.entity_type == "STREET_ADDRESS" and any(
        re.fullmatch(p.regex, value, p.flags) for p in DATE_PATTERNS)


def _is_non_pii_time(text: str, r: RecognizerResult) -> bool:
    """A DATE_TIME with nothing absolute in it: a duration ("two hours", "years"), a relative time ("tonight",
    "last week", "every 15 minutes"), a bare weekday or month, or a number that is no date ("4242")."""
    if r.entity_type != "DATE_TIME":
        return False
    value = text[r.start:r.end].strip()
    if value in ("24/7", "24-7"):
        return True
    if re.fullmatch(r"[\d\s.,:/\-]+", value) and len(re.findall(r"\d+", value)) >= 2:
        return False  # groups of digits that make no date ("47 98") may be part of another number (a phone)
    return not _ABSOLUTE_TIME.search(value)


# Cues right before a word that say it names a person, even in lower case or capitals ("my name is", "dear").
_STRONG_NAME_CUE = re.compile(
    r"(?i)(?:\bmy\s+name\s+is|\bname\s*(?:is|:)|\bnamed|\bcall\s+me|\bcalled|\bsigned|\bdear|\bhi|\bhello|"
    r"\bhey|\bthanks|\bthank\s+you|\bcheers|\bregards|\bsincerely|\bmrs?\.?|\bms\.?|\bdr\.?|\bsaid|\btold|"
    r"\basked|\bfrom\s*:|\bto\s*:|\bcc\s*:)[\s,:\-]*$")
# Cues right before a word that say it names a place ("in", "from", "lives in").
_PLACE_CUE = re.compile(
    r"(?i)\b(?:in|at|from|to|near|into|around|outside|inside|via|through|across|towards?|visit(?:ed|ing|s)?|"
    r"based|born|moved|moving|flew|fly|flying|drove|travel(?:l?ed|l?ing)?|headed|heading|located|lives?|lived|"
    r"living|address|city|town|hometown|birthplace|village|location)\s*[:,]?\s+(?:the\s+)?$")
GENERIC_PLACE_ZIPF = 4.0  # a single-word place at least this frequent as a word is generic without a cue
PLACE_OVER_NAME_ZIPF = 4.5  # a given name this frequent as a word ("America", "London") yields to spaCy's place


def _is_spacy(r: RecognizerResult) -> bool:
    return (r.recognition_metadata or {}).get("recognizer_name") == "SpacyRecognizer"


def _lacks_person_evidence(text: str, r: RecognizerResult) -> bool:
    """A spaCy PERSON in lower case or capitals (where capitalisation says nothing) with no second signal:
    no naming cue before it, no full name of known names, not a known name used in a sentence. "meh",
    "grace" or "NAME" alone, as guessed by the small model, go; "what kevin posted" stays."""
    if r.entity_type != "PERSON" or not _is_spacy(r):
        return False
    value = text[r.start:r.end]
    words = re.findall(r"[^\W\d_]+", value)
    if _case_style(value) == "mixed":
        # a capital at the start of a sentence is no evidence either: "Beautifully directed", "Mixes ..."
        sentence_start = not text[:r.start].strip(" \t\"'“‘(") or text[:r.start].rstrip(" \t\"'“‘(")[-1] in ".!?\n"
        return sentence_start and len(words) == 1 and is_common_word(words[0]) and not is_known_name(words[0])
    if _STRONG_NAME_CUE.search(text[max(0, r.start - 30):r.start]):
        return False
    if not words:
        return True
    if len(words) >= 2 and is_first_name(words[0]) and is_last_name(words[-1]):
        return False  # "john smith"
    if not all((is_first_name(w) and not is_common_word(w, VERY_COMMON_ZIPF))
               or (is_known_name(w) and not is_common_word(w)) for w in words):
        return True  # "meh", "NAME", "will", "gore"
    alone = not re.search(r"[^\W\d_]", text[:r.start] + text[r.end:])
    return alone and any(is_common_word(w) for w in words)  # "grace" on its own is the word


def _is_generic_place(text: str, r: RecognizerResult) -> bool:
    """A LOCATION used as a word, not as a place: no place cue before it ("in", "from", "lives in") and either
    a single frequent word ("Hollywood movies", "Paris was lovely": a well-known place named in passing
    identifies nobody) or, from spaCy, no capitalisation to go by ("america", "LONDON"). Applied to every
    place recognizer alike, so the outcome does not hang on whether spaCy's small model tagged the word;
    with a cue ("moved to Paris") the place is scrubbed, and then so is every other mention of it."""
    if r.entity_type != "LOCATION" or (r.recognition_metadata or {}).get("recognizer_name") == "RepeatedPlace":
        return False
    if _PLACE_CUE.search(text[max(0, r.start - 25):r.start]):
        return False
    value = text[r.start:r.end]
    words = re.findall(r"[^\W\d_]+", value)
    return (_is_spacy(r) and _case_style(value) != "mixed") or (
        len(words) == 1 and word_zipf(words[0]) >= GENERIC_PLACE_ZIPF)


def _is_name_list_guess_inside_place(text: str, r: RecognizerResult, results: list[RecognizerResult]) -> bool:
    """A name-list word that spaCy, with the sentence in view, tags as a place, with no naming cue before it,
    and that is a surname only or a frequent word ("Hollywood", "America"; not "Hi Marcus")."""
    meta = r.recognition_metadata or {}
    if r.entity_type != "PERSON" or meta.get("pattern") != "name-list":
        return False
    if not any(x.entity_type == "LOCATION" and _is_spacy(x) and x.start <= r.start and r.end <= x.end
               for x in results):
        return False
    if _STRONG_NAME_CUE.search(text[max(0, r.start - 30):r.start]):
        return False
    words = re.findall(r"[^\W\d_]+", text[r.start:r.end])
    return all(not is_first_name(w) or word_zipf(w) >= PLACE_OVER_NAME_ZIPF for w in words)


def _is_person_taken_for_a_place(text: str, r: RecognizerResult, results: list[RecognizerResult]) -> bool:
    """A PERSON (spaCy's guess, or a name-list word) over the same words as the place recognizer's LOCATION,
    right after a verb with its preposition ("moved to Kathrynchester", "lives in Jackson"): the place, so
    that a fake replaces it with a place."""
    if r.entity_type != "PERSON" or (r.recognition_metadata or {}).get("pattern") not in (None, "name-list") \
            or not after_place_verb(text, r.start):
        return False
    return any(x.entity_type == "LOCATION" and (x.recognition_metadata or {}).get("recognizer_name") ==
               "PlaceRecognizer" and x.start <= r.start and r.end <= x.end for x in results)


def _is_common_phrase_person(text: str, r: RecognizerResult) -> bool:
    """A PERSON from spaCy of two or more common English words, none of them a known name: title-cased product
    and service phrases ("Customer Support", "Lentil Soup", "the Hot Tub") that the small model tags as people.
    Names built from words ("Will Smith", "Rose Hill") keep their name-list word, and our own recognizer's
    cues ("my name is ...") are not affected."""
    if r.entity_type != "PERSON" or not _is_spacy(r):
        return False
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text[r.start:r.end])]
    words = [w for w in words if w not in ("the", "a", "an", "my", "our", "your")]
    if len(words) < 2:  # a lone capitalised word ("Cross", "King") tagged as a person is more often a surname
        return False
    return all(is_common_word(w) and not is_known_name(w) for w in words)


# The next word after a given name, with an optional middle initial before it ("Marius T Bang").
_NEXT_WORD = re.compile(r"[ \t](?:[^\W\d_a-z]\.?[ \t])?([^\W\d_][^\W\d_'’\-]*(?:[-'’][^\W\d_]+)?)(?![\w'’\-])")
SURNAME_MAX_ZIPF = 4.5  # a capitalised word after a given name, this rare as a word, is taken as the surname


def _extend_surnames(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Grow each PERSON that ends on a given name over the surname after it ("mary walker", "Sam Worthington",
    "JOHN SMITH"), so a full name goes as a whole: the next word, in the same case style, if it is a known
    surname (not a function word), or a capitalised word that is not a frequent English word."""
    stop = _stop_words() - set(COMMON_WORDS_THAT_ARE_NAMES)
    taken = [(x.start, x.end) for x in results]  # a surname may not reach into another entity of its own
    out = []
    for r in results:
        if r.entity_type != "PERSON":
            out.append(r)
            continue
        end = r.end
        for _ in range(2):  # a middle name, then the surname
            last = re.search(r"[^\W\d_]+$", text[r.start:end])
            m = _NEXT_WORD.match(text, end)
            if not last or not m or not is_first_name(last.group()):
                break
            word, style = m.group(1), _case_style(last.group())
            low = word.lower()
            if _case_style(word) != style or (style == "mixed" and not word[0].isupper()) or low in stop \
                    or any(s < m.end(1) and m.start(1) < e and not (s < r.end and r.start < e) for s, e in taken):
                break
            if style == "lower" and m.group(0).strip() != word:
                break  # no initials in lower case
            known = is_last_name(word) and word_zipf(word) < VERY_COMMON_ZIPF
            if not (known or (style != "lower" and word_zipf(word) < SURNAME_MAX_ZIPF)):
                break
            end = m.end(1)
        if end == r.end:
            out.append(r)
        else:
            out.append(RecognizerResult("PERSON", r.start, end, r.score, analysis_explanation=r.analysis_explanation,
                                        recognition_metadata=r.recognition_metadata))
    return out


def _split_at_line_breaks(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """spaCy sometimes runs a PERSON/LOCATION across a line break ("Rohan Mehta\nAddress"): split it and
    drop the pieces made only of common words."""
    stop = _stop_words()
    out = []
    for r in results:
        value = text[r.start:r.end]
        if r.entity_type not in ("PERSON", "LOCATION", "ORGANIZATION") or "\n" not in value:
            out.append(r)
            continue
        for m in re.finditer(r"[^\n]+", value):
            piece = m.group()
            words = re.findall(r"[^\W\d_]+", piece)
            if words and not all(w.lower() in stop for w in words):
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece) - len(piece.rstrip())
                out.append(RecognizerResult(r.entity_type, r.start + m.start() + lead, r.start + m.end() - trail,
                                            r.score, analysis_explanation=r.analysis_explanation,
                                            recognition_metadata=r.recognition_metadata))
    return out


def _repeated_mentions(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Other occurrences of a word already tagged as part of a person's name ("Csanád gave Csanád Kiss ...")."""
    stop = _stop_words()
    words = set()
    for r in results:
        if r.entity_type == "PERSON":
            for m in re.finditer(r"[^\W\d_][^\W\d_'’\-]+", text[r.start:r.end]):
                w = m.group()
                if len(w) >= 3 and w.lower() not in stop:
                    words.add(w)
    if not words:
        return []
    covered = [(r.start, r.end) for r in results]
    extra = []
    for m in re.finditer(r"(?<![\w'’\-])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?![\w\-])",
                         text):
        if not any(s <= m.start() and m.end() <= e for s, e in covered):
            extra.append(RecognizerResult("PERSON", m.start(), m.end(), 0.5,
                                          recognition_metadata={"recognizer_name": "RepeatedMention"}))
    return extra


def _clip_to_structured(text: str, group: list[RecognizerResult], rank: dict[str, int]) -> list[RecognizerResult]:
    """A group of overlapping results with a validated identifier in it: the identifiers keep exactly the
    span their recognizer validated (never the union, which would hand an operator the text around them),
    and the vaguer results keep only their parts outside the identifiers that still hold a digit (or a word,
    for names and places)."""
    kept: list[RecognizerResult] = []
    for r in sorted((x for x in group if x.entity_type in _STRUCTURED),
                    key=lambda x: (-(x.end - x.start), rank.get(x.entity_type, len(rank)), -x.score)):
        if not any(r.start < k.end and k.start < r.end for k in kept):
            kept.append(r)
    pieces: list[RecognizerResult] = []
    for r in sorted((x for x in group if x.entity_type not in _STRUCTURED), key=lambda x: x.start):
        cuts = [r.start] + [p for k in sorted(kept, key=lambda k: k.start) if r.start < k.end and k.start < r.end
                            for p in (k.start, k.end)] + [r.end]
        for lo, hi in zip(cuts[::2], cuts[1::2]):
            lo, hi = max(lo, r.start), min(hi, r.end)
            residue = re.sub(r"</?[A-Za-z][^<>]*>?|<|>", " ", text[lo:hi])  # markup is no part of a value
            m = re.search(r"[^\W_](?:.*[^\W_])?", residue, re.S)
            words_count = r.entity_type not in ("STREET_ADDRESS", "DATE_TIME")  # else a cue word ("IBAN") at most
            if m and (re.search(r"\d", m.group()) or words_count and re.search(r"[^\W\d_]{2}", m.group())) and \
                    not any(p.start < lo + m.end() and lo + m.start() < p.end for p in pieces + kept):
                pieces.append(RecognizerResult(r.entity_type, lo + m.start(), lo + m.end(), r.score,
                                               analysis_explanation=r.analysis_explanation,
                                               recognition_metadata=r.recognition_metadata))
    return sorted(kept + pieces, key=lambda x: x.start)


def postprocess(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Return non-overlapping results, so each span is replaced exactly once.

    Drops what is not PII: durations and relative times taken for dates, title-cased common phrases, lower-case
    or capitalised words without a cue taken for people, places used as words. Extends a given name over
    the surname after it, adds other mentions of words already tagged as a person's name, then merges every group of
    overlapping results into one span covering their union; the group's type is that of its longest
    member (ties: the type earlier in TYPE_PRIORITY). A structured identifier (card, IBAN, SSN, IP,
    email, URL) keeps its own type when a vaguer result (a phone, a date) overlaps it.
    """
    results = _split_at_line_breaks(text, results)
    results = [r for r in results
               if not _is_non_pii_time(text, r) and not _is_common_phrase_person(text, r)
               and not _is_date_taken_for_an_address(text, r)
               and not _lacks_person_evidence(text, r) and not _is_name_list_guess_inside_place(text, r, results)
               and not _is_person_taken_for_a_place(text, r, results)]
    results = [r for r in results if not _is_generic_place(text, r)]
    results = _extend_surnames(text, results)
    results = results + _repeated_mentions(text, results)
    results = results + repeated_places(text, results)
    return merge_overlaps(text, results)


def merge_overlaps(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """One span per group of overlapping results (see ``postprocess``); shared with the other languages."""
    rank = {t: i for i, t in enumerate(TYPE_PRIORITY)}
    merged: list[list[RecognizerResult]] = []
    for r in sorted(results, key=lambda r: (r.start, -r.end)):
        if merged and r.start < max(x.end for x in merged[-1]):
            merged[-1].append(r)
        else:
            merged.append([r])
    out = []
    for group in merged:
        start, end = min(x.start for x in group), max(x.end for x in group)
        structured = [x for x in group if x.entity_type in _STRUCTURED]
        if structured and len(group) > 1:
            out += _clip_to_structured(text, group, rank)
            continue
        pool = structured or group
        best = min(pool, key=lambda x: (-(x.end - x.start), rank.get(x.entity_type, len(rank)), -x.score))
        if len(group) == 1:
            out.append(best)
            continue
        out.append(RecognizerResult(best.entity_type, start, end, max(x.score for x in group),
                                    analysis_explanation=best.analysis_explanation,
                                    recognition_metadata=best.recognition_metadata))
    return out
