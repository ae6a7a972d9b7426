"""Nicknames and pet names in French, German, Spanish and Italian text (PERSON), beside ``local_names``.

Friends, families and neighbours call people by names that no name list holds: "Totò", "Loulou", "Peppe",
"javito", "salvuccio", "Manni", "Chrissi". A word counts as such a name only by its SHAPE and its PLACE together.

Shapes (``nickname``), on the accent-folded word:
- a doubled syllable ("Totò", "Loulou", "Mimi", "Pepe"), or the first consonant doubled ("Pippo", "Peppe");
- a language's pet-name ending after the start of a listed given name of the language ("jav|ito" of Javier, "pabl|ito",
  "salv|uccio" of Salvatore, "Man(n)|i" of Manfred; ``LanguageProfile.nickname_suffixes``);
- the end of a listed given name ("Peppe" of Giuseppe, "Nando" of Fernando);
- a clipped given name ("Seb", "Dome"), or a listed given name that is not an ordinary word.

Places:
- after a greeting ("Hallo Manni", "ciao Totò");
- after a relative or a sibling ("nonno Totò", "tía Reme"; ``relatives``, ``kin``);
- after a trade or role ("der Hausmeister Manni", "la portinaia Rosa", "el conserje, Vicent"; ``roles``), where a
  capitalised word too rare to be an ordinary word of the language counts as well;
- after the article colloquial speech puts before a given name, mid-sentence ("il Pippo", "der Dome";
  ``name_articles``), when no capitalised word follows ("il Gran Sasso");
- as a chat's speaker label ("[19:04] Totò: ...") in a chat of two or more speaker lines;
- in chat's lower case, opening a message after a speaker label or laughter ("Tía Puri: javito tienes ...");
- in lower case after a naming cue ("hier ist basti"; ``name_cues``), a pet name's shape or a clipped given name;
- after a word saying whose it is or where ("il bar di Peppe", "von Chrissi", "chez Mimi"; ``possessive_words``),
  only a pet name's own shape (no listed or clipped name) that names no place ("a Torino").
The word lists are data in ``langs/<code>.py``.
"""
from __future__ import annotations

import functools
import re
from collections import Counter

from presidio_analyzer import RecognizerResult

from .local_recognizer import LocalRecognizer
from .local_name_words import CHAT_STAMP, FIRST_NAME_MAX_ZIPF, LINE_OPENING, NameWords, fold
from .local_words import COMMON_ZIPF, language_names, zipf
from .places import gazetteer

SCORE = 0.86  # above spaCy's 0.85, as in local_name_shapes
NICKNAME_MAX_ZIPF = 4.5  # a pet name more frequent than this in the language is read as the word it also is
TAIL_MIN, TAIL_MAX = 4, 6  # letters of a given name's end used as a name ("Peppe" of Giuseppe)
MIN_CHAT_LINES = 2
_DOUBLED = re.compile(r"([^aeiouy\W\d_]*[aeiouy]+)\1")  # "toto", "loulou", "mimi" (after folding)
_GEMINATE = re.compile(r"([^aeiouy\W\d_])[aeiou]\1\1[aeiou]")  # the first consonant doubled: "pippo", "peppe"
# a short word with a consonant doubled before its last vowel: "Betta", "Checco", "Lello" (ordinary words of that
# shape, "gatto", "letto", are frequent and fail ``_candidate``)
_DOUBLED_END = re.compile(r"[^aeiouy\W\d_]{1,2}[aeiou]([^aeiouy\W\d_])\1[aeiou]")
_NAME = r"([^\W\d_][\w'’\-]*)"
_SPEAKER = re.compile(rf"(?m)^[ \t]*({CHAT_STAMP})?{_NAME}[ \t]*:(?=[ \t])")


@functools.lru_cache(maxsize=None)
def _starts(first_names: frozenset[str]) -> frozenset[str]:
    """The first three letters or more of given names, whole names too ("pabl", "juan"): a pet-name ending's base."""
    return frozenset(n[:k] for n in first_names if n.isalpha() for k in range(3, len(n) + 1))


@functools.lru_cache(maxsize=None)
def _tails(first_names: frozenset[str]) -> frozenset[str]:
    """The last 4-6 letters of given names at least two letters longer ("peppe" of Giuseppe)."""
    return frozenset(n[-k:] for n in first_names if n.isalpha()
                     for k in range(TAIL_MIN, min(TAIL_MAX, len(n) - 2) + 1))


class LocalNicknameRecognizer(LocalRecognizer):
    """PERSON from a pet name's shape in a name's place (see the module docstring)."""

    ENTITY = "PERSON"

    def load(self) -> None:
        p = self.profile
        self.lex = NameWords(p)
        local_first = frozenset(fold(n) for n in language_names(p.code)[0])
        self._starts, self._tails = _starts(local_first), _tails(local_first)
        self._family = p.relatives | p.kin | p.parents
        self._titles = frozenset(t.lower().rstrip(".") for t in p.titles)
        self._greeting = self._after(tuple(g for g in p.greetings if " " not in g), r"[ \t]+")
        self._relative = self._after(tuple(p.relatives | p.kin), r"[ \t]+")
        self._role = self._after(tuple(p.roles), r"[ \t]*,?[ \t]+", elided=True)  # "l'istruttore Massimo"
        self._article = self._after(tuple(p.name_articles), r"[ \t]+", case_sensitive=True)
        self._of = self._after(tuple(p.possessive_words), r"[ \t]+", case_sensitive=True)
        cues = "|".join(sorted(p.name_cues, key=len, reverse=True))
        self._cue = re.compile(rf"(?i)(?<![\w])(?:{cues})[ \t]*[:,]?[ \t]+(?-i:([a-zà-ÿ][\w'’\-]*))")
        self._places_gazetteer = gazetteer()

    @staticmethod
    def _after(words: tuple[str, ...], gap: str, case_sensitive: bool = False, elided: bool = False) -> re.Pattern | None:
        """A capitalised word right after one of ``words`` (group 1), also after an elided article when ``elided``."""
        if not words:
            return None
        alternation = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
        words_regex = f"(?:{alternation})" if case_sensitive else f"(?i:{alternation})"
        before = r"(?<!\w)" if elided else r"(?<![\w'’])"
        return re.compile(rf"{before}{words_regex}{gap}([^\W\d_a-z][\w'’\-]*)")

    def nickname(self, word: str) -> bool:
        """A pet name's shape, a clipped given name, or a listed given name that is no ordinary word (see the
        module docstring), rare enough not to be read as an ordinary word."""
        if not self._candidate(word):
            return False
        return self.shape(word) or self.lex.is_short_form(word) or \
            self.lex.is_first(word) and not self.lex.is_ordinary(word, FIRST_NAME_MAX_ZIPF)

    def _candidate(self, word: str) -> bool:
        low = fold(word)
        return len(low) >= 3 and word.lower() not in self.lex.stop and low not in self._family and \
            zipf(word.lower(), self.profile.code) < NICKNAME_MAX_ZIPF

    def shape(self, word: str) -> bool:
        """A pet name's own shape: a doubled syllable or consonant, a given name's end, or a pet-name ending on a
        given name's start (not a listed or clipped name: those are ordinary words more often)."""
        low = fold(word)
        if not self._candidate(word):
            return False
        if _DOUBLED.fullmatch(low) or _GEMINATE.fullmatch(low) or _DOUBLED_END.fullmatch(low) or low in self._tails:
            return True
        for suffix in self.profile.nickname_suffixes:
            stem = low[:-len(suffix)]
            if low.endswith(suffix) and len(stem) >= 3:
                undoubled = stem[:-1] if stem[-1] == stem[-2] else stem  # "Manni" -> "man", "Chrissi" -> "chris"
                if stem in self._starts or undoubled in self._starts:
                    return True
        return False

    def _rare(self, word: str) -> bool:
        return word.lower() not in self.lex.stop and not self.lex.is_ordinary(word, COMMON_ZIPF)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and "PERSON" not in entities:
            return []
        if not hasattr(self, "lex"):
            self.load()
        spans = self._places(text) + self._speakers(text) + self._openings(text) + self._cued_lower(text)
        return [RecognizerResult("PERSON", s, e, SCORE, recognition_metadata={"recognizer_name": self.name,
                                                                                "pattern": how})
                for s, e, how in spans]

    def _places(self, text: str) -> list[tuple[int, int, str]]:
        out = []
        for pattern, how in ((self._greeting, "greeting"), (self._relative, "relative"), (self._role, "role"),
                             (self._article, "article"), (self._of, "of")):
            for m in pattern.finditer(text) if pattern else ():
                word = m.group(1)
                if not self._name_shaped(word):
                    continue
                if how in ("article", "of") and (self.lex.sentence_start(text, m.start()) or
                                                 re.match(r"[ \t]+[^\W\d_a-z]", text[m.end(1):m.end(1) + 2])):
                    continue  # "Il Pippo" opening a sentence is no colloquial article; "il Gran Sasso" is a name
                if how == "of":  # whose it is, or where: a pet name's own shape, and no place ("da Peppe", "a Torino")
                    if self.shape(word) and word.lower() not in self._places_gazetteer:
                        out.append((m.start(1), m.end(1), how))
                elif how == "article":  # "die Iris", "la Rosa": a listed name after an article must be rare
                    # a clipped name may be a function word too ("la Vale ha commentato"): no verb follows "la"
                    clipped = self.lex.is_short_form(word) and (self._candidate(word) or
                                                                word.lower() not in self.profile.common_capitalised)
                    if self.shape(word) or clipped or \
                            self.lex.is_local_first(word) and self._candidate(word) and self._rare(word):
                        out.append((m.start(1), m.end(1), how))
                elif self.nickname(word) or how == "role" and (  # after a role, a given name even when a word too
                        self._rare(word) or self.lex.is_local_first(word) and word.lower() not in self.lex.stop):
                    out.append((m.start(1), m.end(1), how))
        return out

    def _openings(self, text: str) -> list[tuple[int, int, str]]:
        """A chat message opening with a pet name or a listed given name in lower case, after a speaker label or
        laughter ("[19:09] Tía Puri: javito tienes ...", "lol nikki hast du ..."), when it is no ordinary word."""
        out = []
        for m in LINE_OPENING.finditer(text):
            word = m.group("name")
            if (m.group("label") or m.group("interjection")) and word.islower() and \
                    (self.nickname(word) or self.lex.is_first(word)) and not self.lex.is_ordinary(word):
                out.append((m.start("name"), m.end("name"), "opening"))
        return out

    def _cued_lower(self, text: str) -> list[tuple[int, int, str]]:
        """A lower-case pet name or clipped given name after a naming cue ("hier ist basti", "soy javito")."""
        return [(m.start(1), m.end(1), "cue") for m in self._cue.finditer(text)
                if (self.shape(m.group(1)) or self.lex.is_short_form(m.group(1))) and self._rare(m.group(1))]

    def _speakers(self, text: str) -> list[tuple[int, int, str]]:
        """A chat's speaker label: timestamped, or a label that repeats (a form's "IBAN:", "Mail:" do neither)."""
        labels = list(_SPEAKER.finditer(text))
        if len(labels) < MIN_CHAT_LINES:
            return []
        counts = Counter(m.group(2) for m in labels)
        # after a timestamp, a listed name even when it is an ordinary word too ("[19:04] Salvo: ...")
        return [(m.start(2), m.end(2), "speaker") for m in labels
                if (m.group(1) or counts[m.group(2)] >= 2) and self._name_shaped(m.group(2))
                and (self.nickname(m.group(2)) or m.group(1) and self.lex.is_known(m.group(2))
                     and fold(m.group(2)) not in self._family)]

    def _name_shaped(self, word: str) -> bool:
        """Capitalised, not in capitals, and no title ("Dña", "Sig")."""
        return word[:1].isupper() and not word.isupper() and word.lower().rstrip(".") not in self._titles
