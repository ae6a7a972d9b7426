"""Replacement operators for detected PII: tag, consistent fake, keyed hash, redact.

`fake` and `hash` are presidio-anonymizer Operator classes (registered with ``AnonymizerEngine.add_anonymizer``),
so the anonymizer applies them like its built-in `replace` and `redact`. Both are derived from an HMAC of the
normalised value under the secret key (``textsynth.keys``) and the run's salt: the same value gets the same
replacement in every document and chat message of a run, no table of raw values is ever kept, and without the
key a hash or fake cannot be traced back to a value by trying candidates (the salt alone is not enough).
"""
from __future__ import annotations

import re
from typing import Any

from presidio_anonymizer.entities import OperatorConfig
from presidio_anonymizer.operators import Operator, OperatorType

from ..core.seed_pii import DIGIT_TYPES
from ..keys import SecretKey, secret_key
from .fakes import FAKERS, digits_of, fake_value, normalize

STRATEGIES = ("tag", "fake", "hash", "redact")


def value_key(value: str, entity_type: str) -> str:
    """The normalised value an operator is keyed on (digits only for phones, cards, SSNs; IBANs unspaced)."""
    if entity_type in DIGIT_TYPES:
        digits = digits_of(value)
        if len(digits) >= 4:
            return digits
    if entity_type == "IBAN_CODE":
        return re.sub(r"[\s\-]", "", value).lower()
    return normalize(value)


def replacement_key(salt: str, seed: int, entity_type: str, value: str, key: SecretKey | None = None) -> str:
    """HMAC of (salt, seed, type, normalised value) under the secret key: what `fake` and `hash` derive from."""
    key = key if key is not None else secret_key()
    return key.hasher(f"replace\x00{salt}\x01{seed}\x00")(f"{entity_type}\x00{value_key(value, entity_type)}")


def hash_value(entity_type: str, key: str, length: int = 10) -> str:
    """Typed, truncated keyed hash, e.g. ``<PERSON_3f2a9c1b0d>``."""
    return f"<{entity_type}_{key[:length]}>"


# --------------------------------------------------------------------------------------------------
# presidio-anonymizer operators
# --------------------------------------------------------------------------------------------------


class _KeyedOperator(Operator):
    """Base of operators whose output is a function of the keyed hash of the value."""

    def validate(self, params: dict | None = None) -> None:
        params = params or {}
        if not isinstance(params.get("salt"), str) or not isinstance(params.get("key"), SecretKey):
            from presidio_anonymizer.entities import InvalidParamError

            raise InvalidParamError(f"{self.operator_name()} needs a string 'salt' and a SecretKey 'key'")

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize

    @staticmethod
    def _key(text: str, params: dict) -> str:
        return replacement_key(params["salt"], int(params.get("seed", 0)), params["entity_type"], text,
                               key=params["key"])


class FakeOperator(_KeyedOperator):
    """Consistent Faker surrogate: same type, same format, same fake for the same value across the run."""

    def operate(self, text: str, params: dict | None = None) -> str:
        params = params or {}
        etype = params["entity_type"]

        def part_key(role: str, word: str) -> str:  # a name word's own key: its fake is shared across names
            return replacement_key(params["salt"], int(params.get("seed", 0)), f"{etype}:{role}", word,
                                   key=params["key"])

        return fake_value(etype, text, self._key(text, params), part_key if etype == "PERSON" else None,
                          locale=params.get("locale"))

    def operator_name(self) -> str:
        return "fake"


class TypedHashOperator(_KeyedOperator):
    """Keyed hash (HMAC-SHA256) of the normalised value, truncated and typed: ``<EMAIL_ADDRESS_1f0c...>``."""

    def operate(self, text: str, params: dict | None = None) -> str:
        params = params or {}
        return hash_value(params["entity_type"], self._key(text, params), int(params.get("length", 10)))

    def operator_name(self) -> str:
        return "typed_hash"


def operator_configs(strategy: str, entities: list[str] | tuple[str, ...], salt: str, seed: int = 0,
                     key: SecretKey | None = None, locale: str | None = None) -> dict[str, OperatorConfig]:
    """The presidio OperatorConfig per entity type for a strategy (plus DEFAULT for any other type).

    ``key`` (default: ``keys.secret_key()``) is only needed, and only loaded, for `fake` and `hash`.
    ``locale`` is the Faker locale of the fakes (default en_US), e.g. "fr_FR" for a French record.
    """
    if strategy not in STRATEGIES:
        from ..errors import ConfigError

        raise ConfigError(f"scrub.strategy: must be one of {', '.join(STRATEGIES)}, got {strategy!r}")
    if strategy in ("fake", "hash") and key is None:
        key = secret_key()
    configs: dict[str, OperatorConfig] = {}
    for entity in [*entities, "DEFAULT"]:
        if strategy == "tag" or (strategy == "fake" and entity not in FAKERS):
            configs[entity] = OperatorConfig("replace", {"new_value": f"<{entity}>" if entity != "DEFAULT" else "<PII>"})
        elif strategy == "fake":
            configs[entity] = OperatorConfig("fake", {"salt": salt, "seed": seed, "key": key,
                                                      **({"locale": locale} if locale else {})})
        elif strategy == "hash":
            configs[entity] = OperatorConfig("typed_hash", {"salt": salt, "seed": seed, "key": key})
        else:
            configs[entity] = OperatorConfig("redact", {})
    return configs


def build_anonymizer() -> Any:
    """presidio's AnonymizerEngine with our `fake` and `typed_hash` operators added."""
    from presidio_anonymizer import AnonymizerEngine

    engine = AnonymizerEngine()
    engine.add_anonymizer(FakeOperator)
    engine.add_anonymizer(TypedHashOperator)
    return engine
