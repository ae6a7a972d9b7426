import numpy as np
import pytest

from textsynth.evaluation import privacy as priv

TRAIN = ["one two three four five six seven eight nine ten", "short real record"]


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


@pytest.mark.parametrize("text", [
    "xx one two three four five six seven eight yy",
    "One, two! three four five six seven; eight",
    "one two three four five six seven nine ten",
    "Short real record.",
    "short real",
    "I really don\u2019t think this film works at all",  # curly apostrophe where the seed has a straight one
    "they said: a three-hour cinema master class, no less",
    "a brand new sentence about nothing at all",
])
def test_memorisation_counts_what_the_gate_rejects_as_a_copy(text):
    """The privacy metric and the memorisation gate agree on every text: one index, one tokeniser."""
    from textsynth.config import FilterConfig
    from textsynth.filters.ngram import NgramFilter
    from textsynth.records import Record

    train = TRAIN + ["A three-hour cinema master class.", "i really don't think this film works at all"]
    gate = NgramFilter(FilterConfig(ngram_max_len=8))
    gate.fit([Record(str(i), t) for i, t in enumerate(train)])
    drop = gate.check(Record("c", text))
    gate_says_copy = drop is not None and drop.reason in ("ngram_exact_copy", "ngram_long_match")
    assert (priv.memorisation([text], train)["rate"] == 1.0) is gate_says_copy
