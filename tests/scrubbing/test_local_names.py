"""The non-English name recognizer alone (no spaCy), table-driven per language and per step: sign-offs, titles
before lower-case names, surnames in capitals, signature lines, e-mail local parts, chat speaker labels; and
ordinary text that must stay."""
import pytest

from textsynth.scrubbing.languages import profile
from textsynth.scrubbing.local_names import LocalNameRecognizer


@pytest.fixture(scope="module")
def recognizers():
    return {code: LocalNameRecognizer(profile(code)) for code in ("fr", "de", "es", "it")}


def _names(recognizers, lang, text):
    return [text[r.start:r.end] for r in recognizers[lang].analyze(text, ["PERSON"])]


FOUND = [
    # (language, step, text, name)
    ("fr", "sign-off after a blank line and a -- rule", "Merci pour tout.\n\nBien amicalement,\n--\nGaëtan Perret",
     "Gaëtan Perret"),
    ("de", "sign-off", "Danke für die Info.\nMit besten Grüßen\n\nKonstantin Weber", "Konstantin Weber"),
    ("es", "sign-off", "Te mando los papeles mañana.\nUn beso,\nRocío", "Rocío"),
    ("it", "sign-off", "Ci vediamo domenica.\nUn bacio,\nLudovica", "Ludovica"),
    ("es", "sign-off with more words", "Nos vemos el lunes.\nUn abrazo muy fuerte\nCovadonga", "Covadonga"),
    ("de", "title before a lower-case name", "hab grad mit frau hoffmann telefoniert", "hoffmann"),
    ("es", "title before a lower-case name", "ayer hablé con la sra. fernández por teléfono", "fernández"),
    ("it", "title before a lower-case name", "ho scritto al dott. esposito ieri sera", "esposito"),
    ("de", "surname in capitals, comma, given name", "Antragsteller: WEBER, Thomas\nDatum: heute", "WEBER, Thomas"),
    ("fr", "surname in capitals before the given name", "Déclarant : GIRAUD Nathalie\nMotif : perte", "GIRAUD Nathalie"),
    ("es", "two surnames in capitals", "Solicitante: MARTÍNEZ LÓPEZ, Ana\nMotivo: baja", "MARTÍNEZ LÓPEZ, Ana"),
    ("it", "surname in capitals", "Richiedente: RUSSO Marco\nMotivo: rimborso", "RUSSO Marco"),
    ("de", "explicit cue before a hyphenated surname in capitals", "Name: SCHULZE-WESTHOFF\nOrt: Bonn",
     "SCHULZE-WESTHOFF"),
    ("it", "the last line of a message", "Ti lascio le chiavi sotto lo zerbino.\nGianmarco", "Gianmarco"),
    ("es", "the last line before a quoted reply", "Perfecto, allí estaré.\nXimena\n\n> ¿Quedamos a las 8?",
     "Ximena"),
    ("de", "a dashed chat signature", "bin gleich da, machst du auf? -lukas", "lukas"),
    ("de", "a name spelled in an e-mail's local part", "schreib an stefanie.lorenz@web.de, stefanie liest das heute",
     "stefanie"),
    ("fr", "an initial-less local part", "nouvelle adresse : jgarnier@free.fr (garnier au téléphone sinon)", "garnier"),
    ("it", "a chat speaker with an initial", "[10:02] Sara M.: ciao a tutti\n[10:03] Piero: ciao", "Sara M."),
    ("de", "a given name before a listed surname that is an ordinary word", "Gestern hat Sabine Vogel angerufen.",
     "Sabine Vogel"),
    ("fr", "accents folded: chat's lea is Léa", "c'est lea qui m'a répondu", "lea"),
    ("de", "named: namens", "kenne einen typen namens jannik, der macht das", "jannik"),
    ("es", "named: llamado", "me atendió un chico llamado rodrigo, muy amable", "rodrigo"),
    ("it", "named: di nome", "mi ha risposto una ragazza di nome ludovica", "ludovica"),
]


KEPT = [
    # (language, text, a word that must not be tagged)
    ("de", "Danke schön!\nDas Paket kam pünktlich.", "Paket"),
    ("de", "Produkt wie beschrieben.\nSchade.", "Schade"),
    ("fr", "Livraison rapide, produit conforme.\nTop", "Top"),
    ("es", "Todo perfecto, gracias.\nSaludos", "Saludos"),
    ("it", "Tutto bene, grazie.\nCiao", "Ciao"),
    ("de", "Bitte schreiben Sie an info@firma.de, Info gibt es auch telefonisch.", "Info"),
    ("fr", "Le SAV est NUL et la LIVRAISON aussi.", "LIVRAISON"),
    ("it", "ho comprato un DIVANO e una SEDIA", "DIVANO"),
    ("es", "La caja llegó rota - una pena", "pena"),
]


# Mechanisms for hand-written text (issue 15): whose doorbell, letterbox or number it is; clipped given names
# in a greeting or on a signature line; a rare lower-case word after a title. Each row failed before them.
FOUND_IN_HAND_WRITTEN_TEXT = [
    # (language, mechanism, text, name)
    ("de", "doorbell", "Paket bitte beim Nachbarn abgeben, Klingel Brandauer.", "Brandauer"),
    ("fr", "doorbell", "Sonnez chez Lemarchand, 3e étage.", "Lemarchand"),
    ("es", "letterbox", "El paquete lo dejaron en el buzón de Serrano.", "Serrano"),
    ("es", "entry phone", "Llamad al portero automático: Pastor, 2ºB.", "Pastor"),
    ("it", "doorbell", "Citofono Pellegrini, secondo piano.", "Pellegrini"),
    ("de", "care of", "Lieferadresse: c/o Wendtland, Lindenweg 4", "Wendtland"),
    ("de", "whose number, lower case", "kannst du mir die handynummer von mausi schicken?", "mausi"),
    ("fr", "whose number, lower case", "tu peux me passer le num de gwendal stp", "gwendal"),
    ("es", "whose number, lower case", "pásame el número de iñaki porfa", "iñaki"),
    ("it", "whose number, lower case", "mi giri il numero di gigi?", "gigi"),
    ("it", "clipped given name after a greeting", "Ciao Ste, tutto bene?", "Ste"),
    ("it", "clipped given name that is a word, on the last line", "Ci vediamo domani.\nFra", "Fra"),
    ("de", "rare lower-case word after a title", "hab mit herr krawczyk gesprochen, der meldet sich", "krawczyk"),
    ("es", "rare lower-case word after an abbreviated title and an article", "hablé con el sr. zubizarreta ayer",
     "zubizarreta"),
    ("es", "frequent given names in lower case after a cue, a pair", "buenas, soy juan carlos y tengo un problema",
     "juan carlos"),
    ("fr", "frequent given name in lower case after a cue, then a comma", "bonjour je suis pierre, j'ai un souci",
     "pierre"),
    ("de", "frequent given name in lower case after a cue, then a comma", "hallo ich bin thomas, hab ein problem",
     "thomas"),
    ("it", "given name in lower case after a greeting", "ciao giulia, ci sei domani?", "giulia"),
    ("es", "given name in lower case after a greeting", "hola marta! ya llegué", "marta"),
    ("de", "lower-case speaker label of a chat log", "lukas: bin da\nich: ok", "lukas"),
    ("fr", "lower-case name alone on the line after a sign-off", "bisous, à demain\nsoso", "soso"),
    ("es", "lower-case name alone on the line after a sign-off", "un saludo\npili", "pili"),
    ("de", "a name frame: bei X klingeln", "Bitte bei Hoffmann klingeln, 2. OG.", "Hoffmann"),
    ("es", "in whose name", "Lo mandé a nombre de Gorka Etxeberria, Calle Mayor 5.", "Gorka Etxeberria"),
    ("es", "a relative of, lower case", "hola! soy la madre de iker, del colegio", "iker"),
    ("it", "a relative, lower case", "mio cugino tommaso dice che è normale", "tommaso"),
    ("de", "a family by its surname", "Absender: Familie Oberhuber, Almweg 3, 6020 Innsbruck", "Oberhuber"),
    ("es", "a family by its surname", "Remite: Familia Okafor, C/ Laurel 12", "Okafor"),
    ("fr", "whom to tell, lower case", "ok je dis à chloé de passer", "chloé"),
    ("it", "whom to tell, lower case", "dì a chiara di chiamarmi", "chiara"),
    ("es", "thanks, then a lower-case given name", "gracias mil, jorge!", "jorge"),
    ("de", "an initial and a rare capitalised word", "Inhaber: D. Szymanski", "D. Szymanski"),
    ("it", "an initial and a rare capitalised word", "Firmato: G. Lanzarotti", "G. Lanzarotti"),
    ("de", "according to", "Laut Schmidt ist alles erledigt.", "Schmidt"),
    ("es", "according to", "Según Navarro el pedido ya salió.", "Navarro"),
    ("it", "a listed surname that is also a word, before a person's verb", "Bianchi ha detto che arriva lunedì.",
     "Bianchi"),
    ("de", "a listed surname that is also a word, before a person's verb", "Wagner hat gesagt, das dauert noch.",
     "Wagner"),
    ("it", "rare lower-case word after an abbreviated title and an article",
     "ho parlato con la sig.ra zanardelli stamattina", "zanardelli"),
]


ALL_FOUND = FOUND + FOUND_IN_HAND_WRITTEN_TEXT


@pytest.mark.parametrize("lang,step,text,name", ALL_FOUND, ids=[f"{c[0]}-{c[1]}" for c in ALL_FOUND])
def test_names_found(recognizers, lang, step, text, name):
    assert any(name in found for found in _names(recognizers, lang, text)), _names(recognizers, lang, text)


KEPT_BESIDE_THE_NEW_MECHANISMS = [
    # (language, text, a word that must not be tagged)
    ("de", "meine frau meinte, das passt schon", "meinte"),
    ("es", "la señora amable de la tienda me ayudó", "amable"),
    ("it", "una signora simpatica mi ha aiutato", "simpatica"),
    ("fr", "le numéro de commande est sur la facture", "commande"),
    ("de", "die Nummer von Ihrem Kundenkonto steht oben", "Kundenkonto"),
    ("it", "il numero di telefono è sbagliato", "telefono"),
    ("de", "Die Klingel ist kaputt, bitte klopfen.", "kaputt"),
    ("fr", "Salut tout le monde, ça va ?", "tout"),
    ("es", "Hola Buenas, ¿alguien sabe algo?", "Buenas"),
    ("it", "sono felice, tutto perfetto", "felice"),
    ("it", "ciao bella, come va?", "bella"),
    ("it", "Grazie mille per la pazienza.", "mille"),  # part of a thanking phrase, though a listed name
    ("de", "Die Familie hat sich sehr gefreut.", "hat"),
    ("de", "Bitte z. B. Rechnung und Lieferschein beilegen.", "Rechnung"),
    ("de", "Der Koch hat gesagt, es gibt Fisch.", "Koch"),  # a determiner: the cook
    ("de", "Laut Rechnung ist alles bezahlt.", "Rechnung"),
    ("it", "il secondo piano è libero", "piano"),
    ("fr", "Selon la météo il pleut.", "météo"),
    ("fr", "Je recommande ! M. Kerbrat nous a reçus.", "M."),  # a title, not an initial
    ("de", "Das Paket liegt bei Nachbarn, bitte bei Nachbarn abholen.", "Nachbarn"),
    ("fr", "Merci, à demain\nbonne soirée", "bonne"),
    ("fr", "la fille de la voisine a sonné", "voisine"),
    ("es", "hola chicos, ¿qué tal?", "chicos"),
    ("de", "Guten Tag Frau Wendtland,\nIhr Termin ist bestätigt.", "Frau"),  # a title, though a prefix of Frauke
    ("fr", "Vous pouvez me joindre au 06 12 34 56 78.", "joindre"),  # "me" is also the title Maître
    ("es", "estoy en paz, gracias", "paz"),
]


ALL_KEPT = KEPT + KEPT_BESIDE_THE_NEW_MECHANISMS


@pytest.mark.parametrize("lang,text,word", ALL_KEPT, ids=[f"{c[0]}-{c[2]}" for c in ALL_KEPT])
def test_ordinary_words_stay(recognizers, lang, text, word):
    assert not any(word in found for found in _names(recognizers, lang, text)), _names(recognizers, lang, text)


@pytest.mark.parametrize("lang,mechanism,text,name", [
    ("fr", "agreeing verb", "Nathalie a raison, le service est lent.", "Nathalie"),
    ("de", "agreeing verb", "Jürgen hat recht, das dauert zu lange.", "Jürgen"),
    ("es", "agreeing verb", "Rocío tiene razón, tardan demasiado.", "Rocío"),
    ("it", "agreeing verb", "Stefano ha ragione, sono lentissimi.", "Stefano"),
    ("it", "title 'dottor'", "Ho un appuntamento dal dottor Lombardi domani.", "Lombardi"),
    ("de", "initial before a listed surname", "Bearbeitet von: T. Schneider", "T. Schneider"),
    ("it", "initial before a listed surname", "Assegnato a: G. Russo", "G. Russo"),
    # a widow's or maiden name, and plural titles
    ("it", "widow of", "Ricordiamo la sig.ra Ada Sala ved. Pozzi, di anni 88.", "Pozzi"),
    ("es", "widow of", "Falleció Dña. Rosa Llorente, viuda de Garrido, a los 90 años.", "Garrido"),
    ("fr", "maiden name", "Mme Odette Giraud, née Lamarque, s'est éteinte.", "Lamarque"),
    ("es", "plural title", "Asistieron los Sres. Arregui-Landa (3º B).", "Arregui-Landa"),
    # a person's role as a form label
    ("it", "role label", "Intervento del 12/03\nIdraulico: Fortunato\nCosto: 80 €", "Fortunato"),
    ("es", "role label", "Parte de trabajo\nInstalador: Consuelo\nHoras: 3", "Consuelo"),
    ("fr", "role label", "Bon d'intervention\nPlombier : Lucien\nDurée : 1 h", "Lucien"),
    ("de", "two names on one doorbell", "Paket bitte bei Kramer/Wendt abgeben.", "Kramer/Wendt"),
    ("it", "whose letterbox", "Lasciare nella cassetta di Ferri, grazie.", "Ferri"),
])
def test_round2_name_mechanisms(recognizers, lang, mechanism, text, name):
    assert name in _names(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,word", [
    ("fr", "Le client a raison, dit M. Dupont.", "client"),
    ("de", "Der Chef hat recht.", "Chef"),
    ("it", "Sono nata a Roma nel 1950.", "Roma"),
    ("es", "Vive la viuda de enfrente.", "enfrente"),
    ("it", "Responsabile: Ufficio Acquisti\n", "Ufficio"),  # a role label before a department
    ("de", "Bearbeiter: Kundenservice\n", "Kundenservice"),
])
def test_round2_ordinary_words_stay(recognizers, lang, text, word):
    assert not any(word in n for n in _names(recognizers, lang, text))


@pytest.mark.parametrize("lang,text,name", [
    ("es", "Buen taller. Me atendió Paz, muy amable.", "Paz"),  # a name that is also a word ("peace")
    ("es", "En el taller nos atendió Sol, un encanto.", "Sol"),
])
def test_who_served_the_writer(recognizers, lang, text, name):
    assert name in _names(recognizers, lang, text)
