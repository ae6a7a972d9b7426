"""Word and name resources: wordfreq frequencies and Faker's name lists."""
from __future__ import annotations

import pytest

from textsynth.scrubbing.lexicon import is_common_word, is_first_name, is_known_name, is_last_name


@pytest.mark.parametrize("word, common", [
    ("okay", True), ("years", True), ("the", True), ("Soup", True),
    ("trpinc", False), ("worthington", False), ("zendaya", False),  # rare surnames, actors' names
])
def test_common_words_come_from_wordfreq(word: str, common: bool) -> None:
    assert is_common_word(word) is common


@pytest.mark.parametrize("word, check", [
    ("Sarah", is_first_name), ("john", is_first_name), ("Smith", is_last_name), ("walker", is_last_name),
    ("Worthington", lambda w: not is_known_name(w)), ("meh", lambda w: not is_known_name(w)),
    ("years", lambda w: not is_known_name(w)),
])
def test_names_come_from_faker(word: str, check) -> None:
    assert check(word)
