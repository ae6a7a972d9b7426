"""Our own Presidio recognizers, for the entity types where Presidio's defaults are weak.

Presidio out of the box misses many street addresses (anything that is not "123 Main Street"), phone
numbers outside a few regions, person names that spaCy's small model does not tag, and driver licenses
outside a narrow context. The recognizers here are declared as data where possible: regular expressions,
word lists and context cues live in module constants; the classes only hold the matching loop.

`build_recognizers(config)` returns the recognizers for the enabled entity types; `postprocess(text,
results)` drops dates that are only durations, splits names spaCy ran across line breaks, adds other
mentions of a detected name, and merges overlapping spans (a credit card is not also a phone number).
Every recognizer works without spaCy artifacts (`nlp_artifacts=None`), so each is testable on its own.

Word lists (`lexicon.py`): given names and surnames come from Faker's person providers of all locales (not
from presidio-evaluator's data); how common a word is in English comes from wordfreq. Neither decides alone:
capitalisation, cues ("my name is", "Dear", "regards,"), neighbouring names and spaCy's tags do.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from presidio_analyzer import EntityRecognizer, RecognizerResult

from .lexicon import faker_name_sets, is_common_word, is_first_name, word_zipf
from .national_ids import NationalIdRecognizer
from .places import PlaceRecognizer

if TYPE_CHECKING:
    from textsynth.config import ScrubConfig

# --------------------------------------------------------------------------------------------------
# Shared vocabulary
# --------------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------------
# Generic recognizers declared as data
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GatedPattern:
    """A regex whose match counts only if `context` matches in the `window` characters before it.

    `group` names the part of the match that is the entity (default: the whole match); `validate`
    names a validation function in `_VALIDATORS`; `reject_before` vetoes a match (e.g. "order #").
    """

    name: str
    regex: str
    score: float
    context: str | None = None
    window: int = 60
    group: str | int = 0
    validate: str | None = None
    reject_before: str | None = None
    flags: int = re.IGNORECASE


class GatedPatternRecognizer(EntityRecognizer):
    """Patterns with explicit context gating and validation, independent of spaCy artifacts.

    Presidio's own context enhancement needs spaCy lemmas and only raises scores; gating here
    decides whether the match exists at all, which keeps weak patterns (9 bare digits for an SSN,
    an alphanumeric token for a driver license) from firing outside their context.
    """

    def __init__(self, entity: str, patterns: list[GatedPattern], name: str | None = None,
                 supported_language: str = "en") -> None:
        self.patterns = patterns
        self._compiled = [
            (p, re.compile(p.regex, p.flags),
             re.compile(p.context, re.IGNORECASE) if p.context else None,
             re.compile(p.reject_before, re.IGNORECASE) if p.reject_before else None)
            for p in patterns
        ]
        super().__init__(supported_entities=[entity], name=name or f"Gated{entity.title()}Recognizer",
                         supported_language=supported_language)

    def load(self) -> None:  # nothing to load
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        entity = self.supported_entities[0]
        if entities and entity not in entities:
            return []
        results = []
        text = normalize_breaks(text)
        for pattern, regex, context, reject in self._compiled:
            pos = 0
            while (m := regex.search(text, pos)) is not None:
                pos = max(m.end(), m.start() + 1)
                start, end = m.span(pattern.group)
                if start < 0 or start == end:
                    continue
                before = text[max(0, start - pattern.window):start]
                if context is not None and not context.search(before):
                    continue
                if reject is not None and reject.search(text[max(0, start - 25):start]):
                    continue
                spans = [(start, end)]
                if pattern.validate and not _VALIDATORS[pattern.validate](text[start:end]):
                    spans = []
                    if pattern.group == 0:  # two values side by side: look for the parts that validate
                        spans = _valid_parts(text, start, end, regex, _VALIDATORS[pattern.validate])
                        if spans:  # the next value may run past this match
                            pos = min(pos, spans[-1][1])
                results += [RecognizerResult(entity, a, b, pattern.score,
                                             recognition_metadata={"recognizer_name": self.name,
                                                                   "pattern": pattern.name})
                            for a, b in spans]
        return _dedupe(results)


def _valid_parts(text: str, start: int, end: int, regex: re.Pattern,
                 valid: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Values side by side in a match that failed validation ("card1 card2", "phone1 phone2"): the longest
    whitespace-bounded part from the match start that matches and validates on its own, then the same
    right after it. Parts never start elsewhere (a valid-looking tail of a long number is not a value)."""
    groups = [m.span() for m in re.finditer(r"\S+", text[start:end])]
    out, i = [], 0
    while 0 < len(groups) - 1 and i < len(groups):
        for j in range(len(groups) - 1, i - 1, -1):
            a, b = start + groups[i][0], start + groups[j][1]
            if (i, j) != (0, len(groups) - 1) and regex.fullmatch(text, a, b) and valid(text[a:b]):
                out.append((a, b))
                i = j + 1
                break
        else:
            break
    return out


def normalize_breaks(text: str) -> str:
    """Turn literal backslash-n sequences (badly escaped exports) into real line breaks, keeping offsets."""
    return text.replace("\\n", " \n") if "\\n" in text else text


def _dedupe(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Keep the longest (then highest-scoring) result among overlapping results of one recognizer."""
    results = sorted(results, key=lambda r: (-(r.end - r.start), -r.score))
    kept: list[RecognizerResult] = []
    for r in results:
        if not any(r.start < k.end and k.start < r.end for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: r.start)


# --------------------------------------------------------------------------------------------------
# Validators
# --------------------------------------------------------------------------------------------------


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def luhn_ok(value: str) -> bool:
    digits = _digits(value)
    if not 12 <= len(digits) <= 19 or len(set(digits)) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def iban_ok(value: str) -> bool:
    s = re.sub(r"[\s-]", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", s):
        return False
    rearranged = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def ssn_ok(value: str) -> bool:
    d = _digits(value)
    if len(d) != 9 or len(set(d)) == 1:
        return False
    area, group, serial = d[:3], d[3:5], d[5:]
    return area not in ("000", "666") and not area.startswith("9") and group != "00" and serial != "0000" \
        and d not in ("123456789", "987654321")


def license_ok(value: str) -> bool:
    alnum = re.sub(r"[^A-Za-z0-9]", "", value)
    digits = sum(c.isdigit() for c in alnum)
    return 6 <= len(alnum) <= 20 and digits >= 3 and not re.fullmatch(r"(19|20)\d\d", alnum)


def phone_ok(value: str) -> bool:
    """A plausible phone number: 7-15 digits, not a date, time, decimal, IP address or ID number."""
    v = value.strip()
    d = _digits(re.split(r"(?i)\s*(?:x|ext\.?|extension)\s*\d+$", v)[0])
    if not 7 <= len(d) <= 15 or len(set(d)) == 1:
        return False
    if re.fullmatch(r"\d{1,4}([./-])\d{1,2}\1\d{1,4}", v):  # dates
        return False
    if re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", v):  # IPv4
        return False
    if re.fullmatch(r"\d{3}-\d{2}-\d{4}", v):  # SSN shape
        return False
    if re.fullmatch(r"\d+\.\d+", v):  # decimal
        return False
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", v):  # thousands
        return False
    m = re.match(r"\((\d{2,4})\)[.\-/]|\(\d{5,}\)[.\-/]()", v)
    if m:  # "(020)-1234567": a national number, not "(2019)-2020", "(12)-3456" or a zip "(90210)-1234"
        return m.group(1) is not None and len(d) >= 9 and not re.fullmatch(r"(?:1[89]|20)\d\d", m.group(1))
    if v.startswith(("+", "00", "(")):
        return True
    groups = re.findall(r"\d+", v)
    if len(groups) == 1:
        return 9 <= len(d) <= 12  # bare digit runs: national numbers ("6038505064", "07700383670")
    return True


_VALIDATORS = {"luhn": luhn_ok, "iban": iban_ok, "ssn": ssn_ok, "license": license_ok, "phone": phone_ok}

# --------------------------------------------------------------------------------------------------
# Pattern tables
# --------------------------------------------------------------------------------------------------

_NO_DIGIT_BEFORE = r"(?<![\w+\-/.:])"
_NO_DIGIT_AFTER = r"(?![\w/:]|-\d|\.\d)"

# Cue words after which a number is not a phone number.
PHONE_REJECT_BEFORE = (
    r"(?:order|invoice|ticket|ref(?:erence)?|tracking|confirmation|case|claim|account|acct|policy|serial|"
    r"sku|isbn|model|part|code|nr\.?|rechnung|facture|serial\s*(?:no\.?|number)?|id|no\.|number\s*#|#|\$|€|£|¥|usd|eur|gbp|rs\.?|inr|price|cost|total|paid)\s*[:#]?\s*$"
)
PHONE_CONTEXT = (
    r"\b(?:phone|tel|telephone|mobile|cell|cellphone|call|calls|called|calling|text|txt|sms|fax|desk|office|"
    r"home|work|whatsapp|contact|reach|ring|dial|number|no|hotline|landline|handy|portable|tél|m|t|p|ph)\b"
)

PHONE_PATTERNS = [
    # International: +CC or 00CC, then 2-6 groups; "+44 20 7946 0958", "+41 (0)27 240 04 99", "+915857306524".
    GatedPattern(
        "international",
        _NO_DIGIT_BEFORE + r"(?:\+|00)[1-9]\d{0,3}(?:[ \t.\-/]*\(0\)[ \t]*|[ \t.\-/]*\(\d{1,5}\)[ \t.\-/]*|[ \t.\-/]+)?"
        r"\d[\d \t.\-/]{4,16}\d(?:[ \t]*(?:x|ext\.?|extension)[ \t]*\d{1,5})?" + _NO_DIGIT_AFTER,
        0.7, validate="phone"),
    # Grouped national numbers: "(555) 123-4567", "555.123.4567", "020 7946 0958", "07700 900 123",
    # "730 064 218", "(73) 4746-3459", "001-202-555-0134 x123", "(020)-1234567", "(0848).027795".
    GatedPattern(
        "grouped",
        _NO_DIGIT_BEFORE + r"(?:\(\d{2,5}\)[ \t.\-/]*|\d{1,5}[ \t.\-/]+)(?:\d{2,5}[ \t.\-/]+){0,3}\d{2,8}"
        r"(?:[ \t]*(?:x|ext\.?|extension)[ \t]*\d{1,5})?" + _NO_DIGIT_AFTER,
        0.5, validate="phone", reject_before=PHONE_REJECT_BEFORE),
    # Bare digit runs of national length: "6038505064", "07700383670".
    GatedPattern("bare", r"(?<![\w+\-.])\d{9,12}(?![\w\-]|\.\d)", 0.45, validate="phone",
                 reject_before=PHONE_REJECT_BEFORE),
    # Short local numbers with a phone cue: "call 555-0134", "Mobile: 794 1672".
    GatedPattern("local-with-context", _NO_DIGIT_BEFORE + r"\d{3,4}[ \t.\-]\d{4}" + _NO_DIGIT_AFTER, 0.5,
                 context=PHONE_CONTEXT + r"[^\n\d]{0,20}$", window=40),
]

SSN_CONTEXT = r"\b(?:ssn|ss#|ssn#|social\s*security(?:\s*(?:number|no\.?|#))?|social|ss\s*no\.?|tax\s*id|tin)\b"
SSN_PATTERNS = [
    GatedPattern("dashed", r"(?<![\d\-])\d{3}-\d{2}-\d{4}(?![\d\-])", 0.6, validate="ssn"),
    GatedPattern("spaced-or-dotted", r"(?<![\d.])\d{3}[ .]\d{2}[ .]\d{4}(?![\d.])", 0.6,
                 context=SSN_CONTEXT + r"[^\n]{0,40}$", validate="ssn"),
    GatedPattern("bare", r"(?<!\d)\d{9}(?!\d)", 0.6, context=SSN_CONTEXT + r"[^\n]{0,40}$", validate="ssn"),
]

US_STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|"
    "Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|"
    "Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    "Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    "West Virginia|Wisconsin|Wyoming"
)
LICENSE_CONTEXT = (
    r"(?:\b(?:driver'?s?|drivers|driving|motorist)\s*(?:license|licence|lic\.?|permit|id)|"
    r"\b(?:" + US_STATE_NAMES + "|" + "|".join(US_STATE_ABBRS[:51]) + r")\s+(?:license|licence|lic\.?)|"
    r"\bdl\b|\bd\.l\.|\blicen[cs]e\s*(?:no\.?|number|num|#|id)|\blic\s*#|\bcdl\b)"
)
LICENSE_PATTERNS = [
    # An ID-like token (letters and at least two digits, optional dashes/spaces/asterisks) soon after
    # a driver-license cue: "D1234567", "S123-456-78-901-0", "123 456 789", "SMITHJD123AB", "yo0047868".
    GatedPattern(
        "after-cue",
        r"(?<![\w*/-])(?=[A-Za-z*\-]{0,12}\d)[A-Za-z\d*](?:[A-Za-z\d*]|-(?=[A-Za-z\d*]*\d)|[ ](?=\d)){4,24}"
        r"(?<=[A-Za-z\d*])(?![\w*/-])",
        0.6, context=LICENSE_CONTEXT + r"[^\n.!?]{0,40}$", window=80, validate="license"),
]

CREDIT_CARD_PATTERNS = [
    # 12-19 digits in groups (any issuer, incl. 2-series Mastercard and 12-digit Maestro), Luhn-valid.
    GatedPattern("grouped-luhn", r"(?<![\d\-])\d{4}(?:[ \-]?\d{2,6}){1,4}(?![\d\-])", 0.6, validate="luhn"),
    GatedPattern("bare-luhn", r"(?<!\d)\d{12,19}(?!\d)", 0.6, validate="luhn"),
]

IBAN_PATTERNS = [
    # Any case, with or without group spaces; checked with mod-97.
    GatedPattern("iban", r"\b[A-Z]{2}\d{2}(?:(?:[ \-]?[A-Z0-9]{4}){2,7}(?:[ \-]?[A-Z0-9]{1,3})?)\b", 0.8,
                 validate="iban"),
]

IP_PATTERNS = [
    GatedPattern(
        "ipv6",
        r"(?<![\w:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,7}:|"
        r"(?:[0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,5}(?::[0-9A-Fa-f]{1,4}){1,2}|"
        r"(?:[0-9A-Fa-f]{1,4}:){1,4}(?::[0-9A-Fa-f]{1,4}){1,3}|(?:[0-9A-Fa-f]{1,4}:){1,3}(?::[0-9A-Fa-f]{1,4}){1,4}|"
        r"(?:[0-9A-Fa-f]{1,4}:){1,2}(?::[0-9A-Fa-f]{1,4}){1,5}|[0-9A-Fa-f]{1,4}:(?::[0-9A-Fa-f]{1,4}){1,6}|"
        r"::(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}|"
        r"(?:[0-9A-Fa-f]{1,4}:){6}(?:\d{1,3}\.){3}\d{1,3}|::ffff:(?:\d{1,3}\.){3}\d{1,3})(?:%\w+)?(?:/\d{1,3})?"
        r"(?![\w:])",
        0.6, flags=0),
    GatedPattern("ipv4", r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:/\d{1,2})?"
                 r"(?![\w]|\.\d)", 0.6, flags=0),
]


HANDLE_PATTERNS = [
    # Social-media handles identify a person as directly as a name: "@leila_nasser".
    GatedPattern("handle", r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])", 0.5, flags=0),
]

# --------------------------------------------------------------------------------------------------
# Street addresses
# --------------------------------------------------------------------------------------------------


class StreetAddressRecognizer(EntityRecognizer):
    """Street addresses in US and international forms, extended over unit, city, state, postcode lines.

    An address starts at an anchor: "<number> <words> <street suffix>" ("221B Baker Street"),
    "<words with a street word> <number>" ("Hauptstraße 5", "Via Roma 12"), "<number> <street word>
    <words>" ("12 rue de la Paix"), "<number> <words> <number>" ("788 Fitjabraut 87"), a PO box or a
    military address, or "the corner of X and Y". It then grows over the segments that usually follow
    (unit, city, state, postcode, country), separated by commas or line breaks.
    """

    ENTITY = "STREET_ADDRESS"

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], name="StreetAddressRecognizer",
                         supported_language=supported_language)

    def load(self) -> None:
        word = r"(?:[^\W\d_][\w'’\-]*\.?)"
        cap = r"(?:[^\W\d_a-z][\w'’\-]*\.?)"
        connector = r"(?:de|del|de la|la|le|les|du|des|di|da|do|dos|das|van|von|der|den|y|e|i|and|of|the|st\.?|san|santa)"
        name_words = rf"(?:{cap}|\d+(?:st|nd|rd|th)\b)(?:[ \-](?:{cap}|{connector}|\d+(?:st|nd|rd|th)\b)){{0,4}}"
        suffix = rf"(?:{_word_alternation([*STREET_SUFFIXES, *_faker_street_suffixes()])})\.?"
        intl = _word_alternation(INTL_STREET_WORDS)
        endings = _word_alternation(INTL_STREET_ENDINGS)
        num = r"\d{1,6}[A-Za-z]?(?:[\-/]\d{1,4}[A-Za-z]?)?"
        place_word = r"(?:[^\W\d_a-z][\w'’\-]{0,2}\.|[^\W\d_a-z][\w'’\-]*)"  # a dot only after "St."-like words
        corner_part = rf"(?:{num}[ \t]+)?{cap}(?:[ \t]+(?:{cap}|{connector}|{word}|{num}\.?))*"
        plain_suffix = _word_alternation(PLAIN_STREET_SUFFIXES)
        self._anchors = [
            # 221B Baker Street / 99 Eastbourne Rd / 5th Avenue
            ("us", re.compile(rf"(?<![\w\-.:]){num}(?:,)?[ \t]+{name_words}[ \t]+(?i:{suffix})(?![\w])"
                              rf"(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\b\.?)?"), 0.6),
            # 12 rue de la Paix / 10 Downing Street handled above / 7 Via Roma
            ("num-intl", re.compile(rf"(?i)(?<![\w\-]){num},?[ \t]+(?:{intl})\.?[ \t]+{word}(?:[ \t]+(?:{connector}|{word})){{0,4}}"),
             0.6),
            # Hauptstraße 5 / Via Carlo Cattaneo 88 / ul. Siostrzana 48 / Stationsvej 23
            ("intl-num", re.compile(rf"(?<![\w\-])(?:(?i:{intl})\.?[ \t]+(?:{connector}[ \t]+)*{cap}(?:[ \t]+(?:{connector}|{cap})){{0,3}}|"
                                    rf"(?:{cap}[ \t]+){{0,3}}(?:[^\W\d_a-z][^\W\d_]*(?i:{endings})|{cap}[ \t]+(?i:{intl})\.?))"
                                    rf"[ \t]+{num}\.?(?![\w\-])"), 0.6),
            # 788 Fitjabraut 87 / 893 Paraguay 87
            ("num-words-num", re.compile(rf"(?<![\w\-.,$€£]){num}[ \t]+{place_word}(?:[ \t]+(?:{place_word}|{connector})){{0,4}}[ \t]+{num}"
                                         rf"(?![\w\-]|[.,]\d|[ \t]*(?:%|percent|years|minutes|stars|times))"), 0.55),
            # PO Box 123 / P.O. Box 123
            ("po-box", re.compile(r"(?i)\b(?:P\.?[ \t]?O\.?[ \t]?Box|Post[ \t]+Office[ \t]+Box|Postfach|BP|Boîte[ \t]+postale)[ \t]*\d{1,6}\b"),
             0.6),
            # Military: PSC 2322, Box 6025 / Unit 9010 Box 4328 / USNS Foo / APO AE 09021
            ("two-numbers-words", re.compile(rf"(?<![\w\-.,$€£])(?!(?:19|20)\d\d\b){num}[ \t]+\d{{1,4}}[A-Za-z]?[ \t]+{cap}(?:[ \t]+(?:{cap}|{connector})){{0,3}}"), 0.5),
            ("military", re.compile(r"\b(?:PSC|CMR|Unit)[ \t]+\d{3,5},?[ \t]+Box[ \t]+\d{1,5}|\bUS(?:NS|NV|CGC|S)[ \t]+[^\W\d_a-z]\w+"
                                    r"|\b[APD]PO[ \t]+A[AEP][ \t]+\d{5}\b"), 0.6),
            # the corner of X and Y
            ("corner", re.compile(rf"\b[Cc]orner[ \t]+of[ \t]+(?:the[ \t]+)?{corner_part}[ \t]+(?:and|&)[ \t]+{corner_part}"), 0.55),
            # Baker Street / on Pušaver Causeway (no number): needs an address cue, checked in analyze()
            ("street-name", re.compile(rf"(?<![\w\-]){cap}(?:[ \t]+(?:{cap}|{connector})){{0,3}}[ \t]+(?:{plain_suffix})\.?(?![\w])"),
             0.5),
            # House codes and sectors (India and elsewhere): "B-12, Sector 15", "Block C, Phase 2"
            ("sector", re.compile(r"(?:\b[A-Z]{1,2}-?\d{1,4}[A-Z]?,?[ \t]+)?\b(?:Sector|Block|Phase|Pocket)[ \t]+[A-Z\d]{1,4}\b"),
             0.5),
            # Standalone unit designators: "Apt. 899", "Suite 574"
            ("unit", re.compile(r"\b(?:Apt\.?|Apartment|Suite|Ste\.|Unit|Flat)[ \t]*#?[ \t]*[A-Za-z]?\d{1,5}[A-Za-z]?\b"), 0.5),
        ]
        self._cue = ADDRESS_CUES
        self._strong_cue = re.compile(r"(?i)\b(?:on|at|off|near|along|down|up|corner\s+of|address(?:es)?|live[sd]?\s+(?:on|at)|"
                                      r"located\s+(?:on|at)|street|to|and)\s*:?\s*(?:the\s+)?$")
        # "words number" without a street word: needs an address cue before it ("lives at Laukaantie 80").
        self._words_num = re.compile(rf"(?<![\w\-]){place_word}(?:[ \t]+(?:{place_word}|{connector})){{0,4}}[ \t]+{num}(?![\w\-]|[.,:]\d)")
        sep = r"(?:\s*,\s*|[ \t]*(?:\\n|\n)(?:[ \t]*(?:\\n|\n))*[ \t]*(?:(?:>|\?\?\?)[ \t]*)?,?[ \t]*|[ \t]+)"
        self._sep = re.compile(sep)
        self._unit = re.compile(SECONDARY_UNIT + r"(?![\w])", re.IGNORECASE)
        self._postcode = re.compile(POSTCODE + r"(?![\w\-])")
        self._state = re.compile(rf"(?:{'|'.join(US_STATE_ABBRS)})\.?(?![\w\-])")
        place_connector = r"(?:[^\W\d_A-Z]{1,3}|upon|sur|nad|pod|près|lès)"
        self._place = re.compile(rf"(?:\d+(?:st|nd|rd|th)[ \t]+)?{place_word}(?:[ \-](?:{place_word}|{connector}|{place_connector}))*?(?:\s*\([^\W\d_][\w ]{{1,20}}\))?"
                                 rf"(?=\s*(?:,|\\n|\n|$|\.(?:\s|$)|\s+{POSTCODE}(?![\w\-])|\s*[;)!?]))")
        self._place_before_lower = re.compile(
            rf"{cap}(?:[ \-](?:{cap}|{connector}))*(?:[ \t]+[^\W\d_a-z][\w'’\-]*)*(?=[ \t]+[a-z])")
        self._back_num = re.compile(rf"(?:{num}|{SECONDARY_UNIT}|[A-Z]{{1,2}}-\d{{1,4}},?)[ \t]+$", re.IGNORECASE)
        # lower-case addresses in chat ("his new addr is 19 crescent lane, ithaca ny 14850") need a cue
        lower_words = r"[^\W\d_][\w'’\-]*"
        self._lower_anchor = re.compile(
            rf"(?i)(?<![\w\-]){num}[ \t]+(?:{lower_words}[ \t]+){{1,3}}(?:{suffix})(?![\w])"
            rf"(?:,?[ \t]+{lower_words}(?:[ \t]+{lower_words})?,?[ \t]+(?:{'|'.join(US_STATE_ABBRS)})(?:[ \t]+\d{{5}})?\b)?")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        if not hasattr(self, "_anchors"):
            self.load()
        text = normalize_breaks(text)
        spans: list[tuple[int, int, float, str]] = []
        for name, regex, score in self._anchors:
            for m in self._finditer(name, regex, text):
                if name == "street-name" and not self._strong_cue.search(text[max(0, m.start() - 40):m.start()]):
                    continue
                spans.append((m.start(), m.end(), score, name))
        for m in self._lower_anchor.finditer(text):
            if self._cue.search(text[max(0, m.start() - 40):m.start()]):
                spans.append((m.start(), m.end(), 0.5, "cued-lowercase"))
        for m in self._words_num.finditer(text):
            line_end = re.match(r"[ \t]*(?:\n|$)", text[m.end():])
            cued = self._cue.search(text[max(0, m.start() - 40):m.start()])
            if (cued or line_end) and not _looks_like_non_address(m.group()):
                spans.append((m.start(), m.end(), 0.5, "cued-words-num"))
        results = []
        for start, end, score, name in spans:
            start = self._extend_back(text, start)
            end = self._extend(text, end, after_unit=name == "unit")
            last = re.search(r"([^\W\d_]+)\.$", text[start:end])
            if last and len(last.group(1)) > 4:
                end -= 1
            results.append(RecognizerResult(self.ENTITY, start, end, score,
                                            recognition_metadata={"recognizer_name": self.name, "pattern": name}))
        return _merge_overlapping(results)

    def _finditer(self, name: str, regex: re.Pattern, text: str) -> Iterable[re.Match]:
        """Matches of one anchor; the slow "words + street word + number" one only near numbers."""
        if name != "intl-num":
            yield from regex.finditer(text)
            return
        end = -1
        for d in re.finditer(r"\d+", text):
            lo = max(d.start() - 90, end, 0)
            for m in regex.finditer(text, lo, min(len(text), d.end() + 12)):
                if m.start() >= lo and m.end() > end:
                    end = m.end()
                    yield m

    def _extend_back(self, text: str, start: int) -> int:
        """Include building numbers and unit designators just before the anchor ("Apt. 899 16087 ...")."""
        for _ in range(3):
            m = self._back_num.search(text[max(0, start - 30):start])
            if not m:
                break
            start = max(0, start - 30) + m.start()
        return start

    def _extend(self, text: str, end: int, after_unit: bool = False) -> int:
        """Grow the span over the unit/city/state/postcode/country segments that follow."""
        pos = end
        places = 0
        prev_was_unit = after_unit
        last_kind = "unit" if after_unit else "street"
        for _ in range(8):
            sep = self._sep.match(text, pos)
            if not sep:
                break
            sep_text = sep.group()
            hard = "," in sep_text or "\n" in sep_text or "\\n" in sep_text
            nxt = sep.end()
            m = self._unit.match(text, nxt)
            if m:
                pos, prev_was_unit, last_kind = m.end(), True, "unit"
                continue
            m = self._postcode.match(text, nxt)
            if m and (hard or places or prev_was_unit or pos != end):
                pos, last_kind = m.end(), "postcode"
                prev_was_unit = True  # a city may follow a postcode without a comma ("10115 Berlin")
                continue
            m = self._state.match(text, nxt)
            if m and (hard or places) and last_kind == "place":
                pos, last_kind = m.end(), "state"
                continue
            m = self._place.match(text, nxt)
            if not m and last_kind == "unit" and not hard:
                m = self._place_before_lower.match(text, nxt)
            if m and (hard or prev_was_unit or places) and places < 4:
                words = m.group().lower().split()
                if words and words[0].strip(".,") not in NOT_PLACE_WORDS and len(words) <= 5:
                    pos, places = m.end(), places + 1
                    last_kind = "place"
                    prev_was_unit = False
                    continue
            break
        return pos


def _looks_like_non_address(value: str) -> bool:
    return bool(re.match(r"(?i)(?:chapter|page|room|windows|iphone|version|level|season|episode|part|step|"
                         r"top|day|week|year|gate|flight|route|covid|apollo|catch|table|row|seat|act|scene|pixel|galaxy|model|"
                         r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
                         r"july|august|september|october|november|december|spring|summer|autumn|fall|winter|"
                         r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|terminal|platform|track|bus|"
                         r"line|number|no|ticket|order|invoice|ubuntu|python|java|docker|kernel|ios|android|tel|fax|phone|mobile|"
                         r"cell|ext|nr)\b", value))


def _merge_overlapping(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Merge overlapping results of one type into their union (max score)."""
    merged: list[RecognizerResult] = []
    for r in sorted(results, key=lambda r: (r.start, -r.end)):
        if merged and r.start < merged[-1].end:
            last = merged[-1]
            last.end = max(last.end, r.end)
            last.score = max(last.score, r.score)
        else:
            merged.append(r)
    return merged


# --------------------------------------------------------------------------------------------------
# Person names
# --------------------------------------------------------------------------------------------------

# Capitalised English words that are also given names or surnames in Faker's locale lists. They count
# as names only next to another name or after a name cue. Derived once from an English movie-review
# corpus (words that occur lower case at least twice as often as capitalised mid-sentence), plus a
# hand-picked set of frequent words.
COMMON_WORDS_THAT_ARE_NAMES = frozenset(
    """
    fresh an more story can will love good too way little man best young may us made back long real ever day must
    kind true don were less each lot worth power art small job de son star short friend soon journey put strong my
    house low summer else smart close black hand case rich reason line hope clear car chance tone killer sad deep
    unique fall guy gay among sister white era justice date pop major heaven company urban street rock key early
    fate wild odd hell room joke faith sharp pace max cross cherish add master pleasant innocent con post lies indie
    forget bright baby price parts brain general earnest sincere martial male carry boss arts said powers joy gun
    grace grand read minor mark chase wise list gross el held doctor roots roll law beat media marks haven author red
    jail fairy destiny del constant comfort cash treasure peace field saga rush precious mountain candy weeks wall
    unknown patience mad king junk buddy stock spring park marry cousin bore ball ring lie lawyer harsh fair bond
    woods seven parent noble hunt singer gut guard cares block angel pat moody mile lucky gore essence convey church
    bite ties sky skip shine miracle mentor lady kick hurt bare storm silver marvel lark judge hunter hook ho green
    foot fancy camps bent beer walls tiny sparks snow richer lord lo glass forest floor brink trace rob priest press
    moon link lean divine dare van tea suits stark savage river princess page miles mall loyal ham garde cases
    captain bill winter wills von till tank stormy spies sing sane rose petty neo nail mores hood doll doc deja dawn
    bull bones bitten wing waters tailor rut ransom pages novella north mate mas luster le junior icy harm foster
    farmer drum dash darling canny bath aura amor ally al wood west ver vain tad swords stone sole royal rocky queen
    prince per pal nary lips lane lad hence hammer hall frank flowers downs diamond cruise bliss barber arch warrior
    ward walker uno turner toy tan sunny sterling serenity sales purity pink owe mercy mars marine macho loan kidney
    hung hug hill herd heck hardy gunning grit graves german garner gamble freely flood fields esta emerald edit echo
    crooks cook comment colonel burns buck bridge bona blessing bien bender alas
    january february march april june july august september october november december monday tuesday wednesday
    thursday friday saturday sunday christmas easter god jesus english french german spanish italian american
    hallo hola bonjour ciao grüezi hej hei salut olá ola beste liebe lieber querida querido caro cara estimado
    estimada namaste salaam merhaba herr frau mme mlle monsieur madame signor signora señor señora doña
    cordialement groetjes grüsse grüße saludos saluti abrazo bisous mfg hälsningar pozdrawiam atenciosamente
    british driver passenger patient reporter speaker guest pet hi hello hey dear thanks thank please yes no ok okay sir madam miss mister mr mrs ms dr prof team
    customer support service manager admin user guest everyone all sorry welcome great nice cool wow oh
    """.split()
)
# Words that start header lines or speaker labels ("Subject:", "User:"), and company-name words.
HEADER_AND_ORG_WORDS = frozenset(
    """
    subject from to cc bcc date re fwd note notes address phone mobile cell fax desk office email e-mail website
    web url name title company organization org position role department dept q a question answer user assistant
    system bot agent human ai model customer client support operator moderator admin staff ps p.s tip warning error
    step total price update edit summary review rating pros cons verdict order invoice ticket status priority
    inc corp corporation co ltd llc plc gmbh ag sa nv bv group holdings bank capital partners associates trust
    fund international university college school hospital clinic services solutions technologies systems
    apt apartment suite ste unit flat floor room box po
    """.split()
)

# A capitalised word found only in surname lists and at least this frequent in English ("Hollywood", "Cross",
# "Price") is a name only with a cue, a title or a neighbouring name, not on its own.
LONE_SURNAME_WORD_ZIPF = 4.0
# Surnames this frequent as words ("Will", "May", "Long") do not extend a lower-case given name.
VERY_COMMON_ZIPF = 5.5

# Lower-case particles inside names ("Noah van den Bogaert", "Christiane de Vaan").
NAME_PARTICLES = frozenset("van von de der den del della di da das dos du la le bin ibn al el ter ten op zu y".split())
NAME_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Madam|Mme|Mlle|Herr|Frau|Sr|Sra|Srta|Rev|Fr|Capt|Sgt|Lt|Col|Gen|Hon|Judge|Det|Officer|Nurse|Coach|Uncle|Aunt|Auntie|Grandma|Grandpa)"
# Cues after which the next one to three words are a name, even in lower case.
NAME_CUES_ANY_CASE = (
    r"(?i:\bmy\s+name\s+is|\bmy\s+name's|\bname\s*:|\bnamed|\bcall\s+me|\bcalled|\bsigned\s*,?|\bask\s+for|"
    r"\bspeak\s+(?:to|with)|\btalk\s+to|\bspoke\s+(?:to|with)|\bthis\s+is|\bi\s+am|\bi'm|\bim|\bhi|\bhello|\bhey|"
    r"\bdear|\bthanks|\bthank\s+you|\bcheers|\bregards|\bbest|\bsincerely|\bfrom\s*:|\bto\s*:|\bcc\s*:|\bsaid|"
    r"\bwife|\bhusband|\bson|\bdaughter|\bfriend|\bboss|\bcolleague|\bcoworker|\bneighbou?r|\bbrother|\bsister|"
    r"\bmom|\bdad|\bmum|\bagent|\brep|\btechnician|\bdoctor|\bnurse|\bsupervisor|\bmanager|\bms\.?|\bmr\.?|\bmrs\.?|"
    r"\bname\s+is|\bname\?|\bname|\bsays|\basked|\btold|\bwrote|\breplied|\baccording\s+to|\bassistant\s+to|\bmarried|"
    r"\bmet|\bnamed\s+(?:him|her|them)|\bproducer|\bdirector|\bsongwriter|\bsinger|\bauthor|\bwriter|\bactor|"
    r"\bactress|\bceo|\bfounder|\bprofessor|\bteacher|\bcoach|\bofficer|\bpatient|\bclient|\bcustomer|\bex-\w+|"
    r"\bask|\btell|\bits|\bit's|\bping|\btext|\bremind|\binvite|\bwith|\band|\+|&|"
    r"\bdirected\s+by\s*:?|\bwritten\s+by\s*:?|\bauthored\s+by\s*:?|\bcourtesy\s+of|\bcc'?d|\bping(?:ed)?|@)"
)
# The last word of each cue above, to try the cue regex only where it can match.
NAME_CUE_LAST_WORDS = frozenset(
    """
    is name's name named me called signed for to with this am i'm im hi hello hey dear thanks you cheers regards
    best sincerely from cc said wife husband son daughter friend boss colleague coworker neighbor neighbour brother
    sister mom dad mum agent rep technician doctor nurse supervisor manager ms mr mrs says asked told wrote replied
    according married met him her them producer director songwriter singer author writer actor actress ceo founder
    professor teacher coach officer patient client customer ask tell its it's ping pinged text remind invite and by
    of cc'd ccd @ + & : name? talk speak spoke
    """.split()
)
# "X's address" and "X said": a capitalised word right before these is a name.
NAME_CUES_AFTER = re.compile(
    r"^(?:['’]s\s+(?:address|phone|number|email|e-mail|wife|husband|son|daughter|mother|father|mom|dad|kid|kids|"
    r"friend|boss|account|car|house|home|birthday|office|desk|song|novel|book|version|film|movie|album|band|team|"
    r"family|parents|brother|sister|partner|card|order|case|ssn|license|passport)\b|\s+(?:said|says|asked|told|wrote|"
    r"replied|explained|added|noted|called|texted|emailed|mentioned|thinks|thought|agreed|lives|lived|works|worked|"
    r"is\s+(?:my|our|her|his|their|a|the)\s+(?:friend|boss|wife|husband|son|daughter|colleague|neighbou?r|manager|"
    r"doctor|teacher|brother|sister|mother|father)))"
)


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    words = set(COMMON_WORDS_THAT_ARE_NAMES) | NOT_PLACE_WORDS | HEADER_AND_ORG_WORDS
    try:
        from spacy.lang.en.stop_words import STOP_WORDS

        words |= set(STOP_WORDS)
    except ImportError:  # pragma: no cover - spaCy is a dependency
        pass
    from faker.providers.lorem.en_US import Provider as LoremProvider

    words |= {w.lower() for w in LoremProvider.word_list}
    words |= {s.lower() for s in STREET_SUFFIXES}
    words |= {s.lower() for s in US_STATE_NAMES.split("|")}
    return frozenset(words)


_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-](?![sS]\b)[^\W\d_]+)*\.?|\S")


def _shouting_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines written in capitals: two or more words and (almost) no lower-case letter."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        letters = [c for c in m.group() if c.isalpha()]
        words = re.findall(r"[^\W\d_]{2,}", m.group())
        if len(words) >= 2 and sum(c.islower() for c in letters) <= len(letters) // 10:
            out.append((m.start(), m.end()))
    return out


class PersonNameRecognizer(EntityRecognizer):
    """Person names that spaCy's small model misses.

    Sources, each a numbered block in `analyze`: (1) capitalised words from Faker's first/last-name lists
    of all locales that are not common English words, joined with neighbouring capitalised words
    ("Sigtryggur Bernharðsson"); (2) a title and the capitalised words after it ("Dr. Nkechi Obi");
    (3) words after a name cue, in any case ("my name is anna", "Hi priya,", "Thanks, Tom"), before one
    ("Avenall's address", "says Weld"), a person's verb after an unknown capitalised word ("Lyberth
    began"), lists with known names ("Caird, Lewis and Jones"), runs of unknown capitalised words
    ("Saraja Trpinc"); (4) lines that hold only a name in a signature block, and speaker labels of a
    chat transcript ("Carys: ...", "[10:02] lukas: ...").
    """

    ENTITY = "PERSON"

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], name="PersonNameRecognizer",
                         supported_language=supported_language)

    def load(self) -> None:
        self._first, self._last = faker_name_sets()
        self._stop = _stop_words()
        self._title = re.compile(rf"\b(?i:{NAME_TITLES})\.?[ \t]+(?=[^\W\d_a-z])")
        self._cue = re.compile(NAME_CUES_ANY_CASE + r"[ \t]*,?[ \t]*\n?[ \t]*$")
        self._name_line = re.compile(
            r"(?m)^[ \t]*(?:[^\w\s]{1,3}[ \t]*)?(?P<name>[^\W\d_a-z][^\W\d_]*\.?(?:[ \t]+(?:(?:van|von|de|der|den|del|"
            r"da|di|du|la|le|bin|ibn|al|ter|ten)[ \t]+)*[^\W\d_a-z][^\W\d_'’\-]*\.?){0,3})"
            r"[ \t]*(?:(?P<colon>:)|$)")
        self._subject_verb = re.compile(
            r"[ \t]+(?:is|was|has|had|began|begins|will|would|can|could|did|does|said|says|lives|lived|works|worked|"
            r"spent|listed|wrote|writes|shouted|told|asked|replied|explained|added|noted|called|texted|emailed|"
            r"mentioned|thinks|thought|agreed|joined|left|moved|married|met|went|came|got|gave|sent|bought|sold|paid|"
            r"won|took|made|wants|wanted|needs|needed|loves|loved|likes|liked)\b")
        self._lower_speaker = re.compile(r"(?m)^[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?(?P<name>[^\W\d_][\w'’\-]*):")
        self._signoff = re.compile(r"(?im)^[ \t]*(?:best|regards|best regards|kind regards|cheers|thanks|thank you|"
                                   r"sincerely|yours|warmly|love|--|—|-)[ \t]*[,!.]?[ \t]*\n[ \t]*")

    def _is_name(self, w: str) -> bool:
        lw = w.lower().rstrip(".")
        if lw in self._first or lw in self._last:
            return True
        parts = re.split(r"[-'’]", lw)
        return len(parts) > 1 and all(p in self._first or p in self._last for p in parts if len(p) > 1)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        if not hasattr(self, "_first"):
            self.load()
        text = normalize_breaks(text)
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        start_of = {s: i for i, (s, _e, _w) in enumerate(tokens)}
        n = len(tokens)
        results: list[RecognizerResult] = []

        shouting = _shouting_lines(text)

        def kind(i: int) -> str:
            s, e, w = tokens[i]
            bare = w.rstrip(".")
            if not bare or not bare[0].isalpha():
                return "other"
            low = bare.lower()
            if len(bare) == 1 and w[0].isupper():
                return "initial"
            if low in NAME_PARTICLES and not bare[0].isupper():
                return "particle"
            # In a line written in capitals ("MY NAME IS JOHN SMITH"), capitals say nothing: judge the word
            # as if it were title-cased. Elsewhere a word in capitals is an acronym ("DL", "USA", "ETF").
            if bare.isupper() and len(bare) > 1 and not any(a <= s < b for a, b in shouting) \
                    and (len(bare) <= 3 or not self._is_name(bare)):
                return "other"
            is_cap = bare[0].isupper()
            if low in self._stop:
                return "common-cap" if is_cap and self._is_name(bare) else "stop"
            if is_cap:
                if self._is_name(bare):
                    return "name"
                return "word-cap" if is_common_word(low) else "cap"
            return "lower-name" if self._is_name(bare) and len(bare) >= 3 else "lower"

        kinds = [kind(i) for i in range(n)]

        def same_line(i: int, j: int) -> bool:
            return "\n" not in text[tokens[i][1]:tokens[j][0]] and "\\n" not in text[tokens[i][1]:tokens[j][0]]

        def run_from(i: int, allow_lower: bool, extra: frozenset = frozenset()) -> int:
            """End index (exclusive) of a run of name-like tokens starting at i."""
            j = i
            ok = {"name", "cap", "initial", "common-cap"} | ({"lower-name", "lower"} if allow_lower else set()) | extra
            while j < n and j - i < 5 and (kinds[j] in ok or (
                    kinds[j] == "particle" and j > i and j + 1 < n and kinds[j + 1] in ("name", "cap", "particle")
            )) and (j == i or same_line(j - 1, j)):
                gap = text[tokens[j - 1][1]:tokens[j][0]] if j > i else ""
                if j > i and (not (gap == "-" or (gap.strip() == "" and "\n" not in gap and len(gap) <= 3)) or
                              (tokens[j - 1][2].endswith(".") and kinds[j - 1] != "initial")):
                    break
                j += 1
            return j

        def add(i: int, j: int, score: float, how: str) -> None:
            while j - 1 > i and (kinds[j - 1] == "particle" or
                                 (kinds[j - 1] == "initial" and not tokens[j - 1][2].endswith("."))):
                j -= 1
            while i < j - 1 and kinds[i] == "initial" and tokens[i][2] in ("A", "I"):
                i += 1
            if j <= i:
                return
            start, end = tokens[i][0], tokens[j - 1][1]
            if text[end - 1] == "." and kinds[j - 1] != "initial":
                end -= 1
            results.append(RecognizerResult(self.ENTITY, start, end, score,
                                            recognition_metadata={"recognizer_name": self.name, "pattern": how}))

        # (1) name-list runs
        i = 0
        while i < n:
            first_middle_last = (kinds[i] == "cap" and i + 2 < n and kinds[i + 1] == "initial"
                                 and kinds[i + 2] in ("cap", "name") and same_line(i, i + 2))
            if kinds[i] == "name" or first_middle_last:
                a = i
                while a > 0 and kinds[a - 1] in ("name", "cap", "initial") and same_line(a - 1, a) \
                        and text[tokens[a - 1][1]:tokens[a][0]] == " " and i - a < 3 \
                        and not (tokens[a - 1][2].endswith(".") and kinds[a - 1] != "initial"):
                    a -= 1
                b = run_from(i, allow_lower=False)
                word = tokens[a][2].rstrip(".")
                if b - a == 1 and not is_first_name(word) and word_zipf(word) >= LONE_SURNAME_WORD_ZIPF:
                    i = b  # a lone surname that is a frequent word ("Hollywood", "Cross"): needs a cue
                    continue
                add(a, b, 0.5, "name-list")
                i = b
            else:
                i += 1
        # (2) titles
        for m in self._title.finditer(text):
            k = start_of.get(m.end())
            if k is not None:
                add(k, run_from(k, allow_lower=False, extra=frozenset({"word-cap"})), 0.6, "title")
        # (3) cues (any case), greetings and sign-offs
        cue_at: dict[int, str] = {}
        for k in range(1, n):
            if kinds[k] in ("stop", "other", "initial", "particle"):
                continue
            # the regex of cues is long: try it only where the previous word can end a cue
            p = k - 1 if tokens[k - 1][2] not in (",", "?") else k - 2
            if p >= 0 and (tokens[p][2].lower().rstrip(".") in NAME_CUE_LAST_WORDS or tokens[p][2].startswith("ex-")):
                for q in range(max(0, p - 3), p + 1):  # a cue starts at one of the few words before
                    m = self._cue.match(text, tokens[q][0], tokens[k][0])
                    if m:
                        cue_at[k] = m.group()
                        break
        signoff_at = {start_of.get(m.end(), -1) for m in self._signoff.finditer(text)}
        for k in sorted(set(cue_at) | signoff_at):
            if k < 0 or kinds[k] in ("stop", "other", "initial", "particle"):
                continue
            cue = cue_at.get(k)
            if cue:
                naming = re.search(r"(?i)(name|call|named)", cue)
                # after "my name is", capitalised ordinary words are part of the name ("Alvin K Peoples")
                j = run_from(k, allow_lower=True, extra=frozenset({"word-cap"}) if naming else frozenset())
                # Unknown capitalised words count after any cue but the weak ones ("I'm Happy", "this is Great");
                # lower-case words only after an explicit naming cue ("my name is anna", "call me bob").
                weak = re.search(r"(?i)(?:\bi\s+am|\bi'm|\bim|\bthis\s+is|\bbest|\bfriend|\bson|\bboss|\bcustomer|"
                                 r"\bclient|\bpatient|\bmet|\bask|\btell|\bits|\bit's|\bping|\btext|\bremind|"
                                 r"\binvite|\bwith|\band|\+|&)\W*$", cue)
                if kinds[k] == "cap" and weak:
                    continue
                # A known name that is also a word ("Rose Hill", "Will") after a naming cue, a greeting or a
                # sign-off; an ordinary capitalised word only after a naming cue.
                if kinds[k] == "common-cap" and k not in signoff_at and not re.search(
                        r"(?i)(name|call|named|\bdear|\bhi\b|\bhello|\bhey\b|regards|sincerely|signed)", cue):
                    continue
                if kinds[k] == "word-cap" and not re.search(r"(?i)(name|call|named)", cue):
                    continue
                if kinds[k] == "lower" and not re.search(r"(?i)(name|call|named)", cue):
                    continue
                if kinds[k] == "lower-name" and not re.search(
                        r"(?i)(name|call|named|hi|hello|hey|dear|thanks|regards|cheers|said|says|with|to|for|ask|"
                        r"tell|its|it's|ping|text|remind|invite|and|\+|&)",
                        cue):
                    continue
                # A capitalised name stops at the first lower-case word ("Mr Brown called", "and Sarah came");
                # a lower-case run at the first word that is not a known name (after the first word).
                jj = k + 1
                while jj < j and kinds[jj] != "lower" and (kinds[jj] != "lower-name" or naming):
                    jj += 1
                if kinds[k] in ("lower", "lower-name"):
                    jj = k + 1
                    while jj < j and kinds[jj] in ("lower-name",):
                        jj += 1
                add(k, jj, 0.6, "cue")
            elif k in signoff_at and kinds[k] in ("name", "cap", "common-cap"):
                add(k, run_from(k, allow_lower=False), 0.55, "signoff")
        # (3b) a capitalised word right before "'s address", "said", ...
        for k in range(n):
            if kinds[k] in ("cap", "name", "common-cap") and NAME_CUES_AFTER.match(text[tokens[k][1]:tokens[k][1] + 60]):
                a = k
                while a > 0 and kinds[a - 1] in ("name", "cap", "initial") and text[tokens[a - 1][1]:tokens[a][0]] == " " \
                        and k - a < 3:
                    a -= 1
                add(a, k + 1, 0.5, "cue-after")
        # (3b') an unknown capitalised word (not an English word) as the subject of a person's verb
        # ("Lyberth began writing", "Armen is from"), or addressed at the start of a sentence ("Nobuto, can I ...")
        for k in range(n):
            if kinds[k] != "cap":
                continue
            after = text[tokens[k][1]:tokens[k][1] + 30]
            if self._subject_verb.match(after) or (
                    re.match(r",[ \t]+(?:can|could|would|will|please|do|did|are|have|I|you|we)\b", after)
                    and re.search(r"(?:^|[.!?\n][ \t]*)$", text[max(0, tokens[k][0] - 3):tokens[k][0]])):
                a = k
                while a > 0 and kinds[a - 1] in ("name", "cap", "initial") and text[tokens[a - 1][1]:tokens[a][0]] == " " \
                        and k - a < 3:
                    a -= 1
                add(a, k + 1, 0.45, "subject")
        # (3c) coordination: an unknown capitalised word listed with names ("Caird, Lewis and Jones") is a name
        found = {i for r in results for i in range(n) if r.start <= tokens[i][0] and tokens[i][1] <= r.end}
        changed = True
        while changed:
            changed = False
            for k in range(n):
                if k in found or kinds[k] != "cap":
                    continue
                for nb, gap_lo, gap_hi in ((k + 2, k, k + 2), (k - 2, k - 2, k)):
                    if 0 <= nb < n and nb in found:
                        gap = text[tokens[gap_lo][1]:tokens[gap_hi][0]]
                        mid = tokens[gap_lo + 1][2].lower()
                        if mid in (",", "and", "&", "or") and re.fullmatch(r"\s*\S+\s*", gap):
                            add(k, k + 1, 0.45, "coordination")
                            found.add(k)
                            changed = True
                            break
        # (3d) two or more unknown capitalised words in a row (no English word among them) are a name
        # ("Saraja Trpinc", "Willemine ten Pas"); runs with a known name were handled in (1)
        i = 0
        while i < n:
            if kinds[i] == "cap":
                j = run_from(i, allow_lower=False)
                if sum(kinds[x] == "cap" for x in range(i, j)) >= 2:
                    add(i, j, 0.4, "unknown-capitalised-run")
                i = max(j, i + 1)
            else:
                i += 1
        # (4) a line that is only a name ("Stepan Anisimov" atop a signature or letter) or a speaker label
        labels = [m for m in self._name_line.finditer(text) if m.group("colon")]
        # a chat transcript: several speaker labels, at least one of them a known given name
        transcript = len(labels) >= 2 and any(
            self._is_name(w) for m in labels for w in m.group("name").split()
            if w.lower() not in self._stop)
        for m in self._name_line.finditer(text):
            k = start_of.get(m.start("name"))
            if k is None:
                continue
            j = run_from(k, allow_lower=False)
            if j > k and tokens[j - 1][1] >= m.end("name") - 1 and all(
                    kinds[x] in ("name", "cap", "initial") or (kinds[x] == "common-cap" and transcript)
                    and not (tokens[x][2].isupper() and len(tokens[x][2]) > 1 and not self._is_name(tokens[x][2]))
                    for x in range(k, j)):
                known = any(kinds[x] == "name" for x in range(k, j))
                if m.group("colon"):
                    if (known or transcript) and j - k <= 3:
                        add(k, j, 0.45, "speaker-label")
                elif j - k >= 2:
                    following = [ln for ln in text[m.end():].split("\n")[1:5] if ln.strip()][:3]
                    if known or any(re.search(r"[\d@]", ln) for ln in following):
                        add(k, j, 0.45, "name-line")
        # (5) lower-case speaker labels in chat logs ("[10:02] lukas: ...")
        for m in self._lower_speaker.finditer(text):
            k = start_of.get(m.start("name"))
            if k is not None and kinds[k] == "lower-name":
                add(k, k + 1, 0.45, "speaker-label")
        return _merge_overlapping(results)


# --------------------------------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------------------------------


def build_recognizers(config: "ScrubConfig") -> list[EntityRecognizer]:
    """Our recognizers for the entity types enabled in `config` (added beside Presidio's defaults)."""
    lang = config.language
    enabled = set(config.entities)
    factories: list[tuple[str, Callable[[], EntityRecognizer]]] = [
        ("PERSON", lambda: PersonNameRecognizer(supported_language=lang)),
        ("PERSON", lambda: GatedPatternRecognizer("PERSON", HANDLE_PATTERNS, "SocialHandleRecognizer", lang)),
        ("STREET_ADDRESS", lambda: StreetAddressRecognizer(supported_language=lang)),
        ("LOCATION", lambda: PlaceRecognizer(supported_language=lang)),
        ("PHONE_NUMBER", lambda: GatedPatternRecognizer("PHONE_NUMBER", PHONE_PATTERNS, "PhonePatternRecognizer", lang)),
        ("US_SSN", lambda: GatedPatternRecognizer("US_SSN", SSN_PATTERNS, "SsnVariantRecognizer", lang)),
        ("US_DRIVER_LICENSE", lambda: GatedPatternRecognizer("US_DRIVER_LICENSE", LICENSE_PATTERNS,
                                                             "DriverLicenseContextRecognizer", lang)),
        ("CREDIT_CARD", lambda: GatedPatternRecognizer("CREDIT_CARD", CREDIT_CARD_PATTERNS, "LuhnCardRecognizer", lang)),
        ("IBAN_CODE", lambda: GatedPatternRecognizer("IBAN_CODE", IBAN_PATTERNS, "IbanAnyCaseRecognizer", lang)),
        ("IP_ADDRESS", lambda: GatedPatternRecognizer("IP_ADDRESS", IP_PATTERNS, "IpAddressRecognizer", lang)),
        ("NATIONAL_ID", lambda: NationalIdRecognizer(supported_language=lang)),
        ("DATE_TIME", lambda: GatedPatternRecognizer("DATE_TIME", DATE_PATTERNS, "DatePatternRecognizer", lang)),
    ]
    return [factory() for entity, factory in factories if entity in enabled]


_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"(?i:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?|(?i:january|february|march|april|june|july|august|"
          r"september|october|november|december))")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# What makes a date or time absolute (a point that can be looked up), as opposed to a duration or a relative
# expression ("years", "tonight", "last week", "every 15 minutes", "two days"): a year, a numeric date, a
# month with a day, a clock time.
_ABSOLUTE_TIME = re.compile(
    r"(?<![\d.,])(?:1[6-9]|20)\d\d(?![\d,])"  # 1984, 2019, 1990s
    r"|['’]\d\d\b"  # '84
    r"|(?<![\d.])\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{1,4})?(?![\d.])"  # 03/04/1984, 2019-05-01, 3.4.
    r"|\b" + _MONTH + r"[ \t]+" + _DAY + r"\b"  # March 3, Sept. 3rd
    r"|\b" + _DAY + r"[ \t]+(?:of[ \t]+)?" + _MONTH + r"(?![^\W\d_])"  # 3 March, 3rd of May
    r"|\b\d{1,2}:\d{2}\b|\b\d{1,2}[ \t]*(?i:am|pm|a\.m\.|p\.m\.)(?![^\W\d_])"  # 10:30, 5pm
)


_YEAR = r"(?:1[6-9]|20)\d\d"
# Absolute dates spelled out or numeric, found by pattern as well as by spaCy, whose DATE tag is lost when markup
# or quotes surround the date ("<span>August 19, 1992</span>").
DATE_PATTERNS = [
    GatedPattern("month-day-year", r"\b" + _MONTH + r"[ \t]+" + _DAY + r",?[ \t]+" + _YEAR + r"(?!\d)", 0.6),
    GatedPattern("day-month-year", r"\b" + _DAY + r"[ \t]+(?:of[ \t]+)?" + _MONTH + r",?[ \t]+" + _YEAR + r"(?!\d)", 0.6),
    GatedPattern("iso", r"(?<![\d\-])" + _YEAR + r"-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?![\d\-])", 0.6),
    GatedPattern("day-month-year-numeric", r"(?<![\d/.\-])(?:0?[1-9]|[12]\d|3[01])([/.\-])(?:0?[1-9]|1[0-2]|[12]\d|3[01])"
                 r"\1" + _YEAR + r"(?![\d/.\-])", 0.6),
]
