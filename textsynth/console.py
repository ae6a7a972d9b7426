"""How loudly the CLI speaks: log levels (-v/-q), progress bars, third-party warnings and --json summaries.

Every command takes the same three options (``Verbose``, ``Quiet``, ``JsonOutput``), calls ``setup`` first and
``emit`` last: a summary dict that ``--json`` prints as one JSON object on stdout, and the human lines otherwise.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import warnings
from dataclasses import dataclass
from typing import Annotated, Any, Iterable

import click
import typer
from typer.core import TyperGroup

Verbose = Annotated[int, typer.Option("-v", "--verbose", count=True, metavar="", show_default=False,
                                      help="more log output: -v info, -vv debug (also transformers' own warnings)")]
Quiet = Annotated[bool, typer.Option("-q", "--quiet", metavar="",
                                     help="errors only on stderr: no progress bars, no warnings")]
JsonOutput = Annotated[bool, typer.Option("--json", metavar="", help="print the summary as one JSON object on stdout")]

# Third-party switches read from the environment when those libraries are imported (after the CLI starts).
_QUIET_ENV = {"TQDM_DISABLE": "1", "HF_HUB_DISABLE_PROGRESS_BARS": "1", "HF_DATASETS_DISABLE_PROGRESS_BARS": "1",
              "TRANSFORMERS_VERBOSITY": "error", "DATASETS_VERBOSITY": "error", "TOKENIZERS_PARALLELISM": "false"}
_DEFAULT_ENV = {"TRANSFORMERS_VERBOSITY": "error", "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1"}


@dataclass(frozen=True)
class Output:
    """The output mode of one command."""

    verbose: int = 0
    quiet: bool = False
    json: bool = False

    def progress(self, wanted: bool = True) -> bool:
        """Whether to draw progress bars: never when quiet or printing JSON."""
        return wanted and not self.quiet and not self.json


_current = Output()


def setup(verbose: int = 0, quiet: bool = False, json_output: bool = False) -> Output:
    """Set log levels and third-party verbosity for this process; returns the mode ``emit`` follows."""
    global _current
    if verbose and quiet:
        raise typer.BadParameter("use either -v/--verbose or -q/--quiet", param_hint="-q")
    _current = Output(verbose=verbose, quiet=quiet, json=json_output)
    level = logging.ERROR if quiet else logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING
    logging.getLogger("textsynth").setLevel(level)
    if not logging.getLogger().handlers:
        logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
    env = _QUIET_ENV if quiet else {} if verbose else _DEFAULT_ENV
    for key, value in env.items():
        os.environ.setdefault(key, value)
    if quiet:
        warnings.simplefilter("ignore")
        _quiet_loaded_libraries()
    return _current


def _quiet_loaded_libraries() -> None:
    """Libraries already imported read no more environment: silence them through their own switches."""
    if "transformers" in sys.modules:
        sys.modules["transformers"].logging.set_verbosity_error()
    if "datasets" in sys.modules:
        sys.modules["datasets"].disable_progress_bars()
    if "huggingface_hub" in sys.modules:
        from huggingface_hub.utils import disable_progress_bars

        disable_progress_bars()


class PipelineGroup(TyperGroup):
    """Lists commands in pipeline order and shows boolean flags as switches (no ``<bool>`` value)."""

    ORDER = ("init", "run", "scrub", "finetune", "generate", "filter", "evaluate", "export")

    def list_commands(self, ctx: click.Context) -> list[str]:
        rank = {name: i for i, name in enumerate(self.ORDER)}
        return sorted(super().list_commands(ctx), key=lambda name: (rank.get(name, len(rank)), name))

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        _as_switches(self.params)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _as_switches(command.params + [command.get_help_option(ctx)])  # click caches the help option
        return command

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        _as_switches([option])
        return option


def _as_switches(params: list[Any]) -> None:
    for param in params:
        if param is not None and getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""


def current() -> Output:
    """The mode set by the last ``setup``."""
    return _current


def emit(summary: dict[str, Any], lines: Iterable[str]) -> None:
    """Print the command's result: ``summary`` as JSON with --json, else the human ``lines``."""
    if _current.json:
        typer.echo(json.dumps(summary, default=str, ensure_ascii=False))
        return
    for line in lines:
        typer.echo(line)
