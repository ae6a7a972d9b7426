"""The scrub stage's entry points: ``scrub`` (records in, ``ScrubResult`` out) and ``scrub_file`` (a file in,
scrubbed JSONL out, streamed in chunks)."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import ReadConfig, ScrubConfig
from ..core.seed_pii import SeedPiiIndex
from ..errors import InputError
from ..io import chunks as _chunks
from ..records import Record, Rejection
from .scrubber import Scrubber

CHUNK_RECORDS = 2000  # records held in memory at once when scrubbing a file

@dataclass
class ScrubResult:
    """Kept (scrubbed) records in input order, rejected ones with reasons, the audit and the seed PII index."""

    records: list[Record]
    rejected: list[Rejection]
    audit: dict[str, Any]
    seed_pii: SeedPiiIndex


def scrub(records: Iterable[Record], config: ScrubConfig = ScrubConfig()) -> ScrubResult:
    """Scrub PII from records (documents or chats): kept records in input order, rejections, audit, seed PII."""
    kept: list[Record] = []
    rejected: list[Rejection] = []
    with Scrubber(config) as scrubber:
        for chunk in _chunks(records, CHUNK_RECORDS * 5):
            k, r = scrubber.scrub_batch(chunk)
            kept += k
            rejected += r
        return ScrubResult(kept, rejected, scrubber.audit(), scrubber.seed_pii)


# --------------------------------------------------------------------------------------------------
# Files (what `textsynth scrub` calls)
# --------------------------------------------------------------------------------------------------


@dataclass
class ScrubFileReport:
    """Counts of a file scrub: read = scrubbed + rejected (read errors and scrub errors together)."""

    read: int
    scrubbed: int
    rejected: int
    audit: dict[str, Any]
    output: Path
    rejects: Path | None = None
    seed_pii: Path | None = None


def scrub_file(input_path: str | Path, output_path: str | Path, read_config: ReadConfig = ReadConfig(),
               config: ScrubConfig = ScrubConfig(), rejects_path: str | Path | None = None,
               seed_pii_path: str | Path | None = None, audit_path: str | Path | None = None,
               chunk_size: int = CHUNK_RECORDS, progress: bool | None = None) -> ScrubFileReport:
    """Scrub a JSONL/CSV/Parquet/HF-dataset file into JSONL, streaming in chunks and keeping input order.

    Each output line is the input row with its text (or every message) scrubbed. The output appears only
    when the whole input went through (written to a temporary file, then renamed). ``progress=None``
    shows a progress bar on a terminal.
    """
    from tqdm.auto import tqdm

    from ..io import RejectSink, json_line, read_records, record_to_row, write_json
    from ..outdir import check_not_input

    check_not_input({"--output": output_path, "--rejects": rejects_path, "--seed-pii": seed_pii_path,
                     "--audit": audit_path}, {"INPUT": input_path})
    out = Path(output_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=out.name + ".", suffix=".tmp", dir=out.parent)
    sink = (RejectSink(rejects_path, raw=config.rejects_raw) if (rejects_path or read_config.on_error == "skip")
            else None)
    n_kept = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh, Scrubber(config) as scrubber, \
                tqdm(desc="scrub", unit="rec", disable=True if progress is False else None, leave=False) as bar:
            for chunk in _chunks(read_records(input_path, read_config, sink), chunk_size):
                kept, rejected = scrubber.scrub_batch(chunk)
                for rec in kept:
                    fh.write(json_line(record_to_row(rec, read_config)))
                for rej in rejected:
                    if read_config.on_error == "raise":
                        raise InputError(rej.reason, *(rej.source.rsplit(":", 1) if rej.source else (None, None)),
                                         field=rej.field)
                    assert sink is not None
                    sink.add(rej)
                n_kept += len(kept)
                bar.update(len(chunk))
            audit = scrubber.audit()
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        if sink is not None:
            sink.close()
        raise
    n_rejected = sink.count if sink is not None else 0
    if sink is not None:
        sink.close()
    audit = {**audit, "read": n_kept + n_rejected, "read_rejected": n_rejected - audit["rejected"]}
    if seed_pii_path:
        scrubber.seed_pii.save(seed_pii_path)
    if audit_path:
        write_json(audit_path, audit)
    return ScrubFileReport(read=n_kept + n_rejected, scrubbed=n_kept, rejected=n_rejected, audit=audit, output=out,
                           rejects=Path(rejects_path) if rejects_path else None,
                           seed_pii=Path(seed_pii_path) if seed_pii_path else None)
