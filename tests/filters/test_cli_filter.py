"""`textsynth filter`: every candidate lands in exactly one of the two files."""
from __future__ import annotations

import json

import pytest

from typer.testing import CliRunner

from textsynth.cli import app
from textsynth.records import Record

pytestmark = pytest.mark.slow  # loads spaCy (the default filters scrub every output)


def write(path, records):
    path.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in records))
    return path


def test_filter_command(tmp_path, seeds):
    cands = [Record("c1", seeds[0].text, label="positive"),
             Record("c2", "An inventive heist movie with a cast clearly having fun and a warm heart.", label="positive"),
             Record("c3", "meh", label="negative")]
    cpath, spath = write(tmp_path / "cands.jsonl", cands), write(tmp_path / "seeds.jsonl", seeds)
    kept, rejects = tmp_path / "kept.jsonl", tmp_path / "rejects.jsonl"
    result = CliRunner().invoke(app, ["filter", str(cpath), "--seeds", str(spath), "-o", str(kept),
                                      "--rejects", str(rejects), "--filters", "quality,ngram,minhash",
                                      "--minhash-threshold", "0.8"])
    assert result.exit_code == 0, result.output
    assert "kept 1 + rejected 2 = 3 candidates" in result.output
    assert "ngram_exact_copy=1" in result.output
    kept_rows = [json.loads(x) for x in kept.read_text().splitlines()]
    rej_rows = [json.loads(x) for x in rejects.read_text().splitlines()]
    assert [r["id"] for r in kept_rows] == ["c2"]
    assert {r["record_id"]: r["reason"] for r in rej_rows} == {"c1": "ngram_exact_copy", "c3": "quality_too_short"}
    assert all("score" in r and r["detail"]["filter"] for r in rej_rows)
    stats = json.loads((tmp_path / "kept.filter_stats.json").read_text())
    assert stats["filters"]["minhash"]["thresholds"]["minhash_threshold"] == 0.8


def test_filter_command_rejects_bad_threshold(tmp_path, seeds):
    spath = write(tmp_path / "seeds.jsonl", seeds)
    result = CliRunner().invoke(app, ["filter", str(spath), "--seeds", str(spath), "-o", str(tmp_path / "k.jsonl"),
                                      "--pii-action", "ignore"])
    assert result.exit_code != 0


GOOD = ["An inventive heist caper whose cast is clearly having fun from the first scene onward.",
        "The sound design alone makes this gentle documentary about beekeepers worth seeing twice.",
        "A sluggish sequel that repeats every joke of the original until none of them land anymore.",
        "Sharp dialogue and a patient camera turn a small family drama into something quietly great.",
        "Its villain is a cardboard cutout and the final battle drags on for a punishing half hour.",
        "A lovely, unhurried road movie with two leads who make every diner stop feel like an event."]


def _fake_lm(monkeypatch, script):
    """The CLI loads its LM through load_language_model: hand it a scripted fake instead of a real model."""
    from ..generation.conftest import FakeLM

    lm = FakeLM(script)
    monkeypatch.setattr("textsynth.models.lm.load_language_model", lambda *a, **k: lm)
    return lm


def _filter_args(spath, out, n=2):
    return ["generate", "--task", "sentiment", "--n", str(n), "--seeds", str(spath), "--model", "fake-lm",
            "--filter", "--filters", "quality,ngram,minhash", "--no-progress", "-o", str(out)]


def test_generate_with_filter_flag_keeps_n(tmp_path, seeds, monkeypatch):
    """Outputs that pass: exactly n kept, every other generated candidate is in the rejects file."""
    outputs = iter(["meh"] + GOOD)  # the first candidate is too short and must be replaced by a new one
    _fake_lm(monkeypatch, lambda p, s, c: " " + next(outputs))
    spath = write(tmp_path / "seeds.jsonl", seeds)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, _filter_args(spath, out))
    assert result.exit_code == 0, result.output
    assert "kept 2 of 2" in result.output
    assert not (tmp_path / "out.shards").exists()  # the shard journal is gone once the loop ends
    kept = [json.loads(x) for x in out.read_text().splitlines()]
    rejects = [json.loads(x) for x in (tmp_path / "out.rejects.jsonl").read_text().splitlines()]
    stats = json.loads((tmp_path / "out.filter_stats.json").read_text())
    # Round 1: "meh" (too short) + GOOD[0]; round 2 asks for the missing positive with a margin: GOOD[1] kept,
    # GOOD[2] beyond the quota is a surplus reject.
    assert sorted(r["text"] for r in kept) == sorted(GOOD[:2])
    assert [r["reason"] for r in rejects] == ["quality_too_short", "surplus"]
    assert stats["resample"]["generated"] == len(kept) + len(rejects) == 4
    assert stats["resample"]["drops_by_reason"] == {"quality_too_short": 1, "surplus": 1}


def test_generate_with_filter_flag_cap_error(tmp_path, seeds, monkeypatch):
    """Outputs that never pass: the cap error names its setting and the partial results are kept."""
    from textsynth.errors import GenerationCapError

    _fake_lm(monkeypatch, lambda p, s, c: " meh")
    spath = write(tmp_path / "seeds.jsonl", seeds)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, _filter_args(spath, out))
    assert isinstance(result.exception, GenerationCapError), result.output
    assert "max_attempts_factor" in str(result.exception)
    stats = json.loads((tmp_path / "out.filter_stats.json").read_text())
    rejects = (tmp_path / "out.rejects.jsonl").read_text().splitlines()
    assert stats["resample"]["kept"] == 0 and stats["resample"]["generated"] == len(rejects) > 0
    assert {json.loads(x)["reason"] for x in rejects} == {"quality_too_short"}


@pytest.mark.parametrize("clash", ["candidates", "seeds"])
def test_filter_refuses_to_write_over_an_input_before_reading(tmp_path, seeds, clash):
    from textsynth.errors import OutputError

    cpath, spath = write(tmp_path / "x.jsonl", seeds[:2]), write(tmp_path / "seeds.jsonl", seeds)
    before = {p: p.read_bytes() for p in (cpath, spath)}
    out = {"candidates": tmp_path / "." / "x.jsonl", "seeds": spath}[clash]
    result = CliRunner().invoke(app, ["filter", str(cpath), "--seeds", str(spath), "-o", str(out)])
    assert isinstance(result.exception, OutputError) and "-o:" in str(result.exception)
    assert {p: p.read_bytes() for p in before} == before
    assert not (tmp_path / "x.rejects.jsonl").exists() and not (tmp_path / "seeds.filter_stats.json").exists()
    # the derived rejects path may not be an input either
    result = CliRunner().invoke(app, ["filter", str(cpath), "--seeds", str(spath), "-o", str(tmp_path / "k.jsonl"),
                                      "--rejects", str(spath)])
    assert isinstance(result.exception, OutputError) and "--rejects" in str(result.exception)
    assert spath.read_bytes() == before[spath]


def test_filter_refuses_an_existing_output_file_unless_asked_to_overwrite(tmp_path, seeds):
    from textsynth.errors import OutputError

    cpath, spath = write(tmp_path / "cands.jsonl", seeds[:2]), write(tmp_path / "seeds.jsonl", seeds)
    for name in ("-o", "--rejects", "--stats"):
        paths = {"-o": tmp_path / "kept.jsonl", "--rejects": tmp_path / "rej.jsonl", "--stats": tmp_path / "st.json"}
        paths[name].write_text("theirs\n")
        args = ["filter", str(cpath), "--seeds", str(spath), "--filters", "quality,ngram"]
        for flag, path in paths.items():
            args += [flag, str(path)]
        result = CliRunner().invoke(app, args)
        assert isinstance(result.exception, OutputError) and f"{name}:" in str(result.exception)
        assert paths[name].read_text() == "theirs\n" and sum(p.exists() for p in paths.values()) == 1
        result = CliRunner().invoke(app, args + ["--overwrite"])
        assert result.exit_code == 0, result.output
        assert paths[name].read_text() != "theirs\n"
        for path in paths.values():
            path.unlink()


def test_filter_leaves_out_the_other_columns_of_a_candidates_file(tmp_path, seeds):
    cands = tmp_path / "cands.csv"
    cands.write_text("text,label,customer,email\n"
                     "\"An inventive heist movie with a cast clearly having fun and a warm heart.\",positive,"
                     "Margaret Thornton,margaret.thornton@example.org\n"
                     "meh,negative,Jonathan Whitaker,j.whitaker@mailbox.net\n")
    spath = write(tmp_path / "seeds.jsonl", seeds)
    kept = tmp_path / "kept.jsonl"
    result = CliRunner().invoke(app, ["filter", str(cands), "--seeds", str(spath), "-o", str(kept),
                                      "--filters", "quality"])
    assert result.exit_code == 0, result.output
    assert "kept 1 + rejected 1 = 2 candidates" in result.output and "other input columns of 2" in result.output
    stats = json.loads((tmp_path / "kept.filter_stats.json").read_text())
    assert stats["input_columns_dropped"] == 2
    blob = kept.read_text() + (tmp_path / "kept.rejects.jsonl").read_text()
    for raw in ("Thornton", "Whitaker", "example.org", "mailbox.net"):
        assert raw not in blob
