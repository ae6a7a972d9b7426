"""Places from the gazetteer with the language's cues: a letter's dateline counts as a cue, and a lower-case
large place counts after a cue when its name is no frequent word."""
import pytest

from textsynth.scrubbing.languages import profile
from textsynth.scrubbing.local_places import LocalPlaceRecognizer


@pytest.fixture(scope="module")
def recognizers():
    return {code: LocalPlaceRecognizer(profile(code)) for code in ("fr", "de", "es", "it")}


def _places(recognizers, lang, text):
    return [text[r.start:r.end] for r in recognizers[lang].analyze(text, ["LOCATION"])]


@pytest.mark.parametrize("lang,text,place", [
    ("de", "Hiermit bestätige ich den Empfang.\nDresden, den 4. März 2025", "Dresden"),
    ("es", "Declaro haber recibido el material.\nSevilla, 4 de marzo de 2025", "Sevilla"),
    ("it", "Dichiaro di aver ricevuto il materiale.\nPalermo, 4 marzo 2025", "Palermo"),
    ("es", "estoy en bilbao hasta el lunes", "bilbao"),
    ("fr", "je bosse à rennes cette semaine", "rennes"),
    # a lower-case large place that is a given name elsewhere, but not in the language
    ("de", "bin gerade in kiel bei meiner schwester", "kiel"),
    ("es", "me atendieron en la tienda de valencia", "valencia"),
    # a place's everyday short form after a cue, and a bracketed qualifier as part of the name
    ("de", "Wir waren eine Woche in Garmisch und das Wetter war klasse.", "Garmisch"),
    ("de", "Die Filiale in Halle (Saale) hat bis 20 Uhr offen.", "Halle (Saale)"),
    ("fr", "On a passé le week-end à Châlons, c'était calme.", "Châlons"),
    ("de", "Ich wohne in Wuppertal-Elberfeld, schon lange.", "Wuppertal-Elberfeld"),  # a city's district
    ("de", "Garmisch, den 4. März 2025\nSehr geehrte Damen und Herren,", "Garmisch"),  # short form, dateline
])
def test_places_found(recognizers, lang, text, place):
    assert place in _places(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,word", [
    ("de", "es gab nichts zu essen", "essen"),
    ("es", "vivo en paz", "paz"),
    ("de", "Wir waren eine Woche in Garmisch und das Wetter war klasse.", "Wetter"),
    ("de", "Das ist in Bearbeitung, melde mich nach Rücksprache.", "Rücksprache"),
    ("fr", "c'est en Bretagne, près de la mer", "mer"),
    ("es", "la tienda de Sant Carles de la Ràpita", "Sant"),  # the first word of a longer name, not a short form
])
def test_lower_case_ordinary_words_stay(recognizers, lang, text, word):
    assert word not in _places(recognizers, lang, text)


# a country in the language after a place cue, or after a place and a comma or bracket; a weak cue ("am") before
# a rare name; a company's branch ("Niederlassung")
@pytest.mark.parametrize("lang,text,place", [
    ("it", "Sono cresciuta in Svizzera, poi mi sono trasferita.", "Svizzera"),
    ("es", "Mi marido trabaja en Alemania desde 2019.", "Alemania"),
    ("fr", "Né à Dakar (Sénégal), il vit ici.", "Sénégal"),
    ("de", "Wir ziehen nach Österreich, wahrscheinlich im Mai.", "Österreich"),
    ("de", "Wir haben ein Haus am Tegernsee gemietet.", "Tegernsee"),
    ("de", "Er arbeitet in der Niederlassung Wolfenbüttel seit Jahren.", "Wolfenbüttel"),
    ("de", "Treffpunkt: Bahnhof Bietigheim, Gleis 3.", "Bietigheim"),  # a station by its town
])
def test_countries_lakes_and_branches(recognizers, lang, text, place):
    assert place in _places(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,word", [
    ("it", "La Francia ha vinto ieri sera.", "Francia"),  # no cue: a country named in passing
    ("de", "Wir lagen am Strand und dann am Ufer.", "Strand"),  # a weak cue before an ordinary noun
    ("de", "Wir lagen am Strand und dann am Ufer.", "Ufer"),
])
def test_countries_and_weak_cue_words_stay(recognizers, lang, text, word):
    assert word not in _places(recognizers, lang, text)


# a small place that ends its line after a comma: where a company, branch or venue is
@pytest.mark.parametrize("lang,text,place", [
    ("de", "2019–2022  Praktikum, Stadtwerke, Nürtingen\n2015–2019  Studium", "Nürtingen"),
    ("fr", "Stage de fin d'études, Atelier Moreau, Vitré\nCompétences : soudure", "Vitré"),
    ("es", "Reserva confirmada – Hostal La Parra, Almagro (Ciudad Real)\nHuésped: Sr. Ortiz", "Almagro (Ciudad Real)"),
    ("it", "2017–2020  Commessa, Ferramenta Bianchi, Chieri", "Chieri"),
])
def test_places_ending_a_line_after_a_comma(recognizers, lang, text, place):
    assert place in _places(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,word", [
    ("it", "Grazie di tutto, Marina\nCiao", "Marina"),  # a given name: the comma is no cue for it
    ("de", "Vielen Dank für Ihre Geduld, Ihr Team\n", "Team"),
    ("fr", "Merci encore, Bonne journée\n", "Bonne"),
    ("es", "Un saludo, Atentamente\n", "Atentamente"),
    ("de", "Bosch, Renningen und Daimler sind Kunden.", "Renningen"),  # no line end after it: small places need a cue
])
def test_line_end_words_stay(recognizers, lang, text, word):
    assert word not in " ".join(_places(recognizers, lang, text))


@pytest.mark.parametrize("lang,text,place", [
    # a city of a million or more, which wordfreq ranks an ordinary word, without a cue
    ("de", "Team: Vertrieb (Region Hamburg)", "Hamburg"),
    ("it", "Richiesta: ufficio acquisti (sede Milano)", "Milano"),
    ("es", "Equipo soporte, Madrid", "Madrid"),
    # a lower-case city of half a million after a cue, though wordfreq ranks it near an ordinary word
    ("de", "bin morgen in hannover, meld mich", "hannover"),
])
def test_big_cities(recognizers, lang, text, place):
    assert place in _places(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,word", [
    ("de", "Morgen wollen wir zusammen essen gehen.", "essen"),
    ("it", "Roma ha vinto ieri sera.", "Roma"),  # also a given name: the cue is still needed
])
def test_big_city_words_stay(recognizers, lang, text, word):
    assert word not in _places(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,place", [
    # a region or valley that GeoNames' place names carry, after a cue or a weak cue
    ("de", "Wir machen Urlaub im Odenwald, ganz ruhig.", "Odenwald"),
    ("es", "El mejor vino del Penedès, sin duda.", "Penedès"),
    ("it", "Abbiamo affittato una casa nel Chianti per agosto.", "Chianti"),
    ("de", "Am Wochenende wandern wir im Taunus.", "Taunus"),
    # a place after a weak cue, when its name is rare ("por", "del")
    ("es", "Para llegar hay que pasar por Jaca, luego seguir.", "Jaca"),
    ("it", "Abito in un palazzo del Vomero, zona tranquilla.", "Vomero"),
    # a smaller place in lower case after a cue, when its name is a rare word
    ("fr", "je suis chez ma tante à paimpol pour le week-end", "paimpol"),
    ("es", "mañana bajo a aldaia a por el coche", "aldaia"),
])
def test_regions_weakly_cued_and_small_lower_case_places(recognizers, lang, text, place):
    assert place in _places(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,word", [
    ("es", "Lo compré por Internet y llegó roto.", "Internet"),
    ("it", "Il prezzo del Menu era alto.", "Menu"),
    ("de", "Wir gehen ins Kino und danach zum Essen.", "Kino"),
    ("es", "Pagué por Bizum al momento.", "Bizum"),
    ("fr", "je suis à fond sur le projet", "fond"),
    ("it", "ci vediamo ad agosto al mare", "agosto"),
])
def test_weak_cue_and_lower_case_words_stay(recognizers, lang, text, word):
    assert word not in _places(recognizers, lang, text)
