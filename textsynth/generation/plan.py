"""Label control: turn ``--label-distribution`` into exact integer quotas and a seeded label per document."""
from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Iterable

from ..errors import ConfigError


def derive_seed(*parts: object) -> int:
    """A stable 31-bit seed from any parts (independent of Python's hash randomisation)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


def parse_distribution(spec: str | dict[str, float], labels: list[str],
                       seed_labels: Iterable[str | None] = (), fallback: dict[str, float] | None = None
                       ) -> dict[str, float]:
    """Shares per label (summing to 1) from ``balanced``, ``seed`` or ``"positive=0.7,negative=0.3"``.

    ``seed`` uses the label frequencies of the seeds (or ``fallback``, e.g. a fine-tuned model's recorded
    distribution, when there are no labelled seeds).
    """
    if not labels:
        raise ConfigError("label_distribution: the template has no labels")
    if isinstance(spec, str) and spec.strip() == "balanced":
        return {lab: 1 / len(labels) for lab in labels}
    if isinstance(spec, str) and spec.strip() == "seed":
        counts = Counter(lab for lab in seed_labels if lab in labels)
        if not counts:
            if fallback:
                return parse_distribution(dict(fallback), labels)
            raise ConfigError("label_distribution: 'seed' needs labelled seeds (pass --seeds with a label column)")
        total = sum(counts.values())
        return {lab: counts[lab] / total for lab in labels if counts[lab]}
    if isinstance(spec, str):
        weights: dict[str, float] = {}
        for part in (p.strip() for p in spec.split(",") if p.strip()):
            name, eq, value = part.partition("=")
            name = name.strip()
            try:
                weights[name] = float(value) if eq else float("nan")
            except ValueError:
                raise ConfigError(f"label_distribution: {part!r}: expected label=share") from None
            if not eq or weights[name] != weights[name]:
                raise ConfigError(f"label_distribution: {part!r}: expected label=share, balanced or seed")
    else:
        weights = {str(k): float(v) for k, v in spec.items()}
    unknown = [k for k in weights if k not in labels]
    if unknown:
        raise ConfigError(f"label_distribution: unknown label {unknown[0]!r} (labels: {', '.join(labels)})")
    if any(v < 0 for v in weights.values()) or sum(weights.values()) <= 0:
        raise ConfigError("label_distribution: shares must be non-negative and not all zero")
    total = sum(weights.values())
    return {k: v / total for k, v in weights.items() if v > 0}


def quotas(n: int, shares: dict[str, float]) -> dict[str, int]:
    """Exact integer counts summing to ``n`` (largest remainder; ties go to the earlier label)."""
    if n < 0:
        raise ConfigError(f"n: must be >= 0, got {n}")
    raw = {k: n * v for k, v in shares.items()}
    out = {k: int(v) for k, v in raw.items()}
    order = sorted(shares, key=lambda k: (-(raw[k] - out[k]), list(shares).index(k)))
    for k in order[: n - sum(out.values())]:
        out[k] += 1
    return out


def label_plan(counts: dict[str, int], seed: int) -> list[str]:
    """The label of each document index: every label exactly its quota, in a seeded shuffled order."""
    labels = [lab for lab, c in counts.items() for _ in range(c)]
    random.Random(derive_seed("label-plan", seed)).shuffle(labels)
    return labels
