"""The development facts for the sample: every row fact (numbers and printed codes) holds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import SHARED, need

FACTS = SHARED / "gold" / "renja-bkpsdm-banjarbaru-2024.dev.json"
SCORER = SHARED / "tools" / "score_facts.py"
# Categories this stage is responsible for; 'match' (issue 3) and 'arithmetic' (issue 4) are not.
OWNED = {"number", "code"}


def test_row_facts_all_hold(sample_out: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(need(SCORER)), str(need(FACTS)), str(sample_out)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0].startswith("tables found: E81, LAMP, T24, T51, T52, T53 (of 6)")
    owned = [line.split() for line in lines[1:] if line.split()[:1] == ["row"]]
    owned = [parts for parts in owned if parts[2] in OWNED]
    assert len(owned) == 7  # E81, LAMP x2, T24, T51, T52, T53
    for parts in owned:
        hit, total = parts[3].split("/")
        assert hit == total, " ".join(parts)
