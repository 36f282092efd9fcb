"""Stage "html": HTML remnants left in scraped plain text.

Rules (each reported under its own name):

``entity``
    A well-formed character reference (``&nbsp;``, ``&amp;``, ``&#183;``,
    ``&#x4e2d;``; the semicolon is required) is decoded with
    :func:`html.unescape`'s semantics. Double escaping (``&amp;nbsp;``) is
    undone in the same step, so the stage is idempotent. ``&nbsp`` without its
    semicolon, ``AT&T`` or ``a & b`` are left alone.
``tag``
    A stray tag with a known HTML element name (``</strong>``, ``<br/>``,
    ``<span class="x">``) and HTML comments are removed. ``<br>`` and block
    tags between two pieces of text become a line break. A bare one-letter
    opening tag (``<b>``, ``<i>``...) is only removed when its closing tag
    also occurs, so ``a<b>c`` stays; ``a<b``, ``<3`` and ``x < y`` never match.
``tag-fragment``
    A closing tag whose ``<`` was swallowed by a lossy decode (``共同體?!?/strong>``)
    is removed when it follows a non-ASCII character or a ``?``.
``empty-image``
    An empty Markdown image ``![]()`` is removed with its padding.

Nothing inside backtick code spans or fenced code blocks is touched.

>>> from cjkclean.pipeline import Options
>>> fix_html("南京&nbsp;日报</strong>&amp;<br/>下一行 a<b", Options())[0]
'南京\\xa0日报&\\n下一行 a<b'
"""

from __future__ import annotations

import html
import re

from ._spans import Protected, run_passes
from .pipeline import Options, Step

__all__ = ["fix_html"]

STAGE = "html"

_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_ENTITY_RE = re.compile(r"&(?:amp;)*" + _ENTITY[1:])
_ENTITY_FULL_RE = re.compile(_ENTITY)

_BLOCK = "p|div|li|ul|ol|tr|td|th|table|tbody|thead|h[1-6]|section|article|blockquote|hr|br"
_INLINE = (
    "a|b|i|u|s|q|em|strong|span|font|small|big|sup|sub|img|mark|del|ins|abbr|cite|code|"
    "label|center|figure|figcaption|iframe|script|style|noscript|section|nav|header|footer|"
    "main|aside|dl|dt|dd|pre|caption|col|colgroup|tfoot|wbr|source|video|audio|picture|"
    "input|button|form|select|option|textarea|meta|link|title|head|body|html"
)
_ATTRS = r"""(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?)*"""
_TAG_RE = re.compile(
    r"<!--.*?-->"
    rf"|<(/?)({_BLOCK}|{_INLINE})(?![A-Za-z0-9-])({_ATTRS})\s*(/?)>",
    re.IGNORECASE | re.DOTALL,
)
# The same without comments, for the text after the last "-->": there an unclosed "<!--" would
# be scanned to the end of the text from each of its occurrences (quadratic time).
_TAG_ONLY_RE = re.compile(_TAG_RE.pattern.split("|", 1)[1], re.IGNORECASE | re.DOTALL)
_BLOCK_RE = re.compile(rf"(?:{_BLOCK})", re.IGNORECASE)
_FRAGMENT_RE = re.compile(rf"(?<=[?\u0080-\U0010ffff])/(?:{_BLOCK}|{_INLINE})>", re.IGNORECASE)
_EMPTY_IMAGE_RE = re.compile(r"!\[[ \t]*\]\([ \t]*\)[ \t]*")  # padding before: see _image_pass
_QUICK_RE = re.compile(r"&[#A-Za-z]|<|>|!\[")
_NON_SPACE_RUN_RE = re.compile(r"[^\s]+")


def _decode_entity(found: str) -> str:
    """Decode one (possibly multiply escaped) entity.

    >>> _decode_entity("&amp;nbsp;"), _decode_entity("&#183;")
    ('\\xa0', '·')
    """
    text = found
    while True:
        decoded = html.unescape(text)
        if decoded == text or not _ENTITY_FULL_RE.fullmatch(decoded):
            return decoded
        text = decoded


def _entity_pass(text: str) -> list[Step]:
    if "&" not in text:
        return []
    code = Protected(text, code_only=True)
    steps = []
    for m in _ENTITY_RE.finditer(text):
        if code and code.covers(m.start()):
            continue
        after = _decode_entity(m.group())
        if after != m.group():
            steps.append(Step(STAGE, "entity", m.start(), m.end(), m.group(), after))
    return steps


def _text_bounds(text: str, tags: list[re.Match[str]]) -> dict[int, tuple[int, int]]:
    """For each line (keyed by its start), the first and last text character outside tags.

    One pass over the gaps between tags, so a line of ten thousand tags costs linear time.

    >>> _text_bounds("<p>a</p> b<br>", list(_TAG_RE.finditer("<p>a</p> b<br>")))
    {0: (3, 9)}
    """
    bounds: dict[int, tuple[int, int]] = {}
    gaps = [0, *(p for m in tags for p in m.span()), len(text)]
    line = seen = 0  # the current line's start; text before ``seen`` already searched
    for g0, g1 in zip(gaps[::2], gaps[1::2], strict=True):
        for m in _NON_SPACE_RUN_RE.finditer(text, g0, g1):
            line, seen = max(line, text.rfind("\n", seen, m.start()) + 1), m.start()
            first, _ = bounds.get(line, (m.start(), 0))
            bounds[line] = (first, m.end() - 1)
    return bounds


def _tag_pass(text: str) -> list[Step]:
    if "<" not in text and ">" not in text:
        return []
    code = Protected(text, code_only=True)
    lowered = text.lower()
    last_close = {n: lowered.rfind(f"</{n}>") for n in "abiusq"}
    cut = text.rfind("-->") + 3 if "-->" in text else 0  # no comment can end after ``cut``
    tags = list(_TAG_RE.finditer(text, 0, cut))
    tags += _TAG_ONLY_RE.finditer(text, max(cut, tags[-1].end() if tags else 0))
    bounds: dict[int, tuple[int, int]] | None = None
    line = seen = 0  # the current line's start; text before ``seen`` already searched
    steps: list[Step] = []
    for m in tags:
        s, e = m.span()
        if code and code.covers(s):
            continue
        found = m.group()
        after = ""
        if not found.startswith("<!--"):
            closing, name, attrs, selfclose = m.group(1), m.group(2), m.group(3), m.group(4)
            bare = not closing and not selfclose and "=" not in attrs
            one_letter = len(name) == 1 and bare and name.lower() in "abiusq"
            if one_letter and last_close[name.lower()] < e:
                continue  # "a<b>c": not evidently a tag
            if _BLOCK_RE.fullmatch(name):
                # Text on both sides in the line (tags not counted): the tag breaks the line.
                if bounds is None:
                    bounds = _text_bounds(text, tags)
                line, seen = max(line, text.rfind("\n", seen, s) + 1), s
                first, last = bounds.get(line, (len(text), -1))
                if first < s and last >= e:
                    after = "\n"
        steps.append(Step(STAGE, "tag", s, e, found, after))
    for m in _FRAGMENT_RE.finditer(text):
        s, e = m.span()
        if (code and code.covers(s)) or any(st.start < e and s < st.end for st in steps):
            continue
        steps.append(Step(STAGE, "tag-fragment", s, e, m.group(), "", {"swallowed": "<"}))
    return sorted(steps, key=lambda st: st.start)


def _image_pass(text: str) -> list[Step]:
    if "![" not in text:
        return []
    code = Protected(text, code_only=True)
    steps = []
    end = 0  # the end of the previous image: its trailing padding is not taken twice
    for m in _EMPTY_IMAGE_RE.finditer(text):
        bang, e = m.span()
        s = bang
        while s > end and text[s - 1] in " \t":  # the padding before it
            s -= 1
        end = e
        if code and code.covers(bang):
            continue
        found = text[s:e]
        before_c = text[s - 1] if s else "\n"
        after_c = text[e] if e < len(text) else "\n"
        padded = found != found.strip()
        keep_space = padded and before_c not in "\r\n" and after_c not in "\r\n"
        steps.append(Step(STAGE, "empty-image", s, e, found, " " if keep_space else ""))
    return steps


def fix_html(text: str, options: Options) -> tuple[str, list[Step]]:
    """The "html" stage: decode entities, drop stray tags, fragments and empty images.

    >>> from cjkclean.pipeline import Options
    >>> fix_html("![]() 微信公众号 <3 &copy x<y>z", Options())[0]
    '微信公众号 <3 &copy x<y>z'
    """
    if _QUICK_RE.search(text) is None:
        return text, []
    return run_passes(text, [_entity_pass, _tag_pass, _image_pass])
