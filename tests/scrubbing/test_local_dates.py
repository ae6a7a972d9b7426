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


@pytest.mark.parametrize("lang,text,date", [
    ("fr", "Fermé du 3 au 9 août pour travaux.", "3 au 9 août"),
    ("de", "Betriebsferien vom 3. bis 9. August, dann offen.", "3. bis 9. August"),
    ("es", "Cerrado del 3 al 9 de agosto, luego abierto.", "3 al 9 de agosto"),
    ("it", "Chiuso dal 3 al 9 agosto per ferie.", "3 al 9 agosto"),
    ("de", "Ihr Termin: Di. 14.05. um 9 Uhr.", "14.05."),  # a weekday is a date cue
    ("it", "Ci vediamo giovedì 14/05 in ufficio.", "14/05"),
])
def test_day_ranges_and_weekdays(lang, text, date):
    assert date in _dates(lang, text)


@pytest.mark.parametrize("lang,text", [
    ("de", "Seite 3 bis 9 lesen."),  # no month after the range
    ("it", "Voto: dal 3 al 9, media 6/10."),
])
def test_numbers_in_ranges_stay(lang, text):
    assert _dates(lang, text) == []
