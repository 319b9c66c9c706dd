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


def _setuptools() -> tuple[list[str], dict[str, str]]:
    """The listed packages and the package-dir mapping from pyproject.toml."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    return setuptools["packages"], setuptools["package-dir"]


def _folder(package: str, mapping: dict[str, str]) -> Path:
    """Where a package's files are: its mapped folder, or a subfolder of its nearest mapped
    parent's (``renja.normalize.nomenclature`` is ``normalize/nomenclature``), as setuptools
    finds them."""
    parts = package.split(".")
    for cut in range(len(parts), 0, -1):
        mapped = mapping.get(".".join(parts[:cut]))
        if mapped is not None:
            return REPO.joinpath(mapped, *parts[cut:])
    raise AssertionError(f"{package} lies under no package-dir entry")


def _package_tree(root: Path) -> Path:
    """The installed layout (``renja/``, ``renja/model/`` …) as real folders under ``root``."""
    packages, mapping = _setuptools()
    for package in sorted(packages, key=lambda name: name.count(".")):
        target = root.joinpath(*package.split("."))
        target.mkdir(parents=True, exist_ok=True)
        for source in _folder(package, mapping).glob("*.py"):
            shutil.copy2(source, target / source.name)
    return root


def test_every_package_folder_is_listed() -> None:
    """A subpackage missing from ``packages`` would be left out of an installed renja."""
    packages, mapping = _setuptools()
    folders = {_folder(package, mapping) for package in packages}
    for top in {REPO / folder for folder in mapping.values()}:
        for init in top.rglob("__init__.py"):
            assert init.parent in folders, f"{init.parent} is a package not listed in pyproject"


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
