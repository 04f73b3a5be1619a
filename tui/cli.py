"""The ``briefing`` command line.

``briefing`` alone opens the app; the other commands are non-interactive and
never import Textual (the app is imported only when it is launched), so they
start fast and run anywhere. Errors are one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A problem the user can fix; printed as one line."""


# --- helpers -------------------------------------------------------------------


def _library(args: argparse.Namespace):
    from .library import Library, find_library

    return Library(find_library(getattr(args, "library", None)))


def _store(library, *, read_only: bool = False):
    from .store import Store

    return Store(library.annotations_path, read_only=read_only)


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _clean(text: str | None) -> str:
    from .model import clean_for_display

    return clean_for_display(text or "")


def _load_article(library, id_or_path: str):
    """An article by id (or path inside the library), else any file path."""
    from .library import LibraryError, load_path

    try:
        return library.load(library.resolve(id_or_path, prefix=True))
    except LibraryError:
        if Path(id_or_path).is_file():
            return load_path(Path(id_or_path))
        raise


def _article_and_spans(args: argparse.Namespace, target: str):
    """The article (by id, or any file path) and its spans, with the reader's feedback."""
    from .extract import extract

    library = _library(args)
    article = _load_article(library, target)
    feedback = []
    if library.annotations_path.exists():
        with _store(library, read_only=True) as store:
            feedback = store.feedback()
    spans = extract(article.text, feedback, article_id=article.id, start=article.body_start())
    return article, spans


def _reanchored_notes(store, library, article_id: str | None):
    """Notes, re-anchored against the current text of their articles when the store can."""
    if not store.read_only:
        # A file moved or renamed under seeds/ keeps its notes: same text, new id.
        for old_id, new_id in store.detect_renames(library.list()).items():
            store.rename_article(old_id, new_id)
    notes = store.notes(article_id)
    if store.read_only:
        return notes
    ids = sorted({n.article_id for n in notes if n.anchor is not None})
    known = set(library.article_paths())
    changed = False
    for aid in ids:
        if aid not in known:
            continue
        article = library.load(aid)
        store.reanchor(aid, article.text, article.meta.fingerprint)
        changed = True
    return store.notes(article_id) if changed else notes


# --- commands --------------------------------------------------------------------


def cmd_app(args: argparse.Namespace) -> int:
    from .library import find_library

    root = find_library(getattr(args, "library", None))
    from .app import run_app  # Textual is imported only here.

    run_app(root)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    library = _library(args)
    metas = library.list()
    states: dict = {}
    counts: dict = {}
    if library.annotations_path.exists():
        with _store(library, read_only=True) as store:
            states = store.all_article_states()
            counts = store.note_counts()
    rows = []
    for meta in metas:
        state = states.get(meta.id)
        tags = list(dict.fromkeys([*meta.tags, *(state.tags if state else ())]))
        rows.append(
            {
                "id": meta.id,
                "title": meta.title,
                "source": meta.source,
                "published": meta.published,
                "tags": tags,
                "notes": counts.get(meta.id, 0),
                "status": state.status if state else "unread",
                "starred": bool(state and state.starred),
                "words": meta.words,
                "path": meta.path,
            }
        )
    if args.json:
        _print_json(rows)
        return EXIT_OK
    for row in rows:
        star = "*" if row["starred"] else " "
        tags = " ".join(f"#{t}" for t in row["tags"])
        line = f"{star} {row['id']:<28} {row['status']:<8} {row['notes']:>3} notes  {row['title']}"
        print(_clean(f"{line}  {tags}".rstrip()))
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    article, spans = _article_and_spans(args, args.id)
    if args.json:
        _print_json(
            {
                "id": article.id,
                "meta": article.meta.to_dict(),
                "blocks": [
                    {"kind": b.kind, "start": b.start, "end": b.end, "text": b.text}
                    for b in article.blocks
                ],
                "spans": [s.to_dict() for s in spans],
            }
        )
        return EXIT_OK
    from .render_text import render_article

    render_article(article, spans, color=args.color)
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    article, spans = _article_and_spans(args, args.target)
    if args.json:
        _print_json({"id": article.id, "spans": [s.to_dict() for s in spans]})
        return EXIT_OK
    for s in spans:
        value = "" if s.value is None else f" = {s.value!r} {s.unit or ''}".rstrip()
        print(_clean(f"{s.start:>6}-{s.end:<6} {s.label:<9} {s.text}{value}"))
    return EXIT_OK


def cmd_notes(args: argparse.Namespace) -> int:
    if args.target == "import":
        return cmd_notes_import(args)
    library = _library(args)
    article_id = library.resolve(args.target, prefix=True) if args.target else None
    if not library.annotations_path.exists():
        notes = []
    else:
        with _store(library) as store:
            notes = _reanchored_notes(store, library, article_id)
    if args.json:
        _print_json([n.to_dict() for n in notes])
        return EXIT_OK
    if not notes:
        print("no notes")
    for n in notes:
        flag = " (orphaned)" if n.orphaned else ""
        quote = f' "{n.quote}"' if n.quote else ""
        tags = " ".join(f"#{t}" for t in n.tags)
        print(_clean(f"{n.id} {n.article_id}{flag}{quote} {n.body} {tags}".rstrip()))
    return EXIT_OK


def cmd_notes_import(args: argparse.Namespace) -> int:
    from .store import load_note_records

    if not args.file:
        raise CliError("usage: briefing notes import FILE")
    library = _library(args)
    records = load_note_records(Path(args.file))
    with _store(library) as store:
        count = store.import_notes(records)
    print(f"imported {count} notes")
    return EXIT_OK


def cmd_note_add(args: argparse.Namespace) -> int:
    from .model import make_anchor

    library = _library(args)
    article = library.load(library.resolve(args.id, prefix=True))
    anchor = None
    if args.quote:
        at = article.text.find(args.quote)
        if at < 0:
            raise CliError(f"the passage {args.quote!r} is not in {article.id}")
        anchor = make_anchor(article.text, at, at + len(args.quote))
    with _store(library) as store:
        note = store.add_note(article.id, args.text, anchor=anchor, tags=args.tag or ())
        # Records the text the note was anchored to, so later edits and renames are seen.
        store.reanchor(article.id, article.text, article.meta.fingerprint)
    if args.json:
        _print_json(note.to_dict())
    else:
        print(f"added note {note.id} to {article.id}")
    return EXIT_OK


def cmd_tag(args: argparse.Namespace) -> int:
    library = _library(args)
    article_id = library.resolve(args.id, prefix=True)
    tag = args.tag.strip()
    if not tag or any(ch.isspace() for ch in tag):
        raise CliError(f"a tag is one word without spaces, not {tag!r}")
    with _store(library) as store:
        if args.action == "add":
            state = store.add_tag(article_id, tag)
        else:
            state = store.remove_tag(article_id, tag)
    print(_clean(f"{article_id}: {' '.join('#' + t for t in state.tags) or '(no tags)'}"))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    library = _library(args)
    query = args.query.casefold()
    hits = []
    for meta in library.list():
        article = library.load(meta.id)
        folded = article.text.casefold()
        at = folded.find(query)
        if at >= 0 or query in meta.title.casefold():
            snippet = article.text[max(0, at - 40) : at + len(query) + 40] if at >= 0 else ""
            hits.append({"id": meta.id, "title": meta.title, "offset": at, "snippet": snippet})
    if args.json:
        _print_json(hits)
        return EXIT_OK
    for h in hits:
        print(_clean(f"{h['id']}  {h['title']}  …{' '.join(h['snippet'].split())}…"))
    if not hits:
        print("no matches")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from .check import check_library

    library = _library(args)
    problems = check_library(library.root)
    errors = [p for p in problems if p.startswith("error")]
    if args.json:
        _print_json({"ok": not errors, "root": str(library.root), "problems": problems})
    else:
        for p in problems:
            print(_clean(p), file=sys.stderr)
        if not errors:
            warned = f" ({len(problems)} warnings)" if problems else ""
            print(_clean(f"ok: {library.root}{warned}"))
    return EXIT_ERROR if errors else EXIT_OK


# --- parser ----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    # --library is accepted before or after the command name: the sub-parsers
    # use SUPPRESS so they do not overwrite a value given before the command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library", metavar="DIR", default=argparse.SUPPRESS, help="the library folder"
    )

    parser = argparse.ArgumentParser(
        prog="briefing",
        description="A keyboard-driven terminal reader for annotated briefings.",
    )
    parser.add_argument("--library", metavar="DIR", help="the library folder (holds seeds/)")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func, help_text: str, *, json_flag: bool = True):
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        if json_flag:
            p.add_argument("--json", action="store_true", help="print JSON")
        p.set_defaults(func=func)
        return p

    add("app", cmd_app, "open the app (the default)", json_flag=False)
    add("list", cmd_list, "list the library's articles")

    p = add("show", cmd_show, "print an article with its highlights")
    p.add_argument("id", help="article id or path")
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the highlights (default: when printing to a terminal)",
    )

    p = add("extract", cmd_extract, "entities and figures of an article or a file")
    p.add_argument("target", metavar="PATH|ID")

    p = add("notes", cmd_notes, "list notes (all, or of one article); 'notes import FILE'")
    p.add_argument("target", nargs="?", metavar="ID|import")
    p.add_argument("file", nargs="?", help=argparse.SUPPRESS)

    note = sub.add_parser("note", parents=[common], help="add a note")
    note_sub = note.add_subparsers(dest="note_command", metavar="add", required=True)
    p = note_sub.add_parser("add", parents=[common], help="add a note to an article")
    p.add_argument("id", help="article id")
    p.add_argument("--text", required=True, help="the note")
    p.add_argument("--quote", help="anchor the note to this passage of the article")
    p.add_argument("--tag", action="append", help="a tag for the note (repeatable)")
    p.add_argument("--json", action="store_true", help="print the note as JSON")
    p.set_defaults(func=cmd_note_add)

    tag = sub.add_parser("tag", parents=[common], help="add or remove an article tag")
    tag.add_argument("action", choices=("add", "rm"))
    tag.add_argument("id", help="article id")
    tag.add_argument("tag")
    tag.set_defaults(func=cmd_tag)

    p = add("search", cmd_search, "find articles whose text or title holds QUERY")
    p.add_argument("query")

    add("check", cmd_check, "validate the library and its annotations")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", cmd_app)
    try:
        code = func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - one clear line, never a traceback
        if _is_user_error(exc):
            print(f"briefing: {exc}", file=sys.stderr)
            return EXIT_ERROR
        raise
    return code


def _is_user_error(exc: Exception) -> bool:
    from .library import LibraryError
    from .store import StoreError

    return isinstance(exc, (CliError, LibraryError, StoreError, OSError))


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
