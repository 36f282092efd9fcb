"""``cjkclean --format parquet``: only the cleaned column changes; row order, schema, other
columns, row groups and compression stay; writes are atomic.

Text values are real data: wild mojibake cases (``corpora/mojibake/wild.json``) and paragraphs
of scraped articles (``corpora/pages``), mixed with clean lines and nulls.
"""

from __future__ import annotations

import datetime
import decimal
import json
import os
from pathlib import Path
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import cjkclean  # noqa: E402
from cjkclean import cli  # noqa: E402
from cjkclean.cli import _fix_final_newline, main  # noqa: E402
from cjkclean.formats_parquet import ParquetError, clean_parquet  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str | None]:
    wild = json.loads((ROOT / "corpora" / "mojibake" / "wild.json").read_text("utf-8"))
    texts: list[str | None] = [c["input"] for c in wild["cases"][:10] if not c.get("lossy")]
    for path in sorted((ROOT / "corpora" / "pages").glob("*.txt"))[:6]:
        lines = [ln for ln in path.read_text("utf-8").splitlines() if ln.strip()]
        texts.append("\n".join(lines[:3] + lines[-3:]) + "\n")
    texts += ["已经很干净的一句话。", "", None, "plain English", None]
    return texts


def _table(texts: list[str | None]) -> Any:
    n = len(texts)
    return pa.table(
        {
            "id": pa.array(range(n), type=pa.int64()),
            "text": pa.array(texts, type=pa.string()),
            "score": pa.array([i / 7 if i % 4 else None for i in range(n)], type=pa.float64()),
            "ok": pa.array([i % 2 == 0 for i in range(n)]),
            "tags": pa.array([[f"t{i}", "中文"] for i in range(n)], type=pa.list_(pa.string())),
            "meta": pa.array([{"url": f"https://x/{i}", "len": i} for i in range(n)]),
            "raw": pa.array([bytes([i, 0xE6]) for i in range(n)], type=pa.binary()),
            "when": pa.array(
                [datetime.datetime(2024, 1, 1 + i % 28) for i in range(n)], type=pa.timestamp("ms")
            ),
            "price": pa.array([decimal.Decimal(i) / 100 for i in range(n)], pa.decimal128(9, 2)),
            "lang": pa.array(["zh" if i % 3 else "ja" for i in range(n)]).dictionary_encode(),
        }
    ).replace_schema_metadata({b"origin": b"cjkclean test"})


def _write(path: Path, table: Any, **kwargs: Any) -> None:
    pq.write_table(table, path, row_group_size=7, compression="zstd", **kwargs)


def _expected(value: str | None) -> str | None:
    # The CLI cleans each value as a document: the pipeline, with its final newline kept.
    return None if value is None else _fix_final_newline(value, cjkclean.clean(value))


def test_round_trip_changes_only_the_field(tmp_path: Path) -> None:
    path = tmp_path / "docs.parquet"
    texts = _texts()
    _write(path, _table(texts))
    table = pq.read_table(path)  # as the file holds it (Parquet names list items "element")
    before = pq.ParquetFile(path)
    before_meta = before.metadata
    assert main(["--format", "parquet", "--field", "text", "-q", str(path)]) == 0
    after = pq.read_table(path)
    assert after.schema.equals(table.schema, check_metadata=True)
    assert pq.ParquetFile(path).schema.equals(before.schema)  # the Parquet schema too
    for name in table.column_names:
        if name != "text":
            assert after.column(name).equals(table.column(name)), name
    cleaned = after.column("text").to_pylist()
    assert cleaned == [_expected(t) for t in texts]
    assert sum(a != b for a, b in zip(cleaned, texts, strict=True)) >= 8
    meta = pq.ParquetFile(path).metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [
        before_meta.row_group(i).num_rows for i in range(before_meta.num_row_groups)
    ]
    assert meta.row_group(0).column(0).compression == "ZSTD"
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
    # A second run finds nothing to do and leaves the file alone.
    mtime = path.stat().st_mtime_ns
    assert main(["--format", "parquet", "--field", "text", "--check", "-q", str(path)]) == 0
    assert main(["--format", "parquet", "--field", "text", "-q", str(path)]) == 0
    assert path.stat().st_mtime_ns == mtime


def test_check_report_and_output_dir(tmp_path: Path) -> None:
    src = tmp_path / "in" / "docs.parquet"
    src.parent.mkdir()
    _write(src, _table(_texts()))
    data = src.read_bytes()
    report = tmp_path / "report.json"
    args = ["--format", "parquet", "--field", "text", "-q"]
    assert main([*args, "--check", "--report", str(report), str(src)]) == 1
    assert src.read_bytes() == data
    entry = json.loads(report.read_text("utf-8"))["files"][0]
    assert entry["status"] == "changed" and entry["fixes"].get("mojibake", 0) >= 5
    assert {c["row"] for c in entry["changes"]} >= {0, 1}
    out = tmp_path / "out"
    assert main([*args, "--output-dir", str(out), str(tmp_path / "in")]) == 0
    assert src.read_bytes() == data
    copied = pq.read_table(out / "docs.parquet")
    assert copied.column("text").to_pylist() == [_expected(t) for t in _texts()]


def test_failed_write_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "docs.parquet"
    _write(path, _table(_texts()))
    data = path.read_bytes()

    def boom(*_: Any) -> tuple[str, list[Any]]:
        raise KeyboardInterrupt  # an interruption half-way through the rewrite

    monkeypatch.setattr(cli, "_run_pipeline", boom)
    with pytest.raises(KeyboardInterrupt):
        cli.process_file(cli.Task(str(path), None), cli.Settings(options={}, format="parquet"))
    assert path.read_bytes() == data
    assert os.listdir(tmp_path) == ["docs.parquet"]


def test_bad_input_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.parquet"
    _write(good, _table(["a"]))
    fake = tmp_path / "fake.parquet"
    fake.write_bytes(b"PAR1 this is not parquet PAR1")
    other = tmp_path / "notes.txt"
    other.write_text("鏂囩珷鍙戝竷鏃堕棿\n", "utf-8")
    assert main(["--format", "parquet", "--field", "body", str(good)]) == 2
    assert "no column 'body'" in capsys.readouterr().err
    assert main(["--format", "parquet", "--field", "id", str(good)]) == 2
    assert "not a string column" in capsys.readouterr().err
    assert main(["--format", "parquet", str(fake)]) == 2
    assert "not a readable Parquet file" in capsys.readouterr().err
    # A directory walk in Parquet mode takes only Parquet files.
    assert main(["--format", "parquet", "--check", "-q", str(tmp_path)]) == 2
    assert other.read_text("utf-8") == "鏂囩珷鍙戝竷鏃堕棿\n"
    assert main(["--format", "parquet", "-"]) == 2
    assert "standard input" in capsys.readouterr().err


def test_corpus_dedup_reads_parquet(tmp_path: Path) -> None:
    footer = "城南旧事编辑部出品，每周三晚上准时更新"
    texts = [f"第{i}篇文章的正文，内容各不相同，编号{i * 7}。\n{footer}\n" for i in range(12)]
    path = tmp_path / "docs.parquet"
    _write(path, _table(list(texts)))
    args = ["--format", "parquet", "--corpus-dedup", "--corpus-min-fraction", "0.5", "-q"]
    assert main([*args, str(path)]) == 0
    cleaned = pq.read_table(path).column("text").to_pylist()
    assert all(footer not in t and t.startswith(f"第{i}篇") for i, t in enumerate(cleaned))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=20)), max_size=30))
def test_clean_parquet_keeps_order_and_nulls(values: list[str | None]) -> None:
    import io

    src, dst = io.BytesIO(), io.BytesIO()
    pq.write_table(pa.table({"text": pa.array(values, pa.large_string())}), src, row_group_size=4)
    src.seek(0)
    changed = clean_parquet(src, dst, "text", lambda row, v: f"{row}:{v}")
    out = pq.read_table(io.BytesIO(dst.getvalue()))
    assert out.schema.field("text").type == pa.large_string()
    assert out.column("text").to_pylist() == [
        None if v is None else f"{i}:{v}" for i, v in enumerate(values)
    ]
    assert changed == sum(v is not None for v in values)


def test_missing_column_is_a_parquet_error(tmp_path: Path) -> None:
    path = tmp_path / "x.parquet"
    pq.write_table(pa.table({"a": [1]}), path)
    with pytest.raises(ParquetError, match="no column 'text'"):
        clean_parquet(str(path), None, "text", lambda row, v: v)


def test_keep_removed_records_rows_and_restores_the_column(tmp_path: Path) -> None:
    """``--keep-removed`` with Parquet: one document record per changed row (its ``row``), and
    ``cjkclean restore`` gives back the column's original values, other columns untouched."""
    from cjkclean import audit

    texts = _texts()
    path, log = tmp_path / "data.parquet", tmp_path / "removed.jsonl"
    _write(path, _table(texts))
    original = pq.read_table(path)
    argv = ["-q", "--format", "parquet", "--field", "text", "--keep-removed", str(log)]
    assert main([*argv, str(path)]) == 0
    cleaned = pq.read_table(path)
    after = cleaned.column("text").to_pylist()
    changed = [i for i, (a, b) in enumerate(zip(texts, after, strict=True)) if a != b]
    assert changed
    records = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    rows = sorted(r["row"] for r in records if r["record"] == "document")
    assert rows == changed
    assert all(r["line"] == r["row"] + 1 for r in records if r["record"] == "step")
    (restored,) = audit.restore(log)
    assert restored.data is not None
    back = pq.read_table(pa.BufferReader(restored.data))
    assert back.to_pydict() == original.to_pydict()
    assert back.schema == original.schema
    assert audit.main([str(log), "--write", "-q"]) == 0
    assert pq.read_table(path).to_pydict() == original.to_pydict()
    assert audit.restore(log) == []  # undone: the file is no longer what the run wrote


def test_keep_removed_check_mode_writes_nothing_to_restore(tmp_path: Path) -> None:
    path, log = tmp_path / "data.parquet", tmp_path / "removed.jsonl"
    _write(path, _table(_texts()))
    before = path.read_bytes()
    argv = ["-q", "--check", "--format", "parquet", "--field", "text", "--keep-removed", str(log)]
    assert main([*argv, str(path)]) == 1
    assert path.read_bytes() == before
    kinds = {json.loads(line)["record"] for line in log.read_text("utf-8").splitlines()}
    assert {"run", "document", "step", "file"} <= kinds
    from cjkclean import audit

    assert audit.restore(log) == []  # a check run wrote nothing, so there is nothing to undo
