"""Durability with REAL processes: concurrent writers, SIGKILL, damaged files."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tinydb import TinyDB

from tui.storage import JournaledDB, parse_journal
from tui.store import Store, StoreError

WORKER = Path(__file__).with_name("store_worker.py")


def spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def all_ids(path: Path) -> set[str]:
    with Store(path, read_only=True) as store:
        return {n.id for n in store.notes()}


# --- concurrent writers ------------------------------------------------------------


def test_two_processes_adding_200_notes_each_lose_none(tmp_path: Path) -> None:
    path = tmp_path / "annotations" / "annotations.json"
    # One worker compacts often, so compactions race with the other's appends.
    a = spawn("add", str(path), "200", "A", "8192")
    b = spawn("add", str(path), "200", "B")
    out_a, err_a = a.communicate(timeout=120)
    out_b, err_b = b.communicate(timeout=120)
    assert a.returncode == 0, err_a
    assert b.returncode == 0, err_b
    acked = [line for line in (out_a + out_b).splitlines() if line != "ready"]
    assert len(acked) == 400 and len(set(acked)) == 400
    with Store(path, read_only=True) as store:
        notes = store.notes()
        assert {n.id for n in notes} == set(acked)
        counts = store.note_counts()
    assert counts == {"article-A": 200, "article-B": 200}
    # After both closed (compaction on close) plain TinyDB sees every note too.
    plain = TinyDB(path)
    assert len(plain.table("notes")) == 400
    plain.close()


def test_app_and_cli_process_see_each_other(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    app = Store(path)
    app.add_note("a1", "from the app")
    cli = spawn("add", str(path), "3", "CLI")
    out, err = cli.communicate(timeout=60)
    assert cli.returncode == 0, err
    ids = [line for line in out.splitlines() if line != "ready"]
    assert {n.id for n in app.notes("article-CLI")} == set(ids)
    note = app.add_note("a1", "after the cli")
    assert note.id in all_ids(path)
    app.close()


# --- SIGKILL at random moments --------------------------------------------------------


def test_sigkill_at_random_moments_keeps_every_acked_note(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    rng = random.Random(4)
    acked: set[str] = set()
    kills = 0
    deadline = time.monotonic() + 45
    while kills < 50 and time.monotonic() < deadline:
        # A tiny compaction threshold: kills also land inside compactions.
        proc = spawn("loop", str(path), str(rng.choice([2048, 8192, 1 << 20])))
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        assert first == "ready", proc.stderr.read() if proc.stderr else first
        lines: list[str] = []
        reader = threading.Thread(target=lambda p=proc, out=lines: out.extend(p.stdout))
        reader.start()
        time.sleep(rng.uniform(0.0, 0.12))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        reader.join(timeout=10)
        kills += 1
        # Only complete lines are acknowledgements (the last one may be torn).
        acked.update(line.strip() for line in lines if line.endswith("\n") and line.strip())
        # The file is valid for plain TinyDB and the store has every acked note.
        plain = TinyDB(path)
        plain.tables()
        plain.close()
        missing = acked - all_ids(path)
        assert not missing, f"after kill {kills}: lost {len(missing)} acked notes"
    assert kills >= 20, "too few kills in the time budget"
    assert len(acked) > 50
    # A writer after all this still works, and cleans up.
    with Store(path, compact_bytes=1) as store:
        store.add_note("x", "final")
    assert not list(tmp_path.glob(".annotations.json.tmp-*"))
    assert acked <= all_ids(path)


def test_torn_journal_tail_is_ignored_then_cut_by_next_writer(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    with Store(path, compact_on_close=False) as store:
        first = store.add_note("a", "one")
        second = store.add_note("a", "two")
    journal = Path(str(path) + ".journal")
    good = journal.read_bytes()
    with open(journal, "ab") as fh:
        fh.write(b'{"ops":[["notes","99",{"id":"torn"')  # a writer died mid-record
    assert all_ids(path) == {first.id, second.id}
    with Store(path, compact_on_close=False) as store:
        third = store.add_note("a", "three")
    blob = journal.read_bytes()
    assert blob.startswith(good) and b"torn" not in blob
    assert all_ids(path) == {first.id, second.id, third.id}


# --- damaged files ---------------------------------------------------------------------


def _good_file(path: Path) -> None:
    with Store(path) as store:
        for i in range(5):
            store.add_note("a", f"note {i}")


DAMAGE = {
    "zero-length": lambda blob: b"",
    "truncated": lambda blob: blob[: len(blob) // 2],
    "garbage": lambda blob: b"\x00\xffnot json at all\x13" * 10,
    "not-tinydb": lambda blob: b"[1, 2, 3]",
    "whitespace": lambda blob: b"   \n",
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
@pytest.mark.parametrize("read_only", [False, True])
def test_damaged_file_is_reported_and_left_untouched(
    tmp_path: Path, kind: str, read_only: bool
) -> None:
    path = tmp_path / "annotations.json"
    _good_file(path)
    path.write_bytes(DAMAGE[kind](path.read_bytes()))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    listing = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(StoreError) as err:
        Store(path, read_only=read_only)
    message = str(err.value)
    assert str(path) in message
    assert err.value.path == path and err.value.problem
    assert message != str(path) + ": "
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.rglob("*")) == listing


def test_damage_appearing_while_open_is_reported_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    store = Store(path)
    store.add_note("a", "one")
    store.compact()
    path.write_bytes(b'{"notes": {"1": ')
    time.sleep(0.01)
    os.utime(path)
    with pytest.raises(StoreError, match="not valid JSON"):
        store.add_note("a", "two")
    with pytest.raises(StoreError):
        store.notes()
    assert path.read_bytes() == b'{"notes": {"1": '
    store.close()  # must not compact over the damaged file
    assert path.read_bytes() == b'{"notes": {"1": '


def test_damaged_journal_is_reported_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    with Store(path, compact_on_close=False) as store:
        store.add_note("a", "one")
        store.add_note("a", "two")
    journal = Path(str(path) + ".journal")
    journal.write_bytes(b"this is not a journal record\n" + journal.read_bytes())
    before = journal.read_bytes()
    with pytest.raises(StoreError) as err:
        Store(path)
    assert str(journal) in str(err.value) and "journal" in str(err.value)
    assert journal.read_bytes() == before


def test_restore_last_good_backup(tmp_path: Path) -> None:
    from tui import store as store_module

    path = tmp_path / "annotations.json"
    with Store(path) as store:
        kept = store.add_note("a", "kept")
    with Store(path) as store:
        store.add_note("a", "second session")  # close compacts: the old file becomes a backup
    assert store_module.backups(path)
    path.write_bytes(b"")
    with pytest.raises(StoreError, match="empty"):
        Store(path)
    restored = store_module.restore_backup(path)
    assert restored in store_module.backups(path) or restored.exists()
    with Store(path) as store:
        assert kept.id in {n.id for n in store.notes()}
    # The damaged file was kept beside it, not deleted.
    replaced = list(tmp_path.glob("annotations.json.replaced-*"))
    assert replaced and replaced[0].read_bytes() == b""


def test_backups_are_rotated(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    for i in range(9):
        with Store(path) as store:
            store.add_note("a", f"session {i}")
    backups = Store(path, read_only=True).backups()
    assert 1 <= len(backups) <= 5
    for b in backups:
        json.loads(b.read_text())


def test_read_only_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "annotations.json"
    store = Store(path, read_only=True)
    assert store.notes() == [] and store.all_article_states() == {}
    assert store.reanchor("a", "text", "fp") == []
    with pytest.raises(StoreError):
        store.add_note("a", "x")
    store.close()
    assert not path.parent.exists()
    # On an existing v1 file too: no migration, no lock file, no compaction.
    path.parent.mkdir()
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 1}}, "notes": {}}))
    before = sorted(p.name for p in path.parent.iterdir())
    with Store(path, read_only=True) as ro:
        assert ro.notes() == []
    assert sorted(p.name for p in path.parent.iterdir()) == before
    assert json.loads(path.read_text())["meta"]["1"] == {"schema_version": 1}


def test_reader_never_sees_half_written_main_file(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    db = JournaledDB(path)
    with db.locked():
        db.commit([["notes", "1", {"id": "n1", "article_id": "a"}]])
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        w = JournaledDB(path, compact_bytes=1)
        i = 2
        while not stop.is_set():
            with w.locked():
                w.commit([["notes", str(i), {"id": f"n{i}", "article_id": "a", "pad": "x" * 500}]])
            i += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        reader = JournaledDB(path, read_only=True)
        for _ in range(300):
            try:
                reader.refresh()
                assert "1" in reader.data["notes"]
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)
                break
    finally:
        stop.set()
        thread.join()
    assert not errors, errors


def test_parse_journal_reports_byte_offset(tmp_path: Path) -> None:
    good = b'{"ops":[["notes","1",{"id":"a"}]]}\n'
    ops, used = parse_journal(good + b'{"ops":[["notes"', tmp_path / "j")
    assert len(ops) == 1 and used == len(good)
    with pytest.raises(StoreError, match=f"byte {len(good)}"):
        parse_journal(good + b"garbage\n" + good, tmp_path / "j")


def test_lock_held_by_another_process_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    with Store(path) as store:
        store.add_note("a", "one")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; "
            "lock = FileLock(sys.argv[1]); lock.acquire(); print('held', flush=True); time.sleep(30)",
            str(path) + ".lock",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        store = Store(path, lock_timeout=0.3)
        assert len(store.notes()) == 1  # reading needs no lock
        with pytest.raises(StoreError, match="lock"):
            store.add_note("a", "two")
        assert store.undo() is None  # the failed save left nothing to undo
    finally:
        holder.kill()
        holder.wait()
    store.add_note("a", "two")  # works once the lock is free
    assert len(store.notes()) == 2
    store.close()
