"""Rows -> Records: the checks every input row goes through (columns, labels, messages, UTF-8, nesting).

A bad row raises InputError naming file:line:field, or, with ``on_error="skip"``, goes to the rejects sink with
its reason so that read = kept + rejected always holds.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import ReadConfig
from ..errors import InputError
from ..records import Record, Rejection
from .formats import MAX_DEPTH, _csv_rows, _hf_rows, _jsonl_rows, _open_text, _parquet_rows, detect_format
from .rejects import RejectSink


def read_records(path: str | Path, config: ReadConfig = ReadConfig(), rejects: RejectSink | None = None) -> Iterator[Record]:
    """Yield a Record per valid row of a JSONL, CSV, Parquet file or saved HF dataset directory.

    Args:
        path: the input file or directory.
        config: column names and what to do with a bad row (``on_error``: raise or skip).
        rejects: where skipped rows go with their reasons (one is made when skipping without it).

    Returns:
        An iterator of records, in input order.

    Raises:
        InputError: a missing file, or (``on_error: raise``) a bad row, naming file, line and field.
    """
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", file=str(p))
    if config.on_error == "skip" and rejects is None:
        rejects = RejectSink()
    fmt = detect_format(p)
    rows = {"jsonl": _jsonl_rows, "csv": _csv_rows, "parquet": _parquet_rows, "hf": _hf_rows}[fmt](p, config)
    for line, row in rows:
        try:
            if isinstance(row, InputError):
                raise row
            yield row_to_record(row, config, file=str(p), line=line)
        except InputError as err:
            if config.on_error == "raise":
                raise
            assert rejects is not None
            rejects.add(
                Rejection(stage="read", reason=err.reason, source=f"{p}:{line}", field=err.field,
                          record=row if isinstance(row, dict) and rejects.raw else None)
            )


def row_to_record(row: dict[str, Any], config: ReadConfig, file: str = "<input>", line: int = 0) -> Record:
    """Validate one input row and build its Record; raises InputError naming file:line:field."""
    for key, value in row.items():
        if isinstance(value, (dict, list)) and _too_deep(value, MAX_DEPTH - 1):
            raise InputError(f"nested more than {MAX_DEPTH} levels deep", file, line, str(key))
    fields = dict(row)
    text = messages = None
    if config.messages_column:
        col = config.messages_column
        if col not in row:
            raise InputError("missing column", file, line, col)
        messages = _validate_messages(row[col], config, file, line, col)
        fields[col] = None
        size = sum(len(m["content"]) for m in messages)
    else:
        col = config.text_column
        if col not in row:
            raise InputError("missing column", file, line, col)
        text = row[col]
        if not isinstance(text, str):
            raise InputError(f"expected a string, got {type(text).__name__}", file, line, col)
        if not text.strip():
            raise InputError("empty text", file, line, col)
        _check_utf8(text, file, line, col)
        fields[col] = None
        size = len(text)
    if size > config.max_chars:
        raise InputError(f"document too large ({size} characters > max_chars={config.max_chars})", file, line, col)
    label = None
    if config.label_column and config.label_column in row:
        label = _label(row[config.label_column], file, line, config.label_column)
    for key, value in row.items():  # other columns are written back as they are: they must be valid too
        if isinstance(value, str) and key != col:
            _check_utf8(value, file, line, str(key))
    rid = row.get(config.id_column) if config.id_column else None
    rid = str(rid) if rid is not None else str(line)
    meta = {"source": {"file": Path(file).name, "line": line}, "fields": fields}
    return Record(id=rid, text=text, messages=messages, label=label, meta=meta)


def _label(value: Any, file: str, line: int, field: str) -> str:
    # A column that is there but empty for this row is a missing label, not an unlabelled record: it would
    # silently skew the label mix (and a NaN would become the label "nan").
    if value is None or (isinstance(value, float) and math.isnan(value)) or (isinstance(value, str) and not value.strip()):
        raise InputError("missing label (null, NaN or empty)", file, line, field)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, (str, int, bool)):
        raise InputError(f"label must be a string or integer, got {type(value).__name__}", file, line, field)
    label = str(value)
    _check_utf8(label, file, line, field)
    return label


def _too_deep(value: Any, limit: int) -> bool:
    """Whether containers nest more than ``limit`` levels below ``value`` (iterative: no recursion)."""
    stack = [(value, 0)]
    while stack:
        v, depth = stack.pop()
        children = v.values() if isinstance(v, dict) else v if isinstance(v, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return False


def _validate_messages(value: Any, config: ReadConfig, file: str, line: int, col: str) -> list[dict[str, str]]:
    if isinstance(value, str):  # CSV cells hold JSON
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
            raise InputError("expected a JSON list of {role, content} messages", file, line, col) from None
        if _too_deep(value, MAX_DEPTH - 1):
            raise InputError(f"nested more than {MAX_DEPTH} levels deep", file, line, col)
    if not isinstance(value, list) or not value:
        raise InputError("expected a non-empty list of {role, content} messages", file, line, col)
    out = []
    for i, msg in enumerate(value):
        where = f"{col}[{i}]"
        if not isinstance(msg, dict):
            raise InputError("message must be an object with role and content", file, line, where)
        role, content = msg.get(config.role_key), msg.get(config.content_key)
        if not isinstance(role, str) or not role:
            raise InputError(f"missing or non-string '{config.role_key}'", file, line, where)
        if not isinstance(content, str):
            raise InputError(f"'{config.content_key}' must be a string", file, line, where)
        if not content.strip():
            raise InputError("empty message content", file, line, where)
        _check_utf8(content, file, line, where)
        out.append({"role": role, "content": content})
    return out


def _check_utf8(text: str, file: str, line: int, field: str) -> None:
    # Files are decoded with surrogateescape so one bad byte rejects one record, not the whole file.
    try:
        text.encode("utf-8")  # fast path (C): lone surrogates are the only thing that fails
    except UnicodeEncodeError as exc:
        ch = text[exc.start]
        byte = f"byte 0x{ord(ch) - 0xDC00:02x}" if "\udc80" <= ch <= "\udcff" else "lone surrogate"
        raise InputError(f"invalid UTF-8 ({byte} at character {exc.start})", file, line, field) from None


def record_to_row(record: Record, config: ReadConfig) -> dict[str, Any]:
    """The record as a row of its original columns, with the (scrubbed) text or messages put back."""
    fields = dict(record.meta.get("fields") or {})
    if not fields:
        return record.to_dict()
    if record.messages is not None and config.messages_column:
        fields[config.messages_column] = [dict(m) for m in record.messages]
    else:
        fields[config.text_column] = record.text
    return fields


def read_jsonl_records(path: str | Path) -> list[Record]:
    """Read a JSONL file of Record rows (as written by ``Record.to_dict``), validating each like any input."""
    return list(iter_jsonl_records(path))


def iter_jsonl_records(path: str | Path) -> Iterator[Record]:
    """``read_jsonl_records`` as a stream: one Record at a time, so memory does not grow with the file."""
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", file=str(p))
    for line, row in _jsonl_rows(p, ReadConfig()):
        if isinstance(row, InputError):
            raise row
        cfg = ReadConfig(messages_column="messages" if "messages" in row else None)
        rec = row_to_record(row, cfg, file=str(p), line=line)
        meta = row.get("meta")
        rec.meta = dict(meta) if isinstance(meta, dict) else {}
        yield rec


def load_records(path: str | Path, read: ReadConfig | None = None) -> list[Record]:
    """Records from a file: Record JSONL (as textsynth's stages write it: the first line has an id and the
    columns are the defaults), otherwise any input format read with ``read``'s columns."""
    read = read or ReadConfig()
    default = ReadConfig()
    same_columns = all(getattr(read, k) == getattr(default, k) for k in ("text_column", "label_column", "messages_column"))
    p = Path(path)
    if same_columns and p.is_file() and detect_format(p) == "jsonl":
        with _open_text(p) as fh:
            first = next((line for line in fh if line.strip()), "")
        if '"id"' in first:
            return read_jsonl_records(p)
    return list(read_records(p, read))


def load_seed_records(path: str | Path, read: ReadConfig | None = None) -> list[Record]:
    """``load_records`` for seeds a stage cannot work without: an empty file is an InputError naming it."""
    records = load_records(path, read)
    if not records:
        raise InputError("no seed records: the file holds no rows (read 0)", file=str(path))
    return records
