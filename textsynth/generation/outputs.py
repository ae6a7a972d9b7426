"""What becomes of a completion: split into documents, token counts shared, rejects made safe to write, paths.

With ``docs_per_completion`` k > 1 one sequence continues the prompt's list for k documents (the template's
shots are separated by its stop string and each starts with its answer prefix); ``split_completion`` cuts the
completion at the stop strings so each piece is parsed like a single output.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from ..records import Rejection
from .prompts import PromptTemplate


def norm(text: str) -> str:
    """Lower-cased, whitespace-collapsed text: what "copies a seed" compares."""
    return " ".join(text.lower().split())


def lists_supported(template: PromptTemplate) -> bool:
    """Whether a sequence can go on writing documents: shots end at the (one) stop string, answers open with
    a prefix that marks the next list item, and the template is not a chat-formatted request."""
    return (len(template.stop) == 1 and bool(template.stop[0]) and bool(template.answer_prefix.strip())
            and template.shot_separator == template.stop[0] and template.style == "completion"
            and "{label}" not in template.answer_prefix)


def split_completion(template: PromptTemplate, text: str, finish_reason: str, n: int,
                     docs_per_completion: int) -> list[tuple[str, str]]:
    """(text, finish_reason) for each of the ``n`` slots of a sequence.

    One slot: the output as it is. Several: the pieces between stop strings; every piece after the
    first must open with the answer prefix (the list goes on), and the first that does not ends the list
    (it is handed to its slot as it is, and fails to parse). Slots past the end get "" (rejected: empty).
    """
    if n == 1 and docs_per_completion == 1:
        return [(text, finish_reason)]
    stop = template.stop[0]
    prefix = template.answer_prefix.strip()
    parts = text.split(stop)
    pieces: list[tuple[str, str]] = []
    for i, part in enumerate(parts[:n]):
        last = i == len(parts) - 1
        finish = finish_reason if last else "stop"
        if i > 0:
            if not part.lstrip().startswith(prefix):
                pieces.append((stop.join(parts[i:]), "stop"))  # the list ended: not a document
                break
            part = part.lstrip()[len(prefix):]
        pieces.append((part, finish))
    return pieces + [("", "stop")] * (n - len(pieces))


def split_tokens(total: int, n: int) -> list[int]:
    """``total`` tokens shared by ``n`` documents (the first take the remainder): the shares add up."""
    return [total // n + (1 if i < total % n else 0) for i in range(n)]


def withhold_raw(rejects: list[Rejection]) -> list[Rejection]:
    """Rejects without their raw model output (its length stays): the safe default when nobody scrubs them."""
    out = []
    for rej in rejects:
        raw = rej.detail.get("raw")
        if isinstance(raw, str):
            detail = {k: v for k, v in rej.detail.items() if k != "raw"}
            rej = dataclasses.replace(rej, detail={**detail, "raw_withheld_chars": len(raw)})
        out.append(rej)
    return out


def shards_dir(output: str | Path) -> Path:
    """Where a generation run keeps its shards and manifest, beside ``output``."""
    p = Path(output)
    return p.with_name(p.name.removesuffix(".jsonl") + ".shards")


def rejects_path(output: str | Path) -> Path:
    """The rejects file beside ``output`` (``X.rejects.jsonl``)."""
    p = Path(output)
    return p.with_name(p.name.removesuffix(".jsonl") + ".rejects.jsonl")
