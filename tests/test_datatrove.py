"""The datatrove steps under datatrove's own executor, against ``cjkclean.clean``.

The corpus is built from the repository's real data: wild mojibake cases
(``corpora/mojibake/wild.json``), paragraphs and footers of scraped articles
(``corpora/pages``, five of them in Traditional Chinese), a site footer line shared by many
documents (the corpus-level template), and one document that is nothing but boilerplate.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from hypothesis import given, settings
from hypothesis import strategies as st

import cjkclean
from cjkclean.boilerplate import LineCounter, strip_corpus_lines
from cjkclean.integrations.datatrove import (
    EMPTY_REASON,
    CJKClean,
    CorpusLineCount,
    CorpusLineMerge,
    CorpusLineRemoval,
)

ROOT = Path(__file__).resolve().parent.parent
FOOTER = "城南旧事编辑部出品，每周三晚上准时更新"
EMPTY_DOC = "返回顶部\n"


def _corpus() -> list[dict[str, Any]]:
    """About forty short documents; every third carries the shared footer line."""
    wild = json.loads((ROOT / "corpora" / "mojibake" / "wild.json").read_text("utf-8"))
    pages = sorted((ROOT / "corpora" / "pages").glob("*.txt"))
    docs: list[str] = []
    for i, path in enumerate(pages[:24]):
        lines = [ln for ln in path.read_text("utf-8").splitlines() if ln.strip()]
        body = lines[:4] + lines[-4:]  # opening paragraphs and the footer block
        case = wild["cases"][i % len(wild["cases"])]
        if not case.get("lossy"):
            body.insert(2, case["input"])
        docs.append("\n".join(body) + "\n")
    docs += [case["input"] + "\n" for case in wild["cases"][:12] if not case.get("lossy")]
    docs = [d + FOOTER + "\n" if i % 3 == 0 else d for i, d in enumerate(docs)]
    docs.append(EMPTY_DOC)  # (datatrove's readers skip documents whose text is "")
    return [{"id": f"doc{i:03d}", "text": d, "source": "test", "n": i} for i, d in enumerate(docs)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("input")
    docs = _corpus()
    half = len(docs) // 2
    for name, part in (("a.jsonl", docs[:half]), ("b.jsonl", docs[half:])):
        with open(folder / name, "w", encoding="utf-8") as f:
            for doc in part:
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return folder, docs


def _read_folder(folder: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                out[doc["id"]] = doc
    return out


def _step_stats(logging_dir: Path, name: str) -> dict[str, float]:
    """The totals of one step's statistics in the run's merged ``stats.json``."""
    merged = json.loads((logging_dir / "stats.json").read_text("utf-8"))
    for entry in merged:
        if name in entry["name"]:  # a plain count is stored as a number, a metric as a dict
            return {k: v["total"] if isinstance(v, dict) else v for k, v in entry["stats"].items()}
    raise AssertionError(f"no stats for {name!r} in {[e['name'] for e in merged]}")


def test_clean_step_matches_clean(
    corpus: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, docs = corpus
    out, excluded, logs = tmp_path / "out", tmp_path / "excluded", tmp_path / "logs"
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(folder)),
            CJKClean(exclusion_writer=JsonlWriter(str(excluded))),
            JsonlWriter(str(out)),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(logs),
    ).run()
    kept, dropped = _read_folder(out), _read_folder(excluded)
    assert set(kept) | set(dropped) == {d["id"] for d in docs}
    assert not set(kept) & set(dropped)
    changed = 0
    for doc in docs:
        expected = cjkclean.clean(doc["text"])
        if expected.strip():
            assert kept[doc["id"]]["text"] == expected
            assert kept[doc["id"]]["metadata"]["n"] == doc["n"]  # other fields carried along
            changed += expected != doc["text"]
        else:
            assert dropped[doc["id"]]["text"] == doc["text"]  # the original, for the audit
            assert dropped[doc["id"]]["metadata"]["filter_reason"] == EMPTY_REASON
    assert changed >= 10
    assert any(d["text"] == EMPTY_DOC for d in dropped.values())
    stats = _step_stats(logs, "cjkclean")
    assert stats["total"] == len(docs)
    assert stats["dropped"] == len(dropped)
    assert stats["changed"] >= changed
    assert stats["fixes_mojibake"] >= 10
    assert stats["fixes_boilerplate"] >= 1


def test_two_pass_corpus_boilerplate(
    corpus: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, docs = corpus
    counts, out, logs = tmp_path / "counts", tmp_path / "out", tmp_path / "logs"
    count = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(folder)), CorpusLineCount(str(counts))],
        tasks=2,
        workers=1,
        logging_dir=str(logs / "count"),
    )
    merge = LocalPipelineExecutor(
        pipeline=[CorpusLineMerge(str(counts), min_files=5, min_fraction=0.1)],
        tasks=1,
        logging_dir=str(logs / "merge"),
        depends=count,
    )
    remove = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(folder)),
            CorpusLineRemoval(str(counts)),
            CJKClean(),
            JsonlWriter(str(out)),
        ],
        tasks=2,
        workers=1,
        logging_dir=str(logs / "remove"),
        depends=merge,
    )
    remove.run()
    assert len(list(counts.glob("*.cjkclean-lines.json.gz"))) == 2
    # The same as the CLI's --corpus-dedup: one counter over all documents, then strip + clean.
    counter = LineCounter()
    for doc in docs:
        counter.add_document(doc["text"])
    templates = counter.templates(min_files=5, min_fraction=0.1)
    assert templates
    kept = _read_folder(out)
    footer_docs = 0
    for doc in docs:
        expected = cjkclean.clean(strip_corpus_lines(doc["text"], templates)[0])
        if expected.strip():
            assert kept[doc["id"]]["text"] == expected
        else:
            assert doc["id"] not in kept
        if FOOTER in doc["text"]:
            footer_docs += 1
            assert FOOTER not in kept[doc["id"]]["text"]
    assert footer_docs >= 5
    assert _step_stats(logs / "remove", "corpus boilerplate")["lines_removed"] >= (footer_docs)
    assert _step_stats(logs / "merge", "line merge")["templates"] == len(templates)


def test_bad_documents_pass_through_unchanged() -> None:
    step = CJKClean()
    bad: Any = b"\xe6\x96\x87"  # bytes where a str belongs
    docs = [Document(text=bad, id="bytes"), Document(text="鏂囩珷鍙戝竷鏃堕棿", id="ok")]
    out = list(step.run(docs))
    assert [d.id for d in out] == ["bytes", "ok"]
    assert out[0].text == bad
    assert out[1].text == "文章发布时间"
    assert step.stats["errors"].total == 1
    removal = CorpusLineRemoval("/nonexistent-folder")
    removal._templates = frozenset({1})
    assert [d.text for d in removal.run([Document(text=bad, id="bytes")])] == [bad]
    assert removal.stats["errors"].total == 1


def test_unknown_option_fails_at_construction() -> None:
    with pytest.raises(TypeError, match="unknown cjkclean option"):
        CJKClean(scripts="simplified")
    assert CJKClean(script="simplified")._kwargs == {"script": "simplified"}


def test_merge_without_counts_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="run CorpusLineCount first"):
        list(CorpusLineMerge(str(tmp_path)).run(None))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="文章发布鏂囩珷鍙戝竷時間 \n。ab", max_size=30), max_size=5))
def test_step_is_clean_or_drop(texts: list[str]) -> None:
    step = CJKClean(script="simplified")
    out = {d.id: d.text for d in step.run([Document(t, str(i)) for i, t in enumerate(texts)])}
    for i, text in enumerate(texts):
        expected = cjkclean.clean(text, script="simplified")
        assert out.get(str(i)) == (expected if expected.strip() else None)
