"""evaluate(): fidelity, utility and privacy of a synthetic corpus against real data, as metrics.json + report.html.

The report is one self-contained HTML file (plots inlined as base64 PNG). It shows synthetic examples only (the
synthetic data is already scrubbed; any span matching a seed PII hash is masked again) and never real records.
"""
from __future__ import annotations

import base64
import html
import io
import json
import logging
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..config import EvaluateConfig
from ..errors import InputError, ModelError
from ..records import Record
from . import fidelity as fid
from . import privacy as priv
from . import utility as util

log = logging.getLogger(__name__)

MAX_PAIRS = 2000  # (context, reply) pairs per corpus for the chat retrieval proxy
PLOT_POINTS = 800  # points per set in the embedding projection
N_EXAMPLES = 5


# --- inputs -------------------------------------------------------------------------------------------------


def _sample(records: list[Record], k: int, seed: int) -> list[Record]:
    if len(records) <= k:
        return records
    return random.Random(seed).sample(records, k)


def _split(records: list[Record], fraction: float, seed: int) -> tuple[list[Record], list[Record]]:
    """Seeded split of real records into (train, test), stratified by label when every label has two records."""
    from sklearn.model_selection import train_test_split

    if len(records) < 4:
        raise InputError("need at least 4 real records to hold out a test split (or pass real_test)")
    labels = [r.label for r in records]
    counts = {lab: labels.count(lab) for lab in set(labels)}
    stratify = labels if None not in counts and min(counts.values()) >= 2 else None
    train, test = train_test_split(records, test_size=fraction or 0.2, random_state=seed, stratify=stratify)
    return list(train), list(test)


# --- vectors ------------------------------------------------------------------------------------------------


def _embed(texts: list[str]) -> np.ndarray:
    from ..models.embeddings import embed

    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(embed(texts), dtype=np.float32)


class _TfidfSpace:
    """TF-IDF vectors fitted on real train: the stand-in representation when embeddings are off."""

    def __init__(self, train_texts: list[str]):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.train_texts = train_texts
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
        self.vectorizer.fit(train_texts)
        self._svd = None

    def transform(self, texts: list[str]):
        return self.vectorizer.transform(texts)  # rows are L2-normalised

    def dense(self, texts: list[str], dims: int = 64) -> np.ndarray:
        """LSA vectors (TF-IDF + truncated SVD fitted on real train), L2-normalised."""
        from sklearn.decomposition import TruncatedSVD

        if self._svd is None:
            x_train = self.transform(self.train_texts)
            k = max(2, min(dims, x_train.shape[1] - 1, x_train.shape[0] - 1))
            self._svd = TruncatedSVD(n_components=k, random_state=0).fit(x_train)
        v = self._svd.transform(self.transform(texts))
        return (v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)).astype(np.float32)


# --- the report ---------------------------------------------------------------------------------------------

REPORT_KIND = "report"  # owned-directory kind: manifest .textsynth-report.json


@dataclass
class Report:
    """Metrics (JSON-ready) plus what the HTML report needs: plot data and a few synthetic examples."""

    metrics: dict[str, Any]
    plots: dict[str, Any] = field(default_factory=dict, repr=False)
    examples: list[dict[str, Any]] = field(default_factory=list, repr=False)

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


def evaluate(
    synthetic: Sequence[Record],
    real_train: Sequence[Record],
    real_test: Sequence[Record] | None = None,
    config: EvaluateConfig = EvaluateConfig(),
    filter_stats: dict | None = None,
    canaries: Sequence[str] | None = None,
    seed_pii: Any = None,
) -> Report:
    """Measure fidelity, utility (train on synthetic, test on real) and privacy of ``synthetic`` against real data.

    ``real_test`` must be real records the generator never saw; without it a seeded stratified split of
    ``real_train`` (``config.test_fraction``) serves as test set and as the DCR holdout. ``seed_pii`` is a
    ``SeedPiiIndex`` (exact matches of seed PII values); ``canaries`` are secrets planted in the seeds.
    """
    t_start = time.time()
    synthetic, real_train = list(synthetic), list(real_train)
    if not synthetic:
        raise InputError("no synthetic records to evaluate")
    if not real_train:
        raise InputError("no real records to compare with")
    seed = config.seed
    test_source = "given"
    if not real_test:
        real_train, real_test = _split(real_train, config.test_fraction, seed)
        test_source = f"seeded split ({config.test_fraction:g} of the real records, seed {seed})"
    real_test = list(real_test)
    full_train_texts = [r.content() for r in real_train]
    syn = _sample(synthetic, config.max_records, seed)
    train = _sample(real_train, config.max_records, seed + 1)
    test = _sample(real_test, config.max_records, seed + 2)
    texts = {"synthetic": [r.content() for r in syn], "train": [r.content() for r in train],
             "test": [r.content() for r in test]}
    is_chat = any(r.is_chat for r in syn) or any(r.is_chat for r in train)
    timings: dict[str, float] = {}

    # Vectors: MiniLM embeddings, or TF-IDF fitted on real train when embeddings are off.
    t = time.time()
    tfidf = _TfidfSpace(texts["train"])
    emb: dict[str, np.ndarray] | None = None
    representation = "TF-IDF (word 1-2 grams) fitted on real train"
    if config.embeddings:
        try:
            emb = {name: _embed(ts) for name, ts in texts.items()}
            representation = "all-MiniLM-L6-v2 embeddings"
        except (ImportError, ModelError) as exc:  # MissingDependencyError is an ImportError
            log.warning("embeddings unavailable, using TF-IDF vectors instead: %s", exc)
            representation += " (embeddings unavailable)"
    timings["vectors"] = time.time() - t

    # Utility.
    t = time.time()
    labelled = (all(r.label is not None for r in syn) and all(r.label is not None for r in train + test)
                and len({r.label for r in train}) >= 2)
    if labelled:
        utility = util.classification_utility(
            [(x, r.label) for x, r in zip(texts["synthetic"], syn)],
            [(x, r.label) for x, r in zip(texts["train"], train)],
            [(x, r.label) for x, r in zip(texts["test"], test)],
            vectors=emb, seed=seed,
        )
        if is_chat:
            utility["task"] = "intent_classification"
    elif is_chat:
        encode = _embed if emb is not None else tfidf.dense
        utility = util.retrieval_utility(
            _cap_turns(syn, seed), _cap_turns(train, seed), test, encode=encode, seed=seed)
        utility["representation"] = "embeddings" if emb is not None else "TF-IDF + SVD"
    else:
        utility = {"task": "none", "reason": "no labels on both real and synthetic records and not a chat corpus"}
    timings["utility"] = time.time() - t

    # Privacy.
    t = time.time()
    if emb is not None:
        d_syn = priv.nearest_distances(emb["synthetic"], emb["train"])
        d_hold = priv.nearest_distances(emb["test"], emb["train"])
    else:
        ref = tfidf.transform(texts["train"])
        d_syn = priv.nearest_distances(tfidf.transform(texts["synthetic"]), ref)
        d_hold = priv.nearest_distances(tfidf.transform(texts["test"]), ref)
    privacy = priv.privacy_metrics(
        texts["synthetic"], full_train_texts, texts["test"], d_syn, d_hold,
        all_synthetic=[r.content() for r in synthetic], seed_pii=seed_pii, canaries=canaries,
    )
    privacy["dcr"]["representation"] = representation
    timings["privacy"] = time.time() - t

    # Fidelity.
    t = time.time()
    fidelity = fid.fidelity_metrics(
        texts["synthetic"], [r.label for r in syn], texts["train"] + texts["test"], [r.label for r in train + test],
        seed=seed, vectors=emb,
    )
    timings["fidelity"] = time.time() - t

    metrics: dict[str, Any] = {
        "meta": {
            "n_synthetic": len(synthetic), "n_real_train": len(real_train), "n_real_test": len(real_test),
            "n_evaluated": {"synthetic": len(syn), "train": len(train), "test": len(test)},
            "kind": "chat" if is_chat else "text", "test_split": test_source, "representation": representation,
            "embeddings": bool(emb), "seed": seed,
        },
        "utility": utility,
        "privacy": privacy,
        "fidelity": fidelity,
    }
    if filter_stats:
        metrics["filter"] = summarise_filter_stats(filter_stats)
    timings["total"] = time.time() - t_start
    metrics["meta"]["seconds"] = {k: round(v, 2) for k, v in timings.items()}

    plots = {
        "labels": fidelity["labels"],
        "lengths": {"synthetic": [len(fid.words(x)) for x in texts["synthetic"]],
                    "real": [len(fid.words(x)) for x in texts["train"] + texts["test"]]},
        "dcr": {"synthetic": d_syn.tolist(), "holdout": d_hold.tolist()},
        "projection": _projection(emb, texts, seed),
        "utility": utility,
        "filter": metrics.get("filter"),
    }
    return Report(metrics=metrics, plots=plots, examples=_examples(syn, seed_pii, seed))


def _cap_turns(records: list[Record], seed: int) -> list[Record]:
    """Enough conversations for about MAX_PAIRS (context, reply) pairs."""
    chats = [r for r in records if r.is_chat]
    rng = random.Random(seed)
    rng.shuffle(chats)
    out, n = [], 0
    for r in chats:
        if n >= MAX_PAIRS:
            break
        out.append(r)
        n += max(0, len(r.messages or []) - 1)
    return out


def _projection(emb: dict[str, np.ndarray] | None, texts: dict[str, list[str]], seed: int) -> dict:
    """2-D PCA of real (train + test) and synthetic vectors, fitted on both; a sample of points per set."""
    from sklearn.decomposition import PCA, TruncatedSVD

    rng = np.random.default_rng(seed)

    def pick(n: int) -> np.ndarray:
        return np.sort(rng.choice(n, min(n, PLOT_POINTS), replace=False)) if n else np.zeros(0, dtype=int)

    real_texts = texts["train"] + texts["test"]
    ri, si = pick(len(real_texts)), pick(len(texts["synthetic"]))
    if emb is not None:
        real = np.vstack([emb["train"], emb["test"]])[ri]
        syn = emb["synthetic"][si]
        both = np.vstack([real, syn])
        if len(both) < 3:
            return {}
        xy = PCA(n_components=2, random_state=seed).fit_transform(both)
        method = "PCA of MiniLM embeddings"
    else:
        from sklearn.feature_extraction.text import TfidfVectorizer

        # A vocabulary of both sides: one fitted on train alone would set train records apart from unseen ones.
        docs = [real_texts[i] for i in ri] + [texts["synthetic"][i] for i in si]
        x = TfidfVectorizer(sublinear_tf=True).fit_transform(docs)
        if x.shape[0] < 3 or x.shape[1] < 3:
            return {}
        xy = TruncatedSVD(n_components=3, random_state=seed).fit_transform(x)[:, 1:]  # the 1st follows doc length
        method = "SVD of TF-IDF vectors"
    return {"real": xy[: len(ri)].tolist(), "synthetic": xy[len(ri) :].tolist(), "method": method}


def _examples(records: list[Record], seed_pii: Any, seed: int) -> list[dict[str, Any]]:
    """A few synthetic records for the report, shortened, with any seed-PII span masked."""
    picked = random.Random(seed).sample(records, min(N_EXAMPLES, len(records)))

    def clean(text: str) -> str:
        if seed_pii is not None:
            for start, end in sorted(seed_pii.find(text), reverse=True):
                text = text[:start] + "[PII]" + text[end:]
        return text if len(text) <= 280 else text[:277] + "..."

    out = []
    for r in picked:
        if r.is_chat:
            turns = [f"{m.get('role', '?')}: {clean(m.get('content', ''))}" for m in (r.messages or [])[:4]]
            out.append({"label": r.label, "text": "\n".join(turns)})
        else:
            out.append({"label": r.label, "text": clean(r.text or "")})
    return out


def summarise_filter_stats(stats: dict) -> dict[str, Any]:
    """Drop counts per filter from the filter stage's stats, plus the raw stats.

    Reads the FilterRunner layout (``filters: {name: {dropped, reasons, ...}}``, ``candidates``, ``kept`` and
    ``resample``); a flat ``{filter: count}`` mapping under ``dropped_by_filter`` works too.
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
    for key in ("candidates", "kept", "rejected"):
        if isinstance(stats.get(key), (int, float)):
            out[key] = stats[key]
    resample = stats.get("resample")
    if isinstance(resample, dict):
        for key in ("generated", "acceptance_rate", "rounds", "drops_by_reason"):
            if resample.get(key) is not None:
                out[key] = resample[key]
    out["raw"] = stats
    return out


def read_lines(path: str | Path | None) -> list[str] | None:
    """Non-empty lines of a text file (e.g. canaries), or None."""
    if path is None:
        return None
    return [ln.strip() for ln in Path(path).read_text(encoding="utf-8-sig").splitlines() if ln.strip()]


# --- HTML ---------------------------------------------------------------------------------------------------

REAL_COLOUR, SYN_COLOUR = "#4c72b0", "#dd8452"
_CLF_NAMES = {"tfidf_lr": "TF-IDF + LR", "embedding_lr": "MiniLM + LR"}

_CSS = """
body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#222;
 margin:0;background:#f6f7f9;line-height:1.45}
main{max-width:1120px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 10px;border-bottom:2px solid #e3e5e8;padding-bottom:4px}
h3{font-size:15px;margin:16px 0 6px}
.sub{color:#555;font-size:14px;margin-bottom:18px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px;margin:16px 0}
.card{background:#fff;border-radius:8px;padding:12px 14px;border-left:6px solid #999;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card .k{font-size:12px;color:#666;text-transform:uppercase;letter-spacing:.04em}
.card .v{font-size:24px;font-weight:600;margin:2px 0}.card .n{font-size:12.5px;color:#555}
.good{border-left-color:#2e9d57}.fair{border-left-color:#e0a800}.bad{border-left-color:#d2393c}.info{border-left-color:#4c72b0}
table{border-collapse:collapse;background:#fff;width:100%;font-size:14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
th,td{padding:6px 10px;border-bottom:1px solid #eceef1;text-align:left;vertical-align:top}
th{background:#eef0f3;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.figs{display:grid;grid-template-columns:1fr 1fr;gap:14px}
figure{margin:0;background:#fff;border-radius:8px;padding:8px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
figure img{width:100%;height:auto;display:block}figcaption{font-size:12.5px;color:#555;padding:4px 4px 0}
.alarm{background:#fdecea;border:1px solid #f5c2c0;border-radius:6px;padding:8px 12px;margin:8px 0}
.ok{background:#eaf6ee;border:1px solid #bfe3cb;border-radius:6px;padding:8px 12px;margin:8px 0}
.ex{white-space:pre-wrap;font-size:13.5px}.muted{color:#666;font-size:13px}
details{margin-top:10px}summary{cursor:pointer;color:#4c72b0}
pre{font-size:12px;background:#fff;padding:10px;overflow:auto;border-radius:6px}
"""


def _fmt(v: Any, pct: bool = False) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if v != v:
            return "n/a"
        return f"{v:.1%}" if pct else f"{v:.3f}"
    return html.escape(str(v))


def _png(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _figures(report: Report) -> dict[str, str]:
    """Render the plots as PNG data URIs (matplotlib, Agg backend)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 9, "axes.spines.top": False, "axes.spines.right": False})
    plots, figs = report.plots, {}

    labels = plots.get("labels") or {}
    if _has_labels(labels):
        keys = sorted(set(labels.get("real", {})) | set(labels.get("synthetic", {})))
        fig, ax = plt.subplots(figsize=(5.6, 3.2))
        x = np.arange(len(keys))
        w = 0.38
        ax.bar(x - w / 2, [labels["real"].get(k, 0) for k in keys], w, label="real", color=REAL_COLOUR)
        ax.bar(x + w / 2, [labels["synthetic"].get(k, 0) for k in keys], w, label="synthetic", color=SYN_COLOUR)
        ax.set_xticks(x, [k if len(k) <= 14 else k[:13] + "…" for k in keys], rotation=30 if len(keys) > 4 else 0,
                      ha="right" if len(keys) > 4 else "center")
        ax.set_ylabel("share of records")
        ax.set_title("Label distribution")
        ax.legend(frameon=False)
        figs["labels"] = _png(fig)

    lengths = plots.get("lengths") or {}
    if lengths.get("synthetic") and lengths.get("real"):
        fig, ax = plt.subplots(figsize=(5.6, 3.2))
        allv = np.array(lengths["real"] + lengths["synthetic"])
        hi = max(5, int(np.percentile(allv, 99)))
        step = max(1, int(np.ceil(hi / 30)))
        bins = np.arange(0, hi + step + 1, step) - 0.5  # integer-aligned bins: no empty/double bins
        ax.hist(np.clip(lengths["real"], 0, hi), bins=bins, density=True, alpha=0.55, label="real", color=REAL_COLOUR)
        ax.hist(np.clip(lengths["synthetic"], 0, hi), bins=bins, density=True, alpha=0.55, label="synthetic",
                color=SYN_COLOUR)
        ax.set_xlabel("words per record")
        ax.set_ylabel("density")
        ax.set_title("Length distribution")
        ax.legend(frameon=False)
        figs["lengths"] = _png(fig)

    proj = plots.get("projection") or {}
    if proj.get("real") and proj.get("synthetic"):
        fig, ax = plt.subplots(figsize=(5.6, 4.0))
        r, s = np.array(proj["real"]), np.array(proj["synthetic"])
        ax.scatter(r[:, 0], r[:, 1], s=7, alpha=0.45, label="real", color=REAL_COLOUR, linewidths=0)
        ax.scatter(s[:, 0], s[:, 1], s=7, alpha=0.45, label="synthetic", color=SYN_COLOUR, linewidths=0)
        ax.set_title(f"Real vs synthetic ({proj.get('method', 'projection')})")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.legend(frameon=False, markerscale=2.5)
        figs["projection"] = _png(fig)

    dcr = plots.get("dcr") or {}
    if dcr.get("synthetic"):
        fig, ax = plt.subplots(figsize=(5.6, 4.0))
        s = np.array(dcr["synthetic"])
        h = np.array(dcr.get("holdout") or [])
        hi = max(0.05, float(np.max(np.concatenate([s, h]))) if h.size else float(s.max()))
        bins = np.linspace(0, hi * 1.02, 35)
        if h.size:
            ax.hist(h, bins=bins, density=True, alpha=0.55, label="real holdout → train", color=REAL_COLOUR)
            ax.axvline(np.median(h), color=REAL_COLOUR, ls="--", lw=1)
        ax.hist(s, bins=bins, density=True, alpha=0.55, label="synthetic → train", color=SYN_COLOUR)
        ax.axvline(np.median(s), color=SYN_COLOUR, ls="--", lw=1)
        ax.set_xlabel("cosine distance to the closest real train record (dashed: medians)")
        ax.set_ylabel("density")
        ax.set_title("Distance to closest record (DCR)")
        ax.legend(frameon=False)
        figs["dcr"] = _png(fig)

    util_m = plots.get("utility") or {}
    bars = _utility_bars(util_m)
    if bars:
        groups, sets, values, metric = bars
        fig, ax = plt.subplots(figsize=(5.6, 3.2))
        x = np.arange(len(groups))
        w = 0.8 / len(sets)
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
        figs["utility"] = _png(fig)

    filt = plots.get("filter") or {}
    drops = filt.get("dropped_by_filter") or {}
    if drops:
        items = sorted(drops.items(), key=lambda kv: kv[1])
        fig, ax = plt.subplots(figsize=(5.6, 0.5 + 0.35 * len(items)))
        ax.barh([k for k, _ in items], [v for _, v in items], color="#8172b3")
        for i, (_, v) in enumerate(items):
            ax.text(v, i, f" {v}", va="center", fontsize=8)
        ax.set_xlabel("candidates dropped")
        ax.set_title("Drops per filter")
        figs["filter"] = _png(fig)
    return figs


def _has_labels(shares: dict) -> bool:
    """False when neither side has labels (all records counted as "(none)")."""
    return any(set(v) - {"(none)"} for v in shares.values())


def _utility_bars(u: dict) -> tuple[list[str], list[str], dict, str] | None:
    if u.get("classifiers"):
        groups, values = [], {}
        for name, per in u["classifiers"].items():
            groups.append(_CLF_NAMES.get(name, name))
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


def _card(title: str, value: str, note: str, level: str) -> str:
    return (f'<div class="card {level}"><div class="k">{html.escape(title)}</div><div class="v">{value}</div>'
            f'<div class="n">{note}</div></div>')


def _cards(m: dict) -> str:
    u, p, f = m["utility"], m["privacy"], m["fidelity"]
    cards = []
    ratio = u.get("ratio_macro_f1_tfidf", u.get("ratio_recall@1"))
    if ratio is not None:
        what = "macro-F1, TF-IDF+LR" if "ratio_macro_f1_tfidf" in u else "next-turn recall@1"
        level = "good" if ratio >= 0.9 else "fair" if ratio >= 0.7 else "bad"
        note = f"synthetic-trained / real-trained ({what})"
        if "ratio_macro_f1_tfidf_same_size" in u:
            note += f"; {u['ratio_macro_f1_tfidf_same_size']:.2f} against real data of the same size"
        cards.append(_card("Utility ratio", f"{ratio:.2f}", note, level))
    mem, mem_h = p["memorisation_rate"], p.get("memorisation_rate_holdout")
    level = "good" if mem <= (mem_h or 0) + 0.02 else "fair" if mem <= (mem_h or 0) + 0.10 else "bad"
    cards.append(_card("Memorisation", f"{mem:.1%}", f"records sharing an 8-gram with train (unseen real: {_fmt(mem_h, True)})",
                       level))
    cards.append(_card("DCR alarm", "raised" if p["dcr_alarm"] else "none",
                       f"median distance synthetic {_fmt(p['dcr_median_synthetic'])} vs holdout {_fmt(p['dcr_median_holdout'])}",
                       "bad" if p["dcr_alarm"] else "good"))
    if "pii_matches" in p:
        cards.append(_card("Seed PII matches", f"{p['pii_matches']:,}",
                           f"of {m['meta']['n_synthetic']:,} synthetic records contain a seed PII value (a detected "
                           "seed span: names, places, dates)",
                           "good" if p["pii_matches"] == 0 else "bad"))
    if "canaries_exposed" in p:
        cards.append(_card("Canaries exposed", f"{p['canaries_exposed']} / {p['canaries']['canaries']}",
                           "planted secrets found in the synthetic data", "good" if p["canaries_exposed"] == 0 else "bad"))
    tv = f.get("label_tv")
    if tv is not None:  # None: the real records carry no labels
        cards.append(_card("Label distance", f"{tv:.3f}", "total variation, synthetic vs real labels",
                           "good" if tv <= 0.05 else "fair" if tv <= 0.15 else "bad"))
    return '<div class="cards">' + "".join(cards) + "</div>"


def _headline_table(m: dict) -> str:
    u, p, f = m["utility"], m["privacy"], m["fidelity"]
    rows: list[tuple[str, Any, Any, str, bool]] = []  # metric, synthetic, real reference, note, percent
    for key, name in (("tfidf_lr", "TF-IDF + LR"), ("embedding_lr", "MiniLM embeddings + LR")):
        per = u.get("classifiers", {}).get(key)
        if per and "macro_f1" in per.get("synthetic", {}) and "macro_f1" in per.get("real", {}):
            note = f"ratio {per['ratio']['macro_f1']:.2f}" if "ratio" in per else ""
            if "ratio_same_size" in per:
                note += (f"; vs real of the same size ({per[util.SAME_SIZE]['macro_f1']:.3f}): "
                         f"{per['ratio_same_size']['macro_f1']:.2f}")
            rows.append((f"Macro-F1 on real test, {name}", per["synthetic"]["macro_f1"], per["real"]["macro_f1"],
                         note, False))
            rows.append((f"Accuracy on real test, {name}", per["synthetic"]["accuracy"], per["real"]["accuracy"],
                         f"real + synthetic: {per['real+synthetic'].get('accuracy', float('nan')):.3f}"
                         if "real+synthetic" in per else "", False))
    ret = u.get("retrieval")
    if ret:
        for k in ("recall@1", "recall@5"):
            rows.append((f"Next-turn retrieval {k}", ret.get("synthetic", {}).get(k), ret.get("real", {}).get(k),
                         f"no training: {ret.get('no_training', {}).get(k, float('nan')):.3f}", False))
    rows += [
        ("Memorisation (shares a word 8-gram with train)", p["memorisation_rate"], p.get("memorisation_rate_holdout"),
         "reference: unseen real records", True),
        ("Exact copies of a train record", p["exact_copy_rate"], None, "", True),
        ("DCR median (cosine distance to closest train record)", p["dcr_median_synthetic"], p["dcr_median_holdout"],
         "reference: real holdout → train", False),
        ("DCR 5th percentile", p["dcr_p5_synthetic"], p["dcr_p5_holdout"], "lower = closer to train", False),
    ]
    if f.get("label_tv") is not None:
        rows.append(("Label distribution, total variation", f["label_tv"], None, f"JS divergence {f['label_js']:.3f}", False))
    rows += [
        ("Mean words per record", f["mean_words_synthetic"], f["mean_words_real"], "", False),
        ("Distinct-2", f["distinct_2_synthetic"], f["distinct_2_real"], f"on {f['diversity']['sample_records']} records each", False),
        ("Self-BLEU (higher = more repetitive)", f["self_bleu_synthetic"], f["self_bleu_real"], "", False),
    ]
    if "frechet_distance" in f:
        rows.append(("Fréchet distance to real train (MiniLM)", f["frechet_distance"], f.get("frechet_baseline_real"),
                     f"reference: real holdout, {f['frechet_sample']} records each", False))
    if "mauve" in f:
        rows.append(("MAUVE (vs real train)", f["mauve"], None, "", False))
    body = "".join(
        f"<tr><td>{html.escape(name)}</td><td class='num'>{_fmt(s, pct)}</td><td class='num'>{_fmt(r, pct)}</td>"
        f"<td class='muted'>{html.escape(note)}</td></tr>"
        for name, s, r, note, pct in rows
    )
    return ("<table><tr><th>Metric</th><th style='text-align:right'>Synthetic</th>"
            "<th style='text-align:right'>Real (reference)</th><th>Note</th></tr>" + body + "</table>")


def _utility_table(u: dict) -> str:
    if u.get("classifiers"):
        rows = []
        for clf, per in u["classifiers"].items():
            for s in util.TRAIN_SETS + (util.SAME_SIZE,):
                r = per.get(s, {})
                if not r:
                    continue
                cells = (f"<td class='num'>{_fmt(r.get('accuracy'))}</td><td class='num'>{_fmt(r.get('macro_f1'))}</td>"
                         if "accuracy" in r else f"<td colspan=2>{html.escape(r.get('error', ''))}</td>")
                rows.append(f"<tr><td>{_CLF_NAMES.get(clf, html.escape(clf))}</td><td>{s}</td>{cells}</tr>")
        return ("<table><tr><th>Classifier</th><th>Trained on</th><th style='text-align:right'>Accuracy</th>"
                "<th style='text-align:right'>Macro-F1</th></tr>" + "".join(rows) + "</table>")
    if u.get("retrieval"):
        rows = []
        for s in ("no_training",) + util.TRAIN_SETS:
            r = u["retrieval"].get(s, {})
            rows.append(f"<tr><td>{s}</td><td class='num'>{_fmt(r.get('recall@1'))}</td>"
                        f"<td class='num'>{_fmt(r.get('recall@5'))}</td><td class='num'>{_fmt(r.get('pairs'))}</td></tr>")
        return ("<table><tr><th>Context→reply map fitted on</th><th style='text-align:right'>Recall@1</th>"
                "<th style='text-align:right'>Recall@5</th><th style='text-align:right'>Pairs</th></tr>"
                + "".join(rows) + "</table>")
    return f"<p class='muted'>{html.escape(u.get('reason') or u.get('error') or 'no utility measured')}</p>"


def _fig(figs: dict[str, str], key: str, caption: str) -> str:
    if key not in figs:
        return ""
    return f'<figure><img src="{figs[key]}" alt="{html.escape(key)}"><figcaption>{html.escape(caption)}</figcaption></figure>'


def render_html(report: Report) -> str:
    """The self-contained HTML report."""
    m = report.metrics
    meta, u, p = m["meta"], m["utility"], m["privacy"]
    figs = _figures(report)
    n = meta["n_evaluated"]
    sub = (f"{meta['n_synthetic']:,} synthetic records ({meta['kind']}) against {meta['n_real_train']:,} real train and "
           f"{meta['n_real_test']:,} real test records (test split: {html.escape(meta['test_split'])}). "
           f"Vectors: {html.escape(meta['representation'])}. Generated {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.")
    if n["synthetic"] < meta["n_synthetic"] or n["train"] < meta["n_real_train"]:
        sub += f" Samples evaluated: {n['synthetic']:,} synthetic, {n['train']:,} train, {n['test']:,} test."
    dcr = p["dcr"]
    if dcr["alarm"]:
        dcr_box = ('<div class="alarm"><b>DCR alarm:</b> synthetic records sit closer to the real train data than unseen '
                   "real records do.<ul>" + "".join(f"<li>{html.escape(r)}</li>" for r in dcr["alarm_reasons"]) + "</ul></div>")
    else:
        dcr_box = ('<div class="ok"><b>No DCR alarm:</b> synthetic records are no closer to the real train data than unseen '
                   "real records are.</div>")
    utility_caption = {"classification": "Each classifier is trained on real train, synthetic, and both; all are tested on "
                       "the same real test split.",
                       "intent_classification": "Intent classification on conversations, trained on each corpus, tested on real.",
                       "next_turn_retrieval": "Proxy for chat data: a linear context→reply map fitted on each corpus ranks the "
                       "true next turn among all real test replies."}.get(u.get("task"), "")
    examples = "".join(
        f"<tr><td>{html.escape(str(e.get('label') or ''))}</td><td class='ex'>{html.escape(e['text'])}</td></tr>"
        for e in report.examples
    )
    filt = m.get("filter")
    filter_html = ""
    if filt:
        facts = [f"{filt['dropped_total']:,} candidates dropped by the filters"]
        if isinstance(filt.get("candidates"), int):
            facts.insert(0, f"{filt['candidates']:,} candidates checked")
        if isinstance(filt.get("kept"), int):
            facts.append(f"{filt['kept']:,} kept")
        if isinstance(filt.get("acceptance_rate"), float):
            facts.append(f"acceptance rate {filt['acceptance_rate']:.0%}")
        filter_html = (f"<h2>Filtering</h2><p>{html.escape('; '.join(facts))}.</p>"
                       + '<div class="figs">' + _fig(figs, "filter", "Candidates dropped by each filter of the generate-filter loop.") + "</div>")
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>textsynth evaluation report</title>",
        "<meta name='viewport' content='width=device-width,initial-scale=1'>",
        f"<style>{_CSS}</style></head><body><main>",
        "<h1>Synthetic data evaluation</h1>",
        f"<div class='sub'>{sub}</div>",
        _cards(m),
        "<h2>Headline figures</h2>",
        _headline_table(m),
        "<h2>Utility</h2>",
        f"<p class='muted'>{html.escape(utility_caption)}</p>",
        '<div class="figs">', _fig(figs, "utility", "Higher is better; a synthetic bar close to the real bar means the synthetic data can stand in for the real data."),
        "<div>" + _utility_table(u) + "</div></div>",
        "<h2>Fidelity</h2>",
        '<div class="figs">',
        _fig(figs, "labels", "Share of each label in real and synthetic records."),
        _fig(figs, "lengths", "Words per record."),
        _fig(figs, "projection", "Two-dimensional projection fitted on both sets; synthetic points covering the real cloud suggest similar content."),
        "</div>",
        "<h2>Privacy</h2>",
        dcr_box,
        '<div class="figs">',
        _fig(figs, "dcr", "Cosine distance from each synthetic record, and each unseen real record, to its closest real train record. A synthetic mass near zero means copies."),
        "<div><table>"
        f"<tr><th>Check</th><th style='text-align:right'>Value</th></tr>"
        f"<tr><td>Synthetic records sharing a word 8-gram with train</td><td class='num'>{_fmt(p['memorisation_rate'], True)}</td></tr>"
        f"<tr><td>Unseen real records sharing a word 8-gram with train</td><td class='num'>{_fmt(p.get('memorisation_rate_holdout'), True)}</td></tr>"
        f"<tr><td>Exact copies of a train record</td><td class='num'>{_fmt(p['exact_copy_rate'], True)}</td></tr>"
        f"<tr><td>Synthetic near-duplicates (DCR &lt; {priv.NEAR_ZERO_DCR})</td><td class='num'>{_fmt(dcr['synthetic']['near_zero_share'], True)}</td></tr>"
        f"<tr><td>Synthetic closer than the holdout's 5th percentile (5% at parity)</td><td class='num'>{_fmt(dcr.get('share_below_holdout_p5'), True)}</td></tr>"
        + (f"<tr><td>Synthetic records containing a seed PII value</td><td class='num'>{_fmt(p['pii_matches'])}</td></tr>" if "pii_matches" in p else
           "<tr><td>Seed PII matches</td><td class='num muted'>not checked (no seed PII index)</td></tr>")
        + (f"<tr><td>Canaries exposed (verbatim / by an 8-gram)</td><td class='num'>{p['canaries']['exposed_verbatim']} / {p['canaries']['exposed_partial']}</td></tr>" if "canaries" in p else "")
        + "</table></div></div>",
        filter_html,
        "<h2>Synthetic examples</h2>",
        "<p class='muted'>A few random synthetic records (already scrubbed; seed PII spans would show as [PII]). "
        "Real records are never shown.</p>",
        f"<table><tr><th style='width:110px'>Label</th><th>Text</th></tr>{examples}</table>",
        "<h2>How to read this</h2><ul class='muted'>",
        "<li><b>Utility ratio</b>: the score of a model trained on synthetic data divided by the score of the same model "
        "trained on real data, both tested on real data the generator never saw. Around 1 means the synthetic data can stand in.</li>",
        "<li><b>Memorisation</b>: share of synthetic records with a run of 8 words that also occurs in the real train data "
        "(short records: identical to a train record). Unseen real records give the natural rate of shared phrases.</li>",
        "<li><b>DCR</b>: distance to the closest real train record. Synthetic data should sit no closer than unseen real data; "
        "the alarm is raised when its median is below 80% of the holdout's, its 5th percentile below half, more than 10% "
        "of it (more for small samples) is closer than the holdout's 5th percentile, or it has clearly more "
        "near-duplicates.</li>",
        "<li><b>Fréchet distance</b>: distance between Gaussians fitted to the embeddings; compare with the value for real "
        "unseen records of the same sample size. <b>Self-BLEU</b> high / <b>distinct-2</b> low means repetitive text.</li>",
        "</ul>",
        "<details><summary>All metrics (metrics.json)</summary><pre>"
        + html.escape(json.dumps(m, indent=1, default=_json_default)) + "</pre></details>",
        "</main></body></html>",
    ]
    return "\n".join(parts)
