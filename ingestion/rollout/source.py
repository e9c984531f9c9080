"""The rollout register in landing/: ``rollout/rollout_register.csv``."""

from __future__ import annotations

from ingestion.deliveries import snapshot_finder
from ingestion.rollout.spec import SPEC
from ingestion.sources import ROLLOUT
from ingestion.spec import Source

FILE_NAME = "rollout_register.csv"


SOURCE = Source(
    name=ROLLOUT,
    find=snapshot_finder(ROLLOUT, FILE_NAME),
    spec_for=lambda delivery: SPEC,
    specs=(SPEC,),
    description="Rollout register: Diskominfo's programme register (landing/rollout/), a "
    "whole-file snapshot checked daily; a new or changed file is loaded.",
    asset="rollout_register",
    schedule="0 22 * * *",  # 05:00 WIB
    order=30,
)
