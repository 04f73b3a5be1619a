"""General-form entity rules, second round (SCHEME.md section 5).

Passages in ``tests/generality_fixtures/ent2_*.txt`` are written for these tests, with
names unlike any benchmark text; each test checks one failure class by its rule.
"""

from __future__ import annotations

from test_entities_generality import found


def test_programmes_rules_and_strategies_without_act_are_laws():
    got = found("ent2_programs_companies.txt")
    for name in ("Bridges Renewal Program", "Safer Drinking Water Rule", "Rural Housing Strategy"):
        assert got.get(name) == "LAW", name


def test_highway_is_a_place():
    assert found("ent2_programs_companies.txt").get("Brindle Highway") == "GPE"


def test_headline_verb_ends_a_name():
    got = found("ent2_programs_companies.txt")
    assert got.get("Laura Varga") == "PERSON"
    assert not any("Signs" in k for k in got)


def test_company_suffixes_make_organisations_and_split_lists():
    got = found("ent2_programs_companies.txt")
    for name in ("Torvik Bio", "Marlow Pharma", "Brenner Energy", "Ashby Capital"):
        assert got.get(name) == "ORG", name
    assert "Brenner Energy and Ashby Capital" not in got


def test_numbered_bills_and_coded_instruments_are_one_law_span():
    got = found("ent2_laws_places.txt")
    for name in (
        "Senate Bill 208",
        "House Bill 4471",
        "Public Act 33 of 2021",
        "Decree 112/2023/ND-CP",
        "Resolution 41-NQ/TW",
        "Decision 500/QD-TTg",
    ):
        assert got.get(name) == "LAW", name
    assert "ND-CP" not in got and "TW" not in got


def test_name_before_lower_case_province_is_a_place():
    assert found("ent2_laws_places.txt").get("North Tarvia") == "GPE"


def test_based_prefix_is_a_place_outside_the_company_name():
    got = found("ent2_prefixes_groups.txt")
    assert got.get("Boston") == "GPE" and got.get("Lyon") == "GPE"
    assert got.get("Meridel Therapeutics") == "ORG"
    assert not any("-based" in k for k in got)


def test_copyright_year_is_not_part_of_the_name():
    got = found("ent2_prefixes_groups.txt")
    assert "State of Ohio" in got
    assert not any(k.startswith("Copyright") for k in got)


def test_letter_number_acronym_in_conflict_context_is_an_organisation():
    assert found("ent2_prefixes_groups.txt").get("M18") == "ORG"


def test_known_place_plus_government_and_comma_list_departments_stay_whole():
    got = found("ent2_compound_orgs.txt")
    assert got.get("New South Wales Government") == "ORG"
    name = "Department of Parks, Heritage, Rural Industries, Tourism and the Arts"
    assert got.get(name) == "ORG"
