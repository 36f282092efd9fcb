"""Write ``corpora/aozora/sentences.txt``: clean Japanese sentences for evaluation only.

Source: five works of authors who died before 1950, as published by Aozora Bunko (青空文庫,
https://www.aozora.gr.jp/, public domain), taken from the text mirror
https://github.com/aozorahack/aozorabunko_text (Shift_JIS files, one per work). The Aozora Bunko
header (title, author, notes on markup) and footer (底本, 入力, 校正) are dropped; each paragraph
is cut into sentences at ``。``, and every ``STEP``-th sentence of at least ``MIN_LENGTH``
characters is kept, in order. Aozora markup (ruby ``《》``, ``｜``, ``［＃…］``) is kept as it is:
it is clean text too.

Nothing here is used to build a model; the file is evaluation data for false positives
(``benchmarks/mojibake_accuracy.py``, ``tests/test_mojibake.py``).

Run: ``python scripts/make_aozora_sample.py <path of a checkout of aozorabunko_text>``.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys

WORKS = {
    "cards/000879/files/31_ruby_584/31_ruby_584.txt": "芥川龍之介『偸盗』 (d. 1927)",
    "cards/000081/files/1058_ruby_4709/1058_ruby_4709.txt": "宮沢賢治『春と修羅』 (d. 1933)",
    "cards/000035/files/2255_ruby_5624/2255_ruby_5624.txt": "太宰治『右大臣実朝』 (d. 1948)",
    "cards/000129/files/2058_ruby_19627/2058_ruby_19627.txt": "森鴎外『渋江抽斎』 (d. 1922)",
    "cards/000148/files/789_ruby_5639/789_ruby_5639.txt": "夏目漱石『吾輩は猫である』 (d. 1916)",
}
STEP = 6
MIN_LENGTH = 8
OUT = pathlib.Path(__file__).resolve().parent.parent / "corpora" / "aozora" / "sentences.txt"


def body(text: str) -> list[str]:
    """The paragraphs of an Aozora Bunko text file, without its header and footer."""
    lines = text.replace("\r\n", "\n").split("\n")
    rules = [i for i, line in enumerate(lines) if line.startswith("-----")]
    start = rules[1] + 1 if len(rules) >= 2 else 2
    end = next((i for i, line in enumerate(lines) if line.startswith("底本")), len(lines))
    return [line for line in lines[start:end] if line.strip()]


def main(checkout: str) -> None:
    out: list[str] = []
    for path, work in WORKS.items():
        raw = subprocess.run(
            ["git", "-C", checkout, "show", f"HEAD:{path}"], capture_output=True, check=True
        ).stdout
        sentences = [
            s.strip() + "。"
            for paragraph in body(raw.decode("cp932"))
            for s in paragraph.split("。")
            if len(s.strip()) >= MIN_LENGTH
        ]
        kept = sentences[::STEP]
        out.append(f"# {work}: {path}, {len(kept)} of {len(sentences)} sentences")
        out.extend(kept)
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({sum(1 for line in out if not line.startswith('#'))} sentences)")


if __name__ == "__main__":
    main(sys.argv[1])
