"""``briefing check``: validate a library's annotations file (read-only).

``check_library(root)`` returns a list of problems, each one line starting
with ``error:`` (the file cannot be used as is) or ``warning:`` (it works,
but something looks wrong), naming the file and the document. It never
writes anything: no lock file, no migration, no compaction.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .migrations import SCHEMA_VERSION, schema_version
from .model import STATUSES
from .storage import JournaledDB, StoreError

FEEDBACK_ACTIONS = ("teach", "reject", "relabel")
NOTE_KINDS = ("note", "highlight")


def check_library(library_root: str | os.PathLike[str]) -> list[str]:
    """Problems with the annotations of the library at ``library_root`` (empty: all good)."""
    from .library import Library, LibraryError

    root = Path(library_root)
    library = Library(root)
    path = Path(library.annotations_path)
    problems: list[str] = []

    def error(msg: str) -> None:
        problems.append(f"error: {path}: {msg}")

    def warning(msg: str) -> None:
        problems.append(f"warning: {path}: {msg}")

    db = JournaledDB(path, read_only=True)
    try:
        db.refresh()
    except StoreError as exc:
        problems.append(f"error: {exc}")
        return problems
    except OSError as exc:
        problems.append(f"error: {path}: cannot read ({exc.strerror})")
        return problems
    if db._main_sig is None:
        return problems  # no annotations yet: nothing to check
    data = db.data

    version = schema_version(data)
    if version > SCHEMA_VERSION:
        error(f"schema version {version} is newer than this Briefing knows ({SCHEMA_VERSION})")
    elif version == 0:
        warning("no schema version in the meta table (upgraded when opened for writing)")
    elif version < SCHEMA_VERSION:
        warning(
            f"schema version {version} is older than {SCHEMA_VERSION} (upgraded when opened for writing)"
        )

    try:
        articles = library.article_paths()
    except (LibraryError, OSError) as exc:
        problems.append(f"error: {root}: cannot list the library ({exc})")
        articles = {}

    texts: dict[str, str | None] = {}

    def text_of(aid: str) -> str | None:
        if aid not in texts:
            try:
                texts[aid] = library.load(aid).text
            except Exception:  # noqa: BLE001 - a broken article is the library check's business
                texts[aid] = None
        return texts[aid]

    seen_notes: dict[str, str] = {}
    for key, doc in sorted(data.get("notes", {}).items(), key=lambda kv: int(kv[0])):
        where = f"notes[{key}]"
        nid = doc.get("id")
        if not isinstance(nid, str) or not nid:
            error(f"{where} has no id")
            continue
        where = f"note {nid}"
        if nid in seen_notes:
            error(f"{where} appears twice (documents {seen_notes[nid]} and {key})")
        seen_notes[nid] = key
        aid = doc.get("article_id")
        if not isinstance(aid, str) or not aid:
            error(f"{where} has no article_id")
            continue
        if doc.get("kind", "note") not in NOTE_KINDS:
            warning(f"{where} has unknown kind {doc.get('kind')!r}")
        if not isinstance(doc.get("tags", []), list):
            error(f"{where}: tags is not a list")
        if articles and aid not in articles:
            warning(
                f"{where} refers to article {aid!r}, which is not in the library (renamed or deleted?)"
            )
        anchor = doc.get("anchor")
        if anchor is None:
            continue
        problem = _anchor_problem(anchor)
        if problem:
            error(f"{where}: {problem}")
            continue
        if doc.get("orphaned"):
            warning(
                f"{where} is orphaned: its passage {_short(anchor['exact'])} is no longer in the article"
            )
            continue
        text = text_of(aid) if aid in articles else None
        if text is None:
            continue
        if anchor["end"] > len(text):
            warning(
                f"{where}: anchor {anchor['start']}-{anchor['end']} is past the end of the text "
                f"({len(text)} characters; re-anchored when the article is opened)"
            )
        elif text[anchor["start"] : anchor["end"]] != anchor["exact"]:
            warning(
                f"{where}: the text at {anchor['start']}-{anchor['end']} no longer matches the quote "
                f"{_short(anchor['exact'])} (re-anchored when the article is opened)"
            )

    seen_articles: dict[str, str] = {}
    for key, doc in data.get("articles", {}).items():
        aid = doc.get("article_id")
        if not isinstance(aid, str) or not aid:
            error(f"articles[{key}] has no article_id")
            continue
        if aid in seen_articles:
            error(f"article {aid!r} has two state documents ({seen_articles[aid]} and {key})")
        seen_articles[aid] = key
        if doc.get("status", "unread") not in STATUSES:
            error(f"article {aid!r} has unknown status {doc.get('status')!r}")
        if not isinstance(doc.get("tags", []), list):
            error(f"article {aid!r}: tags is not a list")

    for table in ("entities", "feedback"):
        for key, doc in data.get(table, {}).items():
            if doc.get("action") not in FEEDBACK_ACTIONS:
                error(f"{table}[{key}] has unknown action {doc.get('action')!r}")
            if not isinstance(doc.get("text"), str) or not doc.get("text"):
                error(f"{table}[{key}] has no text")
            aid = doc.get("article_id")
            if aid is not None and articles and aid not in articles:
                warning(f"{table}[{key}] refers to article {aid!r}, which is not in the library")
    return problems


def _anchor_problem(anchor: Any) -> str | None:
    if not isinstance(anchor, dict):
        return "anchor is not an object"
    if not isinstance(anchor.get("exact"), str):
        return "anchor has no exact quote"
    start, end = anchor.get("start"), anchor.get("end")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        return "anchor start/end are not integers"
    if not 0 <= start <= end:
        return f"anchor range {start}-{end} is invalid"
    if end - start != len(anchor["exact"]):
        return f"anchor range {start}-{end} does not match the quote length {len(anchor['exact'])}"
    return None


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
