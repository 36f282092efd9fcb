"""cjkclean: repair and clean Chinese, Japanese and Korean text.

>>> import cjkclean
>>> cjkclean.clean("plain text")
'plain text'
"""

from __future__ import annotations

from .boilerplate import strip_boilerplate
from .decoding import Decoded, decode
from .mojibake import fix_mojibake, fix_mojibake_and_explain
from .pipeline import Options, Step, clean, clean_and_explain, replay
from .script import convert, detect_script, to_simplified, to_traditional

__version__ = "0.1.0"

__all__ = [
    "Decoded",
    "Options",
    "Step",
    "__version__",
    "clean",
    "clean_and_explain",
    "convert",
    "decode",
    "detect_script",
    "fix_mojibake",
    "fix_mojibake_and_explain",
    "replay",
    "strip_boilerplate",
    "to_simplified",
    "to_traditional",
]
