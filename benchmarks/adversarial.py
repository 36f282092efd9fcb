"""Cost of adversarial input: time per MB of ``clean()`` and ``fix_mojibake()`` against clean text.

Every *kind* of hostile input is built in two shapes, one single line and lines of 80 characters,
and timed on growing sizes (16 KB, doubling) up to ``--mb`` (``--single-line-mb`` for the long
line of ordinary text) or until one run takes more than ``--budget`` seconds of CPU time. The
table gives, per kind, the worst shape: its throughput at the largest size reached, the slowdown
against clean Chinese text (the seeds' golden outputs, same function, target ≤ 10×) and the
*growth*: time of the last size / time of the size before / 2 (1.0 is linear, 2.0 quadratic).

Run: ``python benchmarks/adversarial.py`` (``--mb 1 --single-line-mb 10`` for the issue's sizes;
``--kinds "nested HTML,ASCII bar U+007C"`` for a few). CPU time (``time.process_time``), best
of ``--repeat``.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

from cjkclean import clean, fix_mojibake

ROOT = Path(__file__).resolve().parent.parent
CLEAN_TEXT = "".join(
    p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora/seeds/expected").glob("*.txt"))
)
KB = 1 << 10
MB = 1 << 20


def _repeat(unit: str) -> Callable[[int], str]:
    """A text of about ``size`` UTF-8 bytes made of ``unit`` repeated."""

    def make(size: int) -> str:
        return unit * (size // len(unit.encode()) + 1)

    return make


def _clean_text(size: int) -> str:
    return CLEAN_TEXT * (size // len(CLEAN_TEXT.encode()) + 1)


def _gbk_han(size: int) -> str:
    """Random characters of GBK's level-1/2 Han rows: what a wrong GBK decode looks like."""
    rng = random.Random(size)
    out: list[str] = []
    while len(out) * 3 < size:
        pair = bytes([rng.randint(0xB0, 0xF7), rng.randint(0xA1, 0xFE)])
        try:
            out.append(pair.decode("gbk"))
        except UnicodeDecodeError:
            continue
    return "".join(out)


def _nested_html(size: int) -> str:
    depth = size // 11
    return "<div>" * depth + "正文" + "</div>" * depth


KINDS: dict[str, Callable[[int], str]] = {
    "clean text": _clean_text,
    "ASCII bar U+007C": _repeat("|"),
    "丨 (U+4E28)": _repeat("丨"),
    "unmatched (": _repeat("("),
    "mojibake 鍙戝竷 repeated": _repeat("鍙戝竷"),
    # Not hostile, but the costliest real damage: every line of an article read as GBK with the
    # undecodable bytes lost (U+FFFD), so each line's lost bytes are guessed.
    "seeds as UTF-8 read as GBK, lossy": lambda size: (
        _clean_text(size).encode("utf-8").decode("gbk", "replace")
    ),
    "random GBK-range Han": _gbk_han,
    "alternating 这這": _repeat("这這"),
    "alternating 中aあ한": _repeat("中aあ한"),
    "U+FFFD": _repeat("\ufffd"),
    "? after Han": _repeat("中?"),
    "nested HTML": _nested_html,
    "unclosed tags <a href=": _repeat('<a href="'),
    "one-letter tags <b>": _repeat("<b>中"),
    # Runs that once cost quadratic time (each kind opens with Chinese so every stage looks).
    "run of spaces": lambda size: "中文" + " " * size + "x",
    "run of ! before ?": lambda size: "中文" + "!" * size + "?",
    "tabs before ![": lambda size: "中文" + "\t" * size + "![",
    "unclosed <!--": lambda size: "中文" + "<!--" * (size // 4),
    "letters before @,": lambda size: "中文," + "a" * size + "@,中文",
    "run of [ before ]]": lambda size: "中文," + "[" * size + "]](x)",
    "[a]( repeated": lambda size: "中文," + "[a](" * (size // 4) + ",中文",
    "nested brackets (中)": lambda size: "(" * (size // 2) + "中" + ")" * (size // 2),
    'quoted "中" repeated': _repeat('说"中"'),
    # One step (or one report) per mark: real work, not a scan.
    "! and space repeated": lambda size: "中" + "! " * (size // 2),
    "??, repeated": lambda size: "中" + "??," * (size // 3),
}
SHAPES = ("one line", "80-char lines")


def shaped(text: str, shape: str, size: int) -> str:
    """``text`` cut to about ``size`` bytes, as one line or as lines of 80 characters."""
    per_char = len(text[:1000].encode("utf-8", "surrogatepass")) / max(1, len(text[:1000]))
    text = text[: max(1, int(size / per_char))]
    if shape == "one line":
        return text.replace("\n", "")
    flat = text.replace("\n", "")
    return "\n".join(flat[i : i + 80] for i in range(0, len(flat), 80))


def cpu_time(function: Callable[[str], str], text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        function(text)
        best = min(best, time.process_time() - start)
    return max(best, 1e-6)


def measure(
    function: Callable[[str], str],
    make: Callable[[int], str],
    shape: str,
    limit: int,
    budget: float,
    repeat: int,
) -> tuple[float, int, float]:
    """(MB/s at the largest size reached, that size in bytes, growth of the last doubling)."""
    size, previous, growth = 16 * KB, 0.0, float("nan")
    while True:
        text = shaped(make(size), shape, size)
        nbytes = len(text.encode("utf-8", "surrogatepass"))
        seconds = cpu_time(function, text, repeat if size < MB else 1)
        if previous:
            growth = seconds / previous / 2
        previous = seconds
        if seconds > budget or size >= limit:
            return nbytes / MB / seconds, nbytes, growth
        size = min(size * 2, limit)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of each hostile input")
    parser.add_argument("--single-line-mb", type=float, default=10.0)
    parser.add_argument("--budget", type=float, default=4.0, help="CPU seconds per run, at most")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--kinds", default="", help="comma-separated kind names (default: all)")
    args = parser.parse_args()
    # Names are matched between commas as wholes, so that a name holding a comma is found too.
    chosen = f",{args.kinds},"
    kinds = {
        k: v for k, v in KINDS.items() if k == "clean text" or not args.kinds or f",{k}," in chosen
    }
    functions: dict[str, Callable[[str], str]] = {"clean()": clean, "fix_mojibake()": fix_mojibake}
    clean("鍙戝竷 warm-up")  # tables and models loaded outside the timing
    print(
        f"# Adversarial input ({time.strftime('%Y-%m-%d')}, up to {args.mb:g} MB a kind, "
        f"{args.single_line_mb:g} MB for the single line of clean text, "
        f"budget {args.budget:g} s a run, CPU time)\n"
    )
    header, rule = "| input | worst shape |", "| --- | --- |"
    for name in functions:
        header += f" {name} MB/s | × clean | growth | on |"
        rule += " ---: | ---: | ---: | ---: |"
    print(header)
    print(rule)
    baseline: dict[str, float] = {}
    worst: dict[str, tuple[float, str]] = {}
    rows: list[tuple[str, tuple[str, ...], int]] = [("clean text", ("80-char lines",), 0)]
    rows.append(("clean text", ("one line",), int(args.single_line_mb * MB)))
    rows += [(kind, SHAPES, 0) for kind in kinds if kind != "clean text"]
    for kind, shapes, limit in rows:
        cells, used = "", set()
        for name, function in functions.items():
            results = [
                (
                    *measure(
                        function,
                        kinds[kind],
                        shape,
                        limit or int(args.mb * MB),
                        args.budget,
                        args.repeat,
                    ),
                    shape,
                )
                for shape in shapes
            ]
            speed, nbytes, growth, shape = min(results)
            used.add(shape)
            baseline.setdefault(name, speed)
            ratio = baseline[name] / speed
            if ratio > worst.get(name, (0.0, ""))[0]:
                worst[name] = (ratio, kind)
            flag = " **!**" if ratio > 10 else ""
            size = f"{nbytes / MB:.1f} MB" if nbytes >= MB else f"{nbytes / KB:.0f} KB"
            cells += f" {speed:.3f} | {ratio:.1f}{flag} | {growth:.2f} | {size} |"
        label = "clean text, one long line" if shapes == ("one line",) else kind
        print(f"| {label} | {' / '.join(sorted(used))} |{cells}", flush=True)
    for name, (ratio, kind) in worst.items():
        print(f"\nWorst for {name}: {kind}, {ratio:.0f}× slower than clean text (target ≤ 10×).")


if __name__ == "__main__":
    main()
