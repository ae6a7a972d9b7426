"""Cheap quality checks: length bounds, repetition, non-text garbage, and an English check.

The language check is hand-written on purpose: the share of very common English function words in a text.
No language-identification model ships offline with textsynth, and for the short English texts this stage
sees (reviews, chat turns) the stopword share separates English from other languages and from junk
(code, token soup, lists of names) well, costs microseconds, and is deterministic. It only applies to texts
of at least ``LANG_MIN_WORDS`` words, where the share is meaningful.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..records import Record
from .base import Drop, Filter
from ..core.text import words

MIN_ALPHA_SHARE = 0.6  # share of letters among non-space characters
MAX_MARKUP = 2  # URLs / HTML tags / code fences tolerated
LANG_MIN_WORDS = 8
MIN_STOPWORD_SHARE = 0.08

_URL = re.compile(r"https?://|www\.", re.I)
_MARKUP = re.compile(r"</?[a-zA-Z][^>]{0,40}>|```|\[/?[a-zA-Z]+\]|\{\{|\}\}|<\|")
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
once only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves im dont its thats isnt wasnt cant doesnt
""".split())


def repetition_ratio(toks: list[str], n: int = 3) -> float:
    """Share of word n-grams that repeat an earlier one (0 = no repetition); unigram share for short texts."""
    if len(toks) < n + 2:
        n = 1
        if len(toks) < 4:
            return 0.0
    grams = [tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)]
    counts = Counter(grams)
    repeated = sum(c - 1 for c in counts.values())
    return repeated / len(grams)


class QualityFilter(Filter):
    name = "quality"
    score_name = "repetition ratio"

    def check(self, record: Record) -> Drop | None:
        text = record.content()
        toks = words(text)
        cfg = self.config
        rep = repetition_ratio(toks)
        self.observe(rep)
        if len(toks) < cfg.min_words:
            return Drop("quality_too_short", float(len(toks)), {"min_words": cfg.min_words})
        if len(toks) > cfg.max_words:
            return Drop("quality_too_long", float(len(toks)), {"max_words": cfg.max_words})
        if rep > cfg.max_repetition:
            return Drop("quality_repetitive", rep, {"max_repetition": cfg.max_repetition})
        chars = [c for c in text if not c.isspace()]
        alpha = sum(c.isalpha() for c in chars) / max(len(chars), 1)
        if alpha < MIN_ALPHA_SHARE:
            return Drop("quality_not_text", alpha, {"min_alpha_share": MIN_ALPHA_SHARE})
        markup = len(_URL.findall(text)) + len(_MARKUP.findall(text))
        if markup > MAX_MARKUP:
            return Drop("quality_markup", float(markup), {"max_markup": MAX_MARKUP})
        if len(toks) >= LANG_MIN_WORDS:
            share = sum(t in STOPWORDS for t in toks) / len(toks)
            if share < MIN_STOPWORD_SHARE:
                return Drop("quality_not_english", share, {"min_stopword_share": MIN_STOPWORD_SHARE})
        return None

    def thresholds(self) -> dict[str, Any]:
        c = self.config
        return {"min_words": c.min_words, "max_words": c.max_words, "max_repetition": c.max_repetition,
                "min_alpha_share": MIN_ALPHA_SHARE, "max_markup": MAX_MARKUP,
                "min_stopword_share": MIN_STOPWORD_SHARE, "lang_min_words": LANG_MIN_WORDS}
