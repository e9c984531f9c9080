"""Shared wiring for the DAGs in this folder (assets, default arguments, the dbt task group)."""
