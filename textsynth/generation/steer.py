"""Label steering during sampling: a logit bias per label for the words the seeds tie to that label.

About half of the prompted sentiment candidates used to die at the filter's label gate (a classifier trained on
the seeds). A classifier of the same kind, trained here on the seeds of each label, scores every word that
occurs in the seeds on its own; a token that writes such a word (a word-start token whose text is the whole
word) gets ``strength`` times the word's log-odds for the requested label as a logit bias. Words the classifier
finds neutral get next to nothing, so the model writes as before except that it leans towards the label's
vocabulary, at no cost per token (one vector added to the logits).
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from ..records import Record

log = logging.getLogger(__name__)

MIN_SEEDS = 20  # fewer labelled seeds than this teach a classifier nothing worth steering by
MIN_WORD_COUNT = 2  # a word seen once in the seeds says more about that seed than about its label
MIN_LOG_ODDS = 0.5  # below this a word counts as neutral: no bias
MAX_BIAS = 4.0  # no single word may dominate the model's own distribution
_WORD = re.compile(r"[a-z][a-z']+")


def seed_words(texts: Sequence[str], min_count: int = MIN_WORD_COUNT) -> set[str]:
    """Lower-cased words of at least two letters occurring ``min_count`` times or more in ``texts``."""
    counts = Counter(w for t in texts for w in _WORD.findall(t.lower()))
    return {w for w, c in counts.items() if c >= min_count}


def word_tokens(tokenizer: Any, words: set[str]) -> dict[int, str]:
    """Token id -> word for the tokens whose decoded text is a space and then one of ``words`` (any case)."""
    out: dict[int, str] = {}
    for token_id in range(len(tokenizer)):
        piece = tokenizer.decode([token_id])
        if piece.startswith(" ") and piece[1:].lower() in words:
            out[token_id] = piece[1:].lower()
    return out


def label_logit_bias(pool: Mapping[str | None, list[Record]], tokenizer: Any, strength: float,
                     seed: int = 0) -> dict[str, dict[int, float]]:
    """Per label of ``pool`` (seeds by label), token id -> logit bias; empty without two labelled classes."""
    labelled = {lab: recs for lab, recs in pool.items() if lab is not None and recs}
    texts = [r.content() for recs in labelled.values() for r in recs]
    if strength <= 0 or len(labelled) < 2 or len(texts) < MIN_SEEDS:
        return {}
    from ..classify import TextClassifier

    try:
        clf = TextClassifier(seed=seed).fit(texts, [lab for lab, recs in labelled.items() for _ in recs])
    except ValueError:  # scikit-learn: too little text for its n-gram vocabulary (no terms remain)
        log.info("too little seed text to steer labels: sampling without a label bias")
        return {}
    tokens = word_tokens(tokenizer, seed_words(texts))
    if not tokens:
        return {}
    vocab = sorted(set(tokens.values()))
    proba = clf.predict_proba(vocab)
    row = {w: i for i, w in enumerate(vocab)}
    out: dict[str, dict[int, float]] = {}
    for j, label in enumerate(clf.classes_):
        prior = len(labelled[label]) / len(texts)  # a word as likely as this says nothing about the label
        bias = {}
        for token_id, word in tokens.items():
            p = min(max(float(proba[row[word], j]), 1e-6), 1 - 1e-6)
            log_odds = math.log(p / (1 - p)) - math.log(prior / (1 - prior))
            if abs(log_odds) >= MIN_LOG_ODDS:
                bias[token_id] = max(-MAX_BIAS, min(MAX_BIAS, strength * log_odds))
        out[label] = bias
    return out

