"""eval/heldout/check_heldout6.py: the sixth blind fr/de/es/it PII set passes set 5's checks at 30 texts a language."""
from __future__ import annotations

from tests.eval_scripts import load_eval_script

checker5 = load_eval_script("heldout/check_heldout5")
checker6 = load_eval_script("heldout/check_heldout6")


def test_committed_set6_passes_and_meets_coverage_targets():
    errors, counts = checker5.check(checker6.SET6_PATH, checker6.SET6_TEXTS_PER_LANG)
    assert errors == []
    for lang in checker5.LANGS:
        assert counts[lang]["texts"] == 30
        assert counts[lang]["PERSON"] >= checker5.MIN_PERSON


def test_text_count_follows_the_sets_size():
    errors, _ = checker5.check(checker6.SET6_PATH, 40)
    assert any("30 texts, expected 40" in error for error in errors)


def test_main_checks_set6_by_default(capsys):
    assert checker5.main(["check"], default_path=checker6.SET6_PATH, texts_per_lang=30) == 0
    assert "0 error(s)" in capsys.readouterr().out
