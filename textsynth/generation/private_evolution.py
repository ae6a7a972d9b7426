"""Private Evolution for text (Aug-PE; Xie et al., "Differentially Private Synthetic Data via Foundation Model
APIs 2: Text", ICML 2024): (epsilon, delta)-DP synthetic text by inference only.

The seeds are never shown to the model. Per label:

1. RANDOM_API: the template's prompt with its public zero-shot examples (no seed) writes a population;
2. for t = 1..T: each seed votes for its nearest candidate(s) of its own label in MiniLM embedding space; the
   vote histogram over all candidates gets N(0, sigma^2) noise per bin (:mod:`textsynth.dp_noise`, OS CSPRNG)
   and is thresholded; parents are drawn in proportion to the noisy votes; while t < T, VARIATION_API writes
   the next population: the best-voted parents survive and the template's own few-shot prompt, with parents
   as the shots, writes the rest (a few-shot variation rather than Aug-PE's paraphrase prompt: it reuses the
   batched, KV-sharing Generator and needs no second template);
3. the last population, ranked by its noisy votes, is handed to the gate; if the gate asks for more, further
   variations of the best-voted candidates are written (post-processing: no further privacy cost).

Privacy: one seed adds at most ``1/sqrt(k)`` to each of ``k`` bins (``privacy.votes_per_seed``), so the
histogram's L2 sensitivity under add/remove of a seed is 1, whatever its label; T histograms are T Gaussian
mechanisms at sample rate 1, composed by opacus' PRV accountant, which calibrates sigma. Everything else
(selection, variation, ranking) reads only noisy votes and public text, so it is post-processing. With
``label_distribution: seed`` the per-label quotas come from a Laplace label histogram (its own epsilon share,
added to the total). The journal (one file per finished step) makes a crashed run resume with the same
populations and the same noisy votes; the noise already drawn is reused, never redrawn.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import math
import random
import shutil
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..config import GenerateConfig
from ..core.fingerprint import fingerprint
from ..errors import ConfigError, StaleShardsError
from ..records import Record, Rejection
from .plan import derive_seed, parse_distribution, quotas

if TYPE_CHECKING:
    from ..models.lm import LanguageModel
    from .generate import Generator

log = logging.getLogger(__name__)

MIN_POPULATION = 8  # per label: fewer candidates give the vote too little to choose from
SURVIVOR_SHARE = 0.5  # at most this share of a new population are surviving parents; variations fill the rest
ACCOUNTANT = "prv"

Embed = Callable[[Sequence[str]], np.ndarray]  # texts -> L2-normalised vectors, one row per text
Noise = Callable[[float], float]  # sigma -> one draw of N(0, sigma^2)


def _say(message: str) -> None:
    from tqdm.auto import tqdm

    tqdm.write(message, file=sys.stderr)
    log.info("%s", message)


# --- accounting ---------------------------------------------------------------------------------------------

def noise_multiplier(epsilon: float, delta: float, iterations: int) -> float:
    """Sigma for ``iterations`` Gaussian mechanisms of L2 sensitivity 1 (sample rate 1) at (epsilon, delta),
    from opacus' PRV accountant (``get_noise_multiplier``)."""
    from opacus.accountants.utils import get_noise_multiplier

    with warnings.catch_warnings():  # sample rate 1 makes the PRV's subsampling terms log(0); harmless here
        warnings.simplefilter("ignore")
        return float(get_noise_multiplier(target_epsilon=epsilon, target_delta=delta, sample_rate=1.0,
                                          steps=iterations, accountant=ACCOUNTANT, epsilon_tolerance=0.005))


def epsilon_spent(sigma: float, delta: float, iterations: int) -> float:
    """Epsilon of ``iterations`` Gaussian mechanisms with noise multiplier ``sigma`` at ``delta`` (opacus PRV)."""
    from opacus.accountants import PRVAccountant

    acc = PRVAccountant()
    acc.history = [(sigma, 1.0, iterations)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(acc.get_epsilon(delta=delta))


# --- the DP histogram -------------------------------------------------------------------------------------

def vote_histogram(seed_vectors: np.ndarray, seed_groups: Sequence[Any], candidate_vectors: np.ndarray,
                   candidate_groups: Sequence[Any], votes_per_seed: int = 1) -> np.ndarray:
    """Nearest-neighbour votes: each seed adds ``1/sqrt(k)`` to each of its k most cosine-similar candidates of
    its own group (label); a seed whose group has no candidate votes among all of them. L2 sensitivity 1."""
    votes = np.zeros(len(candidate_groups), dtype=np.float64)
    if len(seed_groups) == 0 or len(candidate_groups) == 0:
        return votes
    cand_groups = np.asarray([str(g) for g in candidate_groups])
    weight = 1.0 / math.sqrt(votes_per_seed)
    seed_groups_arr = np.asarray([str(g) for g in seed_groups])
    for group in dict.fromkeys(seed_groups_arr.tolist()):
        members = np.flatnonzero(cand_groups == group)
        if members.size == 0:
            members = np.arange(len(cand_groups))
        k = min(votes_per_seed, members.size)
        sims = seed_vectors[seed_groups_arr == group] @ candidate_vectors[members].T
        nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < members.size else np.tile(
            np.arange(members.size), (sims.shape[0], 1))
        np.add.at(votes, members[nearest.ravel()], weight)
    return votes


def add_noise(votes: np.ndarray, sigma: float, noise: Noise | None = None) -> np.ndarray:
    """The Gaussian mechanism: every bin + N(0, sigma^2) from the OS CSPRNG (or an injected ``noise`` in tests)."""
    from ..dp_noise import gaussian

    draw = noise or gaussian
    return np.asarray([float(v) + draw(sigma) for v in votes], dtype=np.float64)


# --- the method ---------------------------------------------------------------------------------------------

class PrivateEvolution:
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
        self.journal = Path(journal) if journal is not None else None
        self.resume = resume
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
        self._fingerprint = self._compute_fingerprint()
        if self.journal is not None:
            self._open_journal()

    # -- plumbing ------------------------------------------------------------------------------------------
    def _with_seed(self, *parts: Any) -> GenerateConfig:
        return dataclasses.replace(self.config, seed=derive_seed("pe", self.config.seed, *parts), method="prompt",
                                   output=None, resume=False)

    @property
    def lm(self) -> LanguageModel:
        if self._lm is None:
            self._lm = self.random_api.lm  # loaded once, shared by every generator below
        return self._lm

    def embed(self, texts: Sequence[str]) -> np.ndarray:
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

    # -- journal -------------------------------------------------------------------------------------------
    def _open_journal(self) -> None:
        from ..io import write_json

        assert self.journal is not None
        manifest = self.journal / "manifest.json"
        if manifest.is_file():
            old = json.loads(manifest.read_text(encoding="utf-8"))
            if self.resume and old.get("fingerprint") != self._fingerprint:
                raise StaleShardsError(f"{self.journal}: the Private Evolution journal was written under another "
                                       "configuration or other seeds; rerun without resume to start afresh")
            if not self.resume:
                self.cleanup()  # our own journal (its manifest says so): a fresh run starts from nothing
        elif self.journal.exists() and any(self.journal.iterdir()):
            raise StaleShardsError(f"{self.journal}: exists and is not a Private Evolution journal; "
                                   "textsynth does not overwrite what it did not write")
        self.journal.mkdir(parents=True, exist_ok=True)
        if not manifest.is_file():
            write_json(manifest, {"kind": "textsynth private evolution journal", "fingerprint": self._fingerprint})

    def _load(self, name: str) -> Any:
        if self.journal is None or not (self.journal / name).is_file():
            return None
        return json.loads((self.journal / name).read_text(encoding="utf-8"))

    def _save(self, name: str, obj: Any) -> None:
        if self.journal is not None:
            from ..io import write_json

            write_json(self.journal / name, obj, indent=None)

    def cleanup(self) -> None:
        """Remove the journal (it holds raw, unfiltered candidates); only a directory with our manifest."""
        if self.journal is not None and (self.journal / "manifest.json").is_file():
            shutil.rmtree(self.journal, ignore_errors=True)

    # -- labels and accounting -----------------------------------------------------------------------------
    def label_shares(self) -> dict[str, float]:
        """Label shares for the quotas; with ``label_distribution: seed`` from a DP (Laplace) label histogram."""
        if self._shares is not None:
            return self._shares
        spec = self.config.label_distribution
        if spec.strip() != "seed":
            self._shares = parse_distribution(spec, self.labels)
            return self._shares
        saved = self._load("labels.json")
        if saved is None:
            from ..dp_noise import laplace_histogram

            eps = self.privacy.label_epsilon_share * float(self.privacy.epsilon)  # type: ignore[arg-type]
            labels = [self.template.canonical_label(r.label) for r in self.seeds]
            counts = {lab: float(sum(1 for x in labels if x == lab)) for lab in self.labels}
            saved = {"epsilon": eps, "noisy_counts": laplace_histogram(counts, self.labels, eps)}
            self._save("labels.json", saved)
        self.eps_labels = saved["epsilon"]
        self.noisy_label_counts = saved["noisy_counts"]
        total = sum(self.noisy_label_counts.values())
        self._shares = ({lab: 1 / len(self.labels) for lab in self.labels} if total <= 0 else
                        {lab: c / total for lab, c in self.noisy_label_counts.items() if c > 0})
        return self._shares

    def _calibrate(self) -> float:
        if self.sigma is None:
            self.label_shares()  # fixes the label epsilon first
            eps = float(self.privacy.epsilon) - self._label_budget()  # type: ignore[arg-type]
            self.sigma = noise_multiplier(eps, self.privacy.delta, self.privacy.iterations)
        return self.sigma

    def _label_budget(self) -> float:
        if self.config.label_distribution.strip() == "seed":
            return self.privacy.label_epsilon_share * float(self.privacy.epsilon)  # type: ignore[arg-type]
        return 0.0

    def privacy_report(self) -> dict[str, Any]:
        """The guarantee, for the stats, the dataset card and the report."""
        sigma = self._calibrate()
        eps_pe = epsilon_spent(sigma, self.privacy.delta, self.privacy.iterations)
        return {
            "method": "private_evolution", "mechanism": "Private Evolution (Aug-PE): Gaussian mechanism on the "
            "seeds' nearest-neighbour vote histogram, L2 sensitivity 1 per seed",
            "epsilon": eps_pe + self.eps_labels, "delta": self.privacy.delta, "target_epsilon": self.privacy.epsilon,
            "epsilon_histograms": eps_pe, "epsilon_labels": self.eps_labels,
            "noisy_label_counts": self.noisy_label_counts, "iterations": self.privacy.iterations,
            "noise_multiplier": sigma, "votes_per_seed": self.privacy.votes_per_seed,
            "accountant": f"opacus {ACCOUNTANT.upper()} ({self.privacy.iterations} Gaussian mechanisms, sample rate 1)"
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
        seed_vecs, seed_groups = self._seed_votes_input()
        population: list[Record] = []
        T = self.privacy.iterations
        for t in range(T):
            t0 = time.perf_counter()
            population = self._population(t, population, sizes)
            saved = self._load(f"votes-{t}.json")
            if saved is None:
                cand_vecs = self.embed([r.content() for r in population])
                raw = vote_histogram(seed_vecs, seed_groups, cand_vecs, [r.label for r in population],
                                     self.privacy.votes_per_seed)
                noisy = add_noise(raw, sigma, self.noise)
                # Only the noisy histogram is kept (the raw votes are the private statistic).
                saved = {"noisy_votes": noisy.tolist(), "seconds": time.perf_counter() - t0}
                self._save(f"votes-{t}.json", saved)
            votes = np.asarray(saved["noisy_votes"])
            for rec, v in zip(population, votes):
                rec.meta["pe_noisy_votes"] = float(v)
            selected = int((votes > self.privacy.threshold).sum())
            self.stats["iterations"].append({"iteration": t + 1, "population": len(population),
                                             "selected": selected, "seconds": round(saved["seconds"], 1)})
            self.say(f"private evolution: iteration {t + 1}/{T}: {len(population)} candidates, {selected} above "
                     f"the threshold (sigma {sigma:.2f})")
        # The handout: the last population's candidates above the threshold, best noisy votes first (all of
        # them, ranked, when none is above it).
        ranked = {lab: sorted((r for r in population if r.label == lab), key=lambda r: -r.meta["pe_noisy_votes"])
                  for lab in sizes}
        self.final = {lab: [r for r in recs if r.meta["pe_noisy_votes"] > self.privacy.threshold] or recs
                      for lab, recs in ranked.items()}
        return self.final

    def _seed_votes_input(self) -> tuple[np.ndarray, list[str | None]]:
        texts = [r.content() for r in self.seeds]
        groups = [self.template.canonical_label(r.label) for r in self.seeds]
        return self.embed(texts), groups

    def _population(self, t: int, previous: list[Record], sizes: dict[str, int]) -> list[Record]:
        """P_t: from the journal, or RANDOM_API (t = 0) / survivors + VARIATION_API of P_{t-1}'s noisy votes.

        Written in parts of ``generate.shard_size`` documents, so a crash loses at most one part."""
        saved = self._load(f"population-{t}.json")
        if saved is not None:
            return [Record.from_dict(row) for row in saved["records"]]
        out: list[Record] = []
        n_rejects = 0
        for li, (lab, size) in enumerate(sizes.items()):
            if t == 0:
                recs: list[Record] = []
                parents: list[Record] = []
            else:
                parents = self._select([r for r in previous if r.label == lab], size, t, lab)
                survivors = list(dict.fromkeys(id(r) for r in parents))[: int(size * SURVIVOR_SHARE)]
                by_id = {id(r): r for r in parents}
                recs = [by_id[i] for i in survivors]
            need = size - len(recs)
            for j, start in enumerate(range(0, need, self.config.shard_size)):
                name = f"population-{t}-label{li}-part{j}.json"
                part = self._load(name)
                if part is None:
                    count = min(self.config.shard_size, need - start)
                    if t == 0:
                        made, rejects = self.random_api.generate_quota({lab: count}, round=j)  # with a progress bar
                    else:
                        made, rejects = self._variations(parents, {lab: count}, ("evolve", t, lab, j))
                    part = {"records": [r.to_dict() for r in made], "generation_rejects": len(rejects)}
                    self._save(name, part)
                recs.extend(Record.from_dict(row) for row in part["records"])
                n_rejects += part["generation_rejects"]
            for k, rec in enumerate(recs):
                meta = {key: v for key, v in rec.meta.items() if key != "pe_noisy_votes"}
                out.append(dataclasses.replace(rec, id=f"pe-{t}-{lab}-{k:05d}",
                                               meta={**meta, "method": "private_evolution", "pe_iteration": t}))
        self.stats["generation_rejects"] += n_rejects
        self._save(f"population-{t}.json", {"records": [r.to_dict() for r in out], "generation_rejects": n_rejects})
        return out

    def _select(self, candidates: list[Record], size: int, t: int, label: str) -> list[Record]:
        """``size`` parents drawn with replacement in proportion to the thresholded noisy votes (post-processing;
        a seeded draw is fine here: it reads only released votes)."""
        weights = [max(0.0, r.meta["pe_noisy_votes"] - self.privacy.threshold) for r in candidates]
        if not candidates:
            return []
        if sum(weights) <= 0:
            weights = [1.0] * len(candidates)  # nothing above the threshold: every candidate equally likely
        rng = random.Random(derive_seed("pe-select", self.config.seed, t, label))
        drawn = rng.choices(range(len(candidates)), weights=weights, k=size)
        drawn.sort(key=lambda i: -weights[i])  # best first, so survivors are the best-voted parents
        return [candidates[i] for i in drawn]

    def _variations(self, parents: list[Record], request: dict[str, int], key: tuple[Any, ...],
                    on_document: Callable[[], None] | None = None) -> tuple[list[Record], list[Rejection]]:
        """VARIATION_API: the template's few-shot prompt with DP-selected synthetic ``parents`` as the shots."""
        from .generate import Generator

        request = {lab: c for lab, c in request.items() if c > 0}
        if not request or not parents:
            return [], []
        gen: Generator = Generator(self._with_seed(*key), parents, lm=self.lm)
        gen.template = self.template
        return gen.generate_quota(request, round=0, on_document=on_document)  # None: a progress bar of its own

    # -- the gate's interface ----------------------------------------------------------------------------
    def generate_quota(self, quotas: dict[str, int], round: int, on_document: Callable[[], None] | None = None
                       ) -> tuple[list[Record], list[Rejection]]:
        """Hand the gate the next best-voted candidates per label; past the final population, variations of it."""
        final = self.evolve()
        if not self.handed:
            self.handed = {int(k): v for k, v in (self._load("handed.json") or {}).items()}
        used = {lab: sum(h.get(lab, 0) for r, h in self.handed.items() if r < round) for lab in final}
        records: list[Record] = []
        extra: dict[str, int] = {}
        taken: dict[str, int] = {}
        for lab, count in quotas.items():
            pool = final.get(lab, [])
            start = used.get(lab, 0)
            chunk = pool[start:start + count]
            taken[lab] = len(chunk)
            records.extend(dataclasses.replace(r, id=f"pe-r{round}-{lab}-{k:05d}") for k, r in enumerate(chunk))
            if on_document is not None:
                for _ in chunk:
                    on_document()
            if count > len(chunk):
                extra[lab] = count - len(chunk)
        self.handed = {r: h for r, h in self.handed.items() if r < round}
        self.handed[round] = taken
        self._save("handed.json", self.handed)
        rejects: list[Rejection] = []
        for lab, count in extra.items():
            recs, rej = self._variations(final.get(lab, []), {lab: count}, ("more", round, lab), on_document)
            records.extend(dataclasses.replace(r, id=f"pe-r{round}-{lab}-v{k:05d}",
                                               meta={**r.meta, "method": "private_evolution", "pe_iteration": "post"})
                           for k, r in enumerate(recs))
            rejects.extend(rej)
        return records, rejects
