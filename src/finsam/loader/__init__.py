"""Reading untrusted files: bytes -> text -> strictly parsed YAML and Markdown sections."""
