"""A directory that cannot be listed is reported and the run goes on (issue 7, faults).

The test runs as any user, root included (root reads a directory of mode 000): the refusal is
simulated where the walk lists a directory, ``os.scandir``, as the kernel gives it (EACCES).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from cjkclean import cli

DIRTY = "打开网易新闻 查看精彩图片\n今天天气很好,我们去公园散步吧。\n"
CLEANED = "今天天气很好，我们去公园散步吧。\n"


def test_unlistable_directory_is_reported_others_cleaned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = tmp_path / "tree"
    for name in ("ok/a.txt", "locked/b.txt", "z.txt"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text(DIRTY, encoding="utf-8")
    real_scandir = os.scandir
    locked = tree / "locked"

    def scandir(path: str | os.PathLike[str]) -> os._ScandirIterator[str]:
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code = cli.main(["--jobs", "1", str(tree)])
    err = capsys.readouterr().err
    assert code == 2
    assert "locked" in err and "ermission denied" in err
    assert (tree / "ok" / "a.txt").read_text(encoding="utf-8") == CLEANED
    assert (tree / "z.txt").read_text(encoding="utf-8") == CLEANED
    assert (locked / "b.txt").read_text(encoding="utf-8") == DIRTY
