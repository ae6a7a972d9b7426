"""The public API: every name in textsynth.__all__ is the declared function or class, on every access."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import types

import textsynth


def _check_public_names() -> None:
    for name in textsynth.__all__:
        first, second = getattr(textsynth, name), getattr(textsynth, name)
        assert first is second, name
        assert not isinstance(first, types.ModuleType), f"textsynth.{name} is a module"
        assert inspect.isfunction(first) or inspect.isclass(first), name
        assert first.__name__ == name, name


def test_public_names_are_the_declared_objects_before_and_after_importing_every_submodule():
    _check_public_names()
    for mod in pkgutil.walk_packages(textsynth.__path__, "textsynth."):
        importlib.import_module(mod.name)  # sets textsynth.<submodule> attributes on the package
    _check_public_names()
    assert callable(textsynth.export) and textsynth.export.__module__ == "textsynth.exporting"


def test_dir_lists_the_public_api_without_importing_it():
    import subprocess
    import sys

    code = ("import sys, textsynth; names = dir(textsynth); "
            "print(all(n in names for n in textsynth.__all__), 'torch' in sys.modules, 'textsynth.pipeline' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False", "False"]  # listed, and still lazy


def test_the_package_is_typed():
    from importlib.resources import files

    assert files("textsynth").joinpath("py.typed").is_file()
