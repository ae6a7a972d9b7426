"""Bad input and bad config reach the command line as one clean `file:line:field: reason` line (no traceback,
no record content) and a non-zero exit."""
from __future__ import annotations

import sys

import pytest

from textsynth.cli import main

PII_ROWS = ["Jane Doe,jane.doe@example.com,555-867-5309,123-45-6789",
            "John Roe,john@roe.org,555-000-1111,987-65-4321"]


@pytest.fixture
def run(monkeypatch, capsys):
    """Run the `textsynth` entry point; returns (exit code, stdout + stderr)."""

    def _run(*args: str) -> tuple[int, str]:
        monkeypatch.setattr(sys, "argv", ["textsynth", *args])
        with pytest.raises(SystemExit) as exit_:  # any other exception (a traceback) fails the test
            main()
        out = capsys.readouterr()
        return exit_.value.code, out.out + out.err

    return _run


def assert_clean(code: int, out: str, where: str) -> None:
    assert code == 2, out
    assert "Traceback" not in out
    assert f"error: {where}" in out, out


def test_headerless_pii_csv_error_names_positions_not_cells(tmp_path, run):
    path = tmp_path / "people.csv"
    path.write_text("\n".join(PII_ROWS) + "\n")
    code, out = run("filter", str(path), "--seeds", str(path), "-o", str(tmp_path / "kept.jsonl"))
    assert_clean(code, out, f"{path}:1:text: missing column")
    assert "4 columns" in out
    for cell in ",".join(PII_ROWS).split(","):
        assert cell not in out
    for fragment in ("Jane", "jane", "John", "555", "6789"):
        assert fragment not in out


def test_unclosed_csv_quote_is_a_clean_error_at_its_line(tmp_path, run):
    path = tmp_path / "cands.csv"
    path.write_text("id,text,label\n1,fine text,pos\n2,\"never closed,neg\n" + "".join(f"{i},t{i},pos\n" for i in range(3, 52)))
    code, out = run("filter", str(path), "--seeds", str(path), "-o", str(tmp_path / "kept.jsonl"))
    assert_clean(code, out, f"{path}:3: a quoted field that begins in this record is never closed")
    assert not (tmp_path / "kept.jsonl").exists()


def test_deep_json_is_a_clean_error(tmp_path, run):
    path = tmp_path / "recs.jsonl"
    path.write_text('{"id": "1", "text": "a", "x": ' + "[" * 50_000 + "]" * 50_000 + "}\n")
    code, out = run("export", str(path), "-o", str(tmp_path / "out"))
    assert_clean(code, out, f"{path}:1: JSON nested too deeply")


@pytest.mark.parametrize("yaml_text, where", [
    ("input: x.jsonl\nevaluate:\n  test_fraction: 1.5\n", "evaluate.test_fraction: must be in (0, 1), got 1.5"),
    ("input: x.jsonl\ngenerate:\n  sampling:\n    temperature: -1\n", "generate.sampling.temperature: must be >= 0"),
    ("input: x.jsonl\nexport:\n  splits: [0.5, 0.5, 0.5]\n", "export.splits: train, validation and test shares must sum to 1"),
])
def test_bad_config_value_is_a_clean_error_before_any_work(tmp_path, yaml_text, where, run):
    path = tmp_path / "run.yaml"
    path.write_text(yaml_text)
    code, out = run("run", str(path))
    assert_clean(code, out, f"{path}:{where}")
    assert not (tmp_path / "runs").exists()


def test_bad_cli_flag_value_is_a_clean_error(tmp_path, run):
    path = tmp_path / "recs.jsonl"
    path.write_text('{"id": "1", "text": "a"}\n')
    code, out = run("evaluate", "--synthetic", str(path), "--real", str(path), "-o", str(tmp_path / "rep"),
                            "--test-fraction", "1.5")
    assert_clean(code, out, "--test_fraction: must be in (0, 1), got 1.5")


def test_an_unreadable_path_is_a_clean_error(tmp_path, run):
    folder = tmp_path / "records.jsonl"
    folder.mkdir()  # a directory where a file is expected: the OS error, named, without a traceback
    code, out = run("export", str(folder), "-o", str(tmp_path / "out"))
    assert code == 1 and f"error: {folder}: Is a directory" in out and "Traceback" not in out
