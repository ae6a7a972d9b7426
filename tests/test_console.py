"""The CLI's front door run as a real process: --version, -h everywhere, pipeline order, switches, --json, -q."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from textsynth.config import RunConfig

from .conftest import REPO

COMMANDS = ["init", "run", "scrub", "finetune", "generate", "filter", "evaluate", "export"]


def textsynth(*args: str, cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the `textsynth` command (this checkout's package) in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "textsynth.cli", *args], cwd=cwd or REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_version_and_help_on_every_command_in_pipeline_order():
    from textsynth import __version__

    version = textsynth("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"textsynth {__version__}"
    top = textsynth("-h")
    assert top.returncode == 0, top.stderr
    listed = [line.split()[1] for line in top.stdout.splitlines()
              if line.startswith("│ ") and len(line.split()) > 1 and line.split()[1] in COMMANDS]
    assert listed == COMMANDS
    for command in COMMANDS:
        res = textsynth(command, "-h")
        assert res.returncode == 0 and "Usage:" in res.stdout, (command, res.stderr)
        assert "<bool>" not in res.stdout, command  # boolean flags are switches, not options taking a value
        for flag in ("--verbose", "--quiet", "--json"):
            assert flag in res.stdout, (command, flag)


def test_hub_flags_on_export_and_run():
    for command in ("export", "run"):
        out = textsynth(command, "-h").stdout
        for flag in ("--token", "--revision", "--commit-message", "--create-pr", "--private", "--no-private"):
            assert flag in out, (command, flag)


def test_verbose_and_quiet_together_are_refused(tmp_path):
    res = textsynth("init", "-o", str(tmp_path / "x.yaml"), "-v", "-q")
    assert res.returncode != 0 and not (tmp_path / "x.yaml").exists()


@pytest.mark.slow  # spaCy (scrub) and a tiny model, in a subprocess
def test_init_then_run_on_the_bundled_corpus_prints_json_and_nothing_on_stderr_when_quiet(tmp_path, tiny_llama_dir):
    init = textsynth("init", "-o", "run.yaml", "--json", cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    written = json.loads(init.stdout)
    assert written["config"] == "run.yaml" and Path(tmp_path / written["input"]).is_file()
    data = yaml.safe_load((tmp_path / "run.yaml").read_text())
    # The config as written, made fast: the tiny model, a few documents, gates that random weights can pass.
    data["generate"].update(n=3, batch_size=8, num_shots=1)
    data["generate"]["model"].update(model=str(tiny_llama_dir), device="cpu")
    data["generate"]["sampling"].update(max_new_tokens=12, temperature=1.0)
    data["filter"].update(filters=["ngram", "minhash", "pii"], max_attempts_factor=20)
    data["evaluate"]["embeddings"] = False
    (tmp_path / "run.yaml").write_text(yaml.safe_dump(data))
    RunConfig.from_yaml(tmp_path / "run.yaml")

    run = textsynth("run", "run.yaml", "--json", "-q", cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stderr.strip() == "", run.stderr[-2000:]
    summary = json.loads(run.stdout)  # one JSON object, nothing else on stdout
    counts = summary["counts"]
    assert counts["read"] == 48 and counts["kept"] == 3
    assert counts["read"] == counts["read_rejected"] + counts["scrubbed"] + counts["scrub_rejected"]
    assert Path(tmp_path / summary["dataset"] / "README.md").is_file()
    assert summary["report"].endswith("report.html")
