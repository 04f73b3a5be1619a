"""Library-wide entity index: which articles mention which canonical entity.

The reader's entity panel lists, for each entity of the open article, the
other articles that mention the same canonical entity. Building that needs
every article extracted once, so the result is cached per article, keyed by
the article's fingerprint, the extractor's code and the reader's feedback;
a warm start re-extracts nothing. Runs in a worker: it never touches the UI.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .extract import extract
from .library import Library, cache_file
from .model import Article, Feedback, Span

INDEX_VERSION = 2  # 2: mentions in chrome and teasers are left out


def entity_key(span: Span) -> str:
    """The identity of an entity across articles: label + canonical name."""
    return f"{span.label}:{span.canonical or span.text}"


#: Blocks whose names are not the article's own: site chrome, metadata, teasers.
NOT_ARTICLE = ("chrome", "meta", "teaser")


def in_article_text(article: Article, spans: Iterable[Span]) -> list[Span]:
    """The spans that lie in the article's own text (not chrome, metadata or a teaser)."""
    starts = [b.start for b in article.blocks]
    out = []
    for span in spans:
        i = bisect.bisect_right(starts, span.start) - 1
        block = article.blocks[i] if i >= 0 else None
        if block is not None and block.end > span.start and block.kind in NOT_ARTICLE:
            continue
        out.append(span)
    return out


def _extractor_version() -> str:
    """Changes whenever extraction code or the gazetteer changes."""
    digest = hashlib.blake2b(f"{INDEX_VERSION}".encode(), digest_size=8)
    folder = Path(__file__).resolve().parent / "extract"
    for path in sorted(folder.glob("*")):
        if path.suffix in (".py", ".yaml"):
            with contextlib.suppress(OSError):
                digest.update(path.read_bytes())
    return digest.hexdigest()


def feedback_key(feedback: Iterable[Feedback]) -> str:
    """A stable digest of the reader's teaching: a change invalidates every entry."""
    items = sorted(
        json.dumps([f.action, f.text, f.label, f.article_id, f.start], ensure_ascii=False)
        for f in feedback
    )
    return hashlib.blake2b("\n".join(items).encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Mention:
    """An article that mentions an entity, and how often."""

    article_id: str
    title: str
    count: int


class EntityIndex:
    """Canonical entity -> articles, for one library and one set of feedback."""

    def __init__(self, library: Library, feedback: Sequence[Feedback] = ()):
        self.library = library
        self.feedback = list(feedback)
        self._by_article: dict[str, dict[str, int]] = {}
        self._titles: dict[str, str] = {}
        self.extracted = 0  # articles extracted (not served from the cache) by the last build

    def _cache_path(self) -> Path:
        base = cache_file(self.library.root)
        return base.with_name(base.name.replace("library-", "entities-", 1))

    def _load_cache(self, stamp: str) -> dict[str, dict]:
        try:
            with open(self._cache_path(), encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("stamp") != stamp:
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    def _save_cache(self, stamp: str, entries: dict[str, dict]) -> None:
        path = self._cache_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".entities-", suffix=".json", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump({"stamp": stamp, "entries": entries}, fh, ensure_ascii=False)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            pass  # a cache we cannot write only costs time

    def build(
        self,
        *,
        cancelled: Callable[[], bool] = lambda: False,
        progress: Callable[[int, int], None] | None = None,
    ) -> EntityIndex:
        """Extract what the cache does not already know; returns self."""
        stamp = f"{_extractor_version()}:{feedback_key(self.feedback)}"
        cached = self._load_cache(stamp)
        metas = self.library.list()
        entries: dict[str, dict] = {}
        self.extracted = 0
        for i, meta in enumerate(metas):
            if cancelled():
                return self
            self._titles[meta.id] = meta.title
            hit = cached.get(meta.id)
            if hit and hit.get("fingerprint") == meta.fingerprint:
                entries[meta.id] = hit
                continue
            article = self.library.load(meta.id)
            spans = extract(
                article.text, self.feedback, article_id=meta.id, start=article.body_start()
            )
            counts = Counter(
                entity_key(s) for s in in_article_text(article, spans) if s.kind == "entity"
            )
            entries[meta.id] = {"fingerprint": meta.fingerprint, "entities": dict(counts)}
            self.extracted += 1
            if progress:
                progress(i + 1, len(metas))
        self._by_article = {aid: e["entities"] for aid, e in entries.items()}
        if self.extracted or len(entries) != len(cached):
            self._save_cache(stamp, entries)
        return self

    def mentions(self, key: str, *, exclude: str | None = None) -> list[Mention]:
        """Articles that mention the entity ``key`` (see :func:`entity_key`), most first."""
        out = [
            Mention(aid, self._titles.get(aid, aid), counts[key])
            for aid, counts in self._by_article.items()
            if key in counts and aid != exclude
        ]
        out.sort(key=lambda m: (-m.count, m.title))
        return out

    def others(self, article_id: str) -> dict[tuple[str, str], list[Mention]]:
        """For each entity (label, canonical name): the *other* articles that mention it."""
        out: dict[tuple[str, str], list[Mention]] = {}
        for aid, counts in self._by_article.items():
            if aid == article_id:
                continue
            for key, count in counts.items():
                label, _, name = key.partition(":")
                out.setdefault((label, name), []).append(
                    Mention(aid, self._titles.get(aid, aid), count)
                )
        for mentions in out.values():
            mentions.sort(key=lambda m: (-m.count, m.title))
        return out

    def entities_of(self, article_id: str) -> dict[str, int]:
        return dict(self._by_article.get(article_id, {}))
