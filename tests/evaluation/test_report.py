"""The report files, the CLI command and the chat proxy."""
from __future__ import annotations

import json

import pytest

from typer.testing import CliRunner

from textsynth.cli import app
from textsynth.config import EvaluateConfig
from textsynth.evaluation.evaluate import evaluate
from textsynth.records import Record

NO_EMB = EvaluateConfig(embeddings=False)


class FakePiiIndex:
    """Stands in for SeedPiiIndex: one 'seed PII value'."""

    def find(self, text):
        i = text.find("Jane Roe")
        return [(i, i + 8)] if i >= 0 else []


@pytest.mark.slow  # the real Rotten Tomatoes corpus
def test_report_files_are_self_contained_and_show_no_real_records(rt_splits, tmp_path):
    synthetic = [Record(id=f"s{i}", text=f"Jane Roe says this {r.text.split()[0]} film is {'great' if r.label == 'positive' else 'awful'}",
                        label=r.label) for i, r in enumerate(rt_splits["other"][:200])]
    stats = {"candidates": 214, "kept": 200, "filters": {"ngram": {"checked": 214, "dropped": 5}, "label": {"checked": 209, "dropped": 9}}}
    rep = evaluate(synthetic, rt_splits["train"][:300], rt_splits["test"][:150], NO_EMB, filter_stats=stats,
                   seed_pii=FakePiiIndex(), canaries=["a planted canary sentence that never appears"])
    out = rep.write(tmp_path / "report")
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["privacy"]["pii_matches"] == 200
    assert metrics["privacy"]["canaries_exposed"] == 0
    assert metrics["filter"]["dropped_by_filter"] == {"ngram": 5, "label": 9}
    page = (out / "report.html").read_text()
    # labels, lengths, projection, DCR, utility, confusion matrix, filter drops
    assert page.count("data:image/png;base64,") == 7
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "Jane Roe" not in page and "[PII]" in page  # seed PII masked in the examples
    assert not any(r.text in page for r in rt_splits["train"][:300])  # no real train record shown
    assert "planted canary" not in page


@pytest.mark.slow  # the real Rotten Tomatoes corpus
def test_cli_evaluate_writes_report(tmp_path, rt_splits):
    syn, real = tmp_path / "syn.jsonl", tmp_path / "real.csv"
    syn.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in rt_splits["other"][:150]))
    with real.open("w", newline="") as fh:
        import csv

        w = csv.writer(fh)
        w.writerow(["review", "sentiment"])
        for r in rt_splits["train"][:300]:
            w.writerow([r.text, r.label])
    res = CliRunner().invoke(app, ["evaluate", "--synthetic", str(syn), "--real", str(real), "-o", str(tmp_path / "rep"),
                                   "--text-column", "review", "--label-column", "sentiment", "--no-embeddings"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "rep" / "report.html").exists()
    metrics = json.loads((tmp_path / "rep" / "metrics.json").read_text())
    assert metrics["meta"]["n_real_test"] == 60
    u = metrics["utility"]
    # The printed figure is the one in metrics.json, and it is what it says: synthetic-trained / real-trained F1.
    assert u["ratio_macro_f1_tfidf"] == pytest.approx(u["macro_f1_synthetic"] / u["macro_f1_real"])
    assert 0.5 < u["macro_f1_real"] <= 1.0  # real RT snippets are learnable by TF-IDF + LR
    assert f"utility.ratio_macro_f1_tfidf: {u['ratio_macro_f1_tfidf']:.4g}" in res.output
    assert "privacy.dcr_alarm: False" in res.output


@pytest.mark.slow  # the real chitchat corpus
def test_chat_corpus_uses_next_turn_retrieval(chat_records, tmp_path):
    train, other, test = chat_records[:200], chat_records[200:400], chat_records[500:650]
    topical = [Record(id=r.id, messages=r.messages, label="movies") for r in other]  # generated with a topic
    rep = evaluate(topical, train, test, NO_EMB)
    u = rep.metrics["utility"]
    assert u["task"] == "next_turn_retrieval"
    assert rep.metrics["fidelity"]["label_tv"] is None  # the real chats carry no labels
    assert "fidelity.label_tv" not in rep.headline() and "Label distance" not in rep.to_html(tmp_path / "t.html").read_text()
    assert set(u["retrieval"]) == {"no_training", "real", "synthetic", "real+synthetic"}
    assert 0.0 < u["retrieval"]["real"]["recall@5"] <= 1.0
    assert rep.metrics["privacy"]["dcr_alarm"] is False
    copies = evaluate(list(train), train, test, NO_EMB)
    assert copies.metrics["privacy"]["memorisation_rate"] == 1.0 and copies.metrics["privacy"]["dcr_alarm"] is True
    page = copies.to_html(tmp_path / "chat.html").read_text()
    assert "Next-turn retrieval recall@1" in page


@pytest.mark.slow  # the real chitchat corpus
def test_chat_with_labels_uses_intent_classification(chat_records):
    def labelled(recs):
        return [Record(id=r.id, messages=r.messages, label="long" if len(r.messages) > 4 else "short") for r in recs]

    def inverted(recs):
        return [Record(id=r.id, messages=r.messages, label="short" if r.label == "long" else "long") for r in recs]

    train, test = labelled(chat_records[:100]), labelled(chat_records[500:580])
    rep = evaluate(labelled(chat_records[200:300]), train, test, NO_EMB)
    u = rep.metrics["utility"]
    assert u["task"] == "intent_classification"
    assert u["n"] == {"synthetic": 100, "train": 100, "test": 80, "labels": ["long", "short"]}
    assert u["ratio_macro_f1_tfidf"] == pytest.approx(u["macro_f1_synthetic"] / u["macro_f1_real"])
    # Synthetic chats whose labels are swapped teach the opposite intent: the utility figure must fall.
    bad = evaluate(inverted(labelled(chat_records[200:300])), train, test, NO_EMB).metrics["utility"]
    assert bad["macro_f1_real"] == pytest.approx(u["macro_f1_real"])
    assert bad["ratio_macro_f1_tfidf"] < u["ratio_macro_f1_tfidf"] - 0.2


def _stub_report(monkeypatch, value: int):
    import textsynth.evaluation.report as report_mod

    monkeypatch.setattr(report_mod, "render_html", lambda rep: f"<html>{rep.metrics['v']}</html>")
    return report_mod.Report(metrics={"v": value})


def test_report_write_refuses_a_directory_textsynth_did_not_write(tmp_path, monkeypatch):
    from textsynth.errors import OutputError

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "metrics.json").write_text("my own numbers")
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(OutputError, match="not a textsynth report"):
        _stub_report(monkeypatch, 1).write(mine, overwrite=True)
    assert (mine / "metrics.json").read_text() == "my own numbers" and (mine / "notes.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]  # no staging dir left behind


def test_report_write_replaces_only_its_own_previous_report(tmp_path, monkeypatch):
    from textsynth.errors import OutputError

    out = _stub_report(monkeypatch, 1).write(tmp_path / "rep")
    assert json.loads((out / "metrics.json").read_text()) == {"v": 1} and (out / ".textsynth-report.json").exists()
    with pytest.raises(OutputError, match="pass --overwrite"):
        _stub_report(monkeypatch, 2).write(out)
    _stub_report(monkeypatch, 3).write(out, overwrite=True)
    assert json.loads((out / "metrics.json").read_text()) == {"v": 3} and (out / "report.html").read_text() == "<html>3</html>"
    (out / "my_notes.md").write_text("mine")  # the user adds a file: the directory is no longer only ours
    with pytest.raises(OutputError, match="did not write"):
        _stub_report(monkeypatch, 4).write(out, overwrite=True)
    assert (out / "my_notes.md").read_text() == "mine" and json.loads((out / "metrics.json").read_text()) == {"v": 3}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rep"]


def test_cli_evaluate_refuses_a_foreign_directory_before_any_work(tmp_path, monkeypatch, capsys):
    import sys

    import textsynth.evaluation.evaluate as evaluate_mod
    from textsynth.cli import main

    mine = tmp_path / "results"
    mine.mkdir()
    (mine / "metrics.json").write_text("my own numbers")
    monkeypatch.setattr(evaluate_mod, "evaluate", lambda *a, **k: pytest.fail("work started"))
    monkeypatch.setattr(sys, "argv", ["textsynth", "evaluate", "--synthetic", str(tmp_path / "s.jsonl"),
                                      "--real", str(tmp_path / "r.jsonl"), "-o", str(mine), "--overwrite"])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 2 and "not a textsynth report" in capsys.readouterr().err
    assert (mine / "metrics.json").read_text() == "my own numbers"
