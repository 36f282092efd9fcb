"""The default pipeline reproduces the reviewed golden outputs of the seed articles."""

from __future__ import annotations

import pathlib

import pytest

import cjkclean
from cjkclean.pipeline import replay

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "corpora" / "seeds"
NAMES = sorted(path.name for path in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("name", NAMES)
def test_seed_matches_golden(name: str) -> None:
    original = (SEEDS / name).read_text(encoding="utf-8")
    expected = (SEEDS / "expected" / name).read_text(encoding="utf-8")
    cleaned, plan = cjkclean.clean_and_explain(original)
    assert cleaned == expected
    assert replay(original, plan) == expected
    assert cjkclean.clean(cleaned) == cleaned  # a second run changes nothing


def test_golden_files_show_the_repairs() -> None:
    """Spot checks that the golden files hold what DESIGN.md says the seeds need."""
    seed_000 = (SEEDS / "expected" / NAMES[0]).read_text(encoding="utf-8")
    assert "科创企业" in seed_000 and "(chuàng)" not in seed_000  # pinyin notes, script
    assert "打开网易新闻" not in seed_000 and "查看精彩图片" not in seed_000  # placeholders
    assert "4月23日至24日，江苏" in seed_000  # full-width punctuation restored
    seed_003 = (SEEDS / "expected" / NAMES[3]).read_text(encoding="utf-8")
    assert "“五拼五比晒五榜”" in seed_003 and "2月19日" in seed_003
    seed_004 = (SEEDS / "expected" / NAMES[4]).read_text(encoding="utf-8")
    assert "蜘蛛池" not in seed_004
