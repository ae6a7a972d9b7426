"""Leftover PII in outputs: re-scanned with the public scrub function; seed PII values are always fatal.

A record that reproduces any PII value found in the raw seeds (checked against the scrub stage's salted
hashes, ``SeedPiiIndex.find``) is rejected whatever ``pii_action`` says. Other detected PII either rejects
the record (``pii_action="reject"``) or is replaced by the scrub operators (``"rescrub"``).
"""
from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from ..config import FilterConfig, ScrubConfig
from ..records import Record
from .base import Drop, Filter


SEED_PII_MASK = "<SEED_PII>"


class PiiFilter(Filter):
    name = "pii"
    score_name = "PII spans found"

    def __init__(self, config: FilterConfig, seed_pii: Any = None, scrub_config: ScrubConfig | None = None,
                 scrub_fn: Any = None, **context: Any):
        super().__init__(config)
        self.seed_pii = seed_pii
        self.scrub_config = scrub_config or ScrubConfig()
        self._scrub = scrub_fn
        self.n_rescrubbed = 0

    def scrub(self, records: list[Record]):
        if self._scrub is None:
            from ..scrubbing.engine import scrub

            self._scrub = scrub
        return self._scrub(records, self.scrub_config)

    def _seed_hits(self, record: Record) -> int:
        if self.seed_pii is None:
            return 0
        return len(self.seed_pii.find(record.content()))

    def check(self, record: Record) -> Drop | None:
        return self.check_batch([record])[0]

    def check_batch(self, records: Sequence[Record]) -> list[Drop | None]:
        out: list[Drop | None] = [None] * len(records)
        to_scan: list[int] = []
        for i, rec in enumerate(records):
            hits = self._seed_hits(rec)
            if hits:
                self.observe(float(hits))
                out[i] = Drop("pii_seed_value", float(hits), {"always_rejected": True}, shown=self._masked(rec))
            else:
                to_scan.append(i)
        if not to_scan:
            return out
        # Scan copies under positional ids so results map back even when candidate ids repeat.
        probes = [Record(id=str(k), text=records[i].text, messages=copy.deepcopy(records[i].messages),
                         label=records[i].label) for k, i in enumerate(to_scan)]
        result = self.scrub(probes)
        scrubbed = {r.id: r for r in result.records}
        for k, i in enumerate(to_scan):
            rec, clean = records[i], scrubbed.get(str(k))
            if clean is None:
                self.observe(float("nan"))
                out[i] = Drop("pii_scan_failed", None)
                continue
            n_spans = _n_entities(clean, rec)
            self.observe(float(n_spans))
            if not n_spans:
                continue
            if self.config.pii_action == "rescrub":
                rec.text, rec.messages = clean.text, clean.messages
                rec.meta["pii_rescrubbed"] = n_spans
                self.n_rescrubbed += 1
                if self._seed_hits(rec):  # a replacement value must not be a seed's value either
                    out[i] = Drop("pii_seed_value", 1.0, {"always_rejected": True, "after_rescrub": True},
                                  shown=self._masked(rec))
            else:
                shown = Record(id=rec.id, text=clean.text, messages=clean.messages, label=rec.label, meta=rec.meta)
                out[i] = Drop("pii_detected", float(n_spans), {"pii_action": "reject"}, shown=shown)
        return out

    def _masked(self, record: Record) -> Record:
        """The record with every seed PII value replaced by <SEED_PII>, for the rejects file."""
        def mask(text: str) -> str:
            out, last = [], 0
            for start, end in self.seed_pii.find(text):
                if start >= last:
                    out += [text[last:start], SEED_PII_MASK]
                    last = end
                elif end > last:
                    last = end  # overlaps the span just masked
            return "".join(out) + text[last:]

        messages = None if record.messages is None else [{**m, "content": mask(m["content"])} for m in record.messages]
        return Record(id=record.id, text=None if record.text is None else mask(record.text), messages=messages,
                      label=record.label, meta=record.meta)

    def thresholds(self) -> dict[str, Any]:
        return {"pii_action": self.config.pii_action, "entities": list(self.scrub_config.entities),
                "score_threshold": self.scrub_config.score_threshold, "seed_pii_check": self.seed_pii is not None,
                "rescrubbed": self.n_rescrubbed}


def _n_entities(clean: Record, original: Record) -> int:
    """How many PII spans the scrub found: from its per-record annotation if present, else 1 if text changed."""
    for key in ("pii", "scrub", "entities"):
        info = clean.meta.get(key)
        if isinstance(info, dict):
            counts = info.get("entities", info)
            if isinstance(counts, dict) and all(isinstance(v, int) for v in counts.values()):
                return int(sum(counts.values()))
        if isinstance(info, int):
            return info
    return int(clean.content() != original.content())
