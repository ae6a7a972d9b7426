"""The scrub stage end to end: detection, operators, chats, consistency, audit, counts, offline, workers.

The analyzer (spaCy model + recognizers) is built once per process and shared by every test here.
"""
from __future__ import annotations

import json
import re
import socket

import pytest
from presidio_analyzer import RecognizerResult

from textsynth.config import ScrubConfig
from textsynth.errors import ConfigError
from textsynth.records import Record
from textsynth.scrubbing import spans as spans_module
from textsynth.scrubbing.analyzer import _cached_analyzer, get_analyzer
from textsynth.scrubbing.normalize import normalize_value
from textsynth.scrubbing.scrubber import Scrubber
from textsynth.scrubbing.spans import _segments
from textsynth.scrubbing.seed_index import SeedPiiIndex
from textsynth.scrubbing.analyzer import detect
from textsynth.scrubbing.spans import resolve_overlaps
from textsynth.scrubbing.scrub import scrub

pytestmark = pytest.mark.slow  # loads spaCy (the scrubber)

SALT = "unit-test"
# Values that Presidio's pattern recognizers find whatever the NER model does.
EMAIL, PHONE, IBAN, CARD, IP = ("jane.doe@corp.com", "(212) 555-0199", "DE89 3704 0044 0532 0130 00",
                                "4111 1111 1111 1111", "192.168.1.20")
DOC = f"Write to {EMAIL} or call {PHONE}. Pay to IBAN {IBAN} with card {CARD}; server {IP}."
VALUES = (EMAIL, PHONE, IBAN, CARD, IP)


@pytest.fixture(scope="module")
def analyzer():
    return get_analyzer(ScrubConfig())


def cfg(**kw) -> ScrubConfig:
    return ScrubConfig(salt=SALT, n_process=1, **kw)


@pytest.mark.parametrize("strategy, marker", [
    ("tag", re.compile(r"<EMAIL_ADDRESS>.*<PHONE_NUMBER>.*<IBAN_CODE>.*<CREDIT_CARD>.*<IP_ADDRESS>")),
    ("hash", re.compile(r"<EMAIL_ADDRESS_[0-9a-f]{10}>.*<PHONE_NUMBER_[0-9a-f]{10}>.*<IP_ADDRESS_[0-9a-f]{10}>")),
    ("redact", re.compile(r"^Write to  or call \. Pay to (IBAN )? ?with card ; server \.$")),
    ("fake", re.compile(r"Write to [\w.\-]+@[\w.\-]+ or call \(\d{3}\) \d{3}-\d{4}\. Pay to (IBAN )?DE\d\d[\d ]+ "
                        r"with card [\d ]{19}; server \d+\.\d+\.\d+\.\d+\.")),
])
def test_each_strategy_replaces_every_value(analyzer, strategy, marker):
    res = scrub([Record(id="1", text=DOC)], cfg(strategy=strategy))
    out = res.records[0].text
    assert marker.search(out), out
    for v in VALUES:
        assert v not in out
    assert res.audit["operators"] == {strategy: sum(res.audit["entities"].values())}


def test_fakes_are_consistent_across_documents_and_chat_messages(analyzer):
    records = [
        Record(id="a", text=f"Contact: {EMAIL}, phone {PHONE}."),
        Record(id="b", text=f"Again {EMAIL} wrote from {IP}."),
        Record(id="c", messages=[{"role": "user", "content": f"my email is {EMAIL}"},
                                 {"role": "assistant", "content": f"Noted {EMAIL}; we will call {PHONE}."}]),
    ]
    res = scrub(records, cfg())
    texts = [res.records[0].text, res.records[1].text] + [m["content"] for m in res.records[2].messages]
    fakes = [re.search(r"[\w.\-]+@[\w.\-]+\.\w+", t).group() for t in texts]
    assert len(set(fakes)) == 1 and fakes[0] != EMAIL
    phones = [re.search(r"\(\d{3}\) \d{3}-\d{4}", t).group() for t in (texts[0], texts[3])]
    assert phones[0] == phones[1] != PHONE
    assert all(EMAIL not in t for t in texts)
    # chats stay chats, roles untouched, every message scrubbed
    assert [m["role"] for m in res.records[2].messages] == ["user", "assistant"]
    assert res.records[2].meta["pii"]["entities"]["EMAIL_ADDRESS"] == 2


def test_same_salt_same_fakes_across_runs_other_salt_differs(analyzer):
    rec = [Record(id="1", text=f"Mail {EMAIL} now.")]
    a, b = scrub(rec, cfg()).records[0].text, scrub(rec, cfg()).records[0].text
    c = scrub(rec, ScrubConfig(salt="other", n_process=1)).records[0].text
    assert a == b != c


def test_entities_can_be_switched_off(analyzer):
    res = scrub([Record(id="1", text=DOC)], cfg(strategy="tag", entities=("EMAIL_ADDRESS", "IP_ADDRESS")))
    out = res.records[0].text
    assert "<EMAIL_ADDRESS>" in out and "<IP_ADDRESS>" in out
    assert PHONE in out and CARD in out and IBAN in out
    assert set(res.audit["entities"]) == {"EMAIL_ADDRESS", "IP_ADDRESS"}


def test_unknown_entity_is_a_config_error(analyzer):
    with pytest.raises(ConfigError, match="PERSN"):
        scrub([Record(id="1", text="x")], cfg(entities=("PERSN",)))


def test_person_and_location_from_spacy_are_scrubbed(analyzer):
    text = "Yesterday Barack Obama flew from Chicago to Berlin on March 3, 2019."
    out = scrub([Record(id="1", text=text)], cfg(strategy="tag")).records[0].text
    assert "Obama" not in out and "Chicago" not in out and "Berlin" not in out and "2019" not in out
    assert "<PERSON>" in out and "<LOCATION>" in out and "<DATE_TIME>" in out


def test_title_cased_common_phrases_are_not_people_but_names_made_of_words_are(analyzer):
    from presidio_analyzer import RecognizerResult

    from textsynth.scrubbing.postprocess import postprocess

    def spacy_person(text, value):
        start = text.index(value)
        return RecognizerResult("PERSON", start, start + len(value), 0.85,
                                recognition_metadata={"recognizer_name": "SpacyRecognizer"})

    text = "Customer Support replied and Will Smith thanked Cross for the Hot Tub."
    results = [spacy_person(text, v) for v in ("Customer Support", "Will Smith", "Cross", "the Hot Tub")]
    kept = {text[r.start:r.end] for r in postprocess(text, results)}
    assert kept == {"Will Smith", "Cross"}  # a known name, and a lone word (more often a surname)
    ours = RecognizerResult("PERSON", 0, 16, 0.6, recognition_metadata={"recognizer_name": "PersonNameRecognizer"})
    assert postprocess(text, [ours])  # only spaCy's guesses are second-guessed
    out = scrub([Record(id="1", text="Customer Support sent a new charger, thanks to Maria Garcia.")],
                cfg(strategy="tag")).records[0].text
    assert out.startswith("Customer Support sent") and "Garcia" not in out


def test_detect_returns_sorted_non_overlapping_spans(analyzer):
    texts = [DOC, "He lives at 42 Baker Street, Springfield, IL 62704 with Maria Garcia.", "nothing to see"]
    spans = detect(texts, cfg())
    assert len(spans) == 3 and spans[2] == []
    for res in spans:
        for a, b in zip(res, res[1:]):
            assert a.end <= b.start


def test_detect_does_not_grow_spacy_vocabulary_with_new_words(analyzer, monkeypatch):
    """A long scrub sees millions of new tokens (names, numbers, typos); spaCy's memory zone frees them after each
    batch, so the string store stays the same size, and the spans are those found without a zone."""
    import contextlib

    from textsynth.scrubbing import analyzer as analyzer_module

    nlp = analyzer.nlp_engine.nlp["en"]
    texts = [f"Ask Zorblatt{i}x Quennington about ticket Q{i * 7919}Z, he lives in Wrexlow{i}." for i in range(40)]
    before = len(nlp.vocab.strings)
    in_zone = detect(texts, cfg(), analyzer)
    assert len(nlp.vocab.strings) == before
    monkeypatch.setattr(analyzer_module, "_memory_zone", lambda *_: contextlib.nullcontext())
    plain = detect(texts, cfg(), analyzer)
    assert len(nlp.vocab.strings) > before + 40  # without a zone the same batch adds its new words
    assert [[(r.entity_type, r.start, r.end) for r in res] for res in in_zone] == \
        [[(r.entity_type, r.start, r.end) for r in res] for res in plain]
    assert any(r.entity_type == "PERSON" for res in in_zone for r in res)


def test_resolve_overlaps_address_wins_over_location_inside_it():
    text = "He lives at 42 Baker Street, Springfield, IL 62704."
    results = [RecognizerResult("STREET_ADDRESS", 12, 50, 0.6), RecognizerResult("LOCATION", 29, 40, 0.85),
               RecognizerResult("PERSON", 15, 20, 0.85), RecognizerResult("DATE_TIME", 45, 50, 0.85)]
    out = resolve_overlaps(text, results)
    assert [(r.entity_type, r.start, r.end) for r in out] == [("STREET_ADDRESS", 12, 50)]


def test_resolve_overlaps_merges_same_type_and_keeps_priority_on_partial_overlap():
    text = "Call 212 555 0199 or mail a@b.co"
    results = [RecognizerResult("PHONE_NUMBER", 5, 12, 0.5), RecognizerResult("PHONE_NUMBER", 9, 17, 0.7),
               RecognizerResult("DATE_TIME", 13, 21, 0.85), RecognizerResult("EMAIL_ADDRESS", 26, 32, 1.0)]
    out = [(r.entity_type, r.start, r.end) for r in resolve_overlaps(text, results)]
    assert out == [("PHONE_NUMBER", 5, 17), ("EMAIL_ADDRESS", 26, 32)]


def test_audit_and_seed_pii_hold_no_raw_values(analyzer, tmp_path):
    res = scrub([Record(id="1", text=DOC), Record(id="2", text="Barack Obama lives in Chicago.")], cfg())
    dumped = json.dumps(res.audit)
    data = json.loads(res.seed_pii.save(tmp_path / "seed.json").read_text())
    # Hashes are hex (a random key: "555" may occur in one by chance); everything else must hold no value.
    assert all(re.fullmatch(r"[0-9a-f]{24}", h) for h in data.pop("hashes"))
    saved = json.dumps(data)
    for raw in (*VALUES, "Obama", "Chicago", "jane", "555", SALT):
        assert raw.lower() not in dumped.lower()
        assert raw.lower() not in saved.lower() or raw == SALT  # the salt is part of the index file
    assert res.audit["entities"]["EMAIL_ADDRESS"] == 1
    assert res.audit["records_with_pii"] == 2
    # the filter later finds seed values (also reformatted) in generated text, and not the fakes
    idx = SeedPiiIndex.load(tmp_path / "seed.json")
    gen = f"Reach me at {EMAIL.upper()} or 212.555.0199, ask for barack obama."
    found = {gen[a:b] for a, b in idx.find(gen)}
    assert {EMAIL.upper(), "212.555.0199", "barack obama"} <= found
    assert idx.find(res.records[0].text) == []
    assert idx.find("Chicago is lovely") == []  # places and dates are not seed identifiers


@pytest.mark.parametrize("record, reason, field", [
    (Record(id="x", text=None), "expected a string, got NoneType", "text"),
    (Record(id="x", text="   "), "empty text", "text"),
    (Record(id="x", text=42), "expected a string, got int", "text"),  # type: ignore[arg-type]
    (Record(id="x", text="bad \udcff byte"), "invalid UTF-8", "text"),
    (Record(id="x", text="a" * 1_000_001), "document too large", "text"),
    (Record(id="x", messages=[{"role": "user", "content": 7}]), "expected a string, got int", "messages[0].content"),
    (Record(id="x", messages=[]), "non-empty list", "messages"),
])
def test_bad_records_are_rejected_with_reason_and_counts_add_up(analyzer, record, reason, field):
    good = [Record(id="g1", text=f"Mail {EMAIL}"), Record(id="g2", text="fine text")]
    res = scrub([good[0], record, good[1]], cfg())
    assert [r.id for r in res.records] == ["g1", "g2"]
    assert len(res.rejected) == 1
    rej = res.rejected[0]
    assert rej.stage == "scrub" and reason in rej.reason and rej.field == field and rej.record_id == "x"
    assert "bad" not in rej.reason and "aaaa" not in rej.reason
    assert res.audit["records"] == len(res.records) + len(res.rejected) == 3


@pytest.mark.parametrize("record", [
    Record(id="x", text=f"Mail {EMAIL} now \udcff"),  # invalid UTF-8: rejected, but the rest can be scrubbed
    Record(id="x", messages=[{"role": "user", "content": f"Mail {EMAIL}"}, {"role": "user", "content": 7}]),
])
def test_scrub_rejects_hold_the_scrubbed_text_unless_raw_is_asked_for(analyzer, record):
    res = scrub([record], cfg(strategy="tag"))
    assert len(res.rejected) == 1 and res.rejected[0].record is not None
    shown = json.dumps(res.rejected[0].record)
    assert EMAIL not in shown and "Mail <EMAIL_ADDRESS>" in shown
    if record.messages:
        assert res.rejected[0].record["messages"][1]["content"] is None  # not text: left out, not copied
    raw = scrub([record], cfg(strategy="tag", rejects_raw=True))
    assert EMAIL in json.dumps(raw.rejected[0].record)


def test_scrub_rejects_leave_out_texts_that_cannot_be_scrubbed(analyzer):
    big = Record(id="x", text=f"Mail {EMAIL} " + "a" * 1_000_001, meta={"fields": {"email": EMAIL}})
    rej = scrub([big], cfg()).rejected[0]
    assert rej.record["text"] is None and EMAIL not in json.dumps(rej.record)  # no input columns either


def test_no_network_connection_at_all(monkeypatch):
    """Build the analyzer and scrub emails/URLs with every socket connection failing."""
    calls = []

    def refuse(self, *args, **kwargs):
        calls.append(args)
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, *a))
    _cached_analyzer.cache_clear()
    import tldextract

    res = scrub([Record(id="1", text="Mail bob@mail.example.co.uk or see https://shop.example.com.au/x now")],
                cfg(strategy="tag"))
    assert "<EMAIL_ADDRESS>" in res.records[0].text and "<URL>" in res.records[0].text
    assert tldextract.extract("forums.news.cnn.co.uk").suffix == "co.uk"
    assert calls == []


def test_worker_processes_give_the_same_output_in_order(analyzer):
    records = [Record(id=str(i), text=f"Doc {i}: mail {i}.{EMAIL} or call {PHONE}, card {CARD}.") for i in range(40)]
    records.insert(7, Record(id="bad", text=""))
    one = scrub(records, ScrubConfig(salt=SALT, n_process=1))
    two = scrub(records, ScrubConfig(salt=SALT, n_process=2))
    assert [r.text for r in one.records] == [r.text for r in two.records]
    assert [r.id for r in two.records] == [str(i) for i in range(40)]
    assert one.audit["entities"] == two.audit["entities"] and len(two.rejected) == 1
    assert one.seed_pii.hashes == two.seed_pii.hashes


def test_repeated_texts_are_scrubbed_once_but_counted_per_occurrence(analyzer):
    records = [Record(id=str(i), text=f"Mail {EMAIL}") for i in range(3)] + [Record(id="3", text="ok")]
    res = scrub(records, cfg())
    assert len({r.text for r in res.records[:3]}) == 1 and res.records[3].text == "ok"
    assert res.audit["entities"] == {"EMAIL_ADDRESS": 3} and res.audit["texts"] == 4


def test_long_document_is_analysed_in_segments(analyzer, monkeypatch):
    monkeypatch.setattr(spans_module, "SEGMENT_CHARS", 200)
    filler = "the film was long and slow but the music was fine. " * 12
    text = f"{filler}Mail {EMAIL} today. {filler}Call {PHONE} now. {filler}"
    assert len(_segments(text, 200)) > 5
    assert "".join(seg for _, seg in _segments(text, 200)) == text
    spans = detect([text], cfg())[0]
    found = [(text[r.start:r.end], r.entity_type) for r in spans if r.entity_type != "DATE_TIME"]
    assert found == [(EMAIL, "EMAIL_ADDRESS"), (PHONE, "PHONE_NUMBER")]


# Full names in any case, and names made of common words, go whole (every word of the name).
NAMES_GO = [
    ("MY NAME IS JOHN SMITH", ["JOHN", "SMITH"]),
    ("HELLO, I AM SARAH JOHNSON AND I NEED HELP", ["SARAH", "JOHNSON"]),
    ("THANKS, MARY WALKER", ["MARY", "WALKER"]),
    ("Thanks,\nMARK STONE", ["MARK", "STONE"]),
    ("my name is john smith", ["john", "smith"]),
    ("regards,\nmary walker", ["mary", "walker"]),  # the cue finds "mary"; the surname must follow
    ("From: john\nTo: support\n\nthanks, john smith", ["john", "smith"]),
    ("hi, i'm emma. regards, emma thompson", ["emma", "thompson"]),
    ("Dear Rose Hill, thanks for the letter.", ["Rose", "Hill"]),
    ("Best,\nGrace Park", ["Grace", "Park"]),
    ("Cheers, Hunter Green", ["Hunter", "Green"]),
    ("My name is Will Smith.", ["Will", "Smith"]),
    ("Will Smith was great in this movie.", ["Will", "Smith"]),
    ("Sam Worthington stars as the hero.", ["Sam", "Worthington"]),  # an actor the old corpus list called a word
    ("I have lost my card. My name is Alvin K Peoples.", ["Alvin", "Peoples"]),
    ("You can tell Marius was a huge Marius T Bang fan.", ["Marius", "Bang"]),
]


@pytest.mark.parametrize("text, words", NAMES_GO)
def test_every_word_of_a_full_name_goes(analyzer, text, words):
    out = scrub([Record(id="1", text=text)], cfg(strategy="tag")).records[0].text
    assert "<PERSON>" in out, out
    left = set(re.findall(r"\w+", out))
    assert not [w for w in words if w in left], out


# Not PII: durations, relative times, places used as words, lone common words (also names elsewhere).
UNTOUCHED = ["meh", "years", "tonight", "Hollywood", "every 15 minutes", "last week", "two days", "this morning",
             "next Tuesday at noon", "for about three years", "we waited two days for it", "I go there every 15 minutes",
             "This movie is so Hollywood.", "grace", "rose", "summer", "amber", "park", "bill", "mark", "will", "hope",
             "hunter", "pretty", "america", "london", "Beautifully directed and convincingly acted."]


@pytest.mark.parametrize("text", UNTOUCHED)
@pytest.mark.parametrize("strategy", ["fake", "tag"])
def test_text_without_pii_is_left_alone(analyzer, text, strategy):
    assert scrub([Record(id="1", text=text)], cfg(strategy=strategy)).records[0].text == text


# A place is scrubbed into a fake place, never a person: after a cue, or when no list calls it a word.
# A well-known place named in passing with no cue ("Paris was lovely", "Hollywood") is left, whichever
# recognizer saw it, and a cued mention takes every other mention with it.
@pytest.mark.parametrize("text, place, n", [
    ("She moved to Hollywood last year.", "Hollywood", 1),
    ("I live in Paris.", "Paris", 1),
    ("Paris was lovely. I live in Paris now.", "Paris", 2),
    ("We met in Boccaleone", "Boccaleone", 1),
    ("Boccaleone", "Boccaleone", 1),
    ("address: Hollywood", "Hollywood", 1),
])
def test_a_scrubbed_place_becomes_a_fake_place(analyzer, text, place, n):
    res = scrub([Record(id="1", text=text)], cfg(strategy="fake"))
    out = res.records[0].text
    assert place not in out and res.audit["entities"] == {"LOCATION": n}, out
    fakes = set(re.findall(r"[A-Z][\w'-]*(?: [A-Z][\w'-]*)*", out)) - set(re.findall(r"[A-Z][\w'-]*", text))
    assert len(fakes) == 1, out  # one consistent fake for every mention
    check = scrub([Record(id="2", text=f"I moved to {fakes.pop()} last year.")], cfg(strategy="tag")).records[0].text
    assert "<LOCATION>" in check and "<PERSON>" not in check, check  # the fake is itself a place


@pytest.mark.parametrize("text", ["Paris was lovely.", "Hollywood", "We loved London!", "Paris!"])
@pytest.mark.parametrize("strategy", ["fake", "tag", "hash", "redact"])
def test_a_well_known_place_named_in_passing_is_left(analyzer, text, strategy):
    assert scrub([Record(id="1", text=text)], cfg(strategy=strategy)).records[0].text == text


@pytest.mark.parametrize("text, value", [
    ("I was born on March 3, 1984.", "March 3, 1984"),
    ("Paid on 03/04/1984.", "03/04/1984"),
    ("See you on the 3rd of May.", "3rd of May"),
    ('<span class="v">August 19, 1992</span>', "August 19"),  # markup hides the date from spaCy: the pattern
    ('["19 August 1992"]', "19 August"),
    ("BORN ON AUGUST 19, 1992", "AUGUST 19"),
    ("<td>1992-08-19</td>", "1992-08-19"),
])
def test_absolute_dates_are_still_scrubbed(analyzer, text, value):
    out = scrub([Record(id="1", text=text)], cfg(strategy="tag")).records[0].text
    assert "<DATE_TIME>" in out and value not in out, out


def test_most_frequent_english_words_alone_are_kept(analyzer):
    """Over-scrubbing guard: of 300 frequent English words spread over wordfreq's top 5,000, each scrubbed as
    its own document, at most 1% may change (eval/overscrub.py runs all 5,000)."""
    from wordfreq import top_n_list

    words = top_n_list("en", 5000)[::17]
    outs = [r.text for r in scrub([Record(id=str(i), text=w) for i, w in enumerate(words)], cfg()).records]
    changed = [w for w, o in zip(words, outs) if o != w]
    assert len(changed) <= len(words) // 100, changed


@pytest.mark.parametrize("text, value", [
    ("<tr><td>DE89 3704 0044 0532 0130 00</td> 4111 1111 1111 1111</tr>", "4111 1111 1111 1111"),
    ("card 4111\u00a01111\u00a01111\u00a01111 ok", "4111\u00a01111\u00a01111\u00a01111"),
    ("card 4111\u200b1111\u200b1111\u200b1111", "4111\u200b1111\u200b1111\u200b1111"),
    ("card \uff14\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11",
     "\uff14\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11"),
    ("call 555\u2011123\u20114567 now", "555\u2011123\u20114567"),
    ("\x1b[31mDE89370400440532013000\x1b[0m", "DE89370400440532013000"),
    ("cards 4111 1111 1111 1111 5500 0000 0000 0004 end", "5500 0000 0000 0004"),
])
@pytest.mark.parametrize("strategy", ["tag", "fake"])
def test_disguised_values_are_replaced_whole(analyzer, text, value, strategy):
    out = scrub([Record(id="1", text=text)], cfg(strategy=strategy)).records[0].text
    digits = re.sub(r"\D", "", normalize_value(value))
    assert digits not in re.sub(r"\D", "", normalize_value(out))
    assert "\u200b" not in out and "\uff11" not in out  # the invisible/fullwidth characters went with the value
    assert out[:4] == text[:4]  # the context is kept


def test_two_cards_side_by_side_count_as_two(analyzer):
    res = scrub([Record(id="1", text="cards 4111 1111 1111 1111 5500 0000 0000 0004 end")], cfg(strategy="tag"))
    assert res.records[0].text == "cards <CREDIT_CARD> <CREDIT_CARD> end"
    assert res.audit["entities"] == {"CREDIT_CARD": 2}


def test_a_value_cut_by_a_segment_boundary_is_still_found(analyzer, monkeypatch):
    monkeypatch.setattr(spans_module, "SEGMENT_CHARS", 200)
    filler = "the film was long and slow but the music was fine " * 3
    for pad in range(0, 30, 3):  # move the card across the cut
        text = f"{filler[:150 + pad]} card 4111 1111 1111 1111 {filler}"
        assert "4111" not in scrub([Record(id="1", text=text)], cfg(strategy="tag")).records[0].text, pad


@pytest.mark.parametrize("text, pattern", [
    # a lone name after a title gets a surname and keeps the title; a capitalised name stops at a verb
    ("I spoke to Mr. Brown yesterday.", r"I spoke to Mr\. (?P<last>\w+) yesterday\."),
    ("Mr Brown called.", r"Mr (?P<last>\w+) called\."),
    ("Sarah Connor phoned; Sarah said hi.", r"(?P<first>\w+) (?P<last>\w+) phoned; (?P=first) said hi\."),
    ("Sarah Connor and Sarah came. Ask Mrs. Connor.", r"(?P<first>\w+) (?P<last>\w+) and (?P=first) came\. "
                                                      r"Ask Mrs\. (?P=last)\."),
])
def test_fake_names_keep_their_kind_titles_and_shared_parts(analyzer, text: str, pattern: str) -> None:
    from textsynth.scrubbing.lexicon import is_last_name

    out = scrub([Record(id="1", text=text)], cfg(strategy="fake")).records[0].text
    m = re.fullmatch(pattern, out)
    assert m, out
    assert is_last_name(m.group("last")) and m.group("last") not in ("Brown", "Connor")


@pytest.mark.parametrize("strategy", ["tag", "hash", "fake", "redact"])
@pytest.mark.parametrize("phone", ["(007)-0499962", "(0848)-027795", "(020).1234.567", "+31 (0)20-1234567"])
def test_bracketed_area_code_phones_are_scrubbed_whole(analyzer, strategy, phone):
    res = scrub([Record(id="1", text=f"see {phone} thanks, or text me")], cfg(strategy=strategy))
    out = res.records[0].text
    digits = re.sub(r"\D", "", phone)
    assert digits not in re.sub(r"\D", "", out), out
    assert res.audit["entities"].get("PHONE_NUMBER") == 1, res.audit


def test_bracketed_numbers_that_are_not_phones_stay(analyzer):
    text = "The (2019)-2020 season sold (10)-15 items at (199)-249 dollars, rated (4.5)-5, zip (90210)-1234."
    res = scrub([Record(id="1", text=text)], cfg(strategy="tag"))
    assert "PHONE_NUMBER" not in res.records[0].text, res.records[0].text


def test_checkpoints_of_workers_merge_into_the_audit_and_seed_index_of_one_scrubber(analyzer):
    """A distributed scrub: workers with the run's salt scrub apart, one Scrubber (no analyzer) merges their
    checkpoints."""
    from textsynth.scrubbing.scrubber import Scrubber

    records = [Record(id=str(i), text=f"{DOC} ({i})") for i in range(4)] + [Record(id="x", text="no pii here")]
    with Scrubber(cfg()) as one:
        kept, _ = one.scrub_batch([Record.from_dict(r.to_dict()) for r in records])
    merged = Scrubber(cfg(), check_entities=False)
    texts = []
    for part in (records[:2], records[2:]):
        with Scrubber(cfg()) as worker:
            texts += [r.text for r in worker.scrub_batch([Record.from_dict(r.to_dict()) for r in part])[0]]
            merged.restore([worker.checkpoint()])
    assert texts == [r.text for r in kept]  # one salt: the same fakes in every worker
    assert merged.audit() == one.audit() and merged.audit()["entities"]
    assert merged.seed_pii.to_dict() == one.seed_pii.to_dict()


def test_checkpoints_of_two_scrubbers_restore_to_the_audit_and_index_of_one(analyzer):
    """Resume and merging workers rest on this: restoring checkpoints adds up counters and seed-PII hashes."""
    cfg = ScrubConfig(salt="s", n_process=1)
    docs = [Record(f"d{i}", f"Call Jane Miller at 415-555-01{i:02d} or mail jm{i}@example.org.") for i in range(6)]
    with Scrubber(cfg) as whole:
        whole.scrub_batch(docs)
    parts = []
    for half in (docs[:3], docs[3:]):
        with Scrubber(cfg) as worker:
            worker.scrub_batch(half)
            parts.append(json.loads(json.dumps(worker.checkpoint())))  # JSON-able, as the journal stores it
            assert worker.checkpoint()["counters"]["counts"] == {}  # deltas: nothing new since the last one
    merged = Scrubber(cfg)
    merged.restore(parts)
    assert merged.audit() == whole.audit() and merged.audit()["entities"]["PHONE_NUMBER"] == 6
    assert merged.seed_pii.to_dict() == whole.seed_pii.to_dict()
    blob = json.dumps(parts)
    assert "Jane" not in blob and "Miller" not in blob and "415-555" not in blob and "example.org" not in blob


def test_a_long_scrub_without_checkpoints_holds_each_seed_pii_value_once(analyzer):
    """``scrub_file`` never checkpoints: what the next checkpoint would carry must grow with the distinct PII
    values, not with the records (1M records repeating a name held one entry per record before)."""
    cfg = ScrubConfig(salt="s", n_process=1)
    docs = [Record(f"d{i}", f"Call Jane Miller at 415-555-0100, ticket {i}.") for i in range(30)]
    with Scrubber(cfg) as once, Scrubber(cfg) as many:
        once.scrub_batch(docs[:1])
        for start in range(0, 30, 10):
            many.scrub_batch(docs[start:start + 10])
        assert len(many._new_hashes) == len(once._new_hashes) > 0
        assert many.checkpoint()["seed_pii"] == once.checkpoint()["seed_pii"]
        many.scrub_batch(docs[:5])
        assert many.checkpoint()["seed_pii"]["hashes"] == []  # nothing new since the last checkpoint
