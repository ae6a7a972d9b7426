"""One owner per directory: an OS file lock (flock, released by the OS when its holder dies) plus the holder's pid.

The pid sits in a file beside the lock, not in it: a contender opening the lock file must not be able to clobber
what it says.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from typing import Any, TypeVar

from .errors import BusyError

F = TypeVar("F", bound=Callable[..., Any])

LOCK_NAME = ".textsynth.lock"
LOCK_FILES = (LOCK_NAME, LOCK_NAME + ".pid")


@contextmanager
def dir_lock(directory: str | Path, what: str = "directory") -> Iterator[Path]:
    """Hold ``directory`` for this process; another holder makes this fail at once with a BusyError."""
    from filelock import FileLock, Timeout

    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(d / LOCK_NAME), timeout=0)
    pid_path = d / (LOCK_NAME + ".pid")
    try:
        lock.acquire()
    except Timeout:
        raise BusyError(f"{d}: {what} is in use by another textsynth process (pid {_holder(pid_path)}); "
                        "wait for it to finish or stop it") from None
    try:
        pid_path.write_text(f"{os.getpid()}\n", encoding="utf-8")
        yield d
    finally:
        pid_path.unlink(missing_ok=True)
        lock.release()


def locks_output_dir(what: str, check: Callable[[Path], None] | None = None) -> Callable[[F], F]:
    """Decorator for ``fn(config, ...)``: the call holds ``dir_lock(config.output_dir)``.

    ``check`` runs first, so a directory that will be refused gets no lock file written into it.
    """
    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def locked(config: Any, *args: Any, **kwargs: Any) -> Any:
            out = Path(config.output_dir)
            if check is not None:
                check(out)
            with dir_lock(out, what):
                return fn(config, *args, **kwargs)
        return locked  # type: ignore[return-value]
    return wrap


def _holder(pid_path: Path) -> str:
    try:
        return pid_path.read_text(encoding="utf-8").strip() or "unknown"
    except OSError:
        return "unknown"
