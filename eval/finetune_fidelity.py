"""Label fidelity of a label-conditioned fine-tune versus prompting alone, on real Rotten Tomatoes snippets.

1. Sample N seed snippets (stratified), scrub them with textsynth's scrub stage (raw if --no-scrub).
2. LoRA fine-tune the embedded SmolLM2 on them (optionally with DP-SGD at --dp-epsilon); time it.
3. Generate --n-gen documents per model with balanced requested labels through the normal generation path
   (``GenerateConfig.model.model = MODEL_DIR``: control prefix, no few-shot prompt, classifier-free guidance
   against the other label's prefix at the model's default scale unless --guidance-scale).
4. Score agreement of the requested label with the shared judge (eval/judge.py: MiniLM + LR) trained on real snippets disjoint
   from the seeds; the same for prompted generation (few-shot list prompt) from the base model.

    python eval/finetune_fidelity.py --n-seeds 1000 --n-gen 100
    python eval/finetune_fidelity.py --n-seeds 1000 --dp-epsilon 8 --skip-prompted
    python eval/finetune_fidelity.py --eval-only --skip-prompted --guidance-scale 1   # the same model, unguided
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.judge import seeds_and_judge  # noqa: E402
from textsynth.config import FinetuneConfig, GenerateConfig, ModelConfig, SamplingConfig  # noqa: E402
from textsynth.records import Record  # noqa: E402


def scrub_seeds(seeds: list[Record]) -> tuple[list[Record], str]:
    try:
        from textsynth.scrubbing.scrub import scrub
    except Exception as exc:  # the scrub stage is developed in parallel
        print(f"scrub unavailable ({exc!r}); using raw snippets")
        return seeds, "raw"
    t0 = time.perf_counter()
    res = scrub(seeds)
    print(f"scrubbed {len(seeds)} seeds in {time.perf_counter() - t0:.1f}s: kept {len(res.records)}, "
          f"rejected {len(res.rejected)}; entities {res.audit.get('entities', res.audit)}")
    return res.records, "scrubbed"


def agreement(records: list[Record], clf) -> dict:
    texts = [r.content() for r in records]
    if not texts:
        return {"n": 0, "agreement": float("nan")}
    pred = clf.predict(texts)
    agree = [p == r.meta.get("requested_label", r.label) for p, r in zip(pred, records)]
    per = {}
    for lab in sorted({r.label for r in records}):
        idx = [i for i, r in enumerate(records) if r.label == lab]
        per[lab] = sum(agree[i] for i in idx) / len(idx)
    return {"n": len(records), "agreement": sum(agree) / len(agree), "per_label": per,
            "unique_share": len({" ".join(t.lower().split()) for t in texts}) / len(texts)}


def generate_records(cfg: GenerateConfig, seeds: list[Record] | None) -> tuple[list[Record], float, int]:
    from textsynth.generation.generate import Generator

    gen = Generator(cfg, seeds)
    t0 = time.perf_counter()
    items = gen.items(cfg.n)
    recs, rejects = gen._fill(items, seed_key=("eval",))
    return recs, time.perf_counter() - t0, len(rejects)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n-seeds", type=int, default=1000)
    ap.add_argument("--n-gen", type=int, default=100)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--max-length", type=int, default=64)
    ap.add_argument("--dp-epsilon", type=float, default=None)
    ap.add_argument("--no-scrub", action="store_true")
    ap.add_argument("--skip-prompted", action="store_true")
    ap.add_argument("--eval-only", action="store_true", help="reuse the finished model dir, do not train")
    ap.add_argument("--model-dir", default=None, help="fine-tuned dir [runs/finetune-rt(-dpE)]")
    ap.add_argument("--temperature", type=float, default=SamplingConfig.temperature,
                    help="sampling temperature for both generators")
    ap.add_argument("--guidance-scale", type=float, default=None,
                    help="guidance for the fine-tuned model [its default]; prompting uses the template's (1)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()

    from textsynth.models.finetune import finetune

    seed_rows, clf, clf_acc, n_train, n_test = seeds_and_judge(args.n_seeds, seed=args.seed)
    print(f"classifier: {n_train} real train snippets, held-out accuracy {clf_acc:.3f}")

    seeds = [Record(id=r["id"], text=r["text"], label=r["label"]) for r in seed_rows]
    seed_kind = "raw"
    if not args.no_scrub:
        seeds, seed_kind = scrub_seeds(seeds)

    tag = f"-dp{args.dp_epsilon:g}" if args.dp_epsilon else ""
    model_dir = args.model_dir or f"runs/finetune-rt{tag}"
    ft_cfg = FinetuneConfig(task="sentiment", output_dir=model_dir, epochs=args.epochs, lr=args.lr,
                            batch_size=args.batch_size, max_length=args.max_length, dp_epsilon=args.dp_epsilon,
                            seed=args.seed, resume=True)
    t0 = time.perf_counter()
    if args.eval_only:
        from textsynth.models.finetune import ModelRef
        from textsynth.models.registry import read_model_metadata

        meta = read_model_metadata(model_dir)
        if meta is None:
            raise SystemExit(f"{model_dir}: not a fine-tuned model dir (run without --eval-only first)")
        ref = ModelRef(Path(model_dir), meta["base_model"], (meta.get("dp") or {}).get("epsilon"), meta)
    else:
        ref = finetune(ft_cfg, seeds)
    wall = time.perf_counter() - t0
    hist = ref.metadata["training"]["history"]
    print(f"fine-tune: {wall:.1f}s wall (training loop {ref.metadata['training']['train_seconds']}s), "
          f"loss first {hist[0]['first_loss']:.3f} -> last {hist[-1]['last_loss']:.3f}; epsilon {ref.epsilon}")

    sampling = SamplingConfig(max_new_tokens=48, temperature=args.temperature)
    ft_sampling = SamplingConfig(max_new_tokens=48, temperature=args.temperature, guidance_scale=args.guidance_scale)
    gcfg = GenerateConfig(task="sentiment", n=args.n_gen, batch_size=16, seed=args.seed, sampling=ft_sampling,
                          label_distribution="balanced", model=ModelConfig(model=str(ref.path), backend="hf"))
    recs, secs, n_rej = generate_records(gcfg, None)
    ft = agreement(recs, clf)
    ft.update(seconds=round(secs, 1), rejects=n_rej, examples=[r.content() for r in recs[:6]],
              sampling=recs[0].meta["sampling"] if recs else None)
    print(f"fine-tuned: agreement {ft['agreement']:.3f} on {ft['n']} docs ({n_rej} rejects, {secs:.0f}s, "
          f"guidance {ft['sampling'] and ft['sampling']['guidance_scale']})")

    result = {"seeds": seed_kind, "sampling": {"temperature": args.temperature, "top_p": sampling.top_p}, "n_seeds": len(seeds), "classifier_accuracy_on_real": clf_acc,
              "finetune": {"wall_seconds": round(wall, 1), "config": {k: getattr(ft_cfg, k) for k in (
                  "epochs", "lr", "batch_size", "max_length", "lora", "lora_r", "dp_epsilon")},
                  "history": hist, "dp": ref.metadata.get("dp")},
              "finetuned_generation": ft}
    if not args.skip_prompted:
        pcfg = GenerateConfig(task="sentiment", n=args.n_gen, batch_size=16, seed=args.seed, sampling=sampling,
                              label_distribution="balanced", model=ModelConfig(backend="hf"))
        precs, psecs, p_rej = generate_records(pcfg, seeds)
        pr = agreement(precs, clf)
        pr.update(seconds=round(psecs, 1), rejects=p_rej, examples=[r.content() for r in precs[:6]],
                  sampling=precs[0].meta["sampling"] if precs else None)
        print(f"prompted (few-shot, base model): agreement {pr['agreement']:.3f} on {pr['n']} docs "
              f"({p_rej} rejects, {psecs:.0f}s)")
        result["prompted_generation"] = pr
    out = Path(args.out or f"eval/results/finetune_fidelity{tag}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, default=float), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
