"""Checksums and shape checks that gate pattern matches (Luhn, IBAN mod 97, SSN, licence, phone)."""
from __future__ import annotations

import re

from stdnum import luhn
from stdnum.iso7064 import mod_97_10


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def luhn_ok(value: str) -> bool:
    """A card-length digit string (12-19 digits, not all one digit) with a valid Luhn check digit."""
    digits = _digits(value)
    return 12 <= len(digits) <= 19 and len(set(digits)) > 1 and luhn.is_valid(digits)


def iban_ok(value: str) -> bool:
    """IBAN shape (country, check digits, 11-30 alphanumerics) and the ISO 7064 mod 97-10 check."""
    s = re.sub(r"[\s-]", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", s):
        return False
    return mod_97_10.is_valid("".join(str(int(c, 36)) for c in s[4:] + s[:4]))


def ssn_ok(value: str) -> bool:
    d = _digits(value)
    if len(d) != 9 or len(set(d)) == 1:
        return False
    area, group, serial = d[:3], d[3:5], d[5:]
    return area not in ("000", "666") and not area.startswith("9") and group != "00" and serial != "0000" \
        and d not in ("123456789", "987654321")


def license_ok(value: str) -> bool:
    alnum = re.sub(r"[^A-Za-z0-9]", "", value)
    digits = sum(c.isdigit() for c in alnum)
    return 6 <= len(alnum) <= 20 and digits >= 3 and not re.fullmatch(r"(19|20)\d\d", alnum)


def phone_ok(value: str) -> bool:
    """A plausible phone number: 7-15 digits, not a date, time, decimal, IP address or ID number."""
    v = value.strip()
    d = _digits(re.split(r"(?i)\s*(?:x|ext\.?|extension)\s*\d+$", v)[0])
    if not 7 <= len(d) <= 15 or len(set(d)) == 1:
        return False
    if re.fullmatch(r"\d{1,4}([./-])\d{1,2}\1\d{1,4}", v):  # dates
        return False
    if re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", v):  # IPv4
        return False
    if re.fullmatch(r"\d{3}-\d{2}-\d{4}", v):  # SSN shape
        return False
    if re.fullmatch(r"\d+\.\d+", v):  # decimal
        return False
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", v):  # thousands
        return False
    m = re.match(r"\((\d{2,4})\)[.\-/]|\(\d{5,}\)[.\-/]()", v)
    if m:  # "(020)-1234567": a national number, not "(2019)-2020", "(12)-3456" or a zip "(90210)-1234"
        return m.group(1) is not None and len(d) >= 9 and not re.fullmatch(r"(?:1[89]|20)\d\d", m.group(1))
    if v.startswith(("+", "00", "(")):
        return True
    groups = re.findall(r"\d+", v)
    if len(groups) == 1:
        return 9 <= len(d) <= 12  # bare digit runs: national numbers ("6038505064", "07700383670")
    return True


_VALIDATORS = {"luhn": luhn_ok, "iban": iban_ok, "ssn": ssn_ok, "license": license_ok, "phone": phone_ok}

# --------------------------------------------------------------------------------------------------
