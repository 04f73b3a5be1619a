"""General rules, third round: citations, identifiers, defined concepts, weeks, zones.

The passage in ``tests/generality_fixtures/gen3_notices.txt`` is written for these tests
(an invented harbour notice in the style of a rule notice); each test checks one rule.
"""

from __future__ import annotations

from pathlib import Path

from tui.extract import extract

TEXT = (Path(__file__).parent / "generality_fixtures" / "gen3_notices.txt").read_text(
    encoding="utf-8"
)
SPANS = extract(TEXT)
GOT = {sp.text: sp for sp in SPANS}


def test_code_and_section_citations_are_one_law_span():
    for name in ("33 CFR part 164", "46 U.S.C. 70011", "§ 164.43(b)"):
        assert GOT[name].label == "LAW", name
    # and their numbers are not figures
    assert not any(sp.kind == "figure" and sp.text in ("33", "164", "46", "70011") for sp in SPANS)


def test_register_volumes_document_and_control_numbers_are_not_figures():
    for line in ("Document Citation:", "Docket No.", "[HS Doc."):
        lo = TEXT.index(line)
        hi = TEXT.index("\n", lo)
        in_line = [sp.text for sp in SPANS if sp.kind == "figure" and lo <= sp.start < hi]
        # the filing date and time are figures; the numbers that identify are not
        assert set(in_line) <= {"8:45 am"}, (line, in_line)
    figures = {sp.text for sp in SPANS if sp.kind == "figure"}
    assert "14 days" in figures and "212" in figures  # real figures nearby stay


def test_numbered_paragraph_is_not_a_figure_but_its_counts_are():
    figures = {sp.text for sp in SPANS if sp.kind == "figure"}
    assert "3" not in figures
    assert "48" in figures


def test_acronym_defined_by_a_lowercase_phrase_is_a_concept_not_an_entity():
    entities = {sp.text for sp in SPANS if sp.kind == "entity"}
    for concept in ("ATG", "ATGs", "DR", "HD"):
        assert concept not in entities, concept
    assert GOT["Harbour Safety Administration"].label == "ORG"


def test_full_month_name_does_not_take_the_sentence_period():
    assert GOT["3 March"].label == "DATE"
    assert "3 March." not in GOT


def test_calendar_weeks_are_dates_with_their_year():
    assert GOT["week 19"].label == "DATE"
    assert GOT["week 19"].value == "2024-W19"
    assert GOT["week 23"].value == "2024-W23"


def test_clock_times_keep_any_common_time_zone():
    assert GOT["5:20 PM ART"].label == "DATE"
    assert GOT["9:05 AM WAT"].label == "DATE"
    assert "ART" not in {sp.text for sp in SPANS if sp.kind == "entity"}


FOREIGN = (Path(__file__).parent / "generality_fixtures" / "gen3_foreign.txt").read_text(
    encoding="utf-8"
)


def test_foreign_head_first_names_are_whole_spans():
    got = {sp.text: sp.label for sp in extract(FOREIGN) if sp.kind == "entity"}
    for name in (
        "Comisión Nacional de Competencia",
        "Bolsa de Valores de Quito",
        "Banco Central de Reserva",
        "Ministério da Infraestrutura",
        "Université de Sherbrooke",
        "Médecins du Monde",
        "Rumbo Inversiones",
    ):
        assert got.get(name) == "ORG", name
    for law in ("Ley de Concesiones Ferroviarias", "Decreto de Logística"):
        assert got.get(law) == "LAW", law


def test_a_legal_form_after_a_comma_belongs_to_the_name():
    text = "Orrin Logistics, Inc. and Vela Foods, S.A. de C.V. signed; Tarn Mining Ltd. watched."
    got = {sp.text: sp.label for sp in extract(text) if sp.kind == "entity"}
    for name in ("Orrin Logistics, Inc.", "Vela Foods, S.A. de C.V.", "Tarn Mining Ltd."):
        assert got.get(name) == "ORG", name
    assert "Inc." not in got


def test_task_forces_and_plural_associations_are_organisations():
    text = "The Regional Task Force on Flood Control briefed the Northern Growers Associations."
    got = {sp.text: sp.label for sp in extract(text) if sp.kind == "entity"}
    assert got.get("Northern Growers Associations") == "ORG"
    assert any(k.startswith("Regional Task Force") and v == "ORG" for k, v in got.items())


def test_a_list_after_a_republic_of_name_is_a_list_of_places():
    text = "Aid reached the Republic of the Congo, Malawi, Mozambique and Tanzania last week."
    got = {sp.text: sp.label for sp in extract(text) if sp.kind == "entity"}
    for place in ("Republic of the Congo", "Malawi", "Mozambique", "Tanzania"):
        assert got.get(place) == "GPE", place


def test_people_in_contact_blocks_and_appositives_but_not_job_titles():
    text = (
        "Media contact: Soraya Binte Idris, Public Affairs\n"
        "For more information: Milo Tanaka, Fisheries Specialist, Harbour Office.\n"
        "Ines Carvalho, press secretary to the mayor, declined to comment.\n"
    )
    got = {sp.text: sp.label for sp in extract(text) if sp.kind == "entity"}
    for person in ("Soraya Binte Idris", "Milo Tanaka", "Ines Carvalho"):
        assert got.get(person) == "PERSON", person
    assert got.get("Fisheries Specialist") != "PERSON"
