"""The clean-up of non-English detections: a listed given name joined by "and" to a found name is a name too;
an ordinary capitalised word before "and" stays."""
import pytest
from presidio_analyzer import RecognizerResult

from textsynth.scrubbing.languages import profile
from textsynth.scrubbing.local_postprocess import postprocess_local


def _names(lang, text, found):
    start = text.index(found)
    results = [RecognizerResult("PERSON", start, start + len(found), 0.6)]
    return [text[r.start:r.end] for r in postprocess_local(text, results, profile(lang)) if r.entity_type == "PERSON"]


@pytest.mark.parametrize("lang,text,found,name", [
    ("fr", "Blanche et Lucien Marchetti ont répondu.", "Lucien Marchetti", "Blanche"),
    ("de", "Heike und Jonas Becker haben geantwortet.", "Jonas Becker", "Heike"),
    ("es", "Ayer Pilar y Juan Rodríguez vinieron.", "Juan Rodríguez", "Pilar"),
    ("it", "Sono arrivati Anna e Marco Bellini.", "Marco Bellini", "Anna"),
])
def test_joined_given_name_found(lang, text, found, name):
    assert name in _names(lang, text, found)


@pytest.mark.parametrize("lang,text,found,word", [
    ("fr", "Rouge et Lucien Marchetti.", "Lucien Marchetti", "Rouge"),
    ("de", "Danke und Jonas Becker.", "Jonas Becker", "Danke"),
    ("es", "Hola y Juan Rodríguez.", "Juan Rodríguez", "Hola"),
])
def test_ordinary_word_before_and_stays(lang, text, found, word):
    assert word not in _names(lang, text, found)


@pytest.mark.parametrize("lang,text,found,name", [
    # a listed surname that is also a function word, capitalised after the given name
    ("de", "Anmeldung: Herr Florian Lange, Zimmer 12", "Florian", "Florian Lange"),
    ("de", "Ansprechpartnerin ist Jutta Schon seit März.", "Jutta", "Jutta Schon"),
    # where nouns are lower case, an ordinary word in title case after a given name is the surname
    ("it", "Il responsabile, un certo Piero Vetro, non ha risposto.", "Piero", "Piero Vetro"),
    ("es", "Me atendió Lucía Trigo, muy amable.", "Lucía", "Lucía Trigo"),
    ("fr", "Le gérant, Julien Verre, a été odieux.", "Julien", "Julien Verre"),
])
def test_capitalised_function_word_surname_found(lang, text, found, name):
    assert name in _names(lang, text, found)


@pytest.mark.parametrize("lang,text,found,word", [
    ("de", "Ich habe Florian lange nicht gesehen.", "Florian", "lange"),  # lower case: the adverb
    ("de", "Gestern war Florian ALSO nicht da.", "Florian", "ALSO"),  # capitals say nothing
    ("it", "Grazie Marco Buongiorno a tutti", "Marco", "Buongiorno"),  # a capitalised greeting
    ("de", "Ich habe Florian Kaffee gebracht.", "Florian", "Kaffee"),  # German writes nouns in capitals
])
def test_function_word_after_given_name_stays(lang, text, found, word):
    assert not any(word in n for n in _names(lang, text, found))


def _names_of_many(lang, text, found):
    results = [RecognizerResult("PERSON", text.index(f), text.index(f) + len(f), 0.6) for f in found]
    return [text[r.start:r.end] for r in postprocess_local(text, results, profile(lang)) if r.entity_type == "PERSON"]


@pytest.mark.parametrize("lang,text,found,name", [
    # the other items of a list of two or more found names
    ("it", "Presenti: Carla Neri, Ugo Sala, Pippuzzo.", ["Carla Neri", "Ugo Sala"], "Pippuzzo"),
    ("de", "Neu dabei: Jonas Weber, Lea-Marie Kowalski und Timo Fuchs.", ["Jonas Weber", "Timo Fuchs"],
     "Lea-Marie Kowalski"),
    ("es", "Vocales: Pau Ferrer, Jordi Soler, Wen Li Zhang.", ["Pau Ferrer", "Jordi Soler"], "Wen Li Zhang"),
    # an item a found name covers in part grows to the whole item
    ("es", "Vocales: Pau Ferrer, Jordi Soler, Marta Pujol i Vidal.", ["Pau Ferrer", "Jordi Soler", "Marta Pujol"],
     "Marta Pujol i Vidal"),
])
def test_list_of_names_found(lang, text, found, name):
    assert name in _names_of_many(lang, text, found)


@pytest.mark.parametrize("lang,text,found,word", [
    ("de", "Es kamen Anna Müller, Jonas Weber, Äpfel und Birnen.", ["Anna Müller", "Jonas Weber"], "Birnen"),
    ("it", "Ho visto Marco Neri, Luca Sala e Buongiorno a tutti.", ["Marco Neri", "Luca Sala"], "Buongiorno"),
    ("fr", "Merci à Paul Petit, puis Lyon, Nantes.", ["Paul Petit"], "Nantes"),  # one found name is no list of names
])
def test_list_items_that_are_no_names_stay(lang, text, found, word):
    assert not any(word in n for n in _names_of_many(lang, text, found))


@pytest.mark.parametrize("lang,text,found,name", [
    ("de", "Briefkasten: Kowalczyk/Brandt, 2. OG", "Kowalczyk", "Brandt"),  # a second name joined by a slash
    ("it", "Citofono: Bellotti/Zanardi", "Bellotti", "Zanardi"),
])
def test_slash_joined_name_found(lang, text, found, name):
    assert name in _names(lang, text, found)


@pytest.mark.parametrize("lang,text,found,word", [
    ("de", "Zuständig: Frau Kowalczyk/Vertretung", "Kowalczyk", "Vertretung"),  # an ordinary word after the slash
])
def test_slash_joined_ordinary_word_stays(lang, text, found, word):
    assert word not in _names(lang, text, found)


@pytest.mark.parametrize("lang,text,found,name", [
    # a capitalised word joined by "and" after a found name: a listed name, or (fr/es/it) no ordinary word
    ("es", "Hay que avisar a Jon y a Itziar del cambio.", "Jon", "Itziar"),
    ("it", "Sono passati Marco e Ilario stamattina.", "Marco", "Ilario"),
])
def test_name_joined_after_found_name(lang, text, found, name):
    assert name in _names(lang, text, found)


@pytest.mark.parametrize("lang,text,found,word", [
    ("it", "Ho visto Marco e Poi siamo andati.", "Marco", "Poi"),  # a function word
    ("de", "Ich habe Jonas und Kaffee gesehen.", "Jonas", "Kaffee"),  # German nouns are capitalised
])
def test_word_joined_after_found_name_stays(lang, text, found, word):
    assert word not in _names(lang, text, found)
