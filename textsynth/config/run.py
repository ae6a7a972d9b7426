"""RunConfig: the whole pipeline (input, run dir, every stage's config, the engine), in and out of YAML."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import ConfigError
from .checks import _at_least, _check_types, _in_range, _non_empty, from_dict, to_dict
from .stages import (EvaluateConfig, ExportConfig, FilterConfig, FinetuneConfig, GenerateConfig, ReadConfig,
                     ScrubConfig)


@dataclass(frozen=True)
class RayStageConfig:
    """Actors of one stage on Ray and what each asks the cluster for."""

    actors: int = 1
    num_cpus: float = 1.0
    num_gpus: float | None = None  # None: 1 per generation actor when the cluster has GPUs, else 0

    def __post_init__(self) -> None:
        _check_types(self)
        _at_least(self, "actors", 1)
        _in_range(self, "num_cpus", 0, None)
        _in_range(self, "num_gpus", 0, None)


@dataclass(frozen=True)
class RayConfig:
    """The Ray engine (``engine: ray``): which cluster, and the actor pools of scrub, generation and filters."""

    address: str = ""  # "": start a local cluster for the run; "auto": the cluster `ray start --head` started
    num_cpus: int | None = None  # CPUs of a local cluster (None: all of this machine's)
    scrub: RayStageConfig = field(default_factory=lambda: RayStageConfig(actors=2))
    generate: RayStageConfig = field(default_factory=RayStageConfig)
    filter: RayStageConfig = field(default_factory=RayStageConfig)
    scrub_batch_size: int = 256  # records per map_batches batch
    shards_per_actor: int = 4  # scrub: input shards per actor (load balancing)
    in_flight: int = 0  # generate+filter: shards in flight at once (0: 2 per generation actor)
    max_restarts: int = 3  # a dead actor is restarted this often; its task is retried on the new one

    def __post_init__(self) -> None:
        _check_types(self)
        if "\0" in self.address:
            raise ConfigError("contains a NUL character", key="address")
        _at_least(self, "num_cpus", 1)
        _at_least(self, "scrub_batch_size", 1)
        _at_least(self, "shards_per_actor", 1)
        _at_least(self, "in_flight", 0)
        _at_least(self, "max_restarts", 0)


@dataclass(frozen=True)
class RunConfig:
    """The whole pipeline: input, stages and run directory."""

    input: str = ""
    run_dir: str = "runs/default"
    finetune_first: bool = False
    read: ReadConfig = field(default_factory=ReadConfig)
    scrub: ScrubConfig = field(default_factory=ScrubConfig)
    generate: GenerateConfig = field(default_factory=GenerateConfig)
    finetune: FinetuneConfig = field(default_factory=FinetuneConfig)
    filter: FilterConfig = field(default_factory=FilterConfig)
    evaluate: EvaluateConfig = field(default_factory=EvaluateConfig)
    export: ExportConfig = field(default_factory=ExportConfig)
    engine: Literal["local", "ray"] = "local"  # ray: scrub and generate+filter run on a Ray cluster
    ray: RayConfig = field(default_factory=RayConfig)

    @classmethod
    def from_yaml(cls, path: str | Path) -> "RunConfig":
        import yaml

        p = Path(path)
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8-sig")) or {}
        except FileNotFoundError:
            raise ConfigError(f"{p}: config file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{p}: cannot read the config ({exc.__class__.__name__})") from None
        except yaml.YAMLError as exc:
            # The problem and its position only: YAML's own message quotes the offending lines.
            mark = getattr(exc, "problem_mark", None)
            where = f"{p}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(p)
            raise ConfigError(f"{where}: invalid YAML ({getattr(exc, 'problem', None) or 'syntax error'})") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{p}: top level must be a mapping")
        cfg = from_dict(cls, data, prefix=f"{p}:")
        if not cfg.input:
            raise ConfigError("required: the seed data path (.jsonl, .csv, .parquet or a dataset dir)", key=f"{p}:input")
        return cfg

    def to_yaml(self, path: str | Path | None = None) -> str:
        import yaml

        text = yaml.safe_dump(to_dict(self), sort_keys=False)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def __post_init__(self) -> None:
        _check_types(self)
        _non_empty(self, "run_dir")
        if "\0" in self.input:
            raise ConfigError("contains a NUL character", key="input")
