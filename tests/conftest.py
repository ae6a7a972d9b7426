"""Shared fixtures: a tiny random Llama saved as a local model dir (no download), small real corpora."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"

# Tests never touch the network: the hub is off and caches are per test session.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
# The secret key (textsynth.keys) of the test session lives in a temporary config dir, never the user's.
_CONFIG_HOME = tempfile.mkdtemp(prefix="textsynth-test-config-")
atexit.register(shutil.rmtree, _CONFIG_HOME, ignore_errors=True)
os.environ["XDG_CONFIG_HOME"] = _CONFIG_HOME
os.environ.pop("TEXTSYNTH_SECRET_KEY", None)
# Fakes, hashes and seed refs depend on the key, so a random key per session made some outcomes vary from
# run to run. The session key is fixed (the suite is reproducible); TEXTSYNTH_TEST_KEY=random (or any
# 32+ character string) runs the suite under another key, to check that no test depends on this one.
_TEST_KEY = os.environ.get("TEXTSYNTH_TEST_KEY") or "textsynth-test-session-key-" + "0" * 37
if _TEST_KEY == "random":
    import secrets

    _TEST_KEY = secrets.token_hex(32)
os.makedirs(os.path.join(_CONFIG_HOME, "textsynth"), mode=0o700)
_fd = os.open(os.path.join(_CONFIG_HOME, "textsynth", "secret.key"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
with os.fdopen(_fd, "w", encoding="utf-8") as _fh:
    _fh.write(_TEST_KEY + "\n")

CHAT_TEMPLATE = (
    "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}</s>{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>{% endif %}"
)

_CORPUS = [
    "a gripping and beautifully acted film with a moving story",
    "dull, predictable and far too long; the plot goes nowhere",
    "the service was friendly and the food arrived hot",
    "terrible support, they never answered my emails",
    "user: hi there how are you doing today assistant: great thanks",
    "Review: positive negative sentiment label movie product service",
] * 20


def build_tiny_llama(path: Path) -> Path:
    """Save a randomly initialised 2-layer Llama and a byte-level BPE tokenizer trained on a toy corpus."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    path.mkdir(parents=True, exist_ok=True)
    tok = Tokenizer(models.BPE(unk_token=None))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    special = ["<s>", "</s>", "<pad>", "<|user|>", "<|assistant|>", "<|system|>"]
    trainer = trainers.BpeTrainer(
        vocab_size=400, special_tokens=special, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tok.train_from_iterator(_CORPUS, trainer=trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>"
    )
    fast.chat_template = CHAT_TEMPLATE
    fast.save_pretrained(path)
    torch.manual_seed(0)
    cfg = LlamaConfig(
        vocab_size=len(fast), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256,
        bos_token_id=fast.bos_token_id, eos_token_id=fast.eos_token_id, pad_token_id=fast.pad_token_id,
    )
    LlamaForCausalLM(cfg).save_pretrained(path, safe_serialization=True)
    return path


@pytest.fixture(scope="session")
def tiny_llama_dir(tmp_path_factory) -> Path:
    """Path to a tiny random Llama + tokenizer, loadable like any local HF model directory."""
    return build_tiny_llama(tmp_path_factory.mktemp("tiny-llama"))


@pytest.fixture(scope="session")
def rotten_tomatoes_path() -> Path:
    """The real Rotten Tomatoes corpus unpacked by `make data`."""
    p = DATA / "rotten_tomatoes_corpus_full.csv.bz2"
    if not p.exists():
        pytest.skip("run `make data` first")
    return p
