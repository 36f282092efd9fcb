"""Rewrite the counts in ``corpora/mojibake/README.md`` from the JSON files.

Run: ``python corpora/mojibake/tools/update_readme_counts.py`` after regenerating any file.
"""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent
OTHER_LANGUAGES = {
    "german", "french", "spanish", "portuguese", "polish", "czech", "turkish", "icelandic",
    "vietnamese", "greek", "russian", "ukrainian",
}  # fmt: skip


def load(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((CORPUS / name).read_text(encoding="utf-8"))["cases"]
    return cases


def tables() -> tuple[str, dict[str, str]]:
    out = ["## Case counts per chain", ""]
    wild = load("wild.json")
    out += ["### wild.json", "", "| chain | verified | lossy (of verified) | unverified |"]
    out.append("|---|---|---|---|")
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    for case in wild:
        key = " > ".join(case["chain"])
        if case["expected"] is None:
            counts[key][2] += 1
        else:
            counts[key][0] += 1
            counts[key][1] += int(case["lossy"])
    for key in sorted(counts):
        v = counts[key]
        out.append(f"| `{key}` | {v[0]} | {v[1]} | {v[2]} |")
    verified = sum(v[0] for v in counts.values())
    lossy_w = sum(v[1] for v in counts.values())
    out.append(f"| **total ({len(wild)})** | {verified} | {lossy_w} | {len(wild) - verified} |")

    syn = load("synthetic.json")
    out += ["", "### synthetic.json", ""]
    out.append("| chain | lossless 2–8 / 9–40 / 41–300 | lossy 2–8 / 9–40 / 41–300 | span |")
    out.append("|---|---|---|---|")
    per: dict[str, collections.Counter[Any]] = collections.defaultdict(collections.Counter)
    for case in syn:
        key = " > ".join(case["chain"])
        per[key][("L" if case["lossy"] else "S", case["bucket"])] += 1
        per[key]["span"] += "span" in case
    buckets = ("2-8", "9-40", "41-300")
    for key in sorted(per):
        row = per[key]
        ok = " / ".join(str(row[("S", b)]) for b in buckets)
        lost = " / ".join(str(row[("L", b)]) for b in buckets)
        out.append(f"| `{key}` | {ok} | {lost} | {row['span']} |")
    n_ok = sum(1 for c in syn if not c["lossy"])
    n_span = sum(1 for c in syn if "span" in c)
    out.append(f"| **total ({len(syn)})** | {n_ok} | {len(syn) - n_ok} | {n_span} |")

    latin = load("latin.json")
    out += ["", "### latin.json", "", "| chain | cases |", "|---|---|"]
    for key, n in sorted(collections.Counter(" > ".join(c["chain"]) for c in latin).items()):
        out.append(f"| `{key}` | {n} |")

    neg = load("negative.json")
    out += ["", "### negative.json", "", "| kind | lines |", "|---|---|"]
    kinds: collections.Counter[str] = collections.Counter()
    for case in neg:
        kind = case["kind"]
        if kind.startswith("rare-ext"):
            kind = "rare-ext (Extensions A–G, alone / in a sentence)"
        elif kind.startswith("prose"):
            kind = "prose (CPython cjkencodings)"
        elif kind.startswith("readme"):
            kind = "README lines (system-design-primer zh-Hans/zh-TW/ja/ko)"
        elif kind in OTHER_LANGUAGES:
            kind = "other languages (de/fr/es/pt/pl/cs/tr/is/vi/el/ru/uk)"
        kinds[kind] += 1
    for kind, n in kinds.most_common():
        out.append(f"| {kind} | {n} |")
    out.append(f"| **total** | {len(neg)} |")

    ftfy = load("ftfy_cases.json")
    passing = sum(1 for c in ftfy if c.get("ftfy_fix_encoding_passes"))
    marked = sum(1 for c in ftfy if c["expect"] == "pass")
    out += [
        "",
        "### ftfy_cases.json",
        "",
        f"{len(ftfy)} cases ({marked} marked pass by ftfy; ftfy 6.3.1's `fix_encoding` returns the "
        f"expected encoding fix for {passing}).",
        "",
    ]
    summary = {
        "wild": f"{len(wild)} ({verified} verified, {len(wild) - verified} `expected: null`)",
        "synthetic": f"{len(syn)} ({n_ok} lossless, {len(syn) - n_ok} lossy, {n_span} span-level)",
        "negative": str(len(neg)),
        "latin": str(len(latin)),
        "ftfy": str(len(ftfy)),
    }
    return "\n".join(out), summary


def main() -> int:
    readme = CORPUS / "README.md"
    text = readme.read_text(encoding="utf-8")
    body, summary = tables()
    text = text[: text.index("## Case counts per chain")] + body
    for name, value in summary.items():
        pattern = re.compile(rf"^(\| `{name}(?:_cases)?\.json` \|[^|]*\| )[^|]*( \|)$", re.M)
        text = pattern.sub(lambda m, v=value: f"{m.group(1)}{v}{m.group(2)}", text)  # type: ignore[misc]
    readme.write_text(text, encoding="utf-8")
    print(f"updated {readme.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
