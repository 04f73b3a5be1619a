"""Save latency of the annotation store vs TinyDB's default JSONStorage.

    .venv/bin/python benchmarks/bench_store.py [--sizes 1000,10000,50000] [--samples 300]

For each size N the annotations file is pre-filled with N realistic notes
(anchor with 32 characters of context, a body, tags), then single-note saves
are timed one by one:

* **journal**: ``Store.add_note`` (tui.store): lock, re-sync check, one
  fsynced journal record (durable when it returns). Compactions that fall
  inside the run are included in the figures.
* **default**: ``TinyDB(path).table("notes").insert`` with TinyDB's default
  JSONStorage, which rewrites the whole file per insert and does not even
  fsync (so it is not durable). Its sample count is capped (it is slow).

Also reported: opening the store (load + index) and one full compaction.
Timings only; no assertions (see tests/ for behaviour).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tinydb import TinyDB  # noqa: E402

from tui.model import make_anchor  # noqa: E402
from tui.store import Store  # noqa: E402

TEXT = (
    "Fujitsu said on Tuesday that it will build a sovereign AI server in Japan. "
    "It embeds a complete traceability system, covering printed circuit board assembly "
    "to final device integration, something that appeals to government agencies. "
) * 40

DEFAULT_CAP = {1000: 100, 10000: 30, 50000: 10}


def note_record(i: int) -> dict:
    start = (i * 37) % (len(TEXT) - 200)
    a = make_anchor(TEXT, start, start + 60 + i % 80)
    return {
        "id": f"{i:012x}",
        "article_id": f"feed/article-{i % 500:04d}",
        "kind": "highlight" if i % 3 else "note",
        "body": f"Note number {i}: worth a second look, compare with last quarter.",
        "quote": a.exact,
        "prefix": a.prefix,
        "suffix": a.suffix,
        "start": a.start,
        "end": a.end,
        "tags": ["ai", "supply-chain"][: i % 3],
        "orphaned": False,
        "created": "2026-11-21T12:00:00.000000Z",
        "updated": "2026-11-21T12:00:00.000000Z",
    }


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def bench_journal(folder: Path, n: int, samples: int) -> dict:
    path = folder / "journal" / "annotations.json"
    with Store(path) as store:
        store.import_notes(note_record(i) for i in range(n))
    del store
    gc.collect()
    size = path.stat().st_size
    t0 = time.perf_counter()
    store = Store(path)
    opened = time.perf_counter() - t0
    times = []
    for i in range(samples):
        anchor = make_anchor(TEXT, i * 11 % 5000, i * 11 % 5000 + 90)
        t = time.perf_counter()
        store.add_note(f"feed/article-{i % 500:04d}", f"new note {i}", anchor=anchor, tags=["x"])
        times.append(time.perf_counter() - t)
    t = time.perf_counter()
    store.compact()
    compact = time.perf_counter() - t
    store.close()
    return {
        "p50_ms": pct(times, 50) * 1000,
        "p95_ms": pct(times, 95) * 1000,
        "max_ms": max(times) * 1000,
        "samples": samples,
        "open_ms": opened * 1000,
        "compact_ms": compact * 1000,
        "file_mb": size / 1e6,
    }


def bench_fsync_floor(folder: Path, samples: int) -> dict:
    """Append one 450-byte line + fdatasync: the floor of any durable save here."""
    path = folder / "floor.log"
    times = []
    for _ in range(samples):
        t = time.perf_counter()
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.write(fd, b"x" * 449 + b"\n")
        os.fdatasync(fd)
        os.close(fd)
        times.append(time.perf_counter() - t)
    return {"p50_ms": pct(times, 50) * 1000, "p95_ms": pct(times, 95) * 1000}


def bench_default(folder: Path, n: int, samples: int) -> dict:
    path = folder / "default" / "annotations.json"
    path.parent.mkdir(parents=True)
    notes = {}
    for i in range(n):
        rec = note_record(i)
        notes[str(i + 1)] = rec
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 2}}, "notes": notes}))
    times = []
    for i in range(samples):
        db = TinyDB(path)  # re-open: another process may have written (as the app must)
        t = time.perf_counter()
        db.table("notes").insert(note_record(n + i))
        times.append(time.perf_counter() - t)
        db.close()
    return {
        "p50_ms": pct(times, 50) * 1000,
        "p95_ms": pct(times, 95) * 1000,
        "max_ms": max(times) * 1000,
        "samples": samples,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--samples", type=int, default=300)
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--dir", help="folder for the files (default: a temp folder here)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    base = args.dir or os.path.dirname(os.path.abspath(__file__))
    results = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-store-", dir=base) as tmp:
            floor = bench_fsync_floor(Path(tmp), args.samples)
            ours = bench_journal(Path(tmp), n, args.samples)
            default = bench_default(Path(tmp), n, min(args.samples, DEFAULT_CAP.get(n, 10)))
        results.append({"notes": n, "journal": ours, "default": default, "fsync_floor": floor})
        if not args.json:
            print(
                f"{n:>6} notes ({ours['file_mb']:.1f} MB): "
                f"journal p50 {ours['p50_ms']:.2f} ms p95 {ours['p95_ms']:.2f} ms "
                f"(n={ours['samples']}, open {ours['open_ms']:.0f} ms, "
                f"compact {ours['compact_ms']:.0f} ms) | "
                f"default p50 {default['p50_ms']:.1f} ms p95 {default['p95_ms']:.1f} ms "
                f"(n={default['samples']}) | append+fdatasync alone p50 {floor['p50_ms']:.2f} "
                f"p95 {floor['p95_ms']:.2f} ms | load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
