from textsynth.core.seed_pii import SeedPiiLookup


def test_the_scrub_stage_index_is_a_seed_pii_lookup():
    from textsynth.scrubbing.seed_index import SeedPiiIndex

    index = SeedPiiIndex("salt")
    index.add("555-0199", "PHONE_NUMBER")
    assert isinstance(index, SeedPiiLookup) and index.find("call 555-0199") == [(5, 13)]


def test_anything_with_find_is_one_and_other_objects_are_not():
    class Fake:
        def find(self, text):
            return []

    assert isinstance(Fake(), SeedPiiLookup) and not isinstance(object(), SeedPiiLookup)


def test_the_index_lives_in_core_and_the_scrub_stage_re_exports_it():
    from textsynth.core.seed_pii import SeedPiiIndex as core_index
    from textsynth.scrubbing.seed_index import SeedPiiIndex as scrub_index
    from textsynth.seed_indexes import load_seed_pii

    assert scrub_index is core_index and load_seed_pii(None) is None


def test_a_lone_word_is_remembered_unless_the_builder_says_it_identifies_nobody(tmp_path):
    from textsynth.core.seed_pii import SeedPiiIndex, load_seed_pii

    plain, checked = SeedPiiIndex("salt"), SeedPiiIndex("salt", ignore_word=lambda w: w == "enough")
    for index in (plain, checked):
        index.add("enough", "PERSON")
        index.add("555-0199", "PHONE_NUMBER")  # digit types are never checked
    assert plain.find("not enough") == [(4, 10)] and checked.find("not enough") == []
    assert checked.find("call 555-0199") == [(5, 13)]
    loaded = load_seed_pii(plain.save(tmp_path / "seed_pii.json"))  # lookup needs no check
    assert loaded.find("not enough") == [(4, 10)] and loaded.ignore_word is None
