"""Hard limits for untrusted input, in one place."""

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
