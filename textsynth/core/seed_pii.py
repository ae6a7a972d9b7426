"""The seed PII lookup every later stage asks: where in a text does a PII value of the seeds occur?

The scrub stage builds the concrete index (``scrubbing.seed_index.SeedPiiIndex``: keyed hashes, its
normalisation is the scrubber's); the filters, the gate, the engines and the evaluation depend only on this
protocol, so no stage imports the scrub stage's internals to type or use it.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class SeedPiiLookup(Protocol):
    """Spans of ``text`` whose normalised value is one of the seeds' PII values (no value is ever returned)."""

    def find(self, text: str) -> list[tuple[int, int]]:
        """(start, end) character spans, in order."""
        ...
