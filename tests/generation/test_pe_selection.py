"""Private Evolution's final choice: the label classifier fitted to the noisy votes (post-processing)."""
from __future__ import annotations

import numpy as np

from textsynth.generation.pe_selection import VoteLabelModel, choose_by_vote_model
from textsynth.records import Record


def _clusters(n: int = 20, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    vecs = np.vstack([rng.normal([1.0, 0.0], 0.2, (n, 2)), rng.normal([0.0, 1.0], 0.2, (n, 2))])
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def test_the_vote_label_model_learns_the_label_the_noisy_votes_name_not_the_candidates_own():
    """Candidates near (1, 0) got the positive seeds' votes, those near (0, 1) the negative seeds'; whatever label
    a candidate was written for, the model ranks first the label of the seeds that voted near it."""
    vecs = _clusters()
    votes = np.vstack([np.tile([3.0, 0.5], (20, 1)), np.tile([0.2, 2.5], (20, 1))])
    model = VoteLabelModel(vecs, votes, ["positive", "negative"])
    assert model.fitted
    probe = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    own, first = model.agreement(probe, ["positive", "negative", "negative", "positive"])
    assert first.tolist() == [True, False, True, False]
    assert own[0] > 0.5 > own[1] and own[2] > 0.5 > own[3]


def test_tied_votes_weigh_nothing_and_one_named_label_fits_no_model():
    vecs = _clusters()
    assert not VoteLabelModel(vecs, np.ones((40, 2)), ["positive", "negative"]).fitted  # every row tied
    assert not VoteLabelModel(vecs, np.tile([2.0, 0.0], (40, 1)), ["positive", "negative"]).fitted
    # a label the model never saw gets probability 0 and is never first
    model = VoteLabelModel(vecs, np.vstack([np.tile([3.0, 0.0], (20, 1)), np.tile([0.0, 3.0], (20, 1))]),
                           ["positive", "negative"])
    own, first = model.agreement(np.array([[1.0, 0.0]]), ["neutral"])
    assert own.tolist() == [0.0] and first.tolist() == [False]


def test_choose_by_vote_model_pools_iterations_once_each_and_ranks_by_the_models_probability():
    vecs = _clusters()
    recs = [Record(f"c{i}", f"text {i}", label="positive" if i % 2 else "negative") for i in range(40)]
    votes = np.vstack([np.tile([3.0, 0.5], (20, 1)), np.tile([0.2, 2.5], (20, 1))])
    again = [Record("again", recs[0].text, label=recs[0].label)]  # voted on again in a second iteration
    chosen, n = choose_by_vote_model([(recs, votes, vecs), (again, votes[:1], vecs[:1])],
                                     ["positive", "negative"], ["positive", "negative"])
    assert n == 40  # the text voted on twice counts once
    # candidates near (1, 0) got the positive seeds' votes: only the positive-labelled ones there are kept
    assert {r.id for r in chosen["positive"]} == {f"c{i}" for i in range(20) if i % 2}
    assert {r.id for r in chosen["negative"]} == {f"c{i}" for i in range(20, 40) if not i % 2}
    for recs_ in chosen.values():
        probs = [r.meta["pe_vote_label_p"] for r in recs_]
        assert probs == sorted(probs, reverse=True) and min(probs) > 0.5
    assert choose_by_vote_model([], ["positive", "negative"], ["positive"]) is None
    assert choose_by_vote_model([(recs, np.ones((40, 2)), vecs)], ["positive", "negative"], ["positive"]) is None
