"""Figure extraction: spans, labels, values, qualifiers and the things that are not figures.

The fixture articles in ``tests/extract_fixtures/fig_*.txt`` were written for these
tests (not copied from the samples); each ``fig_*.json`` lists the figures the
annotation scheme asks for, in order of appearance.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.extract.figures import body_start, find_figures

FIXTURES = Path(__file__).resolve().parent / "extract_fixtures"
FIXTURE_FILES = sorted(FIXTURES.glob("fig_*.txt"))


def _norm(label: str) -> str:
    return "CARDINAL" if label == "QUANTITY" else label


def _value_ok(pred, gold) -> bool:
    if isinstance(gold, bool) or gold is None:
        return True
    if isinstance(gold, (int, float)):
        try:
            return abs(float(pred) - gold) <= 1e-6 * max(1.0, abs(gold))
        except (TypeError, ValueError):
            return False
    if isinstance(gold, list):
        return isinstance(pred, list) and all(
            _value_ok(p, g) for p, g in zip(pred, gold, strict=True)
        )
    return pred == gold


def figs(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.label) for s in find_figures(text)]


def one(text: str):
    spans = find_figures(text)
    assert len(spans) == 1, [(s.text, s.label) for s in spans]
    return spans[0]


# --- the fixture articles ------------------------------------------------------------


def test_there_are_enough_fixtures():
    assert len(FIXTURE_FILES) >= 6


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_fixture_article(path: Path):
    text = path.read_text(encoding="utf-8")
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    spans = find_figures(text)
    for s in spans:
        assert text[s.start : s.end] == s.text
        assert s.kind == "figure"
    got = [(s.text, _norm(s.label)) for s in spans]
    want = [(r["text"], _norm(r["label"])) for r in expected]
    assert got == want
    for s, r in zip(spans, expected, strict=True):
        assert _value_ok(s.value, r["value"]), (s.text, s.value, r["value"])


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_fixture_source_header_is_never_annotated(path: Path):
    text = path.read_text(encoding="utf-8")
    lo = body_start(text)
    assert text.startswith("Source:") and lo > 0
    assert all(s.start >= lo for s in find_figures(text))


# --- MONEY ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("reach $5.2 billion next", "$5.2 billion", 5.2e9, "USD"),
        ("revenue of ¥320 billion in", "¥320 billion", 3.2e11, "JPY"),
        ("a profit of 248.6 billion yen.", "248.6 billion yen", 2.486e11, "JPY"),
        ("a £5.9bn hole", "£5.9bn", 5.9e9, "GBP"),
        ("a $58 Billion market", "$58 Billion", 5.8e10, "USD"),
        ("a €3m grant", "€3m", 3e6, "EUR"),
        ("raised US$2 million", "US$2 million", 2e6, "USD"),
        ("USD 40 million was paid", "USD 40 million", 4e7, "USD"),
        ("cost Rs 500 crore", "Rs 500 crore", 5e9, "INR"),
        ("Brent at $81.52 a barrel", "$81.52", 81.52, "USD/barrel"),
        ("a price of 50 cents", "50 cents", 0.5, "USD"),
    ],
)
def test_money(text, surface, value, unit):
    s = one(text)
    assert (s.text, s.label, s.unit) == (surface, "MONEY", unit)
    assert s.value == pytest.approx(value)


def test_money_ranges_with_complete_ends_are_separate():
    assert figs("from $50 to $350 a month") == [("$50", "MONEY"), ("$350", "MONEY")]


def test_money_range_borrowing_the_scale_is_one_span():
    s = one("worth $5-6 billion")
    assert s.text == "$5-6 billion" and s.value == [5e9, 6e9]


# --- PERCENT -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("grew 28% last", "28%", 0.28),
        ("an 11 % stake", "11 %", 0.11),
        ("at 4.2 per cent.", "4.2 per cent", 0.042),
        ("rate of 25.8 percent", "25.8 percent", 0.258),
        ("up 2 percentage points", "2 percentage points", 0.02),
    ],
)
def test_percent(text, surface, value):
    s = one(text)
    assert (s.text, s.label) == (surface, "PERCENT")
    assert s.value == pytest.approx(value)


def test_percent_ranges():
    assert figs("from 25% to 50%") == [("25%", "PERCENT"), ("50%", "PERCENT")]
    s = one("between 5-10% of staff")
    assert s.text == "5-10%" and s.value == pytest.approx([0.05, 0.10])


# --- DATE ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("In May 2026, it said", "May 2026", "2026-05"),
        ("on February 12, 2026.", "February 12, 2026", "2026-02-12"),
        ("on 12 February 2026 it", "12 February 2026", "2026-02-12"),
        ("ended Feb. 12 with", "Feb. 12", "--02-12"),
        ("revenue in FY2025 rose", "FY2025", "FY2025"),
        ("In fiscal 2026, the agency", "fiscal 2026", "FY2026"),
        ("the October–December 2025 quarter", "October–December 2025", "2025-10/2025-12"),
        ("a market worth more by 2034.", "2034", "2034"),
        ("withdrawals of the 1990s were", "1990s", "1990s"),
        ("security of the 21st century?", "21st century", "C21"),
        ("growth in Q3 2025 was", "Q3 2025", "2025-Q3"),
        ("in the third quarter of 2025 sales", "third quarter of 2025", "2025-Q3"),
        ("over the next 12 months,", "12 months", "P12M"),
        ("a 10-year bond", "10-year", "P10Y"),
        ("prices at 1747 GMT fell", "1747 GMT", "17:47"),
        ("the 2024-25 budget", "2024-25", "FY2024-25"),
        ("(Kyodo News, 2024)", "2024", "2024"),
        ("dated 2025-11-06 in", "2025-11-06", "2025-11-06"),
    ],
)
def test_dates(text, surface, value):
    s = one(text)
    assert (s.text, s.label, s.value) == (surface, "DATE", value)


def test_weekday_and_the_are_outside_date_spans():
    assert figs("Fujitsu on Thursday, February 12, 2026, said") == [("February 12, 2026", "DATE")]
    assert figs("since the 1990s") == [("1990s", "DATE")]


def test_date_with_time_is_two_records():
    assert figs("November 1, 2023 3:05 PM ET") == [
        ("November 1, 2023", "DATE"),
        ("3:05 PM ET", "DATE"),
    ]


def test_date_qualifiers():
    s = one("In early 2026, two firms")
    assert (s.text, s.qualifier) == ("2026", "early")
    spans = find_figures("grow to ¥500 billion by FY2028.")
    assert [(x.text, x.qualifier) for x in spans] == [("¥500 billion", None), ("FY2028", "by")]
    s = one("a target for mid-2026")
    assert (s.text, s.qualifier) == ("2026", "mid-")


# --- CARDINAL / QUANTITY ------------------------------------------------------------------------


def test_cardinals_exclude_the_counted_noun():
    s = one("The presence of 38,600 U.S. troops in Germany")
    assert (s.text, s.label, s.value, s.unit) == ("38,600", "CARDINAL", 38600, "U.S. troops")
    s = one("to around 180,000 government employees across ministries")
    assert (s.text, s.value, s.unit, s.qualifier) == (
        "180,000",
        180000,
        "government employees",
        "around",
    )
    s = one("about 5.7 million patients")
    assert (s.text, s.value, s.unit) == ("5.7 million", 5.7e6, "patients")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("cut output by 500,000 bpd.", "500,000 bpd", 500000),
        ("some 2 million barrels per day of", "2 million barrels per day", 2e6),
        ("a 135 kilometers stretch", "135 kilometers", 135),
        ("about 6,000 nautical miles away", "6,000 nautical miles", 6000),
        ("a 40 MW plant", "40 MW", 40),
        ("a 3GW campus", "3GW", 3),
        ("10 tonnes of grain", "10 tonnes", 10),
        ("cut by 25 basis points", "25 basis points", 25),
    ],
)
def test_quantities_include_the_unit(text, surface, value):
    s = one(text)
    assert (s.text, s.label) == (surface, "QUANTITY")
    assert s.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("a peak of over 250,000 personnel", "250,000", "over"),
        ("committing well over $34 billion", "$34 billion", "well over"),
        ("holds approximately an 11 % stake", "11 %", "approximately"),
        ("gains of ≈¥19.8 billion", "¥19.8 billion", "≈"),
        ("nearly $58 billion by", "$58 billion", "nearly"),
        ("more than 2% on Friday", "2%", "more than"),
        ("at least 40 people", "40", "at least"),
        ("an estimated 40.3% of adults", "40.3%", "an estimated"),
        ("a 50-plus crowd", "50", "-plus"),
    ],
)
def test_qualifiers_stay_outside(text, surface, qualifier):
    s = one(text)
    assert (s.text, s.qualifier) == (surface, qualifier)


# --- not figures ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "V2X ecosystems",
        "adapt GPT-5 and GPT-4 models",
        "the H20 chip and the HGX B300",
        "after COVID-19 and Covid-19",
        "a Fortune 500 company",
        "the S&P 500 and the FTSE 100",
        "type 2 diabetes and GLP-1 drugs",
        "see https://example.com/2025/11/page-3.html now",
        "mail info2025@example.org today",
        "call +44 20 7946 0958 or (202) 555-0100",
        "growth slowed.[3] Then",
        "shares (TYO: 9984) rose",
        "Image: photo_190628.jpg",
        "caption 190628 by staff",
        "update to version 3.1.4 today",
        "ISBN 978-1-5286-5123-0",
        "Page 3 of 48",
        "5G networks and 3D printing",
    ],
)
def test_not_figures(text):
    assert figs(text) == []


def test_list_enumerators_are_not_figures():
    text = "In This Article\n  1. A Strategy\n  2. A Diversified Assault\n3) Third point\n"
    assert figs(text) == []
    assert figs("1.1 This Budget sets out 3% growth") == [("3%", "PERCENT")]


def test_source_header_is_skipped():
    text = "Source: https://example.com/2025/11/06/story-12345\n\nRates rose 0.25% in 2025.\n"
    assert figs(text) == [("0.25%", "PERCENT"), ("2025", "DATE")]
    assert body_start(text) == text.index("Rates")
    assert body_start("Sources say 5% fell\n\nmore") == 0


def test_words_only_amounts_are_left_alone():
    assert figs("two million people, three years, Three-quarters of firms") == []


def test_counts_that_look_like_years():
    assert figs("sent 2,000 troops in 2024") == [("2,000", "CARDINAL"), ("2024", "DATE")]
    assert figs("about 1500 people") == [("1500", "CARDINAL")]


def test_start_offset_and_spans_match_text():
    text = "In May 2026 revenue hit $5 billion, up 12% on 2025."
    spans = find_figures(text, start=text.index("revenue"))
    assert [s.text for s in spans] == ["$5 billion", "12%", "2025"]
    for s in spans:
        assert text[s.start : s.end] == s.text


def test_measures_for_stat_callouts_and_sentences():
    text = "Intro\n75%\nof Japan's largest companies use generative AI\n"
    s = one(text)
    assert s.measures == "of Japan's largest companies use generative AI"
    s = one("The Japan enterprise AI market is projected to reach $5.2 billion.")
    assert s.measures and "market" in s.measures


def test_robust_on_odd_input():
    assert find_figures("") == []
    assert figs("a 10µm chip, le 3ème, x 5é") == []  # digits glued to non-ASCII letters
    assert find_figures("1") == [] or find_figures("1")[0].text == "1"
    find_figures("$ % , . 0 , 0.0 ..1 1.. 2025- -2025 Q9 FY 12:99 31st 1,2,3 " * 3)
    find_figures("9" * 5000 + " " + "1," * 2000)
    for junk in (
        "12-" * 500 + "x",
        "123 " * 500,
        "$1-" * 500,
        "1:" * 500,
        "+1 " * 500,
        "1.\n" * 500,
    ):
        for span in find_figures(junk):
            assert junk[span.start : span.end] == span.text


# --- web-page habits -------------------------------------------------------------------------


def test_space_separated_thousands():
    s = one("The headline figure is now 11 900 troops")
    assert (s.text, s.value) == ("11 900", 11900)
    assert figs("+44 20 7946 0958") == []


def test_dotted_and_military_clock_times():
    assert figs("at 10.25 a.m. local time (0725 GMT)") == [
        ("10.25 a.m.", "DATE"),
        ("0725 GMT", "DATE"),
    ]
    assert [x.text for x in find_figures("to $93.32/bbl at 09.00 GMT.")] == ["$93.32", "09.00 GMT"]


def test_ranges_borrowing_a_unit_or_duration():
    s = one("unsustainable over the next 25 to 50 years if")
    assert (s.text, s.label, s.value) == ("25 to 50 years", "DATE", ["P25Y", "P50Y"])
    s = one("Between 12 and 18 percent of participants")
    assert (s.text, s.label) == ("12 and 18 percent", "PERCENT")
    assert figs("rose 12 and fell 18 percent") == [("12", "CARDINAL"), ("18 percent", "PERCENT")]


def test_currency_words_with_adjectives():
    s = one("expected to reach 1,335 billion British pounds")
    assert (s.text, s.value, s.unit) == ("1,335 billion British pounds", 1.335e12, "GBP")
    s = one("a 200 pounds weight")
    assert s.label == "QUANTITY"


def test_numbers_in_product_and_document_names():
    text = "Meta released Llama 3 and Google shipped Gemini 2.5 Pro to 300 users."
    assert figs(text) == [("300", "CARDINAL")]
    assert figs("a 10-K filing and 501(c)(3) status") == []
    assert figs("About 500 people") == [("500", "CARDINAL")]
    assert figs("Fed Holds Rates, Signals 3 Cuts in 2026\n") == [
        ("3", "CARDINAL"),
        ("2026", "DATE"),
    ]


def test_glued_currency_codes_and_scales():
    assert [(s.text, s.value) for s in find_figures("paid USD1.5bn and RMB100 million")] == [
        ("USD1.5bn", 1.5e9),
        ("RMB100 million", 1e8),
    ]
    s = one("Florida (≈ $59B)")
    assert (s.text, s.value, s.qualifier) == ("$59B", 5.9e10, "≈")


def test_fed_style_fractions():
    s = one("maintain the target range at 4-1/4 to 4-1/2 percent.")
    assert (s.text, s.label) == ("4-1/4 to 4-1/2 percent", "PERCENT")
    assert s.value == pytest.approx([0.0425, 0.045])
    assert figs("call 202-452-2955 now") == []


def test_day_ranges_addresses_and_offsets():
    s = one("from September 17 to 30 to conduct")
    assert (s.text, s.label) == ("September 17 to 30", "DATE")
    s = one("on March 3-5, 2026 in Tokyo")
    assert (s.text, s.value) == ("March 3-5, 2026", "2026-03-03/2026-03-05")
    assert figs("Sonnemannstrasse 20, 60314 Frankfurt") == []
    assert figs("Contact: Press Office, 555-0142") == []
    assert figs("9:12 AM GMT+9") == [("9:12 AM GMT+9", "DATE")]


def test_chip_names_are_not_half_years_and_title_case_currencies():
    assert figs("Blackwell systems and H200 accelerators") == []
    assert figs("H1 2025 and Q3FY25") == [("H1 2025", "DATE"), ("Q3FY25", "DATE")]
    s = one("Korea to Invest 1.4 Trillion Won in AI")
    assert (s.text, s.label, s.unit) == ("1.4 Trillion Won", "MONEY", "KRW")


def test_fuzz_spans_are_exact_sorted_and_disjoint():
    import random

    rng = random.Random(20261121)
    words = (
        "1 12 2025 2024-25 1,234 3.5 3.05 4-1/4 900 000 07 0 $ £ € ¥ US$ % per-cent percent "
        "billion bn m k May March Feb. Q3 Q4 1Q H1 FY FY2025 fiscal GMT GMT+ ET a.m. pm am : - – / "
        ". , ( ) [ ] over about ≈ the years months km bpd Section GPT- V2X ' ’ s th st century to "
        "and between + − x ISBN Page of Tel • Llama Group Won yen C Tril. mid-"
    )
    toks = [*words.split(), "\n", " ", "1.\n", " barrels per day", "Source: http://x.com/1\n\n"]
    for _ in range(3000):
        text = "".join(rng.choice(toks) + rng.choice(("", " ")) for _ in range(rng.randint(1, 25)))
        spans = find_figures(text)
        last = -1
        for s in spans:
            assert text[s.start : s.end] == s.text and s.end > s.start
            assert s.start >= last
            last = s.end


# --- rate units and multi-word units -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        (
            "The cable carries 100 megabits per second to each home.",
            "100 megabits per second",
            100,
            "Mbit/second",
        ),
        ("Traffic is held to 50 km/h near schools.", "50 km/h", 50, "km/h"),
        ("The train touched 60 miles per hour.", "60 miles per hour", 60, "mile/hour"),
        ("Wind farms added 10 gigawatts last year.", "10 gigawatts", 10, "GW"),
        ("a 3 GW nuclear site", "3 GW", 3, "GW"),
        ("the 200 MW battery opened", "200 MW", 200, "MW"),
        ("rural lines still run at 5 Mbps, officials said", "5 Mbps", 5, "Mbps"),
        ("links of 1 Gbit/s between sites", "1 Gbit/s", 1, "Gbps"),
        ("gusts of 30 m/s were recorded", "30 m/s", 30, "m/s"),
        ("the drive reads 7 gigabytes per second", "7 gigabytes per second", 7, "GB/second"),
        ("it stored 4.5 gigawatt hours of power", "4.5 gigawatt hours", 4.5, "GWh"),
    ],
)
def test_rate_and_power_units_are_quantities(text, span, value, unit):
    s = one(text)
    assert (s.text, s.label, s.value, s.unit) == (span, "QUANTITY", value, unit)


def test_multiword_unit_does_not_swallow_the_next_word():
    text = "The detour adds about 3,500 nautical miles and up to 12 days to each trip."
    got = [(s.text, s.label, s.value, s.unit, s.qualifier) for s in find_figures(text)]
    assert got == [
        ("3,500 nautical miles", "QUANTITY", 3500, "nautical_mile", "about"),
        ("12 days", "DATE", "P12D", "duration", "up to"),
    ]
    assert figs("chips at 14 nanometres and below") == [("14 nanometres", "QUANTITY")]
    assert figs("it moved 200 barrels and 30 tonnes") == [
        ("200 barrels", "QUANTITY"),
        ("30 tonnes", "QUANTITY"),
    ]
    # "a"/"an" before a time or a unit still make a rate, but only as whole words
    assert one("cruising at 60 miles an hour").text == "60 miles an hour"
    assert one("output of 5 tonnes a day").unit == "t/day"
    s = one("crude at $80 a barrel")
    assert (s.text, s.unit) == ("$80", "USD/barrel")
    s = one("shares closed $5 ahead of the open")
    assert (s.text, s.unit) == ("$5", "USD")


# --- the fast path agrees with the full rule walk ----------------------------------------


def test_fast_path_agrees_with_full_rules(monkeypatch):
    """``_fast`` (the common shapes) answers exactly as ``_classify`` would, or defers.

    ``_fast`` returns a figure tuple, ``False`` (not a figure) or ``None`` (defer).
    """
    import random

    from tui.extract import figures as F

    checked = []
    fast = F._fast

    def spy(text, s, e, core, prev, nxt, body):
        got = fast(text, s, e, core, prev, nxt, body)
        if got is False:  # "not a figure"
            assert F._classify(text, s, e, core, body) is None, text[max(0, s - 30) : e + 30]
        elif got is not None:
            want = F._classify(text, s, e, core, body)
            assert want is not None, (text[max(0, s - 30) : e + 30], got)
            assert got == (want.s, want.e, want.label, want.value, want.unit, want.qualifier)
            checked.append(got)
        return got

    monkeypatch.setattr(F, "_fast", spy)
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    rng = random.Random(5)
    words = (
        "1 7 12 31 300 2024 1999 1850 3000 2.5 10.25 1,200 0.75 07 % percent per cent "
        "percentage points billion million thousand yen dollars pounds km miles nautical "
        "barrels bpd years months days ago old to and through between of in the May March "
        "Sept. Dec GMT am a.m. pm fiscal FY quarter half US$ $ € £ Rs USD No. Section Llama "
        "About The people troops workers Main Street strasse ( ) , . ; :"
    )
    toks = [*words.split(), "\n"]
    for _ in range(1500):
        texts.append(" ".join(rng.choice(toks) for _ in range(rng.randint(2, 20))))
    for t in texts:
        find_figures(t)
    assert len(checked) > 300


def test_spans_built_field_by_field_equal_the_constructor():
    """``find_figures`` sets Span slots directly; the result must be the dataclass's own."""
    from tui.model import Span

    text = FIXTURE_FILES[0].read_text(encoding="utf-8")
    spans = find_figures(text)
    assert spans
    for s in spans:
        built = Span(
            s.start,
            s.end,
            s.text,
            s.label,
            s.kind,
            s.value,
            s.unit,
            s.canonical,
            s.measures,
            s.qualifier,
            s.origin,
        )
        assert type(s) is Span
        assert s == built and repr(s) == repr(built)
        assert s.to_dict() == built.to_dict()
