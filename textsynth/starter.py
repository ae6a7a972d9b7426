"""``textsynth init``: a starter config that runs as written, on the bundled demo corpus when no input is named.

The demo corpus (``textsynth/demo/reviews.jsonl``, 48 labelled movie reviews with some invented personal data) is
copied beside the config, so the first ``textsynth run`` needs nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .errors import ConfigError

DEMO_CORPUS = "demo/reviews.jsonl"
DEMO_COPY_NAME = "textsynth-demo-reviews.jsonl"


@dataclass(frozen=True)
class InitResult:
    """What ``init_config`` wrote."""

    config: Path
    input: str
    demo_corpus: Path | None  # the copied demo seeds, when no input was named


def demo_corpus_text() -> str:
    """The bundled demo corpus (JSONL of {id, text, label})."""
    return files("textsynth").joinpath(DEMO_CORPUS).read_text(encoding="utf-8")


def init_config(task: str, output: str | Path, input_path: str | None = None, *, force: bool = False) -> InitResult:
    """Write a commented starter config for ``textsynth run``.

    Args:
        task: ``sentiment``, ``chat`` or ``text``.
        output: the config file to write.
        input_path: the seed data the config names; without it (``sentiment`` only) the bundled demo corpus is
            copied beside the config and named instead.
        force: replace an existing config (and demo copy).

    Returns:
        The paths written.

    Raises:
        ConfigError: the config (or demo copy) exists without ``force``, or a task other than sentiment has no input.
    """
    out = Path(output)
    if out.exists() and not force:
        raise ConfigError(f"{out} exists; use --force to overwrite")
    demo = None
    if input_path is None:
        if task != "sentiment":
            raise ConfigError(f"--input is required for --task {task}: the bundled demo corpus holds sentiment reviews")
        demo = out.parent / DEMO_COPY_NAME
        text = demo_corpus_text()
        if demo.exists() and not force and demo.read_text(encoding="utf-8") != text:
            raise ConfigError(f"{demo} exists and is not the demo corpus; use --force to overwrite it or pass --input")
        out.parent.mkdir(parents=True, exist_ok=True)
        demo.write_text(text, encoding="utf-8")
        input_path = str(demo)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(starter_config(task, input_path, filename=str(out)), encoding="utf-8")
    return InitResult(config=out, input=input_path, demo_corpus=demo)


def starter_config(task: str, input_path: str | None = None, filename: str = "textsynth.yaml") -> str:
    """A commented starter config for ``textsynth init``; it parses back into a valid RunConfig."""
    if task not in ("sentiment", "chat", "text"):
        raise ConfigError(f"--task: expected sentiment, chat or text, got {task!r}")
    chat = task == "chat"
    template = files("textsynth").joinpath("templates/config.yaml").read_text(encoding="utf-8")
    return template.format(
        task=task,
        filename=filename,
        input=input_path or {"chat": "data/chats.jsonl", "text": "data/texts.jsonl"}.get(task, "data/reviews.jsonl"),
        label_column="null" if chat else "label",
        messages_column="messages" if chat else "null",
        n=100,
        max_new_tokens=160 if chat else 64,
    )
