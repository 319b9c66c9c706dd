"""Planning documents in layouts renja has never seen, generated with reportlab, with their facts.

Each ``make_<name>(folder)`` writes ``<folder>/<name>.pdf`` and returns a ``Generated``: the PDF,
a description, and the expected rows (``facts``: uraian, level, kode, nomor, parent, amounts in
Rupiah keyed ``measure|period``), the arithmetic errors planted on purpose (``errors``) and which
sums hold (``totals_ok``). Names of places and agencies are invented; codes and nomenclature follow
Permendagri 90 (Kepmendagri 900.1.15.5-1317/2023 and the SIPD 2027 list). Amount keys:

- ``pagu|2025``, ``pagu|2026``: the plan year's pagu / kebutuhan dana and the prakiraan maju;
- ``pagu|sebelum``, ``pagu|sesudah``, ``selisih``: a Renja Perubahan (selisih: bertambah/berkurang);
- ``anggaran|sebelum``, ``anggaran|sesudah``, ``selisih``: an APBD-P lampiran (``percents`` hold %);
- ``target_rp|2026`` .. ``target_rp|2030``, ``target_rp|akhir``: an RPJMD's kerangka pendanaan;
- ``pendanaan|2025`` .. ``pendanaan|2029``, ``pendanaan|total``: a Renstra's pendanaan indikatif;
- ``pagu|2025`` beside ``kebutuhan|2025``: a T-C.31 review (two measures, not murni/perubahan).

``render_layouts.py`` writes them all with a ``.facts.json`` each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape

from .layoutkit import (
    F4,
    Generated,
    Line,
    Pages,
    Row,
    Sheet,
    TablePage,
    grown,
    juta,
    persen,
    render_table,
    rupiah,
)
from .pdfgen import Layout

# --- declaring rows ------------------------------------------------------------------------------


@dataclass(frozen=True)
class N:
    """A row to declare: its name, code, printed text cells, leaf amounts and children."""

    uraian: str
    kode: str | None = None
    cells: dict[str, str] = field(default_factory=dict)
    amounts: dict[str, int] = field(default_factory=dict)
    kids: tuple[N, ...] = ()


Numbering = Callable[[int, int, str | None], str]  # (depth, index from 1, parent's nomor) -> nomor


def roman(n: int) -> str:
    """1 -> 'I', 4 -> 'IV', 9 -> 'IX' (enough for a table's programs)."""
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def declare(
    sheet: Sheet,
    nodes: Sequence[N],
    levels: Sequence[str],
    numbering: Numbering | None = None,
    parent: Row | None = None,
    depth: int = 0,
) -> None:
    """Append ``nodes`` and their children to ``sheet`` in print order, one level per depth."""
    for index, node in enumerate(nodes, 1):
        nomor = numbering(depth, index, parent.nomor if parent else None) if numbering else None
        row = sheet.row(
            node.uraian,
            levels[depth],
            parent,
            kode=node.kode,
            nomor=nomor,
            amounts=node.amounts,
            cells=node.cells,
        )
        declare(sheet, node.kids, levels, numbering, row, depth + 1)


def roman_arabic_letter(depth: int, index: int, parent: str | None) -> str:
    """I, II (program); 1, 2 (kegiatan); a, b (sub kegiatan), restarting under every parent."""
    return (roman(index), str(index), chr(ord("a") + index - 1))[depth]


def roman_arabic_dotted(depth: int, index: int, parent: str | None) -> str:
    """I (program); 1, 2 (kegiatan); 1.1, 1.2 (sub kegiatan, under kegiatan 1)."""
    return (roman(index), str(index), f"{parent}.{index}")[depth]


def roman_arabic_arabic(depth: int, index: int, parent: str | None) -> str:
    """I (program); 1 (kegiatan); 1 (sub kegiatan): the level shows only in the type."""
    return (roman(index), str(index), str(index))[depth]


def arabic_dotted(depth: int, index: int, parent: str | None) -> str:
    """1 (program); 1.1 (kegiatan); 1.1.1 (sub kegiatan)."""
    return str(index) if parent is None else f"{parent}.{index}"


PROGRAM_KEGIATAN_SUB = ("program", "kegiatan", "sub_kegiatan")


# --- 1. Renja, Roman numbering, amounts in millions ----------------------------------------------


def _dlh(name: str, indikator: str, t25: str, t26: str, p25: int, p26: int, dana: str) -> N:
    cells = {"indikator": indikator, "target|2025": t25, "target|2026": t26, "sumber_dana": dana}
    return N(name, cells=cells, amounts={"pagu|2025": p25, "pagu|2026": p26})


def _group(name: str, indikator: str, t25: str, t26: str, *kids: N) -> N:
    return N(
        name, cells={"indikator": indikator, "target|2025": t25, "target|2026": t26}, kids=kids
    )


DLH_PROGRAMS = (
    _group("PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "Nilai SAKIP Dinas Lingkungan Hidup", "BB", "BB",
        _group("Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
            "Jumlah dokumen perencanaan dan evaluasi yang tersusun tepat waktu", "8 Dokumen",
            "8 Dokumen",
            _dlh("Penyusunan Dokumen Perencanaan Perangkat Daerah",
                 "Jumlah Dokumen Perencanaan Perangkat Daerah", "4 Dokumen", "4 Dokumen",
                 48_250_000, 52_000_000, "PAD"),
            _dlh("Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi "
                 "Kinerja SKPD", "Jumlah Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja",
                 "2 Laporan", "2 Laporan", 21_500_000, 23_000_000, "PAD"),
            _dlh("Evaluasi Kinerja Perangkat Daerah", "Jumlah Laporan Evaluasi Kinerja",
                 "2 Laporan", "2 Laporan", 17_340_000, 18_500_000, "PAD")),
        _group("Administrasi Keuangan Perangkat Daerah",
            "Persentase pemenuhan administrasi keuangan", "100 %", "100 %",
            _dlh("Penyediaan Gaji dan Tunjangan ASN",
                 "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN", "112 Orang", "115 Orang",
                 8_745_620_000, 9_120_000_000, "DAU"),
            _dlh("Penyediaan Administrasi Pelaksanaan Tugas ASN",
                 "Jumlah Dokumen Hasil Penyediaan Administrasi Pelaksanaan Tugas ASN",
                 "12 Dokumen", "12 Dokumen", 356_800_000, 370_000_000, "DAU"),
            _dlh("Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD",
                 "Jumlah Laporan Keuangan Akhir Tahun SKPD", "1 Laporan", "1 Laporan",
                 12_750_000, 13_500_000, "PAD")),
        _group("Administrasi Umum Perangkat Daerah",
            "Persentase pemenuhan kebutuhan administrasi umum", "100 %", "100 %",
            _dlh("Penyediaan Peralatan dan Perlengkapan Kantor",
                 "Jumlah Paket Peralatan dan Perlengkapan Kantor yang Disediakan", "24 Paket",
                 "24 Paket", 187_450_000, 195_000_000, "PAD"),
            _dlh("Penyediaan Bahan Logistik Kantor", "Jumlah Paket Bahan Logistik Kantor",
                 "12 Paket", "12 Paket", 96_380_000, 100_000_000, "PAD"),
            _dlh("Penyediaan Barang Cetakan dan Penggandaan",
                 "Jumlah Paket Barang Cetakan dan Penggandaan", "12 Paket", "12 Paket",
                 44_600_000, 46_000_000, "PAD"),
            _dlh("Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
                 "Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
                 "36 Laporan", "36 Laporan", 268_900_000, 280_000_000, "PAD")),
        _group("Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
            "Persentase layanan jasa penunjang yang terpenuhi", "100 %", "100 %",
            _dlh("Penyediaan Jasa Surat Menyurat", "Jumlah Laporan Penyediaan Jasa Surat Menyurat",
                 "12 Laporan", "12 Laporan", 9_600_000, 10_000_000, "PAD"),
            _dlh("Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
                 "Jumlah Laporan Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
                 "12 Laporan", "12 Laporan", 214_320_000, 225_000_000, "PAD"),
            _dlh("Penyediaan Jasa Pelayanan Umum Kantor",
                 "Jumlah Laporan Penyediaan Jasa Pelayanan Umum Kantor", "12 Laporan",
                 "12 Laporan", 1_164_000_000, 1_200_000_000, "DAU")),
        _group("Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
            "Persentase BMD dalam kondisi baik", "92 %", "94 %",
            _dlh("Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan "
                 "Dinas Operasional atau Lapangan", "Jumlah Kendaraan Dinas Operasional atau "
                 "Lapangan yang Dipelihara", "38 Unit", "40 Unit", 1_486_270_000, 1_550_000_000,
                 "PAD"),
            _dlh("Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya",
                 "Jumlah Gedung Kantor dan Bangunan Lainnya yang Dipelihara/Direhabilitasi",
                 "2 Unit", "1 Unit", 325_000_000, 150_000_000, "DAU"))),
    _group("PROGRAM PERENCANAAN LINGKUNGAN HIDUP",
        "Indeks Kualitas Lingkungan Hidup (IKLH)", "68,40", "69,10",
        _group("Penyelenggaraan Kajian Lingkungan Hidup Strategis (KLHS) Kabupaten/Kota",
            "Jumlah dokumen KLHS yang diselenggarakan", "2 Dokumen", "1 Dokumen",
            _dlh("Penyelenggaraan KLHS Rencana Tata Ruang",
                 "Jumlah Dokumen KLHS Rencana Tata Ruang Kabupaten/Kota yang Disusun",
                 "1 Dokumen", "-", 275_000_000, 0, "PAD"),
            _dlh("Pemantauan dan Evaluasi KLHS", "Jumlah KLHS yang dipantau dan dievaluasi",
                 "1 Dokumen", "1 Dokumen", 64_500_000, 70_000_000, "PAD"))),
    _group("PROGRAM PENGENDALIAN PENCEMARAN DAN/ATAU KERUSAKAN LINGKUNGAN HIDUP",
        "Indeks Kualitas Air (IKA)", "52,30", "53,00",
        _group("Pencegahan Pencemaran dan/atau Kerusakan Lingkungan Hidup Kabupaten/Kota",
            "Jumlah titik pemantauan kualitas lingkungan", "48 Titik", "52 Titik",
            _dlh("Pelaksanaan pemantauan kualitas Lingkungan Hidup terhadap Media Tanah, Air, "
                 "Udara, dan Laut", "Data dan informasi indeks kualitas lingkungan hidup",
                 "48 Lokasi", "52 Lokasi", 412_860_000, 430_000_000, "PAD"),
            _dlh("Pengambilan contoh uji dan pengujian parameter kualitas lingkungan",
                 "Jumlah pengambilan contoh uji dan pengujian parameter kualitas lingkungan",
                 "6 Paket", "6 Paket", 238_150_000, 250_000_000, "PAD"),
            _dlh("Pengelolaan Laboratorium Lingkungan Hidup kabupaten/kota",
                 "Jumlah pengujian yang dilaksanakan oleh laboratorium lingkungan", "450 Dokumen",
                 "480 Dokumen", 522_740_000, 545_000_000, "PAD")),
        _group("Penanggulangan Pencemaran dan/atau Kerusakan Lingkungan Hidup Kabupaten/Kota",
            "Jumlah kasus pencemaran yang ditanggulangi", "10 Kasus", "10 Kasus",
            _dlh("Pemberian Informasi Peringatan Pencemaran dan/atau Kerusakan Lingkungan Hidup "
                 "pada Masyarakat", "Jumlah Laporan Sosialisasi Informasi Peringatan Pencemaran",
                 "4 Laporan", "4 Laporan", 35_820_000, 38_000_000, "PAD"),
            _dlh("Penghentian Pencemaran dan/atau Kerusakan Lingkungan Hidup",
                 "Jumlah Sumber Pencemar yang Dihentikan", "10 Titik", "10 Titik", 58_300_000,
                 60_000_000, "PAD"))),
    _group("PROGRAM PENGELOLAAN PERSAMPAHAN",
        "Persentase sampah yang tertangani", "78,50 %", "81,00 %",
        _group("Pengelolaan Sampah", "Jumlah sampah yang tertangani", "81.750 Ton", "84.000 Ton",
            _dlh("Penanganan sampah melalui pengangkutan",
                 "Jumlah sampah yang tertangani melalui proses pengangkutan", "42.500 Ton",
                 "44.000 Ton", 6_845_930_000, 7_150_000_000, "DAU"),
            _dlh("Penanganan sampah melalui pemrosesan akhir sampah di TPA/TPST kabupaten/kota "
                 "atau TPA/TPST Regional", "Jumlah sampah yang tertangani melalui pemrosesan "
                 "akhir sampah", "38.000 Ton", "38.750 Ton", 3_276_480_000, 3_400_000_000, "DAU"),
            _dlh("Pengurangan sampah melalui pendauran ulang sampah",
                 "Jumlah sampah yang terdaur ulang", "1.250 Ton", "1.400 Ton", 418_650_000,
                 440_000_000, "PAD"),
            _dlh("Penyediaan Sarana dan Prasarana Pengelolaan Persampahan di TPA/TPST/SPA "
                 "Kabupaten/Kota", "Jumlah Sarana dan Prasarana Penanganan Sampah", "6 Unit",
                 "4 Unit", 2_154_000_000, 1_800_000_000, "DAK")),
        _group("Pembinaan dan Pengawasan Pengelolaan Sampah yang Diselenggarakan oleh Pihak Swasta",
            "Jumlah pelaku usaha pengelolaan sampah yang dibina", "14 Badan Usaha",
            "16 Badan Usaha",
            _dlh("Fasilitasi Pemenuhan Ketentuan Terkait Izin Usaha dan Standar Teknis "
                 "Pengelolaan Sampah", "Jumlah laporan fasilitasi pemenuhan ketentuan izin usaha",
                 "2 Laporan", "2 Laporan", 42_180_000, 45_000_000, "PAD"),
            _dlh("Monitoring dan Evaluasi Pemenuhan Target dan Standar Pelayanan Pengelolaan "
                 "Sampah", "Jumlah laporan monitoring dan evaluasi", "4 Laporan", "4 Laporan",
                 31_460_000, 33_000_000, "PAD"))),
    _group("PROGRAM PENINGKATAN PENDIDIKAN, PELATIHAN DAN PENYULUHAN LINGKUNGAN HIDUP UNTUK "
           "MASYARAKAT", "Persentase kelurahan dengan gerakan peduli lingkungan", "35 %", "40 %",
        _group("Penyelenggaraan Pendidikan, Pelatihan, dan Penyuluhan Lingkungan Hidup untuk "
               "Lembaga Kemasyarakatan Tingkat Daerah Kabupaten/Kota",
            "Jumlah peserta pendidikan dan penyuluhan lingkungan hidup", "600 Orang", "650 Orang",
            _dlh("Penyelenggaraan Penyuluhan dan Kampanye Lingkungan Hidup",
                 "Jumlah Masyarakat/Kelompok Masyarakat yang Mengikuti Penyuluhan", "600 Orang",
                 "650 Orang", 127_400_000, 135_000_000, "PAD"),
            _dlh("Pendampingan Gerakan Peduli Lingkungan Hidup",
                 "Jumlah Pendampingan Gerakan Peduli dan Berbudaya Lingkungan Hidup",
                 "12 Dokumen", "12 Dokumen", 88_750_000, 92_000_000, "PAD"))),
)  # fmt: skip


def make_renja_roman_juta(folder: Path) -> Generated:
    """A Kota Renja printed from Word: ruled, Times, portrait, no codes, programs numbered I, II,
    kegiatan 1, 2 and sub kegiatan a, b (restarting under every parent), amounts in millions of
    Rupiah with two decimals, a three-row header (spanned year groups, then column numbers)
    repeated on every page."""
    name = "renja_roman_juta"
    sheet = Sheet()
    declare(sheet, DLH_PROGRAMS, PROGRAM_KEGIATAN_SUB, roman_arabic_letter)
    keys = ("pagu|2025", "pagu|2026")
    sheet.sum_children(keys)
    jumlah = sheet.row("JUMLAH", None)
    sheet.total(jumlah, [r for r in sheet.rows if r.level == "program"], keys)
    sheet.plant("Administrasi Umum Perangkat Daerah", "pagu|2025", 607_330_000)
    sheet.plant("JUMLAH", "pagu|2026", 27_481_000_000)

    body = []
    for row in sheet.rows:
        c = row.cells
        cells = [
            row.nomor or "",
            row.uraian,
            c.get("indikator", ""),
            c.get("target|2025", ""),
            juta(row.amounts["pagu|2025"], zero="-"),
            c.get("sumber_dana", ""),
            c.get("target|2026", ""),
            juta(row.amounts["pagu|2026"], zero="-"),
        ]
        if row.level is None:
            cells[0], cells[1] = "", "JUMLAH"
        indent = {"program": 0, "kegiatan": 6, "sub_kegiatan": 12}.get(row.level or "", 0)
        body.append(Line(cells, bold=row.level in (None, "program", "kegiatan"), indent=indent))
    header = [
        [
            "No",
            "Uraian Program/Kegiatan",
            "Tolok Ukur",
            "Rencana Tahun 2025",
            "",
            "",
            "Prakiraan Maju 2026",
            "",
        ],
        [
            "",
            "",
            "",
            "Target Kinerja",
            "Kebutuhan Dana (Juta Rp)",
            "Sumber Dana",
            "Target Kinerja",
            "Kebutuhan Dana (Juta Rp)",
        ],
        [f"({i})" for i in range(1, 9)],
    ]
    spans = [
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (1, 1)),
        ("SPAN", (2, 0), (2, 1)),
        ("SPAN", (3, 0), (5, 0)),
        ("SPAN", (6, 0), (7, 0)),
    ]
    table = TablePage(
        header,
        body,
        widths=(22, 150, 118, 50, 52, 38, 50, 52),
        right=frozenset({4, 7}),
        center=frozenset({0, 3, 5, 6}),
        header_style=spans,
    )
    pdf = folder / f"{name}.pdf"
    pages = render_table(
        pdf,
        A4,
        [
            "RENCANA KERJA (RENJA) DINAS LINGKUNGAN HIDUP",
            "KOTA MUARA HARAPAN TAHUN 2025",
            "",
            "Tabel 3.1 Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun 2025 dan "
            "Prakiraan Maju Tahun 2026 (dalam juta rupiah)",
        ],
        table,
        Layout(rules="all", landscape=False, font="Times-Roman", bold_font="Times-Bold", size=8),
        footer=lambda page: (
            f"Renja Dinas Lingkungan Hidup Kota Muara Harapan 2025 | III-{page + 6}"
        ),
        caption_after=["Sumber: Dinas Lingkungan Hidup Kota Muara Harapan, diolah."],
    )
    return Generated(
        name,
        pdf,
        "Renja Dinas Lingkungan Hidup Kota Muara Harapan 2025: Word-like ruled table, no codes, "
        "I/1/a numbering, amounts in juta rupiah (1.234,50), header repeated on each page.",
        sheet,
        {
            "pagu|2025": "Rencana Tahun 2025 > Kebutuhan Dana (Juta Rp)",
            "pagu|2026": "Prakiraan Maju 2026 > Kebutuhan Dana (Juta Rp)",
        },
        scale=1_000_000,
        pages=pages,
        notes=(
            "Program and kegiatan rows print the sum of their sub kegiatan; JUMLAH sums the "
            "programs. A prakiraan maju of 0 is printed '-'.",
        ),
    )


# --- 2. Renja Perubahan, sebelum on one line and sesudah on the next --------------------------


def _kes(
    kode: str, name: str, indikator: str, t_seb: str, t_ses: str, seb: int, ses: int, dana: str
) -> N:
    cells = {
        "indikator": indikator,
        "target|sebelum": t_seb,
        "target|sesudah": t_ses,
        "sumber_dana": dana,
    }
    return N(name, kode, cells, {"pagu|sebelum": seb, "pagu|sesudah": ses})


def _kes_group(kode: str, name: str, indikator: str, t_seb: str, t_ses: str, *kids: N) -> N:
    cells = {"indikator": indikator, "target|sebelum": t_seb, "target|sesudah": t_ses}
    return N(name, kode, cells, kids=kids)


DINKES_PROGRAMS = (
    _kes_group("1.02.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI",
        "Nilai SAKIP Perangkat Daerah", "A", "A",
        _kes_group("1.02.01.1.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat "
                   "Daerah", "Jumlah dokumen perencanaan dan evaluasi", "9 Dokumen", "9 Dokumen",
            _kes("1.02.01.1.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
                 "Jumlah Dokumen Perencanaan Perangkat Daerah", "5 Dokumen", "6 Dokumen",
                 165_400_000, 172_900_000, "PAD"),
            _kes("1.02.01.1.01.0007", "Evaluasi Kinerja Perangkat Daerah",
                 "Jumlah Laporan Evaluasi Kinerja Perangkat Daerah", "4 Laporan", "3 Laporan",
                 84_250_000, 71_750_000, "PAD")),
        _kes_group("1.02.01.1.02", "Administrasi Keuangan Perangkat Daerah",
                   "Persentase pemenuhan administrasi keuangan", "100 %", "100 %",
            _kes("1.02.01.1.02.0001", "Penyediaan Gaji dan Tunjangan ASN",
                 "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN", "412 Orang", "418 Orang",
                 24_386_514_000, 25_102_764_000, "DAU"),
            _kes("1.02.01.1.02.0002", "Penyediaan Administrasi Pelaksanaan Tugas ASN",
                 "Jumlah Dokumen Hasil Penyediaan Administrasi Pelaksanaan Tugas ASN",
                 "12 Dokumen", "12 Dokumen", 1_245_600_000, 1_245_600_000, "DAU")),
        _kes_group("1.02.01.1.06", "Administrasi Umum Perangkat Daerah",
                   "Persentase pemenuhan administrasi umum", "100 %", "100 %",
            _kes("1.02.01.1.06.0009", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
                 "Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
                 "24 Laporan", "20 Laporan", 2_418_300_000, 2_156_050_000, "PAD"))),
    _kes_group("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN "
               "MASYARAKAT", "Usia Harapan Hidup", "71,45 Tahun", "71,45 Tahun",
        _kes_group("1.02.02.1.01", "Penyediaan Fasilitas Pelayanan, Sarana, Prasarana dan Alat "
                   "Kesehatan untuk UKP Rujukan, UKM dan UKM Rujukan Tingkat Daerah Provinsi",
                   "Jumlah fasilitas kesehatan rujukan yang memenuhi standar", "6 Unit", "6 Unit",
            _kes("1.02.02.1.01.0009", "Rehabilitasi dan Pemeliharaan Rumah Sakit",
                 "Jumlah Sarana, Prasarana dan Alat Kesehatan yang Direhabilitasi", "3 Unit",
                 "4 Unit", 18_750_000_000, 21_340_500_000, "DAK Fisik"),
            _kes("1.02.02.1.01.0010", "Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas "
                 "Layanan Kesehatan", "Jumlah Alat Kesehatan/Alat Penunjang Medik yang Disediakan",
                 "145 Unit", "132 Unit", 32_415_880_000, 29_906_120_000, "DAK Fisik"),
            _kes("1.02.02.1.01.0020", "Penyediaan Telemedicine di Fasilitas Pelayanan Kesehatan",
                 "Jumlah Fasyankes yang Menyediakan Telemedicine", "8 Unit", "6 Unit",
                 1_150_000_000, 875_000_000, "PAD")),
        _kes_group("1.02.02.1.02", "Penyediaan Layanan Kesehatan untuk UKP Rujukan, UKM dan UKM "
                   "Rujukan Tingkat Daerah Provinsi", "Persentase kabupaten/kota yang mencapai "
                   "SPM bidang kesehatan", "80 %", "85 %",
            _kes("1.02.02.1.02.0016", "Pengelolaan Jaminan Kesehatan Masyarakat",
                 "Jumlah Dokumen Hasil Pengelolaan Jaminan Kesehatan Masyarakat", "1 Dokumen",
                 "1 Dokumen", 96_500_000_000, 104_250_000_000, "PAD"),
            _kes("1.02.02.1.02.0017", "Pengelolaan Surveilans Kesehatan",
                 "Jumlah Dokumen Hasil Pengelolaan Surveilans Kesehatan", "12 Dokumen",
                 "12 Dokumen", 2_087_450_000, 2_074_950_000, "DAU"),
            _kes("1.02.02.1.02.0042", "Pengelolaan Imunisasi",
                 "Jumlah Dokumen Hasil Pengelolaan Imunisasi", "4 Laporan", "4 Laporan",
                 1_364_200_000, 1_402_700_000, "DAU"),
            _kes("1.02.02.1.02.0023", "Penyediaan dan Pengelolaan Sistem Penanganan Gawat Darurat "
                 "Terpadu (SPGDT)", "Jumlah Public Safety Center (PSC 119) yang Beroperasi",
                 "1 Unit", "1 Unit", 3_780_000_000, 3_780_000_000, "PAD"))),
    _kes_group("1.02.03", "PROGRAM PENINGKATAN KAPASITAS SUMBER DAYA MANUSIA KESEHATAN",
               "Rasio tenaga kesehatan per 1.000 penduduk", "2,8", "2,9",
        _kes_group("1.02.03.1.01", "Perencanaan Kebutuhan Sumber Daya Manusia Kesehatan untuk UKM "
                   "dan UKP Provinsi", "Jumlah SDM kesehatan yang direncanakan dan dipenuhi",
                   "210 Orang", "236 Orang",
            _kes("1.02.03.1.01.0001", "Pemenuhan Kebutuhan Sumber Daya Manusia Kesehatan",
                 "Jumlah SDM Kesehatan yang Memenuhi Standar", "150 Orang", "176 Orang",
                 4_560_000_000, 5_215_400_000, "DAU"),
            _kes("1.02.03.1.01.0002", "Distribusi dan Pemerataan Sumber Daya Manusia Kesehatan",
                 "Jumlah SDM Kesehatan yang Terdistribusi", "60 Orang", "60 Orang",
                 735_800_000, 612_300_000, "DAU"))),
)  # fmt: skip


def make_renja_perubahan_two_lines(folder: Path, rules: str = "all") -> Generated:
    """A provincial Renja Perubahan where every record takes two lines: 'Sebelum' (with the
    name, code and indicator cells spanning both lines) and 'Sesudah' under it, with the change
    printed on the Sesudah line, negatives in parentheses, no change printed '-'. Roman program
    numbering, kegiatan 1, 2, sub kegiatan 1.1, 1.2. Ruled, landscape, Helvetica."""
    name = "renja_perubahan_two_lines" + ("" if rules == "all" else f"_{rules}")
    sheet = Sheet()
    declare(sheet, DINKES_PROGRAMS, PROGRAM_KEGIATAN_SUB, roman_arabic_dotted)
    base = ("pagu|sebelum", "pagu|sesudah")
    sheet.sum_children(base)
    jumlah = sheet.row("JUMLAH", None)
    sheet.total(jumlah, [r for r in sheet.rows if r.level == "program"], base)
    sheet.derive("selisih", [(1, "pagu|sesudah"), (-1, "pagu|sebelum")], text="sesudah - sebelum")
    sheet.sum_children(["selisih"])
    sheet.total(jumlah, [r for r in sheet.rows if r.level == "program"], ["selisih"])
    sheet.plant(
        "Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Layanan Kesehatan",
        "selisih",
        -2_590_760_000,
    )
    sheet.plant(
        "Penyediaan Layanan Kesehatan untuk UKP Rujukan, UKM dan UKM Rujukan Tingkat "
        "Daerah Provinsi",
        "pagu|sesudah",
        111_607_650_000,
    )

    body: list[Line] = []
    spans: list[tuple] = []
    for row in sheet.rows:
        c, a = row.cells, row.amounts
        top = len(body) + 2  # two header rows above
        strong = row.level in (None, "program", "kegiatan")
        indent = {"kegiatan": 5, "sub_kegiatan": 10}.get(row.level or "", 0)
        body.append(
            Line(
                [
                    row.nomor or "",
                    row.kode or "",
                    row.uraian,
                    c.get("indikator", ""),
                    c.get("target|sebelum", ""),
                    "Sebelum",
                    rupiah(a["pagu|sebelum"]),
                    "",
                    c.get("sumber_dana", ""),
                ],
                strong,
                indent,
            )
        )
        body.append(
            Line(
                [
                    "",
                    "",
                    "",
                    "",
                    c.get("target|sesudah", ""),
                    "Sesudah",
                    rupiah(a["pagu|sesudah"]),
                    rupiah(a["selisih"], zero="-"),
                    "",
                ],
                strong,
            )
        )
        spans += [("SPAN", (col, top), (col, top + 1)) for col in (0, 1, 2, 3, 8)]
    header = [
        [
            "No",
            "Kode",
            "Program/Kegiatan/Sub Kegiatan",
            "Indikator Kinerja",
            "Target",
            "Keterangan",
            "Pagu Indikatif (Rp)",
            "Bertambah/ (Berkurang) (Rp)",
            "Sumber Dana",
        ],
        [str(i) for i in range(1, 10)],
    ]
    table = TablePage(
        header,
        body,
        widths=(24, 74, 196, 150, 52, 44, 82, 78, 50),
        right=frozenset({6, 7}),
        center=frozenset({0, 4, 5, 8}),
        name_col=2,
        body_style=spans,
    )
    pdf = folder / f"{name}.pdf"
    pages = render_table(
        pdf,
        landscape(A4),
        [
            "RENCANA KERJA PERUBAHAN (RENJA-P) DINAS KESEHATAN",
            "PROVINSI NUSA KENCANA TAHUN 2024",
            "Tabel 3.2 Rencana Program, Kegiatan dan Sub Kegiatan Perubahan Tahun 2024",
        ],
        table,
        Layout(rules=rules, size=7),
        footer=lambda page: f"Hal. {page}",
    )
    return Generated(
        name,
        pdf,
        "Renja Perubahan 2024 of a provincial Dinas Kesehatan: each record on two lines "
        "(Sebelum / Sesudah in a label column, name cells spanning both), bertambah/(berkurang) "
        "on the Sesudah line with negatives in parentheses, Roman program numbering, codes.",
        sheet,
        {
            "pagu|sebelum": "Pagu Indikatif (Rp), line 'Sebelum'",
            "pagu|sesudah": "Pagu Indikatif (Rp), line 'Sesudah'",
            "selisih": "Bertambah/ (Berkurang) (Rp)",
        },
        pages=pages,
        notes=(
            "Every row's selisih is sesudah - sebelum (0 is printed '-'); parents sum their "
            "children for sebelum, sesudah and selisih; JUMLAH sums the programs.",
        ),
    )


# --- 3. Renja with the amounts one line below the name ------------------------------------------


def _tani(name: str, indikator: str, target: str, p25: int, p26: int) -> N:
    return N(
        name,
        cells={"indikator": indikator, "target|2025": target},
        amounts={"pagu|2025": p25, "pagu|2026": p26},
    )


def _tani_group(name: str, indikator: str, target: str, *kids: N) -> N:
    return N(name, cells={"indikator": indikator, "target|2025": target}, kids=kids)


TANI_PROGRAMS = (
    _tani_group("PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "Persentase pelayanan administrasi perkantoran", "100 %",
        _tani_group("Administrasi Keuangan Perangkat Daerah",
            "Jumlah bulan layanan administrasi keuangan", "12 Bulan",
            _tani("Penyediaan Gaji dan Tunjangan ASN", "Jumlah ASN yang menerima gaji dan "
                  "tunjangan", "186 Orang", 11_248_300_000, 11_810_700_000),
            _tani("Penyediaan Administrasi Pelaksanaan Tugas ASN", "Jumlah dokumen administrasi "
                  "pelaksanaan tugas ASN", "12 Dokumen", 412_000_000, 425_000_000)),
        _tani_group("Administrasi Umum Perangkat Daerah",
            "Persentase pemenuhan kebutuhan administrasi umum", "100 %",
            _tani("Penyediaan Bahan Logistik Kantor", "Jumlah paket bahan logistik kantor",
                  "12 Paket", 78_450_000, 80_000_000),
            _tani("Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "Jumlah laporan rapat "
                  "koordinasi dan konsultasi", "48 Laporan", 315_600_000, 330_000_000)),
        _tani_group("Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
            "Persentase layanan jasa penunjang yang terpenuhi", "100 %",
            _tani("Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "Jumlah laporan "
                  "penyediaan jasa komunikasi, air dan listrik", "12 Laporan", 186_240_000,
                  195_000_000),
            _tani("Penyediaan Jasa Pelayanan Umum Kantor", "Jumlah laporan penyediaan jasa "
                  "pelayanan umum kantor", "12 Laporan", 642_000_000, 660_000_000))),
    _tani_group("PROGRAM PENYEDIAAN DAN PENGEMBANGAN SARANA PERTANIAN",
        "Persentase ketersediaan sarana pertanian", "82 %",
        _tani_group("Pengawasan Penggunaan Sarana Pertanian",
            "Jumlah kelompok tani yang didampingi", "64 Kelompok",
            _tani("Pendampingan Penggunaan Sarana Pendukung Pertanian", "Jumlah pendampingan "
                  "penggunaan sarana pendukung pertanian", "4 Laporan", 245_800_000, 260_000_000),
            _tani("Perbanyakan Benih Bersertifikat Tanaman Pangan Berbentuk Biji/Benih",
                  "Jumlah benih bersertifikat tanaman pangan", "35 Ton", 1_326_500_000,
                  1_400_000_000)),
        _tani_group("Peningkatan Mutu dan Peredaran Benih/Bibit Ternak dan Tanaman Pakan Ternak "
                    "serta Pakan dalam Daerah Kabupaten/Kota", "Jumlah pengawasan mutu benih "
                    "dan pakan", "6 Laporan",
            _tani("Pengawasan Mutu Benih/Bibit Ternak, Bahan Pakan/Pakan/Tanaman Skala Kecil",
                  "Jumlah pengawasan mutu benih/bibit ternak", "6 Laporan", 96_750_000,
                  100_000_000))),
    _tani_group("PROGRAM PENYEDIAAN DAN PENGEMBANGAN PRASARANA PERTANIAN",
        "Luas lahan pertanian dengan prasarana memadai", "1.850 Ha",
        _tani_group("Pengembangan Prasarana Pertanian",
            "Jumlah prasarana pertanian yang dikembangkan", "24 Unit",
            _tani("Pengendalian dan Pemanfaatan Kawasan Pertanian", "Luas kawasan pertanian yang "
                  "termanfaatkan", "1.850 Ha", 2_875_400_000, 3_000_000_000),
            _tani("Pengendalian dan Pemanfaatan Prasarana Pascapanen Tanaman Pangan",
                  "Jumlah prasarana pascapanen tanaman pangan", "12 Unit", 1_540_000_000,
                  1_250_000_000),
            _tani("Pengelolaan Lahan Pertanian Pangan Berkelanjutan/LP2B, Kawasan Pertanian Pangan "
                  "Berkelanjutan/KP2B dan Lahan Cadangan Pertanian Pangan Berkelanjutan/LCP2B di "
                  "Kabupaten/Kota", "Jumlah dokumen pengelolaan LP2B", "1 Dokumen", 187_300_000,
                  0))),
    _tani_group("PROGRAM PENYULUHAN PERTANIAN",
        "Persentase kelompok tani kelas madya ke atas", "46 %",
        _tani_group("Pelaksanaan Penyuluhan Pertanian",
            "Jumlah penyuluh dan kelembagaan yang dibina", "120 Orang",
            _tani("Peningkatan Kapasitas Kelembagaan Penyuluhan Pertanian di Kecamatan dan Desa",
                  "Jumlah kelembagaan penyuluhan pertanian", "14 Unit", 486_300_000, 500_000_000),
            _tani("Penyediaan dan Peningkatan Kapasitas Penyuluh pertanian",
                  "Jumlah penyuluh pertanian yang ditingkatkan kapasitasnya", "120 Orang",
                  734_920_000, 760_000_000),
            _tani("Diseminasi Informasi Teknis, Sosial, Ekonomi dan Inovasi Pertanian",
                  "Jumlah diseminasi informasi", "6 Dokumen", 128_600_000, 135_000_000))),
)  # fmt: skip


def make_renja_amount_below(folder: Path) -> Generated:
    """A Kabupaten Renja drawn line by line: every record prints its number, name, indicator and
    target, and its amounts alone on the line below; a rule under each record and none between
    columns. Numbering I / 1 / 1 (sub kegiatan restart at 1 like kegiatan; only bold and indent
    tell them apart). Two pages, the header not repeated, and one record broken across the page
    break between its name line and its amount line."""
    from reportlab.lib.utils import simpleSplit

    name = "renja_amount_below"
    sheet = Sheet()
    declare(sheet, TANI_PROGRAMS, PROGRAM_KEGIATAN_SUB, roman_arabic_arabic)
    keys = ("pagu|2025", "pagu|2026")
    sheet.sum_children(keys)
    jumlah = sheet.row("JUMLAH", None)
    sheet.total(jumlah, [r for r in sheet.rows if r.level == "program"], keys)
    sheet.plant(
        "PROGRAM PENYEDIAAN DAN PENGEMBANGAN PRASARANA PERTANIAN", "pagu|2025", 4_601_700_000
    )
    split_after_name = "Pengawasan Mutu Benih/Bibit Ternak, Bahan Pakan/Pakan/Tanaman Skala Kecil"

    font, boldf, size, lead = "Helvetica", "Helvetica-Bold", 7.8, 9.6
    x_no, x_name, x_ind, x_target, r_pagu, r_maju = 40, 62, 262, 402, 488, 560
    w_name, w_ind = 192, 134
    width, height = A4

    def header(canvas, page: int) -> float:
        canvas.setFont(font, 7)
        canvas.drawRightString(r_maju, 22, f"- {page} -")
        if page > 1:
            return height - 40  # the table just continues: no title, no header
        canvas.setFont(boldf, 10.5)
        for i, text in enumerate(
            (
                "RENCANA KERJA DINAS PERTANIAN DAN KETAHANAN PANGAN",
                "KABUPATEN LEMBAH HIJAU TAHUN 2025",
            )
        ):
            canvas.drawCentredString(width / 2, height - 48 - 14 * i, text)
        canvas.setFont(font, 8.5)
        canvas.drawString(
            x_no, height - 92, "Tabel 3.3 Program, Kegiatan dan Sub Kegiatan Tahun Rencana 2025"
        )
        top = height - 104
        canvas.setLineWidth(0.8)
        canvas.line(x_no - 4, top, r_maju + 4, top)
        canvas.setFont(boldf, 7.8)
        for x, lines in (
            (x_no, ["No"]),
            (x_name, ["Program / Kegiatan / Sub Kegiatan"]),
            (x_ind, ["Indikator Kinerja"]),
            (x_target, ["Target"]),
        ):
            canvas.drawString(x, top - 12, lines[0])
        for r, lines in (
            (r_pagu, ["Pagu Indikatif", "2025 (Rp)"]),
            (r_maju, ["Prakiraan Maju", "2026 (Rp)"]),
        ):
            canvas.drawRightString(r, top - 12, lines[0])
            canvas.drawRightString(r, top - 21, lines[1])
        canvas.line(x_no - 4, top - 26, r_maju + 4, top - 26)
        return top - 36

    pdf = folder / f"{name}.pdf"
    pages = Pages(pdf, A4, header)
    canvas = pages.canvas
    for row in sheet.rows:
        strong = row.level in (None, "program", "kegiatan")
        indent = 8 if row.level == "sub_kegiatan" else 0
        f = boldf if strong else font
        names = simpleSplit(row.uraian if row.level else "JUMLAH", f, size, w_name - indent)
        inds = simpleSplit(row.cells.get("indikator", ""), font, size, w_ind)
        tall = max(len(names), len(inds), 1) * lead
        pages.need(tall + lead + 4)
        y = pages.y
        canvas.setFont(f, size)
        canvas.drawString(x_no, y, row.nomor or "")
        for i, text in enumerate(names):
            canvas.drawString(x_name + indent, y - i * lead, text)
        canvas.setFont(font, size)
        for i, text in enumerate(inds):
            canvas.drawString(x_ind, y - i * lead, text)
        canvas.drawString(x_target, y, row.cells.get("target|2025", ""))
        pages.y = y - tall
        if row.uraian == split_after_name:
            pages.next_page()
        y = pages.y
        canvas.setFont(f, size)
        canvas.drawRightString(r_pagu, y, rupiah(row.amounts["pagu|2025"], zero="-"))
        canvas.drawRightString(r_maju, y, rupiah(row.amounts["pagu|2026"], zero="-"))
        canvas.setLineWidth(0.3)
        canvas.line(x_no - 4, y - 3.5, r_maju + 4, y - 3.5)
        pages.y = y - lead - 4
    count = pages.save()
    return Generated(
        name,
        pdf,
        "Renja Dinas Pertanian dan Ketahanan Pangan Kabupaten Lembah Hijau 2025: amounts printed "
        "one line below each name, row rules only, I / 1 / 1 numbering, two pages with no "
        "repeated header and one record split across the page break.",
        sheet,
        {"pagu|2025": "Pagu Indikatif 2025 (Rp)", "pagu|2026": "Prakiraan Maju 2026 (Rp)"},
        pages=count,
        notes=(
            "Program and kegiatan rows sum their sub kegiatan; JUMLAH sums the programs. "
            f"{split_after_name!r} has its name on page 1 and its amounts on page 2.",
        ),
    )


# --- 4. APBD-P lampiran, Crystal Reports style: no rules, columns by x position -----------------

APBD_ACCOUNTS: tuple[tuple[str, str, int, int], ...] = (
    # kode, uraian, sebelum, sesudah (0, 0 for rows whose amounts are sums)
    ("4", "PENDAPATAN DAERAH", 0, 0),
    ("4.1", "PENDAPATAN ASLI DAERAH (PAD)", 0, 0),
    ("4.1.01", "Pajak Daerah", 0, 0),
    ("4.1.01.09", "Pajak Reklame", 8_500_000_000, 9_250_000_000),
    ("4.1.01.12", "Pajak Air Tanah", 1_200_000_000, 1_085_500_000),
    ("4.1.01.15", "Pajak Bumi dan Bangunan Perdesaan dan Perkotaan (PBB-P2)", 42_000_000_000,
     44_750_000_000),
    ("4.1.01.16", "Bea Perolehan Hak atas Tanah dan Bangunan (BPHTB)", 55_000_000_000,
     48_500_000_000),
    ("4.1.01.19", "Pajak Barang dan Jasa Tertentu (PBJT)", 96_400_000_000, 104_820_000_000),
    ("4.1.02", "Retribusi Daerah", 0, 0),
    ("4.1.02.01", "Retribusi Jasa Umum", 18_650_000_000, 17_940_000_000),
    ("4.1.02.02", "Retribusi Jasa Usaha", 6_300_000_000, 6_875_000_000),
    ("4.1.02.03", "Retribusi Perizinan Tertentu", 9_750_000_000, 8_420_000_000),
    ("4.1.03", "Hasil Pengelolaan Kekayaan Daerah yang Dipisahkan", 0, 0),
    ("4.1.03.01", "Bagian Laba yang Dibagikan kepada Pemerintah Daerah (Dividen) atas Penyertaan "
     "Modal pada Badan Usaha Milik Daerah (BUMD)", 12_480_000_000, 12_480_000_000),
    ("4.1.04", "Lain-lain Pendapatan Asli Daerah yang Sah", 0, 0),
    ("4.1.04.03", "Jasa Giro", 3_150_000_000, 4_425_000_000),
    ("4.1.04.16", "Pendapatan Badan Layanan Umum Daerah (BLUD)", 87_600_000_000, 92_315_000_000),
    ("4.2", "PENDAPATAN TRANSFER", 0, 0),
    ("4.2.01", "Pendapatan Transfer Pemerintah Pusat", 0, 0),
    ("4.2.01.01", "Dana Perimbangan", 1_086_400_000_000, 1_092_716_000_000),
    ("4.2.01.02", "Insentif Fiskal", 14_350_000_000, 21_600_000_000),
    ("4.2.02", "Pendapatan Transfer Antar Daerah", 0, 0),
    ("4.2.02.01", "Pendapatan Bagi Hasil", 98_750_000_000, 93_214_500_000),
    ("4.2.02.02", "Bantuan Keuangan", 25_000_000_000, 37_500_000_000),
    ("4.3", "LAIN-LAIN PENDAPATAN DAERAH YANG SAH", 0, 0),
    ("4.3.01", "Pendapatan Hibah", 4_800_000_000, 6_950_000_000),
    ("5", "BELANJA DAERAH", 0, 0),
    ("5.1", "BELANJA OPERASI", 0, 0),
    ("5.1.01", "Belanja Pegawai", 0, 0),
    ("5.1.01.01", "Belanja Gaji dan Tunjangan ASN", 512_000_000_000, 518_450_000_000),
    ("5.1.01.02", "Tambahan Penghasilan ASN", 168_300_000_000, 171_940_000_000),
    ("5.1.01.03", "Tambahan Penghasilan berdasarkan Pertimbangan Objektif Lainnya ASN",
     9_600_000_000, 9_600_000_000),
    ("5.1.02", "Belanja Barang dan Jasa", 0, 0),
    ("5.1.02.01", "Belanja Barang", 214_750_000_000, 226_308_000_000),
    ("5.1.02.02", "Belanja Jasa", 186_420_000_000, 201_177_500_000),
    ("5.1.02.03", "Belanja Pemeliharaan", 64_800_000_000, 71_235_000_000),
    ("5.1.02.04", "Belanja Perjalanan Dinas", 42_650_000_000, 38_920_000_000),
    ("5.1.05", "Belanja Hibah", 38_500_000_000, 44_250_000_000),
    ("5.1.06", "Belanja Bantuan Sosial", 6_200_000_000, 9_800_000_000),
    ("5.2", "BELANJA MODAL", 0, 0),
    ("5.2.01", "Belanja Modal Tanah", 22_000_000_000, 16_500_000_000),
    ("5.2.02", "Belanja Modal Peralatan dan Mesin", 58_340_000_000, 61_905_000_000),
    ("5.2.03", "Belanja Modal Gedung dan Bangunan", 96_800_000_000, 104_612_000_000),
    ("5.2.04", "Belanja Modal Jalan, Jaringan, dan Irigasi", 178_450_000_000, 192_300_000_000),
    ("5.2.05", "Belanja Modal Aset Tetap Lainnya", 7_900_000_000, 8_350_000_000),
    ("5.3", "BELANJA TIDAK TERDUGA", 0, 0),
    ("5.3.01", "Belanja Tidak Terduga", 10_000_000_000, 6_500_000_000),
    ("5.4", "BELANJA TRANSFER", 0, 0),
    ("5.4.02", "Belanja Bantuan Keuangan", 12_500_000_000, 12_500_000_000),
    ("6", "PEMBIAYAAN DAERAH", 0, 0),
    ("6.1", "PENERIMAAN PEMBIAYAAN", 0, 0),
    ("6.1.01", "Sisa Lebih Perhitungan Anggaran Tahun Sebelumnya", 0, 0),  # balances the budget
    ("6.2", "PENGELUARAN PEMBIAYAAN", 0, 0),
    ("6.2.02", "Penyertaan Modal Daerah", 5_000_000_000, 7_500_000_000),
)  # fmt: skip
ACCOUNT_LEVELS = ("akun", "kelompok", "jenis", "objek", "rincian_objek")


def _apbd_sheet() -> Sheet:
    """The accounts in print order with the JUMLAH lines where the lampiran prints them, every
    sum computed; SiLPA tahun sebelumnya is set so that the budget balances (SILPA 0)."""
    sheet = Sheet()
    parents: dict[str, Row] = {}
    rows: dict[str, Row] = {}
    keys = ("anggaran|sebelum", "anggaran|sesudah")
    for kode, uraian, seb, ses in APBD_ACCOUNTS:
        if kode == "5":
            rows["JUMLAH PENDAPATAN"] = sheet.row("JUMLAH PENDAPATAN", None)
        if kode == "6":
            rows["JUMLAH BELANJA"] = sheet.row("JUMLAH BELANJA", None)
            rows["SURPLUS/(DEFISIT)"] = sheet.row("SURPLUS/(DEFISIT)", None)
        if kode == "6.2":
            rows["JUMLAH PENERIMAAN PEMBIAYAAN"] = sheet.row("JUMLAH PENERIMAAN PEMBIAYAAN", None)
        parent = parents.get(kode.rsplit(".", 1)[0]) if "." in kode else None
        amounts = {"anggaran|sebelum": seb, "anggaran|sesudah": ses} if seb else {}
        row = sheet.row(uraian, ACCOUNT_LEVELS[kode.count(".")], parent, kode=kode, amounts=amounts)
        parents[kode] = row
        rows[kode] = row
    for name in (
        "JUMLAH PENGELUARAN PEMBIAYAAN",
        "PEMBIAYAAN NETTO",
        "SISA LEBIH PEMBIAYAAN ANGGARAN TAHUN BERKENAAN (SILPA)",
    ):
        rows[name] = sheet.row(name, None)

    def not_pembiayaan(row: Row) -> bool:
        return row.kode not in ("6", "6.1")

    sheet.sum_children(keys, only=not_pembiayaan)
    sheet.total(rows["JUMLAH PENDAPATAN"], [rows["4.1"], rows["4.2"], rows["4.3"]], keys)
    sheet.total(rows["JUMLAH BELANJA"], [rows["5.1"], rows["5.2"], rows["5.3"], rows["5.4"]], keys)
    for key in keys:
        sheet.difference(
            rows["SURPLUS/(DEFISIT)"],
            key,
            (rows["JUMLAH PENDAPATAN"].id, key),
            (rows["JUMLAH BELANJA"].id, key),
            f"{key}: pendapatan - belanja",
        )
        deficit = -rows["SURPLUS/(DEFISIT)"].amounts[key]
        rows["6.1.01"].amounts[key] = deficit + rows["6.2"].amounts[key]
    sheet.sum_children(keys, only=lambda r: r.kode == "6.1")
    sheet.total(rows["JUMLAH PENERIMAAN PEMBIAYAAN"], [rows["6.1"]], keys)
    sheet.total(rows["JUMLAH PENGELUARAN PEMBIAYAAN"], [rows["6.2"]], keys)
    for key in keys:
        sheet.difference(
            rows["PEMBIAYAAN NETTO"],
            key,
            (rows["JUMLAH PENERIMAAN PEMBIAYAAN"].id, key),
            (rows["JUMLAH PENGELUARAN PEMBIAYAAN"].id, key),
            f"{key}: penerimaan - pengeluaran pembiayaan",
        )
    silpa = rows["SISA LEBIH PEMBIAYAAN ANGGARAN TAHUN BERKENAAN (SILPA)"]
    sheet.total(silpa, [rows["SURPLUS/(DEFISIT)"], rows["PEMBIAYAAN NETTO"]], keys)
    sheet.derive(
        "selisih",
        [(1, "anggaran|sesudah"), (-1, "anggaran|sebelum")],
        text="setelah - sebelum perubahan",
    )
    sheet.sum_children(["selisih"], only=not_pembiayaan)
    sheet.percent("persen", "selisih", "anggaran|sebelum")
    return sheet


def make_apbd_lampiran_crystal(folder: Path) -> Generated:
    """A Kota APBD-P lampiran as Crystal Reports prints it: no rules at all, every string placed
    at its x position (codes, uraian indented by level and wrapped, four right-set amount
    columns), the page header (lampiran block, title, two-line column heads, column numbers)
    repeated on every page, 'Halaman n dari m' below."""
    from reportlab.lib.utils import simpleSplit

    name = "apbd_lampiran_crystal"
    sheet = _apbd_sheet()
    sheet.plant("Belanja Barang dan Jasa", "anggaran|sesudah", 573_640_500_000)
    sheet.plant("Pajak Daerah", "persen", 2.16)

    font, boldf, size, lead = "Helvetica", "Helvetica-Bold", 6.8, 12.2
    x_code, x_name, w_name = 26, 84, 176
    r_seb, r_ses, r_sel, r_pct = 348, 428, 508, 566
    width, height = A4
    indent = {"akun": 0, "kelompok": 4, "jenis": 8, "objek": 12}

    def draw(path: Path, total_pages: int) -> int:
        def header(canvas, page: int) -> float:
            canvas.setFont(font, 6.8)
            for i, text in enumerate(
                (
                    "LAMPIRAN I",
                    "PERATURAN DAERAH KOTA SUNGAI JERNIH",
                    "NOMOR      : 12 TAHUN 2024",
                    "TANGGAL  : 30 SEPTEMBER 2024",
                )
            ):
                canvas.drawString(400, height - 30 - 9 * i, text)
            canvas.setFont(boldf, 9)
            for i, text in enumerate(
                (
                    "PEMERINTAH KOTA SUNGAI JERNIH",
                    "RINGKASAN PERUBAHAN ANGGARAN PENDAPATAN DAN BELANJA DAERAH",
                    "MENURUT KELOMPOK, JENIS DAN OBJEK PENDAPATAN, BELANJA DAN PEMBIAYAAN",
                    "TAHUN ANGGARAN 2024",
                )
            ):
                canvas.drawCentredString(width / 2, height - 84 - 11 * i, text)
            y = height - 142
            canvas.setFont(boldf, 6.8)
            canvas.drawString(x_code, y, "KODE")
            canvas.drawString(x_name + 60, y, "URAIAN")
            canvas.drawCentredString((r_seb + r_ses) / 2 - 36, y, "JUMLAH (Rp)")
            canvas.drawCentredString((r_sel + r_pct) / 2 - 20, y, "BERTAMBAH/(BERKURANG)")
            y -= 9
            canvas.drawString(x_code, y, "REKENING")
            canvas.drawRightString(r_seb, y, "SEBELUM PERUBAHAN")
            canvas.drawRightString(r_ses, y, "SETELAH PERUBAHAN")
            canvas.drawRightString(r_sel, y, "Rp")
            canvas.drawRightString(r_pct, y, "%")
            y -= 10
            canvas.setFont(font, 6)
            for x, text in ((x_code + 8, "1"), (x_name + 70, "2")):
                canvas.drawString(x, y, text)
            for r, text in (
                (r_seb - 30, "3"),
                (r_ses - 30, "4"),
                (r_sel - 30, "5"),
                (r_pct - 6, "6"),
            ):
                canvas.drawRightString(r, y, text)
            canvas.setFont(font, 6.5)
            canvas.drawString(x_code, 24, f"Halaman {page} dari {total_pages}")
            canvas.drawRightString(r_pct, 24, "Dicetak melalui SIPD - Perda APBD-P 2024")
            return y - 16

        pages = Pages(path, A4, header, bottom=44)
        canvas = pages.canvas
        for row in sheet.rows:
            strong = row.level in (None, "akun", "kelompok")
            f = boldf if strong else font
            if row.level == "akun" and pages.y < height - 200:
                pages.y -= lead / 2  # a blank line before each account group
            dx = indent.get(row.level or "", 0)
            names = simpleSplit(row.uraian, f, size, w_name - dx)
            pages.need(lead * len(names))
            y = pages.y
            canvas.setFont(f, size)
            if row.kode:
                canvas.drawString(x_code, y, row.kode)
            for i, text in enumerate(names):
                canvas.drawString(x_name + dx, y - i * 8.2, text)
            a = row.amounts
            if a:
                canvas.drawRightString(r_seb, y, rupiah(a["anggaran|sebelum"], cents=True))
                canvas.drawRightString(r_ses, y, rupiah(a["anggaran|sesudah"], cents=True))
                canvas.drawRightString(r_sel, y, rupiah(a["selisih"], cents=True))
                if "persen" in row.percents:
                    canvas.drawRightString(r_pct, y, persen(row.percents["persen"]))
            pages.y = y - lead - 8.2 * (len(names) - 1)
        return pages.save()

    pdf = folder / f"{name}.pdf"
    count = draw(pdf, 1)
    count = draw(pdf, count)
    return Generated(
        name,
        pdf,
        "Lampiran I Perda Perubahan APBD 2024 Kota Sungai Jernih in a Crystal-Reports-like print: "
        "no rules, columns placed by x, account codes 4 / 4.1 / 4.1.01 / 4.1.01.09, sebelum, "
        "setelah, bertambah/(berkurang) Rp and %, negatives in parentheses, JUMLAH PENDAPATAN, "
        "JUMLAH BELANJA, SURPLUS/(DEFISIT), pembiayaan and SILPA; page header on every page.",
        sheet,
        {
            "anggaran|sebelum": "JUMLAH (Rp) > SEBELUM PERUBAHAN",
            "anggaran|sesudah": "JUMLAH (Rp) > SETELAH PERUBAHAN",
            "selisih": "BERTAMBAH/(BERKURANG) > Rp",
            "persen": "BERTAMBAH/(BERKURANG) > %",
        },
        pages=count,
        notes=(
            "Akun 6 (PEMBIAYAAN DAERAH) prints no amounts; every other account prints the sum of "
            "its sub-accounts. SILPA = surplus/(defisit) + pembiayaan netto = 0 before and after "
            "the change; its % is not printed (sebelum is 0).",
        ),
    )


# --- 5. RPJMD program table, five years of target and Rp ----------------------------------------

RPJMD_YEARS = (2026, 2027, 2028, 2029, 2030)


def _series(start: str, step: str) -> tuple[str, ...]:
    """Five yearly targets from ``start`` by ``step``, printed with a decimal comma.

    >>> _series("70,00", "1,50")[-1]
    '77,50'
    """
    from decimal import Decimal

    first, delta = Decimal(start.replace(",", ".")), Decimal(step.replace(",", "."))
    places = len(start.split(",")[1]) if "," in start else 0
    return tuple(f"{first + delta * i:.{places}f}".replace(".", ",") for i in range(1, 6))


@dataclass(frozen=True)
class Indicator:
    """One indicator line of an RPJMD program: name, unit, baseline and five yearly targets."""

    name: str
    satuan: str
    awal: str
    targets: tuple[str, ...]


def _rpjmd(kode: str, name: str, pd: str, base: int, growth: int, *indicators: Indicator) -> N:
    amounts = {f"target_rp|{y}": grown(base, growth, i) for i, y in enumerate(RPJMD_YEARS)}
    first = indicators[0]
    cells = {
        "indikator": first.name,
        "satuan": first.satuan,
        "kondisi_awal|2024": first.awal,
        **{f"target|{y}": t for y, t in zip(RPJMD_YEARS, first.targets, strict=True)},
        "target|akhir": first.targets[-1],
        "perangkat_daerah": pd,
    }
    for n, more in enumerate(indicators[1:], 2):
        cells |= {
            f"indikator_{n}": more.name,
            f"satuan_{n}": more.satuan,
            f"kondisi_awal_{n}|2024": more.awal,
            **{f"target_{n}|{y}": t for y, t in zip(RPJMD_YEARS, more.targets, strict=True)},
        }
    return N(name, kode, cells, amounts)


def _ind(name: str, satuan: str, awal: str, step: str) -> Indicator:
    return Indicator(name, satuan, awal, _series(awal, step))


PENUNJANG_PROV = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI"
RPJMD_URUSAN = (
    N("URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR", "1", kids=(
        N("URUSAN PEMERINTAHAN BIDANG PENDIDIKAN", "1.01", kids=(
            _rpjmd("1.01.01", PENUNJANG_PROV, "Dinas Pendidikan", 1_186_400_000_000, 4,
                   _ind("Nilai SAKIP Dinas Pendidikan", "Nilai", "68,20", "1,50")),
            _rpjmd("1.01.02", "PROGRAM PENGELOLAAN PENDIDIKAN", "Dinas Pendidikan",
                   412_750_000_000, 5,
                   _ind("Angka Partisipasi Kasar (APK) SMA/SMK/SLB", "%", "86,45", "0,75"),
                   _ind("Angka Partisipasi Murni (APM) SMA/SMK", "%", "64,10", "0,90")),
            _rpjmd("1.01.04", "PROGRAM PENDIDIK DAN TENAGA KEPENDIDIKAN", "Dinas Pendidikan",
                   38_600_000_000, 3,
                   _ind("Persentase guru SMA/SMK bersertifikat pendidik", "%", "71,30", "2,40")),
        )),
        N("URUSAN PEMERINTAHAN BIDANG KESEHATAN", "1.02", kids=(
            _rpjmd("1.02.01", PENUNJANG_PROV, "Dinas Kesehatan", 286_900_000_000, 4,
                   _ind("Nilai SAKIP Dinas Kesehatan", "Nilai", "71,05", "1,20")),
            _rpjmd("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN "
                   "MASYARAKAT", "Dinas Kesehatan; RSUD Provinsi", 624_500_000_000, 6,
                   _ind("Usia Harapan Hidup", "Tahun", "72,18", "0,17"),
                   _ind("Prevalensi stunting", "%", "21,40", "-1,80")),
            _rpjmd("1.02.03", "PROGRAM PENINGKATAN KAPASITAS SUMBER DAYA MANUSIA KESEHATAN",
                   "Dinas Kesehatan", 24_300_000_000, 5,
                   _ind("Rasio tenaga kesehatan per 1.000 penduduk", "Rasio", "2,75", "0,05")),
            _rpjmd("1.02.04", "PROGRAM SEDIAAN FARMASI, ALAT KESEHATAN DAN MAKANAN MINUMAN",
                   "Dinas Kesehatan", 6_450_000_000, 3,
                   _ind("Persentase sarana kefarmasian yang memenuhi standar", "%", "78,00",
                        "2,50")),
            _rpjmd("1.02.05", "PROGRAM PEMBERDAYAAN MASYARAKAT BIDANG KESEHATAN",
                   "Dinas Kesehatan", 9_800_000_000, 4,
                   _ind("Persentase desa siaga aktif", "%", "62,40", "3,00")),
        )),
        N("URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG", "1.03", kids=(
            _rpjmd("1.03.02", "PROGRAM PENGELOLAAN SUMBER DAYA AIR (SDA)", "Dinas PUPR",
                   186_750_000_000, 5,
                   _ind("Persentase daerah irigasi kewenangan provinsi dalam kondisi baik", "%",
                        "58,30", "2,20")),
            _rpjmd("1.03.03", "PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM PENYEDIAAN AIR MINUM",
                   "Dinas PUPR", 72_400_000_000, 4,
                   _ind("Persentase rumah tangga dengan akses air minum layak", "%", "84,10",
                        "1,60")),
            _rpjmd("1.03.10", "PROGRAM PENYELENGGARAAN JALAN", "Dinas PUPR", 648_200_000_000, 6,
                   _ind("Persentase jalan provinsi dalam kondisi mantap", "%", "71,85", "2,30"),
                   _ind("Panjang jalan provinsi yang ditangani", "km", "312,40", "25,60")),
        )),
    )),
    N("URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR", "2", kids=(
        N("URUSAN PEMERINTAHAN BIDANG PANGAN", "2.09", kids=(
            _rpjmd("2.09.03", "PROGRAM PENINGKATAN DIVERSIFIKASI DAN KETAHANAN PANGAN MASYARAKAT",
                   "Dinas Ketahanan Pangan", 14_250_000_000, 4,
                   _ind("Skor Pola Pangan Harapan (PPH)", "Skor", "86,40", "1,10")),
            _rpjmd("2.09.04", "PROGRAM PENANGANAN KERAWANAN PANGAN", "Dinas Ketahanan Pangan",
                   5_900_000_000, 3,
                   _ind("Persentase daerah rawan pangan", "%", "7,80", "-0,60")),
        )),
        N("URUSAN PEMERINTAHAN BIDANG LINGKUNGAN HIDUP", "2.11", kids=(
            _rpjmd("2.11.03", "PROGRAM PENGENDALIAN PENCEMARAN DAN/ATAU KERUSAKAN LINGKUNGAN "
                   "HIDUP", "Dinas Lingkungan Hidup", 18_600_000_000, 5,
                   _ind("Indeks Kualitas Lingkungan Hidup (IKLH)", "Indeks", "69,12", "0,85")),
            _rpjmd("2.11.11", "PROGRAM PENGELOLAAN PERSAMPAHAN", "Dinas Lingkungan Hidup",
                   22_800_000_000, 6,
                   _ind("Persentase sampah yang tertangani", "%", "64,50", "3,10")),
        )),
    )),
)  # fmt: skip


def make_rpjmd_multiyear(folder: Path, rules: str = "all") -> Generated:
    """A provincial RPJMD program table on F4 landscape in a small font, ruled: code, program,
    indicator, satuan, kondisi awal 2024, then Target and Rp under each spanned year 2026..2030,
    then kondisi akhir Target and Rp (Rp = the sum of the five years), and the agency. Urusan
    rows print no amounts; bidang rows sum their programs; a JUMLAH line closes each urusan and
    TOTAL sums those. Programs with a second indicator print it on a line of its own, code, name,
    Rp and agency cells spanning both lines."""
    name = "rpjmd_multiyear" + ("" if rules == "all" else f"_{rules}")
    sheet = Sheet()
    levels = ("urusan", "bidang", "program")
    jumlah_rows = []
    for urusan, label in zip(
        RPJMD_URUSAN, ("PELAYANAN DASAR", "BUKAN PELAYANAN DASAR"), strict=True
    ):
        declare(sheet, [urusan], levels)
        jumlah_rows.append(sheet.row(f"JUMLAH URUSAN WAJIB {label}", None))
    total = sheet.row("TOTAL", None)
    years = [f"target_rp|{y}" for y in RPJMD_YEARS]
    bidang = [r for r in sheet.rows if r.level == "bidang"]

    def is_bidang(row: Row) -> bool:
        return row.level == "bidang"

    sheet.sum_children(years, only=is_bidang)
    for jumlah, prefix in zip(jumlah_rows, ("1.", "2."), strict=True):
        sheet.total(jumlah, [b for b in bidang if (b.kode or "").startswith(prefix)], years)
    sheet.total(total, jumlah_rows, years)
    sheet.derive("target_rp|akhir", [(1, k) for k in years], text="sum of 2026..2030")
    sheet.sum_children(["target_rp|akhir"], only=is_bidang)
    for jumlah, prefix in zip(jumlah_rows, ("1.", "2."), strict=True):
        sheet.total(
            jumlah, [b for b in bidang if (b.kode or "").startswith(prefix)], ["target_rp|akhir"]
        )
    sheet.total(total, jumlah_rows, ["target_rp|akhir"])
    sheet.plant("URUSAN PEMERINTAHAN BIDANG KESEHATAN", "target_rp|2028", 1_065_233_000_000)
    sheet.plant("PROGRAM PENYELENGGARAAN JALAN", "target_rp|akhir", 3_653_995_000_000)

    body: list[Line] = []
    spans: list[tuple] = []
    rp_cols = (6, 8, 10, 12, 14, 16)
    for row in sheet.rows:
        c, a = row.cells, row.amounts
        top = len(body) + 3
        cells = [
            row.kode or "",
            row.uraian,
            c.get("indikator", ""),
            c.get("satuan", ""),
            c.get("kondisi_awal|2024", ""),
        ]
        for y in RPJMD_YEARS:
            key = f"target_rp|{y}"
            cells += [c.get(f"target|{y}", ""), rupiah(a[key]) if key in a else ""]
        cells += [
            c.get("target|akhir", ""),
            rupiah(a["target_rp|akhir"]) if "target_rp|akhir" in a else "",
            c.get("perangkat_daerah", ""),
        ]
        body.append(Line(cells, bold=row.level != "program"))
        n = 2
        while f"indikator_{n}" in c:
            line = ["", "", c[f"indikator_{n}"], c[f"satuan_{n}"], c[f"kondisi_awal_{n}|2024"]]
            for y in RPJMD_YEARS:
                line += [c[f"target_{n}|{y}"], ""]
            line += [c[f"target_{n}|{RPJMD_YEARS[-1]}"], "", ""]
            body.append(Line(line))
            n += 1
        if n > 2:
            spans += [("SPAN", (col, top), (col, top + n - 2)) for col in (0, 1, *rp_cols, 17)]
    header = [
        [
            "Kode",
            "Urusan/Bidang Urusan/Program",
            "Indikator Kinerja Program",
            "Satuan",
            "Kondisi Awal 2024",
            "Target Kinerja dan Kerangka Pendanaan",
            *[""] * 9,
            "Kondisi Akhir",
            "",
            "Perangkat Daerah Penanggung Jawab",
        ],
        ["", "", "", "", "", *[t for y in RPJMD_YEARS for t in (str(y), "")], "Target", "Rp", ""],
        ["", "", "", "", "", *["Target", "Rp"] * 5, "", "", ""],
    ]
    hstyle = [("SPAN", (c, 0), (c, 2)) for c in (0, 1, 2, 3, 4, 17)]
    hstyle += [
        ("SPAN", (5, 0), (14, 0)),
        ("SPAN", (15, 0), (16, 0)),
        ("SPAN", (15, 1), (15, 2)),
        ("SPAN", (16, 1), (16, 2)),
    ]
    hstyle += [("SPAN", (5 + 2 * i, 1), (6 + 2 * i, 1)) for i in range(5)]
    table = TablePage(
        header,
        body,
        widths=(34, 112, 100, 30, 32, *(30, 57) * 5, 30, 64, 52),
        right=frozenset(rp_cols),
        center=frozenset({3, 4, 5, 7, 9, 11, 13, 15}),
        header_style=hstyle,
        body_style=spans,
    )
    pdf = folder / f"{name}.pdf"
    pages = render_table(
        pdf,
        landscape(F4),
        [
            "RENCANA PEMBANGUNAN JANGKA MENENGAH DAERAH (RPJMD) PROVINSI NUSA KENCANA 2026-2030",
            "Tabel 7.2 Indikasi Rencana Program Prioritas yang Disertai Kebutuhan Pendanaan",
        ],
        table,
        Layout(rules=rules, size=5.5),
        margins=20,
        footer=lambda page: f"VII - {page + 11}",
    )
    return Generated(
        name,
        pdf,
        "RPJMD 2026-2030 of Provinsi Nusa Kencana: program-level codes, indicator, satuan, "
        "kondisi awal 2024, Target + Rp under each spanned year 2026..2030, kondisi akhir Target "
        "+ Rp, agency; F4 landscape, 5.5 pt, ruled; bidang rows and JUMLAH per urusan and TOTAL.",
        sheet,
        {
            **{
                f"target_rp|{y}": f"Target Kinerja dan Kerangka Pendanaan > {y} > Rp"
                for y in RPJMD_YEARS
            },
            "target_rp|akhir": "Kondisi Akhir > Rp",
        },
        pages=pages,
        notes=(
            "Kondisi akhir Rp = the sum of 2026..2030 on every row. The support program "
            f"{PENUNJANG_PROV!r} appears under two bidang (tell them apart by kode). Second "
            "indicators print on their own line with no amounts (cells indikator_2, target_2|...).",
        ),
    )


# --- 6. RKPD with header words renja was never taught, and mixed number spellings ---------------


def _rkpd(
    kode: str, name: str, ukuran: str, besaran: str, alokasi: int, lokasi: str, dana: str
) -> N:
    cells = {
        "ukuran_keberhasilan": ukuran,
        "besaran": besaran,
        "lokasi": lokasi,
        "sumber_dana": dana,
    }
    return N(name, kode, cells, {"pagu|2026": alokasi})


RKPD_BIDANG = (
    N("URUSAN PEMERINTAHAN BIDANG PENDIDIKAN", "1.01", kids=(
        N("PROGRAM PENGELOLAAN PENDIDIKAN", "1.01.02", kids=(
            N("Pengelolaan Pendidikan Sekolah Dasar", "1.01.02.2.01", kids=(
                _rkpd("1.01.02.2.01.0006", "Pembangunan Sarana, Prasarana dan Utilitas Sekolah",
                      "Jumlah Sarana, Prasarana dan Utilitas Sekolah yang Dibangun", "14 Unit",
                      3_264_180_000, "9 SD Negeri", "DAK Fisik"),
                _rkpd("1.01.02.2.01.0014", "Pengadaan Mebel Sekolah",
                      "Jumlah Mebel Sekolah yang Tersedia", "36 Paket", 1_152_000_000,
                      "24 SD Negeri", "DAU"),
                _rkpd("1.01.02.2.01.0029", "Pengelolaan Dana BOS Sekolah Dasar",
                      "Jumlah Sekolah Dasar yang Mengelola Dana BOS", "212 Satuan Pendidikan",
                      38_746_520_000, "Seluruh Kecamatan", "DAK Nonfisik"),
            )),
        )),
    )),
    N("URUSAN PEMERINTAHAN BIDANG KESEHATAN", "1.02", kids=(
        N("PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
          "1.02.02", kids=(
            N("Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah "
              "Kabupaten/Kota", "1.02.02.2.01", kids=(
                _rkpd("1.02.02.2.01.0002", "Pembangunan Puskesmas",
                      "Jumlah Puskesmas yang Dibangun", "2 Unit", 8_745_300_000,
                      "Kec. Muara Dua, Kec. Teluk Sepat", "DAK Fisik"),
                _rkpd("1.02.02.2.01.0009", "Rehabilitasi dan Pemeliharaan Puskesmas",
                      "Jumlah Puskesmas yang Direhabilitasi dan Dipelihara", "5 Unit",
                      3_547_642_206, "5 Puskesmas", "PAD"),
                _rkpd("1.02.02.2.01.0014", "Pengadaan Alat Kesehatan/Alat Penunjang Medik "
                      "Fasilitas Pelayanan Kesehatan", "Jumlah Alat Kesehatan/Alat Penunjang "
                      "Medik yang Disediakan", "240 Unit", 4_348_300_000, "19 Puskesmas",
                      "DAK Fisik"),
            )),
            N("Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah "
              "Kabupaten/Kota", "1.02.02.2.02", kids=(
                _rkpd("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
                      "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan Sesuai Standar",
                      "6.480 Orang", 612_450_000, "Seluruh Kecamatan", "DAU"),
                _rkpd("1.02.02.2.02.0004", "Pengelolaan Pelayanan Kesehatan Balita",
                      "Jumlah Balita yang Mendapatkan Pelayanan Kesehatan Sesuai Standar",
                      "24.150 Orang", 487_925_500, "Seluruh Kecamatan", "DAU"),
                _rkpd("1.02.02.2.02.0011", "Pengelolaan Pelayanan Kesehatan Orang Terduga "
                      "Tuberkulosis", "Jumlah Orang Terduga Tuberkulosis yang Mendapatkan "
                      "Pelayanan Sesuai Standar", "1.850 Orang", 356_780_000, "Seluruh Kecamatan",
                      "DAK Nonfisik"),
                _rkpd("1.02.02.2.02.0026", "Pengelolaan Jaminan Kesehatan Masyarakat",
                      "Jumlah Dokumen Hasil Pengelolaan Jaminan Kesehatan Masyarakat",
                      "1 Dokumen", 21_486_912_000, "Kabupaten Sungai Lestari", "PAD"),
            )),
        )),
    )),
    N("URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG", "1.03", kids=(
        N("PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM PENYEDIAAN AIR MINUM", "1.03.03", kids=(
            N("Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum (SPAM) di Daerah "
              "Kabupaten/Kota", "1.03.03.2.01", kids=(
                _rkpd("1.03.03.2.01.0028", "Pembangunan Sistem Penyediaan Air Minum (SPAM) "
                      "Jaringan Perpipaan", "Kapasitas SPAM Jaringan Perpipaan yang Terbangun",
                      "20 Liter/Detik", 6_985_000_000, "Kec. Sungai Raya", "DAK Fisik"),
                _rkpd("1.03.03.2.01.0032", "Perluasan Sistem Penyediaan Air Minum (SPAM) "
                      "Jaringan Perpipaan", "Jumlah Sambungan Rumah yang Terlayani", "850 SR",
                      2_134_560_000, "Kec. Teluk Sepat, Kec. Muara Dua", "DAU"),
            )),
        )),
        N("PROGRAM PENYELENGGARAAN JALAN", "1.03.10", kids=(
            N("Penyelenggaraan Jalan Kabupaten/Kota", "1.03.10.2.01", kids=(
                _rkpd("1.03.10.2.01.0032", "Pembangunan Jalan", "Panjang Jalan yang Dibangun",
                      "4,5 KM", 14_250_000_000, "Ruas Simpang Empat - Sungai Ulin", "DAU"),
                _rkpd("1.03.10.2.01.0033", "Rekonstruksi Jalan",
                      "Panjang Jalan yang Direkonstruksi", "6,25 KM", 9_876_450_000,
                      "Ruas Pasar Lama - Tanjung Batu", "DBH"),
                _rkpd("1.03.10.2.01.0034", "Pemeliharaan Berkala Jalan",
                      "Panjang Jalan yang Dipelihara Secara Berkala", "18 KM", 5_412_800_000,
                      "7 Ruas Jalan Kabupaten", "PAD"),
                _rkpd("1.03.10.2.01.0040", "Pembangunan Jembatan", "Jumlah Jembatan yang Dibangun",
                      "2 Jembatan", 7_650_000_000, "Desa Sungai Ulin, Desa Lubuk Raya",
                      "DAK Fisik"),
            )),
        )),
    )),
)  # fmt: skip


def make_rkpd_unknown_headers(folder: Path) -> Generated:
    """A Kabupaten RKPD table whose header words nobody taught renja (Nomenklatur, Ukuran
    Keberhasilan, Besaran, Alokasi (Rp), Lokasi Sasaran, Asal Dana), codes down to sub kegiatan,
    and amounts in two spellings in the same column: every other sub kegiatan in US style
    (3,547,642,206.00), the rest and every sum in Indonesian style (4.348.300.000,00), the grand
    total in US style again. Courier, landscape, a rule under every row and no verticals."""
    name = "rkpd_unknown_headers"
    sheet = Sheet()
    declare(sheet, RKPD_BIDANG, ("bidang", "program", "kegiatan", "sub_kegiatan"))
    sheet.sum_children(["pagu|2026"])
    jumlah = sheet.row("JUMLAH TOTAL", None)
    sheet.total(jumlah, [r for r in sheet.rows if r.level == "bidang"], ["pagu|2026"])
    sheet.plant("Penyelenggaraan Jalan Kabupaten/Kota", "pagu|2026", 37_198_250_000)

    body = []
    subs = 0
    for row in sheet.rows:
        c, value = row.cells, row.amounts["pagu|2026"]
        us = row.level is None
        if row.level == "sub_kegiatan":
            us = subs % 2 == 0
            subs += 1
        row.cells["ejaan"] = "US" if us else "ID"
        body.append(
            Line(
                [
                    row.kode or "",
                    row.uraian,
                    c.get("ukuran_keberhasilan", ""),
                    c.get("besaran", ""),
                    rupiah(value, cents=True, us=us),
                    c.get("lokasi", ""),
                    c.get("sumber_dana", ""),
                ],
                bold=row.level != "sub_kegiatan",
            )
        )
    header = [
        [
            "Kode",
            "Nomenklatur",
            "Ukuran Keberhasilan",
            "Besaran",
            "Alokasi (Rp)",
            "Lokasi Sasaran",
            "Asal Dana",
        ]
    ]
    table = TablePage(
        header,
        body,
        widths=(84, 196, 164, 62, 90, 110, 56),
        right=frozenset({4}),
        center=frozenset({3, 6}),
    )
    pdf = folder / f"{name}.pdf"
    pages = render_table(
        pdf,
        landscape(A4),
        [
            "RANCANGAN AKHIR RKPD KABUPATEN SUNGAI LESTARI TAHUN 2026",
            "Tabel 5.3 Rencana Program dan Kegiatan Prioritas Daerah Tahun 2026",
        ],
        table,
        Layout(rules="horizontal", font="Courier", bold_font="Courier-Bold", size=6.6),
        footer=lambda page: f"RKPD 2026 - {page}",
    )
    return Generated(
        name,
        pdf,
        "Rancangan akhir RKPD 2026 of Kabupaten Sungai Lestari: codes down to sub kegiatan, "
        "unknown header words (Nomenklatur, Ukuran Keberhasilan, Besaran, Alokasi (Rp), Lokasi "
        "Sasaran, Asal Dana), US and Indonesian number spellings mixed in one column, Courier, "
        "row rules only.",
        sheet,
        {"pagu|2026": "Alokasi (Rp)"},
        pages=pages,
        notes=(
            "Bidang, program and kegiatan rows sum their children; JUMLAH TOTAL sums the "
            "bidang. cells.ejaan says which spelling the row's amount is printed in.",
        ),
    )


# --- 7. Renstra with yearly pendanaan and codes split over five columns -------------------------

RENSTRA_YEARS = (2025, 2026, 2027, 2028, 2029)


def _bpbd(
    kode: str,
    name: str,
    indikator: str,
    satuan: str,
    base: int,
    growth: int,
    years: Sequence[int] = RENSTRA_YEARS,
) -> N:
    amounts = {
        f"pendanaan|{y}": grown(base, growth, i, step=1_000) if y in years else 0
        for i, y in enumerate(RENSTRA_YEARS)
    }
    return N(name, kode, {"indikator": indikator, "satuan": satuan}, amounts)


def _bpbd_group(kode: str, name: str, indikator: str, satuan: str, *kids: N) -> N:
    return N(name, kode, {"indikator": indikator, "satuan": satuan}, kids=kids)


BPBD_PROGRAMS = (
    _bpbd_group("1.05.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "Nilai SAKIP BPBD", "Nilai",
        _bpbd_group("1.05.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat "
                    "Daerah", "Jumlah dokumen perencanaan dan evaluasi", "Dokumen",
            _bpbd("1.05.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
                  "Jumlah Dokumen Perencanaan Perangkat Daerah", "Dokumen", 35_000_000, 5),
            _bpbd("1.05.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah",
                  "Jumlah Laporan Evaluasi Kinerja Perangkat Daerah", "Laporan", 18_500_000, 5)),
        _bpbd_group("1.05.01.2.02", "Administrasi Keuangan Perangkat Daerah",
                    "Persentase pemenuhan administrasi keuangan", "%",
            _bpbd("1.05.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN",
                  "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN", "Orang", 4_265_400_000,
                  4)),
        _bpbd_group("1.05.01.2.06", "Administrasi Umum Perangkat Daerah",
                    "Persentase pemenuhan administrasi umum", "%",
            _bpbd("1.05.01.2.06.0004", "Penyediaan Bahan Logistik Kantor",
                  "Jumlah Paket Bahan Logistik Kantor yang Disediakan", "Paket", 64_800_000, 3),
            _bpbd("1.05.01.2.06.0009", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
                  "Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
                  "Laporan", 186_000_000, 3)),
        _bpbd_group("1.05.01.2.08", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
                    "Persentase layanan jasa penunjang yang terpenuhi", "%",
            _bpbd("1.05.01.2.08.0002", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
                  "Jumlah Laporan Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
                  "Laporan", 98_400_000, 5))),
    _bpbd_group("1.05.03", "PROGRAM PENANGGULANGAN BENCANA",
        "Indeks Risiko Bencana Kabupaten", "Indeks",
        _bpbd_group("1.05.03.2.01", "Pelayanan Informasi Rawan Bencana Kabupaten/Kota",
                    "Persentase penduduk di kawasan rawan yang menerima informasi", "%",
            _bpbd("1.05.03.2.01.0003", "Penyusunan Kajian Risiko Bencana Kabupaten/Kota",
                  "Jumlah dokumen Kajian Risiko Bencana (KRB)", "Dokumen", 450_000_000, 0,
                  years=(2025, 2028)),
            _bpbd("1.05.03.2.01.0004", "Sosialisasi, Komunikasi, Informasi dan Edukasi (KIE) "
                  "Rawan Bencana Kabupaten/Kota (Per Jenis Ancaman Bencana)",
                  "Jumlah warga di kawasan rawan bencana yang memperoleh KIE", "Orang",
                  126_500_000, 6)),
        _bpbd_group("1.05.03.2.02", "Pelayanan Pencegahan dan Kesiapsiagaan Terhadap Bencana",
                    "Jumlah desa tangguh bencana", "Desa",
            _bpbd("1.05.03.2.02.0009", "Penyusunan Rencana Kontijensi",
                  "Jumlah Dokumen Rencana Kontinjensi yang Dilegalisasi", "Dokumen", 95_000_000,
                  4),
            _bpbd("1.05.03.2.02.0010", "Gladi Kesiapsiagaan Terhadap Bencana",
                  "Jumlah Aparatur dan Warga yang Mengikuti Gladi Kesiapsiagaan", "Orang",
                  148_750_000, 5),
            _bpbd("1.05.03.2.02.0015", "Penyediaan Peralatan Perlindungan dan Kesiapsiagaan "
                  "Terhadap Bencana kabupaten/kota", "Jumlah Peralatan Perlindungan dan "
                  "Kesiapsiagaan yang Disediakan", "Unit", 1_250_000_000, 8)),
        _bpbd_group("1.05.03.2.03", "Pelayanan Penyelamatan dan Evakuasi Korban Bencana",
                    "Persentase korban bencana yang tertangani", "%",
            _bpbd("1.05.03.2.03.0002", "Respon Cepat Darurat Bencana Kabupaten/Kota",
                  "Jumlah Dokumen SK Penetapan Status Darurat Bencana", "Dokumen",
                  2_500_000_000, 0),
            _bpbd("1.05.03.2.03.0003", "Pencarian, Pertolongan dan Evakuasi Korban Bencana "
                  "Kabupaten/Kota", "Jumlah Korban yang Ditemukan, Ditolong dan Dievakuasi",
                  "Orang", 342_600_000, 5),
            _bpbd("1.05.03.2.03.0009", "Penyediaan Logistik Penyelamatan dan Evakuasi Korban "
                  "Bencana Kabupaten/Kota", "Jumlah Korban Bencana yang Mendapatkan Logistik",
                  "Orang", 875_000_000, 4)),
        _bpbd_group("1.05.03.2.04", "Penataan Sistem Dasar Penanggulangan Bencana",
                    "Persentase sistem dasar penanggulangan bencana yang tertata", "%",
            _bpbd("1.05.03.2.04.0004", "Pengelolaan dan Pemanfaatan Sistem Informasi "
                  "Kebencanaan", "Jumlah Data dan Informasi Kebencanaan yang Tersedia",
                  "Dokumen", 112_300_000, 6))),
)  # fmt: skip


def _split_kode(kode: str | None) -> list[str]:
    """'1.05.03.2.02.0009' -> ['1', '05', '03', '2.02', '0009'], shorter codes padded with ''."""
    if not kode:
        return [""] * 5
    parts = kode.split(".")
    cells = [*parts[:3], ".".join(parts[3:5]), *parts[5:6]]
    return cells + [""] * (5 - len(cells))


def make_renstra_pendanaan(folder: Path, rules: str = "all") -> Generated:
    """A Kabupaten BPBD Renstra table: the code printed over five columns (1 | 05 | 03 | 2.02 |
    0009) under one spanned 'Kode' head, program / kegiatan / sub kegiatan, indicator, satuan,
    then the pendanaan indikatif of each year 2025..2029 and a Total (= sum of the years). Ruled,
    landscape, header repeated."""
    name = "renstra_pendanaan" + ("" if rules == "all" else f"_{rules}")
    sheet = Sheet()
    declare(sheet, BPBD_PROGRAMS, PROGRAM_KEGIATAN_SUB)
    years = [f"pendanaan|{y}" for y in RENSTRA_YEARS]
    sheet.sum_children(years)
    jumlah = sheet.row("JUMLAH", None)
    sheet.total(jumlah, [r for r in sheet.rows if r.level == "program"], years)
    sheet.derive("pendanaan|total", [(1, k) for k in years], text="sum of 2025..2029")
    sheet.sum_children(["pendanaan|total"])
    sheet.total(jumlah, [r for r in sheet.rows if r.level == "program"], ["pendanaan|total"])
    sheet.plant("Gladi Kesiapsiagaan Terhadap Bencana", "pendanaan|total", 812_939_000)
    sheet.plant("PROGRAM PENANGGULANGAN BENCANA", "pendanaan|2027", 5_871_181_000)

    body = []
    for row in sheet.rows:
        c, a = row.cells, row.amounts
        cells = [
            *_split_kode(row.kode),
            row.uraian,
            c.get("indikator", ""),
            c.get("satuan", ""),
            *(rupiah(a[k], zero="-") for k in [*years, "pendanaan|total"]),
        ]
        body.append(Line(cells, bold=row.level != "sub_kegiatan"))
    header = [
        [
            "Kode",
            "",
            "",
            "",
            "",
            "Program/Kegiatan/Sub Kegiatan",
            "Indikator Kinerja",
            "Satuan",
            "Pendanaan Indikatif (Rp)",
            "",
            "",
            "",
            "",
            "",
        ],
        ["", "", "", "", "", "", "", "", *(str(y) for y in RENSTRA_YEARS), "Total"],
    ]
    hstyle = [
        ("SPAN", (0, 0), (4, 1)),
        ("SPAN", (5, 0), (5, 1)),
        ("SPAN", (6, 0), (6, 1)),
        ("SPAN", (7, 0), (7, 1)),
        ("SPAN", (8, 0), (13, 0)),
    ]
    table = TablePage(
        header,
        body,
        widths=(12, 15, 15, 20, 24, 160, 130, 38, *[60] * 6),
        right=frozenset(range(8, 14)),
        center=frozenset({0, 1, 2, 3, 4, 7}),
        name_col=5,
        header_style=hstyle,
    )
    pdf = folder / f"{name}.pdf"
    pages = render_table(
        pdf,
        landscape(A4),
        [
            "RENCANA STRATEGIS BADAN PENANGGULANGAN BENCANA DAERAH",
            "KABUPATEN TANAH BARU TAHUN 2025-2029",
            "Tabel 6.1 Rencana Program, Kegiatan, Sub Kegiatan dan Pendanaan Indikatif",
        ],
        table,
        Layout(rules=rules, size=6.4),
        footer=lambda page: f"VI-{page + 3}",
    )
    return Generated(
        name,
        pdf,
        "Renstra BPBD Kabupaten Tanah Baru 2025-2029: codes split over five columns "
        "(1 | 05 | 03 | 2.02 | 0009), pendanaan indikatif per year 2025..2029 and a Total column; "
        "ruled, landscape.",
        sheet,
        {
            **{f"pendanaan|{y}": f"Pendanaan Indikatif (Rp) > {y}" for y in RENSTRA_YEARS},
            "pendanaan|total": "Pendanaan Indikatif (Rp) > Total",
        },
        pages=pages,
        notes=(
            "Total = the sum of the five years on every row; programs and kegiatan sum their "
            "children; JUMLAH sums the programs. Years without funding print '-' (0).",
        ),
    )


# --- 8. T-C.31: pagu indikatif beside kebutuhan dana --------------------------------------------


def _review(
    kode: str,
    name: str,
    lokasi: str,
    indikator: str,
    target: str,
    pagu: int | None,
    kebutuhan: int,
    target_kebutuhan: str | None = None,
    catatan: str = "",
) -> N:
    amounts = {"kebutuhan|2025": kebutuhan}
    cells = {
        "lokasi": lokasi,
        "indikator": indikator,
        "target|kebutuhan": target_kebutuhan or target,
        "catatan": catatan,
    }
    if pagu is not None:
        amounts["pagu|2025"] = pagu
        cells["target|pagu"] = target
    return N(name, kode, cells, amounts)


def _review_group(kode: str, name: str, indikator: str, target: str, *kids: N) -> N:
    cells = {
        "lokasi": "Kota Teluk Permai",
        "indikator": indikator,
        "target|pagu": target,
        "target|kebutuhan": target,
    }
    return N(name, kode, cells, kids=kids)


TC31_PROGRAMS = (
    _review_group("1.02.02", "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan "
                  "Masyarakat", "Persentase Puskesmas terakreditasi paripurna", "60 %",
        _review_group("1.02.02.2.01", "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP "
                      "Kewenangan Daerah Kabupaten/Kota", "Jumlah fasilitas kesehatan yang "
                      "memenuhi standar", "12 Unit",
            _review("1.02.02.2.01.0009", "Rehabilitasi dan Pemeliharaan Puskesmas",
                    "Puskesmas Teluk Dalam, Puskesmas Pasar Baru", "Jumlah Puskesmas yang "
                    "Direhabilitasi", "2 Unit", 2_450_000_000, 3_125_000_000, "3 Unit",
                    "Kebutuhan lebih besar: 3 Puskesmas rusak sedang"),
            _review("1.02.02.2.01.0014", "Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas "
                    "Pelayanan Kesehatan", "12 Puskesmas", "Jumlah Alat Kesehatan yang "
                    "Disediakan", "85 Unit", 1_875_400_000, 2_640_000_000, "120 Unit",
                    "Pemenuhan standar alat ASPAK"),
            _review("1.02.02.2.01.0023", "Pengadaan Obat, Bahan Habis Pakai, Bahan Medis Habis "
                    "Pakai, Vaksin, Makanan dan Minuman di Fasilitas Kesehatan", "Gudang Farmasi "
                    "Kota", "Jumlah Paket Obat dan BMHP yang Disediakan", "4 Paket",
                    3_200_000_000, 3_200_000_000, catatan="Sesuai")),
        _review_group("1.02.02.2.02", "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan "
                      "Tingkat Daerah Kabupaten/Kota", "Persentase capaian SPM bidang kesehatan",
                      "100 %",
            _review("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
                    "Seluruh Kecamatan", "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan",
                    "7.250 Orang", 412_500_000, 455_000_000, catatan="Penambahan kelas ibu hamil"),
            _review("1.02.02.2.02.0004", "Pengelolaan Pelayanan Kesehatan Balita",
                    "Seluruh Kecamatan", "Jumlah Balita yang Mendapatkan Pelayanan Kesehatan",
                    "28.400 Orang", 386_200_000, 386_200_000, catatan="Sesuai"),
            _review("1.02.02.2.02.0015", "Pengelolaan Pelayanan Kesehatan Gizi Masyarakat",
                    "Kel. Pasar Baru, Kel. Teluk Dalam", "Jumlah Dokumen Hasil Pengelolaan "
                    "Pelayanan Kesehatan Gizi Masyarakat", "2 Dokumen", None, 645_000_000,
                    catatan="Usulan baru hasil Musrenbang (penanganan stunting)"),
            _review("1.02.02.2.02.0026", "Pengelolaan Jaminan Kesehatan Masyarakat",
                    "Kota Teluk Permai", "Jumlah Dokumen Hasil Pengelolaan Jaminan Kesehatan",
                    "1 Dokumen", 18_500_000_000, 21_340_000_000,
                    catatan="Kenaikan iuran PBI daerah"))),
    _review_group("1.02.03", "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan",
                  "Persentase Puskesmas dengan 9 jenis tenaga kesehatan", "75 %",
        _review_group("1.02.03.2.02", "Perencanaan Kebutuhan dan Pendayagunaan Sumber Daya "
                      "Manusia Kesehatan untuk UKP dan UKM di Wilayah Kabupaten/Kota",
                      "Jumlah SDM kesehatan yang didayagunakan", "64 Orang",
            _review("1.02.03.2.02.0002", "Pemenuhan Kebutuhan Sumber Daya Manusia Kesehatan "
                    "Sesuai Standar", "12 Puskesmas", "Jumlah SDM Kesehatan yang Memenuhi "
                    "Standar", "40 Orang", 1_260_000_000, 1_890_000_000, "60 Orang",
                    "Tenaga kontrak tambahan"),
            _review("1.02.03.2.02.0003", "Pembinaan dan Pengawasan Sumber Daya Manusia Kesehatan",
                    "Kota Teluk Permai", "Jumlah Dokumen Hasil Pembinaan dan Pengawasan",
                    "4 Dokumen", 145_000_000, 120_000_000,
                    catatan="Dikurangi, sebagian melalui BOK"))),
    _review_group("1.02.05", "Program Pemberdayaan Masyarakat Bidang Kesehatan",
                  "Persentase kelurahan siaga aktif", "70 %",
        _review_group("1.02.05.2.01", "Advokasi, Pemberdayaan, Kemitraan, Peningkatan Peran serta "
                      "Masyarakat dan Lintas Sektor Tingkat Daerah Kabupaten/Kota",
                      "Jumlah kegiatan pemberdayaan masyarakat", "24 Kegiatan",
            _review("1.02.05.2.01.0001", "Peningkatan Upaya Promosi Kesehatan, Advokasi, "
                    "Kemitraan dan Pemberdayaan Masyarakat", "Seluruh Kelurahan",
                    "Jumlah Dokumen Promosi Kesehatan", "6 Dokumen", 268_750_000, 315_000_000,
                    catatan="Kampanye GERMAS"))),
)  # fmt: skip


def make_tc31_pagu_vs_kebutuhan(folder: Path) -> Generated:
    """A T-C.31 review table (Review terhadap Rancangan Awal RKPD) of a Kota Dinas Kesehatan:
    the Rancangan Awal side (program/kegiatan with its code in the same cell, lokasi, indicator,
    target, Pagu Indikatif) beside the Hasil Analisis Kebutuhan side (the same again with
    Kebutuhan Dana) and Catatan Penting. Pagu and kebutuhan are two measures that legitimately
    differ, not murni/perubahan. One sub kegiatan is new: no Rancangan Awal side, no pagu. F4
    landscape, ruled, Times."""
    name = "tc31_pagu_vs_kebutuhan"
    sheet = Sheet()
    declare(
        sheet,
        TC31_PROGRAMS,
        PROGRAM_KEGIATAN_SUB,
        arabic_dotted,
    )
    keys = ("pagu|2025", "kebutuhan|2025")
    sheet.sum_children(keys)
    jumlah = sheet.row("JUMLAH", None)
    sheet.total(jumlah, [r for r in sheet.rows if r.level == "program"], keys)
    sheet.plant(
        "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
        "kebutuhan|2025",
        31_831_200_000,
    )
    sheet.plant("JUMLAH", "pagu|2025", 28_597_850_000)

    body = []
    for row in sheet.rows:
        c, a = row.cells, row.amounts
        label = f"{row.kode} {row.uraian}" if row.kode else row.uraian
        left = (
            [
                label,
                c.get("lokasi", ""),
                c.get("indikator", ""),
                c.get("target|pagu", ""),
                rupiah(a["pagu|2025"]),
            ]
            if "pagu|2025" in a
            else [""] * 5
        )
        right = [
            label,
            c.get("lokasi", ""),
            c.get("indikator", ""),
            c.get("target|kebutuhan", ""),
            rupiah(a["kebutuhan|2025"]),
        ]
        if row.level is None:
            left, right = ["JUMLAH", "", "", "", left[4]], ["", "", "", "", right[4]]
        body.append(
            Line(
                [row.nomor or "", *left, *right, c.get("catatan", "")],
                bold=row.level != "sub_kegiatan",
            )
        )
    header = [
        [
            "No",
            "Rancangan Awal RKPD",
            "",
            "",
            "",
            "",
            "Hasil Analisis Kebutuhan",
            "",
            "",
            "",
            "",
            "Catatan Penting",
        ],
        [
            "",
            "Program/Kegiatan",
            "Lokasi",
            "Indikator Kinerja",
            "Target Capaian",
            "Pagu Indikatif (Rp)",
            "Program/Kegiatan",
            "Lokasi",
            "Indikator Kinerja",
            "Target Capaian",
            "Kebutuhan Dana (Rp)",
            "",
        ],
        [str(i) for i in range(1, 13)],
    ]
    hstyle = [
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (5, 0)),
        ("SPAN", (6, 0), (10, 0)),
        ("SPAN", (11, 0), (11, 1)),
    ]
    table = TablePage(
        header,
        body,
        widths=(26, 122, 58, 95, 40, 68, 122, 58, 95, 40, 68, 80),
        right=frozenset({5, 10}),
        center=frozenset({0, 4, 9}),
        header_style=hstyle,
    )
    pdf = folder / f"{name}.pdf"
    pages = render_table(
        pdf,
        landscape(F4),
        [
            "Tabel T-C.31",
            "Review terhadap Rancangan Awal RKPD Tahun 2025 Kota Teluk Permai",
            "Nama Perangkat Daerah: Dinas Kesehatan",
        ],
        table,
        Layout(rules="all", font="Times-Roman", bold_font="Times-Bold", size=6.4),
        margins=20,
    )
    return Generated(
        name,
        pdf,
        "T-C.31 review of Dinas Kesehatan Kota Teluk Permai 2025: Rancangan Awal RKPD side "
        "(Pagu Indikatif) beside Hasil Analisis Kebutuhan side (Kebutuhan Dana), codes printed "
        "in the name cell, numbering 1 / 1.1 / 1.1.1, one new sub kegiatan without pagu, "
        "Catatan Penting; F4 landscape, ruled, Times.",
        sheet,
        {
            "pagu|2025": "Rancangan Awal RKPD > Pagu Indikatif (Rp)",
            "kebutuhan|2025": "Hasil Analisis Kebutuhan > Kebutuhan Dana (Rp)",
        },
        pages=pages,
        notes=(
            "Pagu indikatif and kebutuhan dana differ on purpose on most rows; neither is a "
            "revision of the other. Each side sums on its own: parents = sum of their "
            "children, JUMLAH = sum of the programs. The name cells print 'kode uraian'; "
            "facts give them apart. The new sub kegiatan (Gizi Masyarakat) has no pagu.",
        ),
    )


# --- 9. RKA of a sub kegiatan: SIPD's rincian belanja ---------------------------------------------

# (kode, uraian) of the accounts, then under the sub rincian objek its pakets and their priced
# lines: (uraian, koefisien as printed, its quantity, satuan, harga).
RKA_ACCOUNTS = (
    ("5", "BELANJA DAERAH"),
    ("5.1", "BELANJA OPERASI"),
    ("5.1.02", "Belanja Barang dan Jasa"),
    ("5.1.02.01", "Belanja Barang"),
    ("5.1.02.01.01", "Belanja Barang Pakai Habis"),
)
RKA_OBJECTS = (
    ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor", (
        ("[#] Alat tulis rapat koordinasi", (
            ("Kertas HVS A4 80 gram", "120 Rim", 120, "Rim", 55_000),
            ("Map plastik kancing", "2 Lusin x 15 Bidang", 30, "Lusin", 21_500),
            ("Pulpen gel hitam", "12 Kotak", 12, "Kotak", 48_000),
        )),
    )),
    ("5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat", (
        ("[#] Konsumsi rapat koordinasi pedagang pasar", (
            ("Nasi kotak", "60 Orang x 4 Kali", 240, "Kotak", 30_000),
            ("Kudapan rapat", "60 Orang x 4 Kali", 240, "Kotak", 15_000),
        )),
        ("[#] Konsumsi rapat evaluasi", (
            ("Nasi kotak", "25 Orang x 2 Kali", 50, "Kotak", 30_000),
        )),
    )),
)


def _rka_sheet() -> Sheet:
    """The accounts over their sub rincian objek, pakets and priced lines; every amount the sum
    of the one below, a line's the product of its coefficient and price."""
    sheet = Sheet()
    parent: Row | None = None
    for kode, uraian in RKA_ACCOUNTS:
        parent = sheet.row(uraian, ACCOUNT_LEVELS[kode.count(".")], parent, kode=kode)
    for kode, uraian, pakets in RKA_OBJECTS:
        sub = sheet.row(uraian, "sub_rincian_objek", parent, kode=kode)
        for name, lines in pakets:
            paket = sheet.row(name, "paket", sub)
            sheet.row("[-] " + name.removeprefix("[#] "), "keterangan", paket)
            for item, koefisien, quantity, satuan, price in lines:
                line = sheet.row(item, "rincian", paket, amounts={"harga": price},
                                 cells={"koefisien": koefisien, "satuan": satuan})  # fmt: skip
                sheet.priced(line, quantity, "harga", "jumlah")
    sheet.sum_children(["jumlah"])
    total = sheet.row("Jumlah", None)
    sheet.total(total, [sheet.rows[0]], ["jumlah"])
    return sheet


def make_rka_rincian_sipd(folder: Path, rules: str = "none") -> Generated:
    """A Kota RKA-SKPD's rincian belanja of one sub kegiatan as SIPD prints it: account codes
    5 to 5.1.02.01.01.0052 over their pakets ([#]), notes ([-]) and priced lines (koefisien of
    one or two factors, satuan, harga, PPN 0, jumlah), "Rincian Perhitungan" over four columns,
    A4 portrait, no rules, Helvetica. One line's amount is wrong (its paket right), and one
    rincian objek's."""
    name = "rka_rincian_sipd" + ("" if rules == "none" else f"_{rules}")
    sheet = _rka_sheet()
    sheet.plant("Kudapan rapat", "jumlah", 3_800_000)  # 240 x 15.000 = 3.600.000
    sheet.plant("Belanja Barang Pakai Habis", "jumlah", 20_031_000)
    body = []
    for row in sheet.rows:
        a, c = row.amounts, row.cells
        priced = row.level == "rincian"
        body.append(Line(
            [row.kode or "", row.uraian, c.get("koefisien", ""), c.get("satuan", ""),
             rupiah(a["harga"]) if priced else "", "0" if priced else "",
             f"Rp. {rupiah(a['jumlah'])}" if "jumlah" in a else ""],
            bold=row.level in ACCOUNT_LEVELS or row.level == "sub_rincian_objek",
            indent=8.0 if row.level in ("paket", "keterangan", "rincian") else 0.0,
        ))  # fmt: skip
    header = [
        ["Kode Rekening", "Uraian", "Rincian Perhitungan", "", "", "", "Jumlah"],
        ["", "", "Koefisien", "Satuan", "Harga", "PPN", ""],
    ]
    hstyle = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (5, 0)),
              ("SPAN", (6, 0), (6, 1))]  # fmt: skip
    table = TablePage(header, body, widths=(80, 170, 78, 46, 50, 22, 80),
                      right=frozenset({4, 5, 6}), header_style=hstyle)  # fmt: skip
    pdf = folder / f"{name}.pdf"
    pages = render_table(
        pdf,
        A4,
        ["RENCANA KERJA DAN ANGGARAN SATUAN KERJA PERANGKAT DAERAH",
         "Pemerintah Kota Teluk Permai Tahun Anggaran 2025",
         "Sub Kegiatan: 3.30.01.2.01.0002 Pembinaan Pedagang Pasar",
         "Rincian Belanja Sub Kegiatan"],
        table,
        Layout(rules=rules, size=6.8),
        footer=lambda page: f"Dicetak melalui SIPD - halaman {page}",
    )  # fmt: skip
    return Generated(
        name,
        pdf,
        "RKA-SKPD rincian belanja of one sub kegiatan of Kota Teluk Permai 2025 as SIPD prints "
        "it: account codes 5 .. 5.1.02.01.01.0052, [#] pakets, [-] notes, priced lines with "
        "koefisien (one or two factors), satuan, harga, PPN and jumlah; A4 portrait.",
        sheet,
        {"harga": "Rincian Perhitungan > Harga", "jumlah": "Jumlah"},
        pages=pages,
        notes=(
            "Each line's jumlah = its koefisien's quantity x harga (PPN 0); each paket, sub "
            "rincian objek and account = the sum of the rows under it.",
        ),
    )


DOCUMENTS: dict[str, Callable[[Path], Generated]] = {
    "renja_roman_juta": make_renja_roman_juta,
    "renja_perubahan_two_lines": make_renja_perubahan_two_lines,
    "renja_amount_below": make_renja_amount_below,
    "apbd_lampiran_crystal": make_apbd_lampiran_crystal,
    "rpjmd_multiyear": make_rpjmd_multiyear,
    "rkpd_unknown_headers": make_rkpd_unknown_headers,
    "renstra_pendanaan": make_renstra_pendanaan,
    "tc31_pagu_vs_kebutuhan": make_tc31_pagu_vs_kebutuhan,
    "rka_rincian_sipd": make_rka_rincian_sipd,
    # The same tables printed without any rule: the columns are found from each page's words
    "renja_perubahan_two_lines_none": partial(make_renja_perubahan_two_lines, rules="none"),
    "rpjmd_multiyear_none": partial(make_rpjmd_multiyear, rules="none"),
    "renstra_pendanaan_none": partial(make_renstra_pendanaan, rules="none"),
}
