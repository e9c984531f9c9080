"""Another province's demo volumes: the published figures the simulator is calibrated to are
Jawa Tengah's, so elsewhere the provincial volumes (SP4N-LAPOR! reports, tourist trips and
visits) scale with the province's residents instead of repeating Jawa Tengah's totals over
a few regencies (DI Yogyakarta's five showed more trips per resident than any city has)."""

from __future__ import annotations

import pytest

from tests.province_process import json_as_province

PROBE = """
import json
from datetime import date
from devtools.simulate.common import stream
from devtools.simulate.indicators import _months, _tourism, population_weights, regencies
from devtools.simulate.lapor import yearly_reports
pop = {c: int(n) for c, n in population_weights().items()}
months = _months(date(2025, 1, 1), 365)
files = _tourism(stream(7, "probe"), regencies(), pop, months)
trips = sum(float(row[3]) for rows in files.values() for row in rows)
print(json.dumps({"residents": sum(pop.values()), "reports": yearly_reports(), "trips": trips}))
"""


def _volumes(province: str) -> dict[str, float]:
    return json_as_province(province, PROBE)


def test_volumes_scale_with_residents_outside_jawa_tengah() -> None:
    jateng, diy = _volumes("33"), _volumes("34")
    assert jateng["reports"] == 22_980  # the published figure, unscaled at home
    size = diy["residents"] / jateng["residents"]
    assert 0.01 < size < 0.2
    assert diy["reports"] / jateng["reports"] == pytest.approx(size, rel=0.01)
    per_resident = {k: v["trips"] / v["residents"] for k, v in (("33", jateng), ("34", diy))}
    assert 0.5 < per_resident["34"] / per_resident["33"] < 2, per_resident
