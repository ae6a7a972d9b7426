"""The run's seed indexes, built once and saved in the run dir so a resumed run or another worker loads them.

The filters' indexes (word n-grams, MinHash signatures, seed embeddings, the label classifier) are built from
the scrubbed seeds read as a stream, shard by shard, and saved under ``<run_dir>/indexes/`` as numpy arrays,
JSON and a skops file (no pickle). They hold nothing the run dir does not already hold in ``scrub/seeds.jsonl``
(hashes, signatures and embeddings of scrubbed text, the scrubbed seeds' words). The seed-PII index is the one
the scrub stage saved (``scrub/seed_pii.json``, keyed hashes). Each saved index is keyed by the seeds' content
fingerprint, the filter settings and what else shaped it (embedding model, label mapping): a stale one is
rebuilt, never used.

Build them once on the driver (``load_filter_runner(..., build=True)``, what the pipeline does); workers then
call it with ``build=False`` and only load (a missing or stale index is an error there, not a silent rebuild).
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .config import FilterConfig, ScrubConfig
from .core.fingerprint import content_fingerprint
from .core.seed_pii import SeedPiiLookup, load_seed_pii  # noqa: F401 (load_seed_pii: re-exported)
from .filters.base import Filter
from .filters.runner import FilterRunner
from .io import iter_jsonl_records
from .records import Record

INDEX_DIR = "indexes"


def seed_indexes_dir(run_dir: str | Path) -> Path:
    """Where a run keeps its filters' seed indexes."""
    return Path(run_dir) / INDEX_DIR


def seeds_path(run_dir: str | Path) -> Path:
    """The scrubbed seeds of a run (what the indexes are built from)."""
    return Path(run_dir) / "scrub" / "seeds.jsonl"


def load_filter_runner(run_dir: str | Path, filter_config: FilterConfig, *, seeds: Iterable[Record] | None = None,
                       seed_pii: SeedPiiLookup | None = None, scrub_config: ScrubConfig | None = None,
                       registry: dict[str, type[Filter]] | None = None, fingerprint: str | None = None,
                       build: bool = True, **context: Any) -> FilterRunner:
    """A FilterRunner for a run dir whose seed indexes are loaded from ``<run_dir>/indexes`` when saved for
    the same seeds and settings, else (``build``) built from ``seeds`` or a stream of ``scrub/seeds.jsonl``
    and saved there.

    ``fingerprint`` names the seeds (default: the content hash of ``scrub/seeds.jsonl``); ``seed_pii`` defaults
    to the scrub stage's ``scrub/seed_pii.json``. ``context`` goes to the filters as in ``FilterRunner``
    (e.g. ``canonical_label``, the generation template's label mapping). With ``build=False`` a missing or
    stale index raises ConfigError instead of being rebuilt.
    """
    run_dir = Path(run_dir)
    if fingerprint is None:
        fingerprint = content_fingerprint(seeds_path(run_dir))
    if seed_pii is None and (run_dir / "scrub" / "seed_pii.json").is_file():
        seed_pii = load_seed_pii(run_dir / "scrub" / "seed_pii.json")
    if build and seeds is None:
        seeds = _LazySeeds(seeds_path(run_dir))
    return FilterRunner(seeds if build else None, filter_config, seed_pii=seed_pii, registry=registry,
                        scrub_config=scrub_config, index_dir=seed_indexes_dir(run_dir), index_fingerprint=fingerprint,
                        **context)


class _LazySeeds:
    """An iterable over a seeds file that opens it only when iterated (nothing is read when all indexes load)."""

    def __init__(self, path: Path):
        self.path = path

    def __iter__(self):
        return iter_jsonl_records(self.path)
