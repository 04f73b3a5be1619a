"""Canonical names for entity mentions: gazetteer aliases, acronyms, surnames.

``load_gazetteer()`` reads the bundled ``gazetteer.yaml`` once (``yaml.safe_load``)
and returns the alias table; ``link_canonicals()`` fills ``Span.canonical`` for the
mentions of one text:

* gazetteer surfaces map to their canonical entry (``METI`` -> ``Ministry of
  Economy, Trade and Industry``, ``U.S.`` -> ``United States``);
* an acronym defined in parentheses after a long name (``Act on Protection of
  Personal Information (APPI)``), or whose letters are the initials of a long
  name in the same text, links to that long name;
* a bare surname links to the full name seen in the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from ..model import ENTITY_LABELS, Span

GAZETTEER_PATH = Path(__file__).with_name("gazetteer.yaml")


@dataclass(frozen=True, slots=True)
class Entry:
    surface: str
    label: str
    canonical: str


@dataclass(frozen=True, slots=True)
class Gazetteer:
    entries: dict[str, Entry]  # surface -> entry (first definition wins)
    given_names: frozenset[str]
    common_words: frozenset[str] = frozenset()


def parse_gazetteer(data: dict) -> Gazetteer:
    entries: dict[str, Entry] = {}
    for label in ENTITY_LABELS:
        for item in data.get(label) or ():
            names = [n.strip() for n in str(item).split("|") if n.strip()]
            if not names:
                continue
            canonical = names[0]
            for name in names:
                entries.setdefault(name, Entry(name, label, canonical))
    given = frozenset(str(data.get("given_names") or "").split())
    common = frozenset(str(data.get("common_words") or "").split())
    return Gazetteer(entries, given, common)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The bundled gazetteer, parsed once per process."""
    with open(GAZETTEER_PATH, encoding="utf-8") as fh:
        return parse_gazetteer(yaml.safe_load(fh) or {})


_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_SKIP_INITIAL = {"of", "and", "the", "for", "on", "in", "&", "de", "du", "des", "la", "le", "to"}


@lru_cache(maxsize=1 << 14)
def initials(name: str) -> str:
    """``National Institute of Standards and Technology`` -> ``NIST``."""
    out = []
    for w in _WORD.findall(name):
        if w.lower() in _SKIP_INITIAL:
            continue
        if w.isupper() and len(w) > 1:  # an acronym inside the name counts whole
            out.append(w.replace(".", ""))
        else:
            out.append(w[0].upper())
    return "".join(out)


@lru_cache(maxsize=1 << 14)
def _is_acronym(s: str) -> bool:
    core = s.replace(".", "").replace("&", "").replace("+", "")
    return 2 <= len(core) <= 8 and core.isupper()


_SUFFIXES = {"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"}


def surname_of(name: str) -> str | None:
    """The token a later bare mention of this person would use."""
    parts = [p for p in name.split() if p not in _SUFFIXES]
    if len(parts) < 2:
        return None
    last = parts[-1]
    # East Asian order (Bae Kyung-hoon, Lee Jae-myung): family name first.
    if "-" in last and last.split("-", 1)[1][:1].islower():
        return parts[0]
    return last


def link_canonicals(text: str, spans: list[Span]) -> list[Span]:
    """Fill ``canonical`` on entity spans (aliases, acronyms, surnames)."""
    ordered = sorted(spans, key=lambda s: s.start)
    rows = [
        (sp.start, sp.end, sp.text, sp.label, sp.origin, sp.canonical, sp.kind == "entity")
        for sp in ordered
    ]
    names = canonical_names(text, rows)
    return [
        sp if name == sp.canonical else replace(sp, canonical=name)
        for sp, name in zip(ordered, names, strict=True)
    ]


Row = tuple[int, int, str, str, str, "str | None", bool]


def canonical_names(text: str, rows: list[Row]) -> list[str | None]:
    """The canonical name of each row ``(start, end, text, label, origin, canonical,
    is_entity)``, rows sorted by start: what ``link_canonicals`` puts in ``canonical``
    (non-entities and taught names with a canonical keep theirs)."""
    entries = load_gazetteer().entries
    long_forms: dict[str, str] = {}  # acronym -> long form (by initials)
    people: dict[str, str] = {}  # surname -> full name
    n = len(rows)
    for i, (_, end, surface, label, _, canonical, entity) in enumerate(rows):
        if not entity:
            continue
        if label == "PERSON":
            sn = surname_of(surface)
            if sn:
                people.setdefault(sn, canonical or surface)
        elif not _is_acronym(surface) and " " in surface:
            long_forms.setdefault(initials(surface), canonical or surface)
        # "Long Name (ACR)": the acronym right after the long name in parentheses.
        if i + 1 < n:
            nxt = rows[i + 1]
            if (
                nxt[6]
                and _is_acronym(nxt[2])
                and text[end : nxt[0]] in (" (", "(")
                and text[nxt[1] : nxt[1] + 1] == ")"
            ):
                long_forms[nxt[2].replace(".", "")] = canonical or surface
    out: list[str | None] = []
    for _, _, surface, label, origin, canonical, entity in rows:
        if not entity or origin == "taught" and canonical:
            out.append(canonical)
            continue
        entry = entries.get(surface)
        if entry is not None and entry.label == label:
            canonical = entry.canonical
        elif _is_acronym(surface) and surface.replace(".", "") in long_forms:
            canonical = long_forms[surface.replace(".", "")]
        elif label == "PERSON" and " " not in surface and surface in people:
            canonical = people[surface]
        if canonical is None:
            canonical = surface
        out.append(canonical)
    return out
