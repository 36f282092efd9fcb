"""The atheris harness of the byte decoder (``fuzz/fuzz_decode.py``).

Its property checker runs here on its seed inputs and on hypothesis bytes whatever is installed;
a short libFuzzer run (1,000 inputs) runs when atheris is installed
(``pip install cjkclean[fuzz]``). Long runs: see ``fuzz/README.md``.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_decode", ROOT / "fuzz" / "fuzz_decode.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seeds_hold_the_decoder_promises() -> None:
    harness = _harness()
    seeds = harness.seeds()
    assert len(seeds) > 20
    for data in seeds:
        harness.check(data)


def test_a_bom_that_is_not_the_codecs_is_accounted_for() -> None:
    # Found by the first atheris run: a UTF-8 BOM on bytes that are not UTF-8 is kept as a
    # BOM while the body is read by another codec; the checker strips the BOM that is there.
    harness = _harness()
    harness.check(b"\xef\xbb\xbf" + "今天天气很好，我们去公园散步吧。\n".encode("gbk"))
    harness.check(b"\xef\xbb\xbf\xe4\xbb\x8a\xe5\xa4\xa9\x1bo\xf5\x14\xac\xac\xe4\xba\x8c\n")


@settings(max_examples=150, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=200),
        st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""]).flatmap(
            lambda bom: st.binary(max_size=100).map(lambda body: bom + body)
        ),
    )
)
def test_checker_on_any_bytes(data: bytes) -> None:
    _harness().check(data)


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris not installed")
def test_short_libfuzzer_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    harness = ROOT / "fuzz" / "fuzz_decode.py"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    subprocess.run(
        [sys.executable, str(harness), "--write-seeds", str(corpus)], env=env, check=True
    )
    run = subprocess.run(
        [sys.executable, str(harness), "-runs=1000", "-max_total_time=15", str(corpus)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Done" in run.stderr
