"""The library-wide entity index: other articles that mention an entity, cached."""

from __future__ import annotations

from pathlib import Path

from tui.entity_index import EntityIndex, entity_key
from tui.extract import extract
from tui.library import Library
from tui.model import Feedback


def _write(root: Path, name: str, text: str) -> None:
    (root / "seeds" / f"{name}.txt").write_text(text, encoding="utf-8")


def test_mentions_across_articles(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "lib"
    (root / "seeds").mkdir(parents=True)
    _write(root, "a", "Alpha story\n\nThe European Central Bank met in Frankfurt on Monday.\n")
    _write(root, "b", "Beta story\n\nAnalysts expect the European Central Bank to cut again.\n")
    _write(root, "c", "Gamma story\n\nNothing about banks here, only weather.\n")
    lib = Library(root)
    article = lib.load("a")
    spans = [s for s in extract(article.text, start=article.body_start()) if s.kind == "entity"]
    ecb = next(s for s in spans if "European Central Bank" in s.text)
    index = EntityIndex(lib).build()
    assert index.extracted == 3
    others = index.mentions(entity_key(ecb), exclude="a")
    assert [m.article_id for m in others] == ["b"]
    assert others[0].title == "Beta story" and others[0].count == 1

    # A second build is served from the cache; an edited article is extracted again.
    assert EntityIndex(lib).build().extracted == 0
    _write(root, "c", "Gamma story\n\nThe European Central Bank surprised markets.\n")
    again = EntityIndex(lib).build()
    assert again.extracted == 1
    assert {m.article_id for m in again.mentions(entity_key(ecb), exclude="a")} == {"b", "c"}


def test_feedback_changes_the_index(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "lib"
    (root / "seeds").mkdir(parents=True)
    _write(root, "a", "Story one\n\nWe met the Zorblax Collective at dawn.\n")
    _write(root, "b", "Story two\n\nLater the Zorblax Collective left town.\n")
    taught = [Feedback("teach", "Zorblax Collective", "ORG")]
    index = EntityIndex(Library(root), taught).build()
    assert [m.article_id for m in index.mentions("ORG:Zorblax Collective", exclude="a")] == ["b"]
    assert index.extracted == 2


def test_chrome_mentions_do_not_count_and_others_lists_titles(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "lib"
    (root / "seeds").mkdir(parents=True)
    _write(root, "a", "Alpha story\n\nThe European Central Bank met in Frankfurt on Monday.\n")
    _write(
        root,
        "b",
        "Beta story\n\nRain fell all week across the valley and the river rose.\n\n"
        "Also Read: European Central Bank holds rates\n",
    )
    _write(root, "c", "Gamma story\n\nInvestors now expect the European Central Bank to wait.\n")
    index = EntityIndex(Library(root)).build()
    article = Library(root).load("a")
    ecb = next(s for s in extract(article.text) if "European Central Bank" in s.text)
    others = index.others("a")[(ecb.label, ecb.canonical or ecb.text)]
    assert [(m.article_id, m.title) for m in others] == [("c", "Gamma story")]
