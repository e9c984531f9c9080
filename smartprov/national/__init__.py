"""The national roll-up: each province exports to a shared lake, the nation builds on it.

- :mod:`smartprov.national.lake`: a province's export (regency-level serving marts and the
  transaction fact by month, as Parquet, with a manifest) swapped into
  ``<lake>/province=<kode>`` whole or not at all, and the readers' verified snapshot of it;
- :mod:`smartprov.national.cluster`: a Spark standalone master and workers started from the
  pyspark distribution (loopback, free ports, logs under the home, stopped cleanly);
- :mod:`smartprov.national.build`: the national dbt project (``dbt_national/``) on DuckDB or
  Spark over one snapshot of the lake, and the national serving database it publishes.
"""
