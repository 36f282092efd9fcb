"""Files cjkclean writes beside the cleaned ones hold their text: who may read them.

``--report``, ``--report-html`` and ``--keep-removed`` quote the cleaned files (removed lines,
changed spans), which may be private. A new one is created readable and writable by its owner
only (0600), whatever the umask; one that exists already keeps its permission bits (see
SECURITY.md).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from cjkclean import cli

DIRTY = "打开网易新闻 查看精彩图片\n今天天气很好,我们去公园散步吧。\n"


@pytest.fixture(params=[0o022, 0o002, 0o077])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _run(tmp_path: Path, *extra: str) -> tuple[int, dict[str, Path]]:
    tree = tmp_path / "tree"
    tree.mkdir(exist_ok=True)
    (tree / "a.txt").write_text(DIRTY, encoding="utf-8")
    outputs = {
        "--report": tmp_path / "report.json",
        "--report-html": tmp_path / "report.html",
        "--keep-removed": tmp_path / "removed.jsonl",
    }
    args = ["-q", "--jobs", "1", *extra, str(tree)]
    for option, path in outputs.items():
        args += [option, str(path)]
    return cli.main(args), outputs


def test_new_reports_and_log_are_private(tmp_path: Path, umask: int) -> None:
    code, outputs = _run(tmp_path)
    assert code == 0
    for path in outputs.values():
        assert _mode(path) == 0o600, path.name
    # The cleaned file keeps its own mode, made under the umask.
    assert _mode(tmp_path / "tree" / "a.txt") == 0o666 & ~umask
    assert json.loads(outputs["--report"].read_text(encoding="utf-8"))["summary"]["changed"] == 1
    assert "打开网易新闻" in outputs["--keep-removed"].read_text(encoding="utf-8")


def test_existing_reports_and_log_keep_their_mode(tmp_path: Path) -> None:
    chosen = {"--report": 0o644, "--report-html": 0o640, "--keep-removed": 0o604}
    _code, outputs = _run(tmp_path)
    for option, path in outputs.items():
        path.chmod(chosen[option])
    code, outputs = _run(tmp_path)
    assert code == 0
    for option, path in outputs.items():
        assert _mode(path) == chosen[option], option
    # The log was appended to (two runs), the reports replaced.
    runs = [
        line
        for line in outputs["--keep-removed"].read_text(encoding="utf-8").splitlines()
        if json.loads(line).get("record") == "run"
    ]
    assert len(runs) == 2
