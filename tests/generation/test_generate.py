import dataclasses
import json
from collections import Counter
from itertools import islice

import pytest

from textsynth.config import GenerateConfig, ModelConfig, SamplingConfig
from textsynth.errors import ConfigError
from textsynth.generation.generate import Generator, generate, rejects_path, run_generate, shards_dir
from textsynth.records import Record

from .conftest import FakeLM


def _seeds(n=12):
    out = []
    for i in range(n):
        lab = "fresh" if i % 2 == 0 else "rotten"  # Rotten Tomatoes labels, mapped by the template's aliases
        out.append(Record(id=f"s{i}", text=f"seed review number {i} is {'great' if lab == 'fresh' else 'bad'}.", label=lab))
    return out


def test_generates_n_with_exact_quotas_and_meta(fake_lm):
    cfg = GenerateConfig(n=10, label_distribution="positive=0.7,negative=0.3", seed=3)
    recs = list(generate(cfg, _seeds(), lm=fake_lm))
    assert len(recs) == 10 and len({r.id for r in recs}) == 10
    assert Counter(r.label for r in recs) == {"positive": 7, "negative": 3}
    for r in recs:
        m = r.meta
        assert m["requested_label"] == r.label
        assert m["template"] == "sentiment-v1" and m["model"] == "fake-lm" and m["seed"] == 3
        assert set(m["sampling"]) == {"temperature", "top_p", "max_new_tokens", "repetition_penalty", "guidance_scale",
                                      "label_bias"}
        assert m["sampling"]["guidance_scale"] == 1.0  # prompted templates are not guided unless asked
        assert r.text and not r.text.startswith(" ")


def _by_ref(seeds):
    """Seeds by the keyed reference that meta["shots"] uses for them."""
    from textsynth.keys import secret_key, seed_ref

    key = secret_key()
    return {seed_ref(key, s.id): s for s in seeds}


def test_shots_are_keyed_refs_never_the_seed_ids(fake_lm):
    seeds = [Record(id=f"TICKET-{9000 + i}", text=f"order {i} was great", label="positive") for i in range(4)]
    seeds += [Record(id=f"CUST-{7000 + i}", text=f"order {i} was awful", label="negative") for i in range(4)]
    recs = list(generate(GenerateConfig(n=6, num_shots=2), seeds, lm=fake_lm))
    dumped = json.dumps([r.to_dict() for r in recs])
    assert "TICKET-" not in dumped and "CUST-" not in dumped
    assert set(_by_ref(seeds)) >= {ref for r in recs for ref in r.meta["shots"]}
    assert all(len(r.meta["shots"]) == 2 for r in recs)


def test_shots_come_from_seeds_of_the_requested_label_and_rotate(fake_lm):
    seeds = _seeds(12)
    by_id = _by_ref(seeds)
    gen = Generator(GenerateConfig(n=12, num_shots=2, seed=0, samples_per_prompt=1), seeds, lm=fake_lm)
    recs = list(gen.run(progress=False))
    used = Counter()
    for r in recs:
        assert len(r.meta["shots"]) == 2
        for sid in r.meta["shots"]:
            assert gen.template.canonical_label(by_id[sid].label) == r.label
            used[sid] += 1
    assert len(used) == 12  # rotation covers every seed of each label
    assert max(used.values()) - min(used.values()) <= 1
    # Another run seed rotates differently.
    other = list(Generator(GenerateConfig(n=12, num_shots=2, seed=1, samples_per_prompt=1), seeds,
                           lm=FakeLM()).run(progress=False))
    assert [r.meta["shots"] for r in other] != [r.meta["shots"] for r in recs]


def test_samples_per_prompt_groups_documents_of_a_label_on_one_prompt(fake_lm):
    seeds = _seeds(24)
    gen = Generator(GenerateConfig(n=12, num_shots=2, seed=0, samples_per_prompt=3), seeds, lm=fake_lm)
    recs = list(gen.run(progress=False))
    prompts = fake_lm.calls[0]
    assert len(prompts) == 12 and len(set(prompts)) == 4  # 6 docs per label, 3 per prompt
    by_label_shots = {}
    for r in recs:
        by_label_shots.setdefault(r.label, Counter())[tuple(r.meta["shots"])] += 1
    for lab, groups in by_label_shots.items():
        assert sorted(groups.values()) == [3, 3], lab
        shots = [sid for g in groups for sid in g]
        assert len(set(shots)) == 4  # the two prompts of a label use different seeds
    assert [r.text for r in recs] and len({r.id for r in recs}) == 12


def test_zero_shot_without_seeds(fake_lm):
    recs = list(generate(GenerateConfig(n=4, task="sentiment"), None, lm=fake_lm))
    assert len(recs) == 4 and all(r.meta["shots"] == [] for r in recs)
    assert any("A warm, funny" in p for p in fake_lm.calls[0])  # the template's built-in examples


def test_same_seed_same_output():
    a = [r.to_dict() for r in generate(GenerateConfig(n=6, seed=5), _seeds(), lm=FakeLM())]
    b = [r.to_dict() for r in generate(GenerateConfig(n=6, seed=5), _seeds(), lm=FakeLM())]
    c = [r.to_dict() for r in generate(GenerateConfig(n=6, seed=6), _seeds(), lm=FakeLM())]
    assert a == b and a != c


def test_parse_failures_go_to_rejects_and_are_retried_raw_text_withheld_by_default(tmp_path):
    def script(prompt, seed, call):
        return "<|im_end|>" if call == 1 else " Clean and tidy review."

    out = tmp_path / "gen.jsonl"
    summary = run_generate(GenerateConfig(n=5, output=str(out)), _seeds(), lm=FakeLM(script), progress=False)
    assert summary.n_records == 5
    rejects = [json.loads(x) for x in rejects_path(out).read_text().splitlines()]
    assert len(rejects) == 5 and summary.reject_reasons == {"empty": 5}
    # Nobody gave a redactor: the raw output (which may carry PII) is not written, only its length.
    assert all(r["stage"] == "generate" and "raw" not in r["detail"] and r["detail"]["raw_withheld_chars"] == 10
               for r in rejects)
    recs = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(recs) == 5 and all(r["meta"]["attempt"] == 1 for r in recs)


def test_parse_failure_rejects_are_written_through_the_redactor(tmp_path):
    def redact(rejects):
        return [dataclasses.replace(r, detail={**r.detail, "raw": r.detail["raw"].replace("555-0147", "<PHONE>")})
                for r in rejects]

    def script(prompt, seed, call):
        return " Call me on 555-0147:" if call == 1 else " Clean and tidy review."

    out = tmp_path / "gen.jsonl"
    run_generate(GenerateConfig(n=3, output=str(out)), _seeds(), lm=FakeLM(script), progress=False,
                 redact_rejects=redact)
    text = rejects_path(out).read_text() + "".join(p.read_text() for p in shards_dir(out).rglob("*.jsonl"))
    assert "555-0147" not in text and text.count("Call me on <PHONE>:") >= 3


def test_copies_of_a_seed_are_rejected():
    seeds = _seeds(2)
    calls = {"n": 0}

    def script(prompt, seed, call):
        calls["n"] += 1
        return " " + seeds[0].text if call == 1 else " Something new entirely."

    gen = Generator(GenerateConfig(n=2, label_distribution="positive=1"), seeds, lm=FakeLM(script))
    recs = list(gen.run(progress=False))
    assert len(recs) == 2 and {r.reason for r in gen.rejects} == {"copies_seed"}


def test_unparseable_forever_is_capped_and_counted():
    gen = Generator(GenerateConfig(n=2), _seeds(), lm=FakeLM(lambda p, s, c: "..."))
    recs = list(gen.run(progress=False))
    assert recs == [] and len(gen.rejects) == 2 * 8


def test_resume_after_interruption_gives_exactly_n_without_duplicates(tmp_path):
    out = tmp_path / "gen.jsonl"
    cfg = GenerateConfig(n=20, batch_size=2, output=str(out), seed=7)  # shards of 8
    full = [r.to_dict() for r in generate(GenerateConfig(n=20, batch_size=2, seed=7), _seeds(), lm=FakeLM())]

    it = generate(cfg, _seeds(), lm=FakeLM())
    first = list(islice(it, 11))  # stop mid-way: shard 0 finished, shard 1 written, shard 2 not started
    it.close()
    assert len(first) == 11 and not out.exists()
    manifest = json.loads((shards_dir(out) / "manifest.json").read_text())
    assert sorted(manifest["shards"]) == ["0", "1"]

    lm = FakeLM()
    resumed = list(generate(GenerateConfig(n=20, batch_size=2, output=str(out), seed=7, resume=True), _seeds(), lm=lm))
    assert sum(len(c) for c in lm.calls) == 4  # only the missing shard (documents 16..19) was generated
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(rows) == 20 and len({r["id"] for r in rows}) == 20
    assert rows == full == [r.to_dict() for r in resumed]


def test_resume_with_other_settings_is_refused(tmp_path):
    out = tmp_path / "gen.jsonl"
    list(generate(GenerateConfig(n=4, output=str(out)), _seeds(), lm=FakeLM()))
    with pytest.raises(ConfigError, match="different configuration"):
        list(generate(GenerateConfig(n=4, output=str(out), seed=9, resume=True), _seeds(), lm=FakeLM()))
    # Without --resume the old shards are replaced.
    assert len(list(generate(GenerateConfig(n=3, output=str(out)), _seeds(), lm=FakeLM()))) == 3
    assert len(out.read_text().splitlines()) == 3


def test_generate_quota_rounds_differ(fake_lm):
    gen = Generator(GenerateConfig(num_shots=2), _seeds(), lm=fake_lm)
    a, rej = gen.generate_quota({"positive": 3, "negative": 2}, round=0)
    b, _ = gen.generate_quota({"positive": 3, "negative": 2}, round=1)
    assert Counter(r.label for r in a) == {"positive": 3, "negative": 2} and rej == []
    assert {r.id for r in a}.isdisjoint({r.id for r in b})
    assert [r.meta["shots"] for r in a] != [r.meta["shots"] for r in b]
    assert [r.text for r in a] != [r.text for r in b]
    with pytest.raises(ConfigError, match="unknown label"):
        gen.generate_quota({"meh": 1}, round=0)


def test_chat_generation_parses_messages():
    def script(prompt, seed, call):
        return " hi, any film tips?\nAssistant: Try a comedy.\nUser: Thanks!\nAssistant: Enjoy."

    chats = [Record(id="c1", messages=[{"role": "user", "content": "hey"}, {"role": "assistant", "content": "hello"}])]
    recs = list(generate(GenerateConfig(task="chat", n=3), chats, lm=FakeLM(script)))
    assert len(recs) == 3
    assert all(r.messages[0] == {"role": "user", "content": "hi, any film tips?"} and r.text is None for r in recs)
    assert all(r.label in ("movies", "food", "travel", "work", "hobbies", "technology") for r in recs)


def test_fine_tuned_model_dir_uses_control_prefix(tmp_path):
    meta = {"textsynth_version": "0.1.0", "base_model": "x", "task": "sentiment", "labels": ["pos", "neg"],
            "adapter": False, "format": {"kind": "control_prefix", "prompt": "<label> {label}\n"},
            "label_distribution": {"pos": 0.25, "neg": 0.75}, "dp": None}
    (tmp_path / "textsynth.json").write_text(json.dumps(meta))
    lm = FakeLM(lambda p, s, c: " A generated document.")
    cfg = GenerateConfig(n=8, label_distribution="seed", model=ModelConfig(model=str(tmp_path)))
    recs = list(generate(cfg, None, lm=lm))
    assert Counter(r.label for r in recs) == {"pos": 2, "neg": 6}
    assert set(p for call in lm.calls for p in call) == {"<label> pos\n", "<label> neg\n"}
    # guided by default against the other label's prefix
    pairs = {(p, n) for ps, ns in zip(lm.calls, lm.negative_calls) for p, n in zip(ps, ns)}
    assert pairs == {("<label> pos\n", "<label> neg\n"), ("<label> neg\n", "<label> pos\n")}
    assert all(r.meta["sampling"]["guidance_scale"] == 2.0 for r in recs)
    # an explicit scale of 1 turns guidance off
    lm = FakeLM(lambda p, s, c: " A generated document.")
    cfg = GenerateConfig(n=4, model=ModelConfig(model=str(tmp_path)), sampling=SamplingConfig(guidance_scale=1.0))
    list(generate(cfg, None, lm=lm))
    assert lm.negative_calls == [None]


def test_guidance_on_a_prompted_template_contrasts_with_other_labels_shots(tmp_path):
    t = tmp_path / "three.yaml"
    t.write_text("id: three\nlabels: {a: first, b: second, c: third}\ninstruction: '{description} notes:'\n"
                 "shot_format: '- {text}'\nanswer_prefix: '-'\nstop: ['\\n']\n")
    seeds = [Record(id=f"{lab}{i}", text=f"note {lab} {i}", label=lab) for lab in "abc" for i in range(6)]
    lm = FakeLM()
    cfg = GenerateConfig(n=12, prompt=str(t), num_shots=2, samples_per_prompt=2,
                         sampling=SamplingConfig(guidance_scale=1.5))
    recs = list(generate(cfg, seeds, lm=lm))
    assert len(recs) == 12 and all(r.meta["sampling"]["guidance_scale"] == 1.5 for r in recs)
    contrast = {"first": set(), "second": set(), "third": set()}
    for prompt, neg in zip(lm.calls[0], lm.negative_calls[0]):
        head, nhead = prompt.split(" notes:")[0], neg.split(" notes:")[0]
        assert nhead != head
        contrast[head].add(nhead)
        lab = {"first": "a", "second": "b", "third": "c"}[nhead]
        shots = [line for line in neg.splitlines() if line.startswith("- ")]
        assert len(shots) == 2 and all(line.startswith(f"- note {lab} ") for line in shots)  # the contrast's shots
    assert all(len(v) == 2 for v in contrast.values())  # both other labels take turns


def test_contrastive_shots_cover_every_label(tmp_path):
    t = tmp_path / "contrast.yaml"
    t.write_text("id: contrast\ntask: sentiment\nlabels: {positive: good, negative: bad}\n"
                 "aliases: {fresh: positive, rotten: negative}\ninstruction: 'Reviews:'\nshot_labels: all\n"
                 "shot_format: '{label}: {text}'\nanswer_prefix: '{label}:'\nstop: ['\\n']\n")
    lm = FakeLM()
    recs = list(generate(GenerateConfig(n=2, prompt=str(t), num_shots=4, label_distribution="negative=1"), _seeds(), lm=lm))
    prompt = lm.calls[0][0]
    assert prompt.count("positive: ") == 2 and prompt.count("negative: ") == 2 and prompt.endswith("negative:")
    assert all(len(r.meta["shots"]) == 4 for r in recs)


def test_shot_pool_keeps_the_most_typical_seeds(tmp_path):
    seeds = [Record(id=f"p{i}", text=f"wonderful brilliant great film {i}", label="positive") for i in range(15)]
    seeds += [Record(id=f"n{i}", text=f"awful boring dull film {i}", label="negative") for i in range(15)]
    seeds += [Record(id="odd", text="awful boring dull film but", label="positive")]  # atypical for its label
    t = tmp_path / "t.yaml"
    t.write_text("id: t\nlabels: {positive: good, negative: bad}\nshot_pool: 0.5\n")
    gen = Generator(GenerateConfig(prompt=str(t)), seeds, lm=FakeLM())
    assert len(gen.pool["positive"]) == 8 and len(gen.pool["negative"]) == 8
    assert "odd" not in {r.id for r in gen.pool["positive"]}


def test_seeds_with_their_own_label_scheme_keep_it(fake_lm):
    stars = [Record(id=f"s{i}", text=f"review {i} with {1 + i % 5} stars", label=str(1 + i % 5)) for i in range(20)]
    recs = list(generate(GenerateConfig(n=10, num_shots=2), stars, lm=fake_lm))
    assert Counter(r.label for r in recs) == {str(k): 2 for k in range(1, 6)}  # not "1" -> positive
    by_id = _by_ref(stars)
    assert all(by_id[sid].label == r.label for r in recs for sid in r.meta["shots"])


class ListLM(FakeLM):
    """Writes a list of documents per sequence, as a model continuing the prompt's "- review" lines does."""

    def __init__(self, rows):
        super().__init__()
        self.rows = rows  # row texts, used in turn
        self.stop_after: list[int] = []

    def generate(self, prompts, params, seed, stop=(), negative_prompts=None, batch_size=None, stop_after=1):
        from textsynth.models.lm import GenerationOutput

        self.calls.append(list(prompts))
        self.params.append(params)
        self.stop_after.append(stop_after)
        outs = []
        for i, _ in enumerate(prompts):
            text = self.rows[(len(self.calls) * 7 + i) % len(self.rows)]
            finish = "stop" if text.endswith((".", ":")) else "length"  # an unfinished list ran out of tokens
            outs.append(GenerationOutput(text=text, n_tokens=len(text.split()), finish_reason=finish))
        return outs


def test_docs_per_completion_splits_one_sequence_into_documents():
    rows = [" A warm and gripping film.\n- Loved every minute of it.\n- The cast shines throughout.\n- Bright, clever fun."]
    lm = ListLM(rows)
    gen = Generator(GenerateConfig(n=8, num_shots=2, seed=0, samples_per_prompt=4, docs_per_completion=4,
                                   sampling=SamplingConfig(max_new_tokens=30)), _seeds(), lm=lm)
    recs = list(gen.run(progress=False))
    assert len(recs) == 8 and gen.rejects == []
    assert sum(len(c) for c in lm.calls) == 2  # two sequences (one per label) wrote the eight documents
    assert lm.stop_after == [4] and lm.params[0].max_new_tokens == 120  # the budget of four documents
    assert {r.text for r in recs} == {"A warm and gripping film.", "Loved every minute of it.",
                                     "The cast shines throughout.", "Bright, clever fun."}
    assert sorted(r.meta["completion_position"] for r in recs) == [0, 0, 1, 1, 2, 2, 3, 3]
    assert sum(r.meta["n_tokens"] for r in recs) == gen.tokens  # the sequence's tokens are shared out exactly


def test_docs_per_completion_rejects_what_ends_the_list_and_retries_slots_it_did_not_reach():
    rows = [" A warm and gripping film.\nHere are more reviews:",  # the list ends after one document
            " Great fun.\n- Superb acting.\n- A delight from start to"]  # truncated third: a partial sentence
    lm = ListLM(rows)
    gen = Generator(GenerateConfig(n=6, num_shots=2, seed=0, samples_per_prompt=3, docs_per_completion=3), _seeds(),
                    lm=lm)
    recs = list(gen.run(progress=False))
    assert len(recs) == 6 and len({r.id for r in recs}) == 6
    reasons = Counter(r.reason for r in gen.rejects)
    assert set(reasons) == {"empty", "truncated"}  # what ended the list (a bare preamble), slots not reached, a cut line
    assert all("raw" not in r.detail for r in gen.rejects)  # withheld by default, as for single outputs
    assert all(r.text.endswith(".") for r in recs)


def test_templates_that_cannot_continue_a_list_write_one_document_per_sequence(fake_lm):
    from textsynth.generation.generate import lists_supported
    from textsynth.generation.prompts import load_template

    assert lists_supported(load_template("sentiment")) and lists_supported(load_template("chat"))
    t = dataclasses.replace(load_template("sentiment"), stop=())
    assert not lists_supported(t)
    cfg = GenerateConfig(n=4, num_shots=1, docs_per_completion=4)
    gen = Generator(cfg, _seeds(), lm=fake_lm)
    gen.template = t
    gen.docs_per_completion = 1 if not lists_supported(t) else 4
    assert len(list(gen.run(progress=False))) == 4
