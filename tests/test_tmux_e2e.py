"""The new-user loop in a real terminal: tmux runs ``briefing``, we type, we read the screen.

open the app -> the four titles -> open the first -> ``n`` -> type -> ``ctrl+s``
-> ``q`` -> ``briefing notes --json`` lists the note -> restart shows it again.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _briefing_cmd() -> str:
    script = Path(sys.executable).with_name("briefing")
    return str(script) if script.exists() else f"{sys.executable} -m tui.cli"


class Tmux:
    """A detached tmux session of 120x40 running one command."""

    def __init__(self, command: str, env: dict[str, str]):
        self.name = f"briefing-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                "120",
                "-y",
                "40",
                # COLUMNS/LINES can leak in from the caller and would override
                # the pane's real size (Textual asks shutil, which trusts them).
                f"env -u COLUMNS -u LINES {exports} TERM=xterm-256color {command}; sleep 30",
            ],
            check=True,
        )
        # A tmux server that was already running may impose its own size: insist on ours.
        subprocess.run(
            ["tmux", "resize-window", "-t", self.name, "-x", "120", "-y", "40"],
            capture_output=True,
        )

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-t", self.name, "-p"], capture_output=True, text=True
        ).stdout

    def wait_for(self, needle: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if needle in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} never appeared; screen was:\n{screen}")

    def kill(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def test_note_survives_restart_in_a_real_terminal(library_root: Path, tmp_path: Path) -> None:
    env = {
        "BRIEFING_LIBRARY": str(library_root),
        "BRIEFING_CACHE_DIR": str(tmp_path / "cache"),
        "HOME": os.environ.get("HOME", str(tmp_path)),
    }
    app = Tmux(_briefing_cmd(), env)
    try:
        screen = app.wait_for("Fujitsu partners with OpenAI")
        assert "Japan Generative AI: Business Adoption" in screen
        # Sorted by the table's default order the first sample is on the first row.
        app.keys("enter")
        app.wait_for("$5.2 billion")
        app.keys("n")
        app.wait_for("ctrl+s")
        app.type("Worth a follow-up call")
        app.keys("C-s")
        app.wait_for("Worth a follow-up call")
        app.keys("q")
        time.sleep(1.0)
    finally:
        app.kill()

    run = subprocess.run(
        [*_briefing_cmd().split(), "notes", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    )
    notes = json.loads(run.stdout)
    assert [n["body"] for n in notes] == ["Worth a follow-up call"]

    again = Tmux(_briefing_cmd(), env)
    try:
        again.wait_for("Fujitsu partners with OpenAI")
        again.keys("enter")
        again.wait_for("Worth a follow-up call")
    finally:
        again.kill()
