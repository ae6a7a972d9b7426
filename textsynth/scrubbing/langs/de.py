"""German: no usable spaCy model here, so names come from the gazetteer (Faker de_DE and others) and cues.

German capitalises every noun, so a capital letter is no evidence of a name on its own."""
from ..languages import LanguageProfile

PROFILE = LanguageProfile(
    code="de",
    faker_locale="de_DE",
    phone_region="DE",
    spacy_model=None,
    titles=("Fam", "Herr", "Herrn", "Frau", "Fräulein", "Dr", "Prof", "Professor", "Doktor",
            # police ranks before a surname in reports ("PK Schwarzer", "KHK Brandl")
            "PK", "POK", "PHK", "KOK", "KHK", "Kommissar", "Kommissarin"),
    name_cues=(  # a widow's or maiden name ("ved. Bossi", "viuda de Cortés", "née Martin")
               # who is in charge, as a ticket or log writes it ("Zuständig: Kevin"); whose bank account it is
               r"zuständig\s*:", r"iban\s+von",
               r"geb\.", r"geborene", r"verw\.", r"verwitwete",
               # a person's role as a form label ("Tecnico: Dario", "Monteur: Herr Brandt")
               r"(?:techniker|technikerin|monteur|monteurin|berater|beraterin|ansprechpartner"
               r"|ansprechpartnerin|fahrer|fahrerin|bearbeiter|bearbeiterin|sachbearbeiter|sachbearbeiterin"
               r"|handwerker|installateur|elektriker|verkäufer|verkäuferin)\s*:",
               r"ich\s+heiße", r"ich\s+heisse", r"mein\s+name\s+ist", r"name\s*:", r"vorname\s*:",
               r"nachname\s*:", r"ich\s+bin", r"hier\s+ist", r"hier\s+spricht", r"hier", r"mit\s+freundlichen\s+grüßen",
               r"gez\.", r"im\s+auftrag", r"i\.\s*a\.", r"fragen\s+sie\s+nach", r"gesprochen\s+mit",
               r"kontaktieren\s+sie", r"rufen\s+sie", r"mein\s+mann", r"meine\s+frau", r"mein\s+sohn",
               r"meine\s+tochter", r"mein\s+kollege", r"meine\s+kollegin", r"mein\s+nachbar", r"meine\s+nachbarin",
               r"mein\s+freund", r"meine\s+freundin", r"mein\s+bruder", r"meine\s+schwester", r"ihr\s+kollege",
               r"ihre\s+kollegin", r"der\s+techniker", r"die\s+technikerin", r"der\s+mitarbeiter",
               r"die\s+mitarbeiterin", r"der\s+verkäufer", r"die\s+verkäuferin", r"der\s+fahrer", r"der\s+kunde",
               r"die\s+kundin", r"kontoinhaber(?:in)?\s*:", r"empfänger\s*:", r"absender\s*:", r"von\s*:",
               r"an\s*:", r"von", r"mit", r"und", r"danke(?:\s+an)?", r"vielen\s+dank(?:\s+an)?", r"mein\s+berater", r"meine\s+beraterin", r"mein\s+ansprechpartner", r"meine\s+ansprechpartnerin", r"mein\s+arzt", r"meine\s+ärztin", r"hier\s+ist", r"ich\s+bin\s+der", r"ich\s+bin\s+die", r"heißt", r"heisst",
               r"namens", r"genannt", r"ein\s+gewisser", r"eine\s+gewisse",
               # whose doorbell, letterbox or number it is ("Klingel Meurer", "le num de thibault")
               r"klingel(?:schild)?\s*:?", r"briefkasten\s*:?", r"c/o", r"z\.\s*hd\.?(?:\s+von)?",
               r"zu\s+händen(?:\s+von)?", r"(?:handy|telefon|tel\.?)?nummer\s+von",
               r"(?:handy|telefon|tel\.?|e-mail|mail|kontakt)\s+von",
               # in whose name, and relatives ("a nombre de", "la madre de", "mio cugino")
               r"auf\s+den\s+namen", r"im\s+namen\s+von",
               r"(?:mutter|vater|sohn|tochter|bruder|schwester|frau|mann|freund|freundin|cousin|cousine|oma|opa)\s+von",
               r"mein\s+cousin", r"meine\s+cousine", r"mein\s+onkel", r"meine\s+tante", r"meine\s+oma",
               r"mein\s+opa", r"mein\s+chef", r"meine\s+chefin",
               # a family by its name, and whom to tell ("Familie Oberhuber", "dile a lucía")
               r"familie", r"(?:agent|agentin|berater|beraterin|sachbearbeiter|sachbearbeiterin|bearbeiter|bearbeiterin|mitarbeiter|mitarbeiterin)\s*:", r"eheleute", r"ehepaar", r"(?:klingel\w*|briefkasten|türschild)[^\n.]{0,25}?steht", r"klingeln\s+bei(?:\s+(?:hausmeister(?:in)?|nachbar(?:in)?))?", r"sag(?:e|t)?", r"sag\s+(?:mal\s+)?(?:der|dem)", r"frag(?:e|t)?", r"richte\s+(?:der|dem)",
               # according to ("laut Krüger", "selon Navarro")
               r"laut", r"gemäß",
               # who served or received the writer, in reviews ("me atendió Luz", "ci ha servito Chiara")
               r"bedient\s+von", r"betreut\s+von", r"empfangen\s+von", r"beraten\s+von"),
    greetings=("Hallo", "Hi", "Guten Tag", "Guten Morgen", "Guten Abend", "Liebe", "Lieber", "Liebes", "Servus",
               "Moin", "Grüß Gott", "Sehr geehrte", "Sehr geehrter", "Danke", "Hey", "Vielen Dank", "Danke schön", "Danke dir", "Danke euch"),
    signoffs=("Mit freundlichen Grüßen", "Mit freundlichen Grüssen", "Freundliche Grüße", "Viele Grüße",
              "Beste Grüße", "Liebe Grüße", "LG", "MfG", "Gruß", "Grüße", "Danke", "Vielen Dank", "Herzliche Grüße",
              "Schöne Grüße", "Ciao", "Tschüss", "Bis bald", "Gruß und Kuss", "Mit besten Grüßen",
              "Mit freundlichem Gruß", "Mit freundlichem Gruss", "Viele Grüsse", "Liebe Grüsse", "Beste Grüsse",
              "Ganz liebe Grüße", "Schönen Gruß", "Schöne Grüsse", "Herzlichst", "Hochachtungsvoll", "VG", "GlG",
              "Grüßle", "Servus", "Bis dann", "Bis später", "Danke und Gruß", "Danke und Grüße"),
    person_verbs=("hat recht", "hat unrecht", "hat gesagt", "sagte", "sagt", "hat geschrieben", "schrieb", "hat angerufen", "rief",
                  "wohnt", "arbeitet", "hat geantwortet", "antwortete", "hat bestätigt", "hat mir", "war",
                  "hat unterschrieben"),
    place_cues=(r"in", r"im", r"aus", r"nach", r"bei", r"von", r"wohne\s+in", r"wohnt\s+in", r"lebe\s+in",
                r"geboren\s+in", r"ort\s*:", r"stadt\s*:", r"wohnort\s*:", r"filiale\s+in", r"nähe\s+von",
                r"bei", r"zu", r"geburtsort\s*:", r"wohnort\s*:",
                # a company's branch or site ("Niederlassung Delmenhorst")
                r"nahe", r"niederlassung", r"standort", r"filiale", r"werk", r"zweigstelle",
                # a station or airport by its city ("am hbf münchen", "Flughafen Stuttgart")
                r"hbf\.?", r"bahnhof", r"flughafen"),
    weak_place_cues=(r"am", r"vom", r"zum", r"ins", r"aus\s+dem"),
    months=("januar", "jänner", "februar", "märz", "maerz", "april", "mai", "juni", "juli", "august", "september",
            "oktober", "november", "dezember", "jan", "feb", "mär", "apr", "jun", "jul", "aug", "sep", "sept", "okt",
            "nov", "dez"),
    street_words=("straße", "strasse", "str", "weg", "platz", "allee", "gasse", "ring", "damm", "ufer", "chaussee",
                  "steig", "pfad", "markt", "hof", "berg", "graben", "kai"),
    id_context=("steuer-id", "steuerid", "steuer id", "steueridentifikationsnummer", "identifikationsnummer",
                "idnr", "steuernummer", "personalausweis", "ausweisnummer", "ausweis", "perso", "ausweis-nr"),
    date_cues=(r"am", r"vom", r"bis\s+zum", r"bis", r"ab", r"seit\s+dem", r"zum", r"seit", r"vor\s+dem",
               r"nach\s+dem", r"bis\s+spätestens",
               # a weekday before a day and month ("Mo. 13.01.", "lunedì 13/01")
               r"montag,?", r"dienstag,?", r"mittwoch,?", r"donnerstag,?", r"freitag,?", r"samstag,?", r"sonntag,?", r"mo\.,?", r"di\.,?", r"mi\.,?", r"do\.,?", r"fr\.,?", r"sa\.,?", r"so\.,?",
               # a call log's or form's entry before a day and month ("Anruf 22.10.", "Appel 22/10")
               r"anruf", r"rückruf", r"telefonat", r"termin\s*:?", r"besuch", r"lieferung", r"gespräch", r"einsatz", r"besprechung"),
    weekdays=tuple("Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag".split()),
    name_frames=(r"\bbei[ \t]+{name}[ \t]+(?:klingeln|läuten|schellen|abgeben|abgegeben|hinterlegen|hinterlegt|abholen)\b",),
    po_box_words=("Postfach", "Postf."),
    landmark_words=(),
    district_cues=("Stadtteil", "Ortsteil", "Richtung", "Ausfahrt", "Klinikum"),
    park_words=(),
    street_words_need_number=frozenset("straße strasse str weg platz allee gasse ring damm ufer chaussee steig pfad markt hof berg graben kai".split()),
    relatives=frozenset("oma opa tante onkel".split()),
    parents=frozenset("mama mutter papa vater".split()),
    kin=frozenset("schwester bruder cousin cousine schwägerin schwager nichte neffe tochter sohn ehefrau ehemann gattin gatte lebensgefährtin lebensgefährte".split()),
    roles=frozenset("Hausmeister Hausmeisterin Nachbar Nachbarin Kollege Kollegin Postbote Postbotin Briefträger Bote Trainer Trainerin Erzieherin Erzieher Wirt Wirtin Kellner Kellnerin Friseur Friseurin Bäcker Metzger Pfleger Pflegerin Azubi Chef Chefin Fliesenleger Elektriker Installateur Monteur Handwerker Maler Schreiner Tischler Dachdecker Klempner Gärtner Fahrlehrer Fahrlehrerin".split()),
    name_articles=frozenset("der die".split()),
    possessive_words=tuple("von bei".split()),
    nickname_suffixes=tuple("i ie chen le".split()),
    author_cues=("von", "geschrieben von", "gepostet von", "verfasst von", "erstellt von", "beitrag von"),
    determiners=frozenset("der die das den dem des ein eine einen einem einer eines mein meine meinen meinem meiner dein deine sein seine ihr ihre unser unsere euer eure diese dieser diesen jene jeder jede keine kein".split()),
    capitalises_nouns=True,
    street_prefixes=("Am", "An der", "An den", "Auf der", "Auf dem", "Im", "In der", "In den", "Zum", "Zur",
                     "Unter den", "Hinter der", "Hinter dem", "Vor dem", "Alte", "Alter", "Neue", "Neuer", "Obere",
                     "Untere", "Große", "Kleine"),
    common_capitalised=frozenset("""
        hallo herr frau liebe lieber sehr geehrte geehrter danke grüße gruß vielen dank bitte kunde kundin
        kundenservice bestellung lieferung paket produkt straße montag dienstag mittwoch donnerstag freitag
        samstag sonntag januar februar märz april mai juni juli august september oktober november dezember
        ja nein super toll schlecht sehr ich du er sie es wir ihr
        """.split()),
)
