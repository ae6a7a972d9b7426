"""Person names in French, German, Spanish and Italian text, from a gazetteer, capitalisation and cues.

There is no usable NER model for German, Spanish or Italian here (French also has spaCy's, which runs beside
this), so a name is found by: (1) a title before it ("Herr Koch", "Mme Petit", "Sig.ra Greco"); (2) a naming
cue ("je m'appelle", "ich heiße", "me llamo", "mi chiamo", "mon mari", "ho parlato con"), after which lower-case
words count too when the cue names explicitly; (3) a greeting or a sign-off ("Hola Lucía,", "Cordialement,\\n
Marc Dubois"); (4) Faker's name lists (the locale's, then every locale's) for capitalised words that are not
ordinary words of the language; (5) a capitalised unknown word before a person's verb ("Jürgen hat gesagt");
(6) speaker labels ("Giulia: ..."). German capitalises every noun, so there an unknown capitalised word is a
name only after a title or cue. Cue words are data in ``langs/<code>.py``.
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from .languages import LanguageProfile
from .lexicon import faker_name_sets
from .local_words import COMMON_ZIPF, locale_names, stop_words, zipf

_WORD = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*\.?")
NAME_MAX_WORDS = 4
SURNAME_MAX_ZIPF = 4.5  # a capitalised word this rare continues a name ("Sabine Krüger")
FIRST_NAME_MAX_ZIPF = 5.0  # a known given name this rare is a name mid-sentence ("mit Marco", "avec Pierre")
EXPLICIT_CUE = re.compile(r"(?i)(?:appelle|nom|heiße|heisse|heißt|heisst|name|llamo|llama|nombre|apellido|chiamo|"
                          r"chiama|cognome|prénom)")


def _alternation(items: tuple[str, ...], escape: bool = True) -> str:
    parts = [re.escape(i).replace(r"\ ", r"\s+") if escape else i for i in items]
    return "|".join(sorted(parts, key=len, reverse=True))


class LocalNameRecognizer(EntityRecognizer):
    """PERSON in one non-English language, from its ``LanguageProfile`` (see the module docstring)."""

    ENTITY = "PERSON"

    def __init__(self, profile: LanguageProfile) -> None:
        self.profile = profile
        super().__init__(supported_entities=[self.ENTITY], name=f"LocalNameRecognizer_{profile.code}",
                         supported_language=profile.code)

    def load(self) -> None:
        p = self.profile
        self._local_first, self._local_last = locale_names(p.faker_locale)
        self._all_first, self._all_last = faker_name_sets()
        self._function_words = stop_words(p.code)
        self._stop = self._function_words | p.common_capitalised
        titles = _alternation(tuple(t.rstrip(".") for t in p.titles))
        self._title = re.compile(rf"(?<![\w.])(?:{titles})(?:\.|(?=\s))\s*(?=[^\W\d_])", re.IGNORECASE)
        self._cue = re.compile(rf"(?i)(?<![\w])(?:{_alternation(p.name_cues, escape=False)})[ \t]*[:,]?[ \t]*$")
        greetings = _alternation(p.greetings)
        self._greeting = re.compile(rf"(?im)(?:^|[.!?]\s+|^[ \t]*[\"'«„“]?)(?:{greetings})[ \t]+(?=[^\W\d_])")
        signoffs = _alternation(p.signoffs)
        self._signoff = re.compile(rf"(?im)^[ \t]*(?:{signoffs})[ \t]*[,!.]?[ \t]*(?:\n[ \t]*|(?<=,)[ \t]*)(?=[^\W\d_])")
        self._verbs = re.compile(rf"[ \t]+(?:{_alternation(p.person_verbs)})\b", re.IGNORECASE)
        self._speaker = re.compile(r"(?m)^[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?([^\W\d_][\w’'\-]*(?:[ \t][^\W\d_][\w’'\-]*)?):")

    # -- word classes ---------------------------------------------------------------------------------

    def is_known(self, word: str) -> bool:
        low = word.lower().rstrip(".")
        return low in self._local_first or low in self._local_last or low in self._all_first or low in self._all_last

    def is_local(self, word: str) -> bool:
        low = word.lower().rstrip(".")
        return low in self._local_first or low in self._local_last

    def is_first(self, word: str) -> bool:
        low = word.lower().rstrip(".")
        return low in self._local_first or low in self._all_first

    def is_ordinary(self, word: str, min_zipf: float = COMMON_ZIPF) -> bool:
        """An ordinary word of the language (a stop word or a frequent word), whatever its case. wordfreq is
        case-folded, so names are frequent "words" too: callers raise ``min_zipf`` where a name is likely."""
        low = word.lower().rstrip(".")
        return low in self._stop or zipf(low, self.profile.code) >= min_zipf

    def sentence_start(self, text: str, start: int) -> bool:
        before = text[max(0, start - 4):start].rstrip(" \t\"'«„“(")
        return not before or before[-1] in ".!?\n:;" or start < 2

    @staticmethod
    def is_cap(word: str) -> bool:
        return word[:1].isupper() and not (len(word) > 3 and word.isupper())

    # -- matching -------------------------------------------------------------------------------------

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        if not hasattr(self, "_stop"):
            self.load()
        # a word keeps its dot only as an initial ("R."); a sentence's full stop is no part of a name
        words = [(m.start(), m.end(), m.group()) if re.fullmatch(r"[^\W\d_]\.", m.group())
                 else (m.start(), m.end() - m.group().endswith("."), m.group().rstrip("."))
                 for m in _WORD.finditer(text)]
        at = {s: i for i, (s, _e, _w) in enumerate(words)}
        found: list[tuple[int, int, float, str]] = []

        def gap_ok(i: int) -> bool:  # words i-1 and i are in one name: only a space or a hyphen between
            return i > 0 and re.fullmatch(r"[ \t]{1,2}|-", text[words[i - 1][1]:words[i][0]]) is not None

        def run(i: int, allow_lower: bool = False, any_cap: bool = True) -> int:
            """End (exclusive) of the name starting at word i: capitalised words (and particles inside)."""
            j = i
            while j < len(words) and j - i < NAME_MAX_WORDS and (j == i or gap_ok(j)):
                w = words[j][2]
                particle = w.lower() in ("de", "del", "della", "di", "da", "van", "von", "zu", "du", "le", "la",
                                         "y", "dos", "das", "der", "den", "d'", "di")
                initial = re.fullmatch(r"[^\W\d_]\.", w) is not None and j + 1 < len(words)
                first_ok = j == i and (any_cap or self.is_known(w) or not self.is_ordinary(w)) \
                    and w.lower() not in (self._function_words if any_cap else self._stop)
                next_ok = j > i and (self.is_known(w) or not self.is_ordinary(w, SURNAME_MAX_ZIPF)) \
                    and w.lower() not in self._function_words
                if initial or self.is_cap(w) and (first_ok or next_ok):
                    j += 1
                elif allow_lower and w.islower() and not self.is_ordinary(w) or (allow_lower and self.is_known(w)):
                    j += 1
                elif particle and j > i and j + 1 < len(words) and self.is_cap(words[j + 1][2]) and gap_ok(j + 1):
                    j += 1
                else:
                    break
            return j

        def add(i: int, j: int, score: float, how: str) -> None:
            if j > i:
                found.append((words[i][0], words[j - 1][1], score, how))

        # (1) titles
        for m in self._title.finditer(text):
            i = at.get(m.end())
            if i is not None and self.is_cap(words[i][2]) and words[i][2].lower() not in self._function_words:
                add(i, run(i), 0.6, "title")
        # (2) naming cues and (5) person's verbs
        for i, (s, e, w) in enumerate(words):
            cue = self._cue.search(text, max(0, s - 40), s)
            if cue:
                explicit = EXPLICIT_CUE.search(cue.group()) is not None
                if explicit and (self.is_cap(w) or not self.is_ordinary(w) or self.is_known(w)):
                    add(i, run(i, allow_lower=not self.is_cap(w)), 0.6, "cue")
                    continue
                if self.is_cap(w) and (self.is_known(w) or (not self.is_ordinary(w)
                                                             and not self.profile.capitalises_nouns)):
                    add(i, run(i), 0.55, "cue")
                    continue
                # chat writes names in lower case: a known given name that is no ordinary word
                if w.islower() and self.is_first(w) and not self.is_ordinary(w, FIRST_NAME_MAX_ZIPF):
                    add(i, run(i, allow_lower=True), 0.5, "cue")
                    continue
            if self.is_cap(w) and not self.is_ordinary(w) and self._verbs.match(text, e) and \
                    (self.is_known(w) or not self.profile.capitalises_nouns):
                add(i, i + 1, 0.45, "verb")
        # (3) greetings and sign-offs
        for regex, how in ((self._greeting, "greeting"), (self._signoff, "signoff")):
            for m in regex.finditer(text):
                i = at.get(m.end())
                if i is None:
                    continue
                w = words[i][2]
                initial = re.fullmatch(r"[^\W\d_]\.", w) is not None
                if initial or self.is_cap(w) and (self.is_known(w) or not self.is_ordinary(w)):
                    j = run(i)
                    after = text[words[j - 1][1]:words[j - 1][1] + 3]
                    if how == "signoff" or re.match(r"[ \t]*(?:[,!:;\n]|$)", after) or self.is_known(w):
                        add(i, j, 0.55, how)
        # (4) gazetteer: capitalised known names that are not ordinary words, with their neighbours
        i = 0
        while i < len(words):
            w = words[i][2]
            if self.is_cap(w) and len(w) > 1 and self.is_known(w) and w.lower() not in self._stop and (
                    not self.is_ordinary(w) or (self.is_first(w) and not self.is_ordinary(w, FIRST_NAME_MAX_ZIPF)
                                                and not self.sentence_start(text, words[i][0]))):
                a = i
                while a > 0 and gap_ok(a) and self.is_cap(words[a - 1][2]) and i - a < 2 and \
                        (self.is_known(words[a - 1][2]) or not self.is_ordinary(words[a - 1][2])) and \
                        words[a - 1][2].lower() not in self._stop:
                    a -= 1
                j = run(i, any_cap=False)
                # a lone surname-only word (not a given name) that is frequent somewhere needs more evidence
                if j - a == 1 and not self.is_first(w) and not self.is_local(w):
                    i += 1
                    continue
                add(a, j, 0.5, "name-list")
                i = max(j, i + 1)
                continue
            # a given name that is also an ordinary word ("Pierre", "Rose") followed by a surname
            if self.is_cap(w) and self.is_first(w) and i + 1 < len(words) and gap_ok(i + 1) and \
                    self.is_cap(words[i + 1][2]) and (self.is_known(words[i + 1][2])
                                                     or not self.is_ordinary(words[i + 1][2], SURNAME_MAX_ZIPF)) \
                    and words[i + 1][2].lower() not in self._stop:
                j = run(i + 1, any_cap=False)
                add(i, max(j, i + 2), 0.5, "name-list")
                i = max(j, i + 2)
                continue
            i += 1
        # (6) speaker labels
        for m in self._speaker.finditer(text):
            name = m.group(1).split()
            if all(self.is_cap(x) for x in name) and any(self.is_known(x) for x in name) and \
                    not all(self.is_ordinary(x) for x in name):
                found.append((m.start(1), m.end(1), 0.45, "speaker-label"))
        return _merge(found, self.name)


def _merge(found: list[tuple[int, int, float, str]], name: str) -> list[RecognizerResult]:
    out: list[RecognizerResult] = []
    for s, e, score, how in sorted(found, key=lambda x: (x[0], -x[1])):
        if out and s < out[-1].end:
            out[-1].end = max(out[-1].end, e)
            out[-1].score = max(out[-1].score, score)
            continue
        out.append(RecognizerResult("PERSON", s, e, score,
                                    recognition_metadata={"recognizer_name": name, "pattern": how}))
    return out
