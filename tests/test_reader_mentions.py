"""Library-wide entities in the reader: which other articles mention an entity, and `o` to go there."""

from __future__ import annotations

from pathlib import Path

from test_reader import ID, open_reader, wait_idle

from tui.app import make_app
from tui.screens.dialogs import ArticlePicker
from tui.screens.reader import ReaderScreen


async def _wait_for_mentions(pilot, screen: ReaderScreen) -> None:
    for _ in range(100):
        await wait_idle(pilot)
        if screen.mentions:
            return
    raise AssertionError("the library-wide entity index never arrived")


async def test_o_opens_another_article_at_the_entity(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        await _wait_for_mentions(pilot, screen)
        others = screen.mentions[("ORG", "Fujitsu")]
        assert others and all(aid != ID for aid, _title, _count in others)
        fujitsu = next(s for s in screen.spans if s.text == "Fujitsu")
        screen.view.jump_to(fujitsu.start, fujitsu.end, "span")
        await pilot.press("o")
        await pilot.pause()
        picker = pilot.app.screen
        assert isinstance(picker, ArticlePicker)
        target = picker.articles[0][0]
        await pilot.press("enter")
        for _ in range(100):
            await wait_idle(pilot)
            top = pilot.app.screen
            if isinstance(top, ReaderScreen) and top.article is not None and not top.view.loading:
                break
        top = pilot.app.screen
        assert isinstance(top, ReaderScreen) and top.article_id == target
        span = top.view.cursor_span()
        assert span is not None and span.label == "ORG"
        assert (span.canonical or span.text) == "Fujitsu"
        # esc goes back to the article we came from.
        await pilot.press("escape")
        await wait_idle(pilot)
        assert isinstance(pilot.app.screen, ReaderScreen) and pilot.app.screen.article_id == ID


async def test_o_on_an_entity_only_here_says_so(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        await _wait_for_mentions(pilot, screen)
        lonely = next(
            s
            for s in screen.spans
            if s.kind == "entity" and (s.label, s.canonical or s.text) not in screen.mentions
        )
        screen.view.jump_to(lonely.start, lonely.end, "span")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)
