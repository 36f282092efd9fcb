"""The mojibake search's bounds: the work budget, the allowance for fruitless search and the
session that ``clean()`` runs its passes in.

Text that looks damaged everywhere (random rare characters of GBK's Han rows, as a wrong GBK
decode of random bytes makes) must not cost a full search per window, and real damage after it
must still be repaired.
"""

from __future__ import annotations

import contextlib
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chinese_text import chinese
from cjkclean import clean, fix_mojibake
from cjkclean.mojibake import engine, search_session
from cjkclean.mojibake.simulate import corrupt


def _random_gbk_han(count: int, seed: int) -> str:
    """*count* random characters of GBK's level-1/2 Han rows."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < count:
        pair = bytes([rng.randint(0xB0, 0xF7), rng.randint(0xA1, 0xFE)])
        try:
            out.append(pair.decode("gbk"))
        except UnicodeDecodeError:
            continue
    return "".join(out)


def _hostile_lines(lines: int, seed: int = 7) -> str:
    text = _random_gbk_han(80 * lines, seed)
    return "\n".join(text[i : i + 80] for i in range(0, len(text), 80))


def test_fruitless_allowance_runs_out_on_hostile_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random rare characters exhaust the allowance for fruitless search, and the windows after
    that get the short search."""
    reads: list[int] = []
    original = engine._quick_repair

    def counting(region: str, clue: re.Pattern[str]) -> engine._Repair | None:
        reads.append(len(region))
        return original(region, clue)

    monkeypatch.setattr(engine, "_quick_repair", counting)
    monkeypatch.setattr(engine, "FRUITLESS_BASE", 2_000)
    fix_mojibake(_hostile_lines(200))
    assert len(reads) > 50, "the short search was never used: the allowance did not run out"


def test_real_damage_after_hostile_text_is_still_repaired(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine, "FRUITLESS_BASE", 2_000)
    damaged = corrupt("国务院新闻办公室今天发布了白皮书", ["utf-8", "gbk"])
    text = _hostile_lines(200) + "\n" + damaged + "\n"
    fixed = fix_mojibake(text)
    assert fixed.endswith("\n国务院新闻办公室今天发布了白皮书\n")
    # Short damage (two characters) in the short search, too.
    text = _hostile_lines(200) + "\n文件" + corrupt("发布", ["utf-8", "gbk"]) + "了\n"
    assert fix_mojibake(text).endswith("\n文件发布了\n")


@settings(max_examples=25, deadline=None)
@given(st.lists(chinese(2, 12), min_size=2, max_size=4), st.sampled_from(["gbk", "big5"]))
def test_a_session_gives_each_call_its_own_result(sentences: list[str], wrong: str) -> None:
    """Inside one session, short texts (far under every budget) are repaired exactly as they
    are alone: the memory of fruitless windows only skips work whose result it knows."""
    texts = []
    for index, sentence in enumerate(sentences):
        if index % 2:
            with contextlib.suppress(UnicodeEncodeError):
                sentence = corrupt(sentence, ["utf-8", wrong])
        texts.append(sentence + " 琨 " + sentence)
    alone = [fix_mojibake(text) for text in texts]
    with search_session():
        together = [fix_mojibake(text) for text in texts + texts]
    assert together == alone + alone


def test_clean_is_idempotent_on_hostile_text() -> None:
    text = _hostile_lines(30, seed=11)
    once = clean(text)
    assert clean(once) == once
