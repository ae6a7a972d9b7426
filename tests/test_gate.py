"""The gate (generate -> filter -> append -> journal, shard by shard) with fake generators and fake LMs."""
from __future__ import annotations

from dataclasses import replace

import pytest

from textsynth.config import FilterConfig, GenerateConfig
from textsynth.core.candidates import CandidateSource
from textsynth.errors import GenerationCapError
from textsynth.gate import generate_filtered, plan_quotas
from textsynth.records import Record, Rejection
from tests.filters.conftest import SEEDS

pytestmark = pytest.mark.slow  # loads spaCy (the default filters scrub every output)


@pytest.fixture
def seeds():
    return [Record(s.id, s.text, label=s.label) for s in SEEDS]


GATE = FilterConfig(filters=("quality", "ngram", "minhash"))
TOPICS = ["robots", "pirates", "chefs", "dragons", "spies", "ghosts", "astronauts", "wizards", "detectives",
          "dancers", "farmers", "knights", "aliens", "clowns", "surfers", "monks", "poets", "vampires", "twins",
          "miners", "painters", "sailors", "judges", "nurses", "thieves", "giants"]


class FakeGenerator(CandidateSource):
    """Round r yields, per label: one copy of a seed, one repeat of round 0's first text, then fresh texts."""

    labels = ["positive", "negative"]

    def __init__(self, seeds, copy_only=False):
        self.seeds, self.copy_only, self.calls, self.counter = seeds, copy_only, [], 0

    def generate_quota(self, quotas, round, on_document=None):
        self.calls.append((dict(quotas), round))
        out, rejects = [], []
        for label, q in quotas.items():
            for k in range(q):
                self.counter += 1
                if self.copy_only or k == 0:
                    text = self.seeds[0].text
                elif k == 1:
                    text = f"a quiet story about {TOPICS[0]} who open a bakery by the sea, told with care"
                else:
                    t = TOPICS[self.counter % len(TOPICS)]
                    text = f"{self.counter} {t} {label} {self.counter * 7} tale, number {self.counter}, of {t} and more {t}"
                out.append(Record(f"g{self.counter}", text, label=label,
                                  meta={"requested_label": label, "round": round}))
            rejects.append(Rejection(stage="generate", reason="unparsable", record_id=f"bad-{round}-{label}"))
        for _ in range(len(out) + len(rejects)):
            if on_document is not None:
                on_document()
        return out, rejects


@pytest.mark.parametrize("spec, n, expected", [
    ("balanced", 10, {"positive": 5, "negative": 5}),
    ("positive=0.7,negative=0.3", 10, {"positive": 7, "negative": 3}),
    ("seed", 8, {"positive": 6, "negative": 2}),
])
def test_plan_quotas_for_a_generator_without_a_plan(spec, n, expected):
    seeds = [Record("1", "x", label="positive")] * 3 + [Record("2", "y", label="negative")]
    assert plan_quotas(GenerateConfig(n=n, label_distribution=spec), FakeGenerator(seeds), seeds) == expected


def test_generate_filtered_meets_quota_and_accounts_for_everything(seeds):
    gen = FakeGenerator(seeds)
    res = generate_filtered(GenerateConfig(n=10), seeds, GATE, generator=gen)
    labels = [r.label for r in res.kept]
    assert len(res.kept) == 10 and labels.count("positive") == 5 and labels.count("negative") == 5
    rs = res.stats["resample"]
    assert rs["generated"] == len(res.kept) + len(res.rejected)
    reasons = rs["drops_by_reason"]
    assert reasons["ngram_exact_copy"] >= 2 and reasons["unparsable"] >= 2
    # Round 1 repeats round 0's bakery text: caught as a within-synthetic duplicate across rounds.
    assert len(gen.calls) >= 2
    assert reasons.get("minhash_synthetic_duplicate", 0) + reasons.get("ngram_synthetic_duplicate", 0) >= 1
    assert 0 < rs["acceptance_rate"] < 1
    assert len({r.text for r in res.kept}) == 10


def test_generate_filtered_cap_error(seeds):
    gen = FakeGenerator(seeds, copy_only=True)
    cfg = FilterConfig(filters=("ngram",), max_attempts_factor=3.0)
    with pytest.raises(GenerationCapError, match=r"kept 0 of 4 records .*cap: filter.max_attempts_factor=3 x n=4 = 12.*ngram_exact_copy") as exc:
        generate_filtered(GenerateConfig(n=4), seeds, cfg, generator=gen)
    partial = exc.value.result
    assert partial.kept == [] and len(partial.rejected) == partial.stats["resample"]["generated"] >= 12


def test_write_outputs_puts_rejects_and_stats_beside_kept(tmp_path, seeds):
    import json

    from textsynth.gate import write_outputs

    res = generate_filtered(GenerateConfig(n=4), seeds, GATE, generator=FakeGenerator(seeds))
    paths = write_outputs(res, tmp_path / "out.jsonl")
    assert paths["rejects"].name == "out.rejects.jsonl" and paths["stats"].name == "out.filter_stats.json"
    n_kept = len(paths["kept"].read_text().splitlines())
    n_rej = len(paths["rejects"].read_text().splitlines())
    stats = json.loads(paths["stats"].read_text())
    assert n_kept == 4 and n_kept + n_rej == stats["resample"]["generated"]


class _RoundSeeded(FakeGenerator):
    """Like a real Generator: a round's output depends only on (request, round), not on earlier calls."""

    def __init__(self, seeds, crash_at=None):
        super().__init__(seeds)
        self.crash_at = crash_at

    def generate_quota(self, quotas, round, on_document=None):
        if round == self.crash_at:
            raise KeyboardInterrupt
        self.counter = 1000 * round
        return super().generate_quota(quotas, round, on_document)


def test_journal_resumes_a_crashed_run_with_the_uninterrupted_result(seeds, tmp_path):
    cfg = GenerateConfig(n=12, shard_size=8)
    straight = generate_filtered(cfg, seeds, GATE, generator=_RoundSeeded(seeds), journal=tmp_path / "straight")
    assert straight.stats["resample"]["shards"] >= 3
    with pytest.raises(KeyboardInterrupt):
        generate_filtered(cfg, seeds, GATE, generator=_RoundSeeded(seeds, crash_at=2), journal=tmp_path / "j")
    resumed_gen = _RoundSeeded(seeds)
    resumed = generate_filtered(cfg, seeds, GATE, generator=resumed_gen, journal=tmp_path / "j", resume=True)
    assert [r for _, r in resumed_gen.calls][0] == 2  # rounds 0 and 1 replayed from the journal
    assert [r.to_dict() for r in resumed.kept] == [r.to_dict() for r in straight.kept]
    assert [r.to_dict() for r in resumed.rejected] == [r.to_dict() for r in straight.rejected]
    assert resumed.stats["resample"] == straight.stats["resample"]
    assert not (tmp_path / "j").exists() and not (tmp_path / "straight").exists()  # removed once the loop ended
    # A journal from another filter configuration is refused, not mixed in.
    from textsynth.errors import StaleShardsError

    with pytest.raises(KeyboardInterrupt):
        generate_filtered(cfg, seeds, GATE, generator=_RoundSeeded(seeds, crash_at=1), journal=tmp_path / "j")
    with pytest.raises(StaleShardsError):
        generate_filtered(cfg, seeds, FilterConfig(filters=("ngram",)), generator=_RoundSeeded(seeds),
                          journal=tmp_path / "j", resume=True)


from tests.test_locking import holder  # noqa: E402,F401  (fixture: a subprocess holding tmp_path/run)


def test_a_journal_another_process_holds_fails_at_once(seeds, tmp_path, holder):
    from textsynth.errors import BusyError

    gen = FakeGenerator(seeds)
    with pytest.raises(BusyError, match=f"shard journal is in use .*pid {holder.pid}"):
        generate_filtered(GenerateConfig(n=4), seeds, GATE, generator=gen, journal=tmp_path / "run")
    assert gen.calls == []


def test_the_journal_is_locked_while_the_loop_runs(seeds, tmp_path):
    from textsynth.errors import BusyError
    from textsynth.locking import dir_lock

    class Probing(FakeGenerator):
        def generate_quota(self, quotas, round, on_document=None):
            try:
                with dir_lock(tmp_path / "j"):
                    self.free = True
            except BusyError:
                self.free = False
            return super().generate_quota(quotas, round, on_document)

    gen = Probing(seeds)
    generate_filtered(GenerateConfig(n=4), seeds, GATE, generator=gen, journal=tmp_path / "j")
    assert gen.calls and gen.free is False
    assert not (tmp_path / "j").exists()  # removed with its lock once the loop ended
    with dir_lock(tmp_path / "j"):  # and free again
        pass


# --- shard by shard: append, journal, resume, quotas, progress, privacy ------------------------------------

class _ShardSeeded(_RoundSeeded):
    """Like _RoundSeeded, and it crashes on the call after ``crash_after`` shards (the model raising)."""

    def __init__(self, seeds, crash_after=None):
        super().__init__(seeds, crash_at=crash_after)


def _rows(path):
    import json

    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


SMALL = GenerateConfig(n=20, shard_size=6)


def test_a_crash_leaves_exactly_the_finished_shards_and_resume_generates_only_what_is_missing(seeds, tmp_path):
    straight = generate_filtered(SMALL, seeds, GATE, generator=_ShardSeeded(seeds), journal=tmp_path / "sj",
                                 output=tmp_path / "straight.jsonl")
    rs = straight.stats["resample"]
    assert rs["shards"] >= 4 and straight.kept == [] and straight.rejected == []  # streamed, not held
    out = tmp_path / "out.jsonl"
    crashing = _ShardSeeded(seeds, crash_after=3)
    with pytest.raises(KeyboardInterrupt):
        generate_filtered(SMALL, seeds, GATE, generator=crashing, journal=tmp_path / "j", output=out)
    # The files hold exactly shards 0..2: what the journal says was finished, nothing of shard 3.
    import json

    manifest = json.loads((tmp_path / "j" / "manifest.json").read_text())
    assert sorted(manifest["shards"]) == ["0", "1", "2"]
    n_kept = sum(v["records"] for v in manifest["shards"].values())
    n_rej = sum(v["rejects"] for v in manifest["shards"].values())
    assert len(_rows(out)) == n_kept > 0 and len(_rows(tmp_path / "out.rejects.jsonl")) == n_rej
    assert all(int(r["id"][1:]) < 3000 for r in _rows(out))  # ids count from 1000 * shard: none of shard 3
    assert sum(v["request"] and sum(v["request"].values()) <= 6 for v in manifest["shards"].values()) == 3
    resumed_gen = _ShardSeeded(seeds)
    resumed = generate_filtered(SMALL, seeds, GATE, generator=resumed_gen, journal=tmp_path / "j", output=out,
                                resume=True)
    assert [r for _, r in resumed_gen.calls][0] == 3  # shards 0..2 not generated (nor filtered) again
    assert _rows(out) == _rows(tmp_path / "straight.jsonl")
    assert _rows(tmp_path / "out.rejects.jsonl") == _rows(tmp_path / "straight.rejects.jsonl")
    assert resumed.stats == straight.stats
    assert not (tmp_path / "j").exists()


def test_quotas_per_label_hold_across_shards_and_each_shard_asks_only_for_what_is_missing(seeds):
    gen = FakeGenerator(seeds)
    cfg = GenerateConfig(n=20, label_distribution="positive=0.75,negative=0.25", shard_size=8)
    res = generate_filtered(cfg, seeds, replace(GATE, max_attempts_factor=20), generator=gen)
    labels = [r.label for r in res.kept]
    assert labels.count("positive") == 15 and labels.count("negative") == 5
    kept_so_far = {"positive": 0, "negative": 0}
    for request, shard in gen.calls:
        assert sum(request.values()) <= 8
        assert all(kept_so_far[lab] < {"positive": 15, "negative": 5}[lab] for lab in request)  # only missing labels
        for r in res.kept:
            if r.meta["round"] == shard:
                kept_so_far[r.label] += 1
    assert res.stats["resample"]["shards"] == len(gen.calls) >= 4


def test_kept_plus_rejected_equals_candidates_and_progress_moves_per_document(seeds, tmp_path):
    events = []
    res = generate_filtered(GenerateConfig(n=12, shard_size=8), seeds, replace(GATE, max_attempts_factor=20),
                            generator=FakeGenerator(seeds),
                            progress=lambda done, kept: events.append((done, kept)))
    rs = res.stats["resample"]
    assert len(res.kept) + len(res.rejected) == rs["generated"] == len(events)
    assert [d for d, _ in events] == list(range(1, rs["generated"] + 1))  # one call per candidate document
    assert [k for _, k in events] == sorted(k for _, k in events) and events[-1][1] <= 12
    assert res.stats["candidates"] + rs["generation_rejected"] == rs["generated"]


def test_the_real_generator_reports_each_document_and_calls_the_model_batch_by_batch(seeds):
    from tests.fake_lms import ScriptedLM, unique_text

    from textsynth.generation.generate import Generator

    cfg = GenerateConfig(n=10, shard_size=8, batch_size=3, num_shots=1, samples_per_prompt=1)
    lm = ScriptedLM(lambda k, label: unique_text(k))
    sizes = []
    real = lm.generate

    def spy(prompts, *args, **kwargs):
        sizes.append(len(prompts))
        return real(prompts, *args, **kwargs)

    lm.generate = spy
    events = []
    res = generate_filtered(cfg, seeds, GATE, generator=Generator(cfg, seeds, lm),
                            progress=lambda done, kept: events.append((done, kept)))
    rs = res.stats["resample"]
    assert len(res.kept) == 10 and len(res.kept) + len(res.rejected) == rs["generated"]
    assert [d for d, _ in events] == list(range(1, rs["generated"] + 1)) and max(sizes) <= 3
    assert rs["shards"] >= 2


def test_duplicates_of_records_kept_in_earlier_shards_are_caught_after_a_resume(seeds, tmp_path):
    class Repeating(FakeGenerator):
        """Every shard's first two outputs repeat shard 0's: later shards must reject them."""

        def generate_quota(self, quotas, round, on_document=None):
            if round == self.crash_at:
                raise KeyboardInterrupt
            self.calls.append((dict(quotas), round))
            out = []
            for label, q in quotas.items():
                for k in range(q):
                    text = (f"the same {label} story {k} about quiet harbour towns" if k < 2
                            else f"shard {round} item {k} {label} {TOPICS[(round * 7 + k) % len(TOPICS)]} "
                                 f"{round * 100 + k} unique words here")
                    out.append(Record(f"g{round}-{label}-{k}", text, label=label, meta={"requested_label": label}))
            return out, []

    cfg = GenerateConfig(n=12, shard_size=6)
    gen = Repeating(seeds)
    gen.crash_at = 2
    with pytest.raises(KeyboardInterrupt):
        generate_filtered(cfg, seeds, GATE, generator=gen, journal=tmp_path / "j")
    gen2 = Repeating(seeds)
    gen2.crash_at = None
    res = generate_filtered(cfg, seeds, GATE, generator=gen2, journal=tmp_path / "j", resume=True)
    texts = [r.text for r in res.kept]
    assert len(texts) == len(set(texts)) == 12
    assert res.stats["resample"]["drops_by_reason"].get("ngram_synthetic_duplicate", 0) >= 2


def test_the_journal_holds_no_raw_candidate_text(tmp_path):
    """A fake LM that leaks a seed's email and name: rejected outputs are journalled redacted only."""
    from tests.filters.conftest import FakeSeedPii, fake_scrub
    from tests.fake_lms import ScriptedLM, unique_text

    from textsynth.generation.generate import Generator

    secret = "jane.doe@example.com"
    seeds = [Record(f"s{i}", f"Review {i}: a fine film, write to <EMAIL_ADDRESS> for more.", label=lab)
             for i, lab in enumerate(["positive", "negative"] * 3)]
    leaks = lambda k, label: f"{unique_text(k)} Contact {secret} now." if k % 2 else unique_text(k)  # noqa: E731
    cfg = GenerateConfig(n=8, shard_size=4, num_shots=1, samples_per_prompt=1, batch_size=2)
    journal = tmp_path / "j"
    seen = []

    class Watching(Generator):
        def generate_quota(self, quotas, round, on_document=None):
            if journal.exists():
                seen.extend(p.read_text() for p in journal.iterdir() if p.is_file())
            if round == 3:
                raise KeyboardInterrupt
            return super().generate_quota(quotas, round, on_document)

    fcfg = FilterConfig(filters=("pii",), pii_action="reject", max_attempts_factor=10)
    with pytest.raises(KeyboardInterrupt):
        generate_filtered(cfg, seeds, fcfg, FakeSeedPii([secret]), generator=Watching(cfg, seeds, ScriptedLM(leaks)),
                          journal=journal, scrub_fn=fake_scrub)
    seen.extend(p.read_text() for p in journal.iterdir() if p.is_file())
    assert any("pii_" in text for text in seen)  # leaking outputs were rejected and journalled ...
    assert all(secret not in text for text in seen)  # ... without the seed's PII value
    assert not any(p.name.startswith("candidates") for p in journal.iterdir())


def test_filters_and_generation_do_not_import_each_other():
    import ast
    from pathlib import Path

    import textsynth

    root = Path(textsynth.__file__).parent
    for package, other in (("filters", "generation"), ("generation", "filters")):
        for path in (root / package).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom):
                    names = [f"{'.' * node.level}{node.module or ''}"]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                else:
                    continue
                for name in names:
                    assert not (name.startswith(f"..{other}") or name.startswith(f"textsynth.{other}")), \
                        f"{path.name} imports {name}"


def test_the_first_shard_is_small_and_each_next_one_doubles_up_to_shard_size(seeds):
    from textsynth.gate import FIRST_SHARD

    gen = FakeGenerator(seeds)
    res = generate_filtered(GenerateConfig(n=60, shard_size=4 * FIRST_SHARD), seeds,
                            replace(GATE, max_attempts_factor=20), generator=gen)
    asked = [sum(q.values()) for q, _ in gen.calls]
    assert len(res.kept) == 60 and asked[0] <= FIRST_SHARD  # the first kept record comes after a few documents
    assert asked[1] <= 2 * FIRST_SHARD and max(asked) <= 4 * FIRST_SHARD and max(asked) > 2 * FIRST_SHARD


def _blocking_filter(fail=False):
    import threading

    from textsynth.filters.base import Filter

    started, seen = threading.Event(), []

    class Blocking(Filter):
        name = "blocking"

        def fit(self, seeds):
            seen.append(started.wait(timeout=10))  # the old gate built every index before generating: False
            if fail:
                raise ValueError("index build failed")

        def check(self, record):
            return None

    class Signalling(FakeGenerator):
        def generate_quota(self, quotas, round, on_document=None):
            started.set()
            return super().generate_quota(quotas, round, on_document)

    return Blocking, Signalling, seen


def test_seed_indexes_are_built_while_the_first_shard_is_generated(seeds):
    from textsynth.filters.runner import default_filters

    blocking, signalling, seen = _blocking_filter()
    gen = signalling(seeds)
    res = generate_filtered(GenerateConfig(n=6), seeds, FilterConfig(filters=("ngram", "blocking")), generator=gen,
                            registry={**default_filters(), "blocking": blocking})
    assert seen == [True] and len(res.kept) == 6 and res.stats["seeds"] == len(seeds)


def test_an_index_build_error_surfaces_and_an_unknown_filter_fails_before_generating(seeds):
    from textsynth.errors import ConfigError
    from textsynth.filters.runner import default_filters

    blocking, signalling, _ = _blocking_filter(fail=True)
    with pytest.raises(ValueError, match="index build failed"):
        generate_filtered(GenerateConfig(n=6), seeds, FilterConfig(filters=("blocking",)), generator=signalling(seeds),
                          registry={**default_filters(), "blocking": blocking})
    gen = FakeGenerator(seeds)
    with pytest.raises(ConfigError, match="unknown filter"):
        generate_filtered(GenerateConfig(n=6), seeds, FilterConfig(filters=("nope",)), generator=gen)
    assert gen.calls == []
