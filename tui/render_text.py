"""Print an article with its highlights to the terminal (``briefing show``).

Uses Rich (not Textual) so the command stays light. Article text is untrusted:
it goes in as ``rich.text.Text`` (never markup) after control characters are
replaced.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from .model import Article, Span, clean_for_display

#: One colour per label, shared with the legend.
LABEL_STYLES = {
    "ORG": "bold cyan",
    "PERSON": "bold magenta",
    "GPE": "bold green",
    "LAW": "bold yellow",
    "PRODUCT": "bold blue",
    "MONEY": "bold bright_green",
    "PERCENT": "bold bright_cyan",
    "DATE": "bright_yellow",
    "CARDINAL": "bright_magenta",
    "QUANTITY": "bright_magenta",
    "ORDINAL": "bright_magenta",
}

BLOCK_STYLES = {
    "title": "bold underline",
    "standfirst": "italic",
    "heading": "bold",
    "chrome": "dim",
    "teaser": "dim",
    "citation": "dim",
    "stat": "bold reverse",
}


def render_article(article: Article, spans: Sequence[Span], *, color: str = "auto") -> None:
    """Write the article, block by block, with spans styled by label and a legend."""
    force = {"always": True, "never": False}.get(color)
    console = Console(
        file=sys.stdout,
        force_terminal=force,
        no_color=(color == "never"),
        highlight=False,
        soft_wrap=False,
    )
    text = clean_for_display(article.text)
    present: list[str] = []
    for block in article.blocks:
        if block.kind == "meta":
            continue
        line = Text(text[block.start : block.end], style=BLOCK_STYLES.get(block.kind, ""))
        for span in spans:
            if span.start >= block.start and span.end <= block.end:
                style = LABEL_STYLES.get(span.label, "bold")
                line.stylize(style, span.start - block.start, span.end - block.start)
                if span.label not in present:
                    present.append(span.label)
        if block.kind == "bullet":
            line = Text("  • ") + line
        elif block.kind == "teaser":
            line = Text("(other article) ", style="dim italic") + line
        console.print(line)
        if block.kind not in ("stat", "bullet"):
            console.print()
    legend = Text("Legend: ")
    for label in present:
        legend.append(f" {label} ", style=LABEL_STYLES.get(label, "bold"))
        legend.append(" ")
    console.print(legend)
