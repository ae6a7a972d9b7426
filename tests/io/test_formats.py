"""CSV rows: unclosed quotes, size limits, multiline fields, headers, BOMs, nesting in cells; no row echoed."""
from __future__ import annotations

import json

import pytest

from textsynth.config import ReadConfig
from textsynth.errors import InputError
from textsynth.io import RejectSink, read_records

from .conftest import csv_file, deep, rows_csv


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


def test_deep_json_in_a_csv_messages_cell(tmp_path):
    path = csv_file(tmp_path / "chat.csv", 'id,messages\n1,"' + deep(5000) + '"\n')
    with pytest.raises(InputError, match="chat.csv:2:messages"):
        list(read_records(path, ReadConfig(messages_column="messages")))


PII_CELLS = ["Jane Doe", "jane.doe@example.com", "555-867-5309", "123-45-6789"]


def test_headerless_csv_error_does_not_echo_its_first_row(tmp_path):
    path = csv_file(tmp_path / "people.csv", ",".join(PII_CELLS) + "\n" + "John Roe,john@roe.org,555-000-1111,987-65-4321\n")
    with pytest.raises(InputError) as info:
        list(read_records(path))
    msg = str(info.value)
    assert msg.startswith(f"{path}:1:text: missing column") and "4 columns" in msg
    for cell in PII_CELLS + ["Jane", "jane", "john", "555"]:
        assert cell not in msg
