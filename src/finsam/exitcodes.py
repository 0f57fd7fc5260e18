"""Exit codes of every finsam command, mapped in one place."""

import enum
import signal


class ExitCode(enum.IntEnum):
    OK = 0  # warnings alone do not change the exit code
    FINDINGS = 1  # at least one finding of severity fel (finsam.errors.BlockingFindings too)
    USAGE = 2  # finsam.errors.UsageError and argparse's errors
    INTERNAL = 3  # any other exception
    INTERRUPTED = 128 + signal.SIGINT  # Ctrl-C: 130, as shells report a SIGINT


INTERNAL_ERROR_MESSAGE = (
    "finsam: Förlåt, ett internt fel inträffade och kontrollen kunde inte slutföras. "
    "Det är inte ditt fel. Kontakta förbundets kansli och berätta vilket kommando du körde."
)

INTERRUPTED_MESSAGE = "finsam: avbrutet."
