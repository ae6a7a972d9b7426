"""Rows -> Records: each bad-input case (raise names file:line:field; skip rejects), labels, messages, formats."""
from __future__ import annotations

import json

import pytest

from textsynth.config import ReadConfig
from textsynth.errors import InputError
from textsynth.io import RejectSink, read_records, record_to_row

from .conftest import csv_file, deep, jrow, strict_json, write_lines


BIG = "x" * 5_000_000  # a 5 MB document (over ReadConfig.max_chars)
# (name, JSONL line, expected field, expected message fragment)
BAD_JSONL = [
    ("malformed-json", b'{"id": "2", "text": "unterminated', None, "malformed JSON"),
    ("not-an-object", b'["a", "list"]', None, "expected a JSON object"),
    ("missing-column", jrow(id="2", body="no text column"), "text", "missing column"),
    ("empty-text", jrow(id="2", text="   "), "text", "empty text"),
    ("non-string-text", jrow(id="2", text=123), "text", "expected a string, got int"),
    ("null-text", jrow(id="2", text=None), "text", "expected a string, got NoneType"),
    ("invalid-utf8", b'{"id": "2", "text": "caf\xe9 \xff secret"}', "text", "invalid UTF-8"),
    ("invalid-utf8-other-field", b'{"id": "2", "text": "fine", "note": "\xff"}', "note", "invalid UTF-8"),
    ("five-mb-document", jrow(id="2", text=BIG), "text", "document too large"),
]


@pytest.mark.parametrize("name, line, field, message", BAD_JSONL, ids=[c[0] for c in BAD_JSONL])
def test_bad_jsonl_line_raises_with_file_line_field(tmp_path, name, line, field, message):
    path = write_lines(tmp_path / "in.jsonl", [jrow(id="1", text="good"), line, jrow(id="3", text="good too")])
    with pytest.raises(InputError) as info:
        list(read_records(path, ReadConfig()))
    err = info.value
    where = f"{path}:2" + (f":{field}" if field else "")
    assert str(err).startswith(where + ": "), str(err)
    assert message in str(err)
    assert (err.file, err.line, err.field) == (str(path), 2, field)
    for secret in ("secret", "unterminated", "xxxxxxxx", "no text column"):
        assert secret not in str(err)


@pytest.mark.parametrize("name, line, field, message", BAD_JSONL, ids=[c[0] for c in BAD_JSONL])
def test_bad_jsonl_line_is_skipped_into_rejects(tmp_path, name, line, field, message):
    path = write_lines(tmp_path / "in.jsonl", [jrow(id="1", text="good"), line, jrow(id="3", text="good too")])
    with RejectSink(tmp_path / "rejects.jsonl") as sink:
        kept = list(read_records(path, ReadConfig(on_error="skip"), sink))
    assert [r.id for r in kept] == ["1", "3"]
    assert sink.count == 1 and len(kept) + sink.count == 3
    rej = json.loads((tmp_path / "rejects.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert rej["source"] == f"{path}:2" and message in rej["reason"] and rej.get("field") == field


def test_chat_messages_validation(tmp_path):
    cfg = ReadConfig(messages_column="messages")
    good = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]
    path = write_lines(tmp_path / "chat.jsonl", [
        jrow(id="1", messages=good),
        jrow(id="2", messages=[{"role": "user", "content": 5}]),
        jrow(id="3", messages=[]),
        jrow(id="4", messages=[{"content": "no role"}]),
        jrow(id="5", messages=[{"role": "user", "content": "a" * 1_000_001}]),
    ])
    with pytest.raises(InputError, match=r"chat.jsonl:2:messages\[0\]: 'content' must be a string"):
        list(read_records(path, cfg))
    sink = RejectSink()
    kept = list(read_records(path, ReadConfig(messages_column="messages", on_error="skip"), sink))
    assert [r.id for r in kept] == ["1"] and kept[0].messages == good
    assert sink.count == 4
    assert sink.by_reason["read:document too large (1000001 characters > max_chars=1000000)"] == 1


def test_csv_missing_column_and_bad_utf8(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(b"id,body\n1,hello\n")
    with pytest.raises(InputError, match=r"in.csv:1:text: missing column"):
        list(read_records(path))
    path.write_bytes(b"id,text,label\n1,hello,pos\n2,bad \xff byte,neg\n3,,pos\n")
    with pytest.raises(InputError, match=r"in.csv:3:text: invalid UTF-8"):
        list(read_records(path))
    sink = RejectSink()
    kept = list(read_records(path, ReadConfig(on_error="skip"), sink))
    assert [(r.id, r.text, r.label) for r in kept] == [("1", "hello", "pos")]
    assert sink.count == 2


def test_parquet_and_hf_dataset_dir(tmp_path):
    import datasets

    rows = {"id": ["a", "b"], "text": ["one", "two"], "label": ["pos", "neg"], "extra": [1, 2]}
    ds = datasets.Dataset.from_dict(rows)
    ds.to_parquet(str(tmp_path / "in.parquet"))
    ds.save_to_disk(str(tmp_path / "hf"))
    for path in (tmp_path / "in.parquet", tmp_path / "hf"):
        recs = list(read_records(path))
        assert [(r.id, r.text, r.label) for r in recs] == [("a", "one", "pos"), ("b", "two", "neg")]
        assert record_to_row(recs[0], ReadConfig())["extra"] == 1
    with pytest.raises(InputError, match="in.parquet:1:body: missing column"):
        list(read_records(tmp_path / "in.parquet", ReadConfig(text_column="body")))


def test_record_to_row_keeps_other_fields_and_order(tmp_path):
    path = write_lines(tmp_path / "in.jsonl", [jrow(id="1", text="t", label="pos", extra={"k": [1, 2]}, n=3)])
    rec = next(read_records(path))
    rec.text = "scrubbed"
    row = record_to_row(rec, ReadConfig())
    assert row == {"id": "1", "text": "scrubbed", "label": "pos", "extra": {"k": [1, 2]}, "n": 3}
    assert list(row) == ["id", "text", "label", "extra", "n"]


def test_missing_file_and_unknown_format(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        list(read_records(tmp_path / "nope.jsonl"))
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(InputError, match="cannot tell the format"):
        list(read_records(tmp_path / "x.txt"))


def test_load_records_sniffs_record_jsonl_with_a_bom(tmp_path):
    from textsynth.io import load_records

    path = tmp_path / "recs.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "r1", "text": "hello", "meta": {"synthetic": true}}\n')
    [rec] = load_records(path)
    assert rec.id == "r1" and rec.meta == {"synthetic": True}


@pytest.mark.parametrize("line, field", [
    (b'{"id": "2", "text": "t", "extra": ' + deep(100_000).encode() + b"}", None),  # over the recursion limit
    (b'{"id": "2", "text": "t", "extra": ' + deep(500).encode() + b"}", "extra"),  # parses, but too deep to pass on
])
def test_deeply_nested_json_is_a_per_record_error(tmp_path, line, field):
    path = write_lines(tmp_path / "in.jsonl", [jrow(id="1", text="good"), line, jrow(id="3", text="good too")])
    with pytest.raises(InputError, match="nested") as info:
        list(read_records(path))
    assert (info.value.line, info.value.field) == (2, field)
    with RejectSink(tmp_path / "rej.jsonl", raw=True) as sink:
        kept = list(read_records(path, ReadConfig(on_error="skip"), sink))
    assert [r.id for r in kept] == ["1", "3"] and sink.count == 1
    [rej] = [json.loads(x) for x in (tmp_path / "rej.jsonl").read_text().splitlines()]
    assert rej["source"] == f"{path}:2"


@pytest.mark.parametrize("value", [float("nan"), None, float("inf"), ""])
def test_missing_or_nan_label_is_an_error_and_rejects_are_strict_json(tmp_path, value):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": ["1", "2"], "text": ["good", "bad label"], "label": ["pos", value],
                             "score": [float("nan"), float("-inf")]}) if isinstance(value, str) or value is None else
                   pa.table({"id": ["1", "2"], "text": ["good", "bad label"], "label": [1.0, value],
                             "score": [float("nan"), float("-inf")]}), path)
    with pytest.raises(InputError, match=r"in.parquet:2:label: (missing label|label must be)"):
        list(read_records(path))
    with RejectSink(tmp_path / "rej.jsonl", raw=True) as sink:
        kept = list(read_records(path, ReadConfig(on_error="skip"), sink))
    assert [r.id for r in kept] == ["1"] and sink.count == 1
    lines = (tmp_path / "rej.jsonl").read_text().splitlines()
    assert len(lines) == 1
    rej = strict_json(lines[0])
    assert rej["field"] == "label" and rej["record"]["score"] is None


def test_nan_label_in_csv_and_jsonl(tmp_path):
    csv_path = csv_file(tmp_path / "in.csv", "id,text,label\n1,a,pos\n2,b,\n")
    with pytest.raises(InputError, match="in.csv:3:label: missing label"):
        list(read_records(csv_path))
    jl = write_lines(tmp_path / "in.jsonl", [b'{"id": "1", "text": "a", "label": NaN, "x": Infinity}'])
    with RejectSink(tmp_path / "rej.jsonl", raw=True) as sink:
        assert list(read_records(jl, ReadConfig(on_error="skip"), sink)) == []
    rej = strict_json((tmp_path / "rej.jsonl").read_text())
    assert rej["field"] == "label" and rej["record"]["label"] is None and rej["record"]["x"] is None
