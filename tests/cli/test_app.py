"""The CLI beyond scrub: init, run (resume and --fresh), seed checks, and main()'s exit codes and messages."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from textsynth.cli import app, main
from textsynth.config import RunConfig, replace
from textsynth.errors import ConfigError, InputError
from tests.test_pipeline import _seed_file


def test_init_writes_a_config_that_parses_and_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "run.yaml"
    res = CliRunner().invoke(app, ["init", "--task", "chat", "-o", str(out), "--input", "chats.jsonl"])
    assert res.exit_code == 0, res.output
    cfg = RunConfig.from_yaml(out)
    assert cfg.input == "chats.jsonl" and cfg.generate.task == "chat" and cfg.read.messages_column == "messages"
    out.write_text("# mine\n")
    again = CliRunner().invoke(app, ["init", "-o", str(out)])
    assert again.exit_code != 0 and out.read_text() == "# mine\n"


@pytest.mark.slow  # spaCy (the run scrubs)
def test_run_resumes_and_fresh_runs_every_stage_again(tmp_path, tiny_llama_dir):
    conf = tmp_path / "run.yaml"
    assert CliRunner().invoke(app, ["init", "-o", str(conf)]).exit_code == 0
    cfg = RunConfig.from_yaml(conf)
    gen = cfg.generate
    cfg = replace(cfg, input=str(_seed_file(tmp_path / "seeds.jsonl")), run_dir=str(tmp_path / "run"),
                  read=replace(cfg.read, on_error="skip"),
                  generate=replace(gen, n=2, batch_size=8, num_shots=1,
                                   model=replace(gen.model, model=str(tiny_llama_dir), device="cpu"),
                                   sampling=replace(gen.sampling, max_new_tokens=12, temperature=1.0)),
                  filter=replace(cfg.filter, filters=("ngram", "minhash", "pii"), max_attempts_factor=20),
                  evaluate=replace(cfg.evaluate, embeddings=False))
    conf.write_text(cfg.to_yaml())
    runner = CliRunner()
    first = runner.invoke(app, ["run", str(conf)])
    assert first.exit_code == 0, first.output
    assert "resumed" not in first.output and "kept=2" in first.output
    assert f"dataset: {tmp_path / 'run' / 'dataset'}" in first.output
    second = runner.invoke(app, ["run", str(conf)])
    assert "resumed: skipped finished stages scrub, generate, evaluate, export" in second.output
    fresh = runner.invoke(app, ["run", str(conf), "--fresh"])
    assert fresh.exit_code == 0, fresh.output
    assert "resumed" not in fresh.output and "kept=2" in fresh.output
    state = json.loads((tmp_path / "run" / "state.json").read_text())
    assert set(state) == {"scrub", "generate", "evaluate", "export"}


@pytest.mark.parametrize("command", ["generate", "finetune"])
def test_an_empty_seed_file_fails_naming_it(tmp_path, command):
    seeds = tmp_path / "seeds.jsonl"
    seeds.write_text("")
    args = {"generate": ["generate", "--seeds", str(seeds), "-o", str(tmp_path / "out.jsonl"), "--n", "2"],
            "finetune": ["finetune", "--seeds", str(seeds), "-o", str(tmp_path / "model")]}[command]
    res = CliRunner().invoke(app, args)
    assert isinstance(res.exception, InputError)
    assert str(res.exception).startswith(f"{seeds}: no seed records") and "read 0" in str(res.exception)
    assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "model").exists()


def _main(monkeypatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["textsynth", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    return exit_.value.code


@pytest.mark.parametrize("error,code", [
    (InputError("bad label", file="seeds.jsonl", line=3, field="label"), 2),
    (ConfigError("generate.n: must be positive"), 2),
    (KeyboardInterrupt(), 130),
])
def test_main_turns_errors_into_one_line_and_an_exit_code(tmp_path, monkeypatch, capsys, error, code):
    import textsynth.pipeline as pipeline

    conf = tmp_path / "run.yaml"
    assert CliRunner().invoke(app, ["init", "-o", str(conf), "--input", str(tmp_path / "in.jsonl")]).exit_code == 0

    def fail(*a, **k):
        raise error

    monkeypatch.setattr(pipeline, "run_pipeline", fail)
    assert _main(monkeypatch, "run", str(conf)) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if code != 130:
        assert err.strip() == f"error: {error}"


def test_main_reports_a_real_input_error_with_its_file(tmp_path, monkeypatch, capsys):
    missing = tmp_path / "kept.jsonl"
    assert _main(monkeypatch, "export", str(missing), "-o", str(tmp_path / "ds")) == 2
    assert capsys.readouterr().err.strip() == f"error: {missing}: file not found"
    assert not (tmp_path / "ds").exists()


def test_main_lets_an_unexpected_exception_through_with_its_traceback(tmp_path, monkeypatch):
    """A bug is not dressed up as a user error: it propagates (Python prints the traceback, exit 1)."""
    import textsynth.pipeline as pipeline

    conf = tmp_path / "run.yaml"
    CliRunner().invoke(app, ["init", "-o", str(conf)])
    monkeypatch.setattr(pipeline, "run_pipeline", lambda *a, **k: 1 / 0)
    monkeypatch.setattr(sys, "argv", ["textsynth", "run", str(conf)])
    with pytest.raises(ZeroDivisionError):
        main()


def test_main_bad_repo_id_fails_before_any_work(tmp_path, monkeypatch, capsys):
    conf = tmp_path / "run.yaml"
    CliRunner().invoke(app, ["init", "-o", str(conf), "--input", str(_seed_file(tmp_path / "in.jsonl"))])
    cfg = RunConfig.from_yaml(conf)
    conf.write_text(replace(cfg, run_dir=str(tmp_path / "run")).to_yaml())
    assert _main(monkeypatch, "run", str(conf), "--push-to-hub", "me/bad name") == 2  # a ConfigError
    assert "repo id" in capsys.readouterr().err
    assert not (tmp_path / "run").exists()


from tests.test_locking import holder  # noqa: E402,F401  (fixture: a subprocess holding tmp_path/run)


def test_finetune_into_a_model_dir_another_process_holds_fails_at_once(tmp_path, holder, monkeypatch):
    import textsynth.models.finetune as ft
    from textsynth.errors import BusyError

    monkeypatch.setattr(ft, "_load_base", lambda *a, **k: pytest.fail("training started"))
    seeds = tmp_path / "seeds.jsonl"
    seeds.write_text(json.dumps({"id": "a", "text": "a fine film", "label": "positive"}) + "\n")
    res = CliRunner().invoke(app, ["finetune", "--seeds", str(seeds),
                                   "-o", str(tmp_path / "run")])
    assert isinstance(res.exception, BusyError) and f"pid {holder.pid}" in str(res.exception)


def test_version_and_short_help_flags():
    from typer.testing import CliRunner

    from textsynth import __version__
    from textsynth.cli import app

    runner = CliRunner()
    out = runner.invoke(app, ["--version"])
    assert out.exit_code == 0 and out.output.strip() == f"textsynth {__version__}"
    for args in (["-h"], ["scrub", "-h"], ["run", "-h"], ["export", "-h"]):
        res = runner.invoke(app, args)
        assert res.exit_code == 0, (args, res.output)
        assert "Usage:" in res.output
