"""`textsynth filter`: the memorisation gate and output filters on a file of candidates (``filter_records``)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..console import JsonOutput, Quiet, Verbose, emit, setup
from .common import Overwrite, _pii_count_lines, _read_config


def filter_cmd(
    candidates: Path = typer.Argument(..., help="candidate records (JSONL of records, or any readable input)"),
    seeds: Path = typer.Option(..., "--seeds", help="the scrubbed seed records"),
    output: Path = typer.Option(..., "-o", "--output", help="JSONL for the kept records"),
    rejects: Optional[Path] = typer.Option(None, "--rejects", help="JSONL for the rejected records [KEPT.rejects.jsonl]"),
    seed_pii: Optional[Path] = typer.Option(None, "--seed-pii", help="seed_pii.json written by the scrub stage"),
    filters: Optional[str] = typer.Option(None, "--filters", help="comma list, in order [quality,ngram,minhash,neighbours,pii,label]"),
    ngram_max_len: Optional[int] = typer.Option(None, "--ngram-max-len", help="reject any shared word n-gram this long [8]"),
    ngram_share_max: Optional[float] = typer.Option(None, "--ngram-share-max", help="max share of 4-grams found in seeds [0.5]"),
    minhash_threshold: Optional[float] = typer.Option(None, "--minhash-threshold", help="Jaccard threshold [0.7]"),
    neighbours_max_cosine: Optional[float] = typer.Option(None, "--neighbours-max-cosine", help="cosine threshold [0.92]"),
    pii_action: Optional[str] = typer.Option(None, "--pii-action", help="names, emails, phones, ... in outputs: "
                                             "fake (replace with consistent fakes), rescrub or reject [fake]"),
    label_margin: Optional[float] = typer.Option(None, "--label-margin", help="classifier confidence margin [-0.2]"),
    min_words: Optional[int] = typer.Option(None, "--min-words"),
    max_words: Optional[int] = typer.Option(None, "--max-words"),
    stats: Optional[Path] = typer.Option(None, "--stats", help="JSON file for filter stats [KEPT.filter_stats.json]"),
    overwrite: Overwrite = False,
    text_column: str = typer.Option("text", "--text-column", help="for non-record inputs"),
    label_column: Optional[str] = typer.Option("label", "--label-column", help="for non-record inputs"),
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
) -> None:
    """Run candidates through the memorisation gate and output filters; every candidate lands in one file."""
    setup(verbose, quiet, json_output)
    from ..config import FilterConfig, from_dict, to_dict
    from ..filters.filter_records import filter_file
    from ..outdir import check_new_files, check_not_input

    written = {"-o": output, "--rejects": rejects, "--stats": stats}
    check_not_input(written, {"CANDIDATES": candidates, "--seeds": seeds, "--seed-pii": seed_pii})
    check_new_files(written, overwrite)  # a user's file is replaced only when asked

    changes = {"filters": filters, "ngram_max_len": ngram_max_len, "ngram_share_max": ngram_share_max,
               "minhash_threshold": minhash_threshold, "neighbours_max_cosine": neighbours_max_cosine,
               "pii_action": pii_action, "label_margin": label_margin, "min_words": min_words, "max_words": max_words}
    cfg = from_dict(FilterConfig, {**to_dict(FilterConfig()), **{k: v for k, v in changes.items() if v is not None}}, prefix="--")
    rep = filter_file(candidates, seeds, output, cfg, read_config=_read_config(text_column, label_column, None, "id", "raise"),
                      rejects_path=rejects, stats_path=stats, seed_pii_path=seed_pii)
    lines = []
    for name, info in rep.stats["filters"].items():
        reasons = ", ".join(f"{r}={c}" for r, c in info["reasons"].items())
        lines.append(f"  {name:11s} dropped {info['dropped']:6d}" + (f"  ({reasons})" if reasons else ""))
    lines += _pii_count_lines(rep.stats)
    if rep.stats["input_columns_dropped"]:
        lines.append(f"left out the other input columns of {rep.stats['input_columns_dropped']} candidates "
                     "(only the text is gated)")
    lines += [f"kept {rep.kept} + rejected {rep.rejected} = {rep.candidates} candidates",
              f"wrote {rep.output}, {rep.rejects}, {rep.stats_path}"]
    emit({"candidates": rep.candidates, "kept": rep.kept, "rejected": rep.rejected,
          "dropped_by_filter": {name: info["dropped"] for name, info in rep.stats["filters"].items()},
          "output": str(rep.output), "rejects": str(rep.rejects), "stats": str(rep.stats_path)}, lines)
