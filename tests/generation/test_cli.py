import json

import pytest
from typer.testing import CliRunner

from textsynth.cli import app

torch = pytest.importorskip("torch")
torch.set_num_threads(1)


def _write_seeds(path):
    rows = [{"id": f"s{i}", "text": f"seed review {i} was {'great fun' if i % 2 else 'a dull mess'}.",
             "label": "fresh" if i % 2 else "rotten"} for i in range(8)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_generate_command_with_tiny_model(tiny_llama_dir, tmp_path):
    seeds = _write_seeds(tmp_path / "seeds.jsonl")
    out = tmp_path / "out" / "gen.jsonl"
    args = ["generate", "--task", "sentiment", "--n", "6", "--seeds", str(seeds), "-o", str(out),
            "--model", str(tiny_llama_dir), "--backend", "hf", "--device", "cpu", "--max-new-tokens", "8",
            "--batch-size", "4", "--label-distribution", "positive=0.5,negative=0.5", "--no-progress"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "generated" in res.output and "tokens/s" in res.output
    recs = [json.loads(x) for x in out.read_text().splitlines()]
    rejects = [json.loads(x) for x in (tmp_path / "out" / "gen.rejects.jsonl").read_text().splitlines()]
    # A random tiny model writes gibberish: whatever it produced is either a record or a reject with its raw text.
    assert all(r["detail"]["raw"] is not None and r["reason"] for r in rejects)
    assert len(recs) <= 6 and all(r["meta"]["requested_label"] == r["label"] for r in recs)
    assert (tmp_path / "out" / "gen.shards" / "manifest.json").is_file()
    # Resuming a finished run regenerates nothing and gives the same file.
    before = out.read_text()
    res = CliRunner().invoke(app, args + ["--resume"])
    assert res.exit_code == 0, res.output
    assert out.read_text() == before


def test_generate_command_errors(tmp_path):
    res = CliRunner().invoke(app, ["generate", "--n", "2", "-o", str(tmp_path / "x.jsonl"), "--label-distribution", "happy=1",
                                   "--model", str(tmp_path)])
    assert res.exit_code != 0
    assert "unknown label 'happy'" in str(res.exception) or "unknown label" in res.output
