"""textsynth: privacy-safe synthetic training corpora from private seed text.

The public API is re-exported lazily so that importing textsynth (and `textsynth --help`) stays instant;
torch, transformers and presidio load only when a stage runs.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Record": "textsynth.records",
    "Rejection": "textsynth.records",
    "RunConfig": "textsynth.config",
    "ReadConfig": "textsynth.config",
    "ScrubConfig": "textsynth.config",
    "GenerateConfig": "textsynth.config",
    "FinetuneConfig": "textsynth.config",
    "FilterConfig": "textsynth.config",
    "EvaluateConfig": "textsynth.config",
    "ExportConfig": "textsynth.config",
    "read_records": "textsynth.io",
    "scrub": "textsynth.scrubbing.scrub",
    "ScrubResult": "textsynth.scrubbing.scrub",
    "generate": "textsynth.generation.generate",
    "finetune": "textsynth.models.finetune",
    "filter_records": "textsynth.filters.filter_records",
    "FilterResult": "textsynth.filters.base",
    "evaluate": "textsynth.evaluation.evaluate",
    "export": "textsynth.exporting",
    "run_pipeline": "textsynth.pipeline",
    "augment": "textsynth.augmenting",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # what IDEs and type checkers see; at run time the names load on first use (__getattr__)
    from .config import (EvaluateConfig, ExportConfig, FilterConfig, FinetuneConfig, GenerateConfig, ReadConfig,
                         RunConfig, ScrubConfig)
    from .evaluation.evaluate import evaluate
    from .exporting import export
    from .filters.base import FilterResult
    from .filters.filter_records import filter_records
    from .generation.generate import generate
    from .io import read_records
    from .models.finetune import finetune
    from .augmenting import augment
    from .pipeline import run_pipeline
    from .records import Record, Rejection
    from .scrubbing.scrub import ScrubResult, scrub


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'textsynth' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public API and the module's own names, so ``dir(textsynth)`` and completion show what ``__all__`` lists."""
    return sorted(set(globals()) | set(__all__))
