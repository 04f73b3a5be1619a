"""The library screen: every article in a table, a filter line and a tag sidebar.

Only metadata is listed here (``Library.list()``, cached by the library
layer) plus the reader's state from the store; article bodies are never read
or parsed on this screen. Loading runs in a thread worker.

Filter syntax (``/``), terms are ANDed, ``-`` negates a term::

    words           title, source, tags or id contain every word
    "two words"     a phrase
    tag:NAME #NAME  has the tag (from the article file or yours), or a tag nested under it
    is:unread  is:read  is:archived  is:starred
    has:notes       has at least one note
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.suggester import Suggester
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static

from ..library import LibraryError
from ..model import ArticleMeta, ArticleState, clean_for_display
from ..store import StoreError
from ..widgets.tag_sidebar import TagSidebar
from .dialogs import NoteEditor, TagEditor, normalise_tag

FILTER_HELP = (
    ("words", "title, source, tags or id contain every word"),
    ('"two words"', "a phrase"),
    ("tag:NAME", "has the tag"),
    ("is:unread  is:read  is:archived", "by status"),
    ("is:starred", "starred articles"),
    ("has:notes", "articles with notes"),
    ("-TERM", "negate any term, e.g. -is:read"),
    ("esc", "clear the filter"),
)

STATUS_ORDER = {"unread": 0, "read": 1, "archived": 2}

# (key, label) in the order ``o`` cycles through them.
SORTS = (
    ("library", "library order"),
    ("date", "date"),
    ("title", "title"),
    ("source", "source"),
    ("notes", "notes"),
    ("status", "status"),
)
DEBOUNCE_ROWS = 400  # above this many articles the filter redraws when typing pauses
SIDEBAR_WIDTH = 18  # keep in step with #sidebar in app.tcss
COMPACT_WIDTH = 100  # narrower screens hide the sidebar
# (key, header, width); width 0 means "what is left" (the title).
COLUMNS = (
    ("star", "★", 1),
    ("title", "Title", 0),
    ("source", "Source", 12),
    ("date", "Date", 10),
    ("tags", "Tags", 12),
    ("notes", "Notes", 5),
    ("status", "Status", 8),
)
COLUMN_SORT = {"title": "title", "source": "source", "date": "date", "notes": "notes"}
COLUMN_SORT.update({"status": "status", "star": "status", "tags": "library"})


@dataclass(slots=True)
class Row:
    """One article as the library screen sees it."""

    meta: ArticleMeta
    state: ArticleState
    notes: int = 0
    order: int = 0  # position in library order

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def tags(self) -> list[str]:
        """The article file's tags, then the reader's, without repeats (``AI`` = ``ai``)."""
        out: list[str] = []
        seen: set[str] = set()
        for tag in (*self.meta.tags, *self.state.tags):
            norm = normalise_tag(tag) or tag
            if norm not in seen:
                seen.add(norm)
                out.append(tag)
        return out

    @property
    def title(self) -> str:
        return self.meta.title or self.meta.id


@dataclass(slots=True)
class Filter:
    """A parsed filter line."""

    words: list[tuple[bool, str]] = field(default_factory=list)  # (negated, casefolded)
    tags: list[tuple[bool, str]] = field(default_factory=list)
    flags: list[tuple[bool, str]] = field(
        default_factory=list
    )  # unread/read/archived/starred/notes

    def __bool__(self) -> bool:
        return bool(self.words or self.tags or self.flags)


_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_filter(text: str) -> Filter:
    """Parse the filter line; unknown ``is:`` values are treated as words.

    Only double quotes group words (an apostrophe, as in ``japan's``, is text).
    """
    terms: list[str] = []
    for match in _TERM.finditer(text):
        if match.group(3) is not None:
            terms.append(match.group(3))
        elif match.group(2).strip():
            # a quoted phrase is always words, never a tag:/is: term
            terms.append(match.group(1) + "\0" + match.group(2))
    out = Filter()
    for term in terms:
        negated = term.startswith("-") and len(term) > 1
        body = term[1:] if negated else term
        if body.startswith("\0"):
            out.words.append((negated, body[1:].casefold()))
            continue
        low = body.casefold()
        if low.startswith("tag:") or low.startswith("#") and len(low) > 1:
            tag = normalise_tag(body.split(":", 1)[1] if low.startswith("tag:") else body)
            if tag:
                out.tags.append((negated, tag))
            continue
        if low in ("is:unread", "is:read", "is:archived", "is:starred", "has:notes"):
            out.flags.append((negated, low.split(":", 1)[1]))
            continue
        out.words.append((negated, low))
    return out


def matches(row: Row, flt: Filter) -> bool:
    """Does ``row`` pass every term of ``flt``?"""
    if not flt:
        return True
    tags = {normalise_tag(t) for t in row.tags}
    for negated, tag in flt.tags:
        # a tag matches itself and its nested tags: tag:asia matches asia/japan
        hit = tag in tags or any(t.startswith(tag + "/") for t in tags)
        if hit == negated:
            return False
    for negated, flag in flt.flags:
        if flag == "starred":
            hit = row.state.starred
        elif flag == "notes":
            hit = row.notes > 0
        else:
            hit = row.state.status == flag
        if hit == negated:
            return False
    if flt.words:
        hay = " ".join(
            [row.title, row.meta.source or "", row.meta.id, " ".join(row.tags)]
        ).casefold()
        for negated, word in flt.words:
            if (word in hay) == negated:
                return False
    return True


def sort_key(sort: str):
    """A key function for rows; ``date`` and ``notes`` put the most recent/most first."""
    if sort == "title":
        return lambda r: (r.title.casefold(), r.order)
    if sort == "source":
        return lambda r: ((r.meta.source or "\uffff").casefold(), r.order)
    if sort == "date":
        return lambda r: (r.meta.published is None, _neg(r.meta.published or ""), r.order)
    if sort == "notes":
        return lambda r: (-r.notes, r.order)
    if sort == "status":
        return lambda r: (not r.state.starred, STATUS_ORDER.get(r.state.status, 9), r.order)
    return lambda r: r.order


def _neg(text: str) -> tuple[int, ...]:
    """Sort strings descending inside an ascending key."""
    return tuple(-ord(c) for c in text)


def _text(value: object, style: str = "") -> Text:
    """A table cell from untrusted text: cleaned, one line, never markup."""
    line = clean_for_display(str(value)).replace("\n", " ")
    return Text(line, style=style, no_wrap=True, overflow="ellipsis")


class FilterSuggester(Suggester):
    """Completes the last filter term: ``tag:pol`` -> ``tag:policy``, ``is:st`` -> ``is:starred``."""

    def __init__(self, screen: LibraryScreen) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.screen = screen

    async def get_suggestion(self, value: str) -> str | None:
        if not value or value.endswith(" "):
            return None
        head, _, last = value.rpartition(" ")
        prefix = head + " " if head else ""
        negated = last.startswith("-")
        stem = last[1:] if negated else last
        if len(stem) < 2:
            return None
        words = ["is:unread", "is:read", "is:archived", "is:starred", "has:notes"]
        tags = sorted({normalise_tag(t) for row in self.screen.rows.values() for t in row.tags})
        words += [f"tag:{t}" for t in tags if t]
        for word in words:
            if word.startswith(stem) and word != stem:
                return prefix + ("-" if negated else "") + word
        return None


MOVE = Binding.Group("Move")


class ArticleTable(DataTable):
    """The article table; ``enter`` opens the article under the cursor."""

    HELP_TITLE = "Article table"
    BINDINGS = [
        Binding("enter", "select_cursor", "Open", id="library.open"),
        Binding("j", "cursor_down", "Down", id="library.down", group=MOVE),
        Binding("k", "cursor_up", "Up", id="library.up", group=MOVE),
        Binding("g", "scroll_top", "First", show=False),
        Binding("G", "scroll_bottom", "Last", show=False),
    ]


class LibraryScreen(Screen):
    """Lists the library; opens the reader; stars, tags and notes articles."""

    HELP_TITLE = "Library"
    SUB_TITLE = "Library"
    AUTO_FOCUS = "#articles"
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="library.filter"),
        Binding("escape", "back", "Clear", id="library.back", tooltip="Clear the filter"),
        Binding("s", "star", "Star", id="library.star"),
        Binding("t", "tags", "Tags", id="library.tags"),
        Binding("n", "note", "Note", id="library.note"),
        Binding("a", "archive", "Archive", show=False, id="library.archive"),
        Binding("m", "mark_read", "Read/unread", show=False, id="library.mark_read"),
        Binding("o", "sort", "Sort", show=False, id="library.sort"),
        Binding("O", "reverse_sort", "Reverse sort", show=False, id="library.reverse_sort"),
        Binding("ctrl+r", "reload", "Reload library", show=False, id="library.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, Row] = {}
        self.sort = "library"
        self.reverse = False
        self.filter_text = ""
        self.loaded = False
        self._visible: list[str] = []
        self._load_error: str | None = None
        self._filter_timer: Timer | None = None

    # --- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="library-body"):
            yield TagSidebar(id="sidebar")
            with Vertical(id="library-main"):
                yield Input(
                    placeholder="filter: words, tag:NAME, is:unread, is:starred …  (esc clears)",
                    select_on_focus=False,
                    suggester=FilterSuggester(self),
                    id="filter",
                )
                yield ArticleTable(
                    id="articles",
                    cursor_type="row",
                    zebra_stripes=True,
                    cursor_foreground_priority="renderable",
                )
        yield Static(Content("Loading library…"), id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self._set_columns()
        self.query_one(ArticleTable).loading = True
        self.load()

    def _layout(self) -> tuple[bool, dict[str, int]]:
        """Whether the sidebar shows, and every column's width, for the screen width.

        Below ``COMPACT_WIDTH`` columns the sidebar hides and source and tags
        narrow; the title column takes what is left.
        """
        width = self.size.width or 120
        compact = width < COMPACT_WIDTH
        widths = {key: w for key, _label, w in COLUMNS}
        if compact:
            widths.update(source=10, tags=8)
        table_width = width - (0 if compact else SIDEBAR_WIDTH)
        padding = 2 * len(COLUMNS) + 1  # one cell each side, plus the scrollbar
        widths["title"] = max(16, table_width - sum(widths.values()) - padding)
        return not compact, widths

    def _set_columns(self) -> None:
        table = self.query_one(ArticleTable)
        show_sidebar, widths = self._layout()
        self._column_layout = (show_sidebar, widths)
        self.query_one(TagSidebar).display = show_sidebar
        table.clear(columns=True)
        for key, label, _width in COLUMNS:
            justify = "right" if key == "notes" else "left"
            table.add_column(Text(label, justify=justify), key=key, width=widths[key])

    def on_resize(self) -> None:
        if self._layout() != getattr(self, "_column_layout", None):
            self._set_columns()
            if self.loaded:
                self._rebuild()

    # --- loading ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="library-load", exit_on_error=False)
    def load(self) -> None:
        """List metadata and states off the UI thread, then fill the table."""
        app = self.app
        try:
            metas = app.library.list()
            store = app.store
            states = store.all_article_states() if store is not None else {}
            counts = store.note_counts() if store is not None else {}
        except (LibraryError, StoreError) as exc:  # one clear line, meant for the user
            app.call_from_thread(self._load_failed, str(exc))
            return
        except Exception as exc:  # a bug: still say what happened rather than crash
            app.call_from_thread(self._load_failed, f"{type(exc).__name__}: {exc}")
            return
        app.call_from_thread(self._loaded, metas, states, counts)

    def _load_failed(self, message: str) -> None:
        self._load_error = message
        self.query_one(ArticleTable).loading = False
        self.app.notify(
            clean_for_display(message),
            title="Cannot list the library",
            severity="error",
            markup=False,
        )
        self._update_status()

    def _loaded(
        self, metas: list[ArticleMeta], states: dict[str, ArticleState], counts: dict[str, int]
    ) -> None:
        self._load_error = None
        self.rows = {
            m.id: Row(m, states.get(m.id) or ArticleState(m.id), counts.get(m.id, 0), i)
            for i, m in enumerate(metas)
        }
        self.loaded = True
        self.query_one(ArticleTable).loading = False
        self._rebuild()

    def refresh_states(self, article_ids: list[str] | None = None) -> None:
        """Re-read state and note counts from the store (all rows, or some) and redraw them."""
        store = self.app.store
        if store is None or not self.loaded:
            return
        changed: list[str] = []
        if article_ids is None:
            states = store.all_article_states()
            counts = store.note_counts()
            fresh = {
                aid: (states.get(aid) or ArticleState(aid), counts.get(aid, 0)) for aid in self.rows
            }
        else:
            fresh = {
                aid: (store.article_state(aid), len(store.notes(aid)))
                for aid in article_ids
                if aid in self.rows
            }
        for aid, (state, notes) in fresh.items():
            row = self.rows[aid]
            if row.state != state or row.notes != notes:
                row.state, row.notes = state, notes
                changed.append(aid)
        self.rows_changed(changed)

    def rows_changed(self, article_ids: list[str]) -> None:
        """Redraw these rows in place, or rebuild when filter or sort order may change."""
        if not article_ids:
            return
        flt = parse_filter(self.filter_text)
        visible = set(self._visible)
        if self.sort in ("notes", "status") or any(
            (aid in visible) != matches(self.rows[aid], flt) for aid in article_ids
        ):
            self._rebuild()
            return
        table = self.query_one(ArticleTable)
        for aid in article_ids:
            if aid in visible:
                for (key, _label, _width), cell in zip(
                    COLUMNS, self._cells(self.rows[aid]), strict=True
                ):
                    table.update_cell(aid, key, cell)
        self._update_sidebar()
        self._update_status()

    def on_screen_resume(self) -> None:
        # Back from the reader (or a dialog): its changes show in the table.
        if self.loaded:
            self.refresh_states()

    def on_store_changed(self) -> None:
        """Called by the app after undo or a restore."""
        self.refresh_states()

    # --- table --------------------------------------------------------------------

    def _cells(self, row: Row) -> list[Text]:
        unread = row.state.status == "unread"
        title_style = "bold" if unread else ("dim" if row.state.status == "archived" else "")
        tags = row.tags
        status_style = {"unread": "bold", "archived": "dim"}.get(row.state.status, "")
        return [
            Text("★" if row.state.starred else " ", style="bold yellow"),
            _text(row.title, title_style),
            _text(row.meta.source or "—", "" if row.meta.source else "dim"),
            _text((row.meta.published or "—")[:10], "" if row.meta.published else "dim"),
            _text(" ".join(f"#{t}" for t in tags), "italic"),
            Text(
                str(row.notes) if row.notes else "·",
                justify="right",
                style="" if row.notes else "dim",
            ),
            _text(row.state.status, status_style),
        ]

    def _rebuild(self) -> None:
        """Apply filter and sort, refill the table, keep the cursor on the same article."""
        table = self.query_one(ArticleTable)
        current = self.current_id()
        flt = parse_filter(self.filter_text)
        rows = [r for r in self.rows.values() if matches(r, flt)]
        rows.sort(key=sort_key(self.sort), reverse=self.reverse)
        self._visible = [r.id for r in rows]
        table.clear()
        for row in rows:
            table.add_row(*self._cells(row), key=row.id)
        if current in self._visible:
            table.move_cursor(row=self._visible.index(current), animate=False)
        self._update_sidebar()
        self._update_status()
        self.refresh_bindings()

    def _update_sidebar(self) -> None:
        tags: dict[str, int] = {}
        spelling: dict[str, str] = {}  # AI and ai are one tag, shown as first seen
        for row in self.rows.values():
            for tag in row.tags:
                name = spelling.setdefault(normalise_tag(tag) or tag, tag)
                tags[name] = tags.get(name, 0) + 1
        states = [r.state for r in self.rows.values()]
        self.query_one(TagSidebar).set_counts(
            total=len(states),
            unread=sum(s.status == "unread" for s in states),
            starred=sum(s.starred for s in states),
            read=sum(s.status == "read" for s in states),
            archived=sum(s.status == "archived" for s in states),
            tags=tags,
        )

    def _update_status(self) -> None:
        status = self.query_one("#status", Static)
        if self._load_error:
            status.update(Content("Could not list the library: ") + Content(self._load_error))
            return
        if not self.loaded:
            status.update(Content("Loading library…"))
            return
        total = len(self.rows)
        unread = sum(r.state.status == "unread" for r in self.rows.values())
        starred = sum(r.state.starred for r in self.rows.values())
        notes = sum(r.notes for r in self.rows.values())
        parts = [
            Content.styled(f"{total} article{'s' if total != 1 else ''}", "bold"),
            Content(f"{unread} unread"),
            Content(f"{starred} starred"),
            Content(f"{notes} note{'s' if notes != 1 else ''}"),
        ]
        if self.filter_text.strip():
            parts.append(
                Content(f"showing {len(self._visible)} of {total} · filter: ")
                + Content.styled(clean_for_display(self.filter_text), "italic")
            )
        label = dict(SORTS)[self.sort]
        arrow = "" if self.sort == "library" else (" ↑" if self.reverse else " ↓")
        parts.append(Content(f"sort: {label}{arrow}"))
        if getattr(self.app, "read_only", False):
            parts.append(Content.styled("READ-ONLY: changes are not saved", "bold $warning"))
        if total == 0:
            parts = [
                Content("No articles: put .txt, .md or .html files in ")
                + Content(clean_for_display(str(self.app.library.seeds)))
            ]
        status.update(Content(" · ").join(parts))

    def current_id(self) -> str | None:
        """The id of the article under the cursor, if any."""
        table = self.query_one(ArticleTable)
        if not self._visible or table.row_count == 0:
            return None
        index = table.cursor_row
        if 0 <= index < len(self._visible):
            return self._visible[index]
        return None

    def current_row(self) -> Row | None:
        aid = self.current_id()
        return self.rows.get(aid) if aid else None

    def select_article(self, article_id: str) -> None:
        """Put the cursor on an article (clearing the filter if it hides it)."""
        if article_id not in self._visible and article_id in self.rows:
            self.set_filter("")
        if article_id in self._visible:
            self.query_one(ArticleTable).move_cursor(row=self._visible.index(article_id))

    # --- filter -------------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        """Set the filter line (shown while it is not empty) and apply it."""
        box = self.query_one("#filter", Input)
        self.filter_text = text
        if box.value != text:
            with box.prevent(Input.Changed):
                box.value = text
        box.display = bool(text) or box.has_focus
        self._rebuild()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()
        box.cursor_position = len(box.value)
        self.refresh_bindings()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        if len(self.rows) > DEBOUNCE_ROWS:
            # big libraries: redraw once typing pauses, not on every key
            self._filter_timer = self.set_timer(0.12, self._rebuild)
        else:
            self._rebuild()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.query_one(ArticleTable).focus()
        if not event.value:
            event.input.display = False
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            # esc shows (and works) only while there is a filter to clear or leave
            box = self.query("#filter")
            return bool(self.filter_text) or bool(box and box.first().display)
        return True

    def action_back(self) -> None:
        """Escape: clear the filter, or leave the filter line, or go back to the table."""
        box = self.query_one("#filter", Input)
        table = self.query_one(ArticleTable)
        if self.filter_text:
            self.set_filter("")
            box.display = False
            table.focus()
        elif box.has_focus or not table.has_focus:
            box.display = False
            table.focus()
        self.refresh_bindings()

    @on(TagSidebar.Chosen)
    def _sidebar_chosen(self, event: TagSidebar.Chosen) -> None:
        self.set_filter(event.query)
        self.query_one(ArticleTable).focus()

    # --- sorting ------------------------------------------------------------------

    def set_sort(self, sort: str, reverse: bool = False) -> None:
        self.sort = sort
        self.reverse = reverse
        self._rebuild()

    def action_sort(self) -> None:
        keys = [k for k, _ in SORTS]
        self.set_sort(keys[(keys.index(self.sort) + 1) % len(keys)])
        self.app.notify(f"Sorted by {dict(SORTS)[self.sort]}", timeout=2, markup=False)

    def action_reverse_sort(self) -> None:
        self.set_sort(self.sort, not self.reverse)

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        sort = COLUMN_SORT.get(str(event.column_key.value), "library")
        self.set_sort(sort, reverse=not self.reverse if sort == self.sort else False)

    # --- actions --------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.query_one(ArticleTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(ArticleTable).action_cursor_up()

    @on(DataTable.RowSelected, "#articles")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.open_article(str(event.row_key.value))

    def open_article(self, article_id: str) -> None:
        """Push the reader for ``article_id`` (the reader marks it read)."""
        try:
            from .reader import ReaderScreen
        except ImportError:
            self.app.notify("The reader screen is not built yet.", severity="warning")
            return
        self.app.push_screen(ReaderScreen(article_id))

    def _writable_row(self) -> Row | None:
        row = self.current_row()
        if row is None:
            self.app.notify("No article selected.", severity="warning", timeout=2)
            return None
        if not self.app.can_write():
            return None
        return row

    def action_star(self) -> None:
        row = self._writable_row()
        if row is None:
            return
        with self.app.store_errors():
            row.state = self.app.store.set_starred(row.id, not row.state.starred)
        self.rows_changed([row.id])

    def set_status(self, status: str) -> None:
        """Give the article under the cursor ``status`` (unread, read, archived)."""
        row = self._writable_row()
        if row is None:
            return
        with self.app.store_errors():
            row.state = self.app.store.set_status(row.id, status)
        self.rows_changed([row.id])

    def action_archive(self) -> None:
        """Archive the article, or bring an archived one back (as read)."""
        row = self.current_row()
        if row is not None:
            self.set_status("read" if row.state.status == "archived" else "archived")

    def action_mark_read(self) -> None:
        """Toggle read / unread."""
        row = self.current_row()
        if row is not None:
            self.set_status("unread" if row.state.status != "unread" else "read")

    def action_tags(self) -> None:
        row = self._writable_row()
        if row is None:
            return
        known: set[str] = set()
        for other in self.rows.values():
            known.update(other.tags)
        article_id = row.id

        def done(tags: list[str] | None) -> None:
            if tags is None:
                return
            self.apply_tags(article_id, tags)

        self.app.push_screen(TagEditor(row.tags, sorted(known)), done)

    def apply_tags(self, article_id: str, tags: list[str]) -> None:
        """Make the article's tags ``tags`` (tags from the article file cannot be removed).

        Tags compare in their normalised form, so a file tag ``AI`` and a typed
        ``ai`` are the same tag.
        """
        row = self.rows[article_id]
        store = self.app.store
        wanted = {normalise_tag(t) for t in tags}
        from_file = {normalise_tag(t) for t in row.meta.tags}
        mine = {normalise_tag(t): t for t in row.state.tags}
        with self.app.store_errors():
            for tag in tags:
                norm = normalise_tag(tag)
                if norm not in mine and norm not in from_file:
                    row.state = store.add_tag(article_id, tag)
                    mine[norm] = tag
            for norm, tag in list(mine.items()):
                if norm not in wanted:
                    row.state = store.remove_tag(article_id, tag)
        kept = [t for t in row.meta.tags if normalise_tag(t) not in wanted]
        if kept:
            self.app.notify(
                "Tags from the article file stay: " + ", ".join(clean_for_display(t) for t in kept),
                severity="warning",
                markup=False,
            )
        self.rows_changed([article_id])

    def action_note(self) -> None:
        row = self._writable_row()
        if row is None:
            return
        article_id = row.id

        def done(body: str | None) -> None:
            if body is None:
                return
            if not body.strip():
                self.app.notify("Empty note not saved.", timeout=2)
                return
            with self.app.store_errors():
                self.app.store.add_note(article_id, body)
                self.app.notify("Note added.", timeout=2)
            self.refresh_states([article_id])

        self.app.push_screen(NoteEditor(row.title), done)

    def action_reload(self) -> None:
        self.query_one(ArticleTable).loading = True
        self.load()
