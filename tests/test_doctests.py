"""Every module's doctests run as part of the suite: each repair rule shows its damaged input."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import renja

PACKAGES = [
    "renja", "renja.model", "renja.extract", "renja.normalize", "renja.validate", "renja.present",
    "renja.app",
]  # fmt: skip


def _modules() -> list[str]:
    names: list[str] = []
    for pkg_name in PACKAGES:
        pkg = importlib.import_module(pkg_name)
        names.append(pkg_name)
        for info in pkgutil.iter_modules(pkg.__path__):
            names.append(f"{pkg_name}.{info.name}")
            if info.ispkg:  # a subpackage such as renja.normalize.nomenclature: its modules too
                sub = importlib.import_module(f"{pkg_name}.{info.name}")
                names.extend(f"{sub.__name__}.{m.name}" for m in pkgutil.iter_modules(sub.__path__))
    return sorted(set(names))


@pytest.mark.parametrize("module_name", _modules())
def test_module_doctests(module_name: str) -> None:
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {module_name}"


def test_package_is_importable() -> None:
    assert renja.__name__ == "renja"
