"""The open data beside the site: insatser.json against its own published schema, the
360Giving export against the 360Giving Data Standard's schema, and the RSS feed's metadata."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from typing import Any

import pytest
from defusedxml import ElementTree
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from finsam.model.forbund import load_forbund
from finsam.schemas import schema_dir
from finsam.site.pages import generate
from tests.site_helpers import TESTS

GIVING = TESTS / "data" / "360giving"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("data")
    shutil.copy(TESTS / "forbund.yml", root / "forbund.yml")
    for name in ("komplett", "med-rapporter", "strukturovergripande"):
        shutil.copytree(TESTS / "cases" / "valid" / name, root / "applications" / name)
    forbund, findings = load_forbund(root / "forbund.yml")
    assert forbund is not None, findings
    return generate(root, forbund, "https://provby.example/ansokan/")


# 360Giving tells a date from a date-time by format (oneOf date-time or a date pattern), so the
# format must be checked; jsonschema checks date-time only with an extra package installed.
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return "T" in value and dt.datetime.fromisoformat(value.replace("Z", "+00:00")) is not None


def _errors(schema: dict[str, Any], data: Any, registry: Registry | None = None) -> list[str]:
    validator = Draft202012Validator(
        schema, registry=registry or Registry(), format_checker=FORMATS
    )
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_insatser_json_follows_its_published_schema(files: dict[str, str]) -> None:
    schema = json.loads((schema_dir() / "insatser.schema.json").read_text("utf-8"))
    assert files["schema/insatser.schema.json"] == (
        schema_dir() / "insatser.schema.json"
    ).read_text("utf-8")
    data = json.loads(files["insatser.json"])
    assert _errors(schema, data) == []
    assert data["$schema"] == "https://provby.example/ansokan/schema/insatser.schema.json"
    assert data["valuta"] == "SEK" and data["licens"]["id"] == "CC0-1.0"
    ids = [i["globalt_id"] for i in data["insatser"]]
    assert len(set(ids)) == len(ids) == 3
    assert all(i.startswith("https://provby.example/ansokan/insats/") for i in ids)
    assert all(i["beskrivning"].startswith(i["titel"]) for i in data["insatser"])


def test_a_broken_insatser_json_fails_its_schema(files: dict[str, str]) -> None:
    schema = json.loads((schema_dir() / "insatser.schema.json").read_text("utf-8"))
    data = json.loads(files["insatser.json"])
    data["insatser"][0]["beviljat"] = {"år 2025": 1}
    del data["valuta"]
    assert len(_errors(schema, data)) == 2


def _giving_registry() -> Registry:
    grant = json.loads((GIVING / "360-giving-schema.json").read_text("utf-8"))
    # Its $schema is written with http://, which is no dialect by name: 2020-12 it is.
    resource = DRAFT202012.create_resource(grant)
    # The package schema names the grant schema by a release address: served from the copy.
    return Registry().with_resources(
        [
            (
                "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json",
                resource,
            ),
            (grant["$id"], resource),
        ]
    )


def test_the_360giving_export_follows_the_standard(files: dict[str, str]) -> None:
    package = json.loads((GIVING / "360-giving-package-schema.json").read_text("utf-8"))
    data = json.loads(files["insatser-360giving.json"])
    assert _errors(package, data, _giving_registry()) == []
    grants = data["grants"]
    assert len(grants) == 3
    assert {g["currency"] for g in grants} == {"SEK"}
    assert all(g["fundingOrganization"][0]["name"] == "Samordningsförbundet Provby" for g in grants)
    assert all(isinstance(g["amountAwarded"], int) and g["amountAwarded"] > 0 for g in grants)
    # The validator is not content with anything: a grant without a currency fails.
    del grants[0]["currency"]
    assert _errors(package, data, _giving_registry()) != []


def test_the_feed_says_where_it_lives_and_when_it_was_built(files: dict[str, str]) -> None:
    channel = ElementTree.fromstring(files["rss.xml"]).find("channel")
    assert channel is not None
    link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert link is not None and link.get("rel") == "self"
    assert link.get("href") == "https://provby.example/ansokan/rss.xml"
    assert channel.findtext("lastBuildDate")
    titles = [item.findtext("title") or "" for item in channel.iter("item")]
    assert titles and all(t.split(":")[0] in {"Beviljad", "Pågående", "Avslutad"} for t in titles)
