"""The ``cjkclean`` command: clean files in place, black/ruff style.

``cjkclean PATH...`` cleans the given files, and directories recursively (``.gitignore`` honoured).
``-`` reads standard input and writes the cleaned text to standard output::

    cjkclean corpus/                      # clean in place
    cjkclean --check --diff corpus/       # write nothing, show what would change, exit 1
    cjkclean --output-dir clean/ raw/     # cleaned copies, mirroring the tree
    echo '鍙戝竷' | cjkclean -             # a filter

Every stage of the pipeline has a switch named like its :class:`~cjkclean.pipeline.Options`
field (``--no-boilerplate``, ``--script simplified``...); the switches are read from the dataclass
at run time, so a new stage's options appear here by themselves. The same names are the keys of
``[tool.cjkclean]`` in the nearest ``pyproject.toml`` (or of a ``cjkclean.toml``).

Data safety: a file is written through a temporary file in its own directory, flushed to disk and
renamed over the original, with the original's mode bits, so an interrupted run leaves either the
old or the new version. Line endings (LF, CRLF, mixed), the final newline or its absence are kept;
a legacy-encoded file becomes UTF-8 (and the report says so); binary files, symlinks (unless
``--follow-symlinks``) and files that cannot be decoded without loss (unless ``--force``) are left
alone.

Big files: a file up to ``--max-document-bytes`` (4 MiB by default) is cleaned as one document.
A larger one is streamed in chunks of whole lines (about 1 MiB, cut at a blank line where one is
near), each chunk cleaned as a document of its own, so memory stays bounded whatever the size.
Document-level stages (boilerplate's header/footer rules, duplicate-title removal) then see one
chunk at a time: such files are usually many documents concatenated, where this is the right unit.

Exit codes: 0 done or nothing to do; 1 something would change (``--check`` / ``--diff``);
2 usage, configuration or I/O error; 123 internal error.

>>> _parse_args(["--check", "--no-boilerplate", "a.txt"]).check
True
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import difflib
import json
import os
import re
import stat
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import __version__
from .audit import jsonable
from .decoding import Decoded, decode, is_binary
from .formats_parquet import (
    PARQUET_SUFFIXES,
    ParquetError,
    iter_parquet_strings,
    process_parquet,
    pyarrow_missing,
)
from .pipeline import Options, Step, apply_steps, clean_and_explain, rounds

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

__all__ = ["main"]

EXIT_OK, EXIT_CHANGES, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 123

# Paths never entered or cleaned unless ``--exclude`` replaces this list (gitignore syntax).
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".git/",
    ".hg/",
    ".svn/",
    ".venv/",
    "venv/",
    ".tox/",
    ".nox/",
    "node_modules/",
    "__pycache__/",
    "*.egg-info/",
    ".mypy_cache/",
    ".pytest_cache/",
    ".ruff_cache/",
    ".hypothesis/",
    "build/",
    "dist/",
    "*.cjkclean.tmp",
    # Source code, markup and configuration: text, but not prose to clean.
    "*.py",
    "*.pyi",
    "*.js",
    "*.ts",
    "*.c",
    "*.h",
    "*.cpp",
    "*.rs",
    "*.go",
    "*.java",
    "*.sh",
    "*.json",
    "*.toml",
    "*.yaml",
    "*.yml",
    "*.cfg",
    "*.ini",
    "*.lock",
    "*.css",
    "*.html",
    "*.htm",
    "*.xml",
    "*.svg",
    ".gitignore",
    ".gitattributes",
    ".pre-commit-hooks.yaml",
    ".pre-commit-config.yaml",
)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CHUNK_BYTES = 1 << 20
MIN_CONFIDENCE = 0.3
POOL_MIN_BYTES = 2 << 20
POOL_BATCH_BYTES = 1 << 20
POOL_BATCH_FILES = 8


# ---------------------------------------------------------------------------------------------
# Settings


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to process one file (picklable)."""

    options: dict[str, Any]
    mode: str = "write"  # write | check
    diff: bool = False
    output_dir: str | None = None
    format: str = "text"
    field: str = "text"
    force: bool = False
    write_bom: bool = False
    follow_symlinks: bool = False
    max_document_bytes: int = 4 << 20
    want_changes: bool = False
    corpus_dedup: bool = False
    corpus_min_files: int = 5
    corpus_min_fraction: float = 0.01
    keep_removed: str = ""  # the run id of a --keep-removed log; "" when none


@dataclass
class FileResult:
    """What happened to one file."""

    path: str
    status: str  # changed | unchanged | skipped | failed | error
    reason: str = ""
    encoding: str = ""
    mixed: bool = False
    lossy: bool = False
    confidence: float = 1.0
    fixes: dict[str, int] = field(default_factory=dict)
    changes: list[dict[str, Any]] = field(default_factory=list)
    lines_removed: int = 0
    warnings: list[str] = field(default_factory=list)
    bytes_in: int = 0  # for the HTML report
    bytes_out: int = 0
    diff: str = ""
    records: list[bytes] = field(default_factory=list)  # --keep-removed lines not yet written
    documents: int = 0  # --keep-removed: documents (streamed chunks) seen so far
    out_chars: int = 0  # --keep-removed: characters of cleaned text so far
    spooled: tuple[int, int] | None = None  # --report: where `changes` went in the spool

    def to_json(self) -> dict[str, Any]:
        """The report entry for this file."""
        out: dict[str, Any] = {"path": self.path, "status": self.status}
        if self.reason:
            out["reason"] = self.reason
        if self.encoding:
            out["input_encoding"] = self.encoding
            out["output_encoding"] = "utf-8"
            out["confidence"] = self.confidence
        if self.mixed:
            out["mixed"] = True
        if self.lossy:
            out["lossy"] = True
        out["fixes"] = self.fixes
        out["changes"] = self.changes
        out["lines_removed"] = self.lines_removed
        if self.warnings:
            out["warnings"] = self.warnings
        return out


class UsageError(Exception):
    """A bad command line or configuration (exit 2)."""


def _option_fields() -> list[dataclasses.Field[Any]]:
    return list(dataclasses.fields(Options))


_OWN_KEYS: dict[str, type] = {
    "exclude": list,
    "extend_exclude": list,
    "force_exclude": bool,
    "jobs": int,
    "format": str,
    "field": str,
    "force": bool,
    "write_bom": bool,
    "follow_symlinks": bool,
    "max_document_bytes": int,
    "corpus_dedup": bool,
    "corpus_min_files": int,
    "corpus_min_fraction": float,
}


# ---------------------------------------------------------------------------------------------
# Command line


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cjkclean",
        description="Repair and clean Chinese/Japanese/Korean text files in place.",
        epilog="Exit codes: 0 done, 1 changes needed (--check/--diff), 2 usage or I/O error, "
        "123 internal error.",
    )
    add = parser.add_argument
    add("paths", nargs="*", metavar="PATH", help="files or directories; '-' for stdin to stdout")
    add("--check", action="store_true", help="write nothing; exit 1 if any file would change")
    add("--diff", action="store_true", help="print a unified diff of the changes; write nothing")
    add("--output-dir", metavar="DIR", help="write cleaned copies under DIR, mirroring the tree")
    add("--jobs", "-j", type=int, metavar="N", default=None, help="worker processes (all cores)")
    add(
        "--format",
        choices=("text", "jsonl", "parquet"),
        default=None,
        help="file format (default text); parquet needs pip install cjkclean[parquet]",
    )
    add("--field", metavar="NAME", default=None, help="JSON field or Parquet column to clean")
    add(
        "--exclude",
        action="append",
        metavar="PATTERN",
        default=None,
        help="gitignore-style pattern of paths to skip (replaces the defaults; repeatable)",
    )
    add(
        "--extend-exclude",
        action="append",
        metavar="PATTERN",
        default=None,
        help="pattern added to the exclusions (repeatable)",
    )
    add(
        "--force-exclude",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="apply exclusions to files named on the command line too (for pre-commit)",
    )
    add(
        "--force",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="rewrite files even when decoding them loses bytes or is uncertain",
    )
    add(
        "--follow-symlinks",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="follow symbolic links (never outside the given paths)",
    )
    add(
        "--write-bom",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write a UTF-8 byte-order mark",
    )
    add(
        "--max-document-bytes",
        type=int,
        metavar="N",
        default=None,
        help="files larger than this are streamed in chunks of lines (default 4 MiB)",
    )
    add(
        "--corpus-dedup",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="two passes: also remove lines repeated across many files of the given paths",
    )
    add(
        "--corpus-min-files",
        type=int,
        metavar="N",
        default=None,
        help="with --corpus-dedup: a template line occurs in at least N files (default 5)",
    )
    add(
        "--corpus-min-fraction",
        type=float,
        metavar="F",
        default=None,
        help="with --corpus-dedup: ...and in at least this fraction of files (default 0.01)",
    )
    add(
        "--config",
        metavar="FILE",
        help="configuration file (default: nearest pyproject.toml "
        "with [tool.cjkclean], or cjkclean.toml)",
    )
    add("--report", metavar="FILE.json", help="write a JSON report of every file and change")
    add(
        "--keep-removed",
        metavar="FILE.jsonl",
        help="append every removed line and changed span to this JSONL log (enough to undo)",
    )
    add("--report-html", metavar="FILE.html", help="write a self-contained HTML report")
    add("-q", "--quiet", action="store_true", help="only errors on stderr")
    add("-v", "--verbose", action="store_true", help="report every file")
    add("--version", action="version", version=f"cjkclean {__version__}")
    stages = parser.add_argument_group("pipeline options (same names as the Python keywords)")
    own = {a.dest for a in parser._actions}
    for f in _option_fields():
        flag = "--" + f.name.replace("_", "-")
        if f.name in own:
            raise RuntimeError(f"pipeline option {f.name!r} collides with a cjkclean flag")
        default = f.default
        if isinstance(default, bool):
            stages.add_argument(
                flag,
                dest=f.name,
                action=argparse.BooleanOptionalAction,
                default=None,
                help=f"(default {'on' if default else 'off'})",
            )
        elif isinstance(default, (int, float)):
            stages.add_argument(
                flag,
                dest=f.name,
                type=type(default),
                default=None,
                metavar="N",
                help=f"(default {default})",
            )
        else:
            stages.add_argument(
                flag, dest=f.name, default=None, metavar="VALUE", help=f"(default {default})"
            )
    return parser


def _parse_args(argv: Sequence[str]) -> argparse.Namespace:
    return _build_parser().parse_args(list(argv))


# ---------------------------------------------------------------------------------------------
# Configuration


def _find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest ``cjkclean.toml`` or ``pyproject.toml`` with ``[tool.cjkclean]``."""
    start = start.resolve()
    for directory in (start, *start.parents):
        own = directory / "cjkclean.toml"
        if own.is_file():
            data = _read_toml(own)
            table = data.get("tool", {}).get("cjkclean", data) if "tool" in data else data
            return own, dict(table)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            data = _read_toml(pyproject)
            table = data.get("tool", {}).get("cjkclean")
            if isinstance(table, dict):
                return pyproject, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return dict(tomllib.load(f))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read configuration {path}: {exc}") from exc


def _check_config(path: Path, table: dict[str, Any]) -> dict[str, Any]:
    """Normalise keys (``-`` or ``_``), reject unknown keys and wrong types."""
    fields = {f.name: f.default for f in _option_fields()}
    out: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key in fields:
            expected: type = type(fields[key])
        elif key in _OWN_KEYS:
            expected = _OWN_KEYS[key]
        else:
            known = sorted({k.replace("_", "-") for k in (*fields, *_OWN_KEYS)})
            raise UsageError(
                f"{path}: unknown key {raw_key!r} in cjkclean configuration "
                f"(known: {', '.join(known)})"
            )
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if expected is list and isinstance(value, str):
            value = [value]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise UsageError(
                f"{path}: key {raw_key!r} must be {expected.__name__}, not {type(value).__name__}"
            )
        out[key] = value
    return out


def _settings_from(args: argparse.Namespace) -> tuple[Settings, dict[str, Any]]:
    """Merge defaults < configuration file < command line."""
    if args.config:
        config_path = Path(args.config)
        if not config_path.is_file():
            raise UsageError(f"configuration file not found: {config_path}")
        data = _read_toml(config_path)
        table = data.get("tool", {}).get("cjkclean", {}) if "tool" in data else data
        found: tuple[Path, dict[str, Any]] | None = (config_path, dict(table))
    else:
        start = Path.cwd()
        real = [Path(p) for p in args.paths if p != "-"]
        if real:
            try:
                common = Path(os.path.commonpath([str(p.resolve()) for p in real]))
            except ValueError:
                common = Path.cwd()
            start = common if common.is_dir() else common.parent
        found = _find_config(start)
    config = _check_config(*found) if found else {}
    merged = dict(config)
    for key in (*(f.name for f in _option_fields()), *_OWN_KEYS):
        value = getattr(args, key, None)
        if value is not None:
            merged[key] = value
    options = {f.name: merged[f.name] for f in _option_fields() if f.name in merged}
    try:
        clean_and_explain("中文 text。\n", **options)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"invalid pipeline option: {exc}") from exc
    fmt = merged.get("format", "text")
    if fmt not in ("text", "jsonl", "parquet"):
        raise UsageError(f"format must be 'text', 'jsonl' or 'parquet', not {fmt!r}")
    if fmt == "parquet" and pyarrow_missing():
        raise UsageError(str(pyarrow_missing()))
    settings = Settings(
        options=options,
        mode="check" if args.check or args.diff else "write",
        diff=bool(args.diff),
        output_dir=args.output_dir,
        format=fmt,
        field=merged.get("field", "text"),
        force=bool(merged.get("force", False)),
        write_bom=bool(merged.get("write_bom", False)),
        follow_symlinks=bool(merged.get("follow_symlinks", False)),
        max_document_bytes=max(1024, int(merged.get("max_document_bytes", 4 << 20))),
        want_changes=bool(args.report) or bool(args.report_html) or bool(args.verbose),
        corpus_dedup=bool(merged.get("corpus_dedup", False)),
        corpus_min_files=int(merged.get("corpus_min_files", 5)),
        corpus_min_fraction=float(merged.get("corpus_min_fraction", 0.01)),
        keep_removed=os.urandom(6).hex() if args.keep_removed else "",
    )
    return settings, merged


# ---------------------------------------------------------------------------------------------
# Finding files


@dataclass(frozen=True)
class Task:
    """One file to process: where to read, where to write (None: in place)."""

    path: str
    output: str | None


def _gitignore_spec(lines: Iterable[str]) -> Any:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(lines))


def _git_root(directory: Path) -> Path | None:
    for d in (directory, *directory.parents):
        if (d / ".git").exists():
            return d
    return None


def _read_gitignore(directory: Path) -> Any | None:
    path = directory / ".gitignore"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return _gitignore_spec(text.splitlines())


class _Walker:
    """Collect files under the given paths, honouring exclusions and ``.gitignore``."""

    def __init__(
        self,
        exclude: Sequence[str],
        settings: Settings,
        force_exclude: bool,
        roots: Sequence[str],
    ) -> None:
        self.exclude = _gitignore_spec(exclude)
        self.roots = list(roots)
        self.nested_output = len(self.roots) > 1
        self.settings = settings
        self.force_exclude = force_exclude
        self.tasks: list[Task] = []
        self.real_paths: set[str] = set()
        self.skipped: list[FileResult] = []
        self.errors: list[FileResult] = []
        self.output_dir = Path(settings.output_dir).resolve() if settings.output_dir else None
        # In place, temporary files left by a killed run are deleted as they are met.
        self.sweep = settings.mode == "write" and self.output_dir is None
        self.file_dirs: dict[str, set[str]] = {}

    def add(self, arg: str) -> None:
        path = Path(arg)
        if not os.path.lexists(path):
            self.errors.append(FileResult(arg, "failed", "no such file or directory"))
            return
        if path.is_symlink() and not self.settings.follow_symlinks:
            self.skipped.append(FileResult(arg, "skipped", "symbolic link (--follow-symlinks)"))
            return
        if path.is_dir():
            self._walk_root(path)
            return
        if not path.is_file():
            self.skipped.append(FileResult(arg, "skipped", "not a regular file"))
            return
        if self.force_exclude and self.exclude.match_file(path.as_posix()):
            return
        output = None
        if self.output_dir is not None:
            output = str(self.output_dir / path.name)
        elif self.sweep:
            self.file_dirs.setdefault(os.path.dirname(os.path.abspath(path)), set()).add(path.name)
        self.tasks.append(Task(str(path), output))

    def sweep_file_arguments(self) -> None:
        """Delete leftovers of killed runs next to the files named on the command line."""
        for directory, names in self.file_dirs.items():
            with contextlib.suppress(OSError):
                for name in os.listdir(directory):
                    if _is_leftover_name(name) and name[1:].rsplit(".", 3)[0] in names:
                        _remove_leftover(os.path.join(directory, name))

    def _walk_root(self, root: Path) -> None:
        ignores: list[tuple[Path, Any]] = []
        git_root = _git_root(root.resolve())
        if git_root is not None:
            resolved = root.resolve()
            # .gitignore files of the repository's directories above the root apply too.
            for d in reversed([resolved, *resolved.parents]):
                if d == resolved or not str(d).startswith(str(git_root)):
                    continue
                spec = _read_gitignore(d)
                if spec is not None:
                    ignores.append((d, spec))
        seen: set[tuple[int, int]] = set()
        self._walk(root, root, ignores, seen)

    def _ignored(self, path: Path, rel: str, is_dir: bool, ignores: list[tuple[Path, Any]]) -> bool:
        suffix = "/" if is_dir else ""
        if self.exclude.match_file(rel + suffix):
            return True
        resolved = path.resolve() if self.settings.follow_symlinks else path.absolute()
        for base, spec in ignores:
            try:
                inner = resolved.relative_to(base.resolve()).as_posix()
            except ValueError:
                try:
                    inner = path.absolute().relative_to(base.resolve()).as_posix()
                except ValueError:
                    continue
            if spec.match_file(inner + suffix):
                return True
        return False

    def _walk(
        self,
        root: Path,
        directory: Path,
        ignores: list[tuple[Path, Any]],
        seen: set[tuple[int, int]],
    ) -> None:
        try:
            st = directory.stat()
        except OSError as exc:
            self.errors.append(FileResult(str(directory), "failed", _os_reason(exc)))
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            self.skipped.append(
                FileResult(str(directory), "skipped", "directory already visited (link loop)")
            )
            return
        seen.add(key)
        if self.output_dir is not None and directory.resolve() == self.output_dir:
            return
        spec = _read_gitignore(directory)
        local = [*ignores, (directory.resolve(), spec)] if spec is not None else ignores
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            self.errors.append(FileResult(str(directory), "failed", _os_reason(exc)))
            return
        for entry in entries:
            if entry.name.endswith(TEMP_SUFFIX):
                if self.sweep and _is_leftover_name(entry.name):
                    _remove_leftover(entry.path)  # left by a killed run (kill -9)
                continue
            path = Path(entry.path)
            rel = path.relative_to(root).as_posix()
            is_link = entry.is_symlink()
            if is_link and not self.settings.follow_symlinks:
                if self.settings.format == "text" or path.suffix in JSONL_SUFFIXES:
                    self.skipped.append(FileResult(str(path), "skipped", "symbolic link"))
                continue
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError:
                continue
            if self._ignored(path, rel, is_dir, local):
                continue
            if is_dir:
                self._walk(root, path, local, seen)
            elif is_file:
                if self.settings.format == "jsonl" and path.suffix not in JSONL_SUFFIXES:
                    continue
                if self.settings.format == "parquet" and path.suffix not in PARQUET_SUFFIXES:
                    continue
                if self.settings.format == "text" and path.suffix in JSONL_SUFFIXES:
                    continue
                if self.settings.follow_symlinks:
                    # Through a linked file or directory: stay inside the given paths, once.
                    real = os.path.realpath(path)
                    if not self._inside_roots(path):
                        self.skipped.append(
                            FileResult(str(path), "skipped", "link target outside the given paths")
                        )
                        continue
                    if real in self.real_paths:
                        continue
                    self.real_paths.add(real)
                output = None
                if self.output_dir is not None:
                    base = (
                        self.output_dir / root.resolve().name
                        if self.nested_output
                        else (self.output_dir)
                    )
                    output = str(base / rel)
                self.tasks.append(Task(str(path), output))

    def _inside_roots(self, path: Path) -> bool:
        target = path.resolve()
        return any(target.is_relative_to(Path(r).resolve()) for r in self.roots)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "file vanished"
    return exc.strerror or str(exc)


# ---------------------------------------------------------------------------------------------
# Cleaning text


_TEMPLATES: frozenset[int] = frozenset()


def _set_templates(templates: frozenset[int]) -> None:
    global _TEMPLATES
    _TEMPLATES = templates


def _run_pipeline(text: str, settings: Settings) -> tuple[str, list[Step]]:
    steps: list[Step] = []
    if settings.corpus_dedup and _TEMPLATES:
        from .boilerplate import strip_corpus_lines

        text, steps = strip_corpus_lines(text, _TEMPLATES)
    out, more = clean_and_explain(text, **settings.options)
    return out, steps + more


def _fix_final_newline(before: str, after: str) -> str:
    """Keep the final newline, or its absence, as it was.

    >>> _fix_final_newline("a\\n", "b"), _fix_final_newline("a", "b\\n")
    ('b\\n', 'b')
    """
    if before.endswith("\n") and after and not after.endswith("\n"):
        return after + "\n"
    if not before.endswith("\n") and after.endswith("\n"):
        return after[:-1]
    return after


def _restore_endings(original: str, work: str, out: str) -> str:
    """Put back each line's original ending (CRLF or LF) on the cleaned text of ``work``.

    ``work`` is ``original`` with CRLF turned to LF. Lines the pipeline left in place (or
    replaced one for one) keep their own ending; new lines take the file's majority ending.

    >>> _restore_endings("a\\r\\nb\\nc\\r\\n", "a\\nb\\nc\\n", "A\\nb\\nC\\n")
    'A\\r\\nb\\nC\\r\\n'
    """
    endings = [
        "\r\n" if i > 0 and original[i - 1] == "\r" else "\n"
        for i in (m.start() for m in re.finditer("\n", original))
    ]
    crlf = endings.count("\r\n")
    majority = "\r\n" if crlf * 2 >= len(endings) else "\n"
    work_lines = work.split("\n")
    out_lines = out.split("\n")
    out_end = [majority] * (len(out_lines) - 1)
    matcher = difflib.SequenceMatcher(None, work_lines, out_lines)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(j2 - j1):
                if j1 + k < len(out_end) and i1 + k < len(endings):
                    out_end[j1 + k] = endings[i1 + k]
    pieces = [line + end for line, end in zip(out_lines, out_end, strict=False)]
    pieces.append(out_lines[-1])
    return "".join(pieces)


def clean_document(
    text: str, run: Callable[[str], tuple[str, list[Step]]]
) -> tuple[str, list[Step], str]:
    """Clean ``text`` with ``run`` keeping line endings and the final newline.

    Returns the cleaned text, the steps (in LF-normalised coordinates) and that LF text.

    >>> up = lambda t: (t.upper(), [])
    >>> clean_document("a\\r\\nb\\r\\n", up)[0]
    'A\\r\\nB\\r\\n'
    """
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    work = text.replace("\r\n", "\n") if crlf else text
    out, steps = run(work)
    out = _fix_final_newline(work, out)
    if crlf and not lf:
        out = out.replace("\n", "\r\n")
    elif crlf:
        out = _restore_endings(text, work, out)
    return out, steps, work


def _describe(
    work: str, steps: list[Step], line_offset: int, want: bool
) -> tuple[dict[str, int], list[dict[str, Any]], int]:
    """Fix counts by kind, the change list (with line numbers) and the lines removed."""
    fixes: Counter[str] = Counter()
    changes: list[dict[str, Any]] = []
    removed = 0
    text = work
    for group in rounds(steps):
        newlines = [m.start() for m in re.finditer("\n", text)] if want else []
        for step in group:
            fixes[step.stage] += 1
            if step.after == "" and step.before.strip():
                removed += max(1, step.before.count("\n"))
            if want:
                import bisect

                line = bisect.bisect_left(newlines, step.start) + 1 + line_offset
                entry: dict[str, Any] = {
                    "kind": step.stage,
                    "rule": step.rule,
                    "line": line,
                    "before": step.before,
                    "after": step.after,
                }
                if step.detail:
                    entry["detail"] = jsonable(dict(step.detail))
                changes.append(entry)
        text = apply_steps(text, group) if want else text
    return dict(fixes), changes, removed


def _json_string_span(line: str, key: str) -> tuple[int, int, Any] | None:
    """Where the top-level ``key``'s value sits in a one-line JSON object: (start, end, value).

    Raises ``ValueError`` when the line is not a JSON object.

    >>> _json_string_span('{"id": 1, "text": "a\\\\u4e2d"}', "text")
    (18, 27, 'a中')
    """
    decoder = json.JSONDecoder()
    ws = re.compile(r"[ \t\r\n]*")

    def skip(i: int) -> int:
        m = ws.match(line, i)
        return m.end() if m else i

    i = skip(0)
    if i >= len(line) or line[i] != "{":
        raise ValueError("not a JSON object")
    i = skip(i + 1)
    found: tuple[int, int, Any] | None = None
    if i < len(line) and line[i] == "}":
        end = skip(i + 1)
        if end != len(line):
            raise ValueError("extra data after the object")
        return None
    while True:
        if i >= len(line) or line[i] != '"':
            raise ValueError("expected a key")
        name, i = decoder.raw_decode(line, i)
        i = skip(i)
        if i >= len(line) or line[i] != ":":
            raise ValueError("expected ':'")
        i = skip(i + 1)
        value, end = decoder.raw_decode(line, i)
        if name == key:
            found = (i, end, value)
        i = skip(end)
        if i < len(line) and line[i] == ",":
            i = skip(i + 1)
            continue
        if i < len(line) and line[i] == "}":
            if skip(i + 1) != len(line):
                raise ValueError("extra data after the object")
            return found
        raise ValueError("expected ',' or '}'")


def _physical_lines(text: str) -> list[str]:
    """Lines ended by LF only (``str.splitlines`` also splits at U+0085, U+2028...).

    >>> _physical_lines("a\\x85b\\nc")
    ['a\\x85b\\n', 'c']
    """
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def clean_jsonl(
    text: str,
    key: str,
    run: Callable[[str], tuple[str, list[Step]]],
    line_offset: int = 0,
) -> tuple[str, list[tuple[int, str, list[Step]]], list[str]]:
    """Clean the string field ``key`` of every JSON line; other bytes stay as they were.

    Returns the new text, per changed line (number, field text, steps), and warnings for lines
    that are not JSON objects (left alone).

    >>> out, changed, warnings = clean_jsonl('{"a": 1, "text": "x"}\\nnot json\\n', "text",
    ...                                      lambda t: (t.upper(), []))
    >>> out
    '{"a": 1, "text": "X"}\\nnot json\\n'
    >>> warnings
    ['line 2: not valid JSON (left unchanged)']
    """
    pieces: list[str] = []
    changed: list[tuple[int, str, list[Step]]] = []
    warnings: list[str] = []
    for number, line in enumerate(_physical_lines(text), start=1 + line_offset):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        if not body.strip():
            pieces.append(line)
            continue
        try:
            span = _json_string_span(body, key)
        except ValueError:
            warnings.append(f"line {number}: not valid JSON (left unchanged)")
            pieces.append(line)
            continue
        if span is None or not isinstance(span[2], str):
            pieces.append(line)
            continue
        start, end, value = span
        cleaned, steps, work = clean_document(value, run)
        if cleaned == value:
            pieces.append(line)
            continue
        changed.append((number, work, steps))
        pieces.append(body[:start] + json.dumps(cleaned, ensure_ascii=False) + body[end:] + ending)
    return "".join(pieces), changed, warnings


# ---------------------------------------------------------------------------------------------
# Writing safely


TEMP_SUFFIX = ".cjkclean.tmp"


def _lock(fd: int, wait: bool) -> bool:
    """An exclusive ``flock`` on ``fd``; ``False`` when another process holds it.

    A temporary file is locked by its writer for as long as it lives, and the kernel drops the
    lock when the writer dies (``kill -9`` included): an unlocked temporary file is a leftover.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no leftover detection
        return not wait
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _remove_leftover(path: str) -> bool:
    """Delete a temporary file left by a killed run (unlocked); keep a live run's (locked)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _lock(fd, wait=False):
            return False
        now = os.lstat(path)
        if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            return False
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _is_leftover_name(name: str) -> bool:
    """Our temporary files are ``.NAME.RANDOM.cjkclean.tmp``.

    >>> _is_leftover_name(".a.txt.k2j3.cjkclean.tmp"), _is_leftover_name("a.cjkclean.tmp")
    (True, False)
    """
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


class _AtomicWriter:
    """A temporary file next to ``target``; :meth:`commit` fsyncs and renames it over.

    The temporary file is locked (``flock``) while it exists, so a later run can tell a leftover
    of a killed run (which it deletes) from the file of a run still going on (which it leaves).
    """

    def __init__(self, target: str, mode: int | None) -> None:
        self.target = target
        self.mode = mode
        directory = os.path.dirname(os.path.abspath(target))
        os.makedirs(directory, exist_ok=True)
        while True:
            fd, self.tmp = tempfile.mkstemp(
                prefix="." + os.path.basename(target) + ".", suffix=TEMP_SUFFIX, dir=directory
            )
            _lock(fd, wait=True)
            try:
                st, now = os.fstat(fd), os.lstat(self.tmp)
                if (st.st_dev, st.st_ino) == (now.st_dev, now.st_ino):
                    break
            except FileNotFoundError:
                pass
            os.close(fd)  # another run took it for a leftover between creation and lock
        self.file: IO[bytes] = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        self.file.write(data)

    def commit(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        if self.mode is not None:
            os.chmod(self.tmp, stat.S_IMODE(self.mode))
        os.replace(self.tmp, self.target)
        with contextlib.suppress(OSError):
            dir_fd = os.open(os.path.dirname(os.path.abspath(self.target)), os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)


# ---------------------------------------------------------------------------------------------
# Processing one file


def _diff(path: str, before: str, after: str, offset: int = 0) -> str:
    lines = difflib.unified_diff(
        _physical_lines(before),
        _physical_lines(after),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out = []
    for line in lines:
        if offset and line.startswith("@@"):
            line = re.sub(
                r"-(\d+)(,\d+)? \+(\d+)",
                lambda m: f"-{int(m[1]) + offset}{m[2] or ''} +{int(m[3]) + offset}",
                line,
                count=1,
            )
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


def _open_input(path: str, follow: bool) -> tuple[IO[bytes], os.stat_result]:
    flags = os.O_RDONLY
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    f = os.fdopen(fd, "rb")
    return f, os.fstat(fd)


def _escapes(target: str, output_dir: str) -> bool:
    """Whether writing ``target`` would leave ``output_dir`` once symbolic links are resolved.

    >>> _escapes("/tmp/out/a/b.txt", "/tmp/out"), _escapes("/tmp/out/../b.txt", "/tmp/out")
    (False, True)
    """
    root = os.path.realpath(output_dir)
    parent = os.path.realpath(os.path.dirname(os.path.abspath(target)))
    return parent != root and not parent.startswith(root.rstrip(os.sep) + os.sep)


def process_file(task: Task, settings: Settings) -> FileResult:
    """Clean one file; every failure becomes a result, never an exception."""
    if (
        task.output is not None
        and settings.output_dir
        and _escapes(task.output, settings.output_dir)
    ):
        # A symbolic link in the output tree (out/sub -> /elsewhere) must not redirect the write.
        return FileResult(task.path, "failed", "output path leaves --output-dir through a link")
    try:
        return _process(task, settings)
    except OSError as exc:
        return FileResult(task.path, "failed", _os_reason(exc))
    except Exception as exc:
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        where = traceback.extract_tb(exc.__traceback__)[-1]
        place = f"{Path(where.filename).name}:{where.lineno}"
        return FileResult(task.path, "error", f"internal error ({place}): {detail}")


def _process(task: Task, settings: Settings) -> FileResult:
    if settings.format == "parquet":
        return process_parquet(task, settings)
    f, st = _open_input(task.path, settings.follow_symlinks)
    with f:
        if not stat.S_ISREG(st.st_mode):
            return FileResult(task.path, "skipped", "not a regular file")
        if st.st_size > settings.max_document_bytes:
            return _process_stream(task, settings, f, st)
        data = f.read()
    if is_binary(data):
        return FileResult(task.path, "skipped", "binary file")
    decoded = decode(data)
    result = FileResult(
        task.path,
        "unchanged",
        encoding=decoded.encoding,
        mixed=decoded.mixed,
        lossy=decoded.lossy,
        confidence=decoded.confidence,
    )
    result.bytes_in = result.bytes_out = len(data)
    refusal = _refuse(decoded, settings)
    if refusal:
        result.status, result.reason = "skipped", refusal
        return result
    out_text = _clean_text(decoded.text, settings, result, 0)
    out = (b"\xef\xbb\xbf" if settings.write_bom else b"") + out_text.encode("utf-8")
    result.bytes_out = len(out)
    if out == data and task.output is None:
        return result
    if out != data:
        result.status = "changed"
        if decoded.encoding not in ("utf-8", "ascii", "utf-8-sig") or decoded.bom:
            result.fixes["re-encoded"] = 1
            result.warnings.append(f"re-encoded from {decoded.encoding} to utf-8")
    if settings.diff and out_text != decoded.text:
        result.diff = _diff(task.path, decoded.text, out_text)
    if settings.keep_removed and out != data:
        from .audit import sha256

        _keep_file(result, settings, task, decoded, sha256(data), sha256(out), head=data)
    if settings.mode == "check":
        return result
    target = task.output or os.path.realpath(task.path)
    if task.output is None:
        if _read_only(target, st):
            return _fail(result, "read-only file (permission denied)")
        now = os.stat(target)
        if (now.st_mtime_ns, now.st_size) != (st.st_mtime_ns, st.st_size):
            return _fail(result, "file changed while being cleaned; left as it was")
    writer = _AtomicWriter(target, st.st_mode if task.output is None else None)
    try:
        writer.write(out)
        if out != data:
            _flush_records(result)  # the record is on disk before the file is replaced
        writer.commit()
    except BaseException:
        writer.discard()
        raise
    return result


def _read_only(path: str, st: os.stat_result) -> bool:
    """A file is read-only when nobody may write it, or we may not (root included)."""
    return not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
        path, os.W_OK
    )


def _fail(result: FileResult, reason: str) -> FileResult:
    result.status, result.reason = "failed", reason
    return result


def _refuse(decoded: Decoded, settings: Settings) -> str:
    if settings.force:
        return ""
    if decoded.lossy:
        return f"cannot be decoded without loss (best: {decoded.encoding}); use --force"
    if decoded.confidence < MIN_CONFIDENCE:
        return f"encoding uncertain ({decoded.encoding}, {decoded.confidence:.2f}); use --force"
    return ""


def _clean_text(text: str, settings: Settings, result: FileResult, line_offset: int) -> str:
    def run(t: str) -> tuple[str, list[Step]]:
        return _run_pipeline(t, settings)

    if settings.format == "jsonl":
        out, changed, warnings = clean_jsonl(text, settings.field, run, line_offset)
        result.warnings.extend(warnings)
        for number, work, steps in changed:
            fixes, changes, removed = _describe(work, steps, 0, settings.want_changes)
            for change in changes:
                change["line"] = number
            _merge(result, fixes, changes, removed)
        if settings.keep_removed and changed:
            _keep_jsonl(text, out, changed, settings, result, line_offset)
        return out
    out, steps, work = clean_document(text, run)
    _merge(result, *_describe(work, steps, line_offset, settings.want_changes))
    if settings.keep_removed:
        from .audit import document_records

        records = document_records(
            text,
            work,
            steps,
            out,
            doc=result.documents,
            line=line_offset + 1,
            out_start=result.out_chars,
        )
        _keep(result, settings, records)
        result.documents += 1
        result.out_chars += len(out)
    return out


# ---------------------------------------------------------------------------------------------
# --keep-removed: records built where a file is cleaned, written by the main process only

_KEEP_FD: int | None = None
_KEEP_PID = 0
_KEEP_PATH = ""
"""The log's path: a worker process opens its own descriptor on it (see :func:`_log_fd`)."""
_WORKER_FD: int | None = None
_WORKER_PID = 0


def _keep(result: FileResult, settings: Settings, records: Iterable[dict[str, Any]]) -> None:
    from .audit import dumps

    common = {"run": settings.keep_removed, "file": result.path}
    for record in records:
        result.records.append(dumps({"record": record["record"], **common, **record}))


def _keep_jsonl(
    text: str,
    out: str,
    changed: list[tuple[int, str, list[Step]]],
    settings: Settings,
    result: FileResult,
    line_offset: int,
) -> None:
    from .audit import jsonl_records

    before, after = _physical_lines(text), _physical_lines(out)
    for number, work, steps in changed:
        index = number - line_offset - 1
        records = jsonl_records(
            before[index], after[index], work, steps, field=settings.field, number=number
        )
        _keep(result, settings, records)


def _keep_file(
    result: FileResult,
    settings: Settings,
    task: Task,
    decoded: Decoded,
    before: str,
    after: str,
    line_encodings: list[list[Any]] | None = None,
    head: bytes = b"",
) -> None:
    """The ``file`` record: what undoing needs besides the steps (encoding, hashes)."""
    from .audit import bom_of

    record: dict[str, Any] = {
        "record": "file",
        "format": settings.format,
        "encoding": decoded.encoding,
        "bom": bom_of(head) if decoded.bom else "",  # hex of the mark that was read
        "write_bom": settings.write_bom,
        "sha256_before": before,
        "sha256_after": after,
    }
    if task.output is not None:
        record["output"] = task.output
    if decoded.encoding == "mixed":  # each line's codec, to re-encode the original exactly
        if line_encodings is None:
            from .audit import add_runs

            line_encodings = []
            add_runs(line_encodings, decoded.line_encodings)
        record["line_encodings"] = line_encodings
    _keep(result, settings, [record])


def _log_fd() -> int | None:
    """The ``--keep-removed`` log's descriptor in this process: the main process's, or one a
    worker opened for itself (its own open file description, so that the lock excludes)."""
    global _WORKER_FD, _WORKER_PID
    if _KEEP_FD is not None and os.getpid() == _KEEP_PID:
        return _KEEP_FD
    if not _KEEP_PATH:
        return None
    if _WORKER_FD is None or os.getpid() != _WORKER_PID:
        _WORKER_FD, _WORKER_PID = os.open(_KEEP_PATH, os.O_WRONLY | os.O_APPEND), os.getpid()
    return _WORKER_FD


def _flush_records(result: FileResult) -> None:
    """Write (and fsync) the records gathered so far, before a commit, under an exclusive lock
    on the log: whichever process replaces a file has its records on disk first, so a kill at
    any moment (also with ``--jobs N``) leaves every replaced file undoable."""
    if not result.records:
        return
    fd = _log_fd()
    if fd is None:
        return
    data = memoryview(b"".join(result.records))
    result.records.clear()
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: one process writes (--jobs is 1)
        fcntl = None  # type: ignore[assignment]
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        while data:
            data = data[os.write(fd, data) :]
        os.fsync(fd)
    finally:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)


def _init_worker(templates: frozenset[int], keep_path: str) -> None:
    """A worker process's globals: the corpus templates and the path of the log."""
    global _KEEP_PATH
    _set_templates(templates)
    _KEEP_PATH = keep_path


def _keep_results(results: Iterable[FileResult]) -> None:
    """Write the records of files that changed (or would change); drop the others'."""
    for r in results:
        if r.status == "changed":
            try:
                _flush_records(r)
            except OSError as exc:
                raise UsageError(
                    f"cannot write the --keep-removed log: {_os_reason(exc)}; stopped"
                ) from exc
        r.records.clear()


class _ChangeSpool:
    """The report's change lists, moved out of memory as results come back: a corpus of
    hundreds of MB makes a report of hundreds of MB, which the run should not hold."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())

    def stash(self, result: FileResult) -> None:
        if not result.changes:
            return
        data = json.dumps(result.changes, ensure_ascii=True).encode("ascii")
        self.file.seek(0, os.SEEK_END)
        result.spooled = (self.file.tell(), len(data))
        self.file.write(data)
        result.changes = []

    def load(self, result: FileResult) -> list[dict[str, Any]]:
        if result.spooled is None:
            return result.changes
        offset, length = result.spooled
        self.file.seek(offset)
        changes: list[dict[str, Any]] = json.loads(self.file.read(length))
        return changes

    def close(self) -> None:
        self.file.close()


_SPOOL: _ChangeSpool | None = None


def _spool_results(results: Iterable[FileResult]) -> None:
    if _SPOOL is not None:
        for r in results:
            _SPOOL.stash(r)


def _entry(r: FileResult) -> dict[str, Any]:
    """The report entry of *r*, its changes read back from the spool."""
    entry = r.to_json()
    if _SPOOL is not None and r.spooled is not None:
        entry["changes"] = _SPOOL.load(r)
    return entry


def _merge(
    result: FileResult, fixes: dict[str, int], changes: list[dict[str, Any]], removed: int
) -> None:
    for kind, n in fixes.items():
        result.fixes[kind] = result.fixes.get(kind, 0) + n
    result.changes.extend(changes)
    result.lines_removed += removed


def _byte_chunks(f: IO[bytes]) -> Iterator[bytes]:
    """Chunks of whole lines, about ``CHUNK_BYTES`` each, cut at a blank line if one is near."""
    rest = b""
    while True:
        block = f.read(CHUNK_BYTES)
        if not block:
            if rest:
                yield rest
            return
        data = rest + block
        cut = data.rfind(b"\n\n", len(data) // 2)
        cut = cut + 2 if cut >= 0 else data.rfind(b"\n") + 1
        if cut <= 0:
            rest = data
            if len(rest) > 16 * CHUNK_BYTES:  # a single enormous line: cut it anyway
                yield rest
                rest = b""
            continue
        yield data[:cut]
        rest = data[cut:]


def _text_chunks(f: IO[bytes], codec: str, skip: int) -> Iterator[tuple[bytes, str]]:
    """For UTF-16/32: decoded chunks of whole lines (with their raw bytes)."""
    import codecs

    f.seek(skip)
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    rest = ""
    while True:
        block = f.read(CHUNK_BYTES)
        final = not block
        text = rest + decoder.decode(block, final=final)
        if final:
            if text:
                yield text.encode(codec), text
            return
        cut = text.rfind("\n") + 1
        if cut <= 0:
            rest = text
            continue
        yield text[:cut].encode(codec), text[:cut]
        rest = text[cut:]


def _process_stream(task: Task, settings: Settings, f: IO[bytes], st: os.stat_result) -> FileResult:
    """Clean a big file chunk by chunk, in bounded memory."""
    head = f.read(64 * 1024)
    if is_binary(head):
        return FileResult(task.path, "skipped", "binary file")
    cut = head.rfind(b"\n") + 1 or len(head)
    first = decode(head[:cut])
    f.seek(0)
    result = FileResult(
        task.path, "unchanged", encoding=first.encoding, confidence=first.confidence
    )
    wide = first.encoding.startswith(("utf-16", "utf-32"))
    hash_in = hash_out = None
    runs: list[list[Any]] | None = None
    if settings.keep_removed:
        runs = []
        import hashlib

        hash_in, hash_out = hashlib.sha256(), hashlib.sha256()
        while block := f.read(CHUNK_BYTES):
            hash_in.update(block)
        f.seek(0)
        if settings.write_bom:
            hash_out.update(b"\xef\xbb\xbf")
    chunks: Iterator[tuple[bytes, Decoded]]
    if wide:
        bom = 2 if first.encoding.startswith("utf-16") else 4
        chunks = (
            (raw, Decoded(text, first.encoding, 1.0, bom=first.bom))
            for raw, text in _text_chunks(f, first.encoding, bom if first.bom else 0)
        )
    else:
        chunks = ((raw, _decode_like(raw, first)) for raw in _byte_chunks(f))
    writer: _AtomicWriter | None = None
    if settings.mode == "write":
        if task.output is None and _read_only(task.path, st):
            return _fail(result, "read-only file (permission denied)")
        target = task.output or os.path.realpath(task.path)
        writer = _AtomicWriter(target, st.st_mode if task.output is None else None)
    diffs: list[str] = []
    encodings: set[str] = set()
    line_offset = 0
    changed = False
    try:
        if writer is not None and settings.write_bom:
            writer.write(b"\xef\xbb\xbf")
        for raw, decoded in chunks:
            if decoded.lossy or (decoded.confidence < MIN_CONFIDENCE and not decoded.mixed):
                refusal = _refuse(decoded, settings)
                if refusal:
                    if writer is not None:
                        writer.discard()
                    result.status, result.reason = "skipped", refusal
                    result.lossy = decoded.lossy
                    return result
            encodings.update(decoded.encodings)
            result.mixed = result.mixed or decoded.mixed
            if runs is not None:
                from .audit import add_runs, byte_lines

                lines = len(decoded.line_encodings) or len(byte_lines(decoded.text))
                add_runs(runs, decoded.line_encodings or [decoded.encoding] * lines)
            out_text = _clean_text(decoded.text, settings, result, line_offset)
            out = out_text.encode("utf-8")
            result.bytes_in += len(raw)
            result.bytes_out += len(out)
            if hash_out is not None:
                hash_out.update(out)
                _flush_records(result)  # bounded memory: records leave with their chunk
            if out != raw:
                changed = True
                if writer is None and not (
                    settings.diff or settings.want_changes or settings.keep_removed
                ):
                    break  # --check: the answer is known, the rest need not be read
            if settings.diff and out_text != decoded.text:
                chunk_diff = _diff(task.path, decoded.text, out_text, line_offset)
                if diffs:  # one file header for the whole file
                    chunk_diff = chunk_diff.split("\n", 2)[2]
                diffs.append(chunk_diff)
            line_offset += decoded.text.count("\n")
            if writer is not None:
                writer.write(out)
        if len(encodings) > 1:
            result.mixed = True
            result.encoding = "mixed"
        if changed and hash_in is not None and hash_out is not None:
            # ASCII chunks read the same in any codec; UTF-8 chunks after a BOM are the BOM's.
            codecs_used = encodings - {"ascii"}
            if first.bom and first.encoding == "utf-8-sig":
                codecs_used -= {"utf-8"}
            codec = first.encoding if not codecs_used else min(codecs_used)
            one = Decoded("", codec if len(codecs_used) <= 1 else "mixed", 1.0)
            one = dataclasses.replace(one, bom=first.bom)
            _keep_file(
                result,
                settings,
                task,
                one,
                hash_in.hexdigest(),
                hash_out.hexdigest(),
                runs,
                head=head,
            )
        if writer is not None:
            if changed or task.output is not None:
                now = os.stat(task.path)
                if task.output is None and (now.st_mtime_ns, now.st_size) != (
                    st.st_mtime_ns,
                    st.st_size,
                ):
                    writer.discard()
                    return _fail(result, "file changed while being cleaned; left as it was")
                if changed:
                    _flush_records(result)  # the record is on disk before the file is replaced
                writer.commit()
            else:
                writer.discard()
    except UnicodeDecodeError as exc:  # a UTF-16/32 file broken past its first chunk
        if writer is not None:
            writer.discard()
        result.status = "skipped"
        result.reason = f"cannot be decoded ({exc.encoding}: {exc.reason})"
        result.lossy = True
        return result
    except BaseException:
        if writer is not None:
            writer.discard()
        raise
    if changed:
        result.status = "changed"
        if encodings - {"utf-8", "ascii", "utf-8-sig"}:
            result.fixes["re-encoded"] = 1
            result.warnings.append(f"re-encoded from {result.encoding} to utf-8")
    result.diff = "".join(diffs)
    return result


def _decode_like(raw: bytes, first: Decoded) -> Decoded:
    """Decode a chunk on its own, but keep the first chunk's codec when it reads this one too.

    Each chunk goes through :func:`decode` (so UTF-8 lines in a GBK file are still found); when
    that picks another single codec and the first chunk's codec also reads the chunk strictly,
    the first one wins: a file has one encoding unless its lines say otherwise.
    """
    chunk = decode(raw)
    codec = first.encoding
    if chunk.mixed or chunk.encoding == codec or codec in ("mixed", "ascii", "utf-8", "utf-8-sig"):
        return chunk
    if chunk.encoding in ("ascii", "utf-8"):
        return chunk
    try:
        text = raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return chunk
    return Decoded(text, codec, first.confidence, lossy=text.encode(codec) != raw)


# ---------------------------------------------------------------------------------------------
# Corpus pass


def _count_files(tasks: list[Task], settings: Settings) -> Any:
    from .boilerplate import LineCounter

    counter = LineCounter()
    for task in tasks:
        if settings.format == "parquet":
            with contextlib.suppress(ParquetError, OSError):
                for value in iter_parquet_strings(task.path, settings.field):
                    counter.add_document(value)
            continue
        try:
            with open(task.path, "rb") as f:
                data = f.read(settings.max_document_bytes)
        except OSError:
            continue
        if is_binary(data):
            continue
        decoded = decode(data)
        if decoded.lossy and not settings.force:
            continue
        if settings.format == "jsonl":
            for line in _physical_lines(decoded.text):
                with contextlib.suppress(ValueError):
                    span = _json_string_span(line, settings.field)
                    if span is not None and isinstance(span[2], str):
                        counter.add_document(span[2])
        else:
            counter.add_document(decoded.text)
    return counter


# ---------------------------------------------------------------------------------------------
# Running


def _batches(items: list[Task], n: int) -> list[list[Task]]:
    size = max(1, min(64, len(items) // max(1, n * 4)))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _schedule(sizes: list[int], jobs: int) -> list[list[int]]:
    """Batches of file indexes for the pool, from the files' sizes: biggest first, small batches.

    The workers take batches as they become free, so the run ends when the last batch does.
    Handing out the biggest files first (longest job first) and ending on small batches (at
    most ``POOL_BATCH_FILES`` files and about 1/64 of a worker's share of bytes) lets the
    workers finish together instead of one waiting on a straggler; a batch of several small
    files saves the per-call round trip.

    >>> _schedule([10, 5000, 20, 3000, 30], 2)
    [[1], [3], [4, 2, 0]]
    """
    limit = max(1, min(POOL_BATCH_BYTES, sum(sizes) // max(1, jobs * 64)))
    batches: list[list[int]] = []
    batch: list[int] = []
    held = 0
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        batch.append(i)
        held += sizes[i]
        if held >= limit or len(batch) >= POOL_BATCH_FILES:
            batches.append(batch)
            batch, held = [], 0
    if batch:
        batches.append(batch)
    return batches


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the worker reports it


def _process_batch(tasks: list[Task], settings: Settings) -> list[FileResult]:
    return [process_file(t, settings) for t in tasks]


def _run_tasks(
    tasks: list[Task], settings: Settings, jobs: int, progress: Callable[[int], None]
) -> list[FileResult]:
    templates: frozenset[int] = frozenset()
    if settings.corpus_dedup and tasks:
        if jobs > 1 and len(tasks) > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                parts = [pool.submit(_count_files, b, settings) for b in _batches(tasks, jobs)]
                counters = [p.result() for p in parts]
        else:
            counters = [_count_files(tasks, settings)]
        total = counters[0]
        for other in counters[1:]:
            total.merge(other)
        templates = total.templates(settings.corpus_min_files, settings.corpus_min_fraction)
    _set_templates(templates)
    results: list[FileResult] = []
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            results.append(process_file(task, settings))
            _keep_results(results[-1:])
            _spool_results(results[-1:])
            progress(1)
        return results
    slots: list[FileResult | None] = [None] * len(tasks)
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(templates, _KEEP_PATH)
    ) as pool:
        futures: dict[Future[list[FileResult]], list[int]] = {
            pool.submit(_process_batch, [tasks[i] for i in batch], settings): batch
            for batch in _schedule([_size(t.path) for t in tasks], jobs)
        }
        for future in as_completed(futures):
            batch_results = future.result()
            _keep_results(batch_results)  # --keep-removed: written as each batch comes back
            _spool_results(batch_results)
            for i, result in zip(futures[future], batch_results, strict=True):
                slots[i] = result
            progress(len(futures[future]))
    results = [r for r in slots if r is not None]  # every slot is filled: walk order kept
    return results


def _run_stdin(settings: Settings, out: IO[bytes], err: IO[str]) -> int:
    data = sys.stdin.buffer.read()
    decoded = decode(data)
    result = FileResult("-", "unchanged", encoding=decoded.encoding)
    refusal = _refuse(decoded, settings)
    if refusal or is_binary(data):
        print(f"cjkclean: stdin: {refusal or 'binary input'}; passed through unchanged", file=err)
        if settings.mode == "write":
            out.write(data)
        return EXIT_ERROR
    text = _clean_text(decoded.text, settings, result, 0)
    for warning in result.warnings:
        print(f"cjkclean: stdin: {warning}", file=err)
    encoded = (b"\xef\xbb\xbf" if settings.write_bom else b"") + text.encode("utf-8")
    if settings.keep_removed and encoded != data:
        from .audit import sha256

        _keep_file(
            result, settings, Task("-", None), decoded, sha256(data), sha256(encoded), head=data
        )
        result.status = "changed"
        _keep_results([result])
    if settings.diff:
        out.write(_diff("-", decoded.text, text).encode("utf-8"))
    if settings.mode == "write":
        out.write(encoded)
        return EXIT_OK
    return EXIT_CHANGES if encoded != data else EXIT_OK


def _summary(results: list[FileResult], check: bool, err: IO[str], quiet: bool) -> None:
    if quiet:
        return
    from rich.console import Console
    from rich.table import Table

    counts = Counter(r.status for r in results)
    fixes: Counter[str] = Counter()
    for r in results:
        fixes.update(r.fixes)
    console = Console(file=err, highlight=False)
    table = Table(title="cjkclean", show_header=True)
    table.add_column("files")
    table.add_column("count", justify="right")
    table.add_row("seen", str(len(results)))
    table.add_row("would change" if check else "changed", str(counts["changed"]))
    table.add_row("unchanged", str(counts["unchanged"]))
    table.add_row("skipped", str(counts["skipped"]))
    table.add_row("failed", str(counts["failed"] + counts["error"]))
    console.print(table)
    if fixes:
        kinds = Table(show_header=True)
        kinds.add_column("fix")
        kinds.add_column("count", justify="right")
        for kind, n in fixes.most_common():
            kinds.add_row(kind, str(n))
        console.print(kinds)


def _write_report(path: str, results: list[FileResult], settings: Settings) -> None:
    """Write the JSON report entry by entry (the change lists come back from the spool one file
    at a time), to a temporary file renamed into place."""
    counts = Counter(r.status for r in results)
    head = {"cjkclean": __version__, "mode": settings.mode}
    summary = {
        "seen": len(results),
        "changed": counts["changed"],
        "unchanged": counts["unchanged"],
        "skipped": counts["skipped"],
        "failed": counts["failed"] + counts["error"],
    }
    writer = _AtomicWriter(path, _existing_mode(path))
    try:
        writer.write(_json_bytes(head)[:-1] + b', "summary": ' + _json_bytes(summary))
        writer.write(b', "files": [\n')
        for number, r in enumerate(results):
            writer.write((b",\n" if number else b"") + _json_bytes(_entry(r)))
        writer.write(b"\n]}\n")
        writer.commit()
    except BaseException:
        writer.discard()
        raise


def _existing_mode(path: str) -> int | None:
    """The permission bits of the regular file at *path*, or None when there is none.

    Reports and the ``--keep-removed`` log hold text of the cleaned files, which may be private:
    a new one is created readable by its owner only (0600); one that exists already keeps its
    permission bits (its owner chose them).

    >>> _existing_mode("/nonexistent/report.json") is None
    True
    """
    try:
        st = os.stat(path)
    except OSError:
        return None
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else None


def _json_bytes(value: Any) -> bytes:
    """*value* as JSON in UTF-8, or escaped to ASCII when it holds a file name that is not
    UTF-8 (lone surrogates)."""
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, ensure_ascii=True).encode("ascii")


def _exit_code(results: list[FileResult], check: bool) -> int:
    statuses = {r.status for r in results}
    if "error" in statuses:
        return EXIT_INTERNAL
    if "failed" in statuses:
        return EXIT_ERROR
    if check and "changed" in statuses:
        return EXIT_CHANGES
    return EXIT_OK


def _report_line(r: FileResult, check: bool, verbose: bool) -> str | None:
    if r.status == "changed":
        verb = "would clean" if check else "cleaned"
        extra = f" ({r.encoding} → utf-8)" if "re-encoded" in r.fixes else ""
        return f"{verb} {r.path}{extra}"
    if r.status in ("failed", "error"):
        return f"error: {r.path}: {r.reason}"
    if r.status == "skipped":
        return f"skipped {r.path}: {r.reason}" if verbose or "decod" in r.reason else None
    return f"unchanged {r.path}" if verbose else None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cjkclean`` command; returns the exit code."""
    err = sys.stderr
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["explain"]:  # a file named "explain" is ./explain
        from .explain import main as explain_main

        return explain_main(args[1:])
    if args[:1] == ["restore"]:  # undo a --keep-removed log
        from .audit import main as restore_main

        return restore_main(args[1:])
    try:
        return _main(args, err)
    except UsageError as exc:
        print(f"cjkclean: error: {exc}", file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("cjkclean: interrupted; every file is either old or new", file=err)
        return 130
    except Exception:
        print("cjkclean: internal error:", file=err)
        traceback.print_exc(file=err)
        return EXIT_INTERNAL


def _main(argv: list[str], err: IO[str]) -> int:
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version (0) or a usage error (2)
        return EXIT_OK if exc.code in (0, None) else EXIT_ERROR
    if not args.paths:
        parser.print_usage(err)
        print("cjkclean: error: no PATH given (use '-' for standard input)", file=err)
        return EXIT_ERROR
    if "-" in args.paths and len(args.paths) > 1:
        raise UsageError("'-' (standard input) cannot be combined with other paths")
    settings, merged = _settings_from(args)
    if args.keep_removed:
        with _keep_log(args.keep_removed, settings, merged):
            return _run(args, settings, merged, err)
    return _run(args, settings, merged, err)


@contextlib.contextmanager
def _keep_log(path: str, settings: Settings, merged: dict[str, Any]) -> Iterator[None]:
    """Open the ``--keep-removed`` log for appending and write the run's first record."""
    global _KEEP_FD, _KEEP_PID, _KEEP_PATH
    import time

    from .audit import RECORD_VERSION, dumps

    try:
        # Created 0600 (see _existing_mode); a log that exists keeps its permission bits.
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    except OSError as exc:
        raise UsageError(f"cannot open --keep-removed file {path}: {_os_reason(exc)}") from exc
    _KEEP_FD, _KEEP_PID, _KEEP_PATH = fd, os.getpid(), os.path.abspath(path)
    try:
        run = {
            "record": "run",
            "run": settings.keep_removed,
            "version": RECORD_VERSION,
            "cjkclean": __version__,
            "mode": settings.mode,
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "cwd": os.getcwd(),
            "format": settings.format,
            "field": settings.field,
            "options": settings.options,
            "output_dir": settings.output_dir,
        }
        try:
            _flush_records(FileResult("", "changed", records=[dumps(run)]))
        except OSError as exc:
            raise UsageError(f"cannot write --keep-removed file {path}: {_os_reason(exc)}") from exc
        yield
    finally:
        _KEEP_FD, _KEEP_PATH = None, ""
        os.close(fd)


def _run(args: argparse.Namespace, settings: Settings, merged: dict[str, Any], err: IO[str]) -> int:
    if args.paths == ["-"]:
        if settings.format == "parquet":
            raise UsageError("--format parquet reads files, not standard input")
        return _run_stdin(settings, sys.stdout.buffer, err)
    exclude = list(merged.get("exclude", DEFAULT_EXCLUDE)) + list(merged.get("extend_exclude", []))
    walker = _Walker(exclude, settings, bool(merged.get("force_exclude", False)), args.paths)
    for arg in args.paths:
        walker.add(arg)
    walker.sweep_file_arguments()
    if args.keep_removed:  # the log is never cleaned, even when it lies in the tree
        with contextlib.suppress(OSError):
            log = os.stat(args.keep_removed)
            walker.tasks = [t for t in walker.tasks if not _same_file(t.path, log)]
    jobs = _jobs(merged.get("jobs"), walker.tasks)
    results: list[FileResult] = list(walker.errors) + list(walker.skipped)
    global _SPOOL
    _SPOOL = _ChangeSpool() if args.report or args.report_html else None
    try:
        return _run_and_report(args, settings, walker, jobs, results, err)
    finally:
        if _SPOOL is not None:
            _SPOOL.close()
            _SPOOL = None


def _run_and_report(
    args: argparse.Namespace,
    settings: Settings,
    walker: _Walker,
    jobs: int,
    results: list[FileResult],
    err: IO[str],
) -> int:
    """Clean the walked files, print what happened, write the reports; the exit code."""
    quiet, verbose = bool(args.quiet), bool(args.verbose)
    check = settings.mode == "check"
    show_bar = err.isatty() and not quiet and len(walker.tasks) > 1
    if show_bar:
        from rich.progress import Progress

        with Progress(transient=True, console=_stderr_console()) as bar:
            job = bar.add_task("cleaning", total=len(walker.tasks))
            results += _run_tasks(walker.tasks, settings, jobs, lambda n: bar.advance(job, n))
    else:
        results += _run_tasks(walker.tasks, settings, jobs, lambda n: None)
    for r in results:
        if r.diff:
            sys.stdout.flush()
            sys.stdout.buffer.write(r.diff.encode("utf-8", "surrogateescape"))
        line = _report_line(r, check, verbose)
        if line and (not quiet or r.status in ("failed", "error")):
            print(line, file=err)
        if verbose and not quiet:
            for warning in r.warnings:
                print(f"  {r.path}: {warning}", file=err)
        elif not quiet:
            for warning in r.warnings:
                if warning.startswith("line "):
                    print(f"warning: {r.path}: {warning}", file=err)
    sys.stdout.flush()
    if args.report:
        _write_report(args.report, results, settings)
    if args.report_html:
        from .report_html import write_report_html

        entries = [_entry(r) | {"bytes_in": r.bytes_in, "bytes_out": r.bytes_out} for r in results]
        try:
            write_report_html(args.report_html, entries, settings.mode)
        except OSError as exc:
            print(f"cjkclean: error: {args.report_html}: {exc.strerror or exc}", file=err)
            return EXIT_ERROR
    _summary(results, check, err, quiet)
    return _exit_code(results, check)


def _same_file(path: str, st: os.stat_result) -> bool:
    try:
        other = os.stat(path)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino)


def _jobs(requested: Any, tasks: list[Task]) -> int:
    """Worker processes: as asked, else all cores, but none for a small job.

    Starting a worker costs about a second (imports, tables); below ``POOL_MIN_BYTES`` of input
    in all, one process is faster.
    """
    if requested is not None:
        if int(requested) < 1:
            raise UsageError("--jobs must be at least 1")
        return int(requested)
    total = 0
    for task in tasks:
        with contextlib.suppress(OSError):
            total += os.stat(task.path).st_size
        if total >= POOL_MIN_BYTES:
            return os.cpu_count() or 1
    return 1


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(file=sys.stderr)
