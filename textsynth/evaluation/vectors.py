"""The vectors the evaluation compares: MiniLM embeddings, or TF-IDF fitted on real train, and a 2-D projection."""
from __future__ import annotations

import numpy as np

PLOT_POINTS = 800  # points per set in the embedding projection


def embed_texts(texts: list[str]) -> np.ndarray:
    """MiniLM embeddings (L2-normalised) of ``texts``."""
    from ..models.embeddings import embed

    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(embed(texts), dtype=np.float32)


class TfidfSpace:
    """TF-IDF vectors fitted on real train: the stand-in representation when embeddings are off."""

    def __init__(self, train_texts: list[str]):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.train_texts = train_texts
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
        self.vectorizer.fit(train_texts)
        self._svd = None

    def transform(self, texts: list[str]):
        return self.vectorizer.transform(texts)  # rows are L2-normalised

    def dense(self, texts: list[str], dims: int = 64) -> np.ndarray:
        """LSA vectors (TF-IDF + truncated SVD fitted on real train), L2-normalised."""
        from sklearn.decomposition import TruncatedSVD

        if self._svd is None:
            x_train = self.transform(self.train_texts)
            k = max(2, min(dims, x_train.shape[1] - 1, x_train.shape[0] - 1))
            self._svd = TruncatedSVD(n_components=k, random_state=0).fit(x_train)
        v = self._svd.transform(self.transform(texts))
        return (v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)).astype(np.float32)




def projection(emb: dict[str, np.ndarray] | None, texts: dict[str, list[str]], seed: int) -> dict:
    """2-D PCA of real (train + test) and synthetic vectors, fitted on both; a sample of points per set."""
    from sklearn.decomposition import PCA, TruncatedSVD

    rng = np.random.default_rng(seed)

    def pick(n: int) -> np.ndarray:
        return np.sort(rng.choice(n, min(n, PLOT_POINTS), replace=False)) if n else np.zeros(0, dtype=int)

    real_texts = texts["train"] + texts["test"]
    ri, si = pick(len(real_texts)), pick(len(texts["synthetic"]))
    if emb is not None:
        real = np.vstack([emb["train"], emb["test"]])[ri]
        syn = emb["synthetic"][si]
        both = np.vstack([real, syn])
        if len(both) < 3:
            return {}
        xy = PCA(n_components=2, random_state=seed).fit_transform(both)
        method = "PCA of MiniLM embeddings"
    else:
        from sklearn.feature_extraction.text import TfidfVectorizer

        # A vocabulary of both sides: one fitted on train alone would set train records apart from unseen ones.
        docs = [real_texts[i] for i in ri] + [texts["synthetic"][i] for i in si]
        x = TfidfVectorizer(sublinear_tf=True).fit_transform(docs)
        if x.shape[0] < 3 or x.shape[1] < 3:
            return {}
        xy = TruncatedSVD(n_components=3, random_state=seed).fit_transform(x)[:, 1:]  # the 1st follows doc length
        method = "SVD of TF-IDF vectors"
    return {"real": xy[: len(ri)].tolist(), "synthetic": xy[len(ri) :].tolist(), "method": method}
