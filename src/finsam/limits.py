"""Hard limits for untrusted input, in one place."""

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_SCAN_BYTES = 20 * 1024 * 1024  # a file in a pull request, checked for personal data
# One förbund's published insatser.json, read by `finsam nationellt` (about 3 kB an insats).
MAX_OPEN_DATA_BYTES = 32 * 1024 * 1024

# Applicant Markdown (ansokan.md and rapporter/*.md), checked by finsam.rules.text_limits.
MAX_HEADINGS = 200  # headings in one document's sections (A120)
MAX_SECTION_CHARS = 20_000  # characters in one section below its heading (A121)

# Whole numbers (amounts, counts) have at most this many digits: 999 999 999 999 999 kr is
# already far beyond any budget, and Python refuses to convert very long digit strings.
MAX_INT_DIGITS = 15
# Dates outside these years are findings, never arithmetic (which would overflow at year 9999).
MIN_YEAR = 1900
MAX_YEAR = 2200
