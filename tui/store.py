"""The reader's annotations in TinyDB (``annotations/annotations.json``).

MINIMAL VERSION: plain TinyDB storage. The store helper replaces the
storage (atomic, locked, journaled) keeping this public API.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from tinydb import Query, TinyDB

from .model import Anchor, ArticleState, Feedback, Note

SCHEMA_VERSION = 1


class StoreError(Exception):
    """The annotations file cannot be used; str() says what is wrong and where."""


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Store:
    """Notes, tags, article state and extraction feedback for one library."""

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = TinyDB(self.path)
        meta = self.db.table("meta")
        if not meta.all():
            meta.insert({"schema_version": SCHEMA_VERSION})

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- article state ---------------------------------------------------------

    def _article_doc(self, article_id: str) -> dict | None:
        return self.db.table("articles").get(Query().article_id == article_id)

    def article_state(self, article_id: str) -> ArticleState:
        doc = self._article_doc(article_id)
        if not doc:
            return ArticleState(article_id)
        return ArticleState(
            article_id,
            status=doc.get("status", "unread"),
            starred=bool(doc.get("starred", False)),
            tags=tuple(doc.get("tags", ())),
            position=int(doc.get("position", 0)),
            fingerprint=doc.get("fingerprint", ""),
        )

    def all_article_states(self) -> dict[str, ArticleState]:
        return {
            d["article_id"]: self.article_state(d["article_id"])
            for d in self.db.table("articles").all()
        }

    def _update_article(self, article_id: str, **fields: object) -> ArticleState:
        table = self.db.table("articles")
        doc = self._article_doc(article_id)
        if doc is None:
            table.insert({"article_id": article_id, **fields})
        else:
            table.update(fields, Query().article_id == article_id)
        return self.article_state(article_id)

    def set_status(self, article_id: str, status: str) -> ArticleState:
        return self._update_article(article_id, status=status)

    def set_starred(self, article_id: str, starred: bool) -> ArticleState:
        return self._update_article(article_id, starred=starred)

    def set_position(self, article_id: str, position: int) -> ArticleState:
        return self._update_article(article_id, position=position)

    def add_tag(self, article_id: str, tag: str) -> ArticleState:
        tags = list(self.article_state(article_id).tags)
        if tag not in tags:
            tags.append(tag)
        return self._update_article(article_id, tags=tags)

    def remove_tag(self, article_id: str, tag: str) -> ArticleState:
        tags = [t for t in self.article_state(article_id).tags if t != tag]
        return self._update_article(article_id, tags=tags)

    # --- notes -----------------------------------------------------------------

    @staticmethod
    def _note_from_doc(doc: dict) -> Note:
        return Note(
            id=doc["id"],
            article_id=doc["article_id"],
            body=doc.get("body", ""),
            anchor=Anchor.from_dict(doc["anchor"]) if doc.get("anchor") else None,
            tags=tuple(doc.get("tags", ())),
            kind=doc.get("kind", "note"),
            created=doc.get("created", ""),
            updated=doc.get("updated", ""),
            orphaned=bool(doc.get("orphaned", False)),
        )

    def add_note(
        self,
        article_id: str,
        body: str = "",
        *,
        anchor: Anchor | None = None,
        tags: Iterable[str] = (),
        kind: str = "note",
    ) -> Note:
        stamp = now_iso()
        doc = {
            "id": uuid.uuid4().hex[:12],
            "article_id": article_id,
            "body": body,
            "anchor": anchor.to_dict() if anchor else None,
            "tags": list(tags),
            "kind": kind,
            "created": stamp,
            "updated": stamp,
            "orphaned": False,
        }
        self.db.table("notes").insert(doc)
        return self._note_from_doc(doc)

    def update_note(self, note_id: str, *, body: str | None = None,
                    tags: Iterable[str] | None = None) -> Note:
        fields: dict = {"updated": now_iso()}
        if body is not None:
            fields["body"] = body
        if tags is not None:
            fields["tags"] = list(tags)
        self.db.table("notes").update(fields, Query().id == note_id)
        return self.get_note(note_id)

    def get_note(self, note_id: str) -> Note:
        doc = self.db.table("notes").get(Query().id == note_id)
        if doc is None:
            raise StoreError(f"no note {note_id!r}")
        return self._note_from_doc(doc)

    def delete_note(self, note_id: str) -> Note:
        note = self.get_note(note_id)
        self.db.table("notes").remove(Query().id == note_id)
        return note

    def notes(self, article_id: str | None = None) -> list[Note]:
        table = self.db.table("notes")
        docs = table.all() if article_id is None else table.search(Query().article_id == article_id)
        return sorted((self._note_from_doc(d) for d in docs), key=lambda n: n.created)

    def note_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for doc in self.db.table("notes").all():
            counts[doc["article_id"]] = counts.get(doc["article_id"], 0) + 1
        return counts

    # --- extraction feedback -----------------------------------------------------

    def add_feedback(self, fb: Feedback) -> Feedback:
        fid = uuid.uuid4().hex[:12]
        doc = {
            "id": fid,
            "action": fb.action,
            "text": fb.text,
            "label": fb.label,
            "article_id": fb.article_id,
            "start": fb.start,
            "canonical": fb.canonical,
            "created": now_iso(),
        }
        table = "entities" if fb.action == "teach" else "feedback"
        self.db.table(table).insert(doc)
        return Feedback(fb.action, fb.text, fb.label, fb.article_id, fb.start, fb.canonical, fid)

    def feedback(self) -> list[Feedback]:
        out = []
        for table in ("entities", "feedback"):
            for d in self.db.table(table).all():
                out.append(
                    Feedback(d["action"], d["text"], d.get("label"), d.get("article_id"),
                             d.get("start"), d.get("canonical"), d["id"])
                )
        return out

    def remove_feedback(self, feedback_id: str) -> None:
        for table in ("entities", "feedback"):
            self.db.table(table).remove(Query().id == feedback_id)

    # --- undo --------------------------------------------------------------------

    def undo(self) -> str | None:
        """Undo the last undoable change; returns what was undone, or None."""
        return None
