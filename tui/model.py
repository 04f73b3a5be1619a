"""Plain data types shared by every layer of Briefing.

Nothing here imports Textual or Rich: the domain modules (library, parse,
extract, store, review, export) and the UI all speak in these types.

Offsets everywhere are Python ``str`` indices (code points) into
``Article.text``, which is the article file decoded as UTF-8 with no
newline translation. That one canonical text is what spans, blocks and note
anchors point into, so the CLI, the app and the gold files agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# --- labels -----------------------------------------------------------------

ENTITY_LABELS = ("ORG", "PERSON", "GPE", "LAW", "PRODUCT")
FIGURE_LABELS = ("MONEY", "PERCENT", "DATE", "CARDINAL", "QUANTITY", "ORDINAL")

#: Block kinds produced by the parser, in reading terms.
BLOCK_KINDS = (
    "title",  # the article's headline
    "standfirst",  # dek / summary paragraph right under the title
    "heading",  # section heading
    "paragraph",
    "bullet",  # list item (text excludes the bullet glyph)
    "stat",  # stat call-out value line, e.g. "75%"
    "stat_caption",  # the line that says what the stat measures
    "citation",  # "[Source: ...]" style reference line
    "chrome",  # site chrome: site name, skip links, "Also Read:", "Comments" ...
    "teaser",  # a teaser of another article embedded in the page
    "meta",  # front matter / "Source: URL" header: never shown as text
)

STATUSES = ("unread", "read", "archived")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_for_display(text: str) -> str:
    """Replace terminal control characters one-for-one so offsets still line up.

    Article, note, tag and file-name text is untrusted: escape sequences must
    never reach the terminal. Tabs become spaces; newlines are kept.
    """
    text = text.replace("\t", " ")
    return _CONTROL.sub("\ufffd", text)


# --- articles -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Block:
    """A run of the article's canonical text with a reading role."""

    kind: str
    start: int
    end: int
    text: str  # == article.text[start:end]
    level: int = 0  # heading level or list depth, when known


@dataclass(slots=True)
class ArticleMeta:
    """What the library screen needs without reading or parsing the body."""

    id: str  # path under seeds/ without suffix, "/"-separated
    path: str  # path of the file relative to the library root
    title: str
    source: str | None = None  # site or publication name
    url: str | None = None
    published: str | None = None  # ISO date if known
    author: str | None = None
    tags: tuple[str, ...] = ()  # tags from front matter / sidecar (user tags live in the store)
    fingerprint: str = ""  # hash of the normalised text: tells when the text was edited
    words: int = 0
    mtime: float = 0.0
    size: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "author": self.author,
            "tags": list(self.tags),
            "fingerprint": self.fingerprint,
            "words": self.words,
            "mtime": self.mtime,
            "size": self.size,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleMeta:
        data = dict(data)
        data["tags"] = tuple(data.get("tags") or ())
        return cls(**{k: v for k, v in data.items() if k in cls.__slots__})


@dataclass(slots=True)
class Article:
    """A parsed article: metadata, the canonical text and its blocks."""

    meta: ArticleMeta
    text: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title

    def body_start(self) -> int:
        """Offset of the first character that is not meta (front matter, Source header)."""
        for block in self.blocks:
            if block.kind != "meta":
                return block.start
        return 0


# --- extraction ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """An entity or figure found in the text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str
    label: str  # one of ENTITY_LABELS or FIGURE_LABELS
    kind: str  # "entity" or "figure"
    value: Any = None  # figures: 5.2e9, 0.28, "2026-05", [lo, hi] ...
    unit: str | None = None  # figures: "USD", "fraction", "month", counted noun ...
    canonical: str | None = None  # entities: canonical name (alias resolved)
    measures: str | None = None  # figures: what the sentence says it measures
    qualifier: str | None = None  # figures: "over", "nearly", "≈" ... (outside the span)
    origin: str = "rule"  # "taught", "gazetteer", "rule", "relabelled"

    def to_dict(self) -> dict[str, Any]:
        out = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
        }
        if self.canonical is not None:
            out["canonical"] = self.canonical
        if self.measures is not None:
            out["measures"] = self.measures
        if self.qualifier is not None:
            out["qualifier"] = self.qualifier
        out["origin"] = self.origin
        return out


@dataclass(frozen=True, slots=True)
class Feedback:
    """What the reader taught the extractor. Stored in the ``entities`` / ``feedback`` tables.

    action:
      * ``"teach"``: ``text`` is an entity with ``label`` everywhere (whole-word match).
      * ``"reject"``: the highlight ``text`` is wrong: everywhere when
        ``article_id`` is None, else only at ``start`` in that article.
      * ``"relabel"``: the highlight ``text`` gets ``label`` (everywhere, or at
        ``start`` in ``article_id``).
    """

    action: str
    text: str
    label: str | None = None
    article_id: str | None = None
    start: int | None = None
    canonical: str | None = None
    id: str | None = None  # store document id, when it came from the store


# --- annotations -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Anchor:
    """W3C Web Annotation anchor: TextQuoteSelector + TextPositionSelector."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Anchor:
        return cls(
            exact=data["exact"],
            prefix=data.get("prefix", ""),
            suffix=data.get("suffix", ""),
            start=int(data["start"]),
            end=int(data["end"]),
        )


ANCHOR_CONTEXT = 32  # characters of prefix/suffix kept with a quote


def make_anchor(text: str, start: int, end: int, context: int = ANCHOR_CONTEXT) -> Anchor:
    """Anchor the passage ``text[start:end]`` with its surrounding context."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Anchor(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


@dataclass(slots=True)
class Note:
    """A highlight or note, on the whole article (``anchor is None``) or on a passage."""

    id: str
    article_id: str
    body: str = ""
    anchor: Anchor | None = None
    tags: tuple[str, ...] = ()
    kind: str = "note"  # "note" or "highlight"
    created: str = ""  # ISO 8601 UTC
    updated: str = ""
    orphaned: bool = False  # the quote could not be found in the current text

    @property
    def quote(self) -> str | None:
        return self.anchor.exact if self.anchor else None

    def to_dict(self) -> dict[str, Any]:
        """The shape ``briefing notes --json`` prints and ``notes import`` reads."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "kind": self.kind,
            "body": self.body,
            "quote": self.quote,
            "prefix": self.anchor.prefix if self.anchor else None,
            "suffix": self.anchor.suffix if self.anchor else None,
            "start": self.anchor.start if self.anchor else None,
            "end": self.anchor.end if self.anchor else None,
            "tags": list(self.tags),
            "orphaned": self.orphaned,
            "created": self.created,
            "updated": self.updated,
        }


@dataclass(slots=True)
class ArticleState:
    """The reader's state for one article (``articles`` table)."""

    article_id: str
    status: str = "unread"
    starred: bool = False
    tags: tuple[str, ...] = ()
    position: int = 0  # last cursor offset in the text
    fingerprint: str = ""  # fingerprint of the text the notes were last anchored to
