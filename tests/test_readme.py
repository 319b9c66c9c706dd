"""The reference (docs/referensi.md) documents everything a user can meet: commands, options,
forms, rules, checks; the short README names the two commands and where to go next."""

from __future__ import annotations

import re

import click

from renja.app.cli import main
from renja.model.checks import CHECKS
from renja.model.contract import INFERRED_FORM, NOT_DATA_FORM
from renja.normalize.kinds import KIND_BY_SLUG
from renja.normalize.rules import RULE_NAMES

from .conftest import REPO

README = (REPO / "docs" / "referensi.md").read_text(encoding="utf-8")
SHORT = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_documented() -> None:
    context = click.Context(main)
    for name, command in main.commands.items():
        assert f"renja {name}" in README, name
        for param in command.get_params(context):
            for option in param.opts:
                if option.startswith("--") and option != "--help":
                    assert option in README, f"{name} {option}"


def test_every_table_form_is_documented() -> None:
    """The known forms, and the two slugs of the tables of no known form (``unknown`` is the
    classifier's word for those, never written)."""
    for slug in [*(s for s in KIND_BY_SLUG if s != "unknown"), INFERRED_FORM, NOT_DATA_FORM]:
        assert f"| `{slug}` |" in README, slug


def test_every_repair_rule_is_documented() -> None:
    for rule in RULE_NAMES:
        assert f"`{rule}`" in README, rule


def test_every_check_is_documented() -> None:
    for check in CHECKS:
        assert f"`{check}`" in README, check


def test_the_checks_table_gives_each_check_its_severity() -> None:
    for slug, check in CHECKS.items():
        row = re.search(rf"^\| `{slug}` \| (\w+)", README, re.MULTILINE)
        assert row is not None and row.group(1) == check.severity, slug


def test_quick_start_names_the_two_commands() -> None:
    assert "make run" in SHORT and "make test" in SHORT
    assert len(SHORT.splitlines()) < 80  # what it is, the two commands, where to go next
    for page in ("PANDUAN.md", "docs/referensi.md", "docs/kinerja.md", "ARCHITECTURE.md"):
        assert f"]({page}" in SHORT, page
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_the_benchmark_figures_are_the_results_files() -> None:
    """The Speed section quotes each benchmark's results file as the benchmark wrote it
    (``benchmarks/figures.py``), never figures typed by hand."""
    figures = (REPO / "docs" / "kinerja.md").read_text(encoding="utf-8")
    quotes = re.findall(
        r"<!-- results: (?P<file>[^ >]+) -->\n(.*?)<!-- /results -->", figures, re.DOTALL
    )
    assert {name for name, _ in quotes} >= {
        "benchmarks/results.md",
        "benchmarks/results_pdf.md",
        "benchmarks/results_scale.md",
        "benchmarks/results_corpus.md",
        "benchmarks/results_accuracy.md",
    }
    for name, body in quotes:
        results = (REPO / name).read_text(encoding="utf-8").splitlines()
        if results and results[0].startswith("# "):
            results = results[1:]
        assert body == "\n".join(results).strip() + "\n", f"{name}: run benchmarks/figures.py"
