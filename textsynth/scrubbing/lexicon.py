"""Word and name resources that tell ordinary words from names: wordfreq and Faker's person name lists.

- How common a word is in English comes from wordfreq (bundled data, works offline; case-folded).
- Given names and surnames come from Faker's person providers of every locale.

Neither says on its own whether "Rose" is a name or a flower (both are frequent words *and* names); the
recognizers decide with context (capitalisation, cues, neighbouring names, spaCy's tags). These helpers
only answer the two questions that need no context.
"""
from __future__ import annotations

import functools
import importlib
import pkgutil

# Zipf frequency (log10 of occurrences per billion words) from which a word counts as a common English word.
# 3.5 is about the 25,000 most frequent words: "meh", "soup", "tub" are in; rare surnames such as "Trpinc",
# "Worthington" and "Hanks" are not.
COMMON_ZIPF = 3.5


@functools.lru_cache(maxsize=200_000)
def word_zipf(word: str) -> float:
    """wordfreq's Zipf frequency of a word in English (0.0 if unknown)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en")


def is_common_word(word: str, min_zipf: float = COMMON_ZIPF) -> bool:
    """True if ``word`` (any case) is a frequent English word per wordfreq."""
    return word_zipf(word) >= min_zipf


@functools.lru_cache(maxsize=1)
def faker_name_sets() -> tuple[frozenset[str], frozenset[str]]:
    """Lower-cased first names and last names from all of Faker's person locale providers."""
    import faker.providers.person as person_providers

    first: set[str] = set()
    last: set[str] = set()
    for module in pkgutil.iter_modules(person_providers.__path__):
        provider = importlib.import_module(f"{person_providers.__name__}.{module.name}").Provider
        for attr, target in (("first_names", first), ("first_names_male", first), ("first_names_female", first),
                             ("first_names_nonbinary", first), ("last_names", last), ("last_names_male", last),
                             ("last_names_female", last)):
            values = getattr(provider, attr, None)
            if isinstance(values, (list, tuple, dict)):
                target.update(str(v).lower() for v in values)
    return frozenset(first), frozenset(last)


def is_first_name(word: str) -> bool:
    return word.lower() in faker_name_sets()[0]


def is_last_name(word: str) -> bool:
    return word.lower() in faker_name_sets()[1]


def is_known_name(word: str) -> bool:
    first, last = faker_name_sets()
    low = word.lower()
    return low in first or low in last


def case_style(value: str) -> str:
    """'lower', 'upper' or 'mixed' (title case and anything else) for the letters of value."""
    letters = [c for c in value if c.isalpha()]
    if letters and all(c.islower() for c in letters):
        return "lower"
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "upper"
    return "mixed"
