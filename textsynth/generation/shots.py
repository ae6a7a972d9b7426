"""Which seeds a document slot is prompted with: a seeded rotation through the seeds of its label.

A slot's shots depend only on the config seed, its stream, its label's ordinal group and its attempt, so a
resumed run prompts every slot as the interrupted one did. ``typical_seeds`` narrows each label's pool to
the seeds a seed-trained classifier finds most typical (the template's ``shot_pool``).
"""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from ..records import Record
from .plan import derive_seed
from .prompts import PromptTemplate, shot_text

T = TypeVar("T")

SeedRefs = Callable[[list[Record]], list[str]]  # keyed references of seed records (never their ids)


@dataclass
class Slot:
    """One document to generate: its label, where it sits in its label's rotation, and its rendered prompt."""

    key: str  # stable id of the document slot, e.g. "gen-000042"
    label: str
    ordinal: int  # how many earlier slots asked for the same label (drives shot rotation)
    stream: str  # "main" or "quota-<round>": separates shot rotations
    attempt: int = 0
    prompt: str = ""
    shot_refs: list[str] = field(default_factory=list)  # keyed references of the shots' seeds
    negative_prompt: str | None = None  # the contrast prompt for classifier-free guidance
    per_prompt: int = 1  # consecutive ordinals of a label that share one prompt (shots, order, domain)

    @property
    def group(self) -> int:
        """Which prompt of its label this slot samples from."""
        return self.ordinal // max(1, self.per_prompt)


def typical_seeds(pool: dict[str | None, list[Record]], share: float, seed: int) -> dict[str | None, list[Record]]:
    """Keep, per label, the share of seeds a TF-IDF classifier trained on the seeds scores most typical."""
    labelled = {lab: recs for lab, recs in pool.items() if lab is not None and recs}
    if len(labelled) < 2 or sum(len(v) for v in labelled.values()) < 20:
        return pool
    from ..classify import TextClassifier

    texts = [r.content() for recs in labelled.values() for r in recs]
    labels = [lab for lab, recs in labelled.items() for _ in recs]
    clf = TextClassifier(seed=seed).fit(texts, labels)
    out = dict(pool)
    for lab, recs in labelled.items():
        proba = clf.predict_proba([r.content() for r in recs])[:, clf.classes_.index(lab)]
        keep = max(1, int(len(recs) * share + 0.5))
        order = sorted(range(len(recs)), key=lambda i: (-proba[i], i))[:keep]
        out[lab] = [recs[i] for i in sorted(order)]
    return out


def pick_shots(item: Slot, template: PromptTemplate, pool: dict[str | None, list[Record]], k: int, seed: int,
               seed_refs: SeedRefs) -> tuple[list[str] | list[tuple[str, str]], list[str]]:
    """Few-shot texts (and seed refs) for a slot: a seeded rotation through the seeds of its label."""
    if k <= 0 or template.style == "control":
        return [], []
    label_pool = pool.get(item.label)
    if not label_pool and None in pool and len(pool) == 1:
        label_pool = pool[None]  # unlabelled seeds (e.g. chat logs) serve every label
    if not label_pool:  # the template's public examples; rotated like seeds when it has more than k
        examples = template.zero_shot_examples.get(item.label, [])
        return (examples[:k] if len(examples) <= k else rotate(examples, item, item.label, k, seed)), []
    if template.shot_labels == "all" and len([lab for lab in template.labels if pool.get(lab)]) > 1:
        return contrastive_shots(item, template, pool, k, seed, seed_refs)
    chosen = rotate(label_pool, item, item.label, k, seed)
    return [shot_text(r, template.max_shot_chars) for r in chosen], seed_refs(chosen)


def rotate(pool: list[T], item: Slot, label: str | None, k: int, seed: int) -> list[T]:
    """k items (seeds or public examples) from a seeded permutation of ``pool``, advancing with the slot's ordinal
    (and attempt)."""
    rng = random.Random(derive_seed("shots", seed, item.stream, label))
    perm = list(range(len(pool)))
    rng.shuffle(perm)
    start = (item.group + item.attempt * 7919) * k
    return [pool[perm[(start + j) % len(pool)]] for j in range(min(k, len(pool)))]


def contrastive_shots(item: Slot, template: PromptTemplate, pool: dict[str | None, list[Record]], k: int,
                      seed: int, seed_refs: SeedRefs) -> tuple[list[tuple[str, str]], list[str]]:
    """Labelled shots of every label (k in all, shuffled) so the model sees the contrast between classes."""
    labels = [lab for lab in template.labels if pool.get(lab)]
    per = max(1, k // len(labels))
    pairs = [(lab, r) for lab in labels for r in rotate(pool[lab], item, lab, per, seed)]  # type: ignore[index]
    random.Random(derive_seed("shot-order", seed, item.stream, item.label, item.group,
                              item.attempt)).shuffle(pairs)
    return ([(lab, shot_text(r, template.max_shot_chars)) for lab, r in pairs], seed_refs([r for _, r in pairs]))


def domain_for(item: Slot, template: PromptTemplate, has_shots: bool, has_seeds: bool, seed: int) -> str:
    """The prompt's {domain}: the seeds' own when shots come from seeds, else one of the template's in turn."""
    if has_shots and has_seeds:
        return template.seed_domain
    domains = template.domains
    return domains[derive_seed("domain", seed, item.stream, item.label, item.group, item.attempt) % len(domains)]
