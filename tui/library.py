"""Find the library, list its articles (cached metadata), load and parse them.

A library is a folder holding ``seeds/`` (the articles, sub-folders allowed)
and ``annotations/`` (the reader's work). An article's id is its path under
``seeds/`` without the suffix, ``/``-separated, so it stays put when the text
is edited.

Listing must stay fast for libraries of many thousand articles, so
:meth:`Library.list` keeps the metadata of every file in one JSON cache,
validated per file by ``(mtime_ns, size)`` of the article and of its sidecar;
only new or changed files are read and (head-)parsed again.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import platformdirs

from . import parse
from .model import Article, ArticleMeta

#: Article file suffixes; when two files share a stem, the earlier suffix wins.
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
SIDECAR_SUFFIXES = (".yaml", ".yml")
APP_NAME = "briefing"
CACHE_VERSION = 2


class LibraryError(Exception):
    """A library or article problem that is the user's to fix; str() is one clear line."""


# --- locating the library ------------------------------------------------------------


def bundled_samples() -> Path:
    """The sample articles shipped with the package (wheel) or the repo (editable)."""
    here = Path(__file__).resolve().parent
    packaged = here / "_samples"
    return packaged if packaged.is_dir() else here.parent / "seeds"


def _checked_dir(path: str | os.PathLike[str], what: str) -> Path:
    folder = Path(path).expanduser()
    if not folder.exists():
        raise LibraryError(f"{what} {str(folder)!r} does not exist")
    if not folder.is_dir():
        raise LibraryError(f"{what} {str(folder)!r} is not a folder")
    return folder.resolve()


def find_library(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--library DIR, else $BRIEFING_LIBRARY, else cwd with seeds/, else the user data dir."""
    if explicit:
        return _checked_dir(explicit, "library folder")
    env = os.environ.get("BRIEFING_LIBRARY")
    if env:
        return _checked_dir(env, "library folder ($BRIEFING_LIBRARY)")
    cwd = Path.cwd()
    if (cwd / "seeds").is_dir():
        return cwd.resolve()
    return ensure_user_library()


def user_library_dir() -> Path:
    """Where the library lives when nothing else says so (platformdirs user data dir)."""
    return Path(platformdirs.user_data_dir(APP_NAME))


def ensure_user_library(root: str | os.PathLike[str] | None = None) -> Path:
    """Create the user library on first use: a copy of the bundled samples + annotations/.

    An existing ``seeds/`` is never touched, so the user's own articles are safe.
    """
    folder = Path(root) if root is not None else user_library_dir()
    seeds = folder / "seeds"
    try:
        if not seeds.exists():
            folder.mkdir(parents=True, exist_ok=True)
            # Copy into a temp folder first so a crash never leaves half a library.
            tmp = Path(tempfile.mkdtemp(prefix=".seeds-", dir=folder))
            try:
                samples = bundled_samples()
                if samples.is_dir():
                    shutil.copytree(samples, tmp, dirs_exist_ok=True)
                os.replace(tmp, seeds)
            except OSError:
                shutil.rmtree(tmp, ignore_errors=True)
                if not seeds.is_dir():  # else another process created it first: fine
                    raise
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
        (folder / "annotations").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(
            f"cannot create the library in {str(folder)!r}: {exc.strerror or exc}"
        ) from exc
    return folder.resolve()


# --- reading files --------------------------------------------------------------------


def read_text(path: Path) -> str:
    """A file as UTF-8 with no newline translation (the canonical text for .txt/.md)."""
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        return fh.read()


def sidecar_path(path: Path) -> Path | None:
    """``NAME.yaml`` (or ``.yml``) next to ``NAME.txt``, if there is one."""
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> dict[str, Any]:
    """Metadata overrides from the article's sidecar; a bad sidecar is ignored."""
    side = sidecar_path(path)
    if side is None:
        return {}
    try:
        data = parse.safe_yaml_mapping(read_text(side))
    except OSError:
        return {}
    return parse.meta_overrides(data)


def _parse_file(path: Path, article_id: str, rel: str, *, full: bool) -> Article | ArticleMeta:
    text = read_text(path)
    kwargs = {"article_id": article_id, "path": rel, "suffix": path.suffix.lower()}
    result: Article | ArticleMeta = (
        parse.parse_text(text, **kwargs) if full else parse.parse_meta(text, **kwargs)
    )
    meta = result.meta if isinstance(result, Article) else result
    parse.apply_overrides(meta, read_sidecar(path))
    return result


def load_path(path: str | os.PathLike[str]) -> Article:
    """Parse any article file, inside a library or not (id = file stem)."""
    file = Path(path).expanduser()
    if not file.is_file():
        raise LibraryError(f"no such article file: {str(file)!r}")
    try:
        article = _parse_file(file, file.stem, str(file), full=True)
    except OSError as exc:
        raise LibraryError(f"cannot read {str(file)!r}: {exc.strerror or exc}") from exc
    assert isinstance(article, Article)
    return article


# --- the metadata cache ------------------------------------------------------------------


def _code_version() -> str:
    """Changes whenever the parser changes, so cached metadata is never stale."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update(f"{CACHE_VERSION}:{parse.PARSER_VERSION}".encode())
    here = Path(__file__).resolve().parent
    for name in ("parse.py", "html_text.py", "library.py"):
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    return digest.hexdigest()


_CODE_VERSION = _code_version()


def cache_file(root: Path) -> Path:
    """$BRIEFING_CACHE_DIR/<hash>.json, else the user cache dir (one file per library)."""
    key = hashlib.blake2b(str(root.resolve()).encode("utf-8"), digest_size=8).hexdigest()
    base = os.environ.get("BRIEFING_CACHE_DIR") or platformdirs.user_cache_dir(APP_NAME)
    return Path(base) / f"library-{key}.json"


def _load_cache(file: Path, root: Path) -> dict[str, Any]:
    """The cached entries, or {} when missing, unreadable, corrupt or from other code."""
    try:
        with open(file, encoding="utf-8") as fh:
            raw = fh.read()
        # Tens of thousands of small lists: pausing the cycle collector halves the load time.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            data = json.loads(raw)
        finally:
            if gc_was_enabled:
                gc.enable()
    except (OSError, ValueError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("version") != _CODE_VERSION
        or data.get("root") != str(root)
        or not isinstance(data.get("entries"), dict)
    ):
        return {}
    return data["entries"]


def _save_cache(file: Path, root: Path, entries: dict[str, Any]) -> None:
    """Atomic write (temp file + os.replace); a cache we cannot write is just skipped."""
    payload = {"version": _CODE_VERSION, "root": str(root), "entries": entries}
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".cache-", suffix=".json", dir=file.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(payload, fh, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, file)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, ValueError):  # ValueError: text json cannot encode; the cache is optional
        pass


def _stamp(stat: os.stat_result) -> list[int]:
    return [stat.st_mtime_ns, stat.st_size]


#: ArticleMeta fields in the order a cache row stores them (rows are lists: faster JSON).
_META_FIELDS = tuple(ArticleMeta.__dataclass_fields__)


def _cache_row(stamp: list[int], side_stamp: list[int] | None, meta: ArticleMeta) -> list[Any]:
    """[file stamp, sidecar stamp, *metadata fields]."""
    data = meta.to_dict()
    return [stamp, side_stamp, *(data[name] for name in _META_FIELDS)]


def _from_cache(
    row: Any, article_id: str, stamp: list[int], side_stamp: list[int] | None
) -> ArticleMeta | None:
    """The cached metadata if the file and its sidecar are unchanged, else None."""
    if (
        not isinstance(row, list)
        or len(row) != 2 + len(_META_FIELDS)
        or row[0] != stamp
        or row[1] != side_stamp
    ):
        return None
    try:
        meta = ArticleMeta(*row[2:])
    except TypeError:
        return None
    if meta.id != article_id or not isinstance(meta.title, str):
        return None
    meta.tags = tuple(meta.tags or ())
    return meta


class _Found(NamedTuple):
    """An article file found by the scan."""

    id: str
    path: str  # absolute (or as given) file path
    rel: str  # path relative to the library root, "/"-separated
    entry: os.DirEntry[str]
    sidecar_key: str  # folder + stem, as sidecars are indexed


# --- the library ------------------------------------------------------------------------


class Library:
    """A library folder: ``seeds/`` holds articles, ``annotations/`` the user's work."""

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root)
        self.seeds = self.root / "seeds"
        self.annotations_path = self.root / "annotations" / "annotations.json"
        self.cache_path = cache_file(self.root)

    @classmethod
    def ensure_user_library(cls, root: str | os.PathLike[str] | None = None) -> Library:
        """The user library (created with the bundled samples on first use)."""
        return cls(ensure_user_library(root))

    # -- files ------------------------------------------------------------------------

    def _scan(self) -> tuple[dict[str, _Found], dict[str, os.DirEntry[str]]]:
        """Article files by id and sidecar files by path-without-suffix, in one walk.

        Hidden files and folders are skipped. When two files share an id, the
        earliest suffix in ARTICLE_SUFFIXES wins (deterministic, never an error).
        Plain strings, not Path objects: this runs for every file on every start.
        """
        rank = {s: n for n, s in enumerate(ARTICLE_SUFFIXES)}
        best: dict[str, tuple[int, _Found]] = {}
        sidecars: dict[str, os.DirEntry[str]] = {}
        seeds_rel = os.path.relpath(self.seeds, self.root).replace(os.sep, "/")
        stack: list[tuple[str, str]] = [(str(self.seeds), "")]  # (folder, id prefix)
        while stack:
            folder, prefix = stack.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_dir():
                    stack.append((entry.path, f"{prefix}{name}/"))
                    continue
                stem, dot, ext = name.rpartition(".")
                ext = "." + ext.lower()
                if not dot or not stem:
                    continue
                if ext in SIDECAR_SUFFIXES:
                    sidecars.setdefault(os.path.join(folder, stem), entry)
                elif ext in rank:
                    article_id = prefix + stem
                    old = best.get(article_id)
                    if old is None or rank[ext] < old[0]:
                        rel = f"{seeds_rel}/{prefix}{name}"
                        key = os.path.join(folder, stem)
                        best[article_id] = (
                            rank[ext],
                            _Found(article_id, entry.path, rel, entry, key),
                        )
        return {aid: best[aid][1] for aid in sorted(best)}, sidecars

    def article_paths(self) -> dict[str, Path]:
        """Article id -> file, sorted by id."""
        return {aid: Path(found.path) for aid, found in self._scan()[0].items()}

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    # -- listing ------------------------------------------------------------------------

    def list(self) -> list[ArticleMeta]:
        """Metadata of every article, sorted by id; only new or changed files are parsed."""
        entries = _load_cache(self.cache_path, self.root.resolve())
        fresh: dict[str, Any] = {}
        out: list[ArticleMeta] = []
        changed = False
        articles, sidecars = self._scan()
        for article_id, found in articles.items():
            side = sidecars.get(found.sidecar_key)
            try:
                stamp = _stamp(found.entry.stat())
                side_stamp = _stamp(side.stat()) if side is not None else None
            except OSError:
                continue
            row = entries.get(found.rel)
            meta = _from_cache(row, article_id, stamp, side_stamp)
            if meta is None:
                meta = self._parse_meta(Path(found.path), article_id, found.rel)
                if meta is None:
                    continue
                meta.mtime, meta.size = stamp[0] / 1e9, stamp[1]
                row = _cache_row(stamp, side_stamp, meta)
                changed = True
            fresh[found.rel] = row
            out.append(meta)
        if changed or fresh.keys() != entries.keys():
            _save_cache(self.cache_path, self.root.resolve(), fresh)
        return out

    def _parse_meta(self, path: Path, article_id: str, rel: str) -> ArticleMeta | None:
        """Head-parse one file for the listing; an unreadable file is left out, not fatal."""
        try:
            meta = _parse_file(path, article_id, rel, full=False)
        except OSError:
            return None
        assert isinstance(meta, ArticleMeta)
        return meta

    # -- resolving and loading --------------------------------------------------------------

    def _direct(self, article_id: str) -> Path | None:
        """The file for an id without scanning the folder (same winner rule as listing)."""
        if not article_id or article_id.startswith(("/", "../")) or "/../" in article_id:
            return None
        for suffix in ARTICLE_SUFFIXES:
            candidate = self.seeds / f"{article_id}{suffix}"
            if candidate.is_file() and not any(p.startswith(".") for p in Path(article_id).parts):
                return candidate
        return None

    def resolve(self, id_or_path: str, *, prefix: bool = False) -> str:
        """An article id from an id, an id with suffix, a path under seeds/ or the root,
        or an absolute path inside seeds/; with ``prefix``, also from a unique prefix of an
        id (for people typing ids, never for stored ones: a deleted article must not
        silently become another that shares its prefix)."""
        raw = str(id_or_path).strip()
        for candidate in self._candidates(raw):
            if self._direct(candidate) is not None:
                return candidate
        ids = list(self.article_paths())
        # a unique prefix is enough, as with git's short hashes: "001" for "001_c81ba1064659f3d9"
        stem = _strip_suffix(raw.replace("\\", "/"))
        starts = [i for i in ids if i.startswith(stem)] if prefix and stem else []
        if len(starts) == 1:
            return starts[0]
        if len(starts) > 1:
            shown = ", ".join(sorted(starts)[:5]) + (", ..." if len(starts) > 5 else "")
            raise LibraryError(
                f"{raw!r} is ambiguous: {len(starts)} articles start with it ({shown})"
            )
        if len(ids) > 2000:  # keep the suggestion cheap in big libraries
            ids = [i for i in ids if i[:1] == raw[:1] and abs(len(i) - len(raw)) <= 3]
        close = difflib.get_close_matches(raw, ids, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise LibraryError(f"no article {raw!r} in {self.seeds}{hint}")

    def _candidates(self, raw: str) -> Iterator[str]:
        """Ids that ``raw`` could mean, most literal first."""
        text = raw.replace("\\", "/")
        path = Path(raw).expanduser()
        if path.is_absolute() or path.exists():
            with contextlib.suppress(OSError, ValueError):
                rel = path.resolve().relative_to(self.seeds.resolve()).as_posix()
                yield _strip_suffix(rel)
        while text.startswith("./"):
            text = text[2:]
        yield text
        yield _strip_suffix(text)
        for prefix in ("seeds/", f"{self.root.name}/seeds/"):
            if text.startswith(prefix):
                yield _strip_suffix(text[len(prefix) :])

    def path_of(self, article_id: str) -> Path:
        """The file of an article id (LibraryError if there is none)."""
        path = self._direct(article_id)
        if path is None:
            path = self._direct(self.resolve(article_id))
        assert path is not None
        return path

    def load(self, article_id: str) -> Article:
        """Parse the full article (sidecar metadata applied)."""
        path = self.path_of(article_id)
        aid = _strip_suffix(path.relative_to(self.seeds).as_posix())
        try:
            article = _parse_file(path, aid, self._rel(path), full=True)
            stat = path.stat()
        except OSError as exc:
            raise LibraryError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from exc
        assert isinstance(article, Article)
        article.meta.mtime, article.meta.size = stat.st_mtime_ns / 1e9, stat.st_size
        return article


def _strip_suffix(rel: str) -> str:
    for suffix in ARTICLE_SUFFIXES:
        if rel.lower().endswith(suffix):
            return rel[: -len(suffix)]
    return rel
