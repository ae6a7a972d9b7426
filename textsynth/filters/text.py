"""Text normalisation shared by the filters: lowercase, drop apostrophes, split on anything not a letter/digit."""
from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018`")


def words(text: str) -> list[str]:
    """Normalised word tokens: "Don't stop, Believin'!" -> ["dont", "stop", "believin"]."""
    return _WORD.findall(text.lower().translate(_APOSTROPHES))
