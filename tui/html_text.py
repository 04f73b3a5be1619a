"""HTML page -> plain main text, with the structure hints the parser needs.

Only the standard library's :mod:`html.parser` is used: it never fetches
anything, never runs scripts and tolerates broken markup. The result's
``text`` becomes the article's canonical text, so it is built once here and
never changed afterwards: paragraphs and headings are separated by blank
lines, list items start with ``"• "`` so the parser sees them as bullets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements whose whole content is page furniture or not text at all.
_DROP = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "aside", "form", "button", "iframe"}
)
#: Dropped only outside ``<article>``/``<main>``: inside they often hold the headline.
_DROP_OUTSIDE_MAIN = frozenset({"header", "footer"})
_VOID = frozenset(
    {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"}
)
_BLOCK = frozenset(
    {
        "p", "div", "section", "article", "main", "blockquote", "pre", "figure", "figcaption",
        "table", "tr", "dl", "dt", "dd", "ul", "ol", "address", "details", "summary", "hr",
    }
)  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SPACE = re.compile(r"\s+")


@dataclass
class HtmlDoc:
    """Extracted main text plus what the markup said about it."""

    text: str
    #: line index (0-based, in ``text``) -> heading level from ``<h1>``..``<h6>``
    headings: dict[int, int] = field(default_factory=dict)
    #: line indexes that came from ``<li>`` (they start with ``"• "``)
    bullets: set[int] = field(default_factory=set)
    title: str | None = None  # from <title>, site suffix removed
    url: str | None = None  # <link rel=canonical> or og:url
    source: str | None = None  # og:site_name
    published: str | None = None  # article:published_time and friends
    author: str | None = None


_BR = "\u2028"  # stands for <br> in the buffer until whitespace is folded


@dataclass
class _Chunk:
    kind: str  # "p", "li" or "h"
    text: str
    level: int = 0  # heading level, or list depth for "li"
    in_main: bool = False
    marker: str = "• "  # list items: "• " or "3. "


class _Extractor(HTMLParser):
    """Collects text chunks; a chunk ends at every block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[_Chunk] = []
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self._buf: list[str] = []
        self._kind = "p"
        self._level = 0
        self._drop_depth = 0  # >0 while inside a dropped element
        self._drop_stack: list[str] = []
        self._main_depth = 0
        self._in_title = False
        self._in_pre = 0
        self._lists: list[list[int | None]] = []  # per open list: [next number or None]
        self._marker = "• "

    # -- chunk handling ------------------------------------------------------

    def _flush(self) -> None:
        raw = "".join(self._buf)
        self._buf = []
        if self._in_pre:
            text = raw.replace(_BR, "\n").strip("\n")
        else:
            parts = (_SPACE.sub(" ", part).strip() for part in raw.split(_BR))
            text = "\n".join(part for part in parts if part)
        if text.strip():
            chunk = _Chunk(self._kind, text, self._level, self._main_depth > 0, self._marker)
            self.chunks.append(chunk)
        self._kind, self._level, self._marker = "p", 0, "• "

    # -- HTMLParser callbacks --------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self._void(tag, dict(attrs))
            return
        if self._drop_depth or tag in _DROP or (tag in _DROP_OUTSIDE_MAIN and not self._main_depth):
            self._drop_depth += 1
            self._drop_stack.append(tag)
            return
        if tag == "title":
            self._in_title = True
        elif tag in ("main", "article"):
            self._flush()
            self._main_depth += 1
        elif tag in _HEADINGS:
            self._flush()
            self._kind, self._level = "h", _HEADINGS[tag]
        elif tag == "li":
            self._flush()
            self._kind, self._level = "li", max(1, len(self._lists))
            counter = self._lists[-1] if self._lists else [None]
            if counter[0] is None:
                self._marker = "• "
            else:
                self._marker = f"{counter[0]}. "
                counter[0] += 1
        elif tag in ("ul", "ol"):
            self._flush()
            self._lists.append([1 if tag == "ol" else None])
        elif tag in ("td", "th"):
            self._buf.append(" | " if self._buf and "".join(self._buf).strip() else "")
        elif tag in _BLOCK:
            self._flush()
            if tag == "pre":
                self._in_pre += 1

    def handle_endtag(self, tag: str) -> None:
        if self._drop_depth:
            if tag in self._drop_stack:
                # Pop up to the matching tag: tolerates unclosed children.
                while self._drop_stack:
                    self._drop_depth -= 1
                    if self._drop_stack.pop() == tag:
                        break
            return
        if tag == "title":
            self._in_title = False
        elif tag in ("main", "article"):
            self._flush()
            self._main_depth = max(0, self._main_depth - 1)
        elif tag in ("ul", "ol"):
            self._flush()
            if self._lists:
                self._lists.pop()
        elif tag in _HEADINGS or tag == "li" or tag in _BLOCK:
            self._flush()
            if tag == "pre":
                self._in_pre = max(0, self._in_pre - 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _void(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or "").lower()
            if key and attrs.get("content"):
                self.meta.setdefault(key, attrs["content"] or "")
        elif (
            tag == "link" and (attrs.get("rel") or "").lower() == "canonical" and attrs.get("href")
        ):
            self.meta.setdefault("canonical", attrs["href"] or "")
        elif tag == "hr" and not self._drop_depth:
            self._flush()
        elif tag == "br" and not self._drop_depth:
            self._buf.append(_BR if self._kind == "p" or self._in_pre else " ")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._drop_depth:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _strip_site_suffix(title: str, site: str | None) -> str:
    """``"Headline | Site Name"`` -> ``"Headline"`` when the tail looks like a site name."""
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1:
        tail = parts[-1].strip()
        if (site and tail.lower() == site.lower()) or len(tail.split()) <= 4:
            return " - ".join(parts[:-1]).strip()
    return title


def extract(html: str) -> HtmlDoc:
    """Main text of an HTML page: drop scripts, styles, nav, header, footer, aside."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    chunks = parser.chunks
    if any(c.in_main for c in chunks):
        chunks = [c for c in chunks if c.in_main]
    lines: list[str] = []
    headings: dict[int, int] = {}
    bullets: set[int] = set()
    previous = ""
    for chunk in chunks:
        # Blank line between blocks; list items of one list stay together.
        if lines and not (chunk.kind == "li" and previous == "li"):
            lines.append("")
        if chunk.kind == "h":
            headings[len(lines)] = chunk.level
        indent = "  " * (chunk.level - 1) if chunk.kind == "li" else ""
        for i, part in enumerate(chunk.text.split("\n")):
            if chunk.kind == "li":
                bullets.add(len(lines))
                pad = " " * len(chunk.marker)
                part = indent + (chunk.marker if i == 0 else pad) + part.strip()
            lines.append(part)
        previous = chunk.kind
    meta = parser.meta
    site = meta.get("og:site_name") or None
    title = _SPACE.sub(" ", "".join(parser.title_parts)).strip() or meta.get("og:title")
    return HtmlDoc(
        text="\n".join(lines) + ("\n" if lines else ""),
        headings=headings,
        bullets=bullets,
        title=_strip_site_suffix(title, site) if title else None,
        url=meta.get("canonical") or meta.get("og:url") or None,
        source=site,
        published=(
            meta.get("article:published_time")
            or meta.get("date")
            or meta.get("pubdate")
            or meta.get("dc.date")
            or None
        ),
        author=meta.get("author") or meta.get("article:author") or None,
    )
