"""Build gold JSON (the format of ../shared/eval/gold) from annotations.yaml.

Mentions are located as SCHEME.md section 3 says: every exact occurrence with
word boundaries (figures: the number may not continue), longest first, no
overlaps. Run: python benchmarks/heldout/make_gold.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def _ok(text: str, s: int, e: int, figure: bool) -> bool:
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < len(text) else ""
    if re.match(r"\w", before) or re.match(r"\w", after):
        return False
    number_goes_on = re.search(r"\d[.,]$", text[max(0, s - 2) : s]) or re.match(
        r"[.,]\d", text[e : e + 2]
    )
    return not (figure and number_goes_on)


def build(name: str, spec: dict, folder: Path = HERE) -> dict:
    text = (folder / "gold" / name).read_text(encoding="utf-8")
    m = re.match(r"Source: \S+\n\n", text)
    lo = m.end() if m else 0
    records = []
    for kind, key in (("entity", "entities"), ("figure", "figures")):
        for row in spec.get(key, []):
            surface, label = str(row[0]), row[1]
            rec = {"text": surface, "optional": "optional" in row[2:]}
            if kind == "entity":
                rec.update(label=label, alt_labels=[])
            else:
                rec.update(type=label, value=row[2] if len(row) > 2 else None, unit=None)
            records.append((kind, rec))
    cands = []
    for i, (kind, rec) in enumerate(records):
        for mm in re.finditer(re.escape(rec["text"]), text):
            s, e = mm.start(), mm.end()
            if s >= lo and _ok(text, s, e, kind == "figure"):
                cands.append((-(e - s), s, e, i))
    cands.sort()
    taken: list[tuple[int, int]] = []
    offsets: dict[int, list[int]] = {i: [] for i in range(len(records))}
    for _, s, e, i in cands:
        if all(e <= a or s >= b for a, b in taken):
            taken.append((s, e))
            offsets[i].append(s)
    gold = {"source": name, "text_offset": lo, "entities": [], "figures": []}
    for i, (kind, rec) in enumerate(records):
        rec["offsets"] = sorted(offsets[i])
        rec["count"] = len(rec["offsets"])
        if rec["count"] == 0:
            raise SystemExit(f"{name}: {rec['text']!r} not found")
        gold["entities" if kind == "entity" else "figures"].append(rec)
    return gold


def main(folder: Path = HERE) -> None:
    spec = yaml.safe_load((folder / "annotations.yaml").read_text(encoding="utf-8"))
    for name, item in spec.items():
        gold = build(name, item, folder)
        out = folder / "gold" / (Path(name).stem + ".json")
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(out.name, len(gold["entities"]), "entities", len(gold["figures"]), "figures")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else HERE)
