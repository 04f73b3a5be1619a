"""The library: where it is, article ids, resolving, sidecars, the metadata cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tui.parse
from tui import library as libmod
from tui.library import Library, LibraryError, bundled_samples, find_library, load_path

SAMPLE_IDS = sorted(p.stem for p in bundled_samples().glob("*.txt"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.fixture
def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every head parse the library does (listing must not parse cached files)."""
    calls: list[str] = []
    real = tui.parse.parse_meta

    def counting(text: str, **kwargs):
        calls.append(kwargs.get("article_id", ""))
        return real(text, **kwargs)

    monkeypatch.setattr(tui.parse, "parse_meta", counting)
    return calls


# --- finding the library ----------------------------------------------------------------


def test_find_library_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    explicit, env, cwd = (tmp_path / n for n in ("explicit", "env", "cwd"))
    for folder in (explicit, env, cwd / "seeds"):
        folder.mkdir(parents=True)
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("BRIEFING_LIBRARY", str(env))
    assert find_library(explicit) == explicit.resolve()
    assert find_library() == env.resolve()
    monkeypatch.delenv("BRIEFING_LIBRARY")
    assert find_library() == cwd.resolve()


def test_missing_library_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(LibraryError) as err:
        find_library(tmp_path / "nope")
    assert "does not exist" in str(err.value) and "\n" not in str(err.value)
    monkeypatch.setenv("BRIEFING_LIBRARY", str(tmp_path / "gone"))
    with pytest.raises(LibraryError, match="BRIEFING_LIBRARY"):
        find_library()


def test_user_library_created_with_samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.delenv("BRIEFING_LIBRARY", raising=False)
    monkeypatch.chdir(tmp_path)  # no seeds/ here
    monkeypatch.setattr(libmod.platformdirs, "user_data_dir", lambda name: str(data / name))
    root = find_library()
    assert root == (data / "briefing").resolve()
    assert sorted(p.stem for p in (root / "seeds").glob("*.txt")) == SAMPLE_IDS
    assert (root / "annotations").is_dir()
    # Second run: the user's own changes survive.
    (root / "seeds" / f"{SAMPLE_IDS[0]}.txt").unlink()
    assert find_library() == root
    assert len(list((root / "seeds").glob("*.txt"))) == len(SAMPLE_IDS) - 1


# --- ids and resolving ---------------------------------------------------------------------


def test_ids_subfolders_duplicates_hidden_and_sidecars(library_root: Path) -> None:
    seeds = library_root / "seeds"
    write(seeds / "world" / "asia" / "ports.md", "# Ports Report Title\n\nText.\n")
    write(seeds / "dup.html", "<h1>From HTML</h1>")
    write(seeds / "dup.txt", "From the Text File Title\n\nBody.\n")
    write(seeds / "dup.yaml", "tags: [x]\n")
    write(seeds / ".hidden.txt", "Hidden\n")
    write(seeds / ".git" / "x.txt", "Hidden too\n")
    write(seeds / "notes.pdf", "not an article")
    lib = Library(library_root)
    ids = list(lib.article_paths())
    assert ids == sorted(SAMPLE_IDS + ["dup", "world/asia/ports"])
    assert lib.article_paths()["dup"].name == "dup.txt"  # deterministic winner
    assert [m.id for m in lib.list()] == ids
    assert lib.load("dup").meta.title == "From the Text File Title"
    assert lib.load("world/asia/ports").meta.path == "seeds/world/asia/ports.md"


def test_resolve_accepts_ids_and_paths(library_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = Library(library_root)
    aid = SAMPLE_IDS[1]
    monkeypatch.chdir(library_root)
    for form in (
        aid,
        f"{aid}.txt",
        f"seeds/{aid}.txt",
        f"./seeds/{aid}",
        str(library_root / "seeds" / f"{aid}.txt"),
    ):
        assert lib.resolve(form) == aid, form
    # a unique prefix is enough; a shared one names the candidates
    assert lib.resolve(aid[:5], prefix=True) == aid
    assert lib.resolve(aid[:-1], prefix=True) == aid
    with pytest.raises(LibraryError):
        lib.load(aid[:5])  # stored ids never match by prefix
    with pytest.raises(LibraryError) as err:
        lib.resolve(aid[:1], prefix=True)
    assert "ambiguous" in str(err.value) and aid in str(err.value)
    typo = aid[:-1] + ("x" if aid[-1] != "x" else "y")
    with pytest.raises(LibraryError) as err:
        lib.resolve(typo)
    message = str(err.value)
    assert f"no article '{typo}'" in message and aid in message  # close match offered
    with pytest.raises(LibraryError):
        lib.resolve("../outside")
    with pytest.raises(LibraryError):
        lib.load("missing/article")


def test_load_path_outside_the_library(tmp_path: Path) -> None:
    path = write(tmp_path / "loose.txt", "A Loose Article Title Line\n\nSome body text.\n")
    article = load_path(path)
    assert (article.id, article.meta.title) == ("loose", "A Loose Article Title Line")
    with pytest.raises(LibraryError):
        load_path(tmp_path / "absent.txt")


# --- metadata: sidecars, front matter, agreement with load --------------------------------


def test_sidecar_overrides_and_bad_yaml_never_crash(library_root: Path) -> None:
    seeds = library_root / "seeds"
    aid = SAMPLE_IDS[0]
    write(
        seeds / f"{aid}.yaml",
        "title: Sidecar Title\nsource: Sidecar Source\nurl: https://example.org/x\n"
        "published: 2025-01-02\nauthor: A. Writer\ntags: [one, two]\nunknown: ignored\n",
    )
    write(seeds / "badyaml.txt", "A Title For Bad Yaml\n\nBody.\n")
    write(seeds / "badyaml.yaml", "title: [unclosed\n  - : :")
    write(seeds / "listyaml.txt", "A Title For List Yaml\n\nBody.\n")
    write(seeds / "listyaml.yaml", "- just\n- a list\n")
    write(seeds / "badfront.md", "---\ntitle: {oops\n---\n# Heading Title Here\n\nBody.\n")
    write(seeds / "wrongtypes.txt", "A Title For Wrong Types\n\nBody.\n")
    write(seeds / "wrongtypes.yaml", "title: {a: 1}\ntags: 5\npublished: [1]\n")
    write(seeds / "surrogate.txt", "A Title For Surrogates\n\nBody.\n")
    write(seeds / "surrogate.yaml", 'title: "Lone \\ud800 half"\n')
    lib = Library(library_root)
    metas = {m.id: m for m in lib.list()}
    meta = metas[aid]
    assert (meta.title, meta.source, meta.url) == (
        "Sidecar Title",
        "Sidecar Source",
        "https://example.org/x",
    )
    assert (meta.published, meta.author, meta.tags) == ("2025-01-02", "A. Writer", ("one", "two"))
    assert metas["badyaml"].title == "A Title For Bad Yaml"
    assert metas["listyaml"].title == "A Title For List Yaml"
    assert metas["badfront"].title == "Heading Title Here"
    assert metas["wrongtypes"].title == "A Title For Wrong Types"
    assert metas["wrongtypes"].tags == ()
    assert metas["surrogate"].title == "Lone ? half"
    assert lib.cache_path.is_file()
    assert lib.load(aid).meta.title == "Sidecar Title"


def test_listing_agrees_with_full_parse(library_root: Path) -> None:
    lib = Library(library_root)
    for meta in lib.list():
        full = lib.load(meta.id).meta
        assert full.to_dict() == meta.to_dict()


# --- the cache ---------------------------------------------------------------------------------


def _generate(seeds: Path, n: int) -> None:
    for k in range(n):
        folder = seeds / f"batch{k % 10}"
        write(
            folder / f"gen{k:05d}.txt",
            f"Site {k % 7}\n\nGenerated Headline Number {k} About Harbours\n\n"
            f"Paragraph one of article {k} says something. It has two sentences.\n\n"
            "Section Heading\n\nMore text follows here.\n",
        )


def test_second_listing_parses_nothing(library_root: Path, count_parses: list[str]) -> None:
    _generate(library_root / "seeds", 2000)
    lib = Library(library_root)
    first = lib.list()
    assert len(first) == 2000 + len(SAMPLE_IDS)
    assert len(count_parses) == len(first)
    assert lib.cache_path.is_file()
    assert lib.cache_path.parent == Path(os.environ["BRIEFING_CACHE_DIR"])
    count_parses.clear()
    second = Library(library_root).list()  # a new process would start like this
    assert count_parses == []
    assert [m.to_dict() for m in second] == [m.to_dict() for m in first]
    title = {m.id: m.title for m in second}["batch3/gen00013"]
    assert title == "Generated Headline Number 13 About Harbours"


def test_only_changed_files_are_reparsed(library_root: Path, count_parses: list[str]) -> None:
    lib = Library(library_root)
    lib.list()
    count_parses.clear()
    path = library_root / "seeds" / f"{SAMPLE_IDS[2]}.txt"
    write(path, "A Brand New Title Line Here\n\n" + path.read_text(encoding="utf-8") + "\nMore.\n")
    write(library_root / "seeds" / f"{SAMPLE_IDS[3]}.yaml", "title: Renamed By Sidecar\n")
    write(library_root / "seeds" / "new.txt", "Freshly Added Article Title\n\nBody.\n")
    metas = {m.id: m for m in lib.list()}
    assert sorted(count_parses) == sorted([SAMPLE_IDS[2], SAMPLE_IDS[3], "new"])
    assert metas[SAMPLE_IDS[2]].title == "A Brand New Title Line Here"
    assert metas[SAMPLE_IDS[3]].title == "Renamed By Sidecar"
    (library_root / "seeds" / "new.txt").unlink()
    count_parses.clear()
    assert "new" not in {m.id for m in lib.list()}
    assert count_parses == []


@pytest.mark.parametrize("garbage", ["{not json", '{"version": 1, "entries": []}', "[]", ""])
def test_corrupt_cache_is_ignored_and_rebuilt(
    library_root: Path, count_parses: list[str], garbage: str
) -> None:
    lib = Library(library_root)
    lib.cache_path.parent.mkdir(parents=True, exist_ok=True)
    lib.cache_path.write_text(garbage, encoding="utf-8")
    assert [m.id for m in lib.list()] == SAMPLE_IDS
    assert len(count_parses) == len(SAMPLE_IDS)
    assert json.loads(lib.cache_path.read_text(encoding="utf-8"))["entries"]
    leftovers = [p.name for p in lib.cache_path.parent.iterdir() if p.name.startswith(".cache-")]
    assert leftovers == []  # no temp files left behind by the atomic write


def test_domain_modules_do_not_import_ui() -> None:
    code = (
        "import sys, tui.parse, tui.library, tui.html_text\n"
        "print(any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
