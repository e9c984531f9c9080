"""The Python catalog that generates the Superset assets (YAML under ``dashboards/assets/``).

Runs in the pipeline environment: stdlib + PyYAML only."""
