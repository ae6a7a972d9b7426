"""eval/heldout/check_heldout5.py: the blind fr/de/es/it PII set passes its checks; the checker catches bad rows."""
from __future__ import annotations

import json
from pathlib import Path

from tests.eval_scripts import load_eval_script

checker = load_eval_script("heldout/check_heldout5")


def test_committed_set_passes_and_meets_coverage_targets():
    errors, counts = checker.check(checker.DEFAULT_PATH)
    assert errors == []
    for lang in checker.LANGS:
        assert counts[lang]["texts"] == checker.TEXTS_PER_LANG
        assert counts[lang]["PERSON"] >= checker.MIN_PERSON


def test_bad_spans_are_reported_without_their_text(tmp_path: Path):
    row = {"id": "fr-x01", "lang": "fr", "style": "sms", "text": "Yvette au 06 12 34 56, NIR 1 84 12 75 114 023 00",
           "pii": [["PERSON", "Yvonne"], ["PHONE_NUMBER", "06 12 34 56"], ["NATIONAL_ID", "1 84 12 75 114 023 00"],
                   ["PERSON", "Yvette"], ["PERSON", "Yvette"]]}
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    errors, _ = checker.check(path)
    row_errors = [e for e in errors if "fr-x01" in e]
    assert any("pii[0]" in e and "not a substring" in e for e in row_errors)
    assert any("pii[1]" in e and "phone" in e for e in row_errors)
    assert any("pii[2]" in e and "stdnum" in e for e in row_errors)
    assert any("twice" in e for e in row_errors)
    assert not any(secret in e for e in errors for secret in ("Yvonne", "Yvette", "06 12", "114 023"))
