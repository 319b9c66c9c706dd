"""The application: one call from a path to a result (``pipeline``), batches, the CLI."""
