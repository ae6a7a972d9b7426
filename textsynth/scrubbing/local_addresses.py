"""Street addresses in French, German, Spanish and Italian forms (STREET_ADDRESS).

The English recognizer (``recognizers.StreetAddressRecognizer``) already knows "12 rue de la Paix",
"Hauptstraße 5" and "Via Roma 12"; this subclass adds each language's street words (``langs/<code>.py``) in
the orders that language writes them: "Calle de Alcalá, 45, 3º B", "C/ Mayor 12", "Avda. de América 3",
"12 bis, avenue Foch", "Berliner Str. 5a", "Viale Monza, 14", "Piazza S. Marco 1", then grows the span over
the postcode and city as the English one does ("75002 Paris", "D-10115 Berlin", "00184 Roma (RM)").
"""
from __future__ import annotations

import re

from .languages import LanguageProfile
from .recognizers import StreetAddressRecognizer
from .recognizers.vocabulary import SECONDARY_UNIT


LOCAL_UNIT = (r"(?:(?:bât\.?|bâtiment|escalier|esc\.?|étage|porte|appartement|appt\.?|piso|planta|puerta|escalera|"
              r"portal|scala|sc\.|interno|int\.|piano|stock|etage|og|eg|whg\.?|wohnung|aufgang)[ \t]*[\w]{1,4}"
              r"|\d{1,2}(?:\.|º|ª|°|er|e|o|a)?[ \t]*(?:stock|og|etage|étage|piso|planta|piano)"
              r"|hinterhaus|vorderhaus|seitenflügel|gartenhaus)"
              r"(?:[ \t]+(?:rechts|links|mitte|re\.|li\.|izq(?:da)?\.?|dcha\.?|dx|sx))?")  # "3. OG rechts"


class LocalAddressRecognizer(StreetAddressRecognizer):
    """StreetAddressRecognizer with the anchors of one more language."""

    def __init__(self, profile: LanguageProfile) -> None:
        self.profile = profile
        super().__init__(supported_language=profile.code)
        self.name = f"LocalAddressRecognizer_{profile.code}"

    def load(self) -> None:
        super().load()
        words = "|".join(sorted((re.escape(w) for w in self.profile.street_words), key=len, reverse=True))
        cap = r"(?:[^\W\d_a-z][\w'’\-]*\.?)"
        link = r"(?:de|del|de\s+la|de\s+las|de\s+los|la|le|les|du|des|di|della|delle|dei|degli|da|dal|al|y|e|am|an|der|zum|zur|im|in|sul|sulla|d['’]|l['’])"
        # a number inside a street name only before a word ("Calle 5 de Mayo"), never the house number
        name = rf"(?:{link}[ \t]+|{link})*{cap}(?:[ \t]+(?:{link}|{cap}|\d{{1,2}}\.?(?=[ \t]+[^\W\d_]))){{0,5}}"
        num = r"(?:n[º°o]\.?[ \t]*|nr\.?[ \t]*|s/n\b|km\.?[ \t]*)?\d{1,4}[A-Za-z]?(?:[ \t]*(?:bis|ter|quater)\b)?(?:[\-/]\d{1,4}[A-Za-z]?)?"
        # "3º B", "2º izq." ("º" reads "o" once NFKC-normalised), "piso 4", "scala B", "bât. C"
        floor = r"(?:,?[ \t]*(?:\d{1,2}(?:[ºª°]|[oa](?![\w]))?(?:[ \t]*(?:izq|izda|dcha|dch|der|[A-Za-z])\.?)?(?![\w])|(?:piso|planta|puerta|esc\.?|escalera|interno|int\.?|scala|piano|étage|bât\.?|bâtiment|apt\.?|appartement)[ \t]*\w{1,4}))*"
        street = rf"(?i:{words})(?:\.|[ \t]*/)?"
        self._anchors = self._anchors + [
            ("local-word-name-num", re.compile(rf"(?<![\w\-]){street}[ \t]+{name}[ \t]*,?[ \t]*{num}{floor}(?![\w\-])"), 0.6),
            ("local-num-word-name", re.compile(rf"(?<![\w\-.,]){num},?[ \t]+{street}[ \t]+{name}"), 0.6),
            ("local-compound-num", re.compile(rf"(?<![\w\-])(?:{cap}[ \t])?(?:[^\W\d_]+-){{0,3}}[^\W\d_]*(?i:straße|strasse|str\.?|weg|platz|allee|gasse|ring|damm|ufer|steig|pfad)[ \t]+{num}(?![\w\-])"), 0.6),
        ]
        # what a postcode and a town follow is an address: "Postfach 10 12 34, 50452 Köln", "Apartado de Correos
        # 112, 41080 Sevilla", and a rural or unlisted street ("Hohe Geest 7, 48165 Münster", "Diseminado Los
        # Llanos 5, 04200 Tabernas", "Strada Provinciale 146 n. 12, 53026 Pienza"); the extension adds the town
        postcode_town = r"(?=,?[ \t]+(?:[A-Z]{1,2}-)?\d{5}[ \t]+[^\W\d_a-z])"
        if self.profile.po_box_words:
            boxes = "|".join(sorted((re.escape(w).replace(r"\ ", r"[ \t]+") for w in self.profile.po_box_words),
                                    key=len, reverse=True))
            self._anchors.append(("local-po-box", re.compile(
                rf"(?<![\w\-])(?i:{boxes})[ \t]*(?:n[º°o]\.?[ \t]*)?\d{{1,6}}(?:[ \t]\d{{2,3}}){{0,3}}{postcode_town}"), 0.6))
        upper = r"(?:[A-ZÀ-ÖØ-Þ][\w'’\-]*\.?)"  # not "è" or "à", which ``cap`` lets in
        # the building, floor or flat between the number and the postcode ("12, 3. OG rechts, 04177 Leipzig")
        units = rf"(?:,?[ \t]+{LOCAL_UNIT}(?![\w]))*"
        self._anchors.append(("local-name-num-postcode", re.compile(
            rf"(?<![\w\-]){upper}(?:[ \t]+(?:{link}|{upper})){{0,4}}[ \t]+(?:\d{{1,4}}[A-Za-z]?|(?i:s/n))"
            rf"(?:[ \t]+n[º°o]?\.?[ \t]*\d{{1,4}}[A-Za-z]?)?{units}{postcode_town}"), 0.55))
        # a street, lieu-dit or farm named without a number right before its postcode and town: "camino de la Ermita
        # s/n, 44580 Valderrobres", "Le Bourg, 07270 Lamastre", "ZAC des Pennes, 13170 Les Pennes-Mirabeau"
        self._anchors.append(("local-word-name-postcode", re.compile(
            rf"(?<![\w\-])(?:(?:{link}|{cap})[ \t]+)?{street}(?:[ \t]+{name})?(?:[ \t]+(?i:s/n))?{postcode_town}"),
            0.55))
        # chat writes streets in lower case: "c/ heraclio sanchez 40", "via dei promontori 31" ("via" only before
        # "dei"/"del"/...: "via mail 2 volte" is no street)
        lower = r"[a-zà-ÿ][\w'’\-]{2,}"
        self._anchors.append(("local-lower-street-num", re.compile(
            rf"(?<![\w\-])(?:(?!via[ \t]+(?!{link}[ \t]))(?:{words}))(?:\.|[ \t]*/)?[ \t]+(?:{link}[ \t]+)?{lower}"
            rf"(?:[ \t]+(?:{link}|{lower})){{0,3}}[ \t]+\d{{1,4}}[a-z]?(?![\w\-]|[.,]\d|[ \t]*(?:km|min|m|kg|h|€|%|euro|"
            rf"ans?|anni|años|jahre|ore|horas|heures|stunden|uhr|minut\w*)(?![\w]))"), 0.5))
        if self.profile.capitalises_nouns:  # a capitalised word before a separate street word: "Lindenauer Markt 12"
            self._anchors.append(("local-name-word-num", re.compile(
                rf"(?<![\w\-]){upper}[ \t]+(?i:{words})\.?[ \t]+{num}(?![\w\-])"), 0.55))
        if self.profile.street_prefixes:  # "Am Mühlbach 3a", "An der Alster 12"
            prefixes = "|".join(re.escape(p).replace(r"\ ", r"[ \t]+") for p in self.profile.street_prefixes)
            self._anchors.append(("local-prefix-name-num", re.compile(
                rf"(?<![\w\-])(?:{prefixes})[ \t]+{cap}(?:[ \t\-]{cap}){{0,2}}[ \t]+{num}(?![\w\-])"), 0.55))
        # a street named without a number, right after an address cue ("Adresse : chemin de Blanc")
        self._cued_street = re.compile(rf"(?i:adresse|anschrift|address|dirección|direccion|domicilio|indirizzo|"
                                       rf"wohnhaft|residenza)[^\n\w]{{0,4}}(?:[^\W\d_]+[ \t]+){{0,3}}?[ \t:]*"
                                       rf"({street}[ \t]+{name})")
        self._postcode_city = re.compile(r"(?:^|[ \t,])(?:[A-Z]{1,2}-)?\d{4,5}$")
        # the building, staircase, floor or flat between the street and the postcode: "bât. B", "esc. 2",
        # "int. 5", "scala B", "Hinterhaus", "3. Stock", as a unit segment beside the English "Apt 4"
        self._unit = re.compile(rf"(?:{SECONDARY_UNIT}|{LOCAL_UNIT})(?![\w])", re.IGNORECASE)

    def _finditer(self, name: str, regex: re.Pattern, text: str):
        """The base matches; a name + number before a postcode starts at its street word when it has one ("Abita
        in Via Mazzini 12, ..." is "Via Mazzini 12, ...") and after any leading stop words ("Es", "È", "Ich")."""
        if name != "local-name-num-postcode":
            yield from super()._finditer(name, regex, text)
            return
        from .local_words import stop_words

        stop = stop_words(self.profile.code)
        streets = {w.lower().rstrip(".") for w in self.profile.street_words}
        for m in regex.finditer(text):
            words = list(re.finditer(r"[^\W\d_][\w'’\-.]*", m.group()))
            start = next((w.start() for w in words if w.group().lower().rstrip(".") in streets), None)
            if start is None:
                lead = next((w for w in words if w.group().lower() not in stop), None)
                start = lead.start() if lead else 0
            trimmed = regex.match(text, m.start() + start) if start else m
            if trimmed:
                yield trimmed

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list:
        from presidio_analyzer import RecognizerResult

        from .recognizers.base import _merge_overlapping

        results = super().analyze(text, entities, nlp_artifacts)
        if entities and self.ENTITY not in entities:
            return results
        for m in self._cued_street.finditer(text):
            end = self._extend(text, m.end(1))
            results.append(RecognizerResult(self.ENTITY, m.start(1), end, 0.5,
                                            recognition_metadata={"recognizer_name": self.name, "pattern": "cued-street"}))
        return _merge_overlapping(results)

    def _extend(self, text: str, end: int, after_unit: bool = False) -> int:
        """The English extension, then the city after a final postcode even when a lower-case word follows
        ("..., 80331 München schicken")."""
        end = super()._extend(text, end, after_unit)
        if self._postcode_city.search(text, max(0, end - 9), end):
            m = re.match(r"[ \t]+([^\W\d_][\w'’\-]*(?:[ \t\-](?:am|an|der|de|di|sur|en|del)?[ \t\-]?[^\W\d_][\w'’\-]*)?)", text[end:])
            if m and m.group(1)[:1].isupper():
                words = m.group(1).split()
                keep = [w for w in words][:1] + [w for w in words[1:] if w[:1].isupper()]
                end += m.group(0).index(keep[0]) + len(" ".join(keep)) if len(keep) == len(words) else \
                    m.group(0).index(keep[0]) + len(keep[0])
        return end
