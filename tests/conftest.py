"""Shared fixtures: paths that do not depend on the current directory, and the processed sample."""

from __future__ import annotations

from pathlib import Path

import pytest

import renja
from renja.model.result import Result

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE_MD = REPO / "samples" / "renja-bkpsdm-banjarbaru-2024.md"
REAL = SHARED / "samples" / "real"
DKI_MD = REAL / "rkpd-dki-jakarta-2025.md"
GOLDEN = Path(__file__).resolve().parent / "golden"


def need(path: Path) -> Path:
    """Skip the test when a file from ../shared is not on this machine."""
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def sample() -> Result:
    """The sample Renja, processed once for the whole session."""
    return renja.process(SAMPLE_MD)


@pytest.fixture(scope="session")
def sample_out(sample: Result, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's output folder, written once."""
    from renja.present.writer import write_result

    return write_result(sample, tmp_path_factory.mktemp("out"))
