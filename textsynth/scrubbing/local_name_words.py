"""What the non-English name recognizer knows about one word: is it a listed name (Faker's lists of the
language's locales, accents folded so that chat's "lea" is "Léa"), an ordinary word of the language (spaCy stop
words, wordfreq), capitalised the way a name is, a clipped given name ("Flo")? Also the words of one text as the
recognizer walks them (``_Words``) and the cue words that name explicitly in every language (``EXPLICIT_CUE``)."""
from __future__ import annotations

import functools
import re
import unicodedata

from presidio_analyzer import RecognizerResult

from .languages import LanguageProfile
from .lexicon import faker_name_sets
from .name_dictionary import dictionary_first_names
from .local_words import COMMON_ZIPF, common_words, language_names, stop_words, zipf

SURNAME_MAX_ZIPF = 4.5  # a capitalised word this rare continues a name ("Sabine Krüger")
FIRST_NAME_MAX_ZIPF = 5.0  # a known given name this rare is a name mid-sentence ("mit Marco", "avec Pierre")


def fold(word: str) -> str:
    """Lower case without accents ("Agnès" -> "agnes"), as chat and e-mail addresses write names."""
    decomposed = unicodedata.normalize("NFKD", word.lower().rstrip("."))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=None)
def _folded(names: frozenset[str]) -> frozenset[str]:
    return frozenset(fold(n) for n in names)


SHORT_FORM_MIN, SHORT_FORM_MAX = 3, 5  # letters of a clipped given name ("Flo", "Manu", "Fede")


@functools.lru_cache(maxsize=None)
def _short_forms(first_names: frozenset[str]) -> frozenset[str]:
    """Clipped given names: the first 3-5 letters of a listed given name at least two letters longer ("Fra" of
    Francesca, "Manu" of Manuel, "Basti" is not one). Friends sign and address each other so; these count as a
    name only in a name position (a greeting, a sign-off line, after a naming cue)."""
    return frozenset(n[:k] for n in first_names if n.isalpha()
                     for k in range(SHORT_FORM_MIN, min(SHORT_FORM_MAX, len(n) - 2) + 1))


@functools.lru_cache(maxsize=None)
def _dictionary_names(profile: LanguageProfile, local: bool) -> frozenset[str]:
    """The name dictionary's names (of the language's countries when ``local``) that are no word of the language:
    Faker's lists are curated, the dictionary's 45,000 names include "Natale", "Parfait" and "Stern", which text uses
    as words far more often. Cached: three recognizers per language build a ``NameWords``."""
    p = profile
    words = {w.lower().rstrip(".") for group in (p.greetings, p.signoffs, p.titles, p.months, p.weekdays)
             for phrase in group for w in phrase.split()}
    words |= p.relatives | p.kin | p.parents | p.roles | stop_words(p.code) | p.common_capitalised | common_words(p.code)
    return _folded(frozenset(n for n in dictionary_first_names(p.code if local else None) if len(n) >= 3
                             and n not in words))


class NameWords:
    """The word classes of one language (built once per recognizer)."""

    def __init__(self, profile: LanguageProfile) -> None:
        self.profile = profile
        local_first, local_last = language_names(profile.code)
        all_first, all_last = faker_name_sets()
        # Faker's lists plus the name dictionary's given names (pet forms, regional and immigrant names); clipped
        # forms come from Faker's shorter list only, as the dictionary's thousands of names would make most short
        # words a clipped name
        self.function_words = stop_words(profile.code)
        self.stop = self.function_words | profile.common_capitalised
        self._faker_local_first = _folded(local_first)
        self._local_first = self._faker_local_first | _dictionary_names(profile, local=True)
        self._local_last = _folded(local_last)
        self._all_first = _folded(all_first) | self._local_first | _dictionary_names(profile, local=False)
        self._all_last = _folded(all_last)

    def is_known(self, word: str) -> bool:
        return self.is_first(word) or self.is_last(word)

    def is_local(self, word: str) -> bool:
        low = fold(word)
        return low in self._local_first or low in self._local_last

    def is_first(self, word: str) -> bool:
        low = fold(word)
        if low in self._local_first or low in self._all_first:
            return True
        parts = low.split("-")  # "Mia-Sophie", "Hans-J.": every part a given name or an initial
        return len(parts) > 1 and parts[0] in self._all_first and \
            all(part in self._all_first or len(part) == 1 for part in parts[1:])

    def is_last(self, word: str) -> bool:
        low = fold(word)
        return low in self._local_last or low in self._all_last

    def is_local_first(self, word: str) -> bool:
        return fold(word) in self._local_first

    def is_local_last(self, word: str) -> bool:
        return fold(word) in self._local_last

    def is_short_form(self, word: str) -> bool:
        """The clipped form of a given name of the language ("Flo", "Manu", "Fede"; see ``_short_forms``)."""
        return fold(word) in _short_forms(self._faker_local_first)

    def is_ordinary(self, word: str, min_zipf: float = COMMON_ZIPF) -> bool:
        """An ordinary word of the language (a stop word or a frequent word), whatever its case. wordfreq is
        case-folded, so names are frequent "words" too: callers raise ``min_zipf`` where a name is likely."""
        low = word.lower().rstrip(".")
        return low in self.stop or zipf(low, self.profile.code) >= min_zipf

    def is_name_like(self, word: str) -> bool:
        """Capitalised as a name, no stop word, and a listed name or no ordinary word of the language."""
        return self.is_cap(word) and word.lower() not in self.stop and (self.is_known(word) or not self.is_ordinary(word))

    def is_upper_name(self, word: str) -> bool:
        """A word in capitals that is a listed surname or no ordinary word ("MOREAU", "GARCÍA", "WEBER")."""
        return len(word) > 1 and word.isupper() and word.lower() not in self.stop and (
            all(self.is_local(p) or self.is_last(p) or not self.is_ordinary(p) for p in word.split("-")))

    @staticmethod
    def sentence_start(text: str, start: int) -> bool:
        before = text[max(0, start - 4):start].rstrip(" \t\"'«„“(")
        return not before or before[-1] in ".!?\n:;" or start < 2

    def is_cap(self, word: str) -> bool:
        """Capitalised as a name is: "Marie", or in capitals when a listed surname of the locale ("MOREAU")."""
        if not word[:1].isupper():
            return False
        parts = word.split("-")
        return not (len(word) > 3 and word.isupper()) or \
            any(self.is_local(p) for p in parts) and all(self.is_local(p) or not self.is_ordinary(p) for p in parts)


# The words of a text, and cue words shared by every language
# --------------------------------------------------------------------------------------------------

EXPLICIT_CUE = re.compile(r"(?i)(?:appelle|nom|heiße|heisse|heißt|heisst|name|llamo|llama|nombre|apellido|chiamo|"
                          r"chiama|cognome|prénom|namens|genannt|llamad[oa]|chiamat[oa]|appelé|prénommé|"
                          # whose doorbell, letterbox or contact it is: "Klingel Meurer", "citofono Moretti",
                          # "le num de thibault", "c/o Weber" (the cues are in ``langs/<code>.py``)
                          r"\b(?:klingel\w*|briefkasten|interphone|boîte|timbre|portero|buzón|buzon|citofon\w*|"
                          r"campanello|cassetta|händen|attention|atención|attenzione|num|numéro|nummer\w*|número|"
                          r"numero|tel|tél|telefon\w*|téléphone|teléfono|handy\w*|portable|móvil|movil|cel|celular|"
                          r"cell|cellulare|mail|e-mail|correo|kontakt|contact|contacto|contatto|whatsapp|wasap|iban|"
                          # a family by its surname: "Familie Oberhuber", "famille Nguyen", "familia Okafor"
                          r"famil\w*|eheleute|ehepaar|coniugi|époux|epoux|cónyuges|conyuges|"
                          # a widow's or maiden name: "ved. Bossi", "viuda de Cortés", "née Fabre", "geb. Schuster"
                          r"ved|vedov[ao]|viud[ao]|vda|veuve|vve|née|geb|geborene|verw|verwitwete)\b|c/o)")
# the stamp before a chat line's speaker: "[21:03] " or an exported chat's "22/06/25, 20:43 - " (WhatsApp)
CHAT_STAMP = r"(?:\[[^\]\n]{1,20}\][ \t]*|\d{1,2}[./]\d{1,2}[./]\d{2,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]*[-–][ \t]*)"
# chat's laughter and interjections before a vocative ("lol jannik hat ...", "jajaja nerea se ha ...")
# and chat's openers before one ("oh mimmo", "wesh bilal", "alter kevin", "holaa", "ciaooo")
INTERJECTION = (r"(?:lol|mdr|ptdr|xd|omg|ey|hey+|(?:ja|je|ha|ah|he|hi|ih){2,}h?|oh+|ohi|ehi|ehy|oi|wesh|yo|alter|"
                r"digga|moin|oye|eh|ou?ais|cc|slt|coucou|hola+|holi|ciao+|salut|hallo+)")
# a word that opens a line (after a chat stamp, a speaker label of one or two words, or an interjection), then a
# comma or a lower-case word: where a message addresses someone ("Luca, ci guardi tu?", "[19:09] Tante Gerda: nikki
# hast du ...")
LINE_OPENING = re.compile(rf"(?m)^[ \t]*(?:{CHAT_STAMP})?(?P<label>[\w.]{{2,30}}(?:[ \t][\w.]{{2,30}})?[ \t]*:[ \t]*)?"
                          rf"(?P<interjection>(?i:{INTERJECTION})[ \t,!.]+)?"
                          r"(?P<name>[^\W\d_][\w'’\-]*)(?=,|[ \t]+[a-zà-ÿ])")
_PARTICLES = frozenset(("de", "del", "della", "di", "da", "dal", "dalla", "dei", "degli", "van", "von", "zu", "du", "le", "la", "y", "dos", "das",
                        "der", "den", "d'"))
_WORD = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*\.?")
_INITIAL = re.compile(r"[^\W\d_]\.")
Found = tuple[int, int, float, str]


def _alternation(items: tuple[str, ...], escape: bool = True) -> str:
    parts = [re.escape(i).replace(r"\ ", r"\s+") if escape else i for i in items]
    return "|".join(sorted(parts, key=len, reverse=True))


class _Words:
    """The words of one text (a word keeps its dot only as an initial, "R."), indexed by start offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.items = [(m.start(), m.end(), m.group()) if _INITIAL.fullmatch(m.group())
                      else (m.start(), m.end() - m.group().endswith("."), m.group().rstrip("."))
                      for m in _WORD.finditer(text)]
        self.at = {s: i for i, (s, _e, _w) in enumerate(self.items)}

    def __len__(self) -> int:
        return len(self.items)

    def word(self, i: int) -> str:
        return self.items[i][2]

    def gap_ok(self, i: int) -> bool:
        """Words i-1 and i are in one name: only a space or a hyphen between them."""
        return 0 < i < len(self.items) and re.fullmatch(
            r"[ \t]{1,2}|-", self.text[self.items[i - 1][1]:self.items[i][0]]) is not None

    def span(self, i: int, j: int, score: float, how: str) -> list[Found]:
        return [(self.items[i][0], self.items[j - 1][1], score, how)] if j > i else []

    def first_at_or_after(self, offset: int) -> int | None:
        m = _WORD.search(self.text, offset)
        return self.at.get(m.start()) if m else None


def merge_found(found: list[Found], name: str) -> list[RecognizerResult]:
    """One PERSON result per run of overlapping found spans, with the best score."""
    out: list[RecognizerResult] = []
    for s, e, score, how in sorted(found, key=lambda x: (x[0], -x[1])):
        if out and s < out[-1].end:
            out[-1].end = max(out[-1].end, e)
            out[-1].score = max(out[-1].score, score)
            continue
        out.append(RecognizerResult("PERSON", s, e, score,
                                    recognition_metadata={"recognizer_name": name, "pattern": how}))
    return out
