"""Our own Presidio recognizers, for the entity types where Presidio's defaults are weak.

Presidio out of the box misses many street addresses (anything that is not "123 Main Street"), phone
numbers outside a few regions, person names that spaCy's small model does not tag, and driver licenses
outside a narrow context. The recognizers here are declared as data where possible: regular expressions,
word lists and context cues live in module constants; the classes only hold the matching loop. One module per recognizer or table:
`vocabulary` (street and place words), `base` (GatedPattern, GatedPatternRecognizer and shared helpers),
`validators` (checksums), `patterns` and `dates` (pattern tables), `address`, `person_words` and `person`.

`build_recognizers(config)` returns the recognizers for the enabled entity types; `postprocess(text,
results)` (in `scrubbing/postprocess.py`) drops dates that are only durations, splits names spaCy ran across line breaks, adds other
mentions of a detected name, and merges overlapping spans (a credit card is not also a phone number).
Every recognizer works without spaCy artifacts (`nlp_artifacts=None`), so each is testable on its own.

Word lists (`lexicon.py`): given names and surnames come from Faker's person providers of all locales (not
from presidio-evaluator's data); how common a word is in English comes from wordfreq. Neither decides alone:
capitalisation, cues ("my name is", "Dear", "regards,"), neighbouring names and spaCy's tags do.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from presidio_analyzer import EntityRecognizer

from ..national_ids import NationalIdRecognizer
from ..places import PlaceRecognizer
from .address import StreetAddressRecognizer
from .base import GatedPattern, GatedPatternRecognizer, normalize_breaks
from .dates import DATE_PATTERNS
from .patterns import (CREDIT_CARD_PATTERNS, HANDLE_PATTERNS, IBAN_PATTERNS, IP_PATTERNS, LICENSE_PATTERNS,
                       PHONE_PATTERNS, SSN_PATTERNS)
from .person import PersonNameRecognizer
from .person_words import COMMON_WORDS_THAT_ARE_NAMES, VERY_COMMON_ZIPF
from .validators import iban_ok, license_ok, luhn_ok, phone_ok, ssn_ok

if TYPE_CHECKING:
    from textsynth.config import ScrubConfig

__all__ = ["build_recognizers", "GatedPattern", "GatedPatternRecognizer", "PersonNameRecognizer", "PlaceRecognizer",
           "StreetAddressRecognizer", "NationalIdRecognizer", "DATE_PATTERNS", "COMMON_WORDS_THAT_ARE_NAMES",
           "VERY_COMMON_ZIPF", "normalize_breaks", "luhn_ok", "iban_ok", "ssn_ok", "license_ok", "phone_ok"]



def build_recognizers(config: "ScrubConfig") -> list[EntityRecognizer]:
    """Our recognizers for the entity types enabled in `config` (added beside Presidio's defaults)."""
    lang = config.language
    enabled = set(config.entities)
    factories: list[tuple[str, Callable[[], EntityRecognizer]]] = [
        ("PERSON", lambda: PersonNameRecognizer(supported_language=lang)),
        ("PERSON", lambda: GatedPatternRecognizer("PERSON", HANDLE_PATTERNS, "SocialHandleRecognizer", lang)),
        ("STREET_ADDRESS", lambda: StreetAddressRecognizer(supported_language=lang)),
        ("LOCATION", lambda: PlaceRecognizer(supported_language=lang)),
        ("PHONE_NUMBER", lambda: GatedPatternRecognizer("PHONE_NUMBER", PHONE_PATTERNS, "PhonePatternRecognizer", lang)),
        ("US_SSN", lambda: GatedPatternRecognizer("US_SSN", SSN_PATTERNS, "SsnVariantRecognizer", lang)),
        ("US_DRIVER_LICENSE", lambda: GatedPatternRecognizer("US_DRIVER_LICENSE", LICENSE_PATTERNS,
                                                             "DriverLicenseContextRecognizer", lang)),
        ("CREDIT_CARD", lambda: GatedPatternRecognizer("CREDIT_CARD", CREDIT_CARD_PATTERNS, "LuhnCardRecognizer", lang)),
        ("IBAN_CODE", lambda: GatedPatternRecognizer("IBAN_CODE", IBAN_PATTERNS, "IbanAnyCaseRecognizer", lang)),
        ("IP_ADDRESS", lambda: GatedPatternRecognizer("IP_ADDRESS", IP_PATTERNS, "IpAddressRecognizer", lang)),
        ("NATIONAL_ID", lambda: NationalIdRecognizer(supported_language=lang)),
        ("DATE_TIME", lambda: GatedPatternRecognizer("DATE_TIME", DATE_PATTERNS, "DatePatternRecognizer", lang)),
    ]
    return [factory() for entity, factory in factories if entity in enabled]
