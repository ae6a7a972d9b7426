"""The seed PII index: where in a text does a PII value of the seeds occur? (no value is ever stored)

``SeedPiiLookup`` is what every later stage asks (``find``); ``SeedPiiIndex`` is the concrete index: the PII
values found in the raw seeds, remembered only as keyed hashes. The scrub stage builds it (its detection decides
what is a value; ``scrubbing.seed_index`` adds its dictionary-word check); the filters, the gate, the engines and
the evaluation load and query it from here, so no stage imports the scrub stage's internals to type or use it.

Every token n-gram of a text (up to the longest value, in tokens) is normalised and hashed the way the values
were; phone, card and SSN values are also stored as their bare digits, so "555 123 4567" finds a seed
"(555) 123-4567". Hashes are HMAC-SHA256 under the secret key of ``textsynth.keys`` (never saved here) and the
run's salt: the saved JSON holds the salt, the key's id and the hashes, so a 7-digit phone or an SSN cannot be
recovered from it by trying every value.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, runtime_checkable

from ..keys import SecretKey, secret_key

# Entity types whose values are digit strings: also stored and matched as their bare digits.
DIGIT_TYPES = frozenset({"PHONE_NUMBER", "CREDIT_CARD", "US_SSN"})
# Tokens: runs of word characters, or single other non-space characters.
_TOKEN = re.compile(r"\w+|[^\w\s]")
# A run of digit groups joined by phone/card separators: "+1 (555) 123-4567", "4111 1111 1111 1111".
_DIGIT_RUN = re.compile(r"\d+(?:[ \t().\-/]{1,3}\d+)*")
_WS = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
MIN_DIGITS = 7  # shorter digit strings (years, house numbers) are not matched by digits alone
HASH_CHARS = 24  # 96 bits of each HMAC-SHA256
FORMAT = "textsynth.seed_pii/2"


def normalize(value: str) -> str:
    """Lower-cased, whitespace-collapsed form of a value (the key for consistency and the seed PII index)."""
    return _WS.sub(" ", value).strip().lower()


def digits_of(value: str) -> str:
    return "".join(_DIGIT.findall(value))


@runtime_checkable
class SeedPiiLookup(Protocol):
    """Spans of ``text`` whose normalised value is one of the seeds' PII values (no value is ever returned)."""

    def find(self, text: str) -> list[tuple[int, int]]:
        """(start, end) character spans, in order."""
        ...


class SeedPiiIndex:
    """Keyed hashes of normalised seed PII values, with ``find`` to locate them in other texts.

    ``key`` defaults to ``keys.secret_key()``; ``salt`` makes one run's hashes unlinkable to another's.
    ``ignore_word``: a one-token value (not of a digit type) for which it is true is not remembered, since a
    dictionary word identifies nobody; the scrub stage passes its lexicon's check (``scrubbing.seed_index``).
    Looking values up needs no such check.
    """

    def __init__(self, salt: str, hashes: Iterable[str] = (), max_tokens: int = 0,
                 lengths: Iterable[int] | None = None, key: SecretKey | None = None,
                 ignore_word: Callable[[str], bool] | None = None):
        self.salt = salt
        self.ignore_word = ignore_word
        self.key = key if key is not None else secret_key()
        self._hasher = self.key.hasher(f"seed-pii\x00{salt}\x00")
        self.hashes: set[str] = set(hashes)
        self.max_tokens = max_tokens
        # token counts of the stored values: only n-grams of these lengths are hashed by find()
        self.lengths: set[int] = set(lengths) if lengths is not None else set(range(1, max_tokens + 1))

    def __getstate__(self) -> dict:  # picklable for worker processes (the HMAC state is rebuilt)
        state = self.__dict__.copy()
        state.pop("_hasher")
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._hasher = self.key.hasher(f"seed-pii\x00{self.salt}\x00")

    def _hash(self, text: str) -> str:
        return self._hasher(text)[:HASH_CHARS]

    # -- building -------------------------------------------------------------------------------------

    def entries_for(self, value: str, entity_type: str | None = None) -> tuple[list[str], int]:
        """The hashes that represent ``value`` and its length in tokens (for building in worker processes)."""
        norm = normalize(value)
        if len(norm) < 2:
            return [], 0
        tokens = _TOKEN.findall(value)
        if (len(tokens) == 1 and entity_type not in DIGIT_TYPES and self.ignore_word is not None
                and self.ignore_word(norm)):
            # A lone dictionary word ("enough", "bon" mis-tagged as a name) identifies nobody, and remembering
            # it would make every later text that uses the word look like a seed-PII leak.
            return [], 0
        out = [self._hash(norm)]
        if entity_type in DIGIT_TYPES:
            digits = digits_of(value)
            if len(digits) >= MIN_DIGITS:
                out.append(self._hash("#" + digits))
        return out, len(tokens)

    def add(self, value: str, entity_type: str | None = None) -> None:
        hashes, n_tokens = self.entries_for(value, entity_type)
        self.update(hashes, n_tokens)

    def update(self, hashes: Iterable[str], n_tokens: int | Iterable[int] = 0) -> None:
        self.hashes.update(hashes)
        counts = {n_tokens} if isinstance(n_tokens, int) else set(n_tokens)
        self.lengths.update(n for n in counts if n > 0)
        self.max_tokens = max([self.max_tokens, *counts])

    def __len__(self) -> int:
        return len(self.hashes)

    # -- lookup ---------------------------------------------------------------------------------------

    def find(self, text: str) -> list[tuple[int, int]]:
        """Character spans of ``text`` whose normalised value (or digits) is a seed PII value."""
        if not self.hashes or not text:
            return []
        spans: set[tuple[int, int]] = set()
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        n = len(tokens)
        for i in range(n):
            start = tokens[i][0]
            for length in self.lengths:
                j = i + length - 1
                if j >= n:
                    continue
                end = tokens[j][1]
                if self._hash(normalize(text[start:end])) in self.hashes:
                    spans.add((start, end))
        for m in _DIGIT_RUN.finditer(text):
            groups = [(g.start(), g.end()) for g in re.finditer(r"\d+", m.group())]
            base = m.start()
            for a in range(len(groups)):
                digits = ""
                for b in range(a, len(groups)):
                    digits += m.group()[groups[b][0]:groups[b][1]]
                    if len(digits) >= MIN_DIGITS and self._hash("#" + digits) in self.hashes:
                        spans.add((base + groups[a][0], base + groups[b][1]))
        return sorted(spans)

    def contains(self, text: str) -> bool:
        return bool(self.find(text))

    # -- persistence ----------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        """Salt, key id and hashes; never the key."""
        return {"format": FORMAT,
                "hash": f"hmac_sha256(secret key, 'seed-pii' NUL salt NUL normalised value)[:{HASH_CHARS}]",
                "key_id": self.key.id, "salt": self.salt, "max_tokens": self.max_tokens,
                "lengths": sorted(self.lengths), "hashes": sorted(self.hashes)}

    def save(self, path: str | Path) -> Path:
        from ..io import write_json

        return write_json(path, self.to_dict(), indent=1)

    @classmethod
    def load(cls, path: str | Path, key: SecretKey | None = None) -> "SeedPiiIndex":
        """Read a saved index; fails clearly when it was written under another key (or unkeyed)."""
        from ..errors import InputError
        from ..keys import ENV_VAR, key_path

        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise TypeError
            if data.get("format") != FORMAT or "key_id" not in data:
                raise InputError(f"seed PII index of format {data.get('format')!r} is not keyed; "
                                 f"scrub the seeds again with this textsynth version", file=str(p))
            key = key if key is not None else secret_key()
            if data["key_id"] != key.id:
                raise InputError(f"seed PII index was written with another secret key (key id {data['key_id']}, "
                                 f"this key's id {key.id}); set {ENV_VAR} or {key_path()} to the key the scrub "
                                 f"used, or scrub the seeds again", file=str(p))
            return cls(salt=data["salt"], hashes=data["hashes"], max_tokens=int(data["max_tokens"]),
                       lengths=[int(n) for n in data["lengths"]] if "lengths" in data else None, key=key)
        except FileNotFoundError:
            raise InputError("file not found", file=str(p)) from None
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"not a seed PII index ({exc.__class__.__name__})", file=str(p)) from None


def load_seed_pii(path: str | Path | None) -> SeedPiiIndex | None:
    """The seed PII index the scrub stage saved at ``path`` (``seed_pii.json``: keyed hashes), or None for None.

    Raises InputError (naming the file) when it is missing, not a seed PII index, or keyed under another
    secret key.
    """
    return None if path is None else SeedPiiIndex.load(path)
