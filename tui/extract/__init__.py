"""Entities and figures: ``extract(text, feedback) -> list[Span]``.

The merge: entity spans (``entities.find_entities``: taught > gazetteer > rules,
with the reader's rejections and relabels applied) win over any figure span
(``figures.find_figures``) they overlap, so ``GPT-5`` is a PRODUCT and not the
figure ``5``; the one exception is the gold scheme's "longest match wins": a
figure that strictly contains an entity (``US$400 million`` around ``US``) wins,
unless the reader taught that entity. The reader's rejections and relabels apply to figures too. The
result is sorted by start and non-overlapping. A ``Source: <url>`` header at
the top of a saved web page is never annotated.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from operator import attrgetter

from ..model import Feedback, Span
from .entities import apply_feedback, find_entities, gc_paused, text_start
from .figures import find_figures

__all__ = ["extract", "find_entities", "find_figures"]


def extract(
    text: str,
    feedback: Iterable[Feedback] = (),
    *,
    article_id: str | None = None,
    start: int = 0,
) -> list[Span]:
    """All spans in ``text[start:]``, sorted by start, non-overlapping.

    ``feedback`` is what the reader taught (``store.feedback()``); ``article_id``
    selects the place-specific rejections and relabels that apply here.
    """
    with gc_paused():  # see entities.gc_paused
        return _extract(text, list(feedback), article_id, start)


def _extract(text: str, feedback: list[Feedback], article_id: str | None, start: int) -> list[Span]:
    lo = text_start(text, start)
    ents = find_entities(text, feedback, article_id=article_id, start=lo)
    figs = find_figures(text, start=lo)
    if feedback:
        figs = apply_feedback(figs, feedback, article_id)
    # Longest match wins, as in the gold scheme: an entity beats any figure it overlaps
    # (GPT-5, H20, Section 301), unless the figure strictly contains it ("US$400
    # million" is a MONEY figure, not the GPE "US"). A taught entity always wins.
    starts = [e.start for e in ents]
    dropped: set[int] = set()
    keep_figs: list[Span] = []
    taken = bytearray(len(text) + 1)
    for f in sorted(figs, key=lambda s: (s.start, -(s.end - s.start))):
        if f.start < lo or f.end <= f.start or taken.find(1, f.start, f.end) >= 0:
            continue
        i = bisect_left(starts, f.start)
        while i > 0 and ents[i - 1].end > f.start:
            i -= 1
        hits = []
        while i < len(ents) and ents[i].start < f.end:
            if ents[i].end > f.start:
                hits.append(i)
            i += 1
        if hits and not all(
            ents[k].origin != "taught"
            and f.start <= ents[k].start
            and ents[k].end <= f.end
            and (ents[k].end - ents[k].start) < (f.end - f.start)
            for k in hits
        ):
            continue
        dropped.update(hits)
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
        keep_figs.append(f)
    out = [e for k, e in enumerate(ents) if k not in dropped] if dropped else ents
    if not keep_figs:
        return list(out)
    # two sorted runs of non-overlapping spans (non-empty, so no two share a start):
    # sorting by start alone gives the same order as by (start, end)
    out = out + keep_figs
    out.sort(key=_START)
    return out


_START = attrgetter("start")
