"""End to end on a tiny random Llama: every stage, counts that add up, resume, and no seed PII in any output file."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import datasets
import pytest
import yaml

from textsynth.config import EvaluateConfig, FilterConfig, GenerateConfig, ModelConfig, RunConfig, SamplingConfig
from textsynth.pipeline import run_pipeline

from .fake_lms import ScriptedLM, seed_pii_leaking_lm, unique_text

pytestmark = pytest.mark.slow  # loads spaCy (every run and augment scrubs)

# Seed PII that must never appear in anything the run writes.
RAW_PII = ["Margaret Okonkwo", "margaret.okonkwo@example.org", "415-555-0199", "221 Baker Street"]
REVIEWS = [
    ("A gripping, beautifully acted film with a story that stays with you.", "positive"),
    ("Dull and far too long; the plot goes nowhere and the jokes fall flat.", "negative"),
    ("One of the warmest comedies of the year, funny and kind.", "positive"),
    ("A lazy sequel that recycles every idea from the first film.", "negative"),
]


def _seed_file(path: Path) -> Path:
    rows = []
    for i in range(40):
        text, label = REVIEWS[i % 4]
        if i % 5 == 0:
            text = f"{text} Written by {RAW_PII[0]}, mail {RAW_PII[1]}, call {RAW_PII[2]}, {RAW_PII[3]}."
        rows.append({"id": f"r{i}", "text": f"{text} ({i})", "label": label})
    rows.append({"id": "bad", "text": "   ", "label": "positive"})  # goes to rejects, not lost
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


@pytest.fixture()
def run_config(tmp_path, tiny_llama_dir) -> RunConfig:
    return RunConfig(
        input=str(_seed_file(tmp_path / "seeds.jsonl")),
        run_dir=str(tmp_path / "run"),
        generate=GenerateConfig(task="sentiment", n=6, batch_size=8, num_shots=1,
                                model=ModelConfig(model=str(tiny_llama_dir), device="cpu"),
                                sampling=SamplingConfig(max_new_tokens=12, temperature=1.0)),
        # Random weights write gibberish: gate on memorisation and PII only, with room to resample.
        filter=FilterConfig(filters=("ngram", "minhash", "pii"), max_attempts_factor=20),
        evaluate=EvaluateConfig(test_fraction=0.25, embeddings=False),
        read=replace(RunConfig().read, on_error="skip"),
    )


def test_pipeline_end_to_end_resume_and_no_pii(run_config, monkeypatch):
    import textsynth.evaluation.evaluate as evaluate_mod
    import textsynth.models.lm as lm_mod

    lm = seed_pii_leaking_lm(RAW_PII, REVIEWS[0][0])
    monkeypatch.setattr(lm_mod, "load_language_model", lambda *a, **k: lm)
    real_evaluate = evaluate_mod.evaluate

    def crash(*a, **k):
        raise KeyboardInterrupt  # the run dies after generation

    monkeypatch.setattr(evaluate_mod, "evaluate", crash)
    with pytest.raises(KeyboardInterrupt):
        run_pipeline(run_config)
    run_dir = Path(run_config.run_dir)
    kept_before = (run_dir / "generate" / "kept.jsonl").read_text()

    monkeypatch.setattr(evaluate_mod, "evaluate", real_evaluate)
    result = run_pipeline(run_config)
    assert result.skipped == ["scrub", "generate"]  # resumed, not redone
    assert (run_dir / "generate" / "kept.jsonl").read_text() == kept_before

    c = result.counts
    assert c["read"] == 41 and c["read_rejected"] == 1
    assert c["read"] == c["read_rejected"] + c["scrubbed"] + c["scrub_rejected"]
    assert c["seeds"] + c["real_test"] == c["scrubbed"]
    assert c["generated"] == c["kept"] + c["filtered_out"] and c["kept"] == 6

    dsd = datasets.load_from_disk(str(result.dataset_dir / "dataset"))
    assert sum(len(s) for s in dsd.values()) == 6
    assert set(dsd["train"].features["label"].names) <= {"positive", "negative"}
    card = (result.dataset_dir / "README.md").read_text()
    assert "synthetic" in card and str(run_config.generate.model.model) in card
    assert "outputs: pii_action=fake" in card and "seed PII values always rejected" in card
    assert c["output_pii_rejected_records"] >= 1  # the seed-PII outputs, counted in the summary
    assert (result.report_dir / "report.html").exists() and (result.report_dir / "metrics.json").exists()

    again = run_pipeline(run_config)
    assert again.skipped == ["scrub", "generate", "evaluate", "export"]

    # The model did write seed PII, in every shape, and the run rejected those outputs...
    rejects = [json.loads(line) for line in (run_dir / "generate" / "rejects.jsonl").read_text().splitlines()]
    reasons = {r["reason"] for r in rejects}
    assert {"preamble", "truncated", "pii_seed_value"} <= reasons and reasons & {"ngram_long_match", "ngram_share"}
    # ... yet no raw seed PII (nor its digits) is in any file the run wrote, rejects included.
    digits = re.sub(r"\D", "", RAW_PII[2]).encode()
    n_files = 0
    for path in run_dir.rglob("*"):
        if path.is_file():
            n_files += 1
            blob = path.read_bytes()
            for value in RAW_PII:
                assert value.encode() not in blob, f"{value!r} leaked into {path.relative_to(run_dir)}"
            assert digits not in blob, f"seed phone digits leaked into {path.relative_to(run_dir)}"
    assert n_files > 10


def test_pipeline_finetune_first_with_dp_generates_from_the_tuned_model(run_config):
    from textsynth.config import FinetuneConfig

    # DP-SGD noise comes from the OS CSPRNG (never seeded), so how often the tuned tiny model ends a document
    # within max_new_tokens varies from run to run (CI once saw 5 of 6 kept at the 20x cap): room to resample.
    cfg = replace(run_config, finetune_first=True,
                  filter=replace(run_config.filter, max_attempts_factor=200),
                  finetune=FinetuneConfig(base=run_config.generate.model, epochs=1, lr=1e-2, batch_size=4,
                                          max_length=32, dp_epsilon=8.0, dp_delta=1e-4))
    result = run_pipeline(cfg)
    run_dir = Path(cfg.run_dir)
    meta = json.loads((run_dir / "model" / "textsynth.json").read_text())
    assert meta["task"] == "sentiment" and set(meta["labels"]) == {"positive", "negative"}
    assert 0 < meta["dp"]["epsilon"] <= 8.0
    kept = [json.loads(line) for line in (run_dir / "generate" / "kept.jsonl").read_text().splitlines()]
    assert len(kept) == 6
    for row in kept:  # generated from the tuned model through its control prefix, guided by default
        assert row["meta"]["template"] == "sentiment-control-prefix" and row["meta"]["shots"] == []
        assert row["meta"]["model"] == str(run_dir / "model")
        assert row["meta"]["sampling"]["guidance_scale"] == 2.0
    card = (result.dataset_dir / "README.md").read_text()
    assert "LoRA fine-tuning" in card and f"{meta['dp']['epsilon']:.2f}"[:3] in card
    # DP-SGD covers the weights; the gate's seed-comparing filters (label, ngram, ...) are outside the accounting
    assert "fine-tuned model's weights" in card and "outside the accounting" in card
    assert run_pipeline(cfg).skipped == ["scrub", "finetune", "generate", "evaluate", "export"]


def test_pipeline_resumes_inside_the_generate_stage_from_the_shard_journal(run_config, tmp_path, monkeypatch):
    from textsynth.filters.runner import FilterRunner
    from textsynth.generation.generate import Generator

    run_config = replace(run_config, scrub=replace(run_config.scrub, salt="fixed"),  # same fakes in both runs
                         generate=replace(run_config.generate, shard_size=8))
    straight = run_pipeline(replace(run_config, run_dir=str(tmp_path / "straight")))
    assert straight.counts["generated"] > 8  # more than one shard
    calls = []
    real_quota, real_screen = Generator.generate_quota, FilterRunner.screen

    def spy_quota(self, quotas, round, on_document=None):
        calls.append(round)
        return real_quota(self, quotas, round, on_document)

    def crash_in_shard_1(self, records):  # the gate screens each shard, then admits it
        if calls == [0]:
            return real_screen(self, records)
        raise KeyboardInterrupt  # dies after shard 1 was generated, before it was filtered

    monkeypatch.setattr(Generator, "generate_quota", spy_quota)
    monkeypatch.setattr(FilterRunner, "screen", crash_in_shard_1)
    with pytest.raises(KeyboardInterrupt):
        run_pipeline(run_config)
    assert calls == [0, 1]
    gen = Path(run_config.run_dir) / "generate"
    assert sorted(json.loads((gen / "shards" / "manifest.json").read_text())["shards"]) == ["0"]
    n_kept0 = json.loads((gen / "shards" / "manifest.json").read_text())["shards"]["0"]["records"]
    assert len((gen / "kept.jsonl").read_text().splitlines()) == n_kept0  # exactly the finished shard
    monkeypatch.setattr(FilterRunner, "screen", real_screen)
    (gen / "shards").rename(gen / "rounds")  # the journal's old name (older versions) is taken over
    calls.clear()
    resumed = run_pipeline(run_config)
    assert 0 not in calls  # shard 0 came back from the journal, already filtered
    assert not (gen / "shards").exists()  # removed once the stage finished
    assert (gen / "kept.jsonl").read_text() == (straight.run_dir / "generate" / "kept.jsonl").read_text()
    assert resumed.counts["generated"] == straight.counts["generated"]


# --- one owner per run dir, nothing foreign touched, no silent empty runs ------------------------------------

from tests.test_locking import holder  # noqa: E402,F401  (fixture: a subprocess holding tmp_path/run)


def test_a_locked_run_dir_fails_at_once_naming_dir_and_pid(run_config, holder):
    from textsynth.errors import BusyError

    with pytest.raises(BusyError) as err:
        run_pipeline(run_config)
    assert run_config.run_dir in str(err.value) and f"pid {holder.pid}" in str(err.value)
    assert not (Path(run_config.run_dir) / "scrub").exists() and not (Path(run_config.run_dir) / "state.json").exists()


def test_a_run_dir_holding_other_files_is_refused(run_config):
    from textsynth.errors import ConfigError

    run_dir = Path(run_config.run_dir)
    run_dir.mkdir()
    (run_dir / "thesis.tex").write_text("mine")
    with pytest.raises(ConfigError, match="not a textsynth run directory"):
        run_pipeline(run_config)
    assert [p.name for p in run_dir.iterdir()] == ["thesis.tex"]


@pytest.mark.parametrize("rows,expected", [
    ([], "read 0, rejected when read 0"),
    ([{"id": f"b{i}", "text": "  ", "label": "positive"} for i in range(3)], "read 3, rejected when read 3"),
])
def test_no_usable_seeds_fails_before_generation(run_config, monkeypatch, rows, expected):
    import textsynth.pipeline as pipeline
    from textsynth.errors import InputError

    Path(run_config.input).write_text("".join(json.dumps(r) + "\n" for r in rows))
    monkeypatch.setattr(pipeline, "_generate_stage", lambda *a, **k: pytest.fail("generation started"))
    with pytest.raises(InputError) as err:
        run_pipeline(run_config)
    assert str(err.value).startswith(f"{run_config.input}: no usable seed records") and expected in str(err.value)
    state = Path(run_config.run_dir) / "state.json"
    assert not state.exists() or "scrub" not in json.loads(state.read_text())


def test_changed_input_content_reruns_the_scrub_stage(run_config, monkeypatch):
    import os

    import textsynth.pipeline as pipeline

    scrubs = []
    real_scrub = pipeline._scrub_stage

    def spy(*a, **k):
        scrubs.append(1)
        return real_scrub(*a, **k)

    def stop(*a, **k):
        raise KeyboardInterrupt  # only the scrub stage matters here

    monkeypatch.setattr(pipeline, "_scrub_stage", spy)
    monkeypatch.setattr(pipeline, "_generate_stage", stop)
    for _ in range(2):
        with pytest.raises(KeyboardInterrupt):
            run_pipeline(run_config)
    assert len(scrubs) == 1  # unchanged input: resumed
    path = Path(run_config.input)
    st = path.stat()
    text = path.read_text()
    swapped = text.replace("positive", "NEGATIVE").replace("negative", "positive").replace("NEGATIVE", "negative")
    assert swapped != text and len(swapped) == len(text)
    path.write_text(swapped)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same path, size and mtime: only the content differs
    with pytest.raises(KeyboardInterrupt):
        run_pipeline(run_config)
    assert len(scrubs) == 2


def test_bad_repo_id_in_a_config_is_a_config_error_naming_file_and_key(run_config, tmp_path):
    # An invalid repo id is a bad config value: refused when the YAML is read (file:key), before any run dir exists.
    from textsynth.errors import ConfigError

    conf = tmp_path / "run.yaml"
    data = yaml.safe_load(run_config.to_yaml())
    data["export"]["push_to_hub"] = "not a repo"
    conf.write_text(yaml.safe_dump(data))
    with pytest.raises(ConfigError, match=f"^{re.escape(str(conf))}:export.push_to_hub: .*repo id"):
        run_pipeline(RunConfig.from_yaml(conf))
    with pytest.raises(ConfigError, match="push_to_hub: .*repo id"):  # also when built in Python
        replace(run_config, export=replace(run_config.export, push_to_hub="noslash"))
    assert not Path(run_config.run_dir).exists()


def test_seed_record_ids_never_reach_any_file_of_the_run_or_the_export(run_config, tmp_path):
    """Seed ids are data: the run dir (scrubbed seeds, test split, rejects, journals) holds keyed references."""
    from textsynth.config import ExportConfig
    from textsynth.keys import secret_key, seed_ref

    rows = [json.loads(line) for line in Path(run_config.input).read_text().splitlines()]
    ids = [f"TICKET-48213-{i:03d}" for i in range(len(rows))]
    for row, rid in zip(rows, ids):
        row["id"] = rid
    seeds = tmp_path / "ticket_seeds.jsonl"
    seeds.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    cfg = replace(run_config, input=str(seeds), export=ExportConfig(formats=("save_to_disk", "parquet", "jsonl")))
    result = run_pipeline(cfg)
    kept = [json.loads(line) for line in (result.run_dir / "generate" / "kept.jsonl").read_text().splitlines()]
    assert any(r["meta"].get("shots") for r in kept)  # the records were prompted with seeds
    seeds_written = [json.loads(line) for line in (result.run_dir / "scrub" / "seeds.jsonl").read_text().splitlines()]
    refs = {seed_ref(secret_key(), rid) for rid in ids}
    assert seeds_written and all(r["id"] in refs and r["meta"]["fields"]["id"] == r["id"] for r in seeds_written)
    checked = set()
    for path in result.run_dir.rglob("*"):  # the run dir holds the export and the report too
        if path.is_file():
            blob = path.read_bytes()
            checked.add(path.relative_to(result.run_dir).parts[0])
            assert b"TICKET-48213" not in blob, f"a seed id leaked into {path.relative_to(result.run_dir)}"
    assert {"scrub", "generate", "dataset", "report"} <= checked
    assert len(list(result.dataset_dir.rglob("*"))) >= 5  # arrow, parquet, jsonl, cards


# --- augment with a scripted language model ------------------------------------------------------------------


# --- other input columns and the run's scrub settings ---------------------------------------------------------

CUSTOMERS = ["Margaret Thornton", "Jonathan Whitaker", "Priya Raghunathan", "Dmitri Volkov"]
EMAILS = ["margaret.thornton@example.org", "j.whitaker@mailbox.net", "priya.r@corpmail.com", "dvolkov@example.net"]


def _csv_with_pii_columns(path: Path) -> Path:
    import csv

    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "label", "customer", "email", "visits"])
        for i in range(40):
            text, label = REVIEWS[i % 4]
            w.writerow([f"r{i}", f"{text} ({i})", label, CUSTOMERS[i % 4], EMAILS[i % 4], i])
    return path


def test_other_input_columns_reach_no_file_of_the_run_raw(run_config, tmp_path):
    """A CSV with a customer name and an email column: every file the run writes is free of both."""
    cfg = replace(run_config, input=str(_csv_with_pii_columns(tmp_path / "tickets.csv")))
    result = run_pipeline(cfg)
    seeds = [json.loads(line) for line in (result.run_dir / "scrub" / "seeds.jsonl").read_text().splitlines()]
    fields = seeds[0]["meta"]["fields"]
    assert set(fields) == {"id", "text", "label", "customer", "email", "visits"}  # kept, scrubbed
    assert fields["customer"] and fields["customer"] not in CUSTOMERS and "@" in fields["email"]
    audit = json.loads((result.run_dir / "scrub" / "audit.json").read_text())
    assert audit["entities"]["EMAIL_ADDRESS"] >= 40 and audit["fields_withheld"] == {}
    n_files = 0
    for path in result.run_dir.rglob("*"):
        if path.is_file():
            n_files += 1
            blob = path.read_bytes()
            for value in CUSTOMERS + EMAILS:
                assert value.encode() not in blob, f"{value!r} leaked into {path.relative_to(result.run_dir)}"
    assert n_files > 10


def test_the_output_pii_gate_scans_with_the_runs_scrub_settings(run_config):
    from textsynth.config import ScrubConfig

    cfg = replace(run_config, scrub=ScrubConfig(score_threshold=0.61, strategy="tag"),
                  filter=replace(run_config.filter, pii_action="rescrub"))
    result = run_pipeline(cfg)
    stats = json.loads((result.run_dir / "generate" / "filter_stats.json").read_text())
    assert stats["filters"]["pii"]["thresholds"]["score_threshold"] == 0.61  # the default would be 0.35


def test_pipeline_private_evolution_states_the_guarantee_and_no_seed_reaches_a_prompt(run_config, monkeypatch):
    import numpy as np

    import textsynth.models.embeddings as emb_mod
    import textsynth.models.lm as lm_mod
    from textsynth.config import PrivacyConfig

    prompts: list[str] = []

    def script(k, label):
        return unique_text(k, "wonderful" if label == "positive" else "dreadful")

    lm = ScriptedLM(script)
    real_generate = lm.generate

    def recording_generate(ps, *a, **k):
        prompts.extend(ps)
        return real_generate(ps, *a, **k)

    lm.generate = recording_generate
    monkeypatch.setattr(lm_mod, "load_language_model", lambda *a, **k: lm)

    def fake_embed(texts, *a, **k):  # hashed bag of words: no model to load
        out = np.zeros((len(texts), 32))
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, sum(map(ord, w)) % 32] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)

    monkeypatch.setattr(emb_mod, "embed", fake_embed)
    cfg = replace(run_config, generate=replace(run_config.generate, method="private_evolution",
                                               privacy=PrivacyConfig(epsilon=2.0, iterations=2)))
    result = run_pipeline(cfg)
    assert result.counts["kept"] == 6 and prompts
    for p in prompts:
        for text, _ in REVIEWS:
            assert text[:40] not in p
        for value in RAW_PII:
            assert value not in p
    card = (result.dataset_dir / "README.md").read_text()
    assert "Private Evolution (Aug-PE), epsilon = " in card and "2 iterations" in card
    assert "never entered a prompt" in card and "outside the accounting" in card  # the gate's seed filters
    html = (result.report_dir / "report.html").read_text()
    assert "Differential privacy" in html and "never entered a prompt" in html
    run_dir = Path(cfg.run_dir)
    assert not (run_dir / "generate" / "rounds.pe").exists()  # raw populations do not outlive the stage


# --- the scrub stage streams in shards and resumes ------------------------------------------------------------

def _scrub_outputs(run_dir: Path) -> dict[str, str]:
    scrub = run_dir / "scrub"
    return {name: (scrub / name).read_text() for name in ("seeds.jsonl", "test.jsonl", "rejects.jsonl",
                                                          "seed_pii.json", "audit.json")}


def test_scrub_stage_resumes_after_a_crash_without_duplicates_or_gaps(run_config, tmp_path, monkeypatch):
    import textsynth.pipeline as pipeline
    from textsynth.scrubbing.scrubber import Scrubber

    def stop(*a, **k):
        raise KeyboardInterrupt  # only the scrub stage matters here

    monkeypatch.setattr(pipeline, "_generate_stage", stop)
    run_config = replace(run_config, scrub=replace(run_config.scrub, shard_size=8, salt="fixed"))
    with pytest.raises(KeyboardInterrupt):
        run_pipeline(replace(run_config, run_dir=str(tmp_path / "straight")))
    straight = _scrub_outputs(tmp_path / "straight")

    scrubbed: list[int] = []
    real_batch = Scrubber.scrub_batch

    def crash_in_shard_2(self, records):
        if len(scrubbed) == 2:
            raise RuntimeError("injected crash while scrubbing shard 2")
        scrubbed.append(len(records))
        return real_batch(self, records)

    monkeypatch.setattr(Scrubber, "scrub_batch", crash_in_shard_2)
    with pytest.raises(RuntimeError, match="injected"):
        run_pipeline(run_config)
    scrub_dir = Path(run_config.run_dir) / "scrub"
    assert sorted(p.name for p in (scrub_dir / "shards").glob("state-*")) == ["state-00000.json", "state-00001.json"]
    seeds_after_crash = (scrub_dir / "seeds.jsonl").read_text()
    assert straight["seeds.jsonl"].startswith(seeds_after_crash)  # the finished shards, in order

    def count_only(self, records):
        scrubbed.append(len(records))
        return real_batch(self, records)

    monkeypatch.setattr(Scrubber, "scrub_batch", count_only)
    scrubbed.clear()
    with pytest.raises(KeyboardInterrupt):
        run_pipeline(run_config)
    assert sum(scrubbed) == 41 - 1 - 16  # 41 rows, 1 read reject; the 16 records of shards 0-1 are not redone
    assert _scrub_outputs(Path(run_config.run_dir)) == straight
    assert not (scrub_dir / "shards").exists()
    ids = [json.loads(line)["id"] for f in ("seeds.jsonl", "test.jsonl") for line in straight[f].splitlines()]
    assert len(ids) == len(set(ids)) == 40  # every readable record once: no duplicates, no gaps


def test_scrub_stage_keeps_its_random_salt_across_a_crash(run_config, monkeypatch):
    import textsynth.pipeline as pipeline
    from textsynth.scrubbing.scrubber import Scrubber

    run_config = replace(run_config, scrub=replace(run_config.scrub, shard_size=8))
    monkeypatch.setattr(pipeline, "_generate_stage", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
    real_batch, calls = Scrubber.scrub_batch, []

    def crash_in_shard_1(self, records):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("injected")
        return real_batch(self, records)

    monkeypatch.setattr(Scrubber, "scrub_batch", crash_in_shard_1)
    with pytest.raises(RuntimeError):
        run_pipeline(run_config)
    scrub_dir = Path(run_config.run_dir) / "scrub"
    salt = json.loads((scrub_dir / "shards" / "manifest.json").read_text())["salt"]
    monkeypatch.setattr(Scrubber, "scrub_batch", real_batch)
    with pytest.raises(KeyboardInterrupt):
        run_pipeline(run_config)
    assert json.loads((scrub_dir / "seed_pii.json").read_text())["salt"] == salt


def test_scrub_stage_crash_after_the_last_shard_adds_nothing_twice(run_config, monkeypatch):
    """The input ends with a bad row (a rejects-only last shard); a crash before the stage's files are written
    must not read it again on resume."""
    import textsynth.pipeline as pipeline
    from textsynth.scrubbing.seed_index import SeedPiiIndex

    run_config = replace(run_config, scrub=replace(run_config.scrub, shard_size=8))
    monkeypatch.setattr(pipeline, "_generate_stage", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
    real_save = SeedPiiIndex.save
    monkeypatch.setattr(SeedPiiIndex, "save", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("injected")))
    with pytest.raises(RuntimeError):
        run_pipeline(run_config)
    monkeypatch.setattr(SeedPiiIndex, "save", real_save)
    with pytest.raises(KeyboardInterrupt):
        run_pipeline(run_config)
    scrub_dir = Path(run_config.run_dir) / "scrub"
    assert len((scrub_dir / "rejects.jsonl").read_text().splitlines()) == 1  # the bad row, once
    counts = json.loads((Path(run_config.run_dir) / "state.json").read_text())["scrub"]["counts"]
    assert counts["read"] == 41 and counts["read_rejected"] == 1
