"""RejectSink: where a stage's dropped records go, with their reasons, so kept + rejected = read."""
from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from typing import IO

from ..records import Rejection
from .jsonfiles import json_line, open_private


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
        if self._fh is None and self.path is not None:
            self._open()  # empty: "nothing was rejected" (never a missing file, nor an earlier run's rejects)
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> "RejectSink":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
