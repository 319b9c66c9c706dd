"""The layers hold and the types check: import-linter checks the order model < extract <
normalize < validate < present < app, and mypy the whole ``renja`` package (strict on the
kernel, as pyproject.toml says), on every run of the suite; as tests, they run beside the
others under pytest-xdist.

The package folders are mapped into ``renja`` by setuptools (``package-dir``), which
import-linter's graph builder cannot follow, so the check runs on a copy laid out as one
``renja`` tree (``tests/package_tree.py``).
"""

from __future__ import annotations

from pathlib import Path

from .package_tree import REPO, build_tree, package_folder, run_tool, setuptools_layout


def test_every_package_folder_is_listed() -> None:
    """A subpackage missing from ``packages`` would be left out of an installed renja."""
    packages, mapping = setuptools_layout()
    folders = {package_folder(package, mapping) for package in packages}
    for top in {REPO / folder for folder in mapping.values()}:
        for init in top.rglob("__init__.py"):
            assert init.parent in folders, f"{init.parent} is a package not listed in pyproject"


def test_tree_maps_back_to_the_repository(tmp_path: Path) -> None:
    """Tool output about the tree names the repository's files."""
    tree = build_tree(tmp_path)
    assert (tmp_path / "renja" / "validate" / "audit.py").is_file()
    assert tree.sources["renja/normalize/nomenclature/__init__.py"] == (
        "normalize/nomenclature/__init__.py"
    )
    text = f"renja/validate/audit.py:12: error\n{tmp_path}/renja/__init__.py:3: note\nrenja/x.py"
    expected = "validate/audit.py:12: error\ncore/__init__.py:3: note\nrenja/x.py"
    assert tree.to_repo_paths(text) == expected


def test_layers_hold() -> None:
    done = run_tool("lint-imports")
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "1 kept, 0 broken" in report


def test_types_check() -> None:
    done = run_tool("mypy")
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "Success: no issues found" in report
