"""Private Evolution: the accountant, the vote histogram, no seed text in any prompt, resume after a crash."""
from __future__ import annotations

import hashlib
import random

import numpy as np
import pytest

from textsynth.config import FilterConfig, GenerateConfig, PrivacyConfig
from textsynth.errors import ConfigError
from textsynth.gate import generate_filtered
from textsynth.generation.pe_privacy import noise_multiplier
from textsynth.generation.private_evolution import PrivateEvolution
from textsynth.records import Record
from tests.generation.conftest import FakeLM

SEED_TEXTS = [
    ("The harbour scene in the third act made me weep with quiet joy", "positive"),
    ("Every frame of this lighthouse drama glows with tender affection", "positive"),
    ("A clumsy heist caper whose jokes land with a dull thud every time", "negative"),
    ("Tedious courtroom filler that forgets its own witnesses by the end", "negative"),
    ("Brilliant puppetry and a score that lifts the whole rainy village", "positive"),
    ("The detective plot collapses under its own smug narration and noise", "negative"),
]


def _seeds() -> list[Record]:
    return [Record(f"s{i}", text, label=lab) for i, (text, lab) in enumerate(SEED_TEXTS)]


def fake_embed(texts):
    """Hashed bag of words, L2-normalised: deterministic and shared-word-sensitive, no model."""
    out = np.zeros((len(texts), 64))
    for i, t in enumerate(texts):
        for w in t.lower().split():
            out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % 64] += 1
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


class CountingNoise:
    """Deterministic stand-in for the CSPRNG Gaussian: draw i is a fixed function of i (and counted)."""

    def __init__(self):
        self.draws = 0

    def __call__(self, sigma):
        self.draws += 1
        return sigma * random.Random(self.draws).gauss(0, 1)


def _config(**privacy) -> GenerateConfig:
    return GenerateConfig(n=6, method="private_evolution", num_shots=2, samples_per_prompt=2,
                          privacy=PrivacyConfig(epsilon=4.0, iterations=3, **privacy))


def test_private_evolution_needs_an_epsilon():
    with pytest.raises(ConfigError, match="privacy.epsilon"):
        GenerateConfig(method="private_evolution")
    with pytest.raises(ConfigError, match="iterations"):
        PrivacyConfig(epsilon=1.0, iterations=0)


# --- the method ---------------------------------------------------------------------------------------------

def _ngrams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = text.lower().split()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_no_seed_text_reaches_any_prompt_and_the_gate_runs_unchanged():
    lm = FakeLM()
    seeds = _seeds()
    pe = PrivateEvolution(_config(), seeds, lm=lm, embed=fake_embed, noise=CountingNoise())
    res = generate_filtered(_config(), seeds, FilterConfig(filters=("quality", "ngram")), generator=pe)
    assert len(res.kept) == 6 and {r.meta["method"] for r in res.kept} == {"private_evolution"}
    prompts = [p for call in lm.calls for p in call]
    assert len(prompts) >= 16 + 2 * 8  # a random population of 2 x 8, then variations for half of it, twice
    seed_grams = set().union(*(_ngrams(t) for t, _ in SEED_TEXTS))
    for p in prompts:
        assert not any(t.lower() in p.lower() for t, _ in SEED_TEXTS)
        assert not _ngrams(p) & seed_grams
    priv = res.stats["privacy"]
    assert priv["seeds_in_prompts"] is False and priv["iterations"] == 3
    assert priv["epsilon"] <= 4.0 * 1.01 and priv["noise_multiplier"] == pytest.approx(noise_multiplier(4.0, 1e-5, 3))


def test_votes_steer_the_population_towards_the_seeds():
    """With no noise and own-label votes (every seed votes within its label, so each label's best candidate has
    a vote), the kept parents are the candidates nearest the seeds, best voted first."""
    lm = FakeLM()
    pe = PrivateEvolution(_config(cross_label_votes=False), _seeds(), lm=lm, embed=fake_embed,
                          noise=lambda sigma: 0.0)
    final = pe.evolve()
    assert set(final) == {"positive", "negative"}
    for recs in final.values():
        votes = [r.meta["pe_noisy_votes"] for r in recs]
        assert votes == sorted(votes, reverse=True) and votes[0] >= 1  # best first; every seed voted


class Crash(RuntimeError):
    pass


@pytest.mark.parametrize("cross", [False, True])
def test_resume_after_a_crash_between_iterations_gives_the_uninterrupted_result(tmp_path, cross):
    seeds = _seeds()
    cfg = _config(cross_label_votes=cross)
    reference = PrivateEvolution(cfg, seeds, lm=FakeLM(), embed=fake_embed, noise=CountingNoise(),
                                 journal=tmp_path / "a").evolve()

    calls = {"n": 0}

    def crashing_embed(texts):
        calls["n"] += 1
        if calls["n"] == 4:  # seeds, population 0, population 1, then population 2: crash in iteration 3
            raise Crash()
        return fake_embed(texts)

    noise = CountingNoise()
    with pytest.raises(Crash):
        PrivateEvolution(cfg, seeds, lm=FakeLM(), embed=crashing_embed, noise=noise,
                         journal=tmp_path / "b").evolve()
    drawn = noise.draws
    lm = FakeLM()
    resumed = PrivateEvolution(cfg, seeds, lm=lm, embed=fake_embed, noise=noise, journal=tmp_path / "b",
                               resume=True).evolve()
    import json

    last = json.loads((tmp_path / "b" / "votes-2.json").read_text())["noisy_votes"]
    # only the last histogram is noised (one draw per cell: candidate, or candidate x label); journalled ones are reused
    assert np.ndim(last) == (2 if cross else 1) and noise.draws == drawn + np.size(last)
    assert lm.calls == []  # the populations come from the journal
    assert {lab: [(r.text, r.meta["pe_noisy_votes"]) for r in recs] for lab, recs in resumed.items()} == \
        {lab: [(r.text, r.meta["pe_noisy_votes"]) for r in recs] for lab, recs in reference.items()}


def test_a_journal_from_other_settings_is_refused_on_resume(tmp_path):
    from textsynth.errors import StaleShardsError

    PrivateEvolution(_config(), _seeds(), lm=FakeLM(), embed=fake_embed, noise=CountingNoise(),
                     journal=tmp_path / "j").evolve()
    with pytest.raises(StaleShardsError):
        PrivateEvolution(_config(threshold=1.0), _seeds(), lm=FakeLM(), embed=fake_embed, journal=tmp_path / "j",
                         resume=True)


def test_seed_label_shares_spend_a_dp_label_histogram():
    cfg = GenerateConfig(n=6, method="private_evolution", label_distribution="seed",
                         privacy=PrivacyConfig(epsilon=2.0, iterations=2))
    pe = PrivateEvolution(cfg, _seeds(), lm=FakeLM(), embed=fake_embed)
    shares = pe.label_shares()
    assert set(shares) <= {"positive", "negative"} and sum(shares.values()) == pytest.approx(1.0)
    report = pe.privacy_report()
    assert report["epsilon_labels"] == pytest.approx(0.1)
    assert report["epsilon"] <= 2.0 * 1.01 and report["noisy_label_counts"] is not None


def test_a_crash_inside_a_population_loses_at_most_one_part(tmp_path):
    """Populations are journalled in parts of shard_size documents: a crash in the middle of one resumes from
    its finished parts and ends with the uninterrupted result."""
    from dataclasses import replace

    cfg = replace(_config(), shard_size=3)
    seeds = _seeds()
    reference = PrivateEvolution(cfg, seeds, lm=FakeLM(), embed=fake_embed, noise=CountingNoise(),
                                 journal=tmp_path / "a").evolve()

    class CrashingLM(FakeLM):
        def generate(self, prompts, *a, **k):
            if len(self.calls) == 2:
                raise Crash()
            return super().generate(prompts, *a, **k)

    noise = CountingNoise()
    with pytest.raises(Crash):
        PrivateEvolution(cfg, seeds, lm=CrashingLM(), embed=fake_embed, noise=noise, journal=tmp_path / "b").evolve()
    assert len(list((tmp_path / "b").glob("population-0-*part*.json"))) >= 1  # finished parts were journalled
    lm = FakeLM()
    resumed = PrivateEvolution(cfg, seeds, lm=lm, embed=fake_embed, noise=noise, journal=tmp_path / "b",
                               resume=True).evolve()
    assert {lab: [(r.text, r.meta["pe_noisy_votes"]) for r in recs] for lab, recs in resumed.items()} == \
        {lab: [(r.text, r.meta["pe_noisy_votes"]) for r in recs] for lab, recs in reference.items()}


def test_later_populations_are_ranked_parents_their_variations_and_fresh_random_samples():
    """Aug-PE's step with no noise: the best-voted candidates survive, each with its variations (rephrase or
    blank-fill prompts on the parent, never a seed), and a share of the population is fresh random-API text."""
    lm = FakeLM()
    cfg = _config(variations_per_parent=2, random_share=0.25)
    pe = PrivateEvolution(cfg, _seeds(), lm=lm, embed=fake_embed, noise=lambda sigma: 0.0)
    first = pe._population(0, [], pe._targets())
    for k, rec in enumerate(first):
        rec.meta["pe_noisy_votes"] = float(k % 8)  # per label, the last two of 8 are the best voted
    second = pe._population(1, first, pe._targets())
    for lab in ("positive", "negative"):
        recs = [r for r in second if r.label == lab]
        assert len(recs) == 8  # 2 random + ceil(6 / 3) = 2 parents + 4 variations
        children = [r for r in recs if "variation_strength" in r.meta]
        assert len(children) == 4 and {r.meta["variation_strength"] for r in children} <= {0.0, 0.3, 0.5}
        best = [r.text for r in first if r.label == lab][-2:]
        assert [r.text for r in recs[:2]] == best[::-1]  # the surviving parents, best first
    variation_prompts = [p for call in lm.calls for p in call if "review" in p and "Rephrase" in p or "blanks" in p]
    assert variation_prompts and not any(t.lower() in p.lower() for t, _ in SEED_TEXTS for p in variation_prompts)


MIXED_SEEDS = [("harbour lighthouse puppetry tender glowing", "positive"),
               ("rainy village score lifts brilliant", "positive"),
               ("quiet joy weeping third act", "positive"),
               ("sunlit orchard waltz gentle radiant", "positive"),
               ("clumsy heist thud jokes fall", "negative"),
               ("tedious courtroom filler witnesses forgotten", "negative"),
               ("smug detective narration collapses noise", "negative")]


def _mixed_population_lm() -> FakeLM:
    """Positive prompts write three texts that sit as close to a negative seed as to a positive one, one copy
    of the fourth positive seed, then generic texts; negative prompts write generic texts only."""
    count = {"positive": 0, "negative": 0}

    def script(prompt, seed, call):
        lab = "positive" if "positive" in prompt else "negative"
        k = count[lab] = count[lab] + 1
        if lab == "positive" and k <= 3:
            return f" {MIXED_SEEDS[k - 1][0]} {MIXED_SEEDS[k + 3][0]}."
        if lab == "positive" and k == 4:
            return f" {MIXED_SEEDS[3][0]} indeed."
        return f" A {'wonderful' if lab == 'positive' else 'awful'} experience number {k}."

    return FakeLM(script)


@pytest.mark.parametrize("cross", [False, True])
def test_cross_label_votes_rank_texts_among_another_labels_seeds_low(cross):
    """Without noise: a positive candidate as near a negative seed as a positive one gets the positive seed's
    vote either way; with cross_label_votes the negative seed's vote counts against it, so it is not selected."""
    seeds = [Record(f"m{i}", t, label=lab) for i, (t, lab) in enumerate(MIXED_SEEDS)]
    cfg = GenerateConfig(n=6, method="private_evolution", privacy=PrivacyConfig(
        epsilon=4.0, iterations=1, cross_label_votes=cross))
    pe = PrivateEvolution(cfg, seeds, lm=_mixed_population_lm(), embed=fake_embed, noise=lambda sigma: 0.0)
    positive = {r.text: r.meta["pe_noisy_votes"] for r in pe.evolve()["positive"]}
    mixed = {f"{MIXED_SEEDS[k][0]} {MIXED_SEEDS[k + 4][0]}." for k in range(3)}
    assert positive[f"{MIXED_SEEDS[3][0]} indeed."] == 1.0  # the clean copy is selected either way
    if cross:
        assert not mixed & set(positive)  # +1 (its positive seed) - 1 (its negative seed) = 0: not selected
        assert "across labels" in pe.privacy_report()["mechanism"]
    else:
        assert mixed <= set(positive) and all(positive[t] == 1.0 for t in mixed)



def _off_label_variations_lm() -> FakeLM:
    """Random-API texts repeat their label's seeds' words; every variation of a positive parent is written in the
    negative seeds' words (an off-label variation)."""
    count = {"positive": 0, "negative": 0}

    def script(prompt, seed, call):
        lab = "positive" if "positive" in prompt else "negative"
        k = count[lab] = count[lab] + 1
        if "Rephrase" in prompt or "blanks" in prompt:
            return f" {MIXED_SEEDS[4 + k % 3][0]} again {k}." if lab == "positive" else f" {MIXED_SEEDS[4][0]} {k}."
        pool = MIXED_SEEDS[:4] if lab == "positive" else MIXED_SEEDS[4:]
        return f" {pool[k % len(pool)][0]} take {k}."

    return FakeLM(script)


@pytest.mark.parametrize("on", [True, False])
def test_the_vote_label_model_orders_the_final_population_and_leaves_fill_in_variations_alone(on):
    """With vote_label_filter, the final population holds only candidates whose own label the model (fitted to
    the noisy cross-label votes) ranks first, most probable first; fill-in variations past it are not checked (a
    model the noise misled must not stall the gate). Without it, no probability is recorded."""
    seeds = [Record(f"m{i}-{j}", t, label=lab) for i, (t, lab) in enumerate(MIXED_SEEDS) for j in range(20)]
    cfg = GenerateConfig(n=16, method="private_evolution", privacy=PrivacyConfig(
        epsilon=4.0, iterations=1, vote_label_filter=on))
    pe = PrivateEvolution(cfg, seeds, lm=_off_label_variations_lm(), embed=fake_embed, noise=lambda sigma: 0.0)
    final = pe.evolve()
    assert pe.privacy_report()["vote_label_filter"] is on
    records, rejects = pe.generate_quota({"positive": len(final["positive"]) + 6}, round=0)
    variations = [r for r in records if r.meta.get("pe_iteration") == "post"]
    assert len(variations) == 6 and not rejects
    if on:
        for recs in final.values():
            probs = [r.meta["pe_vote_label_p"] for r in recs]
            assert probs == sorted(probs, reverse=True) and min(probs) > 0.5
        assert pe.stats["vote_label_filter"]["final_kept"] == sum(len(v) for v in final.values())
    else:
        assert not any("pe_vote_label_p" in r.meta for recs in final.values() for r in recs)


def test_the_vote_label_model_chooses_among_every_iterations_candidates_once_each():
    """The final population pools the candidates voted on in every iteration (post-processing of DP-released
    text), each (label, text) once: first-population candidates that did not survive as parents can be chosen."""
    seeds = [Record(f"m{i}-{j}", t, label=lab) for i, (t, lab) in enumerate(MIXED_SEEDS) for j in range(20)]
    cfg = GenerateConfig(n=16, method="private_evolution", privacy=PrivacyConfig(epsilon=4.0, iterations=2))
    pe = PrivateEvolution(cfg, seeds, lm=_off_label_variations_lm(), embed=fake_embed, noise=lambda sigma: 0.0)
    final = pe.evolve()
    voted = {t: {(str(r.label), r.content()) for r in recs} for t, (recs, _, _) in enumerate(pe._voted)}
    chosen = [(str(r.label), r.content()) for recs in final.values() for r in recs]
    assert len(chosen) == len(set(chosen)) and set(chosen) <= voted[0] | voted[1]
    assert set(chosen) - voted[1]  # some come from the first population only
    assert pe.stats["vote_label_filter"]["voted_candidates"] == len(voted[0] | voted[1])
