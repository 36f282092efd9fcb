"""End-to-end tests of the ``cjkclean`` command on temporary trees."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cjkclean
from cjkclean import cli
from cjkclean.pipeline import STAGES, Options

# Text the default pipeline leaves alone, and text it changes (a web-chrome line is removed).
PLAIN = "今天天气很好，我们去公园散步吧。\n第二段也是正常的中文。\n"
PLAIN_TW = "今天天氣很好，我們去公園散步吧。\n"
PLAIN_JA = "吾輩は猫である。名前はまだ無い。\n"
PLAIN_KO = "한국어 텍스트입니다. 감사합니다.\n"
DIRTY = "打开网易新闻 查看精彩图片\n今天天气很好，我们去公园散步吧。\n"


def run(*args: str | Path) -> int:
    return cli.main([str(a) for a in args])


def snapshot(root: Path) -> dict[str, tuple[bytes, int, int]]:
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            st_ = path.stat()
            out[str(path.relative_to(root))] = (path.read_bytes(), st_.st_mtime_ns, st_.st_mode)
    return out


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No pyproject.toml of this repository may leak into the runs: work from the temp dir.
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    assert cjkclean.clean(PLAIN) == PLAIN
    (root / "gbk.txt").write_bytes(PLAIN.encode("gbk"))
    (root / "big5.txt").write_bytes(PLAIN_TW.encode("big5"))
    (root / "sjis.txt").write_bytes(PLAIN_JA.encode("shift_jis"))
    (root / "euckr.txt").write_bytes(PLAIN_KO.encode("euc_kr"))
    (root / "utf16.txt").write_bytes(PLAIN.encode("utf-16"))
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbf" + PLAIN.encode())
    (root / "mixed.txt").write_bytes(
        "第一行是UTF-8。\n".encode() + "第二行是国标码。\n".encode("gbk")
    )
    (root / "crlf.txt").write_bytes(PLAIN.replace("\n", "\r\n").encode("gbk"))
    (root / "no-final-newline.txt").write_bytes(PLAIN.rstrip("\n").encode())
    (root / "empty.txt").write_bytes(b"")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "sub" / "dirty.md").write_text(DIRTY, encoding="utf-8")
    (root / "sub" / "clean.txt").write_text(PLAIN, encoding="utf-8")
    (root / "sub" / "loop").symlink_to("..")
    return root


def decoded(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def test_clean_tree_then_nothing_to_do(tree: Path) -> None:
    assert run("--jobs", "1", "-q", tree) == 0
    assert decoded(tree / "gbk.txt") == PLAIN
    assert decoded(tree / "big5.txt") == cjkclean.clean(PLAIN_TW)
    assert decoded(tree / "sjis.txt") == cjkclean.clean(PLAIN_JA)
    assert decoded(tree / "euckr.txt") == cjkclean.clean(PLAIN_KO)
    assert decoded(tree / "utf16.txt") == PLAIN
    assert (tree / "bom.txt").read_bytes() == PLAIN.encode()  # BOM only when asked
    assert decoded(tree / "mixed.txt") == cjkclean.clean("第一行是UTF-8。\n第二行是国标码。\n")
    assert (tree / "crlf.txt").read_bytes() == PLAIN.replace("\n", "\r\n").encode()
    assert (tree / "no-final-newline.txt").read_bytes() == PLAIN.rstrip("\n").encode()
    assert (tree / "empty.txt").read_bytes() == b""
    assert (tree / "image.png").read_bytes().startswith(b"\x89PNG")
    assert decoded(tree / "sub" / "dirty.md") == cjkclean.clean(DIRTY) != DIRTY
    assert (tree / "sub" / "loop").is_symlink()
    before = snapshot(tree)
    assert run("--jobs", "1", "-q", tree) == 0
    assert snapshot(tree) == before  # second run: nothing rewritten, not even touched


def test_check_never_writes(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(tree)
    assert run("--jobs", "1", "--check", tree) == 1
    assert snapshot(tree) == before
    err = capsys.readouterr().err
    assert "would clean" in err and "gbk.txt" in err
    run("--jobs", "1", "-q", tree)
    assert run("--jobs", "1", "--check", tree) == 0


def test_diff_prints_and_never_writes(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(tree)
    assert run("--jobs", "1", "--diff", tree / "sub" / "dirty.md") == 1
    out = capsys.readouterr().out
    assert snapshot(tree) == before
    assert out.startswith("--- a/") and "-打开网易新闻 查看精彩图片" in out
    assert run("--jobs", "1", "--diff", tree / "sub" / "clean.txt") == 0


def test_parallel_equals_serial(tree: Path, tmp_path: Path) -> None:
    assert run("--jobs", "1", "-q", "--output-dir", tmp_path / "one", tree) == 0
    assert run("--jobs", "2", "-q", "--output-dir", tmp_path / "two", tree) == 0
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert {k: v[0] for k, v in one.items()} == {k: v[0] for k, v in two.items()}
    assert "sub/dirty.md" in one and "image.png" not in one


def test_output_dir_mirrors_and_leaves_sources(tree: Path, tmp_path: Path) -> None:
    before = snapshot(tree)
    out = tmp_path / "out"
    assert run("--jobs", "1", "-q", "--output-dir", out, tree) == 0
    assert snapshot(tree) == before
    assert decoded(out / "gbk.txt") == PLAIN
    assert decoded(out / "sub" / "dirty.md") == cjkclean.clean(DIRTY)


def test_mode_bits_kept(tmp_path: Path) -> None:
    path = tmp_path / "run.txt"
    path.write_bytes(PLAIN.encode("gbk"))
    path.chmod(0o750)
    assert run("--jobs", "1", "-q", path) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o750
    assert decoded(path) == PLAIN


def test_read_only_file_reported_run_goes_on(tmp_path: Path) -> None:
    ro, rw = tmp_path / "ro.txt", tmp_path / "rw.txt"
    ro.write_bytes(PLAIN.encode("gbk"))
    rw.write_bytes(PLAIN.encode("gbk"))
    ro.chmod(0o444)
    try:
        assert run("--jobs", "1", "-q", ro, rw) == 2
        assert ro.read_bytes() == PLAIN.encode("gbk")
        assert decoded(rw) == PLAIN
    finally:
        ro.chmod(0o644)


def test_missing_file_is_an_error_others_done(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_bytes(PLAIN.encode("gbk"))
    assert run("--jobs", "1", "-q", tmp_path / "missing.txt", path) == 2
    assert decoded(path) == PLAIN


def test_vanished_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    result = cli.process_file(cli.Task(str(path), None), cli.Settings(options={}))
    assert (result.status, result.reason) == ("failed", "file vanished")


def test_symlinks_not_followed_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_bytes(PLAIN.encode("gbk"))
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert run("--jobs", "1", "-q", link) == 0
    assert target.read_bytes() == PLAIN.encode("gbk") and link.is_symlink()
    assert run("--jobs", "1", "-q", "--follow-symlinks", link) == 0
    assert link.is_symlink() and decoded(target) == PLAIN


def test_symlink_loop_terminates(tree: Path) -> None:
    assert run("--jobs", "1", "-q", "--follow-symlinks", tree) == 0
    assert decoded(tree / "gbk.txt") == PLAIN


def test_gitignore_and_excludes(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "ignored").mkdir()
    (root / "drafts").mkdir()
    (root / ".gitignore").write_text("ignored/\n*.bak\n")
    for name in ("ignored/a.txt", "drafts/b.txt", "c.bak", "d.txt", "e.py"):
        (root / name).write_bytes(PLAIN.encode("gbk"))
    assert run("--jobs", "1", "-q", "--extend-exclude", "drafts/", root) == 0
    assert decoded(root / "d.txt") == PLAIN
    for name in ("ignored/a.txt", "drafts/b.txt", "c.bak", "e.py"):
        assert (root / name).read_bytes() == PLAIN.encode("gbk"), name
    # Named explicitly, an excluded file is cleaned, unless --force-exclude (pre-commit's case).
    assert run("--jobs", "1", "-q", "--force-exclude", root / "e.py") == 0
    assert (root / "e.py").read_bytes() == PLAIN.encode("gbk")
    assert run("--jobs", "1", "-q", root / "e.py") == 0
    assert decoded(root / "e.py") == PLAIN


def test_lossy_left_alone_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.txt"
    data = PLAIN.encode("gbk") + b"\xff"
    path.write_bytes(data)
    assert run("--jobs", "1", path) == 0
    assert path.read_bytes() == data
    assert "--force" in capsys.readouterr().err
    assert run("--jobs", "1", "-q", "--force", path) == 0
    assert decoded(path).startswith(PLAIN)


def test_mixed_line_endings_kept(tmp_path: Path) -> None:
    path = tmp_path / "eol.txt"
    raw = "打开网易新闻 查看精彩图片\r\n第一行。\n第二行。\r\n第三行。"
    path.write_bytes(raw.encode("gbk"))
    assert run("--jobs", "1", "-q", path) == 0
    assert path.read_bytes() == "第一行。\n第二行。\r\n第三行。".encode()


def test_big_file_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    lines = [f"第{i}行：今天天气很好，我们去公园散步吧。\r\n" for i in range(3000)]
    path.write_bytes("".join(lines).encode("gbk"))
    out = tmp_path / "out"
    args = ["--jobs", "1", "-q", "--max-document-bytes", "4096", "--no-boilerplate"]
    assert run(*args, "--output-dir", out, path) == 0
    whole = tmp_path / "whole"
    assert run("--jobs", "1", "-q", "--no-boilerplate", "--output-dir", whole, path) == 0
    assert (out / "big.txt").read_bytes() == (whole / "big.txt").read_bytes()
    assert decoded(out / "big.txt").count("\r\n") == 3000
    assert run(*args, "--check", out / "big.txt") == 0


def test_big_file_diff_line_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.txt"
    lines = ["今天天气很好，我们去公园散步吧。\n"] * 400 + ["打开网易新闻 查看精彩图片\n", "完。\n"]
    path.write_text("".join(lines), encoding="utf-8")
    assert run("--jobs", "1", "--max-document-bytes", "2048", "--diff", path) == 1
    out = capsys.readouterr().out
    assert out.count("--- a/") == 1 and "@@ -39" in out.replace("@@ -40", "@@ -39")


def test_interrupted_write_leaves_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(PLAIN.encode("gbk"))

    def boom(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    assert run("--jobs", "1", "-q", path) == 130
    assert path.read_bytes() == PLAIN.encode("gbk")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def test_internal_error_exit_123(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(PLAIN, encoding="utf-8")

    def broken(text: str, **options: object) -> object:
        raise RuntimeError("stage bug")

    monkeypatch.setattr(
        cli, "clean_and_explain", lambda text, **o: ("", []) if not text else broken(text)
    )
    assert run("--jobs", "1", "-q", path) == 123
    assert decoded(path) == PLAIN


def test_config_and_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    project.mkdir()
    path = project / "a.txt"
    path.write_text(PLAIN_TW, encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.cjkclean]\nscript = "simplified"\n')
    assert run("--jobs", "1", "-q", "--check", path) == 1
    assert run("--jobs", "1", "-q", "--check", "--script", "keep", path) == 0  # flag wins
    (project / "pyproject.toml").write_text('[tool.cjkclean]\nscript = "simplified"\nbogus = 1\n')
    capsys.readouterr()
    assert run("--jobs", "1", "-q", path) == 2
    assert "'bogus'" in capsys.readouterr().err
    (project / "pyproject.toml").write_text("[tool.other]\n")
    (project / "cjkclean.toml").write_text("boilerplate = 'yes'\n")
    assert run("--jobs", "1", "-q", path) == 2
    assert "'boilerplate' must be bool" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == PLAIN_TW


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run() == 2
    assert run("--script", "klingon", "x.txt") == 2
    assert run("--no-such-flag", "x.txt") == 2
    assert run("-", "x.txt") == 2
    assert "unknown script" in capsys.readouterr().err


def test_every_option_field_is_a_flag() -> None:
    parser = cli._build_parser()
    for f in dataclasses.fields(Options):
        flag = "--" + f.name.replace("_", "-")
        if isinstance(f.default, bool):
            assert getattr(parser.parse_args([f"--no-{flag[2:]}", "x"]), f.name) is False
            assert getattr(parser.parse_args([flag, "x"]), f.name) is True
        else:
            assert getattr(parser.parse_args([flag, str(f.default), "x"]), f.name) == f.default


def test_jsonl_field_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "data.jsonl"
    rows = [
        '{"id": 1, "text": "打开网易新闻 查看精彩图片\\n正文。", "meta": {"b": 2, "a": 1}}',
        "{not json",
        '{"id":2,"text":"\\u6b63\\u6587\\u3002","x":[1, 2]}',
        '{"id": 3}',
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert run("--jobs", "1", "--format", "jsonl", "--field", "text", path) == 0
    out = path.read_text(encoding="utf-8").splitlines()
    assert out[1:] == rows[1:]  # untouched: bad JSON, unchanged escapes, no field
    first = json.loads(out[0])
    assert list(first) == ["id", "text", "meta"] and first["meta"] == {"b": 2, "a": 1}
    assert first["text"] == cjkclean.clean("打开网易新闻 查看精彩图片\n正文。")
    assert out[0].startswith('{"id": 1, "text": ') and out[0].endswith(
        ', "meta": {"b": 2, "a": 1}}'
    )
    assert "line 2" in capsys.readouterr().err


def test_report(tree: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    assert run("--jobs", "1", "-q", "--report", report, tree) == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert files["gbk.txt"]["input_encoding"] == "gbk"
    assert files["gbk.txt"]["output_encoding"] == "utf-8"
    assert files["mixed.txt"]["mixed"] is True
    assert files["image.png"]["status"] == "skipped"
    dirty = files["dirty.md"]
    assert dirty["lines_removed"] == 1
    first = dirty["changes"][0]
    assert (first["kind"], first["line"]) == ("boilerplate", 1)
    assert data["summary"]["seen"] == len(data["files"])


def test_stdin_filter() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cjkclean", "-"],
        input=DIRTY.encode("gbk"),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == cjkclean.clean(DIRTY)
    check = subprocess.run(
        [sys.executable, "-m", "cjkclean", "--check", "-"],
        input=DIRTY.encode(),
        capture_output=True,
        check=False,
    )
    assert (check.returncode, check.stdout) == (1, b"")


@pytest.mark.skipif(
    "mojibake" not in {s.name for s in STAGES}, reason="the mojibake stage is not registered yet"
)
def test_readme_first_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cjkclean", "-"],
        input="鍙戝竷 ÖÐÎÄ\n".encode(),
        capture_output=True,
        check=False,
    )
    assert proc.stdout.decode() == "发布 中文\n"


# --- Properties of the text plumbing ------------------------------------------------------------

_lines = st.lists(
    st.tuples(st.text(alphabet="中文ab \t。", max_size=6), st.sampled_from(["\n", "\r\n"])),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(_lines, st.booleans())
def test_identity_run_keeps_every_byte(lines: list[tuple[str, str]], final: bool) -> None:
    text = "".join(body + end for body, end in lines)
    if not final and text:
        text = text.rstrip("\r\n") or text
    out, _, _ = cli.clean_document(text, lambda t: (t, []))
    assert out == text


@settings(max_examples=60, deadline=None)
@given(_lines)
def test_line_endings_survive_line_removal(lines: list[tuple[str, str]]) -> None:
    text = "".join(f"{i}{body}{end}" for i, (body, end) in enumerate(lines))

    def drop_first(t: str) -> tuple[str, list[cjkclean.Step]]:
        return t.split("\n", 1)[1] if "\n" in t else t, []

    out, _, _ = cli.clean_document(text, drop_first)
    expected = "".join(f"{i}{body}{end}" for i, (body, end) in enumerate(lines) if i > 0)
    if len(lines) > 0:
        assert out == expected


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["id", "text", "meta", "x"]),
            st.one_of(st.integers(), st.text(max_size=8), st.none()),
            max_size=4,
        ),
        max_size=5,
    )
)
def test_jsonl_identity(rows: list[dict[str, object]]) -> None:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    out, changed, warnings = cli.clean_jsonl(text, "text", lambda t: (t, []))
    assert (out, changed, warnings) == (text, [], [])


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_corpus_dedup_two_passes(tmp_path: Path, jobs: str) -> None:
    root = tmp_path / "site"
    root.mkdir()
    template = "这是某个站点每一页都有的固定模板文字第一版"
    assert cjkclean.clean(template + "\n") == template + "\n"
    for i in range(6):
        body = f"第{i}篇文章的正文，内容各不相同，编号{i * 7}。\n"
        (root / f"{i}.txt").write_text(body + template + "\n", encoding="utf-8")
    assert run("--jobs", jobs, "-q", "--check", root) == 0  # off by default
    args = ["--jobs", jobs, "-q", "--corpus-dedup", "--corpus-min-files", "5"]
    assert run(*args, root) == 0
    for i in range(6):
        text = (root / f"{i}.txt").read_text(encoding="utf-8")
        assert template not in text and text.startswith(f"第{i}篇")
    assert run(*args, "--check", root) == 0


def test_leftover_temporary_files_are_ignored(tmp_path: Path) -> None:
    # What a kill -9 between write and rename leaves: never cleaned, never counted, and
    # (no live process holds its lock) deleted by an in-place run; --check leaves it.
    leftover = tmp_path / ".a.txt.x1y2.cjkclean.tmp"
    leftover.write_bytes(PLAIN.encode("gbk"))
    report = tmp_path.parent / f"{tmp_path.name}-report.json"
    assert run("--check", "-q", "--exclude", "nothing", tmp_path) == 0
    assert leftover.read_bytes() == PLAIN.encode("gbk")
    assert run("--jobs", "1", "-q", "--exclude", "nothing", "--report", report, tmp_path) == 0
    assert not leftover.exists()
    assert json.loads(report.read_text(encoding="utf-8"))["files"] == []


def test_followed_links_stay_inside_and_count_once(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(PLAIN.encode("gbk"))
    root = tmp_path / "root"
    root.mkdir()
    (root / "a.txt").write_bytes(PLAIN.encode("gbk"))
    (root / "same.txt").symlink_to(root / "a.txt")
    (root / "out").symlink_to(outside)
    report = tmp_path / "report.json"
    assert run("--jobs", "1", "-q", "--follow-symlinks", "--report", report, root) == 0
    assert (outside / "secret.txt").read_bytes() == PLAIN.encode("gbk")
    assert decoded(root / "a.txt") == PLAIN and (root / "same.txt").is_symlink()
    files = json.loads(report.read_text(encoding="utf-8"))["files"]
    assert sum(f["status"] == "changed" for f in files) == 1


def test_kill_9_leaves_old_or_new(tmp_path: Path) -> None:
    import signal
    import time

    path = tmp_path / "big.txt"
    lines = [f"第{i}行：今天天气很好，我们去公园散步吧。\n" for i in range(20000)]
    old = "".join(lines).encode("gbk")
    path.write_bytes(old)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cjkclean",
            "-q",
            "--jobs",
            "1",
            "--max-document-bytes",
            "65536",
            path,
        ],
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.5)  # somewhere in the middle of the streamed rewrite (or before, or after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    now = path.read_bytes()
    assert now == old or now == "".join(lines).encode("utf-8")
    assert run("--jobs", "1", "-q", tmp_path) == 0  # a leftover temporary file is ignored
    assert decoded(path) == "".join(lines)


def test_non_utf8_file_name(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    raw = os.fsencode(tmp_path) + b"/" + "文件".encode("gbk") + b".txt"
    with open(raw, "wb") as f:
        f.write(DIRTY.encode("gbk"))
    report = tmp_path.parent / f"{tmp_path.name}-names.json"
    assert run("--jobs", "1", "-q", "--diff", "--report", report, tmp_path) == 1
    assert "文件".encode("gbk") in capsysbinary.readouterr().out
    (entry,) = json.loads(report.read_text(encoding="utf-8"))["files"]
    assert entry["status"] == "changed"
    assert run("--jobs", "1", "-q", tmp_path) == 0
    with open(raw, "rb") as f:
        assert f.read().decode("utf-8") == cjkclean.clean(DIRTY)


def test_streamed_chunks_find_utf8_lines_in_a_gbk_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "CHUNK_BYTES", 4096)  # many chunks: GBK ones, UTF-8 ones, mixed ones
    path = tmp_path / "cat.txt"
    gbk = "".join(f"第{i}行：今天天气很好，我们去公园散步吧。\n" for i in range(400)).encode("gbk")
    utf8 = "".join(f"第{i}行：另一个文件，本来就是UTF-8。\n" for i in range(400)).encode()
    path.write_bytes(gbk + utf8 + gbk)
    assert run("--jobs", "1", "-q", "--max-document-bytes", "4096", "--no-boilerplate", path) == 0
    expected = (gbk.decode("gbk") + utf8.decode() + gbk.decode("gbk")).encode()
    assert path.read_bytes() == expected
