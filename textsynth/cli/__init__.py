"""The `textsynth` command: each command parses flags into a config and calls one library function.

No logic lives here. One module per command (group), as typer apps are laid out; the app is assembled below.
Heavy modules are imported inside the commands so `textsynth --help` is instant.
"""
from __future__ import annotations

import logging
import sys

import typer

from ..console import PipelineGroup, setup
from .common import _echo_err
from .evaluate import evaluate_cmd
from .export import export_cmd
from .filter import filter_cmd
from .finetune import finetune_cmd
from .generate import generate_cmd
from .run import init_cmd, run_cmd
from .scrub import scrub_cmd

app = typer.Typer(
    name="textsynth",
    help="Turn private seed text into privacy-safe synthetic training corpora.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=PipelineGroup,
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"textsynth {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Turn private seed text into privacy-safe synthetic training corpora."""


# Listed in pipeline order by PipelineGroup, whatever the order here.
for name, command in {"init": init_cmd, "run": run_cmd, "scrub": scrub_cmd, "finetune": finetune_cmd,
                      "generate": generate_cmd, "filter": filter_cmd, "evaluate": evaluate_cmd,
                      "export": export_cmd}.items():
    app.command(name)(command)


def main() -> None:
    """Entry point: run the app and turn TextsynthError into a clear message and exit code."""
    from ..errors import TextsynthError

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    setup()  # the defaults until a command sets its own -v/-q
    try:
        app()
    except TextsynthError as exc:
        _echo_err(str(exc))
        sys.exit(exc.exit_code)
    except OSError as exc:  # a path that cannot be read or written: its name and the OS reason, nothing else
        _echo_err(f"{exc.filename}: {exc.strerror}" if exc.filename and exc.strerror else exc.__class__.__name__)
        sys.exit(1)
