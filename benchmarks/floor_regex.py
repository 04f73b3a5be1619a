"""The throughput floor: a plain, labelled figures-only regular expression.

Issue 3 holds full extraction to "at least half the throughput of a plain
figures-only regular expression, measured in the same run", and describes that
regex by its results: figures F1 about 0.90 on the dev gold, and about 90
times faster than spaCy's small English model. This is such a regex: what a
competent person writes in ten minutes to label MONEY, PERCENT, DATE and
CARDINAL, with no context, no values and no entities. One ``finditer``, one
tuple per match, the label taken from the named group that matched.

It is scoreable, so the claim about its quality is measured, not asserted::

    .venv/bin/python ../shared/eval/score.py -- .venv/bin/python benchmarks/floor_regex.py {path}

(2026-11-21: figures P 0.871 R 0.968 F1 0.917 on the dev gold.)

``MINIMAL`` is the cheaper regex the benchmark used as its floor before: money,
percent and bare numbers only, no dates (figures F1 0.44 on the dev gold when
labelled by its first character). It is still timed and reported, so the
ratio against it stays visible, but it is not the "plain figures regex" the
issue measures against: it does not find figures.
"""

from __future__ import annotations

import json
import re
import sys

_MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_NUM = r"\d[\d,]*(?:\.\d+)?"
_SCALE = r"(?:\s?(?i:trillion|billion|million|thousand|bn|tn|m)\b)"
_MONEY = (
    rf"(?:US|A|C|HK|S)?[$€£¥]\s?{_NUM}{_SCALE}?"
    rf"|{_NUM}(?:\s(?:trillion|billion|million|thousand))?"
    r"\s(?:yen|dollars|euros|pounds|rupees|yuan|USD|JPY|EUR|GBP)\b"
)
_PERCENT = rf"{_NUM}\s?(?:%|per\s?cent\b|percent\b)"
_DATE = (
    r"\bFY\s?\d{2,4}(?:/\d{2})?\b|\bfiscal\s(?:year\s)?\d{4}\b|\b\d{4}s\b"
    rf"|\b{_MON}\.?\s\d{{1,2}}(?:,\s\d{{4}})?\b|\b{_MON}\s\d{{4}}\b"
    rf"|\b\d{{1,2}}\s{_MON}(?:\s\d{{4}})?\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b(?:19|20)\d{{2}}\b"
)
_CARDINAL = rf"\b{_NUM}(?:\s(?:trillion|billion|million|thousand))?"

FLOOR = re.compile(
    rf"(?P<MONEY>{_MONEY})|(?P<PERCENT>{_PERCENT})|(?P<DATE>{_DATE})|(?P<CARDINAL>{_CARDINAL})"
)

MINIMAL = re.compile(
    r"[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:trillion|billion|million|bn|m)\b)?"
    r"|\d[\d,]*(?:\.\d+)?\s?(?:%|per\s?cent\b|percent\b)"
    r"|\b\d[\d,]*(?:\.\d+)?(?:\s(?:trillion|billion|million|thousand)\b)?"
)


def floor(text: str) -> list[tuple[int, int, str | None]]:
    """Every labelled figure the plain regex finds: (start, end, label)."""
    return [(m.start(), m.end(), m.lastgroup) for m in FLOOR.finditer(text)]


def minimal(text: str) -> list[tuple[int, int, str]]:
    """The old, cheaper floor: money, percent and bare numbers, no labels."""
    return [(m.start(), m.end(), m.group(0)) for m in MINIMAL.finditer(text)]


def main(argv: list[str]) -> int:
    """Print the floor's spans for one file as JSON, the shape score.py reads."""
    with open(argv[0], encoding="utf-8", newline="") as fh:
        text = fh.read()
    spans = [{"start": s, "end": e, "text": text[s:e], "label": lab} for s, e, lab in floor(text)]
    print(json.dumps(spans))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
