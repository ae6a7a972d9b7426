"""The corpus loaders for the scripts in eval/ (they live in textsynth.demo.corpora, which tests import)."""
from textsynth.demo.corpora import (  # noqa: F401
    CHITCHAT_PATH, DATA, REPO, RT_LABELS, RT_PATH, load_chitchat, load_rotten_tomatoes, sample, write_jsonl,
)
