"""Report: the evaluation's metrics (metrics.json) and what the HTML report shows (report.html).

``evaluate.evaluate`` computes a Report; ``render`` turns it into one self-contained HTML file (jinja2 template,
plots inlined as base64 PNG).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .render import render_html

REPORT_KIND = "report"  # owned-directory kind: manifest .textsynth-report.json
__all__ = ["Report", "headline", "read_lines", "REPORT_KIND"]


@dataclass
class Report:
    """Metrics (JSON-ready) plus what the HTML report needs: plot data, a few synthetic examples, audit pairs."""

    metrics: dict[str, Any]
    plots: dict[str, Any] = field(default_factory=dict, repr=False)
    examples: list[dict[str, Any]] = field(default_factory=list, repr=False)
    closest_pairs: list[dict[str, Any]] = field(default_factory=list, repr=False)

    def to_json(self, path: str | Path) -> Path:
        from ..io import write_json

        return write_json(path, self.metrics, indent=2, default=_json_default)

    def to_html(self, path: str | Path) -> Path:
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(render_html(self), encoding="utf-8")
        return p

    def write(self, out_dir: str | Path, overwrite: bool = False) -> Path:
        """Write ``metrics.json`` and ``report.html`` as a new report directory; returns it.

        ``out_dir`` must be new, empty, or (with ``overwrite``) a previous textsynth report holding nothing else
        (``outdir.owned_output_dir``): a directory textsynth did not write is never written into.
        """
        from ..outdir import owned_output_dir

        d = Path(out_dir).resolve()
        with owned_output_dir(d, REPORT_KIND, overwrite) as staging:
            self.to_json(staging / "metrics.json")
            self.to_html(staging / "report.html")
        return d

    def headline(self) -> dict[str, Any]:
        """The few figures worth printing: utility ratio, memorisation, DCR medians and alarm, PII matches."""
        return headline(self.metrics)


def headline(m: dict[str, Any]) -> dict[str, Any]:
    """Headline figures of a metrics dict (as in metrics.json), for consoles and dataset cards."""
    u, p, f = m.get("utility", {}), m.get("privacy", {}), m.get("fidelity", {})
    keys = [
        ("utility", "ratio_macro_f1_tfidf"), ("utility", "ratio_macro_f1_tfidf_same_size"),
        ("utility", "ratio_macro_f1_embedding"),
        ("utility", "ratio_recall@1"), ("privacy", "memorisation_rate"),
        ("privacy", "memorisation_rate_holdout"), ("privacy", "dcr_median_synthetic"),
        ("privacy", "dcr_median_holdout"), ("privacy", "dcr_alarm"), ("privacy", "pii_matches"),
        ("fidelity", "label_tv"), ("fidelity", "frechet_distance"), ("fidelity", "frechet_baseline_real"),
        ("fidelity", "self_bleu_synthetic"), ("fidelity", "self_bleu_real"),
    ]
    sections = {"utility": u, "privacy": p, "fidelity": f}
    return {f"{s}.{k}": sections[s][k] for s, k in keys if sections[s].get(k) is not None}


def _json_default(o: Any) -> Any:
    if isinstance(o, (np.floating, np.integer)):
        return o.item()
    if isinstance(o, np.ndarray):
        return o.tolist()
    return str(o)


def read_lines(path: str | Path | None) -> list[str] | None:
    """Non-empty lines of a text file (e.g. canaries), or None."""
    if path is None:
        return None
    return [ln.strip() for ln in Path(path).read_text(encoding="utf-8-sig").splitlines() if ln.strip()]
