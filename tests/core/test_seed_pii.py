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
