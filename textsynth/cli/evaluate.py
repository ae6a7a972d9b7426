"""`textsynth evaluate`: fidelity, utility and privacy report (``evaluation.evaluate``)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..console import JsonOutput, Quiet, Verbose, emit, setup
from .common import Seed, _metric_lines, _read_config


def evaluate_cmd(
    synthetic: Path = typer.Option(..., "--synthetic", help="synthetic records (Record JSONL or any readable format)"),
    real: Path = typer.Option(..., "--real", help="real (scrubbed) train records the generator saw"),
    test: Optional[Path] = typer.Option(None, "--test", help="real records the generator never saw (default: a seeded split of --real)"),
    output: Path = typer.Option(..., "-o", "--output", help="report directory (metrics.json, report.html): new or empty"),
    overwrite: bool = typer.Option(False, "--overwrite", help="replace a previous textsynth report in -o "
                                   "(never a directory holding anything else)"),
    filter_stats: Optional[Path] = typer.Option(None, "--filter-stats", help="filter_stats.json of the filter stage"),
    seed_pii: Optional[Path] = typer.Option(None, "--seed-pii", help="seed_pii.json (keyed hashes) from the scrub stage"),
    canaries: Optional[Path] = typer.Option(None, "--canaries", help="text file, one planted secret per line"),
    text_column: str = typer.Option("text", "--text-column", help="text column of the real files"),
    label_column: Optional[str] = typer.Option("label", "--label-column", help="label column of the real files"),
    messages_column: Optional[str] = typer.Option(None, "--messages-column", help="chat messages column of the real files"),
    id_column: Optional[str] = typer.Option("id", "--id-column"),
    embeddings: bool = typer.Option(True, "--embeddings/--no-embeddings", help="MiniLM embeddings (else TF-IDF only)"),
    test_fraction: float = typer.Option(0.2, "--test-fraction"),
    seed: Seed = 0,
    max_records: int = typer.Option(5000, "--max-records", help="sample at most this many records per set"),
    closest_pairs: int = typer.Option(0, "--closest-pairs", help="list this many closest synthetic/real pairs in "
                                      "the report, for auditing (shows --real text: pass scrubbed records)"),
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
) -> None:
    """Evaluate a synthetic corpus against real data: fidelity, utility (train on synthetic, test on real), privacy."""
    import json as _json

    setup(verbose, quiet, json_output)
    from ..config import EvaluateConfig, from_dict
    from ..evaluation.evaluate import evaluate
    from ..evaluation.report import REPORT_KIND, read_lines
    from ..io import load_records
    from ..outdir import check_owned_target

    check_owned_target(output.resolve(), REPORT_KIND, overwrite)  # before any work (checked again when written)
    cfg = from_dict(EvaluateConfig, {"test_fraction": test_fraction, "seed": seed, "embeddings": embeddings,
                                     "max_records": max_records, "closest_pairs": closest_pairs}, prefix="--")
    read_cfg = _read_config(text_column, label_column, messages_column, id_column, "raise")
    from ..core.seed_pii import load_seed_pii

    pii_index = load_seed_pii(seed_pii)
    report = evaluate(
        load_records(synthetic),
        load_records(real, read_cfg),
        load_records(test, read_cfg) if test is not None else None,
        cfg,
        filter_stats=_json.loads(filter_stats.read_text(encoding="utf-8")) if filter_stats else None,
        canaries=read_lines(canaries),
        seed_pii=pii_index,
    )
    output = report.write(output, overwrite=overwrite)
    alarms = report.metrics["privacy"]["dcr"]["alarm_reasons"]
    emit({"headline": report.headline(), "dcr_alarms": alarms, "metrics": str(output / "metrics.json"),
          "report": str(output / "report.html")},
         _metric_lines(report.headline()) + [f"  DCR alarm: {reason}" for reason in alarms]
         + [f"wrote {output / 'metrics.json'} and {output / 'report.html'}"])
