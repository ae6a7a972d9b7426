"""A fake LanguageModel for generation tests: deterministic per (prompt, seed), scripted outputs."""
from __future__ import annotations

import hashlib

import pytest

from textsynth.models.lm import GenerationOutput


class FakeLM:
    """Returns ``script(prompt, seed, call)`` or a text derived from the prompt's label line and the seed."""

    model_id = "fake-lm"
    tokenizer = None  # no label steering, no chat template

    def __init__(self, script=None):
        self.script = script
        self.calls: list[list[str]] = []
        self.negative_calls: list[list[str] | None] = []
        self.params = []

    def generate(self, prompts, params, seed, stop=(), negative_prompts=None, batch_size=None):
        self.calls.append(list(prompts))
        self.negative_calls.append(None if negative_prompts is None else list(negative_prompts))
        self.params.append(params)
        outs = []
        for i, p in enumerate(prompts):
            h = hashlib.sha256(f"{p}|{seed}|{i}".encode()).hexdigest()[:8]
            if self.script is not None:
                text = self.script(p, seed, len(self.calls))
            else:
                mood = "wonderful" if "positive" in p else "awful" if "negative" in p else "fine"
                text = f" A {mood} experience number {h}."
            outs.append(GenerationOutput(text=text, n_tokens=len(text.split())))
        return outs


@pytest.fixture
def fake_lm():
    return FakeLM()
