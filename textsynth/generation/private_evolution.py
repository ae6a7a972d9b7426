"""Private Evolution for text (Aug-PE; Xie et al., "Differentially Private Synthetic Data via Foundation Model
APIs 2: Text", ICML 2024): (epsilon, delta)-DP synthetic text by inference only.

The seeds are never shown to the model. Per label:

1. RANDOM_API: the template's prompt with its public zero-shot examples (no seed) writes a population;
2. for t = 1..T: near-duplicate candidates are dropped (public text only), each seed votes for its nearest
   candidate(s) of its own label in MiniLM embedding space (with ``privacy.cross_label_votes``: among all
   labels' candidates, into a (candidate, seed label) histogram, and a candidate scores its own label's votes
   minus the other labels'), and the vote histogram gets N(0, sigma^2) noise per bin (:mod:`.pe_privacy`);
   while t < T the next population is written from the noisy votes as Aug-PE does:
   the top-ranked parents survive, each with ``variations_per_parent`` variations (VARIATION_API,
   :mod:`.pe_variation`: rephrase in a style, or fill in a share of its words blanked), plus a
   ``random_share`` of fresh RANDOM_API samples that keep the population from collapsing onto a few parents;
3. the last population, ranked by its noisy votes, is handed to the gate best first (Aug-PE's rank selection:
   with ``population_factor`` L the gate keeps about the top 1/L); with ``privacy.vote_label_filter`` (and
   cross-label votes) a label classifier fitted to the noisy votes (:class:`.pe_selection.VoteLabelModel`) instead
   ranks every iteration's voted candidates and keeps those whose own label it ranks first; if the gate asks for
   more, further variations of the best candidates are written (all post-processing: no further privacy cost).

Privacy: one seed adds at most ``1/sqrt(k)`` to each of ``k`` bins (``privacy.votes_per_seed``; across labels
too: its k bins are in its own label's column), so the histogram's L2 sensitivity under add/remove of a seed
is 1, whatever its label; T histograms are T Gaussian mechanisms at sample rate 1, composed by opacus' PRV
accountant, which calibrates sigma. Everything else (deduplication, selection, variation, ranking) reads only
noisy votes and public text, so it is post-processing. With ``label_distribution: seed`` the per-label quotas
come from a Laplace label histogram (its own epsilon share, added to the total). The journal
(:mod:`.pe_journal`) makes a crashed run resume with the same populations and the same noisy votes.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import math
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..config import GenerateConfig
from ..core.candidates import CandidateSource
from ..core.fingerprint import fingerprint
from ..errors import ConfigError
from ..records import Record, Rejection
from .pe_journal import Journal
from .pe_privacy import (ACCOUNTANT, Noise, add_noise, epsilon_spent, label_margin, label_vote_histogram,
                         near_duplicates, noise_multiplier, vote_histogram)
from .pe_selection import choose_by_vote_model
from .plan import derive_seed, parse_distribution, quotas

if TYPE_CHECKING:
    from ..models.lm import LanguageModel

__all__ = ["PrivateEvolution", "add_noise", "epsilon_spent", "noise_multiplier", "vote_histogram"]

log = logging.getLogger(__name__)

MIN_POPULATION = 8  # per label: fewer candidates give the vote too little to choose from

Embed = Callable[[Sequence[str]], np.ndarray]  # texts -> L2-normalised vectors, one row per text
Make = Callable[[int, int], tuple[list[Record], list[Rejection]]]  # (count, part) -> candidates, rejects


def _say(message: str) -> None:
    from tqdm.auto import tqdm

    tqdm.write(message, file=sys.stderr)
    log.info("%s", message)


class PrivateEvolution(CandidateSource):
    """A gate candidate source (``generate_quota``) whose candidates come from Private Evolution."""

    def __init__(self, config: GenerateConfig, seeds: Sequence[Record], lm: LanguageModel | None = None, *,
                 embed: Embed | None = None, noise: Noise | None = None, journal: str | Path | None = None,
                 resume: bool = False, progress: Callable[[str], None] | None = None):
        """``journal``: directory of finished steps (populations and noisy votes), resumed with ``resume``;
        ``embed`` and ``noise`` default to MiniLM and :func:`textsynth.dp_noise.gaussian` (tests inject fakes)."""
        from .generate import Generator

        if config.privacy.epsilon is None:
            raise ConfigError("generate.privacy.epsilon: private_evolution needs a privacy budget")
        self.config = config
        self.privacy = config.privacy
        self.seeds = list(seeds)
        self._lm = lm
        self._embed = embed
        self.noise = noise
        self.say = progress or _say
        # The RANDOM_API generator: no seeds, so its prompts carry only the template's public examples; it uses
        # the seeds' label scheme when the template does not know every seed label (label names are public).
        self.random_api = Generator(self._with_seed("random"), [], lm=self._lm)
        seed_labels = {str(r.label) for r in self.seeds if r.label is not None}
        if seed_labels and self.random_api.template.style != "control":
            self.random_api.template = self.random_api.template.for_seed_labels(seed_labels)
        self.template = self.random_api.template
        self.labels = list(self.template.labels)
        self.eps_labels = 0.0
        self.noisy_label_counts: dict[str, float] | None = None
        self._shares: dict[str, float] | None = None
        self.sigma: float | None = None
        self.final: dict[str, list[Record]] | None = None
        self.handed: dict[int, dict[str, int]] = {}
        self.stats: dict[str, Any] = {"iterations": [], "generation_rejects": 0}
        # per iteration: voted candidates, noisy votes (label columns: cross-label votes only), vectors or None
        self._voted: list[tuple[list[Record], np.ndarray, np.ndarray | None]] = []
        self._vote_label_filter = self.privacy.vote_label_filter and self.privacy.cross_label_votes
        self._fingerprint = self._compute_fingerprint()
        self.journal = Journal(journal, self._fingerprint, resume)

    # -- plumbing ------------------------------------------------------------------------------------------
    def _with_seed(self, *parts: Any) -> GenerateConfig:
        return dataclasses.replace(self.config, seed=derive_seed("pe", self.config.seed, *parts), method="prompt",
                                   output=None, resume=False)

    @property
    def lm(self) -> LanguageModel:
        """The model, loaded once and shared by the random and the variation API."""
        if self._lm is None:
            self._lm = self.random_api.lm
        return self._lm

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """MiniLM embeddings (L2-normalised) unless a test injected ``embed``."""
        if self._embed is None:
            from ..models.embeddings import embed

            self._embed = embed
        return self._embed(list(texts))

    def _compute_fingerprint(self) -> str:
        cfg = dataclasses.replace(self.config, output=None, resume=False)
        return fingerprint(cfg, self.template, stream=(json.dumps([r.label, r.content()]).encode() for r in self.seeds))

    def fingerprint(self) -> str:
        """What determines the outputs (config, template, seeds); the DP noise is journalled, not fingerprinted."""
        return self._fingerprint

    def cleanup(self) -> None:
        """Remove the journal (it holds raw, unfiltered candidates)."""
        self.journal.cleanup()

    # -- labels and accounting -----------------------------------------------------------------------------
    def label_shares(self) -> dict[str, float]:
        """Label shares for the quotas; with ``label_distribution: seed`` from a DP (Laplace) label histogram."""
        if self._shares is not None:
            return self._shares
        if self.config.label_distribution.strip() != "seed":
            self._shares = parse_distribution(self.config.label_distribution, self.labels)
            return self._shares
        saved = self.journal.load("labels.json")
        if saved is None:
            from ..dp_noise import laplace_histogram

            eps = self._label_budget()
            labels = [self.template.canonical_label(r.label) for r in self.seeds]
            counts = {lab: float(sum(1 for x in labels if x == lab)) for lab in self.labels}
            saved = {"epsilon": eps, "noisy_counts": laplace_histogram(counts, self.labels, eps)}
            self.journal.save("labels.json", saved)
        self.eps_labels = saved["epsilon"]
        counts = self.noisy_label_counts = saved["noisy_counts"]
        total = sum(counts.values())
        self._shares = ({lab: 1 / len(self.labels) for lab in self.labels} if total <= 0 else
                        {lab: c / total for lab, c in counts.items() if c > 0})
        return self._shares

    def _epsilon(self) -> float:
        assert self.privacy.epsilon is not None  # checked in __init__
        return float(self.privacy.epsilon)

    def _label_budget(self) -> float:
        if self.config.label_distribution.strip() == "seed":
            return self.privacy.label_epsilon_share * self._epsilon()
        return 0.0

    def _calibrate(self) -> float:
        if self.sigma is None:
            self.label_shares()  # fixes the label epsilon first
            self.sigma = noise_multiplier(self._epsilon() - self._label_budget(), self.privacy.delta,
                                          self.privacy.iterations)
        return self.sigma

    def privacy_report(self) -> dict[str, Any]:
        """The guarantee, for the stats, the dataset card and the report."""
        sigma = self._calibrate()
        p = self.privacy
        eps_pe = epsilon_spent(sigma, p.delta, p.iterations)
        return {
            "method": "private_evolution", "mechanism": "Private Evolution (Aug-PE): Gaussian mechanism on the "
            "seeds' nearest-neighbour vote histogram" + (" across labels (a seed votes for its nearest candidate "
            "of any label, in its own label's column)" if p.cross_label_votes else "") + ", L2 sensitivity 1 per seed",
            "cross_label_votes": p.cross_label_votes,
            "vote_label_filter": self._vote_label_filter,
            "epsilon": eps_pe + self.eps_labels, "delta": p.delta, "target_epsilon": p.epsilon,
            "epsilon_histograms": eps_pe, "epsilon_labels": self.eps_labels,
            "noisy_label_counts": self.noisy_label_counts, "iterations": p.iterations,
            "noise_multiplier": sigma, "votes_per_seed": p.votes_per_seed,
            "variation": {"variations_per_parent": p.variations_per_parent,
                          "strengths": list(p.variation_strengths), "random_share": p.random_share,
                          "max_similarity": p.max_similarity, "selection": "rank"},
            "accountant": f"opacus {ACCOUNTANT.upper()} ({p.iterations} Gaussian mechanisms, sample rate 1)"
                          + (" + Laplace label histogram (sequential composition)" if self.eps_labels else ""),
            "noise_source": "OS CSPRNG (secrets)" if self.noise is None else "injected (test)",
            "covers": "add/remove of one seed record: its text and its label",
            "seeds_in_prompts": False, "unit": "seed record",
        }

    # -- evolution -------------------------------------------------------------------------------------------
    def _targets(self) -> dict[str, int]:
        q = {lab: c for lab, c in quotas(self.config.n, self.label_shares()).items() if c > 0}
        return {lab: max(MIN_POPULATION, math.ceil(self.privacy.population_factor * c)) for lab, c in q.items()}

    def evolve(self) -> dict[str, list[Record]]:
        """Run (or resume) the T iterations; the final population per label, best noisy votes first."""
        if self.final is not None:
            return self.final
        sigma = self._calibrate()
        sizes = self._targets()
        seed_vecs = self.embed([r.content() for r in self.seeds])
        seed_groups = [self.template.canonical_label(r.label) for r in self.seeds]
        population: list[Record] = []
        for t in range(self.privacy.iterations):
            t0 = time.perf_counter()
            population = self._population(t, population, sizes)
            population = self._vote(t, population, seed_vecs, seed_groups, sigma, t0)
        # Aug-PE's final selection is by rank: the candidates above the threshold, best noisy votes first (all
        # of them, ranked, when none is above it); the gate takes them in that order.
        ranked = {lab: sorted((r for r in population if r.label == lab), key=lambda r: -r.meta["pe_noisy_votes"])
                  for lab in sizes}
        self.final = {lab: [r for r in recs if r.meta["pe_noisy_votes"] > self.privacy.threshold] or recs
                      for lab, recs in ranked.items()}
        if self._vote_label_filter:
            self.final = self._by_vote_model(sizes)
        return self.final

    def _by_vote_model(self, sizes: dict[str, int]) -> dict[str, list[Record]]:
        """:func:`.pe_selection.choose_by_vote_model`; a label it keeps none of keeps the noisy-vote ranking."""
        assert self.final is not None
        voted = [(recs, m, v if v is not None else self.embed([r.content() for r in recs])) for recs, m, v in self._voted]
        chosen = choose_by_vote_model(voted, self.labels, list(sizes))
        if chosen is None:
            return self.final
        final = {lab: recs or self.final.get(lab, []) for lab, recs in chosen[0].items()}
        kept = sum(len(v) for v in final.values())
        self.stats["vote_label_filter"] = {"voted_candidates": chosen[1], "final_kept": kept}
        self.say(f"private evolution: vote label model keeps {kept} of the {chosen[1]} candidates voted on in "
                 f"{len(voted)} iteration(s)")
        return final

    def _vote(self, t: int, population: list[Record], seed_vecs: np.ndarray, seed_groups: list[str | None],
              sigma: float, t0: float) -> list[Record]:
        """Drop near-duplicates (public), then the noisy vote histogram (journalled); the voted candidates."""
        saved = self.journal.load(f"votes-{t}.json")
        voted_vecs: np.ndarray | None = None  # recomputed by the vote label model after a resume
        if saved is None:
            cand_vecs = self.embed([r.content() for r in population])
            groups = [r.label for r in population]
            dropped = near_duplicates(cand_vecs, groups, self.privacy.max_similarity)
            keep = np.setdiff1d(np.arange(len(population)), dropped)
            voted_vecs = cand_vecs[keep]
            if self.privacy.cross_label_votes:  # (candidates x labels): a seed votes among every label's candidates
                raw = label_vote_histogram(seed_vecs, seed_groups, voted_vecs, self.labels,
                                           self.privacy.votes_per_seed)
            else:
                raw = vote_histogram(seed_vecs, seed_groups, voted_vecs, [groups[i] for i in keep],
                                     self.privacy.votes_per_seed)
            # Only the noisy histogram is kept (the raw votes are the private statistic).
            saved = {"noisy_votes": add_noise(raw, sigma, self.noise).tolist(), "near_duplicates": dropped,
                     "seconds": time.perf_counter() - t0}
            self.journal.save(f"votes-{t}.json", saved)
        gone = set(saved["near_duplicates"])
        voted = [r for i, r in enumerate(population) if i not in gone]
        scores = np.asarray(saved["noisy_votes"], dtype=np.float64)
        if self.privacy.cross_label_votes:  # own label's noisy votes minus the other labels' (post-processing)
            matrix = scores.reshape(len(voted), len(self.labels))
            scores = label_margin(matrix, [str(r.label) for r in voted], self.labels)
            self._voted.append((list(voted), matrix, voted_vecs))
        for rec, v in zip(voted, scores):
            rec.meta["pe_noisy_votes"] = float(v)
        selected = int((scores > self.privacy.threshold).sum())
        self.stats["iterations"].append({"iteration": t + 1, "population": len(population),
                                         "near_duplicates": len(gone), "selected": selected,
                                         "seconds": round(saved["seconds"], 1)})
        self.say(f"private evolution: iteration {t + 1}/{self.privacy.iterations}: {len(population)} candidates, "
                 f"{len(gone)} near-duplicates dropped, {selected} above the threshold (sigma {sigma:.2f})")
        return voted

    def _population(self, t: int, previous: list[Record], sizes: dict[str, int]) -> list[Record]:
        """P_t: from the journal, or RANDOM_API (t = 0) / Aug-PE's survivors + variations + fresh random
        samples (t > 0); written in parts of ``generate.shard_size`` documents (a crash loses one part)."""
        saved = self.journal.load(f"population-{t}.json")
        if saved is not None:
            return [Record.from_dict(row) for row in saved["records"]]
        out: list[Record] = []
        n_rejects = 0
        for li, (lab, size) in enumerate(sizes.items()):
            recs, rejects = self._label_population(t, li, lab, size, [r for r in previous if r.label == lab])
            n_rejects += rejects
            for k, rec in enumerate(recs):
                meta = {key: v for key, v in rec.meta.items() if key != "pe_noisy_votes"}
                out.append(dataclasses.replace(rec, id=f"pe-{t}-{lab}-{k:05d}",
                                               meta={**meta, "method": "private_evolution", "pe_iteration": t}))
        self.stats["generation_rejects"] += n_rejects
        self.journal.save(f"population-{t}.json", {"records": [r.to_dict() for r in out],
                                                   "generation_rejects": n_rejects})
        return out

    def _label_population(self, t: int, li: int, lab: str, size: int, previous: list[Record]
                          ) -> tuple[list[Record], int]:
        """One label's P_t and how many generations were rejected."""
        def random_api(count: int, part: int) -> tuple[list[Record], list[Rejection]]:
            return self.random_api.generate_quota({lab: count}, round=t * 1000 + part)

        if t == 0 or not previous:
            return self._parts(f"population-{t}-label{li}-random", size, random_api)
        p = self.privacy
        n_random = int(round(p.random_share * size))
        n_parents = min(len(previous), max(1, math.ceil((size - n_random) / (p.variations_per_parent + 1))))
        parents = sorted(previous, key=lambda r: -r.meta["pe_noisy_votes"])[:n_parents]  # rank selection
        n_children = min(size - n_random - n_parents, n_parents * p.variations_per_parent)
        # Parent j's children are consecutive, so child i's strength (i % len) varies within a parent's brood.
        brood = [par for par in parents for _ in range(p.variations_per_parent)][:n_children]

        def variation_api(count: int, part: int) -> tuple[list[Record], list[Rejection]]:
            start = part * self.config.shard_size
            return self._variations(brood[start:start + count], ("evolve", t, lab, part))

        children, r1 = self._parts(f"population-{t}-label{li}-var", n_children, variation_api)
        fresh, r2 = self._parts(f"population-{t}-label{li}-random", size - n_parents - len(children), random_api)
        return list(parents) + children + fresh, r1 + r2

    def _parts(self, name: str, count: int, make: Make) -> tuple[list[Record], int]:
        """``count`` candidates from ``make`` in journalled parts of ``shard_size``; (records, rejects)."""
        recs: list[Record] = []
        n_rejects = 0
        for j, start in enumerate(range(0, count, self.config.shard_size)):
            part = self.journal.load(f"{name}-part{j}.json")
            if part is None:
                made, rejects = make(min(self.config.shard_size, count - start), j)
                part = {"records": [r.to_dict() for r in made], "generation_rejects": len(rejects)}
                self.journal.save(f"{name}-part{j}.json", part)
            recs.extend(Record.from_dict(row) for row in part["records"])
            n_rejects += part["generation_rejects"]
        return recs, n_rejects

    def _variations(self, parents: list[Record], key: tuple[Any, ...]) -> tuple[list[Record], list[Rejection]]:
        """VARIATION_API: one variation per parent (Aug-PE's rephrase / blank-fill prompts on text templates; a
        few-shot prompt with the parents as shots for chat templates, which a one-line rewrite cannot carry)."""
        if not parents:
            return [], []
        if self.template.output == "text" and self.template.style != "control":
            from .pe_variation import vary

            return vary(self.lm, self.template, parents, self.privacy.variation_strengths,
                        self.random_api.params, derive_seed("pe", self.config.seed), key)
        from .generate import Generator

        gen = Generator(self._with_seed(*key), parents, lm=self.lm)
        gen.template = self.template
        counts: dict[str, int] = {}
        for r in parents:
            counts[str(r.label)] = counts.get(str(r.label), 0) + 1
        return gen.generate_quota(counts, round=0)

    # -- the gate's interface ----------------------------------------------------------------------------
    def generate_quota(self, quotas: dict[str, int], round: int, on_document: Callable[[], None] | None = None
                       ) -> tuple[list[Record], list[Rejection]]:
        """Hand the gate the next best-voted candidates per label; past the final population, variations of it."""
        final = self.evolve()
        if not self.handed:
            self.handed = {int(k): v for k, v in (self.journal.load("handed.json") or {}).items()}
        used = {lab: sum(h.get(lab, 0) for r, h in self.handed.items() if r < round) for lab in final}
        records: list[Record] = []
        extra: dict[str, int] = {}
        taken: dict[str, int] = {}
        for lab, count in quotas.items():
            chunk = final.get(lab, [])[used.get(lab, 0):used.get(lab, 0) + count]
            taken[lab] = len(chunk)
            records.extend(dataclasses.replace(r, id=f"pe-r{round}-{lab}-{k:05d}") for k, r in enumerate(chunk))
            if count > len(chunk):
                extra[lab] = count - len(chunk)
        self.handed = {r: h for r, h in self.handed.items() if r < round}
        self.handed[round] = taken
        self.journal.save("handed.json", self.handed)
        rejects: list[Rejection] = []
        for lab, count in extra.items():
            pool = final.get(lab, [])
            parents = [pool[i % len(pool)] for i in range(count)] if pool else []
            recs, rej = self._variations(parents, ("more", round, lab))
            records.extend(dataclasses.replace(r, id=f"pe-r{round}-{lab}-v{k:05d}",
                                               meta={**r.meta, "method": "private_evolution", "pe_iteration": "post"})
                           for k, r in enumerate(recs))
            rejects.extend(rej)
        if on_document is not None:
            for _ in range(len(records) + len(rejects)):
                on_document()
        return records, rejects
