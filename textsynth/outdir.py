"""Output paths textsynth may write: owned output directories and outputs that must not be an input.

An owned directory (an export, an evaluation report) is written whole into a temporary sibling and renamed into
place, so a crash never leaves half of one. It carries a manifest naming its kind and the entries textsynth wrote;
only such a directory may be replaced (with ``overwrite``), never one holding anything else.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError, TextsynthError
from .io import dumps_json


def manifest_name(kind: str) -> str:
    """The manifest file of an owned directory of this kind (``export`` -> ``.textsynth-export.json``)."""
    return f".textsynth-{kind}.json"


def is_owned(path: Path, kind: str) -> bool:
    """Whether ``path`` holds a textsynth manifest of this kind."""
    try:
        data = json.loads((path / manifest_name(kind)).read_text(encoding="utf-8"))
        return data.get("kind") == f"textsynth {kind}"
    except (OSError, ValueError, AttributeError):
        return False


def check_owned_target(out: Path, kind: str, overwrite: bool,
                       error: type[TextsynthError] = OutputError) -> None:
    """Refuse a target textsynth may not replace: a file, or a non-empty dir that is not only its own ``kind``."""
    if not out.exists():
        return
    if not out.is_dir():
        raise error(f"{out}: exists and is not a directory; choose another output directory")
    present = {p.name for p in out.iterdir()}
    if not present:
        return
    if not is_owned(out, kind):
        raise error(f"{out}: directory is not empty and is not a textsynth {kind}; "
                    "choose a new or empty output directory (nothing was written)")
    if not overwrite:
        raise error(f"{out}: holds a previous textsynth {kind}; pass --overwrite to replace it")
    manifest = manifest_name(kind)
    listed = set(json.loads((out / manifest).read_text(encoding="utf-8")).get("entries") or []) | {manifest}
    foreign = sorted(present - listed)
    if foreign:
        raise error(f"{out}: holds {len(foreign)} entr{'y' if len(foreign) == 1 else 'ies'} textsynth did "
                    f"not write (e.g. {foreign[0]!r}); move them away or choose another output directory")


@contextmanager
def owned_output_dir(out: str | Path, kind: str, overwrite: bool = False,
                     error: type[TextsynthError] = OutputError) -> Iterator[Path]:
    """A staging directory to fill; on a clean exit it gets its manifest and replaces ``out``.

    ``out`` must be new, empty, or (with ``overwrite``) a previous textsynth ``kind`` holding nothing else;
    on any error the staging directory is removed and ``out`` is left as it was.
    """
    from . import __version__

    target = Path(out).resolve()  # "-o ." and "a/b/.." name the directory they point to
    check_owned_target(target, kind, overwrite, error)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield staging
        entries = sorted(p.name for p in staging.iterdir())
        (staging / manifest_name(kind)).write_text(
            dumps_json({"kind": f"textsynth {kind}", "version": __version__, "entries": entries}, indent=1),
            encoding="utf-8")
        staging.chmod(0o755)  # mkdtemp makes it private; the directory is an ordinary one
        _move_into_place(staging, target, kind, overwrite, error)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _move_into_place(staging: Path, out: Path, kind: str, overwrite: bool, error: type[TextsynthError]) -> None:
    """Rename the finished staging dir to ``out``; a previous output is moved aside first, then removed."""
    check_owned_target(out, kind, overwrite, error)  # again: the directory may have changed while we worked
    if out.exists() and any(out.iterdir()):
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
        os.replace(out, old / out.name)
        try:
            os.replace(staging, out)
        except BaseException:
            os.replace(old / out.name, out)  # put the previous output back
            old.rmdir()
            raise
        shutil.rmtree(old)  # a previous textsynth output and nothing else (checked above)
    else:
        os.replace(staging, out)  # rename onto a missing or empty directory


def check_not_input(outputs: Mapping[str, str | Path | None], inputs: Mapping[str, str | Path | None]) -> None:
    """Refuse, before anything is read, an output path that names one of the input files (by any spelling).

    Keys are the option names shown in the error (``--output``, ``--seeds``).
    """
    seen: dict[tuple[int, int] | str, str] = {}
    for name, path in inputs.items():
        if path is not None:
            seen[_identity(Path(path))] = name
    for name, path in outputs.items():
        if path is None:
            continue
        hit = seen.get(_identity(Path(path)))
        if hit is not None:
            raise OutputError(f"{name}: {path} is also an input ({hit}); writing it would destroy that input "
                              "(nothing was read or written): choose another output path")


def check_new_files(outputs: Mapping[str, str | Path | None], overwrite: bool) -> None:
    """Refuse, before anything is read, an output file that already exists unless ``overwrite`` was given.

    A file the user names as an output may be theirs (an earlier corpus, a hand-made list): textsynth replaces it
    only when asked. Keys are the option names shown in the error (``-o``, ``--audit``).
    """
    if overwrite:
        return
    for name, path in outputs.items():
        if path is not None and (Path(path).exists() or Path(path).is_symlink()):
            raise OutputError(f"{name}: {path} already exists (nothing was read or written): pass --overwrite to "
                              "replace it, or choose another path")


def default_rejects_path(output: str | Path) -> Path:
    """``OUTPUT.rejects.jsonl`` beside ``output``: the rejects file a command writes when none was named.

    The user did not name that path, so a file already there is replaced only if it is a textsynth rejects file
    (empty, or a JSON object with a ``reason`` on its first line); anything else is refused, never overwritten.
    """
    output = Path(output)
    path = output.with_name(output.stem + ".rejects.jsonl")
    if path.exists() and not _is_rejects_file(path):
        raise OutputError(f"--rejects: {path} exists and is not a textsynth rejects file (nothing was read or "
                          "written): pass --rejects PATH or move that file")
    return path


def _is_rejects_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            first = fh.readline(1 << 20)
        if not first.strip():
            return path.stat().st_size == len(first)
        row = json.loads(first)
    except (OSError, ValueError):
        return False
    return isinstance(row, dict) and "reason" in row


def _identity(p: Path) -> tuple[int, int] | str:
    try:
        st = p.stat()  # same file through links, "./x" or "../d/x"
        return (st.st_dev, st.st_ino)
    except OSError:
        return str(p.resolve())
