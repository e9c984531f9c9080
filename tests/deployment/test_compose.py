"""docker-compose.yml cannot run here (no Docker engine): check what can be checked offline.

The file validates against the Compose specification's JSON schema (check-jsonschema's vendored
copy); the topology has the services, health checks, profile and volumes the deployment needs;
every secret comes from .env, whose template holds placeholders only; images are built from
uv.lock with nothing installed at container start.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from smartprov.base.settings import PROJECT_ROOT

COMPOSE = PROJECT_ROOT / "docker-compose.yml"
DOCKERFILE = PROJECT_ROOT / "docker" / "Dockerfile"
ENV_EXAMPLE = PROJECT_ROOT / ".env.example"
AIRFLOW_COMMANDS = {
    "airflow-api-server": "api-server",
    "airflow-scheduler": "scheduler",
    "airflow-dag-processor": "dag-processor",
    "airflow-triggerer": "triggerer",
}
ONE_SHOT = {"airflow-init", "superset-init"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_compose_file_validates_against_the_compose_spec() -> None:
    checker = Path(sys.executable).with_name("check-jsonschema")
    done = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_airflow_runs_its_four_components_on_postgres(compose: dict) -> None:
    services = compose["services"]
    for name, command in AIRFLOW_COMMANDS.items():
        assert services[name]["command"][:2] == ["airflow", command]
        env = services[name]["environment"]
        assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql+psycopg2://")
        assert env["AIRFLOW__CORE__DAGS_FOLDER"] == "/opt/smartprov/dags"
        assert env["SMARTPROV_HOME"] == "/data"
        assert any(v.endswith(":/data") for v in services[name]["volumes"])
        assert services[name]["depends_on"]["airflow-init"]["condition"] == (
            "service_completed_successfully"
        )


def test_superset_runs_gunicorn_after_its_init_job(compose: dict) -> None:
    services = compose["services"]
    superset = services["superset"]
    assert superset["depends_on"]["superset-init"]["condition"] == "service_completed_successfully"
    uri = superset["environment"]["SMARTPROV_SUPERSET_DATABASE_URI"]
    assert uri.startswith("postgresql+psycopg2://") and "@postgres:5432/superset" in uri
    assert "gunicorn" in DOCKERFILE.read_text()
    init = (PROJECT_ROOT / "docker" / "superset-init.sh").read_text()
    for step in (
        "db upgrade",
        " init",
        "dashboards.in_superset.users admin",
        "smartprov dashboards import",
        "smartprov dashboards apply-security",
    ):
        assert step in init, step


def test_every_long_running_service_has_a_health_check(compose: dict) -> None:
    for name, service in compose["services"].items():
        if name in ONE_SHOT:
            assert service.get("restart") == "no", name
        else:
            assert "healthcheck" in service, f"{name} has no health check"


def test_celery_profile_adds_a_worker_and_redis_serves_superset(compose: dict) -> None:
    services = compose["services"]
    assert services["airflow-worker"]["profiles"] == ["celery"]
    assert services["airflow-worker"]["command"] == ["airflow", "celery", "worker"]
    default = {n for n, s in services.items() if "profiles" not in s}
    assert {"postgres", "redis", "superset", *AIRFLOW_COMMANDS} <= default
    superset = services["superset"]
    assert superset["environment"]["SMARTPROV_SUPERSET_CACHE_URL"].startswith("redis://")
    assert superset["depends_on"]["redis"]["condition"] == "service_healthy"


def test_airflow_has_named_users_with_roles(compose: dict) -> None:
    services = compose["services"]
    for name in (*AIRFLOW_COMMANDS, "airflow-init"):
        env = services[name]["environment"]
        assert env["AIRFLOW__CORE__AUTH_MANAGER"].endswith("FabAuthManager"), name
    init = services["airflow-init"]["environment"]
    assert "AIRFLOW_ADMIN_PASSWORD:?" in init["SMARTPROV_AIRFLOW_ADMIN_PASSWORD"]
    assert "SMARTPROV_AIRFLOW_OP_PASSWORD" not in services["airflow-scheduler"]["environment"]
    assert "ensure_users" in (PROJECT_ROOT / "docker" / "airflow-init.sh").read_text()


def test_secrets_come_from_env_and_the_template_holds_none() -> None:
    text = COMPOSE.read_text()
    required = set(re.findall(r"\$\{([A-Z0-9_]+):\?", text))
    template = dict(
        line.split("=", 1)
        for line in ENV_EXAMPLE.read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert required - set(template) == set(), "variables compose requires but .env lacks"
    secret_like = [k for k in template if re.search(r"PASSWORD|SECRET|KEY", k)]
    assert secret_like
    for key in secret_like:
        assert template[key] == "CHANGE_ME", f"{key} holds a value in .env.example"
    assert "CHANGE_ME" in template["AIRFLOW_CONN_LAPOR_API"]
    # no literal password in the compose file itself
    assert not re.search(r"(PASSWORD|SECRET|_KEY):\s*['\"]?[A-Za-z0-9+/=]{12,}", text)


def test_images_are_built_from_the_lock_file_only() -> None:
    dockerfile = DOCKERFILE.read_text()
    syncs = re.findall(r"uv sync[^\n]*", dockerfile)
    assert syncs and all("--locked" in s for s in syncs)
    assert "pip install" not in dockerfile
    for script in (PROJECT_ROOT / "docker").glob("*.sh"):
        body = script.read_text()
        assert "pip install" not in body and "uv sync" not in body and "uv add" not in body, script


def test_spark_master_and_scalable_workers_for_the_national_build(compose: dict) -> None:
    """The national profile runs the standalone classes `smartprov national cluster` starts;
    workers scale (`--scale spark-worker=N`): no fixed name, no host port."""
    services = compose["services"]
    master, worker = services["spark-master"], services["spark-worker"]
    assert master["profiles"] == worker["profiles"] == ["national"]
    assert master["command"][0].endswith("pyspark/bin/spark-class")
    assert master["command"][1] == "org.apache.spark.deploy.master.Master"
    assert worker["command"][1] == "org.apache.spark.deploy.worker.Worker"
    assert worker["command"][-1] == "spark://spark-master:7077"
    assert "container_name" not in worker and "ports" not in worker
    assert worker["depends_on"]["spark-master"]["condition"] == "service_healthy"
    assert "national-lake:/lake:ro" in worker["volumes"]
    assert "national-lake" in compose["volumes"]
    assert "openjdk-17-jre-headless" in DOCKERFILE.read_text()
