import pytest

from textsynth.generation.outputs import rejects_path, shards_dir, split_completion, split_tokens, withhold_raw
from textsynth.generation.prompts import load_template
from textsynth.records import Rejection

SENTIMENT = load_template("sentiment")  # stop "\n", answer prefix "-"


@pytest.mark.parametrize("text,finish,n,expected", [
    (" one", "stop", 1, [(" one", "stop")]),
    (" one\n- two\n- three", "stop", 3, [(" one", "stop"), (" two", "stop"), (" three", "stop")]),
    (" one\n- two", "length", 3, [(" one", "stop"), (" two", "length"), ("", "stop")]),  # a slot not reached
    (" one\nNote: end\n- x", "stop", 3, [(" one", "stop"), ("Note: end\n- x", "stop"), ("", "stop")]),  # list ended
])
def test_split_completion_cuts_a_list_into_its_documents(text, finish, n, expected):
    assert split_completion(SENTIMENT, text, finish, n, docs_per_completion=n) == expected


@pytest.mark.parametrize("total,n", [(10, 3), (2, 4), (0, 1), (7, 7)])
def test_token_shares_add_up(total, n):
    shares = split_tokens(total, n)
    assert sum(shares) == total and len(shares) == n and max(shares) - min(shares) <= 1


def test_withhold_raw_keeps_only_the_length():
    rej = Rejection(stage="generate", reason="truncated", record_id="gen-1", detail={"raw": "secret text", "a": 1})
    (out,) = withhold_raw([rej])
    assert out.detail == {"a": 1, "raw_withheld_chars": 11}


def test_paths_sit_beside_the_output(tmp_path):
    assert shards_dir(tmp_path / "gen.jsonl") == tmp_path / "gen.shards"
    assert rejects_path(tmp_path / "gen.jsonl") == tmp_path / "gen.rejects.jsonl"
