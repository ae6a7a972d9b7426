"""The filters' seed indexes saved in a directory, keyed so that a stale one is rebuilt, never trusted."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..config import FilterConfig
from .base import Filter

log = logging.getLogger(__name__)


INDEX_FORMAT = "textsynth.seed_indexes/1"


class SavedSeedIndexes:
    """A directory of the filters' saved seed indexes: one folder per filter and a manifest of their keys.

    A filter's key (``seed_index_key``) covers the seeds (``fingerprint``, given by the caller), the filter
    settings and what else shaped the index (``Filter.index_identity``); an index saved under another key is
    stale and rebuilt. Each folder is written beside its place and renamed in, and the manifest is written
    last, so a crash never leaves a half index that looks finished.
    """

    def __init__(self, directory: str | Path, fingerprint: str, config: FilterConfig):
        import json

        self.dir = Path(directory)
        self.fingerprint = fingerprint
        self.config = config
        path = self.dir / "manifest.json"
        manifest = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        if manifest.get("format") != INDEX_FORMAT:
            manifest = {}
        self.entries: dict[str, dict[str, Any]] = manifest.get("filters", {})
        self.n_seeds: int | None = manifest.get("n_seeds") if manifest.get("fingerprint") == fingerprint else None
        self.loaded: list[str] = []

    def key(self, f: Filter) -> str:
        return seed_index_key(self.fingerprint, f, self.config)

    def load(self, f: Filter) -> bool:
        """Load ``f``'s index when one was saved under its current key."""
        entry = self.entries.get(f.name)
        folder = self.dir / f.name
        if not entry or entry.get("key") != self.key(f) or not folder.is_dir():
            return False
        try:
            ok = f.load_index(folder)
        except Exception as exc:  # unreadable or refused (skops: untrusted types): rebuilt, never trusted
            log.warning("seed index of filter %s in %s is unreadable (%s); rebuilding it", f.name, self.dir,
                        exc.__class__.__name__)
            return False
        if ok:
            self.loaded.append(f.name)
        return ok

    def save(self, fitted: Sequence[Filter], n_seeds: int) -> None:
        import shutil

        from ..io import write_json

        self.dir.mkdir(parents=True, exist_ok=True)
        for f in fitted:
            tmp = self.dir / f".{f.name}.tmp"
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            if not f.save_index(tmp):
                shutil.rmtree(tmp)
                self.entries.pop(f.name, None)
                continue
            shutil.rmtree(self.dir / f.name, ignore_errors=True)  # our own older index of this filter
            tmp.rename(self.dir / f.name)
            self.entries[f.name] = {"key": self.key(f)}
        self.n_seeds = n_seeds
        write_json(self.dir / "manifest.json", {"format": INDEX_FORMAT, "fingerprint": self.fingerprint,
                                                "n_seeds": n_seeds, "filters": self.entries})


def seed_index_key(fingerprint: str, f: Filter, config: FilterConfig) -> str:
    """The key a filter's saved seed index is valid under: seeds, filter settings, index identity, format."""
    from ..core.fingerprint import fingerprint as key

    return key(INDEX_FORMAT, fingerprint, f.name, type(f).__qualname__, config, f.index_identity())
