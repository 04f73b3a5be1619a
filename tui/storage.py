"""Durable, journaled storage for the annotations file (a TinyDB JSON file).

Layout, all in the same folder (see docs/annotations.md)::

    annotations.json            the main file: plain TinyDB JSON, `TinyDB(path)` opens it
    annotations.json.journal    JSON Lines: one committed transaction per line
    annotations.json.lock       the cross-process writer lock (filelock)
    backups/annotations-*.json  the last few main files (hard links, rotated)

Why a journal: TinyDB's default ``JSONStorage`` rewrites the whole file on
every insert (O(size) per save: hundreds of ms at 50,000 notes) and two
processes writing at once silently lose each other's changes. Here a save is
one appended line plus ``fdatasync`` under a short lock: O(1) in the number of
notes. The journal is folded into the main file ("compaction": temp file in
the same folder, fsync, rename, fsync of the folder) when it grows past a
threshold and when a writable store is closed, so the main file stays a
complete, ordinary TinyDB file.

Every journal record holds *whole documents* (``[table, doc_id, doc]``, or
``doc`` null for a delete), so replaying a record twice gives the same
state: a crash between the rename of a compacted main file and the removal
of the journal is harmless.

Readers never lock: they read the main file, then the journal, and retry if
the main file was replaced meanwhile. An incomplete last journal line (a
writer killed mid-write) is ignored by readers and cut off by the next writer
(under the lock). Anything else that does not parse is reported as a
:class:`StoreError` naming the file and the problem; damaged files are never
written to.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import json
import os
import secrets
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

try:  # optional: 5-10x faster (de)serialisation of big files
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None

JOURNAL_SUFFIX = ".journal"
LOCK_SUFFIX = ".lock"
BACKUP_DIR = "backups"
BACKUP_KEEP = 5
#: Compact when the journal is larger than this many bytes *and* larger than
#: the main file (so compaction cost stays amortised O(1) per save).
COMPACT_MIN_BYTES = 1 << 20

Data = dict[str, dict[str, dict[str, Any]]]
Op = list  # [table, doc_id, doc | None]


class StoreError(Exception):
    """The annotations file cannot be used; str() says what is wrong and where."""

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        problem: str | None = None,
    ):
        super().__init__(message)
        self.path = Path(path) if path is not None else None
        self.problem = problem or message


def damaged(path: Path, problem: str) -> StoreError:
    return StoreError(f"{path}: {problem}", path=path, problem=problem)


# --- serialisation --------------------------------------------------------------


def dumps(obj: Any) -> bytes:
    if _orjson is not None:
        try:
            return _orjson.dumps(obj)
        except TypeError:
            pass  # e.g. integers beyond 64 bits: stdlib json handles them
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(blob: bytes) -> Any:
    if _orjson is not None:
        try:
            return _orjson.loads(blob)
        except ValueError:
            pass  # stdlib json accepts a little more (NaN, huge integers): let it decide
    return json.loads(blob)


def _json_problem(blob: bytes) -> str:
    """A readable description of why ``blob`` is not JSON (stdlib gives line/column)."""
    try:
        json.loads(blob.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return f"not UTF-8 text ({exc.reason} at byte {exc.start})"
    except json.JSONDecodeError as exc:
        if not blob.strip():
            return "file contains only whitespace"
        return f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
    return "not valid JSON"


def validate_tinydb(data: Any, path: Path) -> Data:
    """Check the TinyDB layout: ``{table: {doc_id: {field: value}}}``."""
    if not isinstance(data, dict):
        raise damaged(path, f"not a TinyDB file: top level is {type(data).__name__}, not an object")
    for table, docs in data.items():
        if not isinstance(docs, dict):
            raise damaged(path, f"not a TinyDB file: table {table!r} is not an object")
        for doc_id, doc in docs.items():
            if not isinstance(doc, dict):
                raise damaged(path, f"table {table!r} document {doc_id!r} is not an object")
            try:
                int(doc_id)
            except ValueError:
                raise damaged(
                    path, f"table {table!r} has a non-numeric document id {doc_id!r}"
                ) from None
    return data


def parse_main(blob: bytes, path: Path) -> Data:
    if not blob:
        raise damaged(path, "the file is empty (0 bytes); expected a TinyDB JSON object")
    try:
        data = loads(blob)
    except ValueError:
        raise damaged(path, _json_problem(blob)) from None
    return validate_tinydb(data, path)


def _is_op(op: Any) -> bool:
    return (
        isinstance(op, list)
        and len(op) == 3
        and isinstance(op[0], str)
        and isinstance(op[1], str)
        and (op[2] is None or isinstance(op[2], dict))
    )


def parse_journal(blob: bytes, path: Path, base_offset: int = 0) -> tuple[list[Op], int]:
    """Ops of the complete records in ``blob``; returns (ops, bytes consumed).

    The bytes after the last newline are an incomplete record (a write in
    progress, or a writer that died): not consumed. A trailing run of NUL
    bytes (a torn write after a power loss) is likewise not consumed.
    """
    ops: list[Op] = []
    end = blob.rfind(b"\n") + 1
    pos = 0
    lines = blob[:end].split(b"\n")[:-1]
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            pos += len(line) + 1
            continue
        if not stripped.strip(b"\x00") and all(not ln.strip(b"\x00 \r\t") for ln in lines[i:]):
            break  # torn tail
        try:
            record = loads(stripped)
            rec_ops = record["ops"]
            if not isinstance(rec_ops, list) or not all(_is_op(op) for op in rec_ops):
                raise ValueError("bad ops")
        except (ValueError, KeyError, TypeError):
            raise damaged(
                path,
                f"damaged journal record at byte {base_offset + pos} "
                f"(record {i + 1} of this read): {_json_problem(stripped) if not _parses(stripped) else 'not a journal record'}",
            ) from None
        ops.extend(rec_ops)
        pos += len(line) + 1
    return ops, pos


def _parses(blob: bytes) -> bool:
    try:
        loads(blob)
    except ValueError:
        return False
    return True


# --- atomic files ----------------------------------------------------------------


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, blob: bytes) -> os.stat_result:
    """Write ``blob`` to ``path`` atomically and durably; returns the new file's stat."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(blob)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        st = os.fstat(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
    return st


def _sig(st: os.stat_result | None) -> tuple | None:
    return None if st is None else (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


# --- backups ---------------------------------------------------------------------


def backup_dir(path: Path) -> Path:
    return path.parent / BACKUP_DIR


def list_backups(path: str | os.PathLike[str]) -> list[Path]:
    """Backups of the annotations file at ``path``, newest first."""
    path = Path(path)
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    stem = path.stem
    return sorted(folder.glob(f"{stem}-*{path.suffix}"), reverse=True)


def make_backup(path: Path, keep: int = BACKUP_KEEP) -> Path | None:
    """Keep the current main file as a backup (a hard link: free) and rotate."""
    if not path.exists():
        return None
    folder = backup_dir(path)
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{path.stem}-{stamp}{path.suffix}"
    n = 0
    while target.exists():
        n += 1
        target = folder / f"{path.stem}-{stamp}-{n}{path.suffix}"
    try:
        os.link(path, target)
    except OSError:
        atomic_write(target, path.read_bytes())
    fsync_dir(folder)
    for old in list_backups(path)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def restore_backup(
    path: str | os.PathLike[str], backup: str | os.PathLike[str], *, lock_timeout: float = 10.0
) -> Path | None:
    """Put ``backup`` in place of the annotations file at ``path``.

    The current main file and journal (damaged or not) are kept beside it,
    renamed ``*.replaced-<time>``; nothing is deleted. Returns where the old
    main file went (None if there was none).
    """
    path = Path(path)
    backup = Path(backup)
    blob = backup.read_bytes()
    parse_main(blob, backup)  # refuse to restore a bad backup
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    kept: Path | None = None
    lock = FileLock(str(path) + LOCK_SUFFIX, timeout=lock_timeout)
    try:
        with lock:
            journal = Path(str(path) + JOURNAL_SUFFIX)
            if journal.exists():
                os.replace(journal, journal.with_name(f"{journal.name}.replaced-{stamp}"))
            if path.exists():
                kept = path.with_name(f"{path.name}.replaced-{stamp}")
                try:
                    os.link(path, kept)
                except OSError:  # no hard links here: copy
                    atomic_write(kept, path.read_bytes())
            atomic_write(path, blob)
    except Timeout:
        raise StoreError(
            f"{path}: another process holds the lock {lock.lock_file}", path=path, problem="locked"
        ) from None
    return kept


# --- the journaled database --------------------------------------------------------


class JournaledDB:
    """The in-memory image of main file + journal, kept in step with the disk.

    ``on_reset(data)`` is called after a full (re)load and ``on_op(table,
    doc_id, old, new)`` for each applied op, so an owner can keep indexes.
    Thread-safe within a process (an RLock), process-safe across processes
    (the lock file for writers, retry-on-change for readers).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        lock_timeout: float = 10.0,
        compact_bytes: int = COMPACT_MIN_BYTES,
        on_reset: Callable[[Data], None] | None = None,
        on_op: Callable[[str, str, dict | None, dict | None], None] | None = None,
    ):
        self.path = Path(path)
        self.journal_path = Path(str(self.path) + JOURNAL_SUFFIX)
        self.lock_path = Path(str(self.path) + LOCK_SUFFIX)
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self.compact_bytes = compact_bytes
        self.on_reset = on_reset
        self.on_op = on_op
        self.data: Data = {}
        self._main_sig: tuple | None = None
        self._main_size = 0
        self._journal_ino: tuple | None = None
        self._journal_offset = 0
        self._journal_size = 0  # size of the journal file at the last look
        self._mutex = threading.RLock()
        self._filelock: FileLock | None = None
        self._locked = 0
        self._loaded = False

    # --- reading --------------------------------------------------------------

    def refresh(self) -> None:
        """Bring the image up to date with the disk (cheap when nothing changed)."""
        try:
            self._refresh()
        except StoreError:
            raise
        except OSError as exc:
            where = exc.filename or self.path
            raise StoreError(
                f"{where}: cannot read ({exc.strerror or exc})", path=where, problem="unreadable"
            ) from exc

    def _refresh(self) -> None:
        with self._mutex:
            main = _stat(self.path)
            if not self._loaded or _sig(main) != self._main_sig:
                self._full_load()
                return
            journal = _stat(self.journal_path)
            if journal is None:
                if self._journal_ino is not None:
                    self._full_load()  # journal removed: someone compacted or deleted it
                return
            jid = (journal.st_dev, journal.st_ino)
            if self._journal_ino is None:
                self._read_journal_tail()  # first record after the last compaction
            elif jid != self._journal_ino or journal.st_size < self._journal_offset:
                self._full_load()
            elif journal.st_size > self._journal_offset:
                self._read_journal_tail()

    def _read_journal_tail(self) -> None:
        try:
            fd = os.open(self.journal_path, os.O_RDONLY)
        except FileNotFoundError:
            self._full_load()
            return
        try:
            st = os.fstat(fd)
            jid = (st.st_dev, st.st_ino)
            offset = self._journal_offset if jid == self._journal_ino else 0
            os.lseek(fd, offset, os.SEEK_SET)
            blob = _read_all(fd)
        finally:
            os.close(fd)
        if (self._journal_ino is not None and jid != self._journal_ino) or _sig(
            _stat(self.path)
        ) != self._main_sig:
            self._full_load()  # compacted (and written again) meanwhile: start over
            return
        ops, used = parse_journal(blob, self.journal_path, offset)
        self._journal_ino = jid
        self._journal_offset = offset + used
        self._journal_size = offset + len(blob)
        for op in ops:
            self._apply(op)

    def _full_load(self) -> None:
        for _attempt in range(20):
            try:
                fd = os.open(self.path, os.O_RDONLY)
            except FileNotFoundError:
                if self.journal_path.exists():
                    raise damaged(
                        self.journal_path,
                        f"journal without its main file {self.path.name} (was it deleted?)",
                    ) from None
                self.data = {}
                self._main_sig = None
                self._main_size = 0
                self._journal_ino = None
                self._journal_offset = self._journal_size = 0
                self._loaded = True
                if self.on_reset:
                    self.on_reset(self.data)
                return
            try:
                st = os.fstat(fd)
                blob = _read_all(fd)
            finally:
                os.close(fd)
            with _gc_paused():  # parsing 10^5 dicts would trigger many full GC passes
                data = parse_main(blob, self.path)
            jblob = b""
            jid = None
            try:
                jfd = os.open(self.journal_path, os.O_RDONLY)
            except FileNotFoundError:
                pass
            else:
                try:
                    jst = os.fstat(jfd)
                    jid = (jst.st_dev, jst.st_ino)
                    jblob = _read_all(jfd)
                finally:
                    os.close(jfd)
            if _sig(_stat(self.path)) != _sig(st):
                continue  # replaced while we read: the journal may belong to the new one
            ops, used = parse_journal(jblob, self.journal_path)
            self.data = data
            self._main_sig = _sig(st)
            self._main_size = st.st_size
            self._journal_ino = jid
            self._journal_offset = used
            self._journal_size = len(jblob)
            if self.on_reset:
                self.on_reset(self.data)
            for op in ops:
                self._apply(op)
            self._loaded = True
            return
        raise StoreError(
            f"{self.path}: the file keeps changing while being read",
            path=self.path,
            problem="unstable",
        )

    def _apply(self, op: Op) -> None:
        table, doc_id, doc = op
        docs = self.data.setdefault(table, {})
        old = docs.get(doc_id)
        if doc is None:
            docs.pop(doc_id, None)
        else:
            docs[doc_id] = doc
        if self.on_op:
            self.on_op(table, doc_id, old, doc)

    # --- writing --------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the writer lock (re-entrant) and refresh from disk first."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only", path=self.path, problem="read-only")
        with self._mutex:
            if self._locked:
                self._locked += 1
                try:
                    yield
                finally:
                    self._locked -= 1
                return
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"{self.path.parent}: cannot create the folder ({exc.strerror or exc})",
                    path=self.path.parent,
                    problem="no folder",
                ) from exc
            if self._filelock is None:
                self._filelock = FileLock(
                    str(self.lock_path), timeout=self.lock_timeout, thread_local=False
                )
            try:
                self._filelock.acquire()
            except Timeout:
                raise StoreError(
                    f"{self.path}: another process has held the lock {self.lock_path} "
                    f"for more than {self.lock_timeout:g} s",
                    path=self.path,
                    problem="locked",
                ) from None
            except OSError as exc:
                raise StoreError(
                    f"{self.lock_path}: cannot take the writer lock ({exc.strerror or exc})",
                    path=self.lock_path,
                    problem="lock unavailable",
                ) from exc
            self._locked = 1
            try:
                self.refresh()
                yield
            finally:
                self._locked = 0
                self._filelock.release()

    def commit(self, ops: list[Op]) -> None:
        """Durably apply ``ops`` (one atomic record). Call inside :meth:`locked`."""
        if not ops:
            return
        assert self._locked, "commit() outside locked()"
        for op in ops:
            if not _is_op(op):
                raise ValueError(f"bad op {op!r}")
        if self._main_sig is None:
            # First write: create the main file with everything in it.
            new = copy.deepcopy(self.data)
            for table, doc_id, doc in ops:
                docs = new.setdefault(table, {})
                if doc is None:
                    docs.pop(doc_id, None)
                else:
                    docs[doc_id] = doc
            blob = dumps(new)
            st = atomic_write(self.path, blob)
            self._main_sig = _sig(st)
            self._main_size = st.st_size
            for op in ops:
                self._apply(op)
            return
        line = dumps({"ops": ops}) + b"\n"
        created = self._journal_ino is None
        fd = os.open(self.journal_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            st = os.fstat(fd)
            if (st.st_dev, st.st_ino) == self._journal_ino and st.st_size > self._journal_offset:
                os.ftruncate(fd, self._journal_offset)  # cut a dead writer's torn record
            elif (st.st_dev, st.st_ino) != self._journal_ino and st.st_size:
                # Someone else's journal appeared since refresh(): cannot happen
                # under the lock, but never append blindly to unknown content.
                raise damaged(self.journal_path, "journal changed under the lock")
            view = memoryview(line)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fdatasync(fd)
            st = os.fstat(fd)
        finally:
            os.close(fd)
        if created:
            fsync_dir(self.path.parent)
        self._journal_ino = (st.st_dev, st.st_ino)
        self._journal_offset = st.st_size
        self._journal_size = st.st_size
        for op in ops:
            self._apply(op)
        if self._journal_offset > max(self.compact_bytes, self._main_size):
            # The record is durable already: a failed compaction (disk full...)
            # must not turn this save into an error; the journal simply stays.
            with contextlib.suppress(OSError):
                self.compact()

    def compact(self, *, backup: bool = True) -> None:
        """Fold the journal into the main file (atomic rename), keep a backup."""
        with self.locked():
            if self._main_sig is None or self._journal_ino is None:
                return
            self._write_main(self.data, backup=backup)

    def replace_all(self, data: Data, *, backup: bool = True) -> None:
        """Replace the whole content (migrations, the TinyDB storage adapter)."""
        validate_tinydb(data, self.path)
        with self.locked():
            self._write_main(data, backup=backup)
            self.data = data
            if self.on_reset:
                self.on_reset(self.data)

    def _write_main(self, data: Data, *, backup: bool) -> None:
        blob = dumps(data)
        if backup and self._main_sig is not None:
            make_backup(self.path)
        st = atomic_write(self.path, blob)
        self._main_sig = _sig(st)
        self._main_size = st.st_size
        if self._journal_ino is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.journal_path)
            fsync_dir(self.path.parent)
        self._journal_ino = None
        self._journal_offset = self._journal_size = 0
        self._cleanup_temps()

    def _cleanup_temps(self) -> None:
        """Remove temp files left by writers killed mid-compaction (under the lock)."""
        for tmp in self.path.parent.glob(f".{self.path.name}.tmp-*"):
            with contextlib.suppress(OSError):
                tmp.unlink()

    @property
    def journal_bytes(self) -> int:
        return self._journal_offset


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


# --- TinyDB adapter -------------------------------------------------------------------

try:
    from tinydb.storages import Storage as _TinyStorage
except ImportError:  # pragma: no cover
    _TinyStorage = object  # type: ignore[assignment,misc]


class JournalStorage(_TinyStorage):  # type: ignore[misc,valid-type]
    """``TinyDB(path, storage=JournalStorage)``: sees main file + journal.

    Reads replay the journal; a write (TinyDB hands over the whole database)
    is an atomic, locked compaction. Plain ``TinyDB(path)`` also opens the
    main file but does not see changes still in the journal.
    """

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False, **_: Any):
        self._db = JournaledDB(path, read_only=read_only)

    def read(self) -> Data | None:
        self._db.refresh()
        if self._db._main_sig is None and not self._db.data:
            return None
        return loads(dumps(self._db.data))

    def write(self, data: Data) -> None:
        self._db.replace_all(loads(dumps(data)), backup=False)

    def close(self) -> None:
        pass
