"""Add the fields verify.py checks to the gold files make_gold.py wrote.

Run after ``python benchmarks/heldout/make_gold.py FOLDER``:
``python benchmarks/heldout/enrich.py FOLDER`` (heldout2, heldout3). It reads the extra keys of
annotations.yaml (title, chrome line numbers, notes, non_figure_numbers, unit,
qualifier and alt-label flags) and rewrites gold/*.json in place; mentions and
offsets are left exactly as make_gold.py located them.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml


def _flags(row: list, start: int) -> tuple[bool, list[str], str | None]:
    rest = [str(x) for x in row[start:]]
    alts = [x[4:] for x in rest if x.startswith("alt:")]
    qual = next((x[2:] for x in rest if x.startswith("q:")), None)
    return "optional" in rest, alts, qual


def enrich(folder: Path, name: str, spec: dict) -> None:
    path = folder / "gold" / (Path(name).stem + ".json")
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = (folder / "gold" / name).read_text(encoding="utf-8")
    header = re.match(r"Source: (\S+)\n\n", text)
    lines = text.split("\n")
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    chrome = set(spec.get("chrome", []))
    title = spec.get("title")
    title_no = next((i + 1 for i, ln in enumerate(lines) if ln == title), None)

    def zone(off: int) -> str:
        n = max(i for i, s in enumerate(starts) if s <= off) + 1
        return "boilerplate" if n in chrome else "article"

    for key, rows in (("entities", spec["entities"]), ("figures", spec["figures"])):
        for rec, row in zip(gold[key], rows, strict=True):
            assert rec["text"] == str(row[0])
            if key == "entities":
                rec["optional"], rec["alt_labels"], _ = _flags(row, 2)
            else:
                rec["unit"] = row[3] if len(row) > 3 else None
                rec["optional"], _, rec["qualifier"] = _flags(row, 4)
                rec["context"] = ""
            rec["zone_counts"] = dict(Counter(zone(o) for o in rec["offsets"]))
    out = {
        "source": name,
        "url": header.group(1) if header else None,
        "title": title,
        "title_source": "in_text" if title_no else "unknown",
        "title_line": title if title_no else None,
        "title_line_number": title_no,
        "text_offset": gold["text_offset"],
        "truncated": False,
        "section_headings": [],
        "section_heading_line_numbers": [],
        "boilerplate_lines": [lines[n - 1] for n in sorted(chrome)],
        "boilerplate_detail": [
            {"line": n, "text": lines[n - 1], "kind": "chrome"} for n in sorted(chrome)
        ],
        "boilerplate_spans": [],
        "other_article_teaser": None,
        "entities": gold["entities"],
        "figures": gold["figures"],
        "non_figure_numbers": [
            {"text": str(t), "count": c, "reason": r}
            for t, c, r in spec.get("non_figure_numbers", [])
        ],
        "notes": spec.get("notes", []),
    }
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(folder: Path) -> None:
    spec = yaml.safe_load((folder / "annotations.yaml").read_text(encoding="utf-8"))
    for name, item in spec.items():
        enrich(folder, name, item)


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
