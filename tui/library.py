"""Find the library, list its articles (cached metadata), load and parse them.

MINIMAL VERSION: the library helper replaces this (same public names).
"""

from __future__ import annotations

import os
from pathlib import Path

from .model import Article, ArticleMeta
from .parse import parse_text

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


class LibraryError(Exception):
    """A library or article problem that is the user's to fix; str() is one clear line."""


def bundled_samples() -> Path:
    """The sample articles shipped with the package (wheel) or the repo (editable)."""
    here = Path(__file__).resolve().parent
    packaged = here / "_samples"
    return packaged if packaged.is_dir() else here.parent / "seeds"


def find_library(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--library DIR, else $BRIEFING_LIBRARY, else cwd with seeds/, else the user data dir."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("BRIEFING_LIBRARY")
    if env:
        return Path(env).expanduser().resolve()
    cwd = Path.cwd()
    if (cwd / "seeds").is_dir():
        return cwd.resolve()
    raise LibraryError("no library found")


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        return fh.read()


class Library:
    """A library folder: ``seeds/`` holds articles, ``annotations/`` the user's work."""

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root)
        self.seeds = self.root / "seeds"
        self.annotations_path = self.root / "annotations" / "annotations.json"

    def article_paths(self) -> dict[str, Path]:
        out: dict[str, Path] = {}
        for path in sorted(self.seeds.rglob("*")):
            if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
                out[path.relative_to(self.seeds).with_suffix("").as_posix()] = path
        return out

    def list(self) -> list[ArticleMeta]:
        """Metadata of every article, without keeping bodies in memory."""
        return [self.load(aid).meta for aid in self.article_paths()]

    def resolve(self, id_or_path: str) -> str:
        """An article id from an id, a path under seeds/, or a file path."""
        paths = self.article_paths()
        if id_or_path in paths:
            return id_or_path
        raise LibraryError(f"no article {id_or_path!r} in {self.seeds}")

    def load(self, article_id: str) -> Article:
        path = self.article_paths()[article_id]
        return parse_text(
            read_text(path),
            article_id=article_id,
            path=path.relative_to(self.root).as_posix(),
            suffix=path.suffix.lower(),
        )
