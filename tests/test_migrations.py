"""Schema migrations: pure functions on the TinyDB data, and the store running them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.migrations import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version
from tui.store import Store, backups

V1 = {
    "meta": {"1": {"schema_version": 1}},
    "articles": {"1": {"article_id": "a", "starred": True}},
    "notes": {
        "1": {
            "id": "n1",
            "article_id": "a",
            "body": "hi",
            "anchor": {"exact": "word", "start": 3, "end": 7},
            "created": "2026-01-01T00:00:00.000000Z",
        },
        "2": {"id": "n2", "article_id": "a"},
    },
    "feedback": {"1": {"id": "f1", "action": "reject", "text": "X"}},
}


def test_every_version_has_a_migration() -> None:
    assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))


def test_v0_without_meta_gets_a_version() -> None:
    data = migrate({"notes": {}}, target=1)
    assert schema_version(data) == 1


def test_v1_to_v2_fills_documented_fields() -> None:
    data = migrate(json.loads(json.dumps(V1)))
    assert schema_version(data) == SCHEMA_VERSION == 2
    n1, n2 = data["notes"]["1"], data["notes"]["2"]
    assert n1["anchor"]["prefix"] == "" and n1["anchor"]["suffix"] == ""
    assert n1["tags"] == [] and n1["kind"] == "note" and n1["orphaned"] is False
    assert n1["updated"] == n1["created"] == "2026-01-01T00:00:00.000000Z"
    assert n2["body"] == "" and n2["anchor"] is None and n2["created"].endswith("Z")
    art = data["articles"]["1"]
    assert art == {
        "article_id": "a",
        "starred": True,
        "status": "unread",
        "tags": [],
        "position": 0,
        "fingerprint": "",
    }
    fb = data["feedback"]["1"]
    assert fb["label"] is None and fb["start"] is None and "created" in fb
    assert [m["to"] for m in data["meta"]["1"]["migrated"]] == [2]


def test_migration_is_idempotent_at_target() -> None:
    data = migrate(json.loads(json.dumps(V1)))
    again = migrate(json.loads(json.dumps(data)))
    assert again == data


def test_newer_version_is_refused() -> None:
    with pytest.raises(ValueError):
        migrate({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}})


def test_store_migrates_on_open_and_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    path.write_text(json.dumps(V1))
    original = path.read_bytes()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.get_note("n2").body == ""
        assert store.article_state("a").starred
    on_disk = json.loads(path.read_text())
    assert on_disk["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert any(b.read_bytes() == original for b in backups(path))


def test_read_only_store_reads_old_version_without_migrating(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    path.write_text(json.dumps(V1))
    original = path.read_bytes()
    with Store(path, read_only=True) as store:
        assert {n.id for n in store.notes()} == {"n1", "n2"}
    assert path.read_bytes() == original


def test_writes_stop_if_a_newer_version_takes_over(tmp_path: Path) -> None:
    from tui.store import StoreError

    path = tmp_path / "annotations.json"
    store = Store(path)
    store.add_note("a", "one")
    store.compact()
    data = json.loads(path.read_text())
    data["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    (tmp_path / "new.json").write_text(json.dumps(data))
    (tmp_path / "new.json").replace(path)  # a newer Briefing rewrote the file
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer"):
        store.add_note("a", "two")
    assert path.read_bytes() == before
    assert not Path(str(path) + ".journal").exists()
