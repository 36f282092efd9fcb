"""Extract ftfy's own test cases into ``corpora/mojibake/ftfy_cases.json``.

Source: ``tests/test_cases.json`` of the ftfy source distribution on PyPI
(<https://github.com/rspeer/python-ftfy>, © Robyn Speer, Apache License 2.0).  Only that *data*
file is carried over, with attribution (see ``corpora/mojibake/README.md`` and the licence copy
``corpora/mojibake/LICENSE-ftfy.txt``); no ftfy code is copied.

Each case keeps ftfy's fields (``label``, ``original``, ``fixed``, ``fixed-encoding``,
``comment``, ``expect``) and gains:

* ``id``: ``ftfy-NNN`` in file order;
* ``expected_encoding_fix``: ``fixed-encoding`` when present, else ``fixed`` (what
  ``ftfy.fix_encoding`` is meant to return);
* ``ftfy_fix_encoding_passes``: whether the installed ``ftfy.fix_encoding`` returns exactly that
  (the bar cjkclean must meet: every case ftfy's own encoding fix passes).

Usage::

    python scripts/extract_ftfy_cases.py                    # pip-downloads the sdist
    python scripts/extract_ftfy_cases.py --source ftfy-6.3.1.tar.gz
    python scripts/extract_ftfy_cases.py --source path/to/test_cases.json

>>> _member_name(["ftfy-6.3.1/README.md", "ftfy-6.3.1/tests/test_cases.json"])
'ftfy-6.3.1/tests/test_cases.json'
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import ftfy

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpora" / "mojibake" / "ftfy_cases.json"
LICENCE_OUT = ROOT / "corpora" / "mojibake" / "LICENSE-ftfy.txt"
DEFAULT_VERSION = "6.3.1"


def _member_name(names: Iterable[str]) -> str | None:
    """The path of ``tests/test_cases.json`` inside an sdist listing."""
    for name in names:
        parts = name.split("/")
        if parts[-2:] == ["tests", "test_cases.json"] and len(parts) == 3:
            return name
    return None


def _licence_name(names: Iterable[str]) -> str | None:
    for name in names:
        parts = name.split("/")
        if len(parts) == 2 and parts[1].upper().startswith("LICENSE"):
            return name
    return None


def read_sdist(path: Path) -> tuple[list[dict[str, Any]], str | None]:
    """Cases and licence text from an ftfy sdist tarball."""
    with tarfile.open(path) as tar:
        names = tar.getnames()
        member = _member_name(names)
        if member is None:
            raise SystemExit(f"error: no tests/test_cases.json in {path}")
        handle = tar.extractfile(member)
        if handle is None:
            raise SystemExit(f"error: cannot read {member} in {path}")
        cases = json.loads(handle.read().decode("utf-8"))
        licence = None
        licence_member = _licence_name(names)
        if licence_member is not None:
            lhandle = tar.extractfile(licence_member)
            if lhandle is not None:
                licence = lhandle.read().decode("utf-8")
    return cases, licence


def download_sdist(version: str, folder: Path) -> Path:
    """Fetch the ftfy sdist from the package index with pip (no install, no dependencies)."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--no-binary",
        ":all:",
        f"ftfy=={version}",
        "-d",
        str(folder),
        "-q",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    found = sorted(folder.glob(f"ftfy-{version}.tar.gz"))
    if result.returncode != 0 or not found:
        raise SystemExit(f"error: pip download failed:\n{result.stderr.strip()}")
    return found[0]


def annotate(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add ids, the expected encoding fix, and whether ftfy.fix_encoding passes the case."""
    out = []
    for number, case in enumerate(cases, start=1):
        expected = case.get("fixed-encoding", case["fixed"])
        row: dict[str, Any] = {
            "id": f"ftfy-{number:03d}",
            **case,
            "expected_encoding_fix": expected,
        }
        row["ftfy_fix_encoding_passes"] = ftfy.fix_encoding(case["original"]) == expected
        out.append(row)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="ftfy sdist (.tar.gz) or test_cases.json")
    parser.add_argument("--version", default=DEFAULT_VERSION, help="ftfy version to download")
    args = parser.parse_args(argv)

    licence: str | None = None
    version = args.version
    if args.source is not None:
        if not args.source.exists():
            print(f"error: {args.source} does not exist", file=sys.stderr)
            return 2
        if args.source.suffix == ".json":
            cases = json.loads(args.source.read_text(encoding="utf-8"))
        else:
            cases, licence = read_sdist(args.source)
            version = args.source.name.removeprefix("ftfy-").removesuffix(".tar.gz")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            cases, licence = read_sdist(download_sdist(version, Path(tmp)))

    installed = ftfy.__version__
    annotated = annotate(cases)
    payload: dict[str, Any] = {
        "about": "ftfy's tests/test_cases.json (Apache-2.0, (c) Robyn Speer), carried over as "
        "data with attribution; see README.md and LICENSE-ftfy.txt.",
        "source": {
            "package": f"ftfy=={version}",
            "path": "tests/test_cases.json",
            "repo": "rspeer/python-ftfy",
            "licence": "Apache-2.0",
        },
        "ftfy_version_checked": installed,
        "cases": annotated,
    }
    tmp_out = OUT.with_suffix(".json.tmp")
    tmp_out.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp_out.replace(OUT)
    if licence is not None:
        LICENCE_OUT.write_text(licence, encoding="utf-8")
    passes = sum(1 for c in annotated if c.get("ftfy_fix_encoding_passes"))
    print(f"wrote {len(annotated)} cases ({passes} pass ftfy.fix_encoding) to {OUT.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
