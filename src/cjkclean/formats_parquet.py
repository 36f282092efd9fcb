"""Parquet files: clean one string column, leave every other column and the layout as it was.

``pip install cjkclean[parquet]`` (pyarrow, imported only when a Parquet file is handled).
The file is read and written one row group at a time (bounded memory); each output row group
has the rows of the matching input row group, in the same order, with the same schema (schema
metadata included) and the same compression codec. Only the cleaned column's values change;
nulls stay null.

:func:`clean_parquet` is the engine (any per-value function); :func:`process_parquet` is the CLI's
``--format parquet`` worker: same report, same atomic write and same refusal to overwrite a file
that changed meanwhile as for text and JSONL.

>>> pyarrow_missing() is None  # pyarrow is installed here
True
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cli import FileResult, Settings, Task

__all__ = [
    "PARQUET_SUFFIXES",
    "ParquetError",
    "clean_parquet",
    "iter_parquet_strings",
    "process_parquet",
    "pyarrow_missing",
    "restore_parquet",
    "values_sha256",
]

PARQUET_SUFFIXES = (".parquet", ".parq")
INSTALL_HINT = "Parquet support needs pyarrow: pip install cjkclean[parquet]"
MAGIC = b"PAR1"


class ParquetError(ValueError):
    """A Parquet file this module cannot clean (no such column, not a string column, unreadable)."""


def pyarrow_missing() -> str | None:
    """``None`` when pyarrow can be imported, else the message telling how to install it."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return INSTALL_HINT
    return None


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ImportError(INSTALL_HINT) from exc
    return pa, pq


def _open(source: str | IO[bytes]) -> Any:
    pa, pq = _pyarrow()
    try:
        return pq.ParquetFile(source)
    except (pa.ArrowException, OSError) as exc:
        raise ParquetError(f"not a readable Parquet file: {exc}") from exc


def _column_index(pf: Any, field: str) -> int:
    pa, _ = _pyarrow()
    schema = pf.schema_arrow
    index = schema.get_field_index(field)
    if index < 0:
        names = ", ".join(schema.names[:12])
        raise ParquetError(f"no column {field!r} (columns: {names})")
    kind = schema.field(index).type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        raise ParquetError(f"column {field!r} is {kind}, not a string column")
    return int(index)


def _compression(pf: Any) -> str:
    """The codec of the file's first column chunk, as ``ParquetWriter`` names it."""
    meta = pf.metadata
    if meta.num_row_groups == 0 or meta.num_columns == 0:
        return "snappy"
    codec = str(meta.row_group(0).column(0).compression).lower()
    return "none" if codec == "uncompressed" else codec


def iter_parquet_strings(source: str | IO[bytes], field: str) -> Iterator[str]:
    """Every non-null value of the string column ``field``, in row order.

    Raises :class:`ParquetError` for a missing or non-string column or an unreadable file.
    """
    pf = _open(source)
    _column_index(pf, field)
    for i in range(pf.metadata.num_row_groups):
        for value in pf.read_row_group(i, columns=[field]).column(0).to_pylist():
            if value is not None:
                yield value


def clean_parquet(
    source: str | IO[bytes],
    sink: IO[bytes] | None,
    field: str,
    transform: Callable[[int, str], str],
) -> int:
    """Rewrite ``source`` into ``sink`` with ``transform(row, value)`` applied to column ``field``.

    ``row`` counts from 0 over the whole file. With ``sink=None`` nothing is written (check
    mode). Returns the number of values that changed. Raises :class:`ParquetError`.

    >>> import io, pyarrow as pa, pyarrow.parquet as pq
    >>> src, dst = io.BytesIO(), io.BytesIO()
    >>> pq.write_table(pa.table({"id": [1, 2], "text": ["a", None]}), src)
    >>> _ = src.seek(0)
    >>> clean_parquet(src, dst, "text", lambda row, value: value.upper())
    1
    >>> pq.read_table(io.BytesIO(dst.getvalue())).to_pydict()
    {'id': [1, 2], 'text': ['A', None]}
    """
    pa, pq = _pyarrow()
    pf = _open(source)
    index = _column_index(pf, field)
    schema = pf.schema_arrow
    writer = None
    if sink is not None:
        writer = pq.ParquetWriter(sink, schema, compression=_compression(pf))
    changed = 0
    row = 0
    try:
        for group in range(pf.metadata.num_row_groups):
            try:
                table = pf.read_row_group(group)
            except (pa.ArrowException, OSError) as exc:
                raise ParquetError(f"row group {group} unreadable: {exc}") from exc
            values = table.column(index).to_pylist()
            out: list[str | None] = []
            for value in values:
                new = value if value is None else transform(row, value)
                changed += new != value
                out.append(new)
                row += 1
            if writer is not None:
                if values != out:
                    column = pa.array(out, type=schema.field(index).type)
                    table = table.set_column(index, schema.field(index), column)
                writer.write_table(table, row_group_size=max(1, table.num_rows))
    finally:
        if writer is not None:
            writer.close()
    return changed


def _is_parquet(f: IO[bytes], size: int) -> bool:
    if size < 12:
        return False
    head = f.read(4)
    f.seek(-4, os.SEEK_END)
    tail = f.read(4)
    f.seek(0)
    return head == MAGIC and tail == MAGIC


def process_parquet(task: Task, settings: Settings) -> FileResult:
    """The CLI worker for one Parquet file (``--format parquet --field NAME``)."""
    from .cli import (
        FileResult,
        _AtomicWriter,
        _describe,
        _diff,
        _fail,
        _flush_records,
        _keep,
        _merge,
        _open_input,
        _read_only,
        _run_pipeline,
        clean_document,
    )
    from .pipeline import Step

    missing = pyarrow_missing()
    if missing:
        return FileResult(task.path, "failed", missing)

    def run(text: str) -> tuple[str, list[Step]]:
        return _run_pipeline(text, settings)

    result = FileResult(task.path, "unchanged")
    diffs: list[str] = []
    before, after = ValuesHash(), ValuesHash()  # --keep-removed: the column's fingerprints

    def transform(row: int, value: str) -> str:
        cleaned, steps, work = clean_document(value, run)
        if settings.keep_removed:
            before.add(row, value)
            after.add(row, cleaned)
        if cleaned != value:
            fixes, changes, removed = _describe(work, steps, 0, settings.want_changes)
            for change in changes:
                change["line"] = row + 1
                change["row"] = row
            _merge(result, fixes, changes, removed)
            if settings.diff:
                diffs.append(_diff(f"{task.path}[row {row}]", value, cleaned))
            if settings.keep_removed:
                records = row_records(value, work, steps, cleaned, row, settings.field)
                _keep(result, settings, records)
        return cleaned

    f, st = _open_input(task.path, settings.follow_symlinks)
    with f:
        if not stat.S_ISREG(st.st_mode):
            return FileResult(task.path, "skipped", "not a regular file")
        if not _is_parquet(f, st.st_size):
            return FileResult(task.path, "skipped", "not a Parquet file")
        writer = None
        target = task.output or os.path.realpath(task.path)
        if settings.mode == "write":
            if task.output is None and _read_only(target, st):
                return _fail(result, "read-only file (permission denied)")
            writer = _AtomicWriter(target, st.st_mode if task.output is None else None)
        try:
            changed = clean_parquet(f, writer.file if writer else None, settings.field, transform)
        except ParquetError as exc:
            if writer is not None:
                writer.discard()
            return _fail(result, str(exc))
        except BaseException:
            if writer is not None:
                writer.discard()
            raise
    result.diff = "".join(diffs)
    if changed:
        result.status = "changed"
        if settings.keep_removed:
            record = {
                "record": "file",
                "format": "parquet",
                "field": settings.field,
                "values_sha256_before": before.hexdigest(),
                "values_sha256_after": after.hexdigest(),
                "sha256_before": _file_sha256(task.path),
                "sha256_after": _written_sha256(writer),
            }
            if task.output is not None:
                record["output"] = task.output
            _keep(result, settings, [record])
    if writer is None:
        return result
    if not changed and task.output is None:
        writer.discard()
        return result
    if task.output is None:
        now = os.stat(target)
        if (now.st_mtime_ns, now.st_size) != (st.st_mtime_ns, st.st_size):
            writer.discard()
            return _fail(result, "file changed while being cleaned; left as it was")
    try:
        if changed:
            _flush_records(result)  # the record is on disk before the file is replaced
        writer.commit()
    except BaseException:
        writer.discard()
        raise
    return result


class ValuesHash:
    """A fingerprint of a string column: SHA-256 over ``row, value`` of its non-null values.
    A rewritten Parquet file is not byte-identical to the one it came from (writer, pages,
    statistics), so undoing a cleaning is checked on the values.

    >>> a, b = ValuesHash(), ValuesHash()
    >>> a.add(0, "中文"); b.add(0, "中文")
    >>> a.hexdigest() == b.hexdigest()
    True
    """

    def __init__(self) -> None:
        import hashlib

        self._hash = hashlib.sha256()

    def add(self, row: int, value: str) -> None:
        self._hash.update(f"{row}\t{len(value)}\t".encode())
        self._hash.update(value.encode("utf-8", "surrogatepass"))

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def values_sha256(source: str | IO[bytes], field: str) -> str:
    """The :class:`ValuesHash` of column ``field`` of a Parquet file."""
    pf = _open(source)
    _column_index(pf, field)
    digest = ValuesHash()
    row = 0
    for i in range(pf.metadata.num_row_groups):
        for value in pf.read_row_group(i, columns=[field]).column(0).to_pylist():
            if value is not None:
                digest.add(row, value)
            row += 1
    return digest.hexdigest()


def _file_sha256(path: str) -> str:
    from .audit import sha256_file

    return sha256_file(path)


def _written_sha256(writer: Any) -> str:
    """SHA-256 of what the atomic writer holds (``""`` in check mode: nothing is written)."""
    if writer is None:
        return ""
    writer.file.flush()
    return _file_sha256(writer.tmp)


def row_records(
    value: str, work: str, steps: list[Any], cleaned: str, row: int, field: str
) -> list[dict[str, Any]]:
    """``--keep-removed`` records of one row's value: as for a document, with ``row`` (from 0)
    and ``line`` = row + 1; a step's line inside the value is ``value_line``."""
    from .audit import document_records

    records = document_records(value, work, steps, cleaned, doc=row, line=1, out_start=0)
    if not records:
        return []
    records[0].update({"row": row, "line": row + 1, "field": field})
    for entry in records[1:]:
        entry["value_line"] = entry["line"]
        entry.update({"line": row + 1, "row": row})
    return records


def restore_parquet(
    cleaned: bytes,
    file: dict[str, Any] | Any,
    documents: Any,
) -> bytes:
    """The Parquet file with the original values of the cleaned column, rebuilt from the
    cleaned file and its ``--keep-removed`` records. Raises ``ValueError`` when the records do
    not fit, or the rebuilt column's fingerprint is not the original's."""
    import io

    from .audit import restore_document

    field = str(file.get("field") or "")
    by_row = {int(doc["row"]): (doc, steps) for doc, steps in documents}

    def undo(row: int, value: str) -> str:
        if row not in by_row:
            return value
        doc, steps = by_row[row]
        return restore_document(value, doc, steps)

    sink = io.BytesIO()
    try:
        clean_parquet(io.BytesIO(cleaned), sink, field, undo)
        data = sink.getvalue()
        ok = values_sha256(io.BytesIO(data), field) == file.get("values_sha256_before")
    except ParquetError as exc:
        raise ValueError(str(exc)) from exc
    if not ok:
        raise ValueError(f"column {field!r}: the rebuilt values are not the original ones")
    return data
