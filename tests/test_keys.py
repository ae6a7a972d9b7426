"""The secret key: env var or a 0600 key file in the user's config dir, created once, never overwritten."""
from __future__ import annotations

import os
import stat

import pytest

from textsynth.errors import ConfigError
from textsynth.keys import ENV_VAR, SecretKey, key_path, secret_key, seed_ref


@pytest.fixture
def config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.delenv(ENV_VAR, raising=False)
    return tmp_path / "cfg"


def test_key_file_is_created_once_with_mode_0600(config_home):
    key = secret_key()
    path = config_home / "textsynth" / "secret.key"
    assert key_path() == path and path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert secret_key() == key  # read back, not regenerated
    assert [p.name for p in path.parent.iterdir()] == ["secret.key"]  # no temporary file left behind


def test_existing_key_file_is_never_overwritten(config_home, monkeypatch):
    path = key_path()
    path.parent.mkdir(parents=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b"k" * 64)
    os.close(fd)
    assert secret_key().value == b"k" * 64


def test_key_file_readable_by_others_is_refused(config_home):
    secret_key()
    key_path().chmod(0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        secret_key()


def test_env_var_wins_and_must_be_long(config_home, monkeypatch):
    monkeypatch.setenv(ENV_VAR, "x" * 40)
    assert secret_key().value == b"x" * 40
    assert not key_path().exists()  # no key file written when the env var gives the key
    monkeypatch.setenv(ENV_VAR, "short")
    with pytest.raises(ConfigError, match=ENV_VAR):
        secret_key()


def test_key_file_content_works_as_env_value(config_home, monkeypatch):
    from_file = secret_key()
    monkeypatch.setenv(ENV_VAR, key_path().read_text())
    assert secret_key() == from_file


def test_repr_and_id_do_not_show_the_key():
    key = SecretKey(b"a-very-secret-key-value-0123456789")
    assert "secret-key-value" not in repr(key) and key.id in repr(key)
    assert len(key.id) == 16 and key.id != SecretKey(b"another-key-value-0123456789abcdef").id


def test_seed_ref_is_keyed():
    a, b = SecretKey(b"a" * 32), SecretKey(b"b" * 32)
    assert seed_ref(a, "TICKET-4711") == seed_ref(a, "TICKET-4711") != seed_ref(b, "TICKET-4711")
    assert "4711" not in seed_ref(a, "TICKET-4711")
