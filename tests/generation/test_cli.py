import json
from collections import Counter

import pytest
import torch
from typer.testing import CliRunner

from textsynth.cli import app
from textsynth.generation.generate import MAX_ATTEMPTS

torch.set_num_threads(1)


def _write_seeds(path):
    rows = [{"id": f"s{i}", "text": f"seed review {i} was {'great fun' if i % 2 else 'a dull mess'}.",
             "label": "fresh" if i % 2 else "rotten"} for i in range(8)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.mark.slow  # spaCy (the default filters scrub outputs)
def test_generate_command_with_tiny_model(tiny_llama_dir, tmp_path):
    seeds = _write_seeds(tmp_path / "seeds.jsonl")
    out = tmp_path / "out" / "gen.jsonl"
    args = ["generate", "--task", "sentiment", "--n", "6", "--seeds", str(seeds), "-o", str(out),
            "--model", str(tiny_llama_dir), "--backend", "hf", "--device", "cpu", "--max-new-tokens", "8",
            "--batch-size", "4", "--label-distribution", "positive=0.5,negative=0.5", "--no-progress"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "generated" in res.output and "tokens/s" in res.output
    recs = [json.loads(x) for x in out.read_text().splitlines()]
    rejects = [json.loads(x) for x in (tmp_path / "out" / "gen.rejects.jsonl").read_text().splitlines()]
    # A random tiny model writes gibberish: whatever it produced is either a record or a reject with its raw text.
    assert all(r["detail"]["raw"] is not None and r["reason"] for r in rejects)
    # Every one of the 6 slots ends as a record or after MAX_ATTEMPTS rejects; a record's earlier tries are rejects.
    slots = {f"gen-{i:06d}" for i in range(6)}
    tries = Counter(r["record_id"] for r in rejects)
    kept = {r["id"] for r in recs}
    assert len(kept) == len(recs) and kept <= slots and set(tries) <= slots
    assert kept | {k for k, c in tries.items() if c == MAX_ATTEMPTS} == slots
    assert all(tries[r["id"]] == r["meta"]["attempt"] < MAX_ATTEMPTS for r in recs)
    # The label plan (3 + 3) holds over the slots: kept records plus the slots that gave up.
    requested = Counter(r["meta"]["requested_label"] for r in recs)
    gave_up = {r["record_id"]: r["detail"]["requested_label"] for r in rejects if r["record_id"] not in kept}
    requested.update(gave_up.values())
    assert requested == {"positive": 3, "negative": 3}
    assert all(r["meta"]["requested_label"] == r["label"] for r in recs)
    assert f"generated {len(recs)} records" in res.output
    assert (tmp_path / "out" / "gen.shards" / "manifest.json").is_file()
    # A rerun into the same -o is refused (the file is left as it was) unless asked to overwrite or resume.
    before = out.read_text()
    res = CliRunner().invoke(app, args)
    assert res.exit_code != 0 and "--overwrite" in str(res.exception) and out.read_text() == before
    # Resuming a finished run regenerates nothing and gives the same file.
    res = CliRunner().invoke(app, args + ["--resume"])
    assert res.exit_code == 0, res.output
    assert out.read_text() == before


def test_generate_command_errors(tmp_path):
    res = CliRunner().invoke(app, ["generate", "--n", "2", "-o", str(tmp_path / "x.jsonl"), "--label-distribution", "happy=1",
                                   "--model", str(tmp_path)])
    assert res.exit_code != 0
    assert "unknown label 'happy'" in str(res.exception) or "unknown label" in res.output


RAW_PII = ["Margaret Okonkwo", "margaret.okonkwo@example.org", "415-555-0199", "221 Baker Street"]


def _assert_no_seed_pii(where):
    files = [where] if where.is_file() else [p for p in where.rglob("*") if p.is_file()]
    assert files
    for path in files:
        blob = path.read_bytes()
        for value in RAW_PII + ["4155550199"]:
            assert value.encode() not in blob, f"{value!r} leaked into {path.name}"


@pytest.mark.slow  # spaCy (scrubs seeds and outputs)
def test_generate_and_filter_commands_write_no_seed_pii(tmp_path, monkeypatch):
    """A model that emits seed PII (well-formed and unparseable outputs): `generate --filter`, plain `generate`
    (records, rejects and shards) and `filter` outputs hold none of it."""
    import textsynth.models.lm as lm_mod
    from textsynth.records import Record
    from textsynth.scrubbing.scrub import scrub

    from ..fake_lms import seed_pii_leaking_lm, unique_text

    seed_text = "A gripping, beautifully acted film with a story that stays with you."
    raw = scrub([Record("s", f"{seed_text} Written by {RAW_PII[0]}, mail {RAW_PII[1]}, call {RAW_PII[2]}, "
                             f"{RAW_PII[3]}.", label="positive")])
    raw.seed_pii.save(tmp_path / "seed_pii.json")
    seeds = _write_seeds(tmp_path / "seeds.jsonl")
    with seeds.open("a") as fh:
        fh.write(json.dumps(raw.records[0].to_dict()) + "\n")
    monkeypatch.setattr(lm_mod, "load_language_model", lambda *a, **k: seed_pii_leaking_lm(RAW_PII, seed_text))
    common = ["--task", "sentiment", "--seeds", str(seeds), "--seed-pii", str(tmp_path / "seed_pii.json"),
              "--no-progress", "--batch-size", "4"]

    res = CliRunner().invoke(app, ["generate", "--n", "3", "-o", str(tmp_path / "gated" / "gen.jsonl"), "--filter",
                                   "--filters", "ngram,minhash,pii", *common])
    assert res.exit_code == 0, res.output
    _assert_no_seed_pii(tmp_path / "gated")
    rejects = (tmp_path / "gated" / "gen.rejects.jsonl").read_text()
    assert '"preamble"' in rejects and '"pii_seed_value"' in rejects  # it did see the PII

    out = tmp_path / "plain" / "gen.jsonl"
    res = CliRunner().invoke(app, ["generate", "--n", "12", "-o", str(out), *common])
    assert res.exit_code == 0, res.output
    _assert_no_seed_pii(tmp_path / "plain")  # not gated, but through the output PII operator
    assert "<SEED_PII>" in out.read_text()

    # The filter command gates candidates that hold seed PII (as a model writes them).
    candidates = tmp_path / "candidates.jsonl"
    texts = [unique_text(k) for k in range(4)] + [f"Loved it, thanks {RAW_PII[0]}! Mail {RAW_PII[1]}."]
    candidates.write_text("".join(json.dumps({"id": f"c{k}", "text": t, "label": "positive"}) + "\n"
                                  for k, t in enumerate(texts)))
    kept = tmp_path / "filtered" / "kept.jsonl"
    res = CliRunner().invoke(app, ["filter", str(candidates), "--seeds", str(seeds), "--seed-pii",
                                   str(tmp_path / "seed_pii.json"), "-o", str(kept), "--filters", "ngram,pii"])
    assert res.exit_code == 0, res.output
    _assert_no_seed_pii(tmp_path / "filtered")
    assert "pii_seed_value" in (tmp_path / "filtered" / "kept.rejects.jsonl").read_text()


def test_generate_refuses_an_output_that_is_its_seed_file(tmp_path):
    from textsynth.errors import OutputError

    seeds = _write_seeds(tmp_path / "seeds.jsonl")
    before = seeds.read_bytes()
    for extra in ([], ["--filter"]):
        res = CliRunner().invoke(app, ["generate", "--n", "2", "--seeds", str(seeds), "-o", str(seeds),
                                       "--model", str(tmp_path / "no-model"), *extra])
        assert isinstance(res.exception, OutputError) and "--seeds" in str(res.exception), res.output
        assert seeds.read_bytes() == before and not (tmp_path / "seeds.shards").exists()


def test_generate_refuses_an_existing_output_file_unless_asked_to_overwrite(tmp_path):
    from textsynth.errors import OutputError

    theirs = tmp_path / "corpus.jsonl"
    theirs.write_text("a corpus the user made by hand\n")
    for extra in ([], ["--filter"]):
        res = CliRunner().invoke(app, ["generate", "--n", "2", "-o", str(theirs), "--model", str(tmp_path / "no-model"),
                                       *extra])
        assert isinstance(res.exception, OutputError) and "-o:" in str(res.exception), res.output
        assert "already exists" in str(res.exception) and theirs.read_text() == "a corpus the user made by hand\n"
    # with --overwrite the check passes and the run goes on (here to the missing model)
    res = CliRunner().invoke(app, ["generate", "--n", "2", "-o", str(theirs), "--model", str(tmp_path / "no-model"),
                                   "--overwrite"])
    assert res.exit_code != 0 and "already exists" not in res.output + str(res.exception)


@pytest.mark.parametrize("votes", ["--cross-label-votes", "--own-label-votes"])
def test_generate_private_evolution_from_the_cli_states_the_guarantee(tmp_path, monkeypatch, votes):
    import textsynth.models.embeddings as emb_mod
    import textsynth.models.lm as lm_mod
    from tests.generation.conftest import FakeLM
    from tests.generation.test_private_evolution import fake_embed

    lm = FakeLM()
    monkeypatch.setattr(lm_mod, "load_language_model", lambda *a, **k: lm)
    monkeypatch.setattr(emb_mod, "embed", lambda texts, *a, **k: fake_embed(texts))
    seeds = _write_seeds(tmp_path / "seeds.jsonl")
    out = tmp_path / "pe.jsonl"
    res = CliRunner().invoke(app, ["generate", "--n", "4", "--seeds", str(seeds), "-o", str(out), "--method",
                                   "private_evolution", "--epsilon", "3", "--iterations", "2", votes,
                                   "--no-progress"])
    assert res.exit_code == 0, res.output
    assert "Private Evolution (Aug-PE), epsilon = " in res.output and "2 iterations" in res.output
    cross = votes == "--cross-label-votes"
    assert ("cast among every label's candidates" in " ".join(res.output.split())) == cross
    assert "outside the accounting" not in res.output  # only the seed-independent quality filter ran
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(rows) == 4 and all(r["meta"]["method"] == "private_evolution" for r in rows)
    seed_texts = [json.loads(x)["text"] for x in seeds.read_text().splitlines()]
    assert not any(t in p for call in lm.calls for p in call for t in seed_texts)
    stats = json.loads((tmp_path / "pe.filter_stats.json").read_text())
    assert stats["privacy"]["epsilon"] <= 3.0 * 1.01 and stats["privacy"]["gate_filters"] == ["quality"]
    assert stats["privacy"]["cross_label_votes"] is cross


def test_generate_without_an_epsilon_for_private_evolution_is_a_clear_error(tmp_path):
    res = CliRunner().invoke(app, ["generate", "--n", "4", "-o", str(tmp_path / "x.jsonl"), "--method",
                                   "private_evolution"])
    from textsynth.errors import ConfigError

    assert res.exit_code != 0 and isinstance(res.exception, ConfigError) and "--epsilon" in str(res.exception)


@pytest.mark.slow  # spaCy (scrubs the outputs)
def test_generate_without_filter_writes_outputs_through_the_output_pii_operator(tmp_path, monkeypatch):
    """Ungated outputs: direct identifiers replaced by consistent fakes, files 0600, one warning line."""
    import stat

    import textsynth.models.lm as lm_mod
    from textsynth.cli.generate import UNGATED_WARNING

    from ..fake_lms import ScriptedLM

    email, phone = "jane.doe@example.com", "(212) 555-0147"
    lm = ScriptedLM(lambda k, label: f" Great film, write to {email} or call {phone} after {k} pm.")
    monkeypatch.setattr(lm_mod, "load_language_model", lambda *a, **k: lm)
    out = tmp_path / "gen.jsonl"
    res = CliRunner().invoke(app, ["generate", "--task", "sentiment", "--n", "4", "--seeds",
                                   str(_write_seeds(tmp_path / "seeds.jsonl")), "-o", str(out), "--no-progress"])
    assert res.exit_code == 0, res.output
    assert res.output.count(UNGATED_WARNING) == 1
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 4 and all("Great film, write to " in r["text"] for r in records)
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.name != "seeds.jsonl"]
    assert len(written) >= 4  # gen.jsonl, its rejects, the shards and their manifest
    for path in written:
        assert email.encode() not in path.read_bytes() and b"555-0147" not in path.read_bytes(), path.name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    fakes = {r["text"].split("write to ")[1].split(" or")[0] for r in records}
    assert len(fakes) == 1 and "@" in fakes.pop()  # one consistent fake address, still an address
