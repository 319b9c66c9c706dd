"""The version of renja and of its output folders' layout."""

__version__ = "0.1.0"
SCHEMA_VERSION = 1
