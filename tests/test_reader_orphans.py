"""Pilot tests: re-attach an orphaned note (``a``) or keep it as an article note (``A``)."""

from __future__ import annotations

from pathlib import Path

from test_reader import ID, open_reader, style_at, wait_idle

from tui.app import make_app
from tui.library import Library
from tui.model import make_anchor
from tui.screens.help import collect_bindings
from tui.screens.reader import ReaderScreen
from tui.store import Store
from tui.widgets.panels import NotesPanel

GONE = (
    "Fujitsu will deploy its Forward Deployed Engineers (FDEs) to adapt GPT-5 for unique "
    "Japanese business processes and regulatory requirements, while employees internally "
    "adopt ChatGPT Enterprise and Codex to revamp workflows."
)


def fresh_store(root: Path) -> Store:
    return Store(root / "annotations" / "annotations.json")


def orphan_a_note(root: Path, body: str) -> str:
    """A note on a sentence, then that sentence is edited away on disk; returns its id."""
    text = Library(root).load(ID).text
    start = text.index(GONE)
    with fresh_store(root) as store:
        note = store.add_note(ID, body, anchor=make_anchor(text, start, start + len(GONE)))
    path = root / "seeds" / f"{ID}.txt"
    source = path.read_text(encoding="utf-8")
    assert GONE in source
    path.write_text(source.replace(GONE, "The terms were not disclosed."), encoding="utf-8")
    return note.id


def prompts(panel: NotesPanel) -> list[str]:
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]


def group_of(panel: NotesPanel, needle: str) -> str:
    """The heading of the panel group the option containing ``needle`` is listed under."""
    heading = ""
    for i in range(panel.option_count):
        option = panel.get_option_at_index(i)
        text = str(option.prompt)
        if option.disabled:
            heading = text
        elif needle in text:
            return heading
    raise AssertionError(f"{needle!r} is not in the notes panel")


async def focus_notes(pilot, screen: ReaderScreen, note_id: str) -> NotesPanel:
    """Open the Notes tab, focus it (``f``) and highlight the note."""
    panel = screen.query_one(NotesPanel)
    while screen.query_one("#side").active != "tab-notes":
        await pilot.press("p")
    await pilot.press("f")
    assert panel.has_focus
    panel.highlighted = panel.get_option_index(note_id)
    await pilot.pause()
    return panel


def messages(pilot) -> list[str]:
    return [str(n.message) for n in pilot.app._notifications]


async def test_reattach_orphan_to_cursor_sentence_then_undo(library_root: Path) -> None:
    note_id = orphan_a_note(library_root, "check the FDE count")
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        panel = screen.query_one(NotesPanel)
        assert group_of(panel, "check the FDE count").startswith("Orphaned · 1")
        assert next(n for n in screen.notes if n.id == note_id).orphaned
        # The cursor on a sentence in the article, then the panel, the orphan, `a`.
        for _ in range(4):
            await pilot.press("j")
        start, end = screen.view.cursor
        sentence = screen.article.text[start:end]
        assert len(sentence) > 10
        panel = await focus_notes(pilot, screen, note_id)
        # The footer shows the new keys while the notes panel has focus.
        active = {b.binding.id for b in screen.active_bindings.values()}
        assert {"notes.reattach", "notes.keep_article"} <= active
        helped = {bid for _, entries in collect_bindings(screen) for _, _, bid in entries}
        assert {"notes.reattach", "notes.keep_article"} <= helped  # and in the help screen
        await pilot.press("a")
        await wait_idle(pilot)
        note = next(n for n in screen.notes if n.id == note_id)
        assert not note.orphaned and note.anchor is not None
        assert (note.anchor.start, note.anchor.end) == (start, end)
        assert group_of(panel, "check the FDE count").startswith("In the text")
        assert not any(p.startswith("Orphaned") for p in prompts(panel))
        assert panel.highlighted == panel.get_option_index(note_id)  # still the same note
        assert style_at(screen.view, start + 2).underline  # drawn in the text like others
        assert any("re-attached" in m and "check the FDE count" in m for m in messages(pilot))
        with fresh_store(library_root) as store:
            saved = store.get_note(note_id)
            assert not saved.orphaned and saved.anchor is not None
            assert saved.anchor.exact == sentence
        # `u` (from the panel) undoes it: orphaned again, on disk and in the panel.
        await pilot.press("u")
        await wait_idle(pilot)
        assert next(n for n in screen.notes if n.id == note_id).orphaned
        assert group_of(panel, "check the FDE count").startswith("Orphaned · 1")
    with fresh_store(library_root) as store:
        saved = store.get_note(note_id)
        assert saved.orphaned and saved.anchor is not None and saved.anchor.exact == GONE


async def test_reattach_to_a_v_selection(library_root: Path) -> None:
    note_id = orphan_a_note(library_root, "two sentences")
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("j", "j", "v", "j")  # select two sentences
        selection = screen.view.selection()
        assert selection is not None
        await focus_notes(pilot, screen, note_id)
        await pilot.press("a")
        await wait_idle(pilot)
        assert screen.view.selection_anchor is None  # the selection is used up
        note = next(n for n in screen.notes if n.id == note_id)
        assert note.anchor is not None and (note.anchor.start, note.anchor.end) == selection
    with fresh_store(library_root) as store:
        saved = store.get_note(note_id)
        assert not saved.orphaned
        assert saved.anchor is not None
        assert saved.anchor.exact == screen.article.text[selection[0] : selection[1]]


async def test_keep_orphan_as_article_note(library_root: Path) -> None:
    note_id = orphan_a_note(library_root, "keep me anyway")
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        panel = await focus_notes(pilot, screen, note_id)
        assert group_of(panel, "keep me anyway").startswith("Orphaned")
        await pilot.press("A")
        await wait_idle(pilot)
        note = next(n for n in screen.notes if n.id == note_id)
        assert note.anchor is None and not note.orphaned
        assert group_of(panel, "keep me anyway").startswith("On the article · 1")
        assert any("kept as a note on the article" in m for m in messages(pilot))
        # `A` again: already an article note, nothing written.
        await pilot.press("A")
        await wait_idle(pilot)
        assert any("already a note on the whole article" in m for m in messages(pilot))
    with fresh_store(library_root) as store:
        saved = store.get_note(note_id)
        assert saved.anchor is None and not saved.orphaned
        assert saved.body == "keep me anyway"


async def test_reattach_moves_an_anchored_note_too(library_root: Path) -> None:
    text = Library(library_root).load(ID).text
    start = text.index(GONE)
    with fresh_store(library_root) as store:
        note_id = store.add_note(
            ID, "moving", anchor=make_anchor(text, start, start + len(GONE))
        ).id
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("j")
        target = screen.view.cursor
        assert target[0] != start
        await focus_notes(pilot, screen, note_id)
        await pilot.press("a")
        await wait_idle(pilot)
        note = next(n for n in screen.notes if n.id == note_id)
        assert note.anchor is not None and (note.anchor.start, note.anchor.end) == target
        # Pressing `a` again on the same sentence does not write a second step.
        await pilot.press("a")
        await wait_idle(pilot)
        assert any("already attached there" in m for m in messages(pilot))
        await pilot.press("u")
        await wait_idle(pilot)
        note = next(n for n in screen.notes if n.id == note_id)
        assert note.anchor is not None and note.anchor.start == start


async def test_read_only_does_not_reattach(library_root: Path) -> None:
    note_id = orphan_a_note(library_root, "read only")
    async with make_app(library_root, read_only=True).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        await focus_notes(pilot, screen, note_id)
        await pilot.press("a", "A")
        await wait_idle(pilot)
        assert next(n for n in screen.notes if n.id == note_id).orphaned
        assert any("Read-only" in m for m in messages(pilot))
    with fresh_store(library_root) as store:  # untouched (read-only does not even re-anchor)
        saved = store.get_note(note_id)
        assert saved.anchor is not None and saved.anchor.exact == GONE
        assert saved.updated == saved.created


async def test_orphan_with_markup_is_shown_literally(library_root: Path) -> None:
    body = "[bold]x[/] [@click=app.quit]q[/]"
    note_id = orphan_a_note(library_root, body)
    async with make_app(library_root).run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot)
        panel = screen.query_one(NotesPanel)
        assert group_of(panel, body).startswith("Orphaned")
        await pilot.press("j", "j")
        await focus_notes(pilot, screen, note_id)
        await pilot.press("a")
        await wait_idle(pilot)
        notes = [n for n in pilot.app._notifications if body in str(n.message)]
        assert notes and all(not n.markup for n in notes)
        assert group_of(panel, body).startswith("In the text")
        assert pilot.app.is_running and isinstance(pilot.app.screen, ReaderScreen)
