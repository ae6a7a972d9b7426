"""Our recognizers, table-driven: each finds its values (with the right type) and leaves look-alikes alone.

Recognizers are called directly (no spaCy), so these tests are fast; one test goes through the analyzer.
"""
from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from textsynth.config import ScrubConfig
from textsynth.scrubbing import recognizers as rec
from textsynth.scrubbing.postprocess import postprocess
from textsynth.scrubbing.recognizers import build_recognizers

RECOGNIZERS = {r.name: r for r in build_recognizers(ScrubConfig())}


def found(recognizer_name: str, text: str) -> list[tuple[str, str]]:
    recognizer = RECOGNIZERS[recognizer_name]
    return [(r.entity_type, text[r.start:r.end]) for r in recognizer.analyze(text, [], nlp_artifacts=None)]


def covers(results: list[tuple[str, str]], entity: str, value: str) -> bool:
    return any(e == entity and value in v for e, v in results)


# (recognizer, text, value that must be found inside one result of the recognizer's type)
POSITIVE = [
    # street addresses: US, UK, German, French, Dutch, Italian, Spanish, Indian, PO boxes, military, lowercase chat
    ("StreetAddressRecognizer", "Ship it to 742 Evergreen Terrace, Springfield, OR 97403 please.",
     "742 Evergreen Terrace, Springfield, OR 97403"),
    ("StreetAddressRecognizer", "Write to 155 West 68th Street, Apt 12C, New York, NY 10023 with questions.",
     "155 West 68th Street, Apt 12C, New York, NY 10023"),
    ("StreetAddressRecognizer", "Flat 3, 27 Marchmont Road, Edinburgh EH9 1HY", "27 Marchmont Road, Edinburgh EH9 1HY"),
    ("StreetAddressRecognizer", "Neue Adresse: Hauptstraße 5, 10115 Berlin.", "Hauptstraße 5, 10115 Berlin"),
    ("StreetAddressRecognizer", "voici mon adresse : 12 rue de la Paix, 75002 Paris.", "12 rue de la Paix, 75002 Paris"),
    ("StreetAddressRecognizer", "Kun je het sturen naar Prinsengracht 263, 1016 GV Amsterdam?",
     "Prinsengracht 263, 1016 GV Amsterdam"),
    ("StreetAddressRecognizer", "la consegna: Via Garibaldi 14, 20121 Milano.", "Via Garibaldi 14, 20121 Milano"),
    ("StreetAddressRecognizer", "mi dirección: Calle de Alcalá 48, 28014 Madrid.", "Calle de Alcalá 48, 28014 Madrid"),
    ("StreetAddressRecognizer", "Deliver to B-12, Sector 15, Noida 201301. Call first.", "B-12, Sector 15, Noida 201301"),
    ("StreetAddressRecognizer", "Mail it to PO Box 1142, Harrisburg, PA 17108.", "PO Box 1142"),
    ("StreetAddressRecognizer", "PSC 2322, Box 6025\nAPO AA 88307", "PSC 2322, Box 6025\nAPO AA 88307"),
    ("StreetAddressRecognizer", "Meet me at 36884 Löberöd 27\n Suite 431\n ÅSARP\n Sweden",
     "36884 Löberöd 27\n Suite 431\n ÅSARP\n Sweden"),
    ("StreetAddressRecognizer", "stop at the corner of Derry Street and Lillestøl Stream.",
     "Derry Street and Lillestøl Stream"),
    ("StreetAddressRecognizer", "The bus station is on Baker Street.", "Baker Street"),
    ("StreetAddressRecognizer", "btw his new addr is 19 crescent lane, ithaca ny 14850 if u wanna",
     "19 crescent lane, ithaca ny 14850"),
    # phone numbers: US and international formats, extensions
    ("PhonePatternRecognizer", "Call me at (555) 123-4567 tonight.", "(555) 123-4567"),
    ("PhonePatternRecognizer", "my phone is 555.123.4567", "555.123.4567"),
    ("PhonePatternRecognizer", "London office: +44 20 7946 0958", "+44 20 7946 0958"),
    ("PhonePatternRecognizer", "Berlin: +49 30 123456", "+49 30 123456"),
    ("PhonePatternRecognizer", "Paris : 06 12 34 56 78", "06 12 34 56 78"),
    ("PhonePatternRecognizer", "India: +91 98450 12345", "+91 98450 12345"),
    ("PhonePatternRecognizer", "Zurich +41 (0)27 240 04 99", "+41 (0)27 240 04 99"),
    ("PhonePatternRecognizer", "From abroad dial 001-541-754-3010", "001-541-754-3010"),
    ("PhonePatternRecognizer", "direct line 1-800-555-0199 ext. 42", "1-800-555-0199 ext. 42"),
    ("PhonePatternRecognizer", "UK mobile 07700 900 461", "07700 900 461"),
    ("PhonePatternRecognizer", "Mobile: 794 1672", "794 1672"),
    ("PhonePatternRecognizer", "fax 6038505064", "6038505064"),
    # person names: name lists, titles, cues (any case), sign-offs, speaker labels, name lines
    ("PersonNameRecognizer", "Please forward this to Danielle Okafor.", "Danielle Okafor"),
    ("PersonNameRecognizer", "Referred by Dr. Nkechi Obi for a check-up.", "Nkechi Obi"),
    ("PersonNameRecognizer", "hi, my name is priya ramanathan and i need help", "priya ramanathan"),
    ("PersonNameRecognizer", "Hi anna, thanks for the update", "anna"),
    ("PersonNameRecognizer", "Sounds good.\n\nBest regards,\nOlumide Adeyemi", "Olumide Adeyemi"),
    ("PersonNameRecognizer", "[10:02] lukas: did anyone pay the bill", "lukas"),
    ("PersonNameRecognizer", "Stepan Anisimov\nSales lead\n+41 51 996 63 65", "Stepan Anisimov"),
    ("PersonNameRecognizer", "They had 6: Sulimat, Brian and Susan.", "Sulimat"),
    ("PersonNameRecognizer", "As promised, here's Avenall's address:", "Avenall"),
    ("PersonNameRecognizer", "A tribute to Mohsin A Wilmsen, sadly.", "Mohsin A Wilmsen"),
    ("PersonNameRecognizer", "My name is Christiane de Vaan.", "Christiane de Vaan"),
    ("SocialHandleRecognizer", "thanks to @leila_nasser for the help", "@leila_nasser"),
    # driver licenses of several states, gated by context
    ("DriverLicenseContextRecognizer", "Driver's license: CA B6729145, exp 08/2027", "B6729145"),
    ("DriverLicenseContextRecognizer", "Florida DL S530-460-72-815-0, DOB 03/14/1989", "S530-460-72-815-0"),
    ("DriverLicenseContextRecognizer", "the New York license 472 915 386 held by Ana", "472 915 386"),
    ("DriverLicenseContextRecognizer", "Washington license WDLABCD456DG scanned", "WDLABCD456DG"),
    ("DriverLicenseContextRecognizer", "NJ driver license K4817 39201 57736.", "K4817 39201 57736"),
    ("DriverLicenseContextRecognizer", "My driver's license number is yo0047868", "yo0047868"),
    # SSN variants
    ("SsnVariantRecognizer", "SSN 219-09-9999 received", "219-09-9999"),
    ("SsnVariantRecognizer", "my social security number is 512 84 3321", "512 84 3321"),
    ("SsnVariantRecognizer", "SSN: 431901877", "431901877"),
    # cards (any issuer, Luhn), IBANs (any case), IP v4 and v6
    ("LuhnCardRecognizer", "card 4539 1488 0343 6467 was charged", "4539 1488 0343 6467"),
    ("LuhnCardRecognizer", "Mastercard 2-series 2223000048400011", "2223000048400011"),
    ("LuhnCardRecognizer", "Amex 3782 822463 10005", "3782 822463 10005"),
    ("IbanAnyCaseRecognizer", "iban gb82west12345698765432 please", "gb82west12345698765432"),
    ("IbanAnyCaseRecognizer", "IBAN: BE68 5390 0754 7034", "BE68 5390 0754 7034"),
    ("IpAddressRecognizer", "gateway fe80::1c2b:3aff:fe4d:12 is down", "fe80::1c2b:3aff:fe4d:12"),
    ("IpAddressRecognizer", "curl http://[2001:db8:85a3::8a2e:370:7334]:8080/", "2001:db8:85a3::8a2e:370:7334"),
    ("IpAddressRecognizer", "banned 73.162.44.218 again", "73.162.44.218"),
]

# (recognizer, text that holds nothing of the recognizer's type)
NEGATIVE = [
    ("StreetAddressRecognizer", "I watched Jurassic Park 3, then slept."),
    ("StreetAddressRecognizer", "Update 3.1 broke dark mode on my Pixel 7."),
    ("StreetAddressRecognizer", "Vaccines up to date as of Jan 2024."),
    ("StreetAddressRecognizer", "I walked 3 miles down the road."),
    ("StreetAddressRecognizer", "Windows 10 and Chapter 11 are not addresses."),
    ("StreetAddressRecognizer", "She opened her first restaurant during 2020."),
    ("StreetAddressRecognizer", "In 2019 15 People came to the show."),
    ("PhonePatternRecognizer", "The price was $1,299.99 in 2021."),
    ("PhonePatternRecognizer", "Order #114-3920571 shipped on 2023-07-19."),
    ("PhonePatternRecognizer", "Order code 40-7781-02 is out of stock."),
    ("PhonePatternRecognizer", "Rechnung Nr. 2023-0457 ist offen."),
    ("PhonePatternRecognizer", "We met on 03/14/1989 at 10:30."),
    ("PhonePatternRecognizer", "Server 192.168.1.24 is up."),
    ("PhonePatternRecognizer", "Pi is 3.14159265."),
    ("PersonNameRecognizer", "The service was friendly and the food arrived hot."),
    ("PersonNameRecognizer", "Saw Dune: Part Two last weekend, worth it."),
    ("PersonNameRecognizer", "User: hi there\nAssistant: hello, how can I help?"),
    ("PersonNameRecognizer", "I'm Happy to help with the Spring sale."),
    ("PersonNameRecognizer", "Yesterday was great. Overall a fine trip."),
    ("PersonNameRecognizer", "Mit freundlichen Grüßen\nFreundliche Grüsse"),
    ("DriverLicenseContextRecognizer", "My license plate is faded and the permit expired in 2021."),
    ("DriverLicenseContextRecognizer", "Policy HO-5528190 covers water damage."),
    ("SsnVariantRecognizer", "Order 123456789 shipped."),
    ("SsnVariantRecognizer", "Call 555 12 3456 for tickets."),
    ("SsnVariantRecognizer", "SSN placeholder 000-12-3456 is invalid."),
    ("LuhnCardRecognizer", "Tracking 1234 5678 9012 3456 is not a card."),
    ("LuhnCardRecognizer", "In 2019 we sold 12 units."),
    ("IbanAnyCaseRecognizer", "Reference DE00 1234 5678 9012 3456 78 fails the checksum."),
    ("IpAddressRecognizer", "Version 1.2.3.4567 and time 10:30:45 are not addresses."),
    ("SocialHandleRecognizer", "Write to jane.doe@corp.com for details."),
]


@pytest.mark.parametrize("recognizer_name, text, value", POSITIVE)
def test_recognizer_finds(recognizer_name: str, text: str, value: str) -> None:
    entity = RECOGNIZERS[recognizer_name].supported_entities[0]
    results = found(recognizer_name, text)
    assert covers(results, entity, value), results


@pytest.mark.parametrize("recognizer_name, text", NEGATIVE)
def test_recognizer_ignores(recognizer_name: str, text: str) -> None:
    assert found(recognizer_name, text) == []


@pytest.mark.parametrize("value, ok", [
    ("4539 1488 0343 6467", True), ("4539 1488 0343 6468", False), ("0000 0000 0000 0000", False),
])
def test_luhn(value: str, ok: bool) -> None:
    assert rec.luhn_ok(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("219-09-9999", True), ("000-12-3456", False), ("666-12-3456", False), ("912-12-3456", False),
    ("123-45-6789", False), ("219-00-9999", False),
])
def test_ssn_validation(value: str, ok: bool) -> None:
    assert rec.ssn_ok(value) is ok


def test_build_recognizers_follows_enabled_entities() -> None:
    names = {r.name for r in build_recognizers(ScrubConfig(entities=("EMAIL_ADDRESS", "PHONE_NUMBER")))}
    assert names == {"PhonePatternRecognizer"}
    all_entities = {e for r in RECOGNIZERS.values() for e in r.supported_entities}
    assert all_entities <= set(ScrubConfig().entities)


def test_literal_backslash_n_is_a_line_break() -> None:
    text = "Tamara Pavlović\\n\\n637 Strojírenská 1006\\n Suite 026\\n Svratka\\n Czech Republic 45098"
    assert covers(found("StreetAddressRecognizer", text), "STREET_ADDRESS", "637 Strojírenská 1006")


def test_postprocess_merges_overlaps_and_keeps_structured_types() -> None:
    text = "Card 4111 1111 1111 1111 for Anna Smith, Anna pays."
    card = text.index("4111")
    results = [
        RecognizerResult("CREDIT_CARD", card, card + 19, 0.9),
        RecognizerResult("PHONE_NUMBER", card + 5, card + 19, 0.5),
        RecognizerResult("PERSON", text.index("Anna Smith"), text.index("Anna Smith") + 10, 0.85),
    ]
    out = postprocess(text, results)
    spans = [(r.entity_type, text[r.start:r.end]) for r in out]
    assert ("CREDIT_CARD", "4111 1111 1111 1111") in spans
    assert ("PERSON", "Anna") in spans  # the repeated first name is found again
    assert all(a.end <= b.start for a, b in zip(out, out[1:]))  # no overlaps left


def test_postprocess_drops_durations_and_bare_numbers_as_dates() -> None:
    text = "It took two hours; card ending in 4242; born 1989."
    results = [RecognizerResult("DATE_TIME", text.index("two hours"), text.index("two hours") + 9, 0.85),
               RecognizerResult("DATE_TIME", text.index("4242"), text.index("4242") + 4, 0.85),
               RecognizerResult("DATE_TIME", text.index("1989"), text.index("1989") + 4, 0.85)]
    assert [text[r.start:r.end] for r in postprocess(text, results)] == ["1989"]


@pytest.mark.slow  # spaCy (the analyzer)
def test_through_the_analyzer() -> None:
    """One pass through the whole analyzer (spaCy + Presidio + ours + postprocess)."""
    from textsynth.scrubbing.analyzer import detect

    text = ("Hi Marcus, ship it to 742 Evergreen Terrace, Springfield, OR 97403. "
            "Call +44 20 7946 0958. Florida DL S530-460-72-815-0.\n\nBest,\nDanielle Okafor")
    [results] = detect([text], ScrubConfig())
    spans = {(r.entity_type, text[r.start:r.end]) for r in results}
    for entity, value in [("PERSON", "Marcus"), ("STREET_ADDRESS", "742 Evergreen Terrace, Springfield, OR 97403"),
                          ("PHONE_NUMBER", "+44 20 7946 0958"), ("US_DRIVER_LICENSE", "S530-460-72-815-0"),
                          ("PERSON", "Danielle Okafor")]:
        assert any(e == entity and value in v for e, v in spans), (entity, value, spans)


def _result(text: str, value: str, entity: str, recognizer: str = "SpacyRecognizer", pattern: str | None = None):
    start = text.index(value)
    return RecognizerResult(entity, start, start + len(value), 0.85,
                            recognition_metadata={"recognizer_name": recognizer, "pattern": pattern})


@pytest.mark.parametrize("value, kept", [
    # durations and relative times: not PII
    ("years", False), ("tonight", False), ("every 15 minutes", False), ("last week", False), ("two days", False),
    ("the last three years", False), ("Tuesday", False), ("this summer", False), ("24/7", False), ("4242", False),
    # absolute dates and times: PII
    ("March 3, 1984", True), ("03/04/1984", True), ("1984", True), ("2019-05-01", True), ("the 3rd of May", True),
    ("Sept. 3rd", True), ("summer of '84", True), ("10:30", True),
    ("47 98", True),  # digit groups that make no date may be part of a phone number: left to be replaced
])
def test_only_absolute_dates_are_dates(value: str, kept: bool) -> None:
    text = f"It was {value} then."
    assert bool(postprocess(text, [_result(text, value, "DATE_TIME")])) is kept


@pytest.mark.parametrize("text, value, kept", [
    ("meh", "meh", False),  # a lone lower-case word spaCy calls a person
    ("grace", "grace", False),  # a known name, but alone it is the word
    ("MY NAME IS JOHN", "NAME", False),  # capitals say nothing
    ("what kevin posted", "kevin", True),  # a known given name used in a sentence
    ("my brother hassan says hi", "hassan", True),
    ("regards, grace", "grace", True),  # a cue
    ("saw john smith there", "john smith", True),  # a full name of known names
    ("Beautifully directed and acted.", "Beautifully", False),  # a capital at a sentence start only
    ("I met Grace today.", "Grace", True),
])
def test_spacy_persons_need_evidence_without_capitals(text: str, value: str, kept: bool) -> None:
    assert bool(postprocess(text, [_result(text, value, "PERSON")])) is kept


@pytest.mark.parametrize("text, found, full", [
    ("regards, mary walker", "mary", "mary walker"),
    ("THANKS, JOHN SMITH", "JOHN", "JOHN SMITH"),
    ("Great to meet Sam Worthington today", "Sam", "Sam Worthington"),
    ("a huge Marius T Bang fan", "Marius", "Marius T Bang"),
    ("ask mary will you", "mary", "mary"),  # "will" is a word first
    ("Sarah Goes Home", "Sarah", "Sarah"),  # a frequent word is not taken as a surname
    ("mary, walker", "mary", "mary"),  # not across punctuation
])
def test_a_given_name_takes_the_surname_after_it(text: str, found: str, full: str) -> None:
    out = postprocess(text, [_result(text, found, "PERSON", "PersonNameRecognizer", "cue")])
    assert [text[r.start:r.end] for r in out] == [full]


@pytest.mark.parametrize("text, value, kept", [
    ("This movie is so Hollywood.", "Hollywood", False),  # a place used as a word
    ("london", "london", False),  # no capital, no cue
    ("She moved to Hollywood last year.", "Hollywood", True),  # a place cue
    ("i live in london", "london", True),
])
def test_places_need_a_cue_or_capitals(text: str, value: str, kept: bool) -> None:
    assert bool(postprocess(text, [_result(text, value, "LOCATION")])) is kept


@pytest.mark.parametrize("text, value, found", [
    ("Hollywood", "Hollywood", False),  # a lone surname that is a frequent word
    ("Price said it was fine.", "Price", True),  # ... with a cue after it
    ("Dear Rose Hill, hello.", "Rose Hill", True),  # names that are words, after a greeting
    ("MY NAME IS TOM LEE", "TOM LEE", True),  # short names in a line of capitals are not acronyms
    ("The ETF and the USA.", "ETF", False),
])
def test_person_recognizer_in_any_case(text: str, value: str, found: bool) -> None:
    assert covers(found_by("PersonNameRecognizer", text), "PERSON", value) is found


def found_by(recognizer_name: str, text: str) -> list[tuple[str, str]]:
    return found(recognizer_name, text)


# Phone numbers with a parenthesised area code and the subscriber number after a hyphen, dot, slash, space
# or nothing (Faker's nl_NL "(0###)-######" / "(0##)-#######"), national numbers with a leading 0 and
# international +CC forms: the whole number is one phone.
@pytest.mark.parametrize("text, value", [
    ("see (007)-0499962 thanks", "(007)-0499962"),
    ("Call me on (0848)-027795", "(0848)-027795"),
    ("phone: (020)-1234567, evenings", "(020)-1234567"),
    ("fax (020).1234.567", "(020).1234.567"),
    ("ring (0172)/456789 today", "(0172)/456789"),
    ("Tel. (06) 12345678", "(06) 12345678"),
    ("Tel. (0612)345678", "(0612)345678"),
    ("(555)-123-4567 is my cell", "(555)-123-4567"),
    ("the office is 020 7946 0958", "020 7946 0958"),
    ("mobile 0612345678", "0612345678"),
    ("reach me on +31 (0)20-1234567", "+31 (0)20-1234567"),
    ("reach me on +31(0)201234567", "+31(0)201234567"),
    ("from abroad (0031)-20-1234567", "(0031)-20-1234567"),
    ("Büro: +49 (030)-1234567", "+49 (030)-1234567"),
])
def test_phone_formats_found_whole(text: str, value: str) -> None:
    assert ("PHONE_NUMBER", value) in found("PhonePatternRecognizer", text)


# Years, ranges, prices, counts, ratings, dates and zip codes in brackets are not phone numbers.
@pytest.mark.parametrize("text", [
    "the (2019)-2020 season was long",
    "in (1998)-1999 we moved twice",
    "(1990)-(2000) was a decade",
    "scores (12)-3456 overall",
    "it sold (10)-15 items a day",
    "price (199)-249 dollars",
    "rated (4.5)-5 stars",
    "zip (90210)-1234 on the form",
    "between (2021).2022 and now",
    "on (03)-14-1989 at noon",
    "a (3)-4 win for the home team",
])
def test_bracketed_numbers_are_not_phones(text: str) -> None:
    assert not any(e == "PHONE_NUMBER" for e, _ in found("PhonePatternRecognizer", text))
