"""Steps, stage order, options, and explain/replay.

Every stage is a pure function ``(text, options) -> (new_text, steps)``. A
:class:`Step` records one span that a stage replaced: where it was in the
stage's *input*, what it was, what it became, and why. Because the spans of one
stage never overlap, the stage's output can be rebuilt from its input and its
steps alone, which is what :func:`replay` does: the whole run is data.

>>> steps = [Step("demo", "upper", 0, 1, "a", "A")]
>>> apply_steps("abc", steps)
'Abc'
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = [
    "STAGES",
    "Options",
    "Stage",
    "Step",
    "apply_steps",
    "clean",
    "clean_and_explain",
    "replay",
]


@dataclass(frozen=True)
class Step:
    """One replacement made by one stage.

    ``start`` and ``end`` index the text the stage received; ``before`` is
    ``text[start:end]`` and ``after`` is what the stage put there instead.
    ``detail`` carries stage-specific evidence (codec chain, score, rule id...).

    >>> Step("mojibake", "utf-8>gbk", 0, 4, "鍙戝竷", "发布").rule
    'utf-8>gbk'
    """

    stage: str
    rule: str
    start: int
    end: int
    before: str
    after: str
    detail: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict (the replayable plan's unit).

        >>> Step("s", "r", 0, 1, "a", "b").to_dict()["after"]
        'b'
        """
        return dataclasses.asdict(self) | {"detail": dict(self.detail)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Step:
        """Inverse of :meth:`to_dict`.

        >>> Step.from_dict(Step("s", "r", 0, 1, "a", "b").to_dict()).before
        'a'
        """
        return cls(
            stage=str(data["stage"]),
            rule=str(data["rule"]),
            start=int(data["start"]),
            end=int(data["end"]),
            before=str(data["before"]),
            after=str(data["after"]),
            detail=dict(data.get("detail", {})),
        )


def apply_steps(text: str, steps: Iterable[Step]) -> str:
    """Apply the non-overlapping steps of *one* stage to that stage's input.

    Raises ``ValueError`` when a step does not match the text it claims to
    replace, so a plan can never be replayed onto the wrong input silently.

    >>> apply_steps("鍙戝竷 ok", [Step("m", "r", 0, 3, "鍙戝竷", "发布")])
    '发布 ok'
    """
    out: list[str] = []
    pos = 0
    for step in sorted(steps, key=lambda s: (s.start, s.end)):
        if step.start < pos or text[step.start : step.end] != step.before:
            raise ValueError(f"step does not match its input: {step!r}")
        out.append(text[pos : step.start])
        out.append(step.after)
        pos = step.end
    out.append(text[pos:])
    return "".join(out)


def replay(text: str, steps: Sequence[Step]) -> str:
    """Replay a whole plan: consecutive steps of the same stage are applied together.

    >>> plan = [Step("a", "r", 0, 1, "x", "yy"), Step("b", "r", 1, 2, "y", "z")]
    >>> replay("x", plan)
    'yz'
    """
    for group in rounds(steps):
        text = apply_steps(text, group)
    return text


def rounds(steps: Sequence[Step]) -> Iterator[Sequence[Step]]:
    """A plan cut into rounds: the consecutive steps of one stage in one pass of the pipeline
    (see :data:`MAX_PASSES`), each to be applied to the output of the round before.

    >>> plan = [Step("a", "r", 0, 1, "x", "y"), Step("a", "r", 0, 1, "y", "z", {"pass": 2})]
    >>> [len(group) for group in rounds(plan)]
    [1, 1]
    """
    i = 0
    while i < len(steps):
        j = i
        while j < len(steps) and _round_of(steps[j]) == _round_of(steps[i]):
            j += 1
        yield steps[i:j]
        i = j


def _round_of(step: Step) -> tuple[str, int]:
    return step.stage, int(step.detail.get("pass", 1))


@dataclass(frozen=True)
class Options:
    """Switches for the pipeline; the same names as the CLI flags and the
    ``[tool.cjkclean]`` keys.

    >>> Options().mojibake
    True
    >>> Options.from_kwargs(script="simplified").script
    'simplified'
    """

    mojibake: bool = True
    unicode: bool = True
    artifacts: bool = True
    typography: bool = True
    spacing: str = "compact"  # "compact" (no space Han|digit), "spaced" (pangu style) or "keep"
    html: bool = True  # HTML entities, stray tags and tag fragments, empty Markdown images
    punctuation: bool = True  # typography: ,:;?!() -> ，：；？！（） in Chinese context
    quotes: bool = True  # typography: padded ASCII quotes around Chinese -> “”
    whitespace: bool = True  # typography: NBSP / ideographic-space runs, trailing whitespace
    script: str = "keep"  # keep | simplified | traditional | tw | hk
    boilerplate: bool = True
    keep_credits: bool = True

    @classmethod
    def from_kwargs(cls, **kwargs: Any) -> Options:
        """Build options from keyword arguments; an unknown name is a ``TypeError``."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(kwargs) - names)
        if unknown:
            raise TypeError(
                f"unknown cjkclean option(s): {', '.join(unknown)}; "
                f"known: {', '.join(sorted(names))}"
            )
        for option in dataclasses.fields(cls):
            if option.name in kwargs:
                expected = type(option.default)
                value = kwargs[option.name]
                if type(value) is not expected:
                    raise TypeError(
                        f"cjkclean option {option.name} takes {expected.__name__}, "
                        f"not {type(value).__name__} ({value!r})"
                    )
        return cls(**kwargs)


StageFunction = Callable[[str, Options], "tuple[str, list[Step]]"]


@dataclass(frozen=True)
class Stage:
    """A named pipeline stage and the option that switches it on; *session*, if given, makes
    the context that one :func:`clean_and_explain` call runs the stage's passes in (e.g. the
    mojibake search's memory of windows already searched in vain)."""

    name: str
    enabled: Callable[[Options], bool]
    run: StageFunction
    session: Callable[[], AbstractContextManager[None]] | None = None


def _lazy(module: str, function: str, with_options: bool = True) -> StageFunction:
    """A stage function imported on first use (the stage modules import this one)."""

    def run(text: str, options: Options) -> tuple[str, list[Step]]:
        target = getattr(importlib.import_module(module, __package__), function)
        result: tuple[str, list[Step]] = target(text, options) if with_options else target(text)
        return result

    run.__name__ = function
    return run


def _lazy_session(module: str, function: str) -> Callable[[], AbstractContextManager[None]]:
    """A stage's session factory, imported on first use."""

    def session() -> AbstractContextManager[None]:
        factory: Callable[[], AbstractContextManager[None]] = getattr(
            importlib.import_module(module, __package__), function
        )
        return factory()

    return session


STAGES: list[Stage] = [
    Stage(
        "mojibake",
        lambda o: o.mojibake,
        _lazy(".mojibake", "fix_mojibake_and_explain", False),
        _lazy_session(".mojibake", "search_session"),
    ),
    Stage("html", lambda o: o.html, _lazy(".artifacts_html", "fix_html")),
    Stage("unicode", lambda o: o.unicode, _lazy(".unicode", "fix_unicode")),
    Stage("artifacts", lambda o: o.artifacts, _lazy(".artifacts", "artifacts_stage")),
    Stage("typography", lambda o: o.typography, _lazy(".typography", "fix_typography")),
    # script is never switched off: its default ``keep`` only repairs machine-converted documents.
    Stage("script", lambda o: True, _lazy(".script", "script_stage")),
    # boilerplate is last: it judges lines after every repair has been made.
    Stage("boilerplate", lambda o: o.boilerplate, _lazy(".boilerplate", "boilerplate_stage")),
]
"""The default stage order: bytes-level repair first, then hygiene, artifacts, typography,
script, and the line-level judgement of boilerplate last."""


def clean_and_explain(text: str, **options: Any) -> tuple[str, list[Step]]:
    """Run the default pipeline and return the cleaned text with every step.

    >>> clean_and_explain("plain text")
    ('plain text', [])
    """
    if not isinstance(text, str):
        raise TypeError(
            f"cjkclean works on str, not {type(text).__name__}; "
            "decode bytes first with cjkclean.decode(data).text"
        )
    opts = Options.from_kwargs(**options)
    plan: list[Step] = []
    with ExitStack() as sessions:
        for stage in STAGES:
            if stage.session is not None and stage.enabled(opts):
                sessions.enter_context(stage.session())
        version = 0  # how many times the text has changed
        seen: dict[str, int] = {}  # the version each stage last ran on or made
        for number in range(1, MAX_PASSES + 1):
            before = version
            for stage in STAGES:
                if not stage.enabled(opts) or seen.get(stage.name) == version:
                    continue  # a stage finds nothing more in its own output (stages are idempotent)
                changed, steps = stage.run(text, opts)
                if changed != text:
                    text, version = changed, version + 1
                seen[stage.name] = version
                if number > 1:
                    steps = [replace(s, detail={**s.detail, "pass": number}) for s in steps]
                plan.extend(steps)
            if version == before:
                break  # settled: a further run changes nothing
    return text, plan


MAX_PASSES = 3
"""Most runs of the whole pipeline over one text. A stage can leave work for an earlier one
(the unicode stage removes an invisible character that kept two mojibake characters apart;
typography turns a loss mark ``?`` into ``？``), so a text that changed is run again until it is
settled, as ftfy repeats its fixers; a text that did not change costs one run. A later run
only runs a stage on text it has not seen: every stage is idempotent, so the stages from the
last one that changed the text onwards are skipped, and a text whose only change came from one
stage costs one run and the stages before that one. Steps of later runs carry
``detail["pass"]`` so that :func:`replay` applies them in order."""


def clean(text: str, **options: Any) -> str:
    """Run the default pipeline.

    >>> clean("plain text")
    'plain text'
    """
    return clean_and_explain(text, **options)[0]
