"""`smartprov bench`: how fast the platform is on a large simulated data set, compared with a
bare DuckDB read of the same files (see :mod:`.runner` and :mod:`.steps`)."""

from devtools.bench.runner import DEFAULT_ROWS, plan, run_bench, table

__all__ = ["DEFAULT_ROWS", "plan", "run_bench", "table"]
