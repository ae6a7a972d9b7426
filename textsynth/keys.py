"""The secret key behind every hash textsynth stores or exports (seed PII, fake/hash operators, seed ids).

Hashes are HMAC-SHA256 under a key that never sits in a run directory: ``$TEXTSYNTH_SECRET_KEY`` if set,
else ``$XDG_CONFIG_HOME/textsynth/secret.key`` (``~/.config/...``), created with ``secrets`` on first use,
atomically and readable by its owner only (0600). Files written with a key record its id (a short HMAC of a
constant), never the key, so a different key is detected instead of silently matching nothing.
"""
from __future__ import annotations

import hmac
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError

ENV_VAR = "TEXTSYNTH_SECRET_KEY"
MIN_ENV_CHARS = 32  # a passphrase shorter than this could be brute-forced from its key id
_ID_MESSAGE = b"textsynth key id v1"


@dataclass(frozen=True)
class SecretKey:
    """Key bytes whose repr shows only the key id (safe in logs and presidio operator params)."""

    value: bytes = field(repr=False)

    @property
    def id(self) -> str:
        """Short public fingerprint of the key: identifies it, reveals nothing about it."""
        return hmac.new(self.value, _ID_MESSAGE, "sha256").hexdigest()[:16]

    def __repr__(self) -> str:
        return f"SecretKey(id={self.id})"

    def hasher(self, prefix: str) -> "KeyedHasher":
        return KeyedHasher(self, prefix)


class KeyedHasher:
    """HMAC-SHA256(key, prefix + text) as hex; the prefix (domain, per-run salt) is absorbed once."""

    def __init__(self, key: SecretKey, prefix: str = ""):
        self._base = hmac.new(key.value, prefix.encode("utf-8", "surrogatepass"), "sha256")

    def __call__(self, text: str) -> str:
        h = self._base.copy()
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()


def key_path() -> Path:
    """Where the key file lives: ``$XDG_CONFIG_HOME/textsynth/secret.key`` (default ``~/.config``)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "textsynth" / "secret.key"


def secret_key() -> SecretKey:
    """The key from ``$TEXTSYNTH_SECRET_KEY``, else from the key file (created on first use)."""
    env = os.environ.get(ENV_VAR)
    if env is not None:
        if len(env.strip()) < MIN_ENV_CHARS:
            raise ConfigError(f"{ENV_VAR}: needs at least {MIN_ENV_CHARS} characters of random text "
                              f"(e.g. python -c 'import secrets; print(secrets.token_hex(32))')")
        return SecretKey(env.strip().encode("utf-8"))
    path = key_path()
    if not path.exists():
        _create_key_file(path)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise ConfigError(f"{path}: the secret key file is readable by others (mode {mode:o}); chmod 600 it")
    text = path.read_text(encoding="utf-8").strip()
    if len(text) < MIN_ENV_CHARS:
        raise ConfigError(f"{path}: not a textsynth secret key (too short); delete it to create a new one")
    return SecretKey(text.encode("utf-8"))


def _create_key_file(path: Path) -> None:
    """Write a new random key with mode 0600; if another process wins the race, its key is kept."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(secrets.token_hex(32) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # fails if the key file appeared meanwhile: never overwrite a key
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)


def seed_ref(key: SecretKey, record_id: object) -> str:
    """A keyed, non-invertible stand-in for a seed record id (ticket numbers, customer ids are data)."""
    return "seed-" + hmac.new(key.value, f"seed-id\x00{record_id}".encode("utf-8", "surrogatepass"),
                              "sha256").hexdigest()[:16]
