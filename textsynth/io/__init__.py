"""Read input files into Records and write JSONL outputs and rejects files.

Readers stream: one Record per valid row. A bad row raises InputError naming file:line:field, or, with
``on_error="skip"``, goes to the rejects sink with its reason so that read = kept + rejected always holds.

``io.formats`` reads rows per format, ``io.read`` turns rows into Records, ``io.rejects`` holds the rejects
sink, ``io.jsonfiles`` writes private atomic JSON/JSONL, ``io.shards`` the resumable sharded writer; every
name imports from ``textsynth.io``.
"""
from __future__ import annotations

from .formats import FORMATS, MAX_DEPTH, detect_format, estimate_rows
from .jsonfiles import (atomic_private, cache_dir, chunks, dumps_json, json_line, open_private, write_json,
                        write_jsonl)
from .read import (iter_jsonl_records, load_records, load_seed_records, read_jsonl_records, read_records,
                   record_to_row, row_to_record)
from .rejects import RejectSink
from .shards import ShardedJsonlWriter

__all__ = [
    "FORMATS", "MAX_DEPTH", "RejectSink", "ShardedJsonlWriter", "atomic_private", "cache_dir", "chunks",
    "detect_format", "dumps_json", "estimate_rows", "iter_jsonl_records", "json_line", "load_records",
    "load_seed_records", "open_private", "read_jsonl_records", "read_records", "record_to_row", "row_to_record",
    "write_json", "write_jsonl",
]
