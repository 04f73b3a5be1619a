"""``python -m tui.extract PATH``: spans of one file as JSON (for scoring while developing)."""

import json
import sys

from ..library import read_text
from . import extract

if __name__ == "__main__":
    text = read_text(__import__("pathlib").Path(sys.argv[1]))
    print(json.dumps({"id": sys.argv[1], "spans": [s.to_dict() for s in extract(text)]}))
