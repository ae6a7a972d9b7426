"""The gate: generate until N records pass the filters, one shard at a time (generate -> filter -> append -> journal).

Each shard asks the generator for at most ``GenerateConfig.shard_size`` candidates, only for the labels whose
quota is still missing, runs them through one FilterRunner (seed indexes built once; near-duplicates of
records kept in earlier shards are caught too), appends the kept records and the (redacted) rejects to the
outputs and journals the shard before the next one starts. The number of candidates is capped at
``max_attempts_factor * n``; hitting the cap raises GenerationCapError with what was kept and why the rest
was dropped (``error.result``).

The journal (``journal`` directory) holds each finished shard's filtered result: kept records, redacted
rejects and the filters' counters, never raw candidates. A crashed run loses at most the shard in progress;
resuming restores the finished shards (outputs, quotas, counters, the filters' memory of kept records) and
generates only what is missing. The journal duplicates the outputs, so it is removed once the loop ends.

Modules: ``generate`` (the entry points and output paths), ``loop`` (the shard loop an engine subclasses).
What the gate asks of a generator is ``core.candidates.CandidateSource``.
"""
from __future__ import annotations

from ..core.candidates import CandidateSource
from . import loop
from .generate import generate_filtered, generate_filtered_file, generate_ungated, output_paths, run_gate, write_outputs
from .loop import FIRST_SHARD, MIN_RATE_ESTIMATE, Progress, plan_quotas

__all__ = ["FIRST_SHARD", "MIN_RATE_ESTIMATE", "CandidateSource", "Progress", "generate_filtered",
           "generate_filtered_file", "generate_ungated", "output_paths", "plan_quotas", "run_gate", "write_outputs"]

_Gate = loop._Gate  # eval/bench_pipeline.py times gate._Gate.run, on this tree and on older ones
