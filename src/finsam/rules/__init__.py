"""Rules: small functions that judge loaded documents and yield findings."""
