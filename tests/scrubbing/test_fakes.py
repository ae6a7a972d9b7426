"""Fake surrogates (``scrubbing/fakes.py``): same type and format, consistent per value, salted; no spaCy model."""
from __future__ import annotations

import datetime as dt
import ipaddress
import re

import pytest

from textsynth.scrubbing.fakes import fake_value, normalize
from textsynth.scrubbing.recognizers.validators import iban_ok as iban_valid
from textsynth.scrubbing.recognizers.validators import luhn_ok as luhn_valid
from textsynth.scrubbing.operators import replacement_key, value_key

SALT = "test-salt"


def fake(entity: str, value: str, salt: str = SALT) -> str:
    return fake_value(entity, value, replacement_key(salt, 0, entity, value))


def _digit_layout(s: str) -> str:
    return re.sub(r"\d", "9", s)


def _parses_as_date(s: str) -> bool:
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%B %d, %Y", "%d %B %Y", "%B %Y", "%H:%M"):
        try:
            dt.datetime.strptime(s.replace("  ", " "), fmt)
            return True
        except ValueError:
            pass
    return False


# Each type: (value, check on the fake)
FORMAT_CASES = [
    ("PERSON", "Maria Garcia", lambda f: re.fullmatch(r"[A-Z][a-z'\-]+ [A-Z][a-z'\-]+", f)),
    ("PERSON", "Dr. Chen", lambda f: f.startswith("Dr. ") and len(f.split()) == 2),
    ("PERSON", "anna", lambda f: f.islower() and " " not in f),
    ("EMAIL_ADDRESS", "jane.doe@corp.com", lambda f: re.fullmatch(r"[\w.\-]+@[\w\-]+\.(com|org|net)", f)),
    ("PHONE_NUMBER", "(212) 555-0199", lambda f: _digit_layout(f) == "(999) 999-9999"),
    ("PHONE_NUMBER", "+44 20 7946 0958", lambda f: f.startswith("+44 ") and _digit_layout(f) == "+99 99 9999 9999"),
    ("CREDIT_CARD", "4111 1111 1111 1111", lambda f: luhn_valid(f) and _digit_layout(f) == "9999 9999 9999 9999"),
    ("CREDIT_CARD", "378282246310005", lambda f: luhn_valid(f) and len(f) == 15 and f[0] == "3"),
    ("IBAN_CODE", "DE89 3704 0044 0532 0130 00", lambda f: iban_valid(f) and f.startswith("DE") and len(f) == 27),
    ("IBAN_CODE", "GB29NWBK60161331926819", lambda f: iban_valid(f) and f.startswith("GB") and len(f) == 22),
    ("US_SSN", "536-22-8190", lambda f: re.fullmatch(r"\d{3}-\d{2}-\d{4}", f) and not f.startswith(("000", "666"))),
    ("US_DRIVER_LICENSE", "D1234567", lambda f: re.fullmatch(r"[A-Z]\d{7}", f)),
    ("IP_ADDRESS", "192.168.1.20", lambda f: ipaddress.ip_address(f).version == 4),
    ("IP_ADDRESS", "2001:db8::1", lambda f: ipaddress.ip_address(f).version == 6),
    ("URL", "https://example.com/account/42", lambda f: re.fullmatch(r"https://www\.[\w\-]+\.\w+/\S+", f)),
    ("URL", "www.shop.com", lambda f: re.fullmatch(r"www\.[\w\-]+\.\w+", f)),
    ("DATE_TIME", "March 3, 2019", lambda f: _parses_as_date(f) and not re.search(r" 0\d,", f)),
    ("DATE_TIME", "2021-07-14", lambda f: _parses_as_date(f) and len(f) == 10),
    ("DATE_TIME", "last Tuesday", lambda f: f.startswith("last ") and f.split()[1] in
     ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")),
    ("LOCATION", "France", lambda f: f[0].isupper()),
    ("STREET_ADDRESS", "42 Baker Street", lambda f: re.match(r"\d+ \w", f)),
    ("STREET_ADDRESS", "42 Baker Street, Springfield, IL 62704", lambda f: re.search(r", [A-Z]{2} \d{5}$", f)),
]


@pytest.mark.parametrize("entity, value, check", FORMAT_CASES, ids=[f"{c[0]}-{c[1]}" for c in FORMAT_CASES])
def test_fake_has_same_type_and_format(entity, value, check):
    out = fake(entity, value)
    assert out != value
    assert check(out), out


@pytest.mark.parametrize("entity, value", [(c[0], c[1]) for c in FORMAT_CASES])
def test_fake_is_consistent_and_salted(entity, value):
    assert fake(entity, value) == fake(entity, value)
    # normalised spelling of the same value maps to the same fake
    assert fake(entity, value).strip() == fake(entity, f"  {value} ").strip()
    others = {fake(entity, value, salt=f"salt-{i}") for i in range(4)}
    assert len(others) > 1  # the salt changes the mapping


def test_digit_types_share_a_key_across_layouts():
    assert value_key("(212) 555-0199", "PHONE_NUMBER") == value_key("212.555.0199", "PHONE_NUMBER") == "2125550199"
    a, b = fake("PHONE_NUMBER", "(212) 555-0199"), fake("PHONE_NUMBER", "212.555.0199")
    assert re.sub(r"\D", "", a) == re.sub(r"\D", "", b)
    assert value_key("Jane   DOE", "PERSON") == normalize("jane doe") == "jane doe"
