"""Shared by the tests of the form Skriv ansökan: a complete application for the test förbund as
the form's values, and the desk's command line run on a folder of files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import FORBUND

FOLDER = "2026-prov"

# An application on the mall standard 2024 of tests/forbund.yml that the desk finds no fault
# with: a salary row and a course over three years, 1 700 000 kr from the förbund in all.
VALID: dict[str, str] = {
    "dokument": "ansokan",
    "id": FOLDER,
    "mall": "standard@2024",
    "ansokan.titel": "Gemensamt stöd mot arbete",
    "ansokan.insatsinriktning": "individinriktad",
    "ansokan.status": "utkast",
    "ansokan.insatsagare.part": "provby-kommun",
    "ansokan.insatsagare.resurser": "En insatsmedarbetare på heltid.",
    "ansokan.samverkansparter.0.part": "arbetsformedlingen",
    "ansokan.samverkansparter.0.resurser": "En kontaktperson i teamet.",
    "ansokan.period.start": "2026-01-01",
    "ansokan.period.sista_intag": "2028-06-30",
    "ansokan.period.slut": "2028-12-31",
    "ansokan.malgrupp.alder_min": "18",
    "ansokan.malgrupp.alder_max": "64",
    "ansokan.malgrupp.forvantat_antal_deltagare": "30",
    "ansokan.mal.effektmal.0.text": "Deltagarna har kommit närmare arbete eller studier.",
    "ansokan.mal.resultatmal.0.text": "Hälften av deltagarna har gått vidare till arbete.",
    "ansokan.mal.resultatmal.0.jamstalldhet": "ja",
    "ansokan.sokt_belopp": "1 700 000",
    "ansokan.kontakter.0.roll": "Insatsansvarig",
    "ansokan.kontakter.0.part": "provby-kommun",
    "ansokan.avsnitt.bakgrund": "Många i målgruppen har kontakt med flera myndigheter.",
    "ansokan.avsnitt.syfte": "Att samordna stödet kring varje deltagare. Ett team för alla.",
    "ansokan.avsnitt.malgrupp": "Personer 18–64 år som står långt från arbetsmarknaden.",
    "ansokan.avsnitt.genomforande": "Ett gemensamt team träffar deltagarna varje vecka.",
    "ansokan.avsnitt.uppfoljning": "Styrgruppen följer upp målen varje tertial.",
    "budget.rader.0.benamning": "Insatsmedarbetare",
    "budget.rader.0.kategori": "lon",
    "budget.rader.0.part": "provby-kommun",
    "budget.rader.0.finansiering": "forbundet",
    "budget.rader.0.tjanstgoringsgrad": "100",
    "budget.rader.0.period.start": "2026-01-01",
    "budget.rader.0.period.slut": "2028-12-31",
    "budget.rader.0.belopp.2026": "540000",
    "budget.rader.0.belopp.2027": "550000",
    "budget.rader.0.belopp.2028": "560000",
    "budget.rader.1.benamning": "Utbildning för teamet",
    "budget.rader.1.kategori": "utbildning",
    "budget.rader.1.part": "provby-kommun",
    "budget.rader.1.finansiering": "forbundet",
    "budget.rader.1.belopp.2026": "20000",
    "budget.rader.1.belopp.2027": "15000",
    "budget.rader.1.belopp.2028": "15000",
}

# An idéskiss for the same idea, on the test förbund's questions.
SKETCH: dict[str, str] = {
    "dokument": "ideskiss",
    "id": FOLDER,
    "ideskiss.titel": "Gemensamt stöd mot arbete",
    "ideskiss.datum": "2025-09-01",
    "ideskiss.insatsagare.part": "provby-kommun",
    "ideskiss.samverkansparter.0.part": "arbetsformedlingen",
    "ideskiss.kontakt.roll": "Enhetschef",
    "ideskiss.kontakt.part": "provby-kommun",
    "ideskiss.period.start": "2026-01-01",
    "ideskiss.period.slut": "2028-12-31",
    "ideskiss.preliminar_budget.totalt": "1700000",
    "ideskiss.avsnitt.bakgrund": "Många i målgruppen har kontakt med flera myndigheter.",
    "ideskiss.avsnitt.ide": "Ett gemensamt team för kommunen och Arbetsförmedlingen.",
    "ideskiss.avsnitt.malgrupp": "Unga vuxna som står långt från arbete; samtal och praktik.",
    "ideskiss.avsnitt.forankring": "Idén har diskuterats i den lokala utvecklingsgruppen.",
}


def config_folder(target: Path) -> Path:
    """A folder with the test förbund's forbund.yml, as the bundle's data folder holds it."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FORBUND, target / "forbund.yml")
    return target


def kontrollera(root: Path, folder: str, files: dict[str, str]) -> tuple[int, dict[str, Any]]:
    """`finsam kontrollera applications/<folder> --format json` on the files, in a repository
    of the test förbund: its exit code and its JSON."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FORBUND, root / "forbund.yml")
    target = root / "applications" / folder
    target.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (target / name).write_bytes(text.encode("utf-8"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "finsam",
            "kontrollera",
            f"applications/{folder}",
            "--format",
            "json",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "FINSAM_CACHE": "0"},
    )
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)
