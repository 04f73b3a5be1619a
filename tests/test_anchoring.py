"""Re-anchoring notes when the article text changes (tui.anchoring + Store.reanchor)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.anchoring import place, reanchor
from tui.model import ANCHOR_CONTEXT, make_anchor
from tui.store import Store

ARTICLE = (
    "Fujitsu said on Tuesday that it will build a sovereign AI server in Japan. "
    "It embeds a complete traceability system, covering printed circuit board assembly "
    "to final device integration, something that appeals to government agencies. "
    "Production starts in March at the Kasashima plant, with 200 units a month. "
    "Analysts expect demand from banks and insurers with strict compliance needs. "
    "The company did not disclose the price of the server."
)
QUOTE = "covering printed circuit board assembly to final device integration"


def anchor_for(text: str, quote: str):
    start = text.index(quote)
    return make_anchor(text, start, start + len(quote))


def test_anchor_has_w3c_selectors_with_32_chars_of_context() -> None:
    a = anchor_for(ARTICLE, QUOTE)
    assert a.exact == QUOTE
    assert len(a.prefix) == ANCHOR_CONTEXT == 32 and len(a.suffix) == 32
    assert ARTICLE[a.start : a.end] == QUOTE


def test_unchanged_text_keeps_position() -> None:
    a = anchor_for(ARTICLE, QUOTE)
    placed = place(a, ARTICLE)
    assert placed is not None and placed.how == "position" and placed.anchor == a


def test_text_inserted_before_the_note_moves_it() -> None:
    a = anchor_for(ARTICLE, QUOTE)
    new_text = "UPDATE: this story was revised. " * 3 + ARTICLE
    new, orphaned, how = reanchor(a, new_text)
    assert not orphaned and how == "exact"
    assert new_text[new.start : new.end] == QUOTE
    assert new.start == a.start + len("UPDATE: this story was revised. ") * 3


def test_duplicate_quote_prefers_matching_context() -> None:
    quote = "the server"
    text = "We reviewed the server twice. " + ARTICLE
    a = anchor_for(ARTICLE, "price of the server")
    a = make_anchor(ARTICLE, a.start + len("price of "), a.end)  # "the server" at the end
    assert a.exact == quote
    new, orphaned, _ = reanchor(a, text)
    assert not orphaned
    assert text[new.start - 9 : new.start] == "price of "


def test_passage_edited_slightly_is_found_fuzzily() -> None:
    a = anchor_for(ARTICLE, QUOTE)
    edited_quote = "covering printed-circuit-board assembly up to final device integration"
    text = ARTICLE.replace(QUOTE, edited_quote)
    new, orphaned, how = reanchor(a, text)
    assert not orphaned and how == "fuzzy"
    assert text[new.start : new.end] == new.exact
    # The new anchor covers the edited passage (boundaries within a character or two).
    s = text.index(edited_quote)
    assert abs(new.start - s) <= 2 and abs(new.end - (s + len(edited_quote))) <= 2


def test_edited_and_moved_passage_is_found() -> None:
    a = anchor_for(ARTICLE, QUOTE)
    edited = QUOTE.replace("final", "the final")
    sentences = ARTICLE.replace(QUOTE, edited).split(". ")
    text = ". ".join(sentences[2:] + sentences[:2])  # reordered
    new, orphaned, _ = reanchor(a, text)
    assert not orphaned
    assert "printed circuit board" in new.exact and new.exact.endswith("integration")


def test_passage_deleted_is_orphaned_and_keeps_its_anchor() -> None:
    a = anchor_for(ARTICLE, QUOTE)
    text = ARTICLE.replace("It embeds a complete traceability system, " + QUOTE, "It is new")
    new, orphaned, how = reanchor(a, text)
    assert orphaned and how == "orphaned" and new == a


def test_heavily_rewritten_passage_is_orphaned_not_misplaced() -> None:
    a = anchor_for(ARTICLE, QUOTE)
    text = ARTICLE.replace(QUOTE, "spanning every manufacturing step from the start to the end")
    _new, orphaned, _ = reanchor(a, text)
    assert orphaned


def test_short_quotes_only_match_exactly() -> None:
    a = anchor_for(ARTICLE, "March")
    _new, orphaned, _ = reanchor(a, ARTICLE.replace("March", "April"))
    assert orphaned


# --- through the store ----------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "annotations.json")
    yield s
    s.close()


def test_store_reanchor_moves_edits_and_orphans(store: Store) -> None:
    moved = store.add_note("art", "moved", anchor=anchor_for(ARTICLE, QUOTE))
    gone = store.add_note("art", "gone", anchor=anchor_for(ARTICLE, "with 200 units a month"))
    plain = store.add_note("art", "article-level")
    store.reanchor("art", ARTICLE, "fp1")
    assert store.article_state("art").fingerprint == "fp1"

    text = "Breaking. " + ARTICLE.replace(
        "Production starts in March at the Kasashima plant, with 200 units a month. ", ""
    )
    notes = {n.id: n for n in store.reanchor("art", text, "fp2")}
    assert set(notes) == {moved.id, gone.id, plain.id}  # never dropped
    assert notes[moved.id].anchor.start == moved.anchor.start + len("Breaking. ")
    assert not notes[moved.id].orphaned
    assert notes[gone.id].orphaned and notes[gone.id].anchor == gone.anchor
    assert store.article_state("art").fingerprint == "fp2"
    # The orphan is listed, persisted, and comes back if the passage returns.
    with Store(store.path, read_only=True) as other:
        assert other.get_note(gone.id).orphaned
    back = {n.id: n for n in store.reanchor("art", ARTICLE, "fp1")}
    assert not back[gone.id].orphaned
    assert back[gone.id].anchor.start == gone.anchor.start


def test_store_reanchor_is_free_when_fingerprint_unchanged(store: Store) -> None:
    store.add_note("art", "n", anchor=anchor_for(ARTICLE, QUOTE))
    store.reanchor("art", ARTICLE, "fp")
    journal = Path(str(store.path) + ".journal")
    size = journal.stat().st_size if journal.exists() else 0
    store.reanchor("art", "completely different text", "fp")  # same fingerprint: no work
    assert (journal.stat().st_size if journal.exists() else 0) == size
    assert not store.notes("art")[0].orphaned


def test_reattach_orphan(store: Store) -> None:
    note = store.add_note("art", "n", anchor=anchor_for(ARTICLE, QUOTE))
    store.reanchor("art", "nothing left", "fp")
    assert store.get_note(note.id).orphaned
    text = "new text with a passage"
    fixed = store.reattach_note(note.id, make_anchor(text, 16, 23))
    assert not fixed.orphaned and fixed.anchor.exact == "passage"
    assert store.undo() is not None
    assert store.get_note(note.id).orphaned


def test_rename_article_moves_notes_state_and_feedback(store: Store) -> None:
    from tui.model import ArticleMeta, Feedback

    note = store.add_note("old/name", "n", anchor=anchor_for(ARTICLE, QUOTE))
    store.add_tag("old/name", "ai")
    store.set_starred("old/name", True)
    store.reanchor("old/name", ARTICLE, "fp-same-text")
    store.add_feedback(Feedback("reject", "Tuesday", article_id="old/name", start=30))
    metas = [
        ArticleMeta(id="new/name", path="seeds/new/name.txt", title="t", fingerprint="fp-same-text")
    ]
    assert store.detect_renames(metas) == {"old/name": "new/name"}
    assert store.rename_article("old/name", "new/name") == 1
    assert store.get_note(note.id).article_id == "new/name"
    assert store.notes("old/name") == []
    state = store.article_state("new/name")
    assert state.tags == ("ai",) and state.starred
    assert "old/name" not in store.all_article_states()
    assert all(f.article_id == "new/name" for f in store.feedback())
    assert store.detect_renames(metas) == {}


def test_fuzzy_search_in_repetitive_text_prefers_the_old_neighbourhood() -> None:
    import random

    rng = random.Random(1)
    words = ["alpha", "beta", "gamma", "market", "Japan", "AI", "the", "of", "growth"]
    text = " ".join(rng.choice(words) for _ in range(20000))
    for length in (40, 300, 2000):
        start = 50000
        a = make_anchor(text, start, start + length)
        cut = length // 3
        edited = text[:start] + a.exact[:cut] + "EDIT" + a.exact[cut + 3 :] + text[start + length :]
        new, orphaned, how = reanchor(a, "X" * 500 + edited)
        assert not orphaned and how == "fuzzy", length
        assert abs(new.start - (start + 500)) <= 1
        assert abs(new.end - (start + 500 + length + 1)) <= 1


def test_fuzzy_candidates_are_ranked_by_context() -> None:
    quote = "the committee approved the revised budget for next year"
    first = "In March, after a long debate, " + quote + ", said the mayor on Monday."
    second = "Meanwhile in Osaka, without debate, " + quote + ", the paper reported."
    text = first + " " + second
    start = text.rindex(quote)
    a = make_anchor(text, start, start + len(quote))  # the second occurrence
    # Both edited alike, and swapped: the old position now points at the wrong one.
    edited = (second + " " + first).replace("revised budget", "revised  budget")
    wrong = edited.rindex("the committee")
    assert abs(wrong - a.start) < abs(edited.index("the committee") - a.start)
    new, orphaned, how = reanchor(a, edited)
    assert not orphaned and how == "fuzzy"
    assert new.start == edited.index("the committee")  # the one whose prefix/suffix match


def test_check_never_writes(tmp_path) -> None:
    from tui.check import check_library

    root = tmp_path / "lib"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "a.txt").write_text("Some text here.")
    annotations = root / "annotations"
    annotations.mkdir()
    (annotations / "annotations.json").write_text('{"meta": {"1": {"schema_version": 1}}}')
    before = sorted(p.name for p in annotations.iterdir())
    problems = check_library(root)
    assert problems == [
        f"warning: {annotations / 'annotations.json'}: schema version 1 is older "
        "than 2 (upgraded when opened for writing)"
    ]
    assert sorted(p.name for p in annotations.iterdir()) == before


def test_visit_without_reader_state_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    with Store(path) as store:
        assert store.reanchor("art", ARTICLE, "fp") == []
    assert not path.exists()


def test_rename_detected_for_article_with_tags_only(store: Store) -> None:
    from tui.model import ArticleMeta

    store.add_tag("old", "keep")
    store.reanchor("old", ARTICLE, "fp-tagged")
    assert store.article_state("old").fingerprint == "fp-tagged"
    metas = [ArticleMeta(id="new", path="seeds/new.txt", title="t", fingerprint="fp-tagged")]
    assert store.detect_renames(metas) == {"old": "new"}
