"""Kill -9 at random moments: every file stays old or new, and no temporary file survives.

Issue 7's figure: a tree of ``--files`` (default 1,000) generated files is cleaned **in place** by
``cjkclean``, and the run is killed with SIGKILL (its whole process group: the main process and its
workers) at a random moment (uniform between 0.2 s and the time a whole run takes), ``--kills``
times (default 20); every round starts from the original files, so every kill interrupts a run with
work to do. After every kill each file must be byte-identical to its original or to its cleaned
version (computed first with ``--output-dir``). The temporary files the killed runs leave stay in
the tree until one last run goes to the end: then every file must be its cleaned version and no
``*.cjkclean.tmp`` file may be left.

The files are real lines from ``corpora/seeds`` and ``corpora/pages`` with damage (web chrome,
UTF-8-read-as-GBK mojibake, pinyin notes, width-folded punctuation), a third of them in GBK and
some with CRLF endings. Files the pipeline would change again on a second pass (its known
idempotence gaps) are left out, since a re-run would then legitimately change a cleaned file.

``tests/test_cli_faults.py`` runs the same loop at a small size (200 files, 5 kills).

Usage: ``python benchmarks/faults.py [--files 1000] [--kills 20] [--jobs 2] [--seed 1]``
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMP_SUFFIX = ".cjkclean.tmp"
DIRT = [
    "打开网易新闻 查看精彩图片",
    "【加入收藏】 【打印此文】 【关闭】",
    "分享到:",
    "返回顶部",
    "鍙戝竷浼氫笂鐨勮瘽",
    "科創(chuàng)企業(yè)發展",
    "4月23日至24日,江蘇省召開會議",
    "2 月 19 日\u00a0\u00a0上午",
]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "cjkclean", "-q", *args]


def make_tree(root: Path, files: int, seed: int = 1) -> dict[str, bytes]:
    """Write ``files`` damaged files under ``root`` (20 folders); returns name -> bytes."""
    rng = random.Random(seed)
    lines: list[str] = []
    for folder in ("seeds", "pages"):
        for path in sorted((ROOT / "corpora" / folder).glob("*.txt")):
            lines += [line for line in path.read_text(encoding="utf-8").split("\n") if line]
    out: dict[str, bytes] = {}
    for i in range(files):
        body = [rng.choice(lines) for _ in range(rng.randint(3, 25))]
        for _ in range(rng.randint(0, 3)):
            body.insert(rng.randint(0, len(body)), rng.choice(DIRT))
        text = "\n".join(body) + "\n"
        if rng.random() < 0.2:
            text = text.replace("\n", "\r\n")
        data = text.encode("utf-8")
        if rng.random() < 0.33:
            with contextlib.suppress(UnicodeEncodeError):
                data = text.encode("gbk")
        name = f"d{i % 20:02d}/f{i:04d}.txt"
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
        out[name] = data
    return out


def expected_outputs(root: Path, originals: dict[str, bytes], jobs: int) -> dict[str, bytes]:
    """The cleaned version of every file; files that a second pass would change are removed."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            _command("--jobs", str(jobs), "--output-dir", out, str(root)), env=_env(), check=False
        )
        # A second pass over the cleaned copies: what it would change is not a fixed point.
        again = subprocess.run(
            _command("--jobs", str(jobs), "--check", "-v", out),
            env=_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        unstable = {
            os.path.relpath(line.split(" ", 2)[2].split(" (")[0], out)
            for line in again.stderr.splitlines()
            if line.startswith("would clean ")
        }
        cleaned: dict[str, bytes] = {}
        for name in originals:
            target = Path(out) / name
            if name in unstable or not target.exists():
                (root / name).unlink()
                continue
            cleaned[name] = target.read_bytes()
    for name in set(originals) - set(cleaned):
        del originals[name]
    return cleaned


@dataclass
class KillReport:
    """What the loop saw."""

    kills: list[tuple[float, int, int, int]] = field(default_factory=list)  # at, new, old, tmp
    bad: list[str] = field(default_factory=list)
    full_run: float = 0.0
    final_exit: int = -1
    final_bad: list[str] = field(default_factory=list)
    final_temp: list[str] = field(default_factory=list)


def _temp_files(root: Path) -> list[str]:
    return [str(p.relative_to(root)) for p in root.rglob("*" + TEMP_SUFFIX)]


def _states(
    root: Path, originals: dict[str, bytes], cleaned: dict[str, bytes]
) -> tuple[int, int, list[str]]:
    new = old = 0
    bad: list[str] = []
    for name, data in originals.items():
        now = (root / name).read_bytes()
        if now == cleaned[name]:
            new += 1
        elif now == data:
            old += 1
        else:
            bad.append(name)
    return new, old, bad


def kill_loop(root: Path, kills: int, jobs: int, seed: int = 1) -> KillReport:
    """Time a full run on a copy, then kill ``kills`` in-place runs at random moments."""
    originals = {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.txt"))}
    cleaned = expected_outputs(root, originals, jobs)
    report = KillReport()
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "tree"
        shutil.copytree(root, copy)
        t0 = time.perf_counter()
        subprocess.run(_command("--jobs", str(jobs), str(copy)), env=_env(), check=False)
        report.full_run = time.perf_counter() - t0
    rng = random.Random(seed)
    for _ in range(kills):
        # Every round interrupts a run with real work to do: the files start as they were.
        for name, data in originals.items():
            if (root / name).read_bytes() != data:
                (root / name).write_bytes(data)
        proc = subprocess.Popen(
            _command("--jobs", str(jobs), str(root)),
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: the workers die with it
        )
        at = rng.uniform(0.2, max(0.3, report.full_run))
        time.sleep(at)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        new, old, bad = _states(root, originals, cleaned)
        report.kills.append((at, new, old, len(_temp_files(root))))
        report.bad += bad
    final = subprocess.run(
        _command("--jobs", str(jobs), str(root)), env=_env(), capture_output=True, check=False
    )
    report.final_exit = final.returncode
    report.final_bad = [n for n in originals if (root / n).read_bytes() != cleaned[n]]
    report.final_temp = _temp_files(root)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "tree"
        originals = make_tree(root, args.files, args.seed)
        size = sum(len(d) for d in originals.values())
        t0 = time.perf_counter()
        report = kill_loop(root, args.kills, args.jobs, args.seed)
        files = len(list(root.rglob("*.txt")))
        print(
            f"{files} files ({args.files - files} left out as not idempotent), "
            f"{size / 1e6:.1f} MB, --jobs {args.jobs}; a full run takes {report.full_run:.1f} s"
        )
        for n, (at, new, old, temp) in enumerate(report.kills, start=1):
            print(f"kill {n:2d} at {at:5.2f} s: {new:4d} new, {old:4d} old, {temp} temp files")
        print(f"files neither old nor new after a kill: {len(report.bad)}")
        print(
            f"final run: exit {report.final_exit}, files not cleaned: {len(report.final_bad)}, "
            f"temporary files left: {len(report.final_temp)}"
        )
        print(f"total {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
