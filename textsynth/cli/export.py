"""`textsynth export`: records -> DatasetDict, dataset card, hub upload (``exporting.export``)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..console import JsonOutput, Quiet, Verbose, emit, setup
from .common import HubCommitMessage, HubRevision, HubToken, Seed


def export_cmd(
    records: Path = typer.Argument(..., help="JSONL of records (e.g. the output of `textsynth filter`)"),
    output: Path = typer.Option(..., "-o", "--output", help="output directory (new or empty)"),
    overwrite: bool = typer.Option(False, "--overwrite", help="replace a previous textsynth export in -o "
                                   "(never a directory holding anything else)"),
    formats: str = typer.Option("save_to_disk,parquet,jsonl", "--formats"),
    push_to_hub: Optional[str] = typer.Option(None, "--push-to-hub", help="repo id, e.g. user/my-synthetic-data"),
    private: bool = typer.Option(True, "--private/--no-private", help="visibility of a new hub repo"),
    token: HubToken = None,
    revision: HubRevision = None,
    commit_message: HubCommitMessage = None,
    create_pr: bool = typer.Option(False, "--create-pr", help="open a pull request instead of committing"),
    task: str = typer.Option("sentiment", "--task", help="task name for the dataset card"),
    seed: Seed = 0,
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
) -> None:
    """Export records as a DatasetDict (train/validation/test) with a dataset card."""
    from ..config import ExportConfig, from_dict
    from ..exporting import export
    from ..io import read_jsonl_records

    setup(verbose, quiet, json_output)
    cfg = from_dict(ExportConfig, {"formats": formats, "push_to_hub": push_to_hub, "private": private, "seed": seed,
                                   "revision": revision, "commit_message": commit_message, "create_pr": create_pr},
                    prefix="--")
    res = export(read_jsonl_records(records), output, cfg, {"task": task}, overwrite=overwrite, token=token)
    emit({"splits": res.split_sizes, "output": str(res.out_dir), "hub_url": res.hub_url},
         ["splits: " + ", ".join(f"{k}={v}" for k, v in res.split_sizes.items()),
          f"wrote {res.out_dir}" + (f"; pushed to {res.hub_url}" if res.hub_url else "")])
