"""wire (being built)."""
