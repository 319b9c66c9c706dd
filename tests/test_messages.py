"""The message catalogue: every message has its Indonesian, user-facing text is never left
unwrapped, the shipped ``.mo`` is the ``.po`` compiled, and ``--lang`` / the environment choose
the language of the command line and the report, numbers grouped the Indonesian way in both."""

from __future__ import annotations

import ast
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

import renja
from renja.app.cli import main
from renja.model.checks import CHECKS
from renja.model.i18n import (
    ENGLISH,
    INDONESIAN,
    LOCALE_DIR,
    _,
    group_digits,
    language,
    language_from,
    use_language,
)
from renja.present.compare_page import cell
from renja.present.report import render_report, shown_findings

from .conftest import REPO, SAMPLE_MD

SOURCES = ("core", "model", "extract", "normalize", "validate", "app", "present")
CATALOGUE = LOCALE_DIR / INDONESIAN / "LC_MESSAGES" / "renja.po"
COMPILED = CATALOGUE.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# What makes text a message: two words (not a name, path, slug, command or bare number).
WORDS = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)s")
TRANSLATORS = {"_", "N_", "ngettext"}


def extracted() -> dict[str, tuple[str, ...]]:
    """Every message of the code and the templates, as ``make messages`` extracts them (the
    same ``babel.cfg``): msgid, with its plural when it has one."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[str, tuple[str, ...]] = {}
    for folder in SOURCES:
        for _file, _line, message, _comments, _context in extract_from_dir(
            REPO / folder, method_map, options_map, keywords=KEYWORDS
        ):
            forms = (message,) if isinstance(message, str) else tuple(message)
            found[forms[0]] = forms
    return found


@pytest.fixture(scope="module")
def catalogue():  # type: ignore[no-untyped-def]
    with CATALOGUE.open("rb") as handle:
        return read_po(handle)


def test_every_message_has_its_indonesian(catalogue) -> None:  # type: ignore[no-untyped-def]
    """A message of the code or the templates without a non-empty, non-fuzzy Indonesian
    translation fails here: run ``make messages`` and translate it in the .po file."""
    messages = extracted()
    assert len(messages) > 500  # the extraction found the code (and not one file of it)
    missing = []
    for msgid in messages:
        entry = catalogue.get(msgid)
        strings = () if entry is None else (entry.string if entry.pluralizable else (entry.string,))
        if entry is None or entry.fuzzy or not all(strings) or not strings:
            missing.append(msgid)
    assert missing == [], f"{len(missing)} messages lack their Indonesian: {missing[:5]}"


def test_translations_keep_their_placeholders(catalogue) -> None:  # type: ignore[no-untyped-def]
    """``{path}`` or ``%(count)s`` lost or misspelt in a translation would break the message (or
    hide the value) in Indonesian only."""
    wrong = []
    for entry in catalogue:
        if not entry.id:
            continue
        ids = [entry.id] if isinstance(entry.id, str) else list(entry.id)
        strings = [entry.string] if isinstance(entry.string, str) else list(entry.string)
        allowed = set(PLACEHOLDER.findall("".join(ids)))
        for text in strings:
            found = set(PLACEHOLDER.findall(text))
            singular = set(PLACEHOLDER.findall(ids[0]))
            if not found <= allowed or (len(ids) == 1 and found != singular):
                wrong.append((ids[0], text))
    assert wrong == []


def test_the_compiled_catalogue_is_the_po_file(catalogue) -> None:  # type: ignore[no-untyped-def]
    """The package ships ``renja.mo``, compiled by ``make messages``; an edited .po not compiled
    again fails here."""
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    assert compiled.getvalue() == COMPILED.read_bytes()


# --- what must be wrapped ------------------------------------------------------------------


def test_every_check_means_something_in_indonesian() -> None:
    for slug, check in CHECKS.items():
        with use_language(INDONESIAN):
            indonesian = check.meaning
        with use_language(ENGLISH):
            english = check.meaning
        assert english == check.meaning_message and indonesian not in ("", english), slug


def _commands() -> Iterator[tuple[str, click.Command]]:
    yield "renja", main
    for name, command in main.commands.items():
        yield f"renja {name}", command


def test_every_help_text_is_translated() -> None:
    """Each command's help and each option's: marked, and in the catalogue (its Indonesian is
    not the English)."""
    untranslated = []
    with use_language(INDONESIAN):
        for name, command in _commands():
            texts = [(name, command.help)]
            texts += [(f"{name} {p.opts[0]}", getattr(p, "help", None)) for p in command.params]
            untranslated += [where for where, text in texts if text and _(text) == text]
    assert untranslated == []


def _renja_errors() -> set[str]:
    """The names of every exception a user reads the message of: ``RenjaError`` and its
    subclasses, click's ``ClickException`` (``UserError``)."""
    names = {"RenjaError", "ClickException", "UserError", "UsageError", "BadParameter"}
    classes: dict[str, set[str]] = {}
    for path in _code():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "")
                         for b in node.bases}  # fmt: skip
                classes[node.name] = bases
    grown = True
    while grown:
        more = {name for name, bases in classes.items() if bases & names} - names
        names |= more
        grown = bool(more)
    return names


def _code() -> list[Path]:
    return [p for folder in SOURCES for p in sorted((REPO / folder).rglob("*.py"))]


def _untranslated(node: ast.AST) -> list[str]:
    """The literal text (words, not punctuation around values) in ``node`` outside the
    translating calls ``_``, ``N_`` and ``ngettext``."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) in TRANSLATORS:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if WORDS.search(node.value) else []
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return [text] if WORDS.search(text) else []
    if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "join":
        return [t for arg in node.args for t in _untranslated(arg)]  # the separator is no text
    found: list[str] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.keyword) and child.arg in ("errno", "status_code"):
            continue
        found += _untranslated(child)
    return found


def test_every_error_message_is_translated() -> None:
    """A renja error's message (one line a user reads, exit 1) holds no literal text outside
    ``_()``: an f-string or a bare string in ``raise InputError(...)`` would stay English (or
    Indonesian) whatever the language."""
    errors = _renja_errors()
    bare = []
    for path in _code():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in errors:
                where = f"{path.relative_to(REPO)}:{node.lineno}"
                texts = [text for arg in node.exc.args for text in _untranslated(arg)]
                bare += [f"{where}: {text!r}" for text in texts]
    assert bare == []


def test_every_printed_line_is_translated() -> None:
    """What the commands print (``echo``, ``click.echo``, a rich console) holds no literal text
    outside ``_()``."""
    bare = []
    for path in sorted((REPO / "app").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = getattr(node, "func", None)
            name = getattr(called, "attr", getattr(called, "id", ""))
            if isinstance(node, ast.Call) and name in ("echo", "print"):
                where = f"{path.relative_to(REPO)}:{node.lineno}"
                bare += [f"{where}: {text!r}" for arg in node.args for text in _untranslated(arg)]
    assert bare == []


def test_a_translating_module_never_binds_underscore() -> None:
    """``for _, x in ...`` in a function that also calls ``_()`` makes ``_`` a local there:
    the call fails, or translates nothing. Comprehensions have their own scope."""
    bound = []
    for path in _code():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = any(
            isinstance(n, ast.ImportFrom) and n.module == "renja.model.i18n"
            and any(a.name == "_" for a in n.names)
            for n in tree.body
        )  # fmt: skip
        if not imports:
            continue
        own = {id(t) for n in ast.walk(tree) if isinstance(n, ast.comprehension)
               for t in ast.walk(n.target)}  # fmt: skip
        bound += [
            f"{path.relative_to(REPO)}:{n.lineno}"
            for n in ast.walk(tree)
            if isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)
            and id(n) not in own
        ]  # fmt: skip
    assert bound == []


# --- choosing the language ------------------------------------------------------------------


def test_the_environment_says_english_or_nothing() -> None:
    assert language_from({}) == INDONESIAN
    assert language_from({"LANG": "C.UTF-8"}) == INDONESIAN
    assert language_from({"LANG": "en_US.UTF-8"}) == ENGLISH
    assert language_from({"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}) == INDONESIAN
    assert language_from({"LANGUAGE": "en_GB:en", "LANG": "C"}) == ENGLISH
    assert language_from({"RENJA_LANG": "en", "LANG": "id_ID"}) == ENGLISH
    assert language_from({"RENJA_LANG": "id", "LANG": "en_US.UTF-8"}) == INDONESIAN
    assert language_from({"RENJA_LANG": "fr", "LANG": "en_US"}) == ENGLISH  # unknown: the locale


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    done = CliRunner().invoke(main, list(args), env=env, prog_name="renja")
    return done.exit_code, done.stdout, done.stderr


def test_an_error_line_in_either_language(tmp_path: Path) -> None:
    missing = str(tmp_path / "hilang.md")
    code, _out, err = run("run", missing, "--out", str(tmp_path / "o"))
    assert code == 1 and err == f"Galat: {missing}: berkas atau folder tidak ada\n"
    code, _out, err = run("run", missing, "--out", str(tmp_path / "o"), "--lang", "en")
    assert code == 1 and err == f"Error: {missing}: no such file or folder\n"
    code, _out, err = run("run", missing, "--out", str(tmp_path / "o"), env={"RENJA_LANG": "en"})
    assert err.startswith("Error: ")
    assert language() == INDONESIAN  # a command's language ends with it


def test_help_in_either_language() -> None:
    code, out, _err = run("run", "--help")
    assert code == 0 and out.startswith("Penggunaan: renja run [OPSI] INPUTS...")
    assert "Olah dokumen Renja" in out and "Tampilkan pesan ini lalu keluar." in out
    assert "[bawaan: outputs]" in out
    code, out, _err = run("--lang", "en", "run", "--help")
    assert code == 0 and out.startswith("Usage: renja run [OPTIONS] INPUTS...")
    assert "Process Renja documents" in out and "Show this message and exit." in out
    assert "[default: outputs]" in out
    code, out, _err = run("--help", "--lang=en")  # eager --help, language still first
    assert "Commands:" in out and "Process Renja documents into clean tables" in out


def test_a_usage_error_in_either_language() -> None:
    code, _out, err = run("check", "x.md", "--fail-on", "semua")
    assert code == 2 and "Coba 'renja check --help' untuk bantuan." in err
    assert "Galat: Nilai tidak sah untuk '--fail-on'" in err
    code, _out, err = run("check", "x.md", "--fail-on", "semua", "--lang", "en")
    assert "Error: Invalid value for '--fail-on'" in err


def test_the_report_in_either_language(sample_out: Path, tmp_path: Path) -> None:
    folder = Path(shutil.copytree(sample_out, tmp_path / sample_out.name))
    code, _out, _err = run("report", str(folder), "--lang", "en")
    assert code == 0
    english = (folder / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in english and "<h2>Summary</h2>" in english
    assert "<h2>Findings</h2>" in english and "Audit report" in english
    assert CHECKS["jumlah_total"].meaning_message in english
    indonesian = render_report(folder)
    assert '<html lang="id">' in indonesian and "<h2>Ringkasan</h2>" in indonesian
    assert "<h2>Temuan</h2>" in indonesian and "Laporan pemeriksaan" in indonesian
    shown = re.sub(r"<(script|style)\b.*?</\1>", "", indonesian, flags=re.S)  # not the code
    for words in ("Summary", "Findings", "Audit report", "a total row (JUMLAH)", "(search)"):
        assert words not in shown
    for page in (english, indonesian):  # amounts as the document prints them, in both
        assert "13.548.663.288" in page and "13548663288" not in page.replace('"13548663288"', "")


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", [INDONESIAN, ENGLISH])
def test_numbers_are_grouped_the_indonesian_way_in_both(lang: str) -> None:
    rows = [{"check": "skema_kode_ganda"} for _row in range(1005)]
    with use_language(lang):
        note = shown_findings(rows).notes[0]
        assert "1.005" in note and "1005" not in note
        assert cell(1234567, "rupiah", {}) == "1.234.567" and cell(27.5, "persen", {}) == "27,50"
        assert group_digits(-59999800) == "-59.999.800"


def test_finding_messages_follow_the_run_language() -> None:
    """A run in English writes English finding messages, amounts still grouped by dots."""
    with use_language(ENGLISH):
        result = renja.process(SAMPLE_MD, nomenclature=None, code=False)
    messages = [f.message for f in result.findings if f.check == "aritmetika_baris"]
    assert messages and all(" but " in m and "tetapi" not in m for m in messages)
    assert any("13.548.663.288" in m for m in messages)
