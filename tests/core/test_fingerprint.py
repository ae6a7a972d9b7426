from textsynth.config import FilterConfig
from textsynth.core.fingerprint import content_fingerprint, fingerprint


def test_fingerprint_follows_every_part_and_the_stream():
    base = fingerprint("input", FilterConfig(), stream=[b"seed one", b"seed two"])
    assert len(base) == 16 and base == fingerprint("input", FilterConfig(), stream=iter([b"seed one", b"seed two"]))
    assert fingerprint("input", FilterConfig(ngram_max_len=9), stream=[b"seed one", b"seed two"]) != base
    assert fingerprint("input", FilterConfig(), stream=[b"seed one", b"seed 2"]) != base
    assert fingerprint("other", FilterConfig(), stream=[b"seed one", b"seed two"]) != base


def test_content_fingerprint_of_a_dataset_dir_follows_its_files(tmp_path):
    d = tmp_path / "ds"
    d.mkdir()
    (d / "a.arrow").write_bytes(b"one")
    first = content_fingerprint(d)
    (d / "a.arrow").write_bytes(b"two")
    assert content_fingerprint(d) != first
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 4096)
    sampled = content_fingerprint(big, sample_above=1024)
    big.write_bytes(b"y" + b"x" * 4095)
    assert content_fingerprint(big, sample_above=1024) != sampled
