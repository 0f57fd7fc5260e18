"""Hard limits for untrusted input, in one place."""

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_SCAN_BYTES = 20 * 1024 * 1024  # a file in a pull request, checked for personal data
