"""The ``--keep-removed`` record: every removed line and changed span, and how to undo them.

``cjkclean --keep-removed LOG PATH...`` appends JSON lines to ``LOG``:

* one ``run`` record when the run starts (``run`` id, version, ``mode`` write or check, ``cwd``);
* per changed document (a whole file, a streamed chunk of a big file, or a JSONL line's field),
  one ``document`` record saying where the document sits in the original and in the cleaned file
  and how its line endings and final newline were handled;
* one ``step`` record per changed span and per removed line (a step that removed several whole
  lines is split into one record per line): ``file``, ``line`` (1-based, in the original file),
  ``stage``, ``rule``, ``kind`` (``removed`` for a whole line removed, else ``changed``),
  ``before``, ``after``, and ``start``/``end``, the span in the text the stage received;
* one ``file`` record per file written (or, with ``--check``, that would be written), with its
  input encoding and the SHA-256 of the bytes before and after.

Because a stage's steps index the text that stage received, the stages can be undone from the
last to the first: that is :func:`undo_steps`, and :func:`restore` rebuilds the original files
from the cleaned files and the log. A document whose change cannot be undone step by step (which
the writer checks when it writes the record) carries its ``original`` text instead.

>>> from cjkclean.pipeline import Step
>>> steps = [Step("a", "upper", 0, 1, "x", "X"), Step("b", "drop", 1, 3, "\\nz", "")]
>>> undo_steps("X", steps)
'x\\nz'
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .decoding import BOMS
from .pipeline import Step, replay, rounds

__all__ = [
    "Restored",
    "add_runs",
    "document_records",
    "dumps",
    "jsonl_records",
    "read_log",
    "restore",
    "restore_file",
    "undo_steps",
]

RECORD_VERSION = 1


def _groups(steps: Sequence[Step]) -> list[list[Step]]:
    """The plan's rounds (one stage in one pass, see :func:`~cjkclean.pipeline.rounds`), each
    sorted by position as ``replay`` applies them.

    >>> [len(g) for g in _groups([Step("a", "r", 0, 1, "x", ""), Step("b", "r", 0, 0, "", "y")])]
    [1, 1]
    >>> [len(g) for g in _groups([Step("a", "r", 0, 1, "x", "y"),
    ...                          Step("a", "r", 0, 1, "y", "z", {"pass": 2})])]
    [1, 1]
    """
    return [sorted(g, key=lambda s: (s.start, s.end)) for g in rounds(steps)]


def _output_starts(group: Sequence[Step]) -> list[int]:
    """Where each step's ``after`` begins in the stage's output.

    >>> _output_starts([Step("a", "r", 0, 2, "xy", ""), Step("a", "r", 3, 4, "z", "ZZ")])
    [0, 1]
    """
    starts: list[int] = []
    shift = 0
    for step in group:
        starts.append(step.start + shift)
        shift += len(step.after) - (step.end - step.start)
    return starts


def _unapply(text: str, group: Sequence[Step]) -> str:
    """Undo one stage: put each ``before`` back where its ``after`` is in the stage's output.

    Raises ``ValueError`` when an ``after`` is not where the step says.

    >>> _unapply("aXc", [Step("s", "r", 1, 2, "b", "X")])
    'abc'
    """
    out: list[str] = []
    pos = 0
    for step, start in zip(group, _output_starts(group), strict=True):
        end = start + len(step.after)
        if start < pos or text[start:end] != step.after:
            raise ValueError(f"step does not match the cleaned text: {step!r}")
        out.append(text[pos:start])
        out.append(step.before)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def undo_steps(text: str, steps: Sequence[Step]) -> str:
    """Invert :func:`~cjkclean.pipeline.replay`: the input of a plan from its output.

    >>> undo_steps("yz", [Step("a", "r", 0, 1, "x", "yy"), Step("b", "r", 1, 2, "y", "z")])
    'x'
    """
    for group in reversed(_groups(steps)):
        text = _unapply(text, group)
    return text


def _back(position: int, group: Sequence[Step], starts: Sequence[int]) -> int:
    """Map a position in a stage's output to its input (inside a replacement: its start)."""
    i = bisect.bisect_right(starts, position) - 1
    if i < 0:
        return position
    step = group[i]
    end = starts[i] + len(step.after)
    if position < end:
        return step.start
    return step.end + (position - end)


def _split_removal(step: Step) -> list[Step]:
    """A removal of several lines becomes one step per line (adjacent spans, same rule).

    >>> [s.before for s in _split_removal(Step("b", "r", 0, 4, "a\\nb\\n", ""))]
    ['a\\n', 'b\\n']
    """
    lines = step.before.count("\n")
    if step.after or lines == 0 or (lines == 1 and step.before.endswith("\n")):
        return [step]
    pieces = [piece + "\n" for piece in step.before.split("\n")]
    pieces[-1] = pieces[-1][:-1]
    out: list[Step] = []
    pos = step.start
    for piece in pieces:
        if piece:
            out.append(Step(step.stage, step.rule, pos, pos + len(piece), piece, "", step.detail))
            pos += len(piece)
    return out


def _kind(step: Step, text: str) -> str:
    """``removed`` for a whole line taken out (blank lines included), else ``changed``.

    >>> _kind(Step("b", "r", 3, 6, "xy\\n", ""), "ab\\nxy\\n")
    'removed'
    >>> _kind(Step("b", "r", 0, 1, "a", ""), "ab")
    'changed'
    """
    if step.after or not step.before:
        return "changed"
    at_start = step.start == 0 or text[step.start - 1] == "\n"
    at_end = step.before.endswith("\n") or step.end == len(text)
    return "removed" if at_start and at_end else "changed"


def jsonable(value: Any) -> Any:
    """*value* if JSON can hold it, else its ``repr``.

    >>> jsonable({1}), jsonable([1])
    ('{1}', [1])
    """
    try:
        json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)
    return value


def _newlines(original: str) -> dict[str, Any]:
    """How ``original``'s line endings were turned to LF for the pipeline."""
    crlf = original.count("\r\n")
    if not crlf:
        return {"newline": "lf"}
    lf = original.count("\n") - crlf
    if not lf:
        return {"newline": "crlf"}
    ends = [i > 0 and original[i - 1] == "\r" for i, c in enumerate(original) if c == "\n"]
    crlf_lines = [n for n, is_crlf in enumerate(ends, start=1) if is_crlf]
    lf_lines = [n for n, is_crlf in enumerate(ends, start=1) if not is_crlf]
    if len(crlf_lines) <= len(lf_lines):
        return {"newline": "mixed", "crlf_lines": crlf_lines}
    return {"newline": "mixed", "lf_lines": lf_lines}


def _restore_newlines(work: str, document: Mapping[str, Any]) -> str:
    mode = document.get("newline", "lf")
    if mode == "lf":
        return work
    if mode == "crlf":
        return work.replace("\n", "\r\n")
    lines = work.split("\n")
    if "crlf_lines" in document:
        crlf = set(document["crlf_lines"])
    else:
        lf = set(document.get("lf_lines", ()))
        crlf = {n for n in range(1, len(lines)) if n not in lf}
    return (
        "".join(
            line + ("\r\n" if n in crlf else "\n") for n, line in enumerate(lines[:-1], start=1)
        )
        + lines[-1]
    )


def _final_newline(output: str, written: str) -> str | None:
    if written == output:
        return None
    if written == output + "\n":
        return "added"
    if written + "\n" == output:
        return "removed"
    return "other"


def restore_document(
    cleaned: str, document: Mapping[str, Any], steps: Sequence[Mapping[str, Any]]
) -> str:
    """The original text of one document from its cleaned text and its records.

    Raises ``ValueError`` when the records do not match the cleaned text.

    >>> doc = {"newline": "crlf"}
    >>> step = {"stage": "s", "rule": "r", "start": 0, "end": 2, "before": "ab", "after": "A"}
    >>> restore_document("A\\r\\n", doc, [step])
    'ab\\r\\n'
    """
    if "original" in document:
        return str(document["original"])
    text = cleaned if document.get("newline", "lf") == "lf" else cleaned.replace("\r\n", "\n")
    final = document.get("final_newline")
    if final == "added":
        if not text.endswith("\n"):
            raise ValueError("cleaned document does not end with the newline that was added")
        text = text[:-1]
    elif final == "removed":
        text += "\n"
    plan = [
        Step(
            str(s["stage"]),
            str(s["rule"]),
            int(s["start"]),
            int(s["end"]),
            s["before"],
            s["after"],
            {"pass": int(s.get("pass", 1))},
        )
        for s in steps
    ]
    return _restore_newlines(undo_steps(text, plan), document)


def document_records(
    original: str,
    work: str,
    steps: Sequence[Step],
    cleaned: str,
    *,
    doc: int,
    line: int,
    out_start: int,
) -> list[dict[str, Any]]:
    """Records for one document; ``[]`` when it did not change.

    ``original`` is the document as read, ``work`` the LF text the pipeline received, ``steps``
    its plan and ``cleaned`` what is written (endings and final newline restored). ``line`` is
    the document's first line in the file and ``out_start`` its character offset in the
    cleaned file's text.

    >>> s = Step("boilerplate", "share", 3, 9, "分享到：\\n", "")
    >>> records = document_records("正文\\n分享到：\\n", "正文\\n分享到：\\n", [s], "正文\\n",
    ...                            doc=0, line=1, out_start=0)
    >>> [(r["record"], r.get("line"), r.get("kind")) for r in records]
    [('document', 1, None), ('step', 2, 'removed')]
    """
    if cleaned == original:
        return []
    document: dict[str, Any] = {
        "record": "document",
        "doc": doc,
        "line": line,
        "out_start": out_start,
        "out_length": len(cleaned),
    }
    document.update(_newlines(original))
    entries: list[dict[str, Any]] = []
    try:
        output = replay(work, list(steps))
        lf_cleaned = cleaned if document["newline"] == "lf" else cleaned.replace("\r\n", "\n")
        final = _final_newline(output, lf_cleaned)
        if final:
            document["final_newline"] = final
        newlines = [i for i, c in enumerate(work) if c == "\n"]
        done: list[tuple[list[Step], list[int]]] = []
        text = work
        for group in _groups(steps):
            split = [piece for step in group for piece in _split_removal(step)]
            for step in split:
                position = step.start
                for earlier, starts in reversed(done):
                    position = _back(position, earlier, starts)
                entry: dict[str, Any] = {
                    "record": "step",
                    "doc": doc,
                    "line": line + bisect.bisect_left(newlines, position),
                    "stage": step.stage,
                    "rule": step.rule,
                    "kind": _kind(step, text),
                    "start": step.start,
                    "end": step.end,
                    "before": step.before,
                    "after": step.after,
                }
                if int(step.detail.get("pass", 1)) > 1:  # a later pass of the pipeline
                    entry["pass"] = int(step.detail["pass"])
                if step.detail:
                    entry["detail"] = jsonable(dict(step.detail))
                entries.append(entry)
            done.append((split, _output_starts(split)))
            text = replay(text, split)
        ok = final != "other" and restore_document(cleaned, document, entries) == original
    except ValueError:
        ok = False
    if not ok:
        document["original"] = original
    return [document, *entries]


def _literal_form(value: str, literal: str) -> dict[str, Any]:
    """How a JSON string literal was written, so the restored value is written the same way."""
    if json.dumps(value, ensure_ascii=False) == literal:
        return {"literal": "utf-8"}
    if json.dumps(value, ensure_ascii=True) == literal:
        return {"literal": "ascii"}
    return {"literal": "raw", "raw": literal}


def jsonl_records(
    original_line: str,
    cleaned_line: str,
    work: str,
    steps: Sequence[Step],
    *,
    field: str,
    number: int,
) -> list[dict[str, Any]]:
    """Records for the string field ``field`` of JSON line ``number`` (1-based).

    >>> s = Step("boilerplate", "share", 0, 5, "分享到：\\n", "")
    >>> recs = jsonl_records('{"text": "分享到：\\\\n正文"}', '{"text": "正文"}', "分享到：\\n正文",
    ...                      [s], field="text", number=3)
    >>> [(r["record"], r["line"]) for r in recs]
    [('document', 3), ('step', 3)]
    """
    from .cli import _json_string_span

    before = _json_string_span(original_line.rstrip("\r\n"), field)
    after = _json_string_span(cleaned_line.rstrip("\r\n"), field)
    if before is None or after is None:
        return []
    value, cleaned = before[2], after[2]
    records = document_records(value, work, steps, cleaned, doc=number, line=1, out_start=0)
    if not records:
        return []
    document = records[0]
    document.update({"line": number, "field": field})
    document.update(_literal_form(value, original_line.rstrip("\r\n")[before[0] : before[1]]))
    for entry in records[1:]:
        entry["value_line"] = entry["line"]
        entry["line"] = number
    return records


def dumps(record: Mapping[str, Any]) -> bytes:
    """One JSON line; escaped to ASCII only when a file name is not valid Unicode.

    >>> dumps({"file": "a.txt"})
    b'{"file": "a.txt"}\\n'
    """
    try:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record, ensure_ascii=True) + "\n").encode("ascii")


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``.

    >>> sha256(b"")[:8]
    'e3b0c442'
    """
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of a file's bytes, read in blocks (a Parquet file may be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _written_by(data: bytes, file: Mapping[str, Any]) -> bool:
    """Whether ``data`` is what the run of this ``file`` record wrote: the same bytes, or for
    Parquet (rewritten on undo, so never byte-identical) the same values of the column."""
    if sha256(data) == file.get("sha256_after"):
        return True
    if file.get("format") != "parquet" or not file.get("values_sha256_after"):
        return False
    import io

    from .formats_parquet import ParquetError, values_sha256

    try:
        return values_sha256(io.BytesIO(data), str(file.get("field"))) == file.get(
            "values_sha256_after"
        )
    except ParquetError:
        return False


# ---------------------------------------------------------------------------------------------
# Reading the log back


def read_log(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every complete record of a log (a line cut short by a killed run is skipped)."""
    records: list[dict[str, Any]] = []
    with open(path, "rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                break
            try:
                record = json.loads(raw)
            except ValueError:
                continue
            if isinstance(record, dict):
                records.append(record)
    return records


def bom_of(data: bytes) -> str:
    """The byte-order mark ``data`` starts with, in hex (``""`` for none).

    It need not be the codec's: a UTF-8 BOM on a GBK body is decoded as GBK.

    >>> bom_of(b"\\xef\\xbb\\xbfabc"), bom_of(b"abc")
    ('efbbbf', '')
    """
    return next((bom.hex() for bom in BOMS if data.startswith(bom)), "")


def add_runs(runs: list[list[Any]], codecs_of_lines: Iterable[str]) -> None:
    """Append line codecs to a run-length list ``[[codec, lines], ...]``.

    >>> runs = []
    >>> add_runs(runs, ["gbk", "gbk", "utf-8"]); add_runs(runs, ["utf-8"]); runs
    [['gbk', 2], ['utf-8', 2]]
    """
    for codec in codecs_of_lines:
        if runs and runs[-1][0] == codec:
            runs[-1][1] += 1
        else:
            runs.append([codec, 1])


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def byte_lines(text: str) -> list[str]:
    """Lines as ``bytes.splitlines(keepends=True)`` cuts them (the decoder's lines).

    >>> byte_lines("a\\r\\nb\\rc\\nd")
    ['a\\r\\n', 'b\\r', 'c\\n', 'd']
    """
    return _LINE.findall(text)


def _encode(text: str, file: Mapping[str, Any]) -> bytes | None:
    try:
        bom = bytes.fromhex(str(file.get("bom") or ""))
    except ValueError:
        return None
    data = _encode_body(text, file)
    return None if data is None else bom + data


def _encode_body(text: str, file: Mapping[str, Any]) -> bytes | None:
    encoding = str(file.get("encoding") or "utf-8")
    if encoding == "mixed" and file.get("line_encodings"):
        lines = iter(byte_lines(text))
        pieces: list[bytes] = []
        try:
            for codec, count in file["line_encodings"]:
                for _ in range(int(count)):
                    pieces.append(next(lines).encode(str(codec)))
        except (StopIteration, LookupError, UnicodeEncodeError):
            return None
        return b"".join(pieces) if next(lines, None) is None else None
    if encoding in ("ascii", "utf-8-sig"):
        encoding = "utf-8"  # the BOM, when there was one, is put back by the caller
    try:
        data = text.encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return None
    return data


def restore_file(
    cleaned: bytes,
    file: Mapping[str, Any],
    documents: Sequence[tuple[Mapping[str, Any], Sequence[Mapping[str, Any]]]],
) -> tuple[str, bytes | None]:
    """The original text of one file, and its original bytes when they can be rebuilt exactly.

    ``file`` is the file's ``file`` record and ``documents`` its ``document`` records, each with
    its ``step`` records. Raises ``ValueError`` when the records do not fit ``cleaned``.
    """
    if file.get("format") == "parquet":  # values restored; the bytes are a rewrite
        from .formats_parquet import restore_parquet

        return "", restore_parquet(cleaned, file, documents)
    if file.get("write_bom") and cleaned.startswith(codecs.BOM_UTF8):
        cleaned = cleaned[len(codecs.BOM_UTF8) :]
    text = cleaned.decode("utf-8", "surrogateescape")
    if file.get("format") == "jsonl":
        original = _restore_jsonl(text, documents)
    else:
        pieces: list[str] = []
        pos = 0
        for document, steps in sorted(documents, key=lambda d: int(d[0]["out_start"])):
            start = int(document["out_start"])
            end = start + int(document["out_length"])
            if start < pos or end > len(text):
                raise ValueError("document records do not fit the cleaned file")
            pieces.append(text[pos:start])
            pieces.append(restore_document(text[start:end], document, steps))
            pos = end
        pieces.append(text[pos:])
        original = "".join(pieces)
    data = _encode(original, file)
    if data is not None and sha256(data) != file.get("sha256_before"):
        data = None
    return original, data


def _restore_jsonl(
    text: str, documents: Sequence[tuple[Mapping[str, Any], Sequence[Mapping[str, Any]]]]
) -> str:
    from .cli import _json_string_span, _physical_lines

    lines = _physical_lines(text)
    for document, steps in documents:
        index = int(document["line"]) - 1
        if not 0 <= index < len(lines):
            raise ValueError(f"no line {index + 1} in the cleaned file")
        line = lines[index]
        body = line.rstrip("\r\n")
        span = _json_string_span(body, str(document["field"]))
        if span is None or not isinstance(span[2], str):
            raise ValueError(f"line {index + 1}: field {document['field']!r} not found")
        value = restore_document(span[2], document, steps)
        form = document.get("literal")
        if form == "raw":
            literal = str(document["raw"])
        else:
            literal = json.dumps(value, ensure_ascii=form == "ascii")
        lines[index] = body[: span[0]] + literal + body[span[1] :] + line[len(body) :]
    return "".join(lines)


@dataclass(frozen=True)
class Restored:
    """A file rebuilt from a log: ``path`` is where the cleaned file is, ``source`` the file
    that was read (they differ with ``--output-dir``); ``data`` is ``None`` when the original
    bytes could not be rebuilt exactly (a file of mixed encodings): then ``text`` is the
    original text."""

    path: str
    source: str
    text: str
    data: bytes | None
    runs: int


def _by_run(records: Iterable[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Per run (in log order): the run record and, per file, its records."""
    runs: dict[str, dict[str, Any]] = {}
    files: dict[str, dict[str, Any]] = {}
    for record in records:
        run = str(record.get("run", ""))
        if record.get("record") == "run":
            runs[run] = record
            files[run] = {}
            continue
        if run not in files:
            continue
        entry = files[run].setdefault(
            str(record.get("file")), {"file": None, "documents": {}, "steps": {}}
        )
        kind = record.get("record")
        if kind == "file":
            entry["file"] = record
        elif kind == "document":
            entry["documents"][record["doc"]] = record
        elif kind == "step":
            entry["steps"].setdefault(record["doc"], []).append(record)
    return [(runs[r], files[r]) for r in runs]


def restore(log: str | os.PathLike[str], *, only: Iterable[str] | None = None) -> list[Restored]:
    """Rebuild the original of every file a ``--keep-removed`` log says was cleaned.

    Runs are undone from the last to the first, each only if the file's current bytes are the
    ones that run wrote (by SHA-256), so a file changed since, or a run killed before its write,
    is left out. Nothing is written: the caller decides what to do with the result.
    """
    wanted = {os.path.abspath(p) for p in only} if only is not None else None
    chains: dict[str, tuple[str, list[tuple[dict[str, Any], dict[str, Any]]]]] = {}
    for run, files in _by_run(read_log(log)):
        if run.get("mode") != "write":
            continue
        cwd = str(run.get("cwd") or ".")
        for name, entry in files.items():
            record = entry["file"]
            if record is None:
                continue
            source = os.path.join(cwd, name)
            target = os.path.join(cwd, str(record.get("output") or name))
            chains.setdefault(os.path.abspath(target), (source, []))[1].append(entry)
    out: list[Restored] = []
    for target, (source, entries) in chains.items():
        if wanted is not None and target not in wanted:
            continue
        try:
            data: bytes | None = Path(target).read_bytes()
        except OSError:
            continue
        text = ""
        undone = 0
        for entry in reversed(entries):
            record = entry["file"]
            if data is None or not _written_by(data, record):
                break
            documents = [
                (doc, entry["steps"].get(key, [])) for key, doc in entry["documents"].items()
            ]
            text, data = restore_file(data, record, documents)
            undone += 1
        if undone:
            out.append(Restored(target, os.path.abspath(source), text, data, undone))
    return out


def main(argv: Sequence[str]) -> int:
    """``cjkclean restore LOG [--write] [PATH...]``: undo what a ``--keep-removed`` log records.

    Without ``--write`` it lists the files it would restore; with it, each file is replaced by
    its original (atomically, like a cleaning run). Exit 0, or 2 for a bad log or a failed write.
    """
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="cjkclean restore",
        description="Rebuild the originals of the files a --keep-removed log says were cleaned.",
    )
    parser.add_argument("log", metavar="LOG.jsonl")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="only these files")
    parser.add_argument("--write", action="store_true", help="replace the files by their originals")
    parser.add_argument("-q", "--quiet", action="store_true")
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:
        return 0 if exc.code in (0, None) else 2
    err = sys.stderr
    try:
        restored = restore(args.log, only=args.paths or None)
    except (OSError, ValueError) as exc:
        print(f"cjkclean restore: error: {args.log}: {exc}", file=err)
        return 2
    from .cli import _AtomicWriter

    code = 0
    for r in restored:
        if r.data is None:
            print(f"cjkclean restore: {r.path}: only the text can be rebuilt; left", file=err)
            code = 2
            continue
        if args.write:
            try:
                writer = _AtomicWriter(r.path, os.stat(r.path).st_mode)
                try:
                    writer.write(r.data)
                    writer.commit()
                except BaseException:
                    writer.discard()
                    raise
            except OSError as exc:
                print(f"cjkclean restore: error: {r.path}: {exc.strerror or exc}", file=err)
                code = 2
                continue
        if not args.quiet:
            verb = "restored" if args.write else "would restore"
            print(f"{verb} {r.path} ({r.runs} run{'s' if r.runs > 1 else ''})", file=err)
    return code
