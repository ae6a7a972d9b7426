import pytest

from textsynth.errors import ConfigError
from textsynth.generation.prompts import (
    control_prefix_template, load_template, render, shot_text, template_from_dict,
)
from textsynth.core.text import serialise_messages
from textsynth.records import Record


@pytest.mark.parametrize("task", ["sentiment", "chat"])
def test_shipped_templates_load(task):
    t = load_template(task)
    assert t.task == task and len(t.labels) >= 2
    assert all(t.zero_shot_examples.get(lab) for lab in t.labels)


def test_aliases_map_seed_labels():
    t = load_template("sentiment")
    assert t.canonical_label("fresh") == "positive"
    assert t.canonical_label("Rotten") == "negative"
    assert t.canonical_label("positive") == "positive"
    assert t.canonical_label("neutral") is None
    three = t.for_seed_labels({"neutral", "positive", "negative"})
    assert list(three.labels) == ["negative", "neutral", "positive"] and three.labels["positive"] == t.labels["positive"]
    assert t.for_seed_labels({"fresh", "rotten"}) is t  # every seed label known (through aliases)
    stars = t.for_seed_labels({"1", "2", "3", "4", "5", "10"})
    assert list(stars.labels) == ["1", "2", "3", "4", "5", "10"] and stars.aliases == {}
    assert stars.canonical_label("1") == "1"  # not the binary alias "1" -> positive


def test_render_completion_lists_shots_and_opens_a_slot():
    t = load_template("sentiment")
    p = render(t, "positive", ["Great.", "Lovely film."])
    assert p.endswith("- Great.\n- Lovely film.\n-")
    assert t.labels["positive"] in p


def test_render_chat_style_uses_formatter():
    t = template_from_dict({"id": "x", "labels": {"a": "about A"}, "style": "chat", "instruction": "Write {description}."})
    p = render(t, "a", ["ex"], chat_formatter=lambda msgs: "<u>" + msgs[0]["content"] + "</u>")
    assert p == "<u>Write about A.\n\nex</u>"


def test_control_prefix_template():
    t = control_prefix_template({"format": {"prompt": "<label> {label}\n"}, "labels": ["positive", "negative"],
                                 "task": "sentiment"}, "sentiment")
    assert render(t, "negative", ["ignored"]) == "<label> negative\n"


@pytest.mark.parametrize("data,msg", [
    ({"labels": {"a": "A"}}, "id: required"),
    ({"id": "x"}, "labels: required"),
    ({"id": "x", "labels": {}}, "non-empty"),
    ({"id": "x", "labels": {"a": "A"}, "colour": 1}, "colour: unknown key"),
    ({"id": "x", "labels": {"a": "A"}, "aliases": {"z": "b"}}, "aliases.z"),
    ({"id": "x", "labels": {"a": "A"}, "style": "poem"}, "style: must be one of"),
    ({"id": "x", "labels": {"a": "A"}, "shot_format": "no slot"}, "must contain"),
    ({"id": "x", "labels": {"a": "A"}, "instruction": "{oops}"}, "unknown placeholder"),
    ({"id": "x", "labels": {"a": "A"}, "num_shots": -1}, "num_shots"),
])
def test_template_validation(data, msg):
    with pytest.raises(ConfigError, match=msg):
        template_from_dict(data, source="t.yaml")


def test_user_template_file(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text("id: mine\nlabels: [spam, ham]\ninstruction: 'Write {label} emails.'\n")
    t = load_template(str(p))
    assert t.id == "mine" and list(t.labels) == ["spam", "ham"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n")
    with pytest.raises(ConfigError, match="invalid YAML"):
        load_template(str(bad))
    with pytest.raises(ConfigError, match="no template named"):
        load_template("nonexistent-task")


def test_shot_text_collapses_and_cuts():
    r = Record(id="1", text="a  b\n c " + "word " * 100)
    s = shot_text(r, 30)
    assert "\n" not in s and len(s) <= 30
    chat = Record(id="2", messages=[{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}])
    assert shot_text(chat, 0) == "User: hi\nAssistant: hello" == serialise_messages(chat.messages)


def test_generic_text_template_takes_the_seed_labels():
    t = load_template("text")
    assert t.task == "text" and list(t.labels) == ["text"]
    topics = t.for_seed_labels({"sports", "politics"})
    assert list(topics.labels) == ["politics", "sports"]
    assert render(topics, "sports", ["Late goal wins the cup"]) == (
        "Examples of short sports texts, one per line:\n\n- Late goal wins the cup\n-")
