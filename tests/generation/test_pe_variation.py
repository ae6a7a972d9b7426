"""Aug-PE's variation API: masks, prompts (rephrase / blank-fill, styles as data), one child or one reject per
parent, with a fake LM and with a tiny Llama."""
from __future__ import annotations

import random

import pytest

from textsynth.config import SamplingConfig
from textsynth.generation.pe_variation import (BLANK, load_variation_prompts, mask_words, vary,
                                               variation_prompt)
from textsynth.generation.prompts import load_template
from textsynth.records import Record
from tests.generation.conftest import FakeLM

PARENT = "A warm and funny film whose cast clearly loves every single scene of it"


@pytest.mark.parametrize("share", [0.0001, 0.3, 0.7])
def test_mask_words_blanks_about_the_share_and_at_least_one(share):
    rng = random.Random(0)
    masked = [mask_words(PARENT, share, rng).split() for _ in range(200)]
    assert all(BLANK in m for m in masked)
    kept = sum(sum(w != BLANK for w in m) for m in masked) / (200 * len(PARENT.split()))
    assert kept == pytest.approx(1 - share, abs=0.08) or share < 0.01
    assert all("_ _" not in " ".join(m) for m in masked)  # runs of blanks become one


def test_rephrase_and_blank_fill_prompts_carry_the_parent_a_style_and_the_label_description():
    template = load_template("sentiment")
    styles = load_variation_prompts().styles
    rephrase = variation_prompt(template, "positive", PARENT, 0.0, random.Random(1))
    blanks = variation_prompt(template, "negative", PARENT, 0.5, random.Random(1))
    assert PARENT in rephrase and "Rephrase" in rephrase and "positive, enthusiastic" in rephrase
    assert PARENT not in blanks and f" {BLANK} " in f" {blanks} " and "negative, critical" in blanks
    assert any(s in rephrase for s in styles) and any(s in blanks for s in styles)
    wrapped = variation_prompt(template, "positive", PARENT, 0.0, random.Random(1), chat=lambda r: f"<u>{r}</u>")
    assert wrapped.startswith("<u>Rephrase") and "Rephrased review:" not in wrapped


def test_vary_gives_each_parent_one_child_or_one_reject_and_rotates_strengths():
    parents = [Record(f"p{i}", f"{PARENT} number {i}", label="positive") for i in range(6)]

    def script(prompt, seed, call):  # parent 0 is always copied back: rejected after the attempts
        return f" {parents[0].text}" if "number 0" in prompt else " A lovely new take on the film."

    lm = FakeLM(script)
    children, rejects = vary(lm, load_template("sentiment"), parents, (0.0, 0.3, 0.5), SamplingConfig(), 0, ("t",))
    assert len(children) + len(rejects) == len(parents)
    assert [r.reason for r in rejects] == ["variation_copies_parent"] and "raw" not in rejects[0].detail
    assert {c.meta["variation_strength"] for c in children} == {0.0, 0.3, 0.5}
    assert all(c.label == "positive" for c in children)
    again, _ = vary(FakeLM(script), load_template("sentiment"), parents, (0.0, 0.3, 0.5), SamplingConfig(), 0, ("t",))
    assert [c.text for c in again] == [c.text for c in children]  # the same key writes the same prompts


def test_vary_runs_on_a_tiny_llama_through_its_chat_template(tiny_llama_dir):
    from textsynth.config import ModelConfig
    from textsynth.models.lm import load_language_model

    lm = load_language_model(ModelConfig(model=str(tiny_llama_dir), backend="hf"), batch_size=4)
    parents = [Record(f"p{i}", PARENT, label="negative") for i in range(4)]
    children, rejects = vary(lm, load_template("sentiment"), parents, (0.0, 0.5), SamplingConfig(max_new_tokens=8),
                             0, ("tiny",))
    assert len(children) + len(rejects) == 4
    assert all(c.meta["model"] == lm.model_id and c.label == "negative" for c in children)
