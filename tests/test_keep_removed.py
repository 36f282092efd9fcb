"""``--keep-removed``: the JSONL record of every removed line and changed span, and undoing it.

The record must be enough to rebuild the original files from the cleaned ones: tested on the real
seed articles and labelled pages (in place, ``--jobs 2``, ``--output-dir``, streamed in chunks,
CRLF and mixed line endings, legacy encodings, JSONL), on two runs appended to one log, and by a
hypothesis property over generated dirty documents.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cjkclean
from cjkclean import audit, cli
from cjkclean.cli import clean_document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
PAGES = sorted(  # the labelled pages (heldout.txt is a list of names, not a page)
    p
    for p in (ROOT / "corpora" / "pages").glob("*.txt")
    if (p.parent / "labels" / p.name.replace(".txt", ".labels.tsv")).exists()
)
DIRTY_LINES = [
    "打开网易新闻 查看精彩图片",
    "【加入收藏】 【打印此文】 【关闭】",
    "分享到:",
    "鍙戝竷浼氫笂",  # UTF-8 read as GBK
    "科創(chuàng)企業(yè)發展",  # pinyin notes of a machine conversion
    "共同體?!?/strong>",
    "4月23日至24日,江蘇省召開會議",
    '" 五拼五比晒五榜 "',
    "2 月 19 日\u00a0\u00a0上午",
    "返回顶部",
]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no pyproject.toml of the repository applies


def _copy(files: list[Path], folder: Path) -> dict[Path, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for path in files:
        target = folder / path.name
        shutil.copyfile(path, target)
        out[target.resolve()] = target.read_bytes()
    return out


def _variants(folder: Path) -> dict[Path, bytes]:
    """Seed text in the shapes the writer must undo: CRLF, mixed endings, GBK, BOM, no newline."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEEDS[3].read_text(encoding="utf-8")
    lines = text.split("\n")
    shapes = {
        "crlf.txt": text.replace("\n", "\r\n").encode(),
        "mixed.txt": "".join(
            line + ("\r\n" if i % 3 else "\n") for i, line in enumerate(lines)
        ).encode(),
        "gbk.txt": SEEDS[2].read_text(encoding="utf-8").encode("gbk", "replace"),
        "bom.txt": b"\xef\xbb\xbf" + text.encode(),
        "bom-on-gbk.txt": b"\xef\xbb\xbf" + text.encode("gbk", "replace"),
        "no-final-newline.txt": text.rstrip("\n").encode(),
        "dirty.txt": "\n".join(DIRTY_LINES + lines[:40] + DIRTY_LINES).encode(),
        "mixed-codecs.txt": b"".join(
            (line + "\n").encode("gbk" if i % 2 else "utf-8", "replace")
            for i, line in enumerate(lines)
        ),
    }
    out = {}
    for name, data in shapes.items():
        (folder / name).write_bytes(data)
        out[(folder / name).resolve()] = data
    return out


def _check_restored(log: Path, originals: dict[Path, bytes], changed: int) -> None:
    restored = audit.restore(log)
    by_source = {Path(r.source): r for r in restored}
    assert len(restored) == changed
    for source, data in originals.items():
        if source in by_source:
            assert by_source[source].data == data, source.name
            assert by_source[source].text == cjkclean.decode(data).text


def _records(log: Path) -> list[dict[str, object]]:
    lines = log.read_bytes().split(b"\n")
    assert lines[-1] == b""  # every record is a whole line
    return [json.loads(line) for line in lines[:-1]]


def test_real_files_are_rebuilt_from_the_cleaned_files_and_the_record(tmp_path: Path) -> None:
    originals = _copy(SEEDS + PAGES, tmp_path / "corpus")
    log = tmp_path / "removed.jsonl"
    assert cli.main(["-q", "--keep-removed", str(log), "corpus"]) == 0
    changed = [p for p, data in originals.items() if p.read_bytes() != data]
    assert len(changed) >= len(SEEDS)
    records = _records(log)
    assert records[0]["record"] == "run" and records[0]["mode"] == "write"
    removed = [r for r in records if r.get("kind") == "removed"]
    assert removed and all(r["after"] == "" for r in removed)
    assert {r["file"] for r in records if r["record"] == "file"} == {
        os.path.join("corpus", p.name) for p in changed
    }
    # Every change, not only removals, is undone: the files come back byte for byte.
    assert not [r for r in records if "original" in r]
    _check_restored(log, originals, len(changed))


def test_removed_lines_point_at_labelled_boilerplate_lines(tmp_path: Path) -> None:
    """The ``line`` of a removed line is its line in the original file: the labels agree."""
    originals = _copy(SEEDS + PAGES, tmp_path / "corpus")
    log = tmp_path / "removed.jsonl"
    cli.main(["-q", "--keep-removed", str(log), "corpus"])
    labels: dict[tuple[str, int], str] = {}
    for path in originals:
        name = path.name.replace(".txt", ".labels.tsv")
        source = next(p for p in SEEDS + PAGES if p.name == path.name)
        for row in (source.parent / "labels" / name).read_text(encoding="utf-8").splitlines():
            if row and not row.startswith("#"):
                number, label = row.split("\t")[:2]
                labels[(path.name, int(number))] = label
    checked = 0
    for record in _records(log):
        if record.get("kind") == "removed" and record["stage"] == "boilerplate":
            before = str(record["before"])
            if not before.strip():
                continue
            key = (Path(str(record["file"])).name, int(str(record["line"])))
            assert labels.get(key) in ("drop", "either"), (key, before)
            checked += 1
    assert checked >= 50


def test_first_stage_spans_sit_on_their_line(tmp_path: Path) -> None:
    originals = _copy(SEEDS, tmp_path / "corpus")
    log = tmp_path / "removed.jsonl"
    cli.main(["-q", "--keep-removed", str(log), "corpus"])
    first_stage: dict[str, str] = {}
    checked = 0
    for record in _records(log):
        if record["record"] != "step":
            continue
        name = str(record["file"])
        first_stage.setdefault(name, str(record["stage"]))
        if record["stage"] != first_stage[name] or "\n" in str(record["before"]):
            continue
        source = next(data for p, data in originals.items() if name.endswith(p.name))
        line = source.decode("utf-8").split("\n")[int(str(record["line"])) - 1]
        assert str(record["before"]) in line
        checked += 1
    assert checked >= len(SEEDS)


def test_jobs_output_dir_streaming_and_shapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "CHUNK_BYTES", 4096)  # the workers are forked: they see it too
    originals = _copy(SEEDS, tmp_path / "corpus")
    originals |= _variants(tmp_path / "corpus" / "shapes")
    big = tmp_path / "corpus" / "big.txt"  # streamed in chunks: --max-document-bytes 1024
    big_data = "\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS).replace("\n", "\r\n")
    big.write_bytes(big_data.encode())
    originals[big.resolve()] = big.read_bytes()
    log = tmp_path / "removed.jsonl"
    argv = ["-q", "--jobs", "2", "--max-document-bytes", "1024", "--keep-removed", str(log)]
    assert cli.main([*argv, "--output-dir", "out", "corpus"]) == 0
    records = _records(log)
    chunks = [r for r in records if r["record"] == "document" and r["file"].endswith("big.txt")]
    assert len(chunks) > 5
    restored = {Path(r.source): r for r in audit.restore(log)}
    for source, data in originals.items():
        assert source.read_bytes() == data  # --output-dir leaves the sources alone
        assert restored[source].data == data, source.name
        assert restored[source].path.startswith(str((tmp_path / "out").resolve()))


def test_in_place_with_jobs_two(tmp_path: Path) -> None:
    originals = _copy(SEEDS, tmp_path / "corpus") | _variants(tmp_path / "corpus" / "shapes")
    log = tmp_path / "removed.jsonl"
    assert cli.main(["-q", "--jobs", "2", "--keep-removed", str(log), "corpus"]) == 0
    changed = sum(p.read_bytes() != data for p, data in originals.items())
    _check_restored(log, originals, changed)


def test_check_and_diff_record_what_would_change_and_write_nothing(tmp_path: Path) -> None:
    originals = _copy(SEEDS, tmp_path / "corpus")
    check_log, write_log = tmp_path / "check.jsonl", tmp_path / "write.jsonl"
    assert cli.main(["-q", "--check", "--keep-removed", str(check_log), "corpus"]) == 1
    assert all(p.read_bytes() == data for p, data in originals.items())
    assert audit.restore(check_log) == []  # a check run is an audit, nothing to undo
    cli.main(["-q", "--keep-removed", str(write_log), "corpus"])

    def steps(log: Path) -> list[tuple[object, ...]]:
        return [
            (r["file"], r["line"], r["stage"], r["rule"], r["before"], r["after"])
            for r in _records(log)
            if r["record"] == "step"
        ]

    assert steps(check_log) == steps(write_log)
    assert _records(check_log)[0]["mode"] == "check"


def test_two_runs_in_one_log_are_undone_last_first(tmp_path: Path) -> None:
    originals = _copy(SEEDS, tmp_path / "corpus")
    log = tmp_path / "removed.jsonl"
    cli.main(["-q", "--no-boilerplate", "--keep-removed", str(log), "corpus"])
    cli.main(["-q", "--keep-removed", str(log), "corpus"])
    assert sum(1 for r in _records(log) if r["record"] == "run") == 2
    restored = audit.restore(log)
    assert {r.runs for r in restored} == {2}
    for r in restored:
        assert r.data == originals[Path(r.path)]


def test_file_changed_after_the_run_is_not_undone(tmp_path: Path) -> None:
    originals = _copy(SEEDS[:2], tmp_path / "corpus")
    log = tmp_path / "removed.jsonl"
    cli.main(["-q", "--keep-removed", str(log), "corpus"])
    edited = next(iter(originals))
    edited.write_bytes(edited.read_bytes() + "新的一行。\n".encode())
    assert {Path(r.path) for r in audit.restore(log)} == set(originals) - {edited}


def test_jsonl_field_is_rebuilt(tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    rows = [json.dumps({"id": i, "text": t}, ensure_ascii=i % 2 == 0) for i, t in enumerate(texts)]
    rows.insert(2, "not json")
    rows.append('{"id": 9, "text": "\\u5206\\u4eab\\u5230:\\n\\u6b63\\u6587\\u3002", "x": 1}')
    data = ("\n".join(rows) + "\n").encode()
    path = tmp_path / "docs.jsonl"
    path.write_bytes(data)
    log = tmp_path / "removed.jsonl"
    assert cli.main(["-q", "--format", "jsonl", "--keep-removed", str(log), str(path)]) == 0
    assert path.read_bytes() != data
    (restored,) = audit.restore(log)
    assert restored.data == data


def test_stdin(tmp_path: Path) -> None:
    data = "\n".join(DIRTY_LINES).encode()
    log = tmp_path / "removed.jsonl"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run(
        [sys.executable, "-m", "cjkclean", "--keep-removed", str(log), "-"],
        input=data,
        capture_output=True,
        env=env,
        check=True,
    ).stdout
    records = _records(log)
    (file_record,) = [r for r in records if r["record"] == "file"]
    assert file_record["file"] == "-"
    documents = [
        (d, [s for s in records if s["record"] == "step" and s["doc"] == d["doc"]])
        for d in records
        if d["record"] == "document"
    ]
    text, original = audit.restore_file(out, file_record, documents)
    assert text == data.decode()
    assert original == data
    assert any(r.get("kind") == "removed" for r in records)


def test_log_inside_the_tree_is_not_cleaned(tmp_path: Path) -> None:
    _copy(SEEDS[:1], tmp_path / "corpus")
    log = tmp_path / "corpus" / "removed.txt"
    assert cli.main(["-q", "--keep-removed", str(log), "corpus"]) == 0
    cli.main(["-q", "--keep-removed", str(log), "corpus"])
    assert all(isinstance(r, dict) for r in _records(log))


def test_unwritable_log_is_a_usage_error(tmp_path: Path) -> None:
    _copy(SEEDS[:1], tmp_path / "corpus")
    assert cli.main(["--keep-removed", str(tmp_path / "no" / "such" / "x.jsonl"), "corpus"]) == 2


_LINE = st.one_of(
    st.sampled_from(DIRTY_LINES),
    st.sampled_from([line for p in SEEDS for line in p.read_text("utf-8").split("\n")][:400]),
    st.text(alphabet="中文，。,:a 1\u00a0\t", max_size=12),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(_LINE, min_size=1, max_size=12),
    endings=st.lists(st.sampled_from(["\n", "\r\n"]), min_size=12, max_size=12),
    final=st.booleans(),
)
def test_every_change_is_undone_step_by_step(
    lines: list[str], endings: list[str], final: bool
) -> None:
    text = "".join(line + end for line, end in zip(lines, endings, strict=False))
    if not final:
        text = text.rstrip("\r\n")
    cleaned, steps, work = clean_document(text, lambda t: cjkclean.clean_and_explain(t))
    records = audit.document_records(text, work, steps, cleaned, doc=0, line=1, out_start=0)
    if cleaned == text:
        assert records == []
        return
    document, entries = records[0], records[1:]
    assert "original" not in document  # undone from the steps, not from a stored copy
    assert audit.restore_document(cleaned, document, entries) == text


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_log_that_cannot_be_written_stops_before_any_file_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    originals = _copy(SEEDS[:2], tmp_path / "corpus")
    assert cli.main(["-q", "--jobs", "1", "--keep-removed", "/dev/full", "corpus"]) == 2
    # The run record is written first, so the disk-full log is an error before any file.
    assert all(p.read_bytes() == data for p, data in originals.items())
    # Past the run record (simulated: the first write succeeds), each file fails on its own.
    real_write = os.write
    calls = {"n": 0}

    def flaky(fd: int, data: bytes | memoryview) -> int:
        calls["n"] += 1
        if calls["n"] > 1 and fd == cli._KEEP_FD:
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", flaky)
    log = tmp_path / "removed.jsonl"
    assert cli.main(["-q", "--jobs", "1", "--keep-removed", str(log), "corpus"]) == 2
    assert all(p.read_bytes() == data for p, data in originals.items())
    assert list((tmp_path / "corpus").glob(".*.cjkclean.tmp")) == []


def test_restore_command(tmp_path: Path) -> None:
    originals = _copy(SEEDS[:3], tmp_path / "corpus")
    log = tmp_path / "removed.jsonl"
    cli.main(["-q", "--keep-removed", str(log), "corpus"])
    cleaned = {p: p.read_bytes() for p in originals}
    assert cli.main(["restore", str(log)]) == 0  # lists, writes nothing
    assert {p: p.read_bytes() for p in originals} == cleaned
    one = next(iter(originals))
    assert cli.main(["restore", "--write", str(log), str(one)]) == 0
    assert one.read_bytes() == originals[one]
    assert all(p.read_bytes() == cleaned[p] for p in originals if p != one)
    assert cli.main(["restore", "--write", "-q", str(log)]) == 0
    assert {p: p.read_bytes() for p in originals} == originals
    assert cli.main(["restore", str(tmp_path / "missing.jsonl")]) == 2


def test_non_utf8_file_name_is_logged_and_restored(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/" + "文件".encode("gbk") + b".txt"
    data = "\n".join(DIRTY_LINES).encode("gbk", "replace")
    with open(raw, "wb") as f:
        f.write(data)
    log = tmp_path / "removed.jsonl"
    assert cli.main(["-q", "--keep-removed", str(log), "corpus"]) == 0
    (restored,) = audit.restore(log)
    assert os.fsencode(restored.path) == raw
    assert restored.data == data
