"""``cjkclean explain``: show what the pipeline did to a text, step by step.

For mojibake the codec chain is replayed layer by layer, so ``鍙戝竷`` is explained as
"UTF-8 bytes read as GBK → 鍙戝竷; reversed → 发布"; every other step shows its stage, rule and
the span before and after. ``--json`` prints the replayable plan instead (the list of
:meth:`~cjkclean.pipeline.Step.to_dict`), and ``--bytes PATH`` lists the candidate decodings of a
file with their confidence::

    cjkclean explain '文件名：鍙戝竷.txt'
    echo '鍙戝竷' | cjkclean explain -
    cjkclean explain --file article.txt --json > plan.json
    cjkclean explain --bytes legacy.txt

>>> print(explain_text("鍙戝竷", color=False))
发布
<BLANKLINE>
1 step (mojibake 1)
[1] mojibake  utf-8>gbk  line 1  gain +13.65
    UTF-8 bytes read as GBK → 鍙戝竷
    reversed → 发布
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from .decoding import Decoded, decode, is_binary
from .pipeline import Options, Step, apply_steps, clean_and_explain, rounds

__all__ = [
    "CandidateDecoding",
    "candidate_decodings",
    "codec_label",
    "explain_text",
    "format_candidates",
    "format_step",
    "format_steps",
    "main",
    "mojibake_layers",
    "visible",
]

EXIT_OK, EXIT_ERROR, EXIT_INTERNAL = 0, 2, 123

_CODEC_LABELS = {
    "utf-8": "UTF-8",
    "gbk": "GBK",
    "gb18030": "GB18030",
    "gb2312": "GB2312",
    "big5": "Big5",
    "big5hkscs": "Big5-HKSCS",
    "cp950": "CP950",
    "shift_jis": "Shift_JIS",
    "cp932": "CP932",
    "euc-jp": "EUC-JP",
    "euc_jp": "EUC-JP",
    "euc-kr": "EUC-KR",
    "euc_kr": "EUC-KR",
    "cp949": "CP949",
    "latin-1": "Latin-1",
    "windows-1252": "Windows-1252",
    "windows-1252-strict": "Windows-1252",
    "sloppy-windows-1252": "Windows-1252",
}

# Longest span shown in full in the text output; longer ones are cut in the middle.
_SHOW_CHARS = 120


def codec_label(name: str) -> str:
    """The usual spelling of a codec name.

    >>> codec_label("shift_jis"), codec_label("utf-8"), codec_label("koi8-r")
    ('Shift_JIS', 'UTF-8', 'koi8-r')
    """
    return _CODEC_LABELS.get(name.lower(), name)


def _show(text: str) -> str:
    """Like :func:`visible`, but a span of plain spaces is drawn as ␠ so it can be seen."""
    return "␠" * len(text) if text and text.strip(" ") == "" else visible(text)


def visible(text: str, limit: int = _SHOW_CHARS) -> str:
    """*text* with invisible characters escaped and long runs cut, for one line of output.

    Controls, format characters and every space except U+0020 are written as escapes, so a
    removed NBSP or C1 control is seen, not guessed.

    >>> visible("a\\u00a0b\\n\\x8d")
    'a\\\\xa0b\\\\n\\\\x8d'
    >>> len(visible("字" * 500, limit=20)) < 40
    True
    """
    out: list[str] = []
    for char in text:
        if char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char != " " and unicodedata.category(char) in (
            "Cc",
            "Cf",
            "Zs",
            "Zl",
            "Zp",
            "Cs",
            "Co",
        ):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    if len(out) > limit:
        half = limit // 2
        cut = len(out) - 2 * half
        return "".join(out[:half]) + f" …[{cut} more]… " + "".join(out[-half:])
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Mojibake chains, layer by layer


def _layer_names(chain: Sequence[str]) -> list[str]:
    """The layers of a chain, innermost first: ``[a, b, c]`` is ``a>b`` then ``utf-8>c``."""
    return [f"{chain[0]}>{chain[1]}"] + [f"utf-8>{wrong}" for wrong in chain[2:]]


def mojibake_layers(step: Step) -> list[tuple[str, str]]:
    """Each layer of damage of a mojibake step as ``(what happened, resulting text)``, then
    ``("reversed", repaired text)``.

    The intermediate texts are found by peeling the layers off the damaged span; when a layer
    cannot be peeled exactly (lossy spans), they are replayed forward from the repair.

    >>> from cjkclean.mojibake.simulate import corrupt
    >>> bad = corrupt("发布", ["utf-8", "gbk", "windows-1252"])
    >>> chain = ["utf-8", "gbk", "windows-1252"]
    >>> step = Step("mojibake", ">".join(chain), 0, len(bad), bad, "发布", {"chain": chain})
    >>> [what for what, _ in mojibake_layers(step)]
    ['UTF-8 bytes read as GBK', 'stored as UTF-8, read as Windows-1252', 'reversed']
    >>> mojibake_layers(step)[0][1]
    '鍙戝竷'
    """
    chain = [str(c) for c in step.detail.get("chain", [])]
    if len(chain) < 2 or step.stage != "mojibake":
        return [("reversed", step.after)]
    labels = [f"{codec_label(chain[0])} bytes read as {codec_label(chain[1])}"] + [
        f"stored as UTF-8, read as {codec_label(wrong)}" for wrong in chain[2:]
    ]
    names = _layer_names(chain)
    texts = _peel(step.before, step.after, names, whole=True)
    if texts is None:
        texts = _peel(step.before, step.after, names, whole=False)
    if texts is None:
        texts = _replay_forward(step.after, chain, step.before)
    result = [(label, text) for label, text in zip(labels, texts, strict=True)]
    result.append(("reversed", step.after))
    return result


def _peel(before: str, after: str, layers: list[str], whole: bool) -> list[str] | None:
    """Undo the layers outermost first; the texts innermost first, or None if they do not
    lead back to *after*. With *whole* each layer must cover the whole span; otherwise each
    layer is undone on every stretch it reads (a window can hold spans of different depths)."""
    from .mojibake.codecs import LAYERS_BY_NAME

    texts = [before]
    current = before
    for name in reversed(layers):
        layer = LAYERS_BY_NAME.get(name)
        if layer is None:
            return None
        peeled = layer.reverse(current) if whole else _undo_spans(layer, current)
        if peeled is None:
            return None
        texts.append(peeled)
        current = peeled
    if current != after:
        return None
    texts.pop()
    return list(reversed(texts))


def _undo_spans(layer: Any, text: str) -> str:
    pieces: list[str] = []
    pos = 0
    for cand in layer.candidates(text):
        if cand.start < pos:
            continue
        pieces.append(text[pos : cand.start])
        pieces.append(cand.repaired)
        pos = cand.end
    pieces.append(text[pos:])
    return "".join(pieces)


def _replay_forward(after: str, chain: list[str], before: str) -> list[str]:
    from .mojibake.simulate import corrupt

    texts: list[str] = []
    for depth in range(2, len(chain)):
        try:
            texts.append(corrupt(after, chain[:depth]))
        except (KeyError, LookupError, UnicodeError, ValueError):
            texts.append("?")
    texts.append(before)
    return texts


# ---------------------------------------------------------------------------------------------
# Formatting steps


@dataclass(frozen=True)
class _Style:
    on: bool

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.on else text


def _line_numbers(text: str, steps: Sequence[Step]) -> list[int]:
    """The line (1-based) of each step in the input of its own stage."""
    import bisect

    numbers: list[int] = []
    for group in rounds(steps):
        newlines = [k for k, c in enumerate(text) if c == "\n"]
        numbers.extend(bisect.bisect_left(newlines, s.start) + 1 for s in group)
        # A hand-made plan may not apply: line numbers after that point are approximate.
        with contextlib.suppress(ValueError):
            text = apply_steps(text, group)
    return numbers


_SHOWN_DETAIL = {"chain", "gain", "lossy"}


def _detail_text(detail: dict[str, Any]) -> str:
    parts = []
    for key, value in detail.items():
        if key in _SHOWN_DETAIL:
            continue
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        parts.append(f"{key}={visible(str(value), 40)}")
    return "; ".join(parts)


def format_step(index: int, step: Step, line: int, color: bool = False) -> list[str]:
    """The lines that explain one step.

    >>> format_step(1, Step("typography", "fullwidth-punctuation", 2, 3, ",", "，"), 1)
    ['[1] typography  fullwidth-punctuation  line 1', '    , → ，']
    """
    style = _Style(color)
    head = f"[{index}] {style(step.stage, '1;36')}  {style(step.rule, '35')}  line {line}"
    detail = dict(step.detail)
    if "gain" in detail:
        head += f"  gain {float(detail['gain']):+.2f}"
    lossy = bool(detail.get("lossy")) or bool(detail.get("possibly_lossy"))
    if lossy:
        head += "  " + style("LOSSY", "1;33")
    lines = [head]
    if step.stage == "mojibake" and len(detail.get("chain", [])) >= 2:
        layers = mojibake_layers(step)
        for what, text in layers[:-1]:
            lines.append(f"    {what} → {style(visible(text), '31')}")
        lines.append(f"    reversed → {style(visible(layers[-1][1]), '32')}")
        if lossy:
            lost = (
                "left as U+FFFD" if "\ufffd" in step.after else "inferred from the UTF-8 structure"
            )
            lines.append(f"    some bytes were lost in the damage; missing bytes {lost}")
    elif step.after == "" and step.before:
        lines.append(f"    removed: {style(_show(step.before), '9;31')}")
    elif step.after == step.before:
        lines.append(f"    flagged, left as it is: {style(_show(step.before), '33')}")
    else:
        lines.append(f"    {style(_show(step.before), '31')} → {style(_show(step.after), '32')}")
    rest = _detail_text(detail)
    if rest:
        lines.append(f"    ({rest})")
    return lines


def format_steps(text: str, steps: Sequence[Step], color: bool = False) -> str:
    """Explain a whole plan: a count by stage, then every step.

    >>> print(format_steps("a,b", [Step("typography", "comma", 1, 2, ",", "，")]))
    1 step (typography 1)
    [1] typography  comma  line 1
        , → ，
    """
    if not steps:
        return "nothing to repair"
    counts = Counter(s.stage for s in steps)
    summary = ", ".join(f"{stage} {n}" for stage, n in counts.items())
    out = [f"{len(steps)} step{'s' if len(steps) != 1 else ''} ({summary})"]
    for index, (step, line) in enumerate(zip(steps, _line_numbers(text, steps), strict=True), 1):
        out.extend(format_step(index, step, line, color))
    return "\n".join(out)


def explain_text(text: str, color: bool = False, **options: Any) -> str:
    """Clean *text* and explain it: the repaired text, a blank line, then every step.

    >>> print(explain_text("plain", color=False))
    plain
    <BLANKLINE>
    nothing to repair
    """
    out, steps = clean_and_explain(text, **options)
    return f"{out}\n\n{format_steps(text, steps, color)}"


# ---------------------------------------------------------------------------------------------
# Candidate decodings of bytes


@dataclass(frozen=True)
class CandidateDecoding:
    """One way to read a file: codec, confidence, undecodable bytes and a sample line."""

    codec: str
    confidence: float
    score: float | None
    errors: int
    preview: str
    chosen: bool


def candidate_decodings(data: bytes) -> tuple[Decoded, list[CandidateDecoding]]:
    """The decoder's choice and every candidate it weighed, most likely first.

    The chosen reading carries the decoder's confidence; the others share the rest in
    proportion to their likelihood (the decoder's scores, per character, times the sample
    length, as a softmax).

    >>> decoded, cands = candidate_decodings("发布新闻稿".encode("gbk"))
    >>> decoded.encoding, cands[0].codec, cands[0].chosen
    ('gbk', 'gbk', True)
    """
    decoded = decode(data)
    scores = list(decoded.candidates)
    chosen = decoded.encoding
    chosen_entry = CandidateDecoding(
        chosen,
        decoded.confidence,
        None,
        decoded.text.count("\ufffd"),
        _preview(decoded.text),
        True,
    )
    if not scores:
        return decoded, [chosen_entry]
    sample_lines = [ln for ln in decoded.text.splitlines() if not ln.isascii()]
    n = max(1, min(200, len("\n".join(sample_lines))))
    best = max(score for _, score in scores)
    weights = {codec: 10 ** max(-50.0, (score - best) * n) for codec, score in scores}
    total = sum(weights.values())
    chosen_codecs = set(decoded.encodings) if decoded.mixed else {chosen}
    rest = 1.0 - decoded.confidence
    other_total = sum(w for c, w in weights.items() if c not in chosen_codecs) or 1.0
    result: list[CandidateDecoding] = []
    seen: set[str] = set()
    for codec, score in scores:
        if codec in seen:
            continue
        seen.add(codec)
        is_chosen = codec in chosen_codecs
        if is_chosen:
            confidence = decoded.confidence
        else:
            confidence = rest * weights[codec] / other_total if rest > 0 else weights[codec] / total
        try:
            text = data.decode(codec, errors="replace")
        except LookupError:
            continue
        errors = text.count("\ufffd")
        result.append(
            CandidateDecoding(codec, round(confidence, 6), score, errors, _preview(text), is_chosen)
        )
    if not any(c.chosen for c in result):
        result.insert(0, chosen_entry)
    result.sort(key=lambda c: (not c.chosen, -c.confidence))
    return decoded, result


def _preview(text: str, limit: int = 60) -> str:
    for line in text.splitlines():
        if not line.isascii() and line.strip():
            return visible(line.strip(), limit)
    return visible(text.strip()[:limit], limit)


def format_candidates(path: str, data: bytes, color: bool = False) -> str:
    """The ``--bytes`` listing.

    >>> print(format_candidates("x", "中文".encode()).splitlines()[1])
      chosen: utf-8  confidence 1.00  lossless
    """
    style = _Style(color)
    if is_binary(data):
        return f"{path}: {len(data)} bytes, binary (not text in any encoding cjkclean reads)"
    decoded, cands = candidate_decodings(data)
    lines = [f"{path}: {len(data)} bytes"]
    state = "LOSSY (re-encoding does not give the bytes back)" if decoded.lossy else "lossless"
    extra = "  byte-order mark" if decoded.bom else ""
    lines.append(
        f"  chosen: {style(decoded.encoding, '1;32')}  confidence {decoded.confidence:.2f}  "
        f"{style(state, '1;33') if decoded.lossy else state}{extra}"
    )
    if decoded.mixed:
        counts = Counter(c for c in decoded.line_encodings if c != "ascii")
        lines.append(
            "  mixed file, lines by codec: "
            + ", ".join(f"{c} {n}" for c, n in counts.most_common())
        )
    if len(cands) == 1 and cands[0].score is None:
        why = {"utf-8": "valid UTF-8", "ascii": "pure ASCII"}.get(decoded.encoding, "")
        if decoded.bom:
            why = "byte-order mark"
        lines.append(f"  no other candidate weighed ({why or 'decided without ranking'})")
        lines.append(f"  sample: {cands[0].preview}")
        return "\n".join(lines)
    lines.append("  candidates (most likely first):")
    width = max(len(c.codec) for c in cands)
    for cand in cands:
        mark = "*" if cand.chosen else " "
        score = f"{cand.score:+.3f}/char" if cand.score is not None else "        -"
        errs = f"{cand.errors} bad byte(s)" if cand.errors else "decodes cleanly"
        lines.append(
            f"  {mark} {cand.codec:<{width}}  {cand.confidence:6.2%}  {score}  {errs}  "
            f"{cand.preview}"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Command line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cjkclean explain",
        description="Show what cjkclean repairs in a text and why, step by step.",
    )
    add = parser.add_argument
    add("text", nargs="?", metavar="TEXT", help="the text to explain; '-' reads standard input")
    add("--file", metavar="PATH", help="explain the contents of a file (decoded like the CLI does)")
    add("--bytes", metavar="PATH", help="list the candidate decodings of a file's bytes")
    add("--json", action="store_true", help="print the replayable plan (a JSON list of steps)")
    add(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the output (auto: on a terminal, unless NO_COLOR is set)",
    )
    group = parser.add_argument_group("pipeline options (same names as the Python keywords)")
    for f in dataclasses.fields(Options):
        flag = "--" + f.name.replace("_", "-")
        if isinstance(f.default, bool):
            group.add_argument(
                flag, dest=f.name, action=argparse.BooleanOptionalAction, default=None
            )
        else:
            group.add_argument(flag, dest=f.name, default=None, metavar="VALUE")
    return parser


def _use_color(choice: str, stream: IO[str]) -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and not os.environ.get("NO_COLOR")


def _read_file(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def main(argv: Sequence[str] | None = None, out: IO[str] | None = None) -> int:
    """Entry point of ``cjkclean explain``; returns the exit code (0, or 2 for errors)."""
    stdout = out if out is not None else sys.stdout
    err = sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(list(sys.argv[2:] if argv is None else argv))
    except SystemExit as exc:
        return EXIT_OK if exc.code in (0, None) else EXIT_ERROR
    color = _use_color(args.color, stdout)
    sources = [s for s in (args.text is not None, args.file, args.bytes) if s]
    if len(sources) != 1:
        parser.print_usage(err)
        print("cjkclean explain: error: give exactly one of TEXT, '-', --file or --bytes", file=err)
        return EXIT_ERROR
    try:
        if args.bytes:
            stdout.write(format_candidates(args.bytes, _read_file(args.bytes), color) + "\n")
            return EXIT_OK
        note = ""
        if args.file or args.text == "-":
            data = _read_file(args.file) if args.file else sys.stdin.buffer.read()
            name = args.file or "stdin"
            if is_binary(data):
                print(f"cjkclean explain: {name}: binary input, nothing to explain", file=err)
                return EXIT_ERROR
            decoded = decode(data)
            text = decoded.text
            if decoded.encoding not in ("utf-8", "ascii"):
                note = (
                    f"{name}: decoded as {decoded.encoding} (confidence {decoded.confidence:.2f})"
                )
                if decoded.lossy:
                    note += ", LOSSY"
        else:
            text = args.text
        options = {
            f.name: getattr(args, f.name)
            for f in dataclasses.fields(Options)
            if getattr(args, f.name) is not None
        }
        try:
            cleaned, steps = clean_and_explain(text, **options)
        except (TypeError, ValueError) as exc:
            print(f"cjkclean explain: error: invalid option: {exc}", file=err)
            return EXIT_ERROR
        if args.json:
            plan = [_jsonable(s.to_dict()) for s in steps]
            stdout.write(json.dumps(plan, ensure_ascii=False, indent=1) + "\n")
            return EXIT_OK
        if note:
            print(note, file=err)
        stdout.write(f"{cleaned}\n\n{format_steps(text, steps, color)}\n")
        return EXIT_OK
    except OSError as exc:
        where = exc.filename or args.file or args.bytes or "stdin"
        print(f"cjkclean explain: error: {where}: {exc.strerror or exc}", file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("cjkclean explain: interrupted", file=err)
        return 130
    except Exception as exc:  # a bug: one line, not a traceback
        print(f"cjkclean explain: internal error: {type(exc).__name__}: {exc}", file=err)
        return EXIT_INTERNAL
