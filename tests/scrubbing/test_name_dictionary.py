"""The name dictionary (gender-guesser's nam_dict.txt) and what it and this round's cues find end to end: pet forms
and regional names, names after "and"/"or", spouses, doorbells, colloquial Italian articles, hyphenated given names,
chat openers, and addresses without a street number or in lower case; ordinary words that must stay."""
import pytest

from tests.scrubbing.test_local_recognizers import _spans, analyzer  # noqa: F401  (the analyzer fixture)
from textsynth.scrubbing.languages import profile
from textsynth.scrubbing.local_name_words import NameWords
from textsynth.scrubbing.name_dictionary import dictionary_first_names, dictionary_path

needs_dictionary = pytest.mark.skipif(dictionary_path() is None, reason="gender-guesser (textsynth[names]) not installed")


@needs_dictionary
@pytest.mark.parametrize("lang,name", [("de", "vroni"), ("de", "tjark"), ("de", "hansi"), ("it", "nunzia"),
                                       ("it", "mimmo"), ("fr", "soizic"), ("es", "encarna")])
def test_pet_forms_and_regional_names_are_in_the_language_list(lang, name):
    assert name in dictionary_first_names(lang)


@needs_dictionary
def test_a_language_list_is_a_subset_of_the_whole_dictionary():
    assert dictionary_first_names("it") < dictionary_first_names()


@needs_dictionary
@pytest.mark.parametrize("lang,word", [("it", "Natale"), ("it", "Pasqua"), ("fr", "Parfait"), ("de", "Stern"),
                                       ("es", "Perfecto"), ("de", "Moin")])
def test_dictionary_names_that_are_words_of_the_language_are_not_names(lang, word):
    lex = NameWords(profile(lang))
    assert word.lower() in dictionary_first_names() and not lex.is_first(word)


@pytest.mark.parametrize("word,expected", [("Mia-Sophie", True), ("Jean-Baptiste", True), ("Hans-J.", True),
                                           ("Baden-Baden", False), ("Mia-Markt", False)])
def test_hyphenated_given_names(word, expected):
    assert NameWords(profile("de")).is_first(word) is expected


FOUND = [
    # (language, entity type, text, value)
    ("it", "PERSON", "Proprietari: Tonino e Graziella Muscarà, telefono in bacheca", "Tonino"),
    ("de", "PERSON", "Fragen an Hansi oder seine Frau Gerlinde, abends erreichbar.", "Hansi"),
    ("de", "PERSON", "Anwesend: Frau Brandl, Eheleute Wiśniewski und der Verwalter", "Wiśniewski"),
    ("it", "PERSON", "Presenti: sig. Conti, coniugi Zhou e la portinaia", "Zhou"),
    ("it", "PERSON", "sul citofono c'è scritto PELLEGRINI-CARUSO, secondo piano", "PELLEGRINI-CARUSO"),
    ("es", "PERSON", "en el buzón pone SÁNCHEZ-PRIETO, tercero izquierda", "SÁNCHEZ-PRIETO"),
    ("it", "PERSON", "stasera c'è la cena del Lello, porto io il vino", "Lello"),
    ("it", "PERSON", "Richiesta ferie – Sara Okafor\nservono le date entro venerdì", "Sara Okafor"),
    ("it", "PERSON", "I documenti sono pronti.\nUn saluto, Vale – Amministrazione", "Vale"),
    ("de", "PERSON", "Gäste: 2 Erwachsene, Kinder: Finn, Lea-Marie", "Lea-Marie"),
    ("it", "PERSON", "oh mimmo ci sei stasera? porta le carte", "mimmo"),
    ("fr", "PERSON", "wesh bilal t'es où, on t'attend au parc", "bilal"),
    ("fr", "PERSON", "[18:02] Inès K: j'arrive dans 5 min\n[18:03] Yanis: ok", "Inès K"),
    ("de", "PERSON", "Gastgeber – Ortwin: Willkommen!\nGast – Adaeze: Danke, wir sind um 18 Uhr da.", "Adaeze"),
    ("de", "PERSON", "Mia (Kundenservice): Hallo! Wie kann ich helfen?\nKunde: Paket fehlt", "Mia"),
    ("fr", "PERSON", "Inès (service client) : Bonjour, que puis-je faire ?\nClient : rien merci", "Inès"),
    ("de", "PERSON", "kunde: alles klar, danke dir jana", "jana"),
    ("fr", "PERSON", "Client : ok parfait, bonne soirée maëlle", "maëlle"),
    ("de", "PERSON", "Aufgenommen durch PK Brandstätter, Polizeiinspektion Passau", "Brandstätter"),
    ("de", "PERSON", "Der Fliesenleger Berisha hat sauber gearbeitet.", "Berisha"),
    ("it", "PERSON", "Ringrazio l'istruttore Massimo per la pazienza.", "Massimo"),
    ("it", "PERSON", "Invitati: Tommaso dal Molin e la sorella", "Tommaso dal Molin"),
    ("fr", "PERSON", "c'est mr Adeyemi au 3e, sonnez fort", "Adeyemi"),
    ("fr", "PERSON", "dites a karim de passer demain", "karim"),
    ("fr", "STREET_ADDRESS", "Adresse : 12 traverse des Lilas, 13012 Marseille", "12 traverse des Lilas, 13012 Marseille"),
    ("fr", "STREET_ADDRESS", "Livraison : Le Bourg, 12340 Bozouls, derrière l'église", "Le Bourg, 12340 Bozouls"),
    ("es", "STREET_ADDRESS", "Dirección: Cortijo Las Encinas, camino del Pozo s/n, 18870 Castril",
     "camino del Pozo s/n, 18870 Castril"),
    ("es", "STREET_ADDRESS", "estoy en la c/ pintor sorolla 17, baja ya", "c/ pintor sorolla 17"),
    ("it", "STREET_ADDRESS", "siamo sotto casa in via dei mille 42, scendi", "via dei mille 42"),
    ("de", "STREET_ADDRESS", "Treffpunkt: Alter Markt 7, 2. OG links, 50667 Köln", "Alter Markt 7, 2. OG links, 50667 Köln"),
]


@pytest.mark.slow
@pytest.mark.parametrize("lang,etype,text,value", FOUND)
def test_value_is_covered_by_a_span_of_its_type(analyzer, lang, etype, text, value):
    spans = _spans(analyzer, text, lang)
    assert any(t == etype and value in v for t, v in spans), spans


KEPT = [
    # (language, text, a word no span may cover)
    ("it", "te lo mando via mail 2 volte, poi via whatsapp", "mail"),
    ("it", "A Natale e a Pasqua il negozio resta chiuso.", "Natale"),
    ("de", "Moin, das Paket ist angekommen, alles bestens.", "Moin"),
    ("fr", "Parfait, merci pour la livraison rapide !", "Parfait"),
    ("it", "la gatta della vicina dorme sul tetto tutto il giorno", "gatta"),
]


@pytest.mark.slow
@pytest.mark.parametrize("lang,text,word", KEPT)
def test_ordinary_words_stay(analyzer, lang, text, word):
    assert not any(word in v for _, v in _spans(analyzer, text, lang))
