"""The other columns of an input row (``meta["fields"]``) are scrubbed like the text, or withheld."""
from __future__ import annotations

import datetime

import pytest

from textsynth.config import ScrubConfig
from textsynth.records import Record
from textsynth.scrubbing.scrub import scrub

pytestmark = pytest.mark.slow  # loads spaCy (the scrubber)

SALT = "unit-test"
EMAIL, CUSTOMER, PHONE = "margaret.thornton@example.org", "Margaret Thornton", "(212) 555-0199"


def _record(i: int, **fields) -> Record:
    text = "The delivery was late again."
    row = {"id": f"t{i}", "text": None, "label": "negative", **fields}
    return Record(id=f"t{i}", text=text, label="negative", meta={"source": {"file": "x.csv", "line": i},
                                                                   "fields": row})


def test_string_columns_are_scrubbed_at_any_depth_and_numbers_pass():
    rec = _record(1, customer=CUSTOMER, email=EMAIL, visits=3, vip=True, score=0.5, note=None,
                  contacts={"phone": [PHONE, 7], "emails": [EMAIL]})
    res = scrub([rec], ScrubConfig(salt=SALT, n_process=1, strategy="tag"))
    (out,) = res.records
    f = out.meta["fields"]
    assert f["customer"] == "<PERSON>" and f["email"] == "<EMAIL_ADDRESS>"
    assert f["contacts"] == {"phone": ["<PHONE_NUMBER>", 7], "emails": ["<EMAIL_ADDRESS>"]}
    assert (f["visits"], f["vip"], f["score"], f["note"]) == (3, True, 0.5, None)
    assert f["label"] == "negative" and f["id"] == "t1" and out.label == "negative"  # the label's copy stays
    assert rec.meta["fields"]["customer"] == CUSTOMER  # the input record is not changed in place
    assert out.meta["pii"]["entities"] == {"PERSON": 1, "EMAIL_ADDRESS": 2, "PHONE_NUMBER": 1}
    assert res.audit["entities"] == {"EMAIL_ADDRESS": 2, "PERSON": 1, "PHONE_NUMBER": 1}
    assert res.audit["field_values"] == 5 and res.audit["fields_withheld"] == {}
    assert CUSTOMER not in str(out.to_dict()) and EMAIL not in str(out.to_dict())


def test_values_that_cannot_be_scrubbed_are_withheld_and_counted():
    rec = _record(2, raw=b"margaret.thornton@example.org", born=datetime.date(1980, 5, 17), email=EMAIL,
                  essay="word " * 2_000_000)
    res = scrub([rec], ScrubConfig(salt=SALT, n_process=1))
    f = res.records[0].meta["fields"]
    assert f["raw"] is None and f["born"] is None and f["essay"] is None and f["email"] not in (EMAIL, None)
    assert res.audit["fields_withheld"] == {"born": 1, "essay": 1, "raw": 1}


def test_column_pii_enters_the_seed_index():
    res = scrub([_record(3, email=EMAIL)], ScrubConfig(salt=SALT, n_process=1))
    assert list(res.seed_pii.find(f"write to {EMAIL} today"))  # an output repeating it is caught by the gate


def test_long_numbers_that_may_identify_someone_are_withheld():
    rec = _record(4, phone=2125550199, ssn=78051120.0, card=4111111111111111, year=1984, price=-12.5, rating=5,
                  big_negative=-9_999_999)
    res = scrub([rec], ScrubConfig(salt=SALT, n_process=1))
    f = res.records[0].meta["fields"]
    assert (f["phone"], f["ssn"], f["card"], f["big_negative"]) == (None, None, None, None)
    assert (f["year"], f["price"], f["rating"]) == (1984, -12.5, 5)
    assert res.audit["fields_withheld"] == {"big_negative": 1, "card": 1, "phone": 1, "ssn": 1}
    assert "2125550199" not in str(res.records[0].to_dict())
