"""eval/heldout/check_heldout9.py: the ninth blind fr/de/es/it PII set passes set 5's checks with its own targets."""
from __future__ import annotations

import json

from tests.eval_scripts import load_eval_script

checker5 = load_eval_script("heldout/check_heldout5")
checker9 = load_eval_script("heldout/check_heldout9")


def test_committed_set9_passes_and_meets_its_coverage_targets():
    errors, counts = checker5.check(checker9.SET9_PATH, checker9.SET9_TEXTS_PER_LANG, checker9.SET9_MINIMUMS)
    assert errors == []
    for lang in checker5.LANGS:
        assert counts[lang]["texts"] == 40
        assert all(counts[lang][kind] >= need for kind, need in checker9.SET9_MINIMUMS.items())


def test_a_national_id_with_a_wrong_check_digit_is_reported(tmp_path):
    rows = [json.loads(line) for line in checker9.SET9_PATH.read_text(encoding="utf-8").splitlines()]
    row = next(row for row in rows if row["lang"] == "it" and any(k == "NATIONAL_ID" for k, _ in row["pii"]))
    kind_span = next(pair for pair in row["pii"] if pair[0] == "NATIONAL_ID")
    broken = kind_span[1][:-1] + ("A" if kind_span[1][-1] != "A" else "B")
    row["text"] = row["text"].replace(kind_span[1], broken)
    kind_span[1] = broken
    path = tmp_path / "set9.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    errors, _ = checker5.check(path, checker9.SET9_TEXTS_PER_LANG, checker9.SET9_MINIMUMS)
    assert any(f"({row['id']})" in error and "national id fails stdnum" in error for error in errors)


def test_main_checks_set9_by_default(capsys):
    assert checker5.main(["check"], default_path=checker9.SET9_PATH, texts_per_lang=40,
                         minimums=checker9.SET9_MINIMUMS) == 0
    assert "0 error(s)" in capsys.readouterr().out
