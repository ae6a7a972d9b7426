"""Export: splits, ClassLabel, chat messages, formats, dataset card, hub upload (patched) and fail-fast errors."""
from __future__ import annotations

import json

import datasets
import pytest

from textsynth.config import ExportConfig
from textsynth.errors import ConfigError, ExportError
from textsynth.exporting import build_dataset_dict, export
from textsynth.records import Record


def _records(n=60, labels=("positive", "negative")):
    return [Record(id=f"s{i}", text=f"synthetic review number {i}", label=labels[i % len(labels)],
                   meta={"requested_label": labels[i % len(labels)], "fields": {"secret": "x"}}) for i in range(n)]


def test_splits_are_seeded_stratified_and_use_classlabel():
    dsd = build_dataset_dict(_records(100), ExportConfig(splits=(0.8, 0.1, 0.1), seed=3))
    assert {k: len(v) for k, v in dsd.items()} == {"train": 80, "validation": 10, "test": 10}
    assert isinstance(dsd["train"].features["label"], datasets.ClassLabel)
    for split in dsd.values():  # stratified: both labels in every split, in equal numbers
        counts = [split["label"].count(i) for i in range(2)]
        assert counts[0] == counts[1]
    again = build_dataset_dict(_records(100), ExportConfig(splits=(0.8, 0.1, 0.1), seed=3))
    assert again["test"]["id"] == dsd["test"]["id"]
    assert "secret" not in dsd["train"][0]["meta"]  # input columns stay out of the published meta


def test_chat_records_get_a_messages_column_trl_accepts():
    recs = [Record(id=str(i), messages=[{"role": "user", "content": f"hi {i}"}, {"role": "assistant", "content": "hello"}])
            for i in range(10)]
    dsd = build_dataset_dict(recs, ExportConfig())
    row = dsd["train"][0]
    assert row["messages"][0].keys() == {"role", "content"}
    assert [m["role"] for m in row["messages"]] == ["user", "assistant"]
    assert "label" not in dsd["train"].column_names


def test_export_writes_all_formats_and_card(tmp_path):
    info = {"task": "sentiment", "base_model": "smollm2-135m-instruct", "pii_counts": {"PERSON": 4},
            "filter_stats": {"filters": {"ngram": {"thresholds": {"max_len": 8}, "dropped": 7}}},
            "eval": {"utility.tstr_ratio": 0.91}, "dp": {"epsilon": 7.5, "delta": 1e-5}}
    res = export(_records(), tmp_path / "out", ExportConfig(), info)
    dsd = datasets.load_from_disk(str(tmp_path / "out" / "dataset"))
    assert sum(len(s) for s in dsd.values()) == 60
    assert sorted(p.name for p in (tmp_path / "out" / "data").iterdir()) == [
        "test-00000-of-00001.parquet", "train-00000-of-00001.parquet", "validation-00000-of-00001.parquet"]
    lines = (tmp_path / "out" / "jsonl" / "train.jsonl").read_text().splitlines()
    assert len(lines) == res.split_sizes["train"] and json.loads(lines[0])["text"].startswith("synthetic")
    card = (tmp_path / "out" / "README.md").read_text()
    assert card.startswith("---\n") and "synthetic" in card.split("---")[1]
    for expected in ("smollm2-135m-instruct", "epsilon = 7.50", "PERSON | 4", "ngram | max_len=8 | 7", "0.91"):
        assert expected in card
    assert not list(tmp_path.glob(".out.*")), "staging dir left behind"


def test_push_to_hub_uploads_card_and_data_in_one_commit(tmp_path, monkeypatch):
    import huggingface_hub

    calls = {}

    class FakeApi:
        def whoami(self, token=None):
            return {"name": "me"}

        def create_repo(self, repo_id, **kw):
            calls["create"] = (repo_id, kw["private"])

        def upload_folder(self, *, repo_id, folder_path, allow_patterns, **kw):
            from pathlib import Path
            files = sorted(str(p.relative_to(folder_path)) for p in Path(folder_path).rglob("*") if p.is_file())
            calls["files"] = [f for f in files if f == "README.md" or f.startswith("data/")]
            calls["card"] = (Path(folder_path) / "README.md").read_text()
            calls["token"] = kw["token"]

    monkeypatch.setattr(huggingface_hub, "HfApi", FakeApi)
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: "hf_secret_token")
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", False)
    res = export(_records(), tmp_path / "out", ExportConfig(push_to_hub="me/synthetic", private=True), {"task": "sentiment"})
    assert calls["create"] == ("me/synthetic", True)
    assert calls["files"] == ["README.md", "data/test-00000-of-00001.parquet",
                              "data/train-00000-of-00001.parquet", "data/validation-00000-of-00001.parquet"]
    assert "data/train-*.parquet" in calls["card"]
    assert res.hub_url.endswith("me/synthetic")


@pytest.mark.parametrize("offline,token,match", [(True, "t", "HF_HUB_OFFLINE"), (False, None, "no token")])
def test_push_fails_fast_and_writes_nothing(tmp_path, monkeypatch, offline, token, match):
    import huggingface_hub

    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", offline)
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: token)
    with pytest.raises(ExportError, match=match):
        export(_records(), tmp_path / "out", ExportConfig(push_to_hub="me/x"), {})
    assert not any(tmp_path.iterdir())


def test_unreachable_hub_fails_fast(tmp_path, monkeypatch):
    import huggingface_hub

    class Down:
        def whoami(self, token=None):
            raise ConnectionError("no network")

    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", False)
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: "hf_secret_token")
    monkeypatch.setattr(huggingface_hub, "HfApi", Down)
    with pytest.raises(ExportError) as err:
        export(_records(), tmp_path / "out", ExportConfig(push_to_hub="me/x"), {})
    assert "hf_secret_token" not in str(err.value)
    assert not (tmp_path / "out").exists()


# --- the output directory: never delete what textsynth did not write -------------------------------------------

def _user_dir(path):
    path.mkdir(parents=True, exist_ok=True)
    (path / "notes.txt").write_text("mine")
    return path


@pytest.mark.parametrize("target", ["dir", "dot", "dotdot"])
def test_export_refuses_a_non_empty_directory_it_did_not_write(tmp_path, monkeypatch, target):
    from pathlib import Path

    user = _user_dir(tmp_path / "a")
    (user / "b").mkdir()
    monkeypatch.chdir(user)
    out = {"dir": user, "dot": Path("."), "dotdot": Path("b/..")}[target]
    with pytest.raises(ExportError, match="not a textsynth export") as err:
        export(_records(), out, ExportConfig(), {}, overwrite=True)  # --overwrite does not lift the rule
    assert str(user) in str(err.value)
    assert (user / "notes.txt").read_text() == "mine" and (user / "b").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"], "staging left behind"


def test_export_into_an_empty_directory_and_the_overwrite_rule(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    export(_records(), out, ExportConfig(formats=("jsonl",)), {})
    assert (out / "jsonl" / "train.jsonl").exists()
    manifest = json.loads((out / ".textsynth-export.json").read_text())
    assert manifest["entries"] == ["LICENSE.md", "README.md", "jsonl"]  # LICENSE.md: `license: other` needs a link
    with pytest.raises(ExportError, match="--overwrite"):
        export(_records(10), out, ExportConfig(formats=("jsonl",)), {})
    assert len((out / "jsonl" / "train.jsonl").read_text().splitlines()) == 48  # untouched
    res = export(_records(10), out, ExportConfig(formats=("parquet",)), {}, overwrite=True)
    assert sorted(p.name for p in out.iterdir()) == [".textsynth-export.json", "LICENSE.md", "README.md", "data"]
    assert sum(res.split_sizes.values()) == 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "old export or staging left behind"


def test_overwrite_refuses_a_previous_export_with_files_added(tmp_path):
    out = tmp_path / "out"
    export(_records(), out, ExportConfig(formats=("jsonl",)), {})
    (out / "my_analysis.ipynb").write_text("{}")
    with pytest.raises(ExportError, match="did not write") as err:
        export(_records(), out, ExportConfig(formats=("jsonl",)), {}, overwrite=True)
    assert "my_analysis.ipynb" in str(err.value)
    assert (out / "my_analysis.ipynb").exists() and (out / "jsonl" / "train.jsonl").exists()


def test_export_target_that_is_a_file_is_refused(tmp_path):
    f = tmp_path / "out"
    f.write_text("keep")
    with pytest.raises(ExportError, match="not a directory"):
        export(_records(), f, ExportConfig(), {}, overwrite=True)
    assert f.read_text() == "keep"


def test_a_crash_while_writing_keeps_the_previous_export_whole(tmp_path, monkeypatch):
    out = tmp_path / "out"
    export(_records(), out, ExportConfig(formats=("jsonl",)), {})
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def crash(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(datasets.Dataset, "to_json", crash)
    with pytest.raises(KeyboardInterrupt):
        export(_records(10), out, ExportConfig(formats=("jsonl",)), {}, overwrite=True)
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _hub(monkeypatch, fail_upload: bool):
    import huggingface_hub

    class FakeApi:
        def whoami(self, token=None):
            return {"name": "me"}

        def create_repo(self, repo_id, **kw):
            pass

        def upload_folder(self, **kw):
            if fail_upload:
                raise RuntimeError(f"500 Server Error; Authorization: Bearer {kw['token']}")

    monkeypatch.setattr(huggingface_hub, "HfApi", FakeApi)
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: "hf_secret_token")
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", False)


def test_upload_failure_after_preflight_keeps_the_local_export_and_hides_the_token(tmp_path, monkeypatch):
    _hub(monkeypatch, fail_upload=True)
    out = tmp_path / "out"
    with pytest.raises(ExportError) as err:
        export(_records(), out, ExportConfig(push_to_hub="me/synthetic"), {"task": "sentiment"})
    msg = str(err.value)
    assert "hf_secret_token" not in msg and "Bearer" not in msg
    assert "me/synthetic" in msg and "RuntimeError" in msg and str(out) in msg
    dsd = datasets.load_from_disk(str(out / "dataset"))
    assert sum(len(s) for s in dsd.values()) == 60
    assert len(list((out / "data").glob("*.parquet"))) == 3 and (out / ".textsynth-export.json").exists()


@pytest.mark.parametrize("repo_id", ["noslash", "a/b/c", "me/bad name", "me/x--y", "-me/x", "me/"])
def test_bad_repo_id_fails_before_any_work(tmp_path, monkeypatch, repo_id):
    import textsynth.exporting as exporting

    _hub(monkeypatch, fail_upload=False)
    monkeypatch.setattr(exporting, "build_dataset_dict", lambda *a, **k: pytest.fail("work started"))
    with pytest.raises(ConfigError, match="push_to_hub: .*repo id"):  # a config value: refused by ExportConfig
        export(_records(), tmp_path / "out", ExportConfig(push_to_hub=repo_id), {})
    with pytest.raises(ExportError, match="invalid repo id"):  # the hub check itself, for direct callers
        exporting.hub_preflight(repo_id)
    assert not any(tmp_path.iterdir())


def test_cli_export_refuses_then_overwrites_with_flag(tmp_path):
    from typer.testing import CliRunner

    from textsynth.cli import app
    from textsynth.io import write_jsonl

    src = tmp_path / "kept.jsonl"
    write_jsonl(src, (r.to_dict() for r in _records(20)))
    out = tmp_path / "ds"
    runner = CliRunner()
    first = runner.invoke(app, ["export", str(src), "-o", str(out), "--formats", "jsonl"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["export", str(src), "-o", str(out), "--formats", "jsonl"])
    assert again.exit_code != 0 and isinstance(again.exception, ExportError)
    ok = runner.invoke(app, ["export", str(src), "-o", str(out), "--formats", "jsonl", "--overwrite"])
    assert ok.exit_code == 0, ok.output


def test_hub_flags_reach_the_upload_and_the_token_is_never_printed(tmp_path, monkeypatch, capsys):
    import huggingface_hub
    from huggingface_hub import CommitInfo

    calls = {}

    class FakeApi:
        def whoami(self, token=None):
            calls["whoami_token"] = token

        def create_repo(self, repo_id, **kw):
            calls["private"] = kw["private"]

        def create_branch(self, repo_id, *, branch, **kw):
            calls["branch"] = branch

        def upload_folder(self, *, repo_id, folder_path, allow_patterns, **kw):
            calls.update(revision=kw["revision"], create_pr=kw["create_pr"], message=kw["commit_message"],
                         token=kw["token"], patterns=allow_patterns)
            return CommitInfo(commit_url=f"https://huggingface.co/datasets/{repo_id}/commit/abc", commit_message="m",
                              commit_description="", oid="abc", pr_url=f"https://huggingface.co/datasets/{repo_id}/discussions/1")

    monkeypatch.setattr(huggingface_hub, "HfApi", FakeApi)
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: None)
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", False)
    cfg = ExportConfig(push_to_hub="me/x", private=False, revision="v2", commit_message="new data", create_pr=True)
    res = export(_records(), tmp_path / "out", cfg, {"run_config": {"input": "seeds.jsonl"}}, token="hf_flag_token")
    assert calls == {"whoami_token": "hf_flag_token", "private": False, "branch": "v2", "revision": "v2",
                     "create_pr": True, "message": "new data", "token": "hf_flag_token",
                     "patterns": ["README.md", "data/*.parquet", "textsynth_config.yaml", "LICENSE.md"]}
    assert res.hub_url.endswith("/discussions/1")
    out = capsys.readouterr()
    assert "hf_flag_token" not in out.out + out.err
