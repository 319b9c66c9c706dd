"""renja installed as a user installs it (``pip install .`` or ``pipx install .``, no ``make``):
the wheel built from the repository holds every file the program reads, and the installed
program processes the sample into the same tables as the development checkout.

The wheel is built offline (``--no-index --no-build-isolation``, with the setuptools of the
venv) from a copy of the files setuptools packages, and installed by unpacking it (a wheel of
pure Python is a zip of the installed files) into a folder put first on ``PYTHONPATH``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import REPO, SAMPLE_MD, SHARED, need
from .package_tree import setuptools_layout


def _build_wheel(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    _, mapping = setuptools_layout()
    for folder in set(mapping.values()):
        shutil.copytree(REPO / folder, source / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    wheels = tmp_path / "wheels"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-index", "--no-build-isolation",
         "--quiet", "--wheel-dir", str(wheels), str(source)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = wheels.glob("renja-*.whl")
    return wheel


def test_the_installed_wheel_processes_the_sample_as_the_checkout_does(
    tmp_path: Path, sample_out: Path
) -> None:
    wheel = _build_wheel(tmp_path)
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    # every file the packages read beside their modules is in the wheel
    for package, folder in setuptools_layout()[1].items():
        for path in (REPO / folder).rglob("*"):
            if path.suffix != ".py" and path.is_file() and "__pycache__" not in path.parts:
                inside = "/".join([*package.split("."), *path.relative_to(REPO / folder).parts])
                assert inside in names, f"{inside} is not in the wheel"
    work = tmp_path / "work"  # run from elsewhere: nothing is read from the checkout
    work.mkdir()
    shutil.copy2(SAMPLE_MD, work / SAMPLE_MD.name)
    env = {**os.environ, "PYTHONPATH": str(site)}
    script = (
        "import sys, renja; from renja.app.cli import main; "
        "assert renja.__file__.startswith(sys.argv[1]), renja.__file__; "
        "sys.argv = ['renja', *sys.argv[2:]]; main()"
    )
    # an installed renja has no checkout beside it: the reference data is named, as the guide says
    reference = need(SHARED / "reference")
    done = subprocess.run(
        [sys.executable, "-c", script, str(site), "run", SAMPLE_MD.name, "--out", "out", "-q",
         "--nomenklatur", str(reference / "permendagri90"), "--wilayah",
         str(reference / "wilayah")],
        cwd=work, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    installed = work / "out" / SAMPLE_MD.stem
    tables = sorted(p.relative_to(sample_out) for p in (sample_out / "tables").glob("*.csv"))
    assert tables, "the sample has clean tables"
    for name in [*tables, Path("findings.csv"), Path("repairs.csv")]:
        assert (installed / name).read_bytes() == (sample_out / name).read_bytes(), name
    assert (installed / "report.html").stat().st_size > 10_000  # the templates were found
