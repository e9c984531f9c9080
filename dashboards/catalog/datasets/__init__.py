"""Datasets: physical datasets on the serving marts, one module per domain.

Physical datasets carry the serving tables' names, so analysts find in Superset what they find
in SQL. Every dataset takes its columns, types, labels and descriptions from the dbt YAML of
its mart (:func:`.common.mart_dataset`; ``meta.label`` is the label, the one place a column is
described); a module adds only metrics and a few calculated columns. Modelling belongs in dbt,
so no dataset carries SQL: the former virtual datasets are marts now (``mart_*_dashboard``) and
keep their UUIDs.
"""

from __future__ import annotations

from dashboards.catalog.datasets.common import N_WILAYAH, PROVINCE
from dashboards.catalog.datasets.dprd import MART_DASHBOARD_HEADER, MART_MAP_KABKOTA
from dashboards.catalog.datasets.lapor import (
    FCT_COMPLAINT_REPORTS,
    FCT_LAPOR_COMPLAINTS,
    MART_LAPOR_BACKLOG,
    MART_LAPOR_KATEGORI,
    MART_LAPOR_SLA_BULANAN,
    MART_LAPOR_SLA_JENIS,
    MART_LAPOR_SLA_KABKOTA,
    MART_LAPOR_SLA_KANAL,
)
from dashboards.catalog.datasets.receipts import MART_DELIVERY_RECEIPTS
from dashboards.catalog.datasets.rollout import (
    DIM_WILAYAH,
    MART_ROLLOUT_INACTIVE,
    MART_ROLLOUT_KABKOTA,
    MART_ROLLOUT_VILLAGE,
    ROLLOUT_KABKOTA_LABEL,
)
from dashboards.catalog.datasets.scorecard import (
    MART_ECONOMY,
    MART_ENVIRONMENT,
    MART_SCORECARD_KABKOTA,
    MART_TARGET_CAPAIAN,
    MART_TOURISM,
    SKOR_KABKOTA,
)
from dashboards.catalog.datasets.service import (
    MART_ADOPTION_KABKOTA_MONTHLY,
    MART_ADOPTION_MONTHLY,
    MART_DELIVERY_STATUS,
)

SERVING_V1 = (
    DIM_WILAYAH,
    MART_ROLLOUT_VILLAGE,
    MART_ROLLOUT_KABKOTA,
    MART_LAPOR_SLA_KABKOTA,
    MART_SCORECARD_KABKOTA,
    MART_MAP_KABKOTA,
    MART_DASHBOARD_HEADER,
)
MARTS = (
    MART_ROLLOUT_INACTIVE,
    MART_ADOPTION_KABKOTA_MONTHLY,
    MART_ADOPTION_MONTHLY,
    MART_DELIVERY_STATUS,
    MART_DELIVERY_RECEIPTS,
    MART_LAPOR_KATEGORI,
    MART_LAPOR_BACKLOG,
    MART_LAPOR_SLA_BULANAN,
    MART_LAPOR_SLA_JENIS,
    FCT_LAPOR_COMPLAINTS,
    FCT_COMPLAINT_REPORTS,
    MART_LAPOR_SLA_KANAL,
    MART_ECONOMY,
    MART_ENVIRONMENT,
    MART_TOURISM,
    MART_TARGET_CAPAIAN,
)
# marts shaped for one dashboard (were virtual datasets; same UUIDs)
DASHBOARD_MARTS = (ROLLOUT_KABKOTA_LABEL, SKOR_KABKOTA)
ALL_DATASETS = SERVING_V1 + MARTS + DASHBOARD_MARTS

__all__ = [
    "N_WILAYAH",
    "PROVINCE",
    "ALL_DATASETS",
    "DASHBOARD_MARTS",
    "DIM_WILAYAH",
    "FCT_COMPLAINT_REPORTS",
    "FCT_LAPOR_COMPLAINTS",
    "MARTS",
    "MART_ADOPTION_KABKOTA_MONTHLY",
    "MART_ADOPTION_MONTHLY",
    "MART_DELIVERY_RECEIPTS",
    "MART_DASHBOARD_HEADER",
    "MART_MAP_KABKOTA",
    "MART_DELIVERY_STATUS",
    "MART_ECONOMY",
    "MART_ENVIRONMENT",
    "MART_LAPOR_BACKLOG",
    "MART_LAPOR_KATEGORI",
    "MART_LAPOR_SLA_BULANAN",
    "MART_LAPOR_SLA_JENIS",
    "MART_LAPOR_SLA_KABKOTA",
    "MART_LAPOR_SLA_KANAL",
    "MART_ROLLOUT_INACTIVE",
    "MART_ROLLOUT_KABKOTA",
    "MART_ROLLOUT_VILLAGE",
    "MART_SCORECARD_KABKOTA",
    "MART_TARGET_CAPAIAN",
    "MART_TOURISM",
    "ROLLOUT_KABKOTA_LABEL",
    "SERVING_V1",
    "SKOR_KABKOTA",
]
