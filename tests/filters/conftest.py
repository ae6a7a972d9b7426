"""Fakes for the filter tests: a bag-of-words embedder, a regex scrubber, a seed PII index."""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

import numpy as np
import pytest

from textsynth.core.text import words
from textsynth.records import Record

SEEDS = [
    Record("s1", "The cinematography is breathtaking and the lead performance carries the whole film.", label="positive"),
    Record("s2", "A tedious, overlong mess with a script that never finds its footing.", label="negative"),
    Record("s3", "Funny, warm and surprisingly moving, this is the best comedy of the year.", label="positive"),
    Record("s4", "Dull characters and a predictable plot make this a chore to sit through.", label="negative"),
    Record("s5", "A must see.", label="positive"),
    Record("s6", "Clumsy editing ruins what could have been a gripping thriller about grief.", label="negative"),
]


def bow_embed(texts):
    """Deterministic bag-of-words embedding: cosine ~ word overlap."""
    out = np.zeros((len(texts), 256), dtype=np.float32)
    for i, t in enumerate(texts):
        for w in words(t):
            out[i, zlib.crc32(w.encode()) % 256] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@dataclass
class FakeScrubResult:
    records: list
    rejected: list = field(default_factory=list)
    audit: dict = field(default_factory=dict)


def fake_scrub(records, config=None):
    """Tags emails, annotating counts per entity type the way the real scrub does (meta["pii"])."""
    out = []
    for r in records:
        n = 0
        if r.messages is not None:
            messages = []
            for m in r.messages:
                content, k = _EMAIL.subn("<EMAIL_ADDRESS>", m["content"])
                messages.append({**m, "content": content})
                n += k
            clean = Record(r.id, messages=messages, label=r.label)
        else:
            text, n = _EMAIL.subn("<EMAIL_ADDRESS>", r.text or "")
            clean = Record(r.id, text, label=r.label)
        clean.meta["pii"] = {"entities": {"EMAIL_ADDRESS": n} if n else {}}
        out.append(clean)
    return FakeScrubResult(out)


class FakeSeedPii:
    """Stands in for SeedPiiIndex: knows one seed value."""

    def __init__(self, values=("jane.doe@example.org",)):
        self.values = values

    def find(self, text):
        return [(m.start(), m.end()) for v in self.values for m in re.finditer(re.escape(v), text)]


@pytest.fixture
def seeds():
    return [Record(s.id, s.text, label=s.label) for s in SEEDS]
