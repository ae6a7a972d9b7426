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
