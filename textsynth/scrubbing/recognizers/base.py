"""Pattern recognizers declared as data (GatedPattern) and the helpers every recognizer shares."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from presidio_analyzer import EntityRecognizer, RecognizerResult

from .validators import _VALIDATORS

@dataclass(frozen=True)
class GatedPattern:
    """A regex whose match counts only if `context` matches in the `window` characters before it.

    `group` names the part of the match that is the entity (default: the whole match); `validate`
    names a validation function in `_VALIDATORS`; `reject_before` vetoes a match (e.g. "order #").
    """

    name: str
    regex: str
    score: float
    context: str | None = None
    window: int = 60
    group: str | int = 0
    validate: str | None = None
    reject_before: str | None = None
    flags: int = re.IGNORECASE


class GatedPatternRecognizer(EntityRecognizer):
    """Patterns with explicit context gating and validation, independent of spaCy artifacts.

    Presidio's own context enhancement needs spaCy lemmas and only raises scores; gating here
    decides whether the match exists at all, which keeps weak patterns (9 bare digits for an SSN,
    an alphanumeric token for a driver license) from firing outside their context.
    """

    def __init__(self, entity: str, patterns: list[GatedPattern], name: str | None = None,
                 supported_language: str = "en") -> None:
        self.patterns = patterns
        self._compiled = [
            (p, re.compile(p.regex, p.flags),
             re.compile(p.context, re.IGNORECASE) if p.context else None,
             re.compile(p.reject_before, re.IGNORECASE) if p.reject_before else None)
            for p in patterns
        ]
        super().__init__(supported_entities=[entity], name=name or f"Gated{entity.title()}Recognizer",
                         supported_language=supported_language)

    def load(self) -> None:  # nothing to load
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        entity = self.supported_entities[0]
        if entities and entity not in entities:
            return []
        results = []
        text = normalize_breaks(text)
        for pattern, regex, context, reject in self._compiled:
            pos = 0
            while (m := regex.search(text, pos)) is not None:
                pos = max(m.end(), m.start() + 1)
                start, end = m.span(pattern.group)
                if start < 0 or start == end:
                    continue
                before = text[max(0, start - pattern.window):start]
                if context is not None and not context.search(before):
                    continue
                if reject is not None and reject.search(text[max(0, start - 25):start]):
                    continue
                spans = [(start, end)]
                if pattern.validate and not _VALIDATORS[pattern.validate](text[start:end]):
                    spans = []
                    if pattern.group == 0:  # two values side by side: look for the parts that validate
                        spans = _valid_parts(text, start, end, regex, _VALIDATORS[pattern.validate])
                        if spans:  # the next value may run past this match
                            pos = min(pos, spans[-1][1])
                results += [RecognizerResult(entity, a, b, pattern.score,
                                             recognition_metadata={"recognizer_name": self.name,
                                                                   "pattern": pattern.name})
                            for a, b in spans]
        return _dedupe(results)


def _valid_parts(text: str, start: int, end: int, regex: re.Pattern,
                 valid: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Values side by side in a match that failed validation ("card1 card2", "phone1 phone2"): the longest
    whitespace-bounded part from the match start that matches and validates on its own, then the same
    right after it. Parts never start elsewhere (a valid-looking tail of a long number is not a value)."""
    groups = [m.span() for m in re.finditer(r"\S+", text[start:end])]
    out, i = [], 0
    while 0 < len(groups) - 1 and i < len(groups):
        for j in range(len(groups) - 1, i - 1, -1):
            a, b = start + groups[i][0], start + groups[j][1]
            if (i, j) != (0, len(groups) - 1) and regex.fullmatch(text, a, b) and valid(text[a:b]):
                out.append((a, b))
                i = j + 1
                break
        else:
            break
    return out


def normalize_breaks(text: str) -> str:
    """Turn literal backslash-n sequences (badly escaped exports) into real line breaks, keeping offsets."""
    return text.replace("\\n", " \n") if "\\n" in text else text


def _dedupe(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Keep the longest (then highest-scoring) result among overlapping results of one recognizer."""
    results = sorted(results, key=lambda r: (-(r.end - r.start), -r.score))
    kept: list[RecognizerResult] = []
    for r in results:
        if not any(r.start < k.end and k.start < r.end for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: r.start)


# --------------------------------------------------------------------------------------------------


def _merge_overlapping(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Merge overlapping results of one type into their union (max score)."""
    merged: list[RecognizerResult] = []
    for r in sorted(results, key=lambda r: (r.start, -r.end)):
        if merged and r.start < merged[-1].end:
            last = merged[-1]
            last.end = max(last.end, r.end)
            last.score = max(last.score, r.score)
        else:
            merged.append(r)
    return merged
