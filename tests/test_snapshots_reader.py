"""Snapshot of the reader on sample 000 at 120x40 (regenerate with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

from tui.app import make_app
from tui.screens.reader import ReaderScreen

ID = "000_ce59ded0c8c26f99"


async def _open(pilot) -> None:
    screen = ReaderScreen(ID)
    await pilot.app.push_screen(screen)
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if screen.article is not None and not screen.view.loading:
            break
    # Cursor on the second highlight, so the cursor style shows in the snapshot.
    await pilot.press("j", "j", "tab", "tab")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_reader_snapshot(snap_compare, library_root: Path) -> None:
    assert snap_compare(make_app(library_root), terminal_size=(120, 40), run_before=_open)
