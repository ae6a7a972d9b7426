"""The Ray engine on a local 2-CPU cluster (one per module): scrub == local, the whole pipeline meets the local
engine's results contract, a killed generation worker is retried, a killed driver resumes from its shards."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

from textsynth.config import (EvaluateConfig, FilterConfig, GenerateConfig, ModelConfig, RayConfig,  # noqa: E402
                              RayStageConfig, ReadConfig, RunConfig, SamplingConfig, ScrubConfig)
from textsynth.io import RejectSink, read_records  # noqa: E402

PII_ROWS = [
    "Call Margaret Okonkwo on 415-555-0199 about the refund.",
    "The film was gripping and beautifully acted.",
    "Mail john.smith@example.org, he lives at 221 Baker Street.",
    "Dull and far too long; the plot goes nowhere.",
]


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _seed_file(path: Path, n: int = 40) -> Path:
    rows = []
    for i in range(n):
        rows.append({"id": f"r{i}", "text": f"{PII_ROWS[i % 4]} ({i})", "label": "positive" if i % 2 else "negative"})
        if i == 7:
            rows.append({"id": "bad", "text": "   ", "label": "positive"})  # a read reject inside a shard
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_a_bad_row_on_ray_stops_the_scrub_naming_file_line_and_field(cluster, tmp_path):
    from textsynth.engines.ray import scrub_on_ray
    from textsynth.errors import InputError

    path = _seed_file(tmp_path / "seeds.jsonl")
    with pytest.raises(InputError) as err:
        scrub_on_ray(path, ReadConfig(on_error="raise"), ScrubConfig(salt="s"),
                     RayConfig(scrub=RayStageConfig(actors=1), scrub_batch_size=64))
    assert str(err.value) == f"{path}:9:text: empty text"


@pytest.fixture()
def run_config(tmp_path, tiny_llama_dir) -> RunConfig:
    return RunConfig(
        input=str(_seed_file(tmp_path / "seeds.jsonl")),
        run_dir=str(tmp_path / "run"),
        engine="ray",
        # Several scrub shards (2 actors x 2), each cut into several batches.
        ray=RayConfig(generate=RayStageConfig(actors=2, num_cpus=0.5), filter=RayStageConfig(actors=1, num_cpus=0.5),
                      scrub=RayStageConfig(actors=2, num_cpus=0.5), shards_per_actor=2, scrub_batch_size=4),
        scrub=ScrubConfig(salt="fixed"),
        generate=GenerateConfig(task="sentiment", n=10, batch_size=8, num_shots=1, shard_size=4,
                                model=ModelConfig(model=str(tiny_llama_dir), device="cpu"),
                                sampling=SamplingConfig(max_new_tokens=12, temperature=1.0)),
        # Random weights write gibberish: gate on memorisation and PII only, with room to resample.
        filter=FilterConfig(filters=("ngram", "minhash", "pii"), max_attempts_factor=20),
        evaluate=EvaluateConfig(test_fraction=0.25, embeddings=False),
        read=ReadConfig(on_error="skip"),
    )


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def assert_contract(run_dir: Path, n: int) -> None:
    """kept + rejected = candidates, exactly n kept per the label plan, no duplicate ids or texts."""
    gen = run_dir / "generate"
    kept, rejects = _lines(gen / "kept.jsonl"), _lines(gen / "rejects.jsonl")
    stats = json.loads((gen / "filter_stats.json").read_text())["resample"]
    assert len(kept) == stats["kept"] == n
    assert len(kept) + len(rejects) == stats["generated"]
    assert Counter(r["meta"]["requested_label"] for r in kept) == Counter(stats["quotas"])
    assert len({r["id"] for r in kept}) == n and len({r["text"] for r in kept}) == n
    assert not (gen / "rounds").exists()


def _files(run_dir: Path) -> set[str]:
    return {str(p.relative_to(run_dir)) for p in run_dir.rglob("*") if p.is_file() and ".lock" not in p.name}


def test_the_pipeline_on_ray_meets_the_local_contract_with_the_same_files(cluster, run_config, tmp_path):
    from textsynth.pipeline import run_pipeline

    result = run_pipeline(run_config)
    assert_contract(result.run_dir, 10)
    local = run_pipeline(replace(run_config, engine="local", run_dir=str(tmp_path / "local")))
    assert _files(result.run_dir) == _files(local.run_dir)
    # Scrub on Ray gives the local records for a fixed salt, and the same audit, seed PII hashes and rejects.
    for name in ("seeds.jsonl", "test.jsonl", "seed_pii.json", "audit.json", "rejects.jsonl"):
        assert (result.run_dir / "scrub" / name).read_text() == (local.run_dir / "scrub" / name).read_text(), name
    assert "Okonkwo" not in (result.run_dir / "scrub" / "seeds.jsonl").read_text()
    assert json.loads((result.run_dir / "scrub" / "audit.json").read_text())["entities"]
    assert result.counts["read"] == 41 and result.counts["read_rejected"] == 1
    c = result.counts
    assert c["generated"] == c["kept"] + c["filtered_out"] and c["kept"] == 10
    assert (result.dataset_dir / "README.md").exists() and (result.report_dir / "metrics.json").exists()
    assert run_pipeline(run_config).skipped == ["scrub", "generate", "evaluate", "export"]


@pytest.fixture()
def gate_args(tmp_path, tiny_llama_dir):
    """Arguments of generate_filtered_on_ray over scrubbed-looking seeds, outputs in tmp_path/generate."""
    from textsynth.records import Record

    seeds = [Record(id=f"s{i}", text=f"{PII_ROWS[i % 4]} ({i})", label="positive" if i % 2 else "negative")
             for i in range(30)]
    gen = GenerateConfig(task="sentiment", n=16, batch_size=8, num_shots=1, shard_size=4,
                         model=ModelConfig(model=str(tiny_llama_dir), device="cpu"),
                         sampling=SamplingConfig(max_new_tokens=12, temperature=1.0))
    out = tmp_path / "generate"
    out.mkdir()
    return dict(config=gen, seeds=seeds, filter_config=FilterConfig(filters=("ngram", "minhash"), max_attempts_factor=20),
                seed_pii=None, ray_config=RayConfig(generate=RayStageConfig(actors=2, num_cpus=0.5),
                                                    filter=RayStageConfig(actors=1, num_cpus=0.5)),
                journal=out / "rounds", output=out / "kept.jsonl", rejects_output=out / "rejects.jsonl",
                stats_output=out / "filter_stats.json")


def test_a_killed_worker_is_restarted_and_a_killed_driver_resumes_from_its_shards(cluster, gate_args, tmp_path):
    from textsynth.engines.ray import generate_filtered_on_ray

    manifest = tmp_path / "generate" / "rounds" / "manifest.json"
    pids: list[int] = []

    def kill_worker_then_driver(candidates: int, kept: int) -> None:
        actor = ray.get_actor("textsynth-generate-1")
        n_shards = len(json.loads(manifest.read_text())["shards"]) if manifest.exists() else 0
        if not pids:  # the first shard is in, others are in flight: kill the worker that has rounds 1, 3, ...
            pids.append(ray.get(actor.pid.remote()))
            ray.kill(actor, no_restart=False)
        elif n_shards == 3:  # rounds 1 and 3 were the killed worker's: retried; the restarted one answers
            pids.append(ray.get(actor.pid.remote()))
            raise KeyboardInterrupt  # the driver dies while the fourth shard is counted in

    with pytest.raises(KeyboardInterrupt):
        generate_filtered_on_ray(**gate_args, progress=kill_worker_then_driver)
    assert len(pids) == 2 and pids[0] != pids[1]
    journal = json.loads(manifest.read_text())["shards"]
    assert sorted(journal) == ["0", "1", "2"]
    kept_before = (tmp_path / "generate" / "kept.jsonl").read_text()
    assert len(kept_before.splitlines()) == sum(journal[k]["records"] for k in journal)

    generate_filtered_on_ray(**gate_args, resume=True)
    assert_contract(tmp_path, 16)
    assert (tmp_path / "generate" / "kept.jsonl").read_text().startswith(kept_before)


# --- without a cluster --------------------------------------------------------------------------------------


@pytest.mark.parametrize("stage, cluster_gpus, wants_gpu, expected", [
    (RayStageConfig(), 1, True, 1.0),  # a generation actor gets a GPU when the cluster has one
    (RayStageConfig(), 0, True, 0.0),  # CPU otherwise
    (RayStageConfig(), 4, False, 0.0),  # scrub and filter actors never ask for one unless told
    (RayStageConfig(num_gpus=0.5), 1, True, 0.5),  # an explicit num_gpus wins
    (RayStageConfig(num_gpus=0), 8, True, 0.0),
])
def test_actor_options_request_gpus_only_when_present(stage, cluster_gpus, wants_gpu, expected):
    from textsynth.engines.ray import actor_options

    opts = actor_options(stage, max_restarts=2, cluster_gpus=cluster_gpus, wants_gpu=wants_gpu)
    assert opts == {"num_cpus": 1.0, "num_gpus": expected, "max_restarts": 2, "max_task_retries": 2}


def test_missing_ray_names_the_pip_command(monkeypatch):
    import sys

    from textsynth.engines.ray import import_ray

    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(ImportError, match=r"pip install 'textsynth-corpora\[ray\]'"):
        import_ray()


def test_shards_cover_every_row_once(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from textsynth.engines.ray import plan_shards

    path = _seed_file(tmp_path / "seeds.jsonl")  # 41 rows
    assert plan_shards(path, 4) == [(0, 11), (11, 22), (22, 33), (33, -1)]
    assert plan_shards(path, 1) == [(0, -1)]
    pq.write_table(pa.table({"text": ["a"] * 10}), tmp_path / "x.parquet")
    assert plan_shards(tmp_path / "x.parquet", 3) == [(0, 4), (4, 8), (8, -1)]


def test_engine_and_ray_settings_are_validated_in_the_config_and_on_the_cli(tmp_path, monkeypatch, capsys):
    import sys

    from textsynth.cli import main
    from textsynth.errors import ConfigError

    path = tmp_path / "run.yaml"
    path.write_text("input: x.jsonl\nengine: ray\nray:\n  address: auto\n  generate: {actors: 2, num_gpus: 1}\n")
    cfg = RunConfig.from_yaml(path)
    assert cfg.engine == "ray" and cfg.ray.address == "auto" and cfg.ray.generate.actors == 2
    path.write_text("input: x.jsonl\nray:\n  filter: {actors: 0}\n")
    with pytest.raises(ConfigError, match=r"run.yaml:ray.filter.actors: must be >= 1, got 0"):
        RunConfig.from_yaml(path)
    path.write_text("input: x.jsonl\n")
    monkeypatch.setattr(sys, "argv", ["textsynth", "run", str(path), "--engine", "spark"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2 and "engine: must be one of local, ray, got 'spark'" in capsys.readouterr().err


def test_actors_that_do_not_fit_the_cluster_fail_at_once_naming_the_settings():
    from textsynth.engines.ray import actor_options, check_fits
    from textsynth.errors import ConfigError

    class Cluster:
        @staticmethod
        def cluster_resources():
            return {"CPU": 2.0}

    gen, flt = RayStageConfig(actors=2), RayStageConfig(actors=1)
    stages = {"generate": (gen, actor_options(gen, 0, 0, wants_gpu=True)), "filter": (flt, actor_options(flt, 0))}
    with pytest.raises(ConfigError, match=r"ask for 3 CPUs \(ray.generate: 2 x 1 \+ ray.filter: 1 x 1\) but the "
                                          r"cluster has 2"):
        check_fits(Cluster, stages)
    half = RayStageConfig(actors=2, num_cpus=0.5)
    check_fits(Cluster, {"generate": (half, actor_options(half, 0)), "filter": (flt, actor_options(flt, 0))})
