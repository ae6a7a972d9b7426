"""Each filter, table-driven (the runner's bookkeeping is in test_runner.py)."""
from __future__ import annotations

import numpy as np
import pytest

from textsynth.config import FilterConfig
from textsynth.errors import MissingDependencyError
from textsynth.filters.label import LabelFilter
from textsynth.filters.minhash import MinHashFilter
from textsynth.filters.neighbours import FlatIndex, NeighboursFilter, brute_force_search
from textsynth.filters.ngram import NgramFilter
from textsynth.filters.pii import PiiFilter
from textsynth.filters.quality import QualityFilter, repetition_ratio
from textsynth.records import Record

from .conftest import SEEDS, FakeSeedPii, bow_embed, fake_scrub


def verdict(filter_cls, text, label=None, config=FilterConfig(), **context):
    f = filter_cls(config, **context)
    f.fit(SEEDS)
    d = f.check(Record("c", text, label=label, meta={"requested_label": label} if label else {}))
    return d.reason if d else None


@pytest.mark.parametrize("text, expected", [
    (SEEDS[0].text, "ngram_exact_copy"),
    (SEEDS[0].text.upper().replace(",", ""), "ngram_exact_copy"),  # normalisation
    ("Honestly: " + SEEDS[1].text + " I left early.", "ngram_long_match"),  # embedded copy
    ("and the lead performance carries the whole film, sadly nothing else", "ngram_long_match"),  # 8-gram
    ("I think a must see is an overused phrase", None),  # 3-word seed: only exact copies count
    ("A must see!", "ngram_exact_copy"),
    ("dull characters and a predictable plot make it a chore", "ngram_share"),  # 4/7 four-grams shared
    ("An inventive heist movie with a cast clearly having fun.", None),
])
def test_ngram(text, expected):
    assert verdict(NgramFilter, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("the whole film carries the lead performance; the cinematography is breathtaking", "minhash_seed_duplicate"),
    ("A brand new story about robots learning to paint in Paris.", None),
    ("", None),
])
def test_minhash(text, expected):
    assert verdict(MinHashFilter, text) == expected


def test_minhash_within_synthetic_across_calls():
    f = MinHashFilter(FilterConfig())
    f.fit(SEEDS)
    a = Record("a", "robots learning to paint in paris is a charming premise")
    b = Record("b", "Robots learning to paint in Paris is a charming premise!")
    assert f.check_accepted([a]) == [None]
    assert f.check_accepted([b])[0].reason == "minhash_synthetic_duplicate"


@pytest.mark.parametrize("text, expected", [
    ("The whole film: the lead performance carries it; breathtaking cinematography is", "neighbour_too_close"),
    ("Robots learn to paint in a Parisian atelier.", None),
])
def test_neighbours(text, expected):
    assert verdict(NeighboursFilter, text, config=FilterConfig(neighbours_max_cosine=0.8), embed=bow_embed) == expected


def test_neighbours_sets_dcr_on_kept():
    f = NeighboursFilter(FilterConfig(), embed=bow_embed)
    f.fit(SEEDS)
    rec = Record("c", "Robots learn to paint in a Parisian atelier.")
    assert f.check_batch([rec]) == [None]
    assert 0.0 <= rec.meta["dcr"] <= 1.0


def test_faiss_matches_brute_force():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(500, 32)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    q = rng.normal(size=(50, 32)).astype(np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    s1, i1 = FlatIndex(base, use_faiss=True).search(q, 3)
    s2, i2 = brute_force_search(base, q, 3)
    assert (i1 == i2).all() and np.allclose(s1, s2, atol=1e-5)


def test_without_faiss_the_index_falls_back_to_numpy(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "faiss", None)  # `import faiss` raises ImportError, as when not installed
    rng = np.random.default_rng(1)
    base = rng.normal(size=(40, 8)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    index = FlatIndex(base)
    assert index._faiss is None
    sims, idx = index.search(base[:3], 1)
    assert idx[:, 0].tolist() == [0, 1, 2]
    with pytest.raises(MissingDependencyError, match="faiss-cpu"):
        FlatIndex(base, use_faiss=True)


@pytest.mark.parametrize("text, label, expected", [
    ("a tedious, dull, predictable mess", "positive", "label_disagrees"),
    ("funny, warm, breathtaking and moving", "positive", None),
    ("funny, warm, breathtaking and moving", "negative", "label_disagrees"),
    ("funny, warm, breathtaking and moving", "unknown-label", None),  # cannot be checked: kept
    ("funny, warm, breathtaking and moving", "fresh", None),  # alias -> positive
])
def test_label(text, label, expected):
    cfg = FilterConfig(label_margin=0.05, label_classifier="tfidf")
    assert verdict(LabelFilter, text, label, config=cfg, label_aliases={"fresh": "positive"}) == expected


@pytest.mark.parametrize("margin, expected", [(0.2, None), (-0.99, "label_disagrees")])
def test_label_negative_margin_demands_confidence(margin, expected):
    # The toy classifier agrees with "positive" but is far from certain: only a negative margin rejects it.
    cfg = FilterConfig(label_margin=margin, label_classifier="tfidf")
    assert verdict(LabelFilter, "funny and warm", "positive", config=cfg) == expected


def test_label_maps_seed_labels_into_the_generation_label_space():
    seeds = [Record(s.id, s.text, label={"positive": "fresh", "negative": "rotten"}[s.label]) for s in SEEDS]
    f = LabelFilter(FilterConfig(label_margin=0.05, label_classifier="tfidf"),
                    canonical_label=lambda lab: {"fresh": "positive", "rotten": "negative"}.get(lab))
    f.fit(seeds)
    assert f.clf.classes_ == ["negative", "positive"]
    d = f.check(Record("c", "a tedious, dull, predictable mess", label="positive"))
    assert d.reason == "label_disagrees" and d.detail["predicted"] == "negative"


def test_label_with_embeddings_averages_both_classifiers_probabilities(tmp_path):
    f = LabelFilter(FilterConfig(label_margin=0.99), embed=bow_embed)  # tfidf+minilm is the default
    f.fit(SEEDS)
    assert f.vector_clf is not None and f.thresholds()["classifier"] == "tfidf+minilm"
    text = "funny and warm"
    d = f.check(Record("c", text, label="negative", meta={"requested_label": "negative"}))
    assert d is None  # margin 0.99 rejects nothing; the score is what the gate compares
    col = f.clf.classes_.index("negative")
    words_only = f.clf.predict_proba([text])[0, col]
    meaning = f.vector_clf.predict_proba(bow_embed([text]))[0, col]
    assert abs(words_only - meaning) > 0.01  # the two disagree, so the mean differs from either
    assert f.scores[-1] == pytest.approx(1 - 2 * (words_only + meaning) / 2)  # two labels: gap = 1 - 2p
    # the saved index (no pickle) brings the same verdicts back
    assert f.save_index(tmp_path)
    g = LabelFilter(FilterConfig(label_margin=0.99), embed=bow_embed)
    assert g.load_index(tmp_path) and g.vector_clf is not None
    g.check(Record("c", text, label="negative"))
    assert g.scores[-1] == pytest.approx(f.scores[-1])


def test_label_tfidf_only_embeds_nothing():
    def no_embed(texts):
        raise AssertionError("embedded although label_classifier is tfidf")

    f = LabelFilter(FilterConfig(label_classifier="tfidf"), embed=no_embed)
    f.fit(SEEDS)
    assert f.vector_clf is None and f.check(Record("c", "funny and warm", label="positive")) is None


@pytest.mark.parametrize("text, action, expected, new_text", [
    ("write to me at bob@mail.com please", "reject", "pii_detected", None),
    ("write to me at bob@mail.com please", "rescrub", None, "write to me at <EMAIL_ADDRESS> please"),
    ("write to me at bob@mail.com please", "fake", None, "write to me at <EMAIL_ADDRESS> please"),
    ("contact jane.doe@example.org today", "fake", "pii_seed_value", None),
    ("contact jane.doe@example.org today", "rescrub", "pii_seed_value", None),  # seed PII: always rejected
    ("no personal data in here at all", "reject", None, "no personal data in here at all"),
])
def test_pii(text, action, expected, new_text):
    f = PiiFilter(FilterConfig(pii_action=action), seed_pii=FakeSeedPii(), scrub_fn=fake_scrub)
    rec = Record("c", text)
    d = f.check(rec)
    assert (d.reason if d else None) == expected
    if new_text is not None:
        assert rec.text == new_text


@pytest.mark.parametrize("text, expected", [
    ("too short", "quality_too_short"),
    ("word " * 500, "quality_too_long"),
    ("great great great great great great great great great", "quality_repetitive"),
    ("$$$ 1234 5678 ### %%% 99 ok 77 88 &&&", "quality_not_text"),
    ("see <b>this</b> and <i>that</i> at https://x.y", "quality_markup"),
    ("la película es muy buena y los actores son excelentes en todo", "quality_not_english"),
    ("A charming, well acted film that is worth the price of a ticket.", None),
])
def test_quality(text, expected):
    assert verdict(QualityFilter, text) == expected


def test_repetition_ratio():
    assert repetition_ratio("a b c d e f".split()) == 0
    assert repetition_ratio(["x"] * 10) > 0.8
