"""The library's sidebar: smart views (all, unread, starred) and tags with counts."""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..model import clean_for_display

VIEWS = (
    ("", "All"),
    ("is:unread", "Unread"),
    ("is:starred", "Starred"),
    ("is:read", "Read"),
    ("is:archived", "Archived"),
)


class TagSidebar(OptionList):
    """Lists views and tags with their counts; choosing one posts :class:`Chosen`.

    Option ids are filter queries (``""``, ``is:unread``, ``tag:NAME``), so
    the library screen only has to put the id in its filter line.
    """

    HELP_TITLE = "Sidebar"
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class Chosen(Message):
        """The user chose a view or tag; ``query`` is the filter to apply."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._signature: tuple | None = None

    def set_counts(
        self,
        *,
        total: int,
        unread: int,
        starred: int,
        read: int,
        archived: int = 0,
        tags: Mapping[str, int],
    ) -> None:
        """Rebuild the list (keeps the highlighted entry when it still exists)."""
        signature = (total, unread, starred, read, archived, tuple(sorted(tags.items())))
        if signature == self._signature:
            return
        self._signature = signature
        counts = {
            "": total,
            "is:unread": unread,
            "is:starred": starred,
            "is:read": read,
            "is:archived": archived,
        }
        width = max(10, self.size.width - 4) if self.size.width else 18
        keep = None
        if self.highlighted is not None and self.option_count:
            keep = self.get_option_at_index(self.highlighted).id
        options: list[Option | None] = []
        for query, name in VIEWS:
            options.append(Option(self._line(Content(name), counts[query], width), id=query))
        options.append(None)
        if tags:
            options.append(Option(Content.styled("Tags", "bold $text-muted"), disabled=True))
            for tag in sorted(tags, key=lambda t: (-tags[t], t)):
                label = Content("#") + Content(clean_for_display(tag))
                options.append(Option(self._line(label, tags[tag], width), id=f"tag:{tag}"))
        else:
            options.append(Option(Content.styled("No tags yet (t)", "dim"), disabled=True))
        self.set_options(options)
        ids = [o.id for o in self._options]
        self.highlighted = ids.index(keep) if keep in ids else 0

    @staticmethod
    def _line(label: Content, count: int, width: int) -> Content:
        number = str(count)
        room = max(1, width - len(number) - 1)
        if label.cell_length > room:
            label = label.truncate(room, ellipsis=True)
        pad = max(1, width - label.cell_length - len(number))
        return label + Content(" " * pad) + Content.styled(number, "$text-muted")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))
