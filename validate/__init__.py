"""Validation: schemas, arithmetic and cross-table checks, and the findings that come of them."""

from __future__ import annotations

from renja.validate.findings import finalize_findings

__all__ = ["finalize_findings"]
