"""NationalIdRecognizer: each id shape found when its check digits hold, missed when they do not."""
import pytest
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.it import codicefiscale

from textsynth.scrubbing.national_ids import NationalIdRecognizer, personalausweis_ok

REC = NationalIdRecognizer()


def _found(text: str) -> list[str]:
    return [text[r.start:r.end] for r in REC.analyze(text, ["NATIONAL_ID"])]


VALID = [
    ("fr", "Mon numéro de sécu : {}", "1 84 12 76 451 089 46"),
    ("fr", "NIR {} merci", "184127645108946"),
    ("de", "Meine Steuer-ID lautet {}.", "36 574 261 809"),
    ("de", "Steueridentifikationsnummer: {}", "36574261809"),
    ("de", "Hier noch meine ID: {}, danke!", "36 574 261 809"),  # the Steuer-ID shortened to "ID" in chat
    ("de", "Personalausweis Nr. {}", "T22000129"),
    ("de", "Ausweisnummer {}", "L01X00T471"),
    ("es", "Mi DNI es {}.", "12345678Z"),
    ("es", "DNI: {}", "12345678-Z"),
    ("es", "NIE {} gracias", "X1234567L"),
    ("it", "Codice fiscale: {}", "RSSMRA85T10A562S"),
    ("it", "cf {}", "rssmra85t10a562s"),
]


@pytest.mark.parametrize("lang,template,value", VALID)
def test_valid_ids_are_found_whole(lang, template, value):
    assert _found(template.format(value)) == [value]


@pytest.mark.parametrize("template,value", [
    ("Mon numéro de sécu : {}", "1 84 12 76 451 089 47"),  # wrong key
    ("Meine Steuer-ID lautet {}.", "36574261808"),  # wrong check digit
    ("Bestellnummer {}", "36574261809"),  # a valid tax id shape without its cue
    ("Meine Idee: {}", "36574261809"),  # "ID" only as a word of its own
    ("Hier noch meine ID: {}, danke!", "36 574 261 808"),  # wrong check digit
    ("Ausweisnummer {}", "L01X00T472"),  # wrong ICAO check digit
    ("Mi DNI es {}.", "12345678A"),  # wrong letter
    ("Codice fiscale: {}", "RSSMRA85T10A562T"),  # wrong control character
    ("Order {} shipped", "123456789"),
])
def test_invalid_or_uncued_ids_are_not_found(template, value):
    assert _found(template.format(value)) == []


def test_check_digits_agree_with_stdnum():
    """The fixtures are valid per python-stdnum itself (the recognizer's validators)."""
    assert nir.is_valid("184127645108946") and idnr.is_valid("36574261809")
    assert dni.is_valid("12345678Z") and nie.is_valid("X1234567L") and codicefiscale.is_valid("RSSMRA85T10A562S")
    assert personalausweis_ok("L01X00T471") and not personalausweis_ok("L01X00T472")
