"""The real pre-commit, offline, against this repository's hooks in a temporary git repository.

Everything pre-commit installs comes from a local wheel directory (``PIP_NO_INDEX=1``,
``PIP_FIND_LINKS``): a wheel of this project built by the test, and wheels of its dependencies
and of its build backend. Fetching those wheels is the only step that may need the package index
(or pip's cache); without them the test is skipped and says so. The hook run itself never does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GBK_TEXT = "今天天气很好，我们去公园散步吧。\n"
DIRTY = "打开网易新闻 查看精彩图片\n正文第一段。\n"


def _git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    return subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=.git/hooks", *args],
        cwd=cwd,
        env=env,
        text=True,
        capture_output=True,
        check=check,
    )


def _wheelhouse(tmp: Path) -> Path:
    """Build this project's wheel and gather its dependencies' wheels, or skip."""
    wheels = tmp / "wheels"
    source = tmp / "source"
    source.mkdir()
    # Build from the committed tree (what pre-commit itself checks out), not the work tree.
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", "HEAD"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    build = subprocess.run(
        [*pip, "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    if build.returncode:
        pytest.skip(
            f"cannot build the project wheel (no build backend offline): {build.stderr[-300:]}"
        )
    (project_wheel,) = wheels.glob("cjkclean-*.whl")
    fetch = subprocess.run(
        [*pip, "download", "-q", "-d", str(wheels), str(project_wheel), "setuptools>=68", "wheel"],
        capture_output=True,
        text=True,
        check=False,
    )
    if fetch.returncode:
        pytest.skip(
            "dependency wheels unavailable (no package index and none in pip's cache): "
            + fetch.stderr[-300:]
        )
    return wheels


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.skipif(not (REPO / ".git").exists(), reason="not a git checkout of cjkclean")
def test_pre_commit_hooks_offline(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")
    head = _git(REPO, "rev-parse", "HEAD").stdout.strip()
    hooks = _git(REPO, "show", f"{head}:.pre-commit-hooks.yaml", check=False)
    assert hooks.returncode == 0, "the committed tree has no .pre-commit-hooks.yaml"
    wheels = _wheelhouse(tmp_path)

    work = tmp_path / "corpus"
    work.mkdir()
    _git(work, "init", "-q")
    (work / "gbk.txt").write_bytes(GBK_TEXT.encode("gbk"))
    (work / "page.md").write_text(DIRTY, encoding="utf-8")
    (work / "tool.py").write_bytes("# 注释\n".encode("gbk"))  # excluded by default
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {REPO}\n  rev: {head}\n  hooks:\n  - id: cjkclean\n"
    )
    _git(work, "add", ".")

    env = {
        **os.environ,
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheels),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    pre_commit = [sys.executable, "-m", "pre_commit"]

    # try-repo with the check-only hook: fails, writes nothing.
    check = subprocess.run(
        [*pre_commit, "try-repo", str(REPO), "cjkclean-check", "--ref", head, "--all-files"],
        cwd=work,
        env=env,
        text=True,
        capture_output=True,
        check=False,
    )
    assert check.returncode == 1, check.stdout + check.stderr
    assert "打开网易新闻" in check.stdout  # the diff
    assert (work / "gbk.txt").read_bytes() == GBK_TEXT.encode("gbk")

    # The fixing hook as a git pre-commit hook: the first commit fails with files modified...
    subprocess.run([*pre_commit, "install"], cwd=work, env=env, check=True, capture_output=True)
    first = _commit(work, env)
    assert first.returncode != 0, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout + first.stderr
    assert (work / "gbk.txt").read_text(encoding="utf-8") == GBK_TEXT
    assert "打开网易新闻" not in (work / "page.md").read_text(encoding="utf-8")
    assert (work / "tool.py").read_bytes() == "# 注释\n".encode("gbk")
    # ...and the second passes.
    _git(work, "add", ".")
    second = _commit(work, env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert _git(work, "log", "--oneline").stdout.count("\n") == 1


def _commit(work: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            "git",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "core.hooksPath=.git/hooks",
            "commit",
            "-q",
            "-m",
            "corpus",
        ],
        cwd=work,
        env={
            **env,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.invalid",
        },
        text=True,
        capture_output=True,
        check=False,
    )
