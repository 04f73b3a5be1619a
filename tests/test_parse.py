"""The parser: block invariants, structure against the gold files, messy fixtures.

The gold files (../shared/eval/gold) say, per sample, which line is the title,
which lines are section headings, site chrome and teasers. The parser must
find them by general rules, so the score below is computed the same way for
every file and no expectation is keyed on a sample's name.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.library import read_text
from tui.model import BLOCK_KINDS, Article
from tui.parse import chrome_kind, fingerprint, iso_date, parse_meta, parse_text

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
GOLD = REPO.parent / "shared" / "eval" / "gold"
FIXTURES = Path(__file__).resolve().parent / "parse_fixtures"

SEED_FILES = sorted(SEEDS.glob("*.txt"))
FIXTURE_FILES = sorted(p for p in FIXTURES.iterdir() if p.is_file())


def parse_file(path: Path) -> Article:
    return parse_text(read_text(path), article_id=path.stem, path=path.name, suffix=path.suffix)


def line_of(article: Article, offset: int) -> int:
    """1-based line number of an offset in the canonical text."""
    return article.text.count("\n", 0, offset) + 1


def kinds_by_line(article: Article) -> dict[int, str]:
    """Kind of the block each line starts (blocks spanning lines count on their first)."""
    return {line_of(article, b.start): b.kind for b in article.blocks}


def block_at(article: Article, needle: str):
    """The block whose text starts with ``needle`` (exactly one)."""
    found = [b for b in article.blocks if b.text.startswith(needle)]
    assert len(found) == 1, (needle, found)
    return found[0]


# --- invariants --------------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_FILES + FIXTURE_FILES, ids=lambda p: p.name)
def test_blocks_point_into_the_canonical_text(path: Path) -> None:
    raw = read_text(path)
    article = parse_file(path)
    if path.suffix in (".txt", ".md"):
        assert article.text == raw  # never modified, not even newlines
    previous_end = 0
    for block in article.blocks:
        assert block.kind in BLOCK_KINDS
        assert article.text[block.start : block.end] == block.text
        assert block.text and block.text == block.text.strip()
        assert block.start >= previous_end, "blocks overlap or are out of order"
        previous_end = block.end
    # Every non-blank line lies inside exactly one block.
    covered = [False] * len(article.text)
    for block in article.blocks:
        for k in range(block.start, block.end):
            covered[k] = True
    pos = 0
    for line in article.text.split("\n"):
        if line.strip():
            # The last character: the first may be a list marker, which blocks exclude.
            last = pos + len(line.rstrip()) - 1
            assert covered[last], f"line not in any block: {line!r}"
        pos += len(line) + 1


def test_crlf_text_keeps_offsets_and_carriage_returns() -> None:
    text = "Site Name\r\n\r\nA Proper Headline for the Test Case\r\n\r\nBody sentence one here. Two.\r\n"
    article = parse_text(text)
    assert article.text == text
    assert article.meta.title == "A Proper Headline for the Test Case"
    for block in article.blocks:
        assert "\r" not in block.text and "\n" not in block.text


def test_empty_and_blank_text() -> None:
    for text in ("", "\n\n  \n"):
        article = parse_text(text, article_id="folder/empty")
        assert article.blocks == []
        assert article.meta.title == "empty"


# --- structure against the gold files -------------------------------------------------------


def _gold_pairs() -> list[tuple[dict, Article]]:
    pairs = []
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        pairs.append((gold, parse_file(SEEDS / gold["source"])))
    return pairs


def structure_scores() -> dict[str, float]:
    """Title accuracy, heading and chrome recall/precision, teaser recall over all gold files."""
    titles = title_hits = 0
    gold_heads = head_hits = pred_heads = 0
    gold_chrome = chrome_hits = pred_chrome = 0
    gold_teaser = teaser_hits = 0
    for gold, article in _gold_pairs():
        by_line = kinds_by_line(article)
        if gold["title_source"] == "in_text":
            titles += 1
            title_lines = [n for n, k in by_line.items() if k == "title"]
            if article.meta.title == gold["title"] and title_lines == [gold["title_line_number"]]:
                title_hits += 1
        else:
            titles += 1  # no title line: the parser must not claim one
            title_hits += "title" not in by_line.values() and bool(article.meta.title)
        heads = set(gold["section_heading_line_numbers"])
        found = {n for n, k in by_line.items() if k == "heading"}
        gold_heads += len(heads)
        head_hits += len(heads & found)
        pred_heads += len(found)
        chrome = {d["line"] for d in gold["boilerplate_detail"]}
        found = {n for n, k in by_line.items() if k == "chrome"}
        gold_chrome += len(chrome)
        chrome_hits += len(chrome & found)
        pred_chrome += len(found)
        teaser = set((gold.get("other_article_teaser") or {}).get("line_numbers", []))
        gold_teaser += len(teaser)
        teaser_hits += len({n for n in teaser if by_line.get(n) == "teaser"})
    return {
        "title_accuracy": title_hits / titles,
        "heading_recall": head_hits / gold_heads,
        "heading_precision": head_hits / max(1, pred_heads),
        "chrome_recall": chrome_hits / gold_chrome,
        "chrome_precision": chrome_hits / max(1, pred_chrome),
        "teaser_recall": teaser_hits / max(1, gold_teaser),
    }


@pytest.mark.skipif(not GOLD.is_dir(), reason="gold files not available")
def test_structure_matches_gold() -> None:
    scores = structure_scores()
    print("\nstructure vs gold:", json.dumps({k: round(v, 3) for k, v in scores.items()}))
    assert scores["title_accuracy"] == 1.0
    assert scores["heading_recall"] >= 0.9
    assert scores["heading_precision"] >= 0.9
    assert scores["chrome_recall"] >= 0.9
    assert scores["chrome_precision"] >= 0.8
    assert scores["teaser_recall"] == 1.0


@pytest.mark.skipif(not GOLD.is_dir(), reason="gold files not available")
def test_titleless_sample_gets_a_derived_title() -> None:
    for gold, article in _gold_pairs():
        if gold["title_line_number"] is None:
            first_line = article.text.lstrip().split("\n", 1)[0]
            assert article.meta.title and len(article.meta.title) <= 91
            assert first_line.startswith(article.meta.title.rstrip("…"))


# --- rules on small inputs -------------------------------------------------------------------


def test_site_name_above_headline_is_chrome_and_source() -> None:
    text = (
        "Daily Circuit\n\nCity Council Approves the New Cycle Lane Network\n\nThe vote was close.\n"
    )
    article = parse_text(text)
    assert kinds_by_line(article)[1] == "chrome"
    assert article.meta.source == "Daily Circuit"
    assert article.meta.title == "City Council Approves the New Cycle Lane Network"


def test_one_word_site_name_and_menu_lines_above_the_title() -> None:
    text = "Ledgerline\n\nHome\nWorld\nBusiness\nTech\n\nPort Strike Ends After Nine Days of Talks\n\nBody.\n"
    article = parse_text(text)
    kinds = kinds_by_line(article)
    assert [kinds[n] for n in (1, 3, 4, 5, 6)] == ["chrome"] * 5
    assert kinds[8] == "title"
    assert article.meta.source == "Ledgerline"


def test_opinion_label_does_not_make_the_article_a_teaser() -> None:
    dek = "A long standfirst paragraph with many words in it that tells readers what is coming."
    text = f"Opinion\n\nWhy the Valley Needs Its Trains\n\n{dek}\n\nThe Case for Rail\n\nBody.\n"
    kinds = kinds_by_line(parse_text(text))
    assert (kinds[1], kinds[3], kinds[5], kinds[7]) == ("chrome", "title", "standfirst", "heading")


def test_quoted_sentence_is_not_a_heading() -> None:
    text = "A Headline for Quotes\n\n“We will not stop here.”\nShe said it twice.\n"
    assert kinds_by_line(parse_text(text))[3] == "paragraph"


def test_long_first_line_is_the_title_not_a_site_name() -> None:
    text = (
        "Markets Rally as the Central Bank Holds Rates Steady Again\nWhat Happened\nStocks rose.\n"
    )
    article = parse_text(text)
    assert kinds_by_line(article) == {1: "title", 2: "heading", 3: "paragraph"}
    assert article.meta.source is None


def test_teaser_marked_by_ellipsis_is_not_the_title() -> None:
    teaser = "Ferries Return to the Island Route"
    blurb = "After a winter of cancellations the operator restored the morning crossing, and " * 2
    text = f"{teaser}\n\n{blurb.strip()}...\n\nThe Real Headline of This Page\n\nBy Ana Ruiz\n\nBody text here.\n"
    article = parse_text(text)
    kinds = kinds_by_line(article)
    assert kinds[1] == "teaser" and kinds[3] == "teaser"
    assert article.meta.title == "The Real Headline of This Page"
    assert article.meta.author == "Ana Ruiz"


def test_title_with_a_long_standfirst_is_not_a_teaser() -> None:
    dek = "A long summary sentence that explains what the article is about in some detail for readers."
    text = f"A Headline Without a Label\n\n{dek}\n\nSection Heading\n\nBody text.\n"
    kinds = kinds_by_line(parse_text(text))
    assert kinds == {1: "title", 3: "standfirst", 5: "heading", 7: "paragraph"}


def test_unpunctuated_sentence_case_dek_is_a_standfirst() -> None:
    text = "Chipmakers Bet on Home Soil\n\nWhy three firms are moving production back to Japan\n\nBody text.\n"
    kinds = kinds_by_line(parse_text(text))
    assert (kinds[1], kinds[3]) == ("title", "standfirst")


def test_stat_callouts_and_citations() -> None:
    text = "Title Goes Right Here\n\n$4.5 bn\nspent on new rail lines\n12%\nrise in riders\n[Source: Transit Board]\nText.\n"
    kinds = kinds_by_line(parse_text(text))
    assert [kinds[n] for n in range(3, 8)] == [
        "stat",
        "stat_caption",
        "stat",
        "stat_caption",
        "citation",
    ]


def test_bullet_blocks_exclude_the_marker() -> None:
    text = "A Title For Lists\n\nItems:\n  • first point here\n  - second point\n    * nested point\n10. tenth item\n"
    article = parse_text(text)
    bullets = [b for b in article.blocks if b.kind == "bullet"]
    assert [b.text for b in bullets] == [
        "first point here",
        "second point",
        "nested point",
        "tenth item",
    ]
    assert [b.level for b in bullets][:3] == [1, 1, 2]
    assert all(article.text[b.start : b.end] == b.text for b in bullets)


def test_label_bullet_followed_by_prose_is_a_heading() -> None:
    text = "Some Title Here\n\n• Market Access:\nFirms need local partners to sell.\n"
    block = block_at(parse_text(text), "Market Access")
    assert (block.kind, block.text) == ("heading", "Market Access:")


def test_toc_repeating_later_headings_is_chrome() -> None:
    text = (
        "A Guide to Harbour Cranes\n\nContents\n1. Early Designs\n2. Modern Cranes\n\n"
        "Early Designs\n\nWooden cranes came first.\n\nModern Cranes\n\nSteel replaced wood.\n"
    )
    kinds = kinds_by_line(parse_text(text))
    assert [kinds[n] for n in (3, 4, 5)] == ["chrome"] * 3
    assert kinds[7] == "heading" and kinds[11] == "heading"


def test_markdown_toc_of_links_is_chrome() -> None:
    text = (
        "# Harbour Cranes\n\n- [Early Designs](#early)\n- [Modern Cranes](#modern)\n\n"
        "## Early Designs\n\nWood.\n\n## Modern Cranes\n\nSteel.\n"
    )
    kinds = kinds_by_line(parse_text(text, suffix=".md"))
    assert (kinds[3], kinds[4], kinds[6], kinds[10]) == ("chrome", "chrome", "heading", "heading")


def test_numbered_list_that_is_not_a_toc_stays_bullets() -> None:
    text = "Steps to Follow Today\n\n1. Open the valve slowly.\n2. Wait ten minutes.\n\nDone.\n"
    kinds = kinds_by_line(parse_text(text))
    assert kinds[3] == "bullet" and kinds[4] == "bullet"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Skip to main content", "skip_link"),
        ("Featured", "label"),
        ("In This Article", "toc"),
        ("Also Read: Something Else Entirely", "also_read"),
        ("Read More", "related"),
        ("Related Articles", "related"),
        ("Sources & References", "sources_header"),
        ("Comments", "comments"),
        ("12 Comments", "comments"),
        ("Share this article", "share"),
        ("Facebook | X | Email", "share"),
        ("Advertisement", "advert"),
        ("Sign up for our newsletter to get updates", "promo"),
        ("Photo: A crane at dawn", "caption"),
        ("A crane at dawn (Getty Images)", "caption"),
        ("By Jane Doe and John Roe", "byline"),
        ("Updated: 3 March 2025", "dateline"),
        ("March 3, 2025", "dateline"),
        ("© 2025 Example Media", "copyright"),
        ("Home › Tech › AI", "breadcrumb"),
        ("1.2K shares", "share"),
        ("Updated 2 hours ago", "dateline"),
        ("This article first appeared on Example Blog.", "attribution"),
        ("More in Technology", "related"),
        ("Follow Jane Doe on X", "promo"),
        ("Issue 42", "label"),
        ("* * *", "rule"),
        ("[Read more](https://example.com/x)", "related"),
        ("The Macro Drivers Behind the Breakdown of Legacy IT", None),
        ("Updated guidance is expected next month.", None),
        ("Copyright law is changing fast.", None),
        ("Year | Value", None),
        ("By 2030 the market will double.", None),
        ("Share prices fell sharply after the announcement on Monday.", None),
    ],
)
def test_chrome_kinds(line: str, kind: str | None) -> None:
    assert chrome_kind(line) == kind


def test_front_matter_and_malformed_front_matter() -> None:
    good = "---\ntitle: Front Title\ntags: [a, b]\ndate: 2024-02-03\n---\n# Shown Title\n\nBody.\n"
    article = parse_text(good, suffix=".md")
    assert article.blocks[0].kind == "meta" and article.blocks[0].text.startswith("---")
    assert article.meta.title == "Front Title"
    assert article.meta.tags == ("a", "b")
    assert article.meta.published == "2024-02-03"
    assert article.body_start() == article.text.index("Shown Title")
    for bad in ("---\ntitle: [unclosed\n---\nBody text.\n", "---\n- a list\n---\nBody.\n"):
        article = parse_text(bad, suffix=".md")  # must not raise
        assert article.text == bad


def test_markdown_code_images_and_link_lines() -> None:
    text = (
        "# Using the Tool Well\n\nIntro.\n\n```\n# not a heading\nx = 1\n```\n\n"
        "![A chart of sales](img/chart.png)\n\n[Read more](https://example.com/more)\n\n"
        "## Next Steps\n\nDone.\n"
    )
    article = parse_text(text, suffix=".md")
    assert block_at(article, "```").kind == "paragraph"
    assert block_at(article, "```").text.endswith("x = 1\n```")
    assert block_at(article, "![A chart").kind == "chrome"
    assert block_at(article, "[Read more]").kind == "chrome"
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["Next Steps"]


def test_source_header_is_meta_and_sets_url() -> None:
    text = "Source: https://example.com/a/b\n\nA Headline For The Page\n\nBody.\n"
    article = parse_text(text)
    assert article.blocks[0].kind == "meta"
    assert article.meta.url == "https://example.com/a/b"
    assert article.meta.title == "A Headline For The Page"


def test_parse_meta_agrees_with_parse_text() -> None:
    for path in SEED_FILES + FIXTURE_FILES:
        raw = read_text(path)
        assert parse_meta(raw, suffix=path.suffix) == parse_text(raw, suffix=path.suffix).meta


def test_iso_date_and_fingerprint() -> None:
    assert iso_date("Thursday, February 12, 2026") == "2026-02-12"
    assert iso_date("3 Mar 2025") == "2025-03-03"
    assert iso_date("2023-06-02T08:00:00Z") == "2023-06-02"
    assert fingerprint("a  b\nc") == fingerprint("a b c") != fingerprint("a b d")


# --- my own messy fixtures ----------------------------------------------------------------------


def test_fixture_news_page() -> None:
    article = parse_file(FIXTURES / "news_page.txt")
    meta = article.meta
    assert meta.title == "Tidal Power Pilot Wins Funding for a Second Phase"
    assert (meta.source, meta.author, meta.published) == (
        "Harbour Ledger",
        "Mara Okonkwo",
        "2025-03-04",
    )
    for chrome in (
        "Harbour Ledger",
        "Home › Business",
        "Breaking",
        "By Mara",
        "Published:",
        "Share this article",
        "Facebook | X",
        "Photo: Turbine",
        "Also Read:",
        "Advertisement",
        "Battery Shed Plan",
        "Great news for the town",
    ):
        assert block_at(article, chrome).kind == "chrome", chrome
    assert block_at(article, "A coastal town").kind == "standfirst"
    assert block_at(article, "What Changes in Phase Two").kind == "heading"
    assert block_at(article, "Six new turbines").text == "Six new turbines, each rated at 1.5 MW"
    assert block_at(article, "40%").kind == "stat"
    assert block_at(article, "of the town's winter demand").kind == "stat_caption"
    assert block_at(article, "[Source: Harbour").kind == "citation"


def test_fixture_markdown_with_front_matter() -> None:
    article = parse_file(FIXTURES / "feature.md")
    meta = article.meta
    assert meta.title == "Night Trains Make a Quiet Comeback"
    assert meta.source == "Rail Notes Quarterly"
    assert meta.url == "https://example.org/rail/night-trains"
    assert (meta.published, meta.author) == ("2024-11-18", "Priya Lindqvist")
    assert meta.tags == ("rail", "travel", "europe")
    kinds = [b.kind for b in article.blocks]
    assert kinds[:4] == ["meta", "title", "standfirst", "heading"]
    routes = block_at(article, "The Routes")
    assert (routes.kind, routes.level) == ("heading", 2)
    # Hard-wrapped paragraphs and list items are one block each.
    assert block_at(article, "Three new overnight").text.count("\n") == 2
    assert block_at(article, "Mountain express").text.endswith("extra carriages at weekends")
    assert kinds.count("bullet") == 3


def test_fixture_html_page() -> None:
    article = parse_file(FIXTURES / "report.html")
    meta = article.meta
    assert meta.title == "Glacier Monitoring Network Expands"
    assert (meta.source, meta.author, meta.published) == (
        "Alpine Science Daily",
        "Tomas Brenner",
        "2023-06-02",
    )
    assert meta.url == "https://example.net/glaciers/network-expands"
    for dropped in ("tracking", "font-family", "Climate", "newsletter", "Copyright"):
        assert dropped not in article.text
    assert "fog & wind" in article.text  # entities decoded, lines joined
    assert block_at(article, "Glacier Monitoring").kind == "title"
    assert block_at(article, "Twelve new stations").kind == "standfirst"
    assert block_at(article, "How the Stations Work").kind == "heading"
    assert (
        block_at(article, "Solar panels").text
        == "Solar panels keep the loggers running through winter."
    )


def test_html_without_main_and_text_before_h1() -> None:
    html = (
        "<html><body><div>Menu</div><div class=kicker>Science</div><h1>Bees Learn to Count</h1>"
        "<p>Researchers trained bees to count dots on little cards.</p><h3>Method</h3><p>Sugar rewards.</p>"
        "<script>alert(1)</script></body></html>"
    )
    article = parse_text(html, suffix=".html")
    kinds = {b.text: b.kind for b in article.blocks}
    assert kinds == {
        "Menu": "chrome",
        "Science": "chrome",
        "Bees Learn to Count": "title",
        "Researchers trained bees to count dots on little cards.": "standfirst",
        "Method": "heading",
        "Sugar rewards.": "paragraph",
    }
    assert [b.level for b in article.blocks if b.kind == "heading"] == [3]


def test_html_lists_tables_and_line_breaks() -> None:
    html = (
        "<h1>Lists and Breaks Test</h1><ul><li>One<ul><li>Inner</li></ul></li><li>Two</li></ul>"
        "<ol><li>First step</li><li>Second step</li></ol><p>Line one<br>Line two.</p>"
        "<table><tr><th>Year</th><td>Value</td></tr></table>"
    )
    article = parse_text(html, suffix=".html")
    bullets = [(b.text, b.level) for b in article.blocks if b.kind == "bullet"]
    assert bullets == [("One", 1), ("Inner", 2), ("Two", 1), ("First step", 1), ("Second step", 1)]
    assert "1. First step\n2. Second step" in article.text
    assert "Line one\nLine two." in article.text and "Year | Value" in article.text


def test_html_h1_beats_the_page_title() -> None:
    html = (
        "<title>Short Page Name | Site</title><h1>The Full Headline of the Story</h1><p>Text.</p>"
    )
    assert parse_text(html, suffix=".html").meta.title == "The Full Headline of the Story"
    no_h1 = "<title>Short Page Name | Site</title><p>Just one sentence of body text here.</p>"
    assert parse_text(no_h1, suffix=".html").meta.title == "Short Page Name"


def test_fixture_press_release() -> None:
    article = parse_file(FIXTURES / "press_release.txt")
    assert article.meta.title == "Northwind Analytics Opens Research Office in Osaka"
    assert article.meta.published == "2025-10-07"
    assert block_at(article, "FOR IMMEDIATE RELEASE").kind == "chrome"
    assert block_at(article, "OSAKA, Japan").kind == "paragraph"  # the dateline opens the body
    assert block_at(article, "About Northwind Analytics").kind == "heading"
    assert block_at(article, "###").kind == "chrome"


def test_fixture_saved_page_with_teaser() -> None:
    article = parse_file(FIXTURES / "saved_page.txt")
    meta = article.meta
    assert meta.url == "https://example.com/blog/quiet-offices"
    assert meta.title == "The Quiet Office Revolution"
    assert (meta.published, meta.author) == ("2025-11-06", "Leo Marchetti")
    assert block_at(article, "Why Lighthouses").kind == "teaser"
    assert block_at(article, "Long before satellites").kind == "teaser"
    assert block_at(article, "Open-plan offices").kind == "standfirst"


def test_wrapped_line_that_looks_like_a_heading_stays_in_its_paragraph() -> None:
    body = (
        "The operator said the new partners would include Fujitsu\n"
        "SoftBank and two regional banks, though terms were not given\n"
        "and the deal still needs approval from the regulator this year.\n"
    )
    text = (
        "A Headline Over Wrapped Text\n\n"
        + body
        + "\nMore wrapped text follows here and it keeps going for a while\ncontinues on.\n"
    )
    article = parse_text(text)
    assert block_at(article, "The operator").text == body.rstrip("\n")


def test_fixture_blog_post() -> None:
    article = parse_file(FIXTURES / "blog_post.txt")
    meta = article.meta
    assert (meta.title, meta.source, meta.published) == (
        "Mapping the Salt Marshes From the Air",
        "Coastline Notes",
        "2025-03-03",
    )
    kinds = kinds_by_line(article)
    assert [kinds[n] for n in range(1, 7)] == ["chrome"] * 6  # skip link, site, menu
    assert block_at(article, "1. Why Marshes Matter").kind == "heading"
    assert block_at(article, "[1] Estuary Trust").kind == "citation"
    assert block_at(article, "County flood model").kind == "citation"  # marker excluded
    assert block_at(article, "Oyster Beds Return").kind == "teaser"
    assert block_at(article, "Volunteers have seeded").kind == "teaser"
    tail = [b.kind for b in article.blocks if b.start >= article.text.index("Share this:")]
    assert set(tail) == {"chrome", "teaser"}


def test_fixture_hard_wrapped_newsletter() -> None:
    article = parse_file(FIXTURES / "newsletter.txt")
    meta = article.meta
    assert (meta.title, meta.source) == (
        "Why Batteries Are Winning the Evening Peak",
        "THE WEEKLY GRID",
    )
    assert (meta.author, meta.published) == ("Sam Ortega", "2024-06-03")
    kinds = [b.kind for b in article.blocks]
    assert kinds == [
        "chrome", "chrome", "title", "chrome", "chrome", "standfirst", "heading",
        "paragraph", "bullet", "bullet", "bullet", "paragraph", "chrome",
    ]  # fmt: skip
    assert block_at(article, "Prices fell.").text.endswith("merchant revenue alone.")


def test_random_messy_input_keeps_the_invariants() -> None:
    """Shuffled fragments of real-world mess: no crash, blocks valid, meta == head parse."""
    import random

    rng = random.Random(20261121)
    pieces = [
        "\n", "\n\n", "\r\n", "---\n", "# ", "• ", "- ", "1. ", "75%\n", "Featured\n",
        "Skip to main content\n", "Source: http://x.y/z\n", "Title Case Words Here\n",
        "a sentence ends here. ", "...", "[Source: x]\n", "By John Smith\n", "March 3, 2025\n",
        "\ufeff", "\u200b", "  ", "\t", "title: [\n", "```\n", "Comments\n", "Related Articles\n",
        "日本", "$58 Billion\n", ":", "\x1b[31m", "key: v\n", "===\n", "<h1>", "</li>",
    ]  # fmt: skip
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for suffix in (".txt", ".md", ".html"):
            article = parse_text(text, suffix=suffix)
            if suffix != ".html":
                assert article.text == text
            end = 0
            for block in article.blocks:
                assert block.kind in BLOCK_KINDS and block.start >= end
                assert article.text[block.start : block.end] == block.text
                end = block.end
            assert parse_meta(text, suffix=suffix) == article.meta
