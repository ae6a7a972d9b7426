"""Person names in French, German, Spanish and Italian text, from a gazetteer, capitalisation and cues.

There is no usable NER model for German, Spanish or Italian here (French also has spaCy's, which runs beside
this), so a name is found by these steps, each a method below:

1. ``titles``: a title before it ("Herr Koch", "Mme Petit", "sig. barbieri" in chat's lower case);
2. ``cues``: a naming cue ("je m'appelle", "ich heiße", "namens", "mon mari", "ho parlato con"), after which
   lower-case words count too when the cue names explicitly; and a person's verb after an unknown capitalised
   word ("Jürgen hat gesagt");
3. ``greetings_and_signoffs``: "Hola Lucía,", "Cordialement,\\n--\\nMarc Dubois";
4. ``gazetteer``: Faker's name lists (the locale's, then every locale's; accents folded, so chat's "lea" is
   "Léa") for capitalised words that are not ordinary words of the language, a given name before a listed
   surname even when both are ordinary words ("Sabine Vogel"), and an unknown rare word beside a listed surname;
5. ``upper_case_surnames``: forms write the surname in capitals beside the given name ("MOREAU Patrick",
   "SCHMITT, Rainer");
6. ``speakers``: chat speaker labels ("Giulia: ...", "[09:14] Sara M.: ...");
7. ``signature_lines``: the last line of a message (before the end, a quoted reply or a forwarded header) when
   it is one to three name-shaped words ("...\\nFlo"), and a dashed chat signature ("... -jonas");
8. ``email_names``: a word elsewhere in the text that is part of an e-mail's local part ("agnes.perrin@..."
   makes "Mme Perrin" and "Agnès" names);
9. ``frames``: a capitalised word inside one of the language's name frames ("bei Hoffmann klingeln").

Chat and hand-written text also get: a rare lower-case word after a title ("herr krawczyk"), whose doorbell or
number it is ("Klingel Meurer", "le num de thibault"), clipped given names ("Fra") in a greeting or alone on a
signature line, lower-case given names after a greeting, as a speaker label, or after a sign-off line.

German capitalises every noun, so there an unknown capitalised word is a name only after a title or cue.
Cue words, greetings and sign-offs are data in ``langs/<code>.py``; word classes are in ``local_name_words``.
"""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from .local_recognizer import LocalRecognizer
from .local_name_words import (CHAT_STAMP, EXPLICIT_CUE, FIRST_NAME_MAX_ZIPF, SURNAME_MAX_ZIPF, Found, NameWords, _INITIAL,
                               merge_found,
                               _PARTICLES, _Words, _alternation, fold)
from .local_words import zipf

NAME_MAX_WORDS = 4
NAME_ENGLISH_MIN_ZIPF = 3.5  # a given name this frequent in English text is used as a name (see _frequent_given_name)
# what "{name}" stands for in a name frame: a capitalised word, or two joined by a slash ("Hoffmann/Schulz")
NAME_IN_FRAME = r"(?P<name>[^\W\d_a-z][\w’'\-]*(?:/[^\W\d_a-z][\w’'\-]*)?)"
LOWER_CASE_SCORE = 0.86  # a lower-case name found here outranks spaCy's guess on the same span (see analyze)
_EMAIL = re.compile(r"([\w.+\-]+)@[\w\-]+(?:\.[\w\-]+)+")
# where a message ends: a quoted line, a "-----Original-----" rule, or a forwarded header ("De : ...", "Von: ...")
_MESSAGE_BREAK = re.compile(r"(?im)^[ \t]*(?:>|-{3,}|_{3,}|(?:de|von|da|from|envoyé|gesendet|enviado|inviato)"
                            r"[ \t]*:)")


class LocalNameRecognizer(LocalRecognizer):
    """PERSON in one non-English language, from its ``LanguageProfile`` (see the module docstring)."""

    ENTITY = "PERSON"

    def load(self) -> None:
        p = self.profile
        self.lex = NameWords(p)
        titles = _alternation(tuple(t.rstrip(".") for t in p.titles))
        self._title = re.compile(rf"(?<![\w.])(?:{titles})(?:\.|(?=\s))\s*(?=[^\W\d_])", re.IGNORECASE)
        self._cue = re.compile(rf"(?i)(?<![\w])(?:{_alternation(p.name_cues, escape=False)})[ \t]*[:,]?[ \t]*$")
        self._greeting = re.compile(rf"(?im)(?:^|[.!?]\s+|^[ \t]*[\"'«„“]?)(?:{_alternation(p.greetings)})[ \t]*,?[ \t]+"
                                    r"(?=[^\W\d_])")  # "Hallo Jens", "Danke, Jonas!", "grazie mille, luca!"
        # a sign-off (and up to two more words: "Un abrazo fuerte"), then the name on the next line (after a blank
        # line or a "--" signature rule) or after a comma
        self._signoff = re.compile(rf"(?im)^[ \t]*(?:{_alternation(p.signoffs)})(?:[ \t]+[^\W\d_]+){{0,2}}[ \t]*"
                                   r"[,!.]?[ \t]*(?:\n(?:[ \t]*(?:-{2,}[ \t]*)?\n)?[ \t]*|(?<=,)[ \t]*)(?=[^\W\d_])")
        self._verbs = re.compile(rf"[ \t]+(?:{_alternation(p.person_verbs)})\b", re.IGNORECASE)
        # a role before a dash or in brackets: a person's label ("Gast – Folake:", "Mia (Kundenservice):")
        self._speaker = re.compile(rf"(?m)^[ \t]*{CHAT_STAMP}?(?P<role>[^\W\d_]+[ \t]+[–—-][ \t]+)?(?P<label>[^\W\d_]"
                                   r"[\w’'\-]*(?:[ \t][^\W\d_][\w’'\-]*\.?)?)(?P<aside>[ \t]*\([^()\n]{1,30}\))?[ \t]?:")
        self._frames = [re.compile(f.replace("{name}", NAME_IN_FRAME)) for f in p.name_frames]
        # the words of greetings and sign-offs: no name after a cue ("Grazie mille", "Danke schön")
        self._phrase_words = frozenset(w.lower() for phrase in p.greetings + p.signoffs for w in phrase.split()
                                       if len(phrase.split()) > 1)
        self._title_words = frozenset(t.lower().rstrip(".") for t in p.titles)
        self._signoff_line = re.compile(rf"(?i)^[ \t]*(?:{_alternation(p.signoffs + p.greetings)})(?!\w)")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        if not hasattr(self, "lex"):
            self.load()
        words = _Words(text)
        found: list[Found] = []
        for step in (self.titles, self.cues, self.greetings_and_signoffs, self.gazetteer, self.upper_case_surnames,
                     self.speakers, self.signature_lines, self.email_names, self.frames):
            found += step(words)
        results = merge_found(found, self.name)
        for r in results:
            if text[r.start:r.start + 1].islower():
                # above spaCy's 0.85 (French): Presidio keeps the higher-scored of two equal spans, and spaCy's
                # lower-case guesses are dropped as weak (local_postprocess), which dropped "le num de thibault"
                r.score = max(r.score, LOWER_CASE_SCORE)
        return results

    # -- a name's extent ------------------------------------------------------------------------------

    def run(self, words: _Words, i: int, allow_lower: bool = False, any_cap: bool = True) -> int:
        """End (exclusive) of the name starting at word i: capitalised words (and particles inside)."""
        lex, j = self.lex, i
        while j < len(words) and j - i < NAME_MAX_WORDS and (j == i or words.gap_ok(j)):
            w = words.word(j)
            initial = _INITIAL.fullmatch(w) is not None and j + 1 < len(words)
            first_ok = j == i and (any_cap or lex.is_known(w) or not lex.is_ordinary(w)) \
                and w.lower() not in (lex.function_words if any_cap else lex.stop)
            next_ok = j > i and (lex.is_known(w) or not lex.is_ordinary(w, SURNAME_MAX_ZIPF)) \
                and w.lower() not in lex.function_words
            if initial or lex.is_cap(w) and (first_ok or next_ok):
                j += 1
            elif allow_lower and ((w.islower() or w.isupper()) and not lex.is_ordinary(w) or lex.is_known(w)) \
                    and w.lower() not in lex.function_words:
                j += 1
            elif w.lower() in _PARTICLES and j > i and j + 1 < len(words) and lex.is_cap(words.word(j + 1)) \
                    and words.gap_ok(j + 1):
                j += 1
            else:
                break
        return j

    # -- the steps (see the module docstring) ---------------------------------------------------------

    def titles(self, words: _Words) -> list[Found]:
        lex, out = self.lex, []
        for m in self._title.finditer(words.text):
            i = words.at.get(m.end())
            if i is None or words.word(i).lower() in lex.function_words:
                continue
            w = words.word(i)
            if lex.is_cap(w):
                out += words.span(i, self.run(words, i), 0.6, "title")
            elif w.islower() and self._lower_name_after_title(words, i, m):  # "herr schulze", "sr. ibáñez"
                out += words.span(i, max(i + 1, self.run(words, i, allow_lower=True)), 0.55, "title-lower")
        return out

    def _lower_name_after_title(self, words: _Words, i: int, title: re.Match) -> bool:
        """Whether lower-case word i after a title is a name: a listed name, or a word too rare to be an ordinary
        word after the title ("herr schulze", "el sr. zubizarreta"). A title that is also a function word ("me",
        French Maître, in "me joindre") or one written out after a determiner, where it is a noun ("meine frau
        meinte", "la signora simpatica"), is followed by a name only when that name is listed."""
        w, lex = words.word(i), self.lex
        if lex.is_known(w):
            return True
        if "." not in title.group() and title.group().strip().lower() in lex.function_words:  # "me joindre"
            return False
        before = re.search(r"([^\W\d_]+)[ \t]+$", words.text[max(0, title.start() - 20):title.start()])
        if "." not in title.group() and before and before.group(1).lower() in self.profile.determiners:
            return False
        return len(w) >= 3 and w.lower() not in lex.function_words and not lex.is_ordinary(w, SURNAME_MAX_ZIPF)

    def cues(self, words: _Words) -> list[Found]:
        lex, text, out = self.lex, words.text, []
        for i, (s, e, w) in enumerate(words.items):
            cue = self._cue.search(text, max(0, s - 40), s) if w.lower() not in self._phrase_words else None
            if cue:
                explicit = EXPLICIT_CUE.search(cue.group()) is not None
                if explicit and (lex.is_cap(w) or not lex.is_ordinary(w) or lex.is_known(w)):
                    out += words.span(i, self.run(words, i, allow_lower=not lex.is_cap(w)), 0.6, "cue")
                    continue
                if lex.is_cap(w) and (lex.is_known(w) or (not lex.is_ordinary(w)
                                                          and not self.profile.capitalises_nouns)):
                    out += words.span(i, self.run(words, i), 0.55, "cue")
                    continue
                # chat writes names in lower case: a known given name that is no ordinary word, or a frequent one
                # of the language that reads as a name ("soy luis miguel", "sono marco,")
                if w.islower() and lex.is_first(w) and (not lex.is_ordinary(w, FIRST_NAME_MAX_ZIPF)
                                                        or self._frequent_given_name(words, i)):
                    out += words.span(i, self.run(words, i, allow_lower=True), 0.5, "cue")
                    continue
            if lex.is_cap(w) and self._verbs.match(text, e) and (
                    not lex.is_ordinary(w) and (lex.is_known(w) or not self.profile.capitalises_nouns)
                    or self._listed_subject(words, i)):
                out += words.span(i, i + 1, 0.45, "verb")
        return out

    def _short_form_name(self, word: str) -> bool:
        """A clipped given name ("Flo", "Fra") in a name position, even when it is also a function word ("fra",
        between); never a title or a word the language capitalises as a non-name ("Frau", a prefix of Frauke)."""
        low = word.lower().rstrip(".")
        return self.lex.is_short_form(word) and low not in self.profile.common_capitalised and \
            low not in self._title_words

    def _frequent_given_name(self, words: _Words, i: int) -> bool:
        """Lower-case word i is a given name of the language frequent enough to count as an ordinary word in
        wordfreq ("luis", "marco", "pierre"), used as one: frequent in English text too (a name travels, "felice"
        and "paz" do not), and followed by another given name or the end of the clause."""
        lex, w = self.lex, words.word(i)
        if w.lower() in lex.stop or not lex.is_local_first(w) or zipf(w, "en") < NAME_ENGLISH_MIN_ZIPF:
            return False
        if i + 1 < len(words) and words.gap_ok(i + 1) and lex.is_local_first(words.word(i + 1)) and \
                words.word(i + 1).lower() not in lex.stop:
            return True
        return re.match(r"[ \t]*(?:[,!.?;:\n]|$)", words.text[words.items[i][1]:]) is not None

    def greetings_and_signoffs(self, words: _Words) -> list[Found]:
        lex, out = self.lex, []
        for regex, how in ((self._greeting, "greeting"), (self._signoff, "signoff")):
            for m in regex.finditer(words.text):
                i = words.at.get(m.end())
                if i is None:
                    continue
                w = words.word(i)
                if _INITIAL.fullmatch(w) or lex.is_cap(w) and (lex.is_known(w) or not lex.is_ordinary(w)
                                                               or self._short_form_name(w)):
                    j = max(self.run(words, i), i + 1)  # a clipped name may be a function word ("Vale")
                    after = words.text[words.items[j - 1][1]:words.items[j - 1][1] + 3]
                    if how == "signoff" or re.match(r"[ \t]*(?:[,!:;\n]|$)", after) or lex.is_known(w):
                        out += words.span(i, j, 0.55, how)
                elif how == "greeting" and w.islower() and self._lower_given_name(words, i) and \
                        re.match(r"[ \t]*(?:[,!:;?.\n]|$)", words.text[words.items[i][1]:]):
                    out += words.span(i, i + 1, 0.55, "greeting-lower")  # chat: "salut marie !", "ciao giulia,"
        return out

    def _lower_given_name(self, words: _Words, i: int) -> bool:
        """Lower-case word i is a given name of the language that is no ordinary word ("giulia", "lukas")."""
        w = words.word(i)
        return self.lex.is_local_first(w) and w.lower() not in self.lex.stop and \
            not self.lex.is_ordinary(w, FIRST_NAME_MAX_ZIPF)

    def gazetteer(self, words: _Words) -> list[Found]:
        """Capitalised known names that are not ordinary words, with their neighbours; name pairs."""
        lex, out, i = self.lex, [], 0
        while i < len(words):
            w = words.word(i)
            if lex.is_cap(w) and len(w) > 1 and lex.is_known(w) and w.lower() not in lex.stop and (
                    not lex.is_ordinary(w) or (lex.is_first(w) and not lex.is_ordinary(w, FIRST_NAME_MAX_ZIPF)
                                               and not lex.sentence_start(words.text, words.items[i][0]))):
                a = self._left_neighbours(words, i)
                j = self.run(words, i, any_cap=False)
                # a lone surname-only word (not a given name) that is frequent somewhere needs more evidence
                if j - a == 1 and not lex.is_first(w) and not lex.is_local(w):
                    i += 1
                    continue
                out += words.span(a, j, 0.5, "name-list")
                i = max(j, i + 1)
                continue
            if _INITIAL.fullmatch(w) and self._rare_word_after_initial(words, i):  # "D. Szymanski"
                out += words.span(i, i + 2, 0.5, "initial-name")
                i += 2
                continue
            pair_end = self._name_pair(words, i)
            if pair_end:
                out += words.span(i, pair_end, 0.5, "name-pair")
                i = pair_end
                continue
            i += 1
        return out

    def _listed_subject(self, words: _Words, i: int) -> bool:
        """Capitalised word i, the subject of a person's verb, is a listed name of the language frequent enough
        to be a word too ("Krüger hat gesagt", "Bianchi ha detto"), with no determiner before it ("der Koch hat
        gesagt" is a cook)."""
        w, lex = words.word(i), self.lex
        if not lex.is_known(w) or w.lower() in lex.stop or \
                lex.is_ordinary(w, FIRST_NAME_MAX_ZIPF):
            return False
        return i == 0 or words.word(i - 1).lower() not in self.profile.determiners

    def _rare_word_after_initial(self, words: _Words, i: int) -> bool:
        """Word i is an initial ("D.") and the next a capitalised word that is no ordinary word of the language, or a
        surname of it: a surname after a given name's initial, as forms and signatures write it ("D. Szymanski")."""
        if i + 1 >= len(words) or not words.gap_ok(i + 1) or words.word(i).rstrip(".").lower() in self._title_words:
            return False  # "M. Dupont": a title, not an initial
        nxt, lex = words.word(i + 1), self.lex
        return len(nxt) >= 3 and lex.is_cap(nxt) and not nxt.isupper() and nxt.lower() not in lex.stop and \
            (not lex.is_ordinary(nxt) or lex.is_local_last(nxt))  # "M. Becker": a surname of the language

    def _left_neighbours(self, words: _Words, i: int) -> int:
        lex, a = self.lex, i
        while a > 0 and words.gap_ok(a) and lex.is_cap(words.word(a - 1)) and i - a < 2 and \
                (lex.is_known(words.word(a - 1)) or not lex.is_ordinary(words.word(a - 1))) and \
                words.word(a - 1).lower() not in lex.stop:
            a -= 1
        return a

    def _name_pair(self, words: _Words, i: int) -> int:
        """End of a capitalised pair starting at i that reads as a name, or 0: a listed given name before a
        listed surname or a rare word ("Pierre Fontana", "Sabine Vogel"), or a rare unknown word before a
        listed surname of the locale ("Josema Castillo")."""
        lex = self.lex
        if i + 1 >= len(words) or not words.gap_ok(i + 1):
            return 0
        w, nxt = words.word(i), words.word(i + 1)
        if not (lex.is_cap(w) and lex.is_cap(nxt)) or nxt.lower() in lex.stop or w.lower() in lex.stop and not (
                lex.is_first(w) and lex.is_last(nxt) and not lex.is_ordinary(nxt, SURNAME_MAX_ZIPF)  # "Sara Khan"
                and not lex.sentence_start(words.text, words.items[i][0])):  # a given name that is a word too (sarà)
            return 0
        given_then_surname = lex.is_first(w) and (lex.is_last(nxt) or lex.is_known(nxt)
                                                 or not lex.is_ordinary(nxt, SURNAME_MAX_ZIPF))
        rare_then_surname = not lex.is_ordinary(w) and lex.is_local_last(nxt) and \
            not lex.is_ordinary(nxt, SURNAME_MAX_ZIPF) and not lex.sentence_start(words.text, words.items[i][0])
        if not (given_then_surname or rare_then_surname):
            return 0
        return max(self.run(words, i + 1, any_cap=False), i + 2)

    def upper_case_surnames(self, words: _Words) -> list[Found]:
        """A surname in capitals beside a given name, as forms write it: "MOREAU Patrick", "SCHMITT, Rainer",
        "HERRERO PASCUAL, Jorge", "Lucía GARCÍA"."""
        lex, text, out = self.lex, words.text, []
        for i in range(len(words)):
            if not lex.is_first(words.word(i)) or not words.word(i)[:1].isupper() or words.word(i).isupper():
                continue
            a = i  # capitals before it, with at most a comma between
            while a > 0 and i - a < 2 and lex.is_upper_name(words.word(a - 1)) and re.fullmatch(
                    r",?[ \t]{1,2}", text[words.items[a - 1][1]:words.items[a][0]]):
                a -= 1
            b = i + 1  # capitals after it
            while b < len(words) and b - i <= 2 and words.gap_ok(b) and lex.is_upper_name(words.word(b)):
                b += 1
            if a < i or b > i + 1:
                out += words.span(a, b, 0.55, "upper-surname")
        return out

    def speakers(self, words: _Words) -> list[Found]:
        lex, out = self.lex, []
        for m in self._speaker.finditer(words.text):
            name = m.group("label").split()
            initialled = len(name) == 2 and re.fullmatch(r"[^\W\d_a-z]\.?", name[1]) and lex.is_first(name[0])
            roled = (m.group("role") or m.group("aside")) and all(lex.is_name_like(x) for x in name)
            lower = len(name) == 1 and name[0].islower() and (at := words.at.get(m.start("label"))) is not None and \
                self._lower_given_name(words, at)
            if initialled or roled or lower or all(lex.is_cap(x) for x in name) and any(lex.is_known(x) for x in name) \
                    and not all(lex.is_ordinary(x) for x in name):  # "Sara M.:", "Giulia:", chat's "giulia: ..."
                out.append((m.start("label"), m.end("label"), 0.45, "speaker-label"))
        return out

    def signature_lines(self, words: _Words) -> list[Found]:
        """The last non-empty line before each message end when it is 1-3 name-shaped words; "... -jonas"."""
        lex, text, out = self.lex, words.text, []
        ends = [m.start() for m in _MESSAGE_BREAK.finditer(text)] + [len(text)]
        for end in ends:
            lines = text[:end].rstrip().rsplit("\n", 1)
            line_start = len(lines[0]) + 1 if len(lines) == 2 else 0
            line = lines[-1]
            i = words.first_at_or_after(line_start)
            if i is None or not line.strip() or self._signoff_line.match(line) or \
                    not re.fullmatch(r"[ \t]*[^\W\d_][\w’'\-]*(?:[ \t]+[^\W\d_][\w’'\-]*\.?){0,2}[ \t]*", line):
                continue
            names = line.split()
            clipped = len(names) == 1 and lex.is_cap(names[0]) and self._short_form_name(names[0])  # "...\nFra"
            if len(names) == 1 and names[0].islower() and self._lower_signature(words, i, lines[0]):
                out.append((words.items[i][0], words.items[i][1], 0.5, "signature-lower"))  # "bisous\nsoso"
            elif clipped or all(lex.is_cap(x) and x.lower().rstrip(".") not in lex.stop for x in names) and \
                    any(lex.is_known(x) or not lex.is_ordinary(x) for x in names):
                out.append((words.items[i][0], words.items[i][0] + len(line.strip()), 0.5, "signature"))
        m = re.search(r"(?:^|[\s.!?])[-–—][ \t]?([^\W\d_][\w’'\-]*)[ \t.!]*$", text)
        if m and (lex.is_known(m.group(1)) or not lex.is_ordinary(m.group(1))) and \
                m.group(1).lower() not in lex.stop:
            out.append((m.start(1), m.end(1), 0.5, "dash-signature"))
        return out

    def _lower_signature(self, words: _Words, i: int, before: str) -> bool:
        """Lower-case word i alone on the last line is the writer's name (chat signs in lower case) when the line
        before opens with a sign-off ("bisous, à demain\nsoso", "un saludo\npili") and the word is a listed name
        or no ordinary word of the language."""
        w, lex = words.word(i), self.lex
        previous = [ln for ln in before.split("\n") if ln.strip()][-1:]
        return bool(previous) and self._signoff_line.match(previous[0]) is not None and len(w) >= 3 and \
            w not in lex.stop and (lex.is_known(w) or not lex.is_ordinary(w))

    def frames(self, words: _Words) -> list[Found]:
        """A capitalised word in one of the language's name frames ("bei Hoffmann klingeln"), when it is a listed
        name or no ordinary word (``LanguageProfile.name_frames``)."""
        lex, out = self.lex, []
        for frame in self._frames:
            for m in frame.finditer(words.text):
                if all(w.lower() not in lex.stop and not w.isupper() and (lex.is_known(w) or not lex.is_ordinary(w))
                       for w in m.group("name").split("/")):
                    out.append((m.start("name"), m.end("name"), 0.5, "frame"))
        return out

    def email_names(self, words: _Words) -> list[Found]:
        """Words elsewhere in the text that spell a part of an e-mail's local part ("agnes.perrin@" -> "Perrin",
        "Agnès"; "pkowalski@" -> "Kowalski"), when that part is a known name or no ordinary word."""
        lex, text = self.lex, words.text
        emails = list(_EMAIL.finditer(text))
        parts: set[str] = set()
        for m in emails:
            for part in re.split(r"[._+\-\d]+", m.group(1)):
                for candidate in (part, part[1:] if len(part) >= 6 else ""):
                    if len(candidate) >= 3 and candidate.isalpha() and candidate.lower() not in lex.stop and \
                            (lex.is_known(candidate) or not lex.is_ordinary(candidate)):
                        parts.add(fold(candidate))
        if not parts:
            return []
        inside = [(m.start(), m.end()) for m in emails]
        return [(s, e, 0.5, "email-name") for s, e, w in words.items
                if fold(w) in parts and not any(a <= s < b for a, b in inside)]

