"""The pieces of a record that are scrubbed (text, chat messages, string input columns), putting scrubbed values
back, validating a record's shape, and what a rejected record keeps (no raw text)."""
from __future__ import annotations

from typing import Any

from ..records import Record
from .text_scrubber import TextOutcome

# A number this large in an input column may be a phone, SSN, card or customer number stored as a number: withheld.
LONG_NUMBER = 1_000_000

def _scrubbable_pieces(rec: Record, max_len: int) -> list[tuple[int | None, str]]:
    """(message index or None, text) of every piece of a record that can go through the analyzer.

    Lone surrogates (invalid UTF-8) become "?" so the rest of such a text can still be scrubbed for a reject.
    """
    def usable(value: Any) -> str | None:
        if not isinstance(value, str) or not value.strip() or len(value) > max_len:
            return None
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            value = value.encode("utf-8", "replace").decode("utf-8")
        return value

    if rec.messages is not None:
        if not isinstance(rec.messages, list):
            return []
        pieces = [(k, usable(m.get("content"))) for k, m in enumerate(rec.messages) if isinstance(m, dict)]
    else:
        pieces = [(None, usable(rec.text))]
    return [(k, t) for k, t in pieces if t is not None]


FieldPath = tuple[Any, ...]  # (column, then keys / list indices inside a nested value)


def _field_strings(fields: Any, max_len: int) -> tuple[list[tuple[FieldPath, str]], list[FieldPath]]:
    """The strings of an input row's other columns that the analyzer will scrub, and the values withheld.

    Every string at any depth is scrubbed (dict keys are structure, like column names, and stay). Booleans,
    None and small numbers (counts, ratings, years, prices) pass through unchanged; numbers of 7+ digits (a
    phone or an account number stored as a number), anything else (bytes, dates, ...) and any string that cannot
    be scrubbed (too long, invalid UTF-8) are withheld: nothing raw from an input column reaches an output.
    """
    texts: list[tuple[FieldPath, str]] = []
    withheld: list[FieldPath] = []
    if not isinstance(fields, dict):
        return texts, withheld
    stack: list[tuple[FieldPath, Any]] = [((k,), v) for k, v in fields.items()]
    while stack:
        path, v = stack.pop()
        if v is None or isinstance(v, bool):
            continue
        if isinstance(v, (int, float)):
            if abs(v) >= LONG_NUMBER and v == v and abs(v) != float("inf"):
                withheld.append(path)
            continue
        if isinstance(v, str):
            if not v.strip():
                continue
            if len(v) > max_len or _validate(Record(id="", text=v), max_len) is not None:
                withheld.append(path)
            else:
                texts.append((path, v))
        elif isinstance(v, dict):
            stack.extend(((*path, k), c) for k, c in v.items())
        elif isinstance(v, (list, tuple)):
            stack.extend(((*path, j), c) for j, c in enumerate(v))
        else:
            withheld.append(path)
    return texts, withheld


def _with_fields(fields: dict[str, Any], values: dict[FieldPath, str | None]) -> dict[str, Any]:
    """A copy of ``fields`` with the value at each path replaced (containers copied on the way down)."""
    out = dict(fields)
    for path, value in values.items():
        node: Any = out
        for key in path[:-1]:
            child = node[key]
            child = dict(child) if isinstance(child, dict) else list(child)
            node[key] = child
            node = child
        node[path[-1]] = value
    return out


def _raw_reject(rec: Record) -> dict[str, Any]:
    """The record as it came in (``rejects_raw``), input columns included."""
    out = {"id": str(rec.id), "label": rec.label, "meta": rec.meta}
    out["messages" if rec.messages is not None else "text"] = rec.messages if rec.messages is not None else rec.text
    return out


def _scrubbed_reject(rec: Record, outcomes: list[tuple[int | None, TextOutcome]]) -> dict[str, Any]:
    """A rejected record with each text scrubbed, or None where it could not be (too large, failed, not text).

    Input columns (``meta["fields"]``) are left out: nothing unscrubbed goes into a rejects file by default.
    """
    done = {k: o.text for k, o in outcomes if o.error is None}
    out: dict[str, Any] = {"id": str(rec.id), "label": None if rec.label is None else str(rec.label)}
    if rec.messages is None:
        out["text"] = done.get(None)
        return out
    out["messages"] = [
        {"role": str(m.get("role")), "content": done.get(k, "" if m.get("content") == "" else None)}
        if isinstance(m, dict) else None
        for k, m in enumerate(rec.messages if isinstance(rec.messages, list) else [])]
    return out


def _validate(rec: Record, max_len: int) -> tuple[str, str] | None:
    """Why a record cannot be scrubbed (reason, field), or None. Never mentions the text itself."""
    def check(value: Any, fld: str, allow_empty: bool = False) -> tuple[str, str] | None:
        if not isinstance(value, str):
            return f"expected a string, got {type(value).__name__}", fld
        if not allow_empty and not value.strip():
            return "empty text", fld
        if len(value) > max_len:
            return f"document too large ({len(value)} characters > {max_len})", fld
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return f"invalid UTF-8 (at character {exc.start})", fld
        return None

    if rec.messages is not None:
        if not isinstance(rec.messages, list) or not rec.messages:
            return "expected a non-empty list of {role, content} messages", "messages"
        for k, msg in enumerate(rec.messages):
            if not isinstance(msg, dict):
                return "message must be an object with role and content", f"messages[{k}]"
            problem = check(msg.get("content"), f"messages[{k}].content", allow_empty=True)
            if problem:
                return problem
        return None
    return check(rec.text, "text")
