"""The Indonesian user guide (PANDUAN.md) says only what renja does: every command and option it
names exists, every check and status it names is renja's, the query it shows is the one the
corpus tests run (its links: tests/test_docs_links.py)."""

from __future__ import annotations

import re

import click

from renja.app.cli import main
from renja.model.checks import CHECKS
from renja.present.corpus_schema import SUMMARY_QUERY

from .conftest import REPO

GUIDE = (REPO / "PANDUAN.md").read_text(encoding="utf-8")


def _options() -> dict[str, set[str]]:
    context = click.Context(main)
    return {
        name: {opt for param in command.get_params(context) for opt in param.opts}
        for name, command in main.commands.items()
    }


def test_every_command_and_option_the_guide_names_exists() -> None:
    options = _options()
    code = re.findall(r"```\w*\n(.*?)```|`([^`\n]+)`", GUIDE, re.DOTALL)
    commands = [line for block in code for part in block for line in part.splitlines()]
    for command, rest in (m for line in commands for m in re.findall(r"renja (\w+)(.*)", line)):
        assert command in options, f"renja {command}"
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]+", rest):
            assert option in options[command], f"renja {command} {option}"
    every = set().union(*options.values())
    for option in re.findall(r"`(--[a-z][a-z-]+)", GUIDE):
        assert option in every, option


def test_the_checks_and_statuses_it_names_are_renjas() -> None:
    named = set(re.findall(r"`([a-z]+(?:_[a-z]+)+)`", GUIDE))
    checks = {slug for slug in named if slug in CHECKS}
    assert {"jumlah_rincian", "beda_antar_tabel", "kode_tidak_pasti", "keputusan_usang"} <= checks
    from renja.model.decisions import ValueStatus

    for status in re.findall(r"`status_pagu` menyebut asalnya \(([^)]*)\)", GUIDE)[0].split(","):
        ValueStatus(status.strip().strip("`"))  # raises for a status renja has not


def test_the_query_it_shows_is_the_one_the_corpus_tests_run() -> None:
    # tests/test_corpus_data.py runs SUMMARY_QUERY on a corpus and checks its totals
    assert f"```sql\n{SUMMARY_QUERY}\n```" in GUIDE
