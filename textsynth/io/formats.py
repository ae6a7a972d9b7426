"""Row readers per input format (JSONL, CSV, Parquet, a saved HF dataset), compressed or not.

Each yields (line, row) pairs, or (line, InputError) for a row that cannot be parsed, so the caller decides
whether to raise or reject it.
"""
from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..config import ReadConfig
from ..errors import InputError


FORMATS = ("jsonl", "csv", "parquet", "hf")
MAX_DEPTH = 100  # nesting levels a row may have: well inside Python's recursion limit for every reader and writer
_COMPRESSED = (".bz2", ".gz", ".xz")


def detect_format(path: str | Path) -> str:
    p = Path(path)
    if p.is_dir():
        return "hf"
    suffixes = [s.lower() for s in p.suffixes]
    for fmt, exts in (("jsonl", {".jsonl", ".json", ".ndjson"}), ("csv", {".csv", ".tsv"}), ("parquet", {".parquet"})):
        if exts & set(suffixes):
            return fmt
    raise InputError("cannot tell the format from the name; expected one of .jsonl .csv .parquet or a dataset dir", file=str(p))


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
