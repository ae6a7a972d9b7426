"""A run directory's ownership marker and ``state.json`` (which stages finished, under which fingerprint)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .io import write_json
from .locking import LOCK_FILES

RUN_MARKER = "textsynth-run.json"


class RunState:
    """state.json: which stages finished, with the config fingerprint they ran with.

    ``fresh``: start from no finished stage (the file is overwritten at the first ``mark``).
    """

    def __init__(self, run_dir: Path, fresh: bool = False):
        self.path = run_dir / "state.json"
        self.data: dict[str, Any] = json.loads(self.path.read_text()) if self.path.exists() and not fresh else {}

    def done(self, stage: str, fingerprint: str) -> bool:
        return self.data.get(stage, {}).get("fingerprint") == fingerprint

    def mark(self, stage: str, fingerprint: str, **info: Any) -> None:
        self.data[stage] = {"fingerprint": fingerprint, **info}
        write_json(self.path, self.data)

    def info(self, stage: str) -> dict[str, Any]:
        return self.data.get(stage, {})


def check_run_dir(run_dir: Path) -> None:
    """A run dir is new, empty, or one textsynth made (its marker, or state.json of an older run)."""
    if not run_dir.exists():
        return
    if not run_dir.is_dir():
        raise ConfigError(f"run_dir: {run_dir} exists and is not a directory")
    if (run_dir / RUN_MARKER).is_file() or (run_dir / "state.json").is_file():
        return
    if any(p.name not in LOCK_FILES for p in run_dir.iterdir()):
        raise ConfigError(f"run_dir: {run_dir} is not empty and is not a textsynth run directory; "
                          "choose a new or empty directory")
