"""The reader: one article laid out for reading, with highlights, notes and feedback keys.

Loading (parse + extract + re-anchoring notes), the "other articles" index and
every store write run in thread workers; key handlers only move the cursor or
open dialogs.

Keys (also in the footer and the help screen; ids ``reader.*`` for keymaps):

* ``j``/``k`` or ``down``/``up``: next/previous sentence; ``J``/``K`` or ``}``/``{``:
  next/previous paragraph (block); ``w``/``b``: next/previous word (to pick out a
  name); ``tab``/``shift+tab``: next/previous highlight (entity or figure);
  ``space``/``pagedown``, ``pageup``, ``g``/``G``: page and ends.
* ``v``: start a selection at the cursor (sentence, word or highlight); moving
  extends it; ``v`` or ``esc`` cancels. A mouse selection in the text works too.
* ``h``: highlight the selection, else the cursor's sentence; ``n``: note on the
  selection, else the cursor's sentence; ``N``: note on the whole article.
* ``t`` tags, ``s`` star, ``x`` reject the highlight under the cursor (only here /
  everywhere), ``L`` relabel it (everywhere), ``E`` teach the selection (or the
  word under the cursor) as an entity, ``u`` undo.
* ``p`` cycles the side panel (entities, figures, notes, hidden), ``f`` moves focus
  between the article and the panel (``enter`` jumps to the next mention / the
  figure / the note; in Notes ``m`` edits, ``d`` deletes, ``a`` re-attaches the
  highlighted note to the selection, else the cursor's sentence, ``A`` keeps it as
  an article note), ``c`` shows/hides site chrome, ``esc`` goes back to the
  library (the cursor position is kept).

Re-attaching is meant for orphaned notes (their passage is gone from the text):
move the cursor or select in the article first, then ``f`` to the panel, pick the
note and press ``a``. It works on any note, so it also moves a note elsewhere or
anchors an article note; ``u`` undoes it.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from ..entity_index import EntityIndex, in_article_text
from ..extract import extract
from ..model import (
    ENTITY_LABELS,
    FIGURE_LABELS,
    Article,
    ArticleState,
    Feedback,
    Note,
    Span,
    clean_for_display,
    make_anchor,
)
from ..widgets.article_view import ArticleView
from ..widgets.panels import (
    EntitiesPanel,
    FiguresPanel,
    Legend,
    NotesPanel,
    PanelList,
    SidePanels,
    entity_key,
    safe,
)

PANEL_ORDER = ("tab-entities", "tab-figures", "tab-notes", None)

#: One lock for this process's store calls from reader workers (TinyDB is not thread-safe).
STORE_LOCK = threading.RLock()


def _a(label: str) -> str:
    """The article a label's name takes when read out: an ORG, a GPE, a LAW."""
    return "an" if label[:1] in "AEIO" else "a"


class ScopeDialog(ModalScreen[str | None]):
    """Reject a highlight only here or everywhere (``h``/``e``; escape cancels)."""

    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("h,o", "choose('here')", "Only here", show=False),
        Binding("e,a", "choose('everywhere')", "Everywhere", show=False),
        Binding("escape", "choose(None)", "Cancel", id="dialog.cancel"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="scope-box", classes="dialog-box"):
            yield Static(Content(clean_for_display(self.question)), classes="dialog-message")
            with Horizontal(classes="scope-buttons dialog-buttons"):
                yield Button("Only here (h)", id="here", variant="primary")
                yield Button("Everywhere (e)", id="everywhere", variant="warning")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#here", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_choose(self, scope: str | None) -> None:
        self.dismiss(scope)


class ReaderScreen(Screen):
    """Read one article: highlights, notes, tags, star and extraction feedback."""

    HELP_TITLE = "Reader"

    BINDINGS = [
        Binding("escape", "back", "Back", id="reader.back"),
        Binding("j,down", "cursor(1)", "Sentence", id="reader.next_sentence"),
        Binding("k,up", "cursor(-1)", "Prev sentence", id="reader.prev_sentence", show=False),
        Binding("J,right_curly_bracket", "paragraph(1)", "Next paragraph",
                id="reader.next_paragraph", show=False),
        Binding("K,left_curly_bracket", "paragraph(-1)", "Prev paragraph",
                id="reader.prev_paragraph", show=False),
        Binding("w", "word(1)", "Next word", id="reader.next_word", show=False),
        Binding("b", "word(-1)", "Prev word", id="reader.prev_word", show=False),
        Binding("tab", "highlight(1)", "Next highlight", id="reader.next_highlight"),
        Binding("shift+tab", "highlight(-1)", "Prev highlight", id="reader.prev_highlight",
                show=False),
        Binding("v", "select", "Select", id="reader.select"),
        Binding("h", "mark", "Highlight", id="reader.highlight"),
        Binding("n", "note", "Note", id="reader.note"),
        Binding("N", "article_note", "Article note", id="reader.article_note", show=False),
        Binding("t", "tags", "Tags", id="reader.tags"),
        Binding("s", "star", "Star", id="reader.star"),
        Binding("x", "reject", "Reject", id="reader.reject"),
        Binding("o", "open_mention", "Other articles", id="reader.open_mention", show=False),
        Binding("L", "relabel", "Relabel", id="reader.relabel", show=False),
        Binding("E", "teach", "Teach entity", id="reader.teach", show=False),
        Binding("u", "undo", "Undo", id="reader.undo", show=False),
        Binding("p", "cycle_panel", "Panel", id="reader.panel", show=False),
        Binding("f", "focus_panel", "Focus panel", id="reader.focus_panel", show=False),
        Binding("c", "toggle_chrome", "Chrome", id="reader.chrome", show=False),
        Binding("pagedown,space", "page(1)", "Page down", id="reader.page_down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="reader.page_up", show=False),
        Binding("g,home", "edge(0)", "Top", id="reader.top", show=False),
        Binding("G,end", "edge(1)", "Bottom", id="reader.bottom", show=False),
    ]  # fmt: skip

    def __init__(self, article_id: str, *, focus: tuple[str, str] | None = None) -> None:
        """``focus`` (label, canonical name): open with the cursor on its first mention."""
        super().__init__()
        self.article_id = article_id
        self._focus = focus
        self.article: Article | None = None
        self.spans: list[Span] = []
        self.notes: list[Note] = []
        self.state = ArticleState(article_id)
        self._panel = 0
        self._mention: dict[str, int] = {}
        self._saved_position: int | None = None
        self._loaded_once = False
        self._cursor_position = 0  # kept here: the view is gone when the screen unmounts
        self.mentions: dict[tuple[str, str], list[tuple[str, str, int]]] = {}

    # --- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="reader-main"):
            with Vertical(id="reader-left"):
                yield Legend(id="legend")
                yield ArticleView(id="article")
            with SidePanels(id="side"):
                with TabPane("Entities", id="tab-entities"):
                    yield EntitiesPanel(id="entities-panel")
                    detail = Static("", id="entity-detail", markup=False)
                    detail.display = False
                    yield detail
                with TabPane("Figures", id="tab-figures"):
                    yield FiguresPanel(id="figures-panel")
                with TabPane("Notes", id="tab-notes"):
                    yield NotesPanel(id="notes-panel")
        yield Static("", id="reader-status", markup=False)
        yield Footer()

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def store(self) -> Any:
        return self.app.store  # type: ignore[attr-defined]

    @property
    def library(self) -> Any:
        return self.app.library  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        self.view.loading = True
        self.view.focus()
        self.sub_title = self.article_id
        self.load()

    # --- loading (thread workers) ----------------------------------------------

    def _fetch_notes(self, article: Article) -> list[Note]:
        return list(self.store.reanchor(article.id, article.text, article.meta.fingerprint))

    def _extract(self, article: Article) -> list[Span]:
        with STORE_LOCK:
            feedback = list(self.store.feedback())
        spans = extract(article.text, feedback, article_id=article.id, start=article.body_start())
        return in_article_text(article, spans)

    @work(thread=True, exclusive=True, group="reader-load")
    def load(self) -> None:
        """Parse, extract and fetch notes and state; then show them."""
        try:
            article = self.library.load(self.article_id)
            spans = self._extract(article)
            with STORE_LOCK:
                notes = self._fetch_notes(article)
                state = self.store.article_state(article.id)
                if state.status == "unread" and not getattr(self.app, "read_only", False):
                    state = self.store.set_status(article.id, "read", undoable=False)
        except Exception as error:  # shown to the user, not a crash
            self.app.call_from_thread(self._load_failed, error)
            return
        self.app.call_from_thread(self._loaded, article, spans, notes, state)

    def _load_failed(self, error: Exception) -> None:
        self.view.loading = False
        self._tell(
            safe(f"Could not open {self.article_id}: {error}"), title="Reader", severity="error"
        )

    async def _loaded(
        self, article: Article, spans: list[Span], notes: list[Note], state: ArticleState
    ) -> None:
        self.article, self.spans, self.notes, self.state = article, spans, notes, state
        self.title = safe(article.title, 80)
        position = state.position if not self._loaded_once else self.view.cursor[0]
        with self.app.batch_update():  # one layout pass for article, panels and legend
            mounted = self.view.set_article(article, spans, notes, position)
            self._loaded_once = True
            self._saved_position = state.position
            self.view.loading = False
            self._refresh_panels()
        await mounted
        if self._focus is not None:
            label, key = self._focus
            self._focus = None
            first = next((sp for sp in spans if sp.label == label and entity_key(sp) == key), None)
            if first is not None:
                self.view.jump_to(first.start, first.end, "span")
        self.find_mentions()

    @work(thread=True, exclusive=True, group="reader-reload")
    def reload_annotations(self) -> None:
        """After undo or a restore: notes, state and highlights again, without re-laying out."""
        article = self.article
        if article is None:
            self.app.call_from_thread(self.load)
            return
        try:
            spans = self._extract(article)
            with STORE_LOCK:
                notes = self._fetch_notes(article)
                state = self.store.article_state(article.id)
        except Exception as error:
            self.app.call_from_thread(self._tell, f"Could not reload: {error}", severity="error")
            return
        self.app.call_from_thread(self._annotations_reloaded, spans, notes, state)

    def _annotations_reloaded(
        self, spans: list[Span], notes: list[Note], state: ArticleState
    ) -> None:
        self.notes, self.state = notes, state
        self.view.set_notes(notes)
        self._spans_ready(spans)

    @work(thread=True, exclusive=True, group="reader-extract")
    def reextract(self) -> None:
        """Extract again after feedback so the highlights change."""
        if self.article is None:
            return
        spans = self._extract(self.article)
        self.app.call_from_thread(self._spans_ready, spans)

    def _spans_ready(self, spans: list[Span]) -> None:
        self.spans = spans
        self.view.set_spans(spans)
        self._refresh_panels()
        self.find_mentions()

    @work(thread=True, exclusive=True, group="reader-mentions")
    def find_mentions(self) -> None:
        """Which other articles mention each entity (tui.entity_index: extracted once, cached)."""
        worker = get_current_worker()
        try:
            with STORE_LOCK:
                feedback = list(self.store.feedback())
            entity_index = EntityIndex(self.library, feedback)
            entity_index.build(cancelled=lambda: worker.is_cancelled)
            if worker.is_cancelled:
                return
            index = {
                key: [(m.article_id, m.title, m.count) for m in mentions]
                for key, mentions in entity_index.others(self.article_id).items()
            }
        except Exception:
            return  # optional information: the panel simply shows no cross-references
        self.app.call_from_thread(self._mentions_ready, index)

    def _mentions_ready(self, index: dict[tuple[str, str], list[tuple[str, str, int]]]) -> None:
        self.mentions = index
        self.query_one(EntitiesPanel).show_spans(
            self.spans, self.view.styles_for_labels(), self.mentions
        )
        self._update_status()

    def _refresh_panels(self) -> None:
        styles = self.view.styles_for_labels()
        self.query_one(Legend).show_labels(self.spans, styles)
        self.query_one(EntitiesPanel).show_spans(self.spans, styles, self.mentions)
        self.query_one(FiguresPanel).show_spans(self.spans, styles)
        self.query_one(NotesPanel).show_notes(self.notes, styles)
        notes_tab = self.query_one(SidePanels).get_tab("tab-notes")
        notes_tab.label = Text(f"Notes {len(self.notes)}" if self.notes else "Notes")
        self._update_status()

    def _update_status(self) -> None:
        view = self.view
        parts = Text(end="")
        if self.article is not None and view.units:
            parts.append(f"Sentence {view.unit_index() + 1}/{len(view.units)}")
        if self.state.starred:
            parts.append("  ★ starred", style="bold")
        if self.state.tags:
            parts.append("  " + " ".join("#" + safe(t, 24) for t in self.state.tags))
        if self.notes:
            parts.append(f"  {len(self.notes)} note{'s' if len(self.notes) != 1 else ''}")
        if view.selection_anchor is not None:
            a, b = view.selection() or (0, 0)
            parts.append(
                f"  SELECTING {b - a} chars: h highlight · n note · E teach · v/esc cancel",
                style="bold reverse",
            )
        elif view.cursor_kind == "span":
            span = view.cursor_span()
            if span is not None:
                parts.append(f"  {span.label}: ", style="bold")
                parts.append(safe(span.canonical or span.text, 40))
                others = self.mentions.get((span.label, entity_key(span)), [])
                if others:
                    parts.append(
                        f" · in {len(others)} other article{'s' if len(others) > 1 else ''}"
                    )
                parts.append("  x reject · L relabel", style="dim")
        self.query_one("#reader-status", Static).update(parts, layout=False)

    @on(ArticleView.Restyled)
    def _restyled(self) -> None:
        if self.article is not None:
            self._refresh_panels()

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        self._cursor_position = event.view.cursor[0]
        if self.is_mounted:
            self._update_status()

    def _tell(self, message: str, **kwargs: Any) -> None:
        """A notification; the message may hold untrusted text, so never markup."""
        self.notify(safe(message), markup=False, **kwargs)

    # --- store writes (thread workers) ----------------------------------------

    def _store_call(self, fn, *args, then=None, **kwargs) -> None:
        """Run ``fn(*args, **kwargs)`` in a thread worker; ``then(result)`` back on the UI."""
        can_write = getattr(self.app, "can_write", None)
        if callable(can_write) and not can_write():
            return

        def job() -> None:
            try:
                with STORE_LOCK:
                    result = fn(*args, **kwargs)
            except Exception as error:
                self.app.call_from_thread(
                    self.notify,
                    safe(str(error)),
                    title="Could not save",
                    severity="error",
                    markup=False,
                )
                return
            if then is not None:
                self.app.call_from_thread(then, result)

        self.run_worker(job, thread=True, group="reader-store", exit_on_error=False)

    # --- movement actions -----------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        self.view.move_sentence(delta)

    def action_paragraph(self, delta: int) -> None:
        self.view.move_block(delta)

    def action_word(self, delta: int) -> None:
        self.view.move_word(delta)

    def action_highlight(self, delta: int) -> None:
        if not self.view.move_span(delta):
            self._tell("No more highlights that way", timeout=2)

    def action_page(self, delta: int) -> None:
        self.view.move_page(delta)

    def action_edge(self, end: int) -> None:
        units = self.view.units
        if units:
            unit = units[-1] if end else units[0]
            self.view.set_cursor(unit.start, unit.end, "sentence")

    def action_select(self) -> None:
        self.view.toggle_selection()
        self._update_status()

    def action_toggle_chrome(self) -> None:
        self.view.show_chrome = not self.view.show_chrome
        self._tell("Site chrome shown" if self.view.show_chrome else "Site chrome hidden",
                    timeout=2)  # fmt: skip

    def action_cycle_panel(self) -> None:
        side = self.query_one(SidePanels)
        self._panel = (self._panel + 1) % len(PANEL_ORDER)
        tab = PANEL_ORDER[self._panel]
        side.set_class(tab is None, "-hidden")
        if tab is not None:
            side.active = tab
        elif side.has_focus_within:
            self.view.focus()

    def action_focus_panel(self) -> None:
        side = self.query_one(SidePanels)
        if side.has_focus_within:
            self.view.focus()
            return
        if PANEL_ORDER[self._panel] is None:
            self.action_cycle_panel()
        pane = side.get_pane(side.active)
        pane.query_one(PanelList).focus()

    def action_back(self) -> None:
        view = self.view
        if view.selection_anchor is not None or self.selections:
            view.clear_selection()
            self._update_status()
            return
        if self.query_one(SidePanels).has_focus_within:
            view.focus()
            return
        self._save_position()
        self.dismiss() if self.is_modal else self.app.pop_screen()

    @on(PanelList.Leave)
    def _panel_leave(self) -> None:
        self.view.focus()

    def _save_position(self, *, wait: bool = False) -> None:
        """Remember the cursor for next time (in a worker, or now when ``wait``)."""
        if self.article is None or getattr(self.app, "read_only", False):
            return
        position = self._cursor_position
        if position == self._saved_position:
            return
        self._saved_position = position
        store, article_id = self.store, self.article_id

        def job() -> None:
            with STORE_LOCK:
                store.set_position(article_id, position)

        if wait:
            job()
            return
        # Owned by the app: it must finish after this screen is gone.
        self.app.run_worker(job, thread=True, group="reader-position", exit_on_error=False)

    def on_unmount(self) -> None:
        # The app is quitting with the reader open: save now, workers will not run.
        with contextlib.suppress(Exception):
            self._save_position(wait=True)

    # --- notes -----------------------------------------------------------------

    def _target(self) -> tuple[int, int, str] | None:
        if self.article is None:
            return None
        start, end = self.view.target_range()
        if end <= start:
            return None
        return start, end, self.article.text[start:end]

    def action_mark(self) -> None:
        target = self._target()
        if target is None:
            return
        start, end, _ = target
        assert self.article is not None
        anchor = make_anchor(self.article.text, start, end)
        self._store_call(
            self.store.add_note, self.article_id, "", anchor=anchor, kind="highlight",
            then=self._note_added,
        )  # fmt: skip

    def action_note(self) -> None:
        target = self._target()
        if target is None or self.article is None:
            return
        start, end, quote = target
        anchor = make_anchor(self.article.text, start, end)

        def saved(body: str | None) -> None:
            if body is None:
                return
            # Saved with nothing written: that is a highlight (as in Hypothesis).
            kind = "note" if body.strip() else "highlight"
            self._store_call(
                self.store.add_note, self.article_id, body if body.strip() else "",
                anchor=anchor, kind=kind, then=self._note_added,
            )  # fmt: skip

        self.app.push_screen(self._note_editor(self.article.title, "", quote), saved)

    def action_article_note(self) -> None:
        if self.article is None:
            return

        def saved(body: str | None) -> None:
            if body is None or not body.strip():
                return
            self._store_call(
                self.store.add_note, self.article_id, body, kind="note", then=self._note_added
            )

        self.app.push_screen(self._note_editor(self.article.title, "", None), saved)

    @staticmethod
    def _note_editor(title: str, body: str, quote: str | None):
        from .dialogs import NoteEditor

        return NoteEditor(title, body, quote=quote)

    def _note_added(self, note: Note) -> None:
        self.notes.append(note)
        self.view.clear_selection()
        self.view.set_notes(self.notes)
        self._refresh_panels()
        what = "Highlight" if note.kind == "highlight" else "Note"
        self._tell(f"{what} saved", timeout=2)

    @on(NotesPanel.Chosen)
    def _note_chosen(self, event: NotesPanel.Chosen) -> None:
        note = next((n for n in self.notes if n.id == event.note_id), None)
        if note is None:
            return
        if event.action == "goto":
            if note.anchor is not None and not note.orphaned:
                self.view.jump_to(note.anchor.start, note.anchor.end, "sentence")
            else:
                self._edit_note(note)
        elif event.action == "edit":
            self._edit_note(note)
        elif event.action == "reattach":
            self._reattach(note)
        elif event.action == "keep_article":
            self._keep_as_article_note(note)
        elif event.action == "delete":
            from .dialogs import ConfirmDialog

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._store_call(self.store.delete_note, note.id, then=self._note_deleted)

            label = safe(note.quote or note.body or "this note", 60)
            self.app.push_screen(
                ConfirmDialog(f"Delete the {note.kind} “{label}”? (u undoes)", "Delete", "Keep"),
                confirmed,
            )

    def _reattach(self, note: Note) -> None:
        """Anchor ``note`` to the selection, else the cursor's sentence (undoable)."""
        target = self._target()
        if target is None or self.article is None:
            self._tell("Move the cursor to a sentence (or select) in the article first", timeout=3)
            return
        start, end, _ = target
        anchor = make_anchor(self.article.text, start, end)
        old = note.anchor
        if old is not None and not note.orphaned and (old.start, old.end) == (start, end):
            self._tell("The note is already attached there", timeout=3)
            return
        self._store_call(
            self.store.reattach_note, note.id, anchor,
            then=lambda new: self._note_reattached(note, new),
        )  # fmt: skip

    def _keep_as_article_note(self, note: Note) -> None:
        """Drop the note's anchor: it becomes a note on the whole article (undoable)."""
        if note.anchor is None:
            self._tell("This is already a note on the whole article", timeout=3)
            return
        self._store_call(
            self.store.reattach_note, note.id, None,
            then=lambda new: self._note_reattached(note, new),
        )  # fmt: skip

    def _note_reattached(self, old: Note, note: Note) -> None:
        self.notes = [note if n.id == note.id else n for n in self.notes]
        if note.anchor is not None:
            self.view.clear_selection()
        self.view.set_notes(self.notes)
        self._refresh_panels()
        what = "Highlight" if note.kind == "highlight" else "Note"
        label = safe(old.body or old.quote or "", 40)
        named = f"{what} “{label}”" if label else what
        if note.anchor is None:
            message = f"{named} kept as a note on the article (u to undo)"
        else:
            message = f"{named} re-attached to “{safe(note.anchor.exact, 40)}” (u to undo)"
        self._tell(message, timeout=4)

    def _edit_note(self, note: Note) -> None:
        def saved(body: str | None) -> None:
            if body is not None and body != note.body:
                self._store_call(self.store.update_note, note.id, body=body,
                                 then=self._note_updated)  # fmt: skip

        title = self.article.title if self.article else self.article_id
        self.app.push_screen(self._note_editor(title, note.body, note.quote), saved)

    def _note_updated(self, note: Note) -> None:
        self.notes = [note if n.id == note.id else n for n in self.notes]
        self.view.set_notes(self.notes)
        self._refresh_panels()

    def _note_deleted(self, note: Note) -> None:
        self.notes = [n for n in self.notes if n.id != note.id]
        self.view.set_notes(self.notes)
        self._refresh_panels()
        self._tell("Note deleted (u to undo)", timeout=3)

    # --- tags and star -----------------------------------------------------------

    def action_tags(self) -> None:
        from .dialogs import TagEditor

        current = list(self.state.tags)
        with STORE_LOCK:
            try:
                known = sorted(
                    {t for s in self.store.all_article_states().values() for t in s.tags}
                )
            except Exception:
                known = []

        def saved(tags: list[str] | None) -> None:
            if tags is None:
                return
            store, aid = self.store, self.article_id

            def apply() -> ArticleState:
                state = store.article_state(aid)
                for tag in current:
                    if tag not in tags:
                        state = store.remove_tag(aid, tag)
                for tag in tags:
                    if tag not in current:
                        state = store.add_tag(aid, tag)
                return state

            self._store_call(apply, then=self._state_changed)

        self.app.push_screen(TagEditor(current, known), saved)

    def action_star(self) -> None:
        starred = not self.state.starred
        self._store_call(self.store.set_starred, self.article_id, starred, then=self._starred)

    def _starred(self, state: ArticleState) -> None:
        self._state_changed(state)
        self._tell("Starred ★" if state.starred else "Unstarred", timeout=2)

    def _state_changed(self, state: ArticleState) -> None:
        self.state = state
        self._update_status()

    # --- extraction feedback -----------------------------------------------------

    def _entity_in_focus(self) -> tuple[str, str] | None:
        """The entity picked in the entities panel when it has focus, else under the cursor."""
        panel = self.query_one(EntitiesPanel)
        option = panel.highlighted_option if panel.has_focus else None
        if option is not None and option.id and "\x00" in option.id:
            label, key = option.id.split("\x00", 1)
            return label, key
        span = self.view.cursor_span()
        if span is not None and span.kind == "entity":
            return span.label, entity_key(span)
        return None

    def action_open_mention(self) -> None:
        """Open another article that mentions this entity, at its first mention."""
        entity = self._entity_in_focus()
        if entity is None:
            self._tell(
                "Move to an entity first (tab), or pick one in the entities panel", timeout=3
            )
            return
        others = self.mentions.get(entity, [])
        if not others:
            self._tell(f"{safe(entity[1], 40)} is only in this article", timeout=3)
            return

        def chosen(article_id: str | None) -> None:
            if article_id:
                self.app.push_screen(ReaderScreen(article_id, focus=entity))

        from .dialogs import ArticlePicker

        heading = f"{entity[1]} in other articles"
        self.app.push_screen(ArticlePicker(heading, others), chosen)

    def _need_span(self) -> Span | None:
        span = self.view.cursor_span()
        if span is None:
            self._tell("Move to a highlight first (tab / shift+tab)", timeout=3)
        return span

    def action_reject(self) -> None:
        span = self._need_span()
        if span is None:
            return
        name = safe(span.text, 40)

        def chosen(scope: str | None) -> None:
            if scope is None:
                return
            here = scope == "here"
            fb = Feedback(
                "reject",
                span.text,
                label=span.label,
                article_id=self.article_id if here else None,
                start=span.start if here else None,
            )
            self._feedback(fb, f"Rejected “{name}” {'here' if here else 'everywhere'}")

        self.app.push_screen(
            ScopeDialog(
                f"“{name}” is not {_a(span.label)} {span.label}. Reject it only here, or everywhere?"
            ),
            chosen,
        )

    def action_relabel(self) -> None:
        from .dialogs import LabelPicker

        span = self._need_span()
        if span is None:
            return
        labels = ENTITY_LABELS if span.kind == "entity" else FIGURE_LABELS

        def picked(label: str | None) -> None:
            if label is None or label == span.label:
                return
            fb = Feedback("relabel", span.text, label=label, canonical=span.canonical)
            self._feedback(fb, f"“{safe(span.text, 40)}” is now {label} everywhere")

        self.app.push_screen(LabelPicker(span.label, labels), picked)

    def action_teach(self) -> None:
        from .dialogs import LabelPicker

        view = self.view
        if self.article is None:
            return
        if (
            view.selection_anchor is None
            and view.mouse_range() is None
            and view.cursor_kind not in ("word", "span")
        ):
            self._tell("Select the name first: w/b to a word, v, then w to extend", timeout=4)
            return
        start, end = view.name_range()
        text = self.article.text[start:end].strip(" \n\t.,;:")
        if not text or len(text) > 80 or "\n" in text:
            self._tell("Select a short name (one line, up to 80 characters)", timeout=3)
            return

        def picked(label: str | None) -> None:
            if label is None:
                return
            view.clear_selection()
            fb = Feedback("teach", text, label=label, canonical=text)
            self._feedback(fb, f"Taught “{safe(text, 40)}” as {label}")

        self.app.push_screen(LabelPicker(None, ENTITY_LABELS), picked)

    def _feedback(self, fb: Feedback, message: str) -> None:
        def done(_: object) -> None:
            self._tell(message + " (u to undo)", timeout=3)
            self.reextract()

        self._store_call(self.store.add_feedback, fb, then=done)

    def action_undo(self) -> None:
        store = self.store

        def undo() -> str | None:
            return store.undo()

        def done(what: str | None) -> None:
            # upper-case the first letter only: str.capitalize() would lower-case the name
            told = safe(str(what)) if what else ""
            self._tell(told[:1].upper() + told[1:] if told else "Nothing to undo", timeout=3)
            if what:
                self.reload_annotations()

        self._store_call(undo, then=done)

    def on_store_changed(self) -> None:
        """The app undid something or restored a backup: redraw from the store."""
        if self.is_mounted:
            self.reload_annotations()

    # --- panels ------------------------------------------------------------------

    @on(EntitiesPanel.Chosen)
    def _entity_chosen(self, event: EntitiesPanel.Chosen) -> None:
        mentions = [s for s in self.spans if s.label == event.label and entity_key(s) == event.key]
        if not mentions:
            return
        after = [s for s in mentions if s.start > self.view.cursor[0]]
        span = after[0] if after else mentions[0]
        self.view.jump_to(span.start, span.end, "span")
        self._tell(
            f"{mentions.index(span) + 1}/{len(mentions)} mentions of {safe(event.key, 40)}",
            timeout=2,
        )

    @on(EntitiesPanel.OptionHighlighted, "#entities-panel")
    def _entity_highlighted(self, event: EntitiesPanel.OptionHighlighted) -> None:
        detail = self.query_one("#entity-detail", Static)
        oid = event.option.id
        detail.display = bool(oid)
        if not oid:
            return
        if "\x00" not in oid:
            return
        label, key = oid.split("\x00", 1)
        others = self.mentions.get((label, key), [])
        text = Text(end="")
        text.append(safe(key, 60), style="bold")
        if others:
            text.append(f"\nAlso in {len(others)} other article{'s' if len(others) > 1 else ''}:")
            for _, title, _count in others[:5]:
                text.append("\n • " + safe(title, 36), style="dim")
            if len(others) > 5:
                text.append(f"\n … and {len(others) - 5} more", style="dim")
        else:
            text.append("\nOnly in this article", style="dim")
        detail.update(text)

    @on(FiguresPanel.Chosen)
    def _figure_chosen(self, event: FiguresPanel.Chosen) -> None:
        self.view.jump_to(event.start, event.end, "span")

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane_id = event.pane.id
        if pane_id in PANEL_ORDER:
            self._panel = PANEL_ORDER.index(pane_id)
