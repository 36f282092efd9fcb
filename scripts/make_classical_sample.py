"""Write ``corpora/classical/lines.txt``: clean classical Chinese for evaluation only.

Source: the chinese-poetry collection, https://github.com/chinese-poetry/chinese-poetry (MIT
licence; the poems themselves are centuries old and in the public domain): 全唐诗 (Tang poems,
Traditional characters, two files), 宋诗 (Song poems, one file), 诗经 (Book of Songs) and 论语
(Analects), Simplified. Every ``STEP``-th line (one line of a poem, or a paragraph of the
Analects) is kept, in order.

Classical Chinese is dense in characters that modern text seldom uses, which the mojibake repair
must not take for damage. Nothing here is used to build a model; the file is evaluation data
(``benchmarks/mojibake_accuracy.py``, ``tests/test_mojibake.py``).

Run: ``python scripts/make_classical_sample.py <path of a checkout of chinese-poetry>``.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
from typing import Any

FILES = [
    "全唐诗/poet.tang.0.json",
    "全唐诗/poet.tang.10000.json",
    "全唐诗/poet.song.0.json",
    "诗经/shijing.json",
    "论语/lunyu.json",
]
STEP = 2
OUT = pathlib.Path(__file__).resolve().parent.parent / "corpora" / "classical" / "lines.txt"


def paragraphs(entries: list[dict[str, Any]]) -> list[str]:
    """The lines of every poem (``paragraphs``, or ``content`` in the Book of Songs)."""
    out: list[str] = []
    for entry in entries:
        out.extend(entry.get("paragraphs") or entry.get("content") or [])
    return out


def main(checkout: str) -> None:
    out: list[str] = []
    for path in FILES:
        raw = subprocess.run(
            ["git", "-C", checkout, "show", f"HEAD:{path}"], capture_output=True, check=True
        ).stdout
        lines = [line.strip() for line in paragraphs(json.loads(raw)) if line.strip()]
        kept = lines[::STEP]
        out.append(f"# chinese-poetry {path}: {len(kept)} of {len(lines)} lines")
        out.extend(kept)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({sum(1 for line in out if not line.startswith('#'))} lines)")


if __name__ == "__main__":
    main(sys.argv[1])
