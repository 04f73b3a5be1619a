"""Snapshot tests: what the library, help and note editor look like at 120x40.

The library is a fixed set of Markdown articles with front matter (written
here, not the samples) so parser improvements do not move the pictures.
Update after a deliberate change with ``pytest tests/test_snapshots.py
--snapshot-update`` and look at the SVGs in ``tests/__snapshots__``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import make_app
from tui.screens.library import LibraryScreen
from tui.store import Store

SIZE = (120, 40)

ARTICLES = {
    "asia/chip-exports": (
        "Japan tightens chip export rules for advanced tools",
        "Nikkei Asia",
        "2026-02-12",
        ["chips", "policy"],
    ),
    "asia/fujitsu-openai": (
        "Fujitsu partners with OpenAI to accelerate enterprise AI in Japan",
        "Viral Wire",
        "2026-03-03",
        ["ai"],
    ),
    "energy/lng-contracts": (
        "LNG buyers lock in long-term contracts as spot prices swing",
        "Reuters",
        "2025-11-20",
        ["energy"],
    ),
    "markets/softbank-results": (
        "SoftBank swings to profit on Vision Fund gains",
        "Financial Times",
        "2026-02-07",
        ["ai", "markets"],
    ),
    "policy/troops-germany": (
        "US troops in Germany: beyond the withdrawal headlines",
        None,
        None,
        [],
    ),
}


def _front_matter(title: str, source: str | None, published: str | None, tags: list[str]) -> str:
    lines = ["---", f'title: "{title}"']
    if source:
        lines.append(f"source: {source}")
    if published:
        lines.append(f"published: {published}")
    if tags:
        lines.append(f"tags: [{', '.join(tags)}]")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


@pytest.fixture
def snapshot_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "library"
    for aid, (title, source, published, tags) in ARTICLES.items():
        path = root / "seeds" / f"{aid}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "The ministry said on Monday that exports of $5.2 billion fell 12% in 2025.\n"
        path.write_text(_front_matter(title, source, published, tags) + body, encoding="utf-8")
    (root / "annotations").mkdir()
    monkeypatch.setenv("BRIEFING_LIBRARY", str(root))
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("BRIEFING_KEYMAP", "/nonexistent/briefing/keymap.yaml")
    with Store(root / "annotations" / "annotations.json") as store:
        store.set_starred("asia/fujitsu-openai", True)
        store.set_status("asia/fujitsu-openai", "read")
        store.set_status("energy/lng-contracts", "archived")
        store.add_tag("markets/softbank-results", "earnings")
        store.add_note("asia/fujitsu-openai", "Follow up with the Tokyo desk")
        store.add_note("asia/fujitsu-openai", "Compare with the SoftBank deal")
        store.add_note("markets/softbank-results", "Vision Fund marks")
    return root


async def _loaded(pilot) -> None:
    app = pilot.app
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen_stack[1] if len(app.screen_stack) > 1 else app.screen
        if isinstance(screen, LibraryScreen) and screen.loaded:
            return
    raise AssertionError("library never loaded")


def test_library_screen(snap_compare, snapshot_library: Path) -> None:
    app = make_app(snapshot_library)
    assert snap_compare(app, terminal_size=SIZE, run_before=_loaded, press=["j"])


def test_library_filtered_by_tag(snap_compare, snapshot_library: Path) -> None:
    app = make_app(snapshot_library)

    async def run_before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("slash", *"tag:ai", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare, snapshot_library: Path) -> None:
    app = make_app(snapshot_library)

    async def run_before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_note_editor(snap_compare, snapshot_library: Path) -> None:
    app = make_app(snapshot_library)

    async def run_before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("j", "n")
        await pilot.pause()
        await pilot.press(*"Ask the desk about the Stargate numbers.")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_tag_editor(snap_compare, snapshot_library: Path) -> None:
    app = make_app(snapshot_library)

    async def run_before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"ener")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_damaged_annotations_dialog(
    snap_compare, snapshot_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A relative library path keeps the file name on screen the same on every machine.
    monkeypatch.chdir(snapshot_library)
    (snapshot_library / "annotations" / "annotations.json").write_text(
        '{"meta": {"1": {"schema_version": 1}}, "notes": {"1": {"body": "half a no',
        encoding="utf-8",
    )
    app = make_app(Path("."))

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
