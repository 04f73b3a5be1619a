"""Schema versions of the annotations file and the code that upgrades them.

The version lives in the ``meta`` table: ``{"schema_version": N, ...}`` (one
document). Each ``MIGRATIONS[n]`` turns a version-``n`` database (the whole
TinyDB dict: ``{table: {doc_id: doc}}``) into version ``n + 1``; migrations
are pure functions on plain data so they are easy to test. The store runs
them under the writer lock, after keeping a backup of the old file.

History:

* **0**: no ``meta`` table (a file written by plain TinyDB or a prototype).
* **1**: the first Briefing store: ``meta.schema_version`` = 1; documents
  carried only the fields that had been set.
* **2**: every documented field is present (so other tools can rely on
  them): notes have ``body``, ``anchor`` (with ``prefix``/``suffix``),
  ``tags``, ``kind``, ``created``, ``updated``, ``orphaned``; articles have
  ``status``, ``starred``, ``tags``, ``position``, ``fingerprint``;
  feedback documents have ``label``, ``article_id``, ``start``,
  ``canonical``, ``created``. ``meta`` records ``migrated`` (history).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

SCHEMA_VERSION = 2

Data = dict[str, dict[str, dict[str, Any]]]


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def schema_version(data: Data) -> int:
    """The schema version recorded in ``meta`` (0 when there is none)."""
    versions = [
        d.get("schema_version")
        for d in (data.get("meta") or {}).values()
        if isinstance(d, dict) and isinstance(d.get("schema_version"), int)
    ]
    return max(versions) if versions else 0


def _set_version(data: Data, version: int, note: str) -> None:
    meta = data.setdefault("meta", {})
    if meta:
        key = min(meta, key=int)
        doc = meta[key]
        for other in list(meta):  # one meta document
            if other != key:
                del meta[other]
    else:
        key, doc = "1", {"created": _now(), "app": "briefing"}
    doc["schema_version"] = version
    doc.setdefault("migrated", []).append({"to": version, "at": _now(), "what": note})
    meta[key] = doc


def _v0_to_v1(data: Data) -> Data:
    _set_version(data, 1, "added meta.schema_version")
    return data


def _v1_to_v2(data: Data) -> Data:
    for doc in (data.get("notes") or {}).values():
        stamp = doc.get("created") or doc.get("updated") or _now()
        doc.setdefault("body", "")
        doc.setdefault("anchor", None)
        if isinstance(doc.get("anchor"), dict):
            doc["anchor"].setdefault("prefix", "")
            doc["anchor"].setdefault("suffix", "")
        doc["tags"] = list(doc.get("tags") or [])
        doc.setdefault("kind", "note")
        doc["created"] = stamp
        doc.setdefault("updated", stamp)
        doc["orphaned"] = bool(doc.get("orphaned", False))
    for doc in (data.get("articles") or {}).values():
        doc.setdefault("status", "unread")
        doc["starred"] = bool(doc.get("starred", False))
        doc["tags"] = list(doc.get("tags") or [])
        doc["position"] = int(doc.get("position") or 0)
        doc["fingerprint"] = doc.get("fingerprint") or ""
    for table in ("entities", "feedback"):
        for doc in (data.get(table) or {}).values():
            for name in ("label", "article_id", "start", "canonical"):
                doc.setdefault(name, None)
            doc.setdefault("created", _now())
    _set_version(data, 2, "filled every documented field with its default")
    return data


#: MIGRATIONS[n] upgrades version n to n + 1.
MIGRATIONS: dict[int, Callable[[Data], Data]] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(data: Data, target: int = SCHEMA_VERSION) -> Data:
    """Upgrade ``data`` (modified in place and returned) to ``target``."""
    version = schema_version(data)
    if version > target:
        raise ValueError(f"schema version {version} is newer than {target}")
    while version < target:
        data = MIGRATIONS[version](data)
        version = schema_version(data)
    return data
