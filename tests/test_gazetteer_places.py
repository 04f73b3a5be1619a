"""The gazetteer's world geography: subdivisions, their capitals, big cities and features
are found without a cue word, and no place entry is an ordinary word or a given name."""

from __future__ import annotations

import pytest

from tui.extract import extract
from tui.extract.entities import COMMON
from tui.extract.resolve import load_gazetteer

# place names that are also given names or common words, present before the world
# geography was added; a new entry must not join them
GRANDFATHERED = {
    "Alexandria",
    "Austin",
    "Chad",
    "Dallas",
    "Florence",
    "Georgia",
    "Jordan",
    "Milan",
    "Sydney",
    "US",
}


def _ents(text: str) -> list[tuple[str, str]]:
    return [(sp.text, sp.label) for sp in extract(text) if sp.kind == "entity"]


def test_no_new_place_is_a_common_word_or_given_name():
    gaz = load_gazetteer()
    clash = {
        s
        for s, e in gaz.entries.items()
        if e.label == "GPE"
        and " " not in s
        and (s in gaz.given_names or s.lower() in gaz.common_words or s.lower() in COMMON)
    }
    assert clash <= GRANDFATHERED, sorted(clash - GRANDFATHERED)


@pytest.mark.parametrize(
    "word",
    # ordinary words, given names, surnames and brands that are also places: left out on purpose
    [
        "Mobile",
        "Reading",
        "Nice",
        "Bath",
        "Split",
        "Male",
        "Regina",
        "Charlotte",
        "Savannah",
        "Kingston",
        "Medina",
        "Aruba",
        "Iberia",
        "Lazio",
        "Pilbara",
        "Nagano",
        "Toledo",
        "Reno",
        "Golan",
        "Java",
        "Amazon",
        "Darwin",
        "Guerrero",
        "Hidalgo",
        "Salvador",
        "Sofia",
        "Indus",
        "Thames",
        "Rivers",
        "Delta",
        "Plateau",
        "Imo",
    ],
)
def test_ambiguous_single_words_are_not_places(word):
    entry = load_gazetteer().entries.get(word)
    assert entry is None or entry.label != "GPE", word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Floods hit Bahia, Minas Gerais and Rio Grande do Sul.",
            [("Bahia", "GPE"), ("Minas Gerais", "GPE"), ("Rio Grande do Sul", "GPE")],
        ),
        (
            "Prices rose in Nunavut and Prince Edward Island.",
            [("Nunavut", "GPE"), ("Prince Edward Island", "GPE")],
        ),
        ("Officials in Kano State and Borno said.", [("Kano State", "GPE"), ("Borno", "GPE")]),
        ("Drones struck Sumy and Dnipro overnight.", [("Sumy", "GPE"), ("Dnipro", "GPE")]),
        ("Tensions rose near Scarborough Shoal.", [("Scarborough Shoal", "GPE")]),
        (
            "Investment flowed to Jalisco, Guanajuato and Hebei.",
            [("Jalisco", "GPE"), ("Guanajuato", "GPE"), ("Hebei", "GPE")],
        ),
    ],
)
def test_places_without_cue_words(text, expected):
    assert _ents(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norfolk Southern said costs rose.", [("Norfolk Southern", "ORG")]),
        ("Thames Water is close to collapse.", [("Thames Water", "ORG")]),
        (
            "The Gulf Cartel and the Sinaloa Cartel fought.",
            [("Gulf Cartel", "ORG"), ("Sinaloa Cartel", "ORG")],
        ),
        (
            "Pacific Northwest National Laboratory released a model.",
            [("Pacific Northwest National Laboratory", "ORG")],
        ),
        ("Verona Pharma said its drug was approved.", [("Verona Pharma", "ORG")]),
        ("Analysts at Eurasia Group said.", [("Eurasia Group", "ORG")]),
    ],
)
def test_organisations_named_after_places_stay_whole(text, expected):
    assert _ents(text) == expected
