"""Private, atomic JSON and JSONL files: what every stage writes (outputs, journals, stats), mode 0600."""
from __future__ import annotations

import json
import math
import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


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


def write_jsonl(path: str | Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write rows to a JSONL file atomically (temp file + rename), mode 0600; returns the number written."""
    n = 0
    with atomic_private(path) as fh:
        for row in rows:
            fh.write(json_line(row))
            n += 1
    return n
