"""How each regency/city takes up online channels and electronic signatures, and how that moves.

The seed's "gaptek" question is exactly this: the share of requests made online (web, mobile)
differs by regency/city, cities ahead, and grows over the years along a logistic curve; a village
declared live on TTE signs more letters electronically week by week, up to its own ceiling.
All values are synthetic (no published per-regency figures were found; see calibration/).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from devtools.simulate.common import stream
from smartprov.base.reference import Regency

EPOCH = date(2025, 1, 1)  # the online share is a(regency) at EPOCH, + b(regency) per year


@dataclass(frozen=True)
class Adoption:
    online_at_epoch: float  # logit of the online share at EPOCH
    online_per_year: float  # growth of the logit per year
    web_of_online: float  # web's share of the online requests (the rest: mobile)
    tte_ceiling: float  # share of letters e-signed by a village long live on TTE
    tte_days: float  # days for a newly live village to reach ~63 % of its ceiling

    def kanal_p(self, day: date) -> np.ndarray:
        """Probabilities of web, mobile, loket (KANAL_LAYANAN order) on ``day``."""
        years = (day - EPOCH).days / 365.25
        online = 1 / (1 + math.exp(-(self.online_at_epoch + self.online_per_year * years)))
        web = online * self.web_of_online
        return np.array([web, online - web, 1 - online])

    def tte_p(self, days_live: int) -> float:
        return self.tte_ceiling * (1 - math.exp(-(days_live + 1) / self.tte_days))


def adoption(seed: int, regency: Regency) -> Adoption:
    rng = stream(seed, "adoption", regency.kode_kabkota)
    return Adoption(
        online_at_epoch=float(rng.normal(-0.3, 0.3) if regency.is_kota else rng.normal(-1.3, 0.4)),
        online_per_year=float(rng.uniform(0.15, 0.6)),
        web_of_online=float(rng.uniform(0.45, 0.65)),
        tte_ceiling=float(rng.uniform(0.7, 0.97)),
        tte_days=float(rng.uniform(7, 90)),
    )
