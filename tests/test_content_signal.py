"""The default pipeline never deletes a line carrying a content signal it cannot explain.

Issue 7 asks for a proof over the labelled corpus that nothing is lost. A *content signal* is a
trait of article text that web chrome rarely has:

* ``sentence``: at least six Han characters and a sentence-final mark (。！？；… or ASCII ``!?;``
  after Han);
* ``measure``: a number with a unit or classifier (``3.64亿条``, ``76岁``, ``15%``) *in a
  sentence*: the line has sentence punctuation (a final mark or a comma) and at least four other
  Han characters;
* ``quotation``: reported speech, a quotation in Chinese quotes (“…”, 「…」, 『…』) of at least
  four Han characters that follows a speech verb or a colon (``说「…」``, ``表示：“…”``) or holds
  sentence punctuation itself.

The text of a Markdown link is left out: a line that is only a link (``[标题](url)``) is a
reference to an article, not article text; so are a quoted slogan or a title with a number
(``“数字化时代的生活设计”``, ``昔年：反右60年祭``), which is why the signals ask for a sentence.

Every line of every labelled document (``corpora/seeds``, ``corpora/pages``) goes through
``cjkclean.clean_and_explain`` with the default options. A line the ``boilerplate`` stage
removes, whole or in part, may carry a content signal only when an *explicit* rule explains the
removal: a rule of ``data/boilerplate_rules.tsv`` (a phrase or pattern a maintainer can read,
with its id, example and provenance; the ``notice`` rules for footer notices written as
sentences are such rules), or ``duplicate-header`` when an identical line (spacing aside)
survives. A removal decided by context alone (``tail-neighbours``, ``tail-links``,
``related-links``, the structural signals) must never take a line with a content signal.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cjkclean import clean_and_explain
from cjkclean.boilerplate import load_rules, to_simplified
from cjkclean.pipeline import Step, replay, rounds

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "corpora" / "seeds", ROOT / "corpora" / "pages")

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_MARKUP = re.compile(  # links, also the end of one broken over two lines: text dropped
    r"!?\[[^\]]*\]\([^)]*\)|^\s+[^\[\]]*\]\((?:https?:)?//[^)]*\)|<[^<>]*>|\*\*|__|\\"
)
_SENTENCE_END = re.compile(r"[\u3400-\u9fff”」』）)][。！？；…]|[。！？；]|[\u3400-\u9fff][!?;]")
_UNITS = (
    "%|％|‰|年|月|日|号|时|分|秒|岁|元|角|万|亿|千|百|个|人|名|位|家|次|件|条|篇|张|台|辆|所|座|间|"
    "吨|米|公里|千米|平方米|公顷|亩|公斤|千克|克|斤|小时|分钟|天|周|倍|项|户|股|美元|港元|港币|块|"
    "层|届|期|例|起|部|本|场|款|只|头|份|批|组|支|架|艘|列"
)
_MEASURE = re.compile(rf"\d+(?:[.,]\d+)*\s*(?:{_UNITS})")
_QUOTE = re.compile(r"“([^”]{1,200})”|「([^」]{1,200})」|『([^』]{1,200})』")
_SPEECH = re.compile(r"(?:说|道|讲|问|答|称|表示|指出|强调|认为|写|喊|告诉\S{0,4}|[:：])\s*$")
_INNER_PUNCT = re.compile(r"[。！？；，,!?]")


def content_signals(line: str) -> list[str]:
    """The content signals a line carries (empty for chrome-like lines).

    >>> content_signals("2018年，3.64亿条记录被泄露到了互联网上。")
    ['sentence', 'measure']
    >>> content_signals("長按二維碼關注")
    []
    >>> content_signals("他说「这是很恐怖的一件事」")
    ['quotation']
    >>> content_signals("“数字化时代的生活设计”"), content_signals("[谁记得北大今天？](https://a.b/c)")
    ([], [])
    """
    text = to_simplified(_MARKUP.sub("", line))
    han = len(_HAN.findall(text))
    found = []
    sentence = _SENTENCE_END.search(text) is not None
    if han >= 6 and sentence:
        found.append("sentence")
    measure = _MEASURE.search(text)
    if measure and (sentence or "，" in text) and han - len(_HAN.findall(measure.group())) >= 4:
        found.append("measure")
    for quote in _QUOTE.finditer(text):
        inner = "".join(g for g in quote.groups() if g)
        spoken = _SPEECH.search(text[max(0, quote.start() - 8) : quote.start()]) is not None
        if len(_HAN.findall(inner)) >= 4 and (spoken or _INNER_PUNCT.search(inner)):
            found.append("quotation")
            break
    return found


EXPLICIT = frozenset(r.id for r in load_rules()) | {"dated-headlines", "headline-list"}
"""Rule ids, and the two structural signals that judge a line by its own shape within a run of
its kind (a headline ending in a date or a view counter, three or more in a row; a headline
under ``上一篇``/``下一篇``): a question mark in a headline is no sentence of the article."""


def unexplained(
    stage_input: str, output: str, steps: list[Step]
) -> list[tuple[str, str, list[str]]]:
    """``(rule, removed text, signals)`` for every boilerplate removal with a content signal that
    no explicit rule explains."""
    bad = []
    kept_lines = {" ".join(line.split()) for line in output.split("\n")}  # spacing aside
    for step in steps:
        if step.stage != "boilerplate" or step.rule == "collapse-blank":
            continue
        signals = content_signals(step.before)
        if not signals or step.rule in EXPLICIT:
            continue
        if step.rule == "duplicate-header" and " ".join(step.before.split()) in kept_lines:
            continue
        bad.append((step.rule, step.before.strip(), signals))
    return bad


def _documents() -> list[tuple[str, str]]:
    docs = []
    for folder in FOLDERS:
        for path in sorted((folder / "labels").glob("*.labels.tsv")):
            name = path.name.removesuffix(".labels.tsv")
            docs.append((name, (folder / f"{name}.txt").read_text("utf-8")))
    return docs


DOCS = _documents()


def test_corpus_is_there() -> None:
    assert len(DOCS) >= 50


@pytest.mark.parametrize(("name", "text"), DOCS, ids=[name for name, _ in DOCS])
def test_no_unexplained_content_line_removed(name: str, text: str) -> None:
    output, plan = clean_and_explain(text)
    # The plan is replayed round by round (a stage, in one pass of the pipeline); each round of
    # the boilerplate stage is judged against the text it received.
    current = text
    for steps in rounds(plan):
        after = replay(current, steps)
        if steps[0].stage == "boilerplate":
            for step in steps:
                assert current[step.start : step.end] == step.before
            assert unexplained(current, after, list(steps)) == []
        current = after
    assert current == output


def test_signals_cover_the_article_text() -> None:
    """The signals are not vacuous: nearly every long labelled ``keep`` line carries one, and
    the chrome-like drop lines found by context rules carry none."""
    long_keep = signalled = 0
    for folder in FOLDERS:
        for path in sorted((folder / "labels").glob("*.labels.tsv")):
            lines = (folder / path.name.replace(".labels.tsv", ".txt")).read_text("utf-8")
            rows = lines.split("\n")
            for row in path.read_text("utf-8").splitlines():
                if row.startswith("#") or not row.strip():
                    continue
                number, label = row.split("\t")[:2]
                line = rows[int(number) - 1]
                if label == "keep" and len(_HAN.findall(line)) >= 30:
                    long_keep += 1
                    signalled += bool(content_signals(line))
    assert long_keep > 1000
    assert signalled / long_keep >= 0.95


def test_a_context_removal_of_a_sentence_is_caught() -> None:
    """The checker itself: a sentence removed by a context signal is reported, the same
    sentence removed by an explicit rule is not."""
    text = "正文。\n这是一段完整的正文句子，不应被删除。\n"
    line = "这是一段完整的正文句子，不应被删除。\n"
    start = text.index(line)
    by_context = Step("boilerplate", "tail-neighbours", start, start + len(line), line, "", {})
    by_rule = Step("boilerplate", "notice.rights-reserved", start, start + len(line), line, "", {})
    assert unexplained(text, "正文。\n", [by_context]) != []
    assert unexplained(text, "正文。\n", [by_rule]) == []
