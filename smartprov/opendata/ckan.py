"""Upload a release to a CKAN portal through its action API (httpx, no CKAN client needed).

The portal and key come from the environment: ``SMARTPROV_CKAN_URL``, ``SMARTPROV_CKAN_API_KEY``
and the organisation ``SMARTPROV_CKAN_ORG``. The dataset is created, or updated with its files
replaced, under the data package's name; each file of the package becomes a resource and each
metadata file is uploaded beside its data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import httpx

from smartprov.base import settings
from smartprov.opendata.release import PACKAGE, OpenDataError


@dataclass(frozen=True)
class Portal:
    url: str
    api_key: str
    organisation: str

    @classmethod
    def from_env(cls) -> Portal:
        variables = (settings.CKAN_URL, settings.CKAN_API_KEY, settings.CKAN_ORG)
        missing = [v.name for v in variables if not v.is_set()]
        if missing:
            raise OpenDataError(f"set {', '.join(missing)} to upload to CKAN")
        return cls(*(v.get() for v in variables))


def _action(client: httpx.Client, name: str, **kwargs) -> dict:
    response = client.post(f"/api/3/action/{name}", **kwargs)
    body = response.json() if response.content else {}
    if response.status_code >= 400 or not body.get("success"):
        raise OpenDataError(f"CKAN {name} failed ({response.status_code}): {body.get('error')}")
    return body["result"]


def _dataset(package: dict, organisation: str) -> dict:
    return {
        "name": package["name"],
        "title": package["title"],
        "notes": package["description"],
        "owner_org": organisation,
        "license_id": package["licenses"][0]["name"],
        "version": package["version"],
        "tags": [{"name": k.replace("!", "")} for k in package["keywords"]],
        "resources": [],  # replaced below, file by file
    }


def upload(out: Path, portal: Portal, transport: httpx.BaseTransport | None = None) -> str:
    """Create or update the dataset of the release in ``out``; returns its CKAN id."""
    package = json.loads((out / PACKAGE).read_text(encoding="utf-8"))
    headers = {"Authorization": portal.api_key}
    with httpx.Client(
        base_url=portal.url.rstrip("/"), headers=headers, transport=transport, timeout=120
    ) as client:
        dataset = _dataset(package, portal.organisation)
        exists = client.get("/api/3/action/package_show", params={"id": package["name"]})
        if exists.status_code == 200:
            dataset_id = _action(client, "package_update", json={**dataset, "id": dataset["name"]})
        else:
            dataset_id = _action(client, "package_create", json=dataset)
        dataset_id = dataset_id["id"]
        files = [
            (r["path"], r["title"], r["format"], r["description"]) for r in package["resources"]
        ]
        metadata = sorted(p.name for p in out.glob("*.metadata.json"))
        files += [(name, name, "json", "Metadata Satu Data Indonesia") for name in metadata]
        files.append((PACKAGE, "Frictionless Data Package", "json", package["description"]))
        for path, title, fmt, description in files:
            with (out / path).open("rb") as handle:
                _action(
                    client,
                    "resource_create",
                    data={
                        "package_id": dataset_id,
                        "name": f"{title} ({path})",
                        "format": fmt.upper(),
                        "description": description,
                    },
                    files={"upload": (path, handle)},
                )
    return dataset_id
