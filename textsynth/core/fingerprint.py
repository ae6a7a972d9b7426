"""Fingerprints: short stable hashes of what determines a piece of work, so a resume can refuse stale work."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..config import to_dict
from ..errors import InputError


def fingerprint(*parts: Any, stream: Iterable[bytes] = ()) -> str:
    """16 hex digits of SHA-256 over ``parts`` as sorted JSON (configs and other dataclasses as dicts), then
    over each chunk of ``stream`` (seed data too large to put in one JSON document)."""
    h = hashlib.sha256(json.dumps([to_dict(p) for p in parts], sort_keys=True, default=str).encode())
    for chunk in stream:
        h.update(chunk)
    return h.hexdigest()[:16]


def content_fingerprint(path: str | Path, sample_above: int = 256 << 20) -> str:
    """Content hash of a file, or of every file of a directory (a saved HF dataset) with their relative paths.

    Files larger than ``sample_above`` bytes are hashed by size, mtime and sixteen 1 MiB samples instead.
    """
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", file=str(p))
    h = hashlib.sha256()
    files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
    for f in files:
        h.update(f.relative_to(p).as_posix().encode() if p.is_dir() else b"")
        h.update(_file_digest(f, sample_above).encode())
    return h.hexdigest()[:16]


def _file_digest(path: Path, sample_above: int) -> str:
    st = path.stat()
    with path.open("rb") as fh:
        if st.st_size <= sample_above:
            h = hashlib.sha256()
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
            return h.hexdigest()
        h = hashlib.sha256(f"{st.st_size}:{st.st_mtime_ns}".encode())
        step = st.st_size // 16
        for i in range(16):
            fh.seek(i * step)
            h.update(fh.read(1 << 20))
        return h.hexdigest()
