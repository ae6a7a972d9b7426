import pytest

from textsynth.config import GenerateConfig, SamplingConfig
from textsynth.generation.generate import Generator
from textsynth.generation.steer import label_logit_bias, seed_words, word_tokens
from textsynth.records import Record

from .conftest import FakeLM

PIECES = [" wonderful", " dull", " the", " film", "ful", " Wonderful", " awful", "!"]


class PieceTokenizer:
    """A tokenizer stand-in: token id i decodes to PIECES[i]."""

    def __len__(self):
        return len(PIECES)

    def decode(self, ids):
        return "".join(PIECES[i] for i in ids)


def _seeds():
    pos = [f"a wonderful film, truly wonderful number {i}" for i in range(20)]
    neg = [f"a dull film, dull and awful number {i}" for i in range(20)]
    return ([Record(id=f"p{i}", text=t, label="positive") for i, t in enumerate(pos)]
            + [Record(id=f"n{i}", text=t, label="negative") for i, t in enumerate(neg)])


def test_seed_words_need_two_occurrences():
    assert seed_words(["Great film", "a great plot twist"]) == {"great"}


def test_word_tokens_are_word_start_tokens_of_seed_words():
    assert word_tokens(PieceTokenizer(), {"wonderful", "dull", "film"}) == {0: "wonderful", 1: "dull", 3: "film",
                                                                           5: "wonderful"}


def test_label_words_get_a_bias_towards_their_label_and_neutral_words_none():
    seeds = _seeds()
    pool = {"positive": seeds[:20], "negative": seeds[20:]}
    bias = label_logit_bias(pool, PieceTokenizer(), strength=1.0)
    assert bias["positive"][0] > 0 and bias["negative"][0] < 0  # " wonderful"
    assert bias["negative"][1] > 0 and bias["positive"][1] < 0  # " dull"
    assert 3 not in bias["positive"]  # " film" is in every seed: neutral
    assert 4 not in bias["positive"] and 7 not in bias["positive"]  # not word-start tokens
    stronger = label_logit_bias(pool, PieceTokenizer(), strength=2.0)
    assert stronger["positive"][0] == pytest.approx(min(4.0, 2 * bias["positive"][0]))
    assert label_logit_bias(pool, PieceTokenizer(), strength=0.0) == {}
    assert label_logit_bias({"positive": seeds[:20]}, PieceTokenizer(), strength=1.0) == {}  # one label
    few = {"positive": seeds[:5], "negative": seeds[20:25]}
    assert label_logit_bias(few, PieceTokenizer(), strength=1.0) == {}  # too few seeds to learn from
    bare = {"positive": [Record(id=f"a{i}", text="a", label="positive") for i in range(15)],
            "negative": [Record(id=f"b{i}", text="b", label="negative") for i in range(15)]}
    assert label_logit_bias(bare, PieceTokenizer(), strength=1.0) == {}  # no n-grams to learn: no steering


class BiasRecordingLM(FakeLM):
    tokenizer = PieceTokenizer()

    def __init__(self):
        super().__init__()
        self.biases = []

    def generate(self, prompts, params, seed, stop=(), negative_prompts=None, batch_size=None, logit_bias=None):
        self.biases.append(logit_bias)
        return super().generate(prompts, params, seed, stop, negative_prompts, batch_size)


@pytest.mark.parametrize("strength", [0.0, 1.5])
def test_generator_passes_each_row_the_bias_of_its_label(strength):
    lm = BiasRecordingLM()
    cfg = GenerateConfig(n=8, num_shots=2, sampling=SamplingConfig(label_bias=strength))
    recs = list(Generator(cfg, _seeds(), lm=lm).run(progress=False))
    assert len(recs) == 8 and all(r.meta["sampling"]["label_bias"] == strength for r in recs)
    if strength == 0:
        assert lm.biases == [None] * len(lm.calls)
        return
    for prompts, biases in zip(lm.calls, lm.biases):
        for prompt, bias in zip(prompts, biases):
            label_word = 0 if "positive, enthusiastic" in prompt else 1  # " wonderful" / " dull"
            assert bias[label_word] > 0


def test_the_template_sets_the_default_strength_and_the_config_overrides_it():
    from textsynth.generation.prompts import load_template

    template = load_template("sentiment")
    assert Generator(GenerateConfig(n=2), _seeds(), lm=FakeLM()).params.label_bias == template.label_bias
    cfg = GenerateConfig(n=2, sampling=SamplingConfig(label_bias=0.0))
    assert Generator(cfg, _seeds(), lm=FakeLM()).params.label_bias == 0.0
