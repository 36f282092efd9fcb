"""Peak memory of the ``cjkclean`` command on one huge file (issue 7: 2 GB under 200 MB RSS).

Generates ``--gb`` GB (default 2) of clean Simplified Chinese paragraphs from the repository's
corpora (``benchmarks/cli.py``'s ``real_text``), with some damage: one line in ``--bad-every``
(default 200) is UTF-8 read as GBK (lossless cases only), one in 50 is width-folded punctuation
(``,`` for ``，``), one in 100 is a web-chrome line; paragraphs are separated by blank lines. The
file is written in a temporary directory (``--dir``), cleaned **in place** by a fresh
``cjkclean --jobs 1 -q FILE`` process, and deleted afterwards (``--keep`` keeps it).

Reported: the size, the wall-clock and CPU time, MB/s, the exit code, and the child's peak
resident set size from ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` (the measuring parent
starts only the ``cjkclean`` process, so the figure is that process's peak).

``--keep-removed`` adds ``--keep-removed LOG`` to the command (and prints the log's size).

Usage: ``python benchmarks/memory.py [--gb 2] [--bad-every 200] [--dir /tmp] [--keep]
[--keep-removed]``
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _bench_cli() -> object:
    spec = importlib.util.spec_from_file_location("bench_cli", ROOT / "benchmarks" / "cli.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_file(path: Path, gigabytes: float, bad_every: int, seed: int = 3) -> int:
    """Write the generated file; returns its size in bytes."""
    from cjkclean.mojibake.simulate import corrupt, is_lossless

    module = _bench_cli()
    simplified: list[str] = module.real_text()[0]  # type: ignore[attr-defined]
    boiler: list[str] = list(module.BOILERPLATE)  # type: ignore[attr-defined]
    rng = random.Random(seed)
    damaged = [corrupt(s, ["utf-8", "gbk"]) for s in simplified if is_lossless(s, ["utf-8", "gbk"])]
    folded = [s.replace("，", ",").replace("：", ":") for s in simplified if "，" in s]
    # A block of about 8 MB is built line by line, then written with its paragraphs shuffled,
    # so generation costs little next to the cleaning.
    block: list[str] = []
    size = 0
    n = 0
    while size < 8_000_000:
        n += 1
        if n % bad_every == 0 and damaged:
            line = rng.choice(damaged)
        elif n % 50 == 0 and folded:
            line = rng.choice(folded)
        elif n % 100 == 0:
            line = rng.choice(boiler)
        else:
            line = rng.choice(simplified)
        block.append(line + "\n" + ("\n" if rng.random() < 0.3 else ""))
        size += len(block[-1].encode("utf-8"))
    target = int(gigabytes * 1e9)
    written = 0
    with open(path, "wb") as f:
        while written < target:
            rng.shuffle(block)
            data = "".join(block).encode("utf-8")
            f.write(data)
            written += len(data)
    return written


_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(code, r.ru_maxrss, r.ru_utime + r.ru_stime)\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=2.0)
    parser.add_argument("--bad-every", type=int, default=200)
    parser.add_argument("--dir", default=None, help="where to write the file (default: $TMPDIR)")
    parser.add_argument("--keep", action="store_true", help="keep the generated file")
    parser.add_argument(
        "--keep-removed", action="store_true", help="also write a --keep-removed log (its size)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cjkclean-memory-", dir=args.dir))
    path = work / "huge.txt"
    try:
        t0 = time.perf_counter()
        size = make_file(path, args.gb, args.bad_every)
        print(f"generated {size / 1e9:.2f} GB in {time.perf_counter() - t0:.0f} s: {path}")
        env = dict(os.environ)
        env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
        command = [sys.executable, "-m", "cjkclean", "--jobs", "1", "-q", str(path)]
        log = work / "removed.jsonl"
        if args.keep_removed:
            command[-1:-1] = ["--keep-removed", str(log)]
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", _MEASURE, *command],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        wall = time.perf_counter() - t0
        code, rss_kb, cpu = out.stdout.split()
        after = path.stat().st_size
        print(
            f"cjkclean --jobs 1 in place: {size / 1e9:.2f} GB in {wall:.0f} s "
            f"({size / 1e6 / wall:.2f} MB/s, CPU {float(cpu):.0f} s), exit {code}, "
            f"output {after / 1e9:.2f} GB; peak RSS {int(rss_kb) / 1024:.0f} MB"
        )
        if args.keep_removed:
            print(f"--keep-removed log: {log.stat().st_size / 1e6:.1f} MB")
        leftovers = [p.name for p in work.iterdir() if p.name not in (path.name, log.name)]
        print(f"files left next to it: {leftovers or 'none'}")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"(this script's own peak RSS, generation included: {own:.0f} MB)")
    finally:
        if args.keep:
            print(f"kept {path}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
