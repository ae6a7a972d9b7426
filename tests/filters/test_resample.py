"""The resample loop with a fake generator: quotas met, duplicates across rounds caught, the cap error."""
from __future__ import annotations

import pytest

from textsynth.config import FilterConfig, GenerateConfig
from textsynth.errors import GenerationCapError
from textsynth.filters.resample import generate_filtered, plan_quotas
from textsynth.records import Record, Rejection

GATE = FilterConfig(filters=("quality", "ngram", "minhash"))
TOPICS = ["robots", "pirates", "chefs", "dragons", "spies", "ghosts", "astronauts", "wizards", "detectives",
          "dancers", "farmers", "knights", "aliens", "clowns", "surfers", "monks", "poets", "vampires", "twins",
          "miners", "painters", "sailors", "judges", "nurses", "thieves", "giants"]


class FakeGenerator:
    """Round r yields, per label: one copy of a seed, one repeat of round 0's first text, then fresh texts."""

    labels = ["positive", "negative"]

    def __init__(self, seeds, copy_only=False):
        self.seeds, self.copy_only, self.calls, self.counter = seeds, copy_only, [], 0

    def generate_quota(self, quotas, round):
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

    from textsynth.filters.resample import write_outputs

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

    def generate_quota(self, quotas, round):
        if round == self.crash_at:
            raise KeyboardInterrupt
        self.counter = 1000 * round
        return super().generate_quota(quotas, round)


def test_journal_resumes_a_crashed_run_with_the_uninterrupted_result(seeds, tmp_path):
    cfg = GenerateConfig(n=12)
    straight = generate_filtered(cfg, seeds, GATE, generator=_RoundSeeded(seeds), journal=tmp_path / "straight")
    assert straight.stats["resample"]["rounds"] >= 3
    with pytest.raises(KeyboardInterrupt):
        generate_filtered(cfg, seeds, GATE, generator=_RoundSeeded(seeds, crash_at=2), journal=tmp_path / "j")
    resumed_gen = _RoundSeeded(seeds)
    resumed = generate_filtered(cfg, seeds, GATE, generator=resumed_gen, journal=tmp_path / "j", resume=True)
    assert [r for _, r in resumed_gen.calls][0] == 2  # rounds 0 and 1 replayed from the journal
    assert [r.to_dict() for r in resumed.kept] == [r.to_dict() for r in straight.kept]
    assert [r.to_dict() for r in resumed.rejected] == [r.to_dict() for r in straight.rejected]
    assert resumed.stats["resample"] == straight.stats["resample"]
    assert not (tmp_path / "j").exists() and not (tmp_path / "straight").exists()  # raw candidates are not kept
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
    with pytest.raises(BusyError, match=f"rounds journal is in use .*pid {holder.pid}"):
        generate_filtered(GenerateConfig(n=4), seeds, GATE, generator=gen, journal=tmp_path / "run")
    assert gen.calls == []


def test_the_journal_is_locked_while_the_loop_runs(seeds, tmp_path):
    from textsynth.errors import BusyError
    from textsynth.locking import dir_lock

    class Probing(FakeGenerator):
        def generate_quota(self, quotas, round):
            try:
                with dir_lock(tmp_path / "j"):
                    self.free = True
            except BusyError:
                self.free = False
            return super().generate_quota(quotas, round)

    gen = Probing(seeds)
    generate_filtered(GenerateConfig(n=4), seeds, GATE, generator=gen, journal=tmp_path / "j")
    assert gen.calls and gen.free is False
    assert not (tmp_path / "j").exists()  # removed with its lock once the loop ended
    with dir_lock(tmp_path / "j"):  # and free again
        pass
