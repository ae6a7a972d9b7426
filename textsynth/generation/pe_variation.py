"""Aug-PE's VARIATION_API: rewrite DP-selected synthetic parents (never seeds) at several strengths.

Strength 0 rephrases a parent in a style drawn from ``prompts/pe_variation.yaml`` (Aug-PE's HF variation);
strength s > 0 blanks a share s of the parent's words and asks the model to fill them in (Aug-PE's blank-fill
variation with mask probability s). Each child draws its style, strength and mask from a seeded RNG keyed by
(run seed, key, child index), so a resumed run writes the same prompts. The parents reach the prompt, the seeds
never do: everything here reads only public text.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..config import SamplingConfig
from ..errors import ConfigError
from ..records import Record, Rejection
from .parse import ParseFailure, clean_text
from .plan import derive_seed
from .prompts import PROMPTS_DIR, PromptTemplate, shot_text

if TYPE_CHECKING:
    from ..models.lm import LanguageModel

VARIATION_FILE = PROMPTS_DIR / "pe_variation.yaml"
MAX_ATTEMPTS = 3  # a child whose output does not parse is retried with a new style and seed, then dropped
BLANK = "_"


@dataclass(frozen=True)
class VariationPrompts:
    """The rephrase and blank-fill prompt parts and the styles (prompts/pe_variation.yaml)."""

    rephrase: dict[str, str]
    blank_fill: dict[str, str]
    styles: tuple[str, ...]


@lru_cache(maxsize=1)
def load_variation_prompts() -> VariationPrompts:
    """Read and check prompts/pe_variation.yaml (errors name the file and the key)."""
    import yaml

    data = yaml.safe_load(VARIATION_FILE.read_text(encoding="utf-8"))
    parts = ("instruction", "answer")
    for kind in ("rephrase", "blank_fill"):
        missing = [p for p in parts if not isinstance((data.get(kind) or {}).get(p), str)]
        if missing:
            raise ConfigError(f"{VARIATION_FILE}: {kind}.{missing[0]}: expected a string")
    styles = data.get("styles")
    if not isinstance(styles, list) or not styles or not all(isinstance(s, str) for s in styles):
        raise ConfigError(f"{VARIATION_FILE}: styles: expected a non-empty list of strings")
    return VariationPrompts(dict(data["rephrase"]), dict(data["blank_fill"]), tuple(styles))


def mask_words(text: str, share: float, rng: random.Random) -> str:
    """``text`` with each word replaced by a blank with probability ``share`` (at least one blank)."""
    words = text.split()
    if not words:
        return text
    masked = [BLANK if rng.random() < share else w for w in words]
    if BLANK not in masked:
        masked[rng.randrange(len(words))] = BLANK
    # Runs of blanks become one: "_ _ _" asks for a phrase, as the paper's token masks do.
    out: list[str] = []
    for w in masked:
        if not (w == BLANK and out and out[-1] == BLANK):
            out.append(w)
    return " ".join(out)


def variation_prompt(template: PromptTemplate, label: str, parent: str, strength: float, rng: random.Random,
                     chat: Callable[[str], str] | None = None) -> str:
    """The prompt asking for one variation of ``parent`` at ``strength`` (0: rephrase, s > 0: blank-fill);
    ``chat`` wraps the instruction as a user turn of an instruction-tuned model's chat template."""
    spec = load_variation_prompts()
    part = spec.rephrase if strength <= 0 else spec.blank_fill
    style = rng.choice(spec.styles)
    text = parent if strength <= 0 else mask_words(parent, strength, rng)
    request = part["instruction"].format(description=template.labels.get(label, label), style=style, text=text)
    return chat(request) if chat is not None else f"{request}\n{part['answer']}"


def chat_formatter(lm: LanguageModel) -> Callable[[str], str] | None:
    """A user-turn wrapper from the model's chat template, or None for a base model (plain prompts)."""
    tok = lm.tokenizer  # None for a backend without a tokenizer
    if tok is None or not getattr(tok, "chat_template", None):
        return None

    def wrap(request: str) -> str:
        return str(tok.apply_chat_template([{"role": "user", "content": request}], tokenize=False,
                                           add_generation_prompt=True))

    return wrap


def vary(lm: LanguageModel, template: PromptTemplate, parents: list[Record], strengths: tuple[float, ...],
         params: SamplingConfig, seed: int, key: tuple[Any, ...]) -> tuple[list[Record], list[Rejection]]:
    """One variation of each parent (in order; child i at ``strengths[i % len]``). Children that fail to parse
    after MAX_ATTEMPTS are rejected (reason, no raw text), so len(children) + len(rejects) == len(parents)."""
    chat = chat_formatter(lm)
    done: dict[int, Record] = {}
    rejects: list[Rejection] = []
    pending = list(range(len(parents)))
    for attempt in range(MAX_ATTEMPTS):
        if not pending:
            break
        prompts, meta = [], []
        for i in pending:
            rng = random.Random(derive_seed("pe-vary", seed, *key, i, attempt))
            strength = strengths[i % len(strengths)]
            parent_text = shot_text(parents[i], template.max_shot_chars)
            prompts.append(variation_prompt(template, str(parents[i].label), parent_text, strength, rng, chat))
            meta.append({"variation_strength": strength, "attempt": attempt})
        outs = lm.generate(prompts, params, derive_seed("pe-vary-sample", seed, *key, attempt), stop=("\n",))
        retry = []
        for i, info, out in zip(pending, meta, outs):
            try:
                text = clean_text(out.text, truncated=out.finish_reason == "length", first_line_only=True)
                if " ".join(text.lower().split()) == " ".join((parents[i].text or "").lower().split()):
                    raise ParseFailure("copies_parent")
                if BLANK in text.split():
                    raise ParseFailure("blanks_left")
            except ParseFailure as fail:
                if attempt + 1 < MAX_ATTEMPTS:
                    retry.append(i)
                else:
                    rejects.append(Rejection(stage="generate", reason=f"variation_{fail.reason}",
                                             record_id=f"{parents[i].id}-var", detail=info))
                continue
            done[i] = Record(id=f"{parents[i].id}-var{i}", text=text, label=parents[i].label,
                             meta={"requested_label": parents[i].label, "n_tokens": out.n_tokens,
                                   "finish_reason": out.finish_reason, "model": lm.model_id, **info})
        pending = retry
    return [done[i] for i in sorted(done)], rejects
