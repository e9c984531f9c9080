"""The platform: settings and paths, warehouse, dbt runner, publish, status, orchestration,
simulator (with the SP4N-LAPOR! stand-in), benchmark and the `smartprov` CLI."""
