"""General-form entity rules for news and government pages (SCHEME.md section 5).

The passages in ``tests/generality_fixtures/`` are written for these tests, with names
unlike any benchmark text; each test checks one failure class by its rule, not a name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.extract.entities import find_entities

FIXTURES = Path(__file__).parent / "generality_fixtures"


def found(name: str) -> dict[str, str]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    out = {}
    for sp in find_entities(text):
        assert text[sp.start : sp.end] == sp.text
        out[sp.text] = sp.label
    return out


def test_act_and_bill_names_keep_leading_words_parentheses_and_apostrophes():
    got = found("laws_uk.txt")
    for name in (
        "Town and Country Planning Act 1990",
        "Environment and Planning (Wales) Act 2016",
        "Leaseholders' Protection Bill",
        "Marine and Coastal Access Act 2009",
        "Housing (Scotland) Act 2006",
        "Equal Pay Act",
    ):
        assert got.get(name) == "LAW", name
    assert "Country Planning Act 1990" not in got
    assert "Wales" not in got and "Scotland" not in got  # inside the Act's name


def test_law_name_stops_at_lowercase_words_and_known_names():
    text = "Under the Clean Rivers Act 2021 and Medicaid and Affordable Care Act rules."
    got = {s.text: s.label for s in find_entities(text)}
    assert got.get("Clean Rivers Act 2021") == "LAW"
    assert "Medicaid and Affordable Care Act" not in got


def test_ministry_portfolio_lists_and_regional_fed_banks():
    got = found("orgs_compound.txt")
    assert got.get("Department for Business, Energy & Industrial Strategy") == "ORG"
    assert got.get("Department of Health and Social Care") == "ORG"
    assert got.get("Dallas Fed") == "ORG"
    assert got.get("Kansas City Fed") == "ORG"
    assert "Dallas" not in got


def test_portfolio_list_does_not_swallow_a_list_of_bodies():
    text = "The Department for Transport, Highways England and Network Rail met on Monday."
    got = {s.text for s in find_entities(text)}
    assert not any(t.endswith("Network Rail") and t.startswith("Department") for t in got)


def test_rivers_regions_and_state_codes_after_cities():
    got = found("places.txt")
    for name in (
        "River Trent",
        "River Avon",
        "Himachal Pradesh",
        "Andhra Pradesh",
        "Jammu & Kashmir",
    ):
        assert got.get(name) == "GPE", name
    assert "Kashmir" not in got
    assert got.get("TX") == "GPE" and got.get("OR") == "GPE"


def test_state_code_in_an_address_line():
    text = "Contact: Press Office, 100 Bureau Drive, Gaithersburg, MD 20899-1070"
    got = {s.text: s.label for s in find_entities(text)}
    assert got.get("MD") == "GPE"
    assert got.get("Gaithersburg") == "GPE"


def test_numbered_legal_instruments_are_one_law():
    got = found("instruments.txt")
    for name in ("Directive 94/62/EC", "Regulation (EU) 2019/1020", "Directive 2012/19/EU"):
        assert got.get(name) == "LAW", name
    assert got.get("SB 54") == "LAW" and got.get("AB 1826") == "LAW"
    assert "EC" not in got and "AB" not in got and "SB" not in got


def test_treaty_article_is_part_of_the_treaty_mention():
    text = "Consent is needed under Article 9(2)(a) of the General Data Protection Regulation."
    got = {s.text: s.label for s in find_entities(text)}
    assert got.get("Article 9(2)(a) of the General Data Protection Regulation") == "LAW"


def test_all_caps_bylines_and_datelines():
    got = found("caps_bylines.txt")
    assert got.get("MARTA OKONKWO") == "PERSON"
    assert got.get("DANIEL FISCHER") == "PERSON"
    assert got.get("NEW YORK") == "GPE"
    assert "YORK" not in got
    assert got.get("SEOUL") == "GPE" and got.get("LONDON") == "GPE"


def test_caps_place_in_a_dateline_is_not_an_organisation():
    text = "By Ana Ruiz\n\nOSAKA, May 2 (Wire) - Exporters gained.\n"
    got = {s.text: s.label for s in find_entities(text)}
    assert got.get("OSAKA") == "GPE"


def test_job_titles_storms_and_caps_chrome_are_not_entities():
    got = found("chrome_titles.txt")
    assert "Commissioner for Transport and Tourism" not in got
    assert not any("Darragh" in t or "Eowyn" in t for t in got)
    assert "QANDA" not in got


def test_indian_scheme_names_with_dash_suffix():
    got = found("india_names.txt")
    assert got.get("Pradhan Mantri Gram Sadak Yojana") == "LAW"
    assert got.get("Deendayal Antyodaya Yojana – National Rural Livelihoods Mission") == "LAW"
    assert got.get("Venkatesh Kumar Iyer") == "PERSON"
    text = "Houses built under Pradhan Mantri Vikas Yojana – Shahari (PMVY-S) rose."
    got = {s.text: s.label for s in find_entities(text)}
    assert got.get("Pradhan Mantri Vikas Yojana – Shahari") == "LAW"
    assert got.get("PMVY-S") == "LAW"


def test_products_keep_model_numbers_and_misc_labels():
    got = found("products_misc.txt")
    assert got.get("Exynos 2500") == "PRODUCT"
    assert got.get("Georgia Tech") == "ORG"
    assert got.get("U.S.") == "GPE"
    assert "U.S. Treasury" not in got
    assert not any(t.startswith("FY") for t in got)
    got = {s.text: s.label for s in find_entities("The Kirin 9010+ chip ships in May.")}
    assert got.get("Kirin 9010+") == "PRODUCT"


@pytest.mark.parametrize("text", ["Spending rose in FY2025 and FY25.", "Budget for FY 2024/25."])
def test_fiscal_years_are_not_entities(text):
    assert not [s for s in find_entities(text) if s.text.startswith("FY")]
