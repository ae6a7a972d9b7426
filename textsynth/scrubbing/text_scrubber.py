"""Scrubbing texts, in the parent or in worker processes: detect, replace with our operators (presidio-anonymizer
with the operators of ``operators.py``), count the replaced spans and hash the seed PII. Each worker process
builds the analyzer once (forked from the parent where possible); no state is shared: the fake and hash
operators are pure functions of the keyed hash (``textsynth.keys``) of a value."""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from typing import Any

from ..config import ScrubConfig
from ..keys import SecretKey
from .analyzer import detect, get_analyzer, withhold_presidio_logs
from .languages import parse_languages, profile
from .normalize import normalize_value
from .operators import build_anonymizer, operator_configs
from .seed_index import scrub_seed_index

log = logging.getLogger(__name__)

# Values of these types go into the seed PII index (dates and places are too common to reject outputs on).
SEED_PII_TYPES = frozenset({"PERSON", "EMAIL_ADDRESS", "STREET_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE",
                            "US_SSN", "US_DRIVER_LICENSE", "IP_ADDRESS", "URL", "NATIONAL_ID"})
SEED_PII_MAX_TOKENS = 64

OPERATOR_NAMES = {"replace": "tag", "fake": "fake", "typed_hash": "hash", "redact": "redact"}

@dataclass
class TextOutcome:
    """What scrubbing one text gives: the new text, (type, operator) per replaced span, seed PII hashes."""

    text: str | None
    spans: list[tuple[str, str]] = field(default_factory=list)
    seed_hashes: list[str] = field(default_factory=list)
    seed_tokens: list[int] = field(default_factory=list)  # token counts of the hashed values
    error: str | None = None


_TITLE_BEFORE = re.compile(r"(?<![^\W_])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Madam)\.?[ \t]+$", re.IGNORECASE)


class _TextScrubber:
    """Per-process state: the analyzer, the anonymizer and the operator configs for one run."""

    def __init__(self, config: ScrubConfig, salt: str, key: SecretKey):
        withhold_presidio_logs()
        self.config = config
        self.analyzer = get_analyzer(config)
        self.anonymizer = build_anonymizer()
        # fakes come from each language's Faker locale (English: en_US)
        self.operators_by_language = {
            code: operator_configs(config.strategy, list(config.entities), salt, config.seed, key=key,
                                   locale=None if code == "en" else profile(code).faker_locale)
            for code in parse_languages(config.language)}
        self.operators = next(iter(self.operators_by_language.values()))
        self.index = scrub_seed_index(salt, key=key)

    def scrub(self, texts: list[str], languages: list[str] | None = None) -> list[TextOutcome]:
        try:
            return self._scrub(texts, languages)
        except Exception:
            if len(texts) == 1:
                raise
        out = []  # isolate the failing text(s)
        for k, t in enumerate(texts):
            try:
                out.extend(self._scrub([t], None if languages is None else [languages[k]]))
            except Exception as exc:  # noqa: BLE001 - reported as a rejection, without the text
                log.warning("scrub failed on one text: %s", exc.__class__.__name__)
                out.append(TextOutcome(None, error=f"scrub failed ({exc.__class__.__name__})"))
        return out

    def _scrub(self, texts: list[str], languages: list[str] | None = None) -> list[TextOutcome]:
        out = []
        langs = languages or [None] * len(texts)
        for text, lang, results in zip(texts, langs, detect(texts, self.config, self.analyzer, languages)):
            operators = self.operators_by_language.get(lang, self.operators)
            if not results:
                out.append(TextOutcome(text))
                continue
            hashes: list[str] = []
            n_tokens: list[int] = []
            for r in results:
                if r.entity_type in SEED_PII_TYPES:
                    h, n = self.index.entries_for(normalize_value(text[r.start:r.end]), r.entity_type)
                    if h and n <= SEED_PII_MAX_TOKENS:
                        hashes += h
                        n_tokens.append(n)
            new_text, spans = self._anonymize(text, results, operators)
            out.append(TextOutcome(new_text, spans, hashes, n_tokens))
        return out

    def _title_start(self, text: str, r: Any, floor: int) -> int:
        """Where a PERSON span starts for the fake operator: at a title right before it ("Mr. Brown"), so the
        fake is of the right kind (a surname after a title) and keeps the title; else the span's own start."""
        if self.config.strategy != "fake" or r.entity_type != "PERSON":
            return r.start
        m = _TITLE_BEFORE.search(text, max(floor, r.start - 12), r.start)
        return m.start() if m else r.start

    def _anonymize(self, text: str, results: list[Any], operators: dict[str, Any] | None = None,
                   group: int = 100) -> tuple[str, list[tuple[str, str]]]:
        """presidio's anonymizer over the (non-overlapping) spans; long documents go by groups of spans,
        since it rebuilds the whole text for every replacement. Operators see each value normalised (the
        same value with a non-breaking space or fullwidth digits gets the same replacement)."""
        from presidio_analyzer import RecognizerResult

        parts: list[str] = []
        spans: list[tuple[str, str]] = []
        pos = 0
        for g in range(0, len(results), group):
            chunk = results[g:g + group]
            start = self._title_start(text, chunk[0], pos)
            pieces: list[str] = []
            shifted = []
            at, length = start, 0
            for r in chunk:
                r_start = self._title_start(text, r, at)
                gap, value = text[at:r_start], normalize_value(text[r_start:r.end])
                pieces += [gap, value]
                length += len(gap)
                shifted.append(RecognizerResult(r.entity_type, length, length + len(value), r.score))
                length += len(value)
                at = r.end
            end = at
            res = self.anonymizer.anonymize(text="".join(pieces), analyzer_results=shifted,
                                            operators=operators or self.operators, merge_entities_with_spaces=False)
            parts += [text[pos:start], res.text]
            spans += [(item.entity_type, OPERATOR_NAMES.get(item.operator, item.operator)) for item in res.items]
            pos = end
        parts.append(text[pos:])
        return "".join(parts), spans


_WORKER: _TextScrubber | None = None


def _worker_init(config: ScrubConfig, salt: str, key: SecretKey) -> None:
    global _WORKER
    _WORKER = _TextScrubber(config, salt, key)


def _worker_scrub(job: tuple[list[str], list[str] | None]) -> list[TextOutcome]:
    assert _WORKER is not None
    return _WORKER.scrub(*job)


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
