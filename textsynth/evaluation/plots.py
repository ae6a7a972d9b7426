"""The report's figures (matplotlib, Agg backend), each returned as a PNG data URI for inlining in the HTML."""
from __future__ import annotations

import base64
import io
from typing import Any, Callable

import numpy as np

from . import utility as util

REAL_COLOUR, SYN_COLOUR = "#4c72b0", "#dd8452"
CLASSIFIER_NAMES = {"tfidf_lr": "TF-IDF + LR", "embedding_lr": "MiniLM + LR"}
WIDTH = 5.6


def figures(plots: dict[str, Any]) -> dict[str, str]:
    """Every figure the plot data allows, by name: labels, lengths, projection, dcr, utility, confusion, filter,
    drops_by_label."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 9, "axes.spines.top": False, "axes.spines.right": False})
    makers: dict[str, Callable[[Any, Any], Any]] = {
        "labels": _labels, "lengths": _lengths, "projection": _projection, "dcr": _dcr, "utility": _utility,
        "confusion": _confusion, "filter": _filter_drops, "drops_by_label": _drops_by_label,
    }
    out = {}
    for name, make in makers.items():
        fig = make(plt, plots)
        if fig is not None:
            out[name] = _png(plt, fig)
    return out


def _png(plt: Any, fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def has_labels(shares: dict) -> bool:
    """False when neither side has labels (all records counted as "(none)")."""
    return any(set(v) - {"(none)"} for v in shares.values())


def _labels(plt: Any, plots: dict) -> Any:
    labels = plots.get("labels") or {}
    if not has_labels(labels):
        return None
    keys = sorted(set(labels.get("real", {})) | set(labels.get("synthetic", {})))
    fig, ax = plt.subplots(figsize=(WIDTH, 3.2))
    x, w = np.arange(len(keys)), 0.38
    ax.bar(x - w / 2, [labels["real"].get(k, 0) for k in keys], w, label="real", color=REAL_COLOUR)
    ax.bar(x + w / 2, [labels["synthetic"].get(k, 0) for k in keys], w, label="synthetic", color=SYN_COLOUR)
    many = len(keys) > 4
    ax.set_xticks(x, [k if len(k) <= 14 else k[:13] + "…" for k in keys], rotation=30 if many else 0,
                  ha="right" if many else "center")
    return _labelled(fig, ax, "Label distribution", None, "share of records")


def _lengths(plt: Any, plots: dict) -> Any:
    lengths = plots.get("lengths") or {}
    if not (lengths.get("synthetic") and lengths.get("real")):
        return None
    fig, ax = plt.subplots(figsize=(WIDTH, 3.2))
    allv = np.array(lengths["real"] + lengths["synthetic"])
    hi = max(5, int(np.percentile(allv, 99)))
    step = max(1, int(np.ceil(hi / 30)))
    bins = np.arange(0, hi + step + 1, step) - 0.5  # integer-aligned bins: no empty/double bins
    ax.hist(np.clip(lengths["real"], 0, hi), bins=bins, density=True, alpha=0.55, label="real", color=REAL_COLOUR)
    ax.hist(np.clip(lengths["synthetic"], 0, hi), bins=bins, density=True, alpha=0.55, label="synthetic",
            color=SYN_COLOUR)
    return _labelled(fig, ax, "Length distribution", "words per record", "density")


def _labelled(fig: Any, ax: Any, title: str, xlabel: str | None, ylabel: str | None) -> Any:
    """Title, axis labels and a frameless legend: the finish every real-vs-synthetic figure shares."""
    ax.set_title(title)
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    ax.legend(frameon=False)
    return fig


def _projection(plt: Any, plots: dict) -> Any:
    proj = plots.get("projection") or {}
    if not (proj.get("real") and proj.get("synthetic")):
        return None
    fig, ax = plt.subplots(figsize=(WIDTH, 4.0))
    r, s = np.array(proj["real"]), np.array(proj["synthetic"])
    ax.scatter(r[:, 0], r[:, 1], s=7, alpha=0.45, label="real", color=REAL_COLOUR, linewidths=0)
    ax.scatter(s[:, 0], s[:, 1], s=7, alpha=0.45, label="synthetic", color=SYN_COLOUR, linewidths=0)
    ax.set_title(f"Real vs synthetic ({proj.get('method', 'projection')})")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.legend(frameon=False, markerscale=2.5)
    return fig


def _dcr(plt: Any, plots: dict) -> Any:
    dcr = plots.get("dcr") or {}
    if not dcr.get("synthetic"):
        return None
    fig, ax = plt.subplots(figsize=(WIDTH, 4.0))
    s, h = np.array(dcr["synthetic"]), np.array(dcr.get("holdout") or [])
    hi = max(0.05, float(np.max(np.concatenate([s, h]))) if h.size else float(s.max()))
    bins = np.linspace(0, hi * 1.02, 35)
    if h.size:
        ax.hist(h, bins=bins, density=True, alpha=0.55, label="real holdout → train", color=REAL_COLOUR)
        ax.axvline(np.median(h), color=REAL_COLOUR, ls="--", lw=1)
    ax.hist(s, bins=bins, density=True, alpha=0.55, label="synthetic → train", color=SYN_COLOUR)
    ax.axvline(np.median(s), color=SYN_COLOUR, ls="--", lw=1)
    return _labelled(fig, ax, "Distance to closest record (DCR)",
                     "cosine distance to the closest real train record (dashed: medians)", "density")


def _utility(plt: Any, plots: dict) -> Any:
    bars = utility_bars(plots.get("utility") or {})
    if not bars:
        return None
    groups, sets, values, metric = bars
    fig, ax = plt.subplots(figsize=(WIDTH, 3.2))
    x, w = np.arange(len(groups)), 0.8 / len(sets)
    colours = {"real": REAL_COLOUR, util.SAME_SIZE: "#9db4d9", "synthetic": SYN_COLOUR, "real+synthetic": "#55a868"}
    for j, name in enumerate(sets):
        ax.bar(x + (j - (len(sets) - 1) / 2) * w, [values[g].get(name, 0) for g in groups], w,
               label=f"trained on {name}", color=colours.get(name, "#999"))
    for i, g in enumerate(groups):
        if "no training" in values[g]:
            ax.hlines(values[g]["no training"], i - 0.45, i + 0.45, colors="#555", linestyles="--", lw=1,
                      label="no training" if i == 0 else None)
    ax.set_xticks(x, groups)
    ax.set_ylabel(f"{metric} on real test")
    top = max([v for g in groups for v in values[g].values()] + [0.05])
    ax.set_ylim(0, 1.3 if top > 0.5 else top * 1.6)
    if top > 0.5:
        ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_title("Utility: train on synthetic, test on real")
    ax.legend(frameon=False, fontsize=7.5, loc="upper center", ncol=2)
    return fig


def synthetic_trained_scores(utility: dict) -> tuple[str, dict] | None:
    """(classifier name, scores) of the first classifier trained on synthetic data with per-class scores."""
    for name, per in (utility.get("classifiers") or {}).items():
        scores = per.get("synthetic") or {}
        if "confusion" in scores:
            return CLASSIFIER_NAMES.get(name, name), scores
    return None


def _confusion(plt: Any, plots: dict) -> Any:
    found = synthetic_trained_scores(plots.get("utility") or {})
    if found is None:
        return None
    name, scores = found
    labels, matrix = scores["confusion"]["labels"], np.array(scores["confusion"]["matrix"])
    size = max(3.0, 0.55 * len(labels) + 2.0)
    fig, ax = plt.subplots(figsize=(size + 0.8, size))
    ax.imshow(matrix, cmap="Blues")
    for (i, j), v in np.ndenumerate(matrix):
        ax.text(j, i, str(v), ha="center", va="center", color="white" if v > matrix.max() / 2 else "#222")
    short = [k if len(k) <= 12 else k[:11] + "…" for k in labels]
    ax.set_xticks(range(len(labels)), short, rotation=30 if len(labels) > 3 else 0)
    ax.set_yticks(range(len(labels)), short)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true (real test)")
    ax.set_title(f"Confusion matrix, {name} trained on synthetic")
    return fig


def _filter_drops(plt: Any, plots: dict) -> Any:
    drops = (plots.get("filter") or {}).get("dropped_by_filter") or {}
    return _hbar(plt, drops, "candidates dropped", "Drops per filter", "#8172b3")


def _drops_by_label(plt: Any, plots: dict) -> Any:
    per_label = (plots.get("filter") or {}).get("drops_by_label") or {}
    totals = {label: sum(reasons.values()) for label, reasons in per_label.items()}
    return _hbar(plt, totals, "candidates not kept (any reason, surplus included)", "Drops per requested label",
                 "#c44e52")


def _hbar(plt: Any, counts: dict[str, int], xlabel: str, title: str, colour: str) -> Any:
    if not counts:
        return None
    items = sorted(counts.items(), key=lambda kv: kv[1])
    fig, ax = plt.subplots(figsize=(WIDTH, 0.5 + 0.35 * len(items)))
    ax.barh([k for k, _ in items], [v for _, v in items], color=colour)
    for i, (_, v) in enumerate(items):
        ax.text(v, i, f" {v}", va="center", fontsize=8)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    return fig


def utility_bars(u: dict) -> tuple[list[str], list[str], dict, str] | None:
    """(groups, training sets, values per group and set, metric name) for the utility bar chart."""
    if u.get("classifiers"):
        groups, values = [], {}
        for name, per in u["classifiers"].items():
            groups.append(CLASSIFIER_NAMES.get(name, name))
            values[groups[-1]] = {s: per[s]["macro_f1"] for s in util.TRAIN_SETS + (util.SAME_SIZE,)
                                  if "macro_f1" in per.get(s, {})}
        sets = list(util.TRAIN_SETS)
        if any(util.SAME_SIZE in v for v in values.values()):
            sets.insert(1, util.SAME_SIZE)
        return groups, sets, values, "macro-F1"
    if u.get("retrieval"):
        res = u["retrieval"]
        groups = ["recall@1", "recall@5"]
        values = {g: {s: res[s][g] for s in util.TRAIN_SETS if g in res.get(s, {})} for g in groups}
        for g in groups:
            if g in res.get("no_training", {}):
                values[g]["no training"] = res["no_training"][g]
        return groups, list(util.TRAIN_SETS), values, "recall"
    return None
