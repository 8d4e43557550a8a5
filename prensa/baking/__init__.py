"""baking (being built)."""
