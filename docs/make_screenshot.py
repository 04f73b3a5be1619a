"""Render the README screenshot from the real app: the reader on the first sample.

Run: .venv/bin/python docs/make_screenshot.py   (writes docs/screenshot.svg)
Uses a temporary copy of the sample library, with one note, so nothing of
yours is shown or changed.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIRST = "000_ce59ded0c8c26f99"


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "library"
        shutil.copytree(REPO / "seeds", root / "seeds")
        os.environ["BRIEFING_CACHE_DIR"] = str(Path(tmp) / "cache")
        from tui.model import make_anchor
        from tui.store import Store

        text = (root / "seeds" / f"{FIRST}.txt").read_text(encoding="utf-8")
        quote = "The Japan enterprise AI market is projected to reach $5.2 billion in 2026"
        at = text.index(quote)
        with Store(root / "annotations" / "annotations.json") as store:
            store.add_note(
                FIRST,
                "Check the IDC source for the 28% CAGR before the client call.",
                anchor=make_anchor(text, at, at + len(quote)),
                tags=["market-size"],
            )
            store.add_tag(FIRST, "japan")

        from tui.app import make_app
        from tui.screens.reader import ReaderScreen

        app = make_app(root)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await app.push_screen(ReaderScreen(FIRST))
            for _ in range(20):
                await pilot.pause(0.1)
                await app.workers.wait_for_complete()
            for key in ("j", "j", "j", "j", "tab"):
                await pilot.press(key)
            await pilot.pause(0.3)
            app.save_screenshot(filename="screenshot.svg", path=str(REPO / "docs"))
    print(REPO / "docs" / "screenshot.svg")


if __name__ == "__main__":
    asyncio.run(main())
