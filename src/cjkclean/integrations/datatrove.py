"""cjkclean as `datatrove <https://github.com/huggingface/datatrove>`_ pipeline steps.

``pip install cjkclean[datatrove]``. Four steps:

* :class:`CJKClean` cleans ``doc.text`` exactly as :func:`cjkclean.clean` does, with the same
  keyword options. It counts every fix by kind in the step's statistics (``fixes_<stage>``),
  drops documents that end up empty (to the ``exclusion_writer`` when one is given, with
  ``filter_reason`` set and their *original* text, so the audit shows what was lost), and never
  lets one bad document stop a task: a document that cannot be cleaned is counted under
  ``errors`` and passed through unchanged.
* :class:`CorpusLineCount`, :class:`CorpusLineMerge` and :class:`CorpusLineRemoval` are the
  CLI's ``--corpus-dedup`` two-pass boilerplate for many machines, built on
  :class:`cjkclean.boilerplate.LineCounter`: each task of the first pass counts normalised line
  hashes and writes its counter to a folder; one merge task sums them and writes the template
  hashes (lines found in at least ``min_files`` documents and ``min_fraction`` of the corpus); the
  second pass removes those lines. Run the removal before :class:`CJKClean`, as the CLI does.

>>> step = CJKClean()
>>> from datatrove.data import Document
>>> [d.text for d in step.run([Document("鏂囩珷鍙戝竷鏃堕棿\\n", "1"), Document("  ", "2")])]
['文章发布时间\\n']
>>> step.stats["dropped"].total
1
"""

from __future__ import annotations

import contextlib
import gzip
import json
from collections.abc import Iterable
from typing import Any

from ..boilerplate import LineCounter, strip_corpus_lines
from ..pipeline import Options, clean_and_explain

try:
    from datatrove.data import Document
    from datatrove.io import DataFolderLike, get_datafolder
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.logging import logger
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "cjkclean.integrations.datatrove needs datatrove: pip install cjkclean[datatrove]"
    ) from exc

__all__ = ["CJKClean", "CorpusLineCount", "CorpusLineMerge", "CorpusLineRemoval"]

COUNTS_SUFFIX = ".cjkclean-lines.json.gz"
TEMPLATES_FILE = "cjkclean-templates.json.gz"
EMPTY_REASON = "cjkclean_empty"


def _write_json_gz(folder: Any, name: str, data: Any) -> None:
    with folder.open(name, "wb") as f:
        f.write(gzip.compress(json.dumps(data, separators=(",", ":")).encode("utf-8")))


def _read_json_gz(folder: Any, name: str) -> Any:
    with folder.open(name, "rb") as f:
        return json.loads(gzip.decompress(f.read()).decode("utf-8"))


class _Filter(PipelineStep):  # type: ignore[misc]
    """Modify documents in place, drop some to an optional exclusion writer.

    The same contract and statistics as datatrove's ``BaseFilter`` (``total``, ``forwarded``,
    ``dropped``, ``dropped_<reason>``, ``filter_reason`` in the excluded document's metadata),
    without importing ``datatrove.pipeline.filters``, which needs datatrove's ``processing`` extra.
    """

    type = "🔻 - FILTER"

    def __init__(self, exclusion_writer: Any = None) -> None:
        super().__init__()
        self.exclusion_writer = exclusion_writer

    def filter(self, doc: Document) -> tuple[bool, str]:
        """Change ``doc`` in place; ``(keep, reason)``."""
        raise NotImplementedError

    def run(self, data: Iterable[Document] | None, rank: int = 0, world_size: int = 1) -> Any:
        """Forward kept documents; write dropped ones to the exclusion writer."""
        writer_cm = self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext()
        with writer_cm as writer:
            for doc in data or ():
                self.stat_update("total")
                with self.track_time():
                    keep, reason = self.filter(doc)
                if keep:
                    self.stat_update("forwarded")
                    self.update_doc_stats(doc)
                    yield doc
                else:
                    self.stat_update("dropped", f"dropped_{reason}")
                    if writer is not None:
                        doc.metadata["filter_reason"] = reason
                        writer.write(doc, rank)


class CJKClean(_Filter):
    """Clean ``doc.text`` with :func:`cjkclean.clean`; drop documents that end up empty.

    ``options`` are :func:`cjkclean.clean`'s keyword options (an unknown one is a ``TypeError``
    here, not in a worker). Statistics: ``changed``, ``fixes_<stage>`` (steps made by each stage),
    ``chars_removed``, ``errors``, and datatrove's ``total``/``forwarded``/``dropped``.

    >>> CJKClean(script="simplified").options.script
    'simplified'
    """

    name = "🀄 cjkclean"

    def __init__(self, exclusion_writer: Any = None, **options: Any) -> None:
        super().__init__(exclusion_writer)
        self.options = Options.from_kwargs(**options)
        self._kwargs = dict(options)

    def filter(self, doc: Document) -> tuple[bool, str]:
        """Clean one document in place; ``False`` (with a reason) when nothing is left."""
        original = doc.text
        try:
            text, steps = clean_and_explain(original, **self._kwargs)
        except Exception as exc:  # one bad document never stops the task
            self.stat_update("errors")
            logger.warning(f"cjkclean: document {doc.id!r} left unchanged: {exc!r}")
            return True, ""
        if text != original:
            self.stat_update("changed")
            self.stat_update("chars_removed", value=max(0, len(original) - len(text)))
            kinds: dict[str, int] = {}
            for step in steps:
                kinds[step.stage] = kinds.get(step.stage, 0) + 1
            for kind, n in kinds.items():
                self.stat_update(f"fixes_{kind}", value=n)
        if not text.strip():
            return False, EMPTY_REASON  # the exclusion writer keeps the original text
        doc.text = text
        return True, ""


class CorpusLineCount(PipelineStep):  # type: ignore[misc]
    """First pass: count each document's normalised lines; write this task's counter.

    Documents pass through unchanged. The counter goes to
    ``output_folder/<rank>.cjkclean-lines.json.gz`` when the task's input is exhausted.
    """

    name = "🀄 cjkclean line count"
    type = "📊 - STATS"

    def __init__(self, output_folder: DataFolderLike, capacity: int = 1 << 21) -> None:
        super().__init__()
        self.output_folder = get_datafolder(output_folder)
        self.capacity = capacity

    def run(self, data: Iterable[Document] | None, rank: int = 0, world_size: int = 1) -> Any:
        """Count and forward every document; then write the counter."""
        counter = LineCounter(self.capacity)
        for doc in data or ():
            with self.track_time():
                if isinstance(doc.text, str):
                    counter.add_document(doc.text)
                    self.stat_update("documents")
                else:
                    self.stat_update("errors")
            yield doc
        _write_json_gz(self.output_folder, f"{rank:05d}{COUNTS_SUFFIX}", counter.to_dict())
        self.stat_update("distinct_lines", value=len(counter.counts), unit="task")


class CorpusLineMerge(PipelineStep):  # type: ignore[misc]
    """Merge every task's counter and write the corpus's template line hashes (run 1 task).

    Reads ``input_folder/*.cjkclean-lines.json.gz``, writes
    ``output_folder/cjkclean-templates.json.gz`` (``output_folder`` defaults to ``input_folder``).
    """

    name = "🀄 cjkclean line merge"
    type = "📊 - STATS"

    def __init__(
        self,
        input_folder: DataFolderLike,
        output_folder: DataFolderLike | None = None,
        min_files: int = 5,
        min_fraction: float = 0.01,
    ) -> None:
        super().__init__()
        self.input_folder = get_datafolder(input_folder)
        self.output_folder = get_datafolder(output_folder or input_folder)
        self.min_files = min_files
        self.min_fraction = min_fraction

    def run(self, data: Iterable[Document] | None, rank: int = 0, world_size: int = 1) -> Any:
        """Merge on rank 0 (other ranks do nothing); forward any input unchanged."""
        if rank == 0:
            total = LineCounter()
            shards = self.input_folder.list_files(glob_pattern=f"*{COUNTS_SUFFIX}")
            if not shards:
                raise FileNotFoundError(
                    f"no *{COUNTS_SUFFIX} in {self.input_folder.path}: run CorpusLineCount first"
                )
            for name in shards:
                total.merge(LineCounter.from_dict(_read_json_gz(self.input_folder, name)))
            templates = total.templates(self.min_files, self.min_fraction)
            _write_json_gz(
                self.output_folder,
                TEMPLATES_FILE,
                {
                    "documents": total.documents,
                    "threshold": total.threshold(self.min_files, self.min_fraction),
                    "templates": sorted(templates),
                },
            )
            self.stat_update("shards", value=len(shards), unit="task")
            self.stat_update("documents", value=total.documents, unit="task")
            self.stat_update("templates", value=len(templates), unit="task")
        yield from data or ()


class CorpusLineRemoval(_Filter):
    """Second pass: remove the corpus's template lines; drop documents left empty.

    ``templates_folder`` is where :class:`CorpusLineMerge` wrote its file. Statistics:
    ``changed``, ``lines_removed``, ``errors``; bad documents pass through unchanged.
    """

    name = "🀄 cjkclean corpus boilerplate"

    def __init__(self, templates_folder: DataFolderLike, exclusion_writer: Any = None) -> None:
        super().__init__(exclusion_writer)
        self.templates_folder = get_datafolder(templates_folder)
        self._templates: frozenset[int] | None = None

    @property
    def templates(self) -> frozenset[int]:
        """The template hashes, read once per process."""
        if self._templates is None:
            data = _read_json_gz(self.templates_folder, TEMPLATES_FILE)
            self._templates = frozenset(int(h) for h in data["templates"])
        return self._templates

    def filter(self, doc: Document) -> tuple[bool, str]:
        """Strip template lines from one document in place."""
        templates = self.templates
        try:
            text, steps = strip_corpus_lines(doc.text, templates)
        except Exception as exc:
            self.stat_update("errors")
            logger.warning(f"cjkclean: document {doc.id!r} left unchanged: {exc!r}")
            return True, ""
        if text != doc.text:
            self.stat_update("changed")
            self.stat_update("lines_removed", value=sum(1 for s in steps if s.before.strip()))
        if not text.strip():
            return False, EMPTY_REASON
        doc.text = text
        return True, ""
