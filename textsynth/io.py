"""Read input files into Records and write JSONL outputs and rejects files.

Readers stream: one Record per valid row. A bad row raises InputError naming file:line:field, or, with
``on_error="skip"``, goes to the rejects sink with its reason so that read = kept + rejected always holds.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import math
import os
import secrets
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .config import ReadConfig
from .errors import InputError
from .records import Record, Rejection

log = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "parquet", "hf")
MAX_DEPTH = 100  # nesting levels a row may have: well inside Python's recursion limit for every reader and writer
_BOM = "\ufeff"
_COMPRESSED = (".bz2", ".gz", ".xz")


def open_private(path: str | Path, mode: str = "w", encoding: str | None = "utf-8",
                 errors: str | None = None) -> IO[Any]:
    """Open a file for writing that only its owner can read (mode 0600, whatever the umask).

    Every file that holds record content goes through here. ``mode`` is one of w, a, x (plus b for bytes).
    An existing file is set to 0600 before anything is written to it.
    """
    flags = {"w": os.O_WRONLY | os.O_CREAT | os.O_TRUNC, "a": os.O_WRONLY | os.O_CREAT | os.O_APPEND,
             "x": os.O_WRONLY | os.O_CREAT | os.O_EXCL}.get(mode.replace("b", ""))
    if flags is None:
        raise ValueError(f"open_private: mode must be w, a or x (with an optional b), got {mode!r}")
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        os.fchmod(fd, 0o600)  # O_CREAT's mode applies to new files only
        if "b" in mode:
            return os.fdopen(fd, mode)
        return os.fdopen(fd, mode, encoding=encoding, errors=errors)
    except BaseException:
        os.close(fd)
        raise


def dumps_json(obj: Any, indent: int | None = None, sort_keys: bool = False,
               default: Callable[[Any], Any] = str) -> str:
    """The one JSON encoder for files textsynth writes: strict JSON, never ``NaN`` or ``Infinity``.

    Non-finite floats (a NaN cell, an infinite score) become ``null``; other non-JSON values go through
    ``default`` (``str`` unless given). Every JSON file and JSON Lines line textsynth writes is made here.
    """
    kw: dict[str, Any] = {"ensure_ascii": False, "default": default, "indent": indent, "sort_keys": sort_keys}
    try:
        return json.dumps(obj, allow_nan=False, **kw)
    except ValueError:  # "Out of range float values are not JSON compliant": rare, so sanitise only then
        return json.dumps(_finite(obj), allow_nan=False, **kw)


def _finite(obj: Any) -> Any:
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def json_line(obj: Any) -> str:
    """One JSON Lines line (strict JSON, newline-terminated)."""
    return dumps_json(obj) + "\n"


@contextmanager
def atomic_private(path: str | Path, errors: str | None = None) -> Iterator[IO[str]]:
    """A text file to write ``path`` through: private (0600) and beside it, renamed over it once the block
    ends without error (removed otherwise), so readers never see half a file."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(f"{p.name}.{secrets.token_hex(6)}.tmp")
    try:
        with open_private(tmp, "x", errors=errors) as fh:
            yield fh
        os.replace(tmp, p)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def cache_dir() -> Path:
    """Root of textsynth's caches (models, derived public word and place lists; never record data):
    ``$TEXTSYNTH_CACHE`` or ``~/.cache/textsynth``."""
    root = os.environ.get("TEXTSYNTH_CACHE")
    return Path(root).expanduser() if root else Path.home() / ".cache" / "textsynth"


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of ``size`` consecutive items (the last may be shorter): a stream cut into shards."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write_json(path: str | Path, obj: Any, indent: int | None = 2, default: Callable[[Any], Any] = str) -> Path:
    """Write a JSON document atomically, mode 0600 like every file textsynth writes; returns the path."""
    with atomic_private(path) as fh:
        fh.write(dumps_json(obj, indent=indent, default=default) + "\n")
    return Path(path)


class RejectSink:
    """Collects rejections, counts them per reason, and optionally appends them to a JSONL file.

    ``raw``: readers attach the raw input row to their rejects (``--rejects-raw``); by default a row that could
    not be read is kept as file:line:field:reason only.
    """

    def __init__(self, path: str | Path | None = None, raw: bool = False):
        self.path = Path(path) if path else None
        self.raw = raw
        self.count = 0
        self.by_reason: Counter[str] = Counter()
        self._fh: IO[str] | None = None

    def add(self, rejection: Rejection) -> None:
        self.count += 1
        self.by_reason[f"{rejection.stage}:{rejection.reason}"] += 1
        if self.path is not None:
            if self._fh is None:
                self._open()
            try:
                line = json_line(rejection.to_dict())
            except (RecursionError, ValueError, TypeError):  # e.g. a too-deep row: keep the where and why
                row = dataclasses.replace(rejection, record=None).to_dict()
                line = json_line({**row, "record_omitted": "the row cannot be written as JSON"})
            self._fh.write(line)

    def _open(self) -> None:
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open_private(self.path, "w", errors="backslashreplace")  # bad input bytes stay visible

    def close(self) -> None:
        if self._fh is None and self.path is not None and not self.path.exists():
            self._open()  # an empty rejects file says "nothing was rejected" more clearly than a missing one
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> "RejectSink":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def detect_format(path: str | Path) -> str:
    p = Path(path)
    if p.is_dir():
        return "hf"
    suffixes = [s.lower() for s in p.suffixes]
    for fmt, exts in (("jsonl", {".jsonl", ".json", ".ndjson"}), ("csv", {".csv", ".tsv"}), ("parquet", {".parquet"})):
        if exts & set(suffixes):
            return fmt
    raise InputError(f"cannot tell the format from the name; expected one of .jsonl .csv .parquet or a dataset dir", file=str(p))


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


def _jsonl_rows(p: Path, config: ReadConfig) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    with _open_binary(p) as fh:
        for line_no, raw in enumerate(fh, start=1):
            if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark is not content
                raw = raw[3:]
            if not raw.strip():
                continue
            line = raw.decode("utf-8", errors="surrogateescape")
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield line_no, InputError(f"malformed JSON ({exc.msg} at column {exc.colno})", str(p), line_no)
                continue
            except RecursionError:
                yield line_no, InputError(f"JSON nested too deeply (more than {MAX_DEPTH} levels)", str(p), line_no)
                continue
            if not isinstance(row, dict):
                yield line_no, InputError(f"expected a JSON object, got {type(row).__name__}", str(p), line_no)
                continue
            yield line_no, row


class _CsvLines:
    """The lines of a CSV file for csv.reader, keeping those of the record being parsed.

    A malformed record (e.g. a quote never closed) is rejected at the line where it began and parsing
    restarts on the next line, so one stray quote cannot swallow the rest of the file. The kept lines are
    bounded by the field size limit.
    """

    def __init__(self, fh: IO[str]):
        self._fh = fh
        self._replay: deque[str] = deque()
        self.lines_read = 0  # lines handed to the parser so far
        self.record: list[str] = []  # lines of the record being parsed

    def __iter__(self) -> "_CsvLines":
        return self

    def __next__(self) -> str:
        text = self._replay.popleft() if self._replay else next(self._fh)
        self.record.append(text)
        self.lines_read += 1
        return text

    def start_line(self) -> int:
        """Line number where the current record began."""
        return self.lines_read - len(self.record) + 1

    def next_record(self) -> None:
        self.record.clear()

    def restart_after_first_line(self) -> None:
        """Give back every line of the current record but its first, to be parsed again."""
        again = self.record[1:]
        self._replay.extendleft(reversed(again))
        self.lines_read -= len(again)
        self.record.clear()


def _csv_field_limit(config: ReadConfig) -> int:
    # A quoted field longer than this is a runaway quote (or a document far over max_chars): either way a reject,
    # found before the parser has read gigabytes into one field. Room for JSON-encoded chat cells.
    return max(4 * config.max_chars + 65_536, 131_072)


def _csv_error(exc: Exception, limit: int) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return "a quoted field that begins in this record is never closed (the file ends inside it)"
    if "field larger than field limit" in text:
        return f"a field runs over {limit} characters (a quoted field that is never closed?)"
    return f"malformed CSV ({text})"


def _csv_rows(p: Path, config: ReadConfig) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    import csv

    limit = _csv_field_limit(config)
    csv.field_size_limit(limit)  # module-wide; every textsynth reader sets it before parsing
    delimiter = "\t" if ".tsv" in [s.lower() for s in p.suffixes] else ","
    header: list[str] | None = None
    with _open_text(p) as fh:
        lines = _CsvLines(fh)
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                start = lines.start_line()
                err = InputError(_csv_error(exc, limit), str(p), start)
                if header is None:
                    raise err from None
                lines.restart_after_first_line()
                reader = csv.reader(lines, delimiter=delimiter, strict=True)
                yield start, err
                continue
            start, n_lines = lines.start_line(), len(lines.record)
            lines.next_record()
            if not fields:  # a blank line
                continue
            if header is None:
                header = fields
                _check_csv_header(header, config, p, start)
                continue
            if len(fields) != len(header):
                span = f"lines {start}-{start + n_lines - 1}" if n_lines > 1 else "this line"
                yield start, InputError(f"the record on {span} has {len(fields)} fields; the header has {len(header)}",
                                        str(p), start)
                continue
            yield start, dict(zip(header, fields))
    if header is None:
        raise InputError("no header row (the file is empty)", str(p))


def _check_csv_header(header: list[str], config: ReadConfig, p: Path, line: int) -> None:
    # The first row may be data (a file without a header row), so its cells are never echoed: positions only.
    positions: dict[str, int] = {}
    for i, name in enumerate(header, start=1):
        if name in positions:
            raise InputError(f"columns {positions[name]} and {i} of the header row have the same name", str(p), line)
        positions[name] = i
    needed = config.messages_column or config.text_column
    if needed not in positions:
        raise InputError(f"missing column: not in the header row, which has {len(header)} columns "
                         "(does the file have a header row?)", str(p), line, needed)


def _open_binary(p: Path) -> IO[bytes]:
    suffix = p.suffix.lower()
    if suffix in _COMPRESSED:
        import bz2
        import gzip
        import lzma

        return {".bz2": bz2, ".gz": gzip, ".xz": lzma}[suffix].open(p, "rb")
    return p.open("rb")


def _open_text(p: Path) -> IO[str]:
    # utf-8-sig: a byte order mark is dropped rather than glued to the first column's name.
    import io as _io

    return _io.TextIOWrapper(_open_binary(p), encoding="utf-8-sig", errors="surrogateescape", newline="")


def _check_header(columns: list[str], config: ReadConfig, p: Path) -> None:
    # Column names from a schema (Parquet, HF datasets) are names, not data, so they may be listed.
    needed = config.messages_column or config.text_column
    if needed not in columns:
        raise InputError(f"missing column (columns are: {', '.join(columns)})", str(p), 1, needed)


def _parquet_rows(p: Path, config: ReadConfig) -> Iterator[tuple[int, dict[str, Any]]]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(p)
    except Exception as exc:  # pyarrow raises several types for a corrupt file
        raise InputError(f"cannot read parquet ({exc.__class__.__name__})", str(p)) from None
    _check_header(pf.schema_arrow.names, config, p)
    row_no = 0
    for batch in pf.iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            row_no += 1
            yield row_no, row


def _hf_rows(p: Path, config: ReadConfig) -> Iterator[tuple[int, dict[str, Any]]]:
    import datasets

    try:
        ds = datasets.load_from_disk(str(p))
    except Exception as exc:
        raise InputError(f"not a saved Hugging Face dataset ({exc.__class__.__name__})", str(p)) from None
    parts = list(ds.items()) if isinstance(ds, datasets.DatasetDict) else [(None, ds)]
    row_no = 0
    for split, part in parts:
        _check_header(part.column_names, config, p)
        for row in part:
            row_no += 1
            if split is not None:
                row = {**row, "split": row.get("split", split)}
            yield row_no, row


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


def write_jsonl(path: str | Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write rows to a JSONL file atomically (temp file + rename), mode 0600; returns the number written."""
    n = 0
    with atomic_private(path) as fh:
        for row in rows:
            fh.write(json_line(row))
            n += 1
    return n


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


class ShardedJsonlWriter:
    """Resumable output: numbered JSONL shards (records + rejects) and a manifest, each written atomically.

    A shard is written only once it is complete, so after a crash the manifest lists exactly the finished
    shards; a resumed run redoes the others. The manifest carries a fingerprint of the producing config, and
    resuming with a different one is refused rather than mixing two runs.
    """

    def __init__(self, directory: str | Path, fingerprint: str, resume: bool = False, info: dict[str, Any] | None = None):
        import shutil

        from .locking import LOCK_FILES

        self.dir = Path(directory)
        self.manifest_path = self.dir / "manifest.json"
        # The directory's lock files (its owner holds them while writing) are not shards and stay.
        entries = [p for p in self.dir.iterdir() if p.name not in LOCK_FILES] if self.dir.is_dir() else []
        if self.dir.exists() and not self.manifest_path.is_file() and (not self.dir.is_dir() or entries):
            from .errors import ConfigError

            raise ConfigError(f"{self.dir}: exists and holds no textsynth shard manifest; textsynth writes its shards "
                              "there, so move it away or choose another output path")
        if self.dir.exists() and not resume:
            for p in entries:  # shards of an earlier textsynth run (its manifest is there)
                shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()
        self.dir.mkdir(parents=True, exist_ok=True)
        manifest = json.loads(self.manifest_path.read_text(encoding="utf-8")) if self.manifest_path.exists() else None
        if manifest is not None and manifest.get("fingerprint") != fingerprint:
            from .errors import StaleShardsError

            raise StaleShardsError(f"{self.dir}: these shards come from a different configuration; "
                              "run without --resume to start over (or restore the original settings)")
        self.manifest: dict[str, Any] = manifest or {"fingerprint": fingerprint, "info": info or {}, "shards": {}}
        self._save_manifest()

    def _shard_path(self, index: int, kind: str) -> Path:
        return self.dir / f"{kind}-{index:05d}.jsonl"

    def done(self) -> set[int]:
        """Indices of the shards already complete on disk."""
        return {int(k) for k, v in self.manifest["shards"].items() if self._shard_path(int(k), "records").exists()}

    def write_shard(self, index: int, rows: list[dict[str, Any]], rejects: list[dict[str, Any]] = (),
                    state: dict[str, Any] | None = None, **stats: Any) -> None:
        """Write shard ``index``; its manifest entry, written last, marks it done.

        ``state``: JSON-able data a resumed run needs beside the rows (e.g. counters), read by ``read_state``.
        """
        if state is not None:
            write_json(self.dir / f"state-{index:05d}.json", state, indent=None)
        write_jsonl(self._shard_path(index, "rejects"), rejects)
        write_jsonl(self._shard_path(index, "records"), rows)
        self.manifest["shards"][str(index)] = {"records": len(rows), "rejects": len(rejects), **stats}
        self._save_manifest()

    def read_shard(self, index: int, kind: str = "records") -> list[dict[str, Any]]:
        p = self._shard_path(index, kind)
        if not p.exists():
            return []
        with p.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]

    def read_state(self, index: int) -> dict[str, Any] | None:
        """The ``state`` written with shard ``index`` (None when there is none)."""
        p = self.dir / f"state-{index:05d}.json"
        return json.loads(p.read_text(encoding="utf-8")) if p.exists() else None

    def merge(self, out_path: str | Path, rejects_path: str | Path | None = None) -> tuple[int, int]:
        """Concatenate the finished shards in index order into ``out_path`` (and rejects); returns the counts."""
        order = sorted(self.done())
        n = write_jsonl(out_path, (row for i in order for row in self.read_shard(i)))
        m = 0
        if rejects_path is not None:
            m = write_jsonl(rejects_path, (row for i in order for row in self.read_shard(i, "rejects")))
        self.manifest["merged"] = {"records": n, "rejects": m, "output": str(out_path)}
        self._save_manifest()
        return n, m

    def _save_manifest(self) -> None:
        write_json(self.manifest_path, self.manifest, indent=1)



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


def estimate_rows(path: str | Path) -> int | None:
    """About how many rows an input holds, cheaply (JSONL/CSV: newlines; Parquet: its metadata); None for a
    dataset directory. Used to cut an input into shards of similar size, never to count records."""
    p = Path(path)
    fmt = detect_format(p)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(p).metadata.num_rows)
    if fmt == "hf":
        return None
    n, last = 0, b"\n"
    with _open_binary(p) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n") - (fmt == "csv")  # a last line without newline; the CSV header
