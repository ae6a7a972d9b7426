"""The scrub stage's seed PII index: ``core.seed_pii.SeedPiiIndex`` (re-exported here) with the scrubber's check
that a lone dictionary word ("enough", "bon" mis-tagged as a name) is not remembered as a seed PII value."""
from __future__ import annotations

from ..core.seed_pii import FORMAT, HASH_CHARS, MIN_DIGITS, SeedPiiIndex
from ..keys import SecretKey
from .lexicon import is_common_word, is_known_name

__all__ = ["FORMAT", "HASH_CHARS", "MIN_DIGITS", "SeedPiiIndex", "is_dictionary_word", "scrub_seed_index"]

VERY_COMMON_ZIPF = 5.5  # "will", "may", "long", "love": words first, names second


def is_dictionary_word(word: str) -> bool:
    """A frequent English word (wordfreq) that is not a known name, or so frequent ("will", "may") that it
    is mostly a word even where it is a name too."""
    return is_common_word(word, VERY_COMMON_ZIPF) or (is_common_word(word) and not is_known_name(word))


def scrub_seed_index(salt: str, key: SecretKey | None = None) -> SeedPiiIndex:
    """An empty index for the scrubber to fill: lone dictionary words are not remembered."""
    return SeedPiiIndex(salt, key=key, ignore_word=is_dictionary_word)
