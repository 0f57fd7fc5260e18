"""Exceptions that every entry point maps to an exit code."""


class UsageError(Exception):
    """A problem with how the command was called (exit code 2), in Swedish."""
