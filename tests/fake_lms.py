"""Scripted fake language models for tests: deterministic outputs, including ones that leak seed PII."""
from __future__ import annotations

import random
from collections.abc import Sequence

WORDS = ("amber violin harbour meadow lantern copper saffron orchard quartz velvet thistle glacier pepper marble "
         "falcon willow cobalt ember lagoon prairie sparrow cedar juniper tundra canyon mosaic lotus pebble "
         "beacon cypress walnut hazel raven indigo garnet summit delta basalt fern opal maple birch tide").split()
POSITIVE = "gripping beautifully acted warm funny kind wonderful charming moving stays with you".split()


def unique_text(k: int, extra: str = "") -> str:
    """A sentence of random words seeded by ``k``: distinct outputs share almost no shingles."""
    words = random.Random(k).sample(WORDS, 9)
    return f" The {' '.join(words)} {extra}".rstrip() + "."


class ScriptedLM:
    """A fake LanguageModel: ``script(k, requested_label)`` writes the k-th output (k counts every output)."""

    model_id = "scripted-lm"
    tokenizer = None

    def __init__(self, script):
        self.script = script
        self.n_outputs = 0

    def generate(self, prompts, params, seed, stop=(), negative_prompts=None, batch_size=None):
        from textsynth.models.lm import GenerationOutput

        outs = []
        for p in prompts:
            label = "positive" if "positive, enthusiastic" in p else "negative"
            text, finish = self.script(self.n_outputs, label), "stop"
            if isinstance(text, tuple):
                text, finish = text
            self.n_outputs += 1
            outs.append(GenerationOutput(text=text, n_tokens=len(text.split()), finish_reason=finish))
        return outs


def seed_pii_leaking_lm(raw_pii: Sequence[str], seed_text: str) -> ScriptedLM:
    """A model that keeps writing the seeds' PII: in good sentences (rejected by the gate), in outputs that
    fail parsing (a preamble, a truncated line), as bare digits, and in near-copies of a raw seed (``seed_text``
    with the PII appended, as the seed was written); one output in six is ordinary, so a run can finish."""
    name, email, phone, street = raw_pii

    def script(k, label):
        return [
            lambda: unique_text(k),
            lambda: f" Loved it, thanks {name}! Mail {email} or call {phone}.",
            lambda: (f" Contact {name} at {email}, {phone}, {street}:", "stop"),  # ParseFailure: preamble
            lambda: (f" Call {phone} and ask {name} at {street} about", "length"),  # ParseFailure: truncated
            lambda: f" Ring {phone.replace('-', '')} today, {name} said it was great.",
            lambda: f" {seed_text} Written by {name}, mail {email}, call {phone}, {street}.",  # near-copy
        ][k % 6]()

    return ScriptedLM(script)
