"""Word n-gram index of a corpus: the one definition of "copies a seed" the gate and the privacy metric share.

Texts are tokenised with ``core.text.words`` (lowercase, punctuation stripped). Each distinct indexed word gets
a random 64-bit code; an n-gram's hash is a polynomial over those codes (wrapping uint64 arithmetic), computed
for a whole batch of documents at once with numpy. The index is a few sorted int arrays, so memory is
proportional to the indexed corpus, and a lookup is a vectorised binary search.

A text copies the indexed corpus (``NgramIndex.copies``) when its whole normalised text equals an indexed
text's, when it contains a word n-gram of length ``long_n`` found there, or when it contains whole an indexed
text of ``min_contained`` to ``long_n - 1`` words.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import chain, repeat
from pathlib import Path

import numpy as np

from .text import words

_P = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of the polynomial hash
_UNSEEN = 0  # token id of words no seed contains: n-grams holding one can never match a seed

MIN_CONTAINED_WORDS = 5  # shorter seeds only match as exact copies (embedding "a must see" is not memorisation)


class NgramIndex:
    """Hashed word n-grams of a corpus, for batch membership queries."""

    def __init__(self, long_n: int = 8, share_n: int = 4, min_contained: int = MIN_CONTAINED_WORDS, seed: int = 0):
        if share_n < 1 or long_n < 1:
            raise ValueError("n-gram lengths must be >= 1")
        self.long_n, self.share_n, self.min_contained = long_n, share_n, min_contained
        self.vocab: dict[str, int] = {}
        self._seed = seed
        self.codes = np.zeros(1, dtype=np.uint64)
        self.long = np.zeros(0, dtype=np.uint64)
        self.share = np.zeros(0, dtype=np.uint64)
        self.whole = np.zeros(0, dtype=np.uint64)  # full-text hashes (exact copies)
        self.short_lengths: list[int] = []  # lengths of seeds in [min_contained, long_n) contained whole
        self.short = np.zeros(0, dtype=np.uint64)
        self._parts: dict[str, list[np.ndarray]] | None = None  # shards added since the last ``finish``

    # -- building -------------------------------------------------------------------------------------------
    def build(self, texts: Sequence[str]) -> "NgramIndex":
        """Index ``texts`` in one go (``add`` then ``finish``)."""
        return self.add(texts).finish()

    def add(self, texts: Sequence[str]) -> "NgramIndex":
        """Index one shard of a stream of texts; call ``finish`` after the last one.

        Word codes are a fixed function of a word's id (ids in order of first appearance), so shards can be
        added one after another and the result equals one ``build`` over all of them.
        """
        docs = [words(t) for t in texts]
        vocab = self.vocab
        for toks in docs:
            for t in toks:
                if t not in vocab:
                    vocab[t] = len(vocab) + 1
        self.codes = word_codes(len(vocab) + 1, self._seed)
        ids, lengths = self._encode(docs)
        if self._parts is None:
            self._parts = {name: [] for name in self.ARRAYS}
        parts = self._parts
        parts["long"].append(_unique(self.ngram_hashes(ids, lengths, self.long_n)[0]))
        parts["share"].append(_unique(self.ngram_hashes(ids, lengths, self.share_n)[0]))
        parts["whole"].append(_unique(self.whole_hashes(ids, lengths)))
        is_short = (lengths >= self.min_contained) & (lengths < self.long_n)
        self.short_lengths = sorted(set(self.short_lengths) | set(lengths[is_short].tolist()))
        # A short seed contained whole: its L-gram hash equals its whole-text hash without the length mix-in.
        parts["short"].append(_unique(self.whole_hashes(ids, lengths, mix_length=False)[is_short]))
        return self

    def finish(self) -> "NgramIndex":
        """Merge the shards added so far into the sorted arrays queries search."""
        if self._parts:
            for name, arrays in self._parts.items():
                setattr(self, name, _unique(np.concatenate([getattr(self, name), *arrays])))
            self._parts = None
        return self

    # -- persistence (numpy arrays and a JSON word list; no pickle) ------------------------------------------
    ARRAYS = ("long", "share", "whole", "short")

    def save(self, directory: str | Path) -> None:
        """Write the index to ``directory``: one .npy per hash array, the parameters and word list as JSON."""
        from ..io import write_json

        self.finish()
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        for name in self.ARRAYS:
            np.save(d / f"{name}.npy", getattr(self, name), allow_pickle=False)
        words_by_id = sorted(self.vocab, key=self.vocab.__getitem__)
        write_json(d / "ngram.json", {"long_n": self.long_n, "share_n": self.share_n,
                                      "min_contained": self.min_contained, "seed": self._seed,
                                      "short_lengths": self.short_lengths, "words": words_by_id}, indent=None)

    @classmethod
    def load(cls, directory: str | Path) -> "NgramIndex":
        """Read an index written by ``save``."""
        d = Path(directory)
        meta = json.loads((d / "ngram.json").read_text(encoding="utf-8"))
        idx = cls(meta["long_n"], meta["share_n"], meta["min_contained"], meta["seed"])
        idx.vocab = {w: i + 1 for i, w in enumerate(meta["words"])}
        idx.codes = word_codes(len(idx.vocab) + 1, idx._seed)
        idx.short_lengths = [int(n) for n in meta["short_lengths"]]
        for name in cls.ARRAYS:
            setattr(idx, name, np.load(d / f"{name}.npy", allow_pickle=False))
        return idx

    def _encode(self, docs: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
        flat = chain.from_iterable(docs)
        ids = np.fromiter(map(self.vocab.get, flat, repeat(_UNSEEN)), dtype=np.int64, count=int(lengths.sum()))
        return ids, lengths

    def encode(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Token ids of all texts concatenated, and each text's length in words."""
        return self._encode([words(t) for t in texts])

    # -- hashing --------------------------------------------------------------------------------------------
    def ngram_hashes(self, ids: np.ndarray, lengths: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Hashes of every word n-gram inside each document, and the index of the document each belongs to."""
        return _ngrams(self.codes[ids], np.repeat(np.arange(lengths.size), lengths), n)

    def whole_hashes(self, ids: np.ndarray, lengths: np.ndarray, mix_length: bool = True) -> np.ndarray:
        """One hash per document over all its words (the same polynomial as ``ngram_hashes``).

        With ``mix_length`` the length is folded in last, so a whole-text hash never equals an n-gram hash.
        """
        return _whole(self.codes[ids], lengths, mix_length)

    # -- queries --------------------------------------------------------------------------------------------
    def query(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Per text: exact copy flag, number of seed n-grams of the long length, whether a short seed is
        contained whole, and the share of its share-length n-grams found in the seeds."""
        ids, lengths = self.encode(texts)
        return self.query_ids(ids, lengths)

    def copies(self, texts: Sequence[str]) -> np.ndarray:
        """Per text: does it copy the indexed corpus (exact copy, a shared long n-gram or a short text whole)?

        The gate rejects exactly these as ``ngram_exact_copy`` / ``ngram_long_match``; the privacy report's
        memorisation rate counts them, so the two cannot disagree about the same text.
        """
        q = self.query(texts)
        return q["exact"] | (q["long_hits"] > 0) | q["contained"]

    def query_ids(self, ids: np.ndarray, lengths: np.ndarray) -> dict[str, np.ndarray]:
        """``query`` on texts already encoded by ``encode``."""
        d = lengths.size
        v = self.codes[ids]
        doc = np.repeat(np.arange(d), lengths)
        exact = _member(_whole(v, lengths, True), self.whole) & (lengths > 0)
        h, hdoc = _ngrams(v, doc, self.long_n)
        long_hits = np.bincount(hdoc[_member(h, self.long)], minlength=d)
        contained = np.zeros(d, dtype=bool)
        for L in self.short_lengths:
            hs, ds = _ngrams(v, doc, L)
            contained[ds[_member(hs, self.short)]] = True
        h, hdoc = _ngrams(v, doc, self.share_n)
        found = np.bincount(hdoc[_member(h, self.share)], minlength=d)
        total = np.bincount(hdoc, minlength=d)
        share = np.divide(found, total, out=np.zeros(d), where=total > 0)
        return {"exact": exact, "long_hits": long_hits, "contained": contained, "share": share}


def word_codes(n: int, seed: int = 0) -> np.ndarray:
    """Odd 64-bit codes for word ids 0..n-1 (splitmix64 of seed + id); id 0 (``_UNSEEN``) gets a fixed code."""
    with np.errstate(over="ignore"):
        z = np.arange(n, dtype=np.uint64) + np.uint64(seed) * np.uint64(0x9E3779B97F4A7C15)
        z = z * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    codes = z | np.uint64(1)
    if n:
        codes[_UNSEEN] = np.uint64(0x5BD1E9955BD1E995)
    return codes


def _ngrams(v: np.ndarray, doc: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Polynomial hashes of all length-n windows of the word codes ``v`` that stay inside one document."""
    m = v.size
    if m < n:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    k = m - n + 1
    h = v[:k].copy()
    for j in range(1, n):
        h *= _P
        h += v[j:j + k]
    valid = doc[:k] == doc[n - 1:]
    return h[valid], doc[:k][valid]


def _whole(v: np.ndarray, lengths: np.ndarray, mix_length: bool) -> np.ndarray:
    """sum_i v[i] * P^(len-1-i) per document (uint64, wrapping), optionally followed by the length."""
    d = lengths.size
    h = np.zeros(d, dtype=np.uint64)
    if v.size:
        maxlen = int(lengths.max())
        powers = np.ones(maxlen, dtype=np.uint64)
        powers[1:] = np.cumprod(np.full(maxlen - 1, _P, dtype=np.uint64))  # array ops wrap silently
        starts = np.cumsum(lengths) - lengths
        doc = np.repeat(np.arange(d), lengths)
        pos = np.arange(v.size) - starts[doc]
        terms = v * powers[lengths[doc] - 1 - pos]
        nonempty = lengths > 0
        h[nonempty] = np.add.reduceat(terms, starts[nonempty])
    if mix_length:
        h = h * _P + lengths.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
    return h


def _unique(a: np.ndarray) -> np.ndarray:
    return np.unique(a)


def _member(h: np.ndarray, sorted_arr: np.ndarray) -> np.ndarray:
    if sorted_arr.size == 0 or h.size == 0:
        return np.zeros(h.size, dtype=bool)
    # Sorted needles make the binary searches walk the index in order: ~5x fewer cache misses.
    order = np.argsort(h)
    needles = h[order]
    idx = np.searchsorted(sorted_arr, needles)
    idx[idx == sorted_arr.size] = 0
    out = np.empty(h.size, dtype=bool)
    out[order] = sorted_arr[idx] == needles
    return out
