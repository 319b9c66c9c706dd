"""Presentation: output folders written and read back, the report, the workbook, the corpus."""
