"""Pilot tests of the reader's extraction feedback keys: x reject, L relabel, E teach, u undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_reader import ID, open_reader, wait_idle

from tui.app import make_app
from tui.extract import extract
from tui.model import Feedback
from tui.screens.reader import ReaderScreen, ScopeDialog
from tui.store import Store

OTHER = "001_c81ba1064659f3d9"


def _extractor_honours(fb: Feedback, text: str, check) -> bool:
    return check(extract(text, [fb]))


REJECTS = _extractor_honours(
    Feedback("reject", "OpenAI"),
    "Fujitsu and OpenAI.",
    lambda spans: not any(s.text == "OpenAI" for s in spans),
)
RELABELS = _extractor_honours(
    Feedback("relabel", "OpenAI", "PRODUCT"),
    "Fujitsu and OpenAI.",
    lambda spans: any(s.text == "OpenAI" and s.label == "PRODUCT" for s in spans),
)
TEACHES = _extractor_honours(
    Feedback("teach", "Forward Deployed Engineers", "ORG"),
    "Fujitsu will deploy its Forward Deployed Engineers now.",
    lambda spans: any(s.text == "Forward Deployed Engineers" and s.label == "ORG" for s in spans),
)
needs_reject = pytest.mark.skipif(not REJECTS, reason="extractor does not apply rejections yet")
needs_relabel = pytest.mark.skipif(not RELABELS, reason="extractor does not apply relabels yet")
needs_teach = pytest.mark.skipif(not TEACHES, reason="extractor does not apply taught entities yet")


def fresh_store(root: Path) -> Store:
    return Store(root / "annotations" / "annotations.json")


async def tab_to(pilot, screen: ReaderScreen, text: str) -> None:
    view = screen.view
    for _ in range(200):
        await pilot.press("tab")
        span = view.cursor_span()
        if span is not None and span.text == text:
            return
    raise AssertionError(f"no highlight {text!r}")


async def test_x_stores_feedback_with_scope(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        await tab_to(pilot, screen, "OpenAI")
        here = screen.view.cursor_span()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ScopeDialog)
        assert pilot.app.screen.question.startswith("“OpenAI” is not an ORG.")
        await pilot.press("escape")  # cancel: nothing stored
        await wait_idle(pilot)
        assert pilot.app.screen is screen
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("h")  # only here
        await wait_idle(pilot)
    with fresh_store(library_root) as store:
        fbs = store.feedback()
        assert len(fbs) == 1
        fb = fbs[0]
        assert (fb.action, fb.text, fb.article_id, fb.start) == ("reject", "OpenAI", ID, here.start)


async def test_x_without_highlight_asks_to_move(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        # The standfirst sentence has exactly one highlight ("Japan"); the next
        # sentence has none.
        await pilot.press("J", "J")
        while screen.view.cursor_span() is not None:
            await pilot.press("j")
        await pilot.press("x")
        await pilot.pause()
        assert pilot.app.screen is screen
    with fresh_store(library_root) as store:
        assert store.feedback() == []


@needs_reject
async def test_reject_everywhere_changes_this_and_other_articles(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        assert any(s.text == "OpenAI" for s in screen.spans)
        await tab_to(pilot, screen, "OpenAI")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("e")  # everywhere
        await wait_idle(pilot)
        assert not any(s.text == "OpenAI" for s in screen.spans)
        assert not any(s.text == "OpenAI" for s in screen.view.spans)
        assert any(s.text == "Fujitsu" for s in screen.spans)
        await pilot.press("escape")
        await wait_idle(pilot)
        other = await open_reader(pilot, OTHER)
        assert "OpenAI" in other.article.text
        assert not any(s.text == "OpenAI" for s in other.spans)
    with fresh_store(library_root) as store:
        [fb] = store.feedback()
        assert (fb.action, fb.text, fb.article_id) == ("reject", "OpenAI", None)


@needs_reject
async def test_reject_only_here_keeps_other_mentions(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        await tab_to(pilot, screen, "OpenAI")
        target = screen.view.cursor_span()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("h")
        await wait_idle(pilot)
        openai = [s for s in screen.spans if s.text == "OpenAI"]
        assert openai and all(s.start != target.start for s in openai)


async def test_relabel_stores_feedback(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        await tab_to(pilot, screen, "OpenAI")
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("down", "down", "down", "down")  # ORG -> ... PRODUCT
        await pilot.press("enter")
        await wait_idle(pilot)
        if RELABELS:
            assert all(s.label == "PRODUCT" for s in screen.spans if s.text == "OpenAI")
    with fresh_store(library_root) as store:
        [fb] = store.feedback()
        assert (fb.action, fb.text, fb.label) == ("relabel", "OpenAI", "PRODUCT")


async def test_teach_selection_as_entity(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        view = screen.view
        text = screen.article.text
        # Without a selection, E explains what to do and stores nothing.
        await pilot.press("E")
        await pilot.pause()
        assert pilot.app.screen is screen
        # Walk word by word to "Forward", select three words, teach them.
        target = text.index("Forward Deployed Engineers")
        await tab_to(pilot, screen, "Fujitsu")
        while view.cursor[0] < target:
            await pilot.press("w")
        assert view.cursor == (target, target + len("Forward"))
        await pilot.press("v", "w", "w")
        assert screen.article.text[slice(*view.selection())] == "Forward Deployed Engineers"
        await pilot.press("E")
        await pilot.pause()
        await pilot.press("enter")  # ORG, the first label
        await wait_idle(pilot)
        if TEACHES:
            assert any(
                s.text == "Forward Deployed Engineers" and s.label == "ORG" for s in screen.spans
            )
    with fresh_store(library_root) as store:
        [fb] = store.feedback()
        assert (fb.action, fb.text, fb.label) == ("teach", "Forward Deployed Engineers", "ORG")


async def test_undo_removes_feedback_and_note(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        await tab_to(pilot, screen, "OpenAI")
        before = list(screen.spans)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("e")
        await wait_idle(pilot)
        assert len(pilot.app.store.feedback()) == 1
        told: list[str] = []
        tell = screen._tell
        screen._tell = lambda message, **kw: (told.append(message), tell(message, **kw))
        await pilot.press("u")
        await wait_idle(pilot)
        assert "Undid: rejected 'OpenAI'" in told  # the name keeps its case
        for _ in range(20):
            if screen.article is not None and not screen.view.loading:
                break
            await wait_idle(pilot)
        assert pilot.app.store.feedback() == []
        assert [s.text for s in screen.spans] == [s.text for s in before]
        # A highlight, then undo: it disappears from the view and the store.
        await pilot.press("j", "h")
        await wait_idle(pilot)
        assert len(screen.notes) == 1
        await pilot.press("u")
        await wait_idle(pilot)
        assert screen.notes == []
    with fresh_store(library_root) as store:
        assert store.notes(ID) == [] and store.feedback() == []
