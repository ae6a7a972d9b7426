"""The gate's entry points: ``generate_filtered`` (generate until N records pass the filters), its file form
``generate_filtered_file`` (what `textsynth generate --filter` calls), ``generate_ungated`` (generation
alone, outputs through the gate's PII operator) and the output paths they share."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import FilterConfig, GenerateConfig, ScrubConfig
from ..core.candidates import CandidateSource
from ..core.seed_pii import SeedPiiLookup
from ..filters.base import Filter, FilterResult
from ..io import write_json
from ..records import Record
from .loop import Progress, _Gate

if TYPE_CHECKING:
    from ..generation.generate import GenerateSummary


def output_paths(output: str | Path) -> dict[str, Path]:
    """Kept records at ``output``; rejects and filter stats beside it (``X.rejects.jsonl``, ``X.filter_stats.json``)."""
    out = Path(output)
    stem = out.name.removesuffix(".jsonl")
    return {"kept": out, "rejects": out.with_name(stem + ".rejects.jsonl"),
            "stats": out.with_name(stem + ".filter_stats.json")}


def generate_filtered(config: GenerateConfig, seeds: Sequence[Record], filter_config: FilterConfig = FilterConfig(),
                      seed_pii: SeedPiiLookup | None = None, *, generator: CandidateSource | None = None,
                      scrub_config: ScrubConfig | None = None, registry: dict[str, type[Filter]] | None = None,
                      journal: str | Path | None = None, resume: bool = False, output: str | Path | None = None,
                      rejects_output: str | Path | None = None, stats_output: str | Path | None = None,
                      progress: Progress | bool | None = None, **context: Any) -> FilterResult:
    """Generate until ``config.n`` records (per-label quotas) pass the filters; kept + rejected = all candidates.

    ``output``: the kept records are appended to this JSONL file and the rejects beside it shard by shard
    (``output_paths``, or ``rejects_output`` / ``stats_output``), stats written at the end; the result's lists
    then stay empty (memory does not grow with n). Without it the result holds everything. ``journal``: directory of finished shards; with
    ``resume`` a run continues from it (refused when it was written under another configuration).
    ``progress(candidates, kept)`` is called once per candidate document generated; ``False`` hides the bar.
    """
    def make_gate() -> _Gate:  # called once the journal is locked (private evolution journals beside it)
        source = generator or _method_generator(config, seeds, None if journal is None else Path(journal),
                                                resume and journal is not None)
        return _Gate(config, seeds, filter_config, seed_pii, source, scrub_config, registry, context)

    return run_gate(make_gate, journal, resume, output, rejects_output, stats_output, progress)


def generate_filtered_file(config: GenerateConfig, seeds: Sequence[Record], filter_config: FilterConfig,
                           output: str | Path, *, seed_pii: SeedPiiLookup | None = None) -> FilterResult:
    """``generate_filtered`` into files: kept records to ``output``, rejects and stats beside it (``output_paths``).

    The shard journal lies beside ``output`` too, so ``config.resume`` continues a crashed run; it is removed once
    the loop ends. This is ``textsynth generate --filter``.
    """
    from ..generation.outputs import shards_dir

    return generate_filtered(config, seeds, filter_config, seed_pii=seed_pii, journal=shards_dir(output),
                             resume=config.resume, output=output)


def generate_ungated(config: GenerateConfig, seeds: Sequence[Record] | None, seed_pii: SeedPiiLookup | None = None,
                     *, progress: bool = True) -> GenerateSummary:
    """Generation without the gate (``run_generate``), its records and raw rejects through the gate's output PII
    operator: direct identifiers become fakes and, with ``seed_pii``, seed PII values are masked.

    Memorisation, labels and quality stay unchecked. This is ``textsynth generate`` without ``--filter``.
    """
    from ..filters.pii import OutputScrubber
    from ..generation.generate import run_generate

    scrubber = OutputScrubber(seed_pii=seed_pii)
    return run_generate(config, None if seeds is None else list(seeds), progress=progress,
                        redact_rejects=scrubber.redact_rejections, redact_outputs=scrubber.redact)


def run_gate(make_gate: Callable[[], "_Gate"], journal: str | Path | None, resume: bool, output: str | Path | None,
             rejects_output: str | Path | None, stats_output: str | Path | None,
             progress: Progress | None) -> FilterResult:
    """Run a gate (built by ``make_gate`` once the journal is locked) with ``generate_filtered``'s outputs;
    an engine passes its own gate (``engines/ray/``)."""
    paths = None
    if output is not None:
        paths = output_paths(output)
        paths.update({k: Path(v) for k, v in (("rejects", rejects_output), ("stats", stats_output)) if v is not None})
    if journal is None:
        return make_gate().run(None, False, paths, progress)
    from ..locking import dir_lock

    with dir_lock(journal, "shard journal"):  # one writer per journal while the loop runs
        return make_gate().run(journal, resume, paths, progress)


def _method_generator(config: GenerateConfig, seeds: Sequence[Record], journal: Path | None,
                      resume: bool) -> CandidateSource | None:
    """The candidate source for ``generate.method: private_evolution`` (its own journal beside the gate's);
    None for the other methods (the gate's default Generator)."""
    if config.method != "private_evolution":
        return None
    from ..generation.private_evolution import PrivateEvolution

    pe_journal = journal.with_name(journal.name + ".pe") if journal is not None else None
    return PrivateEvolution(config, seeds, journal=pe_journal, resume=resume)


def write_outputs(result: FilterResult, output: str | Path) -> dict[str, Path]:
    """Write a held result: kept records to ``output``, rejects and filter stats beside it (``output_paths``)."""
    from ..io import write_jsonl

    paths = output_paths(output)
    write_jsonl(paths["kept"], (r.to_dict() for r in result.kept))
    write_jsonl(paths["rejects"], (r.to_dict() for r in result.rejected))
    write_json(paths["stats"], result.stats)
    return paths
