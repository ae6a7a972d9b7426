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
])
def test_places_found(recognizers, lang, text, place):
    assert place in _places(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,word", [
    ("de", "es gab nichts zu essen", "essen"),
    ("es", "vivo en paz", "paz"),
])
def test_lower_case_ordinary_words_stay(recognizers, lang, text, word):
    assert word not in _places(recognizers, lang, text)
