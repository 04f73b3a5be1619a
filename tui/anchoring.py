"""Re-anchoring notes when an article's text changes (pure functions).

An :class:`~tui.model.Anchor` is a W3C TextQuoteSelector (exact, prefix,
suffix) plus a TextPositionSelector (start, end). Given the new text:

1. **position**: ``text[start:end] == exact``: the note stays where it is.
2. **exact**: every exact occurrence of the quote is a candidate; the best
   one by prefix and suffix similarity and distance from the old position.
3. **fuzzy**: candidate regions come from seeds (exact occurrences of
   pieces of the quote, of the prefix's end and the suffix's start); each
   region's boundaries are refined to maximise the Levenshtein similarity to
   the quote. Accepted only if the quote's edit distance is within
   ``MAX_ERROR`` of its length; the score weighs quote, prefix, suffix and
   distance from the old position.
4. otherwise the note is **orphaned** (the caller keeps it, flagged).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .model import ANCHOR_CONTEXT, Anchor, make_anchor

#: Maximum edit distance accepted for a fuzzy match, as a fraction of the quote length.
MAX_ERROR = 0.25
#: Quotes shorter than this are only re-anchored exactly (fuzzy is meaningless).
MIN_FUZZY_LEN = 8
#: Cap on exact occurrences / fuzzy candidate regions examined.
MAX_CANDIDATES = 200
#: Fuzzy search: how far boundaries may move while refining, and regions examined.
MAX_SLACK = 48
MAX_REGIONS = 6

W_QUOTE, W_PREFIX, W_SUFFIX, W_DIST = 0.70, 0.12, 0.12, 0.06


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a quote landed: ``how`` is "position", "exact" or "fuzzy"."""

    anchor: Anchor
    how: str
    score: float


def _sim(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return Levenshtein.normalized_similarity(a, b)


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> tuple[float, float]:
    plen, slen = len(anchor.prefix), len(anchor.suffix)
    prefix = text[max(0, start - plen) : start]
    suffix = text[end : end + slen]
    return _sim(anchor.prefix, prefix), _sim(anchor.suffix, suffix)


def _dist_score(anchor: Anchor, text: str, start: int) -> float:
    return 1.0 - min(1.0, abs(start - anchor.start) / max(1, len(text)))


def _score(anchor: Anchor, text: str, start: int, end: int, quote_sim: float) -> float:
    p, s = _context_score(anchor, text, start, end)
    return (
        W_QUOTE * quote_sim
        + W_PREFIX * p
        + W_SUFFIX * s
        + W_DIST * _dist_score(anchor, text, start)
    )


def _occurrences(
    text: str, needle: str, limit: int = MAX_CANDIDATES, near: int | None = None
) -> list[int]:
    """Offsets of ``needle`` in ``text``; with ``near``, the ``limit`` closest to it."""
    out: list[int] = []
    if not needle:
        return out
    cap = limit if near is None else 20 * limit
    i = text.find(needle)
    while i != -1 and len(out) < cap:
        out.append(i)
        i = text.find(needle, i + 1)
    if near is not None:
        out = sorted(out, key=lambda j: abs(j - near))[:limit]
    return out


def place(
    anchor: Anchor, text: str, *, max_error: float = MAX_ERROR, context: int = ANCHOR_CONTEXT
) -> Placement | None:
    """Find ``anchor``'s passage in ``text``; None if it cannot be placed."""
    exact = anchor.exact
    if not exact:
        return None
    if 0 <= anchor.start <= anchor.end <= len(text) and text[anchor.start : anchor.end] == exact:
        return Placement(make_anchor(text, anchor.start, anchor.end, context), "position", 1.0)

    # 2. exact occurrences
    best: tuple[float, int, int] | None = None
    for i in _occurrences(text, exact):
        score = _score(anchor, text, i, i + len(exact), 1.0)
        if best is None or score > best[0]:
            best = (score, i, i + len(exact))
    if best is not None:
        return Placement(make_anchor(text, best[1], best[2], context), "exact", best[0])

    # 3. fuzzy
    n = len(exact)
    if n < MIN_FUZZY_LEN:
        return None
    max_dist = int(n * max_error)
    slack = min(max(2, max_dist), MAX_SLACK)
    starts = _merge_close(_candidate_starts(anchor, text), slack // 2)
    # Cheap pre-filter: one distance per region, refine only the closest few.
    rough = sorted(
        (Levenshtein.distance(exact, text[cs : cs + n]), abs(cs - anchor.start), cs)
        for cs in starts
    )
    starts = [cs for d, _, cs in rough[:MAX_REGIONS] if d <= max_dist + 2 * slack]
    best_f: tuple[float, int, int, float] | None = None
    for cs in starts:
        region = _refine(exact, text, cs, slack, max_dist)
        if region is None:
            continue
        s, e, dist = region
        quote_sim = 1.0 - dist / max(n, e - s)
        score = _score(anchor, text, s, e, quote_sim)
        if best_f is None or score > best_f[0]:
            best_f = (score, s, e, quote_sim)
    if best_f is None:
        return None
    return Placement(make_anchor(text, best_f[1], best_f[2], context), "fuzzy", best_f[0])


def _merge_close(starts: list[int], gap: int) -> list[int]:
    """Drop candidate starts within ``gap`` of one already kept (refinement covers them)."""
    kept: list[int] = []
    for s in sorted(set(starts)):
        if not kept or s - kept[-1] > gap:
            kept.append(s)
    return kept


def _candidate_starts(anchor: Anchor, text: str) -> list[int]:
    """Plausible start offsets of the edited passage."""
    exact = anchor.exact
    n = len(exact)
    found: dict[int, None] = {}
    # Seeds: pieces of the quote at several places, found verbatim.
    k = max(4, min(24, n // 4))
    for off in sorted({0, n // 4, n // 2, (3 * n) // 4, max(0, n - k)}):
        piece = exact[off : off + k]
        if len(piece) < 4:
            continue
        for i in _occurrences(text, piece, 50, anchor.start + off):
            found[max(0, i - off)] = None
    # The end of the prefix marks the start; the start of the suffix marks the end.
    if len(anchor.prefix) >= 8:
        tail = anchor.prefix[-16:]
        for i in _occurrences(text, tail, 50, anchor.start - len(tail)):
            found[i + len(tail)] = None
    if len(anchor.suffix) >= 8:
        head = anchor.suffix[:16]
        for i in _occurrences(text, head, 50, anchor.end):
            found[max(0, i - n)] = None
    return list(found)[:MAX_CANDIDATES]


def _refine(
    exact: str, text: str, start: int, slack: int, max_dist: int
) -> tuple[int, int, int] | None:
    """Best (start, end, distance) near ``start`` whose edit distance ≤ max_dist."""
    n = len(exact)
    lo = max(0, start - slack)
    hi = min(len(text), start + n + slack)
    if hi - lo < n - max_dist:
        return None
    best: tuple[int, int, int] | None = None
    # Start positions first (with an end generous enough), then the end.
    for s in range(lo, min(start + slack, len(text)) + 1):
        window = text[s : min(len(text), s + n + slack)]
        # distance of exact vs the best prefix of window ~ choose end later
        d = Levenshtein.distance(exact, window[:n], score_cutoff=max_dist + slack)
        if best is None or d < best[2]:
            best = (s, s + n, d)
    if best is None:
        return None
    s = best[0]
    best = None
    for e in range(max(s + 1, s + n - slack), min(len(text), s + n + slack) + 1):
        d = Levenshtein.distance(exact, text[s:e], score_cutoff=max_dist + 1)
        if d <= max_dist and (best is None or d < best[2]):
            best = (s, e, d)
    if best is None:
        return None
    # Re-check the start with the chosen end (an insertion near the start).
    s0, e0, d0 = best
    for s in range(max(0, s0 - slack), s0 + slack + 1):
        if s >= e0:
            break
        d = Levenshtein.distance(exact, text[s:e0], score_cutoff=max_dist + 1)
        if d < d0:
            s0, d0 = s, d
    return s0, e0, d0


def reanchor(anchor: Anchor, text: str) -> tuple[Anchor, bool, str]:
    """(new anchor, orphaned, how). An orphan keeps its old anchor."""
    placed = place(anchor, text)
    if placed is None:
        return anchor, True, "orphaned"
    return placed.anchor, False, placed.how
