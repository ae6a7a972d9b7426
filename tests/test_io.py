"""Readers: every format, column options, and each bad-input case (raise names file:line:field; skip rejects)."""
from __future__ import annotations

import json

import pytest

from textsynth.config import ReadConfig
from textsynth.errors import InputError
from textsynth.io import RejectSink, read_records, record_to_row

BIG = "x" * 5_000_000  # a 5 MB document (over ReadConfig.max_chars)


def write_lines(path, lines: list[bytes]):
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def jrow(**kw) -> bytes:
    return json.dumps(kw).encode()


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


@pytest.mark.parametrize("resume", [False, True])
def test_sharded_writer_never_takes_over_a_directory_it_did_not_write(tmp_path, resume):
    from textsynth.errors import ConfigError
    from textsynth.io import ShardedJsonlWriter

    d = tmp_path / "out.shards"
    d.mkdir()
    (d / "mine.txt").write_text("keep")
    with pytest.raises(ConfigError, match="no textsynth shard manifest"):
        ShardedJsonlWriter(d, "fp", resume=resume)
    assert [p.name for p in d.iterdir()] == ["mine.txt"]
    own = ShardedJsonlWriter(tmp_path / "own.shards", "fp")
    own.write_shard(0, [{"id": "a"}])
    ShardedJsonlWriter(tmp_path / "own.shards", "fp2", resume=False)  # its own earlier shards may be replaced
    assert not (tmp_path / "own.shards" / "records-00000.jsonl").exists()
