"""Shared fixtures: a private copy of the sample library for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture
def library_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh library (the four samples, no annotations) in a temp folder.

    BRIEFING_LIBRARY is pointed at it so nothing touches the repo's library.
    """
    root = tmp_path / "library"
    shutil.copytree(SEEDS, root / "seeds")
    (root / "annotations").mkdir()
    monkeypatch.setenv("BRIEFING_LIBRARY", str(root))
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    return root
