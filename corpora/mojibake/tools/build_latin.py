"""Build ``corpora/mojibake/latin.json``: Latin-script mojibake that must be repaired *as Latin*.

A CJK-aware fixer must not read ``EspaÃ±ol`` as GBK (``Espa帽ol``): these cases have Latin (and
Cyrillic/Greek) text garbled by the classic UTF-8 → Latin-1 / Windows-1252 chains, sometimes next
to clean CJK text, and the expected output is the Latin text.  The clean strings are authored for
this corpus (CC0), except the one marked with its public source.  Every case is verified by
replaying its chain.

Run: ``python corpora/mojibake/tools/build_latin.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import ftfy

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "latin.json"
sys.path.insert(0, str(HERE.parents[2] / "tests"))

import mojibake_cases as mc  # noqa: E402

CLEAN = [
    "Español",
    "café",
    "naïve",
    "über",
    "Größe",
    "façade",
    "São Paulo",
    "El Niño",
    "crème brûlée",
    "Ærø",
    "Œuvre",
    "Łódź",
    "Dvořák",
    "Citroën",
    "smörgåsbord",
    "résumé",
    "Zürich",
    "Málaga",
    "Ça va",
    "fiancée",
    "Müller",
    "Ñandú",
    "L'été dernier à Noël",
    "Die Straße ist naß.",
    "¿Dónde está la estación?",
    "A ação foi concluída.",
    "“quoted”",
    "it’s — “nice” …",
    "€ 9,99",
    "© 2024 Société Générale",
    "café 咖啡",
    "Pokémon 宝可梦",
    "Español / 西班牙语",
    "München 慕尼黑",
    "Crème brûlée クレームブリュレ",
    "Café 카페",
    "Привет",
    "Ελληνικά",
    "Tiếng Việt",
    "Hà Nội",
]
CHAINS = [
    ["utf-8", "windows-1252"],
    ["utf-8", "sloppy-windows-1252"],
    ["utf-8", "latin-1"],
    ["utf-8", "windows-1252", "windows-1252"],
]
WILD = [
    {
        "input": "de: 'WirbelstÃ¼rme',",
        "expected": "de: 'Wirbelstürme',",
        "chain": ["utf-8", "windows-1252"],
        "source": {"index_id": "59842558984", "match_at": 5227, "found_with": "find_string 'å¤§'"},
        "note": "game-data translation table; its CJK labels are garbled too",
    }
]


def build() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for clean in CLEAN:
        for chain in CHAINS:
            if any("\u3000" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3" for ch in clean):
                # CJK next to Latin: only the Latin word is garbled, the CJK stays clean.
                latin, _, rest = clean.partition(" ")
                try:
                    garbled = mc.corrupt(latin, chain) + " " + rest
                except UnicodeError:
                    continue
                if mc.reverse(garbled.split(" ")[0], chain) != latin:
                    continue
            else:
                try:
                    garbled = mc.corrupt(clean, chain)
                    if mc.reverse(garbled, chain) != clean:
                        continue
                except UnicodeError:
                    continue
            span = None
            if garbled.endswith(clean.partition(" ")[2]) and " " in clean and garbled != clean:
                first = garbled.split(" ")[0]
                if any("\u3000" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3" for ch in clean):
                    span = [0, len(first)]
            if garbled == clean or (garbled, "") in seen:
                continue
            seen.add((garbled, ""))
            case: dict[str, Any] = {}
            if span is not None:
                case["span"] = span
            cases.append(
                {
                    **case,
                    "id": f"latin-{len(cases) + 1:03d}",
                    "input": garbled,
                    "expected": clean,
                    "chain": chain,
                    "lossy": False,
                    "source": "authored",
                    "note": "",
                }
            )
    for wild in WILD:
        cases.append({"id": f"latin-{len(cases) + 1:03d}", "lossy": False, **wild})
    for case in cases:
        case["ftfy_fix_encoding_passes"] = ftfy.fix_encoding(case["input"]) == case["expected"]
    return cases


def main() -> int:
    cases = build()
    payload = {
        "about": "Latin mojibake to repair as Latin, never into CJK; see README.md.",
        "cases": cases,
    }
    tmp = OUT.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {len(cases)} cases to {OUT.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
