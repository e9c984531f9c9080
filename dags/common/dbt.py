"""The dbt project as Cosmos sees it: profile, execution and rendering, defined once.

Rendering reads ``$SMARTPROV_HOME/dbt/target/manifest.json`` (written by ``smartprov airflow
setup`` with ``dbt parse``) so parsing the DAG runs no dbt command; without a manifest Cosmos
falls back to ``dbt ls``. Checking that one file exists is the only I/O at parse time, and
Cosmos needs it to draw one task per model and test.
"""

from __future__ import annotations

from pathlib import Path

from cosmos import ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
from cosmos.constants import ExecutionMode, InvocationMode, LoadMode, TestBehavior

from smartprov.orchestration.config import WAREHOUSE_POOL
from smartprov.settings import DBT_PROJECT_DIR, Paths


def manifest_path() -> Path:
    return Paths.from_env().dbt_manifest


def project_config() -> ProjectConfig:
    manifest = manifest_path()
    return ProjectConfig(
        dbt_project_path=DBT_PROJECT_DIR,
        manifest_path=manifest if manifest.exists() else None,
        install_dbt_deps=False,  # no dbt packages: the hub is out of reach here
    )


PROFILE = ProfileConfig(
    profile_name="smartprov",
    target_name="local",
    profiles_yml_filepath=DBT_PROJECT_DIR / "profiles.yml",
)

# dbt runs inside the task's own process (dbtRunner: no subprocess per model)
EXECUTION = ExecutionConfig(
    execution_mode=ExecutionMode.LOCAL,
    invocation_mode=InvocationMode.DBT_RUNNER,
)


def render_config() -> RenderConfig:
    return RenderConfig(
        load_method=LoadMode.DBT_MANIFEST if manifest_path().exists() else LoadMode.DBT_LS,
        test_behavior=TestBehavior.AFTER_EACH,  # a model's tests run right after it, as tasks
        # a test over several models (relationships, reconciliations) is its own task after all
        # of them; attached to one model it would run before the others exist
        should_detach_multiple_parents_tests=True,
        invocation_mode=InvocationMode.DBT_RUNNER,
        emit_datasets=False,  # the DAG emits one asset after publish instead of one per model
    )


# every Cosmos task writes warehouse.duckdb: one pool of one slot for all of them
OPERATOR_ARGS = {
    "pool": WAREHOUSE_POOL,
    # each task writes no manifest/run_results JSON: faster, and the manifest the DAG renders
    # from stays the one `smartprov airflow setup` wrote
    "dbt_cmd_global_flags": ["--no-write-json"],
}
