"""cjkclean: repair and clean Chinese, Japanese and Korean text.

>>> import cjkclean
>>> cjkclean.clean("plain text")
'plain text'
"""

from __future__ import annotations

from .boilerplate import strip_boilerplate
from .decode import Decoded, decode
from .pipeline import Options, Step, clean, clean_and_explain, replay

__version__ = "0.1.0"

__all__ = [
    "Decoded",
    "Options",
    "Step",
    "__version__",
    "clean",
    "clean_and_explain",
    "decode",
    "replay",
    "strip_boilerplate",
]
