"""Sizes that bound renja's own memory, shared by the stages."""

from __future__ import annotations

# Readings of one cell's text (its shape, code, amount, rejoined words) are pure functions of the
# text, and documents print the same texts again and again (satuan, targets, indicators, codes
# under each SKPD): each stage keeps this many recent readings instead of parsing them again.
CELL_CACHE = 65_536
