"""Streets and parks named without a house number (local_streets), table-driven per language; and the words
beside a street word that must stay ("à la place de", "via WhatsApp", "Parkplatz")."""
import pytest

from textsynth.scrubbing.languages import profile
from textsynth.scrubbing.local_streets import LocalStreetNameRecognizer


@pytest.fixture(scope="module")
def recognizers():
    return {code: LocalStreetNameRecognizer(profile(code)) for code in ("fr", "de", "es", "it")}


def _places(recognizers, lang, text):
    return [text[r.start:r.end] for r in recognizers[lang].analyze(text, ["LOCATION"])]


@pytest.mark.parametrize("lang,text,place", [
    ("fr", "On se retrouve devant la boulangerie avenue Jean-Jaurès, ok ?", "avenue Jean-Jaurès"),
    ("fr", "j'ai perdu mon sac boulevard de la Villette hier soir", "boulevard de la Villette"),
    ("fr", "Balade au parc des Buttes-Chaumont dimanche", "parc des Buttes-Chaumont"),
    ("de", "Wir wohnen jetzt in der Lindenallee, ganz ruhig.", "Lindenallee"),
    ("de", "Treffpunkt ist der Rosenplatz um acht.", "Rosenplatz"),
    ("es", "Vivo en la avenida de los Castros, cerca del hospital.", "avenida de los Castros"),
    ("es", "quedamos en la calle ruzafa a las 8", "calle ruzafa"),  # chat's lower case, a rare word
    ("es", "Paseamos por el parque de María Luisa toda la tarde.", "parque de María Luisa"),
    ("it", "Abito in viale dei Mille da due anni.", "viale dei Mille"),
    ("it", "ci vediamo in viale ceccarini alle nove", "viale ceccarini"),
    ("it", "Ci vediamo ai giardini Estensi domenica.", "giardini Estensi"),
    # a German street named by an adjective before the street word
    ("de", "Wir treffen uns an der Ecke Kölnische Straße, vor der Apotheke.", "Kölnische Straße"),
    ("de", "Die Praxis ist jetzt in der Dürener Allee, zweiter Stock.", "Dürener Allee"),
    ("it", "Abitiamo sul lungarno Acciaiuoli da anni.", "lungarno Acciaiuoli"),
    ("de", "Wir joggen morgens im Botanischen Garten, dann Kaffee.", "Botanischen Garten"),  # named by an adjective
])
def test_unnumbered_streets_found(recognizers, lang, text, place):
    assert place in _places(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,word", [
    ("fr", "Il est venu à la place de Marie.", "Marie"),  # "place" needs a house number
    ("fr", "Au cours de la Réunion, on a parlé budget.", "Réunion"),
    ("it", "Mandami tutto via WhatsApp o via Mail.", "WhatsApp"),
    ("it", "Il corso di Laurea è difficile.", "Laurea"),
    ("it", "te lo mando via email stasera", "email"),
    ("de", "Der Parkplatz war voll, also zum Spielplatz.", "Parkplatz"),
    ("de", "Der Arbeitsplatz ist neu.", "Arbeitsplatz"),
    ("es", "Salí a la calle principal a buscarlo.", "principal"),  # a frequent word after the street word
    ("es", "Pagué por vía Bizum.", "Bizum"),
    ("de", "Die Straße war gesperrt, diese Gasse auch.", "Straße"),  # a function word before the street word
    ("de", "Schöner Garten, tolle Lage.", "Schöner Garten"),  # an adjective opening a sentence
])
def test_ordinary_words_stay(recognizers, lang, text, word):
    assert not any(word in p for p in _places(recognizers, lang, text))
