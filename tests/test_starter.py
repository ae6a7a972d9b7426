"""Starter configs (`textsynth init`) parse back into valid RunConfigs."""
from __future__ import annotations

import pytest
import yaml

from textsynth.config import RunConfig, from_dict
from textsynth.starter import starter_config


@pytest.mark.parametrize("task", ["sentiment", "chat", "text"])
def test_starter_config_parses(task):
    cfg = from_dict(RunConfig, yaml.safe_load(starter_config(task, "seeds.jsonl")))
    assert cfg.input == "seeds.jsonl" and cfg.generate.task == task
    assert (cfg.read.messages_column == "messages") == (task == "chat")
