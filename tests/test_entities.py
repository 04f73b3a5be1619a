"""Entity extraction: gazetteer, rules, span conventions (SCHEME.md section 5), feedback."""

from __future__ import annotations

import pytest
import yaml

from tui.extract import entities as ents
from tui.extract.entities import find_entities, text_start
from tui.extract.resolve import GAZETTEER_PATH, initials, load_gazetteer, surname_of
from tui.model import ENTITY_LABELS, Feedback


def found(text: str, feedback=()) -> dict[str, str]:
    """surface -> label for every entity span (spans must hold their text)."""
    out = {}
    for sp in find_entities(text, feedback):
        assert text[sp.start : sp.end] == sp.text
        assert sp.kind == "entity" and sp.label in ENTITY_LABELS
        out[sp.text] = sp.label
    return out


def spans(text: str, feedback=(), **kw) -> list[tuple[int, str, str]]:
    return [(s.start, s.text, s.label) for s in find_entities(text, feedback, **kw)]


# --- gazetteer ----------------------------------------------------------------------


def test_gazetteer_is_package_data_and_safe_yaml():
    assert GAZETTEER_PATH.name == "gazetteer.yaml"
    assert GAZETTEER_PATH.parent.name == "extract"
    with open(GAZETTEER_PATH, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert set(ENTITY_LABELS) <= set(data)
    gaz = load_gazetteer()
    assert load_gazetteer() is gaz  # parsed once
    assert len(gaz.entries) > 1500
    # world knowledge, not a sample's names: countries, agencies, outlets, products
    for name, label in [
        ("Kenya", "GPE"),
        ("Peru", "GPE"),
        ("Strait of Hormuz", "GPE"),
        ("International Monetary Fund", "ORG"),
        ("Bloomberg", "ORG"),
        ("Federal Reserve", "ORG"),
        ("Wegovy", "PRODUCT"),
        ("GDPR", "LAW"),
    ]:
        assert gaz.entries[name].label == label, name


def test_gazetteer_automaton_is_built_once():
    assert ents._automaton() is ents._automaton()


def test_aliases_resolve_to_canonical_names():
    text = "METI and the U.S. talked. The US and United States agreed."
    by_text = {s.text: s for s in find_entities(text)}
    assert by_text["METI"].canonical == "Ministry of Economy, Trade and Industry"
    assert by_text["METI"].label == "ORG"
    assert by_text["U.S."].canonical == "United States"
    assert by_text["US"].canonical == "United States"
    assert by_text["United States"].origin == "gazetteer"


# --- span conventions -----------------------------------------------------------------


def test_possessive_split_off():
    text = "Fujitsu's plan and Fujitsu’s partner OpenAI’s model."
    got = spans(text)
    assert (0, "Fujitsu", "ORG") in got
    assert (text.index("Fujitsu’s"), "Fujitsu", "ORG") in got
    assert any(t == "OpenAI" for _, t, _ in got)
    assert not any("'" in t or "’" in t for _, t, _ in got)


def test_hyphenated_compounds_and_demonyms():
    got = found(
        "Tensions in US-China trade, an Iran-backed group and non-US firms worry German and Japanese buyers."
    )
    assert got.get("US") == "GPE" and got.get("China") == "GPE" and got.get("Iran") == "GPE"
    assert "German" not in got and "Japanese" not in got


def test_leading_the_excluded_and_of_chains():
    text = "The Ministry of Economy, Trade and Industry met the Department of Labor and the National Science Foundation."
    got = found(text)
    assert got.get("Ministry of Economy, Trade and Industry") == "ORG"
    assert got.get("Department of Labor") == "ORG"
    assert got.get("National Science Foundation") == "ORG"
    assert not any(t.startswith("The ") for t in got)


def test_unknown_organisations_by_suffix():
    text = (
        "Data came from Yano Research Institute, Fortune Business Insights and Kellerman Holdings "
        "Ltd., while Brightwater Capital Partners invested. Zanthor Pharmaceuticals Inc. agreed."
    )
    got = found(text)
    for name in (
        "Yano Research Institute",
        "Fortune Business Insights",
        "Kellerman Holdings Ltd.",
        "Brightwater Capital Partners",
        "Zanthor Pharmaceuticals Inc.",
    ):
        assert got.get(name) == "ORG", (name, got)


def test_laws_and_programmes():
    text = (
        "It is required under Japan's Economic Security Promotion Act. METI published AI Guidelines "
        "for Business Ver. 1.2 in March. Tariffs under Section 301 apply, and the Digital Agency "
        "expanded its GENAI pilot. The Act on Protection of Personal Information (APPI) applies."
    )
    got = found(text)
    assert got.get("Economic Security Promotion Act") == "LAW"
    assert got.get("AI Guidelines for Business Ver. 1.2") == "LAW"
    assert got.get("Section 301") == "LAW"
    assert got.get("GENAI") == "LAW"
    assert got.get("Act on Protection of Personal Information") == "LAW"
    assert got.get("APPI") == "LAW"
    assert got.get("Digital Agency") == "ORG"


def test_acronym_in_parentheses_links_to_long_form():
    text = "The Zephyr Maritime Authority (ZMA) said on Monday that the ZMA would act."
    sp = {(s.text, s.start): s for s in find_entities(text)}
    long = next(s for (t, _), s in sp.items() if t == "Zephyr Maritime Authority")
    acr = [s for (t, _), s in sp.items() if t == "ZMA"]
    assert long.label == "ORG" and len(acr) == 2
    assert all(a.label == "ORG" and a.canonical == "Zephyr Maritime Authority" for a in acr)
    assert initials("National Institute of Standards and Technology") == "NIST"


def test_products_by_shape():
    text = (
        "Servers use NVIDIA HGX B300 and RTX PRO 6000 Blackwell Server Edition GPUs; sales of H20 "
        "chips stopped. OpenAI released GPT-5 while Acme shipped its Zorblax X9 accelerators."
    )
    got = found(text)
    assert got.get("NVIDIA HGX B300") == "PRODUCT"
    assert got.get("RTX PRO 6000 Blackwell Server Edition") == "PRODUCT"
    assert got.get("H20") == "PRODUCT"
    assert got.get("GPT-5") == "PRODUCT"
    assert "GPUs" not in got


def test_titles_outside_person_spans_and_surnames():
    text = (
        "Dr. Hiroshi Naito wrote in Nikkei Asian Review. Secretary Gina Raimondo spoke, and "
        "chief executive Tobias Brandt said the plan works. Later, Raimondo and Brandt met."
    )
    got = spans(text)
    labels = {t: lab for _, t, lab in got}
    assert labels.get("Hiroshi Naito") == "PERSON"
    assert labels.get("Gina Raimondo") == "PERSON"
    assert labels.get("Tobias Brandt") == "PERSON"
    assert labels.get("Raimondo") == "PERSON" and labels.get("Brandt") == "PERSON"
    assert not any(t.startswith(("Dr", "Secretary")) for _, t, _ in got)
    bare = next(s for s in find_entities(text) if s.text == "Brandt")
    assert bare.canonical == "Tobias Brandt"
    assert surname_of("Bae Kyung-hoon") == "Bae"
    assert surname_of("Robert F. Kennedy Jr.") == "Kennedy"


def test_generic_acronyms_titles_and_concepts_are_not_entities():
    text = (
        "Many CIOs say AI and LLMs help. The CEO and the CFO met FDEs about GDP, PCE and R&D.\n"
        "However, Monday is busy. In March, The Choice Facing Japanese CIOs was published."
    )
    assert found(text) == {}


def test_title_case_headings_do_not_become_entities():
    text = (
        "Redefining the Workforce Through Human-AI Collaboration\n\n"
        "Four Pillars of an AI-Native Enterprise Operating Model\n\n"
        "US Troops in Germany: Beyond Withdrawal Headlines\n\n"
        "Troops stayed in Germany for decades, the report said.\n"
    )
    assert found(text) == {"US": "GPE", "Germany": "GPE"}


def test_datelines_bylines_and_places_by_context():
    text = (
        "By Claire Dubois and Lars Henriksen\n\n"
        "COPENHAGEN, Jan 15 - Work moved to Bagsvaerd, Denmark, and they shut a plant in Tromsvik. "
        "Analysts at Quorvel Insight said so."
    )
    got = found(text)
    assert got.get("Claire Dubois") == "PERSON" and got.get("Lars Henriksen") == "PERSON"
    assert got.get("COPENHAGEN") == "GPE"
    assert got.get("Bagsvaerd") == "GPE" and got.get("Denmark") == "GPE"
    assert got.get("Tromsvik") == "GPE"
    assert got.get("Quorvel Insight") == "ORG"


def test_source_header_is_never_annotated():
    text = "Source: https://www.example.gov/news/Japan-US-2026\n\nJapan and the US signed."
    lo = text_start(text)
    assert text[lo:].startswith("Japan and")
    got = spans(text)
    assert got and all(s >= lo for s, _, _ in got)
    assert [t for _, t, _ in got] == ["Japan", "US"]


def test_spans_sorted_and_non_overlapping_on_samples(library_root):
    for path in sorted((library_root / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out = find_entities(text)
        assert out, path
        for a, b in zip(out, out[1:], strict=False):
            assert a.start < b.start and a.end <= b.start, (path, a, b)
        assert all(text[s.start : s.end] == s.text for s in out)


def test_start_offset_limits_the_region():
    text = "Fujitsu met OpenAI. Later Fujitsu met Google."
    start = text.index("Later")
    assert [t for _, t, _ in spans(text, start=start)] == ["Fujitsu", "Google"]


# --- feedback ---------------------------------------------------------------------------


def test_teach_beats_gazetteer_and_rules_whole_word_case_sensitive():
    text = "Project Kestrel met Japan. Kestrel and kestrel and Kestrels differ. Japan Post said."
    fb = [
        Feedback("teach", "Kestrel", "PRODUCT"),
        Feedback("teach", "Japan Post", "ORG", canonical="Japan Post Holdings"),
    ]
    got = spans(text, fb)
    kestrel = [(s, t) for s, t, lab in got if t == "Kestrel" and lab == "PRODUCT"]
    assert len(kestrel) == 2  # not "kestrel", not inside "Kestrels"
    jp = next(s for s in find_entities(text, fb) if s.text == "Japan Post")
    assert jp.label == "ORG" and jp.origin == "taught" and jp.canonical == "Japan Post Holdings"
    # the taught multi-word name wins over the gazetteer's "Japan" inside it
    assert (text.index("Japan Post"), "Japan", "GPE") not in got


def test_teach_overrides_gazetteer_label():
    fb = [Feedback("teach", "Gemini", "ORG")]
    assert found("Gemini grew.", fb)["Gemini"] == "ORG"
    assert found("Gemini grew.")["Gemini"] == "PRODUCT"


def test_reject_everywhere_and_in_one_place():
    text = "Fujitsu met OpenAI. Fujitsu grew."
    assert [t for _, t, _ in spans(text, [Feedback("reject", "Fujitsu")])] == ["OpenAI"]
    second = text.rindex("Fujitsu")
    fb = [Feedback("reject", "Fujitsu", article_id="a1", start=second)]
    here = spans(text, fb, article_id="a1")
    assert (0, "Fujitsu", "ORG") in here and (second, "Fujitsu", "ORG") not in here
    # another article is not affected
    assert (second, "Fujitsu", "ORG") in spans(text, fb, article_id="other")


def test_relabel_everywhere_and_in_one_place():
    text = "Claude wrote. Claude again."
    fb = [Feedback("relabel", "Claude", "PERSON")]
    out = find_entities(text, fb)
    assert [(s.label, s.origin) for s in out] == [("PERSON", "relabelled")] * 2
    second = text.rindex("Claude")
    fb = [Feedback("relabel", "Claude", "PERSON", article_id="a1", start=second)]
    out = find_entities(text, fb, article_id="a1")
    assert [s.label for s in out] == ["PRODUCT", "PERSON"]


def test_taught_automaton_cached_by_feedback():
    fb = (Feedback("teach", "Zorblax", "ORG"),)
    key = ents._feedback_key(fb)
    assert ents._taught_automaton(key) is ents._taught_automaton(ents._feedback_key(list(fb)))
    assert ents._taught_automaton(()) is None


@pytest.mark.parametrize("bad", ["", "   ", "\n\n", "Source: http://x\n\n"])
def test_degenerate_texts(bad):
    assert find_entities(bad) == []


def test_site_name_matched_against_the_saved_address():
    text = (
        "Source: https://www.viralwire.com/tech/fujitsu\n\nViral Wire\n\n"
        "Fujitsu partners with OpenAI. More on ViralWire.\n"
    )
    got = spans(text)
    assert (text.index("Viral Wire"), "Viral Wire", "ORG") in got
    assert (text.index("ViralWire"), "ViralWire", "ORG") in got
    # a government host is a generic word: "Agriculture" alone is not the site's name
    gov = "Source: https://www.agriculture.gov.au/news\n\nMinister for Agriculture Julie Collins spoke."
    assert found(gov) == {"Julie Collins": "PERSON"}


def test_unknown_names_by_context():
    text = (
        "Investors cheered. Zorblax's shares rose, said Ana Petrova, chief economist at Quorvel. "
        "Brixley's chief executive quit, and the platform, called Nimbus Forge, launched."
    )
    got = found(text)
    assert got.get("Zorblax") == "ORG"
    assert got.get("Brixley") == "ORG"
    assert got.get("Quorvel") == "ORG"
    assert got.get("Ana Petrova") == "PERSON"
    assert got.get("Nimbus Forge") == "PRODUCT"


def test_later_feedback_wins():
    text = "Zorblax met Fujitsu."
    teach = Feedback("teach", "Zorblax", "ORG")
    reject = Feedback("reject", "Zorblax")
    assert "Zorblax" not in found(text, [teach, reject])
    assert found(text, [reject, teach])["Zorblax"] == "ORG"
    # a rejection in one place also removes a taught span there
    here = Feedback("reject", "Zorblax", article_id="a1", start=0)
    assert spans(text, [teach, here], article_id="a1")[0][1] == "Fujitsu"
    # a global reject of a gazetteer name, then teaching it back with another label
    back = [Feedback("reject", "Fujitsu"), Feedback("teach", "Fujitsu", "PRODUCT")]
    assert found(text, back)["Fujitsu"] == "PRODUCT"


# --- fast paths must match the plain definitions they replace ----------------------

_TRICKY = [
    "AT&T's U.S.-based iPhone 15 Pro, A/S Ørsted, É. Macron, x.Y 1.2.3 ,U.N. eBay-Inc",
    "'Hello' –Test A–B 5G x–Y xAI and OpenAI; iX3, bZ4X; Co. Ltd. Jr. F. Scott",
    "AT&xY foo-barBaz 3xAI /eBay é iPhoneX U.S./eBay Jones' Japan's Marubeni",
    "Section 301 of H.R. 4346, Public Law 117-167, Executive Order 14110, S. 1234 of",
    "XS. 123 of Regulation (EU) 2016/679 and Directive (EU) 2019/1024, aExecutive Order 1",
]


def _random_texts(n: int, seed: int) -> list[str]:
    import random

    rnd = random.Random(seed)
    alphabet = [
        *"abxAZY.'’-&/– 0s_\n,()É",
        "\u00a0",
        "Co",
        "Inc",
        "'s",
        "iPhone",
        "eBay",
        "xAI",
        "U.S.",
        "H.R. ",
        "S. 12",
        "Order 1",
        "Public Law 1",
    ]
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 24))) for _ in range(n)]


def test_token_scan_matches_the_single_token_regex():
    """``_tokenize`` (capitals/digits scan + camelCase from the inner capital) finds the
    same token starts as the one ``_TOKEN`` regex, from any start offset."""
    for text in _TRICKY + _random_texts(4000, 7):
        for lo in {0, 1, len(text) // 2, len(text)}:
            toks, chunks = ents._tokenize(text, lo)
            assert [t.s for t in toks] == [m.start() for m in ents._TOKEN.finditer(text, lo)]
            assert [t for c in chunks for t in c] == toks


def test_official_documents_match_the_plain_scan():
    """Opening-first search gives ``_DOC_LAW.finditer``'s matches (past the cheap gate)."""
    for text in _TRICKY + _random_texts(3000, 11):
        want = [(m.start(), m.end()) for m in ents._DOC_LAW.finditer(text)]
        gated = not any(w in text for w in ("Order", "Law", "H.R.", "(EU)"))
        assert [(c.s, c.e) for c in ents._official_docs(text, 0)] == ([] if gated else want)


def test_lowercase_vocabulary_matches_the_plain_pattern():
    import re

    plain = re.compile(r"(?<![\w'’@./-])[a-z][a-z]+(?![\w@]|\.\w)")
    for text in _TRICKY + _random_texts(3000, 13):
        for lo in (0, 1):
            assert ents._LOWER_WORD.findall(text, lo) == plain.findall(text, lo)


def test_reselect_equals_a_full_select():
    import random

    rnd = random.Random(5)
    for _ in range(2000):
        cands = []
        for _ in range(rnd.randint(0, 30)):
            s = rnd.randint(0, 60)
            prio = rnd.choice([0.8, 1, 1.5, 2, 3])
            cands.append(ents.Cand(s, s + rnd.randint(1, 8), "ORG", "rule", None, prio))
        chosen = ents._select(list(cands), 80)
        new = []
        for _ in range(rnd.randint(0, 8)):
            if chosen and rnd.random() < 0.5:  # the same span again, as propagation finds it
                c = rnd.choice(chosen)
                s, e = c.s, c.e
            else:
                s = rnd.randint(0, 60)
                e = s + rnd.randint(0, 8)
            prio = rnd.choice([0.8, 1, 1.2, 1.5, 2, 3])
            new.append(ents.Cand(s, e, "PERSON", "rule", None, prio))
        full = ents._select(chosen + new, 80)
        fast = ents._reselect(chosen, list(new), 80)
        assert [(c.s, c.e, c.label, c.prio) for c in fast] == [
            (c.s, c.e, c.label, c.prio) for c in full
        ]
