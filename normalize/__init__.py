"""renja."""
