"""Saved seed indexes: loading gives the same verdicts as building, stale ones are rebuilt, nothing is pickled."""
from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from textsynth.config import FilterConfig
from textsynth.errors import ConfigError
from textsynth.filters.runner import FilterRunner
from textsynth.core.ngrams import NgramIndex
from textsynth.io import write_jsonl
from textsynth.records import Record
from textsynth.seed_indexes import load_filter_runner, seed_indexes_dir

from .filters.conftest import SEEDS, FakeSeedPii, bow_embed, fake_scrub

WORDS = ("film story cast plot script scene actor director music ending pace humour camera dialogue twist "
         "charming dull moving clumsy bright slow sharp tender bland witty grim lovely").split()
CONFIG = FilterConfig(filters=("quality", "ngram", "minhash", "neighbours", "pii", "label"))
CONTEXT = {"embed": bow_embed, "scrub_fn": fake_scrub}


def _seeds(n: int = 300) -> list[Record]:
    rng = random.Random(0)
    out = []
    for i in range(n):
        base = SEEDS[i % len(SEEDS)]
        extra = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9)))
        out.append(Record(f"s{i}", f"{base.text} {extra}.", label=base.label))
    return out


def _candidates(seeds: list[Record]) -> list[Record]:
    rng = random.Random(1)
    texts = [seeds[3].text, seeds[7].text.upper(), "Honestly, " + seeds[11].text + " and then some"]
    texts += [f"I thought the {rng.choice(WORDS)} was {rng.choice(WORDS)}, but the {rng.choice(WORDS)} felt "
              f"{rng.choice(WORDS)} and it was not what they had in mind for the {rng.choice(WORDS)}."
              for _ in range(30)]
    texts += [texts[5]]  # a within-synthetic duplicate
    return [Record(f"c{i}", t, label="positive" if i % 2 else "negative",
                   meta={"requested_label": "positive" if i % 2 else "negative"}) for i, t in enumerate(texts)]


def _verdicts(runner: FilterRunner, candidates: list[Record]) -> tuple[list, list, dict]:
    res = runner.run([Record(c.id, c.text, label=c.label, meta=dict(c.meta)) for c in candidates])
    stats = {k: v for k, v in res.stats.items()}
    return ([r.to_dict() for r in res.kept], [(r.record_id, r.reason, r.score) for r in res.rejected],
            {name: (f["dropped"], f["scores"]) for name, f in stats["filters"].items()})


@pytest.fixture()
def run_dir(tmp_path) -> Path:
    run = tmp_path / "run"
    write_jsonl(run / "scrub" / "seeds.jsonl", (r.to_dict() for r in _seeds()))
    return run


def _runner(run_dir: Path, config: FilterConfig = CONFIG, **kw) -> FilterRunner:
    return load_filter_runner(run_dir, config, seed_pii=FakeSeedPii(), **CONTEXT, **kw)


def test_loaded_indexes_give_the_same_verdicts_as_building_them(run_dir, monkeypatch):
    built = _runner(run_dir)
    index_dir = seed_indexes_dir(run_dir)
    assert sorted(p.name for p in index_dir.iterdir()) == ["label", "manifest.json", "minhash", "neighbours", "ngram"]
    # Safe formats only: numpy arrays (no object arrays, alone or zipped), JSON, a skops zip.
    for p in index_dir.rglob("*"):
        if p.suffix == ".npy":
            np.load(p, allow_pickle=False)
        elif p.suffix == ".npz":  # arrays only (the label filter's embedding classifier)
            with np.load(p, allow_pickle=False) as arrays:
                [arrays[k] for k in arrays.files]
        elif p.is_file():
            assert p.suffix in (".json", ".skops"), p

    calls = []
    monkeypatch.setattr("textsynth.core.ngrams.NgramIndex.add", lambda *a: calls.append(1))
    loaded = _runner(run_dir)
    assert not calls  # nothing rebuilt
    assert loaded.n_seeds == built.n_seeds == 300
    candidates = _candidates(_seeds())
    a, b = _verdicts(built, candidates), _verdicts(loaded, candidates)
    assert a == b
    reasons = {reason for _, reason, _ in a[1]}
    assert {"ngram_exact_copy", "ngram_long_match", "ngram_synthetic_duplicate"} <= reasons and a[0]


def test_a_stale_index_is_rebuilt_and_workers_refuse_it(run_dir):
    _runner(run_dir)
    manifest = json.loads((seed_indexes_dir(run_dir) / "manifest.json").read_text())
    other = replace(CONFIG, ngram_max_len=6)
    with pytest.raises(ConfigError, match="not saved for these seeds and settings"):
        _runner(run_dir, other, build=False)  # a worker only loads
    rebuilt = _runner(run_dir, other)
    assert rebuilt.filters[1].index.long_n == 6
    after = json.loads((seed_indexes_dir(run_dir) / "manifest.json").read_text())
    assert after["filters"]["ngram"] != manifest["filters"]["ngram"]
    assert after["filters"]["minhash"] != manifest["filters"]["minhash"]  # keyed by the whole filter config

    # Edited seeds: every index is stale.
    write_jsonl(run_dir / "scrub" / "seeds.jsonl", (r.to_dict() for r in _seeds(120)))
    assert _runner(run_dir, other).n_seeds == 120


def test_label_index_is_stale_under_another_label_mapping(run_dir):
    _runner(run_dir)
    mapped = _runner(run_dir, canonical_label=lambda lab: {"positive": "fresh", "negative": "rotten"}.get(lab))
    assert mapped.filters[-1].clf.classes_ == ["fresh", "rotten"]


def test_ngram_index_built_from_shards_equals_one_build():
    texts = [r.text for r in _seeds(200)]
    whole = NgramIndex().build(texts)
    streamed = NgramIndex()
    for i in range(0, len(texts), 37):
        streamed.add(texts[i:i + 37])
    streamed.finish()
    for name in NgramIndex.ARRAYS:
        assert np.array_equal(getattr(whole, name), getattr(streamed, name))
    assert whole.short_lengths == streamed.short_lengths and whole.vocab == streamed.vocab


def test_filter_runner_fits_from_a_stream_like_from_a_list():
    seeds = _seeds(300)
    from_list = FilterRunner(seeds, CONFIG, seed_pii=FakeSeedPii(), **CONTEXT)
    from_stream = FilterRunner(iter(seeds), CONFIG, seed_pii=FakeSeedPii(), **CONTEXT)
    candidates = _candidates(seeds)
    assert _verdicts(from_list, candidates) == _verdicts(from_stream, candidates)


def test_load_seed_pii_reads_a_saved_index_and_names_a_missing_file(tmp_path):
    from textsynth.errors import InputError
    from textsynth.scrubbing.seed_index import SeedPiiIndex
    from textsynth.seed_indexes import load_seed_pii

    assert load_seed_pii(None) is None
    index = SeedPiiIndex("salt")
    index.add("555-0199", "PHONE_NUMBER")
    index.save(tmp_path / "seed_pii.json")
    assert load_seed_pii(tmp_path / "seed_pii.json").find("call 555-0199") == [(5, 13)]
    with pytest.raises(InputError, match="missing.json"):
        load_seed_pii(tmp_path / "missing.json")
