"""Lakes, passes, valleys, districts and motorway exits after a cue word, per language (local_landmarks)."""
import pytest

from textsynth.scrubbing.languages import profile
from textsynth.scrubbing.local_landmarks import LocalLandmarkRecognizer


def _places(lang: str, text: str) -> list[str]:
    recognizer = LocalLandmarkRecognizer(profile(lang))
    return [text[r.start:r.end] for r in recognizer.analyze(text, ["LOCATION"])]


FOUND = [
    # a landmark word is part of the name
    ("it", "Abbiamo fatto il bagno nel Lago di Vico tutto il giorno.", "Lago di Vico"),
    ("it", "La strada per il passo del Tonale è chiusa.", "passo del Tonale"),
    ("it", "Una settimana in Val di Fassa, bellissima.", "Val di Fassa"),
    ("es", "Fuimos al embalse de Riaño el domingo.", "embalse de Riaño"),
    ("es", "Una casa rural en la sierra de Gredos, muy tranquila.", "sierra de Gredos"),
    ("fr", "On a campé au bord du lac de Vassivière.", "lac de Vassivière"),
    ("fr", "La montée du col de la Croix de Fer était dure.", "col de la Croix de Fer"),
    # a district cue is not
    ("it", "Cerco casa zona Centocelle, massimo 900 euro.", "Centocelle"),
    ("it", "Ritiro all'ospedale Careggi domani.", "Careggi"),
    ("es", "Vivo en el barrio de Txantrea desde niño.", "Txantrea"),
    ("es", "Estoy parado en la salida de Aranjuez.", "Aranjuez"),
    ("de", "Stau ab der Ausfahrt Holledau, bitte umfahren.", "Holledau"),
    ("de", "Wir wohnen im Stadtteil Vahrenheide.", "Vahrenheide"),
    ("fr", "Je suis à l'hôpital de Rangueil depuis hier.", "Rangueil"),
    # a large town that is also a frequent word counts after a cue
    ("it", "Sono fermo sull'A1 direzione Bologna.", "Bologna"),
    # a German lake or gorge in one rare compound
    ("de", "Wir waren am Tegernsee und in der Breitachklamm.", "Tegernsee"),
    ("de", "Wir waren am Tegernsee und in der Breitachklamm.", "Breitachklamm"),
]


@pytest.mark.parametrize("lang,text,place", FOUND)
def test_place_after_a_cue_is_found(lang, text, place):
    assert place in _places(lang, text)


KEPT = [
    ("it", "Cerco casa in zona Centro, vicino ai negozi."),  # "Centro": an ordinary word
    ("de", "Wir fahren Richtung Süden in den Urlaub."),  # a direction, not a place
    ("es", "El hospital de día cierra a las ocho."),
    ("fr", "La direction Générale a répondu hier."),
    ("it", "Il lago è bellissimo e la valle è verde."),
    ("de", "Der Kaffee war gut, der See ruhig."),  # "Kaffee" is no compound in "-see"
    ("it", "Il Lago di Garda e la Valle d'Aosta"),  # two places, not one span joined by "e la"
]


@pytest.mark.parametrize("lang,text", KEPT[:-1])
def test_ordinary_words_after_a_cue_are_kept(lang, text):
    assert _places(lang, text) == []


def test_two_places_joined_by_and_stay_apart():
    lang, text = KEPT[-1]
    assert _places(lang, text) == ["Lago di Garda", "Valle d'Aosta"]


def _joined(lang: str, text: str, first: str) -> list[str]:
    from presidio_analyzer import RecognizerResult

    from textsynth.scrubbing.local_landmarks import joined_places

    start = text.index(first)
    found = [RecognizerResult("LOCATION", start, start + len(first), 0.6)]
    return [text[r.start:r.end] for r in joined_places(text, found, profile(lang))]


@pytest.mark.parametrize("lang,text,first,joined", [
    ("de", "Sucht jemand eine Wohnung in Stahnsdorf oder Nuthetal?", "Stahnsdorf", "Nuthetal"),
    ("it", "Cerco casa zona Garbatella o Ostiense.", "Garbatella", "Ostiense"),
    ("es", "Trabajo en Getafe y Leganés.", "Getafe", "Leganés"),
    ("fr", "On hésite entre Pornic ou Saint-Brevin.", "Pornic", "Saint-Brevin"),
])
def test_place_joined_to_a_found_place_is_found(lang, text, first, joined):
    assert _joined(lang, text, first) == [joined]


@pytest.mark.parametrize("lang,text,first", [
    ("de", "Wir fahren nach Berlin und Frau Jung kommt mit.", "Berlin"),  # a title, an ordinary word
    ("fr", "Je vais à Lyon et Marie reste ici.", "Lyon"),  # a given name
    ("it", "Sono a Milano e Domani parto.", "Milano"),  # an ordinary word
])
def test_word_joined_to_a_place_that_is_no_place_stays(lang, text, first):
    assert _joined(lang, text, first) == []
