"""Row hierarchy without codes: placeholder, filled in by the hierarchy step."""

from __future__ import annotations

# Levels of rows in a hierarchy that names no level of the nomenclature: the depth of their
# numbering (``I`` / ``1`` / ``a``), counted from the top.
GENERIC_LEVELS = tuple(f"tingkat_{n}" for n in range(1, 9))
