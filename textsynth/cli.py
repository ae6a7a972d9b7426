"""The `textsynth` command: each command parses flags into a config and calls one library function.

No logic lives here. Heavy modules are imported inside the commands so `textsynth --help` is instant.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(
    name="textsynth",
    help="Turn private seed text into privacy-safe synthetic training corpora.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _echo_err(message: str) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)


def _read_config(text_column: str, label_column: Optional[str], messages_column: Optional[str],
                 id_column: Optional[str], on_error: str):
    from .config import ReadConfig, from_dict

    return from_dict(ReadConfig, {
        "text_column": text_column, "label_column": label_column, "messages_column": messages_column,
        "id_column": id_column, "on_error": on_error,
    }, prefix="--")


# --- commands are added below, one thin function each ---


@app.command("init")
def init_cmd(
    task: str = typer.Option("sentiment", "--task", help="sentiment or chat"),
    output: Path = typer.Option(Path("textsynth.yaml"), "-o", "--output", help="config file to write"),
    input_path: Optional[str] = typer.Option(None, "--input", help="seed data path to put in the config"),
    force: bool = typer.Option(False, "--force", help="overwrite an existing file"),
) -> None:
    """Write a commented starter config for `textsynth run`."""
    from .pipeline import starter_config

    if output.exists() and not force:
        _echo_err(f"{output} exists; use --force to overwrite")
        raise typer.Exit(2)
    output.write_text(starter_config(task, input_path, filename=str(output)), encoding="utf-8")
    typer.echo(f"wrote {output}; edit `input:` and run: textsynth run {output}")


@app.command("run")
def run_cmd(
    config: Path = typer.Argument(..., help="run config YAML (see `textsynth init`)"),
    fresh: bool = typer.Option(False, "--fresh", help="ignore finished stages and run everything again"),
    push_to_hub: Optional[str] = typer.Option(None, "--push-to-hub", help="also upload the dataset to this repo id"),
) -> None:
    """Run the whole pipeline: scrub -> generate -> filter -> evaluate -> export (resumes by default)."""
    from .config import RunConfig, replace
    from .pipeline import headline_metrics, run_pipeline

    cfg = RunConfig.from_yaml(config)
    if push_to_hub:
        cfg = replace(cfg, export=replace(cfg.export, push_to_hub=push_to_hub))
    result = run_pipeline(cfg, resume=not fresh)
    if result.skipped:
        typer.echo(f"resumed: skipped finished stages {', '.join(result.skipped)}")
    typer.echo("counts: " + ", ".join(f"{k}={v}" for k, v in result.counts.items()))
    for k, v in headline_metrics(result.metrics).items():
        typer.echo(f"  {k}: {v:.4g}" if isinstance(v, float) else f"  {k}: {v}")
    typer.echo(f"dataset: {result.dataset_dir}")
    typer.echo(f"report:  {result.report_dir / 'report.html'}")


@app.command("export")
def export_cmd(
    records: Path = typer.Argument(..., help="JSONL of records (e.g. the output of `textsynth filter`)"),
    output: Path = typer.Option(..., "-o", "--output", help="output directory"),
    formats: str = typer.Option("save_to_disk,parquet,jsonl", "--formats"),
    push_to_hub: Optional[str] = typer.Option(None, "--push-to-hub", help="repo id, e.g. user/my-synthetic-data"),
    private: bool = typer.Option(True, "--private/--public"),
    task: str = typer.Option("sentiment", "--task", help="task name for the dataset card"),
    seed: int = typer.Option(0, "--seed"),
) -> None:
    """Export records as a DatasetDict (train/validation/test) with a dataset card."""
    from .config import ExportConfig, from_dict
    from .export import export
    from .io import read_jsonl_records

    cfg = from_dict(ExportConfig, {"formats": formats, "push_to_hub": push_to_hub, "private": private, "seed": seed}, prefix="--")
    res = export(read_jsonl_records(records), output, cfg, {"task": task})
    typer.echo("splits: " + ", ".join(f"{k}={v}" for k, v in res.split_sizes.items()))
    typer.echo(f"wrote {res.out_dir}" + (f"; pushed to {res.hub_url}" if res.hub_url else ""))


def main() -> None:
    """Entry point: run the app and turn TextsynthError into a clear message and exit code."""
    from .errors import TextsynthError

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except TextsynthError as exc:
        _echo_err(str(exc))
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
