"""Security promises of the command line (see SECURITY.md, which names these tests).

* Nothing outside the given paths is written: in place, only the given files and the files under
  the given directories change; with ``--output-dir`` only that directory receives files.
* ``--output-dir`` cannot be escaped by ``..`` in the arguments, by absolute arguments, by
  symbolic links in the source tree (followed or not) or in the output tree.
* Configuration is TOML only, is data (never executed), and unknown keys or wrong types are
  errors (exit 2) before any file is touched.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import cjkclean
from cjkclean import cli

DIRTY = "打开网易新闻 查看精彩图片\n今天天气很好，我们去公园散步吧。\n"
CLEANED = "今天天气很好，我们去公园散步吧。\n"


def files_under(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file (not following links) under ``root`` with its bytes and mtime."""
    out: dict[str, tuple[bytes, int]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            path = Path(dirpath, name)
            rel = str(path.relative_to(root))
            if path.is_symlink():
                out[rel] = (os.readlink(path).encode(), 0)
            else:
                out[rel] = (path.read_bytes(), path.stat().st_mtime_ns)
    return out


@pytest.fixture
def world(tmp_path: Path) -> Iterator[Path]:
    """``tree/`` to clean, ``outside/`` next to it (dirty text too), links from one to the other."""
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    (tree / "sub").mkdir(parents=True)
    (outside / "deep").mkdir(parents=True)
    for path in (
        tree / "a.txt",
        tree / "sub" / "b.txt",
        outside / "o.txt",
        outside / "deep" / "p.txt",
    ):
        path.write_text(DIRTY, encoding="utf-8")
    (tree / "link-file.txt").symlink_to(outside / "o.txt")
    (tree / "link-dir").symlink_to(outside / "deep", target_is_directory=True)
    (tree / "sub" / "up.txt").symlink_to(Path("..", "..", "outside", "o.txt"))
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("follow", [False, True])
def test_in_place_writes_only_inside_the_given_paths(world: Path, follow: bool) -> None:
    outside_before = files_under(world / "outside")
    args = ["-q", "tree"] + (["--follow-symlinks"] if follow else [])
    assert cli.main(args) == 0
    assert files_under(world / "outside") == outside_before
    assert (world / "tree" / "a.txt").read_text(encoding="utf-8") == CLEANED
    assert (world / "tree" / "sub" / "b.txt").read_text(encoding="utf-8") == CLEANED
    # The links are still links, to the same place; no new file appeared anywhere.
    assert os.readlink(world / "tree" / "link-file.txt") == str(world / "outside" / "o.txt")
    assert sorted(files_under(world / "tree")) == [
        "a.txt",
        "link-dir",
        "link-file.txt",
        "sub/b.txt",
        "sub/up.txt",
    ]


def test_a_given_file_is_the_only_file_written(world: Path) -> None:
    before = files_under(world)
    assert cli.main(["-q", "tree/sub/b.txt"]) == 0
    after = files_under(world)
    changed = {k for k in before if before[k] != after.get(k)}
    assert changed == {"tree/sub/b.txt"} and set(after) == set(before)


@pytest.mark.parametrize(
    "args",
    [
        ["tree"],
        ["tree/sub/.."],  # '..' inside a root
        ["tree/sub/../a.txt", "tree/sub/b.txt"],  # '..' in file arguments
        ["ABS/tree"],  # absolute root
        ["ABS/tree/a.txt", "ABS/tree/sub/b.txt"],  # absolute files
        ["tree", "ABS/outside/../tree/sub"],  # two roots, one absolute with '..'
        ["--follow-symlinks", "tree"],  # links followed: targets outside the roots are skipped
    ],
    ids=["root", "dotdot-root", "dotdot-files", "abs-root", "abs-files", "two-roots", "follow"],
)
def test_output_dir_receives_every_write(world: Path, args: list[str]) -> None:
    args = [a.replace("ABS", str(world)) for a in args]
    before = files_under(world)
    code = cli.main(["-q", "--output-dir", "out", *args])
    assert code == 0
    after = files_under(world)
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    assert changed, "nothing was written"
    assert all(k.startswith("out/") for k in changed), sorted(changed)
    for name in changed:
        assert (world / name).resolve().is_relative_to((world / "out").resolve())
        assert (world / name).read_text(encoding="utf-8") == CLEANED


def test_output_dir_not_escaped_through_a_link_inside_it(world: Path) -> None:
    # out/sub -> ../outside: writing out/sub/b.txt would land in outside/.
    (world / "out").mkdir()
    (world / "out" / "sub").symlink_to(Path("..", "outside"), target_is_directory=True)
    outside_before = files_under(world / "outside")
    code = cli.main(["-q", "--output-dir", "out", "tree"])
    assert code == 2  # reported as an error ...
    assert files_under(world / "outside") == outside_before  # ... and nothing written there
    assert (world / "out" / "a.txt").read_text(encoding="utf-8") == CLEANED  # others done


def test_output_dir_link_over_a_file_is_replaced_not_followed(world: Path) -> None:
    (world / "out").mkdir()
    (world / "out" / "a.txt").symlink_to(world / "outside" / "o.txt")
    outside_before = files_under(world / "outside")
    assert cli.main(["-q", "--output-dir", "out", "tree/a.txt"]) == 0
    assert files_under(world / "outside") == outside_before
    assert not (world / "out" / "a.txt").is_symlink()
    assert (world / "out" / "a.txt").read_text(encoding="utf-8") == CLEANED


def test_check_and_diff_write_nothing(world: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files_under(world)
    assert cli.main(["-q", "--check", "tree"]) == 1
    assert cli.main(["-q", "--diff", "--output-dir", "out", "tree"]) == 1
    assert files_under(world) == before
    assert "查看精彩图片" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------------
# Configuration: TOML only, data only, unknown keys are errors.


def _config_run(world: Path, name: str, content: str, *extra: str) -> int:
    (world / name).write_text(content, encoding="utf-8")
    return cli.main(["-q", *extra, "tree"])


CODE = "__import__('pathlib').Path('PWNED').write_text('x')\n"


@pytest.mark.parametrize(
    "name, content, extra",
    [
        ("cjkclean.toml", CODE, ()),  # Python in the config file: a TOML syntax error
        ("pyproject.toml", "[tool.cjkclean]\n" + CODE, ()),
        ("cjkclean.toml", "script = \"__import__('os').getcwd()\"\n", ()),  # code as a value
        ("cjkclean.toml", "no_such_key = true\n", ()),  # unknown key
        ("pyproject.toml", "[tool.cjkclean]\nboilerplate = 'yes'\n", ()),  # wrong type
        ("pyproject.toml", "[tool.cjkclean]\nexclude = 3\n", ()),
        ("conf.json", '{"boilerplate": false}', ("--config", "conf.json")),  # not TOML
        ("conf.yaml", "boilerplate: false\n", ("--config", "conf.yaml")),
        ("conf.py", CODE, ("--config", "conf.py")),
    ],
    ids=[
        "python-file",
        "python-in-pyproject",
        "code-as-value",
        "unknown-key",
        "wrong-type",
        "wrong-type-list",
        "json",
        "yaml",
        "py-config",
    ],
)
def test_bad_configuration_is_an_error_before_any_write(
    world: Path,
    name: str,
    content: str,
    extra: tuple[str, ...],
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = files_under(world / "tree")
    assert _config_run(world, name, content, *extra) == 2
    assert files_under(world / "tree") == before
    assert not (world / "PWNED").exists()
    assert "cjkclean: error:" in capsys.readouterr().err


def test_unknown_key_is_named(world: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _config_run(world, "cjkclean.toml", "boilerplat = false\n") == 2
    assert "unknown key 'boilerplat'" in capsys.readouterr().err


def test_valid_toml_configuration_is_applied(world: Path) -> None:
    # The control: a correct file is read (boilerplate off: the dirty line stays).
    assert _config_run(world, "cjkclean.toml", "boilerplate = false\n") == 0
    assert (world / "tree" / "a.txt").read_text(encoding="utf-8") == DIRTY


def test_other_config_formats_are_ignored(world: Path) -> None:
    # setup.cfg / .cjkcleanrc / cjkclean.json are not configuration: they change nothing.
    (world / "setup.cfg").write_text("[cjkclean]\nboilerplate = false\n", encoding="utf-8")
    (world / "cjkclean.json").write_text('{"boilerplate": false}', encoding="utf-8")
    (world / ".cjkcleanrc").write_text(CODE, encoding="utf-8")
    assert cli.main(["-q", "tree"]) == 0
    assert (world / "tree" / "a.txt").read_text(encoding="utf-8") == CLEANED
    assert not (world / "PWNED").exists()


# ---------------------------------------------------------------------------------------------
# Faults: disk full, files deleted or changed during the run.

FILL = "第二段也是正常的中文，内容很长。" * 40 + "\n"


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE and SIGXFSZ are POSIX")
@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
def test_disk_full_keeps_the_original_and_exits_2(tmp_path: Path, streamed: bool) -> None:
    import subprocess
    import sys

    path = tmp_path / "big.txt"
    original = (DIRTY + FILL * 200).encode("utf-8")  # ~200 KB; every write beyond 16 KB fails
    path.write_bytes(original)
    extra = "'--max-document-bytes', '4096', " if streamed else ""
    script = (
        "import resource, signal, sys\n"
        "from cjkclean import cli\n"
        "cli.clean_and_explain('鍙戝竷 中文')\n"  # imports and tables loaded before the limit
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"  # a failed write, not a killed process
        "resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))\n"
        f"sys.exit(cli.main(['--jobs', '1', {extra}sys.argv[1]]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]  # no temporary file left
    assert "error: " in proc.stderr and "big.txt" in proc.stderr, proc.stderr


def _three_files(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / f"{name}.txt" for name in "abc"]
    for path in paths:
        path.write_text(f"{path.stem}\n" + DIRTY, encoding="utf-8")
    return paths


def test_file_deleted_during_the_run_is_reported_others_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c = _three_files(tmp_path)
    real = cjkclean.clean_and_explain

    def deleting(text: str, **options: object) -> object:
        if text.startswith("a\n"):
            b.unlink()  # while a.txt is being cleaned, b.txt disappears
        return real(text, **options)

    monkeypatch.setattr(cli, "clean_and_explain", deleting)
    assert cli.main(["--jobs", "1", "-q", str(tmp_path)]) == 2
    assert "b.txt: file vanished" in capsys.readouterr().err
    assert a.read_text(encoding="utf-8") == "a\n" + CLEANED
    assert c.read_text(encoding="utf-8") == "c\n" + CLEANED
    assert not b.exists()


def test_file_changed_during_the_run_is_left_as_changed_others_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c = _three_files(tmp_path)
    real = cjkclean.clean_and_explain
    edit = "b\n" + DIRTY + "another writer's line\n"

    def changing(text: str, **options: object) -> object:
        if text.startswith("b\n"):
            b.write_text(edit, encoding="utf-8")  # someone saves b.txt while it is cleaned
        return real(text, **options)

    monkeypatch.setattr(cli, "clean_and_explain", changing)
    assert cli.main(["--jobs", "1", "-q", str(tmp_path)]) == 2
    assert "b.txt: file changed while being cleaned" in capsys.readouterr().err
    assert b.read_text(encoding="utf-8") == edit  # the other writer's version wins
    assert a.read_text(encoding="utf-8") == "a\n" + CLEANED
    assert c.read_text(encoding="utf-8") == "c\n" + CLEANED
