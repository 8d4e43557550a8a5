"""media (being built)."""
