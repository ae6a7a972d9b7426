"""``Scrubber``: the scrub stage's state for a run (analyzer, worker pool, counters, seed PII index), which
scrubs batches of records (documents or chats) and returns kept records and rejections, and its audit."""
from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..config import ScrubConfig
from ..keys import SecretKey, secret_key
from ..records import Record, Rejection
from .analyzer import get_analyzer
from .languages import detect_languages, parse_languages
from .operators import operator_configs
from .record_fields import (
    FieldPath,
    _field_strings,
    _raw_reject,
    _scrubbable_pieces,
    _scrubbed_reject,
    _validate,
    _with_fields,
)
from .seed_index import scrub_seed_index
from .text_scrubber import TextOutcome, _TextScrubber, _cpu_count, _worker_init, _worker_scrub

AUTO_PARALLEL_MIN_TEXTS = 1000  # n_process=0 (auto) uses worker processes from this many texts on

# --------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------




@dataclass
class _BatchPlan:
    """One batch's texts to scrub, where each came from, what came back, and the invalid records."""

    jobs: list[tuple[int, int | None]] = field(default_factory=list)  # (record index, message index or None)
    texts: list[str] = field(default_factory=list)
    field_jobs: list[tuple[int, FieldPath]] = field(default_factory=list)  # other input columns
    field_texts: list[str] = field(default_factory=list)
    field_withheld: dict[int, list[FieldPath]] = field(default_factory=dict)
    invalid: dict[int, tuple[str, str]] = field(default_factory=dict)  # record index -> (reason, field)
    per_record: dict[int, list[tuple[int | None, TextOutcome]]] = field(default_factory=dict)
    per_field: dict[int, dict[FieldPath, TextOutcome]] = field(default_factory=dict)


class Scrubber:
    """Scrubs batches of records with one salt, one audit and one seed PII index for the whole run.

    Hashes and fakes are keyed with ``key`` (default: ``keys.secret_key()``), which is never written anywhere.

    Use as a context manager (it may hold a pool of worker processes); ``scrub`` and ``scrub_file`` do.
    """

    def __init__(self, config: ScrubConfig = ScrubConfig(), key: SecretKey | None = None, check_entities: bool = True):
        """``check_entities=False`` skips building the analyzer to check the entity names: for a Scrubber that
        only merges the checkpoints of workers that checked them (``restore``)."""
        self.key = key if key is not None else secret_key()
        operator_configs(config.strategy, list(config.entities), "", 0, key=self.key)  # validates the strategy
        supported = set(get_analyzer(config).get_supported_entities(parse_languages(config.language)[0])) \
            if check_entities else set()
        unknown = [e for e in config.entities if e not in supported] if check_entities else []
        if unknown:
            from ..errors import ConfigError

            raise ConfigError(f"scrub.entities: unknown entity type {unknown[0]!r} "
                              f"(supported: {', '.join(sorted(supported))})")
        self.config = config
        self.languages = parse_languages(config.language)
        self.language_counts: Counter[str] = Counter()
        self.salt = config.salt if config.salt else secrets.token_hex(16)
        self.seed_pii = scrub_seed_index(self.salt, key=self.key)
        self.entity_counts: Counter[str] = Counter()
        self.operator_counts: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self.fields_withheld: Counter[str] = Counter()  # per input column: values that could not be scrubbed
        # Seed-PII hashes (and value lengths in tokens) first seen since the last checkpoint: only new ones, so a
        # long scrub without checkpoints (``scrub_file``) holds each distinct value once, not once per record.
        self._new_hashes: set[str] = set()
        self._new_lengths: set[int] = set()
        self._saved: dict[str, Any] = {}  # counters at the last checkpoint
        self._local: _TextScrubber | None = None
        self._pool: Any = None
        self._pool_size = 0

    # -- running texts --------------------------------------------------------------------------------

    def _n_workers(self, n_texts: int) -> int:
        n = self.config.n_process
        if n == 0:
            return _cpu_count() if n_texts >= AUTO_PARALLEL_MIN_TEXTS else 1
        if n < 0:
            return _cpu_count()
        return n if n_texts >= 2 else 1

    def _scrub_texts(self, texts: list[str], languages: list[str] | None = None) -> list[TextOutcome]:
        """Outcomes per text; a text repeated in the batch ("ok", "thanks" in chats) is scrubbed once
        (per language: the language decides the recognizers and the fakes' locale)."""
        keys = list(zip(texts, languages or [""] * len(texts)))
        unique = list(dict.fromkeys(keys))
        if len(unique) < len(keys):
            outcomes = self._scrub_unique([t for t, _ in unique], [lang for _, lang in unique] if languages else None)
            by_key = dict(zip(unique, outcomes))
            return [by_key[k] for k in keys]
        return self._scrub_unique(texts, languages)

    def _scrub_unique(self, texts: list[str], languages: list[str] | None = None) -> list[TextOutcome]:
        if not texts:
            return []
        n = self._n_workers(len(texts))
        if n <= 1 and self._pool is None:
            if self._local is None:
                self._local = _TextScrubber(self.config, self.salt, self.key)
            return self._local.scrub(texts, languages)
        pool = self._get_pool(max(n, 1))
        size = max(16, min(256, -(-len(texts) // (self._pool_size * 4))))
        chunks = [(texts[i:i + size], None if languages is None else languages[i:i + size])
                  for i in range(0, len(texts), size)]
        return [o for part in pool.imap(_worker_scrub, chunks) for o in part]

    def _record_languages(self, records: list[Record]) -> list[str] | None:
        """Each record's language when several are configured (None when only one is): detected on the
        record's text or messages together, so short chat turns ("ok", "merci") follow their conversation."""
        if len(self.languages) == 1:
            return None

        def sample(rec: Record) -> str:
            if isinstance(rec.messages, list):
                return " ".join(m.get("content") for m in rec.messages
                                if isinstance(m, dict) and isinstance(m.get("content"), str))[:2000]
            return rec.text[:2000] if isinstance(rec.text, str) else ""

        return detect_languages([sample(r) for r in records], self.languages)

    def _get_pool(self, n: int) -> Any:
        if self._pool is None:
            import multiprocessing as mp

            methods = mp.get_all_start_methods()
            ctx = mp.get_context("fork" if "fork" in methods else "spawn")
            if ctx.get_start_method() == "fork":
                get_analyzer(self.config)  # built once here; the workers inherit it
            self._pool = ctx.Pool(n, initializer=_worker_init, initargs=(self.config, self.salt, self.key))
            self._pool_size = n
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> "Scrubber":
        return self

    def __exit__(self, *exc: object) -> None:
        if exc and exc[0] is not None and self._pool is not None:
            self._pool.terminate()
            self._pool = None
        self.close()

    # -- records --------------------------------------------------------------------------------------

    def scrub_batch(self, records: Iterable[Record]) -> tuple[list[Record], list[Rejection]]:
        """Scrub a batch: (kept records in input order, rejections). Counts go into the run's audit.

        The other input columns (``meta["fields"]``) are scrubbed too (``_field_strings``): their PII is counted,
        replaced like the text's and enters the seed PII index.

        A rejection carries the record in its scrubbed form (texts that could not be scrubbed left out), or
        the raw record when ``config.rejects_raw`` asks for it.
        """
        records = list(records)
        record_langs = self._record_languages(records)
        plan = self._plan(records)
        self._run(plan, record_langs)
        kept: list[Record] = []
        rejected: list[Rejection] = []
        self.counts["records"] += len(records)
        for i, rec in enumerate(records):
            if i in plan.invalid:
                rejected.append(self._rejection(rec, plan.invalid[i], plan.per_record.get(i, [])))
            else:
                kept.append(self._kept_record(rec, i, plan, record_langs))
        self.counts["scrubbed"] += len(kept)
        self.counts["rejected"] += len(rejected)
        self.counts["texts"] += sum(1 for i, _ in plan.jobs if i not in plan.invalid)
        return kept, rejected

    def _plan(self, records: list[Record]) -> _BatchPlan:
        """The texts of a batch to scrub (texts, chat messages, other input columns) and the invalid records."""
        plan, max_len = _BatchPlan(), self._max_length()
        for i, rec in enumerate(records):
            problem = _validate(rec, max_len)
            if problem:
                plan.invalid[i] = problem
                if self.config.rejects_raw:
                    continue
            for k, text in _scrubbable_pieces(rec, max_len):
                plan.jobs.append((i, k))
                plan.texts.append(text)
            if problem is None and isinstance(rec.meta, dict):
                # The label's copy stays: the record keeps its label as it is anyway (rec.label).
                strings, plan.field_withheld[i] = _field_strings(rec.meta.get("fields"), max_len)
                for path, text in strings:
                    if not (len(path) == 1 and rec.label is not None and text == str(rec.label)):
                        plan.field_jobs.append((i, path))
                        plan.field_texts.append(text)
        return plan

    def _run(self, plan: _BatchPlan, record_langs: list[str] | None) -> None:
        """Scrub the planned texts; a text that fails makes its record invalid."""
        langs = None if record_langs is None else \
            [record_langs[i] for i, _ in plan.jobs] + [record_langs[i] for i, _ in plan.field_jobs]
        outcomes = self._scrub_texts(plan.texts + plan.field_texts, langs)
        for (i, path), outcome in zip(plan.field_jobs, outcomes[len(plan.texts):]):
            plan.per_field.setdefault(i, {})[path] = outcome
        for (i, k), outcome in zip(plan.jobs, outcomes[:len(plan.texts)]):
            plan.per_record.setdefault(i, []).append((k, outcome))
            if outcome.error and i not in plan.invalid:
                plan.invalid[i] = (outcome.error, "text" if k is None else f"messages[{k}].content")

    def _rejection(self, rec: Record, problem: tuple[str, str],
                   outcomes: list[tuple[int | None, TextOutcome]]) -> Rejection:
        reason, fld = problem
        src = (rec.meta or {}).get("source") if isinstance(rec.meta, dict) else None
        source = f"{src.get('file')}:{src.get('line')}" if isinstance(src, dict) else None
        shown = _raw_reject(rec) if self.config.rejects_raw else _scrubbed_reject(rec, outcomes)
        return Rejection(stage="scrub", reason=reason, record_id=str(rec.id), source=source, field=fld, record=shown)

    def _count(self, outcome: TextOutcome, found: Counter[str]) -> None:
        for etype, op in outcome.spans:
            found[etype] += 1
            self.entity_counts[etype] += 1
            self.operator_counts[op] += 1
        self._remember_pii(outcome)

    def _kept_record(self, rec: Record, i: int, plan: _BatchPlan, record_langs: list[str] | None) -> Record:
        """The scrubbed record: its text or messages replaced, its other input columns too, its PII counted."""
        found: Counter[str] = Counter()
        messages = [dict(m) for m in rec.messages] if rec.messages is not None else None
        text = rec.text
        for k, outcome in plan.per_record.get(i, []):
            if k is None:
                text = outcome.text
            else:
                messages[k]["content"] = outcome.text  # type: ignore[index]
            self._count(outcome, found)
        meta = dict(rec.meta or {})
        if i in plan.per_field or plan.field_withheld.get(i):
            values: dict[FieldPath, str | None] = {path: None for path in plan.field_withheld.get(i, [])}
            for path, outcome in plan.per_field.get(i, {}).items():
                values[path] = outcome.text if outcome.error is None else None
                self._count(outcome, found)
            for path, value in values.items():
                if value is None:
                    self.fields_withheld[str(path[0])] += 1
            self.counts["field_values"] += len(values)
            meta["fields"] = _with_fields(meta["fields"], values)
        meta["pii"] = {"entities": dict(found)}
        if record_langs is not None or self.languages != ("en",):
            language = record_langs[i] if record_langs is not None else self.languages[0]
            meta["pii"]["language"] = language
            self.language_counts[language] += 1
        if found:
            self.counts["records_with_pii"] += 1
        return Record(id=rec.id, text=text, messages=messages, label=rec.label, meta=meta)


    def _remember_pii(self, outcome: TextOutcome) -> None:
        if outcome.seed_hashes:
            self._new_hashes.update(h for h in outcome.seed_hashes if h not in self.seed_pii.hashes)
            self._new_lengths.update([outcome.seed_tokens] if isinstance(outcome.seed_tokens, int)
                                     else outcome.seed_tokens)
        self.seed_pii.update(outcome.seed_hashes, outcome.seed_tokens)

    # -- checkpoints (resume, and merging the work of several scrubbers) ----------------------------------

    def checkpoint(self) -> dict[str, Any]:
        """What changed since the previous checkpoint, JSON-able: counters and the keyed seed-PII hashes added
        (never values or text). ``restore`` of all checkpoints in order rebuilds the audit and the index."""
        current = self._counters()
        delta = {name: dict(Counter(c) - Counter(self._saved.get(name, {}))) for name, c in current.items()}
        self._saved = current
        hashes, tokens = sorted(self._new_hashes), sorted(self._new_lengths)
        self._new_hashes, self._new_lengths = set(), set()
        return {"counters": delta, "seed_pii": {"hashes": hashes, "tokens": tokens}}

    def restore(self, checkpoints: Iterable[dict[str, Any]]) -> None:
        """Add the work recorded by ``checkpoint`` (of a crashed run, or of other scrubbers with the same salt)."""
        for cp in checkpoints:
            for name, counter in self._counters(live=True).items():
                counter.update(cp["counters"].get(name, {}))
            self.seed_pii.update(cp["seed_pii"]["hashes"], cp["seed_pii"]["tokens"])
        self._saved = self._counters()

    def _counters(self, live: bool = False) -> dict[str, Any]:
        counters = {"counts": self.counts, "entities": self.entity_counts, "operators": self.operator_counts,
                    "fields_withheld": self.fields_withheld}
        return counters if live else {name: dict(c) for name, c in counters.items()}

    def _max_length(self) -> int:
        return int(get_analyzer(self.config).nlp_engine.get_nlp(self.languages[0]).max_length)

    def audit(self) -> dict[str, Any]:
        """Counts only: records, entities per type, replacements per operator, input-column values scrubbed and
        withheld per column. Never values or the salt."""
        return {
            "strategy": self.config.strategy,
            "entities_enabled": list(self.config.entities),
            "records": self.counts["records"],
            "scrubbed": self.counts["scrubbed"],
            "rejected": self.counts["rejected"],
            "records_with_pii": self.counts["records_with_pii"],
            "texts": self.counts["texts"],
            "entities": dict(sorted(self.entity_counts.items())),
            "operators": dict(sorted(self.operator_counts.items())),
            "field_values": self.counts["field_values"],
            "fields_withheld": dict(sorted(self.fields_withheld.items())),
            "seed_pii_hashes": len(self.seed_pii),
            **({"languages": dict(sorted(self.language_counts.items()))} if self.languages != ("en",) else {}),
            "salt": "given" if self.config.salt else "random per run",
        }
