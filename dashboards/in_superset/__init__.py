"""Code that runs inside the Superset environment (``.venv-superset``): asset import, roles and
row-level security, users."""
