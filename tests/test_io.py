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


# --- CSV structure: a quote that is never closed must not swallow the rest of the file ---------------------

def csv_file(path, body: str):
    path.write_bytes(body.encode())
    return path


def rows_csv(n: int, start: int = 1) -> str:
    return "".join(f"{i},row number {i},pos\n" for i in range(start, start + n))


UNCLOSED = [  # (name, CSV body, line where the bad record begins)
    ("runs-to-eof", "id,text,label\n" + rows_csv(3) + '4,"never closed,pos\n' + rows_csv(50, 5), 5),
    ("closes-on-a-later-line", "id,text,label\n" + rows_csv(2) + '3,"opened,pos\n4,x,pos\n5,"y",pos\n' + rows_csv(2, 6), 4),
    ("stray-char-after-quote", "id,text,label\n" + rows_csv(2) + '3,"ab"c,pos\n' + rows_csv(2, 4), 4),
]


@pytest.mark.parametrize("name, body, bad_line", UNCLOSED, ids=[c[0] for c in UNCLOSED])
def test_csv_unclosed_quote_is_an_error_at_the_line_it_began(tmp_path, name, body, bad_line):
    path = csv_file(tmp_path / "in.csv", body)
    with pytest.raises(InputError) as info:
        list(read_records(path))
    assert (info.value.file, info.value.line) == (str(path), bad_line)
    assert "row number" not in str(info.value) and "never closed,pos" not in str(info.value)


@pytest.mark.parametrize("name, body, bad_line", UNCLOSED, ids=[c[0] for c in UNCLOSED])
def test_csv_unclosed_quote_is_one_reject_and_the_rest_is_read(tmp_path, name, body, bad_line):
    path = csv_file(tmp_path / "in.csv", body)
    n_rows = body.count("\n") - 1
    sink = RejectSink()
    kept = list(read_records(path, ReadConfig(on_error="skip"), sink))
    assert sink.count == 1 and len(kept) + sink.count == n_rows
    assert all(r.text.startswith("row number ") or r.text in ("x", "y") for r in kept)
    assert len({r.id for r in kept}) == len(kept)


def test_csv_field_over_the_size_limit_is_rejected_not_merged(tmp_path):
    body = "id,text,label\n1,fine,pos\n2,\"runaway,pos\n" + "3,filler text here,pos\n" * 400 + "4,last,neg\n"
    path = csv_file(tmp_path / "in.csv", body)
    sink = RejectSink()
    kept = list(read_records(path, ReadConfig(on_error="skip", max_chars=100), sink))  # field limit 131072
    assert sink.count == 1 and len(kept) == 402
    small = csv_file(tmp_path / "small.csv", "id,text\n1,\"" + "a" * 200_000 + "\n2,ok\n")
    with pytest.raises(InputError, match=r"small.csv:2: a field runs over \d+ characters"):
        list(read_records(small, ReadConfig(max_chars=100)))


def test_csv_multiline_quoted_field_is_one_record_and_line_numbers_stay_right(tmp_path):
    path = csv_file(tmp_path / "in.csv", 'id,text,label\n1,"two\nlines",pos\n2,"a ""quoted"" word",neg\n3,,pos\n')
    with pytest.raises(InputError) as info:
        list(read_records(path))
    assert info.value.line == 5 and info.value.field == "text"
    sink = RejectSink()
    kept = list(read_records(path, ReadConfig(on_error="skip"), sink))
    assert [(r.id, r.text, r.meta["source"]["line"]) for r in kept] == [("1", "two\nlines", 2), ("2", 'a "quoted" word', 4)]


@pytest.mark.parametrize("body, message", [
    ("id,text,label\n1,hello,pos,extra\n", "has 4 fields; the header has 3"),
    ("id,text,label\n1,hello\n", "has 2 fields; the header has 3"),
    ('id,text,label\n1,"hello\nworld"\n', "lines 2-3 has 2 fields"),
])
def test_csv_field_count_mismatch_is_an_error(tmp_path, body, message):
    path = csv_file(tmp_path / "in.csv", body)
    with pytest.raises(InputError, match=message) as info:
        list(read_records(path))
    assert info.value.line == 2


def test_csv_duplicate_and_empty_header(tmp_path):
    with pytest.raises(InputError, match="columns 2 and 3 of the header row have the same name"):
        list(read_records(csv_file(tmp_path / "dup.csv", "id,text,text\n1,a,b\n")))
    with pytest.raises(InputError, match="no header row"):
        list(read_records(csv_file(tmp_path / "empty.csv", "")))


# --- byte order marks ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, data", [
    ("in.csv", b"\xef\xbb\xbfid,text,label\nr1,hello,pos\n"),
    ("in.tsv", b"\xef\xbb\xbfid\ttext\tlabel\nr1\thello\tpos\n"),
    ("in.jsonl", b'\xef\xbb\xbf{"id": "r1", "text": "hello", "label": "pos"}\n'),
])
def test_utf8_bom_is_not_part_of_the_first_column(tmp_path, name, data):
    import bz2

    for path in (tmp_path / name, tmp_path / (name + ".bz2")):
        path.write_bytes(bz2.compress(data) if path.suffix == ".bz2" else data)
        [rec] = list(read_records(path))
        assert (rec.id, rec.text, rec.label) == ("r1", "hello", "pos")
        assert "\ufeff" not in json.dumps(rec.meta["fields"])


def test_load_records_sniffs_record_jsonl_with_a_bom(tmp_path):
    from textsynth.io import load_records

    path = tmp_path / "recs.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "r1", "text": "hello", "meta": {"synthetic": true}}\n')
    [rec] = load_records(path)
    assert rec.id == "r1" and rec.meta == {"synthetic": True}


# --- deep JSON, NaN labels, strict JSON out -------------------------------------------------------------------

def deep(n: int) -> str:
    return "[" * n + "]" * n


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


def test_deep_json_in_a_csv_messages_cell(tmp_path):
    path = csv_file(tmp_path / "chat.csv", 'id,messages\n1,"' + deep(5000) + '"\n')
    with pytest.raises(InputError, match="chat.csv:2:messages"):
        list(read_records(path, ReadConfig(messages_column="messages")))


def strict_json(line: str):
    def refuse(name):
        raise ValueError(f"non-JSON constant {name}")
    return json.loads(line, parse_constant=refuse)


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


def test_writers_emit_strict_json_lines(tmp_path):
    from textsynth.io import ShardedJsonlWriter, write_json, write_jsonl

    rows = [{"id": "1", "score": float("nan"), "nested": {"v": [float("inf"), 1.5]}}]
    write_jsonl(tmp_path / "out.jsonl", rows)
    assert strict_json((tmp_path / "out.jsonl").read_text()) == {"id": "1", "score": None, "nested": {"v": [None, 1.5]}}
    write_json(tmp_path / "stats.json", {"m": float("-inf")})
    assert strict_json((tmp_path / "stats.json").read_text()) == {"m": None}
    w = ShardedJsonlWriter(tmp_path / "shards", "fp", info={"x": float("nan")})
    w.write_shard(0, rows, [{"reason": "r", "score": float("nan")}], seconds=float("nan"))
    for f in (tmp_path / "shards").iterdir():
        for line in f.read_text().splitlines() if f.suffix == ".jsonl" else [f.read_text()]:
            strict_json(line)


# --- file modes -------------------------------------------------------------------------------------------------

def test_every_written_file_is_private_whatever_the_umask(tmp_path):
    import os
    import stat

    from textsynth.io import ShardedJsonlWriter, open_private, write_json, write_jsonl
    from textsynth.records import Rejection

    old = os.umask(0)
    try:
        write_jsonl(tmp_path / "out.jsonl", [{"id": "1", "text": "secret"}])
        write_json(tmp_path / "x.json", {"a": 1})
        with RejectSink(tmp_path / "rej.jsonl") as sink:
            sink.add(Rejection(stage="read", reason="r", record={"text": "secret"}))
        with RejectSink(tmp_path / "empty-rej.jsonl"):
            pass
        w = ShardedJsonlWriter(tmp_path / "shards", "fp")
        w.write_shard(0, [{"text": "secret"}], [{"text": "secret"}])
        w.merge(tmp_path / "merged.jsonl", tmp_path / "merged-rej.jsonl")
        existing = tmp_path / "existing.jsonl"
        existing.write_text("old")
        os.chmod(existing, 0o644)
        with open_private(existing, "a") as fh:
            fh.write("new")
        assert existing.read_text() == "oldnew"
    finally:
        os.umask(old)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) == 10
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {p.name: 0o600 for p in files}
    assert not list(tmp_path.rglob("*.tmp"))


# --- nothing from the data in error messages ---------------------------------------------------------------

PII_CELLS = ["Jane Doe", "jane.doe@example.com", "555-867-5309", "123-45-6789"]


def test_headerless_csv_error_does_not_echo_its_first_row(tmp_path):
    path = csv_file(tmp_path / "people.csv", ",".join(PII_CELLS) + "\n" + "John Roe,john@roe.org,555-000-1111,987-65-4321\n")
    with pytest.raises(InputError) as info:
        list(read_records(path))
    msg = str(info.value)
    assert msg.startswith(f"{path}:1:text: missing column") and "4 columns" in msg
    for cell in PII_CELLS + ["Jane", "jane", "john", "555"]:
        assert cell not in msg
