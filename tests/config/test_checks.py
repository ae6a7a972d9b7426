"""Config checks: errors name the dotted key; comma strings become tuples; replace ignores None."""
from __future__ import annotations

import pytest

from textsynth.config import FilterConfig, RunConfig, ScrubConfig, from_dict, replace
from textsynth.errors import ConfigError


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
