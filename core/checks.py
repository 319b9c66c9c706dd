"""The checks a finding can come from: stable slugs, their severity and what they mean.

A finding's ``check`` is always one of these keys, so that auditors can filter on it across
documents and versions.
"""

from __future__ import annotations

from renja.records import Severity

CHECKS: dict[str, tuple[Severity, str]] = {
    "angka_tidak_terbaca": (
        Severity.WARNING,
        "a number cell that cannot be read with certainty (a digit lost or added)",
    ),
    "kode_tidak_terbaca": (Severity.WARNING, "a code cell that cannot be read"),
    "sel_tidak_terpetakan": (Severity.WARNING, "a cell that fits no column of its row"),
}
