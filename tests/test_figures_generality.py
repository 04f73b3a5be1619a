"""Figure rules for formats of news and government pages (SCHEME.md section 7).

Each class has its own short passages in ``tests/generality_fixtures/`` (written
for these tests) and inline strings: GOV.UK fiscal-year ranges, Indian digit
grouping in lakh/crore amounts, units of measure outside the main unit list,
numeric dates, ages, stock codes, count ranges joined by "to", and time zones
written in words.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tui.extract import figures as F
from tui.extract.figures import find_figures

FIXTURES = Path(__file__).parent / "generality_fixtures"


def _read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _figs(text: str) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for sp in find_figures(text):
        assert text[sp.start : sp.end] == sp.text
        out.setdefault(sp.text, []).append((sp.label, sp.value, sp.unit, sp.qualifier))
    return out


def _has(figs, surface, label, value, unit=None, qualifier=None):
    assert surface in figs, (surface, sorted(figs))
    got = figs[surface][0]
    assert got[0] == label, (surface, got)
    assert got[1] == value, (surface, got)
    if unit is not None:
        assert got[2] == unit, (surface, got)
    assert got[3] == qualifier, (surface, got)


# --- 1. GOV.UK fiscal-year ranges -------------------------------------------------


def test_govuk_fiscal_year_ranges_fixture():
    figs = _figs(_read("fig_govuk_fiscal.txt"))
    _has(figs, "financial year 2025 to 2026", "DATE", "FY2025-26", "fiscal_year")
    _has(figs, "2024 to 2025 financial year", "DATE", "FY2024-25", "fiscal_year")
    _has(figs, "2023 to 2024", "DATE", "FY2023-24", "fiscal_year")  # "bid in 2023 to 2024"
    _has(figs, "financial year 2024-25", "DATE", "FY2024-25", "fiscal_year")
    _has(figs, "fiscal year 2026 to 2027", "DATE", "FY2026-27", "fiscal_year")
    _has(figs, "£42 million", "MONEY", 42_000_000, "GBP")
    _has(figs, "30 June 2025", "DATE", "2025-06-30", "day", "by")
    for half in ("financial year 2025", "2026", "2024", "2025 financial year"):
        assert half not in figs, half


@pytest.mark.parametrize(
    "text, surface, value",
    [
        (
            "Grants for financial year 2025 to 2026 open now.",
            "financial year 2025 to 2026",
            "FY2025-26",
        ),
        (
            "In the 2024 to 2025 financial year, 300 bids came in.",
            "2024 to 2025 financial year",
            "FY2024-25",
        ),
        ("Funding for 2025 to 2026 is confirmed.", "2025 to 2026", "FY2025-26"),
        ("Results for FY2025 to 2026 are due.", "FY2025 to 2026", "FY2025-26"),
    ],
)
def test_fiscal_year_ranges_inline(text, surface, value):
    _has(_figs(text), surface, "DATE", value, "fiscal_year")


@pytest.mark.parametrize(
    "text, surfaces",
    [
        ("in the 2024-25 financial year", ["2024-25 financial year"]),
        ("the 2024/25 financial year", ["2024/25 financial year"]),
        ("in financial years 2023 to 2024 and 2024 to 2025", ["2023 to 2024", "2024 to 2025"]),
        ("the tax year 2024 to 2025", ["2024 to 2025"]),
        ("Allocations\n2025 to 2026: £4 million", ["2025 to 2026", "£4 million"]),
        ("the 2025–26 budget", ["2025–26"]),
    ],
)
def test_fiscal_year_suffix_and_lists(text, surfaces):
    assert [s.text for s in find_figures(text)] == surfaces
    assert find_figures(text)[0].unit == "fiscal_year"


def test_year_ranges_that_are_not_fiscal_stay_split():
    # Complete years at both ends: separate records (SCHEME 7.1, ranges).
    figs = _figs("Prices climbed from 2024 to 2025 and again between 2020 and 2025.")
    assert "2024 to 2025" not in figs and "2020 and 2025" not in figs
    _has(figs, "2024", "DATE", "2024", "year")
    # Not consecutive: not a fiscal year.
    figs = _figs("The review covered financial year 2025 to 2027.")
    assert "financial year 2025 to 2027" not in figs


# --- 9. Indian digit grouping ------------------------------------------------------


def test_indian_amounts_fixture():
    figs = _figs(_read("fig_indian_amounts.txt"))
    _has(figs, "Rs 1,42,850 crore", "MONEY", 1_42_850 * 10**7, "INR")
    _has(figs, "₹58,400 crore", "MONEY", 58_400 * 10**7, "INR")
    _has(figs, "Rs. 3,25,000", "MONEY", 325_000, "INR")
    _has(figs, "INR 12,50,000", "MONEY", 1_250_000, "INR")
    _has(figs, "1,25,000", "CARDINAL", 125_000, "habitations", "over")
    _has(figs, "₹2.5 lakh crore", "MONEY", 2.5e12, "INR")
    _has(figs, "Rs 18,676 crore", "MONEY", 18_676 * 10**7, "INR")
    for cut in ("Rs 1", "Rs. 3", "INR 12", "₹2.5 lakh"):
        assert cut not in figs, cut


@pytest.mark.parametrize(
    "text, surface, label, value",
    [
        ("an outlay of Rs 3,06,137 crore", "Rs 3,06,137 crore", "MONEY", 3_061_370_000_000),
        ("₹1,00,00,000 in grants", "₹1,00,00,000", "MONEY", 10_000_000),
        ("10,00,000 houses were built", "10,00,000", "CARDINAL", 1_000_000),
        ("Rs 4,50,000.50 each", "Rs 4,50,000.50", "MONEY", 450_000.5),
        ("a grant of ₹5 lakh", "₹5 lakh", "MONEY", 500_000),
    ],
)
def test_indian_grouping_inline(text, surface, label, value):
    _has(_figs(text), surface, label, value)


def test_western_grouping_unchanged():
    figs = _figs("It cost $1,234,567 and 12,345 people came; lists 1, 2, 3.")
    _has(figs, "$1,234,567", "MONEY", 1_234_567, "USD")
    _has(figs, "12,345", "CARDINAL", 12_345, "people")


# --- 13. Units of measure ----------------------------------------------------------


def test_units_fixture():
    figs = _figs(_read("fig_units.txt"))
    _has(figs, "4 kelvin", "QUANTITY", 4, "K")
    _has(figs, "1 microsecond per day", "QUANTITY", 1, "µs/day")
    _has(figs, "300 millikelvin", "QUANTITY", 300, "mK")
    _has(figs, "20 nanoseconds an hour", "QUANTITY", 20, "ns/hour")
    _has(figs, "5 picojoules", "QUANTITY", 5, "pJ")
    _has(figs, "12 kilovolts", "QUANTITY", 12, "kV")
    _has(figs, "3 millibars", "QUANTITY", 3, "mbar")
    _has(figs, "40 kilowatts", "QUANTITY", 40, "kW")  # already in the main list
    _has(figs, "800 watts", "QUANTITY", 800, "W")
    _has(figs, "35 Celsius", "QUANTITY", 35, "degC")
    _has(figs, "2,000 pints", "QUANTITY", 2000, "pt")
    _has(figs, "6 square yards", "QUANTITY", 6, "yd2")


@pytest.mark.parametrize(
    "text, surface, value, unit",
    [
        ("a 5-nanosecond pulse", "5-nanosecond", 5, "ns"),
        ("about 37 gigatonnes of carbon dioxide", "37 gigatonnes", 37, "Gt"),
        ("a dose of 20 millisieverts", "20 millisieverts", 20, "mSv"),
        ("it draws 3 amps", "3 amps", 3, "A"),
        ("a 9 tesla magnet", None, None, None),  # bare "tesla": no (a brand name)
        ("2 to 3 kelvin above zero", "2 to 3 kelvin", [2, 3], "K"),
        ("4.5 light years away", "4.5 light years", 4.5, "ly"),
    ],
)
def test_units_inline(text, surface, value, unit):
    figs = _figs(text)
    if surface is None:
        assert all(lab == "CARDINAL" for v in figs.values() for lab, *_ in v), figs
        return
    qual = "about" if text.startswith("about") else None
    _has(figs, surface, "QUANTITY", value, unit, qual)


def test_unit_words_do_not_swallow_other_words():
    figs = _figs("He bought 3 bars of soap and waited for 2 seconds; 7 moles were seen.")
    _has(figs, "3", "CARDINAL", 3, "bars")
    _has(figs, "2 seconds", "DATE", "PT2S", "duration")
    _has(figs, "7", "CARDINAL", 7, "moles")


# --- 15. Numeric dates, ages, stock codes ------------------------------------------


def test_misc_fixture():
    figs = _figs(_read("fig_misc.txt"))
    _has(figs, "14/02/2025", "DATE", "2025-02-14", "day")
    _has(figs, "14/01/2025", "DATE", "2025-01-14", "day")
    _has(figs, "15 years", "DATE", "P15Y", "age")
    assert "15 years old" not in figs
    _has(figs, "12-year-old", "DATE", "P12Y", "age")
    _has(figs, "2019", "DATE", "2019", "year")  # a citation year stays a year
    for code in ("2330", "2317", "005930"):
        assert code not in figs, code


@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("Deadline: 28/02/2025.", "28/02/2025", "2025-02-28"),
        ("Signed 02/14/2025 in Ohio", "02/14/2025", "2025-02-14"),
        ("(week ending 21/03/2025)", "21/03/2025", "2025-03-21"),
        ("(week ending 07/03/2025)", "07/03/2025", "2025-07-03"),  # ambiguous: mm/dd
    ],
)
def test_numeric_dates(text, surface, value):
    _has(_figs(text), surface, "DATE", value, "day")


def test_ages_keep_old_outside():
    figs = _figs("a girl 9 years old and a man aged 5 to 10 years old")
    _has(figs, "9 years", "DATE", "P9Y", "age")
    _has(figs, "5 to 10 years", "DATE", ["P5Y", "P10Y"], "age")


def test_stock_codes_are_not_figures():
    for text in ("TSMC (2330) rose", "Toyota Motor (7203) fell", "Shares of TSMC (2330.TW) rose"):
        assert not find_figures(text), text
    # A number in parentheses after a lower-case word is still a figure.
    assert [s.text for s in find_figures("staff numbers (2330) grew")] == ["2330"]


# --- 16. Count ranges --------------------------------------------------------------


def test_ranges_fixture():
    figs = _figs(_read("fig_ranges.txt"))
    _has(figs, "90 to 95", "CARDINAL", [90, 95], "person-days")
    _has(figs, "12 and 18", "CARDINAL", [12, 18], "workers")
    _has(figs, "10 to 15 minutes", "DATE", ["PT10M", "PT15M"], "duration")
    _has(figs, "5 to 10 million", "CARDINAL", [5_000_000, 10_000_000], "vehicles", "about")
    # Each end complete with its own unit or year: separate records.
    _has(figs, "4.25 per cent", "PERCENT", 0.0425, "fraction")
    _has(figs, "4.5 per cent", "PERCENT", 0.045, "fraction")
    _has(figs, "2020", "DATE", "2020", "year")
    _has(figs, "2023", "DATE", "2023", "year")
    for half in ("90", "95", "12", "18"):
        assert half not in figs, half


def test_ranges_without_a_shared_noun_stay_split():
    figs = _figs("Scores rose from 90 to 95. Staff fell from 95 to 90 people.")
    assert "90 to 95" not in figs and "95 to 90" not in figs
    assert "90" in figs and "95" in figs


# --- 19. Time zones in words -------------------------------------------------------


def test_timezones_fixture():
    figs = _figs(_read("fig_timezones.txt"))
    _has(figs, "5 p.m. Eastern Time", "DATE", "17:00", "time ET")
    _has(figs, "9:30 a.m. ET", "DATE", "09:30", "time ET")
    _has(figs, "9 a.m. local time", "DATE", "09:00", "time local")
    _has(figs, "8 a.m. London time", "DATE", "08:00", "time London")
    _has(figs, "14:00 UK time", "DATE", "14:00", "time UK")


def test_timezone_words_need_a_zone():
    figs = _figs(
        "It closes at 5 p.m. The time to act is now. Open at 6 p.m. Pacific Standard Time."
    )
    _has(figs, "5 p.m.", "DATE", "17:00", "time")
    _has(figs, "6 p.m. Pacific Standard Time", "DATE", "18:00", "time PST")


# --- the fast path still answers as the full rules do --------------------------------


def test_fast_path_agrees_on_new_shapes(monkeypatch):
    checked = []
    fast = F._fast

    def spy(text, s, e, core, prev, nxt, body):
        got = fast(text, s, e, core, prev, nxt, body)
        if got is False:
            assert F._classify(text, s, e, core, body) is None, text[max(0, s - 30) : e + 30]
        elif got is not None:
            want = F._classify(text, s, e, core, body)
            assert want is not None, (text[max(0, s - 30) : e + 30], got)
            assert got == (want.s, want.e, want.label, want.value, want.unit, want.qualifier)
            checked.append(got)
        return got

    monkeypatch.setattr(F, "_fast", spy)
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("fig_*.txt"))]
    words = (
        "1 4 9 12 90 95 300 2024 2025 2026 1,25,000 3,06,137 2.5 to and between financial "
        "fiscal year old years minutes kelvin microsecond nanoseconds watts millibars bars "
        "light square yards Celsius tesla per day an hour Rs ₹ crore lakh million people "
        "p.m. a.m. Eastern Time local time London ( ) TSMC , . ;"
    )
    toks = [*words.split(), "\n"]
    rng = random.Random(11)
    for _ in range(1500):
        texts.append(" ".join(rng.choice(toks) for _ in range(rng.randint(2, 16))))
    for t in texts:
        find_figures(t)
    assert len(checked) > 200
