"""The help screen (``?``): every key of the current screen, from its bindings.

Nothing here is a hand-written list of keys: the screen walks the binding
chain of the screen it was opened from (focused widget, its parents, the
screen, the app) so remapped keys and new bindings show up by themselves.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..model import clean_for_display
from .library import FILTER_HELP, LibraryScreen

KEY_WIDTH = 18
DESC_WIDTH = 34


def _section_name(node: DOMNode) -> str:
    name = getattr(node, "HELP_TITLE", None)
    if name:
        return str(name)
    if isinstance(node, App):
        return "Everywhere"
    return type(node).__name__


def collect_bindings(screen: Screen) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """``[(section, [(keys, description, binding id), ...]), ...]`` for ``screen``.

    Sections: the screen's own keys first, then the app's (everywhere), then
    the focused widget's. Keys bound to the same action in the same place are merged
    (``j, ↓``). A key shadowed by a nearer binding is listed only where it works.
    Keys that only work at times (esc clears a filter only when there is one)
    are listed too.
    """
    app = screen.app
    seen_keys: set[str] = set()
    sections: dict[str, dict[str, list]] = {}
    rank: dict[str, int] = {}
    for node, bindings in screen._modal_binding_chain:
        name = _section_name(node)
        if name not in sections:
            sections[name] = {}
            rank[name] = 0 if node is screen else (1 if isinstance(node, App) else 2)
        for key, binding in bindings:
            if key in seen_keys or (binding.system and binding.action != "command_palette"):
                continue
            seen_keys.add(key)
            if binding.action == "command_palette":
                description = "Command palette"
            else:
                description = binding.description or binding.action.replace("_", " ").capitalize()
            entry = sections[name].setdefault(binding.action, [[], description, ""])
            entry[0].append(_key_display(app, binding))
            if binding.id and not entry[2]:
                entry[2] = binding.id
                entry[1] = description
    out = []
    for name in sorted(sections, key=lambda n: rank[n]):
        entries = [(", ".join(keys), desc, bid) for keys, desc, bid in sections[name].values()]
        if entries:
            out.append((name, entries))
    return out


def _key_display(app: App, binding: Binding) -> str:
    try:
        return app.get_key_display(binding)
    except Exception:
        return binding.key


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen it was opened from, and the filter syntax."""

    DEFAULT_CLASSES = "dialog"
    HELP_TITLE = "Help"
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
        Binding("j", "scroll_down", show=False),
        Binding("k", "scroll_up", show=False),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.sections = collect_bindings(screen)
        self.for_library = isinstance(screen, LibraryScreen)
        self.screen_name = _section_name(screen)

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="dialog-box"):
            yield Static(Content(f"Keys · {self.screen_name}"), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                for name, entries in self.sections:
                    yield Static(Content.styled(name, "bold"), classes="help-section")
                    yield Static(self._table(entries), classes="help-table")
                if self.for_library:
                    yield Static(Content.styled("Filter (/)", "bold"), classes="help-section")
                    yield Static(
                        Content("\n").join(
                            Content.styled(term.ljust(KEY_WIDTH + DESC_WIDTH // 2), "bold $accent")
                            + Content(desc)
                            for term, desc in FILTER_HELP
                        ),
                        classes="help-table",
                    )
                yield Static(self._keymap_note(), classes="help-note")
            yield Static(
                Content.assemble(("esc", "bold"), " close   ", ("j/k", "bold"), " scroll"),
                classes="dialog-hint",
            )

    @staticmethod
    def _keymap_note() -> Content:
        from ..app import keymap_path

        return Content.assemble(
            "Remap keys by binding id (right column) in ",
            (clean_for_display(str(keymap_path())), "bold"),
            ", e.g. ",
            ("library.star: f", "bold"),
        )

    @staticmethod
    def _table(entries: list[tuple[str, str, str]]) -> Content:
        lines = []
        for keys, desc, bid in entries:
            lines.append(
                Content.styled(keys.ljust(KEY_WIDTH), "bold $accent")
                + Content(desc.ljust(DESC_WIDTH))
                + Content.styled(bid, "$text-muted")
            )
        return Content("\n").join(lines)

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll_down(self) -> None:
        self.query_one("#help-body").scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body").scroll_up()
