"""Validation: schemas, arithmetic and cross-table checks, and the findings that come of them.

``renja.validate.audit.audit(tables, findings)`` runs every check of a document;
``renja.validate.findings.finalize_findings`` numbers and orders the findings.
"""
