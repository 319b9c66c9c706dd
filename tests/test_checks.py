"""The check registry and the order of severities: one definition each, in renja.model."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from renja.model import checks
from renja.model.checks import CHECKS, JUMLAH_RINCIAN, SKEMA_KOLOM, Check, check_named
from renja.model.records import Finding
from renja.model.severity import SEVERITIES, Severity, severity_rank

from .conftest import REPO

PACKAGE_FOLDERS = ("core", "model", "extract", "normalize", "validate", "present", "app")
SLUG = re.compile(r"[a-z]+(?:_[a-z]+)+")


def _sources() -> list[Path]:
    return sorted(p for folder in PACKAGE_FOLDERS for p in (REPO / folder).rglob("*.py"))


def test_every_check_has_a_slug_a_severity_and_a_meaning() -> None:
    assert len(CHECKS) == len(Check) > 0
    for slug, check in CHECKS.items():
        assert check.slug == slug == str(check) and SLUG.fullmatch(slug), slug
        assert check.name == slug.upper()  # the name a module imports it by
        assert isinstance(check.severity, Severity)
        assert check.meaning.strip(), slug


def test_every_check_is_importable_by_its_name() -> None:
    named = {name for name, value in vars(checks).items() if isinstance(value, Check)}
    assert named == set(Check.__members__) <= set(checks.__all__)
    assert all(getattr(checks, name) is Check[name] for name in named)
    with pytest.raises(ImportError):  # a misspelled check fails where it is imported
        exec("from renja.model.checks import JUMLAH_RINCAN")


def test_a_check_is_its_slug() -> None:
    assert JUMLAH_RINCIAN == "jumlah_rincian" and f"{JUMLAH_RINCIAN}" == "jumlah_rincian"
    assert type(JUMLAH_RINCIAN.slug) is str
    assert check_named("skema_kolom") is SKEMA_KOLOM
    with pytest.raises(ValueError, match="no check"):
        check_named("jumlah_rincan")


def test_a_finding_holds_a_registered_check() -> None:
    finding = Finding("jumlah_rincian", Severity.ERROR, "pesan")  # a slug given as text
    assert finding.check is JUMLAH_RINCIAN
    with pytest.raises(ValueError, match="'jumlah_rincan' is no check"):
        Finding("jumlah_rincan", Severity.ERROR, "pesan")


def test_no_module_spells_a_check_as_text() -> None:
    """Code names checks (``JUMLAH_RINCIAN``, ``Check.SKEMA_KOLOM``); only the registry holds
    their slugs as text, so a typo cannot become a slug no one knows."""
    slugs = set(CHECKS)
    spelled = []
    for path in _sources():
        if path == REPO / "model" / "checks.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in slugs:
                spelled.append(f"{path.relative_to(REPO)}:{node.lineno} {node.value!r}")
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "Check"
                and node.attr.isupper()
                and node.attr not in Check.__members__
            ):
                spelled.append(f"{path.relative_to(REPO)}:{node.lineno} Check.{node.attr}")
    assert not spelled


def test_severities_in_their_one_order() -> None:
    assert SEVERITIES == (Severity.ERROR, Severity.WARNING, Severity.INFO)
    assert [s.rank for s in SEVERITIES] == [0, 1, 2]
    assert sorted(["info", "error", "catatan", "warning"], key=severity_rank) == [
        "error",
        "warning",
        "info",
        "catatan",  # no severity: last
    ]


def test_findings_sort_most_severe_first() -> None:
    info = Finding("kode_berubah_nomor", Severity.INFO, "a")
    error = Finding("jumlah_total", Severity.ERROR, "b")
    warning = Finding("angka_tidak_terbaca", Severity.WARNING, "c")
    ordered = sorted([info, warning, error], key=Finding.sort_key)
    assert [f.severity for f in ordered] == list(SEVERITIES)
