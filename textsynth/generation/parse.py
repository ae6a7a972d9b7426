"""Turn raw model output into a clean document or a validated conversation, or say why it cannot.

Cleaning removes what small instruct models wrap around the content: chat-template tokens, preambles such as
"Here's a positive movie review:", prefixes such as "Review:", surrounding quotes, and a trailing sentence cut
off by the token limit. A failure raises ParseFailure with a short reason; the caller rejects the output with
its raw text, so nothing is dropped silently.
"""
from __future__ import annotations

import re

from ..records import Message

SPECIAL_TOKEN = re.compile(r"<\|[a-zA-Z_]+\|>|</?s>|<pad>|\[/?INST\]|<<SYS>>|<</SYS>>|<\|endoftext\|>")
ROLE_LINE = re.compile(r"^\s*(?:im_start\s*)?(assistant|user|system)\s*$", re.IGNORECASE)
PREAMBLE = re.compile(
    r"^\s*(?:sure|certainly|okay|ok|of course|absolutely|great|alright)?[!,. ]*"
    r"(?:here(?:'s| is| are)|below is|this is)\b[^\n:]{0,80}:\s*",
    re.IGNORECASE,
)
LEAD_WORD = re.compile(r"^\s*(?:sure|certainly|of course|absolutely)[!.,]\s+", re.IGNORECASE)
PREFIX = re.compile(
    r"^\s*(?:\d+[.)]\s*|[-*\u2022]\s+)?(?:\*\*)?"
    r"(?:(?:a\s+|the\s+)?(?:(?:very|highly|strongly|extremely)\s+)?(?:positive|negative|neutral|good|bad|mixed)?\s*"
    r"(?:movie|film|product|service|restaurant|customer|user)?\s*"
    r"(?:review|text|sentence|snippet|example|comment|feedback|output|answer|response)\s*(?:\d+)?|(?:positive|negative|neutral))"
    r"(?:\*\*)?\s*[:\-\u2013]\s*(?:\*\*)?\s*",
    re.IGNORECASE,
)
QUOTES = [('"', '"'), ("\u201c", "\u201d"), ("'", "'"), ("\u2018", "\u2019"), ("`", "`"), ("*", "*")]
SENTENCE_END = re.compile(r"[.!?\u2026](?:[\"'\u201d\u2019)\]]*)(?=\s|$)")
SPEAKER = re.compile(r"^\s*(?:\*\*)?(user|assistant|human|ai|bot|customer|agent|a|b)(?:\*\*)?\s*:\s*(.*)$", re.IGNORECASE)
SPEAKER_ROLE = {"user": "user", "human": "user", "customer": "user", "a": "user",
                "assistant": "assistant", "ai": "assistant", "bot": "assistant", "agent": "assistant", "b": "assistant"}


class ParseFailure(ValueError):
    """Raw output that cannot become a record; ``reason`` is a short machine-friendly tag."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def strip_artefacts(raw: str) -> str:
    """Remove chat-template tokens and role-only lines left around the content."""
    text = SPECIAL_TOKEN.sub("\n", raw)
    lines = [ln for ln in text.split("\n") if not ROLE_LINE.match(ln)]
    return "\n".join(lines).strip()


def _strip_quotes(text: str) -> str:
    """Remove quotes (or bold markers) around the whole text, and a lone unbalanced quote at either end."""
    while len(text) >= 2:
        for left, right in QUOTES:
            if text.startswith(left) and text.endswith(right):
                inner = text[len(left): -len(right)].strip()
                if inner and left not in inner and right not in inner:
                    text = inner
                    break
        else:
            break
    for q in ('"', "\u201c", "\u201d"):
        if text.count(q) == 1 and (text.startswith(q) or text.endswith(q)) and text.count("\u201c") + text.count("\u201d") <= 1:
            text = text.strip(q).strip()
    return text


def trim_partial_sentence(text: str) -> str:
    """Cut a trailing unfinished sentence; returns "" when no sentence ever finished."""
    ends = list(SENTENCE_END.finditer(text))
    return text[: ends[-1].end()].strip() if ends else ""


def clean_text(raw: str, truncated: bool = False, first_line_only: bool = False) -> str:
    """The document inside raw model output; raises ParseFailure(reason) when none is left."""
    text = strip_artefacts(raw)
    if first_line_only or "\n" in text:
        # Preambles sit on their own line ("Here's a review:\n\n...") – drop them, keep the first real line.
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        while len(lines) > 1 and (PREAMBLE.fullmatch(lines[0] + " ") or lines[0].endswith(":")):
            lines.pop(0)
        text = lines[0] if (first_line_only and lines) else "\n".join(lines)
    for _ in range(3):
        before = text
        text = LEAD_WORD.sub("", text)
        text = PREAMBLE.sub("", text, count=1)
        text = PREFIX.sub("", text, count=1)
        text = _strip_quotes(text.strip())
        if text == before:
            break
    text = text.strip()
    if truncated:
        text = trim_partial_sentence(text)
        if not text:
            raise ParseFailure("truncated")
    if not text:
        raise ParseFailure("empty")
    if text.endswith(":"):
        raise ParseFailure("preamble")  # "Here are some reviews:" with nothing after it
    if not re.search(r"[A-Za-z\u00C0-\u024F\u0400-\u04FF\u4e00-\u9fff]", text):
        raise ParseFailure("no_words")
    return text


def _merge_same_speaker(turns: list[Message]) -> list[Message]:
    merged: list[Message] = []
    for t in turns:
        if merged and merged[-1]["role"] == t["role"] and merged[-1]["content"].strip() and t["content"].strip():
            merged[-1]["content"] = merged[-1]["content"].rstrip() + " " + t["content"].strip()
        else:
            merged.append(t)
    return merged


def parse_chat(raw: str, truncated: bool = False, min_turns: int = 2) -> list[Message]:
    """A ``User:``/``Assistant:`` transcript as messages; roles must alternate starting with the user.

    Consecutive lines of one speaker ("Assistant: ..." twice in a row, as people send several messages) are
    one turn, so the roles alternate by construction; an empty turn, a conversation that starts with the
    assistant or has fewer than ``min_turns`` turns is a ParseFailure.
    """
    text = strip_artefacts(raw)
    turns: list[Message] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = SPEAKER.match(line)
        if m:
            turns.append({"role": SPEAKER_ROLE[m.group(1).lower()], "content": m.group(2).strip()})
        elif turns:
            turns[-1]["content"] = (turns[-1]["content"] + " " + line.strip()).strip()
        elif PREAMBLE.match(line) or line.rstrip().endswith(":"):
            continue  # "Here is a conversation:" before the first turn
        else:
            # The prompt ends with "User:", so the first line is the user's turn without its speaker tag.
            turns.append({"role": "user", "content": line.strip()})
    turns = _merge_same_speaker(turns)
    if truncated and len(turns) > min_turns:
        turns.pop()  # the last turn was cut off by the token limit
    if len(turns) > min_turns and turns[-1]["role"] == "user":
        turns.pop()  # a conversation ends with the assistant's answer
    for t in turns:
        t["content"] = _strip_quotes(t["content"].strip())
    if not turns:
        raise ParseFailure("no_turns")
    if any(not t["content"] for t in turns):
        raise ParseFailure("empty_turn")
    if turns[0]["role"] != "user":
        raise ParseFailure("first_turn_not_user")
    for a, b in zip(turns, turns[1:]):
        if a["role"] == b["role"]:
            raise ParseFailure("roles_do_not_alternate")
    if len(turns) < min_turns:
        raise ParseFailure("too_few_turns")
    if truncated:
        last = trim_partial_sentence(turns[-1]["content"])
        if last:
            turns[-1]["content"] = last
    return turns
