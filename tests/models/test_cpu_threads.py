"""The CPU thread choice: the usable cores other processes leave free, not counting this process's own work."""
from __future__ import annotations

import io
import os

import pytest
import torch

from textsynth.models import cpu_threads

HZ = os.sysconf("SC_CLK_TCK")


def _fake_proc(monkeypatch, stats: list[dict[int, int]], own: list[float]):
    """/proc/stat readings (busy ticks per CPU) and os.times readings (own CPU seconds), in call order."""
    reads, times = iter(stats), iter(own)

    def fake_open(path, *a, **k):
        assert path == "/proc/stat"
        busy = next(reads)
        lines = ["cpu  0 0 0 0 0 0 0 0 0 0\n"] + [f"cpu{c} {b} 0 0 {10**6} 7 0 0 0 0 0\n" for c, b in busy.items()]
        return io.StringIO("".join(lines))

    monkeypatch.setattr(cpu_threads, "open", fake_open, raising=False)
    monkeypatch.setattr(cpu_threads.os, "times", lambda: os.times_result((next(times), 0.0, 0.0, 0.0, 0.0)))
    monkeypatch.setattr(cpu_threads.time, "sleep", lambda s: None)


def test_own_cpu_time_is_not_counted_as_others_load(monkeypatch):
    _fake_proc(monkeypatch, [{0: 0, 1: 0}, {0: int(0.2 * HZ), 1: int(0.2 * HZ)}], [5.0, 5.2])
    # both cores fully busy for the 0.2 s window, 0.2 CPU s of it this process's: one core busy elsewhere
    assert cpu_threads.busy_cores_elsewhere([0, 1], window=0.2) == pytest.approx(1.0, abs=0.05)


def test_only_the_usable_cores_are_read(monkeypatch):
    _fake_proc(monkeypatch, [{0: 0, 1: 0, 2: 0}, {0: 0, 1: 0, 2: int(0.2 * HZ)}], [1.0, 1.0])
    assert cpu_threads.busy_cores_elsewhere([0, 1], window=0.2) == 0.0  # cpu2 is not ours


@pytest.mark.parametrize("busy, expected", [(0.0, 2), (0.4, 2), (0.6, 1), (1.9, 1), (7.0, 1)])
def test_threads_are_the_cores_others_leave_free(monkeypatch, busy, expected):
    before = torch.get_num_threads()
    monkeypatch.delenv("TEXTSYNTH_THREADS", raising=False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(cpu_threads, "usable_cores", lambda: [0, 1])
    monkeypatch.setattr(cpu_threads, "busy_cores_elsewhere", lambda cores: busy)
    try:
        assert cpu_threads.set_cpu_threads() == expected == torch.get_num_threads()
    finally:
        torch.set_num_threads(before)


def test_an_explicit_thread_count_wins(monkeypatch):
    before = torch.get_num_threads()
    monkeypatch.setenv("TEXTSYNTH_THREADS", "3")
    monkeypatch.setattr(cpu_threads, "busy_cores_elsewhere", lambda cores: pytest.fail("measured despite override"))
    try:
        assert cpu_threads.set_cpu_threads() == 3
    finally:
        torch.set_num_threads(before)
