"""The extraction merge (entities + figures + feedback) and entity F1 on our own articles.

``tests/extract_fixtures/ent_*.txt`` are articles written for this project (a US
government press release, a European wire story on Red Sea shipping, a central
bank statement, a tech earnings story, a pharma story, an Asian policy page, a
UK regional business story, an Australian government media release, and
``ent_holdout_*``: pairs written later in other styles and sources (defence news,
US state health release, IMF statement, tech blog, oil markets, EU Commission,
outbreak wire, Japanese corporate release, court story, Indian government page,
GOV.UK page, BOJ story, FTC release, mining news, a news page heavy with site
chrome, a NIST release, an ECB speech, a Thai EV story, a
Senate bill story, a China export-controls story). Each ``ent_*.json`` beside them
lists the expected entities, written by hand following SCHEME.md section 5 before
the extractor was run on the article (one record per surface, label,
``alt_labels``, ``optional``). Mentions are located like the gold scheme's
``verify.py``: every whole-word occurrence, longest match wins.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tui.extract import extract, find_entities
from tui.extract.entities import text_start
from tui.model import ENTITY_LABELS, Feedback

FIXTURES = Path(__file__).resolve().parent / "extract_fixtures"
ENT_FIXTURES = sorted(FIXTURES.glob("ent_*.json"))

#: Target for our own articles (the proxy for unseen news and government pages).
FIXTURE_F1_TARGET = 0.85

#: Entity F1 of each holdout article the first time the extractor saw it, before any
#: rule was changed because of it. The rules were then generalised, so today's F1 on
#: these files is optimistic; this first-sight record (mean 0.83) is the honest
#: estimate for unseen pages.
FIRST_SIGHT_F1 = {
    "ent_holdout_defense_news": 0.807,
    "ent_holdout_state_health": 0.905,
    "ent_holdout_imf_statement": 0.897,
    "ent_holdout_tech_blog": 0.901,
    "ent_holdout_oil_markets": 0.939,
    "ent_holdout_eu_commission": 0.683,
    "ent_holdout_outbreak": 0.906,
    "ent_holdout_corporate_release": 0.654,
    "ent_holdout_court_story": 0.857,
    "ent_holdout_india_policy": 0.565,
    "ent_holdout_govuk": 0.683,
    "ent_holdout_boj": 0.867,
    "ent_holdout_ftc_release": 0.913,
    "ent_holdout_mining_news": 0.970,
    "ent_holdout_chrome_news": 0.986,
    "ent_holdout_nist_release": 0.622,
    "ent_holdout_ecb_speech": 0.829,
    "ent_holdout_ev_story": 0.818,
    "ent_holdout_congress": 0.863,
    "ent_holdout_china_trade": 0.980,
}


def _bounded(text: str, s: int, e: int) -> bool:
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


def expected_mentions(text: str, records: list[dict]) -> list[tuple[int, int, dict]]:
    lo = text_start(text)
    cands = []
    for rec in records:
        for m in re.finditer(re.escape(rec["text"]), text):
            if m.start() >= lo and _bounded(text, m.start(), m.end()):
                cands.append((m.start(), m.end(), rec))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for s, e, rec in cands:
        if any(s < b and a < e for a, b in taken):
            continue
        taken.append((s, e))
        out.append((s, e, rec))
    return out


def score_fixture(json_path: Path) -> tuple[int, int, int, list[str]]:
    """(true positives, false positives, gold count, error notes) for one article."""
    text = json_path.with_suffix(".txt").read_text(encoding="utf-8")
    records = json.loads(json_path.read_text(encoding="utf-8"))["entities"]
    mentions = expected_mentions(text, records)
    core = {(s, e): r for s, e, r in mentions if not r.get("optional")}
    optional = [(s, e) for s, e, r in mentions if r.get("optional")]
    tp = fp = 0
    notes = []
    hit = set()
    for sp in extract(text):
        if sp.kind != "entity":
            continue
        rec = core.get((sp.start, sp.end))
        if rec and sp.label in {rec["label"], *rec.get("alt_labels", [])}:
            tp += 1
            hit.add((sp.start, sp.end))
        elif any(sp.start < b and a < sp.end for a, b in optional):
            continue
        else:
            fp += 1
            notes.append(f"FP {sp.text!r} {sp.label}")
    notes += [f"FN {text[s:e]!r} {r['label']}" for (s, e), r in core.items() if (s, e) not in hit]
    return tp, fp, len(core), notes


def f1(tp: int, fp: int, gold: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def test_fixtures_are_well_formed():
    assert len(ENT_FIXTURES) >= 6
    assert set(FIRST_SIGHT_F1) <= {p.stem for p in ENT_FIXTURES}
    for path in ENT_FIXTURES:
        assert path.with_suffix(".txt").exists(), path
        records = json.loads(path.read_text(encoding="utf-8"))["entities"]
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        for rec in records:
            assert rec["label"] in ENTITY_LABELS, rec
            assert rec["text"] in text, (path.name, rec["text"])


def test_entity_f1_on_own_articles(capsys):
    tp = fp = gold = 0
    rows = []
    for path in ENT_FIXTURES:
        a, b, g, notes = score_fixture(path)
        tp, fp, gold = tp + a, fp + b, gold + g
        p, r, f = f1(a, b, g)
        rows.append(f"{path.stem:28} P {p:.3f} R {r:.3f} F1 {f:.3f} n={g}  {'; '.join(notes[:6])}")
    p, r, f = f1(tp, fp, gold)
    with capsys.disabled():
        print("\n" + "\n".join(rows) + f"\nown articles: entities P {p:.3f} R {r:.3f} F1 {f:.3f}")
    assert f >= FIXTURE_F1_TARGET


def test_scorer_can_fail():
    """The fixture scorer is not vacuous: a wrong label or a missing name costs."""
    path = FIXTURES / "ent_central_bank.json"
    tp, fp, gold, _ = score_fixture(path)
    assert gold > 20 and tp > 0
    assert f1(0, 5, gold)[2] == 0.0
    assert f1(tp, fp + 40, gold)[2] < f1(tp, fp, gold)[2]


# --- the merge -------------------------------------------------------------------------------


def _check_merge(text: str, spans) -> None:
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.start <= b.start
        assert a.end <= b.start, (a, b)
    for s in spans:
        assert text[s.start : s.end] == s.text


def test_entities_win_over_overlapping_figures():
    text = "Fujitsu will adapt GPT-5 and H20 chips; revenue was $5.2 billion in May 2026 under Section 301."
    out = extract(text)
    _check_merge(text, out)
    by_text = {s.text: s for s in out}
    assert by_text["GPT-5"].kind == "entity" and by_text["GPT-5"].label == "PRODUCT"
    assert by_text["Section 301"].label == "LAW"
    assert not any(s.kind == "figure" and s.text in ("5", "20", "301") for s in out)
    assert by_text["$5.2 billion"].kind == "figure" and by_text["$5.2 billion"].label == "MONEY"


def test_merge_sorted_non_overlapping_on_every_text(library_root):
    paths = sorted((library_root / "seeds").glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        out = extract(text)
        _check_merge(text, out)
        lo = text_start(text)
        assert all(s.start >= lo for s in out), path
        assert {s.kind for s in out} <= {"entity", "figure"}


def test_source_header_excluded_from_figures_and_entities():
    text = (
        "Source: https://news.example.com/2026/05/31/japan-ai-5-billion\n\nJapan spent $5 billion."
    )
    out = extract(text)
    lo = text_start(text)
    assert [s.text for s in out] == ["Japan", "$5 billion"]
    assert all(s.start >= lo for s in out)


def test_extract_honours_feedback():
    text = "Zorblax bought Fujitsu for $5 billion. Claude helped."
    fb = [
        Feedback("teach", "Zorblax", "ORG"),
        Feedback("reject", "Fujitsu"),
        Feedback("relabel", "Claude", "PERSON"),
    ]
    out = {s.text: s for s in extract(text, fb)}
    assert out["Zorblax"].label == "ORG" and out["Zorblax"].origin == "taught"
    assert "Fujitsu" not in out
    assert out["Claude"].label == "PERSON" and out["Claude"].origin == "relabelled"
    assert "Zorblax" not in {s.text for s in extract(text)}


def test_taught_entity_beats_an_overlapping_figure():
    text = "The Fortune 500 list and the Model 3 sedan."
    fb = [Feedback("teach", "Fortune 500", "PRODUCT")]
    out = extract(text, fb)
    _check_merge(text, out)
    assert any(s.text == "Fortune 500" and s.label == "PRODUCT" for s in out)
    assert not any(s.kind == "figure" and s.start == text.index("500") for s in out)


def test_rejecting_a_figure_in_one_place():
    text = "Sales rose 28% and margins rose 28% too."
    second = text.rindex("28%")
    fb = [Feedback("reject", "28%", article_id="a", start=second)]
    out = [s for s in extract(text, fb, article_id="a") if s.kind == "figure"]
    assert [s.start for s in out] == [text.index("28%")]
    assert len([s for s in extract(text, fb, article_id="b") if s.kind == "figure"]) == 2


def test_rejecting_an_entity_lets_the_figure_show():
    text = "They trained GPT-5 last year."
    fb = [Feedback("reject", "GPT-5")]
    out = extract(text, fb)
    assert not any(s.kind == "entity" for s in out)
    _check_merge(text, out)


@pytest.mark.parametrize("path", ENT_FIXTURES, ids=lambda p: p.stem)
def test_find_entities_equals_entity_part_of_extract(path):
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    ents = find_entities(text)
    merged = [s for s in extract(text) if s.kind == "entity"]
    assert ents == merged


def test_a_figure_that_contains_an_entity_wins():
    """Longest match wins: ``US$400 million`` is MONEY, not GPE ``US`` plus a number."""
    text = "The US pledged US$400 million to the fund."
    out = extract(text)
    _check_merge(text, out)
    assert [(s.text, s.kind) for s in out if s.text.startswith("US")] == [
        ("US", "entity"),
        ("US$400 million", "figure"),
    ]
    taught = extract(text, [Feedback("teach", "US", "GPE")])
    assert ("US$400 million", "figure") not in [(s.text, s.kind) for s in taught]
