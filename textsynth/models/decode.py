"""A sampling loop for HF causal LMs that computes only the rows still writing.

``transformers``' ``generate`` keeps every row of a batch in every decode step until the longest one ends: with
reviews of ~20 tokens and a cap of 48-64, most row-steps of a batch were spent on rows that had already hit
their stop string (measured: 21 tokens per row on average against 52 steps per batch). Here a finished row
leaves the batch at once (its KV cache rows are dropped), so a step costs what the live rows need. The prompt
is prefilled once per distinct prompt with logits for its last position only (the LM head over a 49k vocabulary
for every prompt position was a fifth of the prefill), and the cache is then copied to the rows that share it.

Sampling is transformers' repetition penalty and temperature, then nucleus sampling. ``nucleus_sample`` is
written here because ``TopPLogitsWarper`` sorts the whole vocabulary for every row and step (a sixth of the
generation time of the embedded model); sorting the ``NUCLEUS_CANDIDATES`` most likely tokens is enough
whenever they hold ``top_p`` of the mass, and the full sort is kept for the rows where they do not, so the
kept set is exactly the one ``TopPLogitsWarper`` keeps.
"""
from __future__ import annotations

from typing import Any

NUCLEUS_CANDIDATES = 256  # tokens ranked per row before falling back to a full sort


def nucleus_mask(probs: Any, top_p: float, candidates: int = NUCLEUS_CANDIDATES) -> Any:
    """Bool mask of the tokens nucleus sampling keeps: the most likely ones whose preceding mass is < ``top_p``
    (at least one per row), the rule of transformers' ``TopPLogitsWarper``."""
    import torch

    keep = torch.zeros_like(probs, dtype=torch.bool)
    k = min(candidates, probs.shape[-1])
    top, idx = probs.topk(k, dim=-1)
    before = top.cumsum(-1) - top  # mass of the more likely tokens
    inside = top.sum(-1) >= top_p  # rows whose nucleus lies within the k candidates
    chosen = before < top_p
    chosen[:, 0] = True
    keep.scatter_(1, idx, chosen & inside.unsqueeze(-1))
    if not bool(inside.all()):
        rows = (~inside).nonzero().squeeze(-1)
        full, order = probs[rows].sort(dim=-1, descending=True)
        full_chosen = (full.cumsum(-1) - full) < top_p
        full_chosen[:, 0] = True
        keep[rows] = torch.zeros_like(full_chosen).scatter(1, order, full_chosen)
    return keep


def next_tokens(scores: Any, temperature: float, top_p: float, generator: Any) -> Any:
    """One token per row from ``scores`` (logits after the repetition penalty): greedy at temperature 0."""
    import torch

    if temperature <= 0:
        return scores.argmax(-1)
    probs = torch.softmax(scores / temperature, dim=-1)
    if top_p < 1.0:
        probs = probs * nucleus_mask(probs, top_p)
    return torch.multinomial(probs, 1, generator=generator).squeeze(-1)


def sample(model: Any, input_ids: Any, attention_mask: Any, index: Any, params: Any, seed: int,
           stop_mask: Any | None, stop_after: int, end_ids: set[int], bias: Any | None = None) -> list[list[int]]:
    """New token ids for each sequence (``index`` maps sequences to rows of the left-padded distinct prompts).

    A sequence ends at an end id (included), at its ``stop_after``-th token of ``stop_mask`` (included) or after
    ``params.max_new_tokens`` tokens; it leaves the batch at once. ``bias``: (sequences, vocabulary) added to
    the logits after the repetition penalty.
    """
    import torch
    from transformers import RepetitionPenaltyLogitsProcessor

    penalty = (RepetitionPenaltyLogitsProcessor(params.repetition_penalty)
               if params.repetition_penalty != 1.0 else None)
    generator = torch.Generator(device=input_ids.device).manual_seed(seed)
    positions = (attention_mask.long().cumsum(-1) - 1).masked_fill(attention_mask == 0, 1)
    cache_arg, keep_arg = _argument_names(model)
    with torch.inference_mode():
        out = model(input_ids=input_ids, attention_mask=attention_mask, position_ids=positions, use_cache=True,
                    **({keep_arg: 1} if keep_arg else {}))
        cache, logits = getattr(out, cache_arg), out.logits[:, -1]
        n = len(index)
        if n != input_ids.shape[0] or bool((index != torch.arange(n, device=index.device)).any()):
            cache.batch_select_indices(index)
            logits, input_ids, attention_mask = logits[index], input_ids[index], attention_mask[index]
        ends = torch.tensor(sorted(end_ids), device=input_ids.device, dtype=torch.long)
        rows = torch.arange(n, device=input_ids.device)  # which sequence each live row is
        stops_seen = torch.zeros(n, dtype=torch.long, device=input_ids.device)
        new: list[list[int]] = [[] for _ in range(n)]
        for step in range(params.max_new_tokens):
            scores = logits.float()
            if penalty is not None:
                scores = penalty(input_ids, scores)
            if bias is not None:
                scores = scores + bias
            token = next_tokens(scores, params.temperature, params.top_p, generator)
            for r, t in zip(rows.tolist(), token.tolist()):
                new[r].append(t)
            done = torch.isin(token, ends)
            if stop_mask is not None:
                stops_seen += stop_mask[token].long()
                done |= stops_seen >= stop_after
            if step == params.max_new_tokens - 1 or bool(done.all()):
                break
            if bool(done.any()):
                live = (~done).nonzero().squeeze(-1)
                cache.batch_select_indices(live)
                rows, token, stops_seen = rows[live], token[live], stops_seen[live]
                bias = bias[live] if bias is not None else None
                input_ids, attention_mask = input_ids[live], attention_mask[live]
            input_ids = torch.cat([input_ids, token[:, None]], dim=-1)
            attention_mask = torch.cat([attention_mask, attention_mask.new_ones((len(rows), 1))], dim=-1)
            out = model(input_ids=token[:, None], attention_mask=attention_mask,
                        position_ids=attention_mask.long().sum(-1, keepdim=True) - 1, use_cache=True,
                        **{cache_arg: cache})
            cache, logits = getattr(out, cache_arg), out.logits[:, -1]
    return new


def _argument_names(model: Any) -> tuple[str, str | None]:
    """What this transformers version calls the KV cache argument (and output field) and the argument that
    limits logits to the last positions (None: the model has none)."""
    import inspect

    params = inspect.signature(model.forward).parameters
    cache = "cache" if "cache" in params else "past_key_values"
    return cache, next((k for k in ("logits_to_keep", "num_logits_to_keep") if k in params), None)
