"""Language profiles, parsing of scrub.language and per-record detection."""
import pytest

from textsynth.config import ScrubConfig
from textsynth.errors import ConfigError
from textsynth.scrubbing.languages import SUPPORTED_LANGUAGES, detect_languages, parse_languages, profile


@pytest.mark.parametrize("value,expected", [
    ("auto", SUPPORTED_LANGUAGES), ("fr", ("fr",)), ("en,fr", ("en", "fr")), (["de", "it"], ("de", "it")),
    ("FR, de", ("fr", "de")),
])
def test_parse_languages(value, expected):
    assert parse_languages(value) == expected


@pytest.mark.parametrize("value", ["english", "nl", "en,xx", ""])
def test_unknown_languages_are_config_errors(value):
    with pytest.raises(ConfigError, match="language"):
        ScrubConfig(language=value)


def test_config_accepts_a_list_and_normalises_it():
    assert ScrubConfig(language=["en", "fr"]).language == "en,fr"
    assert ScrubConfig(language="auto").language == "auto"


@pytest.mark.parametrize("code,locale", [("fr", "fr_FR"), ("de", "de_DE"), ("es", "es_ES"), ("it", "it_IT")])
def test_profiles_name_their_faker_locale(code, locale):
    assert profile(code).faker_locale == locale and profile(code).code == code


@pytest.mark.parametrize("text,lang", [
    ("Bonjour, je voudrais savoir où en est ma commande, merci.", "fr"),
    ("Hallo, ich warte seit zwei Wochen auf meine Bestellung.", "de"),
    ("Hola, todavía no he recibido mi pedido, ¿me pueden ayudar?", "es"),
    ("Ciao, non ho ancora ricevuto il mio ordine, potete aiutarmi?", "it"),
    ("Hi, my order still has not arrived, can you help?", "en"),
])
def test_detection(text, lang):
    assert detect_languages([text], SUPPORTED_LANGUAGES) == [lang]


def test_text_too_short_to_tell_gets_the_first_language():
    assert detect_languages(["12345"], ("de", "fr")) == ["de"]
