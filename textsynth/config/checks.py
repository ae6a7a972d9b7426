"""Config values in and out: dataclass <-> mapping, and the checks every config class runs in ``__post_init__``.

Errors name the dotted key (e.g. ``run.yaml:generate.n: must be >= 1, got 0``).
"""
from __future__ import annotations

import dataclasses
import functools
import math
import re
import types
import typing
from typing import Any, Literal

from ..errors import ConfigError

_SHARE = re.compile(r"\s*([^=,\s][^=,]*?)\s*=\s*([^=,]+?)\s*")


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
    """Build a (nested) config dataclass from a mapping; errors name ``prefix`` + the dotted key."""
    if not isinstance(data, dict):
        raise ConfigError(f"expected a mapping, got {type(data).__name__}", key=prefix.rstrip(".:") or None)
    names = [f.name for f in dataclasses.fields(cls)]
    unknown = sorted(str(k) for k in data if k not in names)
    if unknown:
        raise ConfigError(f"unknown key (allowed: {', '.join(sorted(names))})", key=f"{prefix}{unknown[0]}")
    try:
        return cls(**data)  # __post_init__ checks and normalises every value
    except ConfigError as exc:
        if exc.key is None:
            raise
        raise ConfigError(exc.reason, key=f"{prefix}{exc.key}") from None


def replace(cfg: Any, **changes: Any) -> Any:
    """dataclasses.replace that ignores ``None`` values (handy for optional CLI flags)."""
    return dataclasses.replace(cfg, **{k: v for k, v in changes.items() if v is not None})


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _check_types(cfg: Any) -> None:
    """Check every field against its annotation, normalising on the way (int -> float, list/"a,b" -> tuple,
    a mapping -> the nested config). Frozen dataclasses are set through object.__setattr__."""
    hints = _hints(type(cfg))
    for f in dataclasses.fields(cfg):
        value = _coerce(hints[f.name], getattr(cfg, f.name), f.name, secret=bool(f.metadata.get("secret")))
        object.__setattr__(cfg, f.name, value)


def _shown(value: Any, secret: bool) -> str:
    return "a secret value (not shown)" if secret else repr(value)


def _coerce(tp: Any, value: Any, key: str, secret: bool = False) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        if isinstance(value, tp):
            return value
        return from_dict(tp, {} if value is None else value, prefix=f"{key}.")
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in (a for a in args if a is not type(None)):
            try:
                return _coerce(arg, value, key, secret)
            except ConfigError as exc:
                errors.append(exc)
        raise errors[0] if errors else ConfigError("invalid value", key=key)
    if origin is Literal:
        if value not in args:
            raise ConfigError(f"must be one of {', '.join(map(str, args))}, got {_shown(value, secret)}", key=key)
        return value
    if origin is tuple:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"expected a list, got {type(value).__name__}", key=key)
        item = args[0] if args else Any
        if len(args) == 2 and args[1] is Ellipsis or len(args) <= 1:
            return tuple(_coerce(item, v, key, secret) for v in value)
        if len(value) != len(args):
            raise ConfigError(f"expected {len(args)} items, got {len(value)}", key=key)
        return tuple(_coerce(a, v, key, secret) for a, v in zip(args, value))
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"expected a number, got {_shown(value, secret)}", key=key)
        if not math.isfinite(value):
            raise ConfigError(f"expected a finite number, got {value}", key=key)
        return float(value)
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"expected an integer, got {_shown(value, secret)}", key=key)
        return int(value)
    if tp is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"expected true or false, got {_shown(value, secret)}", key=key)
        return value
    if tp is str:
        if not isinstance(value, str):
            raise ConfigError(f"expected a string, got {_shown(value, secret)}", key=key)
        return value
    return value


def _in_range(cfg: Any, name: str, lo: float | None, hi: float | None, lo_open: bool = False,
              hi_open: bool = False) -> None:
    """``lo <= value <= hi`` (either end open or absent); None values (optional fields) pass."""
    value = getattr(cfg, name)
    if value is None:
        return
    ok = (lo is None or (value > lo if lo_open else value >= lo)) and (hi is None or (value < hi if hi_open else value <= hi))
    if ok:
        return
    if hi is None:
        bound = f"{'>' if lo_open else '>='} {lo:g}"
    elif lo is None:
        bound = f"{'<' if hi_open else '<='} {hi:g}"
    else:
        bound = f"in {'(' if lo_open else '['}{lo:g}, {hi:g}{')' if hi_open else ']'}"
    raise ConfigError(f"must be {bound}, got {value:g}", key=name)


def _at_least(cfg: Any, name: str, lo: int) -> None:
    value = getattr(cfg, name)
    if value is not None and value < lo:
        raise ConfigError(f"must be >= {lo}, got {value}", key=name)


def _seed(cfg: Any, name: str) -> None:
    value = getattr(cfg, name)
    if not 0 <= value < 2**32:  # numpy's and torch's seeders take 0 .. 2**32 - 1
        raise ConfigError(f"must be in [0, 2**32), got {value}", key=name)


def _non_empty(cfg: Any, *names: str) -> None:
    """Strings (names, paths) and string tuples must not be empty or blank; None (unset) passes."""
    for name in names:
        value = getattr(cfg, name)
        for v in value if isinstance(value, tuple) else (value,):
            if v is None:
                continue
            if not v.strip():
                raise ConfigError("must not be empty", key=name)
            if "\0" in v:
                raise ConfigError("contains a NUL character", key=name)


def _unique(cfg: Any, name: str) -> None:
    seen: set[Any] = set()
    for v in getattr(cfg, name):
        if v in seen:
            raise ConfigError(f"lists {v!r} twice", key=name)
        seen.add(v)


def _choice(cfg: Any, name: str, choices: tuple[str, ...]) -> None:
    if getattr(cfg, name) not in choices:
        raise ConfigError(f"must be one of {', '.join(choices)}, got {getattr(cfg, name)!r}", key=name)


def _check_label_distribution(spec: str) -> None:
    """balanced | seed | "label=share,...": shares finite, >= 0, not all zero, labels distinct.

    Whether the labels exist is checked against the template when generation starts."""
    key = "label_distribution"
    if spec.strip() in ("balanced", "seed"):
        return
    shares: dict[str, float] = {}
    for part in spec.split(","):
        m = _SHARE.fullmatch(part)
        if not m:
            raise ConfigError(f"expected balanced, seed or label=share,..., got {spec!r}", key=key)
        label, share = m.groups()
        try:
            value = float(share)
        except ValueError:
            raise ConfigError(f"the share of {label!r} is not a number: {share!r}", key=key) from None
        if not math.isfinite(value) or value < 0:
            raise ConfigError(f"the share of {label!r} must be a finite number >= 0, got {share}", key=key)
        if label in shares:
            raise ConfigError(f"lists {label!r} twice", key=key)
        shares[label] = value
    if sum(shares.values()) <= 0:
        raise ConfigError("shares must not all be zero", key=key)


def _check_repo_id(repo_id: str) -> None:
    # huggingface_hub's own rules (length, characters, "--" and ".." bans) rather than a local copy.
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    try:
        if repo_id.count("/") != 1:  # a dataset repo is always named under its owner (what exporting checks too)
            raise HFValidationError("expected one '/'")
        validate_repo_id(repo_id)
    except HFValidationError:
        raise ConfigError(f"expected a hub repo id like user/name, got {repo_id!r}", key="push_to_hub") from None
