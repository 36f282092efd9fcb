"""Write the golden outputs of the default pipeline for the seed articles.

``corpora/seeds/expected/NAME.txt`` is ``cjkclean.clean`` of ``corpora/seeds/NAME.txt`` with the
default options. Regenerate only after reading the diff of every changed file: the golden files
are reviewed outputs, and ``tests/test_golden.py`` holds the pipeline to them.

Run: ``python scripts/make_golden.py``.
"""

from __future__ import annotations

import pathlib

import cjkclean

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "corpora" / "seeds"


def main() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        cleaned = cjkclean.clean(path.read_text(encoding="utf-8"))
        target = SEEDS / "expected" / path.name
        target.write_text(cleaned, encoding="utf-8")
        print(f"{path.name}: {len(cleaned)} characters")


if __name__ == "__main__":
    main()
