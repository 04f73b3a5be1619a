"""Figures: MONEY, PERCENT, DATE, CARDINAL, QUANTITY (and digit ORDINALs).

Rules follow the gold annotation scheme (``shared/eval/SCHEME.md`` section 7):

* a figure contains at least one digit; words-only amounts are left alone;
* qualifiers (``over``, ``nearly``, ``≈``, ``early`` ...) stay outside the span
  and go to :attr:`Span.qualifier`;
* MONEY spans hold the currency and the scale word (``$5.2 billion``,
  ``248.6 billion yen``); PERCENT spans the sign as written (``11 %``);
  QUANTITY spans include the unit (``500,000 bpd``); CARDINAL spans exclude
  the counted noun, which becomes the unit (``38,600`` troops);
* DATE covers calendar dates, months, years, decades, centuries, fiscal years,
  quarters, month ranges, numeric durations and clock times;
* digits glued to letters (``V2X``, ``GPT-4``, ``H20``), identifiers, list
  enumerators, footnote markers, phone numbers, URLs, tickers and versions
  are not figures, and nothing is emitted inside a ``Source: <url>`` header.

How it works: one compiled regex finds every digit run (C speed); each run is
then classified by a handful of anchored, precompiled regexes looking at the
characters right before and after it. Nothing is compiled per match and every
pattern is linear (no nested unbounded repetition), so the cost is one C scan
plus a small constant per number.
"""

from __future__ import annotations

import re
from itertools import product

from ..model import Span

__all__ = ["find_figures", "body_start"]

# --- vocabulary ---------------------------------------------------------------

_MONTH_NAMES = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH_ABBR = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}


def _month_alt(words: list[str] | None = None) -> str:
    if words is None:
        words = list(_MONTH_NAMES) + list(_MONTH_ABBR)
    forms = []
    for w in sorted(words, key=len, reverse=True):
        forms.append(w.capitalize())
        forms.append(w.upper())
    return "(?:" + "|".join(forms) + ")"


_MONTH = _month_alt()
# A month word, abbreviations optionally with a period ("Feb.", "Sept."); a full name never
# takes one ("on 8 July. Since then": the period ends the sentence).
_MONTH_TOK = rf"(?:{_month_alt(list(_MONTH_NAMES))}\b|{_month_alt(list(_MONTH_ABBR))}\b\.?)"


def _month_num(word: str) -> int:
    w = word.rstrip(".").lower()
    return _MONTH_NAMES.get(w) or _MONTH_ABBR.get(w, 0)


_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "crore": 1e7,
    "crores": 1e7,
    "lakh": 1e5,
    "lakhs": 1e5,
    "bn": 1e9,
    "b": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "tn": 1e12,
    "trn": 1e12,
    "tril": 1e12,
    "bil": 1e9,
    "k": 1e3,
}

_CUR_SYMBOL = {
    "$": "USD",
    "US$": "USD",
    "U.S.$": "USD",
    "$US": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "S$": "SGD",
    "NT$": "TWD",
    "R$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "₦": "NGN",
    "Rs": "INR",
    "Rs.": "INR",
    "RM": "MYR",
}
_CUR_CODES = [
    "USD",
    "EUR",
    "GBP",
    "JPY",
    "CNY",
    "RMB",
    "INR",
    "CHF",
    "AUD",
    "CAD",
    "HKD",
    "SGD",
    "KRW",
    "BRL",
    "ZAR",
    "SAR",
    "AED",
    "RUB",
    "TRY",
    "MXN",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "IDR",
    "THB",
    "TWD",
    "NZD",
    "ILS",
    "EGP",
    "NGN",
    "KES",
    "PHP",
    "VND",
    "MYR",
    "PKR",
    "QAR",
    "KWD",
]
_CUR_WORDS = {
    "yen": "JPY",
    "dollars": "USD",
    "dollar": "USD",
    "US dollars": "USD",
    "U.S. dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "yuan": "CNY",
    "renminbi": "CNY",
    "won": "KRW",
    "rupees": "INR",
    "rupee": "INR",
    "riyals": "SAR",
    "dirhams": "AED",
    "rubles": "RUB",
    "roubles": "RUB",
    "Swiss francs": "CHF",
    "francs": "CHF",
    "pesos": "MXN",
    "reais": "BRL",
    "lira": "TRY",
    "naira": "NGN",
    "rand": "ZAR",
    "shekels": "ILS",
    "ringgit": "MYR",
    "baht": "THB",
    "rupiah": "IDR",
}

# Unit of measure -> canonical unit name. Keys are matched case-sensitively.
_UNITS = {
    "nautical miles": "nautical_mile",
    "nautical mile": "nautical_mile",
    "square kilometers": "km2",
    "square kilometres": "km2",
    "square kilometer": "km2",
    "square kilometre": "km2",
    "square miles": "mi2",
    "square mile": "mi2",
    "square feet": "ft2",
    "square meters": "m2",
    "square metres": "m2",
    "sq km": "km2",
    "sq mi": "mi2",
    "sq ft": "ft2",
    "km2": "km2",
    "km²": "km2",
    "m²": "m2",
    "kilometers": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometre": "km",
    "km": "km",
    "miles": "mile",
    "mile": "mile",
    "meters": "m",
    "metres": "m",
    "meter": "m",
    "metre": "m",
    "centimeters": "cm",
    "centimetres": "cm",
    "cm": "cm",
    "millimeters": "mm",
    "millimetres": "mm",
    "mm": "mm",
    "nanometers": "nm",
    "nanometer": "nm",
    "nanometre": "nm",
    "millimeter": "mm",
    "millimetre": "mm",
    "centimeter": "cm",
    "centimetre": "cm",
    "nanometres": "nm",
    "nm": "nm",
    "feet": "ft",
    "foot": "ft",
    "ft": "ft",
    "inches": "in",
    "inch": "in",
    "yards": "yd",
    "acres": "acre",
    "acre": "acre",
    "hectares": "ha",
    "hectare": "ha",
    "metric tons": "t",
    "metric tonnes": "t",
    "tonnes": "t",
    "tonne": "t",
    "tons": "t",
    "ton": "t",
    "kilograms": "kg",
    "kilogram": "kg",
    "kg": "kg",
    "grams": "g",
    "gram": "g",
    "milligrams": "mg",
    "mg": "mg",
    "micrograms": "ug",
    "pounds": "lb",
    "lbs": "lb",
    "lb": "lb",
    "ounces": "oz",
    "ounce": "oz",
    "oz": "oz",
    "barrels of oil equivalent": "boe",
    "barrels of oil": "barrel",
    "barrels": "barrel",
    "barrel": "barrel",
    "bbl": "barrel",
    "bpd": "barrel/day",
    "b/d": "barrel/day",
    "boe/d": "boe/day",
    "boepd": "boe/day",
    "mb/d": "barrel/day",
    "cubic meters": "m3",
    "cubic metres": "m3",
    "cubic feet": "ft3",
    "bcm": "bcm",
    "tcf": "tcf",
    "bcf": "bcf",
    "mtpa": "mtpa",
    "liters": "l",
    "litres": "l",
    "liter": "l",
    "litre": "l",
    "gallons": "gal",
    "gallon": "gal",
    "megawatts": "MW",
    "megawatt": "MW",
    "gigawatts": "GW",
    "gigawatt": "GW",
    "kilowatts": "kW",
    "kilowatt": "kW",
    "terawatt-hours": "TWh",
    "terawatt hours": "TWh",
    "gigawatt hours": "GWh",
    "megawatt hours": "MWh",
    "kilowatt hours": "kWh",
    "terawatt-hour": "TWh",
    "gigawatt-hour": "GWh",
    "megawatt-hour": "MWh",
    "kilowatt-hour": "kWh",
    "terawatts": "TW",
    "terawatt": "TW",
    "gigawatt-hours": "GWh",
    "megawatt-hours": "MWh",
    "kilowatt-hours": "kWh",
    "MW": "MW",
    "GW": "GW",
    "kW": "kW",
    "TW": "TW",
    "MWh": "MWh",
    "GWh": "GWh",
    "TWh": "TWh",
    "kWh": "kWh",
    "kV": "kV",
    "volts": "V",
    "degrees Celsius": "degC",
    "degrees Fahrenheit": "degF",
    "degrees": "deg",
    "°C": "degC",
    "°F": "degF",
    "°": "deg",
    "knots": "knot",
    "mph": "mph",
    "km/h": "km/h",
    "kph": "km/h",
    "decibels": "dB",
    "TEUs": "TEU",
    "TEU": "TEU",
    "teraflops": "TFLOPS",
    "petaflops": "PFLOPS",
    "exaflops": "EFLOPS",
    "GB": "GB",
    "TB": "TB",
    "PB": "PB",
    "MB": "MB",
    "Gbps": "Gbps",
    "Mbps": "Mbps",
    "GHz": "GHz",
    "MHz": "MHz",
    "kHz": "kHz",
    "gigahertz": "GHz",
    "megahertz": "MHz",
    "kilohertz": "kHz",
    "rpm": "rpm",
    # data sizes and rates ("100 megabits per second", "5 Mbps", "1 Gbit/s")
    "terabits": "Tbit",
    "terabit": "Tbit",
    "gigabits": "Gbit",
    "gigabit": "Gbit",
    "megabits": "Mbit",
    "megabit": "Mbit",
    "kilobits": "kbit",
    "kilobit": "kbit",
    "petabytes": "PB",
    "petabyte": "PB",
    "terabytes": "TB",
    "terabyte": "TB",
    "gigabytes": "GB",
    "gigabyte": "GB",
    "megabytes": "MB",
    "megabyte": "MB",
    "kilobytes": "kB",
    "kilobyte": "kB",
    "Tbps": "Tbps",
    "kbps": "kbps",
    "Kbps": "kbps",
    "Tbit/s": "Tbps",
    "Gbit/s": "Gbps",
    "Mbit/s": "Mbps",
    "kbit/s": "kbps",
    "Tb/s": "Tbps",
    "Gb/s": "Gbps",
    "Mb/s": "Mbps",
    "kb/s": "kbps",
    "TB/s": "TB/s",
    "GB/s": "GB/s",
    "MB/s": "MB/s",
    # speeds written with a slash
    "km/s": "km/s",
    "m/s": "m/s",
    "ft/s": "ft/s",
    "qubits": "qubit",
    "calories": "kcal",
    "kcal": "kcal",
    "ppm": "ppm",
    "basis points": "basis_point",
    "basis point": "basis_point",
    "bps": "basis_point",
    "bp": "basis_point",
    "points": "point",
}
# Units written glued to the number ("10km", "40MW", "3nm") - short forms only.
_GLUED_UNITS = {
    k
    for k in _UNITS
    if " " not in k and len(k) <= 4 and k not in ("points", "ton", "tons", "foot", "inch")
}

_DURATIONS = {
    "year": "Y",
    "years": "Y",
    "month": "M",
    "months": "M",
    "week": "W",
    "weeks": "W",
    "day": "D",
    "days": "D",
    "decade": "10Y",
    "decades": "10Y",
    "century": "100Y",
    "centuries": "100Y",
    "quarter": "Q",
    "quarters": "Q",
    "hour": "TH",
    "hours": "TH",
    "minute": "TM",
    "minutes": "TM",
    "second": "TS",
    "seconds": "TS",
    "min": "TM",
    "mins": "TM",
    "hr": "TH",
    "hrs": "TH",
    "sec": "TS",
    "secs": "TS",
    "yr": "Y",
    "yrs": "Y",
}

_TZ = [
    "GMT",
    "UTC",
    "ET",
    "EST",
    "EDT",
    "CT",
    "CST",
    "CDT",
    "MT",
    "MST",
    "MDT",
    "PT",
    "PST",
    "PDT",
    "BST",
    "CET",
    "CEST",
    "EET",
    "EEST",
    "MSK",
    "JST",
    "KST",
    "IST",
    "HKT",
    "SGT",
    "AEST",
    "AEDT",
    "AWST",
    "NZST",
    "NZDT",
    "WIB",
    "SAST",
    "GST",
    # the rest of the world's common abbreviations (wires give local times: "6:40 AM BRT")
    "WET",
    "WEST",
    "WAT",
    "CAT",
    "EAT",
    "AST",
    "ADT",
    "AKST",
    "AKDT",
    "HST",
    "NST",
    "NDT",
    "BRT",
    "ART",
    "CLT",
    "COT",
    "PET",
    "VET",
    "TRT",
    "PKT",
    "NPT",
    "ICT",
    "MYT",
    "PHT",
    "WITA",
    "WIT",
    "ACST",
    "ACDT",
    "AWDT",
]

_QUALIFIERS = (
    "well over",
    "just over",
    "just under",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "as many as",
    "as much as",
    "close to",
    "an estimated",
    "nearly",
    "about",
    "around",
    "approximately",
    "approaching",
    "almost",
    "roughly",
    "some",
    "near",
    "over",
    "under",
    "circa",
    "estimated",
)
_DATE_QUALIFIERS = ("early", "late", "mid", "by", "end of", "the end of", "the start of")

# Words that make the next number part of a name or an identifier, not a count.
_NAME_WORDS = {
    "Fortune",
    "S&P",
    "FTSE",
    "Nikkei",
    "Dow",
    "Russell",
    "Stoxx",
    "STOXX",
    "CAC",
    "DAX",
    "KOSPI",
    "Nifty",
    "Sensex",
    "TOPIX",
    "ASX",
    "MSCI",
    "Boeing",
    "Airbus",
    "Windows",
    "iPhone",
    "Galaxy",
    "Pixel",
    "Apollo",
    "Artemis",
    "Route",
    "Interstate",
    "Highway",
    "Formula",
    "Article",
    "Articles",
    "Section",
    "Sections",
    "Sec.",
    "Chapter",
    "Title",
    "Rule",
    "Resolution",
    "Amendment",
    "Part",
    "Clause",
    "Paragraph",
    "Annex",
    "Schedule",
    "Regulation",
    "Directive",
    "Figure",
    "Fig.",
    "Table",
    "Appendix",
    "Page",
    "page",
    "p.",
    "pp.",
    "No.",
    "no.",
    "Nos.",
    "Vol.",
    "Volume",
    "Issue",
    "Room",
    "Flight",
    "Gate",
    "Platform",
    "Building",
    "Level",
    "Phase",
    "phase",
    "Stage",
    "stage",
    "Grade",
    "grade",
    "Tier",
    "tier",
    "Category",
    "category",
    "Class",
    "Type",
    "type",
    "Model",
    "Series",
    "Episode",
    "Season",
    "Step",
    "Version",
    "version",
    "Ver.",
    "ver.",
    "v.",
    "Release",
    "Proposition",
    "Prop.",
    "COP",
    "PRO",
    "RTX",
    "Covid",
    "COVID",
    "Unit",
    "Lot",
    "Block",
    "Ward",
    "District",
    "Precinct",
    "Pier",
    "Terminal",
    "Hall",
    "Suite",
    "Floor",
    "Box",
    "ID",
    "Id",
    "Code",
    "Item",
    "Question",
    "Q.",
    "Bill",
    "H.R.",
    "S.",
    "Act",
    "Top",
    "War",
    "Law",
    "Order",
    "Docket",
    "Chart",
    "Graph",
    "Exhibit",
    "Map",
    "Panel",
    "Video",
    "Module",
    "Lesson",
    "Group",
    "G",
}

# Plural nouns that make a 4-digit number in 1900-2099 a count, not a year.
_COUNT_NOUNS = {
    "people",
    "persons",
    "troops",
    "soldiers",
    "personnel",
    "employees",
    "workers",
    "staff",
    "jobs",
    "patients",
    "residents",
    "students",
    "members",
    "children",
    "households",
    "families",
    "homes",
    "companies",
    "firms",
    "vehicles",
    "cars",
    "units",
    "doctors",
    "nurses",
    "officers",
    "police",
    "migrants",
    "refugees",
    "civilians",
    "casualties",
    "deaths",
    "infections",
    "beds",
    "flights",
    "ships",
    "vessels",
    "tanks",
    "missiles",
    "drones",
    "aircraft",
    "schools",
    "hospitals",
    "stores",
    "shops",
    "sites",
    "projects",
    "participants",
    "respondents",
    "users",
    "customers",
    "visitors",
    "tourists",
    "passengers",
    "votes",
    "seats",
    "cases",
    "victims",
    "fighters",
    "engineers",
    "scientists",
    "researchers",
    "teachers",
    "farmers",
    "tonnes",
    "times",
}

_STOP_AFTER = {
    "of",
    "in",
    "at",
    "to",
    "and",
    "or",
    "for",
    "from",
    "on",
    "by",
    "with",
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "will",
    "would",
    "who",
    "that",
    "which",
    "than",
    "the",
    "a",
    "an",
    "as",
    "be",
    "been",
    "this",
    "these",
    "it",
    "its",
    "across",
    "over",
    "into",
    "per",
    "each",
    "more",
    "while",
    "but",
    "after",
    "before",
    "since",
    "during",
    "between",
    "under",
    "not",
    "so",
    "if",
}

# --- compiled patterns (built once) -----------------------------------------------

# Every digit run with optional thousands groups and decimals, in one C scan. The
# pattern starts with a plain character class (so the scan skips non-digits at C
# speed); group 1 is the well-formed number at its start (thousands groups only when
# they are complete), and the trailing [0-9,.]* swallows the rest of the run
# ("1,2,3", "1.2.3"), which is never scanned again.
_CORE = re.compile(
    r"[0-9]([0-9]{0,2}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]*(?:\.[0-9]+)?)[0-9,.]*"
)

_NUM = (
    r"(?:[0-9]{1,2}-[1-9]/(?:2|4|8|16)(?![0-9])|(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)"
)
# Fed-style mixed fractions: "4-1/4 to 4-1/2 percent".
_MIXED_FRAC = re.compile(r"-([1-9])/(2|4|8|16)(?![0-9/])")

_URLISH = re.compile(
    r"://|www\.|@[\w-]+\.|\.(?:com|org|net|gov|edu|int|io|co|uk|jp|de|fr|cn|in|au|info|biz|html?"
    r"|php|aspx?|jpe?g|png|gif|webp|svg|pdf|docx?|xlsx?|pptx?|mp[34]|csv|zip)\b"
)
_PHONE = re.compile(
    r"\+[0-9]{1,3}(?:[\s.-][0-9]{1,4}){2,5}(?![0-9])"
    r"|\(?[0-9]{3}\)?[\s.-][0-9]{3}[.-][0-9]{4}(?![0-9])"
)
_PHONE_LOCAL = re.compile(r"0[0-9]{2,4}[\s.-]?[0-9]{3,4}[\s.-]?[0-9]{3,4}(?![0-9])")
_PHONE7 = re.compile(r"[0-9]{3}-[0-9]{4}(?![0-9])")
_PHONE_CUE = re.compile(r"(?i)\b(?:tel|phone|call|fax|contact|office|hotline|ext)\b")
_HYPHEN_CHAIN = re.compile(
    r"(?![12][0-9]{3}-[01][0-9]-[0-3][0-9](?![0-9-]))[0-9]{1,6}(?:-[0-9]{1,6}){2,6}(?![\w-])"
)
_FOOTNOTE = re.compile(r"\[[0-9]{1,3}(?:[,–-][0-9]{1,3})*\]")
_TICKER_SUFFIX = re.compile(r"[0-9]{4,6}\.(?:T|HK|KS|KQ|SS|SZ|TW|SR|NS|BO)\b")
_ID_WORDS = {
    "ISBN",
    "ISBN:",
    "ISSN",
    "ISSN:",
    "DOI",
    "DOI:",
    "doi:",
    "ISIN",
    "ISIN:",
    "Ref:",
    "Ref.",
}
_PAGE_WORDS = {"Page", "page", "Slide", "slide", "Photo", "photo", "Image", "image", "Part", "Step"}
_EXCHANGES = {
    "TYO",
    "TSE",
    "HKG",
    "HKEX",
    "SEHK",
    "KRX",
    "KOSDAQ",
    "SSE",
    "SZSE",
    "NSE",
    "BSE",
    "ASX",
    "TWSE",
    "SGX",
    "NYSE",
    "NASDAQ",
    "Nasdaq",
    "LSE",
    "FRA",
    "ETR",
    "XETRA",
    "TADAWUL",
}
_SLASH_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})(?![0-9/])")
_ISO_DATE = re.compile(r"([12][0-9]{3})-([01][0-9])-([0-3][0-9])(?![0-9])")
_DOT_DATE = re.compile(r"([0-3]?[0-9])\.([01]?[0-9])\.([12][0-9]{3})(?![0-9])")

_LETTERS_BEFORE = re.compile(r"[A-Za-z_]+$")

# Right-hand context, all anchored at the end of the number.
_GLUED_SUFFIX = re.compile(r"[A-Za-z]+")
_TIME_COLON = re.compile(
    r":([0-5][0-9])(?::([0-5][0-9]))?"
    r"(?:\s?([AaPp])\.?\s?[Mm]\.?(?![A-Za-z]))?"
    r"(?:\s(" + "|".join(_TZ) + r")\b(?:[+−-][0-9]{1,2}(?::?[0-9]{2})?(?![0-9]))?)?"
)
_AMPM = re.compile(
    r"\s?([AaPp])\.?\s?[Mm]\b\.?(?:\s(" + "|".join(_TZ) + r")\b)?"
    r"|\s?([AaPp])\.[Mm]\.(?:\s(" + "|".join(_TZ) + r")\b)?"
)
_TIME_DOT2 = re.compile(
    r"\s?([AaPp])\.?\s?[Mm](?![A-Za-z])\.?(?:\s(" + "|".join(_TZ) + r")\b)?"
    r"|\s(" + "|".join(_TZ) + r")\b"
)
_MIL_TZ = re.compile(r"\s?(" + "|".join(_TZ) + r"|hrs|hours local)\b")
_PERCENT = re.compile(
    r"(\s?%|\s?per\s?cent\b|\s?percent\b|\s?pct\b)|\s(percentage points?|percentage-points?)\b",
    re.IGNORECASE,
)
_SCALE = re.compile(
    r"(?:\s|-)?((?:trillion|billion|million|thousand|crores?|lakhs?)\b|(?:tril|bil)\.)"
    r"|(bn|mn|mln|tn|trn|m|b|k|K)(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_CUR_WORD_AFTER = re.compile(
    r"\s(?:(?:US|U\.S\.|Hong Kong|Singapore|Australian|Canadian|New Zealand|Taiwan) dollars"
    r"|(?:British|UK|Egyptian|Lebanese) pounds|(?:Japanese) yen|(?:Chinese) yuan|(?:Indian|Pakistani) rupees"
    r"|(?:South )?Korean won|Saudi riyals|Swiss francs|pounds sterling|"
    + "|".join(sorted((re.escape(w) for w in _CUR_WORDS if " " not in w), key=len, reverse=True))
    + r")\b|\s?(cents?|pence)\b",
    re.IGNORECASE,
)
# "a"/"an" count only as whole words ("$80 a barrel"), never glued to the next word
# ("$5 ahead" is not "$5 a head").
_PER_UNIT = re.compile(
    r"(?:\s?per\s?|\s?/\s?|\s(?:a|an)\s)(barrel|bbl|tonne|ton|metric ton|share|ounce|oz|gallon|"
    r"litre|liter|MWh|kWh|person|head|kg|pound|lb|bushel|MMBtu|mmBtu|square foot)\b"
    r"|\s?(?:per|/)\s?(hour|month|year|day|week|annum|capita)\b"
)
_UNIT = re.compile(
    r"(?:\s|-)?("
    + "|".join(sorted((re.escape(u) for u in _UNITS if u[0] != "°"), key=len, reverse=True))
    + r")(?![A-Za-z0-9])|\s?(°[CF]?)"
)
# "per day", "/d", "a day", "an hour". The short forms (d, yr, h, s) only after "per" or
# "/", and "a"/"an" only as whole words: "3,500 nautical miles and" is not "miles an d".
_PER_TIME = re.compile(
    r"(?:\s?per\s?|\s?/\s?)(day|year|annum|hour|month|week|second|d|yr|h|s)\b"
    r"|\s(?:a|an)\s(day|year|annum|hour|month|week|second)\b"
)
_DURATION = re.compile(
    r"(\s|-)(years?|months?|weeks?|days?|decades?|centuries|century|quarters?|hours?|minutes?|seconds?"
    r"|mins?|hrs?|secs?|yrs?)"
    r"(?![A-Za-z])(-old|\s+old\b)?(\s+(?:ago|earlier|later)\b)?",
    re.IGNORECASE,
)
_FY_RANGE = re.compile(r"[-–/]([0-9]{2}|[0-9]{4})(?![0-9.,]?[0-9])")
_RANGE_TAIL = re.compile(
    r"\s?[-–—]\s?(" + _NUM + r")(?![0-9])|\s(?:to|and)\s(" + _NUM + r")(?![0-9])"
)
_DAY_MONTH = re.compile(
    r"(?:st|nd|rd|th)?\s(?:of\s)?(" + _MONTH_TOK + r")(?:,?\s([12][0-9]{3})(?![0-9]))?"
)
_MONTH_DAY_YEAR = re.compile(r"(?:st|nd|rd|th)?(?:,\s?|\s)([12][0-9]{3})(?![0-9.,]?[0-9])")
_ORDINAL = re.compile(r"(st|nd|rd|th)\b")
_CENTURY = re.compile(r"(st|nd|rd|th)([\s-])(century|centuries)\b", re.IGNORECASE)
_QUARTER_GLUED = re.compile(
    r"Q([1-4])(?:(?:\s(FY\s?)?|\s?(FY)\s?|[’'])'?([0-9]{4}|[0-9]{2}))?(?![0-9A-Za-z])"
)
_QUARTER_SUFFIX = re.compile(r"Q('?[0-9]{2}|\s?[0-9]{4})?(?![0-9A-Za-z])")
_HALF_SUFFIX = re.compile(r"H('?[0-9]{2}|\s?[0-9]{4})(?![0-9A-Za-z])")
_HALF_GLUED = re.compile(
    r"H([12])(?:(?:\s(?:FY\s?)?|\s?FY\s?|[’'])'?([0-9]{4}|[0-9]{2}))?(?![0-9A-Za-z])"
)
_PLUS = re.compile(r"-plus\b|\+(?![0-9])")
_NEXT_WORDS = re.compile(r"\s+((?:U\.S\.|U\.K\.|[A-Za-z][\w’'-]*)(?:\s+[A-Za-z][\w’'-]*){0,2})")
_STREET = re.compile(
    r"\s(?:[A-Z][a-z]+\s){1,3}(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Drive|Way|Place|Square)\b"
)

# Left-hand context: searched in a short window that ends at the number.
_L_WINDOW = 48
_L_CURRENCY = re.compile(
    r"(?:(US\$|U\.S\.\$|\$US|A\$|AU\$|C\$|CA\$|HK\$|NZ\$|S\$|NT\$|R\$|[$€£¥₹₩₽₺₪₦])\s?"
    r"|(?<![A-Za-z])(Rs\.?|RM)\s?"
    r"|(?<![A-Za-z])(" + "|".join(_CUR_CODES) + r")\s?)([-−])?$"
)
_L_MONTH = re.compile(r"(?<![A-Za-z])(" + _MONTH_TOK + r")\s$")
_L_MONTH_RANGE = re.compile(
    r"(?<![A-Za-z])(" + _MONTH_TOK + r")\s?(?:[-–—]|\sto\s|\sthrough\s)\s?(" + _MONTH_TOK + r")\s$"
)
_L_FISCAL = re.compile(
    r"(?:(?<![A-Za-z])(FY|CY)\s?'?|(?<![A-Za-z])([Ff]iscal(?:\s[Yy]ear)?|[Ff]inancial\s[Yy]ear)\s)$"
)
_L_QUARTER_WORDS = re.compile(
    r"(?<![A-Za-z])((?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
    r"\s(?:fiscal\s|calendar\s)?(quarter|half))\s(?:of\s)?(fiscal\s(?:year\s)?|FY\s?)?$",
    re.IGNORECASE,
)
_L_QUARTER_TOKEN = re.compile(r"(?<![A-Za-z0-9])(Q[1-4]|[1-4]Q|H[12]|[12]H)\s$")
_L_DATE_PREP = re.compile(
    r"(?<![A-Za-z])(?:in|In|since|Since|by|By|until|till|from|From|of|during|During|to|through|"
    r"between|before|Before|after|After|year|early|late|mid|end|start|©|Copyright|copyright|"
    r"circa|c\.|As of|as of|the|The)\s$|[(,–-]\s?$"
)
_ORD_WORDS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
_CUR_CHARS = "$€£¥₹₩₽₺₪₦"
_QTOKENS = {"Q1", "Q2", "Q3", "Q4", "1Q", "2Q", "3Q", "4Q", "H1", "H2", "1H", "2H"}
_BETWEEN = re.compile(r"(?<![A-Za-z])[Bb]etween\s$")
_PCT_NEXT = "% \u00a0\u202fp"
_DAY_RANGE = re.compile(
    r"(?:\s?[-–]\s?|\s(?:to|through|and)\s)([0-9]{1,2})(?![0-9:.,]?[0-9])(?:,?\s([12][0-9]{3})(?![0-9]))?"
)
_STREET_WORDS = (
    "strasse",
    "straße",
    "str.",
    "weg",
    "platz",
    "gasse",
    "Street",
    "St.",
    "Avenue",
    "Ave.",
    "Road",
    "Rd.",
    "Boulevard",
    "Blvd.",
    "Lane",
    "Drive",
    "Place",
    "Square",
    "Way",
)
_FY_AFTER = re.compile(r"\s(?:fiscal|financial)\syear\b", re.IGNORECASE)
_DASH_CODE = re.compile(r"-[A-Z](?![A-Za-z])")
_PAREN_CODE = re.compile(r"\([0-9A-Za-z]{1,3}\)")
_CAP_STOP = {
    "About",
    "Around",
    "Nearly",
    "Some",
    "Over",
    "Under",
    "The",
    "These",
    "Those",
    "All",
    "Only",
    "Just",
    "With",
    "Of",
    "For",
    "In",
    "At",
    "By",
    "From",
    "To",
    "And",
    "Or",
    "But",
    "Another",
    "Almost",
    "Roughly",
    "Approximately",
    "Between",
    "Until",
    "Since",
    "Than",
    "More",
    "Less",
    "Fewer",
    "Up",
    "Down",
    "Last",
    "First",
    "Next",
    "Every",
    "Each",
    "Per",
    "Even",
    "Its",
    "Their",
    "His",
    "Her",
    "Our",
    "My",
    "Your",
    "This",
    "That",
    "On",
    "As",
    "Are",
    "Were",
    "Was",
    "Is",
    "Has",
    "Have",
    "Had",
    "Will",
    "Would",
    "Could",
    "Should",
    "May",
    "Might",
    "Latest",
    "Least",
    "Most",
    "Once",
    "After",
    "Before",
    "During",
    "Within",
    "Across",
    "Among",
    "Against",
    "Into",
    "Through",
    "Toward",
    "Towards",
    "Via",
    "While",
    "When",
    "Where",
    "Both",
    "Few",
    "Many",
    "Several",
    "Other",
    "Total",
    "Plus",
    "Minus",
    "Add",
    "Adds",
    "Added",
    "Cut",
    "Cuts",
    "Kill",
    "Kills",
    "Killed",
    "Hit",
    "Hits",
    "Top",
    "Tops",
    "Rise",
    "Rises",
    "Rose",
    "Fall",
    "Falls",
    "Fell",
    "Gain",
    "Gains",
    "Lose",
    "Loses",
    "Lost",
    "Reach",
    "Reaches",
    "Reached",
    "Nears",
    "Near",
    "Passes",
    "Sees",
    "Says",
    "Said",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mr",
    "Ms",
}
_THIN = " \u00a0\u202f\u2009"
_SPACE_GROUPS = re.compile(
    r"(?:[ \u00a0\u202f\u2009][0-9]{3}){1,4}(?![0-9]|[.,][0-9]|[ \u00a0][0-9])"
)
_SAFE_PREV = " \n\t\"'“‘$€£¥₹≈~"
_SAFE_NEXT = " \n\t,;)%\"'”’"
_CAP_AFTER = re.compile(r"[ \t]+[A-Z\"“‘(]")
_L_ENUM = re.compile(r"(?:^|\n)[ \t]*(?:[-•*·]\s*)?$")

_GLUED_TOKEN = re.compile(r"[\w./-]{1,40}")
_RANGE_REST = re.compile(r"[-–][0-9]+(?:[.,][0-9]+)*")
_QSTRIP = {q for q in _QUALIFIERS if " " not in q} | {"well", "just", "than", "least", "≈", "~"}
_STRIP_TAIL = _STOP_AFTER | _QSTRIP


def _any_case(words) -> frozenset[str]:
    """Every capitalisation of each word: ``w in _any_case(S)`` is ``w.lower() in S``.

    Exact for these lists: they are ASCII letters (and "≈", "~"), none holds a "k" (the
    Kelvin sign lower-cases to it) and "İ" lower-cases to two characters. It saves a
    ``lower()`` per word on every figure's ``measures``.
    """
    out = set()
    for w in words:
        out.update(map("".join, product(*({c, c.upper()} for c in w))))
    return frozenset(out)


_STOP_AFTER_ANYCASE = _any_case(_STOP_AFTER)
_STRIP_TAIL_ANYCASE = _any_case(_STRIP_TAIL)
_FIRST_CUT = re.compile(r"[.;:!?](?=\s|$)|[()\[\]\u2014]")
# One forward pass over the words before a figure; group 1 ends right after the LAST
# clause boundary (". ", "; ", a bracket, an em dash) because a group inside a
# repetition keeps its last capture. Possessive loops: no backtracking.
_LAST_CUT = re.compile(r"(?:[^()\[\]\u2014.;:!?]++|[.;:!?](?!\s)|([.;:!?]\s|[()\[\]\u2014]))*+")
_SOURCE_HEADER = re.compile(r"Source:[^\n]*\n[ \t]*\r?\n")


# --- cheap gates: the first character a right-context pattern can start with ------------
# Each set is a necessary condition only (a superset of what the pattern accepts), so a
# gate that says "no" saves a regex call and never changes a result.
def _first_letters(words, *, ignorecase: bool) -> str:
    out = set()
    for w in words:
        c = w[0]
        out.add(c)
        if ignorecase:
            out.update((c.lower(), c.upper()))
    if ignorecase:
        # Unicode case folds Python's re applies under IGNORECASE.
        if "s" in out:
            out.add("\u017f")
        if "k" in out:
            out.add("\u212a")
        if "i" in out:
            out.update("\u0130\u0131")
    return "".join(sorted(out))


_G_SCALE = _first_letters(
    ["trillion", "billion", "million", "thousand", "crore", "lakh", "bn", "mn", "k"],
    ignorecase=True,
)
_G_CUR_WORD = _first_letters(
    [
        "US",
        "Hong Kong",
        "Singapore",
        "Australian",
        "Canadian",
        "New Zealand",
        "Taiwan",
        "British",
        "Egyptian",
        "Lebanese",
        "Japanese",
        "Chinese",
        "Indian",
        "Pakistani",
        "South",
        "Korean",
        "Saudi",
        "Swiss",
        "pounds",
        "cents",
        "pence",
        *_CUR_WORDS,
    ],
    ignorecase=True,
)
_G_TZ = _first_letters([*_TZ, "hrs"], ignorecase=False)
_G_UNIT = _first_letters(list(_UNITS), ignorecase=False)
_G_DURATION = _first_letters(
    ["year", "month", "week", "day", "decade", "century", "quarter", "hour", "minute", "second"],
    ignorecase=True,
)
_G_MONTH_END = {
    f[-3:]
    for w in (*_MONTH_NAMES, *_MONTH_ABBR)
    for f in (w.capitalize(), w.upper(), w.capitalize() + ".", w.upper() + ".")
}


# --- helpers -------------------------------------------------------------------------


def body_start(text: str) -> int:
    """Offset after a leading ``Source: <url>`` line and blank line, else 0."""
    m = _SOURCE_HEADER.match(text.lstrip("\ufeff"))
    if not m:
        return 0
    return m.end() + (len(text) - len(text.lstrip("\ufeff")))


def _to_float(s: str) -> float:
    if "/" in s:
        whole, frac = s.split("-", 1)
        a, b = frac.split("/")
        return int(whole) + int(a) / int(b)
    s = s.replace(",", "")
    if not s.isascii() or " " in s:
        s = "".join(s.split())
    return float(s)


def _num_value(x: float) -> float | int:
    i = int(x)  # once: it is both the test and the answer
    if i == x and abs(x) < 1e18:
        return i
    r = float(f"{x:.12g}")
    return int(r) if r == int(r) and abs(r) < 1e18 else r


def _scale_of(word: str | None) -> float:
    if not word:
        return 1.0
    w = word.lower().rstrip(".")
    if w in _SCALES:
        return _SCALES[w]
    return 1.0


def _fy(year: str) -> str:
    if len(year) == 2:
        return "20" + year
    return year


def _measures_for(text: str, s: int, e: int) -> str | None:
    """What a figure measures: the caption line of a stat call-out, else nearby words."""
    # The words before the figure on its line, at most 70 characters back.
    lo = s - 70 if s > 70 else 0
    before = text[text.rfind("\n", lo, s) + 1 or lo : s]
    if not before or before.isspace():
        lo = s - 120 if s > 120 else 0
        ls = text.rfind("\n", lo, s) + 1 or lo
        le = text.find("\n", e, e + 120)
        if le < 0:
            le = e + 120 if e + 120 < len(text) else len(text)
        if text[ls:s].isspace() or ls == s:
            post = text[e:le]
            if not post or post.isspace():
                # Stat call-out: the value alone on its line; the next line says what it is.
                nxt_end = text.find("\n", le + 1, le + 400)
                if nxt_end < 0:
                    nxt_end = min(len(text), le + 400)
                return text[le + 1 : nxt_end].strip()[:100] or None
    # Same clause: words before the figure, back to the last clause boundary.
    cut = _LAST_CUT.match(before).end(1)
    words = (before[cut:] if cut > 0 else before).rsplit(None, 7)
    # Drop leading stop words, then trailing stop words and hedges; one slice at the end.
    i = 1 if len(words) == 8 else 0
    j = len(words)
    while i < j and words[i] in _STOP_AFTER_ANYCASE:
        i += 1
    while j > i and words[j - 1] in _STRIP_TAIL_ANYCASE:
        j -= 1
    words = words[i:j]
    if len(words) <= 1:
        # Nothing said before it ("In early 2026, ..."): take the clause after it.
        le = text.find("\n", e, e + 80)
        after = text[e : le if le >= 0 else e + 80]
        m = _FIRST_CUT.search(after)
        if m:
            after = after[: m.start()]
        more = after.split()[:8]
        if len(more) >= 2:
            return " ".join(more).strip(" ,")
    return " ".join(words).strip(" ,") or None


def _counted_noun(text: str, e: int) -> str | None:
    if not text[e : e + 1].isspace():
        return None
    m = _NEXT_WORDS.match(text, e)
    if not m:
        return None
    out = []
    for w in m.group(1).split():
        if w.lower() in _STOP_AFTER:
            break
        out.append(w.rstrip("’'"))
        if (
            w.endswith(("s", "people", "staff", "personnel", "police", "aircraft"))
            and len(out) >= 1
        ):
            break
    return " ".join(out) or None


# --- the extractor -----------------------------------------------------------------------


class _Fig:
    __slots__ = ("s", "e", "label", "value", "unit", "qualifier")

    def __init__(self, s, e, label, value, unit, qualifier=None):
        self.s, self.e, self.label, self.value, self.unit, self.qualifier = (
            s,
            e,
            label,
            value,
            unit,
            qualifier,
        )


_Q1 = {q for q in _QUALIFIERS if " " not in q} | {"≈", "~"}
_Q2 = {q for q in _QUALIFIERS if q.count(" ") == 1}
_Q3 = {q for q in _QUALIFIERS if q.count(" ") == 2}
_DQ = {"early", "late", "mid", "by", "end of", "the end of", "the start of"}
_QLAST = {q.rsplit(" ", 1)[-1] for q in _QUALIFIERS} | {"an", "a", "c.", "≈", "~"}
_DQLAST = {q.rsplit(" ", 1)[-1] for q in _DATE_QUALIFIERS}
_HYPHEN_Q = {"mid", "early", "late", "pre", "post", "end"}
_QPOOL = {1: _Q1, 2: _Q2, 3: _Q3}


def _q_tries(date: bool) -> dict[str, tuple[int, ...]]:
    """Last word of a qualifier phrase -> the phrase lengths (in words) to try, longest first."""
    out: dict[str, set[int]] = {}
    for q in (*_Q1, *_Q2, *_Q3, *(_DQ if date else ())):
        w = q.split()
        out.setdefault(w[-1], set()).add(len(w))
    return {w: tuple(sorted(ks, reverse=True)) for w, ks in out.items()}


_QTRY = _q_tries(False)
_QTRY_DATE = _q_tries(True)
# Last characters of the words above, in both cases.
_QEND = frozenset(c for w in _QLAST | _DQLAST for c in (w[-1], w[-1].upper()))


def _qualifier(text: str, s: int, date: bool) -> str | None:
    """The hedge right before a figure ("over", "nearly", "≈", "early", "mid-"), if any."""
    if s <= 0:
        return None
    if text[s - 1] == " ":
        # The common case: a word and a space before the figure. Look at that word
        # first and give up early unless it can end a qualifier: first its last
        # character (only ASCII letters lower-case to ASCII, so any other character is
        # itself), then the whole word.
        if text[s - 2] not in _QEND:
            return None
        lo = s - 28 if s > 28 else 0
        k = text.rfind(" ", lo, s - 1)
        lw = text[k + 1 if k >= 0 else lo : s - 1].lower().lstrip("(\"'“‘[")
        if lw not in _QLAST and not (date and lw in _DQLAST):
            return None
    tail = text[max(0, s - 28) : s]
    last = tail[-1]
    if last in "≈~":
        return last
    if last in "-‐‑":
        w = tail[:-1].rsplit(None, 1)[-1:] or [""]
        wl = w[0].lower()
        return wl + "-" if wl in _HYPHEN_Q and date else None
    if not last.isspace():
        return None
    k = tail.rfind(" ", 0, len(tail) - 1)
    lw = tail[k + 1 : -1].lower().lstrip("(\"'“‘[")
    if lw not in _QLAST and not (date and lw in _DQLAST):
        return None
    words = tail.lower().split()
    if words:
        words[-1] = lw
    if not words:
        return None
    if words[-1] in ("an", "a") and len(words) > 1:
        words = words[:-1]
    if words[-1] == "c." and date:
        return "c."
    # Longest first, and only the lengths of the phrases that end in this word.
    for k in (_QTRY_DATE if date else _QTRY).get(words[-1], ()):
        if len(words) >= k:
            q = " ".join(words[-k:])
            if q in _QPOOL[k] or (date and q in _DQ):
                return q
    return None


def _token_bounds(text: str, s: int, body: int) -> tuple[int, int]:
    lo = max(body, s - 100)
    if s > lo and text[s - 1] in " \n\t":
        ts = s
    else:
        ts = max(text.rfind(" ", lo, s), text.rfind("\n", lo, s), text.rfind("\t", lo, s))
        ts = lo if ts < 0 else ts + 1
    hi = min(len(text), s + 100)
    te = hi
    for ch in " \n\t":
        k = text.find(ch, s, te)
        if k >= 0:
            te = k
    return ts, te


def _skip_end(text: str, s: int, body: int, prev: str, nxt: str) -> int:
    """End of an identifier-like run (URL, e-mail, file, phone, footnote) holding ``s``, else 0."""
    ts, te = _token_bounds(text, s, body)
    if te - ts > 3 and _URLISH.search(text, ts, te):
        return te
    if prev == "+" or prev == "(" or nxt in "-. )":
        m = _PHONE.match(text, s - 1 if prev in "+(" else s)
        if m:
            return m.end()
    if nxt == "-":
        m = _HYPHEN_CHAIN.match(text, s)
        if m:
            return m.end()
        m = _PHONE7.match(text, s)
        if m and (text[s + 4 : s + 5] == "0" or _PHONE_CUE.search(text, max(body, s - 30), s)):
            return m.end()
    if prev == "[" and nxt in "],–-":
        m = _FOOTNOTE.match(text, s - 1)
        if m:
            return m.end()
    if nxt == "." and _TICKER_SUFFIX.match(text, s):
        return te
    return 0


def _classify(text: str, s: int, e: int, core: str, body: int) -> _Fig | None:  # noqa: C901
    """Figure built around the digit run ``text[s:e]``, or None when it is not one."""
    n = len(text)
    prev = text[s - 1] if s > body else "\n"
    nxt = text[e] if e < n else "\n"
    window_start = max(body, s - _L_WINDOW)

    # ----- digits glued to letters or other numbers -----
    if prev and (prev.isalpha() or prev == "_"):
        lm = _LETTERS_BEFORE.search(text, max(body, s - 12), s)
        letters = lm.group(0) if lm else prev
        ls = s - len(letters)
        if ls > body and (
            text[ls - 1].isalnum()
            or text[ls - 1] in "_/"
            or (text[ls - 1] == "-" and letters not in ("FY", "CY", "Q", "H"))
        ):
            return None
        if letters in ("FY", "CY"):
            return _fiscal(text, ls, s, e, core)
        if letters in _CUR_CODES or letters in ("Rs", "RM", "US", "USD"):
            cur = (
                "CNY"
                if letters == "RMB"
                else "INR"
                if letters == "Rs"
                else "MYR"
                if letters == "RM"
                else letters
            )
            if cur == "US":
                cur = "USD"
            return _money(text, ls, s, e, _to_float(core), cur, max(body, s - _L_WINDOW))
        if letters == "Q":
            m = _QUARTER_GLUED.match(text, ls)
            if m and 1 <= int(m.group(1)) <= 4:
                yr = m.group(4)
                fy = "FY" if (m.group(2) or m.group(3)) else ""
                val = f"{fy}{_fy(yr)}-Q{m.group(1)}" if yr else f"Q{m.group(1)}"
                return _Fig(ls, m.end(), "DATE", val, "quarter")
            return None
        if letters == "H":
            m = _HALF_GLUED.match(text, ls)
            if m and m.group(2):
                return _Fig(ls, m.end(), "DATE", f"{_fy(m.group(2))}-H{m.group(1)}", "half_year")
            return None
        return None
    if prev in "-‐‑" and s - 1 > body:
        p2 = text[s - 2]
        if p2.isalpha():
            lm = _LETTERS_BEFORE.search(text, max(body, s - 14), s - 1)
            word = (lm.group(0) if lm else p2).lower()
            if word not in ("mid", "early", "late", "pre", "post", "end", "start"):
                return None
    if prev == "/" and s - 1 > body and text[s - 2].isalnum():
        return None
    if prev == "+" and s - 1 > body and text[s - 2].isalpha():
        return None  # "GMT+9", "UTC+8"
    if prev in ".:," and s - 1 > body and text[s - 2].isalpha():
        return None  # footnote marker glued after a word ("growth.3")
    if prev in "#№":
        return None
    if nxt == "." and e + 1 < n and text[e + 1].isdigit():
        m = _DOT_DATE.match(text, s)
        if m:
            return _Fig(
                s,
                m.end(),
                "DATE",
                f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}",
                "day",
            )
        return None  # version-like "1.2.3"
    if nxt == "/" and e + 1 < n and text[e + 1].isdigit():
        fm = _L_FISCAL.search(text, max(body, s - 24), s)
        if fm and len(core) in (2, 4):
            return _fiscal(text, fm.start(), s, e, core)
        m = _SLASH_DATE.match(text, s)
        if m:
            a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
            y = _fy(y) if len(y) == 2 else y
            mo, d = (a, b) if a <= 12 else (b, a)
            return _Fig(s, m.end(), "DATE", f"{y}-{mo:02d}-{d:02d}", "day")
        if len(core) == 4:
            m = _FY_RANGE.match(text, e)
            if m and len(m.group(1)) == 2:
                fe = _fy_after_end(text, m.end())  # "2024/25 financial year"
                return _Fig(s, fe, "DATE", f"FY{core}-{m.group(1)}", "fiscal_year")
        return None
    if nxt == ":" and e + 1 < n and text[e + 1].isdigit():
        m = _TIME_COLON.match(text, e)
        if m and len(core) <= 2 and core.isdigit() and int(core) <= 24:
            return _time(text, s, m.end(), int(core), int(m.group(1)), m.group(3), m.group(4))
        return None
    if nxt == "-" and len(core) == 4 and "," not in core:
        m = _ISO_DATE.match(text, s)
        if m:
            return _Fig(s, m.end(), "DATE", m.group(0), "day")

    # ----- list enumerators ("1." / "2)" at the start of a line) -----
    if (
        nxt in ".)"
        and len(core) <= 2
        and "." not in core
        and (e + 1 >= n or text[e + 1] in " \t\n")
        and _L_ENUM.search(text, max(body, s - 8), s)
    ):
        return None
    if (
        "." in core
        and len(core) <= 5
        and nxt in " \t"
        and _L_ENUM.search(text, max(body, s - 8), s)
        and _CAP_AFTER.match(text, e)
    ):
        return None  # paragraph numbers "1.2 The Committee ..."
    if nxt == "-" and _DASH_CODE.match(text, e):
        return None  # "10-K", "8-K" filings, "3-D"
    if nxt == "(" and _PAREN_CODE.match(text, e):
        return None  # "501(c)(3)"
    if prev == "(" and nxt == ")" and len(core) <= 2:
        return None  # "(1)" enumerators, "(3)" comment counts
    if prev == "(" and nxt == ")" and _stock_code(text, s, core, body):
        return None  # "TSMC (2330)": a stock code

    # ----- glued suffix letters -----
    suffix = None
    if nxt.isalpha():
        sm = _GLUED_SUFFIX.match(text, e)
        if sm is None:
            return None  # glued to a non-ASCII letter ("10µm", "3ème")
        suffix = sm.group(0)
        sl = suffix.lower()
        if sl in ("st", "nd", "rd", "th"):
            return _ordinal(text, s, e, core, window_start)
        if sl == "s" and core.endswith("0") and core.isdigit() and len(core) in (2, 4):
            val = core if len(core) == 4 else "19" + core
            return _Fig(s, sm.end(), "DATE", f"{val}s", "decade", _qualifier(text, s, True))
        if suffix == "Q" or suffix.startswith("Q") and len(core) == 1:
            m = _QUARTER_SUFFIX.match(text, e)
            if m and core in ("1", "2", "3", "4"):
                yr = (m.group(1) or "").strip().lstrip("'")
                val = f"{_fy(yr)}-Q{core}" if yr else f"Q{core}"
                return _Fig(s, m.end(), "DATE", val, "quarter")
            return None
        if suffix == "H" and core in ("1", "2"):
            m2 = _HALF_SUFFIX.match(text, e)
            if m2:
                yr = _fy(m2.group(1).strip().lstrip("'"))
                return _Fig(s, m2.end(), "DATE", f"{yr}-H{core}", "half_year")
            return None
        if sl in ("am", "pm") and "," not in core:
            return _clock_ampm(text, s, e, core)
        if sl in _SCALES:
            pass  # handled below with scales
        elif suffix in _GLUED_UNITS or suffix in ("m",):
            pass
        elif suffix in ("C", "F") and len(core) <= 4 and not text[e + 1 : e + 2].isalnum():
            unit = "degC" if suffix == "C" else "degF"
            return _Fig(
                s, e + 1, "QUANTITY", _num_value(_to_float(core)), unit, _qualifier(text, s, False)
            )
        else:
            return None  # 5G, 3D, 4K, V2X, 10x ...
    if nxt == "'" and text.startswith("'s", e) and core.endswith("0") and len(core) == 4:
        return _Fig(s, e + 2, "DATE", f"{core}s", "decade", _qualifier(text, s, True))

    val = _to_float(core)
    # Right-hand gates: the character after the number and the one after that.
    c2 = text[e + 1 : e + 2]
    nsp = nxt.isspace()
    sep = nsp or nxt == "-"

    # ----- money with a currency before -----
    cm = None
    ctail = text[max(body, s - 6) : s - 1].rstrip(".") if prev in " -−\u00a0" else ""
    if (
        prev in _CUR_CHARS
        or (ctail and ctail[-1] in _CUR_CHARS)
        or ctail[-2:].isupper()
        or ctail.endswith(("Rs", "RM"))
    ):
        cm = _L_CURRENCY.search(text, max(body, s - 9), s)
    if cm:
        sym = cm.group(1) or cm.group(2) or cm.group(3)
        cur = _CUR_SYMBOL.get(sym.rstrip(".") if sym.startswith("Rs") else sym) or sym
        if sym in _CUR_CODES:
            cur = "CNY" if sym == "RMB" else sym
        fs = cm.start()
        neg = cm.group(4)
        return _money(text, fs, s, e, val, cur, window_start, neg=bool(neg))

    # ----- percent -----
    pm = (
        _PERCENT.match(text, e)
        if nxt in _PCT_NEXT and (nxt in "%p" or text[e + 1 : e + 2] in "%pP")
        else None
    )
    if pm:
        fs = s
        neg = False
        if (
            prev in "-−"
            and (s - 1 == body or text[s - 2] in " \t\n(")
            and not (s - 2 >= 0 and text[s - 2].isdigit())
        ):
            fs, neg = s - 1, True
        v = -val if neg else val
        if pm.group(2):
            return _Fig(
                fs,
                pm.end(),
                "PERCENT",
                _num_value(v / 100),
                "percentage_point",
                _qualifier(text, fs, False),
            )
        return _Fig(
            fs, pm.end(), "PERCENT", _num_value(v / 100), "fraction", _qualifier(text, fs, False)
        )

    # ----- years and date expressions that start before the number -----
    is_int = core.isdigit()
    if is_int:
        w40 = text[window_start:s]
        qm = None
        if len(core) == 4 and ("uarter" in w40 or "alf" in w40 or "UARTER" in w40):
            qm = _L_QUARTER_WORDS.search(text, window_start, s)
        if qm:
            return _quarter_words(qm, core, e)
        w24 = w40[-24:]
        fm = None
        if "iscal" in w24 or "FY" in w24 or "CY" in w24 or "inancial" in w24:
            fm = _L_FISCAL.search(text, window_start, s)
        if fm and (len(core) in (2, 4)):
            return _fiscal(text, fm.start(), s, e, core)
        mm = mr = None
        if (
            prev == " "
            and (text[s - 2 : s - 1].isalpha() or text[s - 2 : s - 1] == ".")
            and text[s - 4 : s - 1] in _G_MONTH_END
        ):
            mm = _L_MONTH.search(text, max(body, s - 12), s)
            if mm and len(core) == 4 and mm.start() > body and text[mm.start() - 1] in " –—-":
                mr = _L_MONTH_RANGE.search(text, max(body, mm.start() - 16), s)
        if mr and len(core) == 4:
            m1, m2 = _month_num(mr.group(1)), _month_num(mr.group(2))
            if m1 and m2:
                y2 = int(core)
                y1 = y2 - 1 if m1 > m2 else y2
                kind = "quarter" if m1 in (1, 4, 7, 10) and (m2 - m1) % 12 == 2 else "month_range"
                return _Fig(
                    mr.start(),
                    e,
                    "DATE",
                    f"{y1}-{m1:02d}/{y2}-{m2:02d}",
                    kind,
                    _qualifier(text, mr.start(), True),
                )
        if mm:
            mo = _month_num(mm.group(1))
            word = mm.group(1)
            if mo:
                if len(core) == 4 and 1000 <= val <= 2199:
                    return _Fig(
                        mm.start(),
                        e,
                        "DATE",
                        f"{core}-{mo:02d}",
                        "month",
                        _qualifier(text, mm.start(), True),
                    )
                if len(core) <= 2 and 1 <= val <= 31:
                    dr = _DAY_RANGE.match(text, e)
                    if dr and int(val) < int(dr.group(1)) <= 31:
                        d2 = int(dr.group(1))
                        y = dr.group(2)
                        v = (
                            f"{y}-{mo:02d}-{int(val):02d}/{y}-{mo:02d}-{d2:02d}"
                            if y
                            else f"--{mo:02d}-{int(val):02d}/--{mo:02d}-{d2:02d}"
                        )
                        return _Fig(
                            mm.start(),
                            dr.end(),
                            "DATE",
                            v,
                            "day_range",
                            _qualifier(text, mm.start(), True),
                        )
                    ym = _MONTH_DAY_YEAR.match(text, e)
                    if ym:
                        return _Fig(
                            mm.start(),
                            ym.end(),
                            "DATE",
                            f"{ym.group(1)}-{mo:02d}-{int(val):02d}",
                            "day",
                            _qualifier(text, mm.start(), True),
                        )
                    end = e
                    om = _ORDINAL.match(text, e)
                    if om:
                        end = om.end()
                    return _Fig(
                        mm.start(),
                        end,
                        "DATE",
                        f"--{mo:02d}-{int(val):02d}",
                        "day",
                        _qualifier(text, mm.start(), True),
                    )
        qt = None
        if len(core) == 4 and prev == " " and text[s - 3 : s - 1] in _QTOKENS:
            qt = _L_QUARTER_TOKEN.search(text, max(body, s - 5), s)
        if qt:
            tok = qt.group(1)
            return _Fig(
                qt.start(), e, "DATE", f"{core}-{tok if tok[0] in 'QH' else tok[::-1]}", "quarter"
            )
        if len(core) <= 2 and 1 <= val <= 31:
            dm = _DAY_MONTH.match(text, e)
            if dm:
                mo = _month_num(dm.group(1))
                if mo:
                    if dm.group(2):
                        v = f"{dm.group(2)}-{mo:02d}-{int(val):02d}"
                    else:
                        v = f"--{mo:02d}-{int(val):02d}"
                    return _Fig(s, dm.end(), "DATE", v, "day", _qualifier(text, s, True))

    # ----- clock times -----
    if is_int and len(core) <= 2 and val <= 12:
        am = _AMPM.match(text, e) if nxt in "AaPp" or (nsp and c2 in "AaPp") else None
        if am:
            return _clock_ampm(text, s, e, core)
    if len(core) in (4, 5) and core[-3:-2] == "." and nxt == " ":
        tm = _TIME_DOT2.match(text, e)
        hh, mi = core.split(".")
        if tm and int(hh) <= 24 and int(mi) <= 59:
            ap, tz = tm.group(1), tm.group(2) or tm.group(3)
            h = int(hh) % 12 + (12 if ap.lower() == "p" else 0) if ap else int(hh)
            unit = f"time {tz}" if tz else "time"
            return _Fig(s, tm.end(), "DATE", f"{h:02d}:{mi}", unit)
    if is_int and len(core) == 4 and int(core[:2]) <= 23 and int(core[2:]) <= 59:
        mt = _MIL_TZ.match(text, e) if nxt in _G_TZ or (nsp and c2 in _G_TZ) else None
        if mt and mt.group(1) in _TZ:
            return _Fig(s, mt.end(), "DATE", f"{core[:2]}:{core[2:]}", f"time {mt.group(1)}")

    # ----- bare-number ranges that borrow the unit of their second end ("5-10%") -----
    rt = _RANGE_TAIL.match(text, e) if nxt in "-–—" or (nsp and c2 in "-–—ta") else None
    if (
        rt
        and rt.group(2)
        and text[rt.start() + 1] == "a"
        and not _BETWEEN.search(text, window_start, s)
    ):
        rt = None  # "X and Y" is a range only after "between"
    if rt and _to_float(rt.group(1) or rt.group(2)) < val:
        rt = None
    if rt:
        second = rt.group(1) or rt.group(2)
        e2 = rt.end()
        pm2 = _PERCENT.match(text, e2)
        if pm2:
            return _Fig(
                s,
                pm2.end(),
                "PERCENT",
                [_num_value(val / 100), _num_value(_to_float(second) / 100)],
                "fraction",
                _qualifier(text, s, False),
            )
        sc2 = _SCALE.match(text, e2)
        if sc2 and (sc2.group(1) or (sc2.group(2) and sc2.group(2).lower() in ("bn", "mn", "tn"))):
            k = _scale_of(sc2.group(1) or sc2.group(2))
            cw = _CUR_WORD_AFTER.match(text, sc2.end())
            if cw:
                cur = _cur_from_word(cw.group(0))
                return _Fig(
                    s,
                    cw.end(),
                    "MONEY",
                    [val * k, _to_float(second) * k],
                    cur,
                    _qualifier(text, s, False),
                )
        elif not sc2 and "," not in second:
            dr = _DURATION.match(text, e2)
            if dr and not dr.group(4) and len(core) < 4:
                code = _DURATIONS.get(dr.group(2).lower(), "Y")
                if code in ("Y", "M", "W", "D"):
                    v = [f"P{_num_value(val)}{code}", f"P{_num_value(_to_float(second))}{code}"]
                    unit = "age" if dr.group(3) else "duration"
                    return _Fig(s, _dur_end(dr), "DATE", v, unit, _qualifier(text, s, False))
            um2 = _UNIT.match(text, e2)
            if um2 and um2.group(1) and um2.start(1) > e2 and um2.group(1) != "points":
                unit = _UNITS.get(um2.group(1), um2.group(1))
                v = [_num_value(val), _num_value(_to_float(second))]
                return _Fig(s, um2.end(), "QUANTITY", v, unit, _qualifier(text, s, False))

    # ----- scale words ("5.7 million") -----
    k = 1.0
    end = e
    sc = _SCALE.match(text, e) if nxt in _G_SCALE or (sep and c2 in _G_SCALE) else None
    if sc:
        w = sc.group(1) or sc.group(2)
        wl = w.lower()
        glued = sc.start(2) == e if sc.group(2) else False
        if (
            sc.group(1)
            or (glued and wl in ("bn", "mn", "mln", "tn", "trn", "k"))
            or (glued and wl == "m" and _plural_after(text, sc.end()))
        ):
            k = _scale_of(w)
            end = sc.end()
    if suffix and end == e and suffix not in _GLUED_UNITS:
        return None

    # ----- currency words after ("248.6 billion yen") -----
    ch = text[end : end + 1]
    ch2 = text[end + 1 : end + 2]
    chsp = ch.isspace()
    cw = _CUR_WORD_AFTER.match(text, end) if ch in "cpCP" or (chsp and ch2 in _G_CUR_WORD) else None
    if cw:
        f = _cur_word_money(text, s, val, k, cw)
        if f:
            return f

    # ----- units of measure -----
    um = (
        _UNIT.match(text, end)
        if ch in _G_UNIT or ((chsp or ch == "-") and ch2 in _G_UNIT)
        else None
    )
    if um:
        f = _unit_quantity(text, s, end, val, k, um)
        if f:
            return f
    elif suffix and end == e:
        return None
    elif end == e and (chsp or ch == "-") and ch2 in _XUNIT_FIRST:
        f = _extra_quantity(text, s, e, val)  # "4 kelvin", "1 microsecond per day"
        if f:
            return f

    # ----- numeric durations ("12 months", "10-year") -----
    if k == 1.0:
        dm = _DURATION.match(text, e) if sep and c2 in _G_DURATION else None
        if dm and not (
            dm.group(1) == " " and len(core) == 4 and "," not in core and 1900 <= val <= 2099
        ):
            v, unit = _duration_value(dm, val)
            return _Fig(s, _dur_end(dm), "DATE", v, unit, _qualifier(text, s, False))

    # ----- FY ranges "2024-25" and plain years -----
    if is_int and len(core) == 4 and k == 1.0:
        y = int(core)
        if rt and rt.group(2) and (f := _year_to_year(text, s, core, rt, window_start)):
            return f  # "2024 to 2025 financial year"
        fr = _FY_RANGE.match(text, e) if nxt in "-–/" else None
        if fr and len(fr.group(1)) == 2 and 1900 <= y <= 2099:
            y2 = int(fr.group(1))
            if y2 == (y + 1) % 100:
                return _Fig(
                    s,
                    _fy_after_end(text, fr.end()),
                    "DATE",
                    f"FY{core}-{fr.group(1)}",
                    "fiscal_year",
                    _qualifier(text, s, True),
                )
            if y2 > y % 100:
                return _Fig(
                    s,
                    fr.end(),
                    "DATE",
                    f"{core}/{core[:2]}{fr.group(1)}",
                    "year_range",
                    _qualifier(text, s, True),
                )
        if 1900 <= y <= 2099 or (1500 <= y < 1900 and _L_DATE_PREP.search(text, window_start, s)):
            nw = _NEXT_WORDS.match(text, e) if nsp else None
            first = nw.group(1).split()[0] if nw else ""
            if not (first in _COUNT_NOUNS and not _L_DATE_PREP.search(text, window_start, s)):
                fy = _FY_AFTER.match(text, e) if nsp and c2 in "fF" else None
                if fy:
                    return _Fig(
                        s, fy.end(), "DATE", f"FY{core}", "fiscal_year", _qualifier(text, s, True)
                    )
                return _Fig(s, e, "DATE", core, "year", _qualifier(text, s, True))

    # ----- identifiers and names -----
    if k == 1.0 and _name_or_id(text, s, e, core, prev, window_start, nsp, c2):
        return None

    # ----- -plus / + qualifier ("50-plus", "50+") -----
    qual = _qualifier(text, s, False)
    pl = _PLUS.match(text, end) if ch in "-+" and ch else None
    if pl:
        qual = "-plus" if pl.group(0).startswith("-") else "+"

    if k == 1.0 and rt and rt.group(2) and (f := _word_range(text, s, e, core, val, rt, qual)):
        return f  # "90 to 95 person-days", "between 12 and 18 workers"

    # ----- bare-number ranges "10-15" -----
    if k == 1.0 and rt and rt.group(1):
        second = rt.group(1)
        e2 = rt.end()
        v2 = _to_float(second)
        if v2 > val and not (len(core) == 4 and 1900 <= val <= 2099) and not _SCALE.match(text, e2):
            return _Fig(
                s, e2, "CARDINAL", [_num_value(val), _num_value(v2)], _counted_noun(text, e2), qual
            )

    return _Fig(s, end, "CARDINAL", _num_value(val * k), _counted_noun(text, end), qual)


def _quarter_words(qm: re.Match, core: str, e: int) -> _Fig:
    """DATE for a year after quarter or half words ("the third quarter of 2025")."""
    w = qm.group(1).split()[0].lower()
    idx = _ORD_WORDS.get(w)
    kind = qm.group(2).lower()
    tag = ("Q" if kind == "quarter" else "H") + (str(idx) if idx else "")
    yv = f"FY{core}" if qm.group(3) else core
    return _Fig(
        qm.start(),
        e,
        "DATE",
        f"{yv}-{tag}",
        "quarter" if kind == "quarter" else "half_year",
    )


def _duration_value(dm: re.Match, val: float) -> tuple[str, str]:
    """ISO-8601 duration and unit for a ``_DURATION`` match after the number ``val``."""
    code = _DURATIONS.get(dm.group(2).lower(), "Y")
    if code.startswith("T"):
        v = f"PT{_num_value(val)}{code[1:]}"
    elif code == "10Y":
        v = f"P{_num_value(val * 10)}Y"
    elif code == "100Y":
        v = f"P{_num_value(val * 100)}Y"
    elif code == "Q":
        v = f"P{_num_value(val * 3)}M"
    else:
        v = f"P{_num_value(val)}{code}"
    unit = "duration"
    if dm.group(3):
        unit = "age"
    elif dm.group(4):
        unit = "relative " + dm.group(4).strip()
    return v, unit


def _name_or_id(text, s, e, core, prev, window_start, nsp, c2) -> bool:
    """Is the number an identifier or part of a name ("Section 301", "Llama 3", "60314")?"""
    if core.isdigit() and (len(core) >= 5 or (core[0] == "0" and len(core) > 1)):
        return True  # ids, zip codes, file numbers, "0123"
    # Only the last three words are read (pw[-1], pw[-2], pw[-3] and len(pw) up to 3).
    pw = text[window_start:s].rsplit(None, 3) if prev == " " else None
    if pw:
        w = pw[-1].lstrip("(")
        if w in _NAME_WORDS or w.rstrip(":") in _NAME_WORDS or w.rstrip(":") in _EXCHANGES:
            return True
        if w in _ID_WORDS:
            return True
        if w.endswith(_STREET_WORDS):
            return True  # "Sonnemannstrasse 20", "Main Street 5"
        if len(pw) >= 3 and w in ("of", "/") and pw[-3] in _PAGE_WORDS:
            return True
        if (
            2 <= len(w) <= 5
            and w.isupper()
            and w.isalpha()
            and w not in _CUR_CODES
            and w not in ("AND", "THE", "OF", "IN", "FOR", "TO", "BY", "WITH", "ON", "AT", "OVER")
        ):
            return True  # "FTSE 100", "CAC 40", "RTX 6000" style names
        if (
            len(pw) >= 2
            and w[:1].isupper()
            and w.isalpha()
            and not w.isupper()
            and w not in _CAP_STOP
            and not _month_num(w)
            and (len(core) <= 3 or ("." in core and len(core) <= 4))
            and "," not in core
            and not pw[-2].endswith((".", "!", "?", ":", '"', "”", "•", "-", "–", "—", "|"))
            and "\n" not in text[s - len(w) - 2 : s]
        ):
            nw = _NEXT_WORDS.match(text, e)
            first = nw.group(1).split()[0].lower() if nw else ""
            if first not in _COUNT_NOUNS and not _title_case_line(text, s):
                return True  # "Llama 3", "Gemini 2.5", "Boeing 787": numbers in names
    # "20 Main Street"
    return bool(nsp and "A" <= c2 <= "Z" and _STREET.match(text, e))


def _per_gate(text: str, i: int) -> bool:
    """Can a rate ("per barrel", "/day", "a day") start at ``i``? A necessary condition
    for _PER_UNIT and _PER_TIME: "p" or "/", or a space and then "p", "/" or "a"."""
    ch = text[i : i + 1]
    return ch in "p/" or (ch.isspace() and text[i + 1 : i + 2] in "p/a")


def _cur_word_money(text: str, s: int, val: float, k: float, cw: re.Match) -> _Fig | None:
    """MONEY for a currency word after the number ("248.6 billion yen"), if it is one."""
    word = cw.group(0).strip()
    if word.lower().startswith("pound") and k == 1.0:
        return None  # "200 pounds" is a weight
    cur = _cur_from_word(word)
    v = val * k
    if word.lower().startswith(("cent", "pence")):
        v = v / 100
    unit = cur
    pu = _PER_UNIT.match(text, cw.end()) if _per_gate(text, cw.end()) else None
    if pu:
        unit = f"{cur}/{pu.group(1) or pu.group(2)}"
    return _Fig(s, cw.end(), "MONEY", _num_value(v), unit, _qualifier(text, s, False))


def _unit_quantity(text: str, s: int, end: int, val: float, k: float, um: re.Match) -> _Fig | None:
    """QUANTITY for a unit of measure after the number ("14 nanometres"), if it is one."""
    ukey = um.group(1) or um.group(2)
    glued_unit = um.start(1) == end if um.group(1) else True
    if (ukey == "m" and k != 1.0) or not (
        um.group(1) is None or not glued_unit or ukey in _GLUED_UNITS
    ):
        return None
    uend = um.end()
    pt = _PER_TIME.match(text, uend) if _per_gate(text, uend) else None
    unit = _UNITS.get(ukey, ukey)
    if pt:
        uend = pt.end()
        unit = f"{unit}/{pt.group(1) or pt.group(2)}"
    return _Fig(s, uend, "QUANTITY", _num_value(val * k), unit, _qualifier(text, s, False))


def _title_case_line(text: str, s: int) -> bool:
    """Is the line holding ``s`` a Title Case headline ("Fed Signals 3 Cuts in 2026")?"""
    ls = text.rfind("\n", max(0, s - 200), s) + 1
    le = text.find("\n", s, s + 200)
    words = [w for w in text[ls : le if le >= 0 else s + 200].split() if w[:1].isalpha()]
    if len(words) < 4:
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps >= 0.75 * len(words)


def _plural_after(text: str, pos: int) -> bool:
    m = _NEXT_WORDS.match(text, pos)
    return bool(m and m.group(1).split()[0].endswith(("s", "people")))


def _cur_from_word(word: str) -> str:
    w = " ".join(word.split()).lower()
    if w.startswith(("cent", "pence")):
        return "GBP" if w.startswith("pence") else "USD"
    if w.endswith("pounds") and " " in w:
        return {"egyptian": "EGP", "lebanese": "LBP"}.get(w.split()[0], "GBP")
    if w.endswith("dollars"):
        pre = w[: -len("dollars")].strip()
        return {
            "hong kong": "HKD",
            "singapore": "SGD",
            "australian": "AUD",
            "canadian": "CAD",
            "new zealand": "NZD",
            "taiwan": "TWD",
        }.get(pre, "USD")
    if " " in w:
        w = w.rsplit(" ", 1)[-1]
    return _CUR_WORDS.get(w, "USD")


def _money(text, fs, s, e, val, cur, window_start, *, neg=False) -> _Fig:
    k = 1.0
    end = e
    # Gates (necessary conditions, as in _classify) skip the regexes that cannot match:
    # most amounts end in a space and a plain word, or in punctuation.
    nxt = text[e : e + 1]
    c2 = text[e + 1 : e + 2]
    nsp = nxt.isspace()
    sc = (
        _SCALE.match(text, e)
        if nxt in _G_SCALE or ((nsp or nxt == "-") and c2 in _G_SCALE)
        else None
    )
    if sc:
        w = sc.group(1) or sc.group(2)
        k = _scale_of(w)
        end = sc.end()
        k, end = _lakh_crore(text, end, k)
    # "$5-6 billion": the first end borrows the scale of the second.
    if k == 1.0 and (nxt in "-–—" or (nsp and c2 in "-–—ta")):
        rt = _RANGE_TAIL.match(text, e)
        if rt and rt.group(1):
            sc2 = _SCALE.match(text, rt.end())
            if sc2:
                k2 = _scale_of(sc2.group(1) or sc2.group(2))
                v2 = _to_float(rt.group(1))
                return _Fig(
                    fs,
                    sc2.end(),
                    "MONEY",
                    [_num_value(val * k2), _num_value(v2 * k2)],
                    cur,
                    _qualifier(text, fs, False),
                )
    unit = cur
    pu = _PER_UNIT.match(text, end) if _per_gate(text, end) else None
    if pu:
        unit = f"{cur}/{pu.group(1) or pu.group(2)}"
    v = val * k
    if neg:
        v = -v
    return _Fig(fs, end, "MONEY", _num_value(v), unit, _qualifier(text, fs, False))


def _fiscal(text: str, fs: int, s: int, e: int, core: str) -> _Fig | None:
    if "." in core or "," not in core and len(core) not in (2, 4):
        return None
    if "," in core:
        return None
    year = _fy(core)
    end = e
    fr = _FY_RANGE.match(text, e)
    val = f"FY{year}"
    if fr:
        other = fr.group(1)
        val = f"FY{year}-{other}"
        end = fr.end()
    else:
        end, val = _fiscal_to(text, end, val, year)
    return _Fig(fs, end, "DATE", val, "fiscal_year", _qualifier(text, fs, True))


def _ordinal(text: str, s: int, e: int, core: str, window_start: int) -> _Fig | None:
    if not core.isdigit():
        return None
    cm = _CENTURY.match(text, e)
    if cm:
        return _Fig(s, cm.end(), "DATE", f"C{core}", "century", _qualifier(text, s, True))
    om = _ORDINAL.match(text, e)
    if not om:
        return None
    val = int(core)
    mm = _L_MONTH.search(text, max(window_start, s - 12), s) if text[s - 1 : s] == " " else None
    if mm and 1 <= val <= 31:
        mo = _month_num(mm.group(1))
        ym = _MONTH_DAY_YEAR.match(text, e)
        if ym:
            return _Fig(
                mm.start(),
                ym.end(),
                "DATE",
                f"{ym.group(1)}-{mo:02d}-{val:02d}",
                "day",
                _qualifier(text, mm.start(), True),
            )
        return _Fig(
            mm.start(),
            om.end(),
            "DATE",
            f"--{mo:02d}-{val:02d}",
            "day",
            _qualifier(text, mm.start(), True),
        )
    if 1 <= val <= 31:
        dm = _DAY_MONTH.match(text, e)
        if dm:
            mo = _month_num(dm.group(1))
            v = f"{dm.group(2)}-{mo:02d}-{val:02d}" if dm.group(2) else f"--{mo:02d}-{val:02d}"
            return _Fig(s, dm.end(), "DATE", v, "day", _qualifier(text, s, True))
    return _Fig(s, om.end(), "ORDINAL", val, "ordinal")


def _time(text, s, end, h, mi, ampm, tz) -> _Fig:
    if not tz and (tw := _tz_words(text, end)):
        end, tz = tw  # "14:00 local time"
    if ampm:
        h = h % 12 + (12 if ampm.lower() == "p" else 0)
    unit = f"time {tz}" if tz else "time"
    return _Fig(s, end, "DATE", f"{h:02d}:{mi:02d}", unit)


def _clock_ampm(text: str, s: int, e: int, core: str) -> _Fig | None:
    m = _AMPM.match(text, e)
    if not m:
        return None
    ap = m.group(1) or m.group(3)
    tz = m.group(2) or m.group(4)
    hh, _, mm = core.partition(".")
    if not hh.isdigit() or (mm and (len(mm) != 2 or int(mm) > 59)):
        return None
    h = int(hh)
    if h > 12:
        return None
    h = h % 12 + (12 if ap.lower() == "p" else 0)
    end = m.end()
    if not tz and (tw := _tz_words(text, end)):
        end, tz = tw  # "5 p.m. Eastern Time"
    return _Fig(s, end, "DATE", f"{h:02d}:{mm or '00'}", f"time {tz}" if tz else "time")


_UPPER_QUOTE = frozenset('ABCDEFGHIJKLMNOPQRSTUVWXYZ"“‘( \t')
_ASCII_RUN = re.compile(r"[A-Za-z]+")
# The letters and the one character after them, in one match.
_ASCII_RUN_NEXT = re.compile(r"([A-Za-z]+)(.?)", re.DOTALL)
_LOWER_NOT_S = frozenset("abcdefghijklmnopqrtuvwxyz")


def _lead_run(word: str) -> str:
    m = _ASCII_RUN.match(word)
    return m.group(0).lower() if m else ""


# Lower-cased first letter-run of every word a right-context rule can start with after a
# space (percent, scale, currency word, unit, duration, "fiscal year"). A superset is
# safe: a word found here only sends the number down the full rule walk.
_AFTER_WORDS = {
    "per",
    "percent",
    "pct",
    "percentage",
    "trillion",
    "billion",
    "million",
    "thousand",
    "crore",
    "crores",
    "lakh",
    "lakhs",
    "tril",
    "bil",
    "us",
    "u",
    "hong",
    "singapore",
    "australian",
    "canadian",
    "new",
    "taiwan",
    "british",
    "uk",
    "egyptian",
    "lebanese",
    "japanese",
    "chinese",
    "indian",
    "pakistani",
    "south",
    "korean",
    "saudi",
    "swiss",
    "pounds",
    "cent",
    "cents",
    "pence",
    "fiscal",
    "financial",
    "to",
    "and",
    *(_lead_run(w) for w in _CUR_WORDS),
    *_DURATIONS,
    "centuries",
} - {""}
_AFTER_ANY = _AFTER_WORDS | {_lead_run(u) for u in _UNITS} - {""}
# ... after a 4-digit number: a time zone ("0725 GMT").
_AFTER_HHMM = {t.lower() for t in _TZ} | {"hrs", "hours"}
_FOLDS = frozenset("\u017f\u212a\u0130\u0131")
_PCT_RUNS = {"per", "percent", "pct", "percentage"}
_SCALE_RUNS = {"trillion", "billion", "million", "thousand", "crore", "crores", "lakh", "lakhs"}
_DAY_MONTH_RUNS = {_lead_run(m) for m in (*_MONTH_NAMES, *_MONTH_ABBR)} | {"of"}
_AMPM_RUNS = {"a", "p", "am", "pm"}
# Units after a space ("14 nanometres", "500,000 bpd"), minus any word another rule
# reads first (currency words such as "pounds", scale words, durations, ...).
_UNIT_RUNS = _AFTER_ANY - _AFTER_WORDS - _DAY_MONTH_RUNS - _AMPM_RUNS - _AFTER_HHMM
_NONLETTER_OK = frozenset(" \t\n,.;:!?()[]\"'0123456789")
# Currency words after a number ("52 cents", "2,987 yen", "5 Swiss francs"): the rest of
# _AFTER_WORDS once percent, scale, duration, range and fiscal words are taken out.
_CUR_RUNS = (
    _AFTER_WORDS
    - _PCT_RUNS
    - _SCALE_RUNS
    - set(_DURATIONS)
    - {"centuries", "to", "and", "fiscal", "financial", "tril", "bil"}
)


def _fast(text: str, s: int, e: int, core: str, prev: str, nxt: str, body: int):  # noqa: C901
    """The common shapes, decided without the full rule walk: ``12%``, ``in 2024``, ``300 users``.

    Called only for a plain digit run (digits, commas, one decimal point) inside the
    body, with a space or a currency sign before it and a "safe" character after it
    (space, comma, semicolon, ``)``, ``%`` or a sentence-final period). It replays, in
    the same order and with the same tests, every rule of :func:`_classify` that can
    apply to such a run; where a rare rule would need more context it gives up
    (returns ``None``) and the caller runs :func:`_classify`. So it returns exactly
    what :func:`_classify` would, or ``None``. Returns
    ``(start, end, label, value, unit, qualifier)``.
    """
    lc = len(core)
    if nxt in ".)" and lc <= 2 and _L_ENUM.search(text, max(body, s - 8), s):
        return None  # list enumerators ("1." / "2)" at the start of a line)
    if nxt in "'’\"”":
        return None  # decades ("1990's"), quotes
    c2 = text[e + 1 : e + 2]
    if (
        "." in core
        and lc <= 5
        and nxt in " \t"
        and c2 in _UPPER_QUOTE
        and _L_ENUM.search(text, max(body, s - 8), s)
    ):
        return None  # paragraph numbers "1.2 The Committee" at the start of a line
    val = float(core.replace(",", ""))
    if prev != " ":
        # A currency sign right before: "$5.2 billion", "£503.4 billion". Only "$" ends
        # a longer symbol ("US$", "HK$", "U.S.$"), and only after one of these letters.
        if prev != "$" or s - 1 == body or text[s - 2] not in "S.ACUKZTR":
            f = _money(text, s - 1, s, e, val, _CUR_SYMBOL[prev], body)
            return (f.s, f.e, "MONEY", f.value, f.unit, f.qualifier)
        cm = _L_CURRENCY.search(text, max(body, s - 9), s)
        if cm is None:
            return None
        sym = cm.group(1) or cm.group(2) or cm.group(3)
        cur = _CUR_SYMBOL.get(sym.rstrip(".") if sym.startswith("Rs") else sym) or sym
        if sym in _CUR_CODES:
            cur = "CNY" if sym == "RMB" else sym
        f = _money(text, cm.start(), s, e, val, cur, body, neg=bool(cm.group(4)))
        return (f.s, f.e, "MONEY", f.value, f.unit, f.qualifier)
    # After "<lower-case letter other than s> " there is no currency code or sign.
    if text[s - 2] not in _LOWER_NOT_S:
        ctail = text[max(body, s - 6) : s - 1].rstrip(".")
        if ctail and (
            ctail[-1] in _CUR_CHARS or ctail[-2:].isupper() or ctail.endswith(("Rs", "RM"))
        ):
            cm = _L_CURRENCY.search(text, max(body, s - 9), s)
            if cm:  # a currency code before ("USD 5", "Rs 300")
                sym = cm.group(1) or cm.group(2) or cm.group(3)
                cur = _CUR_SYMBOL.get(sym.rstrip(".") if sym.startswith("Rs") else sym) or sym
                if sym in _CUR_CODES:
                    cur = "CNY" if sym == "RMB" else sym
                f = _money(text, cm.start(), s, e, val, cur, body, neg=bool(cm.group(4)))
                return (f.s, f.e, "MONEY", f.value, f.unit, f.qualifier)
    if nxt == "%":
        return (s, e + 1, "PERCENT", _num_value(val / 100), "fraction", _qualifier(text, s, False))
    nsp = nxt in " \t\n"
    run = raw = after = ""
    kind = ""
    if nsp and c2 and c2 not in _NONLETTER_OK:
        rm = _ASCII_RUN_NEXT.match(text, e + 1)
        if rm is None:
            return None  # "%", dashes, "°", non-ASCII: leave it to the full walk
        raw, after = rm.groups()
        if after in _FOLDS:
            return None  # a letter re.IGNORECASE folds to ASCII ("ſ", Kelvin sign)
        run = raw.lower()
        if run in _AFTER_ANY:
            if run in _PCT_RUNS:
                if nxt != " ":
                    return None
                pm = _PERCENT.match(text, e)
                if pm is None:
                    return None
                unit = "percentage_point" if pm.group(2) else "fraction"
                return (
                    s,
                    pm.end(),
                    "PERCENT",
                    _num_value(val / 100),
                    unit,
                    _qualifier(text, s, False),
                )
            if run in _SCALE_RUNS:
                kind = "scale"
            elif run in _DURATIONS:
                kind = "duration"
            elif run == "to" or run == "and":
                if _RANGE_TAIL.match(text, e):
                    return None  # "5 to 10 years", "between 12 and 18 percent"
            elif run in _UNIT_RUNS:
                kind = "unit"
            elif run in _CUR_RUNS:
                kind = "currency"
            else:
                return None
        elif raw in _XUNIT_RUNS:
            return None  # a unit word outside _UNITS ("4 kelvin"): full walk
    is_int = core.isdigit()
    if is_int:
        w40 = text[max(body, s - _L_WINDOW) : s]
        if lc == 4 and ("uarter" in w40 or "alf" in w40 or "UARTER" in w40):
            qm = _L_QUARTER_WORDS.search(text, max(body, s - _L_WINDOW), s)
            if qm:  # "the third quarter of 2025"
                f = _quarter_words(qm, core, e)
                return (f.s, f.e, f.label, f.value, f.unit, f.qualifier)
        w24 = w40[-24:]
        if "iscal" in w24 or "FY" in w24 or "CY" in w24 or "inancial" in w24:
            fm = _L_FISCAL.search(text, max(body, s - _L_WINDOW), s)
            if fm and lc in (2, 4):  # "fiscal 2026", "FY 2025"
                f = _fiscal(text, fm.start(), s, e, core)
                return (f.s, f.e, f.label, f.value, f.unit, f.qualifier) if f else False
        if text[s - 4 : s - 1] in _G_MONTH_END:  # each ends in a letter or "."
            mm = _L_MONTH.search(text, max(body, s - 12), s)
            if mm:
                ms = mm.start()
                mo = _month_num(mm.group(1))
                if lc == 4:
                    if not 1000 <= val <= 2199:
                        return None
                    if ms > body and text[ms - 1] in " –—-":
                        t16 = text[max(body, ms - 16) : ms]
                        if (
                            "-" in t16
                            or "–" in t16
                            or "—" in t16
                            or "to" in t16
                            or "through" in t16
                        ) and _L_MONTH_RANGE.search(text, max(body, ms - 16), s):
                            return None  # month ranges ("July–September 2025")
                    return (ms, e, "DATE", f"{core}-{mo:02d}", "month", _qualifier(text, ms, True))
                if lc > 2 or not 1 <= val <= 31 or run in ("to", "through", "and"):
                    return None
                d = int(val)
                ym = _MONTH_DAY_YEAR.match(text, e)
                if ym:
                    v = f"{ym.group(1)}-{mo:02d}-{d:02d}"
                    return (ms, ym.end(), "DATE", v, "day", _qualifier(text, ms, True))
                return (ms, e, "DATE", f"--{mo:02d}-{d:02d}", "day", _qualifier(text, ms, True))
        if lc == 4:
            if text[s - 3 : s - 1] in _QTOKENS:
                return None
            if run in _AFTER_HHMM:
                if int(core[:2]) <= 23 and int(core[2:]) <= 59:
                    mt = _MIL_TZ.match(text, e)
                    if mt and mt.group(1) in _TZ:  # "1430 GMT"
                        return (
                            s,
                            mt.end(),
                            "DATE",
                            f"{core[:2]}:{core[2:]}",
                            f"time {mt.group(1)}",
                            None,
                        )
                return None
        elif lc <= 2:
            if 1 <= val <= 31 and run in _DAY_MONTH_RUNS:
                dm = _DAY_MONTH.match(text, e)
                if dm:  # "5 March", "5 of March 2025"
                    mo = _month_num(dm.group(1))
                    d = int(val)
                    v = f"{dm.group(2)}-{mo:02d}-{d:02d}" if dm.group(2) else f"--{mo:02d}-{d:02d}"
                    return (s, dm.end(), "DATE", v, "day", _qualifier(text, s, True))
            if run in _AMPM_RUNS and val <= 12:
                # "5 p.m.": the clock rule decides, as in the full walk, once it matches
                if _AMPM.match(text, e) is None:
                    return None
                f = _clock_ampm(text, s, e, core)
                return (f.s, f.e, f.label, f.value, f.unit, f.qualifier) if f else False
    elif (
        lc in (4, 5)
        and core[-3:-2] == "."
        and nxt == " "
        and (run in _AMPM_RUNS or run in _AFTER_HHMM)
    ):
        return None  # "10.25 a.m.", "09.00 GMT"
    if kind == "scale":
        sc = _SCALE.match(text, e)
        if sc is None or sc.group(1) is None:
            return None
        k = _scale_of(sc.group(1))
        end = sc.end()
        ch = text[end : end + 1]
        ch2 = text[end + 1 : end + 2]
        chsp = ch.isspace()
        if ch in "cpCP" or (chsp and ch2 in _G_CUR_WORD):
            cw = _CUR_WORD_AFTER.match(text, end)
            if cw:  # "248.6 billion yen"
                f = _cur_word_money(text, s, val, k, cw)
                return (f.s, f.e, f.label, f.value, f.unit, f.qualifier) if f else None
        if ch in _G_UNIT or ((chsp or ch == "-") and ch2 in _G_UNIT):
            um = _UNIT.match(text, end)
            if um:  # "5 million barrels"
                f = _unit_quantity(text, s, end, val, k, um)
                return (f.s, f.e, f.label, f.value, f.unit, f.qualifier) if f else None
        if ch in "-+" and ch:
            return None  # "-plus", "+"
        return (
            s,
            end,
            "CARDINAL",
            _num_value(val * k),
            _counted_noun(text, end),
            _qualifier(text, s, False),
        )
    if kind == "unit":
        um = _UNIT.match(text, e)
        f = _unit_quantity(text, s, e, val, 1.0, um) if um else None
        return (f.s, f.e, f.label, f.value, f.unit, f.qualifier) if f else None
    if kind == "currency":
        cw = _CUR_WORD_AFTER.match(text, e)
        f = _cur_word_money(text, s, val, 1.0, cw) if cw else None
        return (f.s, f.e, f.label, f.value, f.unit, f.qualifier) if f else None
    if kind == "duration":
        dm = _DURATION.match(text, e)
        if dm is None or (dm.group(1) == " " and lc == 4 and 1900 <= val <= 2099 and is_int):
            return None
        v, unit = _duration_value(dm, val)
        return (s, _dur_end(dm), "DATE", v, unit, _qualifier(text, s, False))
    if is_int and lc == 4:
        y = int(core)
        if 1500 <= y < 1900:
            return None
        if 1900 <= y <= 2099:
            if raw:
                # the next word, as _NEXT_WORDS would read it: the letters plus any
                # word characters glued to them
                if raw in _COUNT_NOUNS and not (after and (after.isalnum() or after in "_’'-")):
                    return None  # "2000 troops": a count, not a year
            elif nsp:
                nw = _NEXT_WORDS.match(text, e)
                if nw and nw.group(1).split()[0] in _COUNT_NOUNS:
                    return None
            return (s, e, "DATE", core, "year", _qualifier(text, s, True))
    if _name_or_id(text, s, e, core, prev, max(body, s - _L_WINDOW), nsp, c2):
        return False  # an identifier or a number in a name: not a figure
    return (s, e, "CARDINAL", _num_value(val), _counted_noun(text, e), _qualifier(text, s, False))


# Spans are built field by field through the slot descriptors: the frozen dataclass
# ``__init__`` goes through ``object.__setattr__`` once per field and is the single
# biggest fixed cost per figure. This is only the same object when Span is exactly these
# slots and nothing else runs in ``__init__``; the import fails loudly otherwise (and
# ``test_spans_built_field_by_field_equal_the_constructor`` compares the two).
_SPAN_FIELDS = (
    "start",
    "end",
    "text",
    "label",
    "kind",
    "value",
    "unit",
    "canonical",
    "measures",
    "qualifier",
    "origin",
)
if Span.__slots__ != _SPAN_FIELDS or hasattr(Span, "__post_init__"):
    raise ImportError("tui.model.Span changed: update _SPAN_FIELDS in figures.py")
_SPAN_SETTERS = tuple(getattr(Span, f).__set__ for f in _SPAN_FIELDS)


def find_figures(text: str, *, start: int = 0) -> list[Span]:
    """Figures in ``text[start:]`` (never inside a leading ``Source:`` header), sorted."""
    body = max(start, body_start(text))
    n = len(text)
    out: list[Span] = []
    append = out.append
    (
        set_start,
        set_end,
        set_text,
        set_label,
        set_kind,
        set_value,
        set_unit,
        set_canonical,
        set_measures,
        set_qualifier,
        set_origin,
    ) = _SPAN_SETTERS
    new_span = object.__new__
    last_end = body
    for m in _CORE.finditer(text, body):
        s = m.start()
        if s < last_end:
            continue
        e = m.end(1)
        core = text[s:e]
        prev = text[s - 1] if s > body else " "
        nxt = text[e] if e < n else " "
        plain = True
        if nxt == "-" and len(core) <= 2 and core.isdigit():
            mf = _MIXED_FRAC.match(text, e)
            if mf and int(mf.group(1)) < int(mf.group(2)):
                e = mf.end()
                core = text[s:e]
                nxt = text[e] if e < n else " "
                plain = False
        if (
            nxt in _THIN
            and len(core) <= 3
            and "0" <= text[e + 1 : e + 2] <= "9"
            and core.isdigit()
            and not (prev in _THIN and text[s - 2 : s - 1].isdigit())
        ):
            sg = _SPACE_GROUPS.match(text, e)
            if sg:  # "11 900 troops": thousands separated by spaces
                e = sg.end()
                core = text[s:e]
                nxt = text[e] if e < n else " "
                plain = False
        if nxt == "," and m.end() > e + 3 and _indian_end(text, s):
            e = _indian_end(text, s)  # "3,06,137": Indian lakh/crore grouping
            core = text[s:e]
            nxt = text[e] if e < n else " "
            plain = False
        if core[0] == "0" and len(core) >= 3 and core.isdigit():
            ph = _PHONE_LOCAL.match(text, s)
            if ph:
                last_end = ph.end()
                continue
        if not (
            prev in _SAFE_PREV
            and (nxt in _SAFE_NEXT or (nxt == "." and text[e + 1 : e + 2] in ("", " ", "\n")))
        ):
            se = _skip_end(text, s, body, prev, nxt)
            if se:
                last_end = se
                continue
        elif plain and (prev == " " or prev in _CUR_CHARS) and s > body and e < n:
            t = _fast(text, s, e, core, prev, nxt, body)
            if t is False:
                last_end = e  # decided: not a figure (nxt is a space or punctuation)
                continue
            if t is not None:
                fs, fe, label, value, unit, qual = t
                if fs < last_end:
                    continue
                sp = new_span(Span)
                set_start(sp, fs)
                set_end(sp, fe)
                set_text(sp, text[fs:fe])
                set_label(sp, label)
                set_kind(sp, "figure")
                set_value(sp, value)
                set_unit(sp, unit)
                set_canonical(sp, None)
                set_measures(sp, _measures_for(text, fs, fe))
                set_qualifier(sp, qual)
                set_origin(sp, "rule")
                append(sp)
                last_end = fe
                continue
        fig = _classify(text, s, e, core, body)
        if fig is None:
            if nxt.isalnum() or (nxt in "._/" and text[e + 1 : e + 2].isalnum()):
                # Skip the rest of a glued token ("IMG_1234_5678", "v1.2.3").
                tm = _GLUED_TOKEN.match(text, e)
                last_end = tm.end() if tm else e
            elif nxt in "-–":
                rr = _RANGE_REST.match(text, e)
                last_end = rr.end() if rr else e  # "pp. 101-112", "Nos. 3-5"
            else:
                last_end = e
            continue
        if fig.s < last_end or fig.s < body:
            continue
        fs = fig.s
        fe = fig.e
        sp = new_span(Span)
        set_start(sp, fs)
        set_end(sp, fe)
        set_text(sp, text[fs:fe])
        set_label(sp, fig.label)
        set_kind(sp, "figure")
        set_value(sp, fig.value)
        set_unit(sp, fig.unit)
        set_canonical(sp, None)
        set_measures(sp, _measures_for(text, fs, fe))
        set_qualifier(sp, fig.qualifier)
        set_origin(sp, "rule")
        append(sp)
        last_end = fe
    return _drop_identifiers(text, out)


# --- identifiers that look like figures --------------------------------------------
#: Citation volumes: "90 FR 37614", "49 CFR 395", "5 U.S.C. 601", "136 Stat. 1818".
_CITATION_AFTER = re.compile(r" (?:FR|CFR|C\.F\.R\.|U\.S\.C\.?|USC|Stat\.) (?:[Pp]art |§+ ?)?\d")
#: After a hyphen: the rest of a document or control number ("2025-14732", "2126-0062",
#: "2126-AC57"), not a range ("2024-25", "2025-2026") or a compound ("40-year").
_ID_TAIL = re.compile(r"-(?:\d{5,}|0\d{2,}|[A-Z]{1,3}\d)")
#: Words after which a number is a document number: "OMB Control Number 2126", "Doc. 12".
_ID_BEFORE = re.compile(r"(?:\bNumber|\bRIN|\bDoc\.|\bDocket(?: No\.)?|\bNos?\.) $")
#: A numbered paragraph: "2 Retail participation has grown quickly. ..." (a long line).
_PARA_NUMBER = re.compile(r"[0-9]{1,2} [A-Z][a-z]")


def _drop_identifiers(text: str, figs: list[Span]) -> list[Span]:
    """Drop numbers that identify rather than measure (SCHEME: identifiers, citation
    markers and list enumerators are not figures).

    ``_name_or_id`` decides most identifiers before a figure is built, but only on the
    full walk; these shapes are read off the finished spans instead, so that the fast
    path and the full walk are covered in one place, and only on the few figures whose
    neighbours can hold such a cue (a hyphen, a citation, a line start)."""
    n = len(text)
    keep = []
    for f in figs:
        s, e = f.start, f.end
        nxt = text[e] if e < n else ""
        if nxt == " " and f.label == "CARDINAL" and _CITATION_AFTER.match(text, e):
            continue
        if nxt == "-" and _ID_TAIL.match(text, e):
            continue
        if text[s - 1 : s] == " " and _ID_BEFORE.search(text, max(0, s - 16), s):
            continue
        if (
            f.label == "CARDINAL"
            and (s == 0 or text[s - 1] == "\n")
            and _PARA_NUMBER.match(text, s)
            and text.find("\n", s, s + 120) < 0
            and e - s <= 2
        ):
            continue
        if (
            f.label == "CARDINAL"
            and text[s - 5 : s] in ("week ", "Week ")
            and e - s <= 2
            and f.value is not None
            and 1 <= f.value <= 53
        ):
            f = _week(text, f)
        keep.append(f)
    return keep


_YEAR_BEFORE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


def _week(text: str, f: Span) -> Span:
    """ "epidemiological week 37", "in week 34": a calendar week (DATE ``2025-W37``, the
    year taken from the nearest year written before it, if any)."""
    s = f.start - 5
    years = _YEAR_BEFORE.findall(text, max(0, s - 1500), s)
    week = f"W{int(f.value):02d}"
    return Span(
        s,
        f.end,
        text[s : f.end],
        "DATE",
        "figure",
        value=f"{years[-1]}-{week}" if years else week,
        unit="week",
        measures=f.measures,
        qualifier=f.qualifier,
    )


# --- general formats of news and government pages (additive rules) -------------------
# Each is reached from a one-line hook in the code above and only runs on the rarer
# shapes (a comma group of two digits, a "to" range, a unit word outside _UNITS, ...).

# Indian digit grouping: "3,06,137" (lakh and crore groups of two digits, then three).
_INDIAN_NUM = re.compile(r"[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?![0-9]|,[0-9])(?:\.[0-9]+)?")


def _indian_end(text: str, s: int) -> int:
    """End of an Indian-grouped number starting at ``s`` ("12,34,567"), else 0."""
    m = _INDIAN_NUM.match(text, s)
    return m.end() if m else 0


_LAKH_CRORE = re.compile(r"\s(?:crores?|cr\.?)(?![A-Za-z])")


def _lakh_crore(text: str, end: int, k: float) -> tuple[float, int]:
    """ "₹2.5 lakh crore": a lakh of crores (1e12); otherwise ``k`` and ``end`` unchanged."""
    if k == 1e5:
        m = _LAKH_CRORE.match(text, end)
        if m:
            return 1e12, m.end()
    return k, end


# "financial year 2025 to 2026", "2024 to 2025 financial year", "in 2024 to 2025".
_FY_TO = re.compile(r"\sto\s([12][0-9]{3})(?![0-9.,]?[0-9])")
_FY_TO_PREP = re.compile(
    r"(?<![A-Za-z])(?:in|In|for|For|during|During|years?|and)\s$|\n[ \t]*(?:[-•*]\s*)?$"
)


def _fy_after_end(text: str, end: int) -> int:
    """End of a "financial year"/"fiscal year" right after a fiscal-year range, else ``end``."""
    if text[end : end + 1] == " " and text[end + 1 : end + 2] in "fF":
        m = _FY_AFTER.match(text, end)
        if m:
            return m.end()
    return end


def _fiscal_to(text: str, end: int, val: str, year: str) -> tuple[int, str]:
    """Extend a fiscal year to a GOV.UK-style "<year> to <next year>" range."""
    m = _FY_TO.match(text, end) if len(year) == 4 and year.isdigit() else None
    if m and int(m.group(1)) == int(year) + 1:
        return m.end(), f"FY{year}-{m.group(1)[2:]}"
    return end, val


def _year_to_year(text: str, s: int, core: str, rt: re.Match, window_start: int) -> _Fig | None:
    """One fiscal-year DATE for "2024 to 2025" followed by "financial year" or after "in"."""
    second = rt.group(2)
    if not second or len(second) != 4 or not second.isdigit() or int(second) != int(core) + 1:
        return None
    if text[rt.start() + 1 : rt.start() + 3] != "to":
        return None
    val = f"FY{core}-{second[2:]}"
    fy = _FY_AFTER.match(text, rt.end())
    if fy:
        return _Fig(s, fy.end(), "DATE", val, "fiscal_year", _qualifier(text, s, True))
    if _FY_TO_PREP.search(text, window_start, s):
        return _Fig(s, rt.end(), "DATE", val, "fiscal_year", _qualifier(text, s, True))
    return None


# Units of measure outside _UNITS: SI units with any prefix, and common others.
_SI_PREFIX = {
    "yotta": "Y",
    "zetta": "Z",
    "exa": "E",
    "peta": "P",
    "tera": "T",
    "giga": "G",
    "mega": "M",
    "kilo": "k",
    "hecto": "h",
    "deca": "da",
    "deka": "da",
    "deci": "d",
    "centi": "c",
    "milli": "m",
    "micro": "µ",
    "nano": "n",
    "pico": "p",
    "femto": "f",
    "atto": "a",
}
# base unit -> (symbol, usable without a prefix)
_SI_BASE = {
    "metre": ("m", True),
    "meter": ("m", True),
    "gram": ("g", True),
    "second": ("s", False),
    "ampere": ("A", True),
    "amp": ("A", True),
    "kelvin": ("K", True),
    "mole": ("mol", False),
    "candela": ("cd", True),
    "hertz": ("Hz", True),
    "newton": ("N", True),
    "pascal": ("Pa", True),
    "joule": ("J", True),
    "watt": ("W", True),
    "coulomb": ("C", True),
    "volt": ("V", True),
    "farad": ("F", True),
    "ohm": ("ohm", True),
    "siemens": ("S", False),
    "weber": ("Wb", True),
    "tesla": ("T", False),
    "henry": ("H", False),
    "lumen": ("lm", True),
    "lux": ("lx", True),
    "becquerel": ("Bq", True),
    "gray": ("Gy", False),
    "sievert": ("Sv", True),
    "katal": ("kat", True),
    "litre": ("L", True),
    "liter": ("L", True),
    "tonne": ("t", True),
    "ton": ("t", False),
    "electronvolt": ("eV", True),
    "bar": ("bar", False),
    "byte": ("B", True),
    "bit": ("bit", False),
    "calorie": ("cal", True),
    "watt-hour": ("Wh", True),
    "flop": ("FLOP", False),
}
_NO_PLURAL = {"hertz", "lux", "siemens"}
_OTHER_UNITS = {
    "yard": "yd",
    "pint": "pt",
    "pints": "pt",
    "quart": "qt",
    "quarts": "qt",
    "bushels": "bu",
    "furlongs": "furlong",
    "fathoms": "fathom",
    "psi": "psi",
    "horsepower": "hp",
    "Btu": "BTU",
    "BTU": "BTU",
    "therms": "therm",
    "carats": "ct",
    "carat": "ct",
    "knot": "knot",
    "microns": "µm",
    "micron": "µm",
    "light-years": "ly",
    "light-year": "ly",
    "parsecs": "pc",
    "parsec": "pc",
    "Celsius": "degC",
    "Fahrenheit": "degF",
    "centigrade": "degC",
    "kilocalories": "kcal",
    "decibel": "dB",
    "acre-feet": "acre_ft",
    "mAh": "mAh",
}
_OTHER_UNITS2 = {
    "light years": "ly",
    "light year": "ly",
    "fluid ounces": "fl_oz",
    "astronomical units": "au",
    "degrees centigrade": "degC",
    "degrees kelvin": "K",
    "square yards": "yd2",
    "cubic yards": "yd3",
    "cubic kilometres": "km3",
    "cubic kilometers": "km3",
    "British thermal units": "BTU",
}


def _extra_unit_table() -> dict[str, str]:
    out = dict(_OTHER_UNITS)
    for base, (sym, bare) in _SI_BASE.items():
        forms = [(base, sym)] if bare else []
        forms += [(p + base, ps + sym) for p, ps in _SI_PREFIX.items()]
        for w, u in forms:
            out[w] = u
            if base not in _NO_PLURAL:
                out[w.replace("-hour", "-hours") if "-hour" in w else w + "s"] = u
    return {w: u for w, u in out.items() if w not in _UNITS}


_XUNITS = _extra_unit_table()
# Leading letter run of each unit word, as _fast reads the word after a number.
_XUNIT_RUNS = frozenset(
    _ASCII_RUN.match(w).group(0) for w in (*_XUNITS, *_OTHER_UNITS2) if _ASCII_RUN.match(w)
)
_XUNIT_FIRST = frozenset(w[0] for w in _XUNIT_RUNS)
_XWORD = re.compile(r"(?:\s|-)([A-Za-z]+(?:-[A-Za-z]+)*)(?![0-9])")
_XWORD2 = re.compile(r"\s([A-Za-z]+)(?![A-Za-z0-9])")


def _extra_unit(text: str, end: int) -> tuple[int, str] | None:
    """End and canonical unit of a unit word outside _UNITS right after ``end`` ("4 kelvin")."""
    m = _XWORD.match(text, end)
    if m is None or m.group(1)[0] not in _XUNIT_FIRST:
        return None
    w = m.group(1)
    unit = _XUNITS.get(w)
    uend = m.end()
    if unit is None:
        m2 = _XWORD2.match(text, uend)
        if m2 is None:
            return None
        unit = _OTHER_UNITS2.get(w + " " + m2.group(1))
        if unit is None:
            return None
        uend = m2.end()
    pt = _PER_TIME.match(text, uend)
    if pt:
        return pt.end(), f"{unit}/{pt.group(1) or pt.group(2)}"
    return uend, unit


def _extra_quantity(text: str, s: int, e: int, val: float) -> _Fig | None:
    """QUANTITY for a number followed by a unit word outside _UNITS ("4 kelvin")."""
    xu = _extra_unit(text, e)
    if xu is None:
        return None
    return _Fig(s, xu[0], "QUANTITY", _num_value(val), xu[1], _qualifier(text, s, False))


def _dur_end(dm: re.Match) -> int:
    """End of a duration: "15 years old" stops before " old" (hyphenated "-old" stays)."""
    g = dm.group(3)
    return dm.start(3) if g and g[0] != "-" else dm.end()


# Stock codes in parentheses after a name: "TSMC (2330)", "Toyota Motor (7203)".
def _stock_code(text: str, s: int, core: str, body: int) -> bool:
    if not core.isdigit() or not 4 <= len(core) <= 6 or 1900 <= int(core) <= 2099:
        return False
    if s - 3 < body or text[s - 2] != " ":
        return False
    k = text.rfind(" ", max(body, s - 40), s - 2)
    word = text[k + 1 : s - 2]
    return word[:1].isupper() and word.replace("&", "").replace(".", "").isalnum()


# Count ranges joined by "to" (or "between ... and"): "90 to 95 person-days".
def _word_range(
    text: str, s: int, e: int, core: str, val: float, rt: re.Match, qual
) -> _Fig | None:
    second = rt.group(2)
    if not second:
        return None
    v2 = _to_float(second)
    if v2 <= val or (len(core) == 4 and 1900 <= val <= 2099):
        return None
    e2 = rt.end()
    lo, hi = _num_value(val), _num_value(v2)
    sc2 = _SCALE.match(text, e2)
    if sc2:
        if not sc2.group(1):
            return None
        k2 = _scale_of(sc2.group(1))
        e3 = sc2.end()
        lo, hi = _num_value(val * k2), _num_value(v2 * k2)
        return _Fig(s, e3, "CARDINAL", [lo, hi], _counted_noun(text, e3), qual)
    dr = _DURATION.match(text, e2)
    if dr and not dr.group(4) and "," not in second:
        c = _DURATIONS.get(dr.group(2).lower(), "Y")
        if c in ("Y", "M", "W", "D") or c.startswith("T"):
            p = "PT" if c.startswith("T") else "P"
            c = c.lstrip("T")
            v = [f"{p}{lo}{c}", f"{p}{hi}{c}"]
            return _Fig(s, _dur_end(dr), "DATE", v, "age" if dr.group(3) else "duration", qual)
        return None
    xu = _extra_unit(text, e2)
    if xu:
        return _Fig(s, xu[0], "QUANTITY", [lo, hi], xu[1], qual)
    noun = _counted_noun(text, e2)
    if noun is None:
        return None
    return _Fig(s, e2, "CARDINAL", [lo, hi], noun, qual)


# Time zones written in words after a clock time: "5 p.m. Eastern Time", "9 a.m. local time".
_TZ_LONG = {
    "Eastern Time": "ET",
    "Eastern Standard Time": "EST",
    "Eastern Daylight Time": "EDT",
    "Central Time": "CT",
    "Central Standard Time": "CST",
    "Central Daylight Time": "CDT",
    "Mountain Time": "MT",
    "Mountain Standard Time": "MST",
    "Pacific Time": "PT",
    "Pacific Standard Time": "PST",
    "Pacific Daylight Time": "PDT",
    "Greenwich Mean Time": "GMT",
    "British Summer Time": "BST",
    "Coordinated Universal Time": "UTC",
    "Universal Time": "UTC",
    "Central European Time": "CET",
    "Central European Summer Time": "CEST",
    "Eastern European Time": "EET",
    "Japan Standard Time": "JST",
    "Korea Standard Time": "KST",
    "India Standard Time": "IST",
    "Indian Standard Time": "IST",
    "China Standard Time": "CST",
    "Singapore Time": "SGT",
    "Hong Kong Time": "HKT",
    "Moscow Time": "MSK",
    "Gulf Standard Time": "GST",
    "Australian Eastern Standard Time": "AEST",
    "Australian Eastern Daylight Time": "AEDT",
}
_TZ_WORDS = re.compile(
    r"\s(?:("
    + "|".join(sorted(_TZ_LONG, key=len, reverse=True))
    + r")|(local\s|(?!(?:The|This|That|Each|Every|Next|Last|Any|Some|Our|Their|His|Her|Its|Your"
    r"|My|A|An|In|On|At|By|For|And|But)\s)(?:[A-Z][a-z]+\s){1,2}|[A-Z]{2,3}\s)time)(?![A-Za-z])"
)


def _tz_words(text: str, end: int) -> tuple[int, str] | None:
    """End and zone of a time zone in words right after a clock time, else None."""
    if text[end : end + 1] not in (" ", "\u00a0"):
        return None
    m = _TZ_WORDS.match(text, end)
    if m is None:
        return None
    if m.group(1):
        return m.end(), _TZ_LONG[m.group(1)]
    return m.end(), m.group(2).strip()
