"""Build the list of *clue* characters: characters mojibake is made of and clean text seldom is.

The mojibake engine only looks at text that holds a clue, so this list decides how fast clean text
goes through and which damage can be found at all.

Method (facts only, no outside text beyond the model's own source):

1. Pseudo-sentences are drawn from jieba's word list (MIT; the same source as the Han model, see
   ``build_char_model.py``), their OpenCC ``s2t`` Traditional form, and generated Japanese (kana and
   common kanji) and Korean (KS X 1001 syllables) strings.
2. Every single-layer chain of :data:`cjkclean.mojibake.simulate.CHAINS` corrupts them; the
   characters of the results are counted.
3. A character is a clue when its share among mojibake characters is at least ``RATIO`` times its
   probability in clean text under the Han model (or the model's class cost outside Han).

Output: ``src/cjkclean/data/clues.txt``, one line of characters (sorted by code point), and
``src/cjkclean/data/strong_clues.txt``, the clues at least ``STRONG_RATIO`` times as common in
mojibake as in clean text (same format).
Run: ``python scripts/build_clues.py`` after ``build_char_model.py``.
"""

from __future__ import annotations

import collections
import pathlib
import random
import sys

import jieba
import opencc

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cjkclean.mojibake.model import (  # noqa: E402
    COMMON_SYMBOLS,
    _common_hangul,
    _tables,
    char_cost,
)
from cjkclean.mojibake.simulate import CHAINS, corrupt  # noqa: E402

RATIO = 20.0
STRONG_RATIO = 100.0
"""A *strong* clue is five times as telling: the engine searches a clue that stands alone in plain
text (a rare character in a name, ``记者肖璞``) only when it is strong (``涓`` of ``涓板勾`` =
丰年). Measured: the weakest clue that ever began such a repair of a word in clean text has a
ratio of 400; 2 in 3 lone clues of clean news text are weaker than 100."""
SAMPLES_PER_CHAIN = 1500
SEED = 1


# Characters scraped Chinese text uses as separators, rare in the word list: "江丨蘇丨創" in a
# letter-spaced promotion line, "新闻丨标题" in a heading.
_SEPARATORS = "丨"


def _clues_of(
    counts: collections.Counter[str], unigram: dict[str, float], ratio: float = RATIO
) -> list[str]:
    """The characters whose share of *counts* is *ratio* times their probability in clean text."""
    total = sum(counts.values())
    return sorted(
        c for c, n in counts.items() if n / total >= ratio * 10.0 ** unigram.get(c, char_cost(c))
    )


# Punctuation between words, at rough shares of running text (a comma every ten words, a full stop
# every twenty...): its mojibake (，→ 锛, 。→ 銆, “ → 鈥) is among the commonest of all, and the
# word list has none.
_PUNCTUATION = {"，": 0.10, "。": 0.05, "、": 0.02, "：": 0.01, "“": 0.01, "”": 0.01, "（": 0.005}
_PUNCTUATION.update({"）": 0.005, "《": 0.005, "》": 0.005, "；": 0.005, "！": 0.005, "？": 0.005})


def _punctuation_counts(words: list[str], weights: list[int]) -> collections.Counter[str]:
    """Mojibake characters of punctuated Simplified and Traditional text, UTF-8 and GBK/Big5."""
    rng = random.Random(SEED + 1)
    to_traditional = opencc.OpenCC("s2t")
    counts: collections.Counter[str] = collections.Counter()
    for _ in range(SAMPLES_PER_CHAIN):
        out = []
        for word in rng.choices(words, weights, k=rng.randint(1, 12)):
            out.append(word)
            roll = rng.random()
            for mark, share in _PUNCTUATION.items():
                if roll < share:
                    out.append(mark)
                    break
                roll -= share
        simplified = "".join(out)
        for chain in CHAINS:
            if len(chain) != 2:
                continue
            text = to_traditional.convert(simplified) if chain[0] == "big5" else simplified
            if chain[0] in ("shift_jis", "euc-jp", "euc-kr"):
                continue
            try:
                damaged = corrupt(text, chain)
            except UnicodeEncodeError:
                continue
            counts.update(c for c in damaged if ord(c) >= 0x80 and c != "\ufffd")
    return counts


def main() -> None:
    unigram, _ = _tables()
    rng = random.Random(SEED)
    words: list[str] = []
    weights: list[int] = []
    dict_path = pathlib.Path(jieba.__file__).parent / "dict.txt"
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split()
        if len(word) >= 2:
            words.append(word)
            weights.append(int(freq))
    simplified = [
        "".join(rng.choices(words, weights, k=rng.randint(1, 12))) for _ in range(SAMPLES_PER_CHAIN)
    ]
    to_traditional = opencc.OpenCC("s2t")
    traditional = [to_traditional.convert(s) for s in simplified]
    hangul = sorted(_common_hangul())
    korean = [
        " ".join(
            "".join(rng.choices(hangul, k=rng.randint(1, 4))) for _ in range(rng.randint(1, 6))
        )
        for _ in range(SAMPLES_PER_CHAIN)
    ]
    kana = [chr(c) for c in range(0x3041, 0x3094)] + [chr(c) for c in range(0x30A1, 0x30F7)]
    kanji = [c for c in unigram if len(c) == 1][:2000]
    japanese: list[str] = []
    while len(japanese) < SAMPLES_PER_CHAIN:
        text = "".join(
            rng.choice(kana) if rng.random() < 0.6 else rng.choice(kanji)
            for _ in range(rng.randint(2, 30))
        )
        try:
            text.encode("cp932")
            text.encode("euc_jp")
        except UnicodeEncodeError:
            continue
        japanese.append(text)
    sources = {
        "big5": traditional,
        "shift_jis": japanese,
        "euc-jp": japanese,
        "euc-kr": korean,
    }
    counts: collections.Counter[str] = collections.Counter()
    for chain in CHAINS:
        if len(chain) != 2:
            continue
        for text in sources.get(chain[0], simplified):
            try:
                damaged = corrupt(text, chain)
            except UnicodeEncodeError:
                continue
            counts.update(c for c in damaged if ord(c) >= 0x80 and c != "\ufffd")
    clues = _clues_of(counts, unigram)
    clues += _clues_of(_punctuation_counts(words, weights), unigram)
    # Full-width Latin letters and digits are common in older GB-encoded Chinese text.
    clues = [
        c
        for c in clues
        if not 0xFF01 <= ord(c) <= 0xFF5E
        and c not in COMMON_SYMBOLS
        and c not in _SEPARATORS
        and not c.isspace()
    ]
    clues.append("\ufffd")
    strong = set(_clues_of(counts, unigram, STRONG_RATIO))
    strong |= set(_clues_of(_punctuation_counts(words, weights), unigram, STRONG_RATIO))
    strong &= set(clues)
    out = ROOT / "src" / "cjkclean" / "data" / "clues.txt"
    out.write_text(
        "# Generated by scripts/build_clues.py (jieba MIT + OpenCC Apache-2.0 + codec tables). "
        "Do not edit.\n" + "".join(sorted(set(clues))) + "\n",
        encoding="utf-8",
    )
    print(f"{len(clues)} clue characters written to {out}")
    out = ROOT / "src" / "cjkclean" / "data" / "strong_clues.txt"
    out.write_text(
        "# Generated by scripts/build_clues.py (jieba MIT + OpenCC Apache-2.0 + codec tables). "
        f"Do not edit. Clues at least {STRONG_RATIO:g} times as common in mojibake.\n"
        + "".join(sorted(strong))
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(strong)} strong clue characters written to {out}")


if __name__ == "__main__":
    main()
