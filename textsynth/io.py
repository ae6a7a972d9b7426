"""Read input files into Records and write JSONL outputs and rejects files.

Readers stream: one Record per valid row. A bad row raises InputError naming file:line:field, or, with
``on_error="skip"``, goes to the rejects sink with its reason so that read = kept + rejected always holds.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .config import ReadConfig
from .errors import InputError
from .records import Record, Rejection

log = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "parquet", "hf")


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
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._fh = self.path.open("w", encoding="utf-8", errors="backslashreplace")  # bad input bytes
            self._fh.write(json.dumps(rejection.to_dict(), ensure_ascii=False, default=str) + "\n")

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        elif self.path is not None and not self.path.exists():
            # An empty rejects file says "nothing was rejected" more clearly than a missing one.
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text("", encoding="utf-8")

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
    """Yield a Record per valid row of a JSONL, CSV, Parquet file or saved HF dataset directory."""
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
    if config.label_column and config.label_column in row and row[config.label_column] is not None:
        label = row[config.label_column]
        if isinstance(label, float) and label.is_integer():
            label = int(label)
        if not isinstance(label, (str, int, bool)):
            raise InputError(f"label must be a string or integer, got {type(label).__name__}", file, line, config.label_column)
        label = str(label)
        _check_utf8(label, file, line, config.label_column)
    for key, value in row.items():  # other columns are written back as they are: they must be valid too
        if isinstance(value, str) and key != col:
            _check_utf8(value, file, line, str(key))
    rid = row.get(config.id_column) if config.id_column else None
    rid = str(rid) if rid is not None else str(line)
    meta = {"source": {"file": Path(file).name, "line": line}, "fields": fields}
    return Record(id=rid, text=text, messages=messages, label=label, meta=meta)


def _validate_messages(value: Any, config: ReadConfig, file: str, line: int, col: str) -> list[dict[str, str]]:
    if isinstance(value, str):  # CSV cells hold JSON
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise InputError("expected a JSON list of {role, content} messages", file, line, col) from None
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
    with p.open("rb") as fh:
        for line_no, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            line = raw.decode("utf-8", errors="surrogateescape")
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield line_no, InputError(f"malformed JSON ({exc.msg} at column {exc.colno})", str(p), line_no)
                continue
            if not isinstance(row, dict):
                yield line_no, InputError(f"expected a JSON object, got {type(row).__name__}", str(p), line_no)
                continue
            yield line_no, row


def _csv_rows(p: Path, config: ReadConfig) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    import csv
    import sys

    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    delimiter = "\t" if p.suffix.lower() == ".tsv" else ","
    opener = _open_text(p)
    with opener as fh:
        reader = csv.DictReader(fh, delimiter=delimiter)
        header = reader.fieldnames or []
        _check_header(header, config, p)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield reader.line_num, InputError(f"malformed CSV ({exc})", str(p), reader.line_num)
                continue
            if None in row:
                yield reader.line_num, InputError("more fields than the header has", str(p), reader.line_num)
                continue
            yield reader.line_num, row


def _open_text(p: Path):
    if p.suffix.lower() in (".bz2", ".gz", ".xz"):
        import bz2
        import gzip
        import lzma

        mod = {".bz2": bz2, ".gz": gzip, ".xz": lzma}[p.suffix.lower()]
        return mod.open(p, "rt", encoding="utf-8", errors="surrogateescape", newline="")
    return p.open("r", encoding="utf-8", errors="surrogateescape", newline="")


def _check_header(columns: list[str], config: ReadConfig, p: Path) -> None:
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
    """Write rows to a JSONL file atomically (temp file + rename); returns the number written."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    fd, tmp = tempfile.mkstemp(prefix=p.name + ".", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
                n += 1
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def read_jsonl_records(path: str | Path) -> list[Record]:
    """Read a JSONL file of Record rows (as written by ``Record.to_dict``), validating each like any input."""
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", file=str(p))
    out = []
    for line, row in _jsonl_rows(p, ReadConfig()):
        if isinstance(row, InputError):
            raise row
        cfg = ReadConfig(messages_column="messages" if "messages" in row else None)
        rec = row_to_record(row, cfg, file=str(p), line=line)
        meta = row.get("meta")
        rec.meta = dict(meta) if isinstance(meta, dict) else {}
        out.append(rec)
    return out


class ShardedJsonlWriter:
    """Resumable output: numbered JSONL shards (records + rejects) and a manifest, each written atomically.

    A shard is written only once it is complete, so after a crash the manifest lists exactly the finished
    shards; a resumed run redoes the others. The manifest carries a fingerprint of the producing config, and
    resuming with a different one is refused rather than mixing two runs.
    """

    def __init__(self, directory: str | Path, fingerprint: str, resume: bool = False, info: dict[str, Any] | None = None):
        import shutil

        self.dir = Path(directory)
        self.manifest_path = self.dir / "manifest.json"
        if self.dir.exists() and not self.manifest_path.is_file() and (not self.dir.is_dir() or any(self.dir.iterdir())):
            from .errors import ConfigError

            raise ConfigError(f"{self.dir}: exists and holds no textsynth shard manifest; textsynth writes its shards "
                              "there, so move it away or choose another output path")
        if self.dir.exists() and not resume:
            shutil.rmtree(self.dir)  # shards of an earlier textsynth run (its manifest is there)
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

    def write_shard(self, index: int, rows: list[dict[str, Any]], rejects: list[dict[str, Any]] = (), **stats: Any) -> None:
        write_jsonl(self._shard_path(index, "records"), rows)
        write_jsonl(self._shard_path(index, "rejects"), rejects)
        self.manifest["shards"][str(index)] = {"records": len(rows), "rejects": len(rejects), **stats}
        self._save_manifest()

    def read_shard(self, index: int, kind: str = "records") -> list[dict[str, Any]]:
        p = self._shard_path(index, kind)
        if not p.exists():
            return []
        with p.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]

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
        tmp = self.manifest_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.manifest, indent=1, default=str), encoding="utf-8")
        os.replace(tmp, self.manifest_path)



def load_records(path: str | Path, read: ReadConfig | None = None) -> list[Record]:
    """Records from a file: Record JSONL (as textsynth's stages write it: the first line has an id and the
    columns are the defaults), otherwise any input format read with ``read``'s columns."""
    read = read or ReadConfig()
    default = ReadConfig()
    same_columns = all(getattr(read, k) == getattr(default, k) for k in ("text_column", "label_column", "messages_column"))
    p = Path(path)
    if same_columns and p.is_file() and detect_format(p) == "jsonl":
        with p.open(encoding="utf-8", errors="replace") as fh:
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
