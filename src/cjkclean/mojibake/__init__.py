"""Mojibake repair: text decoded with the wrong codec, reversed.

>>> fix_mojibake("鍙戝竷")
'发布'
"""

from __future__ import annotations

from .engine import clear_caches, fix_mojibake, fix_mojibake_and_explain, search_session

__all__ = ["clear_caches", "fix_mojibake", "fix_mojibake_and_explain", "search_session"]
