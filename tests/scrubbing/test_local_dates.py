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


@pytest.mark.parametrize("lang,text,date", [
    ("fr", "Appel 22/10 – Assistance auto, dossier ouvert.", "22/10"),
    ("de", "Anruf 22.10. – Pannenhilfe, Fall aufgenommen.", "22.10."),
    ("es", "Llamada 22/10 – asistencia en carretera.", "22/10"),
    ("it", "Chiamata 22/10 – soccorso stradale.", "22/10"),
    ("es", "Irá de convivencia del 12/05 al 16/05.", "16/05"),  # the end of a range
])
def test_day_and_month_after_a_log_entry_or_range_end(lang, text, date):
    assert date in _dates(lang, text)


@pytest.mark.parametrize("lang,text,date", [
    ("de", "die Besichtigung am Samstag, den 12. April um 11 Uhr passt.", "Samstag, den 12. April"),
    ("fr", "Rendez-vous samedi 12 avril à 10 h.", "samedi 12 avril"),
    ("es", "La visita del sábado 12 de abril me va bien.", "sábado 12 de abril"),
    ("it", "La visita di sabato 12 aprile va bene.", "sabato 12 aprile"),
])
def test_the_weekday_opening_a_date_is_part_of_it(lang, text, date):
    assert date in _dates(lang, text)


@pytest.mark.parametrize("lang,text", [
    ("de", "Anruf vom Kunden, Bewertung 4/5."),  # a score after a log word's sentence is no date
    ("it", "Chiamata breve, voto 8/10."),
    ("es", "Llegó al 50%, nota 9/10."),
    ("fr", "Samedi soir, super ambiance."),  # a weekday alone stays
])
def test_scores_and_weekdays_alone_stay(lang, text):
    assert _dates(lang, text) == []
