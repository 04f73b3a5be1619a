"""Command palette (ctrl+p) providers.

Article titles and tags are untrusted: prompts are built as ``Content``
objects (never markup) and highlighted by hand, because Textual's
``Matcher.highlight`` parses its argument as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from .model import clean_for_display

Command = tuple[str, str, Callable[[], object]]  # (prompt, help, callback)


def highlight(matcher: Matcher, candidate: str) -> Content:
    """``candidate`` as plain Content with the fuzzy-matched characters styled."""
    content = Content(candidate)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if 0 <= offset < len(candidate) and not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class BriefingCommands(Provider):
    """Open an article, filter by tag or status, sort, star, tag, note, undo, help."""

    def _commands(self) -> Iterator[Command]:
        from .screens.library import SORTS, LibraryScreen

        app = self.app
        screen = self.screen
        yield ("Help: keys of this screen", "Every key binding, with its id", app.action_help)
        yield ("Undo", "Undo the last change to your annotations", app.action_undo)
        library = next((s for s in app.screen_stack if isinstance(s, LibraryScreen)), None)
        if library is None:
            return
        if screen is not library:
            # From the reader (or any other screen): jump to another article.
            for other in library.rows.values():
                title = clean_for_display(other.title).replace("\n", " ")
                yield (
                    f"Open: {title}",
                    "Open in the reader",
                    partial(self._open, library, other.id),
                )
            yield ("Back to the library", "Close this screen", partial(self._back_to, library))
            return
        row = screen.current_row()
        if row is not None:
            title = clean_for_display(row.title).replace("\n", " ")
            yield ("Toggle star: " + title, "Star or unstar this article", screen.action_star)
            yield ("Edit tags: " + title, "Add or remove tags", screen.action_tags)
            yield ("Add note: " + title, "A note on the whole article", screen.action_note)
            yield (
                "Archive / unarchive: " + title,
                "Archived articles keep their notes",
                screen.action_archive,
            )
            yield (
                "Mark read / unread: " + title,
                "Toggle the read status",
                screen.action_mark_read,
            )
        yield ("Show all articles", "Clear the filter", partial(screen.set_filter, ""))
        for status in ("unread", "starred", "read", "archived"):
            yield (
                f"Show {status} articles",
                f"Filter: is:{status}",
                partial(screen.set_filter, f"is:{status}"),
            )
        yield ("Filter…", "Type a filter (/)", screen.action_filter)
        yield ("Reload the library", "Pick up added or edited files (ctrl+r)", screen.action_reload)
        for key, label in SORTS:
            yield (f"Sort by {label}", "Change the table order", partial(screen.set_sort, key))
        tags: set[str] = set()
        for other in screen.rows.values():
            tags.update(other.tags)
        for tag in sorted(tags):
            name = clean_for_display(tag)
            yield (
                f"Filter by tag: {name}",
                "Show articles with this tag",
                partial(screen.set_filter, f"tag:{tag}"),
            )
        for other in screen.rows.values():
            title = clean_for_display(other.title).replace("\n", " ")
            yield (f"Open: {title}", "Open in the reader", partial(self._open, screen, other.id))

    def _back_to(self, library) -> None:
        """Pop screens until the library is on top."""
        app = self.app
        while app.screen is not library and len(app.screen_stack) > 1:
            app.pop_screen()

    def _open(self, library, article_id: str) -> None:
        """Open ``article_id`` in the reader, from the library or from another article."""
        self._back_to(library)
        library.select_article(article_id)
        library.open_article(article_id)

    async def discover(self) -> Hits:
        for prompt, help_text, callback in self._commands():
            yield DiscoveryHit(Content(prompt), callback, text=prompt, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for prompt, help_text, callback in self._commands():
            score = matcher.match(prompt)
            if score > 0:
                yield Hit(score, highlight(matcher, prompt), callback, text=prompt, help=help_text)
