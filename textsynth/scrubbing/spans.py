"""Span bookkeeping of detection: overlapping spans resolved by type priority, long texts cut into overlapping
segments for the analyzer, and spans moved from the normalised view back to the original text."""
from __future__ import annotations

from typing import Any

from .normalize import NormalizedText

# When two spans of different types overlap, the earlier type wins (used if postprocess.py has no order).
DEFAULT_TYPE_PRIORITY = ("EMAIL_ADDRESS", "URL", "IBAN_CODE", "CREDIT_CARD", "NATIONAL_ID", "US_SSN", "IP_ADDRESS",
                         "US_DRIVER_LICENSE", "PHONE_NUMBER", "STREET_ADDRESS", "PERSON", "LOCATION", "DATE_TIME")


def _type_priority() -> dict[str, int]:
    from . import postprocess as ours

    order = getattr(ours, "TYPE_PRIORITY", DEFAULT_TYPE_PRIORITY)
    return {t: i for i, t in enumerate(order)}


# Validated identifiers side by side ("card1 card2") are separate values, not one to merge over the space.
_NO_SPACE_MERGE = frozenset({"EMAIL_ADDRESS", "URL", "IBAN_CODE", "CREDIT_CARD", "NATIONAL_ID", "US_SSN", "IP_ADDRESS"})


def resolve_overlaps(text: str, results: list[Any]) -> list[Any]:
    """Non-overlapping spans, in text order: same-type overlaps (and same-type spans separated only by
    spaces) merge; a span inside another of a different type goes; partial overlaps keep the higher-priority
    type (then the higher score, then the longer span)."""
    from presidio_analyzer import RecognizerResult

    if not results:
        return []
    rank = _type_priority()
    # 1. merge same-type intersections and space-separated neighbours
    by_type: dict[str, list[Any]] = {}
    for r in results:
        by_type.setdefault(r.entity_type, []).append(r)
    merged = []
    for etype, rs in by_type.items():
        rs.sort(key=lambda r: (r.start, r.end))
        cur = RecognizerResult(etype, rs[0].start, rs[0].end, rs[0].score)
        for r in rs[1:]:
            if r.start < cur.end or (etype not in _NO_SPACE_MERGE and text[cur.end:r.start].strip(" ") == ""):
                cur.end, cur.score = max(cur.end, r.end), max(cur.score, r.score)
            else:
                merged.append(cur)
                cur = RecognizerResult(etype, r.start, r.end, r.score)
        merged.append(cur)
    if len(merged) == 1:
        return merged
    # 2. greedy by strength: containers first, then priority, score, length
    def strength(r: Any) -> tuple:
        return (rank.get(r.entity_type, len(rank)), -r.score, -(r.end - r.start), r.start)

    kept: list[Any] = []
    for r in sorted(merged, key=lambda r: (r.start, -(r.end - r.start))):
        clash = [k for k in kept if r.start < k.end and k.start < r.end]
        if not clash:
            kept.append(r)
            continue
        if any(k.start <= r.start and r.end <= k.end for k in clash):
            continue  # inside a kept span
        if all(strength(r) < strength(k) or (r.start <= k.start and k.end <= r.end) for k in clash):
            kept = [k for k in kept if k not in clash] + [r]
    return sorted(kept, key=lambda r: r.start)

def _to_original(view: NormalizedText, results: list[Any]) -> list[Any]:
    """Spans of the normalised view moved to the original text (kept non-overlapping and non-empty)."""
    if view.starts is None:
        return results
    out: list[Any] = []
    for r in results:
        start, end = view.to_original(r.start, r.end)
        if out and start < out[-1].end:  # two spans from one folded character
            start = out[-1].end
        if end > start:
            r.start, r.end = start, end
            out.append(r)
    return out


SEGMENT_OVERLAP = 200  # characters a segment repeats of the one before it


def _overlapping_segments(text: str) -> list[tuple[int, str]]:
    """``_segments`` with each segment reaching back ``SEGMENT_OVERLAP`` characters (to a space), so a value
    cut in two at a segment boundary is still seen whole in one of them."""
    segments = _segments(text)
    if len(segments) == 1:
        return segments
    out = []
    for off, seg in segments:
        start = max(0, off - SEGMENT_OVERLAP)
        if start:
            space = text.find(" ", start, off)
            start = space + 1 if space >= 0 else start
        out.append((start, text[start:off + len(seg)]))
    return out


SEGMENT_CHARS = 10_000  # Presidio's context step is O(spans x tokens) per segment


def _segments(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """(offset, segment) pieces of at most ~size characters, cut after a line break or space if there is one."""
    size = size or SEGMENT_CHARS
    if len(text) <= size:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):  # prefer a line break, then a sentence end, then a space
            lo = start + size // 2
            cut = text.rfind("\n", lo, end)
            if cut < 0:
                cut = text.rfind(". ", lo, end) + 1 or text.rfind(" ", lo, end)
            end = cut + 1 if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out


# --------------------------------------------------------------------------------------------------
# Scrubbing texts (runs in the parent or in worker processes)
# --------------------------------------------------------------------------------------------------
