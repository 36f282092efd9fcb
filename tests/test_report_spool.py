"""The JSON report's change lists are spooled to a temporary file as results come back, so a big
corpus does not keep every change in memory; the report reads them back file by file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cjkclean import cli

SEED = Path(__file__).resolve().parent.parent / "corpora" / "seeds" / "000_26e5d56e0ba9f094.txt"


def test_spool_round_trip_keeps_changes_and_frees_them() -> None:
    spool = cli._ChangeSpool()
    try:
        result = cli.FileResult("a.txt", "changed")
        result.changes = [{"kind": "mojibake", "line": 3, "before": "鍙戝竷", "after": "发布"}]
        expected = list(result.changes)
        spool.stash(result)
        assert result.changes == []
        assert spool.load(result) == expected
    finally:
        spool.close()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_report_lists_every_change_of_every_file(tmp_path: Path, jobs: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    for number in range(4):
        (tmp_path / f"doc{number}.txt").write_text(text, encoding="utf-8")
    report = tmp_path.parent / f"report-{jobs}.json"
    assert cli.main(["--check", "-q", "--jobs", jobs, "--report", str(report), str(tmp_path)]) == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"]["seen"] == 4
    changes = [entry["changes"] for entry in data["files"]]
    assert all(changes) and all(c == changes[0] for c in changes)  # same text, same changes
    assert sum(entry["fixes"].get("boilerplate", 0) for entry in data["files"]) > 0
    assert cli._SPOOL is None  # closed after the run
