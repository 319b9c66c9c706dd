"""The nomenclature loader: the real reference files in ../shared and a generated SIPD export."""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

import renja.model
from renja.model.errors import ReferenceMissingError
from renja.model.i18n import use_language
from renja.normalize import nomenclature as nm
from renja.normalize.nomenclature import (
    ENV_VAR,
    FILE_1317,
    FILE_2027,
    VERSION_1317,
    VERSION_2027,
    Entry,
    Nomenclature,
    ReferenceUnreadableError,
    load_nomenclature,
    reference_path,
)

REFERENCE = Path(__file__).resolve().parents[1].parent / "shared/reference/permendagri90"

# Row counts from SOURCE.md.
COUNTS_1317 = {"urusan": 10, "bidang": 45, "program": 188, "kegiatan": 729, "sub_kegiatan": 3395}
COUNTS_2027 = {
    ("prov", "bidang"): 50,
    ("kabkota", "bidang"): 45,
    ("prov", "program"): 217,
    ("kabkota", "program"): 189,
    ("prov", "kegiatan"): 912,
    ("kabkota", "kegiatan"): 713,
    ("prov", "sub_kegiatan"): 4031,
    ("kabkota", "sub_kegiatan"): 3550,
}
RENUMBERED = 346

XLSX_HEADER = [
    "JENIS PEMDA", "BIDANG", "PROGRAM", "KEGIATAN", "SUBKEGIATAN", "KINERJA", "INDIKATOR",
    "SATUAN", "TAG", "DEFINISI OPERASIONAL", "PELAKSANA", "SPM", "JENIS", "SUBKEGIATAN SEBELUMNYA",
]  # fmt: skip
BIDANG_BKPSDM = "5.03 UNSUR PENUNJANG URUSAN PEMERINTAHAN BIDANG KEPEGAWAIAN"
PROGRAM_BKPSDM = "5.03.02 PROGRAM KEPEGAWAIAN DAERAH"
PENUNJANG_KAB = "x.xx.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """These tests match the English wording of the reader's errors (in Indonesian, the
    default: tests/test_messages.py)."""
    with use_language("en"):
        yield


def _row(
    pemda: str, bidang: str, program: str, kegiatan: str, sub: str, previous: str = ""
) -> list[str | None]:
    return [pemda, bidang, program, kegiatan, sub, "Kinerja", "Jumlah\nDokumen", "Dokumen",
            "[null]", "definisi", "pelaksana", "", "", previous]  # fmt: skip


XLSX_ROWS = [
    _row("KABKOT", "X.XX URUSAN PEMERINTAHAN BIDANG XX", PENUNJANG_KAB,
         "X.XX.01.2.01 Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
         "X.XX.01.2.01.0001 Penyusunan Dokumen Perencanaan  Perangkat\nDaerah"),
    _row("KABKOT", BIDANG_BKPSDM, PROGRAM_BKPSDM, "5.03.02.2.01 Pengadaan, Pemberhentian ASN",
         "5.03.02.2.01.0010 Pengelolaan Sistem Informasi Kepegawaian"),
    [None] * 14,  # blank row between blocks
    _row("KABKOT", BIDANG_BKPSDM, PROGRAM_BKPSDM, "5.03.02.2.01 Pengadaan, Pemberhentian ASN",
         "5.03.02.2.01.0011 5.03.02.2.01.0004 Pengelolaan Data ASN",
         "5.03.02.2.01.0004 Pengelolaan Data Kepegawaian"),
    _row("PROV", BIDANG_BKPSDM, PROGRAM_BKPSDM, "5.03.02.1.01 Pengadaan, Pemberhentian ASN",
         "5.03.02.1.01.0010 Pengelolaan Sistem Informasi Kepegawaian Provinsi"),
]  # fmt: skip


def need_reference() -> Path:
    if not (REFERENCE / FILE_1317).is_file() or not (REFERENCE / FILE_2027).is_file():
        pytest.skip(f"{REFERENCE} does not hold the nomenclature files")
    return REFERENCE


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test pickles into its own cache folder and starts without the in-process cache."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(nm.CACHE_ENV_VAR, str(cache))
    monkeypatch.delenv(ENV_VAR, raising=False)
    nm._load_cached.cache_clear()
    yield cache
    nm._load_cached.cache_clear()


@pytest.fixture(scope="module")
def nom(tmp_path_factory: pytest.TempPathFactory) -> Nomenclature:
    need_reference()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(nm.CACHE_ENV_VAR, str(tmp_path_factory.mktemp("cache")))
        return load_nomenclature(REFERENCE)


def write_export(path: Path, rows: list[list[str | None]], header: list[str] = XLSX_HEADER) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


# --- counts and lookups on the real files ------------------------------------------------------


def test_counts_match_source_md(nom: Nomenclature) -> None:
    assert nom.versions() == [VERSION_1317, VERSION_2027]
    for level, count in COUNTS_1317.items():
        assert len(nom.select(version=VERSION_1317, level=level)) == count, level
    for (jenis, level), count in COUNTS_2027.items():
        assert len(nom.select(VERSION_2027, jenis, level)) == count, (jenis, level)
    assert nom.select(version=VERSION_1317, jenis_pemda="prov") == []
    assert len(nom.entries) == 4367 + 9707
    assert sum(e.previous_code is not None for e in nom.entries) == RENUMBERED


def test_every_sub_kegiatan_has_indicator_and_satuan_in_1317(nom: Nomenclature) -> None:
    subs = nom.select(version=VERSION_1317, level="sub_kegiatan")
    assert all(e.indikator and e.satuan for e in subs)


def test_codes_are_canonical_and_generic_codes_upper_case(nom: Nomenclature) -> None:
    generic = Counter(e.version for e in nom.entries if e.code.upper().startswith("X"))
    assert generic[VERSION_1317] > 0 and generic[VERSION_2027] > 0
    assert all(nm.canonical_code(e.code) == e.code for e in nom.entries)
    assert not any(e.code.startswith("x") for e in nom.entries)


def test_get_concrete_code_finds_the_generic_support_entry(nom: Nomenclature) -> None:
    entry = nom.get("5.03.01.2.01.0001")
    assert entry is not None
    assert entry.code == "X.XX.01.2.01.0001"
    assert entry.name == "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    old = nom.get("5.03.01.2.01.01", version=VERSION_1317)
    assert old is not None and (old.code, old.version) == ("X.XX.01.2.01.0001", VERSION_1317)


def test_get_accepts_two_digit_sub_kegiatan(nom: Nomenclature) -> None:
    entry = nom.get("5.03.02.2.01.10")
    assert entry is not None
    assert (entry.code, entry.name) == (
        "5.03.02.2.01.0010",
        "Pengelolaan Sistem Informasi Kepegawaian",
    )
    assert entry.satuan == "Dokumen"


def test_get_follows_the_pemda_type(nom: Nomenclature) -> None:
    prov = nom.get("5.03.02.1.01.0010")
    assert prov is not None and (prov.jenis_pemda, prov.version) == ("prov", VERSION_2027)
    assert nom.get("X.XX.01.2.01.0001", jenis_pemda="prov") is None
    assert nom.get("9.99.99.2.01.0001") is None


def test_get_same_code_differs_by_pemda_type(nom: Nomenclature) -> None:
    """SOURCE.md: 419 codes mean different things for PROV and KABKOT in 2027."""
    prov = {e.code: e.name for e in nom.select(VERSION_2027, "prov")}
    kab = {e.code: e.name for e in nom.select(VERSION_2027, "kabkota")}
    code = next(c for c in sorted(prov.keys() & kab.keys()) if prov[c] != kab[c])
    assert nom.get(code, VERSION_2027, "prov").name == prov[code]
    assert nom.get(code, VERSION_2027, "kabkota").name == kab[code]


def test_select_within_a_kegiatan_includes_generic_entries(nom: Nomenclature) -> None:
    found = nom.select(within="5.03.01.2.07", level="sub_kegiatan")
    by_name = {e.name: e.code for e in found}
    assert by_name["Pengadaan Mebel"] == "X.XX.01.2.07.0005"
    assert "Pengadaan Kendaraan Dinas Operasional atau Lapangan" in by_name
    assert {e.version for e in found} == {VERSION_1317, VERSION_2027}
    assert {e.jenis_pemda for e in found} == {"kabkota"}


def test_select_within_bidang_and_generic_prefixes(nom: Nomenclature) -> None:
    bidang = nom.select(version=VERSION_1317, level="bidang", within="5.03")
    assert [e.code for e in bidang] == ["5.03"]
    programs = nom.select(version=VERSION_1317, level="program", within="5.03")
    assert [e.code for e in programs] == ["X.XX.01", "5.03.02"]
    assert [e.code for e in nom.select(level="urusan", within="5")] == ["5"]  # not 'X'
    every_bidang = nom.select(version=VERSION_1317, level="bidang", within="X.XX")
    assert len(every_bidang) == COUNTS_1317["bidang"]
    support = nom.select(VERSION_2027, "kabkota", "program", within="X.XX.01")
    assert [e.code for e in support] == ["X.XX.01"]


def test_select_rejects_unknown_arguments(nom: Nomenclature) -> None:
    with pytest.raises(ValueError, match="unknown nomenclature version '2026'"):
        nom.select(version="2026")
    with pytest.raises(ValueError, match="unknown level 'subkegiatan'"):
        nom.select(level="subkegiatan")
    with pytest.raises(ValueError, match="unknown jenis_pemda 'desa'"):
        nom.select(jenis_pemda="desa")


def test_renumbered_from_a_real_renumbered_code(nom: Nomenclature) -> None:
    entry = nom.renumbered_from("1.03.08.2.01.18")
    assert entry is not None
    assert (entry.code, entry.jenis_pemda, entry.version) == (
        "1.03.08.2.01.0031",
        "kabkota",
        VERSION_2027,
    )
    assert entry.previous_code == "1.03.08.2.01.0018"
    assert entry.previous_name is not None and entry.previous_name.startswith("Pemeliharaan")
    prov = nom.renumbered_from("1.02.02.1.02.0013")
    assert prov is not None and (prov.code, prov.jenis_pemda) == ("1.02.02.1.02.0035", "prov")
    assert nom.renumbered_from("5.03.02.2.01.0010") is None


def test_old_code_in_front_of_a_2027_name_is_dropped(nom: Nomenclature) -> None:
    entry = nom.get("1.03.07.2.01.0038", VERSION_2027, "kabkota")
    assert entry is not None and entry.previous_code == "1.03.07.2.01.0018"
    assert entry.name.startswith("Optimalisasi Sistem Pengelolaan Air Limbah")
    assert not any(e.name[:1].isdigit() for e in nom.entries)


@pytest.mark.parametrize(
    ("year", "jenis", "version"),
    [
        (2021, "kabkota", VERSION_1317),
        (2024, "kabkota", VERSION_1317),
        (2025, None, VERSION_1317),
        (2024, "prov", VERSION_2027),
        (2025, "provinsi", VERSION_2027),
        (2026, "kabkota", VERSION_2027),
        (2027, None, VERSION_2027),
        (None, "kabkota", VERSION_2027),
        (None, None, VERSION_2027),
    ],
)
def test_version_for_year(
    nom: Nomenclature, year: int | None, jenis: str | None, version: str
) -> None:
    assert nom.version_for_year(year, jenis) == version


def test_version_for_year_returns_only_loaded_versions() -> None:
    need_reference()
    only_1317 = load_nomenclature(REFERENCE / FILE_1317)
    assert only_1317.versions() == [VERSION_1317]
    assert only_1317.version_for_year(2024, "prov") == VERSION_1317
    assert only_1317.version_for_year(2027, "kabkota") == VERSION_1317
    only_2027 = load_nomenclature(REFERENCE / FILE_2027)
    assert only_2027.versions() == [VERSION_2027]
    assert only_2027.version_for_year(2024, "kabkota") == VERSION_2027


def test_vocabulary(nom: Nomenclature) -> None:
    vocabulary = nom.vocabulary
    assert {"kepegawaian", "mebel", "perencanaan", "dokumen"} <= vocabulary
    assert all(len(w) >= 3 and w == w.lower() and w.isalpha() for w in vocabulary)


# --- finding the reference ---------------------------------------------------------------------


def test_reference_path_prefers_explicit_then_env(tmp_path: Path, monkeypatch) -> None:
    explicit, from_env = tmp_path / "explicit", tmp_path / "env"
    explicit.mkdir()
    from_env.mkdir()
    monkeypatch.setenv(ENV_VAR, str(from_env))
    assert reference_path(explicit) == explicit.resolve()
    assert reference_path(str(explicit)) == explicit.resolve()
    assert reference_path() == from_env.resolve()


def test_reference_path_falls_back_to_cwd_then_repo(tmp_path: Path, monkeypatch) -> None:
    shared = tmp_path / "shared" / "reference" / "permendagri90"
    shared.mkdir(parents=True)
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert reference_path() == shared.resolve()
    monkeypatch.chdir(tmp_path)  # tmp/../shared does not exist: the repo's neighbour is used
    repo_root = Path(renja.model.__file__).resolve().parents[1]
    repo_shared = repo_root / ".." / "shared" / "reference" / "permendagri90"
    if repo_shared.is_dir():
        assert reference_path() == repo_shared.resolve()


def test_missing_reference_says_what_to_provide(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    monkeypatch.setattr(renja.model, "__file__", str(tmp_path / "site" / "model" / "__init__.py"))
    with pytest.raises(ReferenceMissingError) as caught:
        reference_path()
    message = str(caught.value)
    assert "\n" not in message and message.endswith(".") and ". " not in message
    for needed in (FILE_1317, FILE_2027, ".xlsx", "--nomenklatur PATH", ENV_VAR):
        assert needed in message


def test_named_path_that_does_not_exist_is_an_error(tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(ReferenceMissingError, match="does not exist; give a folder holding"):
        reference_path(tmp_path / "nowhere")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "gone"))
    with pytest.raises(ReferenceMissingError, match=f"^{ENV_VAR} .*gone does not exist"):
        load_nomenclature()


def test_folder_without_reference_files(tmp_path: Path) -> None:
    with pytest.raises(ReferenceMissingError, match="holds no nomenclature file"):
        load_nomenclature(tmp_path)


# --- garbled files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("wrong.csv", b"foo,bar\n1,2\n", "columns are not those of"),
        (FILE_1317, b"level,code\nurusan,1\n", "the columns name, kinerja"),
        (FILE_1317, b"level,code,name,kinerja,indicator,satuan\nurusan,1,Caf\xe9,,,\n", "UTF-8"),
        (FILE_1317, b"level,code,name,kinerja,indicator,satuan\nurusan,1\n", "line 2 has 2 of 6"),
        (FILE_1317, b"level,code,name,kinerja,indicator,satuan\nseksi,1,A,,,\n", "unknown level"),
        (FILE_2027, b"level,code,name,kinerja,indicator,satuan,jenis_pemda,"
         b"subkegiatan_sebelumnya\nbidang,1.01,A,,,,DESA,\n", "unknown jenis_pemda 'DESA'"),
        ("broken.xlsx", b"PK\x03\x04 not really a workbook", "not an .xlsx workbook"),
        ("header.csv", b"level,code,name,kinerja,indicator,satuan\n1,\xe9", "not UTF-8"),
        ("notes.txt", b"hello", "neither a .csv nor an .xlsx"),
    ],
)  # fmt: skip
def test_garbled_file_is_one_line_naming_the_file(
    tmp_path: Path, name: str, content: bytes, why: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    # A folder is read by file name, a single file by its header.
    named = path.parent if name in (FILE_1317, FILE_2027) else path
    with pytest.raises(ReferenceMissingError) as caught:
        load_nomenclature(named)
    message = str(caught.value)
    assert why in message and str(path) in message and "\n" not in message


# --- the SIPD .xlsx export ---------------------------------------------------------------------


def test_sipd_export_is_read_like_convert_py(tmp_path: Path) -> None:
    nom = load_nomenclature(write_export(tmp_path / "nomenklatur-export.xlsx", XLSX_ROWS))
    assert nom.versions() == [VERSION_2027]
    levels = Counter((e.jenis_pemda, e.level) for e in nom.entries)
    assert levels == {
        ("kabkota", "bidang"): 2,
        ("kabkota", "program"): 2,
        ("kabkota", "kegiatan"): 2,
        ("kabkota", "sub_kegiatan"): 3,
        ("prov", "bidang"): 1,
        ("prov", "program"): 1,
        ("prov", "kegiatan"): 1,
        ("prov", "sub_kegiatan"): 1,
    }
    generic = nom.get("5.03.01.2.01.01")
    assert generic == Entry(
        "X.XX.01.2.01.0001", "sub_kegiatan", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "Kinerja", "Jumlah Dokumen", "Dokumen", "kabkota", VERSION_2027,
    )  # fmt: skip
    assert nom.get("X.XX.01").name.startswith("PROGRAM PENUNJANG")
    renumbered = nom.renumbered_from("5.03.02.2.01.0004")
    assert renumbered is not None
    assert (renumbered.code, renumbered.name) == ("5.03.02.2.01.0011", "Pengelolaan Data ASN")
    assert renumbered.previous_name == "Pengelolaan Data Kepegawaian"
    prov = nom.get("5.03.02.1.01.0010")
    assert prov is not None and prov.jenis_pemda == "prov"


def test_folder_with_only_an_export(tmp_path: Path) -> None:
    write_export(tmp_path / "nomenklatur-subkegiatan-20260123.xlsx", XLSX_ROWS)
    write_export(tmp_path / "other.xlsx", [], header=["A", "B"])
    nom = load_nomenclature(tmp_path)
    assert nom.versions() == [VERSION_2027]
    assert len(nom.select(level="sub_kegiatan")) == 4


def test_export_with_wrong_columns_or_cells(tmp_path: Path) -> None:
    wrong = write_export(tmp_path / "a.xlsx", [["x"]], header=["JENIS PEMDA", "BIDANG"])
    with pytest.raises(ReferenceUnreadableError, match="columns PROGRAM, KEGIATAN"):
        load_nomenclature(wrong)
    bad_row = [*XLSX_ROWS[1][:4], "Pengelolaan tanpa kode", *XLSX_ROWS[1][5:]]
    bad = write_export(tmp_path / "b.xlsx", [XLSX_ROWS[0], bad_row])
    with pytest.raises(ReferenceUnreadableError, match="row 3, column SUBKEGIATAN holds no"):
        load_nomenclature(bad)


# --- caching -----------------------------------------------------------------------------------


def _cache_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("nomenklatur-*.pickle"))


def test_second_load_comes_from_the_pickle(isolated_cache: Path, monkeypatch) -> None:
    need_reference()
    cold = load_nomenclature(REFERENCE)
    assert load_nomenclature(REFERENCE) is cold  # in-process cache
    assert len(_cache_files(isolated_cache)) == 1
    nm._load_cached.cache_clear()
    warm = load_nomenclature(REFERENCE)
    assert warm is not cold and warm.entries == cold.entries
    # The pickle alone suffices: the files are not parsed again.
    nm._load_cached.cache_clear()
    monkeypatch.setattr(nm, "READERS", {})
    assert load_nomenclature(REFERENCE).entries == cold.entries


def test_corrupt_or_foreign_cache_is_parsed_again(isolated_cache: Path) -> None:
    need_reference()
    entries = load_nomenclature(REFERENCE).entries
    (cache_file,) = _cache_files(isolated_cache)
    for damage in (b"\x80\x05garbage", b"", pickle.dumps(Path("a class, not plain data"))):
        cache_file.write_bytes(damage)
        nm._load_cached.cache_clear()
        assert load_nomenclature(REFERENCE).entries == entries
        assert cache_file.read_bytes() != damage  # rewritten


def test_unwritable_cache_dir_is_skipped(tmp_path: Path, monkeypatch) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("occupied")
    monkeypatch.setenv(nm.CACHE_ENV_VAR, str(not_a_dir / "renja"))
    nom = load_nomenclature(write_export(tmp_path / "export.xlsx", XLSX_ROWS))
    assert len(nom.entries) == 13


def test_changed_file_is_read_again(tmp_path: Path) -> None:
    path = write_export(tmp_path / "export.xlsx", XLSX_ROWS[:2])
    assert len(load_nomenclature(path).select(level="sub_kegiatan")) == 2
    write_export(path, XLSX_ROWS)
    assert len(load_nomenclature(path).select(level="sub_kegiatan")) == 4


def test_cache_dir_order(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(nm.CACHE_ENV_VAR, str(tmp_path / "a"))
    assert nm.cache_dir() == tmp_path / "a"
    monkeypatch.delenv(nm.CACHE_ENV_VAR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert nm.cache_dir() == tmp_path / "xdg" / "renja"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert nm.cache_dir() == Path.home() / ".cache" / "renja"
