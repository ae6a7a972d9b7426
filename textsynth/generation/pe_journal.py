"""Private Evolution's journal: one JSON file per finished step (labels, population parts, noisy votes), so a
crashed run resumes with the same populations and the same noisy votes; DP noise already drawn is reused,
never redrawn. The manifest holds the run's fingerprint: a journal from other settings or seeds is refused."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from ..errors import StaleShardsError

KIND = "textsynth private evolution journal"


class Journal:
    """A directory of finished steps; with ``path=None`` nothing is kept (every load misses)."""

    def __init__(self, path: str | Path | None, fingerprint: str, resume: bool):
        self.path = Path(path) if path is not None else None
        if self.path is not None:
            self._open(fingerprint, resume)

    def _open(self, fingerprint: str, resume: bool) -> None:
        from ..io import write_json

        assert self.path is not None
        manifest = self.path / "manifest.json"
        if manifest.is_file():
            old = json.loads(manifest.read_text(encoding="utf-8"))
            if resume and old.get("fingerprint") != fingerprint:
                raise StaleShardsError(f"{self.path}: the Private Evolution journal was written under another "
                                       "configuration or other seeds; rerun without resume to start afresh")
            if not resume:
                self.cleanup()  # our own journal (its manifest says so): a fresh run starts from nothing
        elif self.path.exists() and any(self.path.iterdir()):
            raise StaleShardsError(f"{self.path}: exists and is not a Private Evolution journal; "
                                   "textsynth does not overwrite what it did not write")
        self.path.mkdir(parents=True, exist_ok=True)
        if not manifest.is_file():
            write_json(manifest, {"kind": KIND, "fingerprint": fingerprint})

    def load(self, name: str) -> Any:
        """The step saved under ``name``, or None."""
        if self.path is None or not (self.path / name).is_file():
            return None
        return json.loads((self.path / name).read_text(encoding="utf-8"))

    def save(self, name: str, obj: Any) -> None:
        """Write one finished step (atomically)."""
        if self.path is not None:
            from ..io import write_json

            write_json(self.path / name, obj, indent=None)

    def cleanup(self) -> None:
        """Remove the journal (it holds raw, unfiltered candidates); only a directory with our manifest."""
        if self.path is not None and (self.path / "manifest.json").is_file():
            shutil.rmtree(self.path, ignore_errors=True)
