"""Label fidelity: a classifier trained on the scrubbed seeds must not clearly disagree with the requested label.

Score = p(best other label) - p(requested label). A record is rejected when the score exceeds
``label_margin``. A positive margin only rejects clear disagreement (0.2: another label preferred by more than
0.2); a negative one demands confidence in the requested label: the default -0.2 keeps a record on two labels
only if p(requested) >= 0.6 (-0.4: >= 0.7). Requested labels outside the seeds' label set
are mapped into the generation label space first with ``canonical_label`` (the template's mapping, e.g.
fresh -> positive) when given; ``label_aliases`` maps requested labels to seed labels the other way round.
Records whose label still cannot be checked are kept and counted under ``unchecked`` in the thresholds.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..classify import TextClassifier
from ..config import FilterConfig
from ..records import Record
from .base import Drop, Filter


def requested_label(record: Record) -> str | None:
    lab = record.meta.get("requested_label", record.label)
    return None if lab is None else str(lab)


class LabelFilter(Filter):
    name = "label"
    score_name = "p(best other label) - p(requested label)"

    def __init__(self, config: FilterConfig, label_aliases: dict[str, str] | None = None,
                 canonical_label: Callable[[str], str | None] | None = None, **context: Any):
        super().__init__(config)
        self.canonical_label = canonical_label
        self.aliases = {str(k).lower(): str(v) for k, v in (label_aliases or {}).items()}
        self.clf: TextClassifier | None = None
        self.n_unchecked = 0

    def fit(self, seeds: Sequence[Record]) -> None:
        pairs = [(s.content(), self._seed_label(s.label)) for s in seeds if s.label is not None]
        if len({lab for _, lab in pairs}) < 2:
            self.clf = None  # nothing to check against (unlabelled or single-label seeds, e.g. chat)
            return
        self.clf = TextClassifier().fit([t for t, _ in pairs], [lab for _, lab in pairs])

    def _seed_label(self, label: Any) -> str:
        mapped = self.canonical_label(str(label)) if self.canonical_label is not None else None
        return str(mapped if mapped is not None else label)

    def _resolve(self, label: str | None) -> str | None:
        if label is None or self.clf is None:
            return None
        if label in self.clf.classes_:
            return label
        mapped = self.aliases.get(label.lower())
        if mapped in self.clf.classes_:
            return mapped
        lowered = {c.lower(): c for c in self.clf.classes_}
        return lowered.get(label.lower())

    def check(self, record: Record) -> Drop | None:
        return self.check_batch([record])[0]

    def check_batch(self, records: Sequence[Record]) -> list[Drop | None]:
        out: list[Drop | None] = [None] * len(records)
        targets = [(i, self._resolve(requested_label(r))) for i, r in enumerate(records)]
        todo = [(i, t) for i, t in targets if t is not None]
        self.n_unchecked += len(records) - len(todo)
        if not todo or self.clf is None:
            return out
        proba = self.clf.predict_proba([records[i].content() for i, _ in todo])
        classes = self.clf.classes_
        for (i, target), p in zip(todo, proba):
            t = classes.index(target)
            others = np.delete(p, t)
            best_other = int(np.flatnonzero(np.arange(len(p)) != t)[others.argmax()])
            gap = float(p[best_other] - p[t])  # > 0: the classifier prefers another label
            self.observe(gap)
            if gap > self.config.label_margin:
                out[i] = Drop("label_disagrees", gap, {"predicted": classes[best_other], "requested": target,
                                                      "p_requested": round(float(p[t]), 4)})
        return out

    def thresholds(self) -> dict[str, Any]:
        return {"label_margin": self.config.label_margin, "classes": list(self.clf.classes_) if self.clf else [],
                "unchecked": self.n_unchecked}
