"""Person names that spaCy's small model misses (see PersonNameRecognizer)."""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from ..lexicon import faker_name_sets, is_common_word, is_first_name, word_zipf
from .base import _merge_overlapping, normalize_breaks
from .person_words import (ADDRESSED_AT_SENTENCE_START, GREETING_OR_NAMING_CUE, LONE_SURNAME_WORD_ZIPF,
                           LOWER_NAME_CUE, LOWER_SPEAKER_LABEL, NAME_CUE_LAST_WORDS, NAME_CUES_AFTER,
                           NAME_CUES_ANY_CASE, NAME_LINE, NAME_PARTICLES, NAME_TITLES, NAMING_CUE,
                           SENTENCE_START_BEFORE, SIGNOFF, SUBJECT_VERB, WEAK_CUE, _TOKEN, _stop_words)

# Kinds of token that can be part of a capitalised name, and those that never start one after a cue.
NAME_KINDS = frozenset({"name", "cap", "initial", "common-cap"})
NEVER_CUED_KINDS = ("stop", "other", "initial", "particle")


def _shouting_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines written in capitals: two or more words and (almost) no lower-case letter."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        letters = [c for c in m.group() if c.isalpha()]
        words = re.findall(r"[^\W\d_]{2,}", m.group())
        if len(words) >= 2 and sum(c.islower() for c in letters) <= len(letters) // 10:
            out.append((m.start(), m.end()))
    return out


class _Scan:
    """One text under analysis: its tokens, the kind of each token, and the names found so far."""

    def __init__(self, text: str, recognizer: "PersonNameRecognizer") -> None:
        self.text = text
        self.tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        self.start_of = {s: i for i, (s, _e, _w) in enumerate(self.tokens)}
        self.n = len(self.tokens)
        shouting = _shouting_lines(text)
        self.kinds = [recognizer._token_kind(token, shouting) for token in self.tokens]
        self.results: list[RecognizerResult] = []
        self.entity, self.recognizer_name = recognizer.ENTITY, recognizer.name

    def gap(self, i: int, j: int) -> str:
        """The text between token i's end and token j's start."""
        return self.text[self.tokens[i][1]:self.tokens[j][0]]

    def same_line(self, i: int, j: int) -> bool:
        return "\n" not in self.gap(i, j) and "\\n" not in self.gap(i, j)

    def run_from(self, i: int, allow_lower: bool, extra: frozenset = frozenset()) -> int:
        """End index (exclusive) of a run of name-like tokens starting at i."""
        kinds, tokens, j = self.kinds, self.tokens, i
        ok = NAME_KINDS | ({"lower-name", "lower"} if allow_lower else set()) | extra
        while j < self.n and j - i < 5 and (kinds[j] in ok or (
                kinds[j] == "particle" and j > i and j + 1 < self.n and kinds[j + 1] in ("name", "cap", "particle")
        )) and (j == i or self.same_line(j - 1, j)):
            gap = self.gap(j - 1, j) if j > i else ""
            if j > i and (not (gap == "-" or (gap.strip() == "" and "\n" not in gap and len(gap) <= 3)) or
                          (tokens[j - 1][2].endswith(".") and kinds[j - 1] != "initial")):
                break
            j += 1
        return j

    def extend_left(self, k: int, stop_at_dot: bool = False) -> int:
        """First index of the capitalised name words (at most three) written right before token k."""
        a = k
        while a > 0 and self.kinds[a - 1] in ("name", "cap", "initial") and self.gap(a - 1, a) == " " and k - a < 3 \
                and not (stop_at_dot and self.tokens[a - 1][2].endswith(".") and self.kinds[a - 1] != "initial"):
            a -= 1
        return a

    def add(self, i: int, j: int, score: float, how: str) -> None:
        """Record tokens i..j-1 as a name, less trailing particles and initials without a dot."""
        kinds, tokens = self.kinds, self.tokens
        while j - 1 > i and (kinds[j - 1] == "particle" or
                             (kinds[j - 1] == "initial" and not tokens[j - 1][2].endswith("."))):
            j -= 1
        while i < j - 1 and kinds[i] == "initial" and tokens[i][2] in ("A", "I"):
            i += 1
        if j <= i:
            return
        start, end = tokens[i][0], tokens[j - 1][1]
        if self.text[end - 1] == "." and kinds[j - 1] != "initial":
            end -= 1
        self.results.append(RecognizerResult(self.entity, start, end, score,
                                             recognition_metadata={"recognizer_name": self.recognizer_name,
                                                                   "pattern": how}))

    def found_tokens(self) -> set[int]:
        return {i for r in self.results for i in range(self.n)
                if r.start <= self.tokens[i][0] and self.tokens[i][1] <= r.end}


class PersonNameRecognizer(EntityRecognizer):
    """Person names that spaCy's small model misses.

    Each source is a `_find_*` step of `analyze`: (1) capitalised words from Faker's first/last-name lists
    of all locales that are not common English words, joined with neighbouring capitalised words
    ("Sigtryggur Bernharðsson"); (2) a title and the capitalised words after it ("Dr. Nkechi Obi");
    (3) words after a name cue, in any case ("my name is anna", "Hi priya,", "Thanks, Tom"), before one
    ("Avenall's address", "says Weld"), a person's verb after an unknown capitalised word ("Lyberth
    began"), lists with known names ("Caird, Lewis and Jones"), runs of unknown capitalised words
    ("Saraja Trpinc"); (4) lines that hold only a name in a signature block, and speaker labels of a
    chat transcript ("Carys: ...", "[10:02] lukas: ...").
    """

    ENTITY = "PERSON"

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], name="PersonNameRecognizer",
                         supported_language=supported_language)

    def load(self) -> None:
        self._first, self._last = faker_name_sets()
        self._stop = _stop_words()
        self._title = re.compile(rf"\b(?i:{NAME_TITLES})\.?[ \t]+(?=[^\W\d_a-z])")
        self._cue = re.compile(NAME_CUES_ANY_CASE + r"[ \t]*,?[ \t]*\n?[ \t]*$")
        self._name_line = re.compile(NAME_LINE)
        self._subject_verb = re.compile(SUBJECT_VERB)
        self._lower_speaker = re.compile(LOWER_SPEAKER_LABEL)
        self._signoff = re.compile(SIGNOFF)

    def _is_name(self, w: str) -> bool:
        lw = w.lower().rstrip(".")
        if lw in self._first or lw in self._last:
            return True
        parts = re.split(r"[-'’]", lw)
        return len(parts) > 1 and all(p in self._first or p in self._last for p in parts if len(p) > 1)

    def _token_kind(self, token: tuple[int, int, str], shouting: list[tuple[int, int]]) -> str:
        """What a token can be in a name: a known "name", an unknown capitalised "cap", an "initial", ..."""
        s, _e, w = token
        bare = w.rstrip(".")
        if not bare or not bare[0].isalpha():
            return "other"
        low = bare.lower()
        if len(bare) == 1 and w[0].isupper():
            return "initial"
        if low in NAME_PARTICLES and not bare[0].isupper():
            return "particle"
        # In a line written in capitals ("MY NAME IS JOHN SMITH"), capitals say nothing: judge the word
        # as if it were title-cased. Elsewhere a word in capitals is an acronym ("DL", "USA", "ETF").
        if bare.isupper() and len(bare) > 1 and not any(a <= s < b for a, b in shouting) \
                and (len(bare) <= 3 or not self._is_name(bare)):
            return "other"
        is_cap = bare[0].isupper()
        if low in self._stop:
            return "common-cap" if is_cap and self._is_name(bare) else "stop"
        if is_cap:
            if self._is_name(bare):
                return "name"
            return "word-cap" if is_common_word(low) else "cap"
        return "lower-name" if self._is_name(bare) and len(bare) >= 3 else "lower"

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        if not hasattr(self, "_first"):
            self.load()
        scan = _Scan(normalize_breaks(text), self)
        self._find_known_name_runs(scan)
        self._find_titled_names(scan)
        self._find_cued_names(scan)
        self._find_names_before_cues(scan)
        self._find_subjects_of_person_verbs(scan)
        self._find_coordinated_names(scan)
        self._find_unknown_capitalised_runs(scan)
        self._find_name_lines(scan)
        self._find_lower_speaker_labels(scan)
        return _merge_overlapping(scan.results)

    @staticmethod
    def _find_known_name_runs(scan: _Scan) -> None:
        """(1) A known name with the capitalised words around it; a lone surname that is a frequent word
        ("Hollywood", "Cross") needs a cue and is left to the other steps."""
        kinds, i = scan.kinds, 0
        while i < scan.n:
            first_middle_last = (kinds[i] == "cap" and i + 2 < scan.n and kinds[i + 1] == "initial"
                                 and kinds[i + 2] in ("cap", "name") and scan.same_line(i, i + 2))
            if kinds[i] == "name" or first_middle_last:
                a = scan.extend_left(i, stop_at_dot=True)
                b = scan.run_from(i, allow_lower=False)
                word = scan.tokens[a][2].rstrip(".")
                if b - a == 1 and not is_first_name(word) and word_zipf(word) >= LONE_SURNAME_WORD_ZIPF:
                    i = b
                    continue
                scan.add(a, b, 0.5, "name-list")
                i = b
            else:
                i += 1

    def _find_titled_names(self, scan: _Scan) -> None:
        """(2) The capitalised words after a title ("Dr. Nkechi Obi", "Herr Weber")."""
        for m in self._title.finditer(scan.text):
            k = scan.start_of.get(m.end())
            if k is not None:
                scan.add(k, scan.run_from(k, allow_lower=False, extra=frozenset({"word-cap"})), 0.6, "title")

    def _cues_before_tokens(self, scan: _Scan) -> dict[int, str]:
        """Token index -> the name cue that ends right before it ("my name is", "Hi", "Thanks,")."""
        tokens, cue_at = scan.tokens, {}
        for k in range(1, scan.n):
            if scan.kinds[k] in NEVER_CUED_KINDS:
                continue
            # the regex of cues is long: try it only where the previous word can end a cue
            p = k - 1 if tokens[k - 1][2] not in (",", "?") else k - 2
            if p >= 0 and (tokens[p][2].lower().rstrip(".") in NAME_CUE_LAST_WORDS or tokens[p][2].startswith("ex-")):
                for q in range(max(0, p - 3), p + 1):  # a cue starts at one of the few words before
                    m = self._cue.match(scan.text, tokens[q][0], tokens[k][0])
                    if m:
                        cue_at[k] = m.group()
                        break
        return cue_at

    @staticmethod
    def _cue_admits(kind: str, cue: str, after_signoff: bool) -> bool:
        """Whether a token of this kind after this cue can start a name.

        Unknown capitalised words count after any cue but the weak ones ("I'm Happy", "this is Great"); a
        known name that is also a word ("Rose Hill", "Will") after a naming cue, a greeting or a sign-off;
        ordinary capitalised and lower-case words only after a naming cue ("my name is anna", "call me bob").
        """
        if kind == "cap":
            return not re.search(WEAK_CUE, cue)
        if kind == "common-cap":
            return after_signoff or bool(re.search(GREETING_OR_NAMING_CUE, cue))
        if kind in ("word-cap", "lower"):
            return bool(re.search(NAMING_CUE, cue))
        if kind == "lower-name":
            return bool(re.search(LOWER_NAME_CUE, cue))
        return True

    @staticmethod
    def _cued_name_end(scan: _Scan, k: int, naming: bool) -> int:
        """End (exclusive) of the name that starts at token k after a cue. A capitalised name stops at the
        first lower-case word ("Mr Brown called", "and Sarah came"); a lower-case one at the first word
        that is not a known name."""
        kinds = scan.kinds
        j = scan.run_from(k, allow_lower=True, extra=frozenset({"word-cap"}) if naming else frozenset())
        if kinds[k] in ("lower", "lower-name"):
            end = k + 1
            while end < j and kinds[end] == "lower-name":
                end += 1
            return end
        end = k + 1
        while end < j and kinds[end] != "lower" and (kinds[end] != "lower-name" or naming):
            end += 1
        return end

    def _find_cued_names(self, scan: _Scan) -> None:
        """(3) Names after a cue in any case, after a greeting, and on the line after a sign-off."""
        cue_at = self._cues_before_tokens(scan)
        signoff_at = {scan.start_of.get(m.end(), -1) for m in self._signoff.finditer(scan.text)}
        for k in sorted(set(cue_at) | signoff_at):
            if k < 0 or scan.kinds[k] in NEVER_CUED_KINDS:
                continue
            cue = cue_at.get(k)
            if cue:
                if self._cue_admits(scan.kinds[k], cue, after_signoff=k in signoff_at):
                    # after "my name is", capitalised ordinary words are part of the name ("Alvin K Peoples")
                    naming = bool(re.search(NAMING_CUE, cue))
                    scan.add(k, self._cued_name_end(scan, k, naming), 0.6, "cue")
            elif k in signoff_at and scan.kinds[k] in ("name", "cap", "common-cap"):
                scan.add(k, scan.run_from(k, allow_lower=False), 0.55, "signoff")

    @staticmethod
    def _find_names_before_cues(scan: _Scan) -> None:
        """(3b) A capitalised word right before "'s address", "said", "is my friend"."""
        for k in range(scan.n):
            if scan.kinds[k] in ("cap", "name", "common-cap") and \
                    NAME_CUES_AFTER.match(scan.text[scan.tokens[k][1]:scan.tokens[k][1] + 60]):
                scan.add(scan.extend_left(k), k + 1, 0.5, "cue-after")

    def _find_subjects_of_person_verbs(self, scan: _Scan) -> None:
        """(3b') An unknown capitalised word (not an English word) as the subject of a person's verb
        ("Lyberth began writing", "Armen is from"), or addressed at the start of a sentence ("Nobuto, can I")."""
        text, tokens = scan.text, scan.tokens
        for k in range(scan.n):
            if scan.kinds[k] != "cap":
                continue
            after = text[tokens[k][1]:tokens[k][1] + 30]
            if self._subject_verb.match(after) or (
                    re.match(ADDRESSED_AT_SENTENCE_START, after)
                    and re.search(SENTENCE_START_BEFORE, text[max(0, tokens[k][0] - 3):tokens[k][0]])):
                scan.add(scan.extend_left(k), k + 1, 0.45, "subject")

    @staticmethod
    def _find_coordinated_names(scan: _Scan) -> None:
        """(3c) An unknown capitalised word listed with names ("Caird, Lewis and Jones"), until no more."""
        found = scan.found_tokens()
        changed = True
        while changed:
            changed = False
            for k in range(scan.n):
                if k in found or scan.kinds[k] != "cap":
                    continue
                for nb, gap_lo, gap_hi in ((k + 2, k, k + 2), (k - 2, k - 2, k)):
                    if 0 <= nb < scan.n and nb in found:
                        mid = scan.tokens[gap_lo + 1][2].lower()
                        if mid in (",", "and", "&", "or") and re.fullmatch(r"\s*\S+\s*", scan.gap(gap_lo, gap_hi)):
                            scan.add(k, k + 1, 0.45, "coordination")
                            found.add(k)
                            changed = True
                            break

    @staticmethod
    def _find_unknown_capitalised_runs(scan: _Scan) -> None:
        """(3d) Two or more unknown capitalised words in a row (no English word among them) are a name
        ("Saraja Trpinc", "Willemine ten Pas"); runs with a known name were found by step (1)."""
        i = 0
        while i < scan.n:
            if scan.kinds[i] == "cap":
                j = scan.run_from(i, allow_lower=False)
                if sum(scan.kinds[x] == "cap" for x in range(i, j)) >= 2:
                    scan.add(i, j, 0.4, "unknown-capitalised-run")
                i = max(j, i + 1)
            else:
                i += 1

    def _is_name_line_words(self, scan: _Scan, k: int, j: int, transcript: bool) -> bool:
        """Whether tokens k..j-1 can all be words of a name on a line of its own (no acronyms)."""
        return all(
            scan.kinds[x] in ("name", "cap", "initial") or (scan.kinds[x] == "common-cap" and transcript)
            and not (scan.tokens[x][2].isupper() and len(scan.tokens[x][2]) > 1 and not self._is_name(scan.tokens[x][2]))
            for x in range(k, j))

    def _find_name_lines(self, scan: _Scan) -> None:
        """(4) A line that is only a name ("Stepan Anisimov" atop a signature or letter) or a speaker label."""
        lines = list(self._name_line.finditer(scan.text))
        labels = [m for m in lines if m.group("colon")]
        # a chat transcript: several speaker labels, at least one of them a known given name
        transcript = len(labels) >= 2 and any(
            self._is_name(w) for m in labels for w in m.group("name").split() if w.lower() not in self._stop)
        for m in lines:
            k = scan.start_of.get(m.start("name"))
            if k is None:
                continue
            j = scan.run_from(k, allow_lower=False)
            if not (j > k and scan.tokens[j - 1][1] >= m.end("name") - 1 and
                    self._is_name_line_words(scan, k, j, transcript)):
                continue
            known = any(scan.kinds[x] == "name" for x in range(k, j))
            if m.group("colon"):
                if (known or transcript) and j - k <= 3:
                    scan.add(k, j, 0.45, "speaker-label")
            elif j - k >= 2:
                following = [ln for ln in scan.text[m.end():].split("\n")[1:5] if ln.strip()][:3]
                if known or any(re.search(r"[\d@]", ln) for ln in following):
                    scan.add(k, j, 0.45, "name-line")

    def _find_lower_speaker_labels(self, scan: _Scan) -> None:
        """(5) Lower-case speaker labels in chat logs ("[10:02] lukas: ...")."""
        for m in self._lower_speaker.finditer(scan.text):
            k = scan.start_of.get(m.start("name"))
            if k is not None and scan.kinds[k] == "lower-name":
                scan.add(k, k + 1, 0.45, "speaker-label")
