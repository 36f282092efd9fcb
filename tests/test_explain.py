"""Tests of ``cjkclean explain``: step explanations, mojibake layers, the JSON plan, --bytes."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cjkclean
from cjkclean import cli, explain
from cjkclean.mojibake.simulate import CHAINS, corrupt, is_lossless
from cjkclean.pipeline import Step, replay

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
WILD = json.loads((ROOT / "corpora" / "mojibake" / "wild.json").read_text(encoding="utf-8"))


def wild_repaired() -> list[dict[str, object]]:
    """Real mojibake cases (corpora/mojibake/wild.json) that the default pipeline repairs with
    its CJK layers (not Latin mojibake, which ftfy repairs in the ``latin-mojibake`` stage)."""
    cases = []
    for case in WILD["cases"]:
        if not case.get("expected"):
            continue
        fixed, steps = cjkclean.fix_mojibake_and_explain(case["input"])
        if fixed == case["expected"] and any(s.stage == "mojibake" for s in steps):
            cases.append(case)
    return cases


WILD_REPAIRED = wild_repaired()


def run_explain(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = explain.main(list(args), out=out)
    return code, out.getvalue()


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)


def test_wild_cases_exist() -> None:
    chains = {len(c["chain"]) for c in WILD_REPAIRED}  # type: ignore[arg-type]
    assert len(WILD_REPAIRED) >= 20 and 3 in chains


@pytest.mark.parametrize("case", WILD_REPAIRED[::4], ids=lambda c: str(c["id"]))
def test_wild_mojibake_explained_layer_by_layer(case: dict[str, object]) -> None:
    text = str(case["input"])
    code, output = run_explain("--no-typography", "--no-boilerplate", text)
    assert code == 0
    cleaned, steps = cjkclean.clean_and_explain(text, typography=False, boilerplate=False)
    assert output.split("\n", 1)[0] == cleaned
    moji = [s for s in steps if s.stage == "mojibake"]
    assert moji, "the case was chosen because the engine repairs it"
    for step in moji:
        layers = explain.mojibake_layers(step)
        chain = list(step.detail["chain"])
        assert len(layers) == len(chain)  # one line per wrong decoder, plus "reversed"
        assert layers[-1] == ("reversed", step.after)
        assert layers[-2][1] == step.before  # the outermost layer is the text as found
        assert layers[0][0].startswith(f"{explain.codec_label(chain[0])} bytes read as")
        for what, shown in layers[:-1]:
            assert f"{what} → {explain.visible(shown)}" in output
        assert f"reversed → {explain.visible(step.after)}" in output
        assert f"gain {float(step.detail['gain']):+.2f}" in output
        assert ("LOSSY" in output) == any(bool(s.detail.get("lossy")) for s in steps)


LOSSLESS_CHAINS = [c for c in CHAINS if c[0] in ("utf-8", "gbk", "big5")]


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        alphabet="发布新闻稿件中文科技创新企业南京市江苏省的一是了人在有", min_size=2, max_size=12
    ),
    st.sampled_from(LOSSLESS_CHAINS),
)
def test_layers_replay_each_intermediate(text: str, chain: tuple[str, ...]) -> None:
    """Every intermediate text shown is what the damage looked like after that layer."""
    if not is_lossless(text, chain):
        return
    bad = corrupt(text, chain)
    step = Step("mojibake", ">".join(chain), 0, len(bad), bad, text, {"chain": list(chain)})
    layers = explain.mojibake_layers(step)
    for depth, (_, shown) in enumerate(layers[:-1], start=2):
        assert shown == corrupt(text, chain[:depth])


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_json_plan_replays_seed(seed: Path) -> None:
    code, output = run_explain("--json", "--file", str(seed))
    assert code == 0
    plan = [Step.from_dict(d) for d in json.loads(output)]
    text = seed.read_text(encoding="utf-8")
    cleaned, steps = cjkclean.clean_and_explain(text)
    assert plan == steps
    assert replay(text, plan) == cleaned


@pytest.mark.parametrize("seed", SEEDS[:3], ids=lambda p: p.name[:3])
def test_every_step_of_a_seed_is_shown(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    cleaned, steps = cjkclean.clean_and_explain(text)
    code, output = run_explain("--file", str(seed))
    assert code == 0
    assert output.startswith(cleaned + "\n")
    body = output[len(cleaned) :]
    for index, step in enumerate(steps, 1):
        head = f"[{index}] {step.stage}  {step.rule}  line "
        assert head in body
    removed = [s for s in steps if s.stage == "boilerplate" and s.after == ""]
    for step in removed:
        assert f"removed: {explain.visible(step.before)}" in body


def test_typography_step_before_after() -> None:
    line = "3月12日 ,江苏 2 月 19 日召开会议"
    code, output = run_explain(line)
    cleaned, steps = cjkclean.clean_and_explain(line)
    assert code == 0 and output.split("\n", 1)[0] == cleaned
    for step in steps:
        if step.before and step.after and step.before != step.after:
            assert f"{explain.visible(step.before)} → {explain.visible(step.after)}" in output
    assert "removed: ␠" in output  # a removed space is drawn, not left blank


def test_stdin_and_legacy_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "发布新闻：" + corrupt("南京发布新闻稿件", ["utf-8", "gbk"])
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    code, output = run_explain("-")
    assert code == 0 and output.startswith("发布新闻：南京发布新闻稿件\n")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("江苏省南京市科技创新企业发布会。\n".encode("gbk"))
    code, output = run_explain("--file", str(legacy))
    assert code == 0 and output.startswith("江苏省南京市科技创新企业发布会。")


def test_color_only_when_asked_or_on_a_tty() -> None:
    text = corrupt("发布新闻", ["utf-8", "gbk"])
    assert "\x1b[" not in run_explain(text)[1]  # a StringIO is not a terminal
    assert "\x1b[" in run_explain("--color", "always", text)[1]

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    assert explain.main([text], out=tty) == 0 and "\x1b[" in tty.getvalue()
    tty = Tty()
    assert explain.main(["--color", "never", text], out=tty) == 0
    assert "\x1b[" not in tty.getvalue()


def test_bytes_candidates(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("江苏省南京市科技创新企业发布会在南京举行。\n".encode("gbk"))
    code, output = run_explain("--bytes", str(gbk))
    assert code == 0
    decoded, cands = explain.candidate_decodings(gbk.read_bytes())
    assert cands[0].chosen and cands[0].codec == decoded.encoding == "gbk"
    assert len(cands) >= 2 and all(0.0 <= c.confidence <= 1.0 for c in cands)
    assert sum(c.confidence for c in cands) == pytest.approx(1.0, abs=1e-3)
    assert f"chosen: {decoded.encoding}  confidence {decoded.confidence:.2f}" in output
    for cand in cands:
        assert cand.codec in output
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text("中文", encoding="utf-8")
    code, output = run_explain("--bytes", str(utf8))
    assert code == 0 and "valid UTF-8" in output
    lossy = tmp_path / "lossy.txt"
    lossy.write_bytes("江苏省南京市科技创新企业".encode("gbk") + b"\xff\n")
    code, output = run_explain("--bytes", str(lossy))
    assert code == 0 and "LOSSY" in output


def test_cli_dispatches_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain", "鍙戝竷"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("发布\n") and "UTF-8 bytes read as GBK → 鍙戝竷" in out


@pytest.mark.parametrize(
    "args",
    [[], ["a", "--file", "x"], ["--file", "missing.txt"], ["--bytes", "missing.txt"], ["--nope"]],
)
def test_errors_are_messages(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert explain.main(args, out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err and "Traceback" not in err


def test_binary_and_bad_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = tmp_path / "x.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert explain.main(["--file", str(image)], out=io.StringIO()) == 2
    assert explain.main(["--script", "klingon", "中文"], out=io.StringIO()) == 2
    code, output = run_explain("--bytes", str(image))
    assert code == 0 and "binary" in output
    assert "Traceback" not in capsys.readouterr().err


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_visible_has_no_invisible_characters(text: str) -> None:
    shown = explain.visible(text, limit=10_000)
    for char in shown:
        assert char == " " or unicodedata.category(char) not in ("Cc", "Cf", "Zs", "Zl", "Zp")


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_explain_never_fails_and_json_replays(text: str) -> None:
    if text == "-":
        return  # that is standard input
    code, output = run_explain("--json", "--", text)
    assert code == 0
    plan = [Step.from_dict(d) for d in json.loads(output)]
    assert replay(text, plan) == cjkclean.clean(text)
    assert explain.main(["--", text], out=io.StringIO()) == 0
