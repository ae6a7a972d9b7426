"""The training format of a fine-tuned model: ``"<label> {label}\n" + document``, the label as a control prefix.

Generation writes the same prefix to ask for a label (``generation.prompts.control_prefix_template``); chat
records are serialised as ``User: ...`` / ``Assistant: ...`` lines (``core.text.serialise_messages``).
"""
from __future__ import annotations

from ..core.text import serialise_messages
from ..records import Record


CONTROL_PROMPT = "<label> {label}\n"
TRAINING_FORMAT = {"kind": "control_prefix", "prompt": CONTROL_PROMPT}
CONTROL_GUIDANCE_SCALE = 2.0  # recorded in textsynth.json; see generation.prompts.control_prefix_template
UNLABELLED = "none"  # the control label of records without a label (e.g. unlabelled chat logs)


def control_label(record: Record) -> str:
    return UNLABELLED if record.label is None else str(record.label)


def format_prefix(label: str, prompt: str = CONTROL_PROMPT) -> str:
    """The control prefix that asks for ``label``."""
    return prompt.format(label=label)


def format_document(record: Record) -> str:
    """The document part of a training example (a chat record as serialised turns)."""
    if record.messages is not None:
        return serialise_messages(record.messages)
    return (record.text or "").strip()


def format_example(record: Record, prompt: str = CONTROL_PROMPT) -> tuple[str, str]:
    """(prefix, document): the training text is ``prefix + document`` followed by eos."""
    return format_prefix(control_label(record), prompt), format_document(record)


def parse_example(text: str, prompt: str = CONTROL_PROMPT) -> tuple[str, str]:
    """Inverse of :func:`format_example` on ``prefix + document``: (label, document)."""
    head, _, tail = prompt.partition("{label}")
    if not text.startswith(head):
        raise ValueError("text does not start with the control prefix")
    rest = text[len(head):]
    if tail:
        label, sep, document = rest.partition(tail)
        if not sep:
            raise ValueError("control prefix is not terminated")
        return label, document
    return rest, ""
