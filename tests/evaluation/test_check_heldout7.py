"""eval/heldout/check_heldout7.py: the seventh blind fr/de/es/it PII set passes set 5's checks with its own targets."""
from __future__ import annotations

from tests.eval_scripts import load_eval_script

checker5 = load_eval_script("heldout/check_heldout5")
checker7 = load_eval_script("heldout/check_heldout7")


def test_committed_set7_passes_and_meets_its_coverage_targets():
    errors, counts = checker5.check(checker7.SET7_PATH, checker7.SET7_TEXTS_PER_LANG, checker7.SET7_MINIMUMS)
    assert errors == []
    for lang in checker5.LANGS:
        assert counts[lang]["texts"] == 36
        for kind, need in checker7.SET7_MINIMUMS.items():
            assert counts[lang][kind] >= need


def test_minimums_are_applied_per_type():
    raised = checker7.SET7_MINIMUMS | {"IBAN_CODE": 50}
    errors, _ = checker5.check(checker7.SET7_PATH, checker7.SET7_TEXTS_PER_LANG, raised)
    assert {error.split(":")[0] for error in errors if "IBAN_CODE spans, target is at least 50" in error} == set(
        checker5.LANGS)


def test_main_checks_set7_by_default(capsys):
    assert checker5.main(["check"], default_path=checker7.SET7_PATH, texts_per_lang=36,
                         minimums=checker7.SET7_MINIMUMS) == 0
    assert "0 error(s)" in capsys.readouterr().out
