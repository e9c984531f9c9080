"""`smartprov demo airflow-timings` without Airflow: the figures it computes from the scheduler's
records (a metadata database written here by hand, in Airflow's SQLite layout of the columns
read) and the scratch home it is allowed to empty."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from devtools.bench.airflow_timings import MARKER, empty_scratch_home, report, run_figures

RUN = "timings"
T0 = "2026-11-30 08:00:00.000000"


def _at(seconds: float) -> str:
    whole, fraction = divmod(seconds, 1)
    minutes, secs = divmod(int(whole), 60)
    return f"2026-11-30 08:{minutes:02d}:{secs:02d}.{round(fraction * 1e6):06d}"


@pytest.fixture
def metadata(tmp_path: Path) -> Path:
    db = tmp_path / "airflow.db"
    with sqlite3.connect(db) as con:
        con.execute(
            "create table dag_run (dag_id varchar, run_id varchar, state varchar, "
            "queued_at timestamp, start_date timestamp, end_date timestamp)"
        )
        con.execute(
            "create table task_instance (dag_id varchar, run_id varchar, task_id varchar, "
            "map_index integer, state varchar, queued_dttm timestamp, start_date timestamp, "
            "end_date timestamp, duration float)"
        )
        # the measured run: queued 2 s before it starts, ends at 40.5 s
        con.execute(
            "insert into dag_run values ('wh', ?, 'success', ?, ?, ?)",
            (RUN, _at(0), _at(2), _at(40.5)),
        )
        # another run of the same DAG, and another DAG's run of the same id: never counted
        con.execute(
            "insert into dag_run values ('wh', 'other', 'failed', ?, ?, ?)", (T0, T0, _at(900))
        )
        rows = [
            ("wh", RUN, "prepare", -1, "success", 3, 4, 6, 2.0),
            ("wh", RUN, "dbt.dbt_producer_watcher", -1, "success", 6.5, 7, 30, 23.0),
            ("wh", RUN, "dbt.dbt_producer_watcher_done", -1, "success", 30, 30, 30, 0.0),
            ("wh", RUN, "dbt.stg_a_run", -1, "success", 30.5, 31, 32, 1.0),
            ("wh", RUN, "dbt.stg_b_run", -1, "success", 32.5, 33, 35.5, 2.5),
            ("wh", RUN, "ingest_regency", 0, "success", 3, 3.5, 5, 1.5),
            ("wh", RUN, "ingest_regency", 1, "failed", 5, 5.5, 9.5, 4.0),
            ("wh", RUN, "announce", -1, "skipped", 36, None, 36, None),
            ("wh", RUN, "publish", -1, "success", 36, 37, 40, 3.0),
            ("wh", "other", "publish", -1, "success", 0, 0, 800, 800.0),
            ("sl", RUN, "publish", -1, "success", 0, 0, 800, 800.0),
        ]
        for dag_id, run_id, task_id, index, state, queued, start, end, duration in rows:
            con.execute(
                "insert into task_instance values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    dag_id,
                    run_id,
                    task_id,
                    index,
                    state,
                    _at(queued),
                    None if start is None else _at(start),
                    _at(end),
                    duration,
                ),
            )
    return db


def test_run_figures_from_the_scheduler_records(metadata: Path) -> None:
    figures = run_figures(metadata, "wh", RUN)
    assert figures["state"] == "success"
    assert figures["seconds"] == pytest.approx(38.5, abs=0.01)
    assert figures["queue_s"] == pytest.approx(2.0, abs=0.01)
    assert figures["tasks_span_s"] == pytest.approx(37.0, abs=0.01)  # queued 3 s, last end 40
    tasks = figures["tasks"]
    assert set(tasks) == {
        "prepare",
        "dbt producer",
        "dbt consumers",
        "dbt.dbt_producer_watcher_done",
        "ingest_regency (mapped)",
        "announce",
        "publish",
    }
    mapped = {"count": 2, "sum_s": 5.5, "max_s": 4.0, "span_s": pytest.approx(6.0, abs=0.01)}
    assert tasks["ingest_regency (mapped)"] == mapped  # 3.5 s to 9.5 s
    consumers = {"count": 2, "sum_s": 3.5, "max_s": 2.5, "span_s": pytest.approx(4.5, abs=0.01)}
    assert tasks["dbt consumers"] == consumers
    assert tasks["dbt producer"]["sum_s"] == 23.0
    assert tasks["publish"]["count"] == 1 and tasks["publish"]["sum_s"] == 3.0
    assert tasks["announce"]["sum_s"] == 0.0
    assert figures["not_ok"] == ["ingest_regency[1]:failed"]


def test_report_prints_the_ratios(metadata: Path) -> None:
    run = run_figures(metadata, "wh", RUN)
    text = report(
        {
            "sample": {"days": 3},
            "day": "2026-01-03",
            "service_logs_first": run,
            "service_logs": run,
            "warehouse": run,
            "transform_s": 35.0,
            "warehouse_vs_transform": 1.1,
            "build_vs_transform": 1.01,
        }
    )
    assert "wh (first run after start, nothing new): success in 38.5 s" in text
    assert "wh (daily run): success in 38.5 s" in text
    assert "ingest_regency (mapped): 2 task(s), sum 5.5 s, max 4.0 s, first start" in text
    assert "warehouse DAG / transform: 1.10" in text
    assert "not ok: ingest_regency[1]:failed" in text


def test_only_a_scratch_home_is_emptied(tmp_path: Path) -> None:
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "warehouse.duckdb").write_text("keep")
    with pytest.raises(RuntimeError, match="refusing"):
        empty_scratch_home(precious)
    assert (precious / "warehouse.duckdb").read_text() == "keep"

    scratch = tmp_path / "scratch"
    empty_scratch_home(scratch)  # new: created and marked
    (scratch / "old.txt").write_text("x")
    empty_scratch_home(scratch)  # a former timings home: emptied
    assert sorted(p.name for p in scratch.iterdir()) == [MARKER]
