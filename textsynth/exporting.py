"""Export records as a Hugging Face DatasetDict with a dataset card: save_to_disk, parquet, jsonl, push_to_hub.

An export is an owned output directory (``outdir.owned_output_dir``): written into a temporary sibling and
renamed into place, with a manifest (``MANIFEST``) listing what textsynth wrote; only such a directory may be
replaced (with ``overwrite``), never one holding anything else. Hub uploads are checked
(repo id, token, network) before any work and sent as one commit after the local export is complete.
(The module is not called ``export`` so that ``textsynth.export`` stays the function.)
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import ExportConfig
from .core.split import stratified_split
from .dataset_card import LICENSE_NAME, LICENSE_TEXT, RUN_CONFIG_NAME, render_card
from .errors import ExportError
from .io import dumps_json
from .outdir import check_owned_target, is_owned, manifest_name, owned_output_dir
from .records import Record

log = logging.getLogger(__name__)

EXPORT = "export"  # owned-directory kind: manifest .textsynth-export.json
MANIFEST = manifest_name(EXPORT)


@dataclass
class ExportResult:
    out_dir: Path
    paths: dict[str, Path]
    split_sizes: dict[str, int]
    card_path: Path
    hub_url: str | None = None
    card_text: str = field(default="", repr=False)


def build_dataset_dict(records: list[Record], config: ExportConfig = ExportConfig()):
    """Records -> DatasetDict(train/validation/test), seeded and stratified by label (ClassLabel)."""
    import datasets

    if not records:
        raise ExportError("nothing to export: no records")
    is_chat = records[0].is_chat
    if any(r.is_chat != is_chat for r in records):
        raise ExportError("cannot export a mix of text and chat records")
    labels = sorted({r.label for r in records if r.label is not None})
    has_labels = bool(labels) and all(r.label is not None for r in records)
    features: dict[str, Any] = {"id": datasets.Value("string")}
    if is_chat:
        features["messages"] = [{"role": datasets.Value("string"), "content": datasets.Value("string")}]
    else:
        features["text"] = datasets.Value("string")
    if has_labels:
        features["label"] = datasets.ClassLabel(names=labels)
    features["synthetic"] = datasets.Value("bool")
    features["meta"] = datasets.Value("string")
    schema = datasets.Features(features)
    return datasets.DatasetDict({name: datasets.Dataset.from_dict(_columns(part, is_chat, has_labels), features=schema)
                                 for name, part in _split(records, config).items()})


def _columns(records: list[Record], is_chat: bool, has_labels: bool) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {"id": [r.id for r in records]}
    if is_chat:
        columns["messages"] = [[{"role": m["role"], "content": m["content"]} for m in r.messages or []] for r in records]
    else:
        columns["text"] = [r.text for r in records]
    if has_labels:
        columns["label"] = [r.label for r in records]
    columns["synthetic"] = [bool(r.meta.get("synthetic", True)) for r in records]
    columns["meta"] = [dumps_json(_public_meta(r.meta), sort_keys=True) for r in records]
    return columns


def _public_meta(meta: dict[str, Any]) -> dict[str, Any]:
    # Provenance that helps users (requested label, template, model, sampling, DCR); input columns stay out.
    return {k: v for k, v in meta.items() if k not in ("fields", "source", "raw")}


def _split(records: list[Record], config: ExportConfig) -> dict[str, list[Record]]:
    """train / validation / test by ``config.splits`` (the one core splitter, applied twice)."""
    train_f, val_f, test_f = config.splits
    if abs(train_f + val_f + test_f - 1.0) > 1e-6:
        raise ExportError(f"export.splits must sum to 1, got {config.splits}")
    holdout = val_f + test_f
    if holdout <= 0 or len(records) < 3:
        return {"train": records}
    train, rest = stratified_split(records, holdout, config.seed)
    if val_f > 0 and test_f > 0 and len(rest) >= 2:
        validation, test = stratified_split(rest, test_f / holdout, config.seed)
        return {"train": train, "validation": validation, "test": test}
    return {"train": train, "validation" if val_f > 0 else "test": rest}


def export(records: list[Record], out_dir: str | Path, config: ExportConfig = ExportConfig(),
           info: dict[str, Any] | None = None, *, overwrite: bool = False, token: str | None = None) -> ExportResult:
    """Write the DatasetDict in the configured formats plus README.md; optionally push it to the hub.

    Args:
        records: the records to export (all text or all chat).
        out_dir: new, empty, or (with ``overwrite``) a previous textsynth export holding nothing else.
        config: formats, splits, seed and the hub settings (``push_to_hub``, ``private``, ``revision``, ...).
        info: what the dataset card states: task, base model, method, DP, PII counts, filter stats, evaluation.
        overwrite: replace a previous textsynth export in ``out_dir``.
        token: hub token (default: ``HF_TOKEN`` or the stored login); never written or printed.

    Returns:
        The paths written, split sizes, the card text and the hub URL when pushed.

    Raises:
        ExportError: no records, a mix of text and chat, a target textsynth may not replace, or a failed push.
    """
    info = dict(info or {})
    out = Path(out_dir).resolve()  # "-o ." and "a/b/.." name the directory they point to
    unknown = set(config.formats) - {"save_to_disk", "parquet", "jsonl"}
    if unknown:
        raise ExportError(f"export.formats: unknown format(s) {sorted(unknown)}; use save_to_disk, parquet, jsonl")
    check_export_target(out, overwrite)
    token = hub_preflight(config.push_to_hub, token) if config.push_to_hub else None
    dsd = build_dataset_dict(records, config)
    card = render_card(dsd, info)
    with owned_output_dir(out, EXPORT, overwrite, ExportError) as staging:
        paths: dict[str, Path] = {}
        if "save_to_disk" in config.formats:
            dsd.save_to_disk(str(staging / "dataset"))
            (staging / "dataset" / "README.md").write_text(card, encoding="utf-8")
            paths["save_to_disk"] = out / "dataset"
        # The parquet layout doubles as the hub layout (data/<split>-00000-of-00001.parquet).
        if "parquet" in config.formats or config.push_to_hub:
            (staging / "data").mkdir()
            for split, ds in dsd.items():
                ds.to_parquet(str(staging / "data" / f"{split}-00000-of-00001.parquet"))
            paths["parquet"] = out / "data"
        if "jsonl" in config.formats:
            (staging / "jsonl").mkdir()
            for split, ds in dsd.items():
                ds.to_json(str(staging / "jsonl" / f"{split}.jsonl"), lines=True, force_ascii=False)
            paths["jsonl"] = out / "jsonl"
        (staging / "README.md").write_text(card, encoding="utf-8")
        _write_beside_data(staging, info)
    hub_url = _push(out, config, token) if config.push_to_hub else None
    return ExportResult(out_dir=out, paths=paths, split_sizes={s: len(d) for s, d in dsd.items()},
                        card_path=out / "README.md", hub_url=hub_url, card_text=card)


def _write_beside_data(staging: Path, info: dict[str, Any]) -> None:
    """The run's configuration (uploaded with the data) and, for `license: other` without a link, LICENSE.md."""
    import yaml

    if info.get("run_config"):
        (staging / RUN_CONFIG_NAME).write_text(yaml.safe_dump(info["run_config"], sort_keys=False), encoding="utf-8")
    if info.get("license", "other") == "other" and "license_link" not in info:
        (staging / LICENSE_NAME).write_text(LICENSE_TEXT, encoding="utf-8")


def is_previous_export(path: Path) -> bool:
    """Whether ``path`` holds a textsynth export manifest."""
    return is_owned(path, EXPORT)


def check_export_target(out: Path, overwrite: bool) -> None:
    """Refuse a target textsynth may not replace: a file, or a non-empty dir that is not only a previous export."""
    check_owned_target(out, EXPORT, overwrite, ExportError)


def check_repo_id(repo_id: str) -> None:
    """A hub dataset repo id must read 'namespace/name' with the hub's allowed characters."""
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    problem = None if repo_id.count("/") == 1 else "expected 'user/name'"
    if problem is None:
        try:
            validate_repo_id(repo_id)
        except HFValidationError:
            problem = "use letters, digits, '-', '_' or '.', not starting or ending with '-' or '.', no '--' or '..'"
    if problem:
        raise ExportError(f"--push-to-hub: invalid repo id {repo_id!r}: {problem}")


def hub_preflight(repo_id: str, token: str | None = None) -> str:
    """Fail fast, before any work, on a bad repo id or when offline or unauthenticated. Never prints the token."""
    from huggingface_hub import HfApi, get_token
    from huggingface_hub.constants import HF_HUB_OFFLINE

    check_repo_id(repo_id)
    if HF_HUB_OFFLINE:
        raise ExportError("cannot push to the hub: HF_HUB_OFFLINE is set")
    token = token or get_token()
    if not token:
        raise ExportError("cannot push to the hub: no token (pass --token, set HF_TOKEN or run `hf auth login`)")
    try:
        HfApi().whoami(token=token)
    except Exception as exc:  # network errors and 401s both mean "cannot push now"
        raise ExportError(f"cannot push to the hub: authentication check failed ({exc.__class__.__name__})") from None
    return token


def _push(folder: Path, config: ExportConfig, token: str) -> str:
    from huggingface_hub import HfApi

    api = HfApi()
    try:
        api.create_repo(config.push_to_hub, repo_type="dataset", private=config.private, exist_ok=True, token=token)
        # One commit for card and data: the hub never shows a half-uploaded dataset.
        if config.revision:
            api.create_branch(config.push_to_hub, repo_type="dataset", branch=config.revision, exist_ok=True,
                              token=token)
        commit = api.upload_folder(repo_id=config.push_to_hub, repo_type="dataset", folder_path=str(folder),
                                   allow_patterns=["README.md", "data/*.parquet", RUN_CONFIG_NAME, LICENSE_NAME], token=token,
                                   revision=config.revision, create_pr=config.create_pr,
                                   commit_message=config.commit_message or "Upload synthetic dataset generated with textsynth")
    except Exception as exc:  # the exception text may quote request headers: only its class is shown
        raise ExportError(f"push to {config.push_to_hub} failed ({exc.__class__.__name__}); no data was committed; "
                          f"the local export in {folder} is complete") from None
    if config.create_pr and getattr(commit, "pr_url", None):
        return commit.pr_url
    return f"https://huggingface.co/datasets/{config.push_to_hub}"
