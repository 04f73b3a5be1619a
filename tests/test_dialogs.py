"""The modal dialogs on their own, in a bare host app."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static, TextArea

from tui.model import ENTITY_LABELS
from tui.screens.dialogs import (
    ConfirmDialog,
    ErrorDialog,
    LabelPicker,
    NoteEditor,
    TagEditor,
    TagSuggester,
    normalise_tag,
    parse_tags,
)

MISSING = object()


class Host(App[None]):
    """Pushes one dialog on mount and records what it dismisses with."""

    CSS_PATH = "../tui/app.tcss"

    def __init__(self, dialog: ModalScreen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.result: Any = MISSING

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self._done)

    def _done(self, result: Any) -> None:
        self.result = result


def plain(widget: Static) -> str:
    visual = widget.visual
    return visual.plain if isinstance(visual, Content) else str(visual)


# --- NoteEditor ------------------------------------------------------------------


async def test_note_editor_ctrl_s_saves_the_text() -> None:
    host = Host(NoteEditor("An article", body="first line"))
    async with host.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        area = host.screen.query_one(TextArea)
        assert area.has_focus
        await pilot.press("enter", *"second", "ctrl+s")
        await pilot.pause()
    assert host.result == "first line\nsecond"


async def test_note_editor_escape_cancels() -> None:
    host = Host(NoteEditor("An article"))
    async with host.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"draft", "escape")
        await pilot.pause()
    assert host.result is None


async def test_note_editor_shows_quote_and_title_literally() -> None:
    quote = "[bold]not bold[/] [@click=app.quit]x[/] \x1b[2J"
    host = Host(NoteEditor("[link=x]t[/link]", quote=quote))
    async with host.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = plain(host.screen.query_one("#note-quote", Static))
        assert shown == "[bold]not bold[/] [@click=app.quit]x[/] \ufffd[2J"
        title = plain(host.screen.query_one(".dialog-title", Static))
        assert "[link=x]t[/link]" in title
        await pilot.click("#note-quote")
        await pilot.pause()
        assert host.is_running


# --- TagEditor ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("Policy", "policy"),
        ("  #AI ", "ai"),
        ("semi conductors", "semi-conductors"),
        ("a\x1b[31mb", "a-31mb"),
        ("[red]x[/]", "red-x"),
        ("us/china", "us/china"),
        ("---", ""),
    ],
)
def test_normalise_tag(raw: str, tag: str) -> None:
    assert normalise_tag(raw) == tag


def test_parse_tags_splits_on_commas_and_spaces() -> None:
    assert parse_tags("Policy, japan  ai,,policy") == ["policy", "japan", "ai"]
    assert parse_tags("  ") == []


async def test_tag_suggester_completes_the_last_tag() -> None:
    suggester = TagSuggester(["policy", "japan", "Semiconductors"])
    assert await suggester.get_suggestion("pol") == "policy"
    assert await suggester.get_suggestion("japan, sem") == "japan, semiconductors"
    assert await suggester.get_suggestion("japan, ") is None
    assert await suggester.get_suggestion("policy") is None
    # a tag already typed is not suggested again
    assert await suggester.get_suggestion("japan, ja") is None


async def test_tag_editor_enter_saves_normalised_tags() -> None:
    host = Host(TagEditor(["policy"], suggestions=["japan", "policy"]))
    async with host.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        box = host.screen.query_one(Input)
        assert box.has_focus
        assert box.value == "policy, "
        await pilot.press(*"ja")
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion
        await pilot.press(*" Big Tech", "enter")
        await pilot.pause()
    assert host.result == ["policy", "japan", "big", "tech"]


async def test_tag_editor_escape_cancels() -> None:
    host = Host(TagEditor(["policy"]))
    async with host.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"more", "escape")
        await pilot.pause()
    assert host.result is None


async def test_tag_editor_empty_means_no_tags() -> None:
    host = Host(TagEditor(["policy", "ai"]))
    async with host.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        host.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
    assert host.result == []


# --- ConfirmDialog -------------------------------------------------------------------


@pytest.mark.parametrize(("keys", "answer"), [(["y"], True), (["n"], False), (["escape"], False)])
async def test_confirm_dialog_keys(keys: list[str], answer: bool) -> None:
    host = Host(ConfirmDialog("Delete the note?", yes="Delete", no="Keep"))
    async with host.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
    assert host.result is answer


async def test_confirm_dialog_buttons_and_safe_default() -> None:
    host = Host(ConfirmDialog("[b]Really?[/b]", yes="Delete", no="Keep"))
    async with host.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert plain(host.screen.query_one(".dialog-message", Static)) == "[b]Really?[/b]"
        # the focused button is the safe one: enter keeps
        await pilot.press("enter")
        await pilot.pause()
    assert host.result is False
    host = Host(ConfirmDialog("Really?", yes="Delete", no="Keep"))
    async with host.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
    assert host.result is True


# --- LabelPicker ------------------------------------------------------------------------


async def test_label_picker_starts_on_current_and_picks() -> None:
    host = Host(LabelPicker("GPE"))
    async with host.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        options = host.screen.query_one(OptionList)
        assert options.highlighted == ENTITY_LABELS.index("GPE")
        await pilot.press("j", "enter")
        await pilot.pause()
    assert host.result == ENTITY_LABELS[ENTITY_LABELS.index("GPE") + 1]


async def test_label_picker_escape_and_custom_labels() -> None:
    host = Host(LabelPicker(None, labels=("MONEY", "PERCENT")))
    async with host.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert host.screen.query_one(OptionList).option_count == 2
        await pilot.press("escape")
        await pilot.pause()
    assert host.result is None


# --- ErrorDialog ----------------------------------------------------------------------------


async def test_error_dialog_choices() -> None:
    dialog = ErrorDialog(
        "Broken",
        "line 1: [red]bad[/] json",
        path="/tmp/[x]/annotations.json",
        choices=[("read-only", "Open read-only"), ("quit", "Quit")],
    )
    host = Host(dialog)
    async with host.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        texts = [plain(w) for w in host.screen.query(Static)]
        assert "line 1: [red]bad[/] json" in texts
        assert "File: /tmp/[x]/annotations.json" in texts
        await pilot.press("enter")  # the first choice has focus
        await pilot.pause()
    assert host.result == "read-only"
    host = Host(ErrorDialog("Broken", "x", choices=[("a", "A"), ("quit", "Quit")]))
    async with host.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert host.result == "quit"


async def test_article_picker_returns_the_chosen_id() -> None:
    from textual.app import App

    from tui.screens.dialogs import ArticlePicker

    results: list[str | None] = []

    class Host(App):
        def on_mount(self) -> None:
            picker = ArticlePicker(
                "[bold]Acme[/] in other articles",
                [("a", "First [@click=app.quit]x[/]", 3), ("b", "Second", 1)],
            )
            self.push_screen(picker, results.append)

    app = Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        assert results == ["b"]
        assert app.is_running  # the markup-looking title did nothing
