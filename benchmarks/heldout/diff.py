"""Show an extractor's misses and false alarms against a gold folder.

Usage: python benchmarks/heldout/diff.py [GOLD_DIR]   (default: benchmarks/heldout/gold)
Uses tui.extract directly; prints "-" for gold mentions missed, "+" for extras.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tui.extract import extract
from tui.library import read_text

HERE = Path(__file__).resolve().parent


def main(folder: Path) -> None:
    for gold_path in sorted(folder.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = folder / gold["source"]
        if not text_path.exists():
            text_path = HERE.parent.parent / "seeds" / gold["source"]
        text = read_text(text_path)
        lo = gold.get("text_offset", 0)
        want, optional = {}, []
        for key, lab in (("entities", "label"), ("figures", "type")):
            for rec in gold[key]:
                for off in rec["offsets"]:
                    span = (off, off + len(rec["text"]))
                    if rec.get("optional"):
                        optional.append(span)
                    else:
                        labels = {rec[lab], *rec.get("alt_labels", [])}
                        want[span] = {"QUANTITY" if x == "CARDINAL" else x for x in labels} | labels
        got = {(s.start, s.end): s.label for s in extract(text) if s.start >= lo}
        print(f"== {gold['source']}")
        for span, labels in sorted(want.items()):
            if got.get(span) not in labels:
                print(f"  - {text[span[0] : span[1]]!r} {sorted(labels)} got {got.get(span)}")
        for span, label in sorted(got.items()):
            if span not in want and not any(a < span[1] and span[0] < b for a, b in optional):
                print(f"  + {text[span[0] : span[1]]!r} {label}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "gold")
