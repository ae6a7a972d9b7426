import numpy as np
import pytest

from textsynth.evaluation import privacy as priv

TRAIN = ["one two three four five six seven eight nine ten", "short real record"]


@pytest.mark.parametrize("text,shares", [
    ("xx one two three four five six seven eight yy", True),   # shares an 8-gram
    ("One, two! three four five six seven; eight", True),      # punctuation and case do not hide it
    ("one two three four five six seven nine ten", False),     # only 7 in a row
    ("Short real record.", True),                               # short record identical to a train record
    ("short real", False),
])
def test_memorisation_ngram_index(text, shares):
    assert priv.NgramIndex(TRAIN).shares(text) is shares


def test_memorisation_rates():
    out = priv.memorisation(["short real record", "something else entirely new"], TRAIN, holdout=["nothing shared"])
    assert out == {"n": 8, "rate": 0.5, "exact_rate": 0.5, "holdout_rate": 0.0}


def test_nearest_distances_dense_and_sparse():
    from scipy import sparse

    ref = np.eye(3, dtype=np.float32)
    q = np.array([[1, 0, 0], [0.6, 0.8, 0]], dtype=np.float32)
    np.testing.assert_allclose(priv.nearest_distances(q, ref), [0.0, 0.2], atol=1e-6)
    np.testing.assert_allclose(priv.nearest_distances(sparse.csr_matrix(q), sparse.csr_matrix(ref)), [0.0, 0.2], atol=1e-6)


def test_dcr_alarm_parity_and_copies():
    rng = np.random.default_rng(0)
    holdout = rng.uniform(0.3, 0.9, 500)
    parity = priv.dcr_summary(rng.uniform(0.3, 0.9, 500), holdout)
    assert not parity["alarm"] and parity["alarm_reasons"] == []
    copies = priv.dcr_summary(np.zeros(500), holdout)
    assert copies["alarm"] and len(copies["alarm_reasons"]) == 4
    # A minority of near-copies is enough: 15% of records closer than the holdout's 5th percentile.
    mixed = np.concatenate([rng.uniform(0.3, 0.9, 425), np.full(75, 0.01)])
    assert priv.dcr_summary(mixed, holdout)["alarm"]


class FakePiiIndex:
    def find(self, text):
        i = text.find("555-0199")
        return [(i, i + 8)] if i >= 0 else []


def test_pii_matches_and_canaries():
    syn = ["call 555-0199 now", "nothing here", "the secret is purple falcon 42 and more"]
    assert priv.pii_matches(syn, FakePiiIndex()) == {"records": 1, "spans": 1}
    can = priv.canary_exposure(syn, ["Secret is purple falcon 42", "never leaked canary phrase here at all ok"])
    assert can == {"canaries": 2, "exposed_verbatim": 1, "exposed_partial": 0, "synthetic_records_with_canary": 1}
