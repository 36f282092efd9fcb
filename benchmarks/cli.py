"""Benchmark of the ``cjkclean`` command and of ``cjkclean.decode``.

Three measurements, figures printed as a Markdown-ready block:

1. **Throughput**: a generated corpus (``--files`` files, about ``--mb`` MB in all) of real text
   from ``corpora/`` in mixed encodings (UTF-8, GBK, Big5, UTF-16, UTF-8 with BOM, mixed
   UTF-8/GBK files, UTF-8 mojibake read as GBK, pages with web boilerplate) cleaned by
   ``cjkclean --output-dir`` with ``--jobs 1`` and ``--jobs 2``: files/s, MB/s, speed-up, and the
   peak RSS of the biggest process.
2. **Big file**: one GBK file of ``--big-mb`` MB streamed by ``cjkclean --output-dir`` (read,
   cleaned and written as UTF-8): MB/s and peak RSS (bounded memory whatever the size).
3. **Decode accuracy**: random windows of 10, 20, 50 and 200 characters of real text encoded in
   GBK, Big5, Shift_JIS, EUC-JP and EUC-KR; share decoded exactly by ``cjkclean.decode`` and by
   charset-normalizer alone (its best guess's codec).

Usage: ``python benchmarks/cli.py [--files 5000 --mb 500 --big-mb 300 --trials 500]``
(the defaults are smaller, to fit a shared 2-core machine).
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"

BOILERPLATE = [
    "打开网易新闻 查看精彩图片",
    "【加入收藏】 【打印此文】 【关闭】",
    "分享到:",
    "返回顶部",
    "扫描二维码分享到微信",
]


def real_text() -> tuple[list[str], list[str], list[str], list[str]]:
    """Simplified, Traditional, Japanese and Korean paragraphs from the repository's corpora."""
    from cjkclean.script import convert

    chinese: list[str] = []
    for path in sorted(CORPORA.glob("*/*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for line in text.splitlines():
            han = sum(1 for c in line if "\u4e00" <= c <= "\u9fff")
            if len(line) >= 20 and han * 2 >= len(line):
                chinese.append(line.strip())
    samples = CORPORA / "charset-normalizer-samples"
    chinese += [
        line
        for line in (samples / "sample-chinese.txt").read_bytes().decode("big5").splitlines()
        if len(line) >= 20
    ]
    simplified = [convert(line, "t2s") for line in chinese]
    traditional = [convert(line, "s2t") for line in simplified]
    japanese = [
        s + "。"
        for s in (CORPORA / "aozora" / "wagahai.txt").read_text(encoding="utf-8").split("。")
        if len(s) > 5
    ]
    korean = [
        line
        for line in (samples / "sample-korean.txt").read_bytes().decode("cp949").splitlines()
        if len(line) >= 20
    ]
    return simplified, traditional, japanese, korean


def make_corpus(root: Path, files: int, megabytes: float, seed: int = 1) -> int:
    """Write the generated corpus; returns its size in bytes."""
    simplified, traditional, _, _ = real_text()
    rng = random.Random(seed)
    per_file = int(megabytes * 1e6 / files)
    total = 0
    kinds = ["utf-8"] * 10 + ["gbk"] * 4 + ["big5"] * 2 + ["utf-16", "bom", "mixed", "mojibake"]
    for i in range(files):
        kind = rng.choice(kinds)
        source = traditional if kind == "big5" else simplified
        lines: list[str] = []
        size = 0
        if rng.random() < 0.5:
            lines.append(rng.choice(BOILERPLATE))
        while size < per_file:
            line = rng.choice(source)
            lines.append(line)
            size += len(line.encode("utf-8")) + 1
        if rng.random() < 0.5:
            lines.append(rng.choice(BOILERPLATE))
        text = "\n".join(lines) + "\n"
        if kind == "utf-8":
            data = text.encode("utf-8")
        elif kind == "bom":
            data = b"\xef\xbb\xbf" + text.encode("utf-8")
        elif kind == "utf-16":
            data = text.encode("utf-16")
        elif kind == "mixed":
            data = b"".join(
                line.encode("gbk", "replace") if n % 2 else line.encode("utf-8")
                for n, line in enumerate(text.splitlines(keepends=True))
            )
        elif kind == "mojibake":
            data = text.encode("utf-8").decode("gbk", "replace").encode("utf-8")
        else:
            data = text.encode(kind, "replace")
        sub = root / f"d{i % 50:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(code, r.ru_maxrss, r.ru_utime + r.ru_stime)\n"
)


def run_cli(args: list[str]) -> tuple[float, int, int, float]:
    """Run cjkclean under a fresh parent: (seconds, exit code, peak RSS in MB, CPU seconds).

    The parent's ``RUSAGE_CHILDREN`` peak covers cjkclean and its worker processes, and only them.
    """
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, sys.executable, "-m", "cjkclean", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    code, peak_kb, cpu = proc.stdout.split()
    if int(code) not in (0, 1):
        sys.stderr.write(proc.stderr[-2000:])
    return seconds, int(code), int(peak_kb) // 1024, float(cpu)


def throughput(files: int, megabytes: float, extra: list[str]) -> list[str]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        size = make_corpus(corpus, files, megabytes)
        flags = " ".join(extra) or "default options"
        out.append(f"corpus: {files} files, {size / 1e6:.1f} MB; cjkclean {flags}")
        times = {}
        for jobs in (1, 2):
            dest = Path(tmp) / f"out{jobs}"
            seconds, code, rss, cpu = run_cli(
                ["-q", "--jobs", str(jobs), *extra, "--output-dir", str(dest), str(corpus)]
            )
            times[jobs] = seconds
            out.append(
                f"--jobs {jobs}: {seconds:7.1f} s  {files / seconds:7.1f} files/s  "
                f"{size / 1e6 / seconds:6.2f} MB/s  CPU {cpu:6.1f} s  peak RSS {rss} MB  "
                f"(exit {code})"
            )
            shutil.rmtree(dest, ignore_errors=True)
        out.append(f"speed-up --jobs 2 / --jobs 1: {times[1] / times[2]:.2f}x")
    return out


def big_file(megabytes: float, extra: list[str]) -> list[str]:
    simplified, _, _, _ = real_text()
    rng = random.Random(2)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        with path.open("wb") as f:
            written = 0
            while written < megabytes * 1e6:
                block = "\n".join(rng.choice(simplified) for _ in range(1000)) + "\n"
                data = block.encode("gbk", "replace")
                f.write(data)
                written += len(data)
        out = Path(tmp) / "out"
        seconds, code, rss, _ = run_cli(
            ["-q", "--jobs", "1", *extra, "--output-dir", str(out), str(path)]
        )
        return [
            f"big GBK file: {written / 1e6:.0f} MB rewritten as UTF-8 in {seconds:.1f} s "
            f"({written / 1e6 / seconds:.2f} MB/s, exit {code}); peak RSS {rss} MB"
        ]


def accuracy(trials: int) -> list[str]:
    import charset_normalizer

    from cjkclean import decode

    simplified, traditional, japanese, korean = real_text()
    japanese_text = "".join(japanese)
    sources = {
        "gbk": simplified,
        "big5": traditional,
        "shift_jis": [japanese_text],
        "euc_jp": [japanese_text],
        "euc_kr": korean,
    }
    out = [f"{'codec':10} {'chars':>5}  {'cjkclean':>9}  {'charset-normalizer':>18}  n"]
    for codec, lines in sources.items():
        pool = [line for line in lines if len(line) > 210] or lines
        for length in (10, 20, 50, 200):
            rng = random.Random(zlib.crc32(f"{codec}{length}".encode()))
            ok = peer = n = 0
            attempts = 0
            while n < trials and attempts < trials * 20:
                attempts += 1
                line = rng.choice(pool)
                if len(line) <= length:
                    continue
                start = rng.randrange(0, len(line) - length)
                piece = line[start : start + length]
                try:
                    data = piece.encode(codec)
                except UnicodeEncodeError:
                    continue
                n += 1
                ok += decode(data).text == piece
                best = charset_normalizer.from_bytes(data).best()
                peer += best is not None and data.decode(best.encoding, "replace") == piece
            if n:
                out.append(f"{codec:10} {length:>5}  {ok / n:>9.1%}  {peer / n:>18.1%}  {n}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--big-mb", type=float, default=50.0)
    parser.add_argument("--trials", type=int, default=300)
    parser.add_argument(
        "--cli-args", default="", help="extra cjkclean flags, e.g. '--no-mojibake' (one string)"
    )
    parser.add_argument("--skip", nargs="*", default=[], choices=["throughput", "big", "accuracy"])
    args = parser.parse_args()
    if "accuracy" not in args.skip:
        print("\n".join(accuracy(args.trials)), flush=True)
    if "throughput" not in args.skip:
        print("\n".join(throughput(args.files, args.mb, args.cli_args.split())), flush=True)
    if "big" not in args.skip:
        print("\n".join(big_file(args.big_mb, args.cli_args.split())), flush=True)


if __name__ == "__main__":
    main()
