"""Embedding nearest neighbour: rejects candidates too close to a seed in all-MiniLM-L6-v2 space.

Seed embeddings are L2-normalised and held in a faiss flat inner-product index (exact search), so the inner
product is the cosine similarity. Kept records get ``meta["dcr"]``: distance to the closest seed, 1 - cosine.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..config import FilterConfig
from ..errors import MissingDependencyError
from ..records import Record
from .base import Drop, EmbeddingUser, Filter

Embed = Callable[[Sequence[str]], np.ndarray]


class FlatIndex:
    """Exact cosine search over normalised vectors: faiss IndexFlatIP, or numpy when faiss is missing.

    ``use_faiss``: None uses faiss when installed (the optional ``faiss`` extra) and numpy otherwise; True
    demands faiss; False always uses numpy. Both are exact, so the results agree.
    """

    def __init__(self, vectors: np.ndarray, use_faiss: bool | None = None):
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self._faiss = None
        if use_faiss is not False:
            try:
                import faiss
            except ImportError:
                if use_faiss:
                    raise MissingDependencyError("faiss-cpu", extra="faiss") from None
                return
            self._faiss = faiss.IndexFlatIP(self.vectors.shape[1])
            self._faiss.add(self.vectors)

    def search(self, queries: np.ndarray, k: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """(similarities, indices), each (n_queries, k), best first."""
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if len(self.vectors) == 0:
            return np.full((len(queries), k), -np.inf, np.float32), np.full((len(queries), k), -1, np.int64)
        if self._faiss is not None:
            return self._faiss.search(queries, k)
        return brute_force_search(self.vectors, queries, k)


def brute_force_search(vectors: np.ndarray, queries: np.ndarray, k: int = 1, block: int = 4096) -> tuple[np.ndarray, np.ndarray]:
    """Reference exact search with plain numpy matrix products (used to check faiss)."""
    sims_out = np.empty((len(queries), k), np.float32)
    idx_out = np.empty((len(queries), k), np.int64)
    for s in range(0, len(queries), block):
        sims = queries[s:s + block] @ vectors.T
        top = np.argpartition(-sims, kth=min(k, sims.shape[1]) - 1, axis=1)[:, :k]
        top_sims = np.take_along_axis(sims, top, axis=1)
        order = np.argsort(-top_sims, axis=1, kind="stable")
        idx_out[s:s + block] = np.take_along_axis(top, order, axis=1)
        sims_out[s:s + block] = np.take_along_axis(top_sims, order, axis=1)
    return sims_out, idx_out


class NeighboursFilter(EmbeddingUser, Filter):
    name = "neighbours"
    score_name = "cosine similarity to the closest seed"

    def __init__(self, config: FilterConfig, embed: Embed | None = None, **context: Any):
        super().__init__(config)
        self._embed = embed
        self.index: FlatIndex | None = None
        self._parts: list[np.ndarray] = []  # embeddings of the shards fitted since the last fit_done

    def fit_shard(self, seeds: Sequence[Record]) -> None:
        self._parts.append(self.embed([s.content() for s in seeds]))

    def fit_done(self) -> None:
        parts = [p for p in self._parts if len(p)]
        self._parts = []
        if self.index is not None and len(self.index.vectors):
            parts.insert(0, self.index.vectors)
        self.index = FlatIndex(np.concatenate(parts) if parts else self.embed([]))

    def index_identity(self) -> dict[str, Any]:
        return {"embedder": self.embedder_identity()}

    def save_index(self, directory: Path) -> bool:
        """The normalised seed embeddings (.npy); the faiss index is rebuilt from them on load."""
        assert self.index is not None, "fit() first"
        np.save(directory / "embeddings.npy", self.index.vectors, allow_pickle=False)
        return True

    def load_index(self, directory: Path) -> bool:
        self.index = FlatIndex(np.load(directory / "embeddings.npy", allow_pickle=False))
        return True

    def check(self, record: Record) -> Drop | None:
        return self.check_batch([record])[0]

    def check_batch(self, records: Sequence[Record]) -> list[Drop | None]:
        assert self.index is not None, "fit() first"
        if not records:
            return []
        sims, idx = self.index.search(self.embed([r.content() for r in records]), 1)
        out: list[Drop | None] = []
        limit = self.config.neighbours_max_cosine
        for rec, sim in zip(records, sims[:, 0].tolist()):
            if not np.isfinite(sim):  # no seeds
                out.append(None)
                continue
            self.observe(sim)
            if sim > limit:
                out.append(Drop("neighbour_too_close", sim, {"max_cosine": limit}))
            else:
                rec.meta["dcr"] = round(1.0 - sim, 6)
                out.append(None)
        return out

    def thresholds(self) -> dict[str, Any]:
        return {"neighbours_max_cosine": self.config.neighbours_max_cosine, "model": "all-MiniLM-L6-v2"}
