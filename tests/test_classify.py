"""TextClassifier: learns a toy sentiment task; probabilities line up with classes_."""
from __future__ import annotations

import numpy as np
import pytest

from textsynth.classify import TextClassifier

POS = ["a wonderful, moving film", "great acting and a lovely story", "funny and warm, I loved it",
       "brilliant and beautiful", "a delightful surprise"] * 4
NEG = ["a dull, boring mess", "terrible acting and an awful script", "tedious and predictable, I hated it",
       "clumsy and ugly", "a painful waste of time"] * 4


def test_fit_predict():
    clf = TextClassifier().fit(POS + NEG, ["pos"] * len(POS) + ["neg"] * len(NEG))
    assert clf.classes_ == ["neg", "pos"]
    p = clf.predict_proba(["lovely and wonderful", "awful and boring"])
    assert p.shape == (2, 2) and np.allclose(p.sum(axis=1), 1)
    assert clf.predict(["lovely and wonderful", "awful and boring"]) == ["pos", "neg"]
    assert clf.score(POS[:5] + NEG[:5], ["pos"] * 5 + ["neg"] * 5) == 1.0


@pytest.mark.parametrize("texts, labels, match", [
    (["a", "b"], ["x", "x"], "two distinct labels"),
    (["a"], ["x", "y"], "labels"),
])
def test_fit_errors(texts, labels, match):
    with pytest.raises(ValueError, match=match):
        TextClassifier().fit(texts, labels)


def test_predict_before_fit():
    with pytest.raises(RuntimeError):
        TextClassifier().predict(["x"])


def test_texts_that_share_no_character_ngram_still_train():
    """Two tiny texts with no common 2-gram: the char features keep every n-gram instead of failing."""
    clf = TextClassifier().fit(["ab", "xy"], ["pos", "neg"])
    proba = clf.predict_proba(["ab", "xy"])
    assert proba.shape == (2, 2) and clf.classes_ == ["neg", "pos"]
    assert proba[0][1] > proba[0][0] and proba[1][0] > proba[1][1]
