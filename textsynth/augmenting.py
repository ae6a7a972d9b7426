"""augment(): a Hugging Face dataset plus filtered synthetic rows, in one call (scrub, generate, filter).

(The module is not called ``augment`` so that ``textsynth.augment`` stays the function.)
"""
from __future__ import annotations

import logging
import math
import warnings
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .config import FilterConfig, GenerateConfig, ReadConfig, RunConfig, ScrubConfig
from .core.candidates import CandidateSource
from .core.seed_pii import SeedPiiIndex
from .errors import ConfigError, GenerationCapError, InputError
from .records import Record

if TYPE_CHECKING:
    from .models.lm import LanguageModel

log = logging.getLogger(__name__)

AUGMENT_MIN_ATTEMPTS = 64  # a request for a handful of rows still gets this many candidates
SMALL_SEED_SET = 200  # fewer seeds: fewer shots to rotate and a weaker label classifier, so fewer outputs pass
MAX_SEED_SCALE = 4.0


def augment_attempt_factor(base: float, n: int, n_seeds: int) -> float:
    """The gate's attempt factor for ``augment``: ``base`` scaled up by sqrt(SMALL_SEED_SET / n_seeds) for small
    seed sets (at most x4), and high enough that ``n`` rows may use AUGMENT_MIN_ATTEMPTS candidates."""
    scale = min(MAX_SEED_SCALE, max(1.0, math.sqrt(SMALL_SEED_SET / max(n_seeds, 1))))
    return max(base * scale, AUGMENT_MIN_ATTEMPTS / max(n, 1))


def augment(dataset: Any, n: int, label_column: str = "label", text_column: str = "text", task: str = "sentiment",
            config: RunConfig | None = None, *, lm: LanguageModel | None = None, seed: int | None = None, model: str | None = None,
            progress: bool = True, split: str | None = None) -> Any:
    """Real rows plus up to ``n`` filtered synthetic rows as one ``datasets.Dataset`` with a ``synthetic`` flag.

    Runs scrub, generate and filter with defaults. The real rows come back unchanged; synthetic rows use the
    dataset's own label names (ClassLabel ids stay ids, integer labels stay integers), leave other columns empty
    and carry their provenance (model, template, sampling, requested label) as JSON in ``synthetic_meta``.
    Generation follows the seed label distribution, so every synthetic label is one the dataset has. The attempt
    budget grows for small seed sets (``augment_attempt_factor``).

    Args:
        dataset: a ``datasets.Dataset``, or a ``DatasetDict`` together with ``split``.
        n: synthetic rows wanted.
        label_column, text_column: the dataset's columns.
        task: the prompt template (sentiment, chat, text).
        config: every other setting (defaults otherwise); ``seed`` and ``model`` override its generate section.
        lm: an already loaded language model (instead of loading ``model``).
        seed: generation seed.
        model: embedded model id, Hugging Face id or local directory.
        progress: show the progress bar.
        split: the split of a ``DatasetDict`` to augment.

    Returns:
        A ``datasets.Dataset``: the real rows, then the synthetic ones.

    Raises:
        ConfigError: a missing column, or a ``DatasetDict`` without a valid ``split``.
        InputError: no rows, or none usable after scrubbing.

    When the gate runs out of attempts, the rows it kept are returned with a ``UserWarning`` saying how many of
    ``n`` came back: what passed the gate is never thrown away.
    """
    from .generation.generate import Generator

    dataset = _one_split(dataset, split)
    cfg = _with_overrides(config or RunConfig(), seed, model)
    seeds, seed_pii = _scrubbed_rows(dataset, text_column, label_column, cfg)
    gen_cfg = replace(cfg.generate, task=task, n=n, output=None, resume=False, label_distribution="seed")
    filter_cfg = replace(cfg.filter, max_attempts_factor=augment_attempt_factor(
        cfg.filter.max_attempts_factor, n, len(seeds)))
    generator = Generator(gen_cfg, seeds, lm=lm)
    # Generated records carry template labels ("positive"); map them back to the dataset's names ("pos").
    to_dataset_label = {generator.template.canonical_label(r.label) or r.label: r.label for r in seeds}
    kept = _gated_rows(gen_cfg, seeds, filter_cfg, generator, seed_pii=seed_pii, scrub_config=cfg.scrub,
                       progress=progress)
    labels = [to_dataset_label.get(r.label, r.label) for r in kept]
    return _with_synthetic_rows(dataset, kept, labels, text_column, label_column)


def _with_overrides(cfg: RunConfig, seed: int | None, model: str | None) -> RunConfig:
    """``cfg`` with ``augment``'s seed and model arguments (when given) in its generate section."""
    overrides: dict[str, Any] = {"seed": seed} if seed is not None else {}
    if model is not None:
        overrides["model"] = replace(cfg.generate.model, model=model)
    return replace(cfg, generate=replace(cfg.generate, **overrides)) if overrides else cfg


def _scrubbed_rows(dataset: Any, text_column: str, label_column: str,
                   cfg: RunConfig) -> tuple[list[Record], SeedPiiIndex]:
    """The dataset's rows, checked and scrubbed, as seed records, with the index of the PII values found."""
    from .scrubbing.scrub import scrub

    for col in (text_column, label_column):
        if col not in dataset.column_names:
            raise ConfigError(f"augment: the dataset has no column {col!r} (columns: {', '.join(dataset.column_names)})")
    if len(dataset) == 0:
        raise InputError("augment: the dataset has no rows; nothing to generate from", file="<dataset>")
    scrubbed = scrub(_dataset_seeds(dataset, text_column, label_column), cfg.scrub)
    if not scrubbed.records:
        raise InputError(f"augment: no usable rows (read {len(dataset)}, rejected by scrub {len(scrubbed.rejected)})",
                         file="<dataset>")
    return scrubbed.records, scrubbed.seed_pii


def _gated_rows(gen_cfg: GenerateConfig, seeds: list[Record], filter_cfg: FilterConfig, generator: CandidateSource,
                *, seed_pii: SeedPiiIndex, scrub_config: ScrubConfig, progress: bool) -> list[Record]:
    """The records that passed the gate; when it ran out of attempts, those it kept, with a UserWarning."""
    from .gate import generate_filtered

    try:
        res = generate_filtered(gen_cfg, seeds, filter_cfg, seed_pii=seed_pii, generator=generator,
                                scrub_config=scrub_config, progress=None if progress else False)
    except GenerationCapError as err:
        res = err.result  # type: ignore[attr-defined]
        msg = f"augment: returning {len(res.kept)} of {gen_cfg.n} synthetic rows; {err}"
        log.warning(msg)
        warnings.warn(msg, UserWarning, stacklevel=3)
    return res.kept


def _dataset_seeds(dataset: Any, text_column: str, label_column: str) -> list[Record]:
    """The dataset's rows as seed Records (label names, not ClassLabel ids), checked like any input row."""
    import datasets

    from .io import row_to_record

    label_feature = dataset.features[label_column]
    is_class = isinstance(label_feature, datasets.ClassLabel)
    read_cfg = ReadConfig(text_column=text_column, label_column=label_column, id_column=None)
    seeds = []
    for i, row in enumerate(dataset):
        label = label_feature.int2str(row[label_column]) if is_class else row[label_column]
        seeds.append(row_to_record({text_column: row[text_column], label_column: label}, read_cfg,
                                   file="<dataset>", line=i + 1))
    return seeds


def _with_synthetic_rows(dataset: Any, kept: list[Record], labels: list[Any], text_column: str,
                         label_column: str) -> Any:
    """The real rows (flagged) then the synthetic ones, labels in the dataset's own type, provenance as JSON."""
    import datasets

    from .io import dumps_json

    label_feature = dataset.features[label_column]
    if isinstance(label_feature, datasets.ClassLabel):
        labels = [label_feature.str2int(lab) for lab in labels]
    elif label_feature.dtype.startswith("int"):
        labels = [int(lab) for lab in labels]
    synthetic = {col: [None] * len(kept) for col in dataset.column_names}
    synthetic[text_column] = [r.text for r in kept]
    synthetic[label_column] = labels
    real = dataset.add_column("synthetic", [False] * len(dataset))
    real = real.add_column("synthetic_meta", [None] * len(dataset), feature=datasets.Value("string"))
    provenance = [dumps_json({k: v for k, v in r.meta.items() if k in AUGMENT_PROVENANCE}, sort_keys=True)
                  for r in kept]
    synth = datasets.Dataset.from_dict({**synthetic, "synthetic": [True] * len(kept), "synthetic_meta": provenance},
                                       features=real.features)
    return datasets.concatenate_datasets([real, synth])


AUGMENT_PROVENANCE = ("requested_label", "template", "model", "sampling", "seed", "sampling_seed", "dcr")


def _one_split(dataset: Any, split: str | None) -> Any:
    """The ``datasets.Dataset`` to augment: the dataset itself, or the named split of a ``DatasetDict``."""
    import datasets

    if not isinstance(dataset, (datasets.DatasetDict, dict)):
        if split is not None:
            raise ConfigError(f"augment: split={split!r} is for a DatasetDict; this is a single Dataset")
        return dataset
    names = ", ".join(dataset) or "none"
    if split is None:
        raise ConfigError(f"augment: got a DatasetDict (splits: {names}); pass split= to choose the one to augment "
                          "(usually train: never augment a test split)")
    if split not in dataset:
        raise ConfigError(f"augment: no split {split!r} in the DatasetDict (splits: {names})")
    return dataset[split]
