"""MinHash-LSH near-duplicate check (datasketch) against the seeds and within the synthetic set.

Shingles are the normalised word set of a text, so reordered sentences and a few swapped words still look
alike; the Jaccard threshold (``minhash_threshold``) sets how alike is too alike. The synthetic side keeps
every accepted record's MinHash for the runner's lifetime, so duplicates across resampling rounds are caught.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..config import FilterConfig
from ..errors import MissingDependencyError
from ..records import Record
from .base import Drop, Filter
from ..core.text import words


def shingles(text: str) -> list[bytes]:
    return [w.encode("utf-8") for w in set(words(text))]


class MinHashFilter(Filter):
    name = "minhash"
    score_name = "estimated Jaccard similarity to the closest seed"

    def __init__(self, config: FilterConfig, **context: Any):
        super().__init__(config)
        try:
            from datasketch import MinHash, MinHashLSH
        except ImportError:
            raise MissingDependencyError("datasketch") from None
        self._MinHash = MinHash
        self.num_perm = config.minhash_num_perm
        self.threshold = config.minhash_threshold
        self._seed_lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self._synth_lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self._seed_sigs = np.zeros((0, self.num_perm), dtype=np.uint32)
        self._seed_parts: list[np.ndarray] = []  # signatures of the shards fitted since the last fit_done
        self._synth_sigs: list[np.ndarray] = []

    def minhash(self, text: str):
        m = self._MinHash(num_perm=self.num_perm, seed=1)
        sh = shingles(text)
        if sh:
            m.update_batch(sh)
        return m, bool(sh)

    def fit_shard(self, seeds: Sequence[Record]) -> None:
        sigs = np.zeros((len(seeds), self.num_perm), dtype=np.uint32)
        start = sum(len(p) for p in self._seed_parts)
        with self._seed_lsh.insertion_session() as session:
            for i, s in enumerate(seeds):
                m, ok = self.minhash(s.content())
                if ok:
                    session.insert(start + i, m, check_duplication=False)
                sigs[i] = m.hashvalues
        self._seed_parts.append(sigs)

    def fit_done(self) -> None:
        self._seed_sigs = np.concatenate([self._seed_sigs, *self._seed_parts])
        self._seed_parts = []

    def save_index(self, directory: Path) -> bool:
        """The seed signatures (.npy); the LSH tables are rebuilt from them on load."""
        np.save(directory / "signatures.npy", self._seed_sigs, allow_pickle=False)
        return True

    def load_index(self, directory: Path) -> bool:
        sigs = np.load(directory / "signatures.npy", allow_pickle=False)
        if sigs.ndim != 2 or sigs.shape[1] != self.num_perm:
            return False
        empty = self._MinHash(num_perm=self.num_perm, seed=1)
        scheme = empty.scheme
        empty = empty.hashvalues.astype(np.uint32)
        with self._seed_lsh.insertion_session() as session:
            for i, sig in enumerate(sigs):
                if not np.array_equal(sig, empty):  # seeds without words were never inserted
                    m = self._MinHash(num_perm=self.num_perm, seed=1, hashvalues=sig, scheme=scheme)
                    session.insert(i, m, check_duplication=False)
        self._seed_sigs = sigs
        return True

    def _best(self, m, keys: list, sigs) -> tuple[float, Any]:
        if not keys:
            return 0.0, None
        mine = m.hashvalues.astype(np.uint32)
        sims = [(float(np.mean(sigs[k] == mine)), k) for k in keys]
        return max(sims)

    def check(self, record: Record) -> Drop | None:
        m, ok = self.minhash(record.content())
        if not ok:
            self.observe(0.0)
            return None
        jac, key = self._best(m, self._seed_lsh.query(m), self._seed_sigs)
        self.observe(jac)
        if key is not None and jac >= self.threshold:
            return Drop("minhash_seed_duplicate", jac, {"threshold": self.threshold})
        return None

    def check_accepted(self, records: Sequence[Record]) -> list[Drop | None]:
        out: list[Drop | None] = []
        for r in records:
            m, ok = self.minhash(r.content())
            if ok:
                jac, key = self._best(m, self._synth_lsh.query(m), self._synth_sigs)
                if key is not None and jac >= self.threshold:
                    out.append(Drop("minhash_synthetic_duplicate", jac, {"threshold": self.threshold}))
                    continue
                self._synth_lsh.insert(len(self._synth_sigs), m, check_duplication=False)
                self._synth_sigs.append(m.hashvalues.astype(np.uint32))
            out.append(None)
        return out

    def thresholds(self) -> dict[str, Any]:
        return {"minhash_threshold": self.threshold, "minhash_num_perm": self.num_perm, "shingles": "word set"}
