"""Nicknames and pet names (local_nicknames), table-driven per language and per place, with the ordinary words in
the same places that must stay; and the naming cues added with them to ``langs/<code>.py`` (local_names)."""
import pytest

from textsynth.scrubbing.languages import profile
from textsynth.scrubbing.local_names import LocalNameRecognizer
from textsynth.scrubbing.local_nicknames import LocalNicknameRecognizer

LANGS = ("fr", "de", "es", "it")


@pytest.fixture(scope="module")
def nicknames():
    return {code: LocalNicknameRecognizer(profile(code)) for code in LANGS}


@pytest.fixture(scope="module")
def names():
    return {code: LocalNameRecognizer(profile(code)) for code in LANGS}


def _found(recognizers, lang, text):
    return [text[r.start:r.end] for r in recognizers[lang].analyze(text, ["PERSON"])]


FOUND = [
    # (language, place and shape, text, name)
    ("it", "relative, doubled syllable", "domenica pranzo da zia Lalla e zio Totò", "Totò"),
    ("fr", "role, doubled syllable", "la nounou Fanfan arrive à 8 h", "Fanfan"),
    ("it", "greeting, doubled consonant", "ciao Pippo, ci sei stasera?", "Pippo"),
    ("it", "colloquial article, doubled consonant", "stasera viene anche il Pippo con la moto", "Pippo"),
    ("it", "colloquial article, the end of a given name", "ieri sera c'era anche il Peppe al bar", "Peppe"),
    ("de", "colloquial article, clipped given name", "morgen bringt der Dome die Boxen mit", "Dome"),
    ("de", "role, pet-name ending", "Unser Hausmeister Manni repariert die Heizung.", "Manni"),
    ("de", "role, pet-name ending on a doubled consonant", "die Kollegin Chrissi hat angerufen", "Chrissi"),
    ("it", "role, doubled syllable", "il barista Totò ci ha offerto il caffè", "Totò"),
    ("it", "chat speaker label", "[18:02] Gianni: ok\n[18:03] Pippo: arrivo tra poco", "Pippo"),
    ("fr", "role, rare word", "le voisin Bébert a tondu la pelouse", "Bébert"),
    ("it", "role, rare word", "Ho lasciato le chiavi al vicino Pradeep, terzo piano.", "Pradeep"),
    ("es", "role, pet-name ending", "el fontanero Manolito vino ayer", "Manolito"),
    ("es", "a chat message opening with a pet name", "[20:15] Tía Loli: pablito tráete hielo", "pablito"),
    ("it", "a chat message opening with a pet name", "[20:15] zia Pina: robertino porti tu il vino?", "robertino"),
    ("de", "a chat message opening with a pet name after laughter", "haha hansi hat wieder verschlafen", "hansi"),
    ("it", "whose place, a given name's end", "Stasera ci vediamo al bar di Nando, come sempre.", "Nando"),
    ("de", "whose birthday, a pet-name ending", "Der Geburtstag von Steffi ist am Freitag.", "Steffi"),
    ("fr", "at whose home, a doubled syllable", "On dort chez Mimi ce week-end.", "Mimi"),
    ("de", "a lower-case clipped name after a naming cue", "hey, hier ist flori. bin gleich da", "flori"),
    ("es", "a lower-case pet name after a naming cue", "hola, soy pablito, el de ayer", "pablito"),
    ("it", "colloquial article, a clipped name that is a frequent word too", "e poi la Fede ha risposto subito",
     "Fede"),
    ("it", "timestamped speaker label, a listed name that is an ordinary word", "[19:04] Salvo: da noi\n[19:05] Ada: ok",
     "Salvo"),
    ("it", "WhatsApp speaker label", "01/07/25, 18:02 - Gianni: ok\n01/07/25, 18:03 - Totò: arrivo tra poco",
     "Totò"),
]


@pytest.mark.parametrize("lang,how,text,name", FOUND, ids=[f"{r[0]}-{r[1]}" for r in FOUND])
def test_nickname_in_a_name_place(nicknames, lang, how, text, name):
    assert name in _found(nicknames, lang, text)


KEPT = [
    # (language, why it stays, text)
    ("it", "an article before a place's name of two capitalised words", "Siamo saliti sul Gran Sasso e il Monte Bianco."),
    ("it", "article opening a sentence, ordinary nouns", "Il Comune di Roma e la Regione Lazio hanno firmato."),
    ("de", "a role before an ordinary noun", "Bitte dem Hausmeister Bescheid sagen."),
    ("de", "a role before a title", "Die Nachbarin Frau Koch hat das Paket."),
    ("de", "articles before ordinary nouns", "Der Mann und die Frau kamen mit der Bahn."),
    ("de", "an article before a listed name that is a frequent word", "Der Arzt hat sich die Iris angesehen."),
    ("es", "an article before a shop's name", "Lo compré en el Corte Inglés y en la Tasquita."),
    ("es", "a role before a title", "entregado a la vecina Dña. Remedios Cano"),
    ("fr", "a role before an adjective", "le facteur Sympa est passé"),
    ("it", "a form's labels are no chat speakers", "Telefono: 02 2614 8830\nIBAN: IT58 V884 7084\nMail: a@b.it"),
    ("it", "a relative word is no pet name", "ciao Nonna, ciao Mamma!"),
    ("it", "formal capitalised possessives after an article", "La Sua richiesta è accolta, la Loro no."),
    ("it", "timestamped role labels", "[10:01] Cliente: salve\n[10:02] Operatore: buongiorno\n[10:03] Mamma: ok"),
    ("es", "a chat message opening with an ordinary word", "[20:15] Tía Loli: vale nos vemos luego"),
    ("it", "a place after 'a' or 'di', whatever its shape", "Vado a Torino e poi a Como, poi la sede di Lucca."),
    ("de", "a listed name after 'von' is left to the name recognizer", "Das Paket von DHL kam mit Verspätung."),
    ("es", "an ordinary word after a naming cue", "hola, soy nueva por aquí"),
    ("fr", "laughter before an ordinary word", "mdr bref on verra demain"),
    ("de", "a lower-case word opening a line with no chat label", "bambi hat mir gefallen"),
]


@pytest.mark.parametrize("lang,why,text", KEPT, ids=[f"{r[0]}-{r[1]}" for r in KEPT])
def test_ordinary_words_in_those_places_stay(nicknames, lang, why, text):
    assert _found(nicknames, lang, text) == []


CUED = [
    ("fr", "greeting then c (c'est), lower case", "cc c margaux, je suis en bas de chez toi", "margaux"),
    ("fr", "greeting then c, a pet name", "Coucou c Titou, je t'attends devant la gare", "Titou"),
    ("de", "who is in charge", "Störung gemeldet. Zuständig: Dennis aus dem Team Süd", "Dennis"),
    ("es", "whose bank account, lower case", "me pasas el iban de youssef? no me va", "youssef"),
    ("it", "whose bank account, lower case", "mandami l'iban di arjola per la quota", "arjola"),
    ("it", "a name half remembered", "il commesso, mi pare si chiamava lucrezia, era gentile", "lucrezia"),
]


@pytest.mark.parametrize("lang,how,text,name", CUED, ids=[f"{r[0]}-{r[1]}" for r in CUED])
def test_naming_cues(names, lang, how, text, name):
    assert any(name in found for found in _found(names, lang, text))


@pytest.mark.parametrize("lang,text", [
    ("fr", "c bon, c nul, c trop cher ici"),  # "c" without a greeting before it
    ("fr", "Mon IBAN de remplacement est joint."),
    ("it", "si chiamava così anche prima"),
])
def test_cues_before_ordinary_words_stay(names, lang, text):
    assert _found(names, lang, text) == []
