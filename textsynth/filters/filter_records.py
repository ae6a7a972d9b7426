"""filter_records: the filter stage as one call (candidates in, kept + rejected out)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..config import FilterConfig, ScrubConfig
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
