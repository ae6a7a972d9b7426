"""Each filter, table-driven, plus the runner's bookkeeping."""
from __future__ import annotations

import json

import numpy as np
import pytest

from textsynth.config import FilterConfig
from textsynth.errors import MissingDependencyError
from textsynth.filters.base import Drop, Filter
from textsynth.filters.filter_records import filter_records
from textsynth.filters.runner import FilterRunner
from textsynth.filters.label import LabelFilter
from textsynth.filters.minhash import MinHashFilter
from textsynth.filters.neighbours import FlatIndex, NeighboursFilter, brute_force_search
from textsynth.filters.ngram import NgramFilter
from textsynth.filters.pii import PiiFilter
from textsynth.filters.quality import QualityFilter, repetition_ratio
from textsynth.records import Record

from .conftest import SEEDS, FakeSeedPii, bow_embed, fake_scrub


def verdict(filter_cls, text, label=None, config=FilterConfig(), **context):
    f = filter_cls(config, **context)
    f.fit(SEEDS)
    d = f.check(Record("c", text, label=label, meta={"requested_label": label} if label else {}))
    return d.reason if d else None


@pytest.mark.parametrize("text, expected", [
    (SEEDS[0].text, "ngram_exact_copy"),
    (SEEDS[0].text.upper().replace(",", ""), "ngram_exact_copy"),  # normalisation
    ("Honestly: " + SEEDS[1].text + " I left early.", "ngram_long_match"),  # embedded copy
    ("and the lead performance carries the whole film, sadly nothing else", "ngram_long_match"),  # 8-gram
    ("I think a must see is an overused phrase", None),  # 3-word seed: only exact copies count
    ("A must see!", "ngram_exact_copy"),
    ("dull characters and a predictable plot make it a chore", "ngram_share"),  # 4/7 four-grams shared
    ("An inventive heist movie with a cast clearly having fun.", None),
])
def test_ngram(text, expected):
    assert verdict(NgramFilter, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("the whole film carries the lead performance; the cinematography is breathtaking", "minhash_seed_duplicate"),
    ("A brand new story about robots learning to paint in Paris.", None),
    ("", None),
])
def test_minhash(text, expected):
    assert verdict(MinHashFilter, text) == expected


def test_minhash_within_synthetic_across_calls():
    f = MinHashFilter(FilterConfig())
    f.fit(SEEDS)
    a = Record("a", "robots learning to paint in paris is a charming premise")
    b = Record("b", "Robots learning to paint in Paris is a charming premise!")
    assert f.check_accepted([a]) == [None]
    assert f.check_accepted([b])[0].reason == "minhash_synthetic_duplicate"


@pytest.mark.parametrize("text, expected", [
    ("The whole film: the lead performance carries it; breathtaking cinematography is", "neighbour_too_close"),
    ("Robots learn to paint in a Parisian atelier.", None),
])
def test_neighbours(text, expected):
    assert verdict(NeighboursFilter, text, config=FilterConfig(neighbours_max_cosine=0.8), embed=bow_embed) == expected


def test_neighbours_sets_dcr_on_kept():
    f = NeighboursFilter(FilterConfig(), embed=bow_embed)
    f.fit(SEEDS)
    rec = Record("c", "Robots learn to paint in a Parisian atelier.")
    assert f.check_batch([rec]) == [None]
    assert 0.0 <= rec.meta["dcr"] <= 1.0


def test_faiss_matches_brute_force():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(500, 32)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    q = rng.normal(size=(50, 32)).astype(np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    s1, i1 = FlatIndex(base, use_faiss=True).search(q, 3)
    s2, i2 = brute_force_search(base, q, 3)
    assert (i1 == i2).all() and np.allclose(s1, s2, atol=1e-5)


def test_without_faiss_the_index_falls_back_to_numpy(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "faiss", None)  # `import faiss` raises ImportError, as when not installed
    rng = np.random.default_rng(1)
    base = rng.normal(size=(40, 8)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    index = FlatIndex(base)
    assert index._faiss is None
    sims, idx = index.search(base[:3], 1)
    assert idx[:, 0].tolist() == [0, 1, 2]
    with pytest.raises(MissingDependencyError, match="faiss-cpu"):
        FlatIndex(base, use_faiss=True)


@pytest.mark.parametrize("text, label, expected", [
    ("a tedious, dull, predictable mess", "positive", "label_disagrees"),
    ("funny, warm, breathtaking and moving", "positive", None),
    ("funny, warm, breathtaking and moving", "negative", "label_disagrees"),
    ("funny, warm, breathtaking and moving", "unknown-label", None),  # cannot be checked: kept
    ("funny, warm, breathtaking and moving", "fresh", None),  # alias -> positive
])
def test_label(text, label, expected):
    cfg = FilterConfig(label_margin=0.05)
    assert verdict(LabelFilter, text, label, config=cfg, label_aliases={"fresh": "positive"}) == expected


@pytest.mark.parametrize("margin, expected", [(0.2, None), (-0.99, "label_disagrees")])
def test_label_negative_margin_demands_confidence(margin, expected):
    # The toy classifier agrees with "positive" but is far from certain: only a negative margin rejects it.
    assert verdict(LabelFilter, "funny and warm", "positive", config=FilterConfig(label_margin=margin)) == expected


def test_label_maps_seed_labels_into_the_generation_label_space():
    seeds = [Record(s.id, s.text, label={"positive": "fresh", "negative": "rotten"}[s.label]) for s in SEEDS]
    f = LabelFilter(FilterConfig(label_margin=0.05),
                    canonical_label=lambda lab: {"fresh": "positive", "rotten": "negative"}.get(lab))
    f.fit(seeds)
    assert f.clf.classes_ == ["negative", "positive"]
    d = f.check(Record("c", "a tedious, dull, predictable mess", label="positive"))
    assert d.reason == "label_disagrees" and d.detail["predicted"] == "negative"


@pytest.mark.parametrize("text, action, expected, new_text", [
    ("write to me at bob@mail.com please", "reject", "pii_detected", None),
    ("write to me at bob@mail.com please", "rescrub", None, "write to me at <EMAIL_ADDRESS> please"),
    ("write to me at bob@mail.com please", "fake", None, "write to me at <EMAIL_ADDRESS> please"),
    ("contact jane.doe@example.org today", "fake", "pii_seed_value", None),
    ("contact jane.doe@example.org today", "rescrub", "pii_seed_value", None),  # seed PII: always rejected
    ("no personal data in here at all", "reject", None, "no personal data in here at all"),
])
def test_pii(text, action, expected, new_text):
    f = PiiFilter(FilterConfig(pii_action=action), seed_pii=FakeSeedPii(), scrub_fn=fake_scrub)
    rec = Record("c", text)
    d = f.check(rec)
    assert (d.reason if d else None) == expected
    if new_text is not None:
        assert rec.text == new_text


@pytest.mark.parametrize("text, expected", [
    ("too short", "quality_too_short"),
    ("word " * 500, "quality_too_long"),
    ("great great great great great great great great great", "quality_repetitive"),
    ("$$$ 1234 5678 ### %%% 99 ok 77 88 &&&", "quality_not_text"),
    ("see <b>this</b> and <i>that</i> at https://x.y", "quality_markup"),
    ("la película es muy buena y los actores son excelentes en todo", "quality_not_english"),
    ("A charming, well acted film that is worth the price of a ticket.", None),
])
def test_quality(text, expected):
    assert verdict(QualityFilter, text) == expected


def test_repetition_ratio():
    assert repetition_ratio("a b c d e f".split()) == 0
    assert repetition_ratio(["x"] * 10) > 0.8


class CountingFilter(Filter):
    """Drops every record whose id is odd; used to check the runner's bookkeeping."""

    name = "odd"

    def check(self, record):
        self.observe(float(int(record.id)))
        return Drop("odd_id", 1.0) if int(record.id) % 2 else None


@pytest.mark.slow  # spaCy (the PII filter scrubs)
def test_runner_counts_add_up_and_stats_are_json(seeds):
    cands = [Record(str(i), f"robots number {i} learn to paint in a small atelier") for i in range(10)]
    cands.append(Record("10", seeds[0].text))  # an exact copy
    cfg = FilterConfig(filters=("odd", "ngram", "minhash"))
    registry = {"odd": CountingFilter, "ngram": NgramFilter, "minhash": MinHashFilter}
    runner = FilterRunner(seeds, cfg, registry=registry)
    res = runner.run(cands)
    assert len(res.kept) + len(res.rejected) == len(cands)
    assert {r.id for r in res.kept} | {r.record_id for r in res.rejected} == {c.id for c in cands}
    st = res.stats
    assert st["filters"]["odd"]["dropped"] == 5 and st["filters"]["ngram"]["reasons"] == {"ngram_exact_copy": 1}
    # The near-identical "robots" records are duplicates of each other within the synthetic set.
    assert st["filters"]["minhash"]["reasons"].get("minhash_synthetic_duplicate", 0) >= 1
    assert st["kept"] + st["rejected"] == st["candidates"] == 11
    assert st["filters"]["odd"]["scores"]["n"] == 11
    rej = res.rejected[0]
    assert rej.detail["filter"] and rej.reason and rej.record["id"] == rej.record_id
    json.dumps(st)


def test_unknown_filter_is_a_config_error(seeds):
    from textsynth.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown filter"):
        filter_records([], seeds, FilterConfig(filters=("ngram", "nope")))


def test_every_candidate_ends_in_one_place_with_all_filters(seeds):
    cands = [Record("a", seeds[1].text, label="negative", meta={"requested_label": "negative"}),
             Record("b", "mail me at bob@mail.com about this lovely warm funny film", label="positive"),
             Record("c", "ok", label="positive"),
             Record("d", "An inventive heist movie with a cast clearly having fun and a warm heart.", label="positive")]
    res = filter_records(cands, seeds, FilterConfig(label_margin=0.3, pii_action="reject"), seed_pii=FakeSeedPii(),
                         embed=bow_embed, scrub_fn=fake_scrub)
    reasons = {r.record_id: r.reason for r in res.rejected}
    assert reasons == {"a": "ngram_exact_copy", "b": "pii_detected", "c": "quality_too_short"}
    assert [r.id for r in res.kept] == ["d"] and "dcr" in res.kept[0].meta


def test_pii_rejects_are_written_with_the_pii_masked(seeds):
    cands = [Record("b", "mail me at bob@mail.com about this lovely warm funny film", label="positive"),
             Record("s", "ask jane.doe@example.org, she loved this warm funny film", label="positive"),
             Record("m", messages=[{"role": "user", "content": "who wrote it?"},
                                   {"role": "assistant", "content": "jane.doe@example.org did"}], label="positive")]
    res = filter_records(cands, seeds, FilterConfig(filters=("pii",), pii_action="reject"), seed_pii=FakeSeedPii(),
                         scrub_fn=fake_scrub)
    shown = {r.record_id: (r.reason, r.record) for r in res.rejected}
    assert shown["b"] == ("pii_detected", shown["b"][1]) and "bob@mail.com" not in str(shown["b"][1])
    assert shown["b"][1]["text"] == "mail me at <EMAIL_ADDRESS> about this lovely warm funny film"
    assert shown["s"][0] == "pii_seed_value" and shown["s"][1]["text"] == "ask <SEED_PII>, she loved this warm funny film"
    assert shown["m"][1]["messages"][1]["content"] == "<SEED_PII> did"
    assert cands[1].text.startswith("ask jane.doe")  # the candidate itself is untouched


def test_workers_screening_apart_and_one_owner_admitting_match_one_runner(seeds):
    """What a distributed engine does: runners screen shards apart (``screen``), an unfitted runner admits them
    against the one candidate index (``admit``) and merges the workers' counts (``drain``/``absorb``)."""
    cands = [Record(f"c{i}", text, label=lab, meta={"requested_label": lab}) for i, (text, lab) in enumerate([
        ("An absolute delight from start to finish, mail jane.doe@example.org", "positive"),
        (SEEDS[0].text, "positive"),  # copies a seed
        ("Quiet, patient and rewarding; the final scene lands beautifully.", "positive"),
        ("Quiet, patient and rewarding; the final scene lands so beautifully.", "positive"),  # near-duplicate
        ("Write to someone@example.com about this forgettable and noisy sequel.", "negative"),
        ("ok", "negative"),  # too short
    ])]
    kw = dict(seed_pii=FakeSeedPii(), embed=bow_embed, scrub_fn=fake_scrub)
    cfg = FilterConfig(filters=("quality", "ngram", "minhash", "neighbours", "pii"))
    one = FilterRunner(seeds, cfg, **kw).run([Record.from_dict(c.to_dict()) for c in cands])

    workers = [FilterRunner(seeds, cfg, **kw) for _ in range(2)]
    owner = FilterRunner([], cfg, fit=False, **kw)
    owner.n_seeds = len(seeds)
    kept, rejected = [], []
    for worker, shard in ((workers[0], cands[:3]), (workers[1], cands[3:])):
        screened = worker.screen([Record.from_dict(c.to_dict()) for c in shard])
        owner.absorb(worker.drain())
        admitted = owner.admit(screened.kept)
        kept += admitted.kept
        rejected += screened.rejected + admitted.rejected
    assert [r.to_dict() for r in kept] == [r.to_dict() for r in one.kept]
    assert sorted(r.reason for r in rejected) == sorted(r.reason for r in one.rejected)
    assert "minhash_synthetic_duplicate" in {r.reason for r in rejected}
    assert owner.stats() == one.stats
    assert workers[0].drain()["candidates"] == 0  # drained: counted once
