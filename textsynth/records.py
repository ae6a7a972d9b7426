"""The one data currency between stages: Record, plus Rejection for what a stage drops."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from dataclasses import field as dc_field
from typing import Any

Message = dict[str, str]  # {"role": "user"|"assistant"|"system", "content": "..."}


@dataclass
class Record:
    """A document (``text``) or a conversation (``messages``) with an optional label.

    ``meta`` holds provenance and per-stage annotations. Columns of the input that textsynth does not
    interpret are kept in ``meta["fields"]`` so writers can put them back unchanged.
    """

    id: str
    text: str | None = None
    messages: list[Message] | None = None
    label: str | None = None
    meta: dict[str, Any] = dc_field(default_factory=dict)

    @property
    def is_chat(self) -> bool:
        return self.messages is not None

    def content(self) -> str:
        """The text to analyse: the document, or the conversation's turns joined by newlines."""
        if self.messages is not None:
            return "\n".join(m.get("content", "") for m in self.messages)
        return self.text or ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.messages is not None:
            out["messages"] = [dict(m) for m in self.messages]
        else:
            out["text"] = self.text
        if self.label is not None:
            out["label"] = self.label
        if self.meta:
            out["meta"] = self.meta
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        return cls(
            id=str(data["id"]),
            text=data.get("text"),
            messages=data.get("messages"),
            label=data.get("label"),
            meta=dict(data.get("meta") or {}),
        )


@dataclass
class Rejection:
    """A record a stage did not keep, and why. ``record`` is the record (or raw input row) as a dict."""

    stage: str
    reason: str
    record_id: str | None = None
    source: str | None = None  # "file:line" for input rejects
    field: str | None = None
    score: float | None = None
    detail: dict[str, Any] = dc_field(default_factory=dict)
    record: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, {})}
