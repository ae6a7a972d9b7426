"""A small, fast text classifier (TF-IDF word + char n-grams, logistic regression).

Shared by the label filter (trained on the scrubbed seeds) and the evaluation (trained on real or synthetic
data to measure utility and label fidelity). scikit-learn is imported lazily.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np


class TextClassifier:
    """TF-IDF over word 1-2-grams and character 2-5-grams, then multinomial logistic regression."""

    def __init__(self, C: float = 4.0, max_features: int = 200_000, seed: int = 0):
        self.C, self.max_features, self.seed = C, max_features, seed
        self._pipe = None
        self.classes_: list[str] = []

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> "TextClassifier":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, make_pipeline

        if len(texts) != len(labels):
            raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
        labels = [str(x) for x in labels]
        if len(set(labels)) < 2:
            raise ValueError("need at least two distinct labels to train a classifier")
        def pipeline(char_min_df: int):
            features = FeatureUnion([
                ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1,
                                         max_features=self.max_features, lowercase=True)),
                ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                         min_df=char_min_df, max_features=self.max_features, lowercase=True)),
            ])
            return make_pipeline(features, LogisticRegression(C=self.C, max_iter=2000, random_state=self.seed))

        try:
            self._pipe = pipeline(2).fit(list(texts), labels)
        except ValueError as exc:
            # A few short texts may share no character n-gram: keep every n-gram rather than fail.
            if "no terms remain" not in str(exc):
                raise
            self._pipe = pipeline(1).fit(list(texts), labels)
        clf = self._pipe[-1]
        self.classes_ = [str(c) for c in clf.classes_]
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Probabilities, one row per text, columns in the order of ``classes_``."""
        if self._pipe is None:
            raise RuntimeError("TextClassifier.fit must be called first")
        return self._pipe.predict_proba(list(texts))

    def save(self, path: str | Path) -> Path:
        """Write the fitted model with skops (arrays and JSON in a zip; no pickle)."""
        import skops.io as sio

        if self._pipe is None:
            raise RuntimeError("TextClassifier.fit must be called first")
        sio.dump(self._pipe, Path(path))
        return Path(path)

    @classmethod
    def load(cls, path: str | Path) -> "TextClassifier":
        """Read a model written by ``save``; skops refuses any type outside scikit-learn's trusted ones."""
        import skops.io as sio

        pipe = sio.load(Path(path))
        clf = cls()
        clf._pipe = pipe
        clf.classes_ = [str(c) for c in pipe.classes_]
        return clf

    def predict(self, texts: Sequence[str]) -> list[str]:
        proba = self.predict_proba(texts)
        return [self.classes_[i] for i in proba.argmax(axis=1)]

    def score(self, texts: Sequence[str], labels: Sequence[str]) -> float:
        """Accuracy on (texts, labels)."""
        pred = self.predict(texts)
        return float(np.mean([p == str(y) for p, y in zip(pred, labels)])) if pred else float("nan")


class VectorClassifier:
    """Logistic regression on sentence embeddings (e.g. all-MiniLM-L6-v2): reads meaning where TF-IDF reads words.

    Saved as plain arrays (``.npz``, no pickle) and rebuilt on load.
    """

    def __init__(self, C: float = 4.0, seed: int = 0):
        self.C, self.seed = C, seed
        self._lr = None
        self.classes_: list[str] = []

    def fit(self, vectors: np.ndarray, labels: Sequence[str]) -> "VectorClassifier":
        from sklearn.linear_model import LogisticRegression

        labels = [str(x) for x in labels]
        if len(set(labels)) < 2:
            raise ValueError("need at least two distinct labels to train a classifier")
        self._lr = LogisticRegression(C=self.C, max_iter=2000, random_state=self.seed).fit(vectors, labels)
        self.classes_ = [str(c) for c in self._lr.classes_]
        return self

    def predict_proba(self, vectors: np.ndarray) -> np.ndarray:
        if self._lr is None:
            raise RuntimeError("VectorClassifier.fit must be called first")
        return self._lr.predict_proba(vectors)

    def save(self, path: str | Path) -> Path:
        if self._lr is None:
            raise RuntimeError("VectorClassifier.fit must be called first")
        with open(path, "wb") as fh:
            np.savez(fh, coef=self._lr.coef_, intercept=self._lr.intercept_, classes=np.array(self.classes_))
        return Path(path)

    @classmethod
    def load(cls, path: str | Path) -> "VectorClassifier":
        from sklearn.linear_model import LogisticRegression

        with np.load(Path(path), allow_pickle=False) as data:
            lr = LogisticRegression()
            lr.coef_, lr.intercept_, lr.classes_ = data["coef"], data["intercept"], data["classes"]
        clf = cls()
        clf._lr = lr
        clf.classes_ = [str(c) for c in lr.classes_]
        return clf
