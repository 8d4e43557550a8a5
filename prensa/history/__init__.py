"""history (being built)."""
