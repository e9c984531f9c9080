"""The contact list as data: validated against the reference regency codes, example addresses
only in the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartprov.base.reference import regency_codes
from smartprov.notify.contacts import ContactError, load_contacts

PROVINCE = "provinsi: [{nama: A, email: a@x.invalid}]\n"
EXAMPLE = Path(__file__).parents[2] / "smartprov" / "notify" / "contacts.example.yaml"


def test_the_example_is_valid_complete_and_fictitious() -> None:
    contacts = load_contacts(EXAMPLE)
    assert set(contacts.kabkota) == set(regency_codes())
    addresses = [c.email for c in contacts.provinsi] + [
        c.email for people in contacts.kabkota.values() for c in people
    ]
    assert all(a.endswith((".example.org", ".invalid")) for a in addresses)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (PROVINCE + 'kabkota: {"33.99": [{nama: B, email: b@x.invalid}]}', "33.99"),
        (PROVINCE + 'kabkota: {"34.71": [{nama: B, email: b@x.invalid}]}', "34.71"),
        ('provinsi: [{nama: A, email: not-an-address}]', "not-an-address"),
        ("provinsi: []", "provinsi"),
        (PROVINCE + 'kabkota: {"33.76": []}', "33.76"),
        ('provinsi: [{nama: A, email: a@x.invalid, telepon: "0812"}]', "telepon"),
        ("- just a list", "mapping"),
    ],
)  # fmt: skip
def test_invalid_lists_are_refused_naming_the_problem(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "contacts.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContactError, match=problem) as error:
        load_contacts(path)
    assert str(path) in str(error.value)


def test_a_missing_list_is_named(tmp_path: Path) -> None:
    with pytest.raises(ContactError, match="cannot be read"):
        load_contacts(tmp_path / "absent.yaml")
