"""The plan targets in landing/: ``targets/target_indikator.csv``, replaced whole."""

from __future__ import annotations

from ingestion.deliveries import snapshot_finder
from ingestion.spec import Source
from ingestion.targets.spec import SPEC
from ingestion.targets.vocabulary import SOURCE as TARGETS

FILE_NAME = "target_indikator.csv"


SOURCE = Source(
    name=TARGETS,
    find=snapshot_finder(TARGETS, FILE_NAME),
    spec_for=lambda delivery: SPEC,
    specs=(SPEC,),
    description="Plan targets (targets-v1): the province's targets per indicator from its plans "
    "(RPJMD, Rencana Induk Provinsi Cerdas, Renstra), a whole-file snapshot "
    "(landing/targets/target_indikator.csv) checked daily; a new or changed file replaces them.",
    asset="target_indikator",
    schedule="30 22 * * *",  # 05:30 WIB
    order=50,
)
