"""Text normalisation shared by the filters: lowercase, drop apostrophes, split on anything not a letter/digit."""
from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018`")


def words(text: str) -> list[str]:
    """Normalised word tokens: "Don't stop, Believin'!" -> ["dont", "stop", "believin"]."""
    text = text.lower()
    if "'" in text or "\u2019" in text or "\u2018" in text or "`" in text:
        text = text.translate(_APOSTROPHES)
    return _WORD.findall(text)
