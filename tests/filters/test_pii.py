"""The output PII gate with the real scrub function: fakes for direct identifiers, quasi-identifiers left alone,
seed PII always rejected, counts per entity type that add up, and rejects that never show raw PII."""
from __future__ import annotations

import re

import pytest

from textsynth.config import FilterConfig, ScrubConfig
from textsynth.filters.filter_records import filter_records
from textsynth.filters.runner import FilterRunner
from textsynth.records import Record

from .conftest import FakeSeedPii, fake_scrub

pytestmark = pytest.mark.slow  # loads spaCy (the output PII gate scrubs)

TWEETS = [
    "@jess_22 what a game tonight lol",
    "@user see you tonight!",
    "cant wait for the concert tonight, who else is going?",
    "@mike_b thanks for the ride home tonight",
    "tonight was the best night of the summer honestly",
    "@user same here, so tired after work today",
    "going to the movies tonight with the girls",
    "@coffee_lover123 the new place downtown is amazing",
]
SEED_TEXT = "Call Margaret Okonkwo at 415-555-0199 or write to margaret.okonkwo@example.org."


@pytest.fixture(scope="module")
def seed_pii():
    from textsynth.scrubbing.scrub import scrub

    return scrub([Record("s", SEED_TEXT)], ScrubConfig(salt="test")).seed_pii


def test_ordinary_tweets_are_all_kept_by_default():
    res = filter_records([Record(f"t{i}", t) for i, t in enumerate(TWEETS)], [], FilterConfig(filters=("pii",)))
    assert res.rejected == []
    assert len(res.kept) == len(TWEETS)
    kept = {r.id: r.text for r in res.kept}
    assert all("tonight" in kept[f"t{i}"] for i, t in enumerate(TWEETS) if "tonight" in t)  # dates left alone


def test_reject_mode_is_still_available():
    res = filter_records([Record("a", "email me at bob.smith@mailbox.org please")], [],
                         FilterConfig(filters=("pii",), pii_action="reject"))
    assert [r.reason for r in res.rejected] == ["pii_detected"]
    assert "bob.smith@mailbox.org" not in str(res.rejected[0].to_dict())


def test_emails_and_phones_are_replaced_by_consistent_fakes():
    runner = FilterRunner([], FilterConfig(filters=("pii",)))
    first = runner.run([Record("a", "email me at bob.smith@mailbox.org or call 212-555-0147 tonight")])
    second = runner.run([Record("b", "bob.smith@mailbox.org is the address, 212-555-0147 the number")])
    assert first.rejected == [] and second.rejected == []
    a, b = first.kept[0].text, second.kept[0].text
    assert "bob.smith@mailbox.org" not in a + b and "212-555-0147" not in a + b and "tonight" in a
    fake_email = re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", a).group()
    assert fake_email in b  # the same value gets the same fake in another batch
    assert first.kept[0].meta["pii_replaced"] == {"EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1}


def test_seed_pii_values_are_rejected_in_every_mode(seed_pii):
    for action in ("fake", "rescrub", "reject"):
        res = filter_records([Record("x", "you can reach him at 415 555 0199 any time"),
                              Record("y", "ask margaret.okonkwo@example.org about it")], [],
                             FilterConfig(filters=("pii",), pii_action=action), seed_pii=seed_pii)
        assert [r.reason for r in res.rejected] == ["pii_seed_value"] * 2, action
        blob = str([r.to_dict() for r in res.rejected])
        assert "415 555 0199" not in blob and "okonkwo@example.org" not in blob


def test_counts_per_entity_type_add_up(seed_pii):
    cands = [Record("a", "email me at bob.smith@mailbox.org or call 212-555-0147"),
             Record("b", "my card is 4111 1111 1111 1111, thanks"),
             Record("c", "ask margaret.okonkwo@example.org about it"),
             Record("d", "nothing personal in here at all, just a nice evening")]
    for action in ("fake", "reject"):
        res = filter_records([Record(c.id, c.text) for c in cands], [],
                             FilterConfig(filters=("pii",), pii_action=action), seed_pii=seed_pii)
        stats = res.stats["filters"]["pii"]
        assert len(res.kept) + len(res.rejected) == len(cands)
        entities = stats["entities"]
        assert {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"} <= set(entities)
        for counts in entities.values():
            assert counts["found"] == counts["replaced"] + counts["in_rejected"]
        replaced = sum(sum(r.meta.get("pii_replaced", {}).values()) for r in res.kept)
        in_rejected = sum(sum(r.detail.get("entities", {}).values()) for r in res.rejected)
        assert replaced == sum(c["replaced"] for c in entities.values())
        assert in_rejected == sum(c["in_rejected"] for c in entities.values())
        assert stats["seed_value_spans"] >= 1
        if action == "fake":
            assert [r.reason for r in res.rejected] == ["pii_seed_value"] and replaced == 3
        else:
            assert sorted(r.reason for r in res.rejected) == ["pii_detected", "pii_detected", "pii_seed_value"]


@pytest.mark.parametrize("filters", [("quality", "pii"), ("quality",)])
def test_rejects_of_other_filters_are_written_redacted(filters):
    # Dropped by the quality filter before (or without) the PII filter: the rejects file still shows no PII.
    cands = [Record("q", "jane.doe@example.org jane.doe@example.org jane.doe@example.org"),
             Record("r", "bob@mail.com bob@mail.com bob@mail.com bob@mail.com")]
    res = filter_records(cands, [], FilterConfig(filters=filters), seed_pii=FakeSeedPii(), scrub_fn=fake_scrub)
    assert len(res.rejected) == 2 and all(r.reason.startswith("quality") for r in res.rejected)
    shown = {r.record_id: r.record["text"] for r in res.rejected}
    assert shown["q"] == "<SEED_PII> <SEED_PII> <SEED_PII>"
    assert shown["r"] == " ".join(["<EMAIL_ADDRESS>"] * 4)


def test_redaction_keeps_blank_outputs_and_withholds_what_it_cannot_scan():
    from textsynth.filters.pii import WITHHELD, OutputScrubber
    from textsynth.records import Rejection

    def failing_scrub(records, config=None):  # the scrub refuses the record with an email (like a scan error)
        return fake_scrub([r for r in records if "@" not in (r.text or "")])

    scrubber = OutputScrubber(FilterConfig(), scrub_fn=failing_scrub)
    rejs = [Rejection("generate", "empty", "a", detail={"raw": ""}),
            Rejection("generate", "preamble", "b", detail={"raw": "mail bob@mail.com:"}),
            Rejection("filter", "quality_too_short", "c", record={"id": "c", "text": "ok"})]
    out = scrubber.redact_rejections(rejs)
    assert [r.detail.get("raw") for r in out[:2]] == ["", WITHHELD]
    assert out[2].record["text"] == "ok"
