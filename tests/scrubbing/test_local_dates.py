"""Dates without a year count only after a date word of the language ("le 20/09", "am 20.09.")."""
import pytest

from textsynth.scrubbing.languages import profile
from textsynth.scrubbing.local_dates import LocalDateRecognizer


def _dates(lang, text):
    return [text[r.start:r.end] for r in LocalDateRecognizer(profile(lang)).analyze(text, ["DATE_TIME"])]


@pytest.mark.parametrize("lang,text,date", [
    ("fr", "Colis reçu le 14/06, abîmé.", "14/06"),
    ("de", "Geliefert am 14.06. und sofort zurückgeschickt.", "14.06."),
    ("es", "Llegó el 14/06 por la tarde.", "14/06"),
    ("it", "Arrivato il 14/06, tutto ok.", "14/06"),
])
def test_day_and_month_after_a_date_word(lang, text, date):
    assert date in _dates(lang, text)


@pytest.mark.parametrize("lang,text", [
    ("fr", "Note : 4/5, je recommande."),
    ("de", "Bewertung 4.5 von 5 Sternen."),
    ("es", "Le doy un 9/10."),
    ("it", "Voto 8/10, consigliato."),
])
def test_a_score_is_no_date(lang, text):
    assert _dates(lang, text) == []
