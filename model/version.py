"""The version of renja and of its output folders' layout."""

__version__ = "0.1.0"
# The layout of an output folder; it changes when a file or a column changes its form
# (2: findings.csv ``related`` and the clean tables' ``baris_gabungan`` are JSON arrays).
SCHEMA_VERSION = 2
