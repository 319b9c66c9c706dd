"""The installed ``renja`` layout as one folder tree, for tools that cannot follow setuptools'
``package-dir`` mapping (mypy, import-linter).

As a script, ``python tests/package_tree.py mypy|lint-imports [ARGS...]`` copies the tree into a
temporary folder, runs the tool on it with the repository's ``pyproject.toml``, prints its output
with the tree's paths turned back into the repository's (``renja/validate/audit.py`` becomes
``validate/audit.py``) and exits with the tool's code. ``tests/test_layers.py`` uses it too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = REPO / "pyproject.toml"


def setuptools_layout() -> tuple[list[str], dict[str, str]]:
    """The listed packages and the package-dir mapping from pyproject.toml."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    return setuptools["packages"], setuptools["package-dir"]


def package_folder(package: str, mapping: Mapping[str, str]) -> Path:
    """Where a package's files are: its mapped folder, or a subfolder of its nearest mapped
    parent's (``renja.normalize.nomenclature`` is ``normalize/nomenclature``), as setuptools
    finds them."""
    parts = package.split(".")
    for cut in range(len(parts), 0, -1):
        mapped = mapping.get(".".join(parts[:cut]))
        if mapped is not None:
            return REPO.joinpath(mapped, *parts[cut:])
    raise ValueError(f"{package} lies under no package-dir entry")


@dataclass(frozen=True, slots=True)
class PackageTree:
    """The tree's root and, for every module in it, the repository file it was copied from
    (both relative: ``renja/validate/audit.py`` → ``validate/audit.py``)."""

    root: Path
    sources: dict[str, str]

    def to_repo_paths(self, text: str) -> str:
        """``text`` with every path of a tree file, relative or under the tree's root, replaced
        by the repository's path of the same file."""
        root = re.escape(str(self.root) + os.sep)
        pattern = re.compile(rf"(?:{root})?(renja/[\w/]+\.py)\b")

        def repo_path(match: re.Match[str]) -> str:
            return self.sources.get(match.group(1), match.group(0))

        return pattern.sub(repo_path, text)


def build_tree(root: Path) -> PackageTree:
    """The installed layout (``renja/``, ``renja/model/`` …) as real folders under ``root``,
    holding copies of the modules (their times kept, so caches stay valid)."""
    packages, mapping = setuptools_layout()
    sources: dict[str, str] = {}
    for package in sorted(packages, key=lambda name: name.count(".")):
        target = root.joinpath(*package.split("."))
        target.mkdir(parents=True, exist_ok=True)
        for source in sorted(package_folder(package, mapping).glob("*.py")):
            shutil.copy2(source, target / source.name)
            copied = (target / source.name).relative_to(root).as_posix()
            sources[copied] = source.relative_to(REPO).as_posix()
    return PackageTree(root, sources)


def _tool(name: str) -> Path:
    """A console script installed beside this Python (the project's venv)."""
    return Path(sys.executable).with_name(name)


def mypy_command(tree: PackageTree) -> list[str]:
    # The cache lives in the repository (git-ignored) so that runs after the first are quick.
    cache = REPO / ".mypy_cache"
    return [sys.executable, "-m", "mypy", "--config-file", str(PYPROJECT),
            "--cache-dir", str(cache), "-p", "renja"]  # fmt: skip


def lint_imports_command(tree: PackageTree) -> list[str]:
    return [str(_tool("lint-imports")), str(PYPROJECT), "--no-cache", "--no-logo"]


TOOLS: dict[str, Callable[[PackageTree], list[str]]] = {
    "mypy": mypy_command,
    "lint-imports": lint_imports_command,
}


def run_tool(name: str, extra: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
    """Run one of ``TOOLS`` on a fresh tree; its output has the repository's paths."""
    with tempfile.TemporaryDirectory(prefix="renja-tree-") as scratch:
        tree = build_tree(Path(scratch))
        env = {**os.environ, "PYTHONPATH": str(tree.root), "MYPYPATH": str(tree.root)}
        done = subprocess.run(
            [*TOOLS[name](tree), *extra],
            cwd=tree.root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        return subprocess.CompletedProcess(
            done.args,
            done.returncode,
            tree.to_repo_paths(done.stdout),
            tree.to_repo_paths(done.stderr),
        )


def main(argv: Sequence[str]) -> int:
    if not argv or argv[0] not in TOOLS:
        print(f"usage: python tests/package_tree.py {'|'.join(TOOLS)} [ARGS...]", file=sys.stderr)
        return 2
    done = run_tool(argv[0], argv[1:])
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
