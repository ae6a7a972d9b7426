"""eval/bench_scale.py --engine ray hands its other options to eval/bench_scale_ray.py (local vs Ray side by side)."""
from __future__ import annotations

import runpy
import sys

import pytest

from tests.eval_scripts import load_eval_script


def test_engine_ray_runs_the_ray_comparison_with_the_other_options(monkeypatch):
    bench = load_eval_script("bench_scale")
    ran = []
    monkeypatch.setattr(runpy, "run_path", lambda path, run_name: ran.append((path, list(sys.argv), run_name)))
    monkeypatch.setattr(sys, "argv", ["bench_scale.py", "--engine", "ray", "--n-scrub", "500", "--n-gen", "8"])
    bench.main()
    assert len(ran) == 1 and ran[0][0].endswith("eval/bench_scale_ray.py") and ran[0][2] == "__main__"
    assert ran[0][1][1:] == ["--n-scrub", "500", "--n-gen", "8"]


def test_an_unknown_option_of_the_local_benchmark_is_an_error(monkeypatch):
    bench = load_eval_script("bench_scale")
    monkeypatch.setattr(sys, "argv", ["bench_scale.py", "--n-scrub", "500"])
    with pytest.raises(SystemExit) as err:
        bench.main()
    assert err.value.code == 2
