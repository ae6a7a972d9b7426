"""Word knowledge per language for the non-English recognizers: frequency (wordfreq), stop words (spaCy's
language data, which ships with spaCy itself, no model needed) and Faker's name lists for the locale."""
from __future__ import annotations

import functools
import importlib

COMMON_ZIPF = 3.6  # a word at least this frequent in the language is an ordinary word (about the top 20,000)


@functools.lru_cache(maxsize=400_000)
def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in ``lang`` (case-folded; 0.0 if unknown)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), lang)


@functools.lru_cache(maxsize=None)
def common_words(lang: str) -> frozenset[str]:
    """The words of ``lang`` at least ``COMMON_ZIPF`` frequent, from wordfreq's list read once: a set lookup where
    tens of thousands of words are checked at start-up (the name dictionary), instead of a ``zipf`` call each."""
    from wordfreq import get_frequency_dict

    floor = 10 ** (COMMON_ZIPF - 9)  # zipf = log10(frequency per billion words)
    return frozenset(w for w, f in get_frequency_dict(lang).items() if f >= floor)


@functools.lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words of the language, lower case."""
    module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    return frozenset(w.lower() for w in module.STOP_WORDS)


@functools.lru_cache(maxsize=None)
def locale_names(locale: str) -> tuple[frozenset[str], frozenset[str]]:
    """Lower-cased given names and surnames of one Faker locale (the local gazetteer)."""
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    first: set[str] = set()
    last: set[str] = set()
    for attr, target in (("first_names", first), ("first_names_male", first), ("first_names_female", first),
                         ("last_names", last), ("last_names_male", last), ("last_names_female", last)):
        values = getattr(provider, attr, None)
        if isinstance(values, (list, tuple, dict)):
            target.update(str(v).lower() for v in values)
    return frozenset(first), frozenset(last)


@functools.lru_cache(maxsize=None)
def language_names(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Given names and surnames of every Faker locale of a language (de: de_DE, de_AT, de_CH, de_LI, de_LU): one
    locale's list is thin (de_DE has 404 surnames, without Weber), the language's lists together are less so."""
    import pkgutil

    import faker.providers.person as person_providers

    first: set[str] = set()
    last: set[str] = set()
    for module in pkgutil.iter_modules(person_providers.__path__):
        if module.name.split("_")[0] == lang:
            f, l = locale_names(module.name)
            first |= f
            last |= l
    return frozenset(first), frozenset(last)
