import pytest

from textsynth.generation.parse import ParseFailure, clean_text, parse_chat


@pytest.mark.parametrize("raw,expected", [
    (" A gripping, moving film.", "A gripping, moving film."),
    ("Review: A gripping film.", "A gripping film."),
    ("Here's a positive movie review:\n\n\"A triumph of style and heart.\"", "A triumph of style and heart."),
    ("Sure! Here is a negative review: Boring and slow.", "Boring and slow."),
    ("Positive review: lovely film.", "lovely film."),
    ("1. **Review:** Excellent acting throughout.", "Excellent acting throughout."),
    ("\"Great fun from start to finish.\"", "Great fun from start to finish."),
    ("\u201cWarm and witty.\u201d", "Warm and witty."),
    ("A dull mess.<|im_end|>", "A dull mess."),
    ("<|im_start|>assistant\nA dull mess.", "A dull mess."),
    ("It's a \"masterpiece\" of \"boredom\".", "It's a \"masterpiece\" of \"boredom\"."),
    ("no punctuation at all but finished", "no punctuation at all but finished"),
])
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("Great acting. The plot, however, drags in the", "Great acting."),
    ("Wonderful! Truly a joy. And then the", "Wonderful! Truly a joy."),
])
def test_truncated_output_loses_partial_sentence(raw, expected):
    assert clean_text(raw, truncated=True) == expected


@pytest.mark.parametrize("raw,reason", [
    ("", "empty"),
    ("<|im_end|>", "empty"),
    ("Review:", "empty"),
    ("... !!! ...", "no_words"),
    ("I just want to say these in a single sentence:", "preamble"),
    ("a sentence that never ends because the model hit the", "truncated"),
])
def test_clean_text_failures(raw, reason):
    truncated = reason == "truncated"
    with pytest.raises(ParseFailure) as err:
        clean_text(raw, truncated=truncated)
    assert err.value.reason == reason


def test_first_line_only_drops_preamble_and_rest():
    assert clean_text("Here is one:\nShort and sweet.\nSecond line", first_line_only=True) == "Short and sweet."


def test_parse_chat_valid():
    raw = " hi, any film tips?\nAssistant: Try a comedy.\nUser: Thanks!\nAssistant: You're welcome."
    assert parse_chat(raw) == [
        {"role": "user", "content": "hi, any film tips?"},
        {"role": "assistant", "content": "Try a comedy."},
        {"role": "user", "content": "Thanks!"},
        {"role": "assistant", "content": "You're welcome."},
    ]


def test_parse_chat_merges_consecutive_messages_of_one_speaker():
    raw = "User: hi\nAssistant: hello!\nassistant: how are you?\nUser: fine\nUser: you?\nAssistant: great"
    assert parse_chat(raw) == [
        {"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello! how are you?"},
        {"role": "user", "content": "fine you?"}, {"role": "assistant", "content": "great"},
    ]


def test_parse_chat_continuation_lines_and_truncation():
    raw = "User: hello\nAssistant: hi there,\nhow can I help?\nUser: what time\nAssistant: it is ha"
    msgs = parse_chat(raw, truncated=True)
    assert msgs == [{"role": "user", "content": "hello"}, {"role": "assistant", "content": "hi there, how can I help?"}]


@pytest.mark.parametrize("raw,reason", [
    ("", "no_turns"),
    ("User: hello", "too_few_turns"),
    ("User: hello\nUser: again", "too_few_turns"),  # one user turn in two messages
    ("User: hello\nUser:\nAssistant: hi", "empty_turn"),  # an empty message is not merged away
    ("Assistant: hello\nUser: hi", "first_turn_not_user"),
    ("User: hello\nAssistant:", "empty_turn"),
])
def test_parse_chat_failures(raw, reason):
    with pytest.raises(ParseFailure) as err:
        parse_chat(raw)
    assert err.value.reason == reason
