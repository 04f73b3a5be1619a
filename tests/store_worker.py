"""Subprocess helper for the durability tests (a real, separate writer process).

    python tests/store_worker.py add PATH COUNT LABEL [COMPACT_BYTES]
        add COUNT notes, print each note id once its save returned (acked)
    python tests/store_worker.py loop PATH COMPACT_BYTES
        print "ready", then add notes until killed, printing each acked id

Each acknowledged id is printed on its own line and flushed *after*
``Store.add_note`` returned, i.e. after the journal record was fsynced.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.model import make_anchor  # noqa: E402
from tui.store import Store  # noqa: E402

TEXT = "The quick brown fox jumps over the lazy dog. " * 20


def main(argv: list[str]) -> int:
    mode, path = argv[0], argv[1]
    if mode == "add":
        count, label = int(argv[2]), argv[3]
        compact = int(argv[4]) if len(argv) > 4 else 1 << 20
        store = Store(path, compact_bytes=compact)
        print("ready", flush=True)
        for i in range(count):
            anchor = make_anchor(TEXT, i % 400, i % 400 + 9)
            note = store.add_note(f"article-{label}", f"{label} note {i}", anchor=anchor)
            print(note.id, flush=True)
        store.close()
        return 0
    if mode == "loop":
        store = Store(path, compact_bytes=int(argv[2]), compact_on_close=False)
        print("ready", flush=True)
        i = 0
        while True:
            anchor = make_anchor(TEXT, i % 400, i % 400 + 9)
            note = store.add_note("article-loop", f"loop note {i} " + "x" * (i % 50), anchor=anchor)
            print(note.id, flush=True)
            if i % 7 == 3:
                store.update_note(note.id, body=f"edited {i}")
            i += 1
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
