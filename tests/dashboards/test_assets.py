"""Static checks of the Superset assets: no Superset needed (runs in the pipeline environment)."""

from __future__ import annotations

import json
import re
import runpy
from pathlib import Path

import duckdb
import pytest
import yaml
from click.testing import CliRunner

from dashboards import (
    ASSETS_DIR,
    DASHBOARDS_DIR,
    SECURITY_DIR,
    SERVING_PATH_PLACEHOLDER,
    SUPERSET_CONFIG,
)
from dashboards.catalog.charts import ALL_CHARTS
from dashboards.catalog.datasets import ALL_DATASETS, SERVING_V1
from dashboards.catalog.layouts import DASHBOARDS
from dashboards.catalog.render import KINDS, NATIONAL, load, rendered
from smartprov.base.reference import regencies
from smartprov.base.settings import DBT_PROJECT_DIR
from smartprov.cli import cli
from tests.dashboards.sample_serving import build

SERVING_V1_TABLES = {
    "marts.dim_wilayah",
    "marts.mart_rollout_village",
    "marts.mart_rollout_kabkota",
    "marts.mart_lapor_sla_kabkota",
    "marts.mart_scorecard_kabkota",
    # added for the DPRD (issue 14): the province map and the dashboards' header line
    "marts.mart_map_kabkota",
    "marts.mart_dashboard_header",
}
EXPECTED_TITLES = {
    "Ringkasan Provinsi Cerdas",
    "Adopsi Layanan Elektronik",
    "Pengaduan SP4N-LAPOR! & LaporGub!",
    "Indikator Ekonomi, Lingkungan & Pariwisata",
}


@pytest.fixture(scope="module")
def assets() -> dict[str, dict]:
    return load()


def test_committed_yaml_matches_the_catalog() -> None:
    """The YAML under dashboards/ is what the catalog renders (`smartprov dashboards render`)."""
    files = rendered()
    on_disk = {
        f"{kind}/{p.name}": p.read_text(encoding="utf-8")
        for kind in (*KINDS, *(f"{NATIONAL}/{k}" for k in KINDS))
        for p in (ASSETS_DIR / kind).glob("*.yaml")
    }
    on_disk["security/rls.yaml"] = (SECURITY_DIR / "rls.yaml").read_text(encoding="utf-8")
    assert sorted(on_disk) == sorted(files)
    stale = [name for name, text in files.items() if on_disk[name] != text]
    assert not stale, f"re-render the assets: {stale}"


def test_yaml_parses_and_uuids_are_unique(assets: dict[str, dict]) -> None:
    uuids = [doc["uuid"] for doc in assets.values()]
    assert len(uuids) == len(set(uuids))
    for name, doc in assets.items():
        assert doc["version"] == "1.0.0"
        # file name: <title_slug>_<uuid8>.yaml
        assert Path(name).stem.endswith("_" + doc["uuid"][:8]), name


def test_four_dashboards_in_bahasa(assets: dict[str, dict]) -> None:
    titles = {d["dashboard_title"] for n, d in assets.items() if n.startswith("dashboards/")}
    assert titles == EXPECTED_TITLES


def test_links_resolve(assets: dict[str, dict]) -> None:
    """chart -> dataset -> database, dashboard -> chart, native filter -> dataset."""
    by_kind = {k: {d["uuid"]: d for n, d in assets.items() if n.startswith(k)} for k in KINDS}
    (database,) = by_kind["databases"].values()
    for dataset in by_kind["datasets"].values():
        assert dataset["database_uuid"] == database["uuid"]
    for chart in by_kind["charts"].values():
        assert chart["dataset_uuid"] in by_kind["datasets"], chart["slice_name"]
    used = set()
    for dashboard in by_kind["dashboards"].values():
        for node in dashboard["position"].values():
            if isinstance(node, dict) and node.get("type") == "CHART":
                assert node["meta"]["uuid"] in by_kind["charts"]
                used.add(node["meta"]["uuid"])
        for flt in dashboard["metadata"]["native_filter_configuration"]:
            for target in flt["targets"]:
                if "datasetUuid" in target:
                    dataset = by_kind["datasets"][target["datasetUuid"]]
                    names = {c["column_name"] for c in dataset["columns"]}
                    assert target["column"]["name"] in names
    assert used == set(by_kind["charts"]), "every chart is on a dashboard"


def test_datasets_read_serving_tables_only() -> None:
    """Every dataset reads schema marts: the serving-v1 tables or marts the dbt project builds."""
    dbt_marts = {f"marts.{p.stem}" for p in (DBT_PROJECT_DIR / "models" / "marts").rglob("*.sql")}
    assert {f"marts.{d.name}" for d in SERVING_V1} == SERVING_V1_TABLES
    for dataset in ALL_DATASETS:
        tables = dataset.tables()
        assert tables, dataset.name
        unknown = tables - SERVING_V1_TABLES - dbt_marts
        assert not unknown, f"{dataset.name} reads tables no model builds: {unknown}"


def test_every_chart_keeps_a_query_context(assets: dict[str, dict]) -> None:
    for name, doc in assets.items():
        if not name.startswith("charts/"):
            continue
        context = json.loads(doc["query_context"])
        assert context["queries"] and context["form_data"]["viz_type"] == doc["viz_type"]
        query = context["queries"][0]
        assert query["columns"] or query["metrics"], name


def test_charts_use_dataset_columns_and_metrics() -> None:
    for chart in ALL_CHARTS:
        metrics = {m.name for m in chart.dataset.metrics}
        columns = chart.dataset.column_names
        assert set(chart.metrics) <= metrics, chart.key
        for column in chart.columns:
            name = column["sqlExpression"] if isinstance(column, dict) else column
            assert name in columns, (chart.key, name)
        for flt in chart.filters:
            assert flt["col"] in columns, (chart.key, flt["col"])


def test_every_dataset_query_runs_on_a_serving_database(tmp_path: Path) -> None:
    """Columns, calculated columns and metrics compile against the sample serving database."""
    con = duckdb.connect(str(build(tmp_path / "serving.duckdb")), read_only=True)
    try:
        for dataset in ALL_DATASETS:
            source = f"({dataset.sql})" if dataset.sql else f"marts.{dataset.name}"
            columns = [c.expression or c.name for c in dataset.columns]
            metrics = [m.expression for m in dataset.metrics]
            con.execute(f"select {', '.join(columns)} from {source} as t limit 1").fetchall()
            con.execute(f"select {', '.join(metrics)} from {source} as t").fetchall()
    finally:
        con.close()


def test_database_is_read_only_with_a_placeholder(assets: dict[str, dict]) -> None:
    (database,) = [d for n, d in assets.items() if n.startswith("databases/")]
    uri = database["sqlalchemy_uri"]
    assert uri == f"duckdb:///{SERVING_PATH_PLACEHOLDER}?access_mode=read_only"
    assert database["allow_dml"] is False
    assert database["allow_file_upload"] is False
    assert database["allow_ctas"] is False and database["allow_cvas"] is False


def test_rls_covers_every_dataset_with_kode_kabkota() -> None:
    doc = yaml.safe_load((SECURITY_DIR / "rls.yaml").read_text(encoding="utf-8"))
    entry, base = doc["filters"]
    with_code = {d.name for d in ALL_DATASETS if "kode_kabkota" in d.column_names}
    assert set(entry["datasets"]) == with_code
    assert entry["clause"] == "kode_kabkota = '{kode_kabkota}'"
    assert entry["roles"] == ["{nama}"] and entry["for_each_regency"] is True
    assert base["filter_type"] == "Base" and base["clause"] == "1 = 0"


def test_roles_plan() -> None:
    doc = yaml.safe_load((SECURITY_DIR / "roles.yaml").read_text(encoding="utf-8"))
    roles = {r["name"]: r for r in doc["roles"]}
    assert set(roles) == {"DPRD", "Diskominfo Provinsi", "Analis"}
    assert "sql_lab" not in roles["DPRD"]["permissions"]
    assert "sql_lab" in roles["Diskominfo Provinsi"]["permissions"]
    assert "sql_lab" in roles["Analis"]["permissions"]
    assert "sql_lab" not in doc["per_regency"]["permissions"]
    names = [doc["per_regency"]["name"].format(nama=r.nama) for r in regencies()]
    assert len(set(names)) == 35 and "Kota Tegal" in names
    assert not set(names) & set(roles)


SECRET = re.compile(
    r"""(?ix)(password|passwd|secret|token|api_key)\w*["']?\s*[:=]\s*["']([^"'{}\s]{6,})["']"""
)
PUBLIC_VALUES = {
    # Superset's and our own published, refused-outside-demo defaults
    "CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET",
    "thisISaSECRET_1234",
    "smartprov-demo-secret-not-for-production",
    "admin-demo",
}


def test_no_secrets_in_files() -> None:
    files = [p for p in DASHBOARDS_DIR.rglob("*") if p.is_file() and p.suffix in {".yaml", ".py"}]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for match in SECRET.finditer(text):
            assert match.group(2) in PUBLIC_VALUES, f"{path}: {match.group(0)}"
        assert not re.search(r"://[^/\s:@]+:[^/\s@]+@", text), f"credentials in a URI: {path}"


def _load_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> dict:
    for name in ("SMARTPROV_SUPERSET_SECRET_KEY", "SUPERSET_SECRET_KEY", "SMARTPROV_DEMO"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SMARTPROV_HOME", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SUPERSET_CONFIG))


def test_config_refuses_default_secret_outside_demo(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with pytest.raises(RuntimeError, match="SMARTPROV_SUPERSET_SECRET_KEY is empty"):
        _load_config(monkeypatch, tmp_path)
    with pytest.raises(RuntimeError, match="placeholder"):
        _load_config(
            monkeypatch,
            tmp_path,
            SMARTPROV_SUPERSET_SECRET_KEY="CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET",
        )
    demo = _load_config(monkeypatch, tmp_path, SMARTPROV_DEMO="1")
    assert demo["SECRET_KEY"] == "smartprov-demo-secret-not-for-production"
    real = _load_config(monkeypatch, tmp_path, SMARTPROV_SUPERSET_SECRET_KEY="x" * 40)
    assert real["SECRET_KEY"] == "x" * 40
    assert real["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'superset' / 'superset.db'}"
    assert real["D3_FORMAT"]["thousands"] == "." and real["D3_FORMAT"]["decimal"] == ","


@pytest.mark.parametrize(
    "command",
    ["install", "prepare", "render", "import", "apply-security", "serve", "screenshots"],
)
def test_dashboards_commands_have_help(command: str) -> None:
    result = CliRunner().invoke(cli, ["dashboards", command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_dashboard_layout_is_readable() -> None:
    """Big numbers first on the DPRD summary, every chart title in Bahasa (no English words)."""
    ringkasan = DASHBOARDS[0]
    assert ringkasan.title == "Ringkasan Provinsi Cerdas"
    assert all(c.viz_type == "big_number_total" for c, _, _ in ringkasan.rows[0])
    english = re.compile(r"\b(the|of|and|per region|count|rate|share|villages)\b", re.I)
    for chart in ALL_CHARTS:
        assert not english.search(chart.title), chart.title


def test_serving_connection_is_locked_down_for_sql_lab(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Both layers are configured: the connection's own DuckDB settings, and the functions
    Superset refuses before a query reaches DuckDB (the live test proves the behaviour)."""
    (database,) = [d for rel, d in load().items() if rel.startswith("databases/")]
    config = database["extra"]["engine_params"]["connect_args"]["config"]
    assert config["enable_external_access"] is False
    assert config["lock_configuration"] is True
    assert config["autoinstall_known_extensions"] is False
    assert config["autoload_known_extensions"] is False
    settings = _load_config(monkeypatch, tmp_path, SMARTPROV_DEMO="1")
    assert {"read_csv", "read_text", "glob"} <= settings["DISALLOWED_SQL_FUNCTIONS"]["duckdb"]


def test_national_assets_are_their_own_database_on_the_national_marts() -> None:
    """ "Nasional" (assets/national/): its datasets on the national database and schema only,
    every one a dbt_national mart, each chart on one of them, every chart on the dashboard; the
    province's assets never link to the national database or the other way round."""
    from dashboards import NATIONAL_SERVING_PLACEHOLDER
    from dashboards.catalog.spec import DATABASE_UUID

    national = load(ASSETS_DIR / NATIONAL)
    by_kind = {k: {d["uuid"]: d for n, d in national.items() if n.startswith(k)} for k in KINDS}
    (database,) = by_kind["databases"].values()
    assert database["uuid"] != DATABASE_UUID
    assert database["sqlalchemy_uri"] == (
        f"duckdb:///{NATIONAL_SERVING_PLACEHOLDER}?access_mode=read_only"
    )
    assert database["allow_dml"] is False and database["allow_file_upload"] is False
    marts = {p.stem for p in (ASSETS_DIR.parent.parent / "dbt_national/models/marts").glob("*.sql")}
    for dataset in by_kind["datasets"].values():
        assert dataset["database_uuid"] == database["uuid"]
        assert dataset["schema"] == "nasional" and dataset["table_name"] in marts
        assert all(c["verbose_name"] for c in dataset["columns"]), dataset["table_name"]
    (dashboard,) = by_kind["dashboards"].values()
    assert dashboard["dashboard_title"] == "Nasional" and dashboard["slug"] == "nasional"
    on_board = {
        n["meta"]["uuid"]
        for n in dashboard["position"].values()
        if isinstance(n, dict) and n.get("type") == "CHART"
    }
    assert on_board == set(by_kind["charts"])
    for chart in by_kind["charts"].values():
        assert chart["dataset_uuid"] in by_kind["datasets"], chart["slice_name"]
    province = load()
    assert not {d["uuid"] for d in province.values()} & {d["uuid"] for d in national.values()}
    for doc in province.values():
        assert doc.get("database_uuid", DATABASE_UUID) == DATABASE_UUID


def test_the_import_bundle_takes_the_national_assets_only_when_asked(tmp_path: Path) -> None:
    from dashboards.in_superset.assets import bundle

    serving, national = tmp_path / "serving.duckdb", tmp_path / "national" / "serving.duckdb"
    province_only = bundle(serving)
    both = bundle(serving, national=national)
    assert not any(NATIONAL in name for name in province_only)
    added = {name: text for name, text in both.items() if name not in province_only}
    assert len(added) == len(load(ASSETS_DIR / NATIONAL)) and all(
        name.split("/")[1].startswith(f"{NATIONAL}_") for name in added
    )
    (database,) = [text for name, text in added.items() if name.startswith("databases/")]
    assert f"duckdb:///{national.resolve().as_posix()}?access_mode=read_only" in database
