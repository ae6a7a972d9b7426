"""Person names by their shape in French, German, Spanish and Italian text (PERSON), beside ``local_names``.

Six shapes that the gazetteer and cues of ``local_names`` miss:

1. ``handles``: chat speaker labels that are user handles or lower-case nicknames ("[21:03] maxou: ...",
   "fede_99: ...", "ale.ricci: ...", an exported chat's "22/06/25, 20:43 - nico_b: ..."), in a chat (two or more
   speaker lines); a label that is an ordinary word of the language ("client:", "yo:", "Kunde:") is a role, not a
   name; and a forum post's author on a line of its own ("Publicado por maño_del_actur", "von bergfex77");
2. ``particle_names``: a surname opened by a particle or an article ("Della Valle", "Lo Presti", "D'Angelo",
   "El Amrani", "van der Meer") after a listed given name ("Cristian Lo Bianco") or a title ("la signora Del Monte");
3. ``name_fields``: the value of a form field whose label names a name ("Nom d'usage : Marchand",
   "Geburtsname: Brinkmann", "Segundo apellido: del Olmo", "Cognome: Della Valle"), when it is one to four
   capitalised words and particles;
4. ``relative_names``: the name the family uses after a relative ("nonna pina", "la abuela conchi"), words in
   ``LanguageProfile.relatives``, or a sibling's, child's or cousin's name ("ta sœur lina"; ``.kin``);
5. ``upper_case_titled``: a name after a title in a notice written in capitals ("BEI FRAU KRÜGER");
6. ``answered_names``: the next line's answer to a question for a name ("À quel nom ?\nclient: gaëlle martin");
7. ``opening_names``: a given name that opens a message or a line, addressing someone: capitalised before a
   comma ("Luca, ci guardi tu?"), or in chat's lower case before a lower-case word ("jannik hat ...", "nerea se
   ha ..."); a listed given name of the language that is no ordinary word;
8. ``parent_names``: a capitalised name before a bracket that says whose parent it is ("Lena (Mama von Finn,
   2b)", "Lucía (la madre de Álex)"; ``LanguageProfile.parents``), when it is no ordinary word.
"""
from __future__ import annotations

import re
from collections import Counter

from presidio_analyzer import RecognizerResult

from .local_recognizer import LocalRecognizer
from .local_name_words import CHAT_STAMP, FIRST_NAME_MAX_ZIPF, LINE_OPENING, NameWords
from .local_words import COMMON_ZIPF

SCORE = 0.86  # above spaCy's 0.85: Presidio keeps the higher of two equal spans, and spaCy's lower-case ones are dropped
MIN_CHAT_LINES = 2
# particles and articles that open a surname ("Della Valle", "El Amrani", "van der Meer", "D'Angelo")
_OPENERS = r"(?:de|del|della|delle|dei|degli|dello|di|da|dal|dalla|dall['’]|lo|la|le|li|el|al|van|von|ten|ter|zu|" \
           r"du|des|dos|das|der|den|las|los|les|d['’]|l['’])"
_CAP = r"[^\W\d_a-z][\w'’\-]*"
_PARTICLE_SURNAME = rf"(?:(?i:{_OPENERS})[ \t]*)+{_CAP}(?:[ \t]+{_CAP})?"
_SPEAKER = re.compile(rf"(?m)^[ \t]*({CHAT_STAMP})?([\w.]{{2,30}}?)[ \t]*:(?=[ \t])")
# a form field whose label names a name: "Nom d'usage", "Geburtsname", "Segundo apellido", "Cognome"
_NAME_FIELD = re.compile(r"(?m)^[ \t]*(?i:(?:[^\W\d_]+[ \t'’]+){0,3}?[^\W\d_]*(?:nom|name|apellidos?|cognome|nombre)"
                         r"(?:[ \t'’]+[^\W\d_]+){0,2}(?:\([^\W\d_]\))?)[ \t]*:[ \t]*"
                         rf"((?:(?i:{_OPENERS})[ \t]*)*{_CAP}(?:[ \t]+(?:(?i:{_OPENERS})[ \t]*)*{_CAP}){{0,3}})[ \t]*$")
# a question that asks for a name ("À quel nom svp ?", "Wie ist Ihr Name bitte?"), then the next line's answer
_NAME_QUESTION = re.compile(r"(?im)^[^\n]*\b(?:nom|namen?|nombre|nome|cognome|apellidos?)\b[^\n]*\?[^\n]*\n"
                            r"[ \t]*(?:[^\W\d_][^\n:]{0,25}:[ \t]*)?([^\n]{1,80})")
_ANSWER_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_PARTICLE = re.compile(rf"(?i:{_OPENERS}|i|y)")
INTERJECTED_MAX_ZIPF = 4.0  # a lower-case given name after chat's laughter ("ahah ilaria ha ...") may be this frequent
MAX_ANSWER_LEAD = 4  # words before the name in an answer ("auf meinen vater, wolfgang fischer")
# labels that name a thing, not a person ("Nom de l'entreprise", "Produktname", "Nombre del archivo")
_THING_LABEL = re.compile(r"(?i)entreprise|société|soc|firm|unternehmen|produ|datei|fichier|archiv|file|empresa|"
                          r"azienda|società|hotel|bank|banque|banco|banca|domain|projet|projekt|proyecto|progetto")


def _word_after(words: frozenset[str]) -> re.Pattern | None:
    """A word of three letters or more right after one of ``words`` (group 1)."""
    alternation = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?i:{alternation})[ \t]+([^\W\d_]{{3,}})(?![\w'’\-])") if words else None


class LocalNameShapeRecognizer(LocalRecognizer):
    """PERSON from the shapes of names (see the module docstring)."""

    ENTITY = "PERSON"

    def load(self) -> None:
        self.lex = NameWords(self.profile)
        self._given_then_particle = re.compile(rf"(?<![\w\-])({_CAP})[ \t]+({_PARTICLE_SURNAME})")
        self._relative, self._kin = _word_after(self.profile.relatives), _word_after(self.profile.kin)
        cues = "|".join(sorted((c.replace(" ", r"[ \t]+") for c in self.profile.author_cues), key=len, reverse=True))
        # the rest of the line: nothing, or a date or time after a separator ("von bergfex77 » 12.03.2024")
        self._author = re.compile(rf"(?im)^[ \t]*(?:{cues})[ \t]+([\w.\-]{{2,30}})[ \t]*(?:[»|,·–\-][^\n\w]*\d[^\n]*)?$") \
            if cues else None
        self._title_words = frozenset(t.lower().rstrip(".") for t in self.profile.titles)
        titles = "|".join(sorted((re.escape(t.rstrip(".")) for t in self.profile.titles), key=len, reverse=True))
        self._title_then_particle = re.compile(rf"(?<![\w.])(?i:{titles})\.?[ \t]+({_PARTICLE_SURNAME})")
        parents = "|".join(sorted(map(re.escape, self.profile.parents), key=len, reverse=True))
        self._parent = re.compile(rf"(?<![\w\-])({_CAP})[ \t]*\((?:[^\W\d_]{{1,3}}[ \t]+)?(?i:{parents})(?![\w])") \
            if parents else None
        self._title_then_upper = re.compile(rf"(?<![\w.])(?i:{titles})\.?[ \t]+([^\W\d_a-z]{{3,}})(?![\w'’\-])")
        phrases = "|".join(sorted((re.escape(g).replace(r"\ ", r"[ \t]+") for g in self.profile.greetings +
                                   self.profile.signoffs), key=len, reverse=True))
        # thanks or a goodbye, then (a few words and) a lower-case name ending the line: "danke dir mia", "bonne
        # journée clara", "merci t'es au top lea"
        self._closing = re.compile(rf"(?im)(?<![\w])(?:{phrases})(?![\w])[^\n.?!]{{0,25}}?[ \t,]"
                                   r"([a-zà-ÿ][\w’'\-]{2,})[ \t]*[!.]*[^\w\n]{0,6}$")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and "PERSON" not in entities:
            return []
        if not hasattr(self, "lex"):
            self.load()
        spans = self.handles(text) + self.authors(text) + self.particle_names(text) + self.titled_particle_names(text) + \
            self.name_fields(text) + self.relative_names(text) + self.upper_case_titled(text) + \
            self.answered_names(text) + self.opening_names(text) + self.closing_names(text) + self.parent_names(text)
        return [RecognizerResult("PERSON", s, e, SCORE, recognition_metadata={"recognizer_name": self.name,
                                                                                "pattern": how})
                for s, e, how in spans]

    def parent_names(self, text: str) -> list[tuple[int, int, str]]:
        """A capitalised name before "(Mama von ...", "(la madre de ...": no ordinary word, not in capitals."""
        if self._parent is None:
            return []
        return [(m.start(1), m.end(1), "parent") for m in self._parent.finditer(text)
                if not m.group(1).isupper() and (all(self.lex.is_first(part) for part in m.group(1).split("-"))
                                                 or not self.lex.is_ordinary(m.group(1)))]

    def opening_names(self, text: str) -> list[tuple[int, int, str]]:
        """A given name opening a line: capitalised before a comma, or lower case before a lower-case word."""
        out = []
        for m in LINE_OPENING.finditer(text):
            w = m.group("name")
            comma = text[m.end("name"):m.end("name") + 1] == ","
            shape_ok = (w[:1].isupper() and not w.isupper() and comma) or (w.islower() and not comma)
            # lower case needs a rare word ("rose est ma couleur"): chat writes ordinary words so too; less rare
            # after chat's laughter or an interjection ("ahah ilaria ha ...")
            max_zipf = FIRST_NAME_MAX_ZIPF if comma else INTERJECTED_MAX_ZIPF if m.group("interjection") else COMMON_ZIPF
            # a name of any country opens a message in lower case too ("jessy ndo sei??"), when no word of the language
            listed = self.lex.is_local_first(w) or w.islower() and self.lex.is_first(w) and not self.lex.is_ordinary(w)
            if shape_ok and listed and not self.lex.is_ordinary(w, max_zipf):
                out.append((m.start("name"), m.end("name"), "opening-name"))
        return out

    def closing_names(self, text: str) -> list[tuple[int, int, str]]:
        """A listed given name in lower case ending a chat line after thanks or a goodbye ("danke dir mia")."""
        return [(m.start(1), m.end(1), "closing-name") for m in self._closing.finditer(text)
                if self.lex.is_local_first(m.group(1)) and not self.lex.is_ordinary(m.group(1), INTERJECTED_MAX_ZIPF)]

    def handles(self, text: str) -> list[tuple[int, int, str]]:
        labels = list(_SPEAKER.finditer(text))
        if len(labels) < MIN_CHAT_LINES:
            return []
        # a chat's speaker repeats or is timestamped; a form's labels ("tlf:", "Nom:") do neither
        counts = Counter(m.group(2) for m in labels)
        return [(m.start(2), m.end(2), "handle") for m in labels
                if (counts[m.group(2)] >= 2 or m.group(1)) and self._handle(m.group(2))]

    def authors(self, text: str) -> list[tuple[int, int, str]]:
        """A post's author on a line of its own after the language's "posted by" ("Scritto da veronese_doc",
        "von schwarzwaldmaedel"): a handle, or a word that is no ordinary word of the language."""
        if self._author is None:
            return []
        return [(m.start(1), m.end(1), "author") for m in self._author.finditer(text)
                if self._handle(m.group(1)) or m.group(1)[:1].isupper() and not self.lex.is_ordinary(m.group(1))
                and m.group(1).lower() not in self.lex.stop]

    def _handle(self, label: str) -> bool:
        """A user handle ("fede_99", "ale.ricci") or a lower-case word that is no ordinary word ("maxou")."""
        if not re.search(r"[^\W\d_]", label) or label.isdigit():
            return False
        if re.search(r"[_.\d]", label):
            return re.fullmatch(r"[^\W_][\w.]*[^\W_]|[^\W_][\w.]*_", label) is not None and \
                not re.fullmatch(r"\d{1,2}[.:h]\d{2}", label)
        return label.islower() and len(label) >= 3 and (not self.lex.is_ordinary(label) or self.lex.is_first(label)) \
            and label not in self.lex.stop

    def particle_names(self, text: str) -> list[tuple[int, int, str]]:
        """A listed given name, then a surname opened by a particle ("Alessandro Dal Lago")."""
        out, m = [], self._given_then_particle.search(text)
        while m:
            given, surname = m.group(1), m.group(2)
            if self.lex.is_first(given) and not given.isupper() and given.lower() not in self.lex.stop and \
                    self._surname_ok(surname):
                out.append((m.start(), m.end(), "particle-name"))
                m = self._given_then_particle.search(text, m.end())
            else:  # the surname's words may open a name themselves ("Firmato da Luca D'Ambrosio")
                m = self._given_then_particle.search(text, m.start(2))
        return out

    def relative_names(self, text: str) -> list[tuple[int, int, str]]:
        """The name the family uses after a relative ("nonna pina", "la abuela conchi", "mamie josette"): a
        listed given name, its short form, or a word too rare to be an ordinary word of the language. After a
        sibling, child, cousin or in-law ("ta sœur lina", "mia cognata Elira"), where adjectives follow as often
        ("sorella maggiore", "hermano pequeño", "sœur aînée"), a listed name, or a capitalised rare word."""
        lex, out = self.lex, []
        for pattern, how in ((self._relative, "relative"), (self._kin, "kin")):
            for m in pattern.finditer(text) if pattern else ():
                word = m.group(1)
                if word.lower() in lex.stop or word.isupper():
                    continue
                listed = lex.is_first(word) or lex.is_short_form(word)
                if listed or not lex.is_ordinary(word) and (how == "relative" or word[:1].isupper()):
                    out.append((m.start(1), m.end(1), how))
        return out

    def answered_names(self, text: str) -> list[tuple[int, int, str]]:
        """The answer to a question for a name, on the next line, in chat's lower case ("client: gaëlle martin",
        "Kunde: auf meinen vater, wolfgang fischer"): the first listed given name among its first words, and up
        to three words after it that are listed names or no ordinary words, or a particle before one ("giuseppe
        la rosa", "fernando gil de biedma")."""
        lex, out = self.lex, []
        for m in _NAME_QUESTION.finditer(text):
            words = list(_ANSWER_WORD.finditer(m.group(1)))
            lead = next((k for k, w in enumerate(words[:MAX_ANSWER_LEAD + 1])
                         if lex.is_first(w.group()) and w.group().lower() not in lex.stop), None)
            if lead is None:
                continue
            last = self._answer_end(m.group(1), words, lead)
            out.append((m.start(1) + words[lead].start(), m.start(1) + words[last].end(), "answered-name"))
        return out

    def _answer_end(self, line: str, words: list[re.Match], lead: int) -> int:
        """The last word of the name that opens at ``words[lead]``: names or rare words, and after particles any
        word but a function word ("la rosa", "de la fuente"); punctuation ends it."""
        last, k = lead, lead + 1
        while k < min(len(words), lead + 5) and not line[words[k - 1].end():words[k].start()].strip(" \t"):
            j = k
            while j < len(words) - 1 and _PARTICLE.fullmatch(words[j].group()) and \
                    not line[words[j].end():words[j + 1].start()].strip(" \t"):
                j += 1
            if words[j].group().lower() in self.lex.stop or j == k and not self._name_word(words[j].group()):
                break
            last, k = j, j + 1
        return last

    def _name_word(self, word: str) -> bool:
        """A listed name, or no ordinary word of the language, and no function word."""
        return word.lower() not in self.lex.stop and (self.lex.is_known(word) or not self.lex.is_ordinary(word))

    def upper_case_titled(self, text: str) -> list[tuple[int, int, str]]:
        """In a notice written in capitals, a word after a title ("BEI FRAU KRÜGER", "DELLA PROF.SSA BASILE"), as
        a capitalised word after a title is in ``local_names``: any word but a function word or a title."""
        lex = self.lex
        letters = [c for c in text if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
            return []
        return [(m.start(1), m.end(1), "upper-titled") for m in self._title_then_upper.finditer(text)
                if m.group(1).lower() not in lex.stop and m.group(1).lower() not in self._title_words]

    def _surname_ok(self, surname: str) -> bool:
        """A capitalised opener ("Lo Bianco") or two particles ("van der Meer") mark a surname on their own; after
        one lower-case article the word must be a listed name or no ordinary word ("la Directrice" is a noun)."""
        parts = re.split(r"[ \t'’]+", surname)
        return parts[0][:1].isupper() and not parts[0][1:2].isupper() or len(parts) > 2 or self.lex.is_known(parts[-1]) or \
            not self.lex.is_ordinary(parts[-1])

    def titled_particle_names(self, text: str) -> list[tuple[int, int, str]]:
        """A title, then a surname opened by a particle ("la signora Del Monte", "la señora de la Torre")."""
        return [(m.start(1), m.end(1), "title-particle") for m in self._title_then_particle.finditer(text)
                if self._surname_ok(m.group(1))]

    def name_fields(self, text: str) -> list[tuple[int, int, str]]:
        out = []
        for m in _NAME_FIELD.finditer(text):
            label = text[m.start():m.start(1)]
            if not _THING_LABEL.search(label):
                out.append((m.start(1), m.end(1), "name-field"))
        return out
