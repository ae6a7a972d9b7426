"""Frozen dataclasses, one per stage, plus RunConfig that groups them; YAML in and out with clear errors.

Each stage function takes its own config. Every value is checked when a config is built (from YAML, from
CLI flags or directly in Python): unknown keys, wrong types and out-of-range values are rejected with the
dotted key name (e.g. ``run.yaml:generate.n: must be >= 1, got 0``) so a typo never passes silently and a bad
value fails before any work starts.

The configs live in ``config.stages`` (one per stage), ``config.run`` (RunConfig and the Ray engine's) and
``config.checks`` (dict/YAML conversion and validation); everything is importable from ``textsynth.config``.
"""
from __future__ import annotations

from .checks import from_dict, replace, to_dict
from .run import RayConfig, RayStageConfig, RunConfig
from .stages import (DEFAULT_ENTITIES, DTYPES, EXPORT_FORMATS, GENERATION_METHODS, OUTPUT_PII_ENTITIES, SCRUB_LANGUAGES,
                     EvaluateConfig, ExportConfig, FilterConfig, FinetuneConfig, GenerateConfig, ModelConfig, OnError,
                     PrivacyConfig, ReadConfig, SamplingConfig, ScrubConfig)

__all__ = [
    "DEFAULT_ENTITIES", "DTYPES", "EXPORT_FORMATS", "GENERATION_METHODS", "OUTPUT_PII_ENTITIES", "SCRUB_LANGUAGES",
    "EvaluateConfig", "ExportConfig", "FilterConfig", "FinetuneConfig", "GenerateConfig", "ModelConfig", "OnError",
    "PrivacyConfig", "RayConfig", "RayStageConfig", "ReadConfig", "RunConfig", "SamplingConfig", "ScrubConfig",
    "from_dict", "replace", "to_dict",
]
