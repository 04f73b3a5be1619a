"""The domain layer never loads Textual or Rich; the CLI loads Textual only for the app.

Each check runs in a fresh interpreter, since this test process has the UI loaded.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

DOMAIN = [
    "tui.model",
    "tui.parse",
    "tui.library",
    "tui.extract",
    "tui.extract.figures",
    "tui.extract.entities",
    "tui.store",
]
OPTIONAL_DOMAIN = [
    "tui.entity_index",
    "tui.anchoring",
    "tui.storage",
    "tui.check",
    "tui.migrations",
    "tui.extract.resolve",
]


def _loaded_after(code: str) -> set[str]:
    script = code + "\nimport sys\nprint(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("module", DOMAIN + OPTIONAL_DOMAIN)
def test_domain_module_does_not_import_ui(module: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} does not exist yet")
    loaded = _loaded_after(f"import {module}")
    assert "textual" not in loaded, f"{module} imports textual"
    assert "rich" not in loaded, f"{module} imports rich"


def test_contract_catches_a_ui_import() -> None:
    """The check itself can fail: importing the app does load Textual."""
    assert "textual" in _loaded_after("import textual.app")


@pytest.mark.parametrize(
    "argv", [["list", "--json"], ["notes", "--json"], ["extract", "000_ce59ded0c8c26f99", "--json"]]
)
def test_non_interactive_commands_do_not_import_textual(argv: list[str], library_root) -> None:
    code = (
        "import contextlib, io\n"
        "from tui.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    assert main({argv!r}) == 0\n"
    )
    assert "textual" not in _loaded_after(code)
