"""Fake phone numbers in the original's national pattern: a French mobile stays a valid French mobile ("06 ..."),
"+49 151 ..." a valid German mobile of a plausible length, a Milan landline an Italian landline.

The pattern comes from ``phonenumbers`` (Google's libphonenumber metadata): the number's region and type, and
that region's example number for the type, whose first digits (1 to 3, as few as give a valid number) open the
fake; every other digit is drawn from ``rng``. The fake is written in the original's layout when it has as many
digits (same spaces, dots, dashes), else in phonenumbers' format for the region (national or international, as
the original was)."""
from __future__ import annotations

import random
import re

DRAWS_PER_PREFIX = 12  # random draws tried per kept example prefix before keeping one more digit


def locale_region(locale: str | None) -> str:
    """The phone region of a Faker locale ("de_DE" -> "DE"); US for none."""
    return locale.rsplit("_", 1)[-1].upper() if locale and "_" in locale else "US"


def _layout(template: str, digits: str) -> str:
    it = iter(digits)
    return "".join(next(it, ch) if ch.isdigit() else ch for ch in template)


def national_fake(value: str, rng: random.Random, region: str = "US") -> str | None:
    """A valid number of the same region and type as ``value``, or None when ``value`` is no valid number
    (the caller then fills digits at random)."""
    import phonenumbers
    from phonenumbers import PhoneNumberType

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    own_region = phonenumbers.region_code_for_number(number) or region
    kind = phonenumbers.number_type(number)
    example = phonenumbers.example_number_for_type(own_region, kind) or phonenumbers.example_number(own_region)
    if example is None:
        return None
    pattern = phonenumbers.national_significant_number(example)
    lengths = dict.fromkeys((len(phonenumbers.national_significant_number(number)), len(pattern)))
    for keep in (1, 2, 3):
        for _ in range(DRAWS_PER_PREFIX):
            for length in lengths:
                digits = pattern[:keep] + "".join(str(rng.randint(0, 9)) for _ in range(length - keep))
                fake = phonenumbers.parse(f"+{number.country_code}{digits}")  # keeps Italy's leading 0
                if phonenumbers.is_valid_number(fake) and phonenumbers.number_type(fake) in (
                        kind, PhoneNumberType.FIXED_LINE_OR_MOBILE):
                    return _written_like(value, fake)
    return None


def _written_like(value: str, fake) -> str:
    """``fake`` in ``value``'s layout when the digit counts agree, else in phonenumbers' format of its kind."""
    import phonenumbers
    from phonenumbers import PhoneNumberFormat

    stripped = value.lstrip()
    style = PhoneNumberFormat.INTERNATIONAL if stripped.startswith(("+", "00")) else PhoneNumberFormat.NATIONAL
    text = phonenumbers.format_number(fake, style)
    if stripped.startswith("00") and text.startswith("+"):
        text = "00" + text[1:]
    digits = re.sub(r"\D", "", text)
    if len(digits) == len(re.sub(r"\D", "", value)):
        return _layout(value, digits)
    return text
