"""Open-data releases: the public, aggregated marts as CSV + Parquet with metadata.

``datasets.py`` says what is released (regency/city level and above, small counts suppressed),
``metadata.py`` builds the Satu Data Indonesia metadata and the Frictionless descriptor from the
dbt YAML and the indicator catalogue, ``release.py`` writes and validates a release.
"""

from smartprov.opendata.release import OpenDataError, Release, validate_release, write_release

__all__ = ["OpenDataError", "Release", "validate_release", "write_release"]
