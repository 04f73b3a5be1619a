"""Figures: MONEY, PERCENT, DATE, CARDINAL, QUANTITY. MINIMAL VERSION."""

from __future__ import annotations

import re

from ..model import Span

_MONEY = re.compile(r"[$¥£€]\d[\d,]*(?:\.\d+)?(?:\s(?:billion|million|trillion))?")
_PCT = re.compile(r"\d+(?:\.\d+)?\s?%")


def find_figures(text: str, *, start: int = 0) -> list[Span]:
    out = []
    for rx, label in ((_MONEY, "MONEY"), (_PCT, "PERCENT")):
        for m in rx.finditer(text, start):
            out.append(Span(m.start(), m.end(), m.group(0), label, "figure"))
    return out
