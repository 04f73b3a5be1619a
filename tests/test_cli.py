"""End-to-end tests of the ``briefing`` command in real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FIRST = "000_ce59ded0c8c26f99"


def briefing(*args: str, cwd: Path | None = None, env: dict | None = None, check: bool = True):
    """Run the installed console script (falls back to ``python -m tui.cli``)."""
    script = Path(sys.executable).with_name("briefing")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli"]
    run = subprocess.run(
        [*cmd, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=60,
    )
    if check and run.returncode != 0:
        raise AssertionError(f"briefing {' '.join(args)} failed ({run.returncode}): {run.stderr}")
    return run


def test_list_json_lists_every_sample(library_root: Path) -> None:
    rows = json.loads(briefing("list", "--json").stdout)
    ids = {r["id"] for r in rows}
    assert ids == {p.stem for p in (library_root / "seeds").glob("*.txt")}
    assert all(r["title"] and r["status"] == "unread" and r["notes"] == 0 for r in rows)


def test_library_flag_before_or_after_command(library_root: Path, tmp_path: Path) -> None:
    env = {"BRIEFING_LIBRARY": str(tmp_path / "nowhere")}
    before = briefing("--library", str(library_root), "list", "--json", env=env)
    after = briefing("list", "--json", "--library", str(library_root), env=env)
    assert json.loads(before.stdout) == json.loads(after.stdout)
    assert len(json.loads(before.stdout)) == 4


def test_note_add_then_notes_json(library_root: Path) -> None:
    text = (library_root / "seeds" / f"{FIRST}.txt").read_text(encoding="utf-8")
    quote = "strategic partnership with OpenAI"
    briefing("note", "add", FIRST, "--text", "Check the terms", "--quote", quote, "--tag", "deal")
    briefing("note", "add", FIRST, "--text", "Whole-article note")
    notes = json.loads(briefing("notes", "--json").stdout)
    assert len(notes) == 2
    anchored = next(n for n in notes if n["quote"])
    for key in (
        "id",
        "article_id",
        "body",
        "quote",
        "start",
        "end",
        "tags",
        "orphaned",
        "created",
        "updated",
    ):
        assert key in anchored
    assert anchored["body"] == "Check the terms"
    assert anchored["tags"] == ["deal"]
    assert text[anchored["start"] : anchored["end"]] == quote
    assert anchored["orphaned"] is False
    article_note = next(n for n in notes if not n["quote"])
    assert article_note["start"] is None and article_note["article_id"] == FIRST
    # Filtered by article.
    assert len(json.loads(briefing("notes", FIRST, "--json").stdout)) == 2
    assert json.loads(briefing("notes", "001_c81ba1064659f3d9", "--json").stdout) == []


def test_note_with_unknown_quote_is_one_clear_error(library_root: Path) -> None:
    run = briefing(
        "note", "add", FIRST, "--text", "x", "--quote", "not in the text at all", check=False
    )
    assert run.returncode != 0
    assert run.stderr.strip().count("\n") == 0 and "not in" in run.stderr
    assert "Traceback" not in run.stderr
    assert json.loads(briefing("notes", "--json").stdout) == []


def test_tag_add_and_rm(library_root: Path) -> None:
    briefing("tag", "add", FIRST, "japan")
    briefing("tag", "add", FIRST, "ai")
    rows = {r["id"]: r for r in json.loads(briefing("list", "--json").stdout)}
    assert rows[FIRST]["tags"] == ["japan", "ai"]
    briefing("tag", "rm", FIRST, "japan")
    rows = {r["id"]: r for r in json.loads(briefing("list", "--json").stdout)}
    assert rows[FIRST]["tags"] == ["ai"]


def test_extract_json_offsets_index_the_file(library_root: Path) -> None:
    path = library_root / "seeds" / f"{FIRST}.txt"
    with open(path, encoding="utf-8", newline="") as fh:
        text = fh.read()
    data = json.loads(briefing("extract", str(path), "--json").stdout)
    assert data["spans"], "no spans extracted"
    for span in data["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]
        assert {"start", "end", "text", "label", "kind", "value", "unit"} <= span.keys()
    by_text = {s["text"]: s for s in data["spans"]}
    assert by_text["Fujitsu"]["label"] == "ORG"
    assert by_text["$5.2 billion"]["label"] == "MONEY"
    # By id gives the same spans as by path.
    by_id = json.loads(briefing("extract", FIRST, "--json").stdout)
    assert by_id["spans"] == data["spans"]


def test_extract_of_a_file_outside_any_library(tmp_path: Path) -> None:
    doc = tmp_path / "memo.txt"
    doc.write_text("Memo\n\nRevenue rose 12% to $3.4 billion in March 2026.\n", encoding="utf-8")
    data = json.loads(briefing("extract", str(doc), "--json", cwd=tmp_path).stdout)
    texts = {s["text"] for s in data["spans"]}
    assert {"12%", "$3.4 billion"} <= texts


def test_show_prints_the_article_without_control_characters(library_root: Path) -> None:
    evil = library_root / "seeds" / "evil.txt"
    evil.write_text(
        "Evil title [bold]x[/]\n\nBody with \x1b[31mred\x1b[0m and [link=x]link[/link].\n",
        encoding="utf-8",
    )
    out = briefing("show", "evil", "--color", "never").stdout
    assert "\x1b" not in out
    assert "[bold]x[/]" in out and "[link=x]" in out
    colored = briefing("show", FIRST, "--color", "always").stdout
    assert "\x1b[" in colored and "Fujitsu" in colored


def test_unknown_article_is_one_line_on_stderr(library_root: Path) -> None:
    run = briefing("show", "no-such-article", check=False)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.startswith("briefing: ") and run.stderr.count("\n") == 1


def test_an_id_prefix_is_enough_and_an_ambiguous_one_is_an_error(library_root: Path) -> None:
    ids = json.loads(briefing("list", "--json").stdout)
    aid = ids[1]["id"]
    shown = briefing("extract", aid[:4], "--json")
    assert json.loads(shown.stdout) == json.loads(briefing("extract", aid, "--json").stdout)
    run = briefing("show", aid[:1], check=False)
    assert run.returncode == 1 and "ambiguous" in run.stderr and run.stderr.count("\n") == 1


def test_missing_library_is_one_line_on_stderr(tmp_path: Path) -> None:
    run = briefing("--library", str(tmp_path / "missing"), "list", check=False)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr and run.stderr.startswith("briefing: ")


@pytest.mark.parametrize("cmd", [["list"], ["notes"], ["search", "OpenAI"]])
def test_listing_commands_have_json(library_root: Path, cmd: list[str]) -> None:
    json.loads(briefing(*cmd, "--json").stdout)


def test_notes_import_moves_notes_between_libraries(library_root: Path, tmp_path: Path) -> None:
    briefing("note", "add", FIRST, "--text", "From the first library", "--quote", "OpenAI")
    briefing("note", "add", FIRST, "--text", "Article-level")
    exported = tmp_path / "notes.json"
    exported.write_text(briefing("notes", "--json").stdout, encoding="utf-8")

    other = tmp_path / "other"
    (other / "seeds").mkdir(parents=True)
    for path in (library_root / "seeds").glob("*.txt"):
        (other / "seeds" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    run = briefing("--library", str(other), "notes", "import", str(exported))
    assert "imported 2" in run.stdout
    moved = json.loads(briefing("--library", str(other), "notes", "--json").stdout)
    assert sorted(n["body"] for n in moved) == ["Article-level", "From the first library"]
    # JSON Lines works too, and a broken file is one clear error that changes nothing.
    lines = tmp_path / "notes.jsonl"
    lines.write_text("\n".join(json.dumps(n) for n in moved[:1]) + "\n", encoding="utf-8")
    third = tmp_path / "third"
    (third / "seeds").mkdir(parents=True)
    assert "imported 1" in briefing("--library", str(third), "notes", "import", str(lines)).stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    run = briefing("--library", str(third), "notes", "import", str(bad), check=False)
    assert (
        run.returncode == 1
        and run.stderr.startswith("briefing: ")
        and "Traceback" not in run.stderr
    )
    assert len(json.loads(briefing("--library", str(third), "notes", "--json").stdout)) == 1


def test_check_reports_a_damaged_annotations_file_and_leaves_it(library_root: Path) -> None:
    assert briefing("check").returncode == 0
    briefing("note", "add", FIRST, "--text", "keep me")
    store_file = library_root / "annotations" / "annotations.json"
    damaged = store_file.read_bytes()[:-7]
    store_file.write_bytes(damaged)
    run = briefing("check", check=False)
    assert run.returncode == 1
    assert str(store_file) in run.stderr
    assert store_file.read_bytes() == damaged
    # Other commands refuse to write over it, too.
    run = briefing("note", "add", FIRST, "--text", "more", check=False)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert store_file.read_bytes() == damaged


def test_renamed_article_keeps_its_notes(library_root: Path) -> None:
    briefing("note", "add", FIRST, "--text", "follows the file", "--quote", "OpenAI")
    seeds = library_root / "seeds"
    (seeds / "japan").mkdir()
    (seeds / f"{FIRST}.txt").rename(seeds / "japan" / "fujitsu-openai.txt")
    notes = json.loads(briefing("notes", "--json").stdout)
    assert [(n["article_id"], n["orphaned"]) for n in notes] == [("japan/fujitsu-openai", False)]


def test_extract_with_a_missing_library_is_an_error(tmp_path: Path) -> None:
    doc = tmp_path / "memo.txt"
    doc.write_text("Revenue rose 12% in 2026.\n", encoding="utf-8")
    run = briefing("extract", str(doc), "--json", "--library", str(tmp_path / "nope"), check=False)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.startswith("briefing: ") and "Traceback" not in run.stderr
