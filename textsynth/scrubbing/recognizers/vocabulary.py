"""Street and place vocabulary shared by the address and name recognizers (data)."""
from __future__ import annotations

import functools
import re
from typing import Iterable

US_STATE_ABBRS = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP AA AE AP "
    "AB BC MB NB NL NS NT NU ON PE QC SK YT"
).split()

# Street-type words that follow the street name (English usage, incl. abbreviations).
STREET_SUFFIXES = (
    "Street St Str Avenue Ave Av Road Rd Boulevard Blvd Lane Ln Drive Dr Court Ct Place Pl Square Sq Terrace "
    "Ter Way Parkway Pkwy Highway Hwy Circle Cir Crescent Cres Close Grove Gardens Gdns Row Mews Walk Hill "
    "Park Trail Trl Loop Alley Aly Pike Plaza Plz Point Pt Ridge Run Path Crossing Xing Expressway Expy "
    "Freeway Fwy Turnpike Tpke Causeway Embankment Quay Wharf Green Greens Rise Vale View Heights Hts Estate "
    "Wynd Gate Parade Broadway Centre Center Ctr"
).split()

# Street-type words that mark a street name even without a house number ("on Baker Street").
PLAIN_STREET_SUFFIXES = (
    "Street St Avenue Ave Road Rd Boulevard Blvd Lane Ln Drive Court Ct Place Terrace Parkway Pkwy Highway Hwy "
    "Crescent Cres Causeway Expressway Turnpike Alley Mews"
).split()


@functools.lru_cache(maxsize=1)
def _faker_street_suffixes() -> tuple[str, ...]:
    """USPS street suffixes as listed by Faker's en_US address provider."""
    from faker.providers.address.en_US import Provider

    return tuple(Provider.street_suffixes)


# Street-type words (or word endings) in other languages; these mark a street name on their own.
INTL_STREET_WORDS = (
    "strasse straße str gasse weg allee platz ring damm ufer chaussee steig pfad "
    "rue avenue av boulevard bd chemin allée impasse quai place cours route "
    "via viale piazza corso largo vicolo "
    "calle avenida av avda paseo plaza carrera camino carretera ronda "
    "rua travessa largo praça estrada "
    "straat laan weg plein gracht kade dijk singel "
    "gade vej gata gatan vägen väg gränd vei veien veg vegen gate "
    "tie katu kuja polku "
    "ul ulica aleja al "
    "utca út u körút krt rkp tér rakpart sor köz terrasse trg náměstí nám "
    "tee põik maantee puiestee iela prospekt "
    "odos leoforos "
    "marg nagar road rd lane"
).split()
# Word endings that mark a street name in Germanic/Nordic compounds ("Hauptstraße", "Stationsvej").
INTL_STREET_ENDINGS = (
    "strasse", "straße", "str.", "gasse", "weg", "allee", "platz", "damm", "ring", "ufer", "straat", "laan",
    "gracht", "plein", "kade", "vej", "gade", "gata", "gatan", "vägen", "veien", "vegen", "vei", "tie", "katu",
    "kuja", "braut", "vegur", "stræti", "gränd", "stig", "torget", "torg", "utca", "rakpart", "körút",
)

SECONDARY_UNIT = (
    r"(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Fl\.?|Floor|Room|Rm\.?|Bldg\.?|Building|Dept\.?|"
    r"Office|Lot|Space|Trlr|Box|#)\s*#?\s*[A-Za-z]?\d+[A-Za-z]?(?:-\d+)?"
)
POSTCODE = (
    r"(?:\d{5}(?:-\d{4})?|\d{4,6}|\d{3}\s\d{2}|\d{2}-\d{3}"  # US/DE/FR/NL digits, SE "123 45", PL "00-950"
    r"|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"  # UK
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d"  # Canada
    r"|\d{4}\s?[A-Z]{2}"  # Netherlands
    r"|[A-Z]{1,2}-\d{4,5})"  # "D-10115"
)
# Cues shortly before an address ("lives at", "ship to", "address:").
ADDRESS_CUES = re.compile(
    r"(?i)(?:\b(?:address(?:es)?|addr|live[sd]?|living|located|location|ship(?:ped|ping)?|"
    r"send|sent|deliver(?:ed|y)?|mail(?:ed|ing)?|move[ds]?|moving|meet|visit|stop|office[s]?|corner|side|"
    r"residence|resides?|domicil\w*|street|home|billing|shipping|postal|stay(?:ing)?)\b[^\n.!?]{0,25}"
    r"|\b(?:at|on|near|off|of|to)\s+)$"
)
# Words that end a run of capitalised place words (not cities).
NOT_PLACE_WORDS = frozenset(
    "mobile desk fax phone tel telephone email e-mail website web personal info name address contact "
    "for the and but or please thanks thank regards best cheers sincerely hi hello dear monday tuesday "
    "wednesday thursday friday saturday sunday today tomorrow tonight yesterday i we you he she they it "
    "my our your his her their this that these those is are was were will would can could should "
    "i'm i've i'd i'll it's that's there's let's don't can't won't isn't didn't doesn't".split()
)


def _word_alternation(words: Iterable[str]) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))
