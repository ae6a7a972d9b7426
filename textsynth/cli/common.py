"""Helpers the commands share: error lines, the read config from column flags, hub flags, summary lines."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

# The hub flags `run` and `export` share (named as `hf upload` names them).
HubToken = Annotated[Optional[str], typer.Option("--token", help="hub token [HF_TOKEN or your `hf auth login`]; "
                                                 "never printed")]
HubRevision = Annotated[Optional[str], typer.Option("--revision", help="hub branch to push to (default: main)")]
HubCommitMessage = Annotated[Optional[str], typer.Option("--commit-message", help="hub commit message")]
Seed = Annotated[int, typer.Option("--seed", help="seed of every random choice")]
Overwrite = Annotated[bool, typer.Option("--overwrite", help="replace output files that already exist "
                                         "(default: refuse, nothing is written)")]


def _echo_err(message: str) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)


def _read_config(text_column: str, label_column: Optional[str], messages_column: Optional[str],
                 id_column: Optional[str], on_error: str):
    from ..config import ReadConfig, from_dict

    return from_dict(ReadConfig, {
        "text_column": text_column, "label_column": label_column, "messages_column": messages_column,
        "id_column": id_column, "on_error": on_error,
    }, prefix="--")


def _metric_lines(headline: dict) -> list[str]:
    return [f"  {k}: {v:.4g}" if isinstance(v, float) else f"  {k}: {v}" for k, v in headline.items()]


def _hub_options(export_cfg, push_to_hub: Optional[str], revision: Optional[str], commit_message: Optional[str],
                 create_pr: Optional[bool], private: Optional[bool]):
    """The run config's export section with the hub flags given on the command line."""
    from ..config import replace

    given = {"push_to_hub": push_to_hub, "revision": revision, "commit_message": commit_message,
             "create_pr": create_pr, "private": private}
    return replace(export_cfg, **{k: v for k, v in given.items() if v is not None})


def _use_token(token: Optional[str]) -> None:
    """--token for this process only (huggingface_hub reads HF_TOKEN); it is never written or printed."""
    if token:
        import os

        os.environ["HF_TOKEN"] = token


def _pii_count_lines(stats: dict) -> list[str]:
    """One line: what the output PII gate found per entity type, and what it did with it."""
    pii = stats.get("filters", {}).get("pii")
    if pii is None:
        return []
    found = ", ".join(f"{t} {c['replaced']} replaced/{c['in_rejected']} rejected"
                      for t, c in pii["entities"].items()) or "none"
    return [f"PII in outputs ({pii['thresholds']['pii_action']}): {found}; seed PII values: {pii['seed_value_spans']}"]
