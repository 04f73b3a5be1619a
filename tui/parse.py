"""Raw text / markdown / HTML -> :class:`~tui.model.Article` (title, blocks, offsets).

The canonical text of ``.txt`` and ``.md`` files is the file text exactly;
for HTML it is the main text extracted by :mod:`tui.html_text`. The parser
never changes it: every :class:`~tui.model.Block` is a ``(kind, start, end)``
run of it, and every non-blank line belongs to exactly one block.

Real input is messy (site names above titles, skip links, "Also Read:" lines,
teasers of other articles, stat call-outs, bullet labels used as headings),
so the parser works line by line in three passes:

1. **meta**: YAML front matter or a ``Source: <url>`` header;
2. **head**: walk the first lines to find the title, skipping chrome
   (site name, labels, bylines) and teasers of other articles;
3. **body**: classify every other line (heading, paragraph, bullet, stat,
   citation, chrome ...) from its own shape and its neighbours.

Only general rules live here: nothing is keyed on a particular site or file.
The head pass alone gives the metadata, so the library can list a big
folder cheaply with :func:`parse_meta` and still agree with :func:`parse_text`.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import html_text
from .model import Article, ArticleMeta, Block

#: Bump when the output of :func:`parse_meta` changes (invalidates caches).
PARSER_VERSION = "3"

#: The title is looked for in this many non-blank lines after the meta header.
HEAD_LINES = 40

# --- small text helpers -------------------------------------------------------

_INVISIBLE = "\ufeff\u200b"  # BOM and zero-width space: blank for layout purposes
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_TERMINAL = ".!?…"


def fingerprint(text: str) -> str:
    """Hash of the normalised text (whitespace folded): changes when the words change."""
    norm = " ".join(text.split())
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=12).hexdigest()


def _words(s: str) -> int:
    return len(s.split())


def _sentences(s: str) -> int:
    return len([p for p in _SENTENCE_SPLIT.split(s) if p.strip()])


def _ends_with_ellipsis(s: str) -> bool:
    return s.rstrip("\"'”’)]").endswith(("...", "…"))


@dataclass(slots=True)
class _Line:
    """One line of the canonical text; ``start``/``end`` bound its stripped content."""

    idx: int
    start: int
    end: int
    s: str  # stripped content ("" for a blank line)
    indent: int  # leading whitespace characters
    _chrome: Any = False  # chrome_kind(s), computed on first use (False: not yet)

    @property
    def blank(self) -> bool:
        return not self.s

    def chrome(self) -> str | None:
        """:func:`chrome_kind` of this line; several rules ask, it is computed once."""
        if self._chrome is False:
            self._chrome = chrome_kind(self.s)
        return self._chrome


def _split_lines(text: str) -> list[_Line]:
    """Lines with offsets; ``\\r\\n`` endings are kept out of the content."""
    lines: list[_Line] = []
    pos, n = 0, len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        raw = text[pos:end]
        a, b = 0, len(raw)
        # Plain loops: a regex anchored at "$" would rescan long lines from every position.
        while a < b and (raw[a].isspace() or raw[a] in _INVISIBLE):
            a += 1
        while b > a and (raw[b - 1].isspace() or raw[b - 1] in _INVISIBLE):
            b -= 1
        if a == b:
            a = b = 0
        lines.append(_Line(len(lines), pos + a, pos + b, raw[a:b], a))
        if nl < 0:
            break
        pos = nl + 1
    return lines


def _next(lines: list[_Line], i: int | None) -> int | None:
    """Index of the next non-blank line after ``i``."""
    if i is None:
        return None
    for j in range(i + 1, len(lines)):
        if lines[j].s:
            return j
    return None


def _group_end(lines: list[_Line], i: int) -> int:
    """Last line of the run of non-blank lines that starts at ``i``."""
    while i + 1 < len(lines) and lines[i + 1].s:
        i += 1
    return i


# --- line shapes ------------------------------------------------------------------

_BULLET = re.compile(r"(?:[•·‣▪▫◦●○■□►▶➢➤✓✔✗\-*+–]|\d{1,2}[.)]|[a-z][.)])(?=\s)\s+(?=\S)")
_MD_HEADING = re.compile(r"(#{1,6})\s+(?=\S)")
_RULE = re.compile(r"[-*_=~•·#\s]{3,}")
_STAT = re.compile(
    r"(?:[~≈<>]\s?|up to |over |nearly |about )?[+\-−]?(?:US\$|[$€£¥₹]|USD |JPY |EUR )?"
    r"\d[\d,]*(?:\.\d+)?\s?"
    r"(?:%|percent|per cent|x|×|[kmbt]n?|bn|mn|thousand|million|billion|trillion|pts?|pp|points?)?"
    r"\+?(?:\s?(?:yen|dollars|euros|usd|jpy|eur))?",
    re.IGNORECASE,
)
_CITATION = re.compile(
    r"\[(?:sources?|refs?|references?|citations?|via|see)\b[^\]]*\][.;]?"
    r"|\((?:sources?|via)\s*:[^)]*\)[.;]?"
    r"|\[\d{1,3}\]\s+\S.*"
    r"|(?:sources?|via)\s*:\s*\S.{0,200}",
    re.IGNORECASE,
)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = re.compile(
    rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<mdy>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    rf"|(?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})",
    re.IGNORECASE,
)
_TOOL_DATE = re.compile(r"(?:^|\s)date\s+(\d{4}-\d{2}-\d{2})(?=\s|$)")
_PRESS_DATELINE = re.compile(
    rf"[A-Z][A-Za-z.'’ -]{{1,40}}(?:,\s*[A-Z][A-Za-z.'’ -]{{1,30}}){{0,2}},?\s+"
    rf"(?P<date>{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})"
    r"\s*(?:/[^/]{1,60}/)?\s*(?:--|[-–—:])"
)


def _bullet_match(s: str) -> re.Match[str] | None:
    """A list marker at the start of a stripped line (not a bare rule or a negative number)."""
    m = _BULLET.match(s)
    if m and not _RULE.fullmatch(s):
        return m
    return None


def _is_stat(s: str) -> bool:
    return len(s) <= 24 and bool(_STAT.fullmatch(s)) and any(c.isdigit() for c in s)


def _core(s: str) -> str:
    """Line text without markdown emphasis or heading marks around it."""
    return s.strip("*_#` \t").strip()


def _headingish(s: str, *, max_words: int = 14, max_len: int = 120) -> bool:
    """Short, unpunctuated, capitalised: the shape of a heading (context decides)."""
    core = _core(s)
    if not core or len(core) > max_len:
        return False
    words = core.split()
    if len(words) > max_words:
        return False
    # Closing quotes and brackets hide the real end: ``...the plan.”`` is a sentence.
    last = core.rstrip("\"'”’)]»")[-1:] or core[-1]
    if last in ".,;!…" or (last == "?" and len(words) > 12):
        return False
    if last == ":" and len(words) > 8:
        return False
    first = core.lstrip("\"'“‘([")[:1]
    if not first or first.islower():
        return False
    if core[0] in "[(" and core[-1] in "])":
        return False
    return not _is_stat(core) and not _CITATION.fullmatch(core)


def _title_case(s: str) -> bool:
    """Most longer words capitalised ("Why It Matters"), unlike a sentence-case dek."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", s) if len(w) > 3]
    if not long_words:
        return True
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6


def _title_like(s: str) -> bool:
    """Could be a headline: a headingish line of 2..25 words not ending in ':'."""
    core = _core(s)
    return (
        _headingish(core, max_words=25, max_len=200)
        and _words(core) >= 2
        and not core.endswith(":")
        and _bullet_match(s) is None
    )


# --- chrome ---------------------------------------------------------------------

_CHROME_EXACT: dict[str, tuple[str, ...]] = {
    "skip_link": (
        "skip to main content", "skip to content", "skip to navigation", "skip navigation",
        "jump to content", "jump to main content", "skip to main", "skip to article",
    ),
    "label": (
        "featured", "featured article", "featured story", "sponsored", "sponsored content",
        "trending", "trending now", "breaking", "breaking news", "exclusive", "editor's pick",
        "editor’s pick", "editors' picks", "editor's picks", "top stories", "top story",
        "most popular", "most read", "popular", "latest", "latest news", "recommended",
        "promoted", "advertorial", "paid content", "partner content", "up next", "read next",
        "for immediate release", "press release", "opinion",
    ),
    "toc": (
        "in this article", "table of contents", "contents", "on this page", "in this story",
        "in this post", "article contents", "jump to", "jump to section", "quick links",
        "what's inside", "what’s inside",
    ),
    "related": (
        "related articles", "related", "related stories", "related posts", "related content",
        "related reading", "related news", "more from", "you may also like",
        "you might also like", "recommended for you", "recommended reading", "more stories",
        "more articles", "more news", "read more", "keep reading", "continue reading",
        "more on this story", "also read", "see also", "most viewed", "further reading",
    ),
    "sources_header": (
        "sources", "references", "sources & references", "sources and references",
        "citations", "sources and notes", "notes and sources", "source",
    ),
    "comments": (
        "comments", "comment", "leave a reply", "leave a comment", "join the conversation",
        "join the discussion", "comments are closed", "show comments", "view comments",
        "add a comment", "post a comment",
    ),
    "share": (
        "share", "share this", "share this article", "share this story", "share this post",
        "share article", "share on facebook", "share on twitter", "share on x",
        "share on linkedin", "share via email", "tweet", "email", "print", "copy link",
        "facebook", "twitter", "linkedin", "whatsapp", "reddit", "pinterest", "telegram", "x",
        "save", "bookmark", "save article",
    ),
    "advert": (
        "advertisement", "ad", "ads", "story continues below", "article continues below",
        "story continues below advertisement", "continue reading below", "scroll to continue",
        "scroll to continue with content", "advertisement - scroll to continue",
        "continue reading the main story", "listen to this article", "loading", "like this",
        "like loading", "cancel reply",
    ),
    "nav": (
        "home", "menu", "search", "log in", "login", "sign in", "sign up", "register",
        "subscribe", "subscribe now", "back to top", "next article", "previous article",
        "next", "previous", "close", "open menu", "main menu", "navigation",
        "toggle navigation", "all rights reserved", "media contact", "press contact",
        "contact", "contacts", "follow", "print this page", "print article", "listen",
    ),
    "promo": (
        "newsletter", "sign up for our newsletter", "subscribe to our newsletter",
        "get our newsletter", "download the app", "get the app",
    ),
}  # fmt: skip
_CHROME_LOOKUP = {text: kind for kind, texts in _CHROME_EXACT.items() for text in texts}

_SHARE_WORDS = frozenset(
    {
        "share", "facebook", "twitter", "x", "linkedin", "email", "e-mail", "print", "whatsapp",
        "reddit", "copy", "link", "pinterest", "telegram", "tweet", "on", "this", "article",
        "story", "mail", "messenger", "bluesky", "threads",
    }
)  # fmt: skip
_CHROME_PATTERNS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    # (kind, pattern matched at the start of the line, max words of the line)
    (
        "also_read",
        re.compile(
            r"(?:also read|read also|see also|read more|read next|related(?: articles?| stories| story)?"
            r"|recommended|more|up next|don'?t miss|must read|you may also like|watch|listen|video)"
            r"\s*[:|»›–—-]\s*\S",
            re.I,
        ),
        40,
    ),
    ("comments", re.compile(r"\d+\s+comments?$|comments?\s*\(\d+\)$|\d+\s+responses?$", re.I), 4),
    (
        "caption",
        re.compile(
            r"(?:photo|photos|image|images|picture|photograph|illustration|graphic|credit|credits"
            r"|photo credit|image credit|image source|caption|video|file photo)\s*(?::|by\b|/)",
            re.I,
        ),
        60,
    ),
    (
        "caption",
        re.compile(
            r".*(?:getty images|shutterstock|istock|ap photo|/ ?afp\b|afp via|reuters/|/ ?reuters\b"
            r"|alamy|unsplash|\(photo by|\(image:|\(credit)",
            re.I,
        ),
        40,
    ),
    ("tags", re.compile(r"(?:tags|topics|filed under|categories|category|keywords)\s*:", re.I), 30),
    (
        "copyright",
        re.compile(r"(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))|.*\ball rights reserved\b", re.I),
        30,
    ),
    (
        "cookie",
        re.compile(r".*\b(?:we use cookies|accept (?:all )?cookies|cookie policy)\b", re.I),
        40,
    ),
    (
        "promo",
        re.compile(
            r"(?:.*\b(?:sign up|subscribe|join|delivered|get)\b.*\b(?:newsletter|inbox|mailing list)\b"
            r"|follow (?:us|\w+(?: \w+){0,2}) on (?:twitter|x|linkedin|facebook|instagram|threads"
            r"|bluesky|youtube|tiktok)\b|click here\b|tap here\b|download our app\b)",
            re.I,
        ),
        30,
    ),
    (
        "credit",
        re.compile(r"(?:additional )?(?:reporting|writing|editing|compiled) by\b", re.I),
        30,
    ),
    ("share", re.compile(r"(?:click to share|share on|share via|share to)\b", re.I), 12),
    ("label", re.compile(r"(?:issue|vol\.?|volume|edition|episode)\s*#?\d+\b", re.I), 6),
    ("breadcrumb", re.compile(r"(?:home|news)\s*[›>/»|]\s*\S", re.I), 12),
    (
        "breadcrumb",
        re.compile(r"[^.!?›»]{1,30}(?:\s[›»>]\s[^.!?›»]{1,30}|[›»][^.!?›»]{1,30}){2,}$"),
        12,
    ),
    ("share", re.compile(r"[\d.,]+\s?[km]?\s+shares?$", re.I), 3),
    (
        "dateline",
        re.compile(
            r"(?:(?:updated|published|posted)\s+)?\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago$",
            re.I,
        ),
        6,
    ),
    ("dateline", re.compile(r"\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?$", re.I), 3),
    (
        "attribution",
        re.compile(
            r"(?:this (?:article|story|post|piece) (?:was )?(?:first |originally )?"
            r"(?:appeared|published|ran)|originally published)",
            re.I,
        ),
        40,
    ),
    ("related", re.compile(r"(?i:more (?:in|on|from|about)) [A-Z][\w&' -]*$"), 6),
    ("reading_time", re.compile(r"\d+\s*(?:-|\s)?(?:min|minute|minutes|mins)\s+read$", re.I), 6),
    (
        "dateline",
        re.compile(
            r"(?:published|updated|posted|last updated|last modified|date)(?:\s+on)?\s*:?\s"
            r"(?=.*(?:\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\bago\b|yesterday|today))",
            re.I,
        ),
        14,
    ),
)
_BYLINE = re.compile(
    r"(?i:by|written by|posted by|words by|reported by|story by|author:?)\s+"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|bin|al))*"
    r"(?:\s+(?:and|&)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?)"
    r"\s*(?:$|[,|·•—–-]|\s+(?:in|for|at|on)\s)",
)

_MAX_CHROME_WORDS = max(n for _, _, n in _CHROME_PATTERNS)
_BYLINE_ANYWHERE = re.compile(r"(?:^|(?<=\s))" + _BYLINE.pattern)


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]*\)")


def _share_only(s: str) -> bool:
    tokens = [t for t in re.split(r"[\s|·•/,]+", s.lower()) if t]
    return len(tokens) >= 2 and all(t in _SHARE_WORDS for t in tokens)


def _date_only(s: str) -> bool:
    """A line that is a date, maybe with a place, time or reading time, and nothing else."""
    if _words(s) > 12:
        return False
    m = _DATE.search(s)
    if not m:
        return False
    rest = (s[: m.start()] + " " + s[m.end() :]).strip(" ,|·•—–-:/()")
    rest = re.sub(r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\b", " ", rest, flags=re.I)
    rest = re.sub(r"\b\d+\s*min(?:ute)?s?\s+read\b", " ", rest, flags=re.I)
    rest = re.sub(
        r"\b(?:published|updated|posted|on|at|mon|tue|wed|thu|fri|sat|sun)\w*\b",
        " ",
        rest,
        flags=re.I,
    )
    rest = rest.strip(" ,|·•—–-:/().")
    # What is left may be a place name ("TOKYO") but not a sentence.
    return not rest or (_words(rest) <= 4 and not rest.endswith("."))


@functools.lru_cache(maxsize=8192)
def chrome_kind(line: str) -> str | None:
    """The kind of site chrome a whole line is ("skip_link", "also_read" ...), else None.

    Cached: the parser asks about the same lines from several rules.
    """
    s = line.strip()
    if not s:
        return None
    if _MD_IMAGE.fullmatch(s) or (s.startswith("<!--") and s.endswith("-->")):
        return "caption"  # a markdown image or an HTML comment left in the text
    link = _MD_LINK.fullmatch(s)
    if link:
        s = link.group(1).strip()  # a link-only line is chrome if its words are ("Read more")
    words = _words(s)
    if words > _MAX_CHROME_WORDS:
        return None  # a real paragraph; no chrome pattern allows this many words
    if words <= 8:
        key = " ".join(_core(s).lower().split()).rstrip(" :|›»>….").strip().rstrip(" :")
        if key in _CHROME_LOOKUP:
            return _CHROME_LOOKUP[key]
    if not any(c.isalnum() for c in s):
        return "rule"  # separators and ornaments: "* * *", "--", "###", "·"
    for kind, pattern, max_words in _CHROME_PATTERNS:
        if words <= max_words and pattern.match(s):
            return kind
    if words <= 12 and _share_only(s):
        return "share"
    if words <= 14 and not s.endswith(".") and _BYLINE.match(s):
        return "byline"
    if _date_only(s):
        return "dateline"
    return None


# --- dates and metadata values ------------------------------------------------------

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}  # fmt: skip


def iso_date(value: Any) -> str | None:
    """A date written any common way -> ``YYYY-MM-DD`` (or the trimmed original)."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    s = str(value).strip()
    if not s:
        return None
    m = _DATE.search(s)
    if not m:
        return s[:40]
    if m.group("iso"):
        return m.group("iso")
    parts = re.findall(r"[A-Za-z]+|\d+", m.group(0))
    month = next(
        (
            _MONTHS.get(p.lower()[:4].rstrip(".")) or _MONTHS.get(p.lower()[:3])
            for p in parts
            if p.isalpha()
        ),
        None,
    )
    nums = [int(p) for p in parts if p.isdigit()]
    if month and len(nums) >= 2:
        day, year = (nums[0], nums[-1]) if nums[-1] > 31 else (nums[-1], nums[0])
        try:
            return _dt.date(year, month, day).isoformat()
        except ValueError:
            return s[:40]
    return s[:40]


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        # YAML escapes can produce lone surrogates, which no file or terminal can take.
        value = " ".join(value.encode("utf-8", "replace").decode("utf-8").split())
        return value or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _as_tags(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        items: Iterable[Any] = value.split(",")
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        return None
    tags = [t for t in (_as_text(v) for v in items) if t]
    return tuple(dict.fromkeys(t.strip() for t in tags if t.strip()))


_FIELD_ALIASES = {
    "title": ("title", "headline"),
    "source": ("source", "site", "site_name", "publication", "publisher"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "published": ("published", "date", "published_at", "pubdate", "published_date"),
    "author": ("author", "authors", "byline"),
    "tags": ("tags", "keywords", "categories"),
}


def meta_overrides(data: Any) -> dict[str, Any]:
    """Valid ArticleMeta fields from a front-matter / sidecar mapping (bad values ignored)."""
    if not isinstance(data, Mapping):
        return {}
    lowered = {str(k).lower(): v for k, v in data.items()}
    out: dict[str, Any] = {}
    for name, aliases in _FIELD_ALIASES.items():
        value = next((lowered[a] for a in aliases if lowered.get(a) is not None), None)
        if value is None:
            continue
        if name == "tags":
            tags = _as_tags(value)
            if tags is not None:
                out[name] = tags
        elif name == "published":
            iso = iso_date(value)
            if iso:
                out[name] = iso
        elif name == "author" and isinstance(value, (list, tuple)):
            names = [t for t in (_as_text(v) for v in value) if t]
            if names:
                out[name] = ", ".join(names)
        elif (
            name == "source"
            and isinstance(value, str)
            and value.startswith(("http://", "https://"))
        ):
            out.setdefault("url", value.strip())  # "source: <url>" means the address
        else:
            text = _as_text(value)
            if text:
                out[name] = text
    return out


def apply_overrides(meta: ArticleMeta, overrides: Mapping[str, Any]) -> ArticleMeta:
    """Set the given fields on ``meta`` (front matter and sidecars beat guesses)."""
    for key, value in overrides.items():
        setattr(meta, key, value)
    return meta


def safe_yaml_mapping(text: str) -> dict[str, Any] | None:
    """``yaml.safe_load`` that returns a mapping or None: never raises."""
    try:
        data = yaml.safe_load(text)
    except Exception:  # any YAML error, recursion, bad encoding: treat as no metadata
        return None
    return data if isinstance(data, dict) else None


# --- pass 1: meta header ---------------------------------------------------------------


@dataclass
class _Header:
    """What the meta pass found: lines it owns and fields it sets."""

    lines: list[tuple[int, int]] = field(default_factory=list)  # (first, last) line ranges
    fields: dict[str, Any] = field(default_factory=dict)
    body: int = 0  # first line index after the header


def _meta_header(lines: list[_Line], text: str) -> _Header:
    """YAML front matter (``---`` ... ``---``) and/or a ``Source: <url>`` first line."""
    head = _Header()
    first = _next(lines, -1)
    if first is None:
        return head
    if lines[first].s == "---" and first == 0:
        for j in range(1, min(len(lines), 400)):
            if lines[j].s in ("---", "...") and lines[j].indent == 0:
                body = text[lines[0].end + 1 : lines[j].start]
                data = safe_yaml_mapping(body)
                # Broken YAML that still looks like "key: value" is front matter with no fields.
                if data is not None or not body.strip() or re.match(r"\s*[\w-]+\s*:", body):
                    head.lines.append((0, j))
                    head.fields.update(meta_overrides(data))
                    head.body = j + 1
                    first = _next(lines, j)
                break
    if first is not None:
        m = re.fullmatch(r"Source:\s*(https?://\S+)", lines[first].s)
        nxt = first + 1
        if m and (nxt >= len(lines) or lines[nxt].blank):
            head.lines.append((first, first))
            head.fields.setdefault("url", m.group(1))
            head.body = first + 1
    return head


# --- pass 2: head (title, site name, teasers) ---------------------------------------------


@dataclass
class _Head:
    title: int | None = None
    chrome: dict[int, str] = field(default_factory=dict)
    teaser: set[int] = field(default_factory=set)
    source: str | None = None
    author: str | None = None
    published: str | None = None


#: Labels that introduce other articles ("Featured" + a teaser), unlike "Opinion" or "Breaking".
_TEASER_LABELS = frozenset(
    {
        "featured", "featured article", "featured story", "sponsored", "sponsored content",
        "trending", "trending now", "editor's pick", "editor’s pick", "editors' picks",
        "editor's picks", "top stories", "top story", "most popular", "most read", "popular",
        "recommended", "promoted", "advertorial", "paid content", "partner content", "up next",
        "read next", "related", "related articles", "related stories", "you may also like",
        "you might also like", "more stories", "read more", "also read", "see also",
    }
)  # fmt: skip


def _is_teaser_label(s: str) -> bool:
    return " ".join(_core(s).lower().split()).rstrip(" :") in _TEASER_LABELS


def _is_paragraph(s: str) -> bool:
    return not _title_like(s) and _words(s) >= 12 and chrome_kind(s) is None


def _is_short_label(s: str) -> bool:
    """A name or menu-like line: a few words, no sentence punctuation, not lower case."""
    core = _core(s)
    return (
        0 < _words(core) <= 4
        and len(core) <= 32
        and core[-1] not in ".!?:;,"
        and not core[:1].islower()
        and not _is_stat(core)
        and _bullet_match(s) is None
    )


def _is_site_name(s: str, following: str) -> bool:
    """A short name line above a longer headline (or above another chrome label)."""
    if not _is_short_label(s):
        return False
    if chrome_kind(following) in ("label", "skip_link", "nav", "breadcrumb"):
        return True
    return _title_like(following) and _words(following) >= 5 and len(following) >= 1.5 * len(s)


def _paragraph_after(lines: list[_Line], i: int, merge: bool) -> tuple[str, int] | None:
    """The paragraph starting at line ``i`` (its text, its last line), if it is one."""
    end = _group_end(lines, i) if merge else i
    text = " ".join(lines[k].s for k in range(i, end + 1))
    return (text, end) if _is_paragraph(text) else None


def _is_teaser(lines: list[_Line], t: int, labelled: bool, merge: bool) -> tuple[int, int] | None:
    """Title ``t`` + one paragraph + another headline: a teaser of another article?

    The pair is a teaser when something says so: a "Featured"/"Related"
    label above it, a paragraph cut off with an ellipsis, or a second
    headline that is followed by a table of contents, byline or dateline (the
    real article's furniture). Returns (last teaser line, next headline).
    """
    p = _next(lines, t)
    if p is None:
        return None
    para = _paragraph_after(lines, p, merge)
    if para is None:
        return None
    n2 = _next(lines, para[1])
    if n2 is None or not _title_like(lines[n2].s) or lines[n2].chrome():
        return None
    after = _next(lines, n2)
    after_kind = lines[after].chrome() if after is not None else None
    if labelled or _ends_with_ellipsis(para[0]) or after_kind in ("toc", "byline", "dateline"):
        return para[1], n2
    return None


def _first_h1(lines: list[_Line], first: int, hints: html_text.HtmlDoc | None) -> int | None:
    """HTML with an ``<h1>`` near the top: that is the title, whatever comes before."""
    if hints is None:
        return None
    h1 = [i for i, level in hints.headings.items() if level == 1 and i >= first]
    if not h1:
        return None
    seen = sum(1 for line in lines[first : min(h1)] if line.s)
    return min(h1) if seen < HEAD_LINES else None


def _analyse_head(
    lines: list[_Line], first: int, hints: html_text.HtmlDoc | None, merge: bool
) -> _Head:
    """Find the title among the first lines; everything skipped above it is chrome."""
    head = _Head()
    h1 = _first_h1(lines, first, hints)
    if h1 is not None:
        for line in lines[first:h1]:
            if line.s:
                head.chrome[line.idx] = line.chrome() or "label"
                _note_head_chrome(head, head.chrome[line.idx], line.s)
        head.title = h1
        _scan_under_title(lines, head)
        _scan_head_dates(lines, first, head)
        return head
    i = _next(lines, first - 1)
    labelled = False
    seen_content = False
    budget = HEAD_LINES
    while i is not None and budget > 0:
        budget -= 1
        s = lines[i].s
        kind = lines[i].chrome()
        if kind:
            head.chrome[i] = kind
            labelled = labelled or _is_teaser_label(s)
            _note_head_chrome(head, kind, s)
            i = _next(lines, i)
            continue
        if _MD_HEADING.match(s):
            head.title = i
            break
        n1 = _next(lines, i)
        following = lines[n1].s if n1 is not None else ""
        if n1 is not None and _is_site_name(s, following):
            # Site name (first line) or a section label / menu item above the headline.
            head.chrome[i] = "label" if seen_content else "site_name"
            if not seen_content:
                head.source = _core(s)
            seen_content = True
            i = n1
            continue
        if (
            n1 is not None
            and not _title_like(s)
            and _is_short_label(s)
            and _is_short_label(following)
        ):
            head.chrome[i] = "nav"  # a run of menu words ("News", "Sport", ...)
            seen_content = True
            i = n1
            continue
        if not _title_like(s) or _is_stat(s):
            break  # the body starts here: there is no title line
        teaser = _is_teaser(lines, i, labelled, merge)
        if teaser is not None:
            head.teaser.update(k for k in range(i, teaser[0] + 1) if lines[k].s)
            labelled, seen_content = False, True
            i = teaser[1]
            continue
        head.title = i
        _scan_under_title(lines, head)
        break
    _scan_head_dates(lines, first, head)
    return head


def _scan_under_title(lines: list[_Line], head: _Head) -> None:
    """Bylines and datelines right under the title: chrome, and they tell author and date."""
    j = _next(lines, head.title)
    for _ in range(6):
        if j is None:
            return
        kind = lines[j].chrome()
        if kind is None:
            return
        head.chrome[j] = kind
        _note_head_chrome(head, kind, lines[j].s)
        j = _next(lines, j)


def _note_head_chrome(head: _Head, kind: str, s: str) -> None:
    if kind in ("byline", "dateline") and head.author is None:
        m = _BYLINE_ANYWHERE.search(s)
        if m:
            head.author = m.group("name").strip()
    if kind in ("byline", "dateline") and head.published is None and _DATE.search(s):
        head.published = iso_date(s)


def _scan_head_dates(lines: list[_Line], first: int, head: _Head) -> None:
    """Published date from a ``date 2025-11-06`` prefix or a press-release dateline."""
    seen = 0
    for line in lines[first:]:
        if head.published or seen >= 8:
            return
        if not line.s:
            continue
        seen += 1
        m = _TOOL_DATE.search(line.s)
        if m:
            head.published = m.group(1)
            return
        m = _PRESS_DATELINE.match(line.s)
        if m:
            head.published = iso_date(m.group("date"))
            return


# --- pass 3: body ---------------------------------------------------------------------------

_FOOTER_KINDS = ("comments",)  # everything below these is reader comments, not article
_LIST_HEADER_KINDS = ("related",)  # a header whose following lines are links


def _norm(s: str) -> str:
    return re.sub(r"[^\w]+", " ", s.lower()).strip()


def _find_toc(lines: list[_Line], start: int) -> dict[int, str]:
    """Tables of contents: a "Contents" header and/or list items repeating later headings."""
    out: dict[int, str] = {}
    last_seen = {_norm(line.s): line.idx for line in lines if line.s}  # text -> last line
    i = _next(lines, start - 1)
    while i is not None:
        is_header = lines[i].chrome() == "toc"
        j = _next(lines, i) if is_header else i
        run: list[int] = []
        while j is not None and (
            _bullet_match(lines[j].s) or (is_header and _headingish(lines[j].s))
        ):
            if run and j > _group_end(lines, run[-1]) + 1:
                break
            run.append(j)
            j = _next(lines, j)
        if run:
            items = [_norm(_item_text(lines[k].s)) for k in run]
            hits = sum(1 for t in items if t and last_seen.get(t, -1) > run[-1])
            if (is_header and hits >= 1) or (len(run) >= 2 and hits == len(run)):
                if is_header:
                    out[i] = "toc"
                for k in run:
                    out[k] = "toc"
                i = _next(lines, run[-1])
                continue
        i = _next(lines, i)
    return out


def _item_text(s: str) -> str:
    """A list item's words: no marker, and a markdown link reduced to its text."""
    m = _bullet_match(s)
    item = s[m.end() :] if m else s
    link = _MD_LINK.fullmatch(item)
    return link.group(1) if link else item


@dataclass
class _Kind:
    kind: str
    level: int = 0
    skip: int = 0  # characters of list marker excluded from the block


def _classify(
    lines: list[_Line],
    first: int,
    head: _Head,
    hints: html_text.HtmlDoc | None,
    merge: bool,
    md: bool,
) -> dict[int, _Kind]:
    """Kind of every non-blank line from ``first`` on."""
    kinds: dict[int, _Kind] = {i: _Kind("chrome") for i in head.chrome}
    kinds.update({i: _Kind("teaser") for i in head.teaser})
    if head.title is not None:
        title_marks = _MD_HEADING.match(lines[head.title].s)
        kinds[head.title] = _Kind("title", 1, title_marks.end() if title_marks else 0)
    if md:
        kinds.update(_code_fences(lines, first))
    toc = _find_toc(lines, head.title if head.title is not None else first)
    toc_headings = {_norm(_item_text(lines[k].s)) for k in toc}
    for k in toc:
        kinds.setdefault(k, _Kind("chrome"))
    footer = False
    list_indents: list[int] = []
    i = _next(lines, first - 1)
    while i is not None:
        line = lines[i]
        if i in kinds:
            list_indents = [] if kinds[i].kind != "bullet" else list_indents
            i = _next(lines, i)
            continue
        if footer:
            kinds[i] = _Kind("chrome")
            i = _next(lines, i)
            continue
        kind = _classify_line(lines, i, hints, merge, md, kinds, list_indents)
        kinds[i] = kind
        if kind.kind != "bullet":
            list_indents = []
        # With a table of contents, headings it lists are sections, others sub-sections.
        if (
            kind.kind == "heading"
            and kind.level == 2
            and toc_headings
            and _norm(_core(line.s)) not in toc_headings
        ):
            kind.level = 3
        if kind.kind == "chrome":
            ck = line.chrome()
            if ck in _FOOTER_KINDS and i > len(lines) // 2:
                footer = True
            elif ck == "sources_header":
                _mark_references(lines, i, kinds)
            elif _is_teaser_label(line.s) and _mark_body_teasers(lines, i, kinds, merge):
                pass
            elif ck in _LIST_HEADER_KINDS:
                _mark_link_list(lines, i, kinds)
        i = _next(lines, i)
    return kinds


def _code_fences(lines: list[_Line], first: int) -> dict[int, _Kind]:
    """Markdown fenced code: every line, fences included, is plain text (one block when merged)."""
    out: dict[int, _Kind] = {}
    fence: str | None = None
    for line in lines[first:]:
        opener = line.s[:3] if line.s.startswith(("```", "~~~")) else None
        if fence is None and opener:
            fence = opener
        elif fence is not None and opener == fence:
            out[line.idx] = _Kind("paragraph")
            fence = None
            continue
        if fence is not None and line.s:
            out[line.idx] = _Kind("paragraph")
    return out


def _mark_body_teasers(
    lines: list[_Line], label: int, kinds: dict[int, _Kind], merge: bool
) -> bool:
    """Headline + blurb pairs under a "Featured"/"Read Next" label are other articles.

    The first pair is always a teaser; more pairs follow only while the blurbs
    are cut off with an ellipsis (so the article's own sections are safe).
    """
    t = _next(lines, label)
    found = False
    while t is not None and t not in kinds and _title_like(lines[t].s) and not lines[t].chrome():
        p = _next(lines, t)
        para = _paragraph_after(lines, p, merge) if p is not None and p not in kinds else None
        if para is None:
            break
        for k in range(t, para[1] + 1):
            if lines[k].s:
                kinds[k] = _Kind("teaser")
        found = True
        if not _ends_with_ellipsis(para[0]):
            break
        t = _next(lines, para[1])
    return found


def _looks_like_reference(s: str) -> bool:
    return bool(
        _CITATION.fullmatch(s)
        or _bullet_match(s)
        or "http" in s
        or "www." in s
        or re.search(r"\((?:19|20)\d{2}\)|,\s*(?:19|20)\d{2}\b", s)
    )


def _mark_references(lines: list[_Line], header: int, kinds: dict[int, _Kind]) -> None:
    """Reference entries under a "Sources" header are citations."""
    j = _next(lines, header)
    while (
        j is not None
        and j not in kinds
        and not lines[j].chrome()
        and _looks_like_reference(lines[j].s)
    ):
        m = _bullet_match(lines[j].s)
        kinds[j] = _Kind("citation", 0, m.end() if m else 0)
        j = _next(lines, j)


def _mark_link_list(lines: list[_Line], header: int, kinds: dict[int, _Kind]) -> None:
    """Lines right under "Related Articles" (no blank line between) are links: chrome."""
    j = header + 1
    while j < len(lines) and lines[j].s and j not in kinds:
        if _words(lines[j].s) > 20 or (lines[j].s.endswith(".") and _words(lines[j].s) > 12):
            break
        kinds[j] = _Kind("chrome")
        j += 1


def _classify_line(
    lines: list[_Line],
    i: int,
    hints: html_text.HtmlDoc | None,
    merge: bool,
    md: bool,
    kinds: dict[int, _Kind],
    list_indents: list[int],
) -> _Kind:
    line = lines[i]
    s = line.s
    nxt = _next(lines, i)
    if hints is not None and i in hints.headings:
        return _Kind("heading", max(2, hints.headings[i]))
    if hints is not None and i in hints.bullets and _bullet_match(s):
        return _classify_bullet(lines, i, _bullet_match(s), None, list_indents)  # an <li>
    m = _MD_HEADING.match(s)
    if m:  # the "## " marks are left out of the block, like list markers
        return _Kind("heading", len(m.group(1)), m.end())
    if (
        md
        and i + 1 < len(lines)
        and re.fullmatch(r"=+|-+", lines[i + 1].s)
        and not _bullet_match(s)
    ):
        kinds[i + 1] = _Kind("chrome")  # setext underline
        return _Kind("heading", 1 if lines[i + 1].s[0] == "=" else 2)
    if line.chrome():
        return _Kind("chrome")
    if _CITATION.fullmatch(s):
        return _Kind("citation")
    if _is_stat(s):
        cap = nxt
        if cap is not None and cap - i <= 2 and cap not in kinds and _is_caption(lines[cap].s):
            kinds[cap] = _Kind("stat_caption")
        return _Kind("stat")
    b = _bullet_match(s)
    if b:
        return _classify_bullet(lines, i, b, nxt, list_indents)
    if _headingish(s) and nxt is not None and _heading_context(lines, i, nxt, merge):
        return _Kind("heading", 2)
    return _Kind("paragraph")


def _is_caption(s: str) -> bool:
    return (
        not _is_stat(s)
        and _words(s) <= 20
        and chrome_kind(s) is None
        and _bullet_match(s) is None
        and not _MD_HEADING.match(s)
    )


def _classify_bullet(
    lines: list[_Line], i: int, m: re.Match[str], nxt: int | None, list_indents: list[int]
) -> _Kind:
    """A list item; a short "Label:" item followed by prose is a sub-heading."""
    rest = lines[i].s[m.end() :]
    label = rest.endswith(":") and _words(rest) <= 8
    prose_next = (
        nxt is not None and not _bullet_match(lines[nxt].s) and not lines[nxt].s[:1].islower()
    )
    if label and prose_next:
        return _Kind("heading", 3, m.end())
    # "2. Market Overview" between paragraphs (not inside a list) is a numbered section heading.
    if prose_next and not list_indents and m.group(0)[0].isdigit() and _headingish(rest):
        return _Kind("heading", 2)  # the number stays: it is part of the heading
    indent = lines[i].indent
    while list_indents and list_indents[-1] > indent:
        list_indents.pop()
    if not list_indents or list_indents[-1] < indent:
        list_indents.append(indent)
    return _Kind("bullet", len(list_indents), m.end())


def _heading_context(lines: list[_Line], i: int, nxt: int, merge: bool) -> bool:
    """Neighbours that let a headingish line be a heading."""
    if not merge:
        return True
    # Hard-wrapped text: a heading starts its own group and is not continued in lower case;
    # a line as long as the wrap width that runs straight on is the start of a paragraph.
    prev_blank = i == 0 or lines[i - 1].blank
    runs_on = nxt == i + 1 and (lines[nxt].s[:1].islower() or len(lines[i].s) >= 50)
    return prev_blank and not runs_on


# --- blocks -------------------------------------------------------------------------------


def _is_wrapped(lines: list[_Line], suffix: str) -> bool:
    """Is the prose hard-wrapped (paragraphs span several lines)? Markdown always is."""
    if suffix in (".md", ".markdown"):
        return True
    content = [ln for ln in lines if ln.s]
    if len(content) < 4 or sum(len(ln.s) > 100 for ln in content) > len(content) // 50:
        return False
    evidence = sum(
        1
        for a, b in zip(lines, lines[1:], strict=False)
        if len(a.s) >= 50 and b.s and a.s[-1] not in _TERMINAL + ':"”' and b.s[:1].islower()
    )
    return evidence >= 2


def _build_blocks(
    text: str, lines: list[_Line], kinds: dict[int, _Kind], merge: bool
) -> list[Block]:
    """Turn line kinds into blocks; wrapped paragraphs and list items span lines."""
    spans: list[list[Any]] = []  # [kind, start, end, level, last_line]
    for line in lines:
        if not line.s:
            continue
        k = kinds.get(line.idx, _Kind("paragraph"))
        start = line.start + k.skip
        last = spans[-1] if spans else None
        if last is not None and k.kind == "meta" and last[0] == "meta":
            last[2], last[4] = line.end, line.idx  # front matter (and Source header): one block
            continue
        joinable = (
            merge
            and last is not None
            and last[4] == line.idx - 1
            and k.kind == "paragraph"
            and last[0] in ("paragraph", "bullet", "standfirst")
        )
        if joinable:
            last[2], last[4] = line.end, line.idx
        else:
            spans.append([k.kind, start, line.end, k.level, line.idx])
    return [Block(kind, a, b, text[a:b], level) for kind, a, b, level, _ in spans]


def _mark_standfirst(text_all: str, blocks: list[Block]) -> list[Block]:
    """The first paragraph under the title is a standfirst when it is one short summary."""
    for n, block in enumerate(blocks):
        if block.kind != "title":
            continue
        for m in range(n + 1, len(blocks)):
            nxt = blocks[m]
            if nxt.kind == "chrome":
                continue
            text = nxt.text
            # A dek may lack a full stop; then only sentence case tells it from a heading.
            marks = text_all[text_all.rfind("\n", 0, nxt.start) + 1 : nxt.start].strip()
            dek_heading = nxt.kind == "heading" and not marks and not _title_case(text)
            if (
                (nxt.kind == "paragraph" or dek_heading)
                and 6 <= _words(text) <= 70
                and _sentences(text) <= 2
                and not _PRESS_DATELINE.match(text)
            ):
                blocks[m] = Block("standfirst", nxt.start, nxt.end, nxt.text, 0)
            break
        break
    return blocks


# --- public API -------------------------------------------------------------------------------


@dataclass
class _Prepared:
    text: str
    lines: list[_Line]
    header: _Header
    head: _Head
    hints: html_text.HtmlDoc | None
    merge: bool


def _prepare(raw: str, suffix: str) -> _Prepared:
    """Canonical text, lines, meta header and head analysis: all metadata needs."""
    suffix = suffix.lower()
    hints = None
    text = raw
    if suffix in (".html", ".htm", ".xhtml"):
        hints = html_text.extract(raw)
        text = hints.text
    lines = _split_lines(text)
    header = _meta_header(lines, text) if hints is None else _Header()
    merge = _is_wrapped(lines, suffix) if hints is None else False
    head = _analyse_head(lines, header.body, hints, merge)
    return _Prepared(text, lines, header, head, hints, merge)


def _derive_title(lines: list[_Line], first: int) -> str:
    """No title line: the first sentence of the body, trimmed to a headline's length."""
    for line in lines[first:]:
        if line.s and line.chrome() is None:
            sentence = _SENTENCE_SPLIT.split(_core(_item_text(line.s)), maxsplit=1)[0].strip()
            sentence = sentence.rstrip(".:;, ")
            if len(sentence) > 90:
                cut = sentence[:90].rsplit(" ", 1)[0]
                sentence = cut.rstrip(",;:- ") + "…"
            return sentence
    return ""


def _build_meta(prep: _Prepared, article_id: str, path: str) -> ArticleMeta:
    lines, head, hints = prep.lines, prep.head, prep.hints
    if head.title is not None:
        title = _core(_item_text(lines[head.title].s)) or lines[head.title].s
    elif hints is not None and hints.title:
        title = hints.title
    else:
        title = _derive_title(lines, prep.header.body)
    body_start = lines[prep.header.body].start if prep.header.body < len(lines) else len(prep.text)
    meta = ArticleMeta(
        id=article_id,
        path=path,
        title=title or article_id.rsplit("/", 1)[-1] or "Untitled",
        source=head.source,
        author=head.author,
        published=head.published,
        fingerprint=fingerprint(prep.text),
        words=_words(prep.text[body_start:]),
    )
    if hints is not None:  # <meta> tags beat guesses; <title> was only a fallback above
        page = {"source": hints.source, "url": hints.url, "published": hints.published}
        apply_overrides(meta, meta_overrides({**page, "author": hints.author}))
    return apply_overrides(meta, prep.header.fields)


def parse_meta(
    text: str, *, article_id: str = "", path: str = "", suffix: str = ".txt"
) -> ArticleMeta:
    """Metadata only (title, source, dates, fingerprint, words), as :func:`parse_text` gives.

    Skips classifying the body, so listing a big library stays cheap.
    """
    return _build_meta(_prepare(text, suffix), article_id, path)


def parse_text(text: str, *, article_id: str = "", path: str = "", suffix: str = ".txt") -> Article:
    """Parse one article's canonical text. Never changes ``text``; blocks point into it."""
    prep = _prepare(text, suffix)
    lines = prep.lines
    kinds = _classify(
        lines,
        prep.header.body,
        prep.head,
        prep.hints,
        prep.merge,
        suffix.lower() in (".md", ".markdown"),
    )
    for first, last in prep.header.lines:
        kinds[first] = _Kind("meta")
        for j in range(first + 1, last + 1):
            kinds[j] = _Kind("meta")
    blocks = _mark_standfirst(prep.text, _build_blocks(prep.text, lines, kinds, prep.merge))
    return Article(meta=_build_meta(prep, article_id, path), text=prep.text, blocks=blocks)
