"""The process pool's schedule: biggest files first, small batches, results in walk order."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cjkclean import cli

SEEDS = Path(__file__).resolve().parents[1] / "corpora" / "seeds"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 3 << 20), max_size=300), st.integers(1, 4))
def test_schedule_hands_out_every_file_once_biggest_first(sizes: list[int], jobs: int) -> None:
    batches = cli._schedule(sizes, jobs)
    order = [i for batch in batches for i in batch]
    assert sorted(order) == list(range(len(sizes)))
    assert [sizes[i] for i in order] == sorted(sizes, reverse=True)
    assert all(0 < len(batch) <= cli.POOL_BATCH_FILES for batch in batches)
    limit = max(1, min(cli.POOL_BATCH_BYTES, sum(sizes) // (jobs * 64)))
    # A batch of several files holds less than the limit before its last file.
    assert all(sum(sizes[i] for i in batch[:-1]) < limit for batch in batches)


def test_pool_reports_in_walk_order_like_one_process(tmp_path: Path) -> None:
    # Seed articles (real damage) repeated to different sizes, so biggest-first differs from
    # the walk order.
    seeds = sorted(p for p in SEEDS.glob("*.txt"))
    assert seeds, "corpora/seeds holds the seed articles"
    tree = tmp_path / "tree"
    for n in range(8):
        text = seeds[n % len(seeds)].read_text(encoding="utf-8")
        (tree / f"d{n % 3}").mkdir(parents=True, exist_ok=True)
        (tree / f"d{n % 3}" / f"{n:02d}.txt").write_text(text * (1 + (n * 2) % 3), "utf-8")
    reports = {}
    for jobs in ("1", "2"):
        report = tmp_path / f"report{jobs}.json"
        out = tmp_path / f"out{jobs}"
        code = cli.main(["-q", "--jobs", jobs, "--report", str(report), "--output-dir", str(out),
                         str(tree)])  # fmt: skip
        assert code == 0
        reports[jobs] = json.loads(report.read_text(encoding="utf-8"))["files"]
    assert [f["path"] for f in reports["2"]] == [f["path"] for f in reports["1"]]
    assert reports["2"] == reports["1"]
    assert any(f["status"] == "changed" for f in reports["1"])
    for path in sorted((tmp_path / "out1").rglob("*.txt")):
        assert (tmp_path / "out2" / path.relative_to(tmp_path / "out1")).read_bytes() == (
            path.read_bytes()
        )
