"""The place recognizer: gazetteer, cues, "City, ST" and invented-place morphology; ordinary words stay."""
from __future__ import annotations

import pytest

from textsynth.scrubbing.places import PlaceRecognizer, invented_place, is_ordinary_word
from textsynth.scrubbing.postprocess import repeated_places


@pytest.fixture(scope="module")
def places() -> PlaceRecognizer:
    return PlaceRecognizer()


@pytest.mark.parametrize("text, expected", [
    ("Paris was lovely.", ["Paris"]),  # a famous place without a cue is scrubbed
    ("Reading is fun.", []),  # ... unless it is an ordinary word
    ("I moved to Reading last year.", ["Reading"]),  # ... which a cue makes a place
    ("Nice work!", []),
    ("We met in Nice.", ["Nice"]),
    ("I love Mobile data", []),
    ("Berlin is big.", ["Berlin"]),  # a very large place whose name is also a (rare) word
    ("San Francisco is foggy", ["San Francisco"]),
    ("Rio de Janeiro", ["Rio de Janeiro"]),
    ("St. Louis is hot", ["St. Louis"]),
    ("see North Jameshaven thanks", ["North Jameshaven"]),  # invented places
    ("Charpentier-sur-Alves", ["Charpentier-sur-Alves"]),
    ("ok Pearsonborough ok", ["Pearsonborough"]),
    ("the value Lake Jeffery again", ["Lake Jeffery"]),
    ("She lives in Klimmen", ["Klimmen"]),  # an unknown word after a strong cue
    ("I MOVED TO NORTH JAMESHAVEN LAST YEAR", ["NORTH JAMESHAVEN"]),  # capitals: cue + morphology
    ("she lives in paris", ["paris"]),  # lower case: cue + gazetteer
    ("i moved to york harbor last year", ["york harbor"]),  # lower case: cue + a listed name of ordinary words
    ("Boccaleone", ["Boccaleone"]),  # a village under GeoNames' 500 people, listed by Faker's it_IT
    ('["Pontboset"]', ["Pontboset"]),
    ("ok Matsc ok", ["Matsc"]),
    ("'s-Heer Abtskerke", ["'s-Heer Abtskerke"]),  # the Dutch article belongs to the name
    ("see 's Gravenmoer thanks", ["'s Gravenmoer"]),
    ("It's Paris", ["Paris"]),  # ... not an English possessive
    ("Bears won again.", []),  # a listed place that is an ordinary word needs a cue
    ("Dont worry", []),
    ("we met in reading", []),  # lower-case ordinary word: never
    ("london", []),  # lower case, no cue
    ("Springfield, IL 62704", ["Springfield"]),
    ("in March we left", []),  # months are dates
    ("New Year party", []),
    ("a North Face jacket", []),
    ("I moved to `Niguarda` last year", ["Niguarda"]),  # a quote between the cue and the place
    ("She lives in Verndale / Resina", ["Verndale", "Resina"]),  # listed after another place
    ("We met in The Office", []),  # a capitalised run after a cue may not start with a function word
    ("I moved to Tide Head last year", ["Tide Head"]),  # an unknown capitalised run after a strong cue
    ('{"contact":"Hedge End"}', ["Hedge End"]),  # a gazetteer place of capitalised ordinary words
    ('{"value": "El Hadjira"}', ["El Hadjira"]),  # a capitalised article starts it
    ("To‘rqao‘rg‘on", ["To‘rqao‘rg‘on"]),  # okina-like apostrophes inside a name
    ("I use Photoshop daily", []),
    ("The Amazon delivery was late", []),
])
def test_places(places: PlaceRecognizer, text: str, expected: list[str]) -> None:
    assert [text[r.start:r.end] for r in places.analyze(text, ["LOCATION"])] == expected


@pytest.mark.parametrize("words, invented", [
    (["Charpentier-sur-Alves"], True), (["Pearsonborough"], True), (["North", "Jameshaven"], True),
    (["Sainte", "Georgesdan"], True), (["Button"], False), (["Everyone"], False), (["New", "Year"], False),
])
def test_invented_place_morphology(words: list[str], invented: bool) -> None:
    assert invented_place(words) is invented


@pytest.mark.parametrize("word, ordinary", [("Reading", True), ("Nice", True), ("Paris", False), ("London", False)])
def test_ordinary_words(word: str, ordinary: bool) -> None:
    assert is_ordinary_word(word) is ordinary


def test_repeated_mentions_of_a_place(places: PlaceRecognizer) -> None:
    text = "She lives in Tarvessio. Again: Tarvessio. not tarvessio"  # a name no list holds: found by its cue
    found = places.analyze(text, ["LOCATION"])
    extra = repeated_places(text, found)
    assert [text[r.start:r.end] for r in found] == ["Tarvessio"] and [r.start for r in extra] == [31]


@pytest.mark.parametrize("text", [
    "will be from unintentional gags", "greatness in the hue of its iconography", "a time-travel fable marred",
    "a story that barely stays afloat.", "as far as you can get from racy, to the point",
])
def test_lower_case_words_need_a_verb_and_preposition_cue(places: PlaceRecognizer, text: str) -> None:
    assert places.analyze(text, ["LOCATION"]) == []


def test_gazetteer_is_derived_once_then_read_from_the_cache(monkeypatch, tmp_path):
    from textsynth.scrubbing import places

    monkeypatch.setenv("TEXTSYNTH_CACHE", str(tmp_path))
    builds = []
    monkeypatch.setattr(places, "_build_gazetteer", lambda: builds.append(1) or {"springfield": 30_000})
    assert places.gazetteer.__wrapped__() == {"springfield": 30_000}
    assert places.gazetteer.__wrapped__() == {"springfield": 30_000}
    assert builds == [1]
    (cached,) = (tmp_path / "gazetteer").iterdir()
    assert cached.stat().st_mode & 0o777 == 0o600
