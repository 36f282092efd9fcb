"""A self-contained HTML report of a corpus run (``cjkclean PATH --report-html report.html``).

One file, nothing fetched: the summary (counts, bytes, encodings, fixes by kind, lines removed
by category) is rendered here as HTML with CSS bar charts; the file table and the per-file diffs
are drawn in the browser from JSON embedded in the page, one page of rows at a time, and a file's
changes are parsed only when it is opened, so a run over 10,000 files stays quick to open.

The input is hostile scraped text. Nothing from it ever reaches the page as markup: the summary
is escaped with :func:`html.escape`; the embedded JSON has ``<``, ``>`` and ``&`` written as
``\\u003c``-style escapes, so it cannot close its ``<script type="application/json">`` element;
the script builds every node with ``textContent``; and a Content-Security-Policy allows only the
page's own script (by hash), no network at all.

>>> page = build_report([{"path": "a.txt", "status": "changed", "fixes": {"typography": 1},
...     "changes": [{"kind": "typography", "rule": "comma", "line": 1, "before": "<script>",
...     "after": "，"}], "lines_removed": 0}])
>>> "<script>" in page.split('id="cjk-changes"')[1].split("</script>")[0]
False
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import html
import json
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

__all__ = ["MAX_CHANGES_PER_FILE", "build_report", "severity", "write_report_html"]

MAX_CHANGES_PER_FILE = 400
"""Changes embedded per file; the rest are counted ("and 1,234 more")."""

MAX_SPAN_CHARS = 1000
"""Longest before/after text embedded; longer spans are cut in the middle."""

LOW_CONFIDENCE = 0.9
"""Decodings below this confidence are flagged and sorted first."""

MANY_REMOVALS = 10
"""Files losing at least this many lines are flagged."""


@functools.lru_cache(maxsize=4)
def _asset(name: str) -> str:
    """The report's stylesheet or script, shipped in ``cjkclean/data``."""
    return resources.files("cjkclean").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def _cut(text: str, limit: int = MAX_SPAN_CHARS) -> str:
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half]} …[{len(text) - 2 * half} characters]… {text[-half:]}"


def _is_lossy_change(change: Mapping[str, Any]) -> bool:
    detail = change.get("detail") or {}
    return isinstance(detail, Mapping) and bool(detail.get("lossy") or detail.get("possibly_lossy"))


def _is_removal(change: Mapping[str, Any]) -> bool:
    """A line (or lines) dropped by the boilerplate stage."""
    return (
        change.get("kind") == "boilerplate"
        and change.get("after") == ""
        and bool(str(change.get("before", "")).strip())
    )


def _removed_lines(entry: Mapping[str, Any]) -> int:
    """Lines the boilerplate stage removed (the CLI's ``lines_removed`` without changes)."""
    changes = entry.get("changes")
    if not changes:
        return int(entry.get("lines_removed", 0) or 0)
    return sum(
        max(1, str(c.get("before", "")).strip("\n").count("\n") + 1)
        for c in changes
        if _is_removal(c)
    )


def severity(entry: Mapping[str, Any]) -> tuple[float, list[str]]:
    """How much a file deserves a look, and why (flags); the report sorts by it, worst first.

    Failures come first, then undecodable or uncertain decodings, lossy repairs, and files that
    lost many lines.

    >>> severity({"status": "changed", "input_encoding": "gbk", "confidence": 0.6})[1]
    ['low-confidence']
    >>> severity({"status": "unchanged"})
    (0.0, [])
    """
    score = 0.0
    flags: list[str] = []
    status = entry.get("status", "")
    if status in ("failed", "error"):
        score += 1000
        flags.append("failed")
    reason = str(entry.get("reason", ""))
    if status == "skipped" and ("decod" in reason or "uncertain" in reason):
        score += 500
        flags.append("undecodable")
    if entry.get("lossy"):
        score += 300
        flags.append("lossy-decode")
    confidence = entry.get("confidence")
    if isinstance(confidence, (int, float)) and confidence < LOW_CONFIDENCE:
        score += 200 * (1.0 - float(confidence))
        flags.append("low-confidence")
    lossy_repairs = sum(1 for c in entry.get("changes", []) if _is_lossy_change(c))
    if lossy_repairs:
        score += 20 * lossy_repairs
        flags.append("lossy-repair")
    removed = _removed_lines(entry)
    score += min(removed, 100)
    if removed >= MANY_REMOVALS:
        flags.append("many-removals")
    if entry.get("mixed"):
        score += 10
        flags.append("mixed-encoding")
    return round(score, 2), flags


def _keep(changes: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """At most :data:`MAX_CHANGES_PER_FILE` changes, the telling ones first: removed lines,
    encoding repairs and anything lossy are kept before the many small typography or script
    edits, then the order of the file is restored.

    >>> many = [{"kind": "script"}] * 1000 + [{"kind": "boilerplate", "before": "x", "after": ""}]
    >>> _keep(many)[-1]["kind"]
    'boilerplate'
    """
    if len(changes) <= MAX_CHANGES_PER_FILE:
        return changes

    def rank(i: int) -> tuple[int, int]:
        change = changes[i]
        telling = (
            _is_removal(change)
            or _is_lossy_change(change)
            or change.get("kind") in ("mojibake", "latin-mojibake")
        )
        return (0 if telling else 1, i)

    chosen = sorted(sorted(range(len(changes)), key=rank)[:MAX_CHANGES_PER_FILE])
    return [changes[i] for i in chosen]


def _compact_change(change: Mapping[str, Any]) -> list[Any]:
    """``[line, kind, rule, before, after, note, lossy]`` for the page."""
    detail = change.get("detail") or {}
    notes: list[str] = []
    if isinstance(detail, Mapping):
        chain = detail.get("chain")
        if isinstance(chain, list) and chain:
            notes.append(" → ".join(str(c) for c in chain))
        if "gain" in detail:
            notes.append(f"gain {detail['gain']}")
        if detail.get("category"):
            notes.append(str(detail["category"]))
    return [
        change.get("line", 0),
        str(change.get("kind", "")),
        str(change.get("rule", "")),
        _cut(str(change.get("before", ""))),
        _cut(str(change.get("after", ""))),
        "; ".join(notes),
        1 if _is_lossy_change(change) else 0,
    ]


def _summarise(files: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    statuses = Counter(str(f.get("status", "")) for f in files)
    encodings: Counter[str] = Counter()
    fixes: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    bytes_in = bytes_out = 0
    for f in files:
        if f.get("input_encoding"):
            encodings[str(f["input_encoding"])] += 1
        for kind, n in (f.get("fixes") or {}).items():
            fixes[str(kind)] += int(n)
        for change in f.get("changes", []):
            if _is_removal(change):
                detail = change.get("detail") or {}
                category = detail.get("category") if isinstance(detail, Mapping) else None
                label = str(category or change.get("rule", "") or change.get("kind", ""))
                removed[label] += max(1, str(change.get("before", "")).strip("\n").count("\n") + 1)
        bytes_in += int(f.get("bytes_in", 0) or 0)
        bytes_out += int(f.get("bytes_out", 0) or 0)
    return {
        "seen": len(files),
        "changed": statuses["changed"],
        "unchanged": statuses["unchanged"],
        "skipped": statuses["skipped"],
        "failed": statuses["failed"] + statuses["error"],
        "bytes_in": bytes_in,
        "bytes_out": bytes_out,
        "encodings": encodings,
        "fixes": fixes,
        "removed": removed,
    }


def _bars(title: str, counts: Counter[str], unit: str) -> str:
    """A CSS bar chart (no script needed) of the largest counts."""
    esc = html.escape
    if not counts:
        return f'<section class="chart"><h3>{esc(title)}</h3><p class="none">none</p></section>'
    top = counts.most_common(12)
    rest = sum(counts.values()) - sum(n for _, n in top)
    if rest:
        top.append(("(others)", rest))
    peak = max(n for _, n in top) or 1
    rows = "".join(
        f'<div class="bar"><span class="label" title="{esc(label)}">{esc(label)}</span>'
        f'<span class="track"><span class="fill" style="width:{100 * n / peak:.1f}%"></span></span>'
        f'<span class="num">{n:,}</span></div>'
        for label, n in top
    )
    return (
        f'<section class="chart"><h3>{esc(title)}</h3>'
        f'<p class="unit">{esc(unit)}</p>{rows}</section>'
    )


def _size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:,.0f} {unit}" if unit == "B" else f"{size:,.1f} {unit}"
        size /= 1024
    return f"{n} B"  # pragma: no cover - the loop always returns


def _json_for_script(value: Any) -> str:
    """JSON that cannot end its ``<script>`` element or open a comment inside it.

    >>> _json_for_script(["</script><b>"])
    '["\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"]'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def build_report(
    files: Sequence[Mapping[str, Any]], mode: str = "write", title: str = "cjkclean report"
) -> str:
    """The report page for the per-file entries of a run (the ``files`` of the JSON report,
    optionally with ``bytes_in`` / ``bytes_out``)."""
    summary = _summarise(files)
    order = sorted(range(len(files)), key=lambda i: (-severity(files[i])[0], str(files[i]["path"])))
    rows: list[dict[str, Any]] = []
    changes: list[list[list[Any]]] = []
    for rank, i in enumerate(order):
        f = files[i]
        score, flags = severity(f)
        all_changes = list(f.get("changes", []))
        kept = _keep(all_changes)
        confidence = f.get("confidence")
        rows.append(
            {
                "i": rank,
                "p": str(f.get("path", "")),
                "s": str(f.get("status", "")),
                "r": str(f.get("reason", "")),
                "e": str(f.get("input_encoding", "")),
                "c": confidence if isinstance(confidence, (int, float)) else None,
                "f": {str(k): int(v) for k, v in (f.get("fixes") or {}).items()},
                "rm": _removed_lines(f),
                "n": len(all_changes),
                "x": len(all_changes) - len(kept),
                "v": score,
                "fl": flags,
                "w": [str(w) for w in f.get("warnings", [])],
                "bi": int(f.get("bytes_in", 0) or 0),
                "bo": int(f.get("bytes_out", 0) or 0),
            }
        )
        compact = [_compact_change(c) for c in kept]
        compact.sort(key=lambda c: int(c[0]) if isinstance(c[0], int) else 0)  # stable: stage order
        changes.append(compact)
    meta = {"mode": mode, "title": title}
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    esc = html.escape
    verb = "would change" if mode == "check" else "changed"
    cards = [
        ("files seen", f"{summary['seen']:,}"),
        (verb, f"{summary['changed']:,}"),
        ("unchanged", f"{summary['unchanged']:,}"),
        ("skipped", f"{summary['skipped']:,}"),
        ("failed", f"{summary['failed']:,}"),
        ("bytes in", _size(summary["bytes_in"])),
        ("bytes out" if mode != "check" else "bytes out (if written)", _size(summary["bytes_out"])),
    ]
    card_html = "".join(
        f'<div class="card"><div class="big">{esc(v)}</div><div>{esc(k)}</div></div>'
        for k, v in cards
    )
    charts = "".join(
        (
            _bars("Encodings found", summary["encodings"], "files"),
            _bars("Fixes by kind", summary["fixes"], "fixes"),
            _bars("Lines removed by category", summary["removed"], "lines"),
        )
    )
    return _PAGE.format(
        csp=esc(csp, quote=True),
        title=esc(title),
        mode=esc("check (nothing written)" if mode == "check" else mode),
        cards=card_html,
        charts=charts,
        style=_asset("report.css"),
        meta=_json_for_script(meta),
        files=_json_for_script(rows),
        changes=_json_for_script(changes),
        script=script,
    )


def write_report_html(
    path: str,
    files: Sequence[Mapping[str, Any]],
    mode: str = "write",
    title: str = "cjkclean report",
) -> None:
    """Write the report atomically (a temporary file renamed over *path*).

    The report quotes the cleaned files: a new one is readable by its owner only (0600, as
    ``mkstemp`` creates it); a report that exists already keeps its permission bits.
    """
    page = build_report(files, mode, title).encode("utf-8", "replace")
    directory = os.path.dirname(os.path.abspath(path))
    try:
        old = os.stat(path)
        keep = stat.S_IMODE(old.st_mode) if stat.S_ISREG(old.st_mode) else None
    except OSError:
        keep = None
    fd, tmp = tempfile.mkstemp(prefix=".cjkclean-report-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(page)
            f.flush()
            os.fsync(f.fileno())
        if keep is not None:
            os.chmod(tmp, keep)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header><h1>{title}</h1><p>mode: {mode} <span id="mode"></span></p></header>
<main>
<div class="cards">{cards}</div>
<div class="charts">{charts}</div>
<div class="controls">
<input id="query" type="search" placeholder="filter by path" aria-label="filter by path">
<select id="kind" aria-label="kind of change"></select>
<select id="status" aria-label="status"></select>
<span class="meta">click a column to sort, a row to see its changes; worst cases first</span>
</div>
<div class="pager"><button id="prev" type="button">&larr; previous</button>
<span id="pageinfo"></span><button id="next" type="button">next &rarr;</button></div>
<table><thead><tr id="head"></tr></thead><tbody id="rows"></tbody></table>
<noscript><p>The file table needs JavaScript; the summary above does not.</p></noscript>
</main>
<script id="cjk-meta" type="application/json">{meta}</script>
<script id="cjk-files" type="application/json">{files}</script>
<script id="cjk-changes" type="application/json">{changes}</script>
<script>{script}</script>
</body>
</html>
"""
