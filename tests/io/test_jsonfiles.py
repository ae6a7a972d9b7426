"""Writers: strict JSON lines, private files whatever the umask."""
from __future__ import annotations

from textsynth.io import RejectSink

from .conftest import strict_json


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


def test_a_reject_sink_with_nothing_rejected_leaves_an_empty_file_not_an_earlier_runs_rejects(tmp_path):
    from textsynth.records import Rejection

    path = tmp_path / "rejects.jsonl"
    with RejectSink(path) as sink:
        sink.add(Rejection(stage="read", reason="r", record=None))
    assert len(path.read_text().splitlines()) == 1
    with RejectSink(path):  # a rerun that rejects nothing: kept + rejected must add up for this run
        pass
    assert path.read_text() == ""
