"""Dev-gold scores with the shared scorer: ``score.py --json -- python -m tui.extract {path}``.

Targets (the product's quality bar, see ../shared/eval/SCHEME.md):

* entities: F1 >= 0.90 (exact span + label, alt_labels accepted, optional ignored);
* figures: F1 >= 0.95 and value accuracy >= 0.95.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"

ENTITY_F1 = 0.90
FIGURE_F1 = 0.95
FIGURE_VALUE_ACC = 0.95

pytestmark = pytest.mark.skipif(
    not SCORER.exists(),
    reason=f"shared eval folder not found ({SCORER}); dev gold is not available",
)


@pytest.fixture(scope="module")
def dev_scores() -> dict:
    cmd = [
        sys.executable,
        str(SCORER),
        "--json",
        "--",
        sys.executable,
        "-m",
        "tui.extract",
        "{path}",
    ]
    run = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "not JSON" not in run.stderr, run.stderr[-2000:]
    data = json.loads(run.stdout)
    row = data["gold"]
    print(f"\ndev gold: {json.dumps(row)}")
    return row


def test_entities_f1(dev_scores):
    ent = dev_scores["entity"]
    assert ent["gold"] > 150
    assert ent["F1"] >= ENTITY_F1, ent


def test_figures_f1(dev_scores):
    fig = dev_scores["figure"]
    assert fig["gold"] > 50
    assert fig["F1"] >= FIGURE_F1, fig


def test_figure_values(dev_scores):
    fig = dev_scores["figure"]
    assert fig["value_acc"] is not None
    assert fig["value_acc"] >= FIGURE_VALUE_ACC, fig
