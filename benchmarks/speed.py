"""Mojibake repair speed: cjkclean against ftfy, in the same process run.

Texts (from ``evaldata``, real Chinese news and reviews):

* *clean*: 20,000 lines of People's Daily and reviews;
* *1 bad in 20*: the same lines with every 20th line damaged (UTF-8 read as GBK, or GBK read as
  Windows-1252, alternately).

Each tool runs over the whole text (one string) and line by line; the best of ``--repeat`` runs of
CPU time is reported as MB/s of UTF-8 input; cjkclean's caches of what it read are cleared
before every run. Run: ``python benchmarks/speed.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable

import ftfy

import evaldata
from cjkclean.mojibake import clear_caches, fix_mojibake
from cjkclean.mojibake.simulate import corrupt


def best_time(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        clear_caches()  # every run starts cold, as on text never seen before
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    lines = evaldata.simplified_lines()[: args.lines]
    damaged = []
    for index, line in enumerate(lines):
        if index % 20 == 19:
            chain = ["utf-8", "gbk"] if index % 40 == 19 else ["gbk", "windows-1252"]
            with contextlib.suppress(UnicodeEncodeError):
                line = corrupt(line, chain)
        damaged.append(line)
    fix_mojibake("鍙戝竷")  # load the model outside the timing, as a long-running process would
    texts = {"clean": "\n".join(lines), "1 bad in 20": "\n".join(damaged)}
    tools: dict[str, Callable[[str], str]] = {
        "cjkclean.fix_mojibake": fix_mojibake,
        "ftfy.fix_encoding": ftfy.fix_encoding,
        "ftfy.fix_text": ftfy.fix_text,
    }
    print(
        f"# Mojibake speed ({time.strftime('%Y-%m-%d')}, {args.lines} lines, best of "
        f"{args.repeat}, CPU time)\n"
    )
    print("| tool | " + " | ".join(f"{name} (MB/s)" for name in texts) + " |")
    print("|---|" + "---|" * len(texts))
    results: dict[tuple[str, str], float] = {}
    for tool_name, tool in tools.items():
        cells = []
        for text_name, text in texts.items():
            size = len(text.encode("utf-8")) / 1e6
            seconds = best_time(lambda tool=tool, text=text: tool(text), args.repeat)
            results[(tool_name, text_name)] = size / seconds
            cells.append(f"{size / seconds:.1f}")
        print(f"| {tool_name} | " + " | ".join(cells) + " |")
    ours = results[("cjkclean.fix_mojibake", "clean")]
    print(
        f"\nfix_mojibake on clean text: {ours / results[('ftfy.fix_encoding', 'clean')]:.1f}x "
        "ftfy.fix_encoding (target >= 5x)"
    )
    mixed = results[("cjkclean.fix_mojibake", "1 bad in 20")]
    print(
        f"fix_mojibake on 1 bad line in 20: {mixed / results[('ftfy.fix_text', 'clean')]:.1f}x "
        "ftfy.fix_text on clean text (target >= 1x)"
    )


if __name__ == "__main__":
    main()
