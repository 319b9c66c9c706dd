"""Settings objects refuse values they would not honour, when they are made: one Indonesian line
naming the setting, the value and what it takes; on the command line, ``Error:`` and exit 1."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import renja
from renja.app.batch import Job, plan_jobs, run_local
from renja.app.cli import main
from renja.extract import ReadOptions, read
from renja.model.errors import OptionError, RenjaError

from .conftest import SAMPLE_MD

ENGINES = "pilihan: auto, pdfplumber, camelot"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"engine": "fooo"}, f"engine 'fooo' tidak dikenal; {ENGINES}"),
        ({"engine": None}, f"engine None tidak dikenal; {ENGINES}"),
        ({"max_pages": 0}, "max_pages harus bilangan bulat 1 atau lebih, bukan 0"),
        ({"max_pages": -5}, "max_pages harus bilangan bulat 1 atau lebih, bukan -5"),
        ({"max_pages": "10"}, "max_pages harus bilangan bulat 1 atau lebih, bukan '10'"),
        ({"max_pages": True}, "max_pages harus bilangan bulat 1 atau lebih, bukan True"),
        ({"ocr": "ya"}, "ocr harus True atau False, bukan 'ya' (str)"),
        ({"password": 1234}, "password harus teks atau None, bukan 1234 (int)"),
        ({"wilayah": 5}, "wilayah harus path (folder atau berkas CSV) atau None, bukan 5 (int)"),
    ],
)
def test_read_options_refuse_bad_values(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(OptionError) as raised:
        ReadOptions(**settings)
    assert str(raised.value) == message
    assert isinstance(raised.value, RenjaError) and isinstance(raised.value, ValueError)


def test_read_options_take_every_allowed_value(tmp_path: Path) -> None:
    for engine in ("auto", "pdfplumber", "camelot"):
        assert ReadOptions(engine=engine).engine == engine
    options = ReadOptions(password="rahasia", max_pages=1, ocr=True, wilayah=tmp_path)
    assert (options.max_pages, options.wilayah) == (1, tmp_path)
    assert ReadOptions(wilayah=str(tmp_path)).wilayah == str(tmp_path)


def test_readers_refuse_what_is_not_read_options() -> None:
    message = re.escape("options harus ReadOptions atau None, bukan {'engine': 'auto'} (dict)")
    with pytest.raises(OptionError, match=message):
        read(SAMPLE_MD, {"engine": "auto"})  # not ReadOptions: the point of the test
    with pytest.raises(OptionError, match=message):
        renja.process(SAMPLE_MD, code=False, options={"engine": "auto"})


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"path": "a.md"}, "path harus Path, bukan 'a.md' (str)"),
        ({"doc_id": ""}, "doc_id harus nama satu folder"),
        ({"doc_id": "../a"}, "doc_id harus nama satu folder"),
        ({"out_dir": "out"}, "out_dir harus Path, bukan 'out' (str)"),
        ({"options": None}, "options harus ReadOptions, bukan None (NoneType)"),
        ({"nomenclature": Path("p90")}, "nomenclature harus path (teks) atau None"),
        ({"parquet": 1}, "parquet harus True atau False, bukan 1 (int)"),
        ({"force": "ya"}, "force harus True atau False, bukan 'ya' (str)"),
        ({"corrections": {"kota": "X"}}, "kolom corrections 'kota' tidak dikenal; pilihan: pemda"),
        ({"corrections": {"tahun": 2024}}, "corrections['tahun'] harus teks, bukan 2024 (int)"),
        ({"corrections": {"tahun": "dua"}}, "a.md: tahun harus tahun seperti 2025, bukan 'dua'"),
    ],
)
def test_jobs_refuse_bad_values(settings: dict[str, Any], message: str) -> None:
    fields: dict[str, Any] = {"path": Path("a.md"), "doc_id": "a", "out_dir": Path("out")}
    with pytest.raises(RenjaError) as raised:
        Job(**{**fields, **settings})
    assert str(raised.value).startswith(message)


def test_planned_jobs_carry_typed_settings(tmp_path: Path) -> None:
    options = ReadOptions(engine="pdfplumber")
    (job,) = plan_jobs([SAMPLE_MD], tmp_path, options=options, parquet=False, force=True)
    assert (job.options, job.parquet, job.reports, job.force) == (options, False, True, True)
    (default,) = plan_jobs([SAMPLE_MD], tmp_path)
    assert default.options == ReadOptions() and default.corrections == {}
    with pytest.raises(TypeError):
        plan_jobs([SAMPLE_MD], tmp_path, workers=2)  # no such setting


@pytest.mark.parametrize("workers", [0, -2])
def test_local_runs_refuse_fewer_than_one_worker(tmp_path: Path, workers: int) -> None:
    jobs = plan_jobs([SAMPLE_MD], tmp_path)
    with pytest.raises(
        OptionError, match=f"workers harus bilangan bulat 1 atau lebih, bukan {workers}"
    ):
        run_local(jobs, workers)  # refused at the call, before any document is read


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--engine", "fooo"], f"engine 'fooo' tidak dikenal; {ENGINES}"),
        (["run", "--max-pages", "0"], "max_pages harus bilangan bulat 1 atau lebih, bukan 0"),
        (["run", "--workers", "0"], "workers harus bilangan bulat 1 atau lebih, bukan 0"),
        (["run", "--workers=-2"], "workers harus bilangan bulat 1 atau lebih, bukan -2"),
        (["check", "--engine", "Camelot"], f"engine 'Camelot' tidak dikenal; {ENGINES}"),
        (["check", "--max-pages=-1"], "max_pages harus bilangan bulat 1 atau lebih, bukan -1"),
    ],
)
def test_the_cli_prints_one_line_and_exits_1(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "out"
    command, *options = args
    where = ["--out", str(out)] if command == "run" else []
    code, stdout, stderr = cli(command, str(SAMPLE_MD), *options, *where)
    assert code == 1
    assert stderr == f"Galat: {message}\n"
    assert stdout == ""
    assert not out.exists()  # refused before any work


def test_the_console_script_shows_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(Path(sys.executable).with_name("renja")), "run", str(SAMPLE_MD), "--out",
         str(tmp_path / "out"), "--engine", "fooo"],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == f"Galat: engine 'fooo' tidak dikenal; {ENGINES}\n"
    assert "Traceback" not in done.stdout + done.stderr
