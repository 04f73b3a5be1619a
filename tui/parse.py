"""Raw article text -> :class:`~tui.model.Article` (title, blocks, offsets).

MINIMAL VERSION: one block per non-empty line, first line is the title.
The parse helper replaces this with the real parser (same signatures).
"""

from __future__ import annotations

import hashlib
import re

from .model import Article, ArticleMeta, Block


def fingerprint(text: str) -> str:
    """Hash of the normalised text (whitespace folded): changes when the words change."""
    norm = " ".join(text.split())
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=12).hexdigest()


def parse_text(text: str, *, article_id: str = "", path: str = "", suffix: str = ".txt") -> Article:
    """Parse one article's canonical text. Never changes ``text``; blocks point into it."""
    blocks: list[Block] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if not line.strip():
            continue
        kind = "title" if not blocks else "paragraph"
        blocks.append(Block(kind, m.start(), m.end(), line))
    title = blocks[0].text.strip() if blocks else article_id
    meta = ArticleMeta(
        id=article_id,
        path=path,
        title=title,
        fingerprint=fingerprint(text),
        words=len(text.split()),
    )
    return Article(meta=meta, text=text, blocks=blocks)
