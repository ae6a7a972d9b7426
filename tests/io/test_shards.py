"""ShardedJsonlWriter never takes over a directory it did not write."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("resume", [False, True])
def test_sharded_writer_never_takes_over_a_directory_it_did_not_write(tmp_path, resume):
    from textsynth.errors import ConfigError
    from textsynth.io import ShardedJsonlWriter

    d = tmp_path / "out.shards"
    d.mkdir()
    (d / "mine.txt").write_text("keep")
    with pytest.raises(ConfigError, match="no textsynth shard manifest"):
        ShardedJsonlWriter(d, "fp", resume=resume)
    assert [p.name for p in d.iterdir()] == ["mine.txt"]
    own = ShardedJsonlWriter(tmp_path / "own.shards", "fp")
    own.write_shard(0, [{"id": "a"}])
    ShardedJsonlWriter(tmp_path / "own.shards", "fp2", resume=False)  # its own earlier shards may be replaced
    assert not (tmp_path / "own.shards" / "records-00000.jsonl").exists()
