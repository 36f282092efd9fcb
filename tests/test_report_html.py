"""Tests of the HTML report (``cjkclean PATH --report-html FILE``)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjkclean import cli, report_html

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
WILD = json.loads((ROOT / "corpora" / "mojibake" / "wild.json").read_text(encoding="utf-8"))

# Hostile content: markup that would run if the report ever parsed data as HTML.
HOSTILE_TEXT = (
    "<script>document.title='PWNED'</script>\n"
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">\n"
    "</script><script>document.body.setAttribute('data-pwned','2')</script>\n"
    "会议于 2 月 19 日召开,江苏省参加。\n"
)
HOSTILE_NAME = "<img src=x onerror=document.title=1>.txt"


class Page(HTMLParser):
    """Collects the script elements and every attribute that could load something."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.loads: list[str] = []
        self.meta_csp = ""
        self._in_script: dict[str, str | None] | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        for key in ("src", "href", "action", "srcset", "background"):
            if named.get(key):
                self.loads.append(f"{tag} {key}={named[key]}")
        if tag == "meta" and named.get("http-equiv") == "Content-Security-Policy":
            self.meta_csp = named.get("content") or ""
        if tag == "link":
            self.loads.append(f"link {named}")
        if tag == "script":
            self._in_script = named
            self._buffer = []

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._buffer)))
            self._in_script = None


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


def embedded(page: Page, name: str) -> Any:
    for attrs, body in page.scripts:
        if attrs.get("id") == name:
            assert attrs.get("type") == "application/json"
            return json.loads(body)
    raise AssertionError(f"no embedded {name}")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "tree"
    root.mkdir()
    for seed in SEEDS:
        (root / seed.name).write_bytes(seed.read_bytes())  # the seeds are read-only
    wild = [c for c in WILD["cases"] if c.get("expected")][:40]
    (root / "wild-mojibake.txt").write_text(
        "".join(str(c["input"]) + "\n" for c in wild), encoding="utf-8"
    )
    (root / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    (root / "legacy-gbk.txt").write_bytes("江苏省南京市科技创新企业发布会。\n".encode("gbk"))
    (root / "lossy.txt").write_bytes("江苏省南京市科技创新企业".encode("gbk") + b"\xff\xfe\n")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(256))
    return root


def build(tree: Path, *extra: str) -> tuple[str, dict[str, Any], int]:
    report = tree.parent / "report.html"
    json_report = tree.parent / "report.json"
    code = cli.main(
        [
            *("-q", "--jobs", "1", "--report-html", str(report), "--report", str(json_report)),
            *extra,
            str(tree),
        ]
    )
    return (
        report.read_text(encoding="utf-8"),
        json.loads(json_report.read_text(encoding="utf-8")),
        code,
    )


def test_structure_of_a_check_run(tree: Path) -> None:
    before = {p.name: p.read_bytes() for p in tree.iterdir()}
    page_text, report, code = build(tree, "--check")
    assert code == 1  # changes needed
    assert {p.name: p.read_bytes() for p in tree.iterdir()} == before  # --check wrote nothing
    page = parse(page_text)
    # Self-contained: nothing is loaded from anywhere, and the policy forbids it too.
    assert page.loads == []
    assert "default-src 'none'" in page.meta_csp
    assert "http://" not in page_text and "https://" not in page_text
    # Four script elements: three JSON blobs and one script allowed by its hash.
    code_scripts = [body for attrs, body in page.scripts if "type" not in attrs]
    assert len(page.scripts) == 4 and len(code_scripts) == 1
    digest = base64.b64encode(hashlib.sha256(code_scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in page.meta_csp
    # The table data is the JSON report's files, worst first.
    files = embedded(page, "cjk-files")
    changes = embedded(page, "cjk-changes")
    assert len(files) == len(changes) == len(report["files"]) == len(SEEDS) + 5
    assert sorted(f["p"] for f in files) == sorted(f["path"] for f in report["files"])
    scores = [f["v"] for f in files]
    assert scores == sorted(scores, reverse=True)
    assert files[0]["p"].endswith("lossy.txt") and "undecodable" in files[0]["fl"]
    by_path = {f["p"]: f for f in files}
    for entry in report["files"]:
        row = by_path[entry["path"]]
        assert row["s"] == entry["status"]
        assert row["n"] == len(entry["changes"])
        assert row["f"] == entry["fixes"]
        assert row["bi"] >= 0 and row["bo"] >= 0
    # Summary cards and charts.
    summary = report["summary"]
    for label in ("files seen", "would change", "skipped", "failed", "bytes in"):
        assert f"<div>{label}</div>" in page_text
    assert f'<div class="big">{summary["seen"]}</div><div>files seen</div>' in page_text
    assert "Encodings found" in page_text and ">gbk<" in page_text
    assert "Fixes by kind" in page_text and ">mojibake<" in page_text
    assert "Lines removed by category" in page_text and ">image-placeholder<" in page_text


def test_changes_are_embedded_per_file(tree: Path) -> None:
    page_text, report, _ = build(tree, "--check")
    page = parse(page_text)
    files = embedded(page, "cjk-files")
    changes = embedded(page, "cjk-changes")
    by_path = {e["path"]: e for e in report["files"]}
    for row, compact in zip(files, changes, strict=True):
        entry = by_path[row["p"]]
        assert len(compact) == min(len(entry["changes"]), report_html.MAX_CHANGES_PER_FILE)
        lines = [c[0] for c in compact]
        assert lines == sorted(lines)
        kinds = {(c[1], c[2]) for c in compact}
        assert kinds <= {(c["kind"], c["rule"]) for c in entry["changes"]}
    wild = next(
        c for r, c in zip(files, changes, strict=True) if r["p"].endswith("wild-mojibake.txt")
    )
    moji = [c for c in wild if c[1] == "mojibake"]
    assert moji and all(" → " in c[5] and "gain" in c[5] for c in moji)
    assert any(c[6] for c in moji)  # lossy repairs are marked
    seed = next(c for r, c in zip(files, changes, strict=True) if r["p"].endswith(SEEDS[4].name))
    assert any(c[1] == "boilerplate" and c[4] == "" and c[5] == "seo-spam" for c in seed)


def test_hostile_text_is_never_markup(tree: Path) -> None:
    page_text, _, _ = build(tree, "--check")
    for needle in ("<img", "<script>document", "</script><script>document"):
        assert needle not in page_text
    page = parse(page_text)
    files = embedded(page, "cjk-files")
    changes = embedded(page, "cjk-changes")
    index = next(i for i, f in enumerate(files) if f["p"].endswith(HOSTILE_NAME))
    befores = [c[3] for c in changes[index]]
    assert "<script>" in befores  # the data still says exactly what was removed
    assert any(b.startswith("<img src=x onerror=") for b in befores)


def test_write_run_counts_bytes(tree: Path) -> None:
    sizes = {p.name: p.stat().st_size for p in tree.iterdir()}
    page_text, _, code = build(tree)
    assert code == 0
    files = embedded(parse(page_text), "cjk-files")
    for row in files:
        name = Path(row["p"]).name
        if row["s"] == "changed":
            assert row["bi"] == sizes[name]
            assert row["bo"] == (tree / name).stat().st_size
    assert "check run" not in page_text.split("<script")[0]


def test_unwritable_report_is_an_error(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["-q", "--check", "--report-html", str(tree / "no" / "r.html"), str(tree)])
    assert code == 2
    err = capsys.readouterr().err
    assert "r.html" in err and "Traceback" not in err


def test_large_run_is_bounded() -> None:
    change = {"kind": "script", "rule": "opencc-t2s", "line": 1, "before": "體", "after": "体"}
    files = [
        {
            "path": f"corpus/{i:05d}.txt",
            "status": "changed",
            "input_encoding": "utf-8",
            "confidence": 1.0,
            "fixes": {"script": 2000},
            "changes": [change] * (2000 if i == 0 else 3),
            "lines_removed": 0,
        }
        for i in range(10_000)
    ]
    page = parse(report_html.build_report(files, "write"))
    rows = embedded(page, "cjk-files")
    changes = embedded(page, "cjk-changes")
    assert len(rows) == 10_000
    big = next(i for i, r in enumerate(rows) if r["p"] == "corpus/00000.txt")
    assert len(changes[big]) == report_html.MAX_CHANGES_PER_FILE
    assert rows[big]["x"] == 2000 - report_html.MAX_CHANGES_PER_FILE


def test_severity_orders_worst_first() -> None:
    entries = [
        {"path": "ok", "status": "unchanged"},
        {
            "path": "removals",
            "status": "changed",
            "changes": [
                {"kind": "boilerplate", "rule": "r", "line": n, "before": "x\n", "after": ""}
                for n in range(12)
            ],
        },
        {"path": "uncertain", "status": "changed", "input_encoding": "big5", "confidence": 0.5},
        {"path": "failed", "status": "failed", "reason": "permission denied"},
    ]
    ranked = sorted(entries, key=lambda e: -report_html.severity(e)[0])
    assert [e["path"] for e in ranked] == ["failed", "uncertain", "removals", "ok"]
    assert report_html.severity(entries[1])[1] == ["many-removals"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_any_text_stays_data(path: str, before: str) -> None:
    entry = {
        "path": path,
        "status": "changed",
        "fixes": {"html": 1},
        "changes": [{"kind": "html", "rule": "tag", "line": 1, "before": before, "after": ""}],
    }
    page_text = report_html.build_report([entry])
    page = parse(page_text)
    assert len(page.scripts) == 4
    assert embedded(page, "cjk-files")[0]["p"] == path
    assert embedded(page, "cjk-changes")[0][0][3] == report_html._cut(before)


CHROMIUM = shutil.which("chromium")


def chromium(url: str, *args: str) -> tuple[str, str]:
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            *args,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.stdout, done.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_renders_in_chromium_without_errors(tree: Path) -> None:
    build(tree, "--check")
    report = tree.parent / "report.html"
    dom, log = chromium(f"{report.as_uri()}#open=all", "--dump-dom")
    console = [line for line in log.splitlines() if ":CONSOLE" in line]
    assert console == []  # no error, no CSP violation, nothing logged
    html_tag = re.search(r"<html[^>]*>", dom)
    assert html_tag is not None
    assert 'data-ready="1"' in html_tag.group() and "data-errors" not in html_tag.group()
    assert f'data-rendered="{len(SEEDS) + 5}"' in html_tag.group()
    body_tag = re.search(r"<body[^>]*>", dom)
    assert body_tag is not None and "pwned" not in body_tag.group()  # no injected handler ran
    assert "<title>cjkclean report</title>" in dom
    assert "<img" not in dom and dom.count("<script") == 4  # no element came from the data
    # Rows and the opened files' changes were drawn as text.
    assert dom.count('<tr class="file"') == len(SEEDS) + 5
    assert "&lt;img src=x onerror=" in dom
    assert '<span class="tag mojibake">mojibake/utf-8&gt;gbk</span>' in dom
    assert '<div class="row removed">' in dom and "boilerplate/" in dom


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_screenshot_shows_content(tree: Path) -> None:
    build(tree, "--check")
    report = tree.parent / "report.html"
    shot = tree.parent / "shot.png"
    chromium(report.as_uri(), f"--screenshot={shot}", "--window-size=1000,800", "--hide-scrollbars")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000
