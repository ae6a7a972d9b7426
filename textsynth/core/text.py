"""Text normalisation every stage shares, so the gate, the metrics and fine-tuning see the same words."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018`")
_ROLE_NAMES = {"user": "User", "assistant": "Assistant", "system": "System"}


def words(text: str) -> list[str]:
    """Normalised word tokens: "Don't stop, Believin'!" -> ["dont", "stop", "believin"].

    Lower-cased; apostrophes (straight, curly, backtick) are dropped so "don't" and "don’t" are one word;
    anything that is not a letter or digit separates words.
    """
    text = text.lower()
    if "'" in text or "\u2019" in text or "\u2018" in text or "`" in text:
        text = text.translate(_APOSTROPHES)
    return _WORD.findall(text)


def serialise_messages(messages: Sequence[Mapping[str, str]]) -> str:
    """A conversation as ``User: ...`` / ``Assistant: ...`` lines, whitespace inside a turn collapsed.

    The form few-shot prompts show, fine-tuning trains on and generation's chat parser reads back.
    """
    lines = []
    for m in messages:
        role = str(m.get("role", ""))
        lines.append(f"{_ROLE_NAMES.get(role, role.title())}: {' '.join(m.get('content', '').split())}")
    return "\n".join(lines)
