"""Stage "unicode": invisible characters, NFC, radicals, compatibility ideographs, width.

Each rule is a small fixer with its own rule name in the steps it reports:

``zero-width-space``, ``word-joiner``, ``bom``, ``soft-hyphen``
    U+200B, U+2060, U+FEFF and U+00AD carry nothing in running text and break
    search and segmentation, so they are removed.
``zero-width-joiner``
    U+200D is removed unless it glues an emoji sequence (👨‍👩‍👧) or sits in a
    script whose shaping uses it (Indic, Arabic).
``variation-selector``
    Variation selectors (U+FE00–FE0F, U+E0100–E01EF) after a Han character
    only pick a glyph; they are dropped so 葛󠄀 and 葛 compare equal.
``radical``
    Kangxi radicals (U+2F00–2FD5) and CJK Radicals Supplement characters
    (U+2E80–2EFF) that PDF extraction and some fonts produce instead of the
    ideograph (⼀ for 一) become the unified ideograph Unicode names as
    equivalent (``data/radicals.tsv``, from EquivalentUnifiedIdeograph.txt).
    NFKC would only cover the Kangxi block and 2 of the 115 supplement radicals.
``compat-ideograph``
    CJK compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F) become their
    canonical unified ideograph. The 12 characters of that block that are real
    unified ideographs (U+FA0E 﨎, FA0F, FA11, FA13, FA14, FA1F, FA21, FA23,
    FA24, FA27, FA28, FA29) have no decomposition and are kept.
``nfc``
    Everything else that is not in Normalization Form C is composed. NFC is
    applied *after* the compatibility ideographs have been handled by their own
    rule and never to them, so each such change is reported under its own
    name (ftfy's blanket NFC silently folds them); blanket NFKC is never
    applied (it would turn ``，`` into ``,`` and ``①`` into ``1``).
``fullwidth-alnum``
    Full-width ASCII letters and digits (ＡＢＣ１２３) become ASCII; full-width
    punctuation (，：；？！（）) is kept.
``control``
    C0 and C1 control characters are removed, except tab, line feed and
    carriage return; a vertical tab, form feed or NEL that separates text
    becomes a line feed.
``replacement-character``
    A U+FFFD left by a lossy decode cannot be undone here: it is *reported*
    (a step with ``before == after`` and ``detail["lossy"] = True``).

>>> from cjkclean.pipeline import Options
>>> fix_unicode("⼀\\u200b二ＡＢ１", Options())[0]
'一二AB1'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

from ._spans import HAN_CLASS, run_passes
from .pipeline import Options, Step

__all__ = ["fix_unicode", "radical_table"]

STAGE = "unicode"

_INVISIBLE = {
    "\u200b": "zero-width-space",
    "\u2060": "word-joiner",
    "\ufeff": "bom",
    "\u00ad": "soft-hyphen",
}
_LINE_CONTROLS = "\x0b\x0c\x85"

_CHAR_RE = re.compile(
    "[\u200b\u2060\ufeff\u00ad\u200d]"
    "|[\ufe00-\ufe0f\U000e0100-\U000e01ef]+"
    "|[\u2e80-\u2eff\u2f00-\u2fdf]"
    "|[\uf900-\ufaff\U0002f800-\U0002fa1f]"
    "|[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+"
    "|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
    "|\ufffd+"
)
_QUICK_RE = re.compile(
    "[\u200b\u2060\ufeff\u00ad\u200d\ufe00-\ufe0f\U000e0100-\U000e01ef\u2e80-\u2fdf"
    "\uf900-\ufaff\U0002f800-\U0002fa1f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]"
)
# The same matches as _CHAR_RE, found faster: one character class tested first at each position
# instead of seven alternatives.
_CHAR_SCAN_RE = re.compile(f"(?={_QUICK_RE.pattern})(?:{_CHAR_RE.pattern})")
# Characters after which a text can be split without changing its NFC form: they
# have no canonical decomposition and never compose with what precedes them.
_NFC_SAFE = "\x00-\x7f\u3000-\u3029\u3030-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uffef"
_NFC_CHUNK_RE = re.compile(f"[{_NFC_SAFE}]?[^{_NFC_SAFE}]+")
_COMPAT_RE = re.compile("[\uf900-\ufaff\U0002f800-\U0002fa1f]")
_HAN_BEFORE_RE = re.compile(f"[{HAN_CLASS}]")

# Rough Extended_Pictographic: the emoji blocks and the older symbols used in
# emoji ZWJ sequences (♂ ♀ ⚕ ❤ ❄ ⬛ ...).
_EMOJI_RE = re.compile(
    "[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2"
    "\u25aa-\u25fe\u2600-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299"
    "\U0001f000-\U0001faff]"
)
_EMOJI_MODIFIERS = "\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"
# Scripts whose shaping legitimately uses ZWJ (Arabic ... Sinhala, Myanmar).
_JOINING_SCRIPT_RE = re.compile("[\u0600-\u08ff\u0900-\u0dff\u1000-\u109f]")


@functools.lru_cache(maxsize=1)
def radical_table() -> dict[str, str]:
    """Radical -> equivalent unified ideograph, from ``data/radicals.tsv``.

    >>> radical_table()["⼈"], radical_table()["⺅"]
    ('人', '亻')
    """
    table: dict[str, str] = {}
    data = resources.files("cjkclean").joinpath("data/radicals.tsv")
    for line in data.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            radical, ideograph = line.split("\t")[:2]
            table[chr(int(radical, 16))] = chr(int(ideograph, 16))
    return table


def _compat_target(char: str) -> str | None:
    """The unified ideograph a compatibility ideograph decomposes to, if any.

    >>> _compat_target("\\uf900"), _compat_target("\\ufa0e")
    ('豈', None)
    """
    decomposition = unicodedata.decomposition(char)
    if not decomposition or decomposition.startswith("<"):
        return None
    return chr(int(decomposition, 16))


def _zwj_needed(text: str, i: int) -> bool:
    """Is the ZWJ at ``text[i]`` part of an emoji sequence or of a joining script?"""
    j = i - 1
    while j >= 0 and text[j] in _EMOJI_MODIFIERS:
        j -= 1
    if j < 0 or i + 1 >= len(text):
        return False
    prev, nxt = text[j], text[i + 1]
    if _EMOJI_RE.match(prev) and _EMOJI_RE.match(nxt):
        return True
    return bool(_JOINING_SCRIPT_RE.match(text[i - 1]) or _JOINING_SCRIPT_RE.match(nxt))


def _char_rule(text: str, m: re.Match[str]) -> Step | None:
    """The step for one match of ``_CHAR_RE`` (None when the character stays)."""
    s, e = m.span()
    found = m.group()
    first = found[0]
    if first in _INVISIBLE:
        rule = "bom" if first == "\ufeff" and s == 0 else _INVISIBLE[first]
        if first == "\ufeff" and s > 0:
            rule = "zero-width-no-break-space"
        return Step(STAGE, rule, s, e, found, "")
    if first == "\u200d":
        return None if _zwj_needed(text, s) else Step(STAGE, "zero-width-joiner", s, e, found, "")
    if first == "\ufffd":
        return Step(STAGE, "replacement-character", s, e, found, found, {"lossy": True})
    cp = ord(first)
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        if s > 0 and _HAN_BEFORE_RE.match(text[s - 1]):
            return Step(STAGE, "variation-selector", s, e, found, "")
        return None
    if 0x2E80 <= cp <= 0x2FDF:
        target = radical_table().get(first)
        return Step(STAGE, "radical", s, e, found, target) if target else None
    if 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F:
        target = _compat_target(first)
        return Step(STAGE, "compat-ideograph", s, e, found, target) if target else None
    if 0xFF10 <= cp <= 0xFF5A:
        ascii_form = "".join(chr(ord(c) - 0xFEE0) for c in found)
        return Step(STAGE, "fullwidth-alnum", s, e, found, ascii_form)
    # A control character.
    after = ""
    if first in _LINE_CONTROLS:
        before_c = text[s - 1] if s else "\n"
        after_c = text[e] if e < len(text) else "\n"
        if before_c not in "\r\n" + _LINE_CONTROLS and after_c not in "\r\n" + _LINE_CONTROLS:
            after = "\n"
    return Step(STAGE, "control", s, e, found, after, {"codepoint": f"U+{cp:04X}"})


def _char_pass(text: str) -> list[Step]:
    steps = []
    for m in _CHAR_SCAN_RE.finditer(text):
        step = _char_rule(text, m)
        if step is not None:
            steps.append(step)
    return steps


def _nfc_pass(text: str) -> list[Step]:
    """Compose what is not NFC, chunk by chunk so each change is its own small step."""
    if unicodedata.is_normalized("NFC", text):
        return []
    steps = []
    for m in _NFC_CHUNK_RE.finditer(text):
        chunk = m.group()
        if unicodedata.is_normalized("NFC", chunk):
            continue
        if any(_COMPAT_RE.match(c) and _compat_target(c) for c in chunk):
            continue  # compatibility ideographs are the char pass's business, never NFC's
        fixed = unicodedata.normalize("NFC", chunk)
        # Trim the common prefix and suffix so the step covers only what changed.
        p = 0
        while p < min(len(chunk), len(fixed)) and chunk[p] == fixed[p]:
            p += 1
        q = 0
        while q < min(len(chunk), len(fixed)) - p and chunk[-1 - q] == fixed[-1 - q]:
            q += 1
        s, e = m.start() + p, m.end() - q
        steps.append(Step(STAGE, "nfc", s, e, chunk[p : len(chunk) - q], fixed[p : len(fixed) - q]))
    return steps


def fix_unicode(text: str, options: Options) -> tuple[str, list[Step]]:
    """The "unicode" stage (see the module docstring for its rules).

    >>> from cjkclean.pipeline import Options
    >>> out, steps = fix_unicode("e\\u0301\\ufffd", Options())
    >>> out, [s.rule for s in steps]
    ('é\\ufffd', ['nfc', 'replacement-character'])
    """
    if _QUICK_RE.search(text) is None and unicodedata.is_normalized("NFC", text):
        return text, []
    return run_passes(text, [_char_pass, _nfc_pass])
