"""Absolute dates and times found by pattern (spaCy's DATE tag is lost inside markup or quotes)."""
from __future__ import annotations

import re

from .base import GatedPattern

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"(?i:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?|(?i:january|february|march|april|june|july|august|"
          r"september|october|november|december))")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# What makes a date or time absolute (a point that can be looked up), as opposed to a duration or a relative
# expression ("years", "tonight", "last week", "every 15 minutes", "two days"): a year, a numeric date, a
# month with a day, a clock time.
_ABSOLUTE_TIME = re.compile(
    r"(?<![\d.,])(?:1[6-9]|20)\d\d(?![\d,])"  # 1984, 2019, 1990s
    r"|['’]\d\d\b"  # '84
    r"|(?<![\d.])\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{1,4})?(?![\d.])"  # 03/04/1984, 2019-05-01, 3.4.
    r"|\b" + _MONTH + r"[ \t]+" + _DAY + r"\b"  # March 3, Sept. 3rd
    r"|\b" + _DAY + r"[ \t]+(?:of[ \t]+)?" + _MONTH + r"(?![^\W\d_])"  # 3 March, 3rd of May
    r"|\b\d{1,2}:\d{2}\b|\b\d{1,2}[ \t]*(?i:am|pm|a\.m\.|p\.m\.)(?![^\W\d_])"  # 10:30, 5pm
)


_YEAR = r"(?:1[6-9]|20)\d\d"
# Absolute dates spelled out or numeric, found by pattern as well as by spaCy, whose DATE tag is lost when markup
# or quotes surround the date ("<span>August 19, 1992</span>").
DATE_PATTERNS = [
    GatedPattern("month-day-year", r"\b" + _MONTH + r"[ \t]+" + _DAY + r",?[ \t]+" + _YEAR + r"(?!\d)", 0.6),
    GatedPattern("day-month-year", r"\b" + _DAY + r"[ \t]+(?:of[ \t]+)?" + _MONTH + r",?[ \t]+" + _YEAR + r"(?!\d)", 0.6),
    GatedPattern("iso", r"(?<![\d\-])" + _YEAR + r"-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?![\d\-])", 0.6),
    GatedPattern("day-month-year-numeric", r"(?<![\d/.\-])(?:0?[1-9]|[12]\d|3[01])([/.\-])(?:0?[1-9]|1[0-2]|[12]\d|3[01])"
                 r"\1" + _YEAR + r"(?![\d/.\-])", 0.6),
]
