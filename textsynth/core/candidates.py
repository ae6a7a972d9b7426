"""CandidateSource: what the gate asks of a generator, with the defaults of a generator that offers no more.

The prompt ``Generator``, ``PrivateEvolution`` and the tests' fakes subclass it (the Ray engine hands the gate
a prompt ``Generator`` too). The gate calls each method directly, with no ``getattr`` probing, so a new
generator sees here everything the gate may use and what it gets by default.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from ..records import Record, Rejection


class LabelTemplate(Protocol):
    """The part of a prompt template the gate uses: which generation label a seed label stands for."""

    def canonical_label(self, label: str | None) -> str | None:
        ...


class CandidateSource(ABC):
    """Generates candidate records per label for the gate (``generate_quota``); the rest is optional."""

    #: The labels it generates; None: the seeds' labels (used only when ``label_shares`` returns None).
    labels: Sequence[str] | None = None
    #: Maps seed labels to generation labels for the label filter; None: labels are compared as they are.
    template: LabelTemplate | None = None

    @abstractmethod
    def generate_quota(self, quotas: dict[str, int], round: int, on_document: Callable[[], None] | None = None
                       ) -> tuple[list[Record], list[Rejection]]:
        """``quotas[label]`` candidates per label (and the outputs it rejected itself); each ``round`` differs.
        ``on_document`` is called once per document finished."""

    def label_shares(self) -> dict[str, float] | None:
        """Its own label plan (label -> share), or None: the gate applies ``generate.label_distribution``."""
        return None

    def fingerprint(self) -> str:
        """What determines its outputs: a journal written under another fingerprint is not resumed."""
        return repr(type(self))

    def cleanup(self) -> None:
        """Remove what it journalled itself, once the gate's loop has ended (default: nothing)."""

    def privacy_report(self) -> dict[str, Any] | None:
        """The formal privacy guarantee of a DP source, for the stats, the card and the report; None: none."""
        return None
