"""The filter stage as one call: ``filter_records`` (candidates in, kept + rejected out) and ``filter_file``
(files in, kept, rejects and stats files out: what `textsynth filter` calls)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import FilterConfig, ReadConfig, ScrubConfig
from ..core.seed_pii import SeedPiiLookup
from ..records import Record
from .base import Filter, FilterResult
from .runner import FilterRunner


def filter_records(candidates: Iterable[Record], seeds: Sequence[Record], config: FilterConfig = FilterConfig(),
                   seed_pii: SeedPiiLookup | None = None, registry: dict[str, type[Filter]] | None = None,
                   scrub_config: ScrubConfig | None = None, **context: Any) -> FilterResult:
    """Run candidates through the memorisation gate and output filters; kept + rejected = candidates.

    ``seeds`` are the scrubbed seed records; ``seed_pii`` the scrub stage's SeedPiiIndex (salted hashes of
    the PII found in the raw seeds), so outputs that reproduce a seed's PII value are always rejected.
    """
    runner = FilterRunner(seeds, config, seed_pii=seed_pii, registry=registry, scrub_config=scrub_config, **context)
    return runner.run(candidates)


@dataclass
class FilterFileReport:
    """What ``filter_file`` wrote: kept + rejected = candidates, the filter stats, and the three paths."""

    candidates: int
    kept: int
    rejected: int
    stats: dict[str, Any]
    output: Path
    rejects: Path
    stats_path: Path


def filter_file(candidates_path: str | Path, seeds_path: str | Path, output_path: str | Path,
                config: FilterConfig = FilterConfig(), *, read_config: ReadConfig = ReadConfig(),
                rejects_path: str | Path | None = None, stats_path: str | Path | None = None,
                seed_pii_path: str | Path | None = None) -> FilterFileReport:
    """``filter_records`` over files: kept records to ``output_path``, every reject and the stats beside it.

    Args:
        candidates_path, seeds_path: records files (JSONL of records, or any input ``read_config`` reads).
        rejects_path: default ``OUTPUT.rejects.jsonl`` (a file there that is not a textsynth rejects file is
            refused); stats_path: default ``OUTPUT.filter_stats.json``.
        seed_pii_path: the scrub stage's ``seed_pii.json``; outputs holding a seed PII value are rejected.

    Returns: the counts and the paths written.

    Raises: OutputError (before anything is read) when an output path is one of the inputs; InputError naming
        the file and line for unreadable input.
    """
    from ..core.seed_pii import load_seed_pii
    from ..io import load_records, write_json, write_jsonl
    from ..outdir import check_not_input, default_rejects_path

    output = Path(output_path)
    rejects = Path(rejects_path) if rejects_path else default_rejects_path(output)  # no record dropped unrecorded
    stats = Path(stats_path) if stats_path else output.with_name(output.stem + ".filter_stats.json")
    check_not_input({"-o": output, "--rejects": rejects, "--stats": stats},
                    {"CANDIDATES": candidates_path, "--seeds": seeds_path, "--seed-pii": seed_pii_path})
    index = load_seed_pii(seed_pii_path)
    candidates = load_records(candidates_path, read_config)
    res = filter_records(candidates, load_records(seeds_path, read_config), config, seed_pii=index)
    write_jsonl(output, (r.to_dict() for r in res.kept))
    write_jsonl(rejects, (r.to_dict() for r in res.rejected))
    write_json(stats, res.stats)
    return FilterFileReport(candidates=len(candidates), kept=len(res.kept), rejected=len(res.rejected),
                            stats=res.stats, output=output, rejects=rejects, stats_path=stats)
