"""workflow (being built)."""
