"""The package stays readable: no module over 400 lines, no function over 60 (issue 14's limits).

A guard, so a later change that grows a module or a function past the limit fails here and is split along its
steps instead. Tables of data are module-level constants, not functions, so they do not count against the
function limit; a data module that must grow past 400 lines goes in DATA_MODULES with a reason.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "textsynth"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
DATA_MODULES: dict[str, str] = {}  # relative path -> why it may exceed MAX_MODULE_LINES



def long_modules(root: Path = PACKAGE) -> list[str]:
    """Modules under ``root`` longer than MAX_MODULE_LINES, as 'path: lines'."""
    out = []
    for path in sorted(root.rglob("*.py")):
        rel = str(path.relative_to(root))
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > MAX_MODULE_LINES and rel not in DATA_MODULES:
            out.append(f"{rel}: {n}")
    return out


def long_functions(root: Path = PACKAGE) -> list[str]:
    """Functions and methods under ``root`` longer than MAX_FUNCTION_LINES, as 'path:line name: lines'."""
    out = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    out.append(f"{path.relative_to(root)}:{node.lineno} {node.name}: {n}")
    return out


def test_no_module_over_the_limit():
    assert long_modules() == []


def test_no_function_over_the_limit():
    assert long_functions() == []


def test_the_guards_catch_a_long_module_and_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (tmp_path / "big.py").write_text("def grown():\n" + body + "\n" + "\n" * MAX_MODULE_LINES)
    assert long_functions(tmp_path) == [f"big.py:1 grown: {MAX_FUNCTION_LINES + 1}"]
    assert long_modules(tmp_path) == [f"big.py: {MAX_FUNCTION_LINES + 1 + MAX_MODULE_LINES}"]
