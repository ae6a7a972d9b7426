from textsynth.generation.prompts import load_template
from textsynth.generation.shots import Slot, domain_for, pick_shots, rotate
from textsynth.records import Record

TEMPLATE = load_template("sentiment")


def _pool(n=10):
    return {"positive": [Record(id=f"p{i}", text=f"good film {i}", label="positive") for i in range(n)],
            "negative": [Record(id=f"n{i}", text=f"bad film {i}", label="negative") for i in range(n)]}


def refs(records):
    return [f"ref-{r.id}" for r in records]


def test_slots_of_one_group_share_their_shots_and_groups_rotate():
    pool = _pool()
    slots = [Slot(key=f"g{i}", label="positive", ordinal=i, stream="main", per_prompt=2) for i in range(4)]
    picked = [pick_shots(s, TEMPLATE, pool, 3, 0, refs) for s in slots]
    assert picked[0] == picked[1] and picked[2] == picked[3] and picked[0] != picked[2]
    assert all(text.startswith("good film") for texts, _ in picked for text in texts)
    assert picked[0][1] == [f"ref-p{t.split()[-1]}" for t in picked[0][0]]


def test_rotation_depends_on_seed_and_attempt_only():
    pool = _pool()["negative"]
    slot = Slot(key="x", label="negative", ordinal=5, stream="main")
    assert rotate(pool, slot, "negative", 4, 1) == rotate(pool, slot, "negative", 4, 1)
    retry = Slot(key="x", label="negative", ordinal=5, stream="main", attempt=1)
    assert rotate(pool, retry, "negative", 4, 1) != rotate(pool, slot, "negative", 4, 1)


def test_zero_shot_examples_and_domains_without_seeds():
    slot = Slot(key="x", label="positive", ordinal=0, stream="main")
    examples = TEMPLATE.zero_shot_examples["positive"]
    texts, ids = pick_shots(slot, TEMPLATE, {}, len(examples), 0, refs)
    assert texts == examples and ids == []  # k at least the examples: all of them, in order
    assert domain_for(slot, TEMPLATE, has_shots=False, has_seeds=False, seed=0) in TEMPLATE.domains
    assert domain_for(slot, TEMPLATE, has_shots=True, has_seeds=True, seed=0) == TEMPLATE.seed_domain


def test_zero_shot_examples_rotate_like_seeds_when_there_are_more_than_k():
    """A template with many public examples (sentiment_movies) shows each prompt a different k of them."""
    template = load_template("sentiment_movies")
    examples = template.zero_shot_examples["negative"]
    assert len(examples) > 3
    picked = [pick_shots(Slot(key=f"g{i}", label="negative", ordinal=i, stream="main"), template, {}, 3, 0, refs)
              for i in range(8)]
    assert all(len(set(texts)) == 3 and set(texts) <= set(examples) and ids == [] for texts, ids in picked)
    assert len({tuple(texts) for texts, _ in picked}) > 1
    assert len({t for texts, _ in picked for t in texts}) > 3
    assert picked[0] == pick_shots(Slot(key="g0", label="negative", ordinal=0, stream="main"), template, {}, 3, 0, refs)
