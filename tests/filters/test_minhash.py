"""The MinHash filter's compact index of accepted records: datasketch's verdicts at a fraction of the memory."""
from __future__ import annotations

import random
import tracemalloc

import numpy as np

from textsynth.config import FilterConfig
from textsynth.filters.minhash import MinHashFilter
from textsynth.records import Record

WORDS = ("harbour quiet robots bakery pirates careful dragons spies ghosts monks poets vampires twins miners "
         "painters sailors judges nurses thieves giants lanterns rivers orchards meadows").split()


def _texts(n: int, seed: int = 0) -> list[str]:
    """Short texts, a third of them a few words away from an earlier one (near-duplicates)."""
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(n):
        if out and i % 3 == 0:
            base = rng.choice(out).split()
            for _ in range(rng.randint(0, 3)):
                base[rng.randrange(len(base))] = rng.choice(WORDS)
            out.append(" ".join(base))
        else:
            out.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))) + f" {i}")
    return out


def _datasketch_verdicts(f: MinHashFilter, texts: list[str]) -> list[float | None]:
    """The verdicts of a MinHashLSH over the accepted records (what the filter held before)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=f.threshold, num_perm=f.num_perm)
    sigs: list[np.ndarray] = []
    out: list[float | None] = []
    for text in texts:
        m, ok = f.minhash(text)
        if not ok:
            out.append(None)
            continue
        jac, key = f._best(m, lsh.query(m), sigs)
        if key is not None and jac >= f.threshold:
            out.append(jac)
            continue
        lsh.insert(len(sigs), m, check_duplication=False)
        sigs.append(m.hashvalues.astype(np.uint32))
        out.append(None)
    return out


def test_accepted_records_get_the_verdicts_datasketch_gives():
    texts = _texts(400)
    f = MinHashFilter(FilterConfig())
    verdicts = f.check_accepted([Record(str(i), t) for i, t in enumerate(texts)])
    ours = [None if v is None else v.score for v in verdicts]
    theirs = _datasketch_verdicts(MinHashFilter(FilterConfig()), texts)
    assert sum(v is not None for v in theirs) >= 50  # the texts hold near-duplicates
    assert ours == theirs


def test_an_accepted_record_costs_well_under_a_kilobyte_and_a_half():
    f = MinHashFilter(FilterConfig())
    sigs = [f.minhash(t)[0].hashvalues.astype(np.uint32) for t in _texts(2000, seed=1)]
    index = f._synth
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for sig in sigs:
        index.best(sig)
        index.add(sig)
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert index.n == 2000 and grown / index.n < 1500, grown / index.n  # datasketch's MinHashLSH: ~5,200 bytes
