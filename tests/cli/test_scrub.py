"""`textsynth scrub` through the CLI: outputs, counts that add up, and every bad-input case (raise and skip)."""
from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from textsynth.cli import app

pytestmark = pytest.mark.slow  # loads spaCy (the scrubber)

EMAIL, PHONE = "jane.doe@corp.com", "(212) 555-0199"
GOOD = [
    {"id": "a", "text": f"Mail {EMAIL} please.", "label": "pos", "extra": {"k": [1, 2]}},
    {"id": "b", "text": f"Call {PHONE} or {EMAIL}.", "label": "neg", "n": 7},
]


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    out = result.output + (getattr(result, "stderr", "") if result.stderr_bytes is not None else "")
    return result.exit_code, out


def write(path, lines: list[bytes]):
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def jline(row: dict) -> bytes:
    return json.dumps(row).encode()


def test_scrub_jsonl_keeps_fields_and_order_and_writes_audit_and_seed_pii(tmp_path):
    inp = write(tmp_path / "in.jsonl", [jline(r) for r in GOOD])
    code, out = run("scrub", str(inp), "-o", str(tmp_path / "out.jsonl"), "--salt", "s", "--strategy", "tag",
                    "--seed-pii", str(tmp_path / "seed.json"), "--audit", str(tmp_path / "audit.json"), "--no-progress")
    assert code == 0, out
    assert "read 2, scrubbed 2, rejected 0" in out
    assert "EMAIL_ADDRESS=2" in out and "PHONE_NUMBER=1" in out
    rows = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert rows == [
        {"id": "a", "text": "Mail <EMAIL_ADDRESS> please.", "label": "pos", "extra": {"k": [1, 2]}},
        {"id": "b", "text": "Call <PHONE_NUMBER> or <EMAIL_ADDRESS>.", "label": "neg", "n": 7},
    ]
    for name in ("seed.json", "audit.json"):
        text = (tmp_path / name).read_text()
        # Not "555" alone: it turns up in a hex hash by chance (about 1 in 70 for one 24-digit hash).
        assert "jane" not in text and "555-0199" not in text and "5550199" not in text
    audit = json.loads((tmp_path / "audit.json").read_text())
    assert audit["entities"] == {"EMAIL_ADDRESS": 2, "PHONE_NUMBER": 1} and audit["operators"] == {"tag": 3}


def test_scrub_chat_column_fake_is_consistent(tmp_path):
    rows = [{"conv": "c1", "messages": [{"role": "user", "content": f"I am at {EMAIL}"},
                                        {"role": "assistant", "content": f"Got it, {EMAIL}."}]}]
    inp = write(tmp_path / "chat.jsonl", [jline(r) for r in rows])
    code, out = run("scrub", str(inp), "-o", str(tmp_path / "out.jsonl"), "--messages-column", "messages",
                    "--id-column", "conv", "--entities", "EMAIL_ADDRESS", "--no-progress")
    assert code == 0, out
    row = json.loads((tmp_path / "out.jsonl").read_text())
    assert row["conv"] == "c1" and [m["role"] for m in row["messages"]] == ["user", "assistant"]
    fakes = [re.search(r"[\w.\-]+@[\w.\-]+\.\w+", m["content"]).group() for m in row["messages"]]
    assert fakes[0] == fakes[1] != EMAIL


BAD = [
    ("malformed-json", b'{"id": "x", "text": "secret unterminated', "", "malformed JSON"),
    ("missing-column", jline({"id": "x", "body": "secret"}), ":text", "missing column"),
    ("empty-text", jline({"id": "x", "text": ""}), ":text", "empty text"),
    ("non-string-text", jline({"id": "x", "text": ["secret"]}), ":text", "expected a string, got list"),
    ("invalid-utf8", b'{"id": "x", "text": "secret \xff"}', ":text", "invalid UTF-8"),
    ("five-mb-document", jline({"id": "x", "text": "secret " * 750_000}), ":text", "document too large"),
]


@pytest.mark.parametrize("name, line, field, message", BAD, ids=[c[0] for c in BAD])
def test_bad_input_fails_with_file_line_field(tmp_path, name, line, field, message):
    inp = write(tmp_path / "in.jsonl", [jline(GOOD[0]), line, jline(GOOD[1])])
    code, out = run("scrub", str(inp), "-o", str(tmp_path / "out.jsonl"), "--no-progress")
    assert code != 0
    assert f"{inp}:2{field}: {message}" in out, out
    assert "secret" not in out
    assert not (tmp_path / "out.jsonl").exists()  # no half-written output


@pytest.mark.parametrize("name, line, field, message", BAD, ids=[c[0] for c in BAD])
def test_bad_input_skip_goes_to_rejects_and_counts_add_up(tmp_path, name, line, field, message):
    inp = write(tmp_path / "in.jsonl", [jline(GOOD[0]), line, jline(GOOD[1])])
    code, out = run("scrub", str(inp), "-o", str(tmp_path / "out.jsonl"), "--on-error", "skip",
                    "--rejects", str(tmp_path / "rejects.jsonl"), "--no-progress")
    assert code == 0, out
    m = re.search(r"read (\d+), scrubbed (\d+), rejected (\d+)", out)
    assert m and tuple(map(int, m.groups())) == (3, 2, 1)
    assert [json.loads(x)["id"] for x in (tmp_path / "out.jsonl").read_text().splitlines()] == ["a", "b"]
    rejects = [json.loads(x) for x in (tmp_path / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rejects) == 1
    assert rejects[0]["source"] == f"{inp}:2" and message in rejects[0]["reason"]
    assert rejects[0].get("field", "") == field.lstrip(":")
    assert "secret" not in (tmp_path / "rejects.jsonl").read_text(encoding="utf-8")  # no raw text by default


def test_rejects_raw_keeps_the_raw_row_only_when_asked(tmp_path):
    bad = jline({"id": "x", "body": f"secret {EMAIL}"})
    inp = write(tmp_path / "in.jsonl", [jline(GOOD[0]), bad])
    for flag in ([], ["--rejects-raw"]):
        code, out = run("scrub", str(inp), "-o", str(tmp_path / "out.jsonl"), "--on-error", "skip",
                        "--rejects", str(tmp_path / "rejects.jsonl"), "--no-progress", "--overwrite", *flag)
        assert code == 0, out
        reject = json.loads((tmp_path / "rejects.jsonl").read_text(encoding="utf-8"))
        assert reject["source"] == f"{inp}:2" and reject["reason"] == "missing column"
        if flag:
            assert reject["record"]["body"] == f"secret {EMAIL}"
        else:
            assert "record" not in reject and EMAIL not in json.dumps(reject)


def test_invalid_option_values_exit_nonzero(tmp_path):
    inp = write(tmp_path / "in.jsonl", [jline(GOOD[0])])
    code, out = run("scrub", str(inp), "-o", str(tmp_path / "o.jsonl"), "--strategy", "blur")
    assert code == 2 and "--strategy: must be one of" in out
    code, out = run("scrub", str(inp), "-o", str(tmp_path / "o.jsonl"), "--on-error", "ignore")
    assert code == 2 and "on_error" in out
    code, out = run("scrub", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl"))
    assert code == 2 and "missing.jsonl: file not found" in out


def test_scrub_csv_scrubs_the_customer_and_email_columns(tmp_path):
    inp = tmp_path / "tickets.csv"
    inp.write_text("id,text,label,customer,email,visits\n"
                   "1,\"The delivery was late again.\",negative,Margaret Thornton,margaret.thornton@example.org,4\n"
                   "2,\"Great service, thanks!\",positive,Jonathan Whitaker,j.whitaker@mailbox.net,7\n")
    code, out = run("scrub", str(inp), "-o", str(tmp_path / "out.jsonl"), "--strategy", "tag",
                    "--audit", str(tmp_path / "audit.json"), "--no-progress")
    assert code == 0, out
    rows = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [(r["customer"], r["email"], r["visits"], r["label"]) for r in rows] == [
        ("<PERSON>", "<EMAIL_ADDRESS>", "4", "negative"), ("<PERSON>", "<EMAIL_ADDRESS>", "7", "positive")]
    blob = (tmp_path / "out.jsonl").read_text() + (tmp_path / "audit.json").read_text()
    for raw in ("Margaret", "Thornton", "Whitaker", "example.org", "mailbox.net"):
        assert raw not in blob


@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink"])
def test_scrub_refuses_to_write_over_its_input_before_reading(tmp_path, spelling):
    inp = write(tmp_path / "in.jsonl", [jline(r) for r in GOOD])
    before = inp.read_bytes()
    target = {"same": inp, "dotted": tmp_path / "sub" / ".." / "in.jsonl", "symlink": tmp_path / "link.jsonl"}[spelling]
    (tmp_path / "sub").mkdir()
    if spelling == "symlink":
        target.symlink_to(inp)
    code, out = run("scrub", str(inp), "-o", str(target), "--no-progress")
    assert code == 2 and "is also an input" in out and "--output" in out
    assert inp.read_bytes() == before
    code, out = run("scrub", str(inp), "-o", str(tmp_path / "ok.jsonl"), "--rejects", str(target), "--no-progress")
    assert code == 2 and "--rejects" in out and inp.read_bytes() == before


def test_skipped_rows_land_in_a_rejects_file_beside_the_output_by_default(tmp_path):
    inp = write(tmp_path / "in.jsonl", [jline(GOOD[0]), b'{"id": "x", "text": broken', jline(GOOD[1])])
    code, out = run("scrub", str(inp), "-o", str(tmp_path / "out.jsonl"), "--on-error", "skip", "--no-progress")
    assert code == 0, out
    rejects = [json.loads(line) for line in (tmp_path / "out.rejects.jsonl").read_text().splitlines()]
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) + len(rejects) == 3
    assert len(rejects) == 1 and "broken" not in json.dumps(rejects)


def test_a_foreign_file_at_the_default_rejects_path_is_refused_and_kept(tmp_path):
    """The user did not name OUTPUT.rejects.jsonl: a file there that textsynth did not write is never replaced."""
    inp = write(tmp_path / "in.jsonl", [jline(GOOD[0]), b'{"id": "x", "text": broken'])
    theirs = tmp_path / "out.rejects.jsonl"
    theirs.write_text("my own notes\n")
    code, out = run("scrub", str(inp), "-o", str(tmp_path / "out.jsonl"), "--on-error", "skip", "--no-progress")
    assert code != 0 and "--rejects" in out and "not a textsynth rejects file" in out
    assert theirs.read_text() == "my own notes\n" and not (tmp_path / "out.jsonl").exists()
    theirs.unlink()
    for again in ([], ["--overwrite"]):  # its own rejects file from an earlier run is replaced
        code, out = run("scrub", str(inp), "-o", str(tmp_path / "out.jsonl"), "--on-error", "skip", "--no-progress",
                        *again)
        assert code == 0, out
        assert len(theirs.read_text().splitlines()) == 1


@pytest.mark.parametrize("flag", ["-o", "--rejects", "--seed-pii", "--audit"])
def test_scrub_refuses_an_existing_output_file_unless_asked_to_overwrite(tmp_path, flag):
    inp = write(tmp_path / "in.jsonl", [jline(r) for r in GOOD])
    paths = {"-o": tmp_path / "out.jsonl", "--rejects": tmp_path / "rej.jsonl", "--seed-pii": tmp_path / "pii.json",
             "--audit": tmp_path / "audit.json"}
    paths[flag].write_text("theirs\n")
    args = ["scrub", str(inp), "--no-progress"] + [x for f, p in paths.items() for x in (f, str(p))]
    code, out = run(*args)
    assert code == 2 and "already exists" in out and "--overwrite" in out
    assert paths[flag].read_text() == "theirs\n" and sum(p.exists() for p in paths.values()) == 1
    code, out = run(*args, "--overwrite")
    assert code == 0, out
    assert paths[flag].read_text() != "theirs\n"
