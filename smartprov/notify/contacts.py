"""The contact list as data: regency/city -> the Diskominfo kab/kota contacts, plus the
provincial recipients of the weekly summary and escalations.

A YAML file (``SMARTPROV_CONTACTS``, default ``$SMARTPROV_HOME/contacts.yaml``; example:
``smartprov/notify/contacts.example.yaml``), validated on load: every key a regency/city code of the
province (smartprov.base.reference), every address a plausible e-mail address, no duplicates.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from smartprov.base import settings
from smartprov.base.reference import regency_codes
from smartprov.base.settings import Paths

PROVINCE = "provinsi"  # the audience key of provincial recipients
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


class ContactError(ValueError):
    """The contact list is missing or invalid; the message names the file and the problem."""


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    nama: str = Field(min_length=1, max_length=200)
    email: str

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        value = value.strip()
        if not _EMAIL.match(value):
            raise ValueError(f"'{value}' is not an e-mail address")
        return value


class Contacts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    provinsi: list[Contact] = Field(min_length=1)
    kabkota: dict[str, list[Contact]] = Field(default_factory=dict)

    @field_validator("kabkota")
    @classmethod
    def _codes(cls, value: dict[str, list[Contact]]) -> dict[str, list[Contact]]:
        known = set(regency_codes())
        unknown = sorted(set(value) - known)
        if unknown:
            raise ValueError(f"not regency/city codes of the province: {', '.join(unknown)}")
        empty = sorted(k for k, people in value.items() if not people)
        if empty:
            raise ValueError(f"no contact for: {', '.join(empty)}")
        return value

    def recipients(self, audience: str) -> list[Contact]:
        """The contacts of a regency/city code, or of ``provinsi``."""
        return list(self.provinsi) if audience == PROVINCE else list(self.kabkota.get(audience, []))


def contacts_path(paths: Paths) -> Path:
    configured = settings.CONTACTS.get()
    return Path(configured) if configured else paths.home / "contacts.yaml"


def load_contacts(path: Path) -> Contacts:
    """Read and validate a contact list; raises :class:`ContactError` naming what is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ContactError(f"{path}: cannot be read ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise ContactError(f"{path}: not valid YAML ({error})") from None
    if not isinstance(data, dict):
        raise ContactError(f"{path}: expected a mapping with 'provinsi' and 'kabkota'")
    data["kabkota"] = {str(k): v for k, v in (data.get("kabkota") or {}).items()}
    try:
        return Contacts.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise ContactError(f"{path}: {problems}") from None
