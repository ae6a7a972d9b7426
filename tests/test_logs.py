"""No record content in any log record, at any level, while scrubbing, generating and filtering PII-laden input."""
from __future__ import annotations

import logging

import pytest

from textsynth.config import FilterConfig, GenerateConfig, ScrubConfig
from textsynth.filters.filter_records import filter_records
from textsynth.generation.generate import MAX_ATTEMPTS, generate
from textsynth.records import Record
from textsynth.scrubbing import text_scrubber
from textsynth.scrubbing.scrub import scrub
from textsynth.scrubbing.analyzer import withhold_presidio_logs

from .generation.conftest import FakeLM

pytestmark = pytest.mark.slow  # loads spaCy (the scrubber)

NAME, EMAIL, PHONE, SSN = "Bartholomew Quistgaard", "bq.zephyr7741@quistmail.example", "(415) 867-5309", "536-22-8190"
TEXT = "the zanzibar marmalade arrived crushed"
SEED_ID = "TICKET-77331"
PLANTED = [NAME, "Quistgaard", EMAIL, "zephyr7741", PHONE, "867-5309", SSN, TEXT, "zanzibar", SEED_ID]


def _seeds() -> list[Record]:
    out = []
    for i in range(6):
        label = "positive" if i % 2 else "negative"
        text = f"{TEXT} ({i}). Ask {NAME} at {EMAIL} or {PHONE}; SSN {SSN}."
        out.append(Record(id=f"{SEED_ID}-{i}", text=text, label=label))
    out.append(Record(id=f"{SEED_ID}-bad", text=f"{TEXT} \udcff {EMAIL}", label="positive"))  # a scrub reject
    out.append(Record(id=f"{SEED_ID}-chat", messages=[{"role": "user", "content": f"{NAME} {EMAIL}"},
                                                      {"role": "user", "content": 3}]))  # another one
    return out


def _script():
    """The first shard (4 slots, called one at a time) never parses: its slots are given up with a warning."""
    outputs = 0

    def write(prompt: str, seed: int, call: int) -> str:
        nonlocal outputs
        outputs += 1
        if outputs <= 4 * MAX_ATTEMPTS:
            return ""
        return f" {TEXT}, said {NAME} ({EMAIL}, {PHONE})." if call % 2 else f" A lovely day number {seed % 97}."
    return write


def test_no_record_content_in_logs_while_scrubbing_generating_filtering(caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)  # root
    caplog.set_level(logging.DEBUG, logger="textsynth")
    real_detect = text_scrubber.detect

    def detect(texts, *args, **kwargs):  # the analyzer fails on one text, with the text in its message
        for t in texts:
            if "(3)" in t:
                raise RuntimeError(f"cannot analyse {t!r}")
        return real_detect(texts, *args, **kwargs)

    monkeypatch.setattr(text_scrubber, "detect", detect)
    res = scrub(_seeds(), ScrubConfig(n_process=1, strategy="fake"))
    assert len(res.rejected) == 3 and len(res.records) == 5
    candidates = list(generate(GenerateConfig(n=6, num_shots=2, batch_size=1), res.records, lm=FakeLM(_script())))
    assert len(candidates) == 2  # 4 slots given up after MAX_ATTEMPTS
    candidates.append(Record(id="gen-x", text=f"{TEXT}: call {PHONE} or mail {EMAIL}", label="positive"))
    gate = filter_records(candidates, res.records, FilterConfig(filters=("ngram", "minhash", "pii", "quality")),
                          seed_pii=res.seed_pii)
    assert gate.rejected  # the PII-laden candidates went through the filters
    logged = {rec.name for rec in caplog.records}
    assert {"textsynth.scrubbing.text_scrubber", "textsynth.generation.generator"} <= logged  # the stages did log
    for rec in caplog.records:
        shown = " ".join([rec.getMessage(), repr(rec.args), rec.exc_text or "", rec.name])
        for value in PLANTED:
            assert value.lower() not in shown.lower(), f"{value!r} in a log record of {rec.name}: {rec.levelname}"


def test_presidio_log_records_never_carry_the_text_they_scanned(caplog):
    caplog.set_level(logging.DEBUG)
    withhold_presidio_logs()
    logging.getLogger("presidio-analyzer").debug("context list is: %s", TEXT)
    logging.getLogger("presidio-analyzer").error("Failed to validate text %s", EMAIL)
    logging.getLogger("presidio-anonymizer").warning(f"odd entity {NAME}")
    shown = [(r.levelname, r.getMessage()) for r in caplog.records if r.name.startswith("presidio")]
    assert [level for level, _ in shown] == ["ERROR", "WARNING"]  # DEBUG dropped, the rest kept but withheld
    assert not any(v in msg for _, msg in shown for v in (TEXT, EMAIL, NAME))
