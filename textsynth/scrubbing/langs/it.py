"""Italian: no usable spaCy model here, so names come from the gazetteer (Faker it_IT and others) and cues."""
from ..languages import LanguageProfile

PROFILE = LanguageProfile(
    code="it",
    faker_locale="it_IT",
    phone_region="IT",
    spacy_model=None,
    titles=("Fam", "Sig", "Sig.ra", "Sigra", "Sig.na", "Sigg", "Sigg.ri", "Signor", "Signore", "Signora", "Signorina", "Dott", "Dott.ssa",
            "Dottssa", "Dottor", "Dottore", "Dottoressa", "Dr", "Prof", "Prof.ssa", "Professore", "Professoressa", "Avv",
            "Ing", "Geom", "Rag"),
    name_cues=(  # a widow's or maiden name ("ved. Bossi", "viuda de Cortés", "née Martin")
               # whose bank account it is ("l'iban di xhulio"); a name half remembered ("si chiamava Simona")
               r"iban\s+di", r"si\s+chiamava", r"si\s+chiamasse",
               r"ved\.", r"vedova", r"vedovo",
               # a person's role as a form label ("Tecnico: Dario", "Monteur: Herr Brandt")
               r"(?:tecnico|tecnica|operatore|operatrice|operaio|referente|commesso|commessa|addetto|addetta"
               r"|autista|installatore|idraulico|elettricista|consulente|agente|incaricato|incaricata"
               r"|responsabile)\s*:",
               r"mi\s+chiamo", r"il\s+mio\s+nome\s+è", r"nome\s*:", r"cognome\s*:", r"nome\s+e\s+cognome\s*:",
               r"sono", r"qui\s+è", r"parla", r"firmato", r"chiedete\s+di", r"chieda\s+di", r"ho\s+parlato\s+con",
               r"contattare", r"chiamare", r"mio\s+marito", r"mia\s+moglie", r"mio\s+figlio", r"mia\s+figlia",
               r"il\s+mio\s+collega", r"la\s+mia\s+collega", r"il\s+mio\s+vicino", r"la\s+mia\s+vicina",
               r"il\s+mio\s+amico", r"la\s+mia\s+amica", r"mio\s+fratello", r"mia\s+sorella", r"il\s+tecnico",
               r"la\s+tecnica", r"l['’]operatore", r"l['’]operatrice", r"il\s+commesso", r"la\s+commessa",
               r"il\s+corriere", r"il\s+cliente", r"la\s+cliente", r"intestatario\s*:", r"destinatario\s*:",
               r"mittente\s*:", r"da\s*:", r"a\s*:", r"con", r"e", r"grazie(?:\s+a)?", r"il\s+mio\s+consulente", r"la\s+mia\s+consulente", r"il\s+mio\s+medico", r"la\s+mia\s+referente", r"il\s+mio\s+referente", r"si\s+chiama",
               r"chiamat[oa]", r"di\s+nome", r"un\s+certo", r"una\s+certa",
               # whose doorbell, letterbox or number it is ("Klingel Meurer", "le num de thibault")
               r"citofono(?:\s+a)?", r"citofonare(?:\s+a)?", r"campanello(?:\s+di)?",
               r"cassetta\s+(?:postale|delle\s+lettere)(?:\s+di)?", r"cassetta\s+di", r"c/o", r"all['’]attenzione\s+di",
               r"alla\s+c\.\s*a\.(?:\s+di)?",
               r"(?:num|numero|tel|telefono|cell|cellulare|mail|contatto|whatsapp)\s+di",
               # in whose name, and relatives ("a nombre de", "la madre de", "mio cugino")
               r"a\s+nome\s+di",
               r"(?:madre|padre|figlio|figlia|fratello|sorella|moglie|marito|ragazzo|ragazza|amico|amica|cugino|cugina)\s+di",
               r"mio\s+cugino", r"mia\s+cugina", r"mio\s+zio", r"mia\s+zia", r"il\s+mio\s+ragazzo",
               r"la\s+mia\s+ragazza", r"il\s+mio\s+capo", r"la\s+mia\s+capa",
               # a family by its name, and whom to tell ("Familie Oberhuber", "dile a lucía")
               r"famiglia", r"coniugi", r"(?:citofono|campanello)[^\n.]{0,25}?(?:scritto|c['’]è)", r"d[iì]['’]?\s+a", r"chiedi\s+a", r"avvisa", r"avverti",
               # according to ("laut Krüger", "selon Navarro")
               r"secondo",
               # who served or received the writer, in reviews ("me atendió Luz", "ci ha servito Chiara")
               r"mi\s+ha\s+accolto", r"ci\s+ha\s+accolto", r"mi\s+ha\s+servito", r"ci\s+ha\s+servito", r"servit[oi]\s+da", r"accolt[oi]\s+da"),
    greetings=("Ciao", "Salve", "Buongiorno", "Buonasera", "Gentile", "Gentili", "Caro", "Cara", "Cari", "Egregio",
               "Grazie", "Hey", "Grazie mille", "Mille grazie", "Grazie ancora"),
    signoffs=("Cordiali saluti", "Distinti saluti", "Saluti", "Un saluto", "Grazie", "Grazie mille",
              "Cordialmente", "Un abbraccio", "A presto", "Baci", "Buona giornata", "Ciao ciao", "Bacioni",
              "Un caro saluto", "Un cordiale saluto", "Saluti cordiali", "Cari saluti", "Un bacio", "Un bacione",
              "Un abbraccio forte", "Buona serata", "Ciao", "In attesa di un vostro riscontro", "Resto in attesa",
              "Grazie in anticipo", "Con osservanza", "Ti abbraccio"),
    person_verbs=("ha ragione", "ha torto", "ha detto", "dice", "ha scritto", "ha chiamato", "abita", "vive", "lavora", "ha risposto",
                  "ha confermato", "ha firmato", "ha pagato", "mi ha aiutato", "mi ha detto", "è stato",
                  "è stata"),
    place_cues=(r"a", r"ad", r"in", r"da", r"di", r"verso", r"vicino\s+a", r"abito\s+a", r"vivo\s+a",
                r"abita\s+a", r"nato\s+a", r"nata\s+a", r"città\s*:", r"comune\s*:", r"negozio\s+di",
                r"filiale\s+di", r"sede\s+di",
                r"luogo\s+di\s+nascita\s*:", r"residente\s+a", r"provincia\s*:"),
    # before a place ("del Vomero", "por Legazpi", "du Médoc") as often as before a noun: only a rare name counts
    weak_place_cues=(r"del", r"nel", r"al", r"dal", r"sul", r"per"),
    months=("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
            "ottobre", "novembre", "dicembre", "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set",
            "ott", "nov", "dic"),
    street_words=("via", "viale", "piazza", "p.zza", "piazzale", "corso", "largo", "vicolo", "strada", "lungomare",
                  "lungarno", "lungadige", "lungolago",
                  "lungotevere", "contrada", "località", "loc", "borgo", "salita", "v.le", "rotonda",
                  "incrocio", "canale", "stretto", "traversa", "vico", "rampa", "calle", "circonvallazione",
                  "c.so", "l.go", "p.le", "p.za",
                  "alzaia", "cascina", "podere", "masseria", "fraz", "frazione"),
    id_context=("codice fiscale", "cod. fiscale", "c.f.", "cf", "tessera sanitaria"),
    date_cues=(r"il", r"del", r"dal", r"al", r"entro\s+il", r"fino\s+al", r"prima\s+del", r"dopo\s+il",
               r"a\s+partire\s+dal", r"arrivato\s+il", r"consegnato\s+il",
               # a weekday before a day and month ("Mo. 13.01.", "lunedì 13/01")
               r"lunedì,?", r"martedì,?", r"mercoledì,?", r"giovedì,?", r"venerdì,?", r"sabato,?", r"domenica,?",
               # a call log's or form's entry before a day and month ("Anruf 22.10.", "Appel 22/10")
               r"chiamata", r"telefonata", r"appuntamento\s*:?", r"visita", r"consegna", r"intervento", r"riunione", r"colloquio"),
    weekdays=tuple("lunedì martedì mercoledì giovedì venerdì sabato domenica".split()),
    po_box_words=("casella postale", "cas. post.", "C.P."),
    landmark_words=("lago", "passo", "valle", "val", "monte", "altopiano", "isola", "golfo", "colle"),
    district_cues=("zona", "quartiere", "rione", "frazione", "direzione", "uscita", "ospedale"),
    park_words=("parco", "giardini", "giardino"),
    street_words_need_number=frozenset("strada canale stretto incrocio rotonda rampa località borgo salita traversa contrada largo corso loc alzaia cascina podere masseria fraz frazione".split()),
    relatives=frozenset("nonna nonno zia zio".split()),
    parents=frozenset("mamma madre papà papa padre".split()),
    kin=frozenset("sorella fratello cugina cugino cognata cognato nipote figlia figlio moglie marito".split()),
    roles=frozenset("portinaio portinaia portiere vicino vicina idraulico elettricista cameriere cameriera cassiere cassiera collega postino barista maestra maestro parrucchiere parrucchiera fornaio capo bidello bidella allenatore istruttore istruttrice piastrellista muratore imbianchino tecnico tecnica".split()),
    name_articles=frozenset("il la del della dal dalla al alla col".split()),  # "la festa del Checco"
    possessive_words=tuple("di da a".split()),
    nickname_suffixes=tuple("uccio uccia ino ina etto etta uzzo uzza y".split()),
    author_cues=("scritto da", "pubblicato da", "postato da", "inviato da", "messaggio di", "da", "di"),
    determiners=frozenset("il lo la l i gli le un uno una mio mia miei mie tuo tua suo sua nostro nostra vostro vostra loro questo questa quello quella del della dello".split()),
    common_capitalised=frozenset("""
        ciao salve buongiorno buonasera gentile caro cara grazie saluti cordiali distinti signor signora cliente
        ordine spedizione pacco prodotto via lunedì martedì mercoledì giovedì venerdì sabato domenica gennaio
        febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre sì no molto
        ottimo pessimo io tu lui lei noi voi loro
        """.split()),
)
