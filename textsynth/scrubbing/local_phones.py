"""Phone numbers in a country's national format and in international format, found and validated by the
``phonenumbers`` library (Google's libphonenumber metadata) for the language's region: "06 12 34 56 78",
"0171 1234567", "612 34 56 78", "333 123 4567", "+33 6 12 34 56 78". The pattern recognizer of
``recognizers/patterns.py`` runs beside it for layouts the matcher's leniency rejects."""
from __future__ import annotations

from presidio_analyzer import RecognizerResult

from .local_recognizer import LocalRecognizer


class LocalPhoneRecognizer(LocalRecognizer):
    """PHONE_NUMBER via phonenumbers.PhoneNumberMatcher for the profile's region (valid numbers only)."""

    ENTITY = "PHONE_NUMBER"

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        import phonenumbers

        if entities and "PHONE_NUMBER" not in entities:
            return []
        return [RecognizerResult("PHONE_NUMBER", m.start, m.end, 0.6,
                                 recognition_metadata={"recognizer_name": self.name})
                for m in phonenumbers.PhoneNumberMatcher(text, self.profile.phone_region,
                                                         leniency=phonenumbers.Leniency.VALID)]
