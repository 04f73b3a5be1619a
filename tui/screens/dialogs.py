"""Modal dialogs shared by the library and reader screens.

Every dialog is a ``ModalScreen[T]``: push it with a callback, or
``await self.app.push_screen_wait(...)`` from a worker, and it dismisses with
its result. Escape always cancels.

Untrusted text (article titles, quotes, note bodies, tags, file names) is
never treated as markup here: it is cleaned with
:func:`tui.model.clean_for_display` and shown through ``Content`` objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ..model import ENTITY_LABELS, clean_for_display

__all__ = [
    "ConfirmDialog",
    "ErrorDialog",
    "LabelPicker",
    "NoteEditor",
    "TagEditor",
    "normalise_tag",
    "parse_tags",
    "plain",
]


def plain(text: object) -> Content:
    """Untrusted text as a ``Content`` that is never parsed as markup."""
    return Content(clean_for_display(str(text)))


# --- tags ---------------------------------------------------------------------

_TAG_SPLIT = re.compile(r"[,\s]+")
_TAG_BAD = re.compile(r"[^\w\-./:+&]+")


def normalise_tag(tag: str) -> str:
    """One tag in its stored form, or ``""`` when nothing is left.

    Tags are case-insensitive, like Obsidian's and Zotero's: they are
    lowercased. A leading ``#`` is dropped, control characters and anything
    other than letters, digits and ``- _ . / : + &`` become ``-``, and runs
    of ``-`` are collapsed; ``- . / :`` are trimmed from the ends. Tags never hold spaces (space separates tags).
    """
    tag = clean_for_display(tag).strip().lstrip("#").casefold()
    tag = _TAG_BAD.sub("-", tag)
    tag = re.sub(r"-{2,}", "-", tag).strip("-./:")
    return tag


def parse_tags(text: str) -> list[str]:
    """Tags typed as ``a, b c`` (commas or spaces): normalised, deduplicated, in order."""
    out: list[str] = []
    for raw in _TAG_SPLIT.split(text):
        tag = normalise_tag(raw)
        if tag and tag not in out:
            out.append(tag)
    return out


class TagSuggester(Suggester):
    """Completes the last tag being typed from a list of known tags."""

    def __init__(self, suggestions: Iterable[str]):
        super().__init__(use_cache=False, case_sensitive=False)
        self._tags = sorted({normalise_tag(s) for s in suggestions} - {""})

    async def get_suggestion(self, value: str) -> str | None:
        match = re.search(r"[^,\s]*$", value)
        stem = match.group(0) if match else ""
        if not stem:
            return None
        head = value[: len(value) - len(stem)]
        typed = set(parse_tags(head))
        for tag in self._tags:
            if tag.startswith(stem) and tag != stem and tag not in typed:
                return head + tag
        return None


# --- dialogs ------------------------------------------------------------------


class NoteEditor(ModalScreen[str | None]):
    """Write or edit a note.

    ``title`` says what the note is on (an article title); ``quote`` is the
    passage it is anchored to, shown above the editor. Dismisses with the text
    on ctrl+s and with ``None`` on escape (nothing is saved).
    """

    DEFAULT_CLASSES = "dialog"
    # Focus the editor from the first frame, so no early keystroke lands elsewhere.
    AUTO_FOCUS = "#note-body"
    BINDINGS = [
        # Not a priority binding: ctrl+s then reaches the editor's own queue after
        # the keys typed before it, so a fast typist never loses the end of a note.
        Binding("ctrl+s", "save", "Save", id="dialog.save"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    def __init__(self, title: str, body: str = "", quote: str | None = None) -> None:
        super().__init__()
        self.note_title = title
        self.body = body
        self.quote = quote

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor", classes="dialog-box"):
            yield Static(Content("Note · ") + plain(self.note_title), classes="dialog-title")
            if self.quote:
                with VerticalScroll(id="note-quote-box"):
                    yield Static(plain(self.quote), id="note-quote")
            yield TextArea(
                clean_for_display(self.body),
                id="note-body",
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
            )
            yield Static(
                Content.assemble(("ctrl+s", "bold"), " save   ", ("esc", "bold"), " cancel"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TagEditor(ModalScreen[list[str] | None]):
    """Edit a list of tags in one line: ``policy, japan ai``.

    Commas or spaces separate tags; each is normalised by
    :func:`normalise_tag` (lowercased, no spaces). ``suggestions`` complete
    the tag being typed (right arrow accepts). Enter dismisses with the new
    list (possibly empty), escape with ``None``.
    """

    DEFAULT_CLASSES = "dialog"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, tags: Sequence[str], suggestions: Sequence[str] = ()) -> None:
        super().__init__()
        self.tags = list(tags)
        self.suggestions = list(suggestions)

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-editor", classes="dialog-box"):
            yield Static("Tags", classes="dialog-title")
            value = ", ".join(clean_for_display(t) for t in self.tags)
            yield Input(
                value=value + (", " if value else ""),
                placeholder="tag, another-tag",
                suggester=TagSuggester(self.suggestions),
                select_on_focus=False,
                id="tag-input",
            )
            yield Static(
                Content("Commas or spaces separate tags; tags are lowercased, without spaces."),
                classes="dialog-hint",
            )
            yield Static(
                Content.assemble(
                    ("enter", "bold"),
                    " save   ",
                    ("→", "bold"),
                    " accept suggestion   ",
                    ("esc", "bold"),
                    " cancel",
                ),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        box = self.query_one(Input)
        box.focus()
        box.cursor_position = len(box.value)

    @on(Input.Submitted)
    def save(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(parse_tags(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes/no question. ``y``/``n`` answer; escape means no."""

    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n", "answer(False)", "No", show=False),
        Binding("escape", "answer(False)", "Cancel", id="dialog.cancel"),
        Binding("left,right", "app.focus_next", show=False),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog-box"):
            yield Static(plain(self.question), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(plain(self.yes), id="yes", variant="primary")
                yield Button(plain(self.no), id="no")
            yield Static(
                Content.assemble(("y", "bold"), " ")
                + plain(self.yes)
                + Content.assemble("   ", ("n", "bold"), " ")
                + plain(self.no)
                + Content.assemble("   ", ("esc", "bold"), " cancel"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class LabelPicker(ModalScreen[str | None]):
    """Pick an entity label (relabel a highlight). Enter picks, escape cancels."""

    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    def __init__(self, current: str | None, labels: Sequence[str] = ENTITY_LABELS) -> None:
        super().__init__()
        self.current = current
        self.labels = list(labels)

    def compose(self) -> ComposeResult:
        with Vertical(id="label-picker", classes="dialog-box"):
            yield Static("Label", classes="dialog-title")
            options = []
            for label in self.labels:
                prompt = plain(label)
                if label == self.current:
                    prompt = prompt + Content.styled("  (current)", "dim")
                options.append(Option(prompt, id=label))
            yield OptionList(*options, id="label-options")
            yield Static(
                Content.assemble(("enter", "bold"), " pick   ", ("esc", "bold"), " cancel"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current in self.labels:
            options.highlighted = self.labels.index(self.current)
        else:
            options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)


class ArticlePicker(LabelPicker):
    """Pick one of several articles (the other articles that mention an entity).

    ``articles`` are ``(article_id, title, mentions)``; dismisses with the id,
    or ``None`` on escape. Keys as in :class:`LabelPicker`.
    """

    def __init__(self, heading: str, articles: Sequence[tuple[str, str, int]]) -> None:
        super().__init__(None, [aid for aid, _, _ in articles])
        self.heading = heading
        self.articles = list(articles)

    def compose(self) -> ComposeResult:
        with Vertical(id="article-picker", classes="dialog-box"):
            yield Static(plain(self.heading), classes="dialog-title")
            options = [
                Option(plain(title) + Content.styled(f"  ×{count}", "dim"), id=aid)
                for aid, title, count in self.articles
            ]
            yield OptionList(*options, id="article-options")
            yield Static(
                Content.assemble(("enter", "bold"), " open   ", ("esc", "bold"), " cancel"),
                classes="dialog-hint",
            )


class ErrorDialog(ModalScreen[str]):
    """Explain a problem and offer choices; dismisses with the chosen choice id.

    ``choices`` is a list of ``(id, label)`` pairs, one button each. Escape
    picks the last choice (put the safest one, e.g. quit or close, last).
    ``path`` is shown on its own line so the user knows which file is meant.
    """

    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("escape", "escape", "Close", id="dialog.cancel"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        *,
        path: str | None = None,
        choices: Sequence[tuple[str, str]] = (("close", "Close"),),
    ) -> None:
        super().__init__()
        self.error_title = title
        self.message = message
        self.path = path
        self.choices = list(choices) or [("close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="error-dialog", classes="dialog-box"):
            yield Label(plain(self.error_title), classes="dialog-title error-title")
            yield Static(plain(self.message), classes="dialog-message", id="error-message")
            if self.path:
                yield Static(Content("File: ") + plain(self.path), id="error-path")
            with Horizontal(classes="dialog-buttons"):
                for index, (choice_id, label) in enumerate(self.choices):
                    yield Button(
                        plain(label),
                        id=f"choice-{choice_id}",
                        name=choice_id,
                        variant="primary" if index == 0 else "default",
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.name or "close")

    def action_escape(self) -> None:
        self.dismiss(self.choices[-1][0])
