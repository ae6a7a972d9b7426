"""The normalised view of a text that PII detection runs on, with a map back to the original offsets.

Values hide from patterns behind characters that look the same to a reader: non-breaking or other unicode
spaces, non-breaking hyphens and other dashes, fullwidth digits, zero-width characters, HTML entities
(``&nbsp;``) and ANSI colour codes glued to a value. The view folds these (NFKC, unicode spaces to " ",
dashes to "-", format characters and ANSI escape sequences removed, character references decoded), and
keeps for every character of the view the original range it came from, so a span found in the view maps
to the smallest original span covering it (zero-width characters inside a value are replaced with it).
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

# CSI sequences (colours, cursor moves), OSC sequences (titles, hyperlinks) and two-character escapes.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A character with a combining mark after it, any non-ASCII character, an escape, a character reference.
_SPECIAL = re.compile(r"(?s:.)[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]|[^\x00-\x7f]|\x1b|&")
_LINE_BREAKS = frozenset("\u2028\u2029\x85")
_MINUS_SIGNS = frozenset("\u2212\u2796\ufe63\uff0d")


def _fold(ch: str) -> str:
    """One NFKC output character with unicode spaces, line separators and dashes folded to ASCII."""
    if ch < "\x80":
        return ch
    if ch in _LINE_BREAKS:
        return "\n"
    cat = unicodedata.category(ch)
    if cat == "Zs":
        return " "
    if cat == "Pd" or ch in _MINUS_SIGNS:
        return "-"
    if cat == "Cf":
        return ""
    return ch


@dataclass(frozen=True)
class NormalizedText:
    """A normalised view of ``original``; ``starts[i]:ends[i]`` is where view character i came from
    (both None when the view is the original itself)."""

    original: str
    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The smallest original span covering the view span ``[start, end)``."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def normalize_view(text: str) -> NormalizedText:
    """The normalised view of ``text`` (the text itself, unchanged, when there is nothing to fold)."""
    if not _SPECIAL.search(text):
        return NormalizedText(text, text)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last = ""  # the last character of the view so far

    def emit(piece: str, i: int, j: int) -> None:
        nonlocal last
        if piece:
            out.append(piece)
            starts.extend([i] * len(piece))
            ends.extend([j] * len(piece))
            last = piece[-1]

    i, n = 0, len(text)
    for m in _SPECIAL.finditer(text):
        k = m.start()
        if k < i:  # inside what the previous special character took
            continue
        if k > i:  # a plain ASCII stretch maps one to one
            out.append(text[i:k])
            starts.extend(range(i, k))
            ends.extend(range(i + 1, k + 1))
            last = text[k - 1]
        ch = text[k]
        if ch == "\x1b":
            esc = _ANSI.match(text, k)
            j = esc.end() if esc else k + 1
            # neutralised: nothing, or a space where it would otherwise glue two words together
            if last.isalnum() and j < n and text[j].isalnum():
                emit(" ", k, j)
            i = j
            continue
        if ch == "&":
            ref = _ENTITY.match(text, k)
            decoded = html.unescape(ref.group()) if ref else ch
            if ref and decoded != ref.group():
                emit("".join(_fold(c) for c in unicodedata.normalize("NFKC", decoded)), k, ref.end())
                i = ref.end()
            else:
                emit(ch, k, k + 1)
                i = k + 1
            continue
        j = k + 1  # a character with the combining marks that follow it
        while j < n and text[j] >= "\u0300" and unicodedata.combining(text[j]):
            j += 1
        emit("".join(_fold(c) for c in unicodedata.normalize("NFKC", text[k:j])), k, j)
        i = j
    if i < n:
        out.append(text[i:])
        starts.extend(range(i, n))
        ends.extend(range(i + 1, n + 1))
    view = "".join(out)
    if view == text:
        return NormalizedText(text, text)
    return NormalizedText(text, view, starts, ends)


def normalize_value(value: str) -> str:
    """The normalised form of one value (what operators and the seed PII index see)."""
    return normalize_view(value).text
