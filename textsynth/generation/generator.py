"""The Generator: prompted generation with label control, batched and resumable (``generate.py`` runs it).

``Generator`` holds the template, the seeds grouped by label and the (lazily loaded) model. Work is cut into
shards of fixed document indices; a shard's prompts, shots and sampling seeds depend only on the config and
the index, so a run interrupted at any point and resumed with ``resume=True`` ends with the same N records,
no duplicates and no gaps. Outputs that cannot be parsed are retried with fresh shots and seeds and kept as
rejects. Raw model output may carry PII: in memory a reject holds it (``detail["raw"]``) for whoever wires
the stages to redact (the filter stage's ``OutputScrubber``); what this stage writes is passed through the
``redact_rejects`` it was given, and without one the raw text is not written at all (only its length).
``meta["shots"]`` names the seeds a record was prompted with by keyed references
(``keys.seed_ref``), never by the seeds' own ids, which are data (ticket numbers, customer ids).
"""
from __future__ import annotations

import dataclasses
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import GenerateConfig, to_dict
from ..core.candidates import CandidateSource
from ..core.fingerprint import fingerprint
from ..errors import ConfigError
from ..keys import SecretKey, secret_key, seed_ref
from ..records import Record, Rejection
from .outputs import (lists_supported, norm, rejects_path, shards_dir, split_completion, split_tokens,
                      withhold_raw)
from .parse import ParseFailure, clean_text, parse_chat
from .plan import derive_seed, label_plan, parse_distribution, quotas
from .prompts import PromptTemplate, control_prefix_template, load_template, render
from .shots import Slot, domain_for, pick_shots, typical_seeds

if TYPE_CHECKING:
    from ..models.lm import LanguageModel

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # per document: parse failures are retried with new shots and a new sampling seed


class Generator(CandidateSource):
    """Generates labelled records from a template and seeds; the model is loaded once, on first use."""

    def __init__(self, config: GenerateConfig, seeds: list[Record] | None = None, lm: LanguageModel | None = None,
                 redact_rejects: Callable[[list[Rejection]], list[Rejection]] | None = None,
                 redact_outputs: Callable[[list[Record]], list[Record]] | None = None):
        """``redact_rejects`` turns rejects into what may be written (raw outputs scrubbed); default: withheld.
        ``redact_outputs`` turns each shard's records into what may be written and yielded; default: as generated
        (for a caller that gates them next, such as the filter stage)."""
        from ..models.registry import read_model_metadata

        if config.samples_per_prompt < 1:
            raise ConfigError(f"generate.samples_per_prompt: expected at least 1, got {config.samples_per_prompt}")
        self.config = config
        self.model_meta = read_model_metadata(config.model.model) if Path(config.model.model).is_dir() else None
        if self.model_meta is not None:
            template = control_prefix_template(self.model_meta, config.task)
        else:
            template = load_template(config.prompt or config.task)
        seeds = list(seeds or [])
        seed_labels = {str(r.label) for r in seeds if r.label is not None}
        if seed_labels and template.style != "control":
            adapted = template.for_seed_labels(seed_labels)
            if adapted is not template:
                log.info("seed labels are not all in template %s: generating the seeds' labels (%s)",
                         template.id, ", ".join(adapted.labels))
            template = adapted
        self.template: PromptTemplate = template
        self.seeds = seeds
        self.pool: dict[str | None, list[Record]] = {}
        for r in seeds:
            self.pool.setdefault(template.canonical_label(r.label), []).append(r)
        if template.shot_pool < 1.0:
            self.pool = typical_seeds(self.pool, template.shot_pool, config.seed)
        self.seed_texts = {norm(r.content()) for r in seeds}
        # A num_shots set in the config wins; otherwise the template's recommendation; otherwise the default.
        default_shots = GenerateConfig.__dataclass_fields__["num_shots"].default
        if config.num_shots != default_shots or template.num_shots is None:
            self.num_shots = config.num_shots
        else:
            self.num_shots = template.num_shots
        guidance, bias = config.sampling.guidance_scale, config.sampling.label_bias
        self.params = dataclasses.replace(config.sampling, guidance_scale=float(
            template.guidance_scale if guidance is None else guidance),
            label_bias=float(template.label_bias if bias is None else bias))
        self.docs_per_completion = config.docs_per_completion if lists_supported(template) else 1
        if self.docs_per_completion != config.docs_per_completion:
            log.info("template %s cannot continue a list of documents: one document per sequence", template.id)
        self._lm = lm
        self._label_bias: dict[str, dict[int, float]] | None = None  # per label, token id -> logit bias
        self._key: SecretKey | None = None
        self.redact_rejects = redact_rejects or withhold_raw
        self.redact_outputs = redact_outputs
        self.tokens = 0
        self.seconds = 0.0

    # -- model -------------------------------------------------------------------------------------------
    @property
    def lm(self) -> LanguageModel:
        if self._lm is None:
            from ..models.lm import load_language_model

            self._lm = load_language_model(self.config.model, batch_size=self.config.batch_size)
        return self._lm

    @property
    def model_id(self) -> str:
        return self._lm.model_id if self._lm is not None else self.config.model.model

    def label_bias(self) -> dict[str, dict[int, float]]:
        """Per label, the logit bias towards the seeds' words of that label (built on first use; {}: none)."""
        if self._label_bias is None:
            self._label_bias = {}
            tokenizer = self.lm.tokenizer
            if self.params.label_bias and self.params.guidance_scale == 1 and tokenizer is not None:
                from .steer import label_logit_bias

                pool: dict[str | None, list[Record]] = {}
                for r in self.seeds:
                    pool.setdefault(self.template.canonical_label(r.label), []).append(r)
                self._label_bias = label_logit_bias(pool, tokenizer, self.params.label_bias, self.config.seed)
        return self._label_bias

    def _seed_refs(self, records: list[Record]) -> list[str]:
        """Keyed references of seed records (the key is loaded on first use)."""
        if records and self._key is None:
            self._key = secret_key()
        return [seed_ref(self._key, r.id) for r in records]  # type: ignore[arg-type]

    # -- planning ----------------------------------------------------------------------------------------
    def label_shares(self) -> dict[str, float]:
        fallback = (self.model_meta or {}).get("label_distribution")
        return parse_distribution(self.config.label_distribution, list(self.template.labels),
                                  (self.template.canonical_label(r.label) for r in self.seeds), fallback)

    def plan(self, n: int) -> list[str]:
        """The requested label of each document index 0..n-1 (exact quotas, seeded order)."""
        return label_plan(quotas(n, self.label_shares()), self.config.seed)

    def _shots(self, item: Slot) -> tuple[list[str] | list[tuple[str, str]], list[str]]:
        return pick_shots(item, self.template, self.pool, self.num_shots, self.config.seed, self._seed_refs)

    def _domain(self, item: Slot, has_shots: bool) -> str:
        return domain_for(item, self.template, has_shots, bool(self.pool), self.config.seed)

    def _prepare(self, item: Slot) -> Slot:
        shots, ids = self._shots(item)
        formatter = None
        if self.template.style == "chat":
            tok = self.lm.tokenizer
            if tok is not None and getattr(tok, "chat_template", None):
                def formatter(msgs: list[dict[str, str]]) -> str:
                    return tok.apply_chat_template(msgs, tokenize=False, add_generation_prompt=True)
        item.prompt = render(self.template, item.label, shots, self._domain(item, bool(ids)), formatter)
        item.shot_refs = ids
        contrast = self._contrast_label(item)
        if contrast is not None:
            other = dataclasses.replace(item, label=contrast)
            item.negative_prompt = render(self.template, contrast, self._shots(other)[0],
                                          self._domain(other, bool(ids)), formatter)
        return item

    def _contrast_label(self, item: Slot) -> str | None:
        """The label whose prompt guidance pushes away from: the other labels in turn (None: no guidance)."""
        others = [lab for lab in self.template.labels if lab != item.label]
        if self.params.guidance_scale == 1 or not others:
            return None
        return others[item.group % len(others)]

    # -- generation --------------------------------------------------------------------------------------
    def _parse(self, text: str, finish_reason: str) -> dict[str, Any]:
        truncated = finish_reason == "length"
        if self.template.output == "chat":
            messages = parse_chat(text, truncated=truncated)
            content = "\n".join(m["content"] for m in messages)
            out: dict[str, Any] = {"messages": messages}
        else:
            content = clean_text(text, truncated=truncated, first_line_only="\n" in self.template.stop)
            out = {"text": content}
        if norm(content) in self.seed_texts:
            raise ParseFailure("copies_seed")
        return out

    def _fill(self, items: list[Slot], seed_key: tuple[Any, ...], progress: Any = None,
              on_document: Callable[[], None] | None = None) -> tuple[list[Record], list[Rejection]]:
        """Generate until every item has a parsed record (or MAX_ATTEMPTS); rejects keep the raw text.

        The model is called ``batch_size`` documents at a time, so ``progress`` (a tqdm bar) and
        ``on_document`` (called once per document finished: parsed, or rejected for good) move as it works.
        """
        done: dict[str, Record] = {}
        rejects: list[Rejection] = []
        pending = [self._prepare(it) for it in items]
        size = max(1, self.config.batch_size)
        while pending:
            retry: list[Slot] = []
            rows = self._rows(pending)
            for start in range(0, len(rows), size):
                chunk = rows[start:start + size]
                n_retry = len(retry)
                self._fill_chunk(chunk, seed_key, start, done, rejects, retry)
                finished = sum(len(row) for row in chunk) - (len(retry) - n_retry)
                if progress is not None:
                    progress.update(finished)
                    progress.set_postfix_str(f"{self.tokens / self.seconds:.1f} tok/s" if self.seconds else "")
                if on_document is not None:
                    for _ in range(finished):
                        on_document()
            pending = retry
        return [done[it.key] for it in items if it.key in done], rejects

    def _rows(self, items: list[Slot]) -> list[list[Slot]]:
        """Items with the same prompt, ``docs_per_completion`` at a time (in order of first item): one sequence each."""
        rows: list[list[Slot]] = []
        open_rows: dict[tuple[str, str | None], list[Slot]] = {}
        for it in items:
            key = (it.prompt, it.negative_prompt)
            row = open_rows.get(key)
            if row is None or len(row) >= self.docs_per_completion:
                row = open_rows[key] = []
                rows.append(row)
            row.append(it)
        return rows

    def _fill_chunk(self, rows: list[list[Slot]], seed_key: tuple[Any, ...], start: int, done: dict[str, Record],
                    rejects: list[Rejection], retry: list[Slot]) -> None:
        """One model call for ``rows`` (one attempt, one sequence per row): parsed records into ``done``,
        failures into ``rejects`` and, while attempts are left, ``retry``."""
        params = self.params
        attempt = rows[0][0].attempt
        # Each chunk its own seed; the first keeps the one a single call for all documents had.
        call_seed = derive_seed("sample", self.config.seed, *seed_key, attempt, *((start,) if start else ()))
        t0 = time.perf_counter()
        negatives = [row[0].negative_prompt for row in rows]  # None where there is no other label to contrast
        if any(neg is None for neg in negatives):
            negatives = None
        k = self.docs_per_completion
        extra: dict[str, Any] = {}
        if k > 1:  # the row's budget is k documents'; it ends at its k-th stop string
            params = dataclasses.replace(params, max_new_tokens=params.max_new_tokens * k)
            extra["stop_after"] = k
        bias = self.label_bias()
        if bias:
            extra["logit_bias"] = [bias.get(row[0].label) for row in rows]
        outs = self.lm.generate([row[0].prompt for row in rows], params, call_seed, stop=self.template.stop,
                                negative_prompts=negatives, **extra)
        dt = time.perf_counter() - t0
        n_tok = sum(o.n_tokens for o in outs)
        self.tokens += n_tok
        self.seconds += dt
        for row, out in zip(rows, outs):
            pieces = split_completion(self.template, out.text, out.finish_reason, len(row), k)
            shares = split_tokens(out.n_tokens, len(row))
            for pos, (it, (text, finish), n_tokens) in enumerate(zip(row, pieces, shares)):
                self._take(it, text, finish, n_tokens, call_seed, pos if k > 1 else None, done, rejects, retry)

    def _take(self, it: Slot, text: str, finish_reason: str, n_tokens: int, call_seed: int, position: int | None,
              done: dict[str, Record], rejects: list[Rejection], retry: list[Slot]) -> None:
        """Parse one slot's output into ``done``, or reject it (and queue a retry while attempts are left)."""
        params = self.params
        meta = {
            "requested_label": it.label,
            "template": self.template.id,
            "model": self.model_id,
            "sampling": to_dict(params),
            "seed": self.config.seed,
            "sampling_seed": call_seed,
            "attempt": it.attempt,
            "shots": it.shot_refs,
            "n_tokens": n_tokens,
            "finish_reason": finish_reason,
        }
        if position is not None:
            meta["completion_position"] = position  # which document of its sequence's list
        try:
            fields = self._parse(text, finish_reason)
        except ParseFailure as fail:
            rejects.append(Rejection(stage="generate", reason=fail.reason, record_id=it.key,
                                     detail={"raw": text, **meta}))
            if it.attempt + 1 < MAX_ATTEMPTS:
                retry.append(self._prepare(dataclasses.replace(it, attempt=it.attempt + 1)))
            else:
                log.warning("%s: no parseable output after %d attempts", it.key, MAX_ATTEMPTS)
            return
        done[it.key] = Record(id=it.key, label=it.label, meta=meta, **fields)

    def generate_quota(self, quotas: dict[str, int], round: int, on_document: Callable[[], None] | None = None
                       ) -> tuple[list[Record], list[Rejection]]:
        """``quotas[label]`` candidates per label; each ``round`` draws different shots and sampling seeds.

        ``on_document`` is called once per document finished (otherwise a progress bar of its own shows).
        """
        unknown = [lab for lab in quotas if lab not in self.template.labels]
        if unknown:
            raise ConfigError(f"generate_quota: unknown label {unknown[0]!r} (labels: {', '.join(self.template.labels)})")
        stream = f"quota-{round}"
        items = [Slot(key=f"gen-r{round}-{lab}-{k:05d}", label=lab, ordinal=k, stream=stream,
                       per_prompt=self.config.samples_per_prompt)
                 for lab, count in quotas.items() for k in range(count)]
        if on_document is not None:
            return self._fill(items, seed_key=("quota", round), on_document=on_document)
        from tqdm.auto import tqdm

        with tqdm(total=len(items), unit="doc", desc=f"generate (round {round + 1})", leave=False,
                  dynamic_ncols=True) as bar:
            return self._fill(items, seed_key=("quota", round), progress=bar)

    def items(self, n: int) -> list[Slot]:
        """Document slots 0..n-1 with their requested labels (not yet rendered)."""
        seen: Counter[str] = Counter()
        out = []
        for i, lab in enumerate(self.plan(n)):
            out.append(Slot(key=f"gen-{i:06d}", label=lab, ordinal=seen[lab], stream="main",
                             per_prompt=self.config.samples_per_prompt))
            seen[lab] += 1
        return out

    def shard_size(self) -> int:
        return max(1, self.config.batch_size) * 4

    def fingerprint(self) -> str:
        """What determines the outputs: config (minus output/resume), template, seeds, model."""
        cfg = dataclasses.replace(self.config, output=None, resume=False)
        return fingerprint(cfg, self.template, [(r.id, r.label, r.content()) for r in self.seeds])

    def run(self, progress: bool = True) -> Iterator[Record]:
        """Yield the config's N records shard by shard, writing shards + manifest when ``config.output`` is set."""
        from tqdm.auto import tqdm

        from ..io import ShardedJsonlWriter

        n = self.config.n
        items = self.items(n)
        size = self.shard_size()
        n_shards = (n + size - 1) // size
        writer = None
        if self.config.output:
            writer = ShardedJsonlWriter(shards_dir(self.config.output), self.fingerprint(), resume=self.config.resume,
                                        info={"n": n, "shard_size": size, "template": self.template.id})
        finished = writer.done() if writer else set()
        bar = tqdm(total=n, unit="doc", desc="generate", disable=not progress, dynamic_ncols=True)
        self.rejects: list[Rejection] = []
        try:
            for s in range(n_shards):
                if s in finished:
                    rows = writer.read_shard(s)
                    bar.update(len(rows))
                    for row in rows:
                        yield Record.from_dict(row)
                    continue
                records, rejects = self._fill(items[s * size:(s + 1) * size], seed_key=("shard", s), progress=bar)
                rejects = self.redact_rejects(rejects)
                if self.redact_outputs is not None:
                    records = self.redact_outputs(records)
                self.rejects.extend(rejects)
                if writer:
                    writer.write_shard(s, [r.to_dict() for r in records], [r.to_dict() for r in rejects],
                                       tokens=sum(r.meta["n_tokens"] for r in records))
                yield from records
        finally:
            bar.close()
        if writer:
            writer.merge(self.config.output, rejects_path(self.config.output))
