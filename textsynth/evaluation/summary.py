"""What the report states besides the metrics: the run's provenance, where the candidates went, audit pairs.

Counts come from one place (``candidate_flow``), so every part of the report shows the same numbers:
generated = unparseable + checked; checked = dropped by the filters + passed; passed = surplus + kept.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from ..records import Record

if TYPE_CHECKING:
    from ..core.seed_pii import SeedPiiLookup

MAX_SHOWN_CHARS = 280


def provenance_block(synthetic: Sequence[Record], n_real: int, given: dict[str, Any] | None) -> dict[str, Any]:
    """textsynth version, model, template, sampling settings, DP epsilon and seed count of the evaluated corpus.

    Model, template and sampling come from the records' ``meta`` (the most common value first, with how many
    records carry each); ``given`` (from the pipeline) adds what records do not carry: ``n_seeds``, ``dp_epsilon``.
    """
    from .. import __version__

    def values(key: str) -> list[dict[str, Any]]:
        counts = Counter(json.dumps(r.meta[key], sort_keys=True) for r in synthetic if r.meta.get(key) is not None)
        return [{"value": json.loads(v), "records": n} for v, n in counts.most_common()]

    given = dict(given or {})
    out = {"textsynth_version": __version__, "model": values("model"), "template": values("template"),
           "sampling": values("sampling"), "dp_epsilon": given.pop("dp_epsilon", None),
           "n_seeds": given.pop("n_seeds", n_real), "n_synthetic": len(synthetic)}
    out.update(given)
    return out


def summarise_filter_stats(stats: dict[str, Any], n_synthetic: int | None = None) -> dict[str, Any]:
    """Drop counts per filter and per label, the candidate flow, plus the raw stats.

    Reads the FilterRunner layout (``filters: {name: {dropped, reasons, ...}}``, ``candidates``, ``kept`` and the
    gate's ``resample``); a flat ``{filter: count}`` mapping under ``dropped_by_filter`` works too.
    """
    counts: dict[str, int] = {}
    for key in ("filters", "dropped_by_filter", "per_filter", "by_filter"):
        val = stats.get(key)
        if not isinstance(val, dict) or not val:
            continue
        for name, sub in val.items():
            if isinstance(sub, (int, float)):
                counts[str(name)] = int(sub)
            elif isinstance(sub, dict) and isinstance(sub.get("dropped"), (int, float)):
                counts[str(name)] = int(sub["dropped"])
        if counts:
            break
    out: dict[str, Any] = {"dropped_by_filter": counts, "dropped_total": int(sum(counts.values()))}
    resample = stats.get("resample") if isinstance(stats.get("resample"), dict) else {}
    for key in ("generated", "acceptance_rate", "shards", "drops_by_reason", "drops_by_label"):
        if resample.get(key) is not None:
            out[key] = resample[key]
    if "shards" not in out and resample.get("rounds") is not None:  # stats written before the rename
        out["shards"] = resample["rounds"]
    out["flow"] = candidate_flow(stats, n_synthetic)
    if isinstance(stats.get("privacy"), dict):  # a DP generation method's guarantee
        out["privacy_guarantee"] = stats["privacy"]
    out["raw"] = stats
    return out


def candidate_flow(stats: dict[str, Any], n_synthetic: int | None = None) -> dict[str, Any]:
    """Where the candidates went, as one set of counts, and whether they add up.

    ``kept`` is what the gate kept (the records evaluated and exported); ``passed_filters`` also holds the
    ``surplus``: records that passed every filter after their label's quota was full.
    """
    rs = stats.get("resample") if isinstance(stats.get("resample"), dict) else {}

    def count(value: Any) -> int | None:
        return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    checked, passed = count(stats.get("candidates")), count(stats.get("kept"))
    flow: dict[str, int | None] = {
        "generated": count(rs.get("generated")), "unparseable": count(rs.get("generation_rejected")),
        "checked": checked, "dropped_by_filters": checked - passed if None not in (checked, passed) else None,
        "passed_filters": passed, "surplus": count(rs.get("surplus")),
        "kept": count(rs.get("kept")) if rs.get("kept") is not None else passed, "target": count(rs.get("target")),
        "synthetic_evaluated": n_synthetic,
    }
    sums = [("generated", ("unparseable", "checked")), ("checked", ("dropped_by_filters", "passed_filters")),
            ("passed_filters", ("surplus", "kept"))]
    problems = [f"{total} {flow[total]} != {' + '.join(f'{p} {flow[p]}' for p in parts)}"
                for total, parts in sums
                if None not in (flow[total], *(flow[p] for p in parts)) and flow[total] != sum(flow[p] for p in parts)]
    if None not in (n_synthetic, flow["kept"]) and n_synthetic != flow["kept"]:
        problems.append(f"{n_synthetic} synthetic records evaluated but the gate kept {flow['kept']}")
    return {**flow, "adds_up": not problems, "problems": problems}


def mask_seed_pii(record: Record, seed_pii: SeedPiiLookup | None, limit: int = MAX_SHOWN_CHARS) -> str:
    """A record's text (chats: up to four turns) shortened, with every span matching a seed PII value masked."""
    def clean(text: str) -> str:
        if seed_pii is not None:
            for start, end in sorted(seed_pii.find(text), reverse=True):
                text = text[:start] + "[PII]" + text[end:]
        return text if len(text) <= limit else text[: limit - 3] + "..."

    if record.is_chat:
        return "\n".join(f"{m.get('role', '?')}: {clean(m.get('content', ''))}" for m in (record.messages or [])[:4])
    return clean(record.text or "")


def closest_pairs(synthetic: Sequence[Record], train: Sequence[Record], distances: np.ndarray, nearest: np.ndarray,
                  k: int, seed_pii: SeedPiiLookup | None) -> list[dict[str, Any]]:
    """The ``k`` synthetic records closest to a real train record, each beside that record, for auditing.

    The train records are the scrubbed seeds (what the generator saw); seed PII spans are masked on both sides.
    """
    if k <= 0 or len(distances) == 0:
        return []
    related = np.flatnonzero(distances < 1.0 - 1e-9)  # distance 1: nothing in common, no closest seed to show
    order = related[np.argsort(distances[related], kind="stable")][:k]
    return [{"distance": float(distances[i]), "synthetic": mask_seed_pii(synthetic[i], seed_pii),
             "synthetic_label": synthetic[i].label, "seed": mask_seed_pii(train[int(nearest[i])], seed_pii),
             "seed_label": train[int(nearest[i])].label} for i in order]
