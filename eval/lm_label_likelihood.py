"""How accurate is the LM's own likelihood as a public label check for Private Evolution (issue 16)?

A generative classifier that reads no seed: each text is scored by log p(text | the template's public prompt
for label y, with its zero-shot examples) under the embedded model, one prefill per text per label, and
labelled by the larger. Measured on real labelled Rotten Tomatoes snippets (eval/judge.py's judge_train split,
disjoint from the seeds). Measured at 21:18 UTC on 2026-11-30, n=300, shared CPU: accuracy 0.683 at threshold 0
(0.660 with the threshold set to the median log-ratio of the first half, on the second half), against 0.763
for the MiniLM + LR judge; too weak to drop candidates, so it is not wired into Private Evolution.

    python eval/lm_label_likelihood.py --n 300
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def log_likelihoods(lm, prefix: str, texts: list[str], batch: int = 16) -> list[float]:
    """log p(" text\\n" | prefix) per text (hand-written: the LanguageModel interface only samples)."""
    import torch

    tok, model, out = lm.tokenizer, lm.model, []
    pre = tok(prefix)["input_ids"]
    for i in range(0, len(texts), batch):
        seqs = [pre + tok(" " + t + "\n")["input_ids"] for t in texts[i:i + batch]]
        width = max(map(len, seqs))
        ids = torch.full((len(seqs), width), tok.pad_token_id)
        mask = torch.zeros((len(seqs), width), dtype=torch.long)
        for j, s in enumerate(seqs):
            ids[j, :len(s)], mask[j, :len(s)] = torch.tensor(s), 1
        with torch.inference_mode():
            logits = model(input_ids=ids, attention_mask=mask).logits.float()
        lp = torch.log_softmax(logits[:, :-1], -1).gather(-1, ids[:, 1:, None])[..., 0]
        out.extend(float(lp[j, len(pre) - 1:len(s) - 1].sum()) for j, s in enumerate(seqs))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="real labelled snippets scored")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import numpy as np
    from judge import rt_splits

    from textsynth.config import ModelConfig
    from textsynth.generation.prompts import load_template
    from textsynth.models.lm import load_language_model

    rows = rt_splits(3000)["judge_train"][:args.n]
    tpl = load_template("sentiment")
    lm = load_language_model(ModelConfig())

    def prompt(label: str) -> str:
        shots = "".join(tpl.shot_format.format(text=e) + tpl.shot_separator for e in tpl.zero_shot_examples[label])
        return tpl.instruction.format(description=tpl.labels[label], domain="", label=label, labels="") + "\n" + \
            shots + tpl.answer_prefix

    texts = [r["text"] for r in rows]
    gold = np.array([r["label"] == "positive" for r in rows])
    t0 = time.perf_counter()
    ratio = np.array(log_likelihoods(lm, prompt("positive"), texts)) - np.array(
        log_likelihoods(lm, prompt("negative"), texts))
    half = len(ratio) // 2
    thr = float(np.median(ratio[:half]))
    print(f"n={len(ratio)} accuracy at 0: {((ratio > 0) == gold).mean():.3f}; with the first half's median as "
          f"threshold, on the second half: {((ratio[half:] > thr) == gold[half:]).mean():.3f} "
          f"({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
