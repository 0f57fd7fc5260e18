"""Pages for the public site, generated in plain Python (no MkDocs imports here)."""
