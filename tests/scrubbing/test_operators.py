"""Operators (tag, consistent fake, salted hash, redact) through presidio-anonymizer, and the seed PII index; no
spaCy model needed. The fakes themselves: test_fakes.py."""
from __future__ import annotations

import json
import re

import pytest
from presidio_anonymizer.entities import RecognizerResult

from textsynth.errors import ConfigError
from textsynth.scrubbing.fakes import normalize
from textsynth.scrubbing.operators import (
    build_anonymizer,
    hash_value,
    operator_configs,
    replacement_key,
)
from textsynth.scrubbing.seed_index import SeedPiiIndex

SALT = "test-salt"


def test_hash_is_typed_truncated_and_salted():
    k1 = replacement_key(SALT, 0, "PERSON", "Maria Garcia")
    assert re.fullmatch(r"<PERSON_[0-9a-f]{10}>", hash_value("PERSON", k1))
    assert k1 == replacement_key(SALT, 0, "PERSON", "maria  garcia")
    assert k1 != replacement_key("other", 0, "PERSON", "Maria Garcia")


@pytest.mark.parametrize("strategy, expected", [
    ("tag", "Write to <EMAIL_ADDRESS> or call <PHONE_NUMBER>."),
    ("redact", "Write to  or call ."),
    ("hash", re.compile(r"Write to <EMAIL_ADDRESS_[0-9a-f]{10}> or call <PHONE_NUMBER_[0-9a-f]{10}>\.")),
    ("fake", re.compile(r"Write to [\w.\-]+@[\w.\-]+ or call \(\d{3}\) \d{3}-\d{4}\.")),
])
def test_operators_through_presidio_anonymizer(strategy, expected):
    text = "Write to jane.doe@corp.com or call (212) 555-0199."
    results = [RecognizerResult("EMAIL_ADDRESS", 9, 26, 1.0), RecognizerResult("PHONE_NUMBER", 35, 49, 0.9)]
    out = build_anonymizer().anonymize(text=text, analyzer_results=results,
                                       operators=operator_configs(strategy, ["EMAIL_ADDRESS", "PHONE_NUMBER"], SALT))
    if isinstance(expected, str):
        assert out.text == expected
    else:
        assert expected.fullmatch(out.text), out.text
    assert "jane.doe" not in out.text and "555-0199" not in out.text


def test_fake_operator_consistent_across_documents():
    engine = build_anonymizer()
    ops = operator_configs("fake", ["PERSON"], SALT)
    a = engine.anonymize(text="Maria Garcia called.", analyzer_results=[RecognizerResult("PERSON", 0, 12, 1)],
                         operators=ops).text
    b = engine.anonymize(text="Thanks, Maria Garcia!", analyzer_results=[RecognizerResult("PERSON", 8, 20, 1)],
                         operators=ops).text
    assert a.split(" called")[0] == b[len("Thanks, "):-1]


def test_unknown_strategy_is_a_config_error():
    with pytest.raises(ConfigError, match="scrub.strategy"):
        operator_configs("blur", ["PERSON"], SALT)


# ------------------------------------------------------------------------------------------------
# SeedPiiIndex
# ------------------------------------------------------------------------------------------------


def _index() -> SeedPiiIndex:
    idx = SeedPiiIndex("s3cret")
    idx.add("Maria Garcia", "PERSON")
    idx.add("jane.doe@corp.com", "EMAIL_ADDRESS")
    idx.add("(212) 555-0199", "PHONE_NUMBER")
    idx.add("4111 1111 1111 1111", "CREDIT_CARD")
    return idx


@pytest.mark.parametrize("text, found", [
    ("I met MARIA   garcia yesterday", ["MARIA   garcia"]),
    ("mail jane.doe@corp.com now", ["jane.doe@corp.com"]),
    ("call 212 555 0199 today", ["212 555 0199"]),
    ("call 212-555-0199", ["212-555-0199"]),
    ("card 4111-1111-1111-1111.", ["4111-1111-1111-1111"]),
    ("Maria alone is not the value, nor is Garcia", []),
    ("nothing here 2019", []),
])
def test_seed_index_find(text, found):
    idx = _index()
    assert [text[a:b] for a, b in idx.find(text)] == found


def test_seed_index_save_load_has_no_raw_values(tmp_path):
    from textsynth.scrubbing.seed_index import HASH_CHARS

    idx = _index()
    path = idx.save(tmp_path / "seed_pii.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) >= {"salt", "hashes", "max_tokens"}
    # every stored hash is lower-case hex of the stated length: no room for a value in them
    assert data["hashes"] and all(re.fullmatch(f"[0-9a-f]{{{HASH_CHARS}}}", h) for h in data["hashes"])
    # no other field holds a normalised raw value or a part of one of >= 6 characters (its digits for numbers)
    raw_parts = ["maria garcia", "garcia", "jane.doe@corp.com", "jane.doe", "corp.com", "(212) 555-0199",
                 "2125550199", "5550199", "4111 1111 1111 1111", "4111111111111111"]
    others = [json.dumps(v).lower() for k, v in data.items() if k != "hashes"]
    assert not [p for p in raw_parts if any(p in s for s in others)]
    loaded = SeedPiiIndex.load(path)
    assert loaded.find("Maria Garcia") == [(0, 12)]
    assert len(loaded) == len(idx)


@pytest.mark.parametrize("value, remembered", [
    ("enough", False), ("support", False), ("will", False),  # dictionary words (wordfreq) mis-tagged as names
    ("Sulimat", True), ("John", True), ("Worthington", True),  # names, even frequent ones
    ("Will Smith", True),  # more than one token: always
])
def test_seed_index_skips_lone_dictionary_words(value, remembered):
    from textsynth.scrubbing.seed_index import scrub_seed_index

    idx = scrub_seed_index("s3cret")
    idx.add(value, "PERSON")
    assert bool(idx.find(f"so {value} again")) is remembered


def _candidate_hashes(file_strings: list[str], value: str) -> set[str]:
    """Every hash an attacker holding only the saved file could compute for a guessed value."""
    import hashlib
    import hmac

    out = set()
    for text in (value, "#" + value, normalize(value)):
        out.add(hashlib.sha256(text.encode()).hexdigest()[:24])
        for s in file_strings:
            for msg in (f"{s}\x00{text}", f"{s}{text}", f"seed-pii\x00{s}\x00{text}"):
                out.add(hashlib.sha256(msg.encode()).hexdigest()[:24])
            out.add(hmac.new(s.encode(), text.encode(), "sha256").hexdigest()[:24])
            out.add(hmac.new(s.encode(), f"seed-pii\x00{s}\x00{text}".encode(), "sha256").hexdigest()[:24])
    return out


def test_seed_index_file_alone_does_not_give_away_a_7_digit_phone(tmp_path):
    idx = SeedPiiIndex("run-salt")
    idx.add("555-0199", "PHONE_NUMBER")
    path = idx.save(tmp_path / "seed_pii.json")
    data = json.loads(path.read_text())
    assert idx.key.value.decode() not in path.read_text()  # the key is never saved, only its id
    strings = [data["salt"], data["key_id"]]
    stored = set(data["hashes"])
    # Brute force over a slice of the 7-digit space that holds the true value: nothing matches.
    hits = [n for n in range(5550000, 5551000) if _candidate_hashes(strings, str(n)) & stored]
    assert hits == []
    assert SeedPiiIndex.load(path).find("call 555 0199") == [(5, 13)]  # while the key holder still finds it


def test_seed_index_with_another_key_is_a_clear_error(tmp_path, monkeypatch):
    from textsynth.errors import InputError
    from textsynth.keys import ENV_VAR

    path = _index().save(tmp_path / "seed_pii.json")
    monkeypatch.setenv(ENV_VAR, "another-secret-key-" + "0" * 32)
    with pytest.raises(InputError, match="another secret key") as err:
        SeedPiiIndex.load(path)
    assert ENV_VAR in str(err.value) and str(path) in str(err.value)


def test_unkeyed_seed_index_is_refused(tmp_path):
    from textsynth.errors import InputError

    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": "textsynth.seed_pii/1", "salt": "s", "hashes": [], "max_tokens": 0}))
    with pytest.raises(InputError, match="not keyed"):
        SeedPiiIndex.load(path)


def test_fakes_and_hashes_depend_on_the_secret_key_not_only_the_salt():
    from textsynth.keys import SecretKey

    a, b = SecretKey(b"a" * 32), SecretKey(b"b" * 32)
    assert replacement_key(SALT, 0, "PHONE_NUMBER", "555-0199", key=a) != \
        replacement_key(SALT, 0, "PHONE_NUMBER", "555-0199", key=b)
    engine = build_anonymizer()
    res = [RecognizerResult("PHONE_NUMBER", 5, 13, 1.0)]
    one, two = (engine.anonymize(text="call 555-0199", analyzer_results=res,
                                 operators=operator_configs("hash", ["PHONE_NUMBER"], SALT, key=k)).text for k in (a, b))
    assert one != two


def test_typed_hash_cannot_be_brute_forced_from_the_salt_in_the_config():
    import hashlib

    out = build_anonymizer().anonymize(text="call 555-0199", analyzer_results=[RecognizerResult("PHONE_NUMBER", 5, 13, 1)],
                                       operators=operator_configs("hash", ["PHONE_NUMBER"], SALT)).text
    tag = re.search(r"<PHONE_NUMBER_([0-9a-f]{10})>", out).group(1)
    for n in range(5550000, 5551000):  # the salt is known (config.yaml), the key is not
        for msg in (f"{SALT}\x010\x00PHONE_NUMBER\x00{n}", f"{SALT}\x00{n}", str(n)):
            assert hashlib.sha256(msg.encode()).hexdigest()[:10] != tag


# --------------------------------------------------------------------------------------------------
# No operator copies the original span into its output
# --------------------------------------------------------------------------------------------------

NO_COPY_VALUES = {
    "PERSON": "Maria Garcia", "EMAIL_ADDRESS": "jane.doe@corp.com", "STREET_ADDRESS": "42 Baker Street",
    "PHONE_NUMBER": "(212) 555-0199", "CREDIT_CARD": "4111 1111 1111 1111", "IBAN_CODE": "DE89 3704 0044 0532 0130 00",
    "US_SSN": "536-22-8190", "US_DRIVER_LICENSE": "D1234567", "IP_ADDRESS": "192.168.1.20",
    "URL": "https://example.com/account/42", "DATE_TIME": "March 3, 2019", "LOCATION": "Lyon",
}
# A span that ran past its value into markup and another value (issue: "<td>IBAN</td> CARD").
OVERLONG_TAIL = "</td> 5500 0000 0000 0004"


GENERIC = {"https", "http", "street"}  # parts of a value's format, not of its identity


def _identifying_parts(value: str) -> set[str]:
    """Digit runs of 4+ significant digits and words of 4+ letters of a value (what must not come back;
    "0004" may come back by chance from a perturbed small number without copying anything)."""
    parts = {p.lower() for p in re.findall(r"[^\W\d_]{4,}", value)} - GENERIC
    return parts | {d for d in (r.lstrip("0") for r in re.findall(r"\d+", value)) if len(d) >= 4}


@pytest.mark.parametrize("strategy", ["tag", "fake", "hash", "redact"])
@pytest.mark.parametrize("entity", sorted(NO_COPY_VALUES))
@pytest.mark.parametrize("overlong", [False, True], ids=["exact-span", "overlong-span"])
def test_no_operator_copies_the_original_value(strategy: str, entity: str, overlong: bool) -> None:
    value = NO_COPY_VALUES[entity] + (OVERLONG_TAIL if overlong else "")
    text = f"x {value} y"
    result = build_anonymizer().anonymize(
        text=text, analyzer_results=[RecognizerResult(entity, 2, 2 + len(value), 1.0)],
        operators=operator_configs(strategy, list(NO_COPY_VALUES), SALT))
    out = re.sub(r"<[A-Z_]+(?:_[0-9a-f]+)?>", "", result.text[2:-2])  # the type in a tag or hash is no copy
    assert normalize(value) not in normalize(out)
    leaked = {p for p in _identifying_parts(value) if p in out.lower()}
    assert not leaked, (strategy, entity, out)


def _person_fakes(*values: str) -> list[str]:
    """Fakes of person names through the anonymizer's fake operator (one key, one salt: one run)."""
    from textsynth.keys import SecretKey
    from textsynth.scrubbing.operators import FakeOperator

    params = {"entity_type": "PERSON", "salt": SALT, "seed": 0, "key": SecretKey(b"k" * 32)}
    return [FakeOperator().operate(v, dict(params)) for v in values]


def _kinds(name: str) -> tuple[bool, bool]:
    from textsynth.scrubbing.lexicon import is_first_name, is_last_name

    return is_first_name(name), is_last_name(name)


@pytest.mark.parametrize("value, title, kind", [
    ("Mr. Brown", "Mr.", "last"),  # a lone name after a title is a surname
    ("Dr Okonkwo", "Dr", "last"),
    ("Mrs. Sarah", "Mrs.", "last"),
    ("Sarah", None, "first"),  # a lone given name
    ("Okonkwo", None, "last"),  # a lone word that is only a surname in Faker's lists
    ("Müller", None, "last"),
])
def test_a_lone_name_gets_a_fake_of_its_kind(value: str, title: str | None, kind: str) -> None:
    out = _person_fakes(value)[0]
    words = out.split()
    assert (words[0] == title) if title else len(words) == 1
    first, last = _kinds(words[-1])
    assert (last if kind == "last" else first), out


@pytest.mark.parametrize("lone, full, shared", [
    ("Sarah", "Sarah Connor", 0),  # the given name maps the same alone and in the full name
    ("Mr. Connor", "Sarah Connor", -1),  # ... and the surname after a title
    ("SARAH", "sarah connor", 0),  # case does not matter
])
def test_name_parts_map_consistently(lone: str, full: str, shared: int) -> None:
    a, b = _person_fakes(lone, full)
    assert a.split()[shared].lower() == b.split()[shared].lower()
    assert not {w.lower().strip(".") for w in b.split()} & {w.lower().strip(".") for w in full.split()}


@pytest.mark.parametrize("value", ["J. Smith", "Ludwig van Beethoven", "Mary Ann Evans", "O'Brien"])
def test_person_fakes_copy_no_word_of_the_name(value: str) -> None:
    out = _person_fakes(value)[0]
    assert not {w.lower().strip(".") for w in out.split()} & {w.lower().strip(".") for w in value.split()}
    assert len(out.split()) >= 1
