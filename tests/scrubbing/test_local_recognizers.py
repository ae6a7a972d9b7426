"""French, German, Spanish and Italian detection end to end (the analyzer of scrub.language: auto), table-driven
per language and recognizer: the value must be covered by a span of its type; ordinary text must stay."""
import pytest

from textsynth.config import ScrubConfig
from textsynth.scrubbing.analyzer import detect, get_analyzer

pytestmark = pytest.mark.slow  # loads spaCy (the scrubber)

CONFIG = ScrubConfig(language="auto")


@pytest.fixture(scope="module")
def analyzer():
    return get_analyzer(CONFIG)


def _spans(analyzer, text, lang):
    return [(r.entity_type, text[r.start:r.end]) for r in detect([text], CONFIG, analyzer, [lang])[0]]


CASES = [
    # (language, entity type, text, value)
    ("fr", "PERSON", "Bonjour, je m'appelle Camille Rousseau et j'ai un souci.", "Camille Rousseau"),
    ("fr", "PERSON", "J'ai eu Mme Lefèvre au téléphone ce matin.", "Lefèvre"),
    ("fr", "PERSON", "Cordialement,\nThibault Garnier", "Thibault Garnier"),
    ("fr", "PERSON", "je m'appelle lucie bernard", "lucie bernard"),
    ("fr", "STREET_ADDRESS", "Livrez au 8 bis, avenue Jean Jaurès, 69007 Lyon svp.", "8 bis, avenue Jean Jaurès, 69007 Lyon"),
    ("fr", "PHONE_NUMBER", "Rappelez-moi au 06 12 34 56 78 demain.", "06 12 34 56 78"),
    ("fr", "DATE_TIME", "Commande passée le 3 février 2024.", "3 février 2024"),
    ("fr", "LOCATION", "J'habite à Grenoble depuis dix ans.", "Grenoble"),
    ("de", "PERSON", "Hallo, ich heiße Lukas Hoffmann.", "Lukas Hoffmann"),
    ("de", "PERSON", "Frau Schneider hat mich zurückgerufen.", "Schneider"),
    ("de", "PERSON", "Mit freundlichen Grüßen\nSabine Krüger", "Sabine Krüger"),
    ("de", "STREET_ADDRESS", "Bitte an Berliner Str. 12a, 80331 München schicken.", "Berliner Str. 12a, 80331 München"),
    ("de", "PHONE_NUMBER", "Erreichbar unter 0171 2345678.", "0171 2345678"),
    ("de", "PHONE_NUMBER", "Oder +49 30 12345678 anrufen.", "+49 30 12345678"),
    ("de", "DATE_TIME", "Bestellt am 14. März 2023, geliefert nie.", "14. März 2023"),
    ("de", "LOCATION", "Ich wohne in Regensburg.", "Regensburg"),
    ("es", "PERSON", "Hola, me llamo Lucía Fernández.", "Lucía Fernández"),
    ("es", "PERSON", "Me atendió la Sra. Morales muy amablemente.", "Morales"),
    ("es", "PERSON", "Un saludo,\nJavier Ortega", "Javier Ortega"),
    ("es", "STREET_ADDRESS", "Envíelo a Calle de Alcalá, 45, 28014 Madrid.", "Calle de Alcalá, 45, 28014 Madrid"),
    ("es", "PHONE_NUMBER", "Mi móvil es 612 34 56 78.", "612 34 56 78"),
    ("es", "DATE_TIME", "Lo pedí el 5 de mayo de 2022.", "5 de mayo de 2022"),
    ("es", "LOCATION", "Vivo en Zaragoza desde niña.", "Zaragoza"),
    ("it", "PERSON", "Ciao, mi chiamo Giulia Bianchi.", "Giulia Bianchi"),
    ("it", "PERSON", "Ho parlato con il Sig. Esposito ieri.", "Esposito"),
    ("it", "PERSON", "Cordiali saluti,\nMarco Ferrari", "Marco Ferrari"),
    ("it", "STREET_ADDRESS", "Spedire a Via Garibaldi 21, 20121 Milano.", "Via Garibaldi 21, 20121 Milano"),
    ("it", "PHONE_NUMBER", "Il mio cellulare è 333 123 4567.", "333 123 4567"),
    ("it", "DATE_TIME", "Ordinato il 7 maggio 2021.", "7 maggio 2021"),
    ("it", "LOCATION", "Abito a Bologna con la mia famiglia.", "Bologna"),
    ("de", "IBAN_CODE", "IBAN: DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00"),
    ("fr", "IBAN_CODE", "Mon IBAN FR14 2004 1010 0505 0001 3M02 606", "FR14 2004 1010 0505 0001 3M02 606"),
    ("es", "EMAIL_ADDRESS", "Escríbeme a lucia.fernandez@correo.es", "lucia.fernandez@correo.es"),
    # a title makes even an ordinary word a surname; initials; lower-case given names after a cue
    ("it", "PERSON", "Buongiorno Dott.ssa Gentile,\nle confermo l'appuntamento.", "Gentile"),
    ("fr", "PERSON", "Salutations,\nR. Delmas", "R. Delmas"),
    ("fr", "PERSON", "client: bonjour, c'est nathalie, ma commande n'est pas arrivée", "nathalie"),
    ("de", "PERSON", "Hier die Nummer vom Elektriker. Er heißt Kowalski.", "Kowalski"),
    ("it", "PERSON", "Vi prego di intestare la fattura a Roberto Galli, grazie.", "Roberto Galli"),
    ("es", "PERSON", "¡Lo recomiendo! D.ª Lozano nos atendió muy bien.", "Lozano"),
    # local street shapes
    ("de", "STREET_ADDRESS", "Anschrift: Am Mühlbach 3a, 79098 Freiburg", "Am Mühlbach 3a, 79098 Freiburg"),
    ("de", "STREET_ADDRESS", "Paket an Valerie-Pärtzelt-Allee 6/9 bitte.", "Valerie-Pärtzelt-Allee 6/9"),
    ("fr", "STREET_ADDRESS", "Adresse : chemin de Lenoir\nMerci", "chemin de Lenoir"),
    ("es", "STREET_ADDRESS", "Envíelo a C/ Mayor 23, 3º B, 28013 Madrid, gracias.", "C/ Mayor 23, 3º B, 28013 Madrid"),
    # the building, staircase or floor between street and postcode is part of the address (issue 15)
    ("fr", "STREET_ADDRESS", "Livrer au 8, allée Jean-Jaurès, bât. B, 31000 Toulouse",
     "8, allée Jean-Jaurès, bât. B, 31000 Toulouse"),
    ("de", "STREET_ADDRESS", "Bitte an Brunnenstraße 7, 3. Stock, 10119 Berlin liefern.",
     "Brunnenstraße 7, 3. Stock, 10119 Berlin"),
    ("it", "STREET_ADDRESS", "Spedire a: C.so Vittorio Emanuele II 112, 10121 Torino", "Vittorio Emanuele II 112, 10121 Torino"),
    ("it", "DATE_TIME", "Consegnato il 21/03/1983.", "21/03/1983"),
    ("de", "NATIONAL_ID", "Meine Steuer-ID: 36 574 261 809", "36 574 261 809"),
    # a post-office box before a postcode and town is an address
    ("de", "STREET_ADDRESS", "Bitte an Postfach 20 45 11, 70049 Stuttgart senden.", "Postfach 20 45 11, 70049 Stuttgart"),
    ("es", "STREET_ADDRESS", "Envíenlo al apartado de correos 57, 46080 Valencia.", "apartado de correos 57, 46080 Valencia"),
    ("it", "STREET_ADDRESS", "Scrivete a Casella Postale 418, 20123 Milano.", "Casella Postale 418, 20123 Milano"),
    ("fr", "STREET_ADDRESS", "Écrire à CS 91234, 69002 Lyon.", "CS 91234, 69002 Lyon"),
    # any capitalised name with a house number before a postcode and town: rural or unlisted streets
    ("de", "STREET_ADDRESS", "Anrufer: Grüner Winkel 14, 26121 Oldenburg.", "Grüner Winkel 14, 26121 Oldenburg"),
    ("es", "STREET_ADDRESS", "Casa rural, Caserío Goikoetxea 3, 20260 Alegia", "Caserío Goikoetxea 3, 20260 Alegia"),
    ("it", "STREET_ADDRESS", "Ci trovate a Podere Il Colle 9, 58100 Grosseto (GR)", "Podere Il Colle 9, 58100 Grosseto"),
    ("it", "STREET_ADDRESS", "Sede: Strada Statale 12 n. 40, 37100 Verona", "Strada Statale 12 n. 40, 37100 Verona"),
    ("fr", "STREET_ADDRESS", "Livraison : Ferme du Moulin Neuf 4, 24200 Sarlat", "Ferme du Moulin Neuf 4, 24200 Sarlat"),
]


@pytest.mark.parametrize("lang,etype,text,value", CASES)
def test_value_is_covered_by_a_span_of_its_type(analyzer, lang, etype, text, value):
    spans = _spans(analyzer, text, lang)
    assert any(t == etype and value in v for t, v in spans), spans


CLEAN = [
    ("fr", "Merci beaucoup, super produit ! La livraison était rapide et le colis bien emballé."),
    ("fr", "Le service client m'a répondu en deux jours. Je recommande."),
    ("de", "Sehr gutes Produkt, die Lieferung kam schnell. Der Kundenservice war freundlich."),
    ("de", "Leider ist die Verpackung beschädigt angekommen, aber der Inhalt war in Ordnung."),
    ("es", "Muy buen producto, llegó rápido y bien embalado. Lo recomiendo."),
    ("es", "El servicio de atención al cliente no contesta nunca. Qué decepción."),
    ("it", "Ottimo prodotto, spedizione veloce e imballaggio perfetto. Consigliato."),
    ("it", "Il servizio clienti non risponde mai, sono molto deluso."),
    # a section or page number is no box or house number without a postcode after it
    ("es", "Según el apartado 3 del contrato, la garantía cubre dos años."),
    ("de", "Auf Seite 3 der Anleitung steht, wie man das Gerät einschaltet."),
]


@pytest.mark.parametrize("lang,text", CLEAN)
def test_ordinary_text_has_no_pii(analyzer, lang, text):
    assert _spans(analyzer, text, lang) == []
