"""Label fidelity: a classifier trained on the scrubbed seeds must not clearly disagree with the requested label.

Score = p(best other label) - p(requested label). A record is rejected when the score exceeds
``label_margin``. A positive margin only rejects clear disagreement (0.2: another label preferred by more than
0.2); a negative one demands confidence in the requested label: the default -0.2 keeps a record on two labels
only if p(requested) >= 0.6 (-0.4: >= 0.7). Requested labels outside the seeds' label set
are mapped into the generation label space first with ``canonical_label`` (the template's mapping, e.g.
fresh -> positive) when given; ``label_aliases`` maps requested labels to seed labels the other way round.
Records whose label still cannot be checked are kept and counted under ``unchecked`` in the thresholds.

With ``label_classifier: tfidf+minilm`` (the default) p is the mean of the TF-IDF classifier's probabilities and
those of a logistic regression on MiniLM sentence embeddings of the seeds: TF-IDF reads label words, which label
steering (``sampling.label_bias``) puts in a text whatever it means; the embeddings read what it says. The
candidates' vectors come from the ``embed`` the runner shares with the neighbour filter (embedded once).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..classify import TextClassifier, VectorClassifier
from ..config import FilterConfig
from ..records import Record
from .base import Drop, EmbeddingUser, Filter


MAX_TRAIN_SEEDS = 50_000  # a TF-IDF + LR classifier gains little from more; bounds its memory on large seed sets
MAX_EMBEDDED_SEEDS = 10_000  # embedding the seeds costs ~7 s per 1,000 on a CPU; LR on 384 dims saturates sooner


def requested_label(record: Record) -> str | None:
    lab = record.meta.get("requested_label", record.label)
    return None if lab is None else str(lab)


class LabelFilter(EmbeddingUser, Filter):
    name = "label"
    score_name = "p(best other label) - p(requested label)"

    def __init__(self, config: FilterConfig, label_aliases: dict[str, str] | None = None,
                 canonical_label: Callable[[str], str | None] | None = None,
                 embed: Callable[[Sequence[str]], np.ndarray] | None = None, **context: Any):
        super().__init__(config)
        self._embed = embed
        self.vector_clf: VectorClassifier | None = None  # with label_classifier tfidf+minilm
        self.canonical_label = canonical_label
        self.aliases = {str(k).lower(): str(v) for k, v in (label_aliases or {}).items()}
        self.clf: TextClassifier | None = None
        self.n_unchecked = 0
        self._sample: list[tuple[str, str]] = []  # (text, label) pairs the classifier will be trained on
        self._n_seen = 0
        self._rng = np.random.default_rng(0)
        self._label_map: dict[str, str] = {}  # seed label -> label in the generation's label space

    def fit_shard(self, seeds: Sequence[Record]) -> None:
        """Keep a uniform sample of at most ``MAX_TRAIN_SEEDS`` labelled seeds (reservoir sampling, seeded):
        the classifier is trained on a bounded set however long the seed stream is."""
        for s in seeds:
            if s.label is None:
                continue
            label = str(s.label)
            self._label_map.setdefault(label, self._seed_label(label))
            pair = (s.content(), self._label_map[label])
            self._n_seen += 1
            if len(self._sample) < MAX_TRAIN_SEEDS:
                self._sample.append(pair)
            else:
                j = int(self._rng.integers(self._n_seen))
                if j < MAX_TRAIN_SEEDS:
                    self._sample[j] = pair

    def fit_done(self) -> None:
        pairs, self._sample = self._sample, []
        if len({lab for _, lab in pairs}) < 2:
            self.clf = None  # nothing to check against (unlabelled or single-label seeds, e.g. chat)
            return
        self.clf = TextClassifier().fit([t for t, _ in pairs], [lab for _, lab in pairs])
        if self.config.label_classifier == "tfidf+minilm":
            some = pairs[:MAX_EMBEDDED_SEEDS]  # the reservoir is a uniform sample, so its head is one too
            if len({lab for _, lab in some}) >= 2:
                self.vector_clf = VectorClassifier().fit(self.embed([t for t, _ in some]), [lab for _, lab in some])

    def index_identity(self) -> dict[str, Any]:
        return {} if self.config.label_classifier == "tfidf" else {"embedder": self.embedder_identity()}

    def save_index(self, directory: Path) -> bool:
        """The classifier in skops' format (numpy arrays and JSON, loaded without pickle) and the label map."""
        from ..io import write_json

        if self.clf is not None:
            self.clf.save(directory / "classifier.skops")
        if self.vector_clf is not None:
            self.vector_clf.save(directory / "vector_classifier.npz")
        write_json(directory / "label.json", {"label_map": self._label_map, "trained": self.clf is not None,
                                              "vector_trained": self.vector_clf is not None})
        return True

    def load_index(self, directory: Path) -> bool:
        import json

        meta = json.loads((directory / "label.json").read_text(encoding="utf-8"))
        # The seed labels were mapped into the generation's label space: a different mapping is stale.
        if any(self._seed_label(k) != v for k, v in meta["label_map"].items()):
            return False
        self._label_map = dict(meta["label_map"])
        self.clf = TextClassifier.load(directory / "classifier.skops") if meta["trained"] else None
        self.vector_clf = (VectorClassifier.load(directory / "vector_classifier.npz")
                           if meta.get("vector_trained") else None)
        return True

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
        texts = [records[i].content() for i, _ in todo]
        proba = self.clf.predict_proba(texts)
        classes = self.clf.classes_
        if self.vector_clf is not None:
            assert self.vector_clf.classes_ == classes, "both classifiers are trained on the same seed labels"
            proba = (proba + self.vector_clf.predict_proba(self.embed(texts))) / 2
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
                "classifier": "tfidf" if self.vector_clf is None else "tfidf+minilm",
                "unchecked": self.n_unchecked}
