"""A deterministic simulator of every delivery the platform receives (see shared/contracts).

`simulate()` writes service logs, the rollout register, SP4N-LAPOR! exports (and the API
stand-in feed), indicator tables, every added source's deliveries (LaporGub!, plan targets: all
`usulan`) and `landing/_expected.json`. Same arguments, same bytes. Volumes, seasons and
indicators are calibrated to the published figures in `calibration/figures.csv` (see
calibration/README.md).
"""

from __future__ import annotations

import importlib
import importlib.util
from datetime import date, timedelta

from devtools.simulate.common import Output
from devtools.simulate.defects import plan_days
from devtools.simulate.indicators import write_indicators
from devtools.simulate.lapor import write_lapor
from devtools.simulate.manifest import build_manifest, write_manifest
from devtools.simulate.rollout import write_rollout
from devtools.simulate.service_logs import assign_variants, write_service_logs
from ingestion.sources import INDICATORS, LAPOR, ROLLOUT, SERVICE_LOGS, SOURCES
from smartprov.base.settings import Paths

OWNED_FOLDERS = SOURCES  # landing/<source>/
BUILT_IN = (SERVICE_LOGS, LAPOR, ROLLOUT, INDICATORS)  # written by simulate() itself


def _added_sources(
    out: Output, paths: Paths, seed: int, start: date, days: int, scale: float
) -> dict[str, dict]:
    """Every other registered source that has a module here (``devtools/simulate/<source>.py``
    with ``write(out, paths, seed, start, days, scale) -> manifest section``): adding a source
    to the simulator is adding its module. They run after the built-in ones (LaporGub reads the
    LAPOR feed to forward some of its complaints)."""
    sections = {}
    for name in SOURCES:
        module_name = f"{__name__}.{name}"
        if name not in BUILT_IN and importlib.util.find_spec(module_name):
            module = importlib.import_module(module_name)
            sections[name] = module.write(out, paths, seed, start, days, scale)
    return sections


def simulate(paths: Paths, start: date, days: int, seed: int, scale: float = 1.0) -> dict:
    """Write deliveries for the days [start, start + days) into landing/; return the manifest."""
    if days < 1:
        raise ValueError("days must be at least 1")
    if scale <= 0:
        raise ValueError("scale must be positive")
    paths.ensure()
    out = Output(paths.landing)
    end = start + timedelta(days=days - 1)
    rollout, rollout_section = write_rollout(out, seed, start, end)
    variants = assign_variants(seed)
    roles, _misses_last = plan_days(seed, variants, days)
    service_logs = write_service_logs(out, seed, start, days, scale, rollout, variants, roles)
    lapor = write_lapor(out, paths.home, seed, start, days, scale)
    indicators = write_indicators(out, seed, start, days)
    added = _added_sources(out, paths, seed, start, days, scale)
    manifest = build_manifest(
        seed=seed,
        start=start,
        days=days,
        scale=scale,
        data_date=end,
        service_logs=service_logs,
        lapor=lapor,
        rollout=rollout_section,
        indicators=indicators,
        **added,
    )
    write_manifest(out, manifest)
    out.remove_stale(OWNED_FOLDERS)
    return manifest


__all__ = ["simulate"]
