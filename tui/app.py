"""The Briefing Textual app: owns the library and the annotation store.

Screens reach the domain through ``self.app.library`` (a :class:`Library`)
and ``self.app.store`` (a :class:`Store`). Before writing, a screen calls
``self.app.can_write()`` (False, with a notice, when the app is read-only)
and wraps store calls in ``with self.app.store_errors():`` so a failed
write is reported instead of crashing. After undo or a backup restore the
app calls ``on_store_changed()`` on every screen in the stack that has it,
so screens can redraw from the store.

Bindings carry ids (``app.quit``, ``library.star`` …) so users can remap
them: a YAML file of ``binding id: keys`` (``library.star: f`` or
``app.quit: "q,ctrl+q"``) at ``$BRIEFING_KEYMAP``, else ``keymap.yaml`` in
the user config folder, is loaded at start as a Textual keymap. The help
screen (``?``) shows every id.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import yaml
from platformdirs import user_config_path
from textual.app import App
from textual.binding import Binding

from .commands import BriefingCommands
from .library import Library
from .model import clean_for_display
from .screens.dialogs import ErrorDialog
from .screens.help import HelpScreen
from .screens.library import LibraryScreen
from .store import Store, StoreError


def keymap_path() -> Path:
    """Where the user's keymap lives: ``$BRIEFING_KEYMAP``, else the config folder."""
    env = os.environ.get("BRIEFING_KEYMAP")
    if env:
        return Path(env).expanduser()
    return user_config_path("briefing") / "keymap.yaml"


def load_keymap(path: Path) -> dict[str, str]:
    """``{binding id: "key,key"}`` from a YAML mapping; ValueError says what is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: cannot read the keymap ({type(exc).__name__})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: the keymap must map binding ids to keys")
    keymap: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, list):
            value = ",".join(str(v) for v in value)
        if not isinstance(key, str) or not isinstance(value, str) or not value.strip():
            raise ValueError(f'{path}: {key!r} must map to keys such as "f" or "f,ctrl+f"')
        keymap[key] = value.replace(" ", "")
    return keymap


class BriefingApp(App[None]):
    """A keyboard-driven reader for annotated briefings."""

    CSS_PATH = "app.tcss"
    TITLE = "Briefing"
    COMMANDS = App.COMMANDS | {BriefingCommands}
    HELP_TITLE = "Everywhere"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("u", "undo", "Undo", id="app.undo"),
        Binding("r", "review", "Review", id="app.review"),
        Binding("e", "export", "Export", id="app.export"),
    ]

    def __init__(
        self,
        library_root: Path,
        *,
        store_path: Path | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__()
        self.library_root = Path(library_root)
        self.library = Library(self.library_root)
        self.store_path = Path(store_path) if store_path else self.library.annotations_path
        self.read_only = read_only
        self.store: Store | None = None
        self.store_problem: str | None = None
        self.store_problem_title = "The annotations file is damaged"
        self._scratch: tempfile.TemporaryDirectory | None = None

    # --- startup ------------------------------------------------------------------

    def on_mount(self) -> None:
        self.load_user_keymap()
        self.open_store()
        self.push_screen(LibraryScreen())
        if self.store_problem:
            self.push_screen(self._store_error_dialog(), self._store_error_chosen)

    def load_user_keymap(self) -> None:
        """Apply the user's keymap file, if there is one (a bad file is reported, not fatal)."""
        path = keymap_path()
        if not path.is_file():
            return
        try:
            self.set_keymap(load_keymap(path))
        except ValueError as exc:
            self.notify(
                clean_for_display(str(exc)),
                title="Keymap ignored",
                severity="warning",
                markup=False,
            )

    def open_store(self) -> bool:
        """Open the annotation store; on a damaged file keep it untouched and remember why."""
        try:
            self.store = Store(self.store_path, read_only=self.read_only)
            self.store_problem = None
            return True
        except (StoreError, ValueError, OSError) as exc:
            problem = getattr(exc, "problem", None) or str(exc) or type(exc).__name__
            self.store_problem = str(problem)
            self.store_problem_title = (
                "The annotations file cannot be opened"
                if isinstance(exc, OSError)
                else "The annotations file is damaged"
            )
            self._open_scratch_store()
            return False

    def _open_scratch_store(self) -> None:
        """An empty throwaway store so the library can still be browsed (read-only)."""
        self.read_only = True
        if self._scratch is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="briefing-readonly-")
        self.store = Store(Path(self._scratch.name) / "annotations.json")

    def _store_error_dialog(self) -> ErrorDialog:
        choices = [("read-only", "Open read-only")]
        if self._backups():
            choices.append(("restore", "Restore last backup"))
        choices.append(("quit", "Quit"))
        message = (
            f"{self.store_problem}\n\n"
            "Your annotations file cannot be read, so it has been left exactly as it is. "
            "You can browse the library read-only (no notes, tags or stars are shown or "
            "saved), restore the last backup, or quit and repair the file."
        )
        return ErrorDialog(
            self.store_problem_title,
            message,
            path=str(self.store_path),
            choices=choices,
        )

    def _backups(self) -> list:
        """Backups the store offers for the annotations file (newest first), if any."""
        from . import store as store_module

        for owner in (store_module, Store):
            finder = getattr(owner, "backups", None)
            if callable(finder):
                try:
                    return list(finder(self.store_path))
                except Exception:
                    return []
        return []

    def _store_error_chosen(self, choice: str | None) -> None:
        if choice == "quit" or choice is None:
            self.exit(return_code=1)
        elif choice == "restore":
            self.restore_backup()
        else:
            self.notify(
                "Read-only: annotations are not shown or saved.",
                severity="warning",
                timeout=6,
            )
            self._screens_changed()

    def restore_backup(self) -> None:
        """Ask the store to put the last backup back, then reopen it."""
        from . import store as store_module

        restore = getattr(store_module, "restore_backup", None) or getattr(
            Store, "restore_backup", None
        )
        if not callable(restore):
            self.notify("This version cannot restore backups.", severity="error")
            return
        try:
            restored = restore(self.store_path)
        except Exception as exc:
            self.notify(
                clean_for_display(str(exc)), title="Restore failed", severity="error", markup=False
            )
            self.push_screen(self._store_error_dialog(), self._store_error_chosen)
            return
        self.read_only = False
        if self.open_store():
            where = f" from {restored}" if isinstance(restored, (str, Path)) else ""
            self.notify(clean_for_display(f"Backup restored{where}."), markup=False)
            self._screens_changed()
        else:
            self.push_screen(self._store_error_dialog(), self._store_error_chosen)

    # --- helpers for screens ----------------------------------------------------------

    def can_write(self) -> bool:
        """True when changes can be saved; otherwise tells the user why not."""
        if self.read_only or self.store is None:
            self.notify("Read-only: changes are not saved.", severity="warning", timeout=3)
            return False
        return True

    @contextlib.contextmanager
    def store_errors(self) -> Iterator[None]:
        """Report a failed store call as a notification instead of crashing."""
        try:
            yield
        except (StoreError, OSError) as exc:
            self.notify(
                clean_for_display(str(exc)),
                title="Could not save",
                severity="error",
                markup=False,
            )

    def _screens_changed(self) -> None:
        for screen in self.screen_stack:
            hook = getattr(screen, "on_store_changed", None)
            if callable(hook):
                hook()

    # --- actions ------------------------------------------------------------------

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))

    def action_undo(self) -> None:
        if not self.can_write():
            return
        what = None
        with self.store_errors():
            what = self.store.undo()
        if not what:
            self.notify("Nothing to undo.", timeout=2)
            return
        what = self._with_titles(clean_for_display(str(what)))
        self.notify(what[:1].upper() + what[1:], markup=False, timeout=3)
        self._screens_changed()

    def _with_titles(self, text: str) -> str:
        """Replace article ids in a store message with the articles' titles."""
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                for aid in sorted(screen.rows, key=len, reverse=True):
                    if aid not in text:
                        continue
                    title = clean_for_display(screen.rows[aid].title).replace("\n", " ")
                    if len(title) > 50:
                        title = title[:49] + "…"
                    pattern = rf"(?<![\w/.-]){re.escape(aid)}(?![\w/.-])"
                    text = re.sub(pattern, lambda _m, t=title: f"“{t}”", text)
        return text

    def action_review(self) -> None:
        self.notify("Review sessions are coming soon.", timeout=3)

    def action_export(self) -> None:
        self.notify(
            "Export is coming soon; `briefing notes --json` prints every note with its anchor.",
            markup=False,
            timeout=4,
        )

    def on_unmount(self) -> None:
        if self.store is not None:
            with contextlib.suppress(Exception):
                self.store.close()
        if self._scratch is not None:
            self._scratch.cleanup()


def make_app(library_root: Path, **kwargs) -> BriefingApp:
    """The app for tests: ``async with make_app(root).run_test() as pilot``."""
    return BriefingApp(Path(library_root), **kwargs)


def run_app(library_root: Path, **kwargs) -> int:
    """Run the app in this terminal (the ``briefing`` command with no sub-command)."""
    app = BriefingApp(Path(library_root), **kwargs)
    app.run()
    return app.return_code or 0
