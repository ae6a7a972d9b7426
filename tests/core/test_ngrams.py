import numpy as np
import pytest

from textsynth.core.ngrams import NgramIndex

TRAIN = ["one two three four five six seven eight nine ten", "short real record",
         "A three-hour cinema master class."]


@pytest.mark.parametrize("text, copies", [
    ("xx one two three four five six seven eight yy", True),   # shares an 8-gram
    ("One, two! three four five six seven; eight", True),      # punctuation and case do not hide it
    ("one two three four five six seven nine ten", False),     # only 7 in a row
    ("Short real record.", True),                               # exact copy of a short record
    ("short real", False),
    ("it was a three hour cinema master class indeed", True),  # a 5-7 word record contained whole
    ("", False),
])
def test_copies(text, copies):
    assert NgramIndex(long_n=8, share_n=4).build(TRAIN).copies([text]).tolist() == [copies]


def test_short_record_contained_whole():
    idx = NgramIndex(long_n=8, share_n=4).build(["A three-hour cinema master class."])
    q = idx.query(["Critics called it a three hour cinema master class and they were right", "a cinema class"])
    assert q["contained"].tolist() == [True, False]


def test_hashes_respect_document_boundaries():
    idx = NgramIndex(long_n=4, share_n=2).build(["a b c d"])
    # "c d" ends doc 1 and "a b" starts doc 2: the 4-gram across the boundary must not exist.
    q = idx.query(["x y c d", "a b z w"])
    assert q["long_hits"].tolist() == [0, 0]


def test_saved_index_answers_like_the_built_one(tmp_path):
    # Building from shards is tested in tests/test_seed_indexes.py (the streamed seed indexes).
    whole = NgramIndex().build(TRAIN)
    whole.save(tmp_path)
    loaded = NgramIndex.load(tmp_path)
    probe = ["xx one two three four five six seven eight yy", "nothing shared here at all"]
    for key, value in whole.query(probe).items():
        np.testing.assert_array_equal(loaded.query(probe)[key], value)
