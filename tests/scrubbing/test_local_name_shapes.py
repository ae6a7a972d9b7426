"""Names by their shape (local_name_shapes), table-driven per language: chat handles as speaker labels,
surnames opened by a particle after a given name or a title, and the values of name fields; and the labels,
articles and nouns that must stay."""
import pytest

from textsynth.scrubbing.languages import profile
from textsynth.scrubbing.local_name_shapes import LocalNameShapeRecognizer


@pytest.fixture(scope="module")
def recognizers():
    return {code: LocalNameShapeRecognizer(profile(code)) for code in ("fr", "de", "es", "it")}


def _names(recognizers, lang, text):
    return [text[r.start:r.end] for r in recognizers[lang].analyze(text, ["PERSON"])]


@pytest.mark.parametrize("lang,mechanism,text,name", [
    ("fr", "handle", "[18:02] titi_75: t'es où ?\n[18:03] moi: j'arrive", "titi_75"),
    ("de", "handle", "jojo: kommst du?\nich: gleich\njojo: ok", "jojo"),
    ("es", "handle", "[09:10] marta.gil: ya estoy\n[09:11] pepe: voy", "marta.gil"),
    ("it", "handle", "gigi: ci sei?\nio: sì\ngigi: arrivo", "gigi"),
    # an exported chat's timestamp before the label
    ("it", "handle", "03/05/25, 18:02 - pippuzzo: ci sei?\n03/05/25, 18:03 - Anna: sì", "pippuzzo"),
    ("de", "handle", "12.03.24, 09:15 - bergfex_77: moin\n12.03.24, 09:16 - Jonas: moin", "bergfex_77"),
    # a forum post's author on a line of its own
    ("de", "author", "Re: Heizung tropft\nvon bergfex77\nHallo zusammen,", "bergfex77"),
    ("fr", "author", "Sujet : voisins bruyants\nposté par Kev_du_13 · 12/03/2024\nBonjour,", "Kev_du_13"),
    ("es", "author", "Tema: academia de inglés\nPublicado por chuchi_bcn\nHola a todos", "chuchi_bcn"),
    ("it", "author", "Discussione: palestra in zona\nScritto da Lupetto88\nCiao a tutti", "Lupetto88"),
    ("it", "given name, particle surname", "Ho parlato con Marco Lo Iacono ieri.", "Marco Lo Iacono"),
    ("it", "given name, apostrophe surname", "Firmato da Luca D'Ambrosio.", "Luca D'Ambrosio"),
    ("es", "given name, article surname", "Atendido por Yasmina El Idrissi.", "Yasmina El Idrissi"),
    ("de", "given name, two particles", "Ansprechpartner ist Jan van den Bosch.", "Jan van den Bosch"),
    ("it", "title, particle surname", "Ha risposto la signora Dalla Chiesa.", "Dalla Chiesa"),
    ("es", "title, particle surname", "Me atendió el señor de las Heras.", "de las Heras"),
    ("fr", "name field", "Nom d'épouse : Lefèvre\nVille : Lyon", "Lefèvre"),
    ("de", "name field", "Ehename: Kowalczyk\nOrt: Kiel", "Kowalczyk"),
    ("es", "name field", "Segundo apellido: de la Vega\nCiudad: Jaén", "de la Vega"),
    ("it", "name field", "Cognome: Lo Russo\nCittà: Bari", "Lo Russo"),
])
def test_name_shapes_found(recognizers, lang, mechanism, text, name):
    assert name in _names(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,word", [
    ("fr", "client: bonjour\nagent: bonjour, votre nom ?\nclient: merci", "client"),  # a role, not a handle
    ("es", "Baja de socio\nmotivo: mudanza\ntlf: 654 21 88 97\nemail: x@y.es", "tlf"),  # a form label
    ("es", "yo: hola\nella: hola\nyo: adiós", "yo"),
    ("de", "Bitte die IBAN von der Vermieterin schicken.", "Vermieterin"),
    ("fr", "Madame la Directrice, je vous écris.", "Directrice"),
    ("fr", "Nom de l'entreprise : Dupont Frères\nTel : 01", "Dupont"),
    ("it", "Ho visto Marco al bar e Luca al mare.", "bar"),
    ("fr", "03/05/25, 18:02 - Client: bonjour\n03/05/25, 18:03 - Conseiller: bonjour", "Client"),
    # "by" and an ordinary word on a line of its own: no author
    ("de", "Liebe Grüße\nvon Mama\n", "Mama"),
    ("es", "¿Me lo puedes mandar?\npor favor\n", "favor"),
    ("fr", "Merci\npar avance\n", "avance"),
    ("it", "Ciao\ndi nuovo\n", "nuovo"),
])
def test_labels_and_nouns_stay(recognizers, lang, text, word):
    assert not any(word in n for n in _names(recognizers, lang, text))


@pytest.mark.parametrize("lang,text,name", [
    ("it", "sono nonno gianni, chiamami", "gianni"),
    ("es", "soy la tita loli, llámame", "loli"),
    ("de", "hier ist opa heinz, ruf zurück", "heinz"),
    ("fr", "c'est tonton dédé, rappelle-moi", "dédé"),
    # a sibling's, child's or cousin's name in chat's lower case: a listed name or short form
    ("fr", "bisous et embrasse ton frère hugo", "hugo"),
    ("de", "sag deiner cousine lea bescheid", "lea"),
    ("es", "mañana viene mi cuñado nacho a comer", "nacho"),
    ("it", "passo da mia sorella chiara stasera", "chiara"),
    # or a capitalised rare word
    ("it", "la carta è di mio cognato Arbnor, non mia", "Arbnor"),
])
def test_relative_names_found(recognizers, lang, text, name):
    assert name in _names(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,word", [
    ("it", "mia nonna vive a Roma", "vive"),
    ("es", "tio soy yo, estoy en casa", "soy"),
    ("de", "meine Tante wohnt in Kiel", "wohnt"),
    # after a sibling or child, adjectives are as frequent as names: only listed names or capitalised rare words
    ("fr", "ma sœur aînée habite à côté", "aînée"),
    ("it", "mio fratello gemello lavora qui", "gemello"),
    ("es", "la materia prima importada", "importada"),
    ("it", "mia sorella maggiore", "maggiore"),
    ("de", "mein Sohn hat Fieber", "hat"),
])
def test_relative_then_ordinary_word_stays(recognizers, lang, text, word):
    assert not any(word in n for n in _names(recognizers, lang, text))


@pytest.mark.parametrize("lang,text,name", [
    ("de", "HINWEIS: DIE PRAXIS IST GESCHLOSSEN. VERTRETUNG: HERR SCHMIDTKE.", "SCHMIDTKE"),
    ("it", "AVVISO: LA RIUNIONE È RINVIATA. RIVOLGERSI AL SIG. FERRANTE.", "FERRANTE"),
])
def test_upper_case_notice_names_found(recognizers, lang, text, name):
    assert name in _names(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,word", [
    ("fr", "ATTENTION : MERCI DE CONTACTER M. LE DIRECTEUR.", "DIRECTEUR"),  # capital "LE" marks no surname
    ("de", "ACHTUNG: BITTE FRAU DOKTOR FRAGEN.", "DOKTOR"),  # a title after a title
    ("de", "Frau Krüger hat angerufen. HERR MEIER kommt.", "MEIER"),  # no notice in capitals: local_names' step
])
def test_upper_case_notice_words_stay(recognizers, lang, text, word):
    assert not any(word in n for n in _names(recognizers, lang, text))


@pytest.mark.parametrize("lang,text,name", [
    ("fr", "agent: Bonjour, c'est à quel nom ?\nclient: sandrine roux, merci", "sandrine roux"),
    ("de", "Support: Wie ist Ihr Name?\nkunde: jens baumann hier", "jens baumann"),
    ("es", "agente: ¿A qué nombre está la reserva?\ncliente: lucía ortega", "lucía ortega"),
    ("it", "operatore: Mi dice il suo nome?\ncliente: davide ricci", "davide ricci"),
    # a hyphenated given name; a particle inside the surname; words before the name; "Namen"
    ("fr", "Paul : Quel est le nom du souscripteur ?\nMoi : marie-claire bonnet", "marie-claire bonnet"),
    ("es", "Bot: ¿Cuál es el nombre del asegurado?\nYo: rosa maría de la fuente", "rosa maría de la fuente"),
    ("it", "Bot: Il nome del destinatario?\nIo: a mio padre, franco de santis", "franco de santis"),
    ("de", "Agent: Unter welchem Namen ist die Buchung?\nIch: für meine mutter, helga brandt", "helga brandt"),
])
def test_answer_to_a_name_question_found(recognizers, lang, text, name):
    assert name in _names(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,word", [
    ("es", "¿A nombre de quién?\nde mi empresa, gracias", "empresa"),
    ("fr", "Quel nom donner au fichier ?\nrapport final", "rapport"),
    ("it", "Il nome?\nsì certo, ve lo mando dopo con la mail", "mail"),
    ("de", "Wie ist Ihr Name?\nich: anna, aber bitte schnell", "aber"),  # punctuation ends the name
])
def test_answer_that_is_no_name_stays(recognizers, lang, text, word):
    assert not any(word in n for n in _names(recognizers, lang, text))


@pytest.mark.parametrize("lang,text,name", [
    ("fr", "Objet : TR: Devis\n\nThibault, tu peux rappeler le client ?", "Thibault"),
    ("de", "Betreff: WG: Rechnung\n\nSvenja, schaust du bitte mal drüber?", "Svenja"),
    ("es", "Asunto: RV: Pedido\n\nNoelia, ¿puedes revisarlo?", "Noelia"),
    ("it", "Oggetto: I: Preventivo\n\nFederica, ci pensi tu?", "Federica"),
    ("fr", "clemence tu m'envoies le code stp", "clemence"),
    ("de", "[10:02] lukas: lennart kommt heute später", "lennart"),
    ("es", "jimena me pasas la foto porfa", "jimena"),
    ("it", "ludovica mi mandi il numero?", "ludovica"),
    # after chat's laughter, or a speaker label of two words
    ("de", "lol lennart hat sein handy vergessen", "lennart"),
    ("es", "jajaja itziar se ha vuelto a dormir", "itziar"),
    ("it", "ahah ilaria ha perso il treno", "ilaria"),  # a name frequent enough to be a word, after laughter
    ("fr", "[09:12] Tatie Odile: maelys tu viens dimanche ?", "maelys"),
])
def test_given_name_opening_a_line_found(recognizers, lang, text, name):
    assert name in _names(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,word", [
    ("fr", "Merci, à bientôt", "Merci"),
    ("de", "Danke, bis bald", "Danke"),
    ("es", "Bueno, vale, hasta mañana", "Bueno"),
    ("it", "Allora, ci vediamo domani", "Allora"),
    ("fr", "rose est ma couleur préférée", "rose"),  # a given name, but an ordinary word in lower case
    ("fr", "mdr rose est ma couleur préférée", "rose"),  # still too frequent after laughter
    ("it", "ahah bianca la maglietta, non rossa", "bianca"),
])
def test_ordinary_word_opening_a_line_stays(recognizers, lang, text, word):
    assert word not in _names(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,name", [
    # a name before a bracket that says whose parent it is
    ("de", "Gibt es Hitzefrei? Ann-Kathrin (Mama von Jonas, 3a) fragt.", "Ann-Kathrin"),
    ("es", "¿Hay excursión? Itziar (la madre de Unai, 1ºA) pregunta.", "Itziar"),
    ("it", "C'è la gita? Ornella (la mamma di Pietro, 3ªC) chiede.", "Ornella"),
    ("fr", "Sortie maintenue ? Solène (maman de Hugo, CE2) demande.", "Solène"),
    # a spouse's name after "his wife", "her husband"
    ("it", "Il titolare e sua moglie Concetta ci hanno accolto.", "Concetta"),
    ("es", "El dueño y su mujer Rosalía cocinan de maravilla.", "Rosalía"),
    ("fr", "Le patron et sa femme Nadège sont adorables.", "Nadège"),
    ("de", "Der Wirt und seine Ehefrau Roswitha kochen selbst.", "Roswitha"),
])
def test_parent_and_spouse_names_found(recognizers, lang, text, name):
    assert name in _names(recognizers, lang, text)


@pytest.mark.parametrize("lang,text,word", [
    ("de", "Die Schule (Mutter von Tim) hat angerufen.", "Schule"),
    ("it", "La scuola (madre di tutte le battaglie) chiude.", "scuola"),
    ("fr", "Sa femme Enceinte", "Enceinte"),  # an ordinary word after a spouse word
])
def test_ordinary_word_by_a_parent_or_spouse_stays(recognizers, lang, text, word):
    assert word not in _names(recognizers, lang, text)
