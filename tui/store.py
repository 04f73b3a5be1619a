"""The reader's annotations in TinyDB (``annotations/annotations.json``).

The file is an ordinary TinyDB JSON file (tables ``meta``, ``articles``,
``notes``, ``entities``, ``feedback`` ...; documented in docs/annotations.md).
Saves go through :mod:`tui.storage`: one appended, fsynced journal record
under a cross-process lock, folded atomically into the main file when the
journal grows and on close. Every public read first re-syncs with the disk
(two ``stat`` calls when nothing changed), so the app and a CLI process see
each other's writes; the lock is held for one write only.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import anchoring
from .migrations import SCHEMA_VERSION, migrate, schema_version
from .model import Anchor, ArticleState, Feedback, Note
from .storage import (
    COMPACT_MIN_BYTES,
    Data,
    JournaledDB,
    Op,
    StoreError,
    list_backups,
)
from .storage import restore_backup as _restore_file

__all__ = [
    "SCHEMA_VERSION",
    "Store",
    "StoreError",
    "backups",
    "load_note_records",
    "now_iso",
    "restore_backup",
]

UNDO_LEVELS = 100
FEEDBACK_TABLES = ("entities", "feedback")


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


#: Marks an undo snapshot that restores only some fields of a document.
_ONLY = "__undo_fields__"


def _article_defaults() -> dict[str, Any]:
    """A fresh ``articles`` document body: the state before the reader did anything."""
    return {"status": "unread", "starred": False, "tags": [], "position": 0, "fingerprint": ""}


def backups(path: str | os.PathLike[str]) -> list[Path]:
    """Backups of the annotations file at ``path``, newest first."""
    return list_backups(path)


def restore_backup(
    path: str | os.PathLike[str], backup: str | os.PathLike[str] | None = None
) -> Path:
    """Put ``backup`` (default: the newest) in place of the file at ``path``.

    The file it replaces is kept beside it as ``annotations.json.replaced-<time>``.
    Returns the backup that was restored.
    """
    path = Path(path)
    if backup is None:
        found = list_backups(path)
        if not found:
            raise StoreError(f"{path}: no backups to restore", path=path, problem="no backups")
        backup = found[0]
    _restore_file(path, backup)
    return Path(backup)


@dataclass(slots=True)
class _UndoStep:
    """Documents to put back: (table, identity field, identity, doc or None)."""

    label: str
    docs: list[tuple[str, str, str, dict | None]]


class Store:
    """Notes, tags, article state and extraction feedback for one library."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        lock_timeout: float = 10.0,
        compact_bytes: int = COMPACT_MIN_BYTES,
        compact_on_close: bool = True,
    ):
        self.path = Path(path)
        self.read_only = read_only
        self.compact_on_close = compact_on_close
        self._mutex = threading.RLock()
        self._undo: list[_UndoStep] = []
        self._closed = False
        # indexes, maintained from the journal replay
        self._note_keys: dict[str, str] = {}
        self._by_article: dict[str, dict[str, None]] = {}
        self._article_keys: dict[str, str] = {}
        self._fb_keys: dict[str, tuple[str, str]] = {}
        self._max_key: dict[str, int] = {}
        self._db = JournaledDB(
            self.path,
            read_only=read_only,
            lock_timeout=lock_timeout,
            compact_bytes=compact_bytes,
            on_reset=self._reset_indexes,
            on_op=self._index_op,
        )
        self._sync()
        self._check_version()
        if not read_only:
            self._migrate_if_needed()

    @classmethod
    def open_for_library(cls, root: str | os.PathLike[str], **kwargs: Any) -> Store:
        """The store of the library at ``root`` (``annotations/annotations.json``)."""
        return cls(Path(root) / "annotations" / "annotations.json", **kwargs)

    # --- lifecycle ------------------------------------------------------------------

    def close(self) -> None:
        """Fold the journal into the main file (writable stores) so other tools see it all."""
        if self._closed:
            return
        self._closed = True
        if not self.read_only and self.compact_on_close and self._db.journal_bytes:
            with contextlib.suppress(StoreError):  # locked: the journal stays, nothing lost
                self._db.compact()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def compact(self) -> None:
        """Fold the journal into the main file now (atomic; keeps a backup)."""
        self._db.compact()

    def backups(self) -> list[Path]:
        return list_backups(self.path)

    def restore_backup(self, backup: str | os.PathLike[str] | None = None) -> Path:
        """Restore a backup (default: newest) and reload; the replaced file is kept."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only", path=self.path, problem="read-only")
        restored = restore_backup(self.path, backup)
        with self._mutex:
            self._db._loaded = False
            self._sync()
            self._undo.clear()
            self._migrate_if_needed()
        return restored

    @property
    def schema_version(self) -> int:
        self._sync()
        return schema_version(self._db.data)

    # --- low level --------------------------------------------------------------------

    def _sync(self) -> None:
        """Re-read what other processes wrote (cheap when nothing changed)."""
        self._db.refresh()

    def _check_version(self) -> None:
        version = schema_version(self._db.data)
        if version > SCHEMA_VERSION and not self.read_only:
            raise StoreError(
                f"{self.path}: written by a newer Briefing (schema version {version}, "
                f"this one knows up to {SCHEMA_VERSION}); open it read-only or upgrade",
                path=self.path,
                problem="newer schema",
            )

    def _migrate_if_needed(self) -> None:
        data = self._db.data
        if self._db._main_sig is None:
            return  # no file yet: created (with meta) on the first write
        if schema_version(data) >= SCHEMA_VERSION:
            return
        with self._mutex, self._db.locked():
            if schema_version(self._db.data) >= SCHEMA_VERSION:
                return
            migrated = migrate(json.loads(json.dumps(self._db.data)))
            self._db.replace_all(migrated, backup=True)

    def _reset_indexes(self, data: Data) -> None:
        self._note_keys.clear()
        self._by_article.clear()
        self._article_keys.clear()
        self._fb_keys.clear()
        self._max_key.clear()
        for table, docs in data.items():
            for key, doc in docs.items():
                self._index_op(table, key, None, doc)

    def _index_op(self, table: str, key: str, old: dict | None, new: dict | None) -> None:
        if new is not None:
            try:
                k = int(key)
            except ValueError:
                k = 0
            if k > self._max_key.get(table, 0):
                self._max_key[table] = k
        if table == "notes":
            if old is not None:
                nid, aid = old.get("id"), old.get("article_id")
                if self._note_keys.get(nid) == key:
                    del self._note_keys[nid]
                keys = self._by_article.get(aid)
                if keys is not None:
                    keys.pop(key, None)
                    if not keys:
                        del self._by_article[aid]
            if new is not None:
                self._note_keys[new.get("id")] = key
                self._by_article.setdefault(new.get("article_id"), {})[key] = None
        elif table == "articles":
            if old is not None and self._article_keys.get(old.get("article_id")) == key:
                del self._article_keys[old.get("article_id")]
            if new is not None:
                self._article_keys[new.get("article_id")] = key
        elif table in FEEDBACK_TABLES:
            if old is not None and self._fb_keys.get(old.get("id")) == (table, key):
                del self._fb_keys[old.get("id")]
            if new is not None:
                self._fb_keys[new.get("id")] = (table, key)

    def _new_key(self, table: str, taken: dict[str, int] | None = None) -> str:
        """A fresh document id; ``taken`` tracks ids handed out for one pending record."""
        k = max(self._max_key.get(table, 0), (taken or {}).get(table, 0)) + 1
        if taken is not None:
            taken[table] = k
        return str(k)

    def _meta_ops(self) -> list[Op]:
        """The meta document, written with the very first record of a new file."""
        if self._db._main_sig is None and not self._db.data.get("meta"):
            doc = {"schema_version": SCHEMA_VERSION, "created": now_iso(), "app": "briefing"}
            return [["meta", "1", doc]]
        return []

    def _write(self, ops: list[Op], undo: _UndoStep | None = None) -> None:
        """Commit ``ops`` (call inside ``self._db.locked()``)."""
        if not ops:
            return
        version = schema_version(self._db.data)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: now at schema version {version}, newer than this Briefing "
                f"({SCHEMA_VERSION}); not writing",
                path=self.path,
                problem="newer schema",
            )
        try:
            self._db.commit(self._meta_ops() + ops)
        except OSError as exc:
            raise StoreError(
                f"{self.path}: could not save ({exc.strerror or exc}); nothing was changed",
                path=self.path,
                problem="write failed",
            ) from exc
        if undo is not None and undo.docs:
            self._undo.append(undo)
            del self._undo[:-UNDO_LEVELS]

    def _find(self, table: str, field: str, value: str) -> tuple[str, dict] | None:
        if table == "notes" and field == "id":
            key = self._note_keys.get(value)
        elif table == "articles" and field == "article_id":
            key = self._article_keys.get(value)
        elif table in FEEDBACK_TABLES and field == "id":
            found = self._fb_keys.get(value)
            key = found[1] if found and found[0] == table else None
        else:
            key = next(
                (k for k, d in self._db.data.get(table, {}).items() if d.get(field) == value), None
            )
        if key is None:
            return None
        doc = self._db.data.get(table, {}).get(key)
        return None if doc is None else (key, doc)

    def _snapshot(self, table: str, field: str, value: str) -> tuple[str, str, str, dict | None]:
        found = self._find(table, field, value)
        return (table, field, value, None if found is None else dict(found[1]))

    # --- article state ---------------------------------------------------------------

    @staticmethod
    def _state_from_doc(article_id: str, doc: dict | None) -> ArticleState:
        if not doc:
            return ArticleState(article_id)
        return ArticleState(
            article_id,
            status=doc.get("status", "unread"),
            starred=bool(doc.get("starred", False)),
            tags=tuple(doc.get("tags", ())),
            position=int(doc.get("position", 0) or 0),
            fingerprint=doc.get("fingerprint", "") or "",
        )

    def article_state(self, article_id: str) -> ArticleState:
        with self._mutex:
            self._sync()
            found = self._find("articles", "article_id", article_id)
            return self._state_from_doc(article_id, found[1] if found else None)

    def all_article_states(self) -> dict[str, ArticleState]:
        with self._mutex:
            self._sync()
            return {
                d["article_id"]: self._state_from_doc(d["article_id"], d)
                for d in self._db.data.get("articles", {}).values()
                if "article_id" in d
            }

    def _update_article(self, article_id: str, label: str | None, **fields: Any) -> ArticleState:
        with self._mutex, self._db.locked():
            found = self._find("articles", "article_id", article_id)
            undo = None
            if label:
                table, field, value, before = self._snapshot("articles", "article_id", article_id)
                if before is None:
                    before = {"article_id": article_id, **_article_defaults()}
                # Undo puts back only these fields, so a later change of another
                # field (status on opening, reading position) is not rolled back.
                undo = _UndoStep(label, [(table, field, value, {**before, _ONLY: sorted(fields)})])
            if found is None:
                key = self._new_key("articles")
                doc = {"article_id": article_id, **_article_defaults()}
            else:
                key, doc = found[0], dict(found[1])
            new = {**doc, **{k: (v(doc) if callable(v) else v) for k, v in fields.items()}}
            if new != doc or found is None:
                new["updated"] = now_iso()
                self._write([["articles", key, new]], undo)
            return self._state_from_doc(article_id, new)

    def set_status(self, article_id: str, status: str, *, undoable: bool = True) -> ArticleState:
        """``undoable=False`` for automatic changes (marked read on opening): ``u``
        should undo what the reader did, not what the app did for them."""
        label = f"status of {article_id}" if undoable else None
        return self._update_article(article_id, label, status=status)

    def set_starred(self, article_id: str, starred: bool) -> ArticleState:
        return self._update_article(article_id, f"star on {article_id}", starred=bool(starred))

    def set_position(self, article_id: str, position: int) -> ArticleState:
        return self._update_article(article_id, None, position=int(position))

    def add_tag(self, article_id: str, tag: str) -> ArticleState:
        def add(doc: dict) -> list[str]:
            tags = list(doc.get("tags", ()))
            return tags if tag in tags else [*tags, tag]

        return self._update_article(article_id, f"tag {tag!r} added", tags=add)

    def remove_tag(self, article_id: str, tag: str) -> ArticleState:
        return self._update_article(
            article_id,
            f"tag {tag!r} removed",
            tags=lambda doc: [t for t in doc.get("tags", ()) if t != tag],
        )

    def rename_article(self, old_id: str, new_id: str) -> int:
        """Move notes, state and feedback of ``old_id`` to ``new_id``; returns notes moved."""
        if old_id == new_id:
            return 0
        with self._mutex, self._db.locked():
            ops: list[Op] = []
            moved = 0
            for key in list(self._by_article.get(old_id, {})):
                doc = self._db.data["notes"][key]
                ops.append(["notes", key, {**doc, "article_id": new_id}])
                moved += 1
            old = self._find("articles", "article_id", old_id)
            if old is not None:
                new = self._find("articles", "article_id", new_id)
                if new is None:
                    ops.append(["articles", old[0], {**old[1], "article_id": new_id}])
                else:
                    merged = dict(new[1])
                    merged["tags"] = list(
                        dict.fromkeys([*new[1].get("tags", ()), *old[1].get("tags", ())])
                    )
                    merged["starred"] = bool(new[1].get("starred") or old[1].get("starred"))
                    if merged.get("status", "unread") == "unread":
                        merged["status"] = old[1].get("status", "unread")
                    ops.append(["articles", new[0], merged])
                    ops.append(["articles", old[0], None])
            for table in FEEDBACK_TABLES:
                for key, doc in self._db.data.get(table, {}).items():
                    if doc.get("article_id") == old_id:
                        ops.append([table, key, {**doc, "article_id": new_id}])
            self._write(ops)
            return moved

    def detect_renames(self, articles: Iterable[Any]) -> dict[str, str]:
        """Guess renamed articles: ``{old_id: new_id}``.

        ``articles`` are :class:`~tui.model.ArticleMeta` (id, fingerprint) of
        the library now. An id known to the store but gone from the library
        whose recorded fingerprint equals that of exactly one library article
        the store knows nothing about was renamed (same text, new path).
        """
        with self._mutex:
            self._sync()
            by_print: dict[str, list[str]] = {}
            present = set()
            for meta in articles:
                present.add(meta.id)
                if meta.fingerprint:
                    by_print.setdefault(meta.fingerprint, []).append(meta.id)
            known = set(self._article_keys) | set(self._by_article)
            out: dict[str, str] = {}
            for aid, key in self._article_keys.items():
                if aid in present:
                    continue
                fp = self._db.data["articles"][key].get("fingerprint")
                targets = [t for t in by_print.get(fp or "", []) if t not in known]
                if fp and len(targets) == 1:
                    out[aid] = targets[0]
            return out

    # --- notes ---------------------------------------------------------------------

    @staticmethod
    def _note_from_doc(doc: dict) -> Note:
        return Note(
            id=doc["id"],
            article_id=doc["article_id"],
            body=doc.get("body", "") or "",
            anchor=Anchor.from_dict(doc["anchor"]) if doc.get("anchor") else None,
            tags=tuple(doc.get("tags", ()) or ()),
            kind=doc.get("kind", "note") or "note",
            created=doc.get("created", "") or "",
            updated=doc.get("updated", "") or "",
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
        with self._mutex, self._db.locked():
            while doc["id"] in self._note_keys:  # pragma: no cover - 48-bit collision
                doc["id"] = uuid.uuid4().hex[:12]
            self._write(
                [["notes", self._new_key("notes"), doc]],
                _UndoStep(f"{kind} added", [("notes", "id", doc["id"], None)]),
            )
        return self._note_from_doc(doc)

    def update_note(
        self, note_id: str, *, body: str | None = None, tags: Iterable[str] | None = None
    ) -> Note:
        with self._mutex, self._db.locked():
            found = self._find("notes", "id", note_id)
            if found is None:
                raise StoreError(f"no note {note_id!r}")
            key, doc = found
            new = dict(doc)
            if body is not None:
                new["body"] = body
            if tags is not None:
                new["tags"] = list(tags)
            if new != doc:
                new["updated"] = now_iso()
                self._write(
                    [["notes", key, new]],
                    _UndoStep("note edited", [("notes", "id", note_id, dict(doc))]),
                )
            return self._note_from_doc(new)

    def get_note(self, note_id: str) -> Note:
        with self._mutex:
            self._sync()
            found = self._find("notes", "id", note_id)
            if found is None:
                raise StoreError(f"no note {note_id!r}")
            return self._note_from_doc(found[1])

    def delete_note(self, note_id: str) -> Note:
        with self._mutex, self._db.locked():
            found = self._find("notes", "id", note_id)
            if found is None:
                raise StoreError(f"no note {note_id!r}")
            key, doc = found
            self._write(
                [["notes", key, None]],
                _UndoStep(
                    f"{doc.get('kind', 'note')} deleted", [("notes", "id", note_id, dict(doc))]
                ),
            )
            return self._note_from_doc(doc)

    def notes(self, article_id: str | None = None) -> list[Note]:
        with self._mutex:
            self._sync()
            table = self._db.data.get("notes", {})
            if article_id is None:
                docs = list(table.values())
            else:
                docs = [table[k] for k in self._by_article.get(article_id, {}) if k in table]
            return sorted((self._note_from_doc(d) for d in docs), key=lambda n: (n.created, n.id))

    def note_counts(self) -> dict[str, int]:
        with self._mutex:
            self._sync()
            return {aid: len(keys) for aid, keys in self._by_article.items() if keys}

    def reattach_note(self, note_id: str, anchor: Anchor | None) -> Note:
        """Give a note a new anchor (None: make it an article-level note); clears orphaned."""
        with self._mutex, self._db.locked():
            found = self._find("notes", "id", note_id)
            if found is None:
                raise StoreError(f"no note {note_id!r}")
            key, doc = found
            new = {
                **doc,
                "anchor": anchor.to_dict() if anchor else None,
                "orphaned": False,
                "updated": now_iso(),
            }
            self._write(
                [["notes", key, new]],
                _UndoStep("note re-attached", [("notes", "id", note_id, dict(doc))]),
            )
            return self._note_from_doc(new)

    def reanchor(self, article_id: str, text: str, fingerprint: str) -> list[Note]:
        """Re-anchor the article's notes to ``text``; returns its notes afterwards.

        Free when ``fingerprint`` is the one the notes were last anchored to.
        Otherwise each anchored note is placed (position, exact quote, fuzzy
        quote) or flagged ``orphaned`` (kept, never dropped), and the new
        fingerprint is recorded, all in one atomic record. A read-only store
        computes the same result without writing it.
        """
        with self._mutex:
            self._sync()
            state = self.article_state(article_id)
            if fingerprint and state.fingerprint == fingerprint:
                return self.notes(article_id)
            if not self._by_article.get(article_id) and article_id not in self._article_keys:
                return []  # nothing of the reader's here: no write for a mere visit
            if self.read_only:
                changes = self._reanchor_ops(article_id, text)
                table = dict(self._db.data.get("notes", {}))
                for _t, key, doc in changes:
                    table[key] = doc
                docs = [table[k] for k in self._by_article.get(article_id, {})]
                return sorted(
                    (self._note_from_doc(d) for d in docs), key=lambda n: (n.created, n.id)
                )
            with self._db.locked():
                changes = self._reanchor_ops(article_id, text)  # again, under the lock
                ops: list[Op] = list(changes)
                art = self._find("articles", "article_id", article_id)
                if art is None:
                    ops.append(
                        [
                            "articles",
                            self._new_key("articles"),
                            {
                                "article_id": article_id,
                                "status": "unread",
                                "starred": False,
                                "tags": [],
                                "position": 0,
                                "fingerprint": fingerprint,
                                "updated": now_iso(),
                            },
                        ]
                    )
                elif art[1].get("fingerprint") != fingerprint:
                    ops.append(["articles", art[0], {**art[1], "fingerprint": fingerprint}])
                self._write(ops)
            return self.notes(article_id)

    def _reanchor_ops(self, article_id: str, text: str) -> list[Op]:
        ops: list[Op] = []
        table = self._db.data.get("notes", {})
        for key in list(self._by_article.get(article_id, {})):
            doc = table.get(key)
            if not doc or not doc.get("anchor"):
                continue
            try:
                old = Anchor.from_dict(doc["anchor"])
            except (KeyError, TypeError, ValueError):
                continue
            new, orphaned, _how = anchoring.reanchor(old, text)
            new_dict = new.to_dict()
            if new_dict != doc["anchor"] or orphaned != bool(doc.get("orphaned")):
                ops.append(["notes", key, {**doc, "anchor": new_dict, "orphaned": orphaned}])
        return ops

    def import_notes(self, records: Iterable[dict]) -> int:
        """Add notes in the ``Note.to_dict()`` shape; returns how many were added.

        A record whose ``id`` is already in the store is skipped (re-importing
        an export is harmless); records without an id get a new one. All or
        nothing: one bad record raises StoreError and nothing is written.
        """
        docs: list[dict] = []
        for n, rec in enumerate(records, 1):
            docs.append(_note_doc_from_record(rec, n))
        with self._mutex, self._db.locked():
            ops: list[Op] = []
            taken: dict[str, int] = {}
            seen: set[str] = set()
            for doc in docs:
                if doc["id"] in self._note_keys or doc["id"] in seen:
                    continue
                seen.add(doc["id"])
                ops.append(["notes", self._new_key("notes", taken), doc])
            self._write(ops)
            return len(ops)

    # --- extraction feedback -------------------------------------------------------------

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
        verb = {"teach": "taught", "reject": "rejected", "relabel": "relabelled"}.get(
            fb.action, fb.action
        )
        with self._mutex, self._db.locked():
            self._write(
                [[table, self._new_key(table), doc]],
                _UndoStep(f"{verb} {fb.text!r}", [(table, "id", fid, None)]),
            )
        return Feedback(fb.action, fb.text, fb.label, fb.article_id, fb.start, fb.canonical, fid)

    def feedback(self) -> list[Feedback]:
        with self._mutex:
            self._sync()
            docs = [d for table in FEEDBACK_TABLES for d in self._db.data.get(table, {}).values()]
            # In the order it was given: a later teach/reject/relabel overrides an earlier one.
            docs.sort(key=lambda d: d.get("created") or "")
            return [
                Feedback(
                    d["action"],
                    d["text"],
                    d.get("label"),
                    d.get("article_id"),
                    d.get("start"),
                    d.get("canonical"),
                    d["id"],
                )
                for d in docs
            ]

    def remove_feedback(self, feedback_id: str) -> None:
        with self._mutex, self._db.locked():
            found = self._fb_keys.get(feedback_id)
            if found is None:
                return
            table, key = found
            doc = self._db.data[table][key]
            self._write(
                [[table, key, None]],
                _UndoStep(
                    f"feedback on {doc.get('text')!r} removed",
                    [(table, "id", feedback_id, dict(doc))],
                ),
            )

    # --- undo -------------------------------------------------------------------------

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> str | None:
        """Undo the last undoable change of this session; returns what was undone, or None.

        Undoable: adding, editing, deleting and re-attaching notes; adding and
        removing tags; status and star; adding and removing feedback. Documents
        are put back by their identity (note id, article id, feedback id), so
        undo is right even after other processes wrote in between.
        """
        with self._mutex:
            if self.read_only or not self._undo:
                return None
            step = self._undo[-1]
            with self._db.locked():
                ops: list[Op] = []
                taken: dict[str, int] = {}
                for table, field, value, doc in step.docs:
                    found = self._find(table, field, value)
                    if doc is None:
                        if found is not None:
                            ops.append([table, found[0], None])
                    elif found is not None and _ONLY in doc:
                        only = doc[_ONLY]
                        ops.append([table, found[0], {**found[1], **{k: doc[k] for k in only}}])
                    else:
                        doc = {k: v for k, v in doc.items() if k != _ONLY}
                        key = found[0] if found else self._new_key(table, taken)
                        ops.append([table, key, doc])
                self._write(ops)
            self._undo.pop()  # only once it is saved: a failed undo can be retried
            return f"undid: {step.label}"


# --- import helpers -------------------------------------------------------------------


def _note_doc_from_record(rec: Any, n: int) -> dict:
    where = f"record {n}"
    if not isinstance(rec, dict):
        raise StoreError(f"{where}: expected an object, got {type(rec).__name__}")
    aid = rec.get("article_id")
    if not isinstance(aid, str) or not aid:
        raise StoreError(f"{where}: 'article_id' must be a non-empty string")
    body = rec.get("body") or ""
    if not isinstance(body, str):
        raise StoreError(f"{where}: 'body' must be a string")
    tags = rec.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise StoreError(f"{where}: 'tags' must be a list of strings")
    kind = rec.get("kind") or "note"
    if kind not in ("note", "highlight"):
        raise StoreError(f"{where}: 'kind' must be 'note' or 'highlight', not {kind!r}")
    anchor = None
    quote = rec.get("quote")
    if quote is not None:
        start, end = rec.get("start"), rec.get("end")
        if not isinstance(quote, str):
            raise StoreError(f"{where}: 'quote' must be a string")
        if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
            raise StoreError(f"{where}: a quote needs integer 'start' and 'end'")
        if not 0 <= start <= end:
            raise StoreError(f"{where}: bad range start={start} end={end}")
        anchor = {
            "exact": quote,
            "prefix": rec.get("prefix") or "",
            "suffix": rec.get("suffix") or "",
            "start": start,
            "end": end,
        }
    nid = rec.get("id") or uuid.uuid4().hex[:12]
    if not isinstance(nid, str):
        raise StoreError(f"{where}: 'id' must be a string")
    stamp = now_iso()
    return {
        "id": nid,
        "article_id": aid,
        "body": body,
        "anchor": anchor,
        "tags": list(tags),
        "kind": kind,
        "created": rec.get("created") or stamp,
        "updated": rec.get("updated") or rec.get("created") or stamp,
        "orphaned": bool(rec.get("orphaned", False)),
    }


def load_note_records(path: str | os.PathLike[str]) -> list[dict]:
    """Read notes to import: a JSON array, ``{"notes": [...]}``, or JSON Lines."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StoreError(f"{path}: no such file", path=path, problem="missing") from None
    except UnicodeDecodeError as exc:
        raise StoreError(
            f"{path}: not UTF-8 text ({exc.reason})", path=path, problem="encoding"
        ) from None
    except OSError as exc:
        raise StoreError(
            f"{path}: cannot read ({exc.strerror})", path=path, problem="unreadable"
        ) from None
    if not raw.strip():
        raise StoreError(f"{path}: the file is empty", path=path, problem="empty")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as whole:
        records = []
        for lineno, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                bad = whole if lineno == 1 else exc
                where = f"line {bad.lineno} column {bad.colno}" if lineno == 1 else f"line {lineno}"
                raise StoreError(
                    f"{path}: not JSON or JSON Lines: {where}: {bad.msg}",
                    path=path,
                    problem="invalid JSON",
                ) from None
        data = records
    if isinstance(data, dict) and isinstance(data.get("notes"), list):
        data = data["notes"]
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise StoreError(f"{path}: expected a list of note objects", path=path, problem="not notes")
    return data
