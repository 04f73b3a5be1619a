"""The article laid out for reading, with highlights, notes and a keyboard cursor.

One ``Static`` per block inside a ``VerticalScroll``: Textual lays out and wraps
each block, mouse selection works for free, and a cursor move only re-renders
the one or two blocks it touches (each block keeps a cached base ``Text`` with
its entity/figure/note styles; the cursor and selection are overlaid on a copy).

Untrusted text never goes through markup: every block is a ``rich.text.Text``
built from ``clean_for_display(article.text[...])``, which keeps offsets
one-for-one, and styled by offset.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Region, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.widget import AwaitMount, Widget
from textual.widgets import Static

from ..model import ENTITY_LABELS, FIGURE_LABELS, Article, Block, Note, Span, clean_for_display

ALL_LABELS = ENTITY_LABELS + FIGURE_LABELS

#: Blocks that are one cursor unit each (never split into sentences).
WHOLE_BLOCK_KINDS = {"title", "heading", "stat", "stat_caption", "citation", "chrome"}
#: Blocks whose single newlines are soft wraps (joined with a space for reading).
FLOW_KINDS = {"paragraph", "standfirst", "bullet", "teaser", "stat_caption"}

_ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "prof", "st", "inc", "ltd", "co", "corp", "vs", "etc", "e.g",
    "i.e", "u.s", "u.k", "u.n", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "gen", "gov", "sen", "rep", "jr", "sr", "fig",
    "approx", "est", "dept", "univ", "mt", "ft", "op", "cf", "al",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9$€£¥])")
_WORD = re.compile(r"[^\s\"“”‘()\[\]{}<>,;:!?]+")


def label_class(label: str) -> str:
    return f"article-view--{label.lower()}"


def split_sentences(text: str, base: int) -> list[tuple[int, int]]:
    """Sentence ranges (absolute offsets, whitespace-trimmed) in ``text`` at ``base``."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        head = text[pos : m.start() + 1]
        words = head.split()
        last = words[-1].rstrip(".!?…\"'”’)]").lower() if words else ""
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        out.append((pos, m.end()))
        pos = m.end()
    out.append((pos, len(text)))
    trimmed = []
    for s, e in out:
        chunk = text[s:e]
        ls = len(chunk) - len(chunk.lstrip())
        rs = len(chunk.rstrip())
        if rs > ls:
            trimmed.append((base + s + ls, base + s + rs))
    return trimmed


def word_ranges(text: str, base: int) -> list[tuple[int, int]]:
    out = []
    for m in _WORD.finditer(text):
        s, e = m.start(), m.end()
        token = m.group(0)
        if token.endswith(".") and "." not in token[:-1]:
            e -= 1
        while e > s and text[e - 1] in "'’\"":
            e -= 1
        if e > s:
            out.append((base + s, base + e))
    return out


@dataclass(slots=True)
class Unit:
    """A cursor stop: a sentence (or whole short block) in a visible block."""

    start: int
    end: int
    block: int  # index into ArticleView.blocks


class BlockView(Static):
    """One block of the article."""

    def __init__(self, index: int, block: Block, start: int, end: int) -> None:
        super().__init__("", markup=False, classes=f"block -{block.kind}")
        self.index = index
        self.block = block
        self.start = start  # display range (whitespace-trimmed)
        self.end = end
        self.base: Text = Text()

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> BlockView:
        # A plain repaint marks the whole widget dirty with an explicit region:
        # Widget.refresh() would look up this widget's screen region, and for a
        # block scrolled out of view that costs a full arrange of the article.
        if repaint and not regions and not layout and not recompose and self.outer_size:
            regions = (self.outer_size.region,)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class ArticleView(VerticalScroll, can_focus=True, inherit_bindings=False):
    """The article: blocks, highlights, notes, cursor and selection."""

    COMPONENT_CLASSES = {
        *(label_class(label) for label in ALL_LABELS),
        "article-view--note",
        "article-view--highlight",
        "article-view--cursor",
        "article-view--selection",
    }

    class CursorMoved(Message):
        """The cursor or selection changed."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    class Restyled(Message):
        """The label styles changed (theme switch): legends and panels should redraw."""

    show_chrome: reactive[bool] = reactive(True)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.spans: list[Span] = []
        self.notes: list[Note] = []
        self.views: list[BlockView] = []
        self._view_starts: list[int] = []
        self.units: list[Unit] = []
        self._unit_starts: list[int] = []
        self._span_starts: list[int] = []
        self.cursor: tuple[int, int] = (0, 0)
        self.cursor_kind = "sentence"  # "sentence", "block", "word", "span"
        self.selection_anchor: tuple[int, int] | None = None
        self._styles: dict[str, Style] | None = None
        self._painted: set[int] = set()
        self._geometry: dict[BlockView, Region] | None = None
        self._note_lines: dict[int, Static] = {}

    # --- styles --------------------------------------------------------------

    def styles_for_labels(self) -> dict[str, Style]:
        """Rich styles of every component class, from the current CSS/theme."""
        if self._styles is None:
            styles = {}
            for name in self.COMPONENT_CLASSES:
                # The partial style has only what the rule sets (no inherited colour), but
                # its colours are unblended; take the blended colours from the full style.
                partial = self.get_component_rich_style(name, partial=True)
                full = self.get_component_rich_style(name)
                styles[name] = partial + Style.from_color(
                    full.color if partial.color is not None else None,
                    full.bgcolor if partial.bgcolor is not None else None,
                )
            self._styles = styles
        return self._styles

    def label_style(self, label: str) -> Style:
        return self.styles_for_labels().get(label_class(label), Style())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self._styles is not None and self.is_mounted:
            # The stylesheet is still being applied: compare after this refresh.
            self.call_after_refresh(self._restyle_if_changed)

    def _restyle_if_changed(self) -> None:
        """The theme or CSS changed: rebuild the blocks if any label style did."""
        if not self.is_attached or not self.is_mounted or not self._component_styles:
            return  # the reader is closing
        old = self._styles
        self._styles = None
        self._rich_style_cache.clear()
        try:
            changed = old is not None and self.views and self.styles_for_labels() != old
        except KeyError:  # component styles are gone: the widget is being removed
            self._styles = old
            return
        if changed:
            self._rebuild_all()
            self.post_message(self.Restyled())

    # --- content -------------------------------------------------------------

    def set_article(
        self, article: Article, spans: list[Span], notes: list[Note], position: int = 0
    ) -> AwaitMount:
        """Lay out a new article and put the cursor at ``position``.

        Not a coroutine, so the caller can batch its own updates with the mount
        (one layout pass for the whole screen); await the result to wait for it.
        """
        self.article = article
        self.spans = sorted(spans, key=lambda s: (s.start, -s.end))
        self._span_starts = [s.start for s in self.spans]
        self.notes = list(notes)
        self.selection_anchor = None
        if self.children:
            self.remove_children()
        self.views = []
        widgets = []
        previous_kind = ""
        last_row = Horizontal()
        for block in article.blocks:
            if block.kind == "meta":
                continue
            raw = article.text[block.start : block.end]
            lead = len(raw) - len(raw.lstrip())
            end = block.start + len(raw.rstrip())
            start = block.start + lead
            if end <= start:
                continue
            view = BlockView(len(self.views), block, start, end)
            self.views.append(view)
            if block.kind == "teaser" and previous_kind != "teaser":
                widgets.append(Static("(other article)", classes="teaser-label", markup=False))
            if block.kind == "bullet":
                row = Horizontal(Static(" •", classes="bullet-mark"), view, classes="bullet-row")
                widgets.append(row)
                last_row = row
            else:
                widgets.append(view)
            if block.kind != "bullet" and previous_kind == "bullet":
                last_row.add_class("-last")
            previous_kind = block.kind
        if previous_kind == "bullet":
            last_row.add_class("-last")
        self._view_starts = [v.start for v in self.views]
        self._build_units()
        for view in self.views:
            view.base = self._base_text(view)
            view.update(view.base, layout=True)
        # Note bodies show in the text, under the block their passage ends in.
        self._note_lines = {}
        for index, text in self._note_texts().items():
            box = Static(text, classes="note-inline", markup=False)
            self._note_lines[index] = box
            outer = self._outer(self.views[index])
            widgets.insert(widgets.index(outer) + 1, box)
        mounted = self.mount_all(widgets)
        self._painted = set()
        unit = self.unit_at(position) if position else self._first_reading_unit()
        if unit is not None:
            self.cursor = (unit.start, unit.end)
        self.cursor_kind = "sentence"
        self._paint()
        self._geometry = None
        self.call_after_refresh(self.scroll_to_cursor, False)
        return mounted

    def _first_reading_unit(self) -> Unit | None:
        """Where a fresh article opens: the title, else the first block that is not chrome."""
        for kind in ("title", None):
            for unit in self.units:
                block = self.views[unit.block].block
                if block.kind == kind or (kind is None and block.kind not in ("chrome", "teaser")):
                    return unit
        return self.units[0] if self.units else None

    def set_spans(self, spans: list[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, -s.end))
        self._span_starts = [s.start for s in self.spans]
        if self.cursor_kind == "span" and self.span_at(*self.cursor) is None:
            unit = self.unit_at(self.cursor[0])
            if unit is not None:
                self.cursor = (unit.start, unit.end)
                self.cursor_kind = "sentence"
        self._rebuild_all()

    def set_notes(self, notes: list[Note]) -> None:
        """Show these notes; only the blocks whose notes changed are rebuilt."""

        def marks(items: list[Note]) -> set[tuple[str, int, int, str]]:
            out = set()
            for note in items:
                rng = note_range(note)
                if rng is not None:
                    out.add((note.id, rng[0], rng[1], note.kind))
            return out

        changed = marks(self.notes) ^ marks(notes)
        self.notes = list(notes)
        touched: set[int] = set()
        for _, start, end, _ in changed:
            touched |= self._blocks_touching(start, end)
        for i in touched:
            view = self.views[i]
            view.base = self._base_text(view)
            view.update(view.base, layout=False)
        self._painted |= touched
        self._paint()
        self._sync_note_lines()

    @staticmethod
    def _outer(view: BlockView) -> Widget:
        """The direct child of the article that holds ``view`` (a bullet row, or itself)."""
        return view.parent if isinstance(view.parent, Horizontal) else view

    def _note_texts(self) -> dict[int, Text]:
        """Block index -> the bodies of the notes shown under it (article notes: the title)."""
        grouped: dict[int, list[Note]] = {}
        title = next((v.index for v in self.views if v.block.kind == "title"), 0)
        for note in self.notes:
            if not note.body.strip() or not self.views:
                continue
            rng = note_range(note)
            if note.anchor is None:
                index = title
            elif rng is None:
                continue  # orphaned: listed in the notes panel only
            else:
                view = self.view_at(max(rng[0], rng[1] - 1)) or self.view_at(rng[0])
                if view is None:
                    continue
                index = view.index
            grouped.setdefault(index, []).append(note)
        out: dict[int, Text] = {}
        for index, notes in grouped.items():
            text = Text(end="")
            for note in notes:
                if text.plain:
                    text.append("\n")
                body = " ".join(clean_for_display(note.body).split())
                if len(body) > 400:
                    body = body[:399] + "…"
                text.append("✎ " if note.anchor is not None else "✎ On the article: ")
                text.append(body)
                if note.tags:
                    tags = " ".join("#" + clean_for_display(t) for t in note.tags)
                    text.append("  " + tags, style="dim")
            out[index] = text
        return out

    def _sync_note_lines(self) -> None:
        """Add, update or remove the note lines after the notes changed."""
        wanted = self._note_texts()
        changed = False
        for index in list(self._note_lines):
            if index not in wanted:
                self._note_lines.pop(index).remove()
                changed = True
        for index, text in wanted.items():
            box = self._note_lines.get(index)
            if box is None:
                box = Static(text, classes="note-inline", markup=False)
                self._note_lines[index] = box
                self.mount(box, after=self._outer(self.views[index]))
                changed = True
            elif box.content is not text:
                box.update(text)
                changed = True
        if changed:
            self._geometry = None

    def _rebuild_all(self) -> None:
        for view in self.views:
            view.base = self._base_text(view)
        self._painted = set(range(len(self.views)))
        self._paint(force=True)

    def watch_show_chrome(self, show: bool) -> None:
        self.set_class(not show, "-hide-chrome")
        self._geometry = None
        self._build_units()
        if not self.units:
            return
        if self.unit_at(self.cursor[0]) is None or not self._visible_offset(self.cursor[0]):
            unit = self._nearest_unit(self.cursor[0])
            self.cursor = (unit.start, unit.end)
            self.cursor_kind = "sentence"
            self._paint()
        self.call_after_refresh(self.scroll_to_cursor, False)

    def _visible_view(self, view: BlockView) -> bool:
        return self.show_chrome or view.block.kind != "chrome"

    def _visible_offset(self, offset: int) -> bool:
        view = self.view_at(offset)
        return view is not None and self._visible_view(view)

    def _build_units(self) -> None:
        if self.article is None:
            return
        text = self.article.text
        units: list[Unit] = []
        for view in self.views:
            if not self._visible_view(view):
                continue
            if view.block.kind in WHOLE_BLOCK_KINDS:
                units.append(Unit(view.start, view.end, view.index))
                continue
            for s, e in split_sentences(text[view.start : view.end], view.start):
                units.append(Unit(s, e, view.index))
        self.units = units
        self._unit_starts = [u.start for u in units]

    def _display_text(self, view: BlockView) -> str:
        assert self.article is not None
        raw = clean_for_display(self.article.text[view.start : view.end])
        if view.block.kind in FLOW_KINDS:
            raw = raw.replace("\r", " ").replace("\n", " ")
        return raw

    def _base_text(self, view: BlockView) -> Text:
        text = Text(self._display_text(view), end="")
        styles = self.styles_for_labels()
        a, b = view.start, view.end
        lo = bisect.bisect_left(self._span_starts, a - 200)
        for span in self.spans[lo:]:
            if span.start >= b:
                break
            if span.end <= a:
                continue
            style = styles.get(label_class(span.label))
            if style:
                text.stylize(style, max(span.start, a) - a, min(span.end, b) - a)
        for note in self.notes:
            rng = note_range(note)
            if rng is None or rng[1] <= a or rng[0] >= b:
                continue
            name = "article-view--highlight" if note.kind == "highlight" else "article-view--note"
            text.stylize(styles[name], max(rng[0], a) - a, min(rng[1], b) - a)
        return text

    # --- painting ------------------------------------------------------------

    def selection(self) -> tuple[int, int] | None:
        """The active selection range (anchor ∪ cursor), or None."""
        if self.selection_anchor is None:
            return None
        return (
            min(self.selection_anchor[0], self.cursor[0]),
            max(self.selection_anchor[1], self.cursor[1]),
        )

    def target_range(self) -> tuple[int, int]:
        """What `h`/`n` act on: the keyboard selection, else a mouse selection, else the
        sentence the cursor is in (also when the cursor is on a word or a highlight)."""
        chosen = self.selection() or self.mouse_range()
        if chosen:
            return chosen
        if self.cursor_kind == "sentence":
            return self.cursor
        unit = self.unit_at(self.cursor[0])
        return (unit.start, unit.end) if unit is not None else self.cursor

    def name_range(self) -> tuple[int, int]:
        """What `E` teaches: the selection, else a mouse selection, else the word/highlight."""
        return self.selection() or self.mouse_range() or self.cursor

    def mouse_range(self) -> tuple[int, int] | None:
        """The article range selected with the mouse (Textual text selection), if any."""
        if not self.is_mounted:
            return None
        ranges = []
        for widget, sel in self.screen.selections.items():
            if not isinstance(widget, BlockView) or widget.parent is None:
                continue
            plain = widget.base.plain
            lines = plain.split("\n")

            def index(offset, default: int, lines: list[str] = lines) -> int:
                if offset is None:
                    return default
                y = max(0, min(offset.y, len(lines) - 1))
                x = max(0, min(offset.x, len(lines[y])))
                return sum(len(line) + 1 for line in lines[:y]) + x

            a, b = index(sel.start, 0), index(sel.end, len(plain))
            if b > a:
                ranges.append((widget.start + a, widget.start + b))
        if not ranges:
            return None
        start, end = min(r[0] for r in ranges), max(r[1] for r in ranges)
        assert self.article is not None
        chunk = self.article.text[start:end]
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        return (start, end) if end > start else None

    def _blocks_touching(self, start: int, end: int) -> set[int]:
        if not self.views:
            return set()
        lo = max(0, bisect.bisect_right(self._view_starts, start) - 1)
        out = set()
        for i in range(lo, len(self.views)):
            v = self.views[i]
            if v.start >= max(end, start + 1):
                break
            if v.end > start or (start == end == v.start):
                out.add(i)
        return out

    def _paint(self, force: bool = False) -> None:
        """Re-render blocks whose overlay changed (and those painted last time)."""
        styles = self.styles_for_labels()
        sel = self.selection()
        wanted = self._blocks_touching(*self.cursor)
        if sel:
            wanted |= self._blocks_touching(*sel)
        todo = wanted | self._painted
        for i in todo:
            view = self.views[i]
            text = view.base
            if i in wanted:
                text = text.copy()
                a, b = view.start, view.end
                if sel and sel[0] < b and sel[1] > a:
                    text.stylize(
                        styles["article-view--selection"], max(sel[0], a) - a, min(sel[1], b) - a
                    )
                c0, c1 = self.cursor
                if c0 < b and c1 > a:
                    text.stylize(styles["article-view--cursor"], max(c0, a) - a, min(c1, b) - a)
            view.update(text, layout=False)
        self._painted = wanted
        self.post_message(self.CursorMoved(self))

    def scroll_to_cursor(self, animate: bool = False) -> None:
        view = self.view_at(self.cursor[0])
        if view is None or not view.is_mounted:
            return
        region = self._block_region(view)
        if region is None:
            return
        window_height = self.scrollable_content_region.height
        if region.height > window_height - 2:
            width = view.outer_size.width - view.styles.gutter.width
            first, last = self._line_span(view, max(1, width))
            region = Region(region.x, region.y + first, region.width, last - first + 1)
        self.scroll_to_region(region, animate=animate, spacing=Spacing(1, 0, 1, 0), immediate=True)

    def _block_region(self, view: BlockView) -> Region | None:
        """Where a block sits in the article's scrollable space.

        Cached for all blocks at once: asking Textual for an off-screen widget's
        region arranges the whole article, so do it once per layout, not per key.
        """
        cached = self._geometry.get(view) if self._geometry is not None else None
        if cached is not None and cached.height == 0:
            self._geometry = None  # computed before layout: ask again
        if self._geometry is None:
            geometry: dict[BlockView, Region] = {}
            for block in self.views:
                outer = block.parent if isinstance(block.parent, Horizontal) else block
                if outer is not None and outer.display:
                    geometry[block] = outer.virtual_region
            self._geometry = geometry
        return self._geometry.get(view)

    def _invalidate_geometry(self) -> None:
        self._geometry = None

    def on_resize(self) -> None:
        self._invalidate_geometry()

    def _line_of(self, view: BlockView, offset: int, width: int) -> int:
        """The wrapped line of ``offset`` inside ``view`` (approximate)."""
        pos = 0
        for i, line in enumerate(view.base.wrap(self.app.console, width)):
            pos += len(line.plain)
            if pos > offset - view.start:
                return i
        return 0

    def _line_span(self, view: BlockView, width: int) -> tuple[int, int]:
        """First and last wrapped line of the cursor inside ``view`` (approximate)."""
        lines = view.base.wrap(self.app.console, width)
        c0 = self.cursor[0] - view.start
        c1 = max(c0, self.cursor[1] - view.start - 1)
        first = last = 0
        pos = 0
        for i, line in enumerate(lines):
            n = len(line.plain)
            if pos <= c0:
                first = i
            if pos <= c1:
                last = i
            pos += n
        return first, last

    # --- lookups -------------------------------------------------------------

    def view_at(self, offset: int) -> BlockView | None:
        i = bisect.bisect_right(self._view_starts, offset) - 1
        if 0 <= i < len(self.views) and offset < self.views[i].end:
            return self.views[i]
        return None

    def unit_at(self, offset: int) -> Unit | None:
        i = bisect.bisect_right(self._unit_starts, offset) - 1
        if 0 <= i < len(self.units) and offset < self.units[i].end:
            return self.units[i]
        return self._nearest_unit(offset) if self.units else None

    def _nearest_unit(self, offset: int) -> Unit:
        i = bisect.bisect_right(self._unit_starts, offset) - 1
        return self.units[max(0, min(i, len(self.units) - 1))]

    def span_at(self, start: int, end: int) -> Span | None:
        """The span exactly at ``start:end``, else the first span inside it."""
        inside = None
        for span in self.spans_in(start, end):
            if span.start == start and span.end == end:
                return span
            if inside is None and span.start >= start and span.end <= end:
                inside = span
        return inside

    def spans_in(self, start: int, end: int) -> Iterable[Span]:
        lo = bisect.bisect_left(self._span_starts, start - 200)
        for span in self.spans[lo:]:
            if span.start >= end:
                break
            if span.end > start:
                yield span

    def cursor_span(self) -> Span | None:
        """The highlight under the cursor: the one it is on, or the only one in its sentence."""
        if self.cursor_kind == "span":
            return self.span_at(*self.cursor)
        inside = [s for s in self.spans_in(*self.cursor) if s.start >= self.cursor[0]]
        if self.cursor_kind == "word":
            for s in self.spans_in(*self.cursor):
                return s
        return inside[0] if len(inside) == 1 else None

    def cursor_text(self) -> str:
        if self.article is None:
            return ""
        a, b = self.target_range()
        return self.article.text[a:b]

    def unit_index(self) -> int:
        i = bisect.bisect_right(self._unit_starts, self.cursor[0]) - 1
        return max(0, i)

    # --- movement ------------------------------------------------------------

    def set_cursor(self, start: int, end: int, kind: str = "sentence", scroll: bool = True) -> None:
        self.cursor = (start, end)
        self.cursor_kind = kind
        self._paint()
        if scroll:
            self.scroll_to_cursor()

    def move_sentence(self, delta: int) -> None:
        if not self.units:
            return
        i = bisect.bisect_right(self._unit_starts, self.cursor[0]) - 1
        if self.cursor_kind != "sentence" and delta > 0 and i >= 0:
            # From a word/highlight inside a sentence, down goes to the next sentence.
            pass
        elif self.cursor_kind != "sentence" and delta < 0 and i >= 0:
            unit = self.units[i]
            if unit.start < self.cursor[0]:
                delta += 1  # first go to the start of the containing sentence
        i = max(0, min(len(self.units) - 1, i + delta))
        unit = self.units[i]
        self.set_cursor(unit.start, unit.end, "sentence")

    def move_block(self, delta: int) -> None:
        """Move to the first sentence of the next/previous block (paragraph)."""
        if not self.units:
            return
        cur = self.unit_at(self.cursor[0])
        block = cur.block if cur else 0
        firsts: list[Unit] = []
        seen = set()
        for unit in self.units:
            if unit.block not in seen:
                seen.add(unit.block)
                firsts.append(unit)
        blocks = [u.block for u in firsts]
        j = bisect.bisect_left(blocks, block)
        if delta < 0 and cur is not None and (cur.start > firsts[min(j, len(firsts) - 1)].start):
            j += 1  # mid-paragraph: `{` goes to the start of this paragraph
        j = max(0, min(len(firsts) - 1, j + delta))
        unit = firsts[j]
        self.set_cursor(unit.start, unit.end, "sentence")

    def move_page(self, delta: int) -> None:
        """Scroll a screen down/up and put the cursor on the first sentence in view."""
        height = max(1, self.scrollable_content_region.height - 2)
        target = self.scroll_y + height if delta > 0 else max(0, self.scroll_y - height)
        self.scroll_to(y=target, animate=False, immediate=True)
        top = min(target, self.max_scroll_y)
        for unit in self.units:
            view = self.views[unit.block]
            region = self._block_region(view)
            if region is None or region.bottom <= top:
                continue
            y = region.y
            if y < top:  # a tall block straddles the top: which line is this sentence on?
                width = max(1, view.outer_size.width - view.styles.gutter.width)
                y += view.styles.gutter.top + self._line_of(view, unit.start, width)
            if y >= top:
                self.set_cursor(unit.start, unit.end, "sentence", scroll=False)
                return
        if self.units:
            last = self.units[-1]
            self.set_cursor(last.start, last.end, "sentence", scroll=False)

    def move_word(self, delta: int) -> None:
        if self.article is None or not self.units:
            return
        offset = self.cursor[0]
        view = self.view_at(offset) or self.views[self.unit_at(offset).block]  # type: ignore[union-attr]
        order = [v for v in self.views if self._visible_view(v)]
        idx = order.index(view) if view in order else 0
        words: list[tuple[int, int]] = []
        for v in order[max(0, idx - 1) : idx + 2]:
            words.extend(word_ranges(self.article.text[v.start : v.end], v.start))
        starts = [w[0] for w in words]
        if delta > 0:
            strict = self.cursor_kind in ("word", "span")
            i = (
                bisect.bisect_right(starts, offset)
                if strict
                else bisect.bisect_left(starts, offset)
            )
        else:
            i = bisect.bisect_left(starts, offset) - 1
        if 0 <= i < len(words):
            self.set_cursor(*words[i], "word")

    def move_span(self, delta: int) -> bool:
        """Next/previous highlight; False when there is none that way."""
        if not self.spans:
            return False
        c0 = self.cursor[0]
        if delta > 0:
            strict = self.cursor_kind in ("span", "word")
            i = (
                bisect.bisect_right(self._span_starts, c0)
                if strict
                else bisect.bisect_left(self._span_starts, c0)
            )
            candidates = self.spans[i:]
        else:
            i = bisect.bisect_left(self._span_starts, c0)
            candidates = list(reversed(self.spans[:i]))
        for span in candidates:
            if self._visible_offset(span.start):
                self.set_cursor(span.start, span.end, "span")
                return True
        return False

    def jump_to(self, start: int, end: int | None = None, kind: str = "span") -> None:
        if end is None:
            unit = self.unit_at(start)
            if unit is None:
                return
            start, end, kind = unit.start, unit.end, "sentence"
        self.set_cursor(start, end, kind)

    def toggle_selection(self) -> bool:
        """Start a selection at the cursor, or cancel it. True when one is active."""
        if self.selection_anchor is None:
            self.selection_anchor = self.cursor
        else:
            self.selection_anchor = None
        self._paint()
        return self.selection_anchor is not None

    def clear_selection(self) -> None:
        """Cancel the keyboard selection and any mouse selection in the article."""
        if self.is_mounted and self.screen.selections:
            self.screen.clear_selection()
        if self.selection_anchor is not None:
            self.selection_anchor = None
            self._paint()


def note_range(note: Note) -> tuple[int, int] | None:
    if note.anchor is None or note.orphaned:
        return None
    if note.anchor.end <= note.anchor.start:
        return None
    return note.anchor.start, note.anchor.end
