"""Person names that spaCy's small model misses (see PersonNameRecognizer)."""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from ..lexicon import faker_name_sets, is_common_word, is_first_name, word_zipf
from .base import _merge_overlapping, normalize_breaks
from .person_words import LONE_SURNAME_WORD_ZIPF, NAME_CUES_AFTER, NAME_CUES_ANY_CASE, NAME_CUE_LAST_WORDS, NAME_PARTICLES, NAME_TITLES, _TOKEN, _stop_words

def _shouting_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines written in capitals: two or more words and (almost) no lower-case letter."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        letters = [c for c in m.group() if c.isalpha()]
        words = re.findall(r"[^\W\d_]{2,}", m.group())
        if len(words) >= 2 and sum(c.islower() for c in letters) <= len(letters) // 10:
            out.append((m.start(), m.end()))
    return out


class PersonNameRecognizer(EntityRecognizer):
    """Person names that spaCy's small model misses.

    Sources, each a numbered block in `analyze`: (1) capitalised words from Faker's first/last-name lists
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
        self._name_line = re.compile(
            r"(?m)^[ \t]*(?:[^\w\s]{1,3}[ \t]*)?(?P<name>[^\W\d_a-z][^\W\d_]*\.?(?:[ \t]+(?:(?:van|von|de|der|den|del|"
            r"da|di|du|la|le|bin|ibn|al|ter|ten)[ \t]+)*[^\W\d_a-z][^\W\d_'’\-]*\.?){0,3})"
            r"[ \t]*(?:(?P<colon>:)|$)")
        self._subject_verb = re.compile(
            r"[ \t]+(?:is|was|has|had|began|begins|will|would|can|could|did|does|said|says|lives|lived|works|worked|"
            r"spent|listed|wrote|writes|shouted|told|asked|replied|explained|added|noted|called|texted|emailed|"
            r"mentioned|thinks|thought|agreed|joined|left|moved|married|met|went|came|got|gave|sent|bought|sold|paid|"
            r"won|took|made|wants|wanted|needs|needed|loves|loved|likes|liked)\b")
        self._lower_speaker = re.compile(r"(?m)^[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?(?P<name>[^\W\d_][\w'’\-]*):")
        self._signoff = re.compile(r"(?im)^[ \t]*(?:best|regards|best regards|kind regards|cheers|thanks|thank you|"
                                   r"sincerely|yours|warmly|love|--|—|-)[ \t]*[,!.]?[ \t]*\n[ \t]*")

    def _is_name(self, w: str) -> bool:
        lw = w.lower().rstrip(".")
        if lw in self._first or lw in self._last:
            return True
        parts = re.split(r"[-'’]", lw)
        return len(parts) > 1 and all(p in self._first or p in self._last for p in parts if len(p) > 1)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        if not hasattr(self, "_first"):
            self.load()
        text = normalize_breaks(text)
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        start_of = {s: i for i, (s, _e, _w) in enumerate(tokens)}
        n = len(tokens)
        results: list[RecognizerResult] = []

        shouting = _shouting_lines(text)

        def kind(i: int) -> str:
            s, e, w = tokens[i]
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

        kinds = [kind(i) for i in range(n)]

        def same_line(i: int, j: int) -> bool:
            return "\n" not in text[tokens[i][1]:tokens[j][0]] and "\\n" not in text[tokens[i][1]:tokens[j][0]]

        def run_from(i: int, allow_lower: bool, extra: frozenset = frozenset()) -> int:
            """End index (exclusive) of a run of name-like tokens starting at i."""
            j = i
            ok = {"name", "cap", "initial", "common-cap"} | ({"lower-name", "lower"} if allow_lower else set()) | extra
            while j < n and j - i < 5 and (kinds[j] in ok or (
                    kinds[j] == "particle" and j > i and j + 1 < n and kinds[j + 1] in ("name", "cap", "particle")
            )) and (j == i or same_line(j - 1, j)):
                gap = text[tokens[j - 1][1]:tokens[j][0]] if j > i else ""
                if j > i and (not (gap == "-" or (gap.strip() == "" and "\n" not in gap and len(gap) <= 3)) or
                              (tokens[j - 1][2].endswith(".") and kinds[j - 1] != "initial")):
                    break
                j += 1
            return j

        def add(i: int, j: int, score: float, how: str) -> None:
            while j - 1 > i and (kinds[j - 1] == "particle" or
                                 (kinds[j - 1] == "initial" and not tokens[j - 1][2].endswith("."))):
                j -= 1
            while i < j - 1 and kinds[i] == "initial" and tokens[i][2] in ("A", "I"):
                i += 1
            if j <= i:
                return
            start, end = tokens[i][0], tokens[j - 1][1]
            if text[end - 1] == "." and kinds[j - 1] != "initial":
                end -= 1
            results.append(RecognizerResult(self.ENTITY, start, end, score,
                                            recognition_metadata={"recognizer_name": self.name, "pattern": how}))

        # (1) name-list runs
        i = 0
        while i < n:
            first_middle_last = (kinds[i] == "cap" and i + 2 < n and kinds[i + 1] == "initial"
                                 and kinds[i + 2] in ("cap", "name") and same_line(i, i + 2))
            if kinds[i] == "name" or first_middle_last:
                a = i
                while a > 0 and kinds[a - 1] in ("name", "cap", "initial") and same_line(a - 1, a) \
                        and text[tokens[a - 1][1]:tokens[a][0]] == " " and i - a < 3 \
                        and not (tokens[a - 1][2].endswith(".") and kinds[a - 1] != "initial"):
                    a -= 1
                b = run_from(i, allow_lower=False)
                word = tokens[a][2].rstrip(".")
                if b - a == 1 and not is_first_name(word) and word_zipf(word) >= LONE_SURNAME_WORD_ZIPF:
                    i = b  # a lone surname that is a frequent word ("Hollywood", "Cross"): needs a cue
                    continue
                add(a, b, 0.5, "name-list")
                i = b
            else:
                i += 1
        # (2) titles
        for m in self._title.finditer(text):
            k = start_of.get(m.end())
            if k is not None:
                add(k, run_from(k, allow_lower=False, extra=frozenset({"word-cap"})), 0.6, "title")
        # (3) cues (any case), greetings and sign-offs
        cue_at: dict[int, str] = {}
        for k in range(1, n):
            if kinds[k] in ("stop", "other", "initial", "particle"):
                continue
            # the regex of cues is long: try it only where the previous word can end a cue
            p = k - 1 if tokens[k - 1][2] not in (",", "?") else k - 2
            if p >= 0 and (tokens[p][2].lower().rstrip(".") in NAME_CUE_LAST_WORDS or tokens[p][2].startswith("ex-")):
                for q in range(max(0, p - 3), p + 1):  # a cue starts at one of the few words before
                    m = self._cue.match(text, tokens[q][0], tokens[k][0])
                    if m:
                        cue_at[k] = m.group()
                        break
        signoff_at = {start_of.get(m.end(), -1) for m in self._signoff.finditer(text)}
        for k in sorted(set(cue_at) | signoff_at):
            if k < 0 or kinds[k] in ("stop", "other", "initial", "particle"):
                continue
            cue = cue_at.get(k)
            if cue:
                naming = re.search(r"(?i)(name|call|named)", cue)
                # after "my name is", capitalised ordinary words are part of the name ("Alvin K Peoples")
                j = run_from(k, allow_lower=True, extra=frozenset({"word-cap"}) if naming else frozenset())
                # Unknown capitalised words count after any cue but the weak ones ("I'm Happy", "this is Great");
                # lower-case words only after an explicit naming cue ("my name is anna", "call me bob").
                weak = re.search(r"(?i)(?:\bi\s+am|\bi'm|\bim|\bthis\s+is|\bbest|\bfriend|\bson|\bboss|\bcustomer|"
                                 r"\bclient|\bpatient|\bmet|\bask|\btell|\bits|\bit's|\bping|\btext|\bremind|"
                                 r"\binvite|\bwith|\band|\+|&)\W*$", cue)
                if kinds[k] == "cap" and weak:
                    continue
                # A known name that is also a word ("Rose Hill", "Will") after a naming cue, a greeting or a
                # sign-off; an ordinary capitalised word only after a naming cue.
                if kinds[k] == "common-cap" and k not in signoff_at and not re.search(
                        r"(?i)(name|call|named|\bdear|\bhi\b|\bhello|\bhey\b|regards|sincerely|signed)", cue):
                    continue
                if kinds[k] == "word-cap" and not re.search(r"(?i)(name|call|named)", cue):
                    continue
                if kinds[k] == "lower" and not re.search(r"(?i)(name|call|named)", cue):
                    continue
                if kinds[k] == "lower-name" and not re.search(
                        r"(?i)(name|call|named|hi|hello|hey|dear|thanks|regards|cheers|said|says|with|to|for|ask|"
                        r"tell|its|it's|ping|text|remind|invite|and|\+|&)",
                        cue):
                    continue
                # A capitalised name stops at the first lower-case word ("Mr Brown called", "and Sarah came");
                # a lower-case run at the first word that is not a known name (after the first word).
                jj = k + 1
                while jj < j and kinds[jj] != "lower" and (kinds[jj] != "lower-name" or naming):
                    jj += 1
                if kinds[k] in ("lower", "lower-name"):
                    jj = k + 1
                    while jj < j and kinds[jj] in ("lower-name",):
                        jj += 1
                add(k, jj, 0.6, "cue")
            elif k in signoff_at and kinds[k] in ("name", "cap", "common-cap"):
                add(k, run_from(k, allow_lower=False), 0.55, "signoff")
        # (3b) a capitalised word right before "'s address", "said", ...
        for k in range(n):
            if kinds[k] in ("cap", "name", "common-cap") and NAME_CUES_AFTER.match(text[tokens[k][1]:tokens[k][1] + 60]):
                a = k
                while a > 0 and kinds[a - 1] in ("name", "cap", "initial") and text[tokens[a - 1][1]:tokens[a][0]] == " " \
                        and k - a < 3:
                    a -= 1
                add(a, k + 1, 0.5, "cue-after")
        # (3b') an unknown capitalised word (not an English word) as the subject of a person's verb
        # ("Lyberth began writing", "Armen is from"), or addressed at the start of a sentence ("Nobuto, can I ...")
        for k in range(n):
            if kinds[k] != "cap":
                continue
            after = text[tokens[k][1]:tokens[k][1] + 30]
            if self._subject_verb.match(after) or (
                    re.match(r",[ \t]+(?:can|could|would|will|please|do|did|are|have|I|you|we)\b", after)
                    and re.search(r"(?:^|[.!?\n][ \t]*)$", text[max(0, tokens[k][0] - 3):tokens[k][0]])):
                a = k
                while a > 0 and kinds[a - 1] in ("name", "cap", "initial") and text[tokens[a - 1][1]:tokens[a][0]] == " " \
                        and k - a < 3:
                    a -= 1
                add(a, k + 1, 0.45, "subject")
        # (3c) coordination: an unknown capitalised word listed with names ("Caird, Lewis and Jones") is a name
        found = {i for r in results for i in range(n) if r.start <= tokens[i][0] and tokens[i][1] <= r.end}
        changed = True
        while changed:
            changed = False
            for k in range(n):
                if k in found or kinds[k] != "cap":
                    continue
                for nb, gap_lo, gap_hi in ((k + 2, k, k + 2), (k - 2, k - 2, k)):
                    if 0 <= nb < n and nb in found:
                        gap = text[tokens[gap_lo][1]:tokens[gap_hi][0]]
                        mid = tokens[gap_lo + 1][2].lower()
                        if mid in (",", "and", "&", "or") and re.fullmatch(r"\s*\S+\s*", gap):
                            add(k, k + 1, 0.45, "coordination")
                            found.add(k)
                            changed = True
                            break
        # (3d) two or more unknown capitalised words in a row (no English word among them) are a name
        # ("Saraja Trpinc", "Willemine ten Pas"); runs with a known name were handled in (1)
        i = 0
        while i < n:
            if kinds[i] == "cap":
                j = run_from(i, allow_lower=False)
                if sum(kinds[x] == "cap" for x in range(i, j)) >= 2:
                    add(i, j, 0.4, "unknown-capitalised-run")
                i = max(j, i + 1)
            else:
                i += 1
        # (4) a line that is only a name ("Stepan Anisimov" atop a signature or letter) or a speaker label
        labels = [m for m in self._name_line.finditer(text) if m.group("colon")]
        # a chat transcript: several speaker labels, at least one of them a known given name
        transcript = len(labels) >= 2 and any(
            self._is_name(w) for m in labels for w in m.group("name").split()
            if w.lower() not in self._stop)
        for m in self._name_line.finditer(text):
            k = start_of.get(m.start("name"))
            if k is None:
                continue
            j = run_from(k, allow_lower=False)
            if j > k and tokens[j - 1][1] >= m.end("name") - 1 and all(
                    kinds[x] in ("name", "cap", "initial") or (kinds[x] == "common-cap" and transcript)
                    and not (tokens[x][2].isupper() and len(tokens[x][2]) > 1 and not self._is_name(tokens[x][2]))
                    for x in range(k, j)):
                known = any(kinds[x] == "name" for x in range(k, j))
                if m.group("colon"):
                    if (known or transcript) and j - k <= 3:
                        add(k, j, 0.45, "speaker-label")
                elif j - k >= 2:
                    following = [ln for ln in text[m.end():].split("\n")[1:5] if ln.strip()][:3]
                    if known or any(re.search(r"[\d@]", ln) for ln in following):
                        add(k, j, 0.45, "name-line")
        # (5) lower-case speaker labels in chat logs ("[10:02] lukas: ...")
        for m in self._lower_speaker.finditer(text):
            k = start_of.get(m.start("name"))
            if k is not None and kinds[k] == "lower-name":
                add(k, k + 1, 0.45, "speaker-label")
        return _merge_overlapping(results)
