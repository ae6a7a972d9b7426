import pytest

from textsynth.core.text import serialise_messages, words


@pytest.mark.parametrize("text, expected", [
    ("Don't stop, Believin'!", ["dont", "stop", "believin"]),
    ("don\u2019t `quote` \u2018me\u2019", ["dont", "quote", "me"]),  # curly apostrophes and backticks too
    ("Ünïcode ÉTÉ 2024", ["ünïcode", "été", "2024"]),
    ("snake_case--dash", ["snake", "case", "dash"]),
    ("", []),
])
def test_words(text, expected):
    assert words(text) == expected


def test_serialise_messages_names_roles_and_collapses_whitespace():
    messages = [{"role": "system", "content": "be  brief"}, {"role": "user", "content": "hi\n there"},
                {"role": "assistant", "content": "hello"}, {"role": "tool", "content": "x"}]
    assert serialise_messages(messages) == "System: be brief\nUser: hi there\nAssistant: hello\nTool: x"
