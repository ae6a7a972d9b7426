"""Fine-tuning on a tiny random Llama: format round trip, loss goes down, save/load, DP accounting, resume,
DP noise that no seed reproduces."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from textsynth.config import FinetuneConfig, ModelConfig
from textsynth.models.checkpoints import CHECKPOINT_DIR
from textsynth.models.control_format import CONTROL_PROMPT, format_example, parse_example
from textsynth.models.dp_training import label_distribution, noisy_label_distribution
from textsynth.models.registry import METADATA_FILE
from textsynth.core.text import serialise_messages
from textsynth.records import Record

TEXTS = {
    "positive": ["a gripping and beautifully acted film with a moving story",
                 "the service was friendly and the food arrived hot"],
    "negative": ["dull, predictable and far too long; the plot goes nowhere",
                 "terrible support, they never answered my emails"],
}


class _Interrupt(Exception):
    pass


def _seeds(n_per_text: int = 4) -> list[Record]:
    out = []
    for label, texts in TEXTS.items():
        for t in texts:
            out += [Record(id=f"{label}-{len(out)}", text=t, label=label) for _ in range(n_per_text)]
    return out


def _cfg(model_dir: Path, out: Path, **kw) -> FinetuneConfig:
    base = dict(base=ModelConfig(model=str(model_dir), device="cpu", dtype="float32"), output_dir=str(out),
                epochs=1, lr=1e-2, batch_size=4, max_length=32, resume=True)
    base.update(kw)
    return FinetuneConfig(**base)


@pytest.mark.parametrize("record", [
    Record(id="1", text="a fine film", label="positive"),
    Record(id="2", text="line one\nline two", label="multi word label"),
    Record(id="3", text="unlabelled text"),
    Record(id="4", messages=[{"role": "user", "content": "hi  there"}, {"role": "assistant", "content": "hello!"}],
           label="greeting"),
])
def test_control_prefix_round_trips(record):
    prefix, document = format_example(record)
    assert prefix == CONTROL_PROMPT.format(label=record.label or "none")
    label, parsed = parse_example(prefix + document)
    assert label == (record.label or "none")
    assert parsed == document
    if record.messages is not None:
        assert document == "User: hi there\nAssistant: hello!"
        assert document == serialise_messages(record.messages)


def test_parse_example_rejects_other_text():
    with pytest.raises(ValueError):
        parse_example("positive: no prefix here")


def test_noisy_label_histogram_is_a_distribution():
    labels = ["a"] * 300 + ["b"] * 100
    exact = label_distribution(labels, ["a", "b", "c"])
    assert exact == {"a": 0.75, "b": 0.25, "c": 0.0}
    shares, counts = noisy_label_distribution(labels, ["a", "b", "c"], epsilon=0.5)
    assert set(shares) == set(counts) == {"a", "b", "c"}
    assert all(v >= 0 for v in shares.values())
    assert sum(shares.values()) == pytest.approx(1.0)
    assert shares == pytest.approx({k: v / sum(counts.values()) for k, v in counts.items()})
    assert abs(counts["a"] - 300) < 60 and abs(counts["b"] - 100) < 60  # 60 = 30 noise scales


def test_noisy_label_counts_ignore_every_seed():
    """The label noise comes from the CSPRNG: reseeding every RNG does not reproduce it."""
    from textsynth.models.training import _set_seed

    labels = [f"l{i}" for i in range(8) for _ in range(20)]
    label_set = sorted(set(labels))
    _set_seed(0)
    _, first = noisy_label_distribution(labels, label_set, epsilon=2.0)
    _set_seed(0)
    _, second = noisy_label_distribution(labels, label_set, epsilon=2.0)
    assert first != second


def test_cli_finetune_loss_decreases_and_writes_interface_4(tiny_llama_dir, tmp_path):
    from typer.testing import CliRunner

    from textsynth.cli import app

    seeds_path = tmp_path / "seeds.jsonl"
    extra = ["", "really", "so very much", "and that is all"]  # distinct lengths: batches mix documents
    seeds = [Record(id=f"{r.id}-{i}", text=f"{r.text} {extra[i]}".strip(), label=r.label)
             for r in _seeds(1) for i in range(4)]
    seeds_path.write_text("\n".join(json.dumps(r.to_dict()) for r in seeds) + "\n", encoding="utf-8")
    out = tmp_path / "model"
    res = CliRunner().invoke(app, ["finetune", "--task", "sentiment", "--seeds", str(seeds_path), "-o", str(out),
                                   "--base", str(tiny_llama_dir), "--epochs", "4", "--lr", "0.01",
                                   "--batch-size", "4", "--max-length", "32", "--device", "cpu",
                                   "--dtype", "float32", "--no-progress"])
    assert res.exit_code == 0, res.output
    meta = json.loads((out / METADATA_FILE).read_text())
    assert meta["base_model"] == str(tiny_llama_dir)
    assert meta["task"] == "sentiment" and meta["labels"] == ["negative", "positive"]
    assert meta["adapter"] is True and (out / "adapter_model.safetensors").is_file()
    assert meta["format"] == {"kind": "control_prefix", "prompt": "<label> {label}\n", "guidance_scale": 2.0}
    assert meta["label_distribution"] == {"negative": 0.5, "positive": 0.5}
    assert meta["dp"] is None
    assert isinstance(meta["textsynth_version"], str)
    losses = [h["loss"] for h in meta["training"]["history"]]
    assert len(losses) == 4 and all(b < a for a, b in zip(losses, losses[1:])) and losses[-1] < losses[0] - 0.1
    assert not (out / CHECKPOINT_DIR).exists()


@pytest.mark.parametrize("lora", [True, False], ids=["lora", "full"])
def test_save_load_round_trip(tiny_llama_dir, tmp_path, lora):
    """The weights the trainer held are the ones the registry loads back (adapter merged, or full model)."""
    import torch
    from safetensors.torch import load_file

    from textsynth.models.finetune import finetune
    from textsynth.models.training import _Examples, per_example_loss
    from textsynth.models.registry import load_model

    captured = {}

    def grab(epoch, info):  # the checkpoint holds exactly the trained parameters at this point
        captured.update(load_file(str(tmp_path / "m" / CHECKPOINT_DIR / "trainable.safetensors")))

    seeds = _seeds(2)
    ref = finetune(_cfg(tiny_llama_dir, tmp_path / "m", lora=lora), seeds, progress=False, on_epoch_end=grab)
    assert ref.path == tmp_path / "m" and ref.epsilon is None and ref.base_model == str(tiny_llama_dir)
    if lora:
        saved = load_file(str(ref.path / "adapter_model.safetensors"))
        assert sorted(k.replace(".default", "") for k in captured) == sorted(saved)
        for k, v in captured.items():
            assert torch.equal(saved[k.replace(".default", "")], v)
    else:
        assert not (ref.path / "adapter_config.json").exists()
    model, tok = load_model(ModelConfig(model=str(ref.path), device="cpu", dtype="float32"))
    base, _ = load_model(ModelConfig(model=str(tiny_llama_dir), device="cpu", dtype="float32"))
    if not lora:
        named = dict(model.named_parameters())
        for k, v in captured.items():
            assert torch.allclose(named[k], v)
    tok.padding_side = "right"
    ex = _Examples(seeds, tok, 32)
    ids, attn, labels = ex.collate(range(len(ex)), tok.pad_token_id)
    with torch.no_grad():
        tuned = per_example_loss(model(input_ids=ids, attention_mask=attn).logits, labels).mean()
        orig = per_example_loss(base(input_ids=ids, attention_mask=attn).logits, labels).mean()
    assert float(tuned) < float(orig) - 0.03


def test_dp_accountant_resume_and_noisy_labels(tiny_llama_dir, tmp_path):
    from opacus.accountants import PRVAccountant

    from textsynth.models.dp_training import LABEL_EPSILON_SHARE
    from textsynth.models.finetune import finetune

    target = 4.0
    cfg = _cfg(tiny_llama_dir, tmp_path / "dp", dp_epsilon=target, dp_delta=1e-4, epochs=2, lr=5e-3)

    def stop_after_first(epoch, info):
        if epoch == 1:
            raise _Interrupt

    # Interrupted after epoch 1, then resumed: the accountant's state comes back with the checkpoint.
    with pytest.raises(_Interrupt):
        finetune(cfg, _seeds(3), progress=False, on_epoch_end=stop_after_first)
    seen = []
    ref = finetune(cfg, _seeds(3), progress=False, on_epoch_end=lambda e, info: seen.append(e))
    assert seen == [2]
    dp = ref.metadata["dp"]
    assert dp["steps"] == 2 * round(1 / dp["sample_rate"])
    assert 0 < ref.epsilon <= target
    assert dp["epsilon"] == pytest.approx(dp["epsilon_train"] + dp["epsilon_labels"])
    assert dp["epsilon_labels"] == pytest.approx(LABEL_EPSILON_SHARE * target)
    assert 0 < dp["epsilon_train"] <= target * (1 - LABEL_EPSILON_SHARE) + 1e-6
    assert dp["noise_multiplier"] > 0 and dp["delta"] == 1e-4 and dp["max_grad_norm"] == 1.0
    # An independent accountant over the same steps agrees with the reported figure.
    acc = PRVAccountant()
    acc.history = [(dp["noise_multiplier"], dp["sample_rate"], dp["steps"])]
    assert acc.get_epsilon(delta=1e-4) == pytest.approx(dp["epsilon_train"], rel=0.02)
    shares = ref.metadata["label_distribution"]
    assert set(shares) == {"negative", "positive"} and sum(shares.values()) == pytest.approx(1.0)


def test_resume_after_interruption_matches_uninterrupted_run(tiny_llama_dir, tmp_path):
    import torch
    from safetensors.torch import load_file

    from textsynth.models.finetune import finetune

    seeds = _seeds(2)
    out = tmp_path / "resumed"

    def stop_after_first(epoch, info):
        if epoch == 1:
            raise _Interrupt

    with pytest.raises(_Interrupt):
        finetune(_cfg(tiny_llama_dir, out, epochs=2), seeds, progress=False, on_epoch_end=stop_after_first)
    state = json.loads((out / CHECKPOINT_DIR / "state.json").read_text())
    assert state["epoch"] == 1 and not (out / METADATA_FILE).exists()

    seen = []
    ref = finetune(_cfg(tiny_llama_dir, out, epochs=2), seeds, progress=False,
                   on_epoch_end=lambda e, info: seen.append(e))
    assert seen == [2]  # epoch 1 was not repeated
    hist = ref.metadata["training"]["history"]
    assert [h["epoch"] for h in hist] == [1, 2]
    assert ref.metadata["training"]["steps"] == hist[-1]["step"] == 2 * hist[0]["step"]

    straight = finetune(_cfg(tiny_llama_dir, tmp_path / "straight", epochs=2), seeds, progress=False)
    a = load_file(str(out / "adapter_model.safetensors"))
    b = load_file(str(straight.path / "adapter_model.safetensors"))
    assert a.keys() == b.keys()
    for k in a:
        assert torch.allclose(a[k], b[k], atol=1e-6), k

    # A finished dir with the same settings is returned without training again.
    again = finetune(_cfg(tiny_llama_dir, out, epochs=2), seeds, progress=False,
                     on_epoch_end=lambda e, info: seen.append(e))
    assert seen == [2] and again.metadata == ref.metadata


def test_dp_with_full_fine_tuning_saves_a_loadable_model(tiny_llama_dir, tmp_path):
    from textsynth.config import GenerateConfig, SamplingConfig
    from textsynth.generation.generate import MAX_ATTEMPTS, Generator
    from textsynth.models.finetune import finetune

    ref = finetune(_cfg(tiny_llama_dir, tmp_path / "full-dp", lora=False, dp_epsilon=4.0, dp_delta=1e-4, lr=1e-3),
                   _seeds(3), progress=False)
    assert 0 < ref.epsilon <= 4.0 and ref.metadata["adapter"] is False
    assert (ref.path / "model.safetensors").is_file() and not (ref.path / "adapter_model.safetensors").exists()
    assert not list(ref.path.glob("*.bin")) and not list(ref.path.glob("*.pt"))
    cfg = GenerateConfig(n=4, batch_size=4, model=ModelConfig(model=str(ref.path), device="cpu"),
                         sampling=SamplingConfig(max_new_tokens=6, temperature=1.0))
    gen = Generator(cfg)
    recs = list(gen.run(progress=False))
    assert all(r.meta["template"] == "sentiment-control-prefix" for r in recs)
    # Every requested slot ends as a record, or as MAX_ATTEMPTS rejects of a random model's gibberish.
    slots = {f"gen-{i:06d}" for i in range(4)}
    tries = Counter(r.record_id for r in gen.rejects)
    kept = {r.id for r in recs}
    assert kept <= slots and set(tries) <= slots
    assert kept | {k for k, c in tries.items() if c == MAX_ATTEMPTS} == slots
    assert all(tries[r.id] == r.meta["attempt"] < MAX_ATTEMPTS for r in recs)
    assert sorted(r.label for r in recs) == sorted(r.meta["requested_label"] for r in recs)


def test_finetune_refuses_an_output_dir_holding_another_model(tmp_path):
    from textsynth.errors import ConfigError
    from textsynth.models.finetune import finetune

    out = tmp_path / "their-model"
    out.mkdir()
    (out / "model.safetensors").write_bytes(b"not ours")  # a release would replace this file
    with pytest.raises(ConfigError, match="holds no textsynth model"):
        finetune(_cfg(tmp_path / "no-base-needed", out), _seeds(1))
    assert (out / "model.safetensors").read_bytes() == b"not ours"


def _many_label_seeds() -> list[Record]:
    texts = [t for ts in TEXTS.values() for t in ts]
    return [Record(id=f"m{i}-{j}", text=texts[(i + j) % len(texts)], label=f"l{i}") for i in range(8) for j in range(3)]


def test_identical_dp_runs_release_different_noise(tiny_llama_dir, tmp_path):
    """Same seeds, settings and config.seed: the label counts and the DP-SGD weights differ (no seeded noise)."""
    import torch
    from safetensors.torch import load_file

    from textsynth.models.finetune import finetune

    seeds = _many_label_seeds()
    refs = [finetune(_cfg(tiny_llama_dir, tmp_path / f"dp{i}", dp_epsilon=8.0, dp_delta=1e-4, batch_size=8,
                          lr=1e-2), seeds, progress=False) for i in range(2)]
    a, b = (r.metadata for r in refs)
    assert a["training"]["fingerprint"] == b["training"]["fingerprint"]
    counts_a, counts_b = a["dp"]["noisy_label_counts"], b["dp"]["noisy_label_counts"]
    assert set(counts_a) == {f"l{i}" for i in range(8)}
    assert counts_a != counts_b  # 8 independent Laplace draws: equal with probability ~1e-4
    assert a["label_distribution"] != b["label_distribution"]
    assert "os.urandom" in a["dp"]["noise_source"]["dp_sgd"] and "CSPRNG" in a["dp"]["noise_source"]["labels"]
    wa = load_file(str(refs[0].path / "adapter_model.safetensors"))
    wb = load_file(str(refs[1].path / "adapter_model.safetensors"))
    assert any(not torch.equal(wa[k], wb[k]) for k in wa)
    # The plain (non-DP) run stays reproducible from config.seed.
    plain = [finetune(_cfg(tiny_llama_dir, tmp_path / f"plain{i}"), seeds, progress=False) for i in range(2)]
    pa, pb = (load_file(str(r.path / "adapter_model.safetensors")) for r in plain)
    assert all(torch.equal(pa[k], pb[k]) for k in pa)


def test_dp_secure_mode_names_the_missing_package(tiny_llama_dir, tmp_path):
    import importlib.util

    from textsynth.errors import MissingDependencyError
    from textsynth.models.finetune import finetune

    if importlib.util.find_spec("torchcsprng") is not None:
        pytest.skip("torchcsprng is installed: secure_mode would run")
    with pytest.raises(MissingDependencyError, match="torchcsprng"):
        finetune(_cfg(tiny_llama_dir, tmp_path / "secure", dp_epsilon=4.0, dp_secure_mode=True), _seeds(1),
                 progress=False)


def test_cli_finetune_with_dp(tiny_llama_dir, tmp_path):
    from typer.testing import CliRunner

    from textsynth.cli import app

    seeds_path = tmp_path / "seeds.jsonl"
    seeds_path.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in _seeds(3)), encoding="utf-8")
    out = tmp_path / "dp-model"
    target = 6.0
    res = CliRunner().invoke(app, ["finetune", "--task", "sentiment", "--seeds", str(seeds_path), "-o", str(out),
                                   "--base", str(tiny_llama_dir), "--dp-epsilon", str(target), "--dp-delta", "1e-4",
                                   "--epochs", "2", "--batch-size", "4", "--max-length", "32", "--device", "cpu",
                                   "--dtype", "float32", "--no-progress"])
    assert res.exit_code == 0, res.output
    assert "DP: epsilon" in res.output
    meta = json.loads((out / METADATA_FILE).read_text())
    dp = meta["dp"]
    assert 0 < dp["epsilon"] <= target and dp["target_epsilon"] == target and dp["delta"] == 1e-4
    assert dp["epsilon"] == pytest.approx(dp["epsilon_train"] + dp["epsilon_labels"])
    assert set(dp["noisy_label_counts"]) == {"negative", "positive"}
    assert all(v >= 0 for v in dp["noisy_label_counts"].values())
    assert sum(meta["label_distribution"].values()) == pytest.approx(1.0)
    assert meta["training"]["lr"] == 3e-3  # the DP default, since --lr was not given
    assert (out / "adapter_model.safetensors").is_file() and not (out / CHECKPOINT_DIR).exists()


def test_checkpoint_fingerprint_ignores_where_it_is_saved_and_follows_settings_and_seeds(tmp_path):
    from textsynth.models.finetune import _fingerprint

    seeds = _seeds(1)
    here = _fingerprint(_cfg(tmp_path, tmp_path / "a"), seeds)
    assert here == _fingerprint(_cfg(tmp_path, tmp_path / "b", resume=False), seeds)
    assert here != _fingerprint(_cfg(tmp_path, tmp_path / "a", lr=5e-3), seeds)
    assert here != _fingerprint(_cfg(tmp_path, tmp_path / "a"), seeds[1:])
