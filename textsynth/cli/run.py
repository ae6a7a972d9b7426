"""`textsynth init` (a starter config) and `textsynth run` (the whole pipeline, ``run_pipeline``)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..console import JsonOutput, Quiet, Verbose, emit, setup
from .common import HubCommitMessage, HubRevision, HubToken, _hub_options, _metric_lines, _use_token


def init_cmd(
    task: str = typer.Option("sentiment", "--task", help="sentiment, chat or text"),
    output: Path = typer.Option(Path("textsynth.yaml"), "-o", "--output", help="config file to write"),
    input_path: Optional[str] = typer.Option(None, "--input", help="seed data path to put in the config "
                                             "[sentiment: the bundled demo corpus, copied beside the config]"),
    force: bool = typer.Option(False, "--force", help="overwrite an existing file"),
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
) -> None:
    """Write a commented starter config for `textsynth run` (runs as written on the bundled demo corpus)."""
    from ..starter import init_config

    setup(verbose, quiet, json_output)
    res = init_config(task, output, input_path, force=force)
    lines = [f"wrote {res.config}" + (f" and the demo seeds {res.demo_corpus}" if res.demo_corpus else ""),
             f"run it with: textsynth run {res.config}"]
    emit({"config": str(res.config), "input": res.input,
          "demo_corpus": str(res.demo_corpus) if res.demo_corpus else None}, lines)


def run_cmd(
    config: Path = typer.Argument(..., help="run config YAML (see `textsynth init`)"),
    fresh: bool = typer.Option(False, "--fresh", help="ignore finished stages and run everything again"),
    push_to_hub: Optional[str] = typer.Option(None, "--push-to-hub", help="also upload the dataset to this repo id"),
    rejects_raw: bool = typer.Option(False, "--rejects-raw",
                                     help="keep rejected seeds' raw text in scrub/rejects.jsonl (scrub.rejects_raw)"),
    token: HubToken = None,
    revision: HubRevision = None,
    commit_message: HubCommitMessage = None,
    create_pr: Optional[bool] = typer.Option(None, "--create-pr", help="open a pull request instead of committing"),
    private: Optional[bool] = typer.Option(None, "--private/--no-private", help="visibility of a new hub repo "
                                           "[export.private: true]"),
    engine: Optional[str] = typer.Option(None, "--engine", help="local or ray (engine; ray.address picks the cluster)"),
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
) -> None:
    """Run the whole pipeline: scrub -> generate -> filter -> evaluate -> export (resumes by default)."""
    from ..config import RunConfig, replace
    from ..pipeline import run_pipeline
    from ..run_summary import headline_metrics

    setup(verbose, quiet, json_output)
    cfg = RunConfig.from_yaml(config)
    cfg = replace(cfg, export=_hub_options(cfg.export, push_to_hub, revision, commit_message, create_pr, private))
    _use_token(token)
    if rejects_raw:
        cfg = replace(cfg, scrub=replace(cfg.scrub, rejects_raw=True))
    cfg = replace(cfg, engine=engine)  # validated like the YAML value
    result = run_pipeline(cfg, resume=not fresh)
    headline = headline_metrics(result.metrics)
    lines = [f"resumed: skipped finished stages {', '.join(result.skipped)}"] if result.skipped else []
    lines.append("counts: " + ", ".join(f"{k}={v}" for k, v in result.counts.items()))
    lines += _metric_lines(headline)
    lines += [f"dataset: {result.dataset_dir}", f"report:  {result.report_dir / 'report.html'}"]
    emit({"run_dir": str(result.run_dir), "skipped": result.skipped, "counts": result.counts, "headline": headline,
          "dataset": str(result.dataset_dir), "report": str(result.report_dir / "report.html")}, lines)
