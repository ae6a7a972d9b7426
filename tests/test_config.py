"""Config: YAML round trip, validation errors that name the key, starter configs that parse."""
from __future__ import annotations

import pytest
import yaml

from textsynth.config import FilterConfig, RunConfig, ScrubConfig, from_dict, replace
from textsynth.errors import ConfigError
from textsynth.pipeline import starter_config


def test_yaml_round_trip(tmp_path):
    cfg = RunConfig(input="x.jsonl", scrub=ScrubConfig(strategy="hash", entities=("PERSON",)))
    path = tmp_path / "c.yaml"
    cfg.to_yaml(path)
    assert RunConfig.from_yaml(path) == cfg


@pytest.mark.parametrize("data,message", [
    ({"generate": {"nn": 3}}, "generate.nn: unknown key"),
    ({"scrub": {"strategy": "blur"}}, "scrub.strategy: must be one of"),
    ({"generate": {"n": "many"}}, "generate.n: expected an integer"),
    ({"generate": {"n": True}}, "generate.n: expected an integer"),
    ({"filter": {"minhash_threshold": "high"}}, "filter.minhash_threshold: expected a number"),
    ({"export": {"splits": [0.8, 0.2]}}, "export.splits: expected 3 items"),
    ({"generate": {"model": {"trust_remote_code": "yes"}}}, "generate.model.trust_remote_code: expected true or false"),
    ({"read": []}, "read: expected a mapping"),
])
def test_invalid_values_name_the_key(data, message):
    with pytest.raises(ConfigError, match=message):
        from_dict(RunConfig, data)


def test_comma_strings_become_tuples_and_replace_ignores_none():
    cfg = from_dict(ScrubConfig, {"entities": "PERSON, EMAIL_ADDRESS"})
    assert cfg.entities == ("PERSON", "EMAIL_ADDRESS")
    assert replace(FilterConfig(), minhash_threshold=None).minhash_threshold == FilterConfig().minhash_threshold


def test_missing_and_malformed_files(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        RunConfig.from_yaml(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("generate: [unclosed")
    with pytest.raises(ConfigError, match="invalid YAML"):
        RunConfig.from_yaml(bad)


@pytest.mark.parametrize("task", ["sentiment", "chat", "text"])
def test_starter_config_parses(task):
    cfg = from_dict(RunConfig, yaml.safe_load(starter_config(task, "seeds.jsonl")))
    assert cfg.input == "seeds.jsonl" and cfg.generate.task == task
    assert (cfg.read.messages_column == "messages") == (task == "chat")


def test_finetune_defaults_depend_on_dp_and_explicit_values_win():
    from textsynth.config import FinetuneConfig

    plain = FinetuneConfig().resolved()
    assert (plain.epochs, plain.lr, plain.batch_size) == (1, 1e-3, 8)
    dp = FinetuneConfig(dp_epsilon=8.0).resolved()
    assert (dp.epochs, dp.lr, dp.batch_size) == (3, 3e-3, 32)
    mine = FinetuneConfig(dp_epsilon=8.0, batch_size=16).resolved()
    assert (mine.epochs, mine.batch_size) == (3, 16)
