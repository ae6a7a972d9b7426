"""Helpers of the io tests: input files written line by line, JSON rows, deep nesting, strict JSON."""
from __future__ import annotations

import json


def write_lines(path, lines: list[bytes]):
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def jrow(**kw) -> bytes:
    return json.dumps(kw).encode()


def csv_file(path, body: str):
    path.write_bytes(body.encode())
    return path


def rows_csv(n: int, start: int = 1) -> str:
    return "".join(f"{i},row number {i},pos\n" for i in range(start, start + n))


def deep(n: int) -> str:
    return "[" * n + "]" * n


def strict_json(line: str):
    def refuse(name):
        raise ValueError(f"non-JSON constant {name}")
    return json.loads(line, parse_constant=refuse)
