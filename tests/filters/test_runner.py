"""The runner's bookkeeping: counts add up, every candidate ends in one place, rejects are redacted, workers agree."""
from __future__ import annotations

import json

import pytest

from textsynth.config import FilterConfig
from textsynth.filters.base import Drop, Filter
from textsynth.filters.filter_records import filter_records
from textsynth.filters.minhash import MinHashFilter
from textsynth.filters.ngram import NgramFilter
from textsynth.filters.runner import FilterRunner
from textsynth.records import Record

from .conftest import SEEDS, FakeSeedPii, bow_embed, fake_scrub


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


def test_the_neighbour_and_label_filters_share_one_embedding_cache():
    runner = FilterRunner(None, FilterConfig(), fit=False, scrub_fn=fake_scrub)
    by_name = {f.name: f for f in runner.filters}
    assert by_name["neighbours"]._embed is by_name["label"]._embed is not None
    alone = FilterRunner(None, FilterConfig(filters=("quality", "label")), fit=False, scrub_fn=fake_scrub)
    assert alone.filters[1]._embed is None  # nothing to share: the label filter embeds on its own
