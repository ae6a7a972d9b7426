"""Prompted generation with label control: ``generate`` / ``run_generate``, the stage's public functions.

The work is done by ``generator.Generator`` (shots in ``shots.py``, completions and paths in ``outputs.py``,
label steering in ``steer.py``). Generation alone gates nothing: whoever runs it without the filter stage
passes ``redact_outputs`` (the CLI gives the filter stage's output PII operator), through which every record
goes before it is written or yielded; rejects go through ``redact_rejects`` (default: raw outputs withheld).
"""
from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import GenerateConfig
from ..errors import ConfigError
from ..records import Record, Rejection
from .generator import MAX_ATTEMPTS, Generator
from .outputs import lists_supported, rejects_path, shards_dir, withhold_raw
from .shots import typical_seeds

if TYPE_CHECKING:
    from ..models.lm import LanguageModel

__all__ = ["MAX_ATTEMPTS", "GenerateSummary", "Generator", "generate", "lists_supported", "rejects_path",
           "run_generate", "shards_dir", "typical_seeds", "withhold_raw"]


@dataclass
class GenerateSummary:
    """What a generation run produced, for the CLI and the pipeline's stats."""

    n_records: int
    n_rejects: int
    reject_reasons: dict[str, int]
    seconds: float
    tokens: int
    output: str | None = None
    rejects_path: str | None = None
    generation_seconds: float = 0.0  # time inside model.generate (wall time minus model load and I/O)

    @property
    def tokens_per_s(self) -> float:
        """Generated tokens per second of generation (model loading excluded)."""
        return self.tokens / self.generation_seconds if self.generation_seconds else 0.0

    @property
    def docs_per_s(self) -> float:
        return self.n_records / self.seconds if self.seconds else 0.0



def generate(config: GenerateConfig, seeds: list[Record] | None = None, *, lm: LanguageModel | None = None,
             progress: bool = False, redact_rejects: Callable[[list[Rejection]], list[Rejection]] | None = None,
             redact_outputs: Callable[[list[Record]], list[Record]] | None = None) -> Iterator[Record]:
    """Yield ``config.n`` generated records (label = requested label; provenance in ``meta``).

    With ``config.output`` set, shards and a manifest are written beside it and the merged JSONL (plus
    ``*.rejects.jsonl``) once the iterator is exhausted; ``config.resume`` continues an interrupted run.
    Rejects are written through ``redact_rejects`` (default: raw outputs withheld), records through
    ``redact_outputs`` (default: as generated).
    """
    yield from Generator(config, seeds, lm, redact_rejects=redact_rejects,
                         redact_outputs=redact_outputs).run(progress=progress)


def run_generate(config: GenerateConfig, seeds: list[Record] | None = None, *, lm: LanguageModel | None = None,
                 progress: bool = True, redact_rejects: Callable[[list[Rejection]], list[Rejection]] | None = None,
                 redact_outputs: Callable[[list[Record]], list[Record]] | None = None) -> GenerateSummary:
    """Run generation to completion (needs ``config.output``) and summarise counts, time and tokens."""
    if not config.output:
        raise ConfigError("generate.output: an output path is required")
    gen = Generator(config, seeds, lm, redact_rejects=redact_rejects, redact_outputs=redact_outputs)
    t0 = time.perf_counter()
    n = sum(1 for _ in gen.run(progress=progress))
    wall = time.perf_counter() - t0
    rejects = [json.loads(line) for line in rejects_path(config.output).read_text(encoding="utf-8").splitlines() if line]
    reasons = Counter(r["reason"] for r in rejects)
    return GenerateSummary(n_records=n, n_rejects=len(rejects), reject_reasons=dict(reasons), seconds=wall,
                           tokens=gen.tokens, output=str(config.output), rejects_path=str(rejects_path(config.output)),
                           generation_seconds=gen.seconds)
