"""MinHash-LSH near-duplicate check (datasketch) against the seeds and within the synthetic set.

Shingles are the normalised word set of a text, so reordered sentences and a few swapped words still look
alike; the Jaccard threshold (``minhash_threshold``) sets how alike is too alike. The synthetic side keeps
every accepted record's signature for the runner's lifetime, so duplicates across shards are caught; it keeps
them compactly (``SignatureIndex``: numpy arrays, ~0.6 KB per record at 128 permutations, where datasketch's
MinHashLSH holds ~5 KB), so a long run's memory grows by little per kept record.
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


class SignatureIndex:
    """MinHash signatures of accepted records with their LSH band keys, in growing numpy arrays.

    The same banding as datasketch's MinHashLSH (``bands`` x ``rows`` of the signature) and the same verdicts:
    the records sharing a band with a query are its candidates, scored by exact signature agreement. Hand-written
    because MinHashLSH keeps each record's bands as Python bytes in dicts (~5 KB a record, measured), which a run
    of 10^5-10^6 kept records cannot afford; here a record costs its signature plus one uint64 per band.
    """

    def __init__(self, num_perm: int, bands: int, rows: int):
        self.bands, self.rows, self.n = bands, rows, 0
        self.sigs = np.zeros((64, num_perm), dtype=np.uint32)
        self.keys = np.zeros((64, bands), dtype=np.uint64)
        # One odd multiplier per position in a band: equal bands give equal keys; a rare unequal pair that
        # collides only adds a candidate, which the exact agreement then judges.
        self._mult = np.random.default_rng(0).integers(1, 2**63, size=rows, dtype=np.uint64) * 2 + 1

    def band_keys(self, sig: np.ndarray) -> np.ndarray:
        bands = sig[:self.bands * self.rows].astype(np.uint64).reshape(self.bands, self.rows)
        return (bands * self._mult).sum(axis=1, dtype=np.uint64)  # wraps modulo 2**64

    def best(self, sig: np.ndarray) -> tuple[float, int | None]:
        """(agreement, row) of the closest record sharing a band with ``sig``; (0.0, None) without one."""
        rows = np.flatnonzero((self.keys[:self.n] == self.band_keys(sig)).any(axis=1))
        if not len(rows):
            return 0.0, None
        agree = (self.sigs[rows] == sig).mean(axis=1)
        top = int(np.argmax(agree))
        return float(agree[top]), int(rows[top])

    def add(self, sig: np.ndarray) -> None:
        if self.n == len(self.sigs):  # capacity doubles: amortised O(1) appends
            self.sigs = np.concatenate([self.sigs, np.zeros_like(self.sigs)])
            self.keys = np.concatenate([self.keys, np.zeros_like(self.keys)])
        self.sigs[self.n] = sig
        self.keys[self.n] = self.band_keys(sig)
        self.n += 1


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
        self._seed_sigs = np.zeros((0, self.num_perm), dtype=np.uint32)
        self._seed_parts: list[np.ndarray] = []  # signatures of the shards fitted since the last fit_done
        self._synth = SignatureIndex(self.num_perm, self._seed_lsh.b, self._seed_lsh.r)

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
                sig = m.hashvalues.astype(np.uint32)
                jac, key = self._synth.best(sig)
                if key is not None and jac >= self.threshold:
                    out.append(Drop("minhash_synthetic_duplicate", jac, {"threshold": self.threshold}))
                    continue
                self._synth.add(sig)
            out.append(None)
        return out

    def thresholds(self) -> dict[str, Any]:
        return {"minhash_threshold": self.threshold, "minhash_num_perm": self.num_perm, "shingles": "word set"}
