"""Word classes and cues of the English person-name recognizer (data)."""
from __future__ import annotations

import functools
import re

from .patterns import US_STATE_NAMES
from .vocabulary import NOT_PLACE_WORDS, STREET_SUFFIXES

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

# Verbs a person is the subject of: an unknown capitalised word right before one is a name ("Lyberth began").
SUBJECT_VERBS = (
    "is was has had began begins will would can could did does said says lives lived works worked spent listed "
    "wrote writes shouted told asked replied explained added noted called texted emailed mentioned thinks thought "
    "agreed joined left moved married met went came got gave sent bought sold paid won took made wants wanted "
    "needs needed loves loved likes liked"
).split()
SUBJECT_VERB = r"[ \t]+(?:" + "|".join(SUBJECT_VERBS) + r")\b"
# An unknown capitalised word addressed at the start of a sentence ("Nobuto, can I ...").
ADDRESSED_AT_SENTENCE_START = r",[ \t]+(?:can|could|would|will|please|do|did|are|have|I|you|we)\b"
SENTENCE_START_BEFORE = r"(?:^|[.!?\n][ \t]*)$"
# Words that close a letter or message; the next line is the writer's name.
SIGNOFF_WORDS = ("best", "regards", "best regards", "kind regards", "cheers", "thanks", "thank you", "sincerely",
                 "yours", "warmly", "love", "--", "—", "-")
SIGNOFF = r"(?im)^[ \t]*(?:" + "|".join(SIGNOFF_WORDS) + r")[ \t]*[,!.]?[ \t]*\n[ \t]*"
# A line that holds only a (capitalised) name, maybe with a speaker colon: "Stepan Anisimov", "Carys:".
NAME_LINE = (
    r"(?m)^[ \t]*(?:[^\w\s]{1,3}[ \t]*)?(?P<name>[^\W\d_a-z][^\W\d_]*\.?(?:[ \t]+(?:(?:van|von|de|der|den|del|"
    r"da|di|du|la|le|bin|ibn|al|ter|ten)[ \t]+)*[^\W\d_a-z][^\W\d_'’\-]*\.?){0,3})"
    r"[ \t]*(?:(?P<colon>:)|$)")
# A speaker label of a chat log in any case: "[10:02] lukas: ...".
LOWER_SPEAKER_LABEL = r"(?m)^[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?(?P<name>[^\W\d_][\w'’\-]*):"
# Kinds of cue (searched in the cue's text, as substrings where no \b is written):
# a naming cue ("my name is", "call me", "named"): ordinary and lower-case words after it are a name;
NAMING_CUE = r"(?i)(name|call|named)"
# a weak cue ("I'm", "this is", "with"): an unknown capitalised word after it is not enough ("I'm Happy");
WEAK_CUE = (r"(?i)(?:\bi\s+am|\bi'm|\bim|\bthis\s+is|\bbest|\bfriend|\bson|\bboss|\bcustomer|"
            r"\bclient|\bpatient|\bmet|\bask|\btell|\bits|\bit's|\bping|\btext|\bremind|"
            r"\binvite|\bwith|\band|\+|&)\W*$")
# a naming cue, greeting or sign-off: a known name that is also a word ("Rose", "Will") counts after it;
GREETING_OR_NAMING_CUE = r"(?i)(name|call|named|\bdear|\bhi\b|\bhello|\bhey\b|regards|sincerely|signed)"
# the cues after which a lower-case known name counts ("hi priya", "thanks tom", "ask anna").
LOWER_NAME_CUE = (r"(?i)(name|call|named|hi|hello|hey|dear|thanks|regards|cheers|said|says|with|to|for|ask|"
                  r"tell|its|it's|ping|text|remind|invite|and|\+|&)")
