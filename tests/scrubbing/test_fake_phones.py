"""Fake phones keep the national pattern: valid numbers of the original's region and type, in its layout when
the digit counts agree, the same fake for the same value, and no 4+ digit run of the original."""
import hashlib
import re

import phonenumbers
import pytest

from textsynth.scrubbing.fake_phones import locale_region
from textsynth.scrubbing.fakes import _shares_digit_run, fake_value

CASES = [
    # (value, Faker locale of the record)
    ("06 12 48 93 70", "fr_FR"),
    ("+33 6 71 20 33 18", "fr_FR"),
    ("01 42 68 53 00", "fr_FR"),
    ("0151 23847561", "de_DE"),
    ("+49 170 5538812", "de_DE"),
    ("030 8847 2219", "de_DE"),
    ("612 384 977", "es_ES"),
    ("+34 91 448 27 63", "es_ES"),
    ("347 812 3390", "it_IT"),
    ("02 8734 1190", "it_IT"),
    ("+39 333 418 2271", "it_IT"),
    ("(415) 555-2671", None),
]


def _key(value: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}\x00{value}".encode()).hexdigest()


@pytest.mark.parametrize("value,locale", CASES)
@pytest.mark.parametrize("salt", ["a", "b", "c"])
def test_fake_phone_keeps_the_national_pattern(value, locale, salt):
    region = locale_region(locale)
    original = phonenumbers.parse(value, region)
    fake = fake_value("PHONE_NUMBER", value, _key(value, salt), locale=locale)
    parsed = phonenumbers.parse(fake, region)
    assert phonenumbers.is_valid_number(parsed), fake
    assert phonenumbers.region_code_for_number(parsed) == phonenumbers.region_code_for_number(original)
    assert phonenumbers.number_type(parsed) in (phonenumbers.number_type(original),
                                                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    assert fake.lstrip().startswith("+") == value.lstrip().startswith("+")
    if len(re.sub(r"\D", "", fake)) == len(re.sub(r"\D", "", value)):
        assert re.sub(r"\d", "9", fake) == re.sub(r"\d", "9", value)  # the original's layout
    assert not _shares_digit_run(fake, value)
    assert fake_value("PHONE_NUMBER", value, _key(value, salt), locale=locale) == fake  # consistent per value


def test_a_number_phonenumbers_rejects_keeps_the_old_fill():
    fake = fake_value("PHONE_NUMBER", "+99 123 456 7890", _key("x", "a"))
    assert fake.startswith("+99 ") and re.sub(r"\d", "9", fake) == "+99 999 999 9999"


@pytest.mark.parametrize("locale,region", [("fr_FR", "FR"), ("de_DE", "DE"), ("es_ES", "ES"), ("it_IT", "IT"),
                                           (None, "US")])
def test_locale_region(locale, region):
    assert locale_region(locale) == region
