"""eval/dp_utility.py's bookkeeping: a rerun or a merge never drops an earlier row (it moves to history)."""
from __future__ import annotations

import json

from tests.eval_scripts import load_eval_script


def _row(name: str, acc: float) -> dict:
    return {"config": name, "kind": "pe", "epsilon": 4.0, "tstr": {"accuracy": acc, "macro_f1": acc}}


def test_a_replaced_row_moves_to_history_and_an_identical_one_is_not_repeated():
    dp = load_eval_script("dp_utility")
    results: dict = {"runs": {"pe4": _row("pe4", 0.6)}}
    dp.record_run(results, "pe4", _row("pe4", 0.6))
    assert "history" not in results
    dp.record_run(results, "pe4", _row("pe4", 0.7))
    assert results["runs"]["pe4"]["tstr"]["accuracy"] == 0.7 and results["history"] == [_row("pe4", 0.6)]


def test_merge_adds_parallel_runs_to_the_existing_file(tmp_path):
    dp = load_eval_script("dp_utility")
    out = tmp_path / "dp.json"
    out.write_text(json.dumps({"setup": {"n": 100}, "runs": {"prompt": {**_row("prompt", 0.69), "kind": "prompt"},
                                                             "pe4": _row("pe4", 0.62)}}))
    part = tmp_path / "part.json"
    part.write_text(json.dumps({"setup": {"n": 100, "iterations": 2}, "runs": {"pe4": _row("pe4", 0.66),
                                                                              "pe1": _row("pe1", 0.6)}}))
    dp.merge([str(part)], out)
    merged = json.loads(out.read_text())
    assert set(merged["runs"]) == {"prompt", "pe4", "pe1"} and merged["runs"]["pe4"]["tstr"]["accuracy"] == 0.66
    assert merged["runs"]["pe1"]["setup"] == {"n": 100, "iterations": 2}
    assert [h["tstr"]["accuracy"] for h in merged["history"]] == [0.62]


def test_the_exact_gate_rows_share_the_dp_sgd_model_and_gate_both_paths_alike(tmp_path, monkeypatch):
    """dpsgd8_exact reuses dpsgd8's fine-tuned model (no second training) behind the seed-independent gate;
    pe4_default puts PE behind the default gate: DP-SGD and PE can be compared behind the same filters."""
    import textsynth.gate
    import textsynth.models.finetune

    dp = load_eval_script("dp_utility")
    trained, gated = [], {}

    def fake_finetune(config, seeds):
        trained.append(config.output_dir)
        return type("Ref", (), {"metadata": {}})()

    def fake_gate(gen, seeds, filters, journal, output):
        gated[journal.parent.name] = (gen.method, gen.model.model, filters.filters)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text("")
        return type("Res", (), {"stats": {"resample": {"kept": 0, "generated": 0, "drops_by_reason": {}}}})()

    monkeypatch.setattr(textsynth.models.finetune, "finetune", fake_finetune)
    monkeypatch.setattr(textsynth.gate, "generate_filtered", fake_gate)
    args = dp._parser().parse_args(["--n", "4"])
    for name in ("dpsgd8", "dpsgd8_exact", "pe4", "pe4_default"):
        dp.run_config(name, [], args, tmp_path)
    assert trained == [str(tmp_path / "dpsgd8" / "model")] * 2  # one model dir (finetune resumes a finished one)
    default = textsynth.config.FilterConfig().filters
    assert gated["dpsgd8"] == ("prompt", str(tmp_path / "dpsgd8" / "model"), default)
    assert gated["dpsgd8_exact"] == ("prompt", str(tmp_path / "dpsgd8" / "model"), ("quality",))
    assert gated["pe4"][0] == "private_evolution" and gated["pe4"][2] == ("quality",)
    assert gated["pe4_default"][0] == "private_evolution" and gated["pe4_default"][2] == default
