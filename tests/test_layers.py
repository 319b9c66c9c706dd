"""The layers hold: import-linter checks the order model < extract < normalize < validate <
present < app on every run of the suite.

The package folders are mapped into ``renja`` by setuptools (``package-dir``), which
import-linter's graph builder cannot follow, so the check runs on a copy laid out as one
``renja`` tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _package_tree(root: Path) -> Path:
    """The installed layout (``renja/``, ``renja/model/`` …) as real folders under ``root``."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = config["tool"]["setuptools"]["package-dir"]
    for package, folder in sorted(mapping.items(), key=lambda item: item[0].count(".")):
        target = root.joinpath(*package.split("."))
        target.mkdir(parents=True, exist_ok=True)
        for source in (REPO / folder).glob("*.py"):
            shutil.copy2(source, target / source.name)
    return root


def test_layers_hold(tmp_path: Path) -> None:
    tree = _package_tree(tmp_path / "tree")
    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [str(lint), str(REPO / "pyproject.toml"), "--no-cache"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "1 kept, 0 broken" in report
