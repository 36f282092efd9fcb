"""Lost bytes are only searched where UTF-8 can have lost them, and runs far apart are filled apart.

``_fill_utf8`` guesses the bytes behind each run of loss marks. Two shortcuts keep it cheap on
whole damaged articles: a run whose neighbours are not valid UTF-8 on either side is not searched
(``_bar_implausible_runs``: bytes lost from valid UTF-8 leave valid UTF-8 around them), and runs
farther apart than the context a fill is judged with are chosen independently (``_fill_group``,
cached). These tests hold the first shortcut to its promise on generated and real text, and check
that the fills still restore common words.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from chinese_text import chinese
from cjkclean.mojibake.codecs import _bar_implausible_runs, _encode_char, _fill_utf8

PAGES = Path(__file__).resolve().parent.parent / "corpora" / "pages"


def _chunked(data: bytes, cuts: list[int]) -> list[bytes | None]:
    """*data* cut into chunks of one to three bytes (the sizes *cuts* gives, in turn)."""
    chunks: list[bytes | None] = []
    position = 0
    for size in cuts * (len(data) // max(1, min(cuts)) + 1):
        if position >= len(data):
            break
        chunks.append(data[position : position + size])
        position += size
    return chunks


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    text=st.one_of(chinese(2, 12), st.text(min_size=4, max_size=40)),
    data=st.data(),
)
def test_bytes_lost_from_valid_utf8_are_always_searched(text: str, data: st.DataObject) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    if any(0xD800 <= ord(char) <= 0xDFFF for char in text) or len(raw) < 4:
        return
    start = data.draw(st.integers(0, len(raw) - 1), label="start")
    lost = data.draw(st.integers(1, min(3, len(raw) - start)), label="lost")
    cuts = data.draw(st.lists(st.integers(1, 3), min_size=1, max_size=4), label="cuts")
    chunks = [
        *_chunked(raw[:start], cuts),
        *[None] * lost,
        *_chunked(raw[start + lost :], cuts),
    ]
    assert _bar_implausible_runs(chunks) == chunks


def _gbk_chunks(line: str) -> list[bytes | None]:
    """*line* as UTF-8 read by Python's GBK decoder with lost bytes marked, back as the chunks a
    ``utf-8>gbk`` layer sees: each character's GBK bytes, None for each mark."""
    damaged = line.encode("utf-8").decode("gbk", "replace")
    chunks: list[bytes | None] = []
    for char in damaged:
        if char == "\ufffd":
            chunks.append(None)
            continue
        got = _encode_char("gbk", char)
        assert got is not None
        chunks.append(bytes(got))
    return chunks


def test_real_lines_read_as_gbk_keep_every_run_of_marks() -> None:
    lines = [
        line.strip()
        for path in sorted(PAGES.glob("*.txt"))[:40]
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) >= 8
    ]
    damaged = 0
    for line in lines:
        chunks = _gbk_chunks(line)
        if None not in chunks:
            continue
        damaged += 1
        assert _bar_implausible_runs(chunks) == chunks, line
    assert damaged > 500  # the check ran on real damage, not on a handful of lines


def test_a_wrong_code_page_around_the_marks_is_not_searched() -> None:
    # 中文 as GBK bytes (D6 D0 CE C4) on both sides of a mark: invalid UTF-8 both ways.
    chunks: list[bytes | None] = [b"\xd6\xd0", b"\xce\xc4", None, b"\xd6\xd0", b"\xce\xc4"]
    assert _bar_implausible_runs(chunks)[2] == b"\xff"
    # Clean text before a stretch whose first lead byte was lost (发布 = E5 8F 91 E5 B8 83):
    # the continuation bytes after the mark still call for a search.
    chunks = [b"\xd6\xd0", b"\xce\xc4", None, b"\x8f\x91", b"\xe5\xb8", b"\x83"]
    assert _bar_implausible_runs(chunks)[2] is None


def test_runs_far_apart_are_each_restored() -> None:
    # 本报记者 ... 新华社 with one continuation byte lost in 本 and one in 社, 40 bytes apart.
    text = "本报记者李明" + "，" * 10 + "新华社北京"
    raw = text.encode()
    first = raw.index("本".encode()) + 2
    second = raw.index("社".encode()) + 2
    chunks: list[bytes | None] = [
        *_chunked(raw[:first], [2]),
        None,
        *_chunked(raw[first + 1 : second], [2]),
        None,
        *_chunked(raw[second + 1 :], [2]),
    ]
    filled = _fill_utf8(chunks)
    assert filled is not None
    assert b"".join(filled).decode("utf-8") == text
