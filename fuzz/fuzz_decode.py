"""atheris harness for ``cjkclean.decode``, the byte decoder (issue 7).

What must hold for any bytes:

* ``decode`` returns (no exception) and ``is_binary`` answers;
* the text is valid Unicode that encodes as UTF-8 (no lone surrogates), the confidence is in
  [0, 1], and the codec is a real codec, ``"ascii"`` or ``"mixed"`` (then one codec per line);
* "not lossy" is true: the text re-encoded with the reported codec (each line with its own codec
  when mixed) gives back exactly the input bytes, after the BOM when ``bom`` is set. (The BOM
  need not be the codec's: a UTF-8 BOM on a GBK body is read as GBK, ``bom=True``.)

Run (see ``fuzz/README.md``)::

    python fuzz/fuzz_decode.py -max_total_time=300 fuzz/corpus_decode
    python fuzz/fuzz_decode.py --write-seeds fuzz/corpus_decode   # starting inputs

Without atheris, :func:`check` is a plain function (``tests/test_fuzz_atheris.py`` calls it).
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

SEED_TEXTS = [
    "今天天气很好，我们去公园散步吧。\n第二段。\n",
    "今天天氣很好，我們去公園散步吧。\n",
    "吾輩は猫である。名前はまだ無い。\n",
    "한국어 텍스트입니다. 감사합니다.\n",
    "鍙戝竷浼氫笂 ÖÐÎÄ\r\n",
]
SEED_CODECS = ["utf-8", "gbk", "big5", "shift_jis", "euc_jp", "euc_kr", "utf-16", "gb18030"]


def seeds() -> list[bytes]:
    """Starting inputs: real text in the codecs the decoder ranks, a mixed file, a BOM."""
    out = []
    for text in SEED_TEXTS:
        for codec in SEED_CODECS:
            out.append(text.encode(codec, "replace"))
    out.append("第一行是UTF-8。\n".encode() + "第二行是国标码。\n".encode("gbk"))
    out.append(b"\xef\xbb\xbf" + SEED_TEXTS[0].encode())
    return out


def check(data: bytes) -> None:
    """The decoder's promises on one input; raises ``AssertionError`` when one breaks."""
    from cjkclean import decode
    from cjkclean.decoding import BOMS, is_binary

    is_binary(data)
    decoded = decode(data)
    text = decoded.text
    assert isinstance(text, str)
    text.encode("utf-8")  # UnicodeEncodeError on a lone surrogate
    assert 0.0 <= decoded.confidence <= 1.0, decoded.confidence
    if decoded.encoding == "mixed":
        assert decoded.line_encodings, "mixed without line codecs"
        codecs_used = decoded.line_encodings
    else:
        codecs.lookup(decoded.encoding)
        codecs_used = ()
    if decoded.lossy:
        return
    prefix = b""
    if decoded.bom:
        prefix = next((bom for bom in BOMS if data.startswith(bom)), b"")
        assert prefix, "bom=True on bytes that start with no BOM"
    body = data[len(prefix) :]
    if codecs_used:
        from cjkclean.audit import byte_lines  # lines cut as bytes.splitlines cuts them

        pieces = byte_lines(text)
        assert len(pieces) == len(codecs_used), (len(pieces), len(codecs_used))
        back = b"".join(p.encode(c) for p, c in zip(pieces, codecs_used, strict=True))
    else:
        back = text.encode("utf-8" if decoded.encoding == "utf-8-sig" else decoded.encoding)
    assert back == body, f"not lossy, but {decoded.encoding} gives other bytes back"


def main() -> None:
    if sys.argv[1:2] == ["--write-seeds"]:
        folder = Path(sys.argv[2])
        folder.mkdir(parents=True, exist_ok=True)
        for n, data in enumerate(seeds()):
            (folder / f"seed-{n:03d}").write_bytes(data)
        return
    import atheris

    with atheris.instrument_imports():
        import cjkclean.decoding  # noqa: F401

    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
