"""The base of the per-language recognizers: one Presidio EntityRecognizer per (recognizer, language profile)."""
from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import EntityRecognizer

from .languages import LanguageProfile


class LocalRecognizer(EntityRecognizer):
    """An EntityRecognizer for one ``LanguageProfile``: it finds ``ENTITY`` in that language only and is named
    ``<class name>_<language code>`` (the name audits and postprocessing see)."""

    ENTITY: ClassVar[str]

    def __init__(self, profile: LanguageProfile) -> None:
        self.profile = profile
        super().__init__(supported_entities=[self.ENTITY], name=f"{type(self).__name__}_{profile.code}",
                         supported_language=profile.code)
