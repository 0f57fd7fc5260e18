"""Norrdal, the second förbund of the tests and the bench, as `finsam ny forbund` is told of it:
other members than the test förbund's, one mall, half-yearly reports."""

from __future__ import annotations

NAME = "Samordningsförbundet Norrdal"
ARGS = [
    "--namn",
    NAME,
    "--epost",
    "kansliet@norrdal.example",
    "--adress",
    "https://norrdal.example/ansokan/",
    "--medlem",
    "Norrdals kommun=norrdal-ansokan",
    "--medlem",
    "Region Norrland",
    "--medlem",
    "Arbetsförmedlingen",
    "--medlem",
    "Försäkringskassan",
    "--kansli",
    "norrdal-chef",
    "--rapportering",
    "halvar",
]


def frame(*years: int, amount: int = 3_000_000) -> list[str]:
    """--ram for each year."""
    return [part for year in years for part in ("--ram", f"{year}={amount}")]
