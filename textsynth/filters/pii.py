"""PII in outputs: re-scanned with the public scrub function; seed PII values are always fatal.

Three kinds of PII, three treatments:

- **Seed PII values** (a value the scrub stage found in the raw seeds, checked against its salted hashes with
  ``SeedPiiIndex.find``): the record is rejected whatever ``pii_action`` says, and the rejects file shows it
  with those values masked as ``<SEED_PII>``.
- **Direct identifiers** (``FilterConfig.pii_entities``: names, social handles, emails, phones, cards, IBANs,
  SSNs, driving licences, IPs, street addresses): ``pii_action="fake"`` (the default) replaces them with
  consistent fakes (one salt per run, so a value gets the same fake in every batch and in the rejects
  file); ``"rescrub"`` replaces them with the scrub stage's own strategy (tags, hashes, ...); ``"reject"``
  rejects the record. A lone first name counts as a name: replacing it costs nothing, and the filter cannot
  tell a first name from a surname or a handle.
- **Quasi-identifiers** (dates and times, places, URLs, organisations) are left alone: "tonight" or "Paris"
  identifies nobody, and rejecting them threw away most ordinary short texts. A URL a seed contained is
  still rejected (the seed index holds URLs); dates and places are not remembered from the seeds at all.

``OutputScrubber`` is the filter stage's one door to ``scrub``: the PII filter uses it for candidates and the
runner for every rejected record, so nothing reaches a rejects file unscrubbed.
"""
from __future__ import annotations

import copy
import dataclasses
import secrets
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..config import FilterConfig, ScrubConfig
from ..core.seed_pii import SeedPiiLookup
from ..records import Record, Rejection
from .base import Drop, Filter

SEED_PII_MASK = "<SEED_PII>"
WITHHELD = "<WITHHELD: PII scan failed>"


class OutputScrubber:
    """Scrubs model outputs with the gate's entity set and one salt for the whole run; masks seed PII values."""

    def __init__(self, config: FilterConfig = FilterConfig(), seed_pii: SeedPiiLookup | None = None,
                 scrub_config: ScrubConfig | None = None, scrub_fn: Any = None):
        base = scrub_config or ScrubConfig()
        strategy = base.strategy if config.pii_action == "rescrub" else "fake"
        self.config = dataclasses.replace(base, entities=tuple(config.pii_entities), strategy=strategy,
                                          salt=base.salt or secrets.token_hex(16))
        self.seed_pii = seed_pii
        self._scrub = scrub_fn

    def scan(self, records: Sequence[Record]) -> list[tuple[Record | None, Counter]]:
        """Scrubbed copies of ``records`` (None where the scan failed) with the PII spans found per type."""
        if not records:
            return []
        if self._scrub is None:
            from ..scrubbing.scrub import scrub

            self._scrub = scrub
        # Scan copies under positional ids so results map back even when record ids repeat; blank texts
        # (an empty model output) hold nothing to scan and would only be refused by the scrub.
        probes = [Record(id=str(k), text=r.text, messages=copy.deepcopy(r.messages), label=r.label)
                  for k, r in enumerate(records) if r.content().strip()]
        scrubbed = {r.id: r for r in self._scrub(probes, self.config).records} if probes else {}
        out = []
        for k, rec in enumerate(records):
            if not rec.content().strip():
                out.append((rec, Counter()))
                continue
            clean = scrubbed.get(str(k))
            out.append((clean, Counter() if clean is None else entity_counts(clean, rec)))
        return out

    def warm_up(self) -> None:
        """Load what the first scan needs (the analyzer) ahead of time; scans a fixed PII-free text."""
        self.scan([Record(id="warm-up", text="A warm-up sentence.")])

    def seed_hits(self, text: str) -> list[tuple[int, int]]:
        return [] if self.seed_pii is None else list(self.seed_pii.find(text))

    def mask_seed_values(self, record: Record) -> Record:
        """The record with every seed PII value replaced by ``<SEED_PII>``."""
        messages = None if record.messages is None else \
            [{**m, "content": self._mask(m.get("content", ""))} for m in record.messages]
        return Record(id=record.id, text=None if record.text is None else self._mask(record.text),
                      messages=messages, label=record.label, meta=record.meta)

    def _mask(self, text: str) -> str:
        out, last = [], 0
        for start, end in sorted(self.seed_hits(text)):
            if start >= last:
                out += [text[last:start], SEED_PII_MASK]
                last = end
            elif end > last:
                last = end  # overlaps the span just masked
        return "".join(out) + text[last:]

    def redact(self, records: Sequence[Record]) -> list[Record]:
        """Records fit for a rejects file: seed PII values masked, then direct identifiers scrubbed.

        A record whose scan failed keeps no content at all.
        """
        masked = [self.mask_seed_values(r) for r in records]
        out = []
        for rec, (clean, _) in zip(masked, self.scan(masked)):
            clean = clean or withheld(rec)
            out.append(Record(id=rec.id, text=clean.text, messages=clean.messages, label=rec.label, meta=rec.meta))
        return out

    def redact_rejections(self, rejections: Sequence[Rejection]) -> list[Rejection]:
        """Rejections with their record and raw model output (``detail["raw"]``) redacted, in one scan."""
        jobs: list[tuple[int, str]] = []  # (rejection index, "record" | "raw")
        probes: list[Record] = []
        for i, rej in enumerate(rejections):
            if rej.record is not None and ("text" in rej.record or "messages" in rej.record):
                jobs.append((i, "record"))
                probes.append(Record.from_dict(rej.record))
            if isinstance(rej.detail.get("raw"), str):
                jobs.append((i, "raw"))
                probes.append(Record(id=str(rej.record_id), text=rej.detail["raw"]))
        out = list(rejections)
        for (i, part), clean in zip(jobs, self.redact(probes)):
            if part == "record":
                out[i] = dataclasses.replace(out[i], record=clean.to_dict())
            else:
                out[i] = dataclasses.replace(out[i], detail={**out[i].detail, "raw": clean.text})
        return out


def withheld(record: Record) -> Record:
    """The record with its content replaced by a marker (for a text that could not be scanned)."""
    return Record(id=record.id, text=None if record.messages is not None else WITHHELD,
                  messages=None if record.messages is None else [{"role": "system", "content": WITHHELD}],
                  label=record.label, meta=record.meta)


def entity_counts(clean: Record, original: Record) -> Counter:
    """PII spans per type, from the scrub's per-record annotation; ``{"PII": 1}`` if unannotated but changed."""
    info = clean.meta.get("pii")
    if isinstance(info, dict) and isinstance(info.get("entities"), dict):
        return Counter({k: int(v) for k, v in info["entities"].items() if int(v)})
    return Counter({"PII": 1}) if clean.content() != original.content() else Counter()


class PiiFilter(Filter):
    name = "pii"
    score_name = "PII spans found"
    cleans = True  # records it passes carry no direct identifier and no seed PII value

    def __init__(self, config: FilterConfig, seed_pii: SeedPiiLookup | None = None,
                 scrub_config: ScrubConfig | None = None,
                 scrub_fn: Any = None, output_scrubber: OutputScrubber | None = None, **context: Any):
        super().__init__(config)
        self.scrubber = output_scrubber or OutputScrubber(config, seed_pii, scrub_config, scrub_fn)
        self.seed_pii = seed_pii
        # Spans per entity type: found = replaced + in_rejected (records rejected for their PII).
        self.found: Counter[str] = Counter()
        self.replaced: Counter[str] = Counter()
        self.in_rejected: Counter[str] = Counter()
        self.seed_value_spans = 0
        self.n_replaced_records = 0

    def check(self, record: Record) -> Drop | None:
        return self.check_batch([record])[0]

    def check_batch(self, records: Sequence[Record]) -> list[Drop | None]:
        out: list[Drop | None] = [None] * len(records)
        to_scan: list[int] = []
        seed_rejects: list[int] = []
        for i, rec in enumerate(records):
            hits = self.scrubber.seed_hits(rec.content())
            if hits:
                self.observe(float(len(hits)))
                self.seed_value_spans += len(hits)
                seed_rejects.append(i)
            else:
                to_scan.append(i)
        # What the rejects file keeps of a seed-PII reject: seed values masked, other identifiers scrubbed.
        for i, shown in zip(seed_rejects, self.scrubber.redact([records[i] for i in seed_rejects])):
            out[i] = Drop("pii_seed_value", float(len(self.scrubber.seed_hits(records[i].content()))),
                          {"always_rejected": True}, shown=shown)
        for i, (clean, counts) in zip(to_scan, self.scrubber.scan([records[i] for i in to_scan])):
            rec = records[i]
            if clean is None:
                self.observe(float("nan"))
                out[i] = Drop("pii_scan_failed", None, shown=withheld(rec))
                continue
            n_spans = sum(counts.values())
            self.observe(float(n_spans))
            self.found.update(counts)
            if not n_spans:
                continue
            if self.config.pii_action == "reject":
                self.in_rejected.update(counts)
                out[i] = Drop("pii_detected", float(n_spans), {"pii_action": "reject", "entities": dict(counts)},
                              shown=Record(id=rec.id, text=clean.text, messages=clean.messages, label=rec.label,
                                           meta=rec.meta))
                continue
            replaced = Record(id=rec.id, text=clean.text, messages=clean.messages, label=rec.label, meta=rec.meta)
            if self.scrubber.seed_hits(replaced.content()):  # a replacement must not be a seed's value either
                self.in_rejected.update(counts)
                out[i] = Drop("pii_seed_value", 1.0, {"always_rejected": True, "after_replacement": True},
                              shown=self.scrubber.mask_seed_values(replaced))
                continue
            rec.text, rec.messages = clean.text, clean.messages
            rec.meta["pii_replaced"] = dict(counts)
            self.replaced.update(counts)
            self.n_replaced_records += 1
        return out

    def thresholds(self) -> dict[str, Any]:
        return {"pii_action": self.config.pii_action, "entities": list(self.config.pii_entities),
                "score_threshold": self.scrubber.config.score_threshold, "seed_pii_check": self.seed_pii is not None}

    def counters(self) -> dict[str, Any]:
        return {"found": dict(self.found), "replaced": dict(self.replaced), "in_rejected": dict(self.in_rejected),
                "seed_value_spans": self.seed_value_spans, "records_replaced": self.n_replaced_records}

    def restore_counters(self, counters: dict[str, Any]) -> None:
        self.found = Counter(counters.get("found", {}))
        self.replaced = Counter(counters.get("replaced", {}))
        self.in_rejected = Counter(counters.get("in_rejected", {}))
        self.seed_value_spans = counters.get("seed_value_spans", 0)
        self.n_replaced_records = counters.get("records_replaced", 0)

    def report(self) -> dict[str, Any]:
        """Spans per entity type (found = replaced + in_rejected), seed values found, records changed."""
        types = sorted(self.found)
        return {"entities": {t: {"found": self.found[t], "replaced": self.replaced[t],
                                 "in_rejected": self.in_rejected[t]} for t in types},
                "seed_value_spans": self.seed_value_spans, "records_replaced": self.n_replaced_records}
