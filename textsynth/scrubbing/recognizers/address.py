"""Street addresses: house number + street name + street type, or a cue and a street word."""
from __future__ import annotations

import functools
import re
from typing import Iterable

from presidio_analyzer import EntityRecognizer, Pattern, RecognizerResult

from .base import _merge_overlapping, normalize_breaks
from .vocabulary import ADDRESS_CUES, INTL_STREET_ENDINGS, INTL_STREET_WORDS, NOT_PLACE_WORDS, PLAIN_STREET_SUFFIXES, POSTCODE, SECONDARY_UNIT, STREET_SUFFIXES, US_STATE_ABBRS, _faker_street_suffixes, _word_alternation

# Street addresses
# --------------------------------------------------------------------------------------------------
# Regex pieces of an address, declared as data (as Presidio's PatternRecognizer declares its patterns).
WORD = r"(?:[^\W\d_][\w'’\-]*\.?)"
CAP = r"(?:[^\W\d_a-z][\w'’\-]*\.?)"
CONNECTOR = r"(?:de|del|de la|la|le|les|du|des|di|da|do|dos|das|van|von|der|den|y|e|i|and|of|the|st\.?|san|santa)"
STREET_NAME_WORDS = rf"(?:{CAP}|\d+(?:st|nd|rd|th)\b)(?:[ \-](?:{CAP}|{CONNECTOR}|\d+(?:st|nd|rd|th)\b)){{0,4}}"
HOUSE_NUMBER = r"\d{1,6}[A-Za-z]?(?:[\-/]\d{1,4}[A-Za-z]?)?"
PLACE_WORD = r"(?:[^\W\d_a-z][\w'’\-]{0,2}\.|[^\W\d_a-z][\w'’\-]*)"  # a dot only after "St."-like words
CORNER_PART = rf"(?:{HOUSE_NUMBER}[ \t]+)?{CAP}(?:[ \t]+(?:{CAP}|{CONNECTOR}|{WORD}|{HOUSE_NUMBER}\.?))*"
LOWER_WORD = r"[^\W\d_][\w'’\-]*"
PLACE_CONNECTOR = r"(?:[^\W\d_A-Z]{1,3}|upon|sur|nad|pod|près|lès)"
# A street named without a number needs one of these right before it ("on Baker Street", "address: ...").
STREET_NAME_CUE = (r"(?i)\b(?:on|at|off|near|along|down|up|corner\s+of|address(?:es)?|live[sd]?\s+(?:on|at)|"
                   r"located\s+(?:on|at)|street|to|and)\s*:?\s*(?:the\s+)?$")
# "words number" without a street word: needs an address cue before it ("lives at Laukaantie 80").
WORDS_NUMBER = (rf"(?<![\w\-]){PLACE_WORD}(?:[ \t]+(?:{PLACE_WORD}|{CONNECTOR})){{0,4}}[ \t]+{HOUSE_NUMBER}"
                rf"(?![\w\-]|[.,:]\d)")
# Between an address's segments: a comma, line breaks (also escaped ones and quote marks), or spaces.
SEGMENT_SEPARATOR = r"(?:\s*,\s*|[ \t]*(?:\\n|\n)(?:[ \t]*(?:\\n|\n))*[ \t]*(?:(?:>|\?\?\?)[ \t]*)?,?[ \t]*|[ \t]+)"
PLACE_SEGMENT = (rf"(?:\d+(?:st|nd|rd|th)[ \t]+)?{PLACE_WORD}(?:[ \-](?:{PLACE_WORD}|{CONNECTOR}|{PLACE_CONNECTOR}))*?"
                 rf"(?:\s*\([^\W\d_][\w ]{{1,20}}\))?"
                 rf"(?=\s*(?:,|\\n|\n|$|\.(?:\s|$)|\s+{POSTCODE}(?![\w\-])|\s*[;)!?]))")
PLACE_BEFORE_LOWER = rf"{CAP}(?:[ \-](?:{CAP}|{CONNECTOR}))*(?:[ \t]+[^\W\d_a-z][\w'’\-]*)*(?=[ \t]+[a-z])"
NUMBER_OR_UNIT_BEFORE = rf"(?:{HOUSE_NUMBER}|{SECONDARY_UNIT}|[A-Z]{{1,2}}-\d{{1,4}},?)[ \t]+$"


def _street_suffix() -> str:
    """Any English street-type word, abbreviated or not ("Street", "St.", "Pkwy")."""
    return rf"(?:{_word_alternation([*STREET_SUFFIXES, *_faker_street_suffixes()])})\.?"


@functools.lru_cache(maxsize=1)
def anchor_patterns() -> tuple[Pattern, ...]:
    """Where an address starts: one Presidio Pattern (name, regex, score) per form of street address."""
    suffix = _street_suffix()
    intl = _word_alternation(INTL_STREET_WORDS)
    endings = _word_alternation(INTL_STREET_ENDINGS)
    plain_suffix = _word_alternation(PLAIN_STREET_SUFFIXES)
    num, cap, connector, word, place_word = HOUSE_NUMBER, CAP, CONNECTOR, WORD, PLACE_WORD
    return (
        # 221B Baker Street / 99 Eastbourne Rd / 5th Avenue
        Pattern("us", rf"(?<![\w\-.:]){num}(?:,)?[ \t]+{STREET_NAME_WORDS}[ \t]+(?i:{suffix})(?![\w])"
                      rf"(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\b\.?)?", 0.6),
        # 12 rue de la Paix / 10 Downing Street handled above / 7 Via Roma
        Pattern("num-intl", rf"(?i)(?<![\w\-]){num},?[ \t]+(?:{intl})\.?[ \t]+{word}(?:[ \t]+(?:{connector}|{word})){{0,4}}",
                0.6),
        # Hauptstraße 5 / Via Carlo Cattaneo 88 / ul. Siostrzana 48 / Stationsvej 23
        Pattern("intl-num", rf"(?<![\w\-])(?:(?i:{intl})\.?[ \t]+(?:{connector}[ \t]+)*{cap}(?:[ \t]+(?:{connector}|{cap})){{0,3}}|"
                            rf"(?:{cap}[ \t]+){{0,3}}(?:[^\W\d_a-z][^\W\d_]*(?i:{endings})|{cap}[ \t]+(?i:{intl})\.?))"
                            rf"[ \t]+{num}\.?(?![\w\-])", 0.6),
        # 788 Fitjabraut 87 / 893 Paraguay 87
        Pattern("num-words-num", rf"(?<![\w\-.,$€£]){num}[ \t]+{place_word}(?:[ \t]+(?:{place_word}|{connector})){{0,4}}[ \t]+{num}"
                                 rf"(?![\w\-]|[.,]\d|[ \t]*(?:%|percent|years|minutes|stars|times))", 0.55),
        # PO Box 123 / P.O. Box 123
        Pattern("po-box", r"(?i)\b(?:P\.?[ \t]?O\.?[ \t]?Box|Post[ \t]+Office[ \t]+Box|Postfach|BP|Boîte[ \t]+postale)[ \t]*\d{1,6}\b",
                0.6),
        # Military: PSC 2322, Box 6025 / Unit 9010 Box 4328 / USNS Foo / APO AE 09021
        Pattern("two-numbers-words", rf"(?<![\w\-.,$€£])(?!(?:19|20)\d\d\b){num}[ \t]+\d{{1,4}}[A-Za-z]?[ \t]+{cap}(?:[ \t]+(?:{cap}|{connector})){{0,3}}", 0.5),
        Pattern("military", r"\b(?:PSC|CMR|Unit)[ \t]+\d{3,5},?[ \t]+Box[ \t]+\d{1,5}|\bUS(?:NS|NV|CGC|S)[ \t]+[^\W\d_a-z]\w+"
                            r"|\b[APD]PO[ \t]+A[AEP][ \t]+\d{5}\b", 0.6),
        # the corner of X and Y
        Pattern("corner", rf"\b[Cc]orner[ \t]+of[ \t]+(?:the[ \t]+)?{CORNER_PART}[ \t]+(?:and|&)[ \t]+{CORNER_PART}", 0.55),
        # Baker Street / on Pušaver Causeway (no number): needs an address cue, checked in analyze()
        Pattern("street-name", rf"(?<![\w\-]){cap}(?:[ \t]+(?:{cap}|{connector})){{0,3}}[ \t]+(?:{plain_suffix})\.?(?![\w])",
                0.5),
        # House codes and sectors (India and elsewhere): "B-12, Sector 15", "Block C, Phase 2"
        Pattern("sector", r"(?:\b[A-Z]{1,2}-?\d{1,4}[A-Z]?,?[ \t]+)?\b(?:Sector|Block|Phase|Pocket)[ \t]+[A-Z\d]{1,4}\b", 0.5),
        # Standalone unit designators: "Apt. 899", "Suite 574"
        Pattern("unit", r"\b(?:Apt\.?|Apartment|Suite|Ste\.|Unit|Flat)[ \t]*#?[ \t]*[A-Za-z]?\d{1,5}[A-Za-z]?\b", 0.5),
    )


def lower_case_anchor() -> str:
    """A lower-case address in chat ("his new addr is 19 crescent lane, ithaca ny 14850"); needs a cue."""
    return (rf"(?i)(?<![\w\-]){HOUSE_NUMBER}[ \t]+(?:{LOWER_WORD}[ \t]+){{1,3}}(?:{_street_suffix()})(?![\w])"
            rf"(?:,?[ \t]+{LOWER_WORD}(?:[ \t]+{LOWER_WORD})?,?[ \t]+(?:{'|'.join(US_STATE_ABBRS)})(?:[ \t]+\d{{5}})?\b)?")


class StreetAddressRecognizer(EntityRecognizer):
    """Street addresses in US and international forms, extended over unit, city, state, postcode lines.

    An address starts at an anchor: "<number> <words> <street suffix>" ("221B Baker Street"),
    "<words with a street word> <number>" ("Hauptstraße 5", "Via Roma 12"), "<number> <street word>
    <words>" ("12 rue de la Paix"), "<number> <words> <number>" ("788 Fitjabraut 87"), a PO box or a
    military address, or "the corner of X and Y". It then grows over the segments that usually follow
    (unit, city, state, postcode, country), separated by commas or line breaks.
    """

    ENTITY = "STREET_ADDRESS"

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], name="StreetAddressRecognizer",
                         supported_language=supported_language)

    def load(self) -> None:
        self._anchors = [(p.name, re.compile(p.regex), p.score) for p in anchor_patterns()]
        self._cue = ADDRESS_CUES
        self._strong_cue = re.compile(STREET_NAME_CUE)
        self._words_num = re.compile(WORDS_NUMBER)
        self._sep = re.compile(SEGMENT_SEPARATOR)
        self._unit = re.compile(SECONDARY_UNIT + r"(?![\w])", re.IGNORECASE)
        self._postcode = re.compile(POSTCODE + r"(?![\w\-])")
        self._state = re.compile(rf"(?:{'|'.join(US_STATE_ABBRS)})\.?(?![\w\-])")
        self._place = re.compile(PLACE_SEGMENT)
        self._place_before_lower = re.compile(PLACE_BEFORE_LOWER)
        self._back_num = re.compile(NUMBER_OR_UNIT_BEFORE, re.IGNORECASE)
        self._lower_anchor = re.compile(lower_case_anchor())

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        if not hasattr(self, "_anchors"):
            self.load()
        text = normalize_breaks(text)
        spans: list[tuple[int, int, float, str]] = []
        for name, regex, score in self._anchors:
            for m in self._finditer(name, regex, text):
                if name == "street-name" and not self._strong_cue.search(text[max(0, m.start() - 40):m.start()]):
                    continue
                spans.append((m.start(), m.end(), score, name))
        for m in self._lower_anchor.finditer(text):
            if self._cue.search(text[max(0, m.start() - 40):m.start()]):
                spans.append((m.start(), m.end(), 0.5, "cued-lowercase"))
        for m in self._words_num.finditer(text):
            line_end = re.match(r"[ \t]*(?:\n|$)", text[m.end():])
            cued = self._cue.search(text[max(0, m.start() - 40):m.start()])
            if (cued or line_end) and not _looks_like_non_address(m.group()):
                spans.append((m.start(), m.end(), 0.5, "cued-words-num"))
        results = []
        for start, end, score, name in spans:
            start = self._extend_back(text, start)
            end = self._extend(text, end, after_unit=name == "unit")
            last = re.search(r"([^\W\d_]+)\.$", text[start:end])
            if last and len(last.group(1)) > 4:
                end -= 1
            results.append(RecognizerResult(self.ENTITY, start, end, score,
                                            recognition_metadata={"recognizer_name": self.name, "pattern": name}))
        return _merge_overlapping(results)

    def _finditer(self, name: str, regex: re.Pattern, text: str) -> Iterable[re.Match]:
        """Matches of one anchor; the slow "words + street word + number" one only near numbers."""
        if name != "intl-num":
            yield from regex.finditer(text)
            return
        end = -1
        for d in re.finditer(r"\d+", text):
            lo = max(d.start() - 90, end, 0)
            for m in regex.finditer(text, lo, min(len(text), d.end() + 12)):
                if m.start() >= lo and m.end() > end:
                    end = m.end()
                    yield m

    def _extend_back(self, text: str, start: int) -> int:
        """Include building numbers and unit designators just before the anchor ("Apt. 899 16087 ...")."""
        for _ in range(3):
            m = self._back_num.search(text[max(0, start - 30):start])
            if not m:
                break
            start = max(0, start - 30) + m.start()
        return start

    def _extend(self, text: str, end: int, after_unit: bool = False) -> int:
        """Grow the span over the unit/city/state/postcode/country segments that follow."""
        pos = end
        places = 0
        prev_was_unit = after_unit
        last_kind = "unit" if after_unit else "street"
        for _ in range(8):
            sep = self._sep.match(text, pos)
            if not sep:
                break
            sep_text = sep.group()
            hard = "," in sep_text or "\n" in sep_text or "\\n" in sep_text
            nxt = sep.end()
            m = self._unit.match(text, nxt)
            if m:
                pos, prev_was_unit, last_kind = m.end(), True, "unit"
                continue
            m = self._postcode.match(text, nxt)
            if m and (hard or places or prev_was_unit or pos != end):
                pos, last_kind = m.end(), "postcode"
                prev_was_unit = True  # a city may follow a postcode without a comma ("10115 Berlin")
                continue
            m = self._state.match(text, nxt)
            if m and (hard or places) and last_kind == "place":
                pos, last_kind = m.end(), "state"
                continue
            m = self._place.match(text, nxt)
            if not m and last_kind == "unit" and not hard:
                m = self._place_before_lower.match(text, nxt)
            if m and (hard or prev_was_unit or places) and places < 4:
                words = m.group().lower().split()
                if words and words[0].strip(".,") not in NOT_PLACE_WORDS and len(words) <= 5:
                    pos, places = m.end(), places + 1
                    last_kind = "place"
                    prev_was_unit = False
                    continue
            break
        return pos


def _looks_like_non_address(value: str) -> bool:
    return bool(re.match(r"(?i)(?:chapter|page|room|windows|iphone|version|level|season|episode|part|step|"
                         r"top|day|week|year|gate|flight|route|covid|apollo|catch|table|row|seat|act|scene|pixel|galaxy|model|"
                         r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
                         r"july|august|september|october|november|december|spring|summer|autumn|fall|winter|"
                         r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|terminal|platform|track|bus|"
                         r"line|number|no|ticket|order|invoice|ubuntu|python|java|docker|kernel|ios|android|tel|fax|phone|mobile|"
                         r"cell|ext|nr)\b", value))



# --------------------------------------------------------------------------------------------------
