"""ShardedJsonlWriter: resumable output in numbered JSONL shards with a fingerprinted manifest."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .jsonfiles import write_json, write_jsonl


class ShardedJsonlWriter:
    """Resumable output: numbered JSONL shards (records + rejects) and a manifest, each written atomically.

    A shard is written only once it is complete, so after a crash the manifest lists exactly the finished
    shards; a resumed run redoes the others. The manifest carries a fingerprint of the producing config, and
    resuming with a different one is refused rather than mixing two runs.
    """

    def __init__(self, directory: str | Path, fingerprint: str, resume: bool = False, info: dict[str, Any] | None = None):
        import shutil

        from ..locking import LOCK_FILES

        self.dir = Path(directory)
        self.manifest_path = self.dir / "manifest.json"
        # The directory's lock files (its owner holds them while writing) are not shards and stay.
        entries = [p for p in self.dir.iterdir() if p.name not in LOCK_FILES] if self.dir.is_dir() else []
        if self.dir.exists() and not self.manifest_path.is_file() and (not self.dir.is_dir() or entries):
            from ..errors import ConfigError

            raise ConfigError(f"{self.dir}: exists and holds no textsynth shard manifest; textsynth writes its shards "
                              "there, so move it away or choose another output path")
        if self.dir.exists() and not resume:
            for p in entries:  # shards of an earlier textsynth run (its manifest is there)
                shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()
        self.dir.mkdir(parents=True, exist_ok=True)
        manifest = json.loads(self.manifest_path.read_text(encoding="utf-8")) if self.manifest_path.exists() else None
        if manifest is not None and manifest.get("fingerprint") != fingerprint:
            from ..errors import StaleShardsError

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
