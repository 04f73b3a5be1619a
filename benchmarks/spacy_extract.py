"""spaCy's small English model as a ``score.py`` extractor, for comparison only.

Usage (from an environment that has spaCy and a model; the project does not depend
on spaCy)::

    python ../shared/eval/score.py --set benchmarks/heldout4/gold -- \
        /path/to/spacy-venv/bin/python benchmarks/spacy_extract.py {path}

``$BRIEFING_SPACY_MODEL`` may name a model folder (default: the installed
``en_core_web_sm``). spaCy's labels map to the scheme's: LOC and FAC are places
(GPE in SCHEME.md), TIME is a DATE, NORP/EVENT/WORK_OF_ART/LANGUAGE are dropped.
"""

from __future__ import annotations

import json
import os
import sys

KEEP = {
    "ORG": "ORG",
    "PERSON": "PERSON",
    "GPE": "GPE",
    "LOC": "GPE",
    "FAC": "GPE",
    "LAW": "LAW",
    "PRODUCT": "PRODUCT",
    "MONEY": "MONEY",
    "PERCENT": "PERCENT",
    "DATE": "DATE",
    "TIME": "DATE",
    "CARDINAL": "CARDINAL",
    "QUANTITY": "QUANTITY",
    "ORDINAL": "ORDINAL",
}


def main(path: str) -> None:
    import spacy  # type: ignore[import-not-found]

    nlp = spacy.load(os.environ.get("BRIEFING_SPACY_MODEL") or "en_core_web_sm")
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    spans = [
        {"start": e.start_char, "end": e.end_char, "text": e.text, "label": KEEP[e.label_]}
        for e in nlp(text).ents
        if e.label_ in KEEP
    ]
    json.dump(spans, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
