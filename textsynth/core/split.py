"""The one train/test splitter: seeded, stratified by label when the labels allow it."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

from ..records import Record

R = TypeVar("R", bound=Record)


def stratified_split(records: Sequence[R], fraction: float, seed: int) -> tuple[list[R], list[R]]:
    """Seeded split of ``records`` into (train, test) with ``fraction`` of them in test.

    Stratified by label when every record has one, every label has two records, and each side is large enough
    to hold one record of each label (otherwise scikit-learn refuses to stratify); else a plain shuffled split.
    Callers decide what too few records means for them.
    """
    from sklearn.model_selection import train_test_split

    labels = [r.label for r in records]
    n_test = math.ceil(fraction * len(records))
    counts = Counter(labels)
    stratify = (labels if None not in counts and min(counts.values()) >= 2
                and len(counts) <= min(n_test, len(records) - n_test) else None)
    train, test = train_test_split(list(records), test_size=fraction, random_state=seed, stratify=stratify)
    return list(train), list(test)
