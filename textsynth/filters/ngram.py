"""Word n-gram overlap with the seeds: the fast, exact part of the memorisation gate.

The seeds are indexed by ``core.ngrams.NgramIndex`` (the index the privacy report's memorisation rate uses).
A candidate is rejected when
- its whole normalised text equals a seed's (``ngram_exact_copy``),
- it contains any seed word n-gram of length >= ``ngram_max_len`` (``ngram_long_match``); seeds shorter than
  that but at least ``MIN_CONTAINED_WORDS`` long count when contained whole (an embedded short seed),
- more than ``ngram_share_max`` of its ``ngram_share_n``-grams occur in the seeds (``ngram_share``).
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..config import FilterConfig
from ..core.ngrams import MIN_CONTAINED_WORDS, NgramIndex
from ..core.text import words
from ..records import Record
from .base import Drop, Filter


class NgramFilter(Filter):
    """Rejects candidates that copy seed text: exact copies, long shared word n-grams, high n-gram share."""

    name = "ngram"
    score_name = "share of word n-grams found in seeds"

    def __init__(self, config: FilterConfig, **context: Any):
        super().__init__(config)
        self.index = NgramIndex(config.ngram_max_len, config.ngram_share_n)
        self._accepted: set[int] = set()

    def fit_shard(self, seeds: Sequence[Record]) -> None:
        self.index.add([s.content() for s in seeds])

    def fit_done(self) -> None:
        self.index.finish()

    def save_index(self, directory: Path) -> bool:
        self.index.save(directory)
        return True

    def load_index(self, directory: Path) -> bool:
        self.index = NgramIndex.load(directory)
        return True

    def check(self, record: Record) -> Drop | None:
        return self.check_batch([record])[0]

    def check_batch(self, records: Sequence[Record]) -> list[Drop | None]:
        q = self.index.query([r.content() for r in records])
        out: list[Drop | None] = []
        n, share_max = self.config.ngram_max_len, self.config.ngram_share_max
        for i in range(len(records)):
            share = float(q["share"][i])
            self.observe(share)
            if q["exact"][i]:
                out.append(Drop("ngram_exact_copy", 1.0))
            elif q["long_hits"][i] or q["contained"][i]:
                out.append(Drop("ngram_long_match", float(q["long_hits"][i]),
                                {"matching_ngrams": int(q["long_hits"][i]), "n": n,
                                 "short_seed_contained": bool(q["contained"][i])}))
            elif share > share_max:
                out.append(Drop("ngram_share", share, {"n": self.config.ngram_share_n}))
            else:
                out.append(None)
        return out

    def check_accepted(self, records: Sequence[Record]) -> list[Drop | None]:
        """Exact duplicates (after normalisation) of synthetic records accepted earlier, across rounds."""
        out: list[Drop | None] = []
        for r in records:
            # Python's hash of the normalised words: words unseen in the seeds must stay distinct here.
            h = hash(" ".join(words(r.content())))
            if h in self._accepted:
                out.append(Drop("ngram_synthetic_duplicate", 1.0))
            else:
                self._accepted.add(h)
                out.append(None)
        return out

    def thresholds(self) -> dict[str, Any]:
        return {"ngram_max_len": self.config.ngram_max_len, "ngram_share_n": self.config.ngram_share_n,
                "ngram_share_max": self.config.ngram_share_max, "min_contained_words": MIN_CONTAINED_WORDS}
