"""Pilot tests of the reader screen: layout, styles, cursor, notes, tags, star, safety."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style

from tui.app import make_app
from tui.model import Anchor
from tui.screens.reader import ReaderScreen
from tui.store import Store
from tui.widgets.article_view import ArticleView, split_sentences
from tui.widgets.panels import EntitiesPanel, Legend, NotesPanel

ID = "000_ce59ded0c8c26f99"


async def wait_idle(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_reader(pilot, article_id: str = ID) -> ReaderScreen:
    app = pilot.app
    await pilot.pause()
    screen = ReaderScreen(article_id)
    await app.push_screen(screen)
    for _ in range(200):
        await wait_idle(pilot)
        if screen.article is not None and not screen.view.loading:
            break
    assert screen.article is not None, "the article did not load"
    return screen


def style_at(view: ArticleView, offset: int) -> Style:
    """The combined style of the base text (highlights, notes) at an article offset."""
    block = view.view_at(offset)
    assert block is not None
    return block.base.get_style_at_offset(view.app.console, offset - block.start)


def rendered_plain(view: ArticleView) -> str:
    return "\n".join(block.base.plain for block in view.views)


def fresh_store(root: Path) -> Store:
    return Store(root / "annotations" / "annotations.json")


async def test_title_and_entity_styles(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        view = screen.view
        article = screen.article
        assert "Fujitsu partners with OpenAI" in rendered_plain(view)
        assert screen.query_one("#side").display
        for needle, label in (("Fujitsu", "ORG"), ("OpenAI", "ORG"), ("$5.2 billion", "MONEY")):
            offset = article.text.index(needle, article.body_start())
            spans = [s for s in screen.spans if s.start == offset]
            assert spans and spans[0].label == label, needle
            expected = view.label_style(label)
            assert expected.color is not None or expected.bold or expected.underline
            got = style_at(view, offset + 1)
            assert got.color == expected.color, (needle, got, expected)
            # Plain words are not coloured like entities.
        plain_offset = article.text.index("partnership promises")
        assert style_at(view, plain_offset).color != view.label_style("ORG").color
        # The rendered visual (what Textual paints) carries the colour too.
        block = view.view_at(article.text.index("OpenAI"))
        assert any(
            s.style
            for s in block.visual._spans  # type: ignore[attr-defined]
        )
        # The legend lists only labels present, the entities panel groups them.
        legend = screen.query_one(Legend).visual
        legend_text = str(legend)
        assert "ORG" in legend_text and "MONEY" in legend_text
        assert "LAW" not in legend_text or any(s.label == "LAW" for s in screen.spans)
        entities = screen.query_one(EntitiesPanel)
        prompts = [
            str(entities.get_option_at_index(i).prompt) for i in range(entities.option_count)
        ]
        assert any("Fujitsu" in p for p in prompts)


async def test_cursor_moves_and_tab_goes_to_next_highlight(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        view = screen.view
        first = view.cursor
        await pilot.press("j")
        assert view.cursor[0] > first[0] and view.cursor_kind == "sentence"
        await pilot.press("k")
        assert view.cursor == first
        await pilot.press("down")  # arrows move the cursor too (not just scroll)
        assert view.cursor[0] > first[0]
        await pilot.press("up")
        assert view.cursor == first
        await pilot.press("tab")
        assert view.cursor_kind == "span"
        span = view.cursor_span()
        assert span is not None and span.start >= first[0]
        assert span == min((s for s in screen.spans if s.start >= first[0]), key=lambda s: s.start)
        await pilot.press("tab")
        nxt = view.cursor_span()
        assert nxt is not None and nxt.start > span.start
        await pilot.press("shift+tab")
        assert view.cursor_span() == span
        # The cursor is drawn: the block's rendered text has the cursor style on it.
        block = view.view_at(span.start)
        cursor_style = view.styles_for_labels()["article-view--cursor"]
        assert any(s.style == cursor_style for s in block.content._spans)  # type: ignore[attr-defined]
        # Paragraph moves and the end of the article.
        await pilot.press("J")
        para = view.cursor
        assert para[0] > span.start
        await pilot.press("G")
        assert view.cursor == (view.units[-1].start, view.units[-1].end)
        assert view.scroll_y > 0  # the cursor was scrolled into view


async def test_note_on_sentence_saved_to_disk(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        view = screen.view
        for _ in range(4):
            await pilot.press("j")
        start, end = view.cursor
        sentence = screen.article.text[start:end]
        assert sentence.strip() == sentence and len(sentence) > 10
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Worth checking")
        await pilot.press("ctrl+s")
        await wait_idle(pilot)
        assert isinstance(pilot.app.screen, ReaderScreen)
        # Shown at once in the view (underlined) and the notes panel.
        assert any(n.body == "Worth checking" for n in screen.notes)
        note_style = view.styles_for_labels()["article-view--note"]
        assert note_style.underline
        assert style_at(view, start + 1).underline
        panel = screen.query_one(NotesPanel)
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert any("Worth checking" in p for p in prompts)
    with fresh_store(library_root) as store:
        notes = store.notes(ID)
        assert len(notes) == 1
        assert notes[0].body == "Worth checking"
        assert notes[0].kind == "note"
        assert notes[0].anchor is not None
        assert notes[0].anchor.exact == sentence
        assert (notes[0].anchor.start, notes[0].anchor.end) == (start, end)


async def test_escape_in_note_editor_saves_nothing(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"never mind")
        await pilot.press("escape")
        await wait_idle(pilot)
        assert pilot.app.screen is screen
        assert screen.notes == []
    with fresh_store(library_root) as store:
        assert store.notes(ID) == []


async def test_selection_highlight_and_article_note(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        view = screen.view
        await pilot.press("j", "j")
        a = view.cursor
        await pilot.press("v", "j", "j")
        sel = view.selection()
        assert sel is not None and sel[0] == a[0] and sel[1] == view.cursor[1]
        await pilot.press("h")
        await wait_idle(pilot)
        assert view.selection() is None
        await pilot.press("N")
        await pilot.pause()
        await pilot.press(*"Whole piece")
        await pilot.press("ctrl+s")
        await wait_idle(pilot)
    with fresh_store(library_root) as store:
        notes = {n.kind: n for n in store.notes(ID)}
        assert notes["highlight"].anchor.exact == screen.article.text[sel[0] : sel[1]]
        assert notes["note"].anchor is None and notes["note"].body == "Whole piece"


async def test_esc_cancels_selection_then_leaves_and_saves_position(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        view = screen.view
        for _ in range(6):
            await pilot.press("j")
        position = view.cursor[0]
        await pilot.press("v")
        await pilot.press("escape")
        assert view.selection() is None and pilot.app.screen is screen
        await pilot.press("escape")
        await wait_idle(pilot)
        assert not isinstance(pilot.app.screen, ReaderScreen)
        assert pilot.app.store.article_state(ID).position == position
        assert pilot.app.store.article_state(ID).status == "read"
        again = await open_reader(pilot)
        assert again.view.cursor[0] == position


async def test_tags_and_star(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("s")
        await wait_idle(pilot)
        assert screen.state.starred
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"policy japan")
        await pilot.press("enter")
        await wait_idle(pilot)
        assert set(screen.state.tags) == {"policy", "japan"}
        status = str(screen.query_one("#reader-status").visual)
        assert "#policy" in status and "starred" in status
    with fresh_store(library_root) as store:
        state = store.article_state(ID)
        assert state.starred and set(state.tags) == {"policy", "japan"}


async def test_untrusted_markup_is_shown_literally(library_root: Path) -> None:
    evil = "evil_markup"
    body = (
        "Markup test title [bold]x[/]\n\n"
        "This has [bold]x[/] [@click=app.quit]q[/] [link=x] and an ESC\x1b[31m char. "
        "Fujitsu is here too.\n"
    )
    (library_root / "seeds" / f"{evil}.txt").write_text(body, encoding="utf-8")
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot, evil)
        plain = rendered_plain(screen.view)
        assert "[bold]x[/] [@click=app.quit]q[/] [link=x]" in plain
        assert "\x1b" not in plain and "\ufffd[31m" in plain
        # A note whose body holds markup and a control char.
        await pilot.press("j")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"[red]note[/] [@click=app.quit]boom[/]")
        await pilot.press("ctrl+s")
        await wait_idle(pilot)
        panel = screen.query_one(NotesPanel)
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert any("[red]note[/] [@click=app.quit]boom[/]" in p for p in prompts)
        # Clicking around and moving does not quit the app.
        await pilot.click(ArticleView)
        await pilot.press("j", "k", "tab")
        await wait_idle(pilot)
        assert pilot.app.is_running
        assert isinstance(pilot.app.screen, ReaderScreen)


async def test_chrome_toggle_and_panel_cycle(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        view = screen.view
        assert view.show_chrome
        await pilot.press("c")
        assert not view.show_chrome and view.has_class("-hide-chrome")
        await pilot.press("c")
        assert view.show_chrome
        side = screen.query_one("#side")
        seen = []
        for _ in range(4):
            await pilot.press("p")
            await pilot.pause()
            seen.append(None if side.has_class("-hidden") else side.active)
        assert seen == ["tab-figures", "tab-notes", None, "tab-entities"]


async def test_entity_panel_jumps_to_mentions(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        view = screen.view
        await pilot.press("f")
        panel = screen.query_one(EntitiesPanel)
        assert panel.has_focus
        ids = [panel.get_option_at_index(i).id for i in range(panel.option_count)]
        target = next(i for i, oid in enumerate(ids) if oid and oid.endswith("OpenAI"))
        panel.highlighted = target
        await pilot.press("enter")
        first = view.cursor_span()
        assert first is not None and first.text == "OpenAI"
        await pilot.press("enter")
        second = view.cursor_span()
        assert second is not None and second.text == "OpenAI" and second.start > first.start
        await pilot.press("escape")
        assert view.has_focus


def test_split_sentences_keeps_abbreviations() -> None:
    text = "Dr. Hiroshi Naito warns. The U.S. Army has 38,600 troops. Is it? Yes."
    parts = [text[s:e] for s, e in split_sentences(text, 0)]
    assert parts == [
        "Dr. Hiroshi Naito warns.",
        "The U.S. Army has 38,600 troops.",
        "Is it?",
        "Yes.",
    ]


def test_opening_reanchors_moved_quote_or_orphans(tmp_path: Path) -> None:
    """What the reader shows on opening: the store finds a moved quote, or orphans the note."""
    text = "Intro added. The quote is here."
    with Store(tmp_path / "a.json") as store:
        moved = store.add_note("x", "m", anchor=Anchor("The quote", "", "", 0, 9))
        gone = store.add_note("x", "g", anchor=Anchor("Missing words", "", "", 0, 13))
        out = {n.id: n for n in store.reanchor("x", text, "fingerprint-after-edit")}
    assert out[moved.id].anchor.start == text.index("The quote") and not out[moved.id].orphaned
    assert out[gone.id].orphaned


async def test_mouse_selection_is_used_for_notes(library_root: Path) -> None:
    from textual.geometry import Offset
    from textual.selection import Selection

    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        view = screen.view
        text = screen.article.text
        start = text.index("Forward Deployed Engineers")
        block = view.view_at(start)
        a = start - block.start
        b = a + len("Forward Deployed Engineers")
        screen.selections = {block: Selection(Offset(a, 0), Offset(b, 0))}
        await pilot.pause()
        assert view.mouse_range() == (start, start + len("Forward Deployed Engineers"))
        await pilot.press("h")
        await wait_idle(pilot)
        assert not screen.selections
    with fresh_store(library_root) as store:
        [note] = store.notes(ID)
        assert note.kind == "highlight" and note.anchor.exact == "Forward Deployed Engineers"


async def test_entities_panel_lists_other_articles(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        await wait_idle(pilot)
        others = screen.mentions.get(("ORG", "OpenAI"), [])
        assert others and all(aid != ID for aid, _title, _count in others)
        panel = screen.query_one(EntitiesPanel)
        await pilot.press("f")
        ids = [panel.get_option_at_index(i).id for i in range(panel.option_count)]
        panel.highlighted = next(i for i, oid in enumerate(ids) if oid and oid.endswith("OpenAI"))
        await pilot.pause()
        detail = str(screen.query_one("#entity-detail").visual)
        assert f"Also in {len(others)} other article" in detail


async def test_theme_switch_restyles_highlights(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        offset = screen.article.text.index("OpenAI")
        before = style_at(screen.view, offset).color
        pilot.app.theme = "textual-light" if pilot.app.theme != "textual-light" else "nord"
        await pilot.pause()
        await pilot.pause()
        after = style_at(screen.view, offset).color
        assert after is not None and after != before
        assert after == screen.view.label_style("ORG").color


async def test_quitting_from_the_reader_saves_position(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("j", "j", "j", "j")
        position = screen.view.cursor[0]
        await pilot.press("q")
        await pilot.pause()
    with fresh_store(library_root) as store:
        assert store.article_state(ID).position == position


async def test_notes_panel_orphans_edit_and_delete(library_root: Path) -> None:
    from tui.library import Library
    from tui.model import make_anchor

    text = Library(library_root).load(ID).text
    start = text.index("Fujitsu will deploy")
    with fresh_store(library_root) as store:
        kept = store.add_note(ID, "kept [b]x[/b]", anchor=make_anchor(text, start, start + 19))
        store.add_note(ID, "lost", anchor=Anchor("A passage that was edited away", "", "", 5, 35))
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        panel = screen.query_one(NotesPanel)
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        joined = "\n".join(prompts)
        assert "Orphaned" in joined and "lost" in joined and "kept [b]x[/b]" in joined
        orphan_header = next(i for i, p in enumerate(prompts) if p.startswith("Orphaned"))
        assert any("kept" in p for p in prompts[:orphan_header])
        assert any("lost" in p for p in prompts[orphan_header:])
        # The kept note is drawn in the text; enter in the panel jumps to it.
        assert style_at(screen.view, start + 2).underline
        await pilot.press("p", "p", "f")  # entities -> figures -> notes; focus it
        assert panel.has_focus
        panel.highlighted = next(i for i, p in enumerate(prompts) if "kept" in p)
        await pilot.press("enter")
        assert screen.view.cursor == (start, start + 19)
        # m edits the note's body.
        await pilot.press("f", "f")  # back to the article and into the panel again
        panel.highlighted = next(i for i, p in enumerate(prompts) if "kept" in p)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*" more")
        await pilot.press("ctrl+s")
        await wait_idle(pilot)
        assert any(n.body == "kept [b]x[/b] more" for n in screen.notes)
        # d deletes after a confirmation; then u brings it back.
        panel.focus()
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        panel.highlighted = next(i for i, p in enumerate(prompts) if "lost" in p)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await wait_idle(pilot)
        assert not any(n.body == "lost" for n in screen.notes)
        screen.view.focus()
        await pilot.press("u")
        await wait_idle(pilot)
        assert any(n.body == "lost" and n.orphaned for n in screen.notes)
    with fresh_store(library_root) as store:
        bodies = sorted(n.body for n in store.notes(ID))
        assert bodies == ["kept [b]x[/b] more", "lost"]
        assert store.get_note(kept.id).body == "kept [b]x[/b] more"


async def test_cursor_stays_in_view_on_a_long_article(library_root: Path) -> None:
    seeds = sorted((library_root / "seeds").glob("*.txt"))
    bodies = [p.read_text(encoding="utf-8") for p in seeds]
    (library_root / "seeds" / "long.txt").write_text(
        "A long article\n\n" + "\n\n".join(bodies * 2), encoding="utf-8"
    )

    def cursor_visible(screen: ReaderScreen) -> bool:
        view = screen.view
        block = view.view_at(view.cursor[0])
        return block is not None and view.region.overlaps(block.region)

    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot, "long")
        for _ in range(3):
            for _ in range(12):
                await pilot.press("J")
            await pilot.pause()
            assert cursor_visible(screen)
        await pilot.press("p", "p", "p")  # hide the side panel: the article re-wraps wider
        await pilot.pause()
        for _ in range(15):
            await pilot.press("j")
        await pilot.pause()
        assert cursor_visible(screen)
        before = screen.view.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        assert screen.view.scroll_y > before and cursor_visible(screen)
        await pilot.press("G")
        await pilot.pause()
        assert cursor_visible(screen)
        await pilot.press("g")
        await pilot.pause()
        assert cursor_visible(screen) and screen.view.scroll_y == 0


async def test_leaving_after_dialogs_does_not_crash(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("j", "n")
        await pilot.pause()
        await pilot.press(*"x", "ctrl+s")
        await wait_idle(pilot)
        await pilot.press("s", "t")
        await pilot.pause()
        await pilot.press(*"a", "enter")
        await wait_idle(pilot)
        await pilot.press("p", "p")
        await pilot.pause()
        await pilot.press("escape")
        await wait_idle(pilot)
        await pilot.pause(0.2)
        assert pilot.app.is_running
        assert pilot.app.screen is not screen
        assert pilot.app.return_code is None


async def test_note_from_a_highlight_covers_its_sentence(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        view = screen.view
        for _ in range(4):
            await pilot.press("tab")
        span = view.cursor_span()
        unit = view.unit_at(span.start)
        await pilot.press("h")
        await wait_idle(pilot)
    with fresh_store(library_root) as store:
        [note] = store.notes(ID)
        assert note.anchor.exact == screen.article.text[unit.start : unit.end]
        assert span.text in note.anchor.exact and len(note.anchor.exact) > len(span.text)


async def test_note_bodies_show_inline_under_their_passage(library_root: Path) -> None:
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        view = screen.view
        await pilot.press("j", "j")
        block = view.view_at(view.cursor[0])
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Inline [b]body[/b]", "ctrl+s")
        await wait_idle(pilot)
        box = view._note_lines[block.index]
        assert "✎ Inline [b]body[/b]" in str(box.content)
        children = list(view.children)
        outer = block.parent if block.parent is not view else block
        assert children.index(box) == children.index(outer) + 1
        # An empty note is kept as a highlight and adds no line.
        await pilot.press("j", "j", "j", "n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_idle(pilot)
        assert [n.kind for n in screen.notes] == ["note", "highlight"]
        assert len(view._note_lines) == 1
        # Deleting the note removes its line.
        await pilot.press("u")
        await wait_idle(pilot)
        await pilot.press("u")
        await wait_idle(pilot)
        assert screen.notes == [] and view._note_lines == {}
        assert box not in view.children
