"""The Store API: notes, article state, feedback, undo, import, file format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import TinyDB

from tui.model import Feedback, make_anchor
from tui.storage import JournalStorage
from tui.store import SCHEMA_VERSION, Store, StoreError, load_note_records

TEXT = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu."


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "annotations" / "annotations.json"


@pytest.fixture
def store(path: Path):
    s = Store(path)
    yield s
    s.close()


def test_file_is_created_on_first_write_only(path: Path) -> None:
    s = Store(path)
    assert not path.exists()
    s.article_state("a")
    assert not path.exists()
    s.set_status("a", "read")
    assert path.exists()
    data = json.loads(path.read_text())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    s.close()


def test_notes_roundtrip_and_timestamps(store: Store) -> None:
    anchor = make_anchor(TEXT, 6, 10)
    note = store.add_note("a", "body", anchor=anchor, tags=["x", "y"], kind="highlight")
    assert note.anchor == anchor and note.tags == ("x", "y") and note.kind == "highlight"
    assert note.created.endswith("Z") and "T" in note.created
    assert store.get_note(note.id) == note
    edited = store.update_note(note.id, body="new", tags=["z"])
    assert edited.body == "new" and edited.tags == ("z",) and edited.updated >= note.updated
    store.add_note("b", "other")
    assert [n.id for n in store.notes("a")] == [note.id]
    assert len(store.notes()) == 2
    assert store.note_counts() == {"a": 1, "b": 1}
    assert store.delete_note(note.id).id == note.id
    with pytest.raises(StoreError):
        store.get_note(note.id)
    with pytest.raises(StoreError):
        store.update_note("nope", body="x")


def test_article_state(store: Store) -> None:
    assert store.article_state("a").status == "unread"
    store.set_status("a", "read")
    store.set_starred("a", True)
    store.set_position("a", 42)
    store.add_tag("a", "t1")
    store.add_tag("a", "t1")
    store.add_tag("a", "t2")
    state = store.remove_tag("a", "t1")
    assert state.tags == ("t2",)
    st = store.article_state("a")
    assert (st.status, st.starred, st.position, st.tags) == ("read", True, 42, ("t2",))
    assert set(store.all_article_states()) == {"a"}


def test_feedback(store: Store) -> None:
    taught = store.add_feedback(Feedback("teach", "Kasashima", "GPE"))
    rejected = store.add_feedback(Feedback("reject", "Tuesday", article_id="a", start=5))
    assert taught.id and rejected.id
    assert {f.id for f in store.feedback()} == {taught.id, rejected.id}
    store.remove_feedback(rejected.id)
    assert [f.id for f in store.feedback()] == [taught.id]
    data = (
        json.loads(Path(store.path).read_text())
        if not Path(str(store.path) + ".journal").exists()
        else None
    )
    if data is not None:
        assert "entities" in data


def test_undo_several_levels(store: Store) -> None:
    note = store.add_note("a", "first", tags=["t"])
    store.update_note(note.id, body="second")
    store.update_note(note.id, body="third")
    store.add_tag("a", "keep")
    store.add_tag("a", "gone")
    store.remove_tag("a", "gone")
    fb = store.add_feedback(Feedback("reject", "Alpha"))
    store.remove_feedback(fb.id)
    store.delete_note(note.id)

    assert "deleted" in store.undo()
    assert store.get_note(note.id).body == "third"
    assert "feedback" in store.undo()  # removal of the rejection undone
    assert [f.id for f in store.feedback()] == [fb.id]
    assert store.undo()  # the rejection itself undone
    assert store.feedback() == []
    assert store.undo()  # tag removal undone
    assert store.article_state("a").tags == ("keep", "gone")
    store.undo()
    assert store.article_state("a").tags == ("keep",)
    store.undo()
    assert store.article_state("a").tags == ()
    assert store.get_note(note.id).body == "third"
    store.undo()
    assert store.get_note(note.id).body == "second"
    store.undo()
    assert store.get_note(note.id).body == "first"
    store.undo()
    assert store.notes() == []
    assert store.undo() is None


def test_undo_delete_survives_other_writers(store: Store, path: Path) -> None:
    note = store.add_note("a", "precious")
    store.delete_note(note.id)
    with Store(path) as other:
        other.add_note("a", "written by someone else")
    store.undo()
    bodies = sorted(n.body for n in store.notes("a"))
    assert bodies == ["precious", "written by someone else"]


def test_two_stores_in_one_process_see_each_other(path: Path) -> None:
    a, b = Store(path), Store(path)
    n1 = a.add_note("x", "from a")
    n2 = b.add_note("x", "from b")
    assert {n.id for n in a.notes()} == {n1.id, n2.id}
    b.set_starred("x", True)
    assert a.article_state("x").starred
    a.compact()
    n3 = b.add_note("x", "after a compacted")
    assert {n.id for n in a.notes()} == {n1.id, n2.id, n3.id}
    a.close()
    b.close()


def test_plain_tinydb_opens_the_file_and_journal_storage_sees_everything(path: Path) -> None:
    s = Store(path, compact_on_close=False)
    s.add_note("a", "one")
    s.add_note("a", "two")  # in the journal
    plain = TinyDB(path)
    assert len(plain.table("notes")) == 1  # the main file alone
    plain.close()
    full = TinyDB(path, storage=JournalStorage)
    assert sorted(d["body"] for d in full.table("notes").all()) == ["one", "two"]
    full.table("notes").insert({"id": "ext", "article_id": "a", "body": "from a tool"})
    full.close()
    assert "from a tool" in [n.body for n in s.notes("a")]
    s.close()


def test_close_compacts_so_plain_tinydb_sees_all(path: Path) -> None:
    with Store(path) as s:
        for i in range(10):
            s.add_note("a", str(i))
    assert not Path(str(path) + ".journal").exists()
    plain = TinyDB(path)
    assert len(plain.table("notes")) == 10
    plain.close()


def test_import_notes(store: Store, tmp_path: Path) -> None:
    note = store.add_note("a", "exported", anchor=make_anchor(TEXT, 0, 5), tags=["t"])
    records = [n.to_dict() for n in store.notes()]
    assert store.import_notes(records) == 0  # same ids: skipped
    fresh = dict(records[0], id="imported1", body="new one")
    assert store.import_notes([fresh, {"article_id": "b", "body": "no id"}]) == 2
    got = store.get_note("imported1")
    assert got.anchor == note.anchor and got.tags == ("t",)
    assert len(store.notes()) == 3
    with pytest.raises(StoreError, match="record 2"):
        store.import_notes([{"article_id": "c"}, {"body": "no article"}])
    assert len(store.notes()) == 3  # all or nothing

    as_json = tmp_path / "notes.json"
    as_json.write_text(json.dumps(records))
    assert load_note_records(as_json) == records
    as_jsonl = tmp_path / "notes.jsonl"
    as_jsonl.write_text("\n".join(json.dumps(r) for r in records * 2) + "\n")
    assert load_note_records(as_jsonl) == records * 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(records[0]) + "\n{oops\n")
    with pytest.raises(StoreError, match="line 2"):
        load_note_records(bad)
    with pytest.raises(StoreError, match="no such file"):
        load_note_records(tmp_path / "missing.json")


def test_open_for_library(tmp_path: Path) -> None:
    with Store.open_for_library(tmp_path) as s:
        s.add_note("a", "x")
    assert (tmp_path / "annotations" / "annotations.json").exists()


def test_newer_schema_is_refused_for_writing(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}))
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer"):
        Store(path)
    with Store(path, read_only=True) as ro:
        assert ro.notes() == []
    assert path.read_bytes() == before


# --- briefing check -----------------------------------------------------------------


def test_check_library(library_root: Path) -> None:
    from tui.check import check_library
    from tui.library import Library

    library = Library(library_root)
    assert check_library(library_root) == []  # no annotations yet
    aid = sorted(library.article_paths())[0]
    text = library.load(aid).text
    with Store(library.annotations_path) as s:
        good = s.add_note(aid, "fine", anchor=make_anchor(text, 10, 30))
        assert check_library(library_root) == []
        s.add_note("gone/article", "lost")
        stale = make_anchor(text, 10, 30)
        s.add_note(aid, "stale", anchor=stale.__class__("zzzzzzzzzzzzzzzzzzzz", "", "", 10, 30))
    problems = check_library(library_root)
    assert len(problems) == 2, problems
    assert all(p.startswith("warning: ") for p in problems)
    assert any("gone/article" in p for p in problems)
    assert any("no longer matches" in p for p in problems)
    assert good.id not in " ".join(problems)

    path = library.annotations_path
    before = path.read_bytes()
    path.write_bytes(before[:-7])
    problems = check_library(library_root)
    assert len(problems) == 1 and problems[0].startswith(f"error: {path}: not valid JSON")
    assert path.read_bytes() == before[:-7]

    data = json.loads(before)
    data["meta"]["1"]["schema_version"] = 99
    path.write_text(json.dumps(data))
    assert any("newer" in p for p in check_library(library_root))


def test_feedback_comes_back_in_the_order_it_was_given(tmp_path) -> None:
    """A teach after a reject must win: extraction applies feedback in order."""
    from tui.model import Feedback
    from tui.store import Store

    with Store(tmp_path / "a.json") as store:
        store.add_feedback(Feedback("reject", "Acme", None))
        store.add_feedback(Feedback("teach", "Acme", "ORG"))
        store.add_feedback(Feedback("relabel", "Globex", "PRODUCT"))
        assert [f.action for f in store.feedback()] == ["reject", "teach", "relabel"]


def test_automatic_status_change_is_not_undone(tmp_path) -> None:
    """Opening marks an article read; ``u`` then undoes the reader's own last action."""
    from tui.store import Store

    with Store(tmp_path / "a.json") as store:
        store.add_tag("a", "policy")
        store.set_status("a", "read", undoable=False)
        assert store.undo() is not None
        state = store.article_state("a")
        assert state.tags == () and state.status == "read"
