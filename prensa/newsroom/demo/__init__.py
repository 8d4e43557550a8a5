"""Demo newsroom content, written for Prensa (see stories/*.toml)."""
