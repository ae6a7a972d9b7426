"""Pattern tables of the structured identifiers (phones, SSNs, licences, cards, IBANs, IPs, handles)."""
from __future__ import annotations


from .base import GatedPattern
from .vocabulary import US_STATE_ABBRS

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
