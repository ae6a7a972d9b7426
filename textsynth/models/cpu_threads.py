"""How many intra-op threads CPU generation and training use: the cores this process may use that others leave free.

On a shared CPU, OpenMP threads that wait on busy cores spin, and 2 threads can run 10x slower than 1; on an idle
one, every core counts (2 threads: 1.5x the kept documents per second of 1 on the demo, eval/bench_pipeline.py).
"""
from __future__ import annotations

import logging
import os
import time

log = logging.getLogger(__name__)

SAMPLE_S = 0.2  # how long the other processes' CPU use is watched before choosing


def usable_cores() -> list[int]:
    """The CPUs this process may run on."""
    try:
        return sorted(os.sched_getaffinity(0))
    except AttributeError:
        return list(range(os.cpu_count() or 1))


def busy_cores_elsewhere(cores: list[int], window: float = SAMPLE_S) -> float:
    """Cores that OTHER processes kept busy on ``cores`` over ``window`` seconds.

    /proc/stat's busy time on those CPUs minus this process's own CPU time over the same window. The 1-minute
    load average used before counted this process's own earlier work (e.g. the scrub stage of the same run), so
    a lone run on an idle 2-core machine got 1 thread. Elsewhere (no /proc) the load average stands in.
    """
    def sample() -> tuple[float, float]:
        busy = 0
        with open("/proc/stat", encoding="ascii") as fh:
            for line in fh:
                name, *fields = line.split()
                if name.startswith("cpu") and name[3:].isdigit() and int(name[3:]) in cores:
                    ticks = [int(x) for x in fields[:8]]  # user nice system idle iowait irq softirq steal
                    busy += sum(ticks) - ticks[3] - ticks[4]
        own = os.times()
        return busy / os.sysconf("SC_CLK_TCK"), own.user + own.system

    try:
        busy0, own0 = sample()
        time.sleep(window)
        busy1, own1 = sample()
    except (OSError, ValueError, IndexError):
        try:
            return os.getloadavg()[0]
        except (AttributeError, OSError):
            return 0.0
    return max(0.0, (busy1 - busy0) - (own1 - own0)) / window


def set_cpu_threads() -> int:
    """Set torch's intra-op thread count for CPU work to the usable cores other processes leave free; return it.

    ``TEXTSYNTH_THREADS`` or ``OMP_NUM_THREADS`` override the choice.
    """
    import torch

    explicit = os.environ.get("TEXTSYNTH_THREADS") or os.environ.get("OMP_NUM_THREADS")
    if explicit:
        n = max(1, int(explicit))
    else:
        cores = usable_cores()
        n = max(1, min(len(cores), int(len(cores) - busy_cores_elsewhere(cores) + 0.5)))
    torch.set_num_threads(n)
    log.info("generating with %d CPU threads", n)
    return n
