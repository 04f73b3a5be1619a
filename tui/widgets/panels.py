"""The reader's side panels (entities, figures, notes) and the label legend.

All text shown here comes from the article or the user: it is wrapped in
``rich.text.Text`` after ``clean_for_display``, never parsed as markup.
"""

from __future__ import annotations

import contextlib
from collections import Counter, defaultdict
from collections.abc import Mapping

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList, Static, TabbedContent
from textual.widgets.option_list import Option

from ..model import ENTITY_LABELS, FIGURE_LABELS, Note, Span, clean_for_display

LABEL_NAMES = {
    "ORG": "Organisations",
    "PERSON": "People",
    "GPE": "Places",
    "LAW": "Laws & programmes",
    "PRODUCT": "Products",
    "MONEY": "Money",
    "PERCENT": "Percentages",
    "DATE": "Dates",
    "CARDINAL": "Numbers",
    "QUANTITY": "Quantities",
    "ORDINAL": "Ordinals",
}


def safe(text: str | None, limit: int | None = None) -> str:
    """Untrusted text for one line of a panel: control chars replaced, whitespace folded."""
    out = " ".join(clean_for_display(text or "").split())
    if limit is not None and len(out) > limit:
        out = out[: limit - 1].rstrip() + "…"
    return out


def format_number(value: float) -> str:
    a = abs(value)
    for factor, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " m")):
        if a >= factor:
            return f"{value / factor:,.3g}{suffix}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4g}"


def format_value(span: Span) -> str:
    """A figure's normalised value and unit, for people: 'USD 5.2 bn', '28%', '2026-05'."""
    value, unit = span.value, span.unit
    if value is None:
        return ""
    if (span.label == "PERCENT" or unit in ("ratio", "fraction")) and isinstance(
        value, int | float
    ):
        pct = value * 100 if unit in ("ratio", "fraction") or abs(value) <= 1 else value
        return f"{pct:.4g}%"
    if isinstance(value, list | tuple):
        inner = " – ".join(safe(str(v)) for v in value)
        return f"{inner} {safe(unit)}".strip() if unit and span.label != "DATE" else inner
    if isinstance(value, int | float) and not isinstance(value, bool):
        num = format_number(value)
        if unit and unit.isupper() and len(unit) == 3:  # currency code
            return f"{unit} {num}"
        return f"{num} {safe(unit)}".strip() if unit else num
    return safe(str(value)) + (f" ({safe(unit)})" if unit and span.label != "DATE" else "")


class Legend(Static):
    """One line naming the labels present in the article, each in its colour."""

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)

    def show_labels(self, spans: list[Span], styles: Mapping[str, Style]) -> None:
        counts = Counter(s.label for s in spans)
        text = Text(no_wrap=False, end="")
        if not counts:
            text.append("No entities or figures found", style="italic")
        for label in ENTITY_LABELS + FIGURE_LABELS:
            if counts.get(label):
                if text.plain:
                    text.append("  ")
                text.append(label, style=styles.get(f"article-view--{label.lower()}"))
                text.append(f" {counts[label]}", style="dim")
        self.update(text)


class PanelList(OptionList):
    """An option list with vim keys; esc hands focus back to the article."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("escape", "leave", "Back to article", show=False),
    ]

    class Leave(Message):
        pass

    def action_leave(self) -> None:
        self.post_message(self.Leave())


class EntitiesPanel(PanelList):
    """Entities grouped by label with counts; selecting one jumps to its next mention."""

    class Chosen(Message):
        def __init__(self, key: str, label: str) -> None:
            super().__init__()
            self.key = key
            self.label = label

    def show_spans(
        self,
        spans: list[Span],
        styles: Mapping[str, Style],
        mentions: Mapping[tuple[str, str], list] | None = None,
    ) -> None:
        """Group ``spans`` by label; ``mentions`` gives other articles per (label, key)."""
        mentions = mentions or {}
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        groups: dict[str, Counter[str]] = defaultdict(Counter)
        for span in spans:
            if span.kind == "entity":
                groups[span.label][entity_key(span)] += 1
        options: list[Option | None] = []
        for label in ENTITY_LABELS:
            if label not in groups:
                continue
            counter = groups[label]
            head = Text(end="")
            head.append(f" {label} ", style=styles.get(f"article-view--{label.lower()}"))
            head.append(f" {LABEL_NAMES[label]} · {sum(counter.values())}", style="bold")
            if options:
                options.append(None)
            options.append(Option(head, disabled=True))
            for key, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].lower())):
                line = Text(end="")
                line.append(f"{count:>4} ", style="dim")
                line.append(safe(key, 30))
                others = len(mentions.get((label, key), ()))
                if others:
                    line.append(f" +{others}", style="dim italic")
                options.append(Option(line, id=f"{label}\x00{key}"))
        if not options:
            options.append(Option(Text("No entities found", style="italic"), disabled=True))
        self.set_options(options)
        if highlighted is not None:
            with contextlib.suppress(Exception):
                self.highlighted = self.get_option_index(highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            label, key = event.option.id.split("\x00", 1)
            self.post_message(self.Chosen(key, label))


def entity_key(span: Span) -> str:
    return span.canonical or span.text


class FiguresPanel(PanelList):
    """Figures in reading order: text, normalised value and unit, what it measures."""

    class Chosen(Message):
        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start = start
            self.end = end

    def show_spans(self, spans: list[Span], styles: Mapping[str, Style]) -> None:
        options: list[Option | None] = []
        for span in spans:
            if span.kind != "figure":
                continue
            line = Text(end="")
            line.append(
                safe(span.text, 24), style=styles.get(f"article-view--{span.label.lower()}")
            )
            value = format_value(span)
            if value and value != safe(span.text):
                line.append(f" = {value}", style="bold")
            line.append(f"  {span.label}", style="dim")
            if span.measures:
                line.append("\n  " + safe(span.measures, 36), style="italic dim")
            options.append(Option(line, id=f"{span.start}:{span.end}"))
        if not options:
            options.append(Option(Text("No figures found", style="italic"), disabled=True))
        self.set_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            start, end = event.option.id.split(":")
            self.post_message(self.Chosen(int(start), int(end)))


class NotesPanel(PanelList):
    """Notes and highlights: quote, body and tags; orphaned ones listed apart."""

    BINDINGS = [
        Binding("d,delete", "delete_note", "Delete note", id="notes.delete"),
        Binding("enter", "select", "Go to / edit", show=False),
        Binding("m", "edit_note", "Edit note", id="notes.edit"),
        # For orphaned notes above all, but any note can be moved this way.
        Binding("a", "reattach_note", "Re-attach here", id="notes.reattach"),
        Binding("A", "keep_article_note", "Keep as article note", id="notes.keep_article"),
    ]

    class Chosen(Message):
        def __init__(self, note_id: str, action: str) -> None:
            super().__init__()
            self.note_id = note_id
            # "goto", "edit", "delete", "reattach" (to the reader's selection or
            # cursor sentence), "keep_article" (drop the anchor).
            self.action = action

    def show_notes(self, notes: list[Note], styles: Mapping[str, Style]) -> None:
        highlighted = self._highlighted_id()
        anchored = [n for n in notes if n.anchor is not None and not n.orphaned]
        anchored.sort(key=lambda n: n.anchor.start if n.anchor else 0)
        general = [n for n in notes if n.anchor is None]
        orphaned = [n for n in notes if n.anchor is not None and n.orphaned]
        options: list[Option | None] = []
        for title, group in (("On the article", general), ("In the text", anchored)):
            if not group:
                continue
            if options:
                options.append(None)
            options.append(Option(Text(f"{title} · {len(group)}", style="bold"), disabled=True))
            options.extend(self._note_option(n, styles) for n in group)
        if orphaned:
            if options:
                options.append(None)
            head = Text(f"Orphaned · {len(orphaned)}", style="bold")
            head.append("  (passage no longer found)", style="dim")
            options.append(Option(head, disabled=True))
            options.extend(self._note_option(n, styles) for n in orphaned)
        if not options:
            empty = Text(
                "No notes yet.\nn: note on the sentence · h: highlight · N: on the article"
            )
            empty.stylize("italic")
            options.append(Option(empty, disabled=True))
        self.set_options(options)
        if highlighted is not None:  # the same note stays highlighted, wherever it moved
            with contextlib.suppress(Exception):
                self.highlighted = self.get_option_index(highlighted)

    def _note_option(self, note: Note, styles: Mapping[str, Style]) -> Option:
        line = Text(end="")
        if note.quote:
            kind_style = styles.get(
                "article-view--highlight" if note.kind == "highlight" else "article-view--note"
            )
            line.append("“" + safe(note.quote, 90) + "”", style=kind_style)
        if note.body:
            if line.plain:
                line.append("\n")
            line.append(safe(note.body, 200))
        elif not note.quote:
            line.append("(empty note)", style="dim")
        if note.tags:
            line.append("\n" + " ".join("#" + safe(t, 30) for t in note.tags), style="dim")
        return Option(line, id=note.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id, "goto"))

    def _highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None and not option.disabled else None

    def action_delete_note(self) -> None:
        if note_id := self._highlighted_id():
            self.post_message(self.Chosen(note_id, "delete"))

    def action_edit_note(self) -> None:
        if note_id := self._highlighted_id():
            self.post_message(self.Chosen(note_id, "edit"))

    def action_reattach_note(self) -> None:
        if note_id := self._highlighted_id():
            self.post_message(self.Chosen(note_id, "reattach"))

    def action_keep_article_note(self) -> None:
        if note_id := self._highlighted_id():
            self.post_message(self.Chosen(note_id, "keep_article"))


class SidePanels(TabbedContent):
    """Entities / Figures / Notes tabs beside the article."""

    def __init__(self, **kwargs) -> None:
        super().__init__(initial="tab-entities", **kwargs)
