"""Validate the mojibake corpus files themselves (not the engine): every verified case replays
its recorded codec chain, required fields are present, ids are unique, every chain of issue 2 is
covered."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mojibake_cases as mc

CASE_FILES = ("wild.json", "synthetic.json", "latin.json")
REQUIRED = {
    "wild.json": {"id", "input", "expected", "chain", "lossy", "source", "note"},
    "synthetic.json": {"id", "input", "expected", "chain", "lossy", "source", "bucket", "lang"},
    "latin.json": {"id", "input", "expected", "chain", "lossy", "source"},
    "negative.json": {"id", "text", "kind", "source"},
    "ftfy_cases.json": {"id", "label", "original", "fixed", "expect", "expected_encoding_fix"},
}


def _replays(case: dict[str, Any]) -> bool:
    garbled, expected, chain = case["input"], case["expected"], case["chain"]
    if case["lossy"]:
        return bool(mc.lossy_consistent(garbled, expected, chain))
    if "span" in case:
        start, end = case["span"]
        repaired = mc.reverse(garbled[start:end], chain)
        return bool(garbled[:start] + repaired + garbled[end:] == expected)
    return bool(mc.reverse(garbled, chain) == expected)


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_required_fields_and_unique_ids(name: str) -> None:
    cases = mc.load_cases(name)
    assert cases, f"{name} is empty"
    for case in cases:
        missing = REQUIRED[name] - case.keys()
        assert not missing, f"{name} {case.get('id')}: missing {sorted(missing)}"
    ids = [case["id"] for case in cases]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids"


def test_known_failure_markers_are_explained() -> None:
    for name in REQUIRED:
        for case in mc.load_cases(name):
            if "known_failure" in case:
                reason = case["known_failure"]
                assert isinstance(reason, str) and reason.strip(), case["id"]


def test_ids_unique_across_files() -> None:
    ids = [case["id"] for name in REQUIRED for case in mc.load_cases(name)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", CASE_FILES)
def test_chains_name_known_codecs(name: str) -> None:
    for case in mc.load_cases(name):
        assert len(case["chain"]) >= 2, case["id"]
        for codec in case["chain"]:
            assert mc.codec_name(codec), (case["id"], codec)


@pytest.mark.parametrize("name", CASE_FILES)
def test_every_verified_case_replays_its_chain(name: str) -> None:
    failures = [
        case["id"]
        for case in mc.load_cases(name)
        if case["expected"] is not None and not _replays(case)
    ]
    assert not failures, f"{name}: chain does not replay for {failures[:20]}"


@pytest.mark.parametrize("name", ("synthetic.json", "latin.json"))
def test_lossless_generated_cases_round_trip(name: str) -> None:
    for case in mc.load_cases(name):
        if case["lossy"]:
            continue
        if "span" in case:
            start, end = case["span"]
            head, tail = case["input"][:start], case["input"][end:]
            clean_span = case["expected"][start : len(case["expected"]) - len(tail)]
            assert mc.corrupt(clean_span, case["chain"]) == case["input"][start:end], case["id"]
            assert case["expected"].startswith(head) and case["expected"].endswith(tail)
            continue
        assert mc.corrupt(case["expected"], case["chain"]) == case["input"], case["id"]


def test_unverified_wild_cases_say_why() -> None:
    unverified = mc.wild_cases(include_unverified=True)
    for case in unverified:
        if case["expected"] is None:
            assert case["note"].strip(), case["id"]
            assert case["lossy"] or case["note"], case["id"]
    assert len(mc.wild_cases()) >= 60


def test_wild_sources_are_traceable() -> None:
    for case in mc.wild_cases(include_unverified=True):
        source = case["source"]
        assert isinstance(source, dict), case["id"]
        assert {"url"} <= source.keys() or {"index_id", "match_at"} <= source.keys(), case["id"]


def test_lossy_flag_matches_the_text() -> None:
    """A lossless case has no loss marks the chain did not produce; a lossy one differs from a
    strict replay."""
    for name in CASE_FILES:
        for case in mc.load_cases(name):
            if case["expected"] is None or not case["lossy"]:
                continue
            try:
                strict = mc.corrupt(case["expected"], case["chain"])
            except UnicodeError:
                continue
            assert strict != case["input"], f"{case['id']} is marked lossy but replays strictly"


def test_synthetic_covers_every_listed_chain_and_bucket() -> None:
    payload_chains = mc._load_payload("synthetic.json").get("chains", [])
    cases = mc.synthetic_cases()
    seen = {">".join(c["chain"]) for c in cases}
    assert payload_chains, "synthetic.json lists no chains"
    missing = [chain for chain in payload_chains if chain not in seen]
    assert not missing, missing
    buckets = {c["bucket"] for c in cases}
    assert buckets == {"2-8", "9-40", "41-300"}
    for case in cases:
        n = len(case["expected"])
        low, high = (int(x) for x in case["bucket"].split("-"))
        assert low <= n <= high or (case["bucket"] == "2-8" and n < 2), case["id"]
    assert any("span" in c for c in cases)
    assert {c["lang"] for c in cases} >= {"zh-Hans", "zh-Hant", "ja", "ko"}


def test_negative_lines_are_clean_and_distinct() -> None:
    lines = mc.negative_lines()
    assert len(lines) >= 500
    assert len(lines) == len(set(lines))
    for line in lines:
        assert line.strip() and "\n" not in line, repr(line)
        assert "\ufffd" not in line, line
    # Real text is not always NFC (CPython's JIS X 0213 sample has combining marks); a fixer
    # must leave it as it is, so the corpus keeps some of it on purpose.
    assert any(not unicodedata.is_normalized("NFC", line) for line in lines)


def test_latin_cases_stay_latin() -> None:
    for case in mc.latin_cases():
        assert not any(
            "\u4e00" <= ch <= "\u9fff" for ch in case["input"] if ch not in case["expected"]
        ), case["id"]


def test_ftfy_cases_carried_over() -> None:
    cases = mc.ftfy_cases()
    assert len(cases) > 100
    assert {c["expect"] for c in cases} <= {"pass", "fail"}
    passing = mc.ftfy_cases(only_fix_encoding_passes=True)
    assert 0 < len(passing) <= len(cases)
