"""What a run tells its dataset card and its report: method, DP guarantee, PII policy, headline metrics."""
from __future__ import annotations

from typing import Any

from .config import FilterConfig, GenerateConfig, RunConfig
from .dataset_card import public_run_config
from .run_state import RunState


def card_info(config: RunConfig, gen_cfg: GenerateConfig, state: RunState, filter_stats: dict, metrics: dict,
              n_seeds: int) -> dict[str, Any]:
    """What the dataset card says about the run: model, method, DP, PII policy and counts, headline metrics."""
    finetune_first = config.finetune_first or gen_cfg.method == "finetune"
    ft = state.info("finetune") if finetune_first else {}
    dp = filter_stats.get("privacy")  # a DP generation method (private_evolution) states its guarantee
    if finetune_first and config.finetune.dp_epsilon:
        # The gate's seed-comparing filters choose among the DP model's outputs outside the accounting: say so.
        dp = {"epsilon": ft.get("epsilon") or config.finetune.dp_epsilon, "delta": config.finetune.dp_delta,
              "method": "dp_sgd", "gate_filters": list(config.filter.filters)}
    counts = state.info("generate").get("counts", {})
    return {
        "task": gen_cfg.task,
        "base_model": config.finetune.base.model if finetune_first else gen_cfg.model.model,
        "method": ("LoRA fine-tuning" if config.finetune.lora else "full fine-tuning") if finetune_first
        else "Private Evolution (Aug-PE)" if gen_cfg.method == "private_evolution"
        else "few-shot prompting with label control",
        "dp": dp,
        "pii_policy": f"seeds: strategy={config.scrub.strategy}; entities={', '.join(config.scrub.entities)}; "
                      + output_pii_policy(config.filter, filter_stats),
        "pii_counts": (state.info("scrub").get("audit") or {}).get("entities", {}),
        "n_seeds": n_seeds,
        "n_generated": counts.get("generated", "n/a"),
        "filter_stats": filter_stats,
        "eval": headline_metrics(metrics),
        "run_config": public_run_config(config),
    }


def report_provenance(config: RunConfig, state: RunState, n_seeds: int) -> dict[str, Any]:
    """What the report's provenance block needs beyond the records' meta: seed count, DP epsilon, method."""
    epsilon = None
    if config.finetune_first and config.finetune.dp_epsilon:
        epsilon = state.info("finetune").get("epsilon") or config.finetune.dp_epsilon
    return {"n_seeds": n_seeds, "dp_epsilon": epsilon,
            "method": "fine-tuned model" if config.finetune_first else "few-shot prompting"}


def output_pii_policy(filter_config: FilterConfig, filter_stats: dict) -> str:
    """The output gate's PII policy and what it did, per entity type, for the card."""
    pii = (filter_stats.get("filters") or {}).get("pii")
    if pii is None:
        return "outputs: not re-scanned"
    done = ", ".join(f"{t} {c['replaced']} replaced/{c['in_rejected']} rejected"
                     for t, c in (pii.get("entities") or {}).items()) or "none found"
    return (f"outputs: pii_action={filter_config.pii_action} on {', '.join(filter_config.pii_entities)} ({done}); "
            f"seed PII values always rejected ({pii.get('seed_value_spans', 0)} found)")


def headline_metrics(metrics: dict[str, Any]) -> dict[str, Any]:
    """A few flat figures from the evaluation report for cards and console output."""
    from .evaluation.report import headline

    return headline(metrics)
