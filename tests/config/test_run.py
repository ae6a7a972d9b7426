"""RunConfig: YAML round trip, missing and malformed files, errors by position."""
from __future__ import annotations

import pytest

from textsynth.config import RunConfig, ScrubConfig
from textsynth.errors import ConfigError


def test_yaml_round_trip(tmp_path):
    cfg = RunConfig(input="x.jsonl", scrub=ScrubConfig(strategy="hash", entities=("PERSON",)))
    path = tmp_path / "c.yaml"
    cfg.to_yaml(path)
    assert RunConfig.from_yaml(path) == cfg


def test_missing_and_malformed_files(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        RunConfig.from_yaml(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("generate: [unclosed")
    with pytest.raises(ConfigError, match="invalid YAML"):
        RunConfig.from_yaml(bad)


def test_yaml_needs_an_input_and_reports_syntax_errors_by_position(tmp_path):
    path = tmp_path / "run.yaml"
    path.write_text("run_dir: runs/x\n")
    with pytest.raises(ConfigError, match=r"run.yaml:input: required"):
        RunConfig.from_yaml(path)
    path.write_text("input: x.jsonl\ngenerate:\n  n: [1, 2\n  secret-ish: value\n")
    with pytest.raises(ConfigError, match=r"run.yaml:\d+:\d+: invalid YAML") as info:
        RunConfig.from_yaml(path)
    assert "secret-ish" not in str(info.value)
    path.write_bytes(b"\xef\xbb\xbfinput: x.jsonl\n")  # a BOM written by an editor
    assert RunConfig.from_yaml(path).input == "x.jsonl"
    path.write_bytes(b"input: \xff\n")
    with pytest.raises(ConfigError, match="cannot read the config"):
        RunConfig.from_yaml(path)
