"""Extraction throughput: full extraction against a plain figures-only regex floor.

Run: ``.venv/bin/python benchmarks/bench_extract.py [--mb 4] [--repeat 5]``

It builds a multi-megabyte text by concatenating the sample articles in
``seeds/`` and the test articles in ``tests/extract_fixtures/`` until the
target size, then times, in the same run and best of N:

(a) floor: the plain, labelled figures-only regex of ``floor_regex.py``
    (MONEY / PERCENT / DATE / CARDINAL; figures F1 0.92 on the dev gold, the
    class of regex issue 3 measures against), ``finditer`` over the whole
    text, one tuple per match. Ratios are taken against this row;
(a0) the old minimal floor (money, percent and bare numbers, no dates, F1
    0.44), for the record;
(b) ``tui.extract.figures.find_figures``;
(c) ``tui.extract.extract`` (entities + figures + the merge), and for the
    record ``find_entities`` alone, so it is clear which half costs what;
(d) spaCy ``en_core_web_sm`` (NER only) on a slice, only if spaCy and the model
    are importable (skipped otherwise; ``$BRIEFING_SPACY_MODEL`` may name a
    model folder to load instead of the installed package).

It prints MB/s and the ratio to the floor. The target is ratio >= 0.5 for (c).

The big text repeats the same articles, so it then times rows (a)-(c) again on
**non-repeating text**: one copy of the articles (no repetition), best of
more runs because it is small. Nothing in the extractor keeps state between
calls, so the two should agree; if they ever diverge, trust the second.
Nothing here is asserted: timings belong in benchmarks, not in tests.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from floor_regex import floor, minimal  # noqa: E402

from tui.extract import extract, find_entities  # noqa: E402
from tui.extract.figures import find_figures  # noqa: E402

#: Which files each ``--corpus`` concatenates. ``pages`` is the most realistic: the real
#: samples and the held-out pages (news and government pages in their scraped form, chrome
#: and all); ``samples`` adds the figure-dense extraction fixtures to the samples.
CORPORA = {
    "samples": ("seeds", "tests/extract_fixtures"),
    "seeds": ("seeds",),
    "pages": (
        "seeds",
        "benchmarks/heldout/gold",
        "benchmarks/heldout2/gold",
        "benchmarks/heldout3/gold",
        "benchmarks/heldout4/gold",
    ),
}
CORPORA["all"] = tuple(dict.fromkeys(CORPORA["samples"] + CORPORA["pages"]))


def build_unit(*, seeds_only: bool = False, corpus: str = "samples") -> str:
    """One copy of every article of the corpus, no repetition."""
    parts = []
    for folder in CORPORA["seeds" if seeds_only else corpus]:
        for path in sorted((ROOT / folder).glob("*.txt")):
            parts.append(path.read_text(encoding="utf-8"))
    return "\n\n".join(parts) + "\n\n"


def build_text(megabytes: float, *, seeds_only: bool = False, corpus: str = "samples") -> str:
    unit = build_unit(seeds_only=seeds_only, corpus=corpus)
    target = int(megabytes * 1_000_000)
    reps = max(1, target // max(1, len(unit.encode("utf-8"))) + 1)
    return unit * reps


def best_of(fn, text: str, repeat: int) -> tuple[float, int]:
    best = float("inf")
    n = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn(text)
        dt = time.perf_counter() - t0
        best = min(best, dt)
        n = len(out)
    return best, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=4.0, help="size of the text in MB (default 4)")
    ap.add_argument("--repeat", type=int, default=5, help="best of N runs (default 5)")
    ap.add_argument(
        "--seeds-only",
        action="store_true",
        help="build the text from seeds/ only (same as --corpus seeds)",
    )
    ap.add_argument(
        "--corpus",
        choices=sorted(CORPORA),
        default="samples",
        help="which articles make up the text (default samples: seeds + extraction fixtures; "
        "pages: seeds + the held-out news and government pages)",
    )
    args = ap.parse_args(argv)

    text = build_text(args.mb, seeds_only=args.seeds_only, corpus=args.corpus)
    mb = len(text.encode("utf-8")) / 1e6
    corpus = "seeds" if args.seeds_only else args.corpus
    print(f"corpus: {corpus} ({', '.join(CORPORA[corpus])})")
    print(f"text: {mb:.2f} MB, {len(text):,} characters, best of {args.repeat}")

    rows = []
    t_floor, n_floor = best_of(floor, text, args.repeat)
    rows.append(("(a) floor: plain figures regex", t_floor, n_floor))
    rows.append(("(a0) minimal regex (old floor)", *best_of(minimal, text, args.repeat)))
    t_fig, n_fig = best_of(find_figures, text, args.repeat)
    rows.append(("(b) find_figures", t_fig, n_fig))
    t_ent, n_ent = best_of(find_entities, text, args.repeat)
    rows.append(("    find_entities alone", t_ent, n_ent))
    t_all, n_all = best_of(extract, text, args.repeat)
    rows.append(("(c) extract (entities+figures)", t_all, n_all))

    for name, t, n in rows:
        print(
            f"{name:34} {mb / t:8.2f} MB/s  {t * 1000:9.1f} ms  ratio {t_floor / t:5.2f}  spans {n:,}"
        )

    try:
        import spacy  # type: ignore[import-not-found]

        model = os.environ.get("BRIEFING_SPACY_MODEL") or "en_core_web_sm"
        # NER only: the fairest (fastest) spaCy baseline for this task.
        nlp = spacy.load(model, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    except Exception as exc:  # noqa: BLE001 - optional comparison only
        print(f"(d) spaCy en_core_web_sm: skipped ({type(exc).__name__})")
    else:
        sample = text[:200_000]
        nlp.max_length = max(nlp.max_length, len(sample) + 1)
        list(nlp(sample[:20_000]).ents)  # warm up
        t, _ = best_of(lambda s: list(nlp(s).ents), sample, 1)
        smb = len(sample.encode("utf-8")) / 1e6
        ratio_d = (smb / t) / (mb / t_floor)
        print(f"{'(d) spaCy sm, NER only (200 kB)':34} {smb / t:8.2f} MB/s  ratio {ratio_d:5.3f}")

    once = build_unit(seeds_only=args.seeds_only, corpus=args.corpus)
    omb = len(once.encode("utf-8")) / 1e6
    orep = max(5, args.repeat * 5)
    print(f"non-repeating text: {omb * 1000:.0f} kB (one copy of the articles), best of {orep}")
    o_floor, on_floor = best_of(floor, once, orep)
    o_rows = [("(a) floor: plain figures regex", o_floor, on_floor)]
    o_rows.append(("(b) find_figures", *best_of(find_figures, once, orep)))
    o_rows.append(("(c) extract (entities+figures)", *best_of(extract, once, orep)))
    for name, t, n in o_rows:
        print(
            f"{name:34} {omb / t:8.2f} MB/s  {t * 1000:9.1f} ms  ratio {o_floor / t:5.2f}  spans {n:,}"
        )

    ratio = t_floor / t_all
    verdict = "meets" if ratio >= 0.5 else "BELOW"
    print(f"full extraction runs at {ratio:.2f}x the floor ({verdict} the 0.5x target)")
    print(f"(and at {rows[1][1] / t_all:.2f}x the old minimal regex, which finds no dates)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
