"""Read -> scrub -> hold-out split as a resumable stream of shards into a run dir's ``scrub/`` directory.

The input is read one shard (``ScrubConfig.shard_size`` records) at a time; each shard is scrubbed, split into
seeds and held-out real test records (stratified by label, seeded per shard) and appended to
``seeds.jsonl``, ``test.jsonl`` and ``rejects.jsonl`` before the next one is read. After each shard a journal
entry (``shards/state-NNNNN.json``) records how many input records were consumed, the byte length of each
output and the scrubber's checkpoint (counters and the keyed seed-PII hashes added by the shard; never text).
A crash loses at most the shard in progress: a rerun truncates the outputs to the last entry, restores the
scrubber, skips the records already consumed (they are read, not scrubbed, again) and goes on, so there are no
duplicates and no gaps. Once the input is exhausted ``seed_pii.json`` and ``audit.json`` are written and the
journal is removed.
"""
from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from .config import RunConfig, ScrubConfig
from .core.seed_pii import SeedPiiIndex
from .core.split import stratified_split
from .io import RejectSink, json_line, open_private, read_jsonl_records, read_records, write_json
from .records import Record, Rejection

log = logging.getLogger(__name__)

JOURNAL = "shards"
OUTPUTS = ("seeds", "test", "rejects")
COUNTS = ("read", "read_rejected", "scrubbed", "scrub_rejected", "seeds", "real_test")


@dataclass
class ScrubbedSeeds:
    """What the scrub stage hands on: counts, the audit and the seed-PII index, and (``keep``) the records."""

    counts: dict[str, int]
    audit: dict[str, Any]
    seed_pii: SeedPiiIndex | None
    seeds: list[Record] = field(default_factory=list)
    test: list[Record] = field(default_factory=list)
    resumed_shards: int = 0


def holdout_split(records: list[Record], fraction: float, seed: int) -> tuple[list[Record], list[Record]]:
    """Seeded split of real records into (seeds for generation, held-out test), stratified by label."""
    if fraction <= 0 or len(records) < 4:
        return list(records), []
    return stratified_split(records, fraction, seed)


class _ShardRejects(RejectSink):
    """Collects the read rejects of the shard being read (they are written with the shard)."""

    def __init__(self, raw: bool):
        super().__init__(None, raw=raw)
        self.pending: list[Rejection] = []

    def add(self, rejection: Rejection) -> None:
        super().add(rejection)
        self.pending.append(rejection)

    def take(self) -> list[Rejection]:
        out, self.pending = self.pending, []
        return out


def scrub_seeds(config: RunConfig, out_dir: str | Path, fingerprint: str, *, resume: bool = True, keep: bool = True,
                prepare: Callable[[Record], Record] | None = None,
                on_shard: Callable[[int, dict[str, int]], None] | None = None) -> ScrubbedSeeds:
    """Read, scrub and split ``config.input`` shard by shard into ``out_dir`` (resumable; see the module doc).

    ``fingerprint`` names the input and settings: a journal written under another one is dropped and the stage
    starts over. ``keep``: also return the seed and test records (the pipeline hands them to the next stages in
    memory); without it memory does not grow with the input. ``prepare`` maps each record read before it is
    scrubbed (the pipeline's keyed ids). ``on_shard(index, counts)`` reports progress.
    """
    from tqdm.auto import tqdm

    from .scrubbing.scrubber import Scrubber

    out = Path(out_dir)
    journal = out / JOURNAL
    states, scrub_cfg = _resume(out, journal, fingerprint, resume, config)
    last = states[-1] if states else {"consumed": 0, "offsets": {k: 0 for k in OUTPUTS},
                                      "counts": dict.fromkeys(COUNTS, 0)}
    counts = dict(last["counts"])
    result = ScrubbedSeeds(counts=counts, audit={}, seed_pii=None, resumed_shards=len(states))
    files = _reopen_outputs(out, last["offsets"])
    if keep and states:  # the finished shards' records, read back once
        result.seeds = read_jsonl_records(out / "seeds.jsonl")
        result.test = read_jsonl_records(out / "test.jsonl")
    sink = _ShardRejects(raw=config.scrub.rejects_raw)
    bar = tqdm(desc="scrub", unit="rec", initial=counts["read"], dynamic_ncols=True)
    try:
        with Scrubber(scrub_cfg) as scrubber:
            scrubber.restore([s["scrubber"] for s in states])
            for index, (chunk, read_rejects, exhausted) in enumerate(_remaining_shards(config, last, sink, prepare),
                                                                    start=len(states)):
                kept, rejected = scrubber.scrub_batch(chunk)
                train, test = holdout_split(kept, config.evaluate.test_fraction, config.evaluate.seed + index)
                offsets = _append_shard(files, train, test, [*read_rejects, *rejected])
                for key, n in (("read", len(chunk) + len(read_rejects)), ("read_rejected", len(read_rejects)),
                               ("scrubbed", len(kept)), ("scrub_rejected", len(rejected)), ("seeds", len(train)),
                               ("real_test", len(test))):
                    counts[key] += n
                last = {"consumed": last["consumed"] + len(chunk), "offsets": offsets, "counts": dict(counts),
                        "exhausted": exhausted, "scrubber": scrubber.checkpoint()}
                write_json(journal / f"state-{index:05d}.json", last, indent=None)  # the shard is done
                if keep:
                    result.seeds.extend(train)
                    result.test.extend(test)
                bar.update(len(chunk) + len(read_rejects))
                bar.set_postfix_str(f"seeds {counts['seeds']}, rejected {counts['read_rejected'] + counts['scrub_rejected']}")
                if on_shard is not None:
                    on_shard(index, dict(counts))
                log.info("scrub shard %d: read %d, seeds %d", index, counts["read"], counts["seeds"])
            result.audit = scrubber.audit()
            result.seed_pii = scrubber.seed_pii
    finally:
        bar.close()
        for fh in files.values():
            fh.close()
    result.seed_pii.save(out / "seed_pii.json")
    write_json(out / "audit.json", result.audit)
    shutil.rmtree(journal)  # the outputs hold what it held; a finished stage is rerun from scratch
    return result


def _resume(out: Path, journal: Path, fingerprint: str, resume: bool,
            config: RunConfig) -> tuple[list[dict[str, Any]], ScrubConfig]:
    """The finished shards of a crashed run with this fingerprint (else a clean start) and the scrub settings,
    with the salt the journal keeps so a resumed run draws the same fakes and hashes."""
    states = _finished_shards(journal, fingerprint) if resume else []
    if not states:
        _clear(out, journal)
    manifest = _open_journal(journal, fingerprint, config.scrub.salt)
    return states, config.scrub if config.scrub.salt else replace(config.scrub, salt=manifest["salt"])


def _remaining_shards(config: RunConfig, last: dict[str, Any], sink: _ShardRejects,
                      prepare: Callable[[Record], Record] | None) -> Iterator[tuple[list[Record], list[Rejection], bool]]:
    """The shards still to scrub: the input read again, past the records the finished shards consumed."""
    if last.get("exhausted"):  # a crash after the last shard: nothing is left to read
        return iter(())
    records = read_records(config.input, config.read, sink)
    if prepare is not None:
        records = map(prepare, records)
    _skip(records, last["consumed"])
    sink.take()  # read rejects among the consumed records are in the finished shards
    return _shards(records, sink, config.scrub.shard_size)


def _append_shard(files: dict[str, IO[bytes]], train: list[Record], test: list[Record],
                  rejects: list[Rejection]) -> dict[str, int]:
    """Append one shard's seeds, test records and rejects, flushed to disk; the byte offsets the journal keeps."""
    _append(files["seeds"], (r.to_dict() for r in train))
    _append(files["test"], (r.to_dict() for r in test))
    _append(files["rejects"], (r.to_dict() for r in rejects))
    offsets = {}
    for name, fh in files.items():
        fh.flush()
        os.fsync(fh.fileno())
        offsets[name] = fh.tell()
    return offsets


def _shards(records: Iterator[Record], sink: _ShardRejects, size: int
            ) -> Iterator[tuple[list[Record], list[Rejection], bool]]:
    """Shards of ``size`` records with the read rejects met while reading them, and whether the input ended
    with it; the last may hold rejects only."""
    chunk: list[Record] = []
    for rec in records:
        chunk.append(rec)
        if len(chunk) >= size:
            yield chunk, sink.take(), False
            chunk = []
    rejects = sink.take()
    if chunk or rejects:
        yield chunk, rejects, True


def _skip(records: Iterator[Record], n: int) -> None:
    for _ in range(n):
        next(records)


def _finished_shards(journal: Path, fingerprint: str) -> list[dict[str, Any]]:
    """The journal entries of a crashed run with the same fingerprint, in order (a gap ends them)."""
    manifest = journal / "manifest.json"
    if not manifest.is_file() or json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint") != fingerprint:
        return []
    states = []
    while (p := journal / f"state-{len(states):05d}.json").is_file():
        states.append(json.loads(p.read_text(encoding="utf-8")))
    return states


def _clear(out: Path, journal: Path) -> None:
    """Start over: drop an earlier journal and the outputs it described (all written by textsynth)."""
    if journal.is_dir() and (journal / "manifest.json").is_file():
        shutil.rmtree(journal)
    for name in OUTPUTS:
        (out / f"{name}.jsonl").unlink(missing_ok=True)


def _open_journal(journal: Path, fingerprint: str, salt: str | None) -> dict[str, Any]:
    path = journal / "manifest.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    journal.mkdir(parents=True, exist_ok=True)
    # A random salt is kept for a resumed run (the same fakes and hashes); seed_pii.json holds it too.
    manifest = {"kind": "textsynth scrub shards", "fingerprint": fingerprint,
                "salt": None if salt else secrets.token_hex(16)}
    write_json(path, manifest)
    return manifest


def _reopen_outputs(out: Path, offsets: dict[str, int]) -> dict[str, IO[bytes]]:
    """The outputs cut back to the last finished shard, open for appending."""
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for name in OUTPUTS:
        path = out / f"{name}.jsonl"
        if path.exists():
            os.truncate(path, offsets[name])
        files[name] = open_private(path, "ab")
    return files


def _append(fh: IO[bytes], rows: Iterable[dict[str, Any]]) -> None:
    fh.write("".join(json_line(row) for row in rows).encode("utf-8", "backslashreplace"))
