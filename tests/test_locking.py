"""Directory locks: a second owner fails at once naming the directory and pid; a killed holder frees the lock."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from textsynth.errors import BusyError
from textsynth.locking import dir_lock

HOLD = textwrap.dedent("""
    import sys, time
    from textsynth.locking import dir_lock
    with dir_lock(sys.argv[1], "run directory"):
        print("held", flush=True)
        time.sleep(120)
""")


@pytest.fixture()
def holder(tmp_path):
    """A subprocess holding the lock on tmp_path/run until killed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path / "run")], stdout=subprocess.PIPE, text=True,
                            env=env)
    assert proc.stdout.readline().strip() == "held"
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_second_owner_fails_at_once_naming_dir_and_pid(tmp_path, holder):
    with pytest.raises(BusyError) as err:
        with dir_lock(tmp_path / "run", "run directory"):
            pytest.fail("acquired a held lock")
    assert str(tmp_path / "run") in str(err.value) and f"pid {holder.pid}" in str(err.value)


def test_a_killed_holder_does_not_block_the_next_owner(tmp_path, holder):
    os.kill(holder.pid, signal.SIGKILL)  # no cleanup runs: the OS drops the flock
    holder.wait()
    with dir_lock(tmp_path / "run") as d:
        assert (d / ".textsynth.lock.pid").read_text().strip() == str(os.getpid())
    assert not (d / ".textsynth.lock.pid").exists()


def test_lock_is_released_on_exceptions(tmp_path):
    with pytest.raises(RuntimeError):
        with dir_lock(tmp_path):
            raise RuntimeError("stage failed")
    with dir_lock(tmp_path):
        pass


def test_finetune_locks_its_output_dir_even_when_called_as_a_library(tmp_path, holder, monkeypatch):
    import textsynth.models.finetune as ft
    from textsynth.config import FinetuneConfig
    from textsynth.records import Record

    monkeypatch.setattr(ft, "_load_base", lambda *a, **k: pytest.fail("training started"))
    with pytest.raises(BusyError, match=f"model directory is in use .*pid {holder.pid}"):
        ft.finetune(FinetuneConfig(output_dir=str(tmp_path / "run")), [Record("a", "a fine film", label="positive")])


def test_finetune_writes_no_lock_file_into_a_directory_it_refuses(tmp_path):
    from textsynth.config import FinetuneConfig
    from textsynth.errors import ConfigError
    from textsynth.models.finetune import finetune
    from textsynth.records import Record

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep")
    with pytest.raises(ConfigError, match="holds no textsynth model"):
        finetune(FinetuneConfig(output_dir=str(mine)), [Record("a", "a fine film", label="positive")])
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]
