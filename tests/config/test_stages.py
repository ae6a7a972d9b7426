"""Stage configs: every field's range or choice check, edge values, DP-dependent fine-tune defaults."""
from __future__ import annotations

import re
import typing

import pytest
import yaml

from textsynth.config import FilterConfig, RunConfig, ScrubConfig
from textsynth.errors import ConfigError


def test_finetune_defaults_depend_on_dp_and_explicit_values_win():
    from textsynth.config import FinetuneConfig

    plain = FinetuneConfig().resolved()
    assert (plain.epochs, plain.lr, plain.batch_size) == (1, 1e-3, 8)
    dp = FinetuneConfig(dp_epsilon=8.0).resolved()
    assert (dp.epochs, dp.lr, dp.batch_size) == (3, 3e-3, 32)
    mine = FinetuneConfig(dp_epsilon=8.0, batch_size=16).resolved()
    assert (mine.epochs, mine.batch_size) == (3, 16)


# Every field of every config class has a range or choice check; (section, key, bad value, message fragment).
BAD_VALUES = [
    ("read", "text_column", "", "must not be empty"),
    ("read", "text_column", "  ", "must not be empty"),
    ("read", "label_column", "", "must not be empty"),
    ("read", "messages_column", "", "must not be empty"),
    ("read", "id_column", "", "must not be empty"),
    ("read", "id_column", "text", "must differ from the text/messages column"),
    ("read", "label_column", "text", "must differ from the text/messages column"),
    ("read", "on_error", "ignore", "must be one of raise, skip"),
    ("read", "max_chars", 0, "must be >= 1, got 0"),
    ("read", "role_key", "", "must not be empty"),
    ("read", "content_key", "role", "must differ from role_key"),
    ("scrub", "strategy", "blur", "must be one of"),
    ("scrub", "entities", [], "at least one entity"),
    ("scrub", "entities", ["person"], "upper-case"),
    ("scrub", "entities", ["PERSON", "PERSON"], "twice"),
    ("scrub", "language", "english", "language code"),
    ("scrub", "spacy_model", "", "must not be empty"),
    ("scrub", "score_threshold", 1.5, r"must be in \[0, 1\], got 1.5"),
    ("scrub", "score_threshold", -0.1, r"must be in \[0, 1\]"),
    ("scrub", "score_threshold", float("nan"), "finite"),
    ("scrub", "salt", "", "must not be empty"),
    ("scrub", "seed", -1, "must be in"),
    ("scrub", "seed", 2**32, "must be in"),
    ("scrub", "batch_size", 0, "must be >= 1"),
    ("scrub", "n_process", -1, "must be >= 0"),
    ("generate", "task", "", "must not be empty"),
    ("generate", "prompt", "", "must not be empty"),
    ("generate", "n", 0, "must be >= 1"),
    ("generate", "label_distribution", "mostly positive", "expected balanced, seed or label=share"),
    ("generate", "label_distribution", "pos=0.5,neg=x", "not a number"),
    ("generate", "label_distribution", "pos=-1,neg=2", ">= 0"),
    ("generate", "label_distribution", "pos=0,neg=0", "all be zero"),
    ("generate", "label_distribution", "pos=nan,neg=1", "finite"),
    ("generate", "label_distribution", "pos=1,pos=2", "twice"),
    ("generate", "num_shots", -1, "must be >= 0"),
    ("generate", "samples_per_prompt", 0, "must be >= 1"),
    ("generate", "docs_per_completion", 0, r"must be in \[1, 64\], got 0"),
    ("generate", "batch_size", 0, "must be >= 1"),
    ("generate", "shard_size", 0, r"must be in \[1, 100000\], got 0"),
    ("generate", "shard_size", 10**6, r"must be in \[1, 100000\]"),
    ("generate", "seed", -5, "must be in"),
    ("generate", "output", "", "must not be empty"),
    ("generate", "resume", "yes", "expected true or false"),
    ("generate.model", "model", "", "must not be empty"),
    ("generate.model", "backend", "tgi", "must be one of"),
    ("generate.model", "device", "gpu", "expected auto, cpu, mps, cuda or cuda:N"),
    ("generate.model", "dtype", "int3", "must be one of"),
    ("generate.model", "trust_remote_code", 1, "expected true or false"),
    ("generate.sampling", "temperature", -1, "must be >= 0, got -1"),
    ("generate.sampling", "temperature", float("inf"), "finite"),
    ("generate.sampling", "top_p", 0, r"must be in \(0, 1\]"),
    ("generate.sampling", "top_p", 1.01, r"must be in \(0, 1\]"),
    ("generate.sampling", "max_new_tokens", 0, "must be >= 1"),
    ("generate.sampling", "repetition_penalty", 0, "must be > 0"),
    ("generate.sampling", "guidance_scale", 0.5, "must be >= 1"),
    ("finetune", "task", "", "must not be empty"),
    ("finetune", "output_dir", "", "must not be empty"),
    ("finetune", "lora", "no", "expected true or false"),
    ("finetune", "dp_secure_mode", "no", "expected true or false"),
    ("finetune", "lora_r", 0, "must be >= 1"),
    ("finetune", "lora_alpha", 0, "must be >= 1"),
    ("finetune", "epochs", 0, "must be >= 1"),
    ("finetune", "lr", 0, r"must be in \(0, 1\]"),
    ("finetune", "lr", 5, r"must be in \(0, 1\]"),
    ("finetune", "batch_size", 0, "must be >= 1"),
    ("finetune", "max_length", 2, "must be >= 8"),
    ("finetune", "dp_epsilon", 0, "must be > 0"),
    ("finetune", "dp_epsilon", -3, "must be > 0"),
    ("finetune", "dp_delta", 0, r"must be in \(0, 1\)"),
    ("finetune", "dp_delta", 1, r"must be in \(0, 1\)"),
    ("finetune", "max_grad_norm", 0, "must be > 0"),
    ("finetune", "seed", -1, "must be in"),
    ("finetune", "resume", None, "expected true or false"),
    ("finetune.base", "device", "cuda:x", "expected auto"),
    ("filter", "filters", ["ngram", "ngram"], "twice"),
    ("filter", "filters", ["ngram", ""], "must not be empty"),
    ("filter", "ngram_max_len", 0, "must be >= 1"),
    ("filter", "ngram_share_n", 0, "must be >= 1"),
    ("filter", "ngram_share_max", 1.2, r"must be in \[0, 1\]"),
    ("filter", "minhash_threshold", 0, r"must be in \(0, 1\]"),
    ("filter", "minhash_threshold", 1.5, r"must be in \(0, 1\]"),
    ("filter", "minhash_num_perm", 1, "must be >= 2"),
    ("filter", "neighbours_max_cosine", 1.1, r"must be in \[-1, 1\]"),
    ("filter", "pii_action", "mask", "must be one of"),
    ("filter", "label_margin", -2, r"must be in \[-1, 1\]"),
    ("filter", "min_words", -1, "must be >= 0"),
    ("filter", "max_words", 0, "must be >= 1"),
    ("filter", "min_words", 500, "must not exceed max_words"),
    ("filter", "max_repetition", -0.5, r"must be in \[0, 1\]"),
    ("filter", "max_attempts_factor", 0.5, "must be >= 1"),
    ("evaluate", "test_fraction", 1.5, r"must be in \(0, 1\), got 1.5"),
    ("evaluate", "test_fraction", 0, r"must be in \(0, 1\)"),
    ("evaluate", "test_fraction", 1, r"must be in \(0, 1\)"),
    ("evaluate", "seed", -1, "must be in"),
    ("evaluate", "embeddings", "true", "expected true or false"),
    ("evaluate", "max_records", 1, "must be >= 2"),
    ("export", "formats", [], "at least one"),
    ("export", "formats", ["csv"], "must be among"),
    ("export", "formats", ["jsonl", "jsonl"], "twice"),
    ("export", "splits", [0.8, 0.1, 0.2], "sum to 1"),
    ("export", "splits", [1.2, -0.1, -0.1], r"train share must be in \[0, 1\]"),
    ("export", "splits", [0.0, 0.5, 0.5], "train share must be > 0"),
    ("export", "splits", [0.8, 0.1, float("nan")], "finite"),
    ("export", "seed", 2**40, "must be in"),
    ("export", "push_to_hub", "not a repo id!", "hub repo id"),
    ("export", "push_to_hub", "a/b/c", "hub repo id"),
    ("export", "private", "yes", "expected true or false"),
    ("", "run_dir", "", "must not be empty"),
    ("", "finetune_first", "no", "expected true or false"),
    ("", "input", "a\0b", "NUL"),
]


def nest(section: str, key: str, value):
    data = {key: value}
    for part in reversed([p for p in section.split(".") if p]):
        data = {part: data}
    return data


@pytest.mark.parametrize("section, key, value, message", BAD_VALUES,
                         ids=[f"{s}.{k}={v!r}".lstrip(".") for s, k, v, _ in BAD_VALUES])
def test_every_bad_value_is_refused_when_the_yaml_is_read(tmp_path, section, key, value, message):
    path = tmp_path / "run.yaml"
    data = {"input": "seeds.jsonl", **nest(section, key, value)}
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    dotted = f"{section}.{key}".lstrip(".")
    with pytest.raises(ConfigError, match=f"^{re.escape(str(path))}:{re.escape(dotted)}: .*{message}"):
        RunConfig.from_yaml(path)


@pytest.mark.parametrize("section, key, value, message", BAD_VALUES,
                         ids=[f"{s}.{k}={v!r}".lstrip(".") for s, k, v, _ in BAD_VALUES])
def test_every_bad_value_is_refused_when_built_in_python(section, key, value, message):
    import dataclasses

    cls = RunConfig
    for part in [p for p in section.split(".") if p]:
        cls = typing.get_type_hints(cls)[part]
    with pytest.raises(ConfigError, match=f"^{re.escape(key)}: .*{message}"):
        cls(**{key: value})
    with pytest.raises(ConfigError):
        dataclasses.replace(cls(), **{key: value})


def test_good_edge_values_are_accepted_and_normalised():
    from textsynth.config import EvaluateConfig, ExportConfig, GenerateConfig, SamplingConfig

    assert SamplingConfig(temperature=0, top_p=1).temperature == 0.0  # 0 = greedy
    assert isinstance(SamplingConfig(temperature=1).temperature, float)
    assert ExportConfig(splits=[1, 0, 0]).splits == (1.0, 0.0, 0.0)
    assert GenerateConfig(label_distribution="positive=0.7, negative=0.3").n == 100
    assert EvaluateConfig(test_fraction=0.5).test_fraction == 0.5
    assert ExportConfig(push_to_hub="user/my-data").push_to_hub == "user/my-data"
    assert FilterConfig(filters=()).filters == ()  # no filters is a choice, not a typo
    assert RunConfig(evaluate={"seed": 3}).evaluate.seed == 3  # nested mappings become configs


def test_salt_is_never_echoed():
    with pytest.raises(ConfigError) as info:
        ScrubConfig(salt=123456789)
    assert "123456789" not in str(info.value) and str(info.value).startswith("salt: expected a string")
