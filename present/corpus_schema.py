"""The corpus's data dictionary: what every column means, written where each tool looks for it.

- ``datapackage.json``: a Frictionless Data Package, one tabular resource per Parquet file with its
  Table Schema (field names, types, descriptions), for ``frictionless validate`` and data portals;
- the Parquet files themselves: each field's description in its metadata (``description``);
- ``renja.duckdb``: ``COMMENT ON`` every table and column (``duckdb_columns().comment``);
- ``README.md``: the tables, their columns and example queries, for a person.

The descriptions are Indonesian, like the column names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from renja.present.corpus_hierarchy import HIERARCHY

# What each corpus table holds, in the order the README shows them.
TABLES: dict[str, str] = {
    "dokumen": "Satu baris per dokumen: metadata dan jumlah temuan.",
    "tabel": "Satu baris per tabel dokumen (bersih maupun mentah): nomor dan nama tercetaknya.",
    "baris": "Setiap baris bersih setiap tabel, dalam bentuk panjang: satu rekaman per nilai "
    "rupiah (ukuran, periode, nilai). Menjumlahkan `nilai` begitu saja menghitung ganda: "
    "pakai tabel `pagu`.",
    "pagu": "Pagu setiap dokumen sekali saja: per tahun anggaran dan baris berkode terendah "
    "dari tabel utama dokumen (tanpa baris jumlah, harga satuan, selisih, atau nilai sebelum "
    "perubahan bila nilai sesudahnya ada): `sum(pagu)` per dokumen aman. Antardokumen, "
    "`WHERE terkini` memilih satu dokumen per pemda, SKPD dan tahun anggaran.",
    "sub_kegiatan": "Satu baris per dokumen dan sub kegiatan dari tabel utama dokumen: pagu dan "
    "target tahun rencana dan prakiraan maju.",
    "temuan": "Setiap temuan setiap dokumen.",
}

_LEVEL_WORDS = {"urusan": "urusan", "bidang": "bidang urusan", "program": "program",
                "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}  # fmt: skip

DESCRIPTIONS: dict[str, str] = {
    "doc_id": "Id dokumen: nama berkasnya dalam huruf kecil (folder keluarannya).",
    "pemda": "Pemerintah daerah pemilik dokumen, sebagaimana tercantum dalam daftar wilayah "
    "Kemendagri (Kota Banjarbaru, Provinsi Kalimantan Timur).",
    "kode_pemda": "Kode wilayah Kemendagri pemda: 63.72 (kab/kota), 64 (provinsi).",
    "skpd": "Nama SKPD sebagaimana dicetak dokumen.",
    "kode_skpd": "Kode unit SIPD SKPD bila dicetak dokumen (1.05.0.00.0.00.03.0000).",
    "skpd_baku": "Nama baku SKPD untuk membandingkan dokumen: singkatan ditulis lengkap, tanpa "
    "nama pemda, huruf besar-kecil diseragamkan.",
    "singkatan_skpd": "Singkatan lazim SKPD (BKPSDM, BPBD) bila dikenal.",
    "tahun": "Tahun rencana dokumen.",
    "jenis": "Jenis dokumen: Renja, Renja Perubahan, RKPD, RPJMD, Renstra, RKA, DPA, APBD …",
    "jenis_pemda": "prov (provinsi) atau kabkota (kabupaten/kota).",
    "title": "Judul dokumen.",
    "file": "Nama berkas dokumen yang dibaca.",
    "sha256": "Sidik SHA-256 berkas dokumen.",
    "renja_version": "Versi renja yang memprosesnya.",
    "tables": "Jumlah tabel bersih.",
    "errors": "Jumlah temuan tingkat error.",
    "warnings": "Jumlah temuan tingkat warning.",
    "infos": "Jumlah temuan tingkat info.",
    "table_id": "Id tabel dalam dokumennya (t08_rencana_program): kunci penghubung tabel, baris, "
    "pagu, sub_kegiatan dan temuan.",
    "kind": "Bentuk tabel yang dikenali (rencana_program, pergeseran_pagu …), tabel untuk "
    "bentuk yang disimpulkan, teks untuk tabel yang bukan data.",
    "status": "bentuk_dikenal, disimpulkan, atau bukan_tabel_data.",
    "nomor_tabel": "Nomor tabel sebagaimana dicetak (Tabel 5.1, Tabel IV.1).",
    "nama_tabel": "Nama tabel sebagaimana dicetak: nomor dan judulnya.",
    "judul": "Judul tabel sebagaimana dicetak di atasnya.",
    "halaman_awal": "Halaman pertama tabel dalam PDF.",
    "halaman_akhir": "Halaman terakhir tabel dalam PDF.",
    "jumlah_baris": "Jumlah baris bersih tabel.",
    "audit": "Hasil pemeriksaan tabel: diperiksa, sebagian, tidak diperiksa.",
    "baris": "Nomor baris bersih dalam tabelnya (kolom baris di tables/<table_id>.csv).",
    "halaman": "Halaman PDF tempat baris (atau dokumen: jumlah halamannya) dicetak.",
    "jenis_baris": "Jenis baris: data, total (baris jumlah), indikator, ringkasan …",
    "level": "Tingkat baris: urusan, bidang, program, kegiatan, sub_kegiatan (atau rincian).",
    "kode": "Kode Permendagri 90 baris, dalam bentuk bakunya.",
    "uraian": "Uraian (nama) baris sebagaimana dicetak.",
    "uraian_nomenklatur": "Nama resmi kode dalam nomenklatur.",
    "indikator": "Indikator kinerja baris.",
    "target": "Nilai target baris.",
    "satuan": "Satuan target.",
    "target_maju": "Target prakiraan maju (tahun berikutnya).",
    "ukuran": "Kolom tabel bersih asal nilai (pagu_sesudah, pagu_maju …).",
    "besaran": "Besaran yang dilaporkan kolom itu, sama antartabel: pagu_sebelum (murni), "
    "pagu_sesudah (perubahan), pagu_maju; kosong bila tidak dikenal.",
    "jenis_nilai": "jumlah (nilai yang menjumlah ke atas dalam hierarki), harga_satuan (harga "
    "per satuan: jangan dijumlahkan), atau selisih (perubahan, boleh negatif).",
    "periode": "Periode nilai: tahun (2025) atau triwulan (2024-TW2).",
    "nilai": "Nilai dalam rupiah (desimal tepat, dua angka di belakang koma).",
    "tahun_anggaran": "Tahun anggaran pagu: tahun rencana dokumen, atau tahun prakiraan maju.",
    "prakiraan_maju": "Benar bila pagu ini prakiraan maju (perkiraan untuk tahun berikutnya), "
    "bukan rencana.",
    "terkini": "Benar untuk satu dokumen per pemda, SKPD dan tahun anggaran: rencana terbaru "
    "(Renja 2025 di atas prakiraan maju Renja 2024), perubahan di atas murni, lalu id terkecil. "
    "Dengan WHERE terkini, menjumlahkan antardokumen tidak menghitung ganda.",
    "pagu": "Pagu dalam rupiah (desimal tepat).",
    "pagu_maju": "Pagu prakiraan maju (tahun berikutnya) dalam rupiah.",
    "id": "Id temuan dalam dokumennya (F001).",
    "pemeriksaan": "Jenis pemeriksaan yang menghasilkan temuan (kolom check di findings.csv).",
    "severity": "Tingkat temuan: error, warning, info.",
    "sumber_baris": "Baris berkas Markdown tempat baris tercetak.",
    "kolom": "Kolom tabel bersih yang dimaksud temuan (kolom column di findings.csv).",
    "expected": "Nilai yang diharapkan.",
    "found": "Nilai yang ditemukan.",
    "difference": "Selisih ditemukan dikurangi diharapkan, bila keduanya angka.",
    "message": "Pesan temuan.",
    "root_cause": "Id temuan lain yang menjadi sebab temuan ini.",
    "related": "Sel, baris dan kode lain yang terkait: daftar struct (tabel, baris, kolom, kode).",
    "nilai_ditinjau": "Nilai setelah tinjauan: keputusan seseorang (keputusan.csv) atau saran yang "
    "diterima; nilai tercetak bila tidak ada keputusan.",
    "status_nilai": "Asal nilai_ditinjau: tercetak, saran_diterima, diputuskan, dokumen_benar, "
    "kesalahan_diterima.",
    "pagu_ditinjau": "Pagu setelah tinjauan (keputusan atau saran yang diterima); pagu tercetak "
    "bila tidak ada keputusan.",
    "status_pagu": "Asal pagu_ditinjau: tercetak, saran_diterima, diputuskan, dokumen_benar, "
    "kesalahan_diterima.",
    "pagu_maju_ditinjau": "Pagu prakiraan maju setelah tinjauan; yang tercetak bila tidak ada "
    "keputusan.",
    "status_pagu_maju": "Asal pagu_maju_ditinjau (lihat status_pagu).",
    "ditinjau": "Jumlah temuan yang sudah ditinjau seseorang (tidak dihitung sebagai temuan "
    "terbuka).",
    "tinjauan": "Tinjauan seseorang atas temuan: dokumen_benar atau kesalahan_diterima; kosong "
    "bila belum ditinjau.",
    "catatan_tinjauan": "Catatan peninjau.",
    "ditinjau_oleh": "Siapa yang meninjau.",
}
for _level, _words in _LEVEL_WORDS.items():
    DESCRIPTIONS[f"kode_{_level}"] = (
        f"Kode {_words} tempat baris berada (dari kodenya sendiri atau baris berkode di atasnya)."
    )
    DESCRIPTIONS[f"nama_{_level}"] = f"Nama {_words} itu (nomenklatur, atau sebagaimana dicetak)."
assert all(name in DESCRIPTIONS for name in HIERARCHY)

# Columns another part of renja may add, described by their pattern.
_PATTERNS = (
    (re.compile(r"(.+)_ditinjau$"), "Nilai {0} setelah ditinjau."),
    (re.compile(r"status_(.+)$"), "Status tinjauan {0}."),
)

# Example queries: the README shows them, and a test runs each.
QUERIES: dict[str, str] = {
    "Total pagu per program per SKPD per tahun": (
        "SELECT pemda, skpd_baku, tahun_anggaran AS tahun, kode_program, nama_program,\n"
        "       sum(pagu) AS pagu\n"
        "FROM pagu WHERE terkini AND NOT prakiraan_maju\n"
        "GROUP BY ALL ORDER BY ALL"
    ),
    "Temuan per pemeriksaan dan tingkat": (
        "SELECT pemeriksaan, severity, count(*) AS temuan FROM temuan GROUP BY ALL ORDER BY ALL"
    ),
    "Perubahan pagu per sub kegiatan (sebelum dan sesudah)": (
        "SELECT doc_id, kode, uraian, besaran, nilai FROM baris\n"
        "WHERE level = 'sub_kegiatan' AND besaran IN ('pagu_sebelum', 'pagu_sesudah')\n"
        "ORDER BY doc_id, kode, besaran"
    ),
}
SUMMARY_QUERY = next(iter(QUERIES.values()))


def describe(column: str) -> str:
    """A column's description; columns added by patterns are described by them.

    >>> describe("kode_program")
    'Kode program tempat baris berada (dari kodenya sendiri atau baris berkode di atasnya).'
    >>> describe("pagu_sesudah_ditinjau"), describe("xyz")
    ('Nilai pagu_sesudah setelah ditinjau.', '')
    """
    if column in DESCRIPTIONS:
        return DESCRIPTIONS[column]
    for pattern, text in _PATTERNS:
        match = pattern.fullmatch(column)
        if match:
            return text.format(match.group(1))
    return ""


def field_type(arrow_type: Any) -> str:
    """The Table Schema type of an Arrow type (lists and structs: ``any``).

    >>> import pyarrow as pa
    >>> [field_type(t) for t in (pa.int64(), pa.decimal128(24, 2), pa.string(), pa.bool_(),
    ...                          pa.list_(pa.int64()))]
    ['integer', 'number', 'string', 'boolean', 'any']
    """
    import pyarrow as pa

    if pa.types.is_integer(arrow_type):
        return "integer"
    if pa.types.is_decimal(arrow_type) or pa.types.is_floating(arrow_type):
        return "number"
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "string"
    return "any"


def described(table: Any) -> Any:
    """An Arrow table whose fields carry their descriptions (Parquet field metadata)."""
    import pyarrow as pa

    fields = []
    for field in table.schema:
        text = describe(field.name)
        metadata = {**(field.metadata or {}), b"description": text.encode()} if text else None
        fields.append(field.with_metadata(metadata) if metadata else field)
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))


def resource(name: str, path: str, schema: Any, table: str) -> dict[str, Any]:
    """A tabular data resource of one Parquet file."""
    fields = []
    for field in schema:
        entry = {"name": field.name, "type": field_type(field.type)}
        text = describe(field.name)
        if text:
            entry["description"] = text
        fields.append(entry)
    return {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "description": TABLES[table],
        "schema": {"fields": fields},
    }


def write_datapackage(folder: Path, files: Mapping[str, Iterable[Path]]) -> Path:
    """``datapackage.json`` for the corpus's Parquet ``files`` (by table), paths relative to
    ``folder``."""
    import pyarrow.parquet as pq

    resources = []
    for table, paths in files.items():
        for path in sorted(paths):
            relative = path.relative_to(folder).as_posix()
            stem = path.stem if path.parent != folder else ""
            name = f"{table}-{stem}".replace("_", "-") if stem else table.replace("_", "-")
            resources.append(resource(name, relative, pq.read_schema(path), table))
    package = {
        "profile": "tabular-data-package",
        "name": "renja-korpus",
        "title": "Korpus renja: dokumen perencanaan daerah sebagai data",
        "description": "Tabel bersih, pagu dan temuan dari dokumen yang diproses renja. Lihat "
        "README.md di folder ini.",
        "resources": resources,
    }
    target = folder / "datapackage.json"
    target.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def comment_statements(table: str, columns: Iterable[str]) -> list[str]:
    """``COMMENT ON`` statements for a DuckDB table and its columns."""
    out = [f"COMMENT ON TABLE {table} IS {_sql_text(TABLES[table])}"]
    for column in columns:
        text = describe(column)
        if text:
            out.append(f'COMMENT ON COLUMN {table}."{column}" IS {_sql_text(text)}')
    return out


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def readme(columns: Mapping[str, list[str]]) -> str:
    """The corpus's README.md: its files, tables with their columns, and example queries."""
    from jinja2 import Environment, PackageLoader

    env = Environment(
        loader=PackageLoader("renja.present", "templates"),
        autoescape=False,  # Markdown, not HTML
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("corpus_readme.md.j2")
    tables = [
        {"name": name, "about": TABLES[name], "columns": [(c, describe(c)) for c in cols]}
        for name, cols in columns.items()
    ]
    return template.render(tables=tables, queries=QUERIES)


__all__ = [
    "DESCRIPTIONS",
    "QUERIES",
    "SUMMARY_QUERY",
    "TABLES",
    "comment_statements",
    "describe",
    "described",
    "readme",
    "write_datapackage",
]
