"""report.html from a Report: the numbers arranged for reading, rendered with the jinja2 template shipped with
textsynth (``templates/report.html.j2``, autoescaped) and the figures of ``plots`` inlined as PNG."""
from __future__ import annotations

import json
import math
import time
from typing import TYPE_CHECKING, Any

from . import privacy as priv
from . import utility as util
from .plots import CLASSIFIER_NAMES, figures, synthetic_trained_scores

if TYPE_CHECKING:
    from .report import Report

UTILITY_CAPTIONS = {
    "classification": "Each classifier is trained on real train, synthetic, and both; all are tested on the same real "
                      "test split.",
    "intent_classification": "Intent classification on conversations, trained on each corpus, tested on real.",
    "next_turn_retrieval": "Proxy for chat data: a linear context→reply map fitted on each corpus ranks the true next "
                           "turn among all real test replies.",
}


def fmt(v: Any, pct: bool = False) -> str:
    """A number as the report shows it (percentages, thousands separators, n/a for NaN, – for missing)."""
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if math.isnan(v):
            return "n/a"
        return f"{v:.1%}" if pct else f"{v:.3f}"
    return str(v)


def render_html(report: Report) -> str:
    """The self-contained HTML report."""
    from importlib.resources import files

    import jinja2

    templates = files("textsynth").joinpath("templates")
    env = jinja2.Environment(loader=jinja2.FunctionLoader(lambda name: templates.joinpath(name).read_text("utf-8")),
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["fmt"] = fmt
    m = report.metrics
    context = {
        "m": m, "meta": m["meta"], "p": m["privacy"], "u": m["utility"],
        "provenance": provenance_rows(m.get("provenance") or {}),
        "generated_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cards": cards(m), "headline_rows": headline_rows(m), "utility_table": utility_table(m["utility"]),
        "utility_caption": UTILITY_CAPTIONS.get(m["utility"].get("task"), ""),
        "per_class": per_class_rows(m["utility"]), "privacy_rows": privacy_rows(m["privacy"]),
        "flow": flow_rows((m.get("filter") or {}).get("flow") or {}), "filter": m.get("filter"),
        "drops_by_label": drops_by_label_rows(m.get("filter") or {}),
        "dp_guarantee": dp_guarantee(m.get("filter") or {}),
        "figs": figures(report.plots), "examples": report.examples, "pairs": report.closest_pairs,
        "metrics_json": json.dumps(m, indent=1, default=str), "css": templates.joinpath("report.css").read_text("utf-8"),
    }
    return env.get_template("report.html.j2").render(**context)


def provenance_rows(prov: dict[str, Any]) -> list[tuple[str, str]]:
    """(what, value) rows of the provenance block that opens the report."""
    def listed(entries: list[dict[str, Any]], show=str) -> str:
        if not entries:
            return "not recorded"
        return "; ".join(show(e["value"]) + (f" ({e['records']:,} records)" if len(entries) > 1 else "") for e in entries)

    def sampling(s: dict[str, Any]) -> str:
        return ", ".join(f"{k} {v}" for k, v in s.items() if v is not None)

    eps = prov.get("dp_epsilon")
    rows = [("textsynth version", str(prov.get("textsynth_version", "?"))),
            ("model", listed(prov.get("model") or [])), ("template", listed(prov.get("template") or [])),
            ("sampling", listed(prov.get("sampling") or [], sampling)),
            ("differential privacy", f"epsilon = {eps:.2f}" if isinstance(eps, (int, float)) else "none recorded"),
            ("seed records", fmt(prov.get("n_seeds"))), ("synthetic records", fmt(prov.get("n_synthetic")))]
    known = {"textsynth_version", "model", "template", "sampling", "dp_epsilon", "n_seeds", "n_synthetic"}
    rows += [(k.replace("_", " "), str(v)) for k, v in prov.items() if k not in known and v is not None]
    return rows


def dp_guarantee(filter_summary: dict[str, Any]) -> str | None:
    """The guarantee a DP generation method recorded in the gate's stats (Private Evolution), as a sentence."""
    from ..dp_noise import guarantee_text

    dp = filter_summary.get("privacy_guarantee")
    return guarantee_text(dp) if dp else None


def flow_rows(flow: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """(step, count, note) rows: where the candidates went, each count once, with the identities they satisfy."""
    steps = [("generated", "candidate documents the model wrote"),
             ("unparseable", "could not be parsed into a record (generated = unparseable + checked)"),
             ("checked", "went through the filters"),
             ("dropped_by_filters", "dropped by a filter (checked = dropped + passed)"),
             ("passed_filters", "passed every filter"),
             ("surplus", "passed, but their label's quota was already full: not kept (passed = surplus + kept)"),
             ("kept", "kept: the synthetic corpus"),
             ("synthetic_evaluated", "synthetic records evaluated here")]
    return [(name.replace("_", " "), flow[name], note) for name, note in steps if flow.get(name) is not None]


def drops_by_label_rows(filt: dict[str, Any]) -> list[tuple[str, int, str]]:
    per_label = filt.get("drops_by_label") or {}
    return [(label, sum(reasons.values()), ", ".join(f"{r} {n}" for r, n in reasons.items()))
            for label, reasons in per_label.items()]


def per_class_rows(u: dict[str, Any]) -> dict[str, Any] | None:
    """F1 per class of the classifier trained on synthetic, beside the same classifier trained on real."""
    found = synthetic_trained_scores(u)
    if found is None:
        return None
    name, syn = found
    key = next(k for k, v in CLASSIFIER_NAMES.items() if v == name) if name in CLASSIFIER_NAMES.values() else name
    real = (u.get("classifiers", {}).get(key) or {}).get("real") or {}
    labels = list(syn.get("f1_per_class") or {})
    return {"classifier": name, "rows": [(lab, syn["f1_per_class"][lab], (real.get("f1_per_class") or {}).get(lab))
                                          for lab in labels]}


def cards(m: dict[str, Any]) -> list[dict[str, str]]:
    """The summary cards: title, value, note and a level (good, fair, bad)."""
    u, p, f = m["utility"], m["privacy"], m["fidelity"]
    out = []
    ratio = u.get("ratio_macro_f1_tfidf", u.get("ratio_recall@1"))
    if ratio is not None:
        what = "macro-F1, TF-IDF+LR" if "ratio_macro_f1_tfidf" in u else "next-turn recall@1"
        note = f"synthetic-trained / real-trained ({what})"
        if "ratio_macro_f1_tfidf_same_size" in u:
            note += f"; {u['ratio_macro_f1_tfidf_same_size']:.2f} against real data of the same size"
        out.append(_card("Utility ratio", f"{ratio:.2f}", note, "good" if ratio >= 0.9 else "fair" if ratio >= 0.7 else "bad"))
    mem, mem_h = p["memorisation_rate"], p.get("memorisation_rate_holdout") or 0
    out.append(_card("Memorisation", f"{mem:.1%}", f"records sharing an 8-gram with train (unseen real: "
                     f"{fmt(p.get('memorisation_rate_holdout'), True)})",
                     "good" if mem <= mem_h + 0.02 else "fair" if mem <= mem_h + 0.10 else "bad"))
    out.append(_card("DCR alarm", "raised" if p["dcr_alarm"] else "none",
                     f"median distance synthetic {fmt(p['dcr_median_synthetic'])} vs holdout {fmt(p['dcr_median_holdout'])}",
                     "bad" if p["dcr_alarm"] else "good"))
    if "pii_matches" in p:
        out.append(_card("Seed PII matches", f"{p['pii_matches']:,}", f"of {m['meta']['n_synthetic']:,} synthetic "
                         "records contain a seed PII value (a detected seed span: names, places, dates)",
                         "good" if p["pii_matches"] == 0 else "bad"))
    if "canaries_exposed" in p:
        out.append(_card("Canaries exposed", f"{p['canaries_exposed']} / {p['canaries']['canaries']}",
                         "planted secrets found in the synthetic data", "good" if p["canaries_exposed"] == 0 else "bad"))
    tv = f.get("label_tv")
    if tv is not None:  # None: the real records carry no labels
        out.append(_card("Label distance", f"{tv:.3f}", "total variation, synthetic vs real labels",
                         "good" if tv <= 0.05 else "fair" if tv <= 0.15 else "bad"))
    return out


def _card(title: str, value: str, note: str, level: str) -> dict[str, str]:
    return {"title": title, "value": value, "note": note, "level": level}


def headline_rows(m: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(metric, synthetic, real reference, note) rows, already formatted."""
    u, p, f = m["utility"], m["privacy"], m["fidelity"]
    rows: list[tuple[str, Any, Any, str, bool]] = []  # metric, synthetic, real reference, note, percent
    for key, name in (("tfidf_lr", "TF-IDF + LR"), ("embedding_lr", "MiniLM embeddings + LR")):
        per = u.get("classifiers", {}).get(key)
        if per and "macro_f1" in per.get("synthetic", {}) and "macro_f1" in per.get("real", {}):
            note = f"ratio {per['ratio']['macro_f1']:.2f}" if "ratio" in per else ""
            if "ratio_same_size" in per:
                note += (f"; vs real of the same size ({per[util.SAME_SIZE]['macro_f1']:.3f}): "
                         f"{per['ratio_same_size']['macro_f1']:.2f}")
            rows.append((f"Macro-F1 on real test, {name}", per["synthetic"]["macro_f1"], per["real"]["macro_f1"], note, False))
            both = per.get("real+synthetic", {}).get("accuracy")
            rows.append((f"Accuracy on real test, {name}", per["synthetic"]["accuracy"], per["real"]["accuracy"],
                         f"real + synthetic: {fmt(both)}" if both is not None else "", False))
    ret = u.get("retrieval")
    if ret:
        for k in ("recall@1", "recall@5"):
            rows.append((f"Next-turn retrieval {k}", ret.get("synthetic", {}).get(k), ret.get("real", {}).get(k),
                         f"no training: {fmt(ret.get('no_training', {}).get(k))}", False))
    rows += [("Memorisation (shares a word 8-gram with train)", p["memorisation_rate"], p.get("memorisation_rate_holdout"),
              "reference: unseen real records", True),
             ("Exact copies of a train record", p["exact_copy_rate"], None, "", True),
             ("DCR median (cosine distance to closest train record)", p["dcr_median_synthetic"], p["dcr_median_holdout"],
              "reference: real holdout → train", False),
             ("DCR 5th percentile", p["dcr_p5_synthetic"], p["dcr_p5_holdout"], "lower = closer to train", False)]
    if f.get("label_tv") is not None:
        rows.append(("Label distribution, total variation", f["label_tv"], None, f"JS divergence {f['label_js']:.3f}", False))
    rows += [("Mean words per record", f["mean_words_synthetic"], f["mean_words_real"], "", False),
             ("Distinct-2", f["distinct_2_synthetic"], f["distinct_2_real"],
              f"on {f['diversity']['sample_records']} records each", False),
             ("Self-BLEU (higher = more repetitive)", f["self_bleu_synthetic"], f["self_bleu_real"], "", False)]
    if "frechet_distance" in f:
        rows.append(("Fréchet distance to real train (MiniLM)", f["frechet_distance"], f.get("frechet_baseline_real"),
                     f"reference: real holdout, {f['frechet_sample']} records each", False))
    if "mauve" in f:
        rows.append(("MAUVE (vs real train)", f["mauve"], None, "", False))
    return [(name, fmt(s, pct), fmt(r, pct), note) for name, s, r, note, pct in rows]


def utility_table(u: dict[str, Any]) -> dict[str, Any]:
    """The utility table: a header and formatted rows, or a message when no utility was measured."""
    if u.get("classifiers"):
        rows = []
        for clf, per in u["classifiers"].items():
            for s in util.TRAIN_SETS + (util.SAME_SIZE,):
                r = per.get(s, {})
                if r:
                    cells = [fmt(r.get("accuracy")), fmt(r.get("macro_f1"))] if "accuracy" in r else [r.get("error", ""), ""]
                    rows.append([CLASSIFIER_NAMES.get(clf, clf), s, *cells])
        return {"header": ["Classifier", "Trained on", "Accuracy", "Macro-F1"], "rows": rows}
    if u.get("retrieval"):
        rows = [[s, fmt(u["retrieval"].get(s, {}).get("recall@1")), fmt(u["retrieval"].get(s, {}).get("recall@5")),
                 fmt(u["retrieval"].get(s, {}).get("pairs"))] for s in ("no_training",) + util.TRAIN_SETS]
        return {"header": ["Context→reply map fitted on", "Recall@1", "Recall@5", "Pairs"], "rows": rows}
    return {"message": u.get("reason") or u.get("error") or "no utility measured"}


def privacy_rows(p: dict[str, Any]) -> list[tuple[str, str]]:
    dcr = p["dcr"]
    rows = [("Synthetic records sharing a word 8-gram with train", fmt(p["memorisation_rate"], True)),
            ("Unseen real records sharing a word 8-gram with train", fmt(p.get("memorisation_rate_holdout"), True)),
            ("Exact copies of a train record", fmt(p["exact_copy_rate"], True)),
            (f"Synthetic near-duplicates (DCR < {priv.NEAR_ZERO_DCR})", fmt(dcr["synthetic"]["near_zero_share"], True)),
            ("Synthetic closer than the holdout's 5th percentile (5% at parity)",
             fmt(dcr.get("share_below_holdout_p5"), True))]
    rows.append(("Synthetic records containing a seed PII value", fmt(p["pii_matches"])) if "pii_matches" in p
                else ("Seed PII matches", "not checked (no seed PII index)"))
    if "canaries" in p:
        rows.append(("Canaries exposed (verbatim / by an 8-gram)",
                     f"{p['canaries']['exposed_verbatim']} / {p['canaries']['exposed_partial']}"))
    return rows
