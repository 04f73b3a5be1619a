"""Pilot tests of the app shell and the library screen (headless, 120x40)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import Input, Static

from tui.app import BriefingApp, make_app
from tui.commands import BriefingCommands
from tui.library import Library
from tui.screens.dialogs import ErrorDialog, NoteEditor, TagEditor
from tui.screens.help import HelpScreen
from tui.screens.library import ArticleTable, LibraryScreen, matches, parse_filter
from tui.store import Store
from tui.widgets.tag_sidebar import TagSidebar

SIZE = (120, 40)
EVIL_TITLE = "[bold]x[/] [@click=app.quit]q[/] \x1b[31mred"


async def loaded(pilot) -> LibraryScreen:
    """Wait until the library screen has listed the library."""
    app = pilot.app
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if isinstance(app.screen, LibraryScreen) and app.screen.loaded:
            return app.screen
    raise AssertionError(f"library never loaded; screen is {app.screen!r}")


def table_text(screen: LibraryScreen) -> str:
    """What the article table shows, line by line, as plain text."""
    table = screen.query_one(ArticleTable)
    lines = []
    for y in range(table.size.height):
        strip = table.render_line(y)
        lines.append("".join(segment.text for segment in strip))
    return "\n".join(lines)


def static_text(widget: Static) -> str:
    visual = widget.visual
    return visual.plain if isinstance(visual, Content) else str(visual)


@pytest.fixture(autouse=True)
def no_user_keymap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tests never pick up the developer's own keymap file."""
    path = tmp_path / "keymap.yaml"
    monkeypatch.setenv("BRIEFING_KEYMAP", str(path))
    return path


def titles(root: Path) -> dict[str, str]:
    return {m.id: m.title for m in Library(root).list()}


def store_of(root: Path) -> Store:
    return Store(root / "annotations" / "annotations.json")


# --- listing ---------------------------------------------------------------------


async def test_the_four_sample_titles_show(library_root: Path) -> None:
    expected = titles(library_root)
    assert len(expected) == 4
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one(ArticleTable)
        assert table.row_count == 4
        shown = [str(table.get_row(aid)[1]) for aid in screen._visible]
        assert shown == [expected[aid] for aid in sorted(expected)]
        text = table_text(screen)
        for title in expected.values():
            assert title[:20] in text
        status = static_text(screen.query_one("#status", Static))
        assert "4 articles" in status and "4 unread" in status


async def test_the_library_screen_never_loads_bodies(
    library_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Library(library_root).list()  # warm the metadata cache, as a second start would

    def no_load(self, article_id):
        raise AssertionError(f"the library screen loaded the body of {article_id}")

    monkeypatch.setattr(Library, "load", no_load)
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("s", "slash", *"a", "escape", "o", "question_mark", "escape")
        await pilot.pause()
        assert len(screen.rows) == 4


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_the_table_fits_the_terminal(library_root: Path, size: tuple[int, int]) -> None:
    async with make_app(library_root).run_test(size=size) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one(ArticleTable)
        assert not table.show_horizontal_scrollbar
        assert table.virtual_size.width <= table.size.width
        assert screen.query_one(TagSidebar).display == (size[0] >= 100)
        await pilot.resize_terminal(150, 40)
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one(TagSidebar).display
        assert not table.show_horizontal_scrollbar


async def test_enter_opens_the_reader_and_back_refreshes(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        first = screen.current_id()
        await pilot.press("enter")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "ReaderScreen"
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await loaded(pilot)
        assert pilot.app.screen is screen
        # the reader marks the article read; the library shows it on return
        assert screen.rows[first].state.status == "read"
        assert str(screen.query_one(ArticleTable).get_row(first)[-1]) == "read"


async def test_open_and_back_repeatedly_does_not_crash(library_root: Path) -> None:
    """Going in and out of the reader quickly (a common habit) never crashes the app."""
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        for i in range(8):
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("j" if i % 2 else "k")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert app.screen is screen


async def test_a_library_that_cannot_be_listed_is_reported(
    library_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.library import LibraryError

    def broken(self):
        raise LibraryError("seeds/ is not readable [bold]here[/]")

    monkeypatch.setattr(Library, "list", broken)
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and not screen.loaded
        status = static_text(screen.query_one("#status", Static))
        assert "seeds/ is not readable [bold]here[/]" in status
        assert any("not readable" in str(n.message) for n in app._notifications)
        await pilot.press("s", "enter", "ctrl+r")
        await pilot.pause()
        assert app.is_running


# --- filter ----------------------------------------------------------------------


async def test_slash_and_typing_filters_rows(library_root: Path) -> None:
    expected = titles(library_root)
    target = sorted(expected)[1]
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("slash")
        box = screen.query_one("#filter", Input)
        assert box.display and box.has_focus
        # an id fragment matches exactly one article
        await pilot.press(*target.split("_")[1][:10])
        await pilot.pause()
        assert screen._visible == [target]
        assert screen.query_one(ArticleTable).row_count == 1
        assert "showing 1 of 4" in static_text(screen.query_one("#status", Static))
        # esc clears the filter and goes back to the table
        await pilot.press("escape")
        await pilot.pause()
        assert len(screen._visible) == 4
        assert screen.query_one(ArticleTable).has_focus
        assert not box.display


async def test_filter_by_words_in_title(library_root: Path) -> None:
    expected = titles(library_root)
    aid = sorted(expected)[1]
    word = max(expected[aid].split(), key=len).strip(":,.").lower()
    want = [a for a in sorted(expected) if word in expected[a].lower()]
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("slash", *word, "enter")
        await pilot.pause()
        assert screen._visible == want
        assert screen.query_one(ArticleTable).has_focus


async def test_tag_and_status_filters(library_root: Path) -> None:
    ids = sorted(titles(library_root))
    with store_of(library_root) as store:
        store.add_tag(ids[2], "policy")
        store.set_starred(ids[3], True)
        store.set_status(ids[0], "read")
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("slash", *"tag:policy")
        await pilot.pause()
        assert screen._visible == [ids[2]]
        screen.set_filter("is:starred")
        assert screen._visible == [ids[3]]
        screen.set_filter("is:read")
        assert screen._visible == [ids[0]]
        screen.set_filter("is:unread -tag:policy")
        assert screen._visible == [ids[1], ids[3]]
        screen.set_filter("is:archived")
        assert screen._visible == []
        # choosing a tag in the sidebar filters by it
        sidebar = screen.query_one(TagSidebar)
        sidebar.focus()
        ids_in_sidebar = [o.id for o in sidebar._options]
        sidebar.highlighted = ids_in_sidebar.index("tag:policy")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.filter_text == "tag:policy"
        assert screen._visible == [ids[2]]


def test_parse_filter_terms() -> None:
    flt = parse_filter('tag:AI is:starred -is:read "two words" #Policy')
    assert flt.tags == [(False, "ai"), (False, "policy")]
    assert flt.flags == [(False, "starred"), (True, "read")]
    assert flt.words == [(False, "two words")]
    assert not parse_filter("   ")
    # an unclosed quote while typing is not an error
    assert parse_filter('"half').words == [(False, "half")]
    # apostrophes are text; a quoted phrase is never a tag term; phrases negate
    assert parse_filter("japan's").words == [(False, "japan's")]
    assert parse_filter('"tag:x" -"big tech"').words == [(False, "tag:x"), (True, "big tech")]
    # an empty filter matches everything
    assert matches(None, parse_filter(""))  # type: ignore[arg-type]


# --- sorting ---------------------------------------------------------------------


async def test_o_cycles_sort_and_keeps_the_cursor(library_root: Path) -> None:
    expected = titles(library_root)
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j")
        on = screen.current_id()
        await pilot.press("o")  # date
        assert screen.sort == "date"
        await pilot.press("o")  # title
        assert screen.sort == "title"
        assert screen._visible == sorted(expected, key=lambda a: expected[a].casefold())
        assert screen.current_id() == on
        await pilot.press("O")
        assert screen._visible == sorted(expected, key=lambda a: expected[a].casefold())[::-1]


async def test_clicking_a_header_sorts_by_it(library_root: Path) -> None:
    expected = titles(library_root)
    by_title = sorted(expected, key=lambda a: expected[a].casefold())
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.click(ArticleTable, offset=(6, 0))  # the Title header
        await pilot.pause()
        assert screen.sort == "title" and screen._visible == by_title
        await pilot.click(ArticleTable, offset=(6, 0))  # again: reversed
        await pilot.pause()
        assert screen._visible == by_title[::-1]
        assert "sort: title ↑" in static_text(screen.query_one("#status", Static))


# --- star, tags, notes -------------------------------------------------------------


async def test_s_stars_and_persists(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        aid = screen.current_id()
        await pilot.press("s")
        await pilot.pause()
        assert screen.rows[aid].state.starred
        assert str(screen.query_one(ArticleTable).get_row(aid)[0]) == "★"
        assert "1 starred" in static_text(screen.query_one("#status", Static))
    with store_of(library_root) as fresh:
        assert fresh.article_state(aid).starred


async def test_a_archives_and_m_toggles_read(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        aid = screen.current_id()
        await pilot.press("a")
        await pilot.pause()
        assert screen.rows[aid].state.status == "archived"
        assert str(screen.query_one(ArticleTable).get_row(aid)[-1]) == "archived"
        await pilot.press("a")
        assert screen.rows[aid].state.status == "read"
        await pilot.press("m")
        assert screen.rows[aid].state.status == "unread"
        await pilot.press("m")
        assert screen.rows[aid].state.status == "read"
        # with a status filter on, the row leaves the table when it stops matching
        screen.set_filter("is:read")
        assert screen._visible == [aid]
        await pilot.press("m")
        await pilot.pause()
        assert screen._visible == []
    with store_of(library_root) as fresh:
        assert fresh.article_state(aid).status == "unread"


async def test_t_adds_tags_and_sidebar_counts(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        aid = screen.current_id()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TagEditor)
        await pilot.press(*"Policy, japan", "enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.rows[aid].tags == ["policy", "japan"]
        sidebar = screen.query_one(TagSidebar)
        labels = {o.id: o.prompt.plain for o in sidebar._options if o.id}
        assert labels["tag:policy"].split()[-1] == "1"
        assert labels["tag:japan"].split()[-1] == "1"
        # a second article with the same tag: the count goes to 2
        await pilot.press("j", "t")
        await pilot.pause()
        await pilot.press(*"policy", "enter")
        await pilot.pause()
        labels = {o.id: o.prompt.plain for o in sidebar._options if o.id}
        assert labels["tag:policy"].split()[-1] == "2"
        # removing a tag through the editor
        await pilot.press("t")
        await pilot.pause()
        box = pilot.app.screen.query_one(Input)
        box.value = ""
        await pilot.press("enter")
        await pilot.pause()
        labels = {o.id: o.prompt.plain for o in sidebar._options if o.id}
        assert labels["tag:policy"].split()[-1] == "1"
    with store_of(library_root) as fresh:
        assert fresh.article_state(aid).tags == ("policy", "japan")


async def test_tags_from_the_article_file(library_root: Path) -> None:
    (library_root / "seeds" / "zz_tagged.md").write_text(
        '---\ntitle: "Tagged"\ntags: [AI, Policy]\n---\n\nBody.\n', encoding="utf-8"
    )
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        screen.select_article("zz_tagged")
        assert screen.rows["zz_tagged"].tags == ["AI", "Policy"]
        await pilot.press("t")
        await pilot.pause()
        box = pilot.app.screen.query_one(Input)
        assert box.value == "AI, Policy, "
        # typing a file tag in another case adds nothing; removing one is refused
        box.value = "ai, energy"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.rows["zz_tagged"].state.tags == ("energy",)
        assert screen.rows["zz_tagged"].tags == ["AI", "Policy", "energy"]
        messages = [str(n.message) for n in pilot.app._notifications]
        assert any("stay: Policy" in m for m in messages)
        screen.set_filter("tag:policy")
        assert screen._visible == ["zz_tagged"]


async def test_n_adds_an_article_note(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        aid = screen.current_id()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, NoteEditor)
        await pilot.press(*"Worth a call", "ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.rows[aid].notes == 1
        assert str(screen.query_one(ArticleTable).get_row(aid)[5]) == "1"
    raw = (library_root / "annotations" / "annotations.json").read_text(encoding="utf-8")
    assert "Worth a call" in raw
    with store_of(library_root) as fresh:
        notes = fresh.notes(aid)
        assert [(n.body, n.anchor) for n in notes] == [("Worth a call", None)]


async def test_escape_in_note_editor_saves_nothing(library_root: Path) -> None:
    path = library_root / "annotations" / "annotations.json"
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        before = path.read_bytes() if path.exists() else b""
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"not this", "escape")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert all(row.notes == 0 for row in screen.rows.values())
        after = path.read_bytes() if path.exists() else b""
        assert after == before
    with store_of(library_root) as fresh:
        assert fresh.notes() == []


async def test_u_undoes_the_last_change(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        aid = screen.current_id()
        await pilot.press("s")
        assert screen.rows[aid].state.starred
        await pilot.press("u")
        await pilot.pause()
        assert not screen.rows[aid].state.starred
        messages = [str(n.message) for n in pilot.app._notifications]
        assert any("star" in m.lower() for m in messages)
        # the message names the article by its title, not its id
        title = screen.rows[aid].title[:20]
        assert any(title in m and aid not in m for m in messages), messages
    with store_of(library_root) as fresh:
        assert not fresh.article_state(aid).starred


async def test_review_and_export_say_coming_soon(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("r", "e")
        await pilot.pause()
        messages = [str(n.message) for n in pilot.app._notifications]
        assert any("coming soon" in m for m in messages)
        assert len(messages) == 2


# --- help and palette ------------------------------------------------------------------


async def test_help_lists_the_bindings(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        text = "\n".join(static_text(w) for w in help_screen.query(Static))
        # every binding of the screen, the table and the app, with ids for keymaps
        for binding in (*LibraryScreen.BINDINGS, *BriefingApp.BINDINGS):
            assert binding.description in text
            assert binding.id in text
        assert "library.open" in text and "Open" in text
        assert "^p" in text  # the command palette
        assert "tag:NAME" in text and "is:unread" in text
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen


async def test_help_follows_a_keymap(library_root: Path) -> None:
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.set_keymap({"library.star": "f"})
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        line = next(
            line
            for w in help_screen.query(Static)
            for line in static_text(w).splitlines()
            if "library.star" in line
        )
        assert line.split()[0] == "f"
        await pilot.press("escape", "f")
        await pilot.pause()
        assert any(row.state.starred for row in app.screen.rows.values())


async def test_keymap_file_remaps_keys(library_root: Path, no_user_keymap: Path) -> None:
    no_user_keymap.write_text("library.star: f\napp.help: [h, f1]\n", encoding="utf-8")
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert any(row.state.starred for row in screen.rows.values())
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_bad_keymap_file_is_reported(library_root: Path, no_user_keymap: Path) -> None:
    no_user_keymap.write_text("- not\n- a mapping\n", encoding="utf-8")
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert any("keymap" in str(n.message) for n in app._notifications)
        await pilot.press("s")  # the default keys still work
        await pilot.pause()
        assert any(row.state.starred for row in app.screen.rows.values())


async def test_palette_commands_open_and_filter(library_root: Path) -> None:
    expected = titles(library_root)
    ids = sorted(expected)
    with store_of(library_root) as store:
        store.add_tag(ids[2], "policy")
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        provider = BriefingCommands(screen)
        hits = [hit async for hit in provider.search("policy")]
        by_text = {hit.text: hit for hit in hits}
        assert "Filter by tag: policy" in by_text
        by_text["Filter by tag: policy"].command()
        await pilot.pause()
        assert screen._visible == [ids[2]]
        discovered = [hit.text async for hit in provider.discover()]
        assert f"Open: {expected[ids[1]]}" in discovered
        # the palette itself opens and runs a command
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"show all articles")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert len(screen._visible) == 4


async def test_palette_opens_another_article_from_the_reader(library_root: Path) -> None:
    expected = titles(library_root)
    ids = sorted(expected)
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        reader = app.screen
        assert type(reader).__name__ == "ReaderScreen"
        provider = BriefingCommands(reader)
        hits = {hit.text: hit async for hit in provider.discover()}
        hits[f"Open: {expected[ids[2]]}"].command()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "ReaderScreen" and app.screen is not reader
        assert app.screen_stack[-2] is screen and len(app.screen_stack) == 3
        assert screen.current_id() == ids[2]
        # and back to the library
        provider = BriefingCommands(app.screen)
        hits = {hit.text: hit async for hit in provider.discover()}
        hits["Back to the library"].command()
        await pilot.pause()
        assert app.screen is screen


# --- untrusted text ------------------------------------------------------------------


@pytest.fixture
def evil_library(library_root: Path) -> Path:
    """The samples plus an article whose title is markup and a terminal escape."""
    (library_root / "seeds" / "zz_evil.txt").write_text(
        EVIL_TITLE + "\n\nThe body says [link=https://x.test]click[/link] and [/foo].\n",
        encoding="utf-8",
    )
    with store_of(library_root) as store:
        store.add_tag("zz_evil", "[red]tag[/]")
    return library_root


async def test_markup_in_titles_is_shown_literally(evil_library: Path) -> None:
    meta = {m.id: m for m in Library(evil_library).list()}["zz_evil"]
    assert meta.title.startswith("[bold]x[/]")
    app = make_app(evil_library)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one(ArticleTable)
        cell = table.get_row("zz_evil")[1]
        assert cell.plain == "[bold]x[/] [@click=app.quit]q[/] \ufffd[31mred"
        text = table_text(screen)
        assert "[bold]x[/] [@click=app.quit]q[/]" in text
        assert "\x1b" not in text
        assert "[red]tag[/]" in text
        # the sidebar shows the tag literally too
        sidebar = screen.query_one(TagSidebar)
        assert any(o.prompt.plain.startswith("#[red]tag") for o in sidebar._options if o.id)
        assert "tag:[red]tag[/]" in [o.id for o in sidebar._options]
        # clicking the title runs no action; clicking the highlighted row opens the reader
        screen.select_article("zz_evil")
        row = screen._visible.index("zz_evil")
        await pilot.pause()
        await pilot.click(ArticleTable, offset=(8, row + 1))  # highlights the cell
        await pilot.pause()
        assert app.screen is screen
        await pilot.click(ArticleTable, offset=(8, row + 1))  # a second click opens
        for _ in range(3):
            await pilot.pause()
        assert app.return_code is None and app.is_running
        assert type(app.screen).__name__ == "ReaderScreen"
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await loaded(pilot)
        assert app.screen is screen and screen.current_id() == "zz_evil"
        # the dialogs, the palette and the filter take it literally too
        await pilot.press("n")
        await pilot.pause()
        title = pilot.app.screen.query_one(".dialog-title", Static)
        assert "[@click=app.quit]q[/]" in static_text(title)
        await pilot.press("escape", "t")
        await pilot.pause()
        await pilot.press("escape")
        provider = BriefingCommands(screen)
        hits = [hit async for hit in provider.search("click")]
        assert any("[@click=app.quit]" in hit.match_display.plain for hit in hits)
        await pilot.press("slash", *"[@click=app.quit]", "enter")
        await pilot.pause()
        assert screen._visible == ["zz_evil"]
        await pilot.press("question_mark", "escape")
        await pilot.pause()
        assert app.return_code is None and app.is_running


# --- damaged annotations -----------------------------------------------------------------


async def test_damaged_annotations_file_is_reported_not_replaced(library_root: Path) -> None:
    path = library_root / "annotations" / "annotations.json"
    garbage = b'{"meta": {"1": {"schema_version": 1}}, "notes": {"1": {"body": "half a no'
    path.write_bytes(garbage)
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ErrorDialog)
        text = "\n".join(static_text(w) for w in dialog.query(Static))
        assert str(path) in text
        assert "damaged" in text.lower()
        assert path.read_bytes() == garbage
        # browse read-only: the library lists, writes are refused
        await pilot.click("#choice-read-only")
        screen = await loaded(pilot)
        assert app.read_only
        assert len(screen.rows) == 4
        await pilot.press("s", "t", "n")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert not any(row.state.starred for row in screen.rows.values())
        assert "READ-ONLY" in static_text(screen.query_one("#status", Static))
    assert path.read_bytes() == garbage


async def test_damaged_file_quit_leaves_it(library_root: Path) -> None:
    path = library_root / "annotations" / "annotations.json"
    path.write_bytes(b"\x00\x01 not json")
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        await pilot.press("escape")  # the last choice: quit
        await pilot.pause()
    assert app.return_code == 1
    assert path.read_bytes() == b"\x00\x01 not json"


async def test_damaged_file_restore_backup(library_root: Path) -> None:
    path = library_root / "annotations" / "annotations.json"
    ids = sorted(titles(library_root))
    # make some history so the store keeps a backup, then damage the file
    with store_of(library_root) as store:
        store.set_starred(ids[0], True)
        store.compact()
        store.set_starred(ids[1], True)
        store.compact()
    from tui import store as store_module

    if not store_module.backups(path):
        pytest.skip("the store keeps no backup after compaction")
    path.write_bytes(b"{broken")
    app = make_app(library_root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        await pilot.click("#choice-restore")
        screen = await loaded(pilot)
        assert not app.read_only
        assert any(row.state.starred for row in screen.rows.values())
    assert json.loads(path.read_text(encoding="utf-8"))
    assert any(p.name.startswith("annotations.json.replaced") for p in path.parent.iterdir())


async def test_filter_line_suggests_tags_and_statuses(library_root: Path) -> None:
    ids = sorted(titles(library_root))
    with store_of(library_root) as store:
        store.add_tag(ids[0], "policy")
        store.add_tag(ids[1], "asia/japan")
    async with make_app(library_root).run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("slash", *"tag:pol")
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion
        await pilot.pause()
        box = screen.query_one("#filter", Input)
        assert box.value == "tag:policy"
        assert screen._visible == [ids[0]]
        box.value = ""
        await pilot.press(*"-is:st")
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        assert box.value == "-is:starred"
        # a tag matches its nested tags
        screen.set_filter("tag:asia")
        assert screen._visible == [ids[1]]
