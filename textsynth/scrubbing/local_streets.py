"""Streets and parks named without a house number (LOCATION) in French, German, Spanish and Italian text.

``local_addresses`` needs a house number or an address cue; people also write "le logement rue Saint-Jean",
"el piso de la calle Fuencarral", "l'appartamento in via dei Mille", "vers le parc de la Tête d'Or",
"in der Weserstraße". Here a street or park word of the language (``LanguageProfile.street_words`` and
``park_words``) followed by a name is a place: the name is capitalised (with particles inside: "de la", "dei"),
or, in chat's lower case ("calle sagasta", "viale papiniano"), one word too rare to be an ordinary word of the
language. German writes the street inside one compound ("Weserstraße", "Friedrichsplatz"): a capitalised
compound ending in a street word counts when the whole compound is a rare word (not "Parkplatz"), and so does
a capitalised adjective before a street word ("Grimmaische Straße", "Berliner Allee").
Abbreviations ("bd", "c", "str") need the house number, as do words that are ordinary nouns before a name too
often ("place" in "à la place de Marie": these languages list them in ``street_words_need_number``).
"""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from .local_recognizer import LocalRecognizer
from .local_words import stop_words, zipf

SCORE = 0.86  # above spaCy's 0.85: Presidio keeps the higher of two equal spans, and spaCy's lower-case ones are dropped
RARE_ZIPF = 3.0  # a lower-case street name, or a German street compound, is rarer than this as a word
MIN_STREET_WORD = 3  # shorter street words are abbreviations ("c", "bd", "av"): they need a house number
_LINK = r"(?:de|del|de\s+la|de\s+las|de\s+los|du|des|de\s+l['’]|d['’]|la|le|les|di|della|delle|dei|degli|dello|" \
        r"dal|al|y|e)"
_CAP = r"(?:[^\W\d_a-z][\w'’\-]*)"
_NAME = rf"(?:{_LINK}[ \t]+|{_LINK})*{_CAP}(?:[ \t]+(?:{_LINK}[ \t]+|{_LINK})*{_CAP}){{0,3}}"
# what "via" (Italian "by way of") also precedes: a medium or channel, never a street ("via WhatsApp", "via Mail")
MEDIA = frozenset("""email e-mail mail posta pec pc sms mms fax whatsapp telegram signal skype zoom teams meet facebook
instagram messenger linkedin twitter tiktok paypal satispay bizum bonifico internet web app chat telefono
cellulare messaggio dm""".split())
_GERMAN_COMPOUND = re.compile(r"(?<![\w\-])((?:[^\W\d_a-z][\w\-]*?)(?:straße|strasse|platz|allee|gasse|ufer|damm|"
                              r"chaussee))(?![\w\-])")

# a German street named by an adjective before the street word: "Grimmaische Straße", "Berliner Allee", "Alte Gasse"
# and a park or garden named so, not at a sentence's start ("vom Englischen Garten"; "Schöner Garten, tolle Lage")
_GERMAN_ADJECTIVE_STREET = re.compile(r"(?<![\w\-])([^\W\d_a-z][^\W\d_]*(?:e|er|en))[ \t]+(?:Straße|Strasse|Allee|"
                                      r"Gasse|Platz|Weg|Ring|Ufer|Damm|Chaussee|Garten|Park)(?![\w\-])")


class LocalStreetNameRecognizer(LocalRecognizer):
    """Street and park names without a number (see the module docstring)."""

    ENTITY = "LOCATION"

    def load(self) -> None:
        p = self.profile
        words = [w for w in p.street_words + p.park_words
                 if len(w) >= MIN_STREET_WORD and w.isalpha() and w not in p.street_words_need_number]
        alternation = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
        self._named = re.compile(rf"(?<![\w\-])(?i:{alternation})[ \t]+({_NAME})") if words else None
        self._lower = re.compile(rf"(?<![\w\-])(?i:{alternation})[ \t]+([^\W\d_]{{4,}})(?![\w\-])") if words else None
        self._stop = stop_words(p.code) | p.common_capitalised

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and "LOCATION" not in entities:
            return []
        if not hasattr(self, "_stop"):
            self.load()
        spans = []
        if self._named is not None:
            spans += [(m.start(), m.end()) for m in self._named.finditer(text) if self._name_ok(m.group(1))]
            spans += [(m.start(), m.end()) for m in self._lower.finditer(text)
                      if m.group(1).islower() and self._rare(m.group(1))]
        if self.profile.capitalises_nouns:
            spans += [m.span(1) for m in _GERMAN_COMPOUND.finditer(text) if self._rare(m.group(1))]
            spans += [m.span() for m in _GERMAN_ADJECTIVE_STREET.finditer(text) if m.group(1).lower() not in self._stop
                      and not re.search(r"(?:^|[.!?:]\s*|\n\s*)$", text[max(0, m.start() - 3):m.start()])]
        return [RecognizerResult("LOCATION", s, e, SCORE, recognition_metadata={"recognizer_name": self.name})
                for s, e in spans]

    def _name_ok(self, name: str) -> bool:
        """A capitalised name that is not a stop word or an acronym alone ("via SMS")."""
        head = name.split()[-1]
        return head.lower() not in MEDIA and not (len(name.split()) == 1 and (head.isupper() or head.lower() in self._stop))

    def _rare(self, word: str) -> bool:
        low = word.lower()
        return low not in self._stop and low not in MEDIA and zipf(low, self.profile.code) < RARE_ZIPF
