import pytest

from textsynth.errors import ConfigError
from textsynth.generation.plan import derive_seed, label_plan, parse_distribution, quotas

LABELS = ["positive", "negative"]


@pytest.mark.parametrize("n,shares,expected", [
    (10, {"a": 0.5, "b": 0.5}, {"a": 5, "b": 5}),
    (7, {"a": 0.5, "b": 0.5}, {"a": 4, "b": 3}),
    (10, {"a": 0.7, "b": 0.3}, {"a": 7, "b": 3}),
    (3, {"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}, {"a": 1, "b": 1, "c": 1}),
    (5, {"a": 0.45, "b": 0.45, "c": 0.1}, {"a": 2, "b": 2, "c": 1}),
    (0, {"a": 1.0}, {"a": 0}),
    (101, {"a": 0.333, "b": 0.333, "c": 0.334}, {"a": 34, "b": 33, "c": 34}),
])
def test_quotas_exact(n, shares, expected):
    got = quotas(n, shares)
    assert got == expected
    assert sum(got.values()) == n


@pytest.mark.parametrize("spec,expected", [
    ("balanced", {"positive": 0.5, "negative": 0.5}),
    ("positive=0.7,negative=0.3", {"positive": 0.7, "negative": 0.3}),
    ("positive=7, negative=3", {"positive": 0.7, "negative": 0.3}),
    ("positive=1", {"positive": 1.0}),
])
def test_parse_distribution(spec, expected):
    got = parse_distribution(spec, LABELS)
    assert got.keys() == expected.keys()
    assert all(abs(got[k] - v) < 1e-9 for k, v in expected.items())


def test_seed_distribution_follows_seed_labels():
    got = parse_distribution("seed", LABELS, ["positive", "positive", "positive", "negative", None])
    assert got == {"positive": 0.75, "negative": 0.25}


def test_seed_distribution_falls_back_to_model_metadata():
    assert parse_distribution("seed", LABELS, [], fallback={"positive": 0.2, "negative": 0.8}) == {
        "positive": 0.2, "negative": 0.8}


@pytest.mark.parametrize("spec,msg", [
    ("happy=1", "unknown label 'happy'"),
    ("positive", "expected label=share"),
    ("positive=x", "expected label=share"),
    ("positive=-1,negative=2", "non-negative"),
    ("seed", "needs labelled seeds"),
])
def test_bad_distributions(spec, msg):
    with pytest.raises(ConfigError, match=msg):
        parse_distribution(spec, LABELS)


def test_label_plan_has_exact_counts_and_is_seeded():
    plan = label_plan({"positive": 7, "negative": 3}, seed=1)
    assert plan.count("positive") == 7 and plan.count("negative") == 3
    assert plan == label_plan({"positive": 7, "negative": 3}, seed=1)
    assert plan != label_plan({"positive": 7, "negative": 3}, seed=2)


def test_derive_seed_is_stable():
    assert derive_seed("a", 1) == derive_seed("a", 1)
    assert derive_seed("a", 1) != derive_seed("a", 2)
    assert 0 <= derive_seed("x") < 2**31
