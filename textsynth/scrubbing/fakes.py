"""Fake surrogates of the same type and format as a detected value (a name for a name, a valid IBAN for an
IBAN, a date in the same format), drawn only from a keyed hash of the value: ``fake_value``. Names, streets
and cities come from the record's Faker locale; phones keep the national pattern (``fake_phones``)."""
from __future__ import annotations

import calendar
import datetime as dt
import re
import string
from functools import lru_cache
from typing import Any, Callable

from stdnum import luhn

from ..core.seed_pii import digits_of, normalize  # the seed PII index's normal form
from .fake_phones import locale_region

# --------------------------------------------------------------------------------------------------
# Fake surrogates of the same type and format
# --------------------------------------------------------------------------------------------------

_TITLES = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir madam mx mx.".split())
_MONTHS = [m for m in calendar.month_name if m]
_MONTHS_ABBR = [m for m in calendar.month_abbr if m]
_DAYS = list(calendar.day_name)
_DAYS_ABBR = list(calendar.day_abbr)
_DATE_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%m/%d/%y", "%d.%m.%Y", "%m-%d-%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M",
    "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%A, %B %d, %Y", "%B %Y", "%b %Y",
    "%B %d", "%b %d", "%d %B", "%H:%M", "%I:%M %p", "%I:%M%p", "%I %p", "%I%p",
)


def _match_case(fake: str, original: str) -> str:
    letters = [c for c in original if c.isalpha()]
    if letters and all(c.islower() for c in letters):
        return fake.lower()
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return fake.upper()
    return fake


def _fill(template: str, rng: Any, keep_first_digit: bool = False) -> str:
    """Replace each digit/letter of template by a random one of the same kind and case, keeping separators."""
    out, first = [], True
    for ch in template:
        if ch.isdigit():
            if first and keep_first_digit:
                out.append(ch)
            else:
                out.append(str(rng.randint(1 if first and ch != "0" else 0, 9)))
            first = False
        elif ch.isalnum():  # any letter (or other digit) is replaced too, never copied
            letter = rng.choice(string.ascii_uppercase)
            out.append(letter.lower() if ch.islower() else letter)
        else:
            out.append(ch)
    return "".join(out)


def _layout(template: str, digits: str) -> str:
    """Put digits into the digit positions of template (extra template digits keep their position count)."""
    it = iter(digits)
    return "".join(next(it, ch) if ch.isdigit() else ch for ch in template)


def _luhn_complete(partial: str) -> str:
    """``partial`` with its Luhn check digit appended (python-stdnum's Luhn)."""
    return partial + luhn.calc_check_digit(partial)


_PARTICLES = frozenset("van von de der den del della di da das dos du la le bin ibn al el ter ten op zu y".split())
PartKey = Callable[[str, str], str]  # (role, lower-cased name word) -> hex key


def _name_roles(names: list[str], titled: bool) -> list[str]:
    """'first' or 'last' per name word: a fake must be the same kind as what it replaces. A lone word after a
    title is a surname; a lone word otherwise is classed by Faker's name lists (a surname only if it is not
    also a given name); in a full name the last word is the surname and the others given names."""
    from .lexicon import is_first_name, is_last_name

    if len(names) == 1:
        w = names[0].strip(".,")
        return ["last" if titled or (is_last_name(w) and not is_first_name(w)) else "first"]
    return ["first"] * (len(names) - 1) + ["last"]


def _fake_person(f: Any, value: str, part_key: PartKey | None = None) -> str:
    """A fake name of the same shape: a given name for a given name, a surname for a surname, an initial for an
    initial. With ``part_key`` each word's fake depends only on that word and its role, so "Sarah" and
    "Sarah Connor" in one run share the fake given name, and "Mr. Connor" gets the same surname."""
    words = value.split()
    title = words[0] if words and words[0].lower() in _TITLES else None
    names = [w for w in (words[1:] if title else words) if w.lower() not in _PARTICLES] or \
        (words[1:] if title else words)
    if not names:
        return f.last_name()
    originals = {w.lower().strip(".,") for w in words}
    out = []
    for word, role in zip(names, _name_roles(names, title is not None)):
        low = word.lower().strip(".,")
        for attempt in range(8):
            if part_key is not None:
                f.seed_instance(int(part_key(role, f"{low}\x00{attempt}")[:16], 16))
            fake = f.first_name() if role == "first" else f.last_name()
            if len(low) == 1:  # an initial ("J.") becomes another initial
                fake = fake[0] + ("." if word.endswith(".") else "")
            if fake.lower().strip(".") not in originals:
                break
        out.append(fake)
    fake = _match_case(" ".join(out), " ".join(names))
    return f"{title} {fake}" if title else fake


def _fake_phone(f: Any, value: str, region: str = "US") -> str:
    """A valid number of the original's region and type in its layout (``fake_phones``); for a value that is
    no valid number, the international prefix ("+44") and the layout are kept and every other digit is new."""
    from .fake_phones import national_fake

    fake = national_fake(value, f.random, region)
    if fake is not None:
        return fake
    m = re.match(r"^(\s*(?:\+|00)\d{1,3})(.*)$", value, re.S)
    prefix, rest = (m.group(1), m.group(2)) if m and len(digits_of(value)) > 9 else ("", value)
    return prefix + _fill(rest, f.random)


def _fake_card(f: Any, value: str) -> str:
    digits = digits_of(value)
    n = max(len(digits), 13)
    body = (digits[:1] or "4") + "".join(str(f.random.randint(0, 9)) for _ in range(n - 2))
    return _layout(value, _luhn_complete(body)) if len(digits) == n else _luhn_complete(body)


def _fake_iban(f: Any, value: str) -> str:
    # Only the IBAN itself is rebuilt; anything else in the span is dropped, never copied into the output
    # (it may be another value: "<td>IBAN</td> CARD").
    m = re.search(r"[A-Za-z]{2}\d{2}(?:[ \-]?[A-Za-z0-9]){8,}", value)
    if m and (m.start() or m.end() < len(value)):
        return _fake_iban(f, m.group())
    compact = re.sub(r"[\s\-]", "", value)
    country = compact[:2].upper() if compact[:2].isalpha() else "DE"
    bban = "".join(str(f.random.randint(0, 9)) if c.isdigit() else f.random.choice(string.ascii_uppercase)
                   for c in compact[4:]) or "".join(str(f.random.randint(0, 9)) for _ in range(18))
    check = 98 - int("".join(str(int(c, 36)) for c in bban + country + "00")) % 97
    fake = f"{country}{check:02d}{bban}"
    it = iter(fake)
    out = "".join(next(it, "") if ch.isalnum() else ch for ch in value) + "".join(it)
    return out.lower() if value.islower() else out


def _fake_ssn(f: Any, value: str) -> str:
    area = f.random.choice([n for n in range(1, 900) if n != 666])
    digits = f"{area:03d}{f.random.randint(1, 99):02d}{f.random.randint(1, 9999):04d}"
    return _layout(value, digits) if len(digits_of(value)) == 9 else f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def _fake_date(f: Any, value: str) -> str:
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        if not re.search(r"(?<!\d)0\d", text):  # "March 3" stays unpadded
            fmt = fmt.replace("%d", "%-d").replace("%m", "%-m").replace("%I", "%-I")
        parts = set(re.findall(r"\d{4,}|[A-Za-z]{3,}", text.lower()))
        for _ in range(50):  # no year, 4-digit time or month/day name of the original comes back
            when = dt.datetime(f.random.randint(1975, 2024), f.random.randint(1, 12), f.random.randint(1, 28),
                               f.random.randint(0, 23), f.random.randint(0, 59), f.random.randint(0, 59))
            fake = when.strftime(fmt)
            if not parts & set(re.findall(r"\d{4,}|[A-Za-z]{3,}", fake.lower())):
                break
        return value.replace(text, fake)
    return _perturb_date(f, value)


def _perturb_date(f: Any, value: str) -> str:
    """Vague or unusual dates ("the 3rd of May", "last Tuesday"): new month/day names and plausible numbers."""
    def word(m: re.Match) -> str:
        w = m.group()
        for full, abbr in ((_MONTHS, _MONTHS_ABBR), (_DAYS, _DAYS_ABBR)):
            low_full, low_abbr = [x.lower() for x in full], [x.lower() for x in abbr]
            if w.lower() in low_full:
                return _match_case(f.random.choice([x for x in full if x.lower() != w.lower()]), w)
            if w.lower().rstrip(".") in low_abbr and len(w) >= 3:
                return _match_case(f.random.choice([x for x in abbr if x.lower() != w.lower().rstrip(".")]), w)
        return w

    def number(m: re.Match) -> str:
        s = m.group()
        v = int(s)
        if len(s) == 4 and 1000 <= v <= 2999:
            return str(f.random.choice([y for y in range(1975, 2025) if y != v]))
        hi = 12 if v <= 12 else 28 if v <= 31 else 59 if v <= 59 else 99
        n = f.random.choice([x for x in range(1, hi + 1) if x != v])  # never the original number
        return f"{n:0{len(s)}d}" if s.startswith("0") else str(n)

    out = re.sub(r"\d+", number, re.sub(r"[A-Za-z]+\.?", word, value))
    if normalize(out) == normalize(value):  # a named day ("Christmas", "Labor Day"): a plain date instead
        out = dt.date(f.random.randint(1975, 2024), f.random.randint(1, 12), f.random.randint(1, 28)).strftime("%B %-d")
    return out


def _fake_location(f: Any, value: str) -> str:
    from faker.providers.address.en import Provider as World
    from faker.providers.address.en_US import Provider as US

    key = normalize(value)
    if key in {c.lower() for c in World.countries}:
        fake = f.country()
    elif key in {s.lower() for s in US.states}:
        fake = f.state()
    else:
        fake = f.city()
    return _match_case(fake, value)


def _fake_address(f: Any, value: str) -> str:
    street = f.street_address()
    if "\n" in value or "," in value:
        sep = "\n" if "\n" in value else ", "
        return f"{street}{sep}{f.city()}, {f.state_abbr()} {f.zipcode()}"
    return street


def _fake_url(f: Any, value: str) -> str:
    value = value.strip()
    url = f"https://www.{f.domain_word()}.{f.random.choice(['com', 'org', 'net', 'io'])}"
    if "/" in re.sub(r"^\w+://", "", value).rstrip("/"):
        url += "/" + f.uri_path()
    if not re.match(r"(?i)^\w+://", value):
        url = url.split("://", 1)[1]
        if not value.lower().startswith("www."):
            url = url[4:]
    return url


def _fake_email(f: Any, value: str) -> str:
    return _match_case(f"{f.user_name()}@{f.safe_domain_name()}", value)


def _fake_ip(f: Any, value: str) -> str:
    return f.ipv6() if ":" in value else f.ipv4_public()


FAKERS = {
    "PERSON": _fake_person,
    "EMAIL_ADDRESS": _fake_email,
    "STREET_ADDRESS": _fake_address,
    "PHONE_NUMBER": _fake_phone,
    "CREDIT_CARD": _fake_card,
    "IBAN_CODE": _fake_iban,
    "US_SSN": _fake_ssn,
    "US_DRIVER_LICENSE": lambda f, v: _fill(v, f.random),
    "IP_ADDRESS": _fake_ip,
    "URL": _fake_url,
    "DATE_TIME": _fake_date,
    "LOCATION": _fake_location,
    "NATIONAL_ID": lambda f, v: _fill(v, f.random),
}


def _fake_local_address(f: Any, value: str) -> str:
    """A street (and, when the value has more lines or parts, a postcode and city) in the locale's format."""
    street = f.street_address()
    if "\n" in value or "," in value:
        return f"{street}{chr(10) if chr(10) in value else ', '}{f.postcode()} {f.city()}"
    return street


def _fake_local_location(f: Any, value: str) -> str:
    return _match_case(f.city(), value)


# Fakes that differ in a non-English locale (the others are format-driven and shared).
LOCAL_FAKERS = {"STREET_ADDRESS": _fake_local_address, "LOCATION": _fake_local_location,
                "DATE_TIME": lambda f, v: _perturb_date(f, v)}


@lru_cache(maxsize=None)
def _faker(locale: str | None = None) -> Any:
    from faker import Faker

    return Faker(locale or "en_US")


def fake_value(entity_type: str, value: str, key: str, part_key: PartKey | None = None,
               locale: str | None = None) -> str:
    """A realistic surrogate of ``value`` derived only from ``key`` (its keyed hash) and the value's format.

    ``part_key`` (role, word) -> keyed hash lets a person's name be faked word by word (see ``_fake_person``).
    ``locale`` (a Faker locale such as "de_DE"; default en_US) is where names, streets and cities come from.
    """
    make = FAKERS.get(entity_type)
    if locale and entity_type in LOCAL_FAKERS:
        make = LOCAL_FAKERS[entity_type]
    if make is None:
        return f"<{entity_type}>"
    f = _faker(locale)
    for attempt in range(5):
        f.seed_instance(int(key[:16], 16) + attempt)
        if entity_type == "PERSON" and part_key is not None:
            fake = _fake_person(f, value, part_key if attempt == 0 else
                                (lambda role, w, a=attempt: part_key(role, f"{w}\x00retry{a}")))
        elif entity_type == "PHONE_NUMBER":
            fake = _fake_phone(f, value, locale_region(locale))
        else:
            fake = make(f, value)
        if normalize(fake) != normalize(value) and not _shares_digit_run(fake, value):
            return fake
    return f"<{entity_type}>"


def _shares_digit_run(fake: str, value: str, min_digits: int = 4) -> bool:
    """Whether a run of ``min_digits``+ significant digits of ``value`` shows up in ``fake``: random digit
    fills keep a card's first digit, so "4111 1111 ..." could come back as "4111 2093 ..." by chance (1 in
    1,000), which reads as a copied group. Such a fake is redrawn."""
    fake_digits = " ".join(re.findall(r"\d+", fake))
    runs = (r.lstrip("0") for r in re.findall(r"\d+", value))
    return any(len(r) >= min_digits and r in fake_digits for r in runs)
