"""The normalised view detection runs on, and its map back to original offsets."""
from __future__ import annotations

import re

import pytest

from textsynth.scrubbing.normalize import normalize_value, normalize_view

CASES = [
    ("4111\u00a01111\u202f1111\u20091111", "4111 1111 1111 1111"),  # unicode spaces
    ("555\u2011123\u20134567\u2212", "555-123-4567-"),  # non-breaking hyphen, en dash, minus
    ("4111\u200b1111\u200d1111\u20601111\ufeff", "4111111111111111"),  # zero-width characters
    ("\uff14\uff11\uff11\uff11", "4111"),  # fullwidth digits
    ("\x1b[31m4111\x1b[0m", "4111"),  # ANSI colour codes
    ("ok\x1b[1mgo", "ok go"),  # an escape between two words does not glue them
    ("4111&nbsp;1111&#45;2", "4111 1111-2"),  # character references
    ("cafe\u0301", "café"),  # composed
    ("plain ascii", "plain ascii"),
]


@pytest.mark.parametrize("text, view", CASES)
def test_view_folds_lookalikes(text: str, view: str) -> None:
    assert normalize_view(text).text == view
    assert normalize_value(text) == view


@pytest.mark.parametrize("text, _", CASES)
def test_every_view_span_maps_to_the_smallest_covering_original_span(text: str, _: str) -> None:
    view = normalize_view(text)
    for m in re.finditer(r"\d+|[^\W\d_]+", view.text):
        start, end = view.to_original(*m.span())
        # the original slice normalises back to the matched view text, and is no wider than needed
        assert normalize_value(text[start:end]) == m.group()
        assert normalize_value(text[start + 1:end]) != m.group() and normalize_value(text[start:end - 1]) != m.group()


def test_zero_width_characters_inside_a_value_fall_inside_its_original_span() -> None:
    text = "card 4111\u200b1111\u200b1111\u200b1111 ok"
    view = normalize_view(text)
    m = re.search(r"\d{16}", view.text)
    start, end = view.to_original(*m.span())
    assert text[start:end] == "4111\u200b1111\u200b1111\u200b1111"


def test_ascii_text_is_its_own_view() -> None:
    view = normalize_view("Call 555-0134 now")
    assert view.text == view.original and view.starts is None and view.to_original(5, 13) == (5, 13)
