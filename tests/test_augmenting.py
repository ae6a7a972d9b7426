"""augment(): a dataset plus filtered synthetic rows (tiny random Llama or scripted LMs; scrubbing loads spaCy)."""
from __future__ import annotations

import json
import re

import datasets
import pytest

from textsynth.config import FilterConfig, GenerateConfig, ModelConfig, RunConfig, SamplingConfig

from .fake_lms import POSITIVE, WORDS, ScriptedLM, unique_text
from .test_pipeline import RAW_PII, REVIEWS

pytestmark = pytest.mark.slow  # loads spaCy (augment scrubs)


@pytest.mark.parametrize("class_label", [True, False])
def test_augment_returns_real_plus_synthetic_rows(tiny_llama_dir, class_label):
    from textsynth.augmenting import augment

    texts = [t for t, _ in REVIEWS] * 6
    labels = [lab for _, lab in REVIEWS] * 6
    features = datasets.Features({
        "text": datasets.Value("string"),
        "label": datasets.ClassLabel(names=["negative", "positive"]) if class_label else datasets.Value("string"),
        "source": datasets.Value("string"),
    })
    ds = datasets.Dataset.from_dict({"text": [f"{t} ({i})" for i, t in enumerate(texts)], "label": labels,
                                     "source": ["web"] * len(texts)}, features=features)
    cfg = RunConfig(
        generate=GenerateConfig(batch_size=8, num_shots=1, model=ModelConfig(model=str(tiny_llama_dir), device="cpu"),
                                sampling=SamplingConfig(max_new_tokens=12, temperature=1.0)),
        filter=FilterConfig(filters=("ngram", "minhash"), max_attempts_factor=20),
    )
    out = augment(ds, n=4, config=cfg)
    assert len(out) == len(ds) + 4
    assert out.features["label"] == ds.features["label"]
    assert out["synthetic"] == [False] * len(ds) + [True] * 4
    assert out.select(range(len(ds)))["text"] == ds["text"]  # real rows unchanged
    synth = out.select(range(len(ds), len(out)))
    assert all(isinstance(t, str) and t for t in synth["text"])
    expected = {0, 1} if class_label else {"negative", "positive"}
    assert set(synth["label"]) <= expected
    assert synth["source"] == [None] * 4


def test_augment_with_no_rows_fails_clearly():
    from textsynth.errors import InputError
    from textsynth.augmenting import augment

    empty = datasets.Dataset.from_dict({"text": [], "label": []},
                                       features=datasets.Features({"text": datasets.Value("string"),
                                                                   "label": datasets.Value("string")}))
    with pytest.raises(InputError, match="no rows"):
        augment(empty, n=4)


def _dataset(labels=("negative", "positive"), feature=None, extra_rows=()):
    texts = [f"{t} ({i})" for i, (t, _) in enumerate(REVIEWS * 6)] + [t for t, _ in extra_rows]
    labs = [lab for _, lab in REVIEWS * 6] + [lab for _, lab in extra_rows]
    if feature is not None:
        labs = [feature(lab) for lab in labs]
    return datasets.Dataset.from_dict({"text": texts, "label": labs})


def _augment_config(filters):
    return RunConfig(generate=GenerateConfig(batch_size=8, num_shots=1),
                     filter=FilterConfig(filters=filters, max_attempts_factor=5))


def test_augment_returns_what_it_kept_with_a_warning_when_the_cap_is_hit():
    from textsynth.augmenting import augment

    # Seven distinct outputs, then the first one over and over: the within-synthetic dedupe rejects the rest.
    lm = ScriptedLM(lambda k, label: unique_text(k if k < 7 else 0))
    ds = _dataset()
    with pytest.warns(UserWarning, match=r"returning 7 of 8 synthetic rows"):
        out = augment(ds, n=8, config=_augment_config(("ngram", "minhash")), lm=lm)
    assert len(out) == len(ds) + 7 and out["synthetic"].count(True) == 7
    # The budget was scaled for 24 seeds and 8 rows: at least AUGMENT_MIN_ATTEMPTS candidates, not 5 x 8 = 40.
    assert lm.n_outputs >= 64


def test_augment_attempt_budget_grows_for_small_seed_sets():
    from textsynth.augmenting import AUGMENT_MIN_ATTEMPTS, augment_attempt_factor

    assert augment_attempt_factor(5.0, n=1000, n_seeds=5000) == 5.0  # large: unchanged
    small, tiny = augment_attempt_factor(5.0, 1000, 50), augment_attempt_factor(5.0, 1000, 5)
    assert 5.0 < small < tiny <= 20.0
    assert augment_attempt_factor(5.0, n=4, n_seeds=5000) * 4 >= AUGMENT_MIN_ATTEMPTS


def test_augment_missing_column_is_a_config_error():
    from textsynth.errors import ConfigError
    from textsynth.augmenting import augment

    with pytest.raises(ConfigError, match="no column 'review'.*columns: text, label"):
        augment(_dataset(), n=2, text_column="review", lm=ScriptedLM(lambda k, label: unique_text(k)))


def test_augment_keeps_integer_labels_as_integers():
    from textsynth.augmenting import augment

    ds = _dataset(feature=lambda lab: int(lab == "positive"))
    assert ds.features["label"].dtype == "int64"
    out = augment(ds, n=4, config=_augment_config(("ngram", "minhash")), lm=ScriptedLM(lambda k, lab: unique_text(k)))
    synth = out.select(range(len(ds), len(out)))
    assert sorted(synth["label"]) == [0, 0, 1, 1] and out.features["label"] == ds.features["label"]


def test_augment_label_filter_drops_outputs_of_the_wrong_label():
    from textsynth.augmenting import augment

    # Every output is glowing, whatever label was asked for: the negatives never pass the label filter.
    lm = ScriptedLM(lambda k, label: f" A {' '.join(POSITIVE)} film, truly {WORDS[k % len(WORDS)]}.")
    with pytest.warns(UserWarning, match="label_disagrees"):
        out = augment(_dataset(), n=4, config=_augment_config(("label",)), lm=lm)
    synth = out.select(range(24, len(out)))
    assert synth["label"] == ["positive", "positive"]


def test_augment_pii_filter_fakes_direct_identifiers_and_rejects_seed_pii():
    from textsynth.augmenting import augment

    seed_row = (f"Terrible, call {RAW_PII[0]} at {RAW_PII[2]} to complain.", "negative")

    def script(k, label):
        if k % 2:
            return unique_text(k, f"call {RAW_PII[2]} now")  # a seed's phone number: always rejected
        return unique_text(k, "mail bob.smith@mailbox.org")  # an ordinary email: replaced by a fake

    ds = _dataset(extra_rows=[seed_row])
    out = augment(ds, n=4, config=_augment_config(("pii",)), lm=ScriptedLM(script))
    synth = out.select(range(len(ds), len(out)))["text"]
    assert len(synth) == 4
    blob = " ".join(synth)
    assert RAW_PII[2] not in blob and "5550199" not in blob.replace("-", "") and "bob.smith@mailbox.org" not in blob
    assert all(re.search(r"mail [\w.+-]+@[\w-]+\.\w+", t) for t in synth)  # the fake took the email's place


def test_augment_takes_seed_model_progress_and_a_split_and_keeps_provenance(capsys):
    from textsynth.errors import ConfigError
    from textsynth.augmenting import augment

    ds = _dataset()
    lm = ScriptedLM(lambda k, lab: unique_text(k))
    with pytest.raises(ConfigError, match=r"DatasetDict \(splits: train, test\); pass split="):
        augment(datasets.DatasetDict(train=ds, test=ds), n=2, lm=lm)
    with pytest.raises(ConfigError, match="no split 'validation'"):
        augment(datasets.DatasetDict(train=ds), n=2, lm=lm, split="validation")
    out = augment(datasets.DatasetDict(train=ds, test=ds), n=4, split="train", seed=7, model="my-model",
                  progress=False, config=_augment_config(("ngram", "minhash")), lm=lm)
    assert "generate + filter" not in capsys.readouterr().err  # no progress bar
    real, synth = out.select(range(len(ds))), out.select(range(len(ds), len(out)))
    assert set(real["synthetic_meta"]) == {None}
    meta = [json.loads(m) for m in synth["synthetic_meta"]]
    assert len(meta) == 4 and all(m["seed"] == 7 and m["template"] and m["requested_label"] for m in meta)
    assert {m["requested_label"] for m in meta} == {"negative", "positive"} and meta[0]["model"] == "scripted-lm"
