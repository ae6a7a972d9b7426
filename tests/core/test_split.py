from collections import Counter

from textsynth.core.split import stratified_split
from textsynth.records import Record


def _records(n, labels):
    return [Record(str(i), f"text {i}", label=labels[i % len(labels)]) for i in range(n)]


def test_seeded_and_stratified():
    records = _records(100, ["a", "b", "b", "b"])
    train, test = stratified_split(records, 0.2, seed=1)
    assert len(test) == 20 and sorted(r.id for r in train + test) == sorted(r.id for r in records)
    assert Counter(r.label for r in test) == {"a": 5, "b": 15}
    assert [r.id for r in stratified_split(records, 0.2, seed=1)[1]] == [r.id for r in test]
    assert [r.id for r in stratified_split(records, 0.2, seed=2)[1]] != [r.id for r in test]


def test_more_labels_than_the_test_side_holds_falls_back_to_a_plain_split():
    # 10 labels, 2 records each, a 5-record test side: scikit-learn cannot stratify (it would raise).
    train, test = stratified_split(_records(20, [str(i) for i in range(10)]), 0.25, seed=0)
    assert (len(train), len(test)) == (15, 5)


def test_unlabelled_records_split_without_stratifying():
    train, test = stratified_split(_records(10, [None]), 0.3, seed=0)
    assert (len(train), len(test)) == (7, 3)
