"""CandidateSource: what the gate asks of a generator, with defaults the gate calls directly."""
from __future__ import annotations

import pytest

from textsynth.config import GenerateConfig
from textsynth.core.candidates import CandidateSource
from textsynth.records import Record


class _Fixed(CandidateSource):
    labels = ["yes", "no"]

    def generate_quota(self, quotas, round, on_document=None):
        return [], []


def test_the_defaults_say_no_plan_no_template_no_privacy_and_a_type_fingerprint():
    src = _Fixed()
    assert src.label_shares() is None and src.template is None and src.privacy_report() is None
    assert src.cleanup() is None and src.fingerprint() == repr(_Fixed)


def test_a_source_must_generate():
    class Silent(CandidateSource):
        pass

    with pytest.raises(TypeError, match="generate_quota"):
        Silent()


def test_the_gate_plans_with_the_declared_labels_when_the_source_has_no_plan_of_its_own():
    from textsynth.gate import plan_quotas

    seeds = [Record("1", "x", label="other")]  # not consulted: the source declares its labels
    assert plan_quotas(GenerateConfig(n=4, label_distribution="balanced"), _Fixed(), seeds) == {"yes": 2, "no": 2}


def test_every_generator_the_gate_is_given_is_a_candidate_source():
    from textsynth.generation.generate import Generator
    from textsynth.generation.private_evolution import PrivateEvolution

    assert issubclass(Generator, CandidateSource) and issubclass(PrivateEvolution, CandidateSource)
