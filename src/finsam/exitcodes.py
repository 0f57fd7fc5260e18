"""Exit codes of every finsam command, mapped in one place."""

import enum


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1  # at least one finding of severity fel
    USAGE = 2
    INTERNAL = 3


INTERNAL_ERROR_MESSAGE = (
    "finsam: Förlåt, ett internt fel inträffade och kontrollen kunde inte slutföras. "
    "Det är inte ditt fel. Kontakta förbundets kansli och berätta vilket kommando du körde."
)
