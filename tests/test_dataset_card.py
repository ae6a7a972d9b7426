"""The dataset card: hub metadata the DatasetCard loader reads back, Dataset Structure, what the gate found."""
from __future__ import annotations

import yaml
from huggingface_hub import DatasetCard

from textsynth.config import ExportConfig, RunConfig, ScrubConfig
from textsynth.dataset_card import RUN_CONFIG_NAME, gate_summary, public_run_config
from textsynth.exporting import export
from textsynth.records import Record

STATS = {"candidates": 40, "filters": {
    "ngram": {"dropped": 5, "thresholds": {"ngram_max_len": 8, "ngram_share_n": 4, "ngram_share_max": 0.5}},
    "minhash": {"dropped": 2, "thresholds": {"minhash_threshold": 0.7, "minhash_num_perm": 128}},
    "pii": {"dropped": 1, "thresholds": {"pii_action": "fake"}}}}


def _records(n=30):
    return [Record(id=f"s{i}", text=f"synthetic review number {i}", label=("positive", "negative")[i % 2],
                   meta={"requested_label": ("positive", "negative")[i % 2]}) for i in range(n)]


def test_card_loads_with_datasetcard_and_has_the_hub_metadata(tmp_path):
    run_config = public_run_config(RunConfig(input="/home/someone/private/seeds.jsonl",
                                             scrub=ScrubConfig(salt="s3cret-salt")))
    res = export(_records(), tmp_path / "out", ExportConfig(formats=("parquet",)),
                 {"task": "sentiment", "filter_stats": STATS, "run_config": run_config})
    card = DatasetCard.load(res.card_path)
    data = card.data.to_dict()
    assert data["license"] == "other" and data["license_name"] and data["license_link"] == "LICENSE.md"
    assert (tmp_path / "out" / "LICENSE.md").is_file()
    assert data["annotations_creators"] == ["machine-generated"]
    assert data["language_creators"] == ["machine-generated"]
    assert data["task_ids"] == ["sentiment-classification"] and data["task_categories"] == ["text-classification"]
    assert data["source_datasets"] == ["original"]
    text = card.text
    assert "## Dataset Structure" in text and "| label | ClassLabel (negative, positive) |" in text
    assert "No record is a copy" not in text and "pypi.org/project/textsynth" not in text
    assert "ngram (no word n-gram of 8+ words" in text and "removed 5" in text and "of 40 candidates" in text
    published = yaml.safe_load((tmp_path / "out" / RUN_CONFIG_NAME).read_text())
    assert published["input"] == "seeds.jsonl" and "salt" not in published["scrub"]
    assert "s3cret-salt" not in (tmp_path / "out" / RUN_CONFIG_NAME).read_text()


def test_a_named_license_needs_no_license_file(tmp_path):
    res = export(_records(), tmp_path / "out", ExportConfig(formats=("jsonl",)), {"license": "cc-by-4.0"})
    data = DatasetCard.load(res.card_path).data.to_dict()
    assert data["license"] == "cc-by-4.0" and "license_name" not in data
    assert not (tmp_path / "out" / "LICENSE.md").exists()


def test_gate_summary_says_when_nothing_was_checked():
    assert "No memorisation gate ran" in gate_summary({})
    assert "removed 2" in gate_summary(STATS) and "cannot prove" in gate_summary(STATS)
