"""Entities and figures: ``extract(text) -> list[Span]``.

MINIMAL VERSION: the extraction helpers replace figures.py / entities.py
and this merge (same public names).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Feedback, Span
from .entities import find_entities
from .figures import find_figures


def extract(text: str, feedback: Iterable[Feedback] = (), *, article_id: str | None = None,
            start: int = 0) -> list[Span]:
    """All spans in ``text[start:]``, sorted by start, non-overlapping.

    ``feedback`` is what the reader taught (store.feedback()); ``article_id``
    selects the place-specific rejections and relabels that apply here.
    """
    feedback = list(feedback)
    ents = find_entities(text, feedback, article_id=article_id, start=start)
    figs = find_figures(text, start=start)
    taken: list[Span] = sorted(ents, key=lambda s: s.start)
    out = list(taken)
    for f in figs:
        if not any(f.start < e.end and e.start < f.end for e in taken):
            out.append(f)
    out.sort(key=lambda s: (s.start, -s.end))
    return out
