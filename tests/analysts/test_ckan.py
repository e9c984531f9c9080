"""The CKAN upload against a stand-in portal (httpx.MockTransport): no network."""

from __future__ import annotations

import json

import httpx
import pytest

from smartprov.opendata.ckan import Portal, upload
from smartprov.opendata.release import OpenDataError


def sample_release(tmp_path):
    (tmp_path / "a.csv").write_text("kode_kabkota\n33.01\n", encoding="utf-8")
    (tmp_path / "a.metadata.json").write_text("{}", encoding="utf-8")
    package = {
        "name": "smartprov-open-data",
        "title": "Data terbuka",
        "description": "Uji",
        "version": "2026-03-31",
        "licenses": [{"name": "CC-BY-4.0"}],
        "keywords": ["SP4N-LAPOR!"],
        "resources": [{"path": "a.csv", "title": "A", "format": "csv", "description": "A"}],
    }
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("exists", [False, True])
def test_upload_creates_or_updates_and_sends_every_file(tmp_path, exists):
    calls: list[tuple[str, bytes]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == "secret-key"
        calls.append((request.url.path, request.read()))
        if request.url.path.endswith("package_show"):
            return httpx.Response(200 if exists else 404, json={"success": exists})
        return httpx.Response(200, json={"success": True, "result": {"id": "ds-1"}})

    portal = Portal("https://ckan.example", "secret-key", "diskominfo")
    dataset_id = upload(sample_release(tmp_path), portal, httpx.MockTransport(handler))
    assert dataset_id == "ds-1"
    actions = [path.rsplit("/", 1)[1] for path, _ in calls]
    assert actions[1] == ("package_update" if exists else "package_create")
    assert json.loads(calls[1][1])["owner_org"] == "diskominfo"
    uploads = [body for path, body in calls if path.endswith("resource_create")]
    assert len(uploads) == 3  # the CSV, its metadata file, datapackage.json
    assert any(b"33.01" in body for body in uploads)


def test_portal_settings_come_from_the_environment(monkeypatch):
    for name in ("SMARTPROV_CKAN_URL", "SMARTPROV_CKAN_API_KEY", "SMARTPROV_CKAN_ORG"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(OpenDataError, match="SMARTPROV_CKAN_URL"):
        Portal.from_env()
