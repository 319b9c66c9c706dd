"""The version of renja and of its output folders' layout."""

__version__ = "0.1.0"
# The layout of an output folder; it changes when a file or a column changes its form
# (2: findings.csv ``related`` and the clean tables' ``baris_gabungan`` are JSON arrays;
# 3: every Rupiah column has ``<column>_ditinjau`` and ``status_<column>`` beside it, findings.csv
# ``tinjauan``, ``catatan_tinjauan`` and ``ditinjau_oleh``, repairs.csv ``catatan`` and ``oleh``,
# the manifest ``keputusan`` and each table's ``kepala``: decisions, keputusan.csv).
SCHEMA_VERSION = 3
