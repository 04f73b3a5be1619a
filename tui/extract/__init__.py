"""Entities and figures: ``extract(text, feedback) -> list[Span]``.

The merge: entity spans (``entities.find_entities``: taught > gazetteer > rules,
with the reader's rejections and relabels applied) win over any figure span
(``figures.find_figures``) they overlap, so ``GPT-5`` is a PRODUCT and not the
figure ``5``. The reader's rejections and relabels apply to figures too. The
result is sorted by start and non-overlapping. A ``Source: <url>`` header at
the top of a saved web page is never annotated.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Feedback, Span
from .entities import apply_feedback, find_entities, text_start
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
    feedback = list(feedback)
    lo = text_start(text, start)
    ents = find_entities(text, feedback, article_id=article_id, start=lo)
    figs = find_figures(text, start=lo)
    if feedback:
        figs = apply_feedback(figs, feedback, article_id)
    taken = bytearray(len(text) + 1)
    for e in ents:
        taken[e.start : e.end] = b"\x01" * (e.end - e.start)
    out = list(ents)
    for f in sorted(figs, key=lambda s: (s.start, -(s.end - s.start))):
        if f.start < lo or f.end <= f.start or taken.find(1, f.start, f.end) >= 0:
            continue
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
        out.append(f)
    out.sort(key=lambda s: (s.start, s.end))
    return out
