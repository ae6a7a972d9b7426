"""`textsynth scrub`: detect and replace PII in a file (``scrubbing.scrub_file``)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..console import JsonOutput, Quiet, Verbose, emit, setup
from .common import Overwrite, _echo_err, _read_config


def scrub_cmd(
    input_path: Path = typer.Argument(..., help="JSONL, CSV, Parquet file or saved HF dataset directory"),
    output: Path = typer.Option(..., "-o", "--output", help="scrubbed JSONL (one line per kept record, input order)"),
    rejects: Optional[Path] = typer.Option(None, "--rejects", help="JSONL of rejected records with reasons "
                                           "[OUTPUT.rejects.jsonl]"),
    strategy: str = typer.Option("fake", "--strategy", help="tag | fake | hash | redact"),
    entities: Optional[str] = typer.Option(None, "--entities", help="comma-separated types (default: all)"),
    text_column: str = typer.Option("text", "--text-column"),
    label_column: Optional[str] = typer.Option("label", "--label-column"),
    messages_column: Optional[str] = typer.Option(None, "--messages-column", help="chat column: list of {role, content}"),
    id_column: Optional[str] = typer.Option("id", "--id-column"),
    on_error: str = typer.Option("raise", "--on-error", help="raise (stop at the first bad record) | skip (reject it)"),
    salt: Optional[str] = typer.Option(None, "--salt", help="salt of the hashes (default: random per run)"),
    seed_pii: Optional[Path] = typer.Option(None, "--seed-pii", help="write the keyed hashes of seed PII (JSON)"),
    audit: Optional[Path] = typer.Option(None, "--audit", help="write the audit counts (JSON)"),
    n_process: int = typer.Option(0, "--n-process", help="worker processes (0: all cores for large inputs)"),
    rejects_raw: bool = typer.Option(False, "--rejects-raw",
                                     help="keep rejected records' raw text in --rejects (default: scrubbed or none)"),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="progress bar on a terminal"),
    overwrite: Overwrite = False,
    language: str = typer.Option("en", "--language",
                                 help="auto (detect per record) | en | fr | de | es | it, or several: en,fr"),
    verbose: Verbose = 0,
    quiet: Quiet = False,
    json_output: JsonOutput = False,
) -> None:
    """Detect and replace PII (Presidio + spaCy, offline); print read / scrubbed / rejected counts."""
    out = setup(verbose, quiet, json_output)
    from ..config import ScrubConfig, from_dict
    from ..errors import TextsynthError
    from ..scrubbing.scrub import scrub_file

    try:
        read_cfg = _read_config(text_column, label_column, messages_column, id_column, on_error)
        values: dict = {"strategy": strategy, "salt": salt, "n_process": n_process, "rejects_raw": rejects_raw,
                        "language": language}
        if entities:
            values["entities"] = entities
        cfg = from_dict(ScrubConfig, values, prefix="--")
        from ..outdir import check_new_files, check_not_input, default_rejects_path

        written = {"--output": output, "--rejects": rejects, "--seed-pii": seed_pii, "--audit": audit}
        check_not_input(written, {"INPUT": input_path})
        check_new_files(written, overwrite)
        rejects = rejects or default_rejects_path(output)  # no record dropped unrecorded
        rep = scrub_file(input_path, output, read_cfg, cfg, rejects_path=rejects, seed_pii_path=seed_pii,
                         audit_path=audit, progress=None if out.progress(progress) else False)
    except TextsynthError as exc:
        _echo_err(str(exc))
        raise typer.Exit(exc.exit_code) from None
    lines = [f"read {rep.read}, scrubbed {rep.scrubbed}, rejected {rep.rejected}"]
    if rep.audit["entities"]:
        lines.append("entities: " + ", ".join(f"{k}={v}" for k, v in rep.audit["entities"].items()))
    lines.append(f"wrote {rep.output}" + (f"; rejects in {rep.rejects}" if rep.rejects else ""))
    emit({"read": rep.read, "scrubbed": rep.scrubbed, "rejected": rep.rejected, "entities": rep.audit["entities"],
          "output": str(rep.output), "rejects": str(rep.rejects) if rep.rejects else None}, lines)
