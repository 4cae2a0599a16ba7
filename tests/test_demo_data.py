"""The demo reference data in resources/demo loads through the wire models."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from sync.protocol.models import (
    Catalog,
    FieldType,
    HandlingType,
    NoticeList,
    StaffRoster,
)
from sync.protocol.pin_hash import hash_pin, verify_pin

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"

# Must match the table in resources/demo/README.md.
DEMO_PINS = {
    "1001": "246810",
    "1002": "135790",
    "1003": "112233",
    "1004": "445566",
    "2001": "860214",
    "9001": "909090",
    "8001": "135246",
}
REQUIRED_DEPARTMENT_NAMES = (
    "民政",
    "人力资源和社会保障",
    "医疗保障",
    "卫生健康",
    "住房保障",
    "公安",
    "退役军人",
    "物业",
)


class QueueCategory(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str = Field(min_length=1, max_length=8)
    prefix: str = Field(pattern=r"^[A-Z]$")
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    departments: list[str]


class QueueCategories(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    categories: list[QueueCategory]


def _load(name: str) -> str:
    return (DEMO / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.model_validate_json(_load("catalog.json"))


@pytest.fixture(scope="module")
def queues() -> QueueCategories:
    return QueueCategories.model_validate_json(_load("queue_categories.json"))


def test_catalog_counts(catalog: Catalog) -> None:
    assert len(catalog.departments) >= 8
    assert len(catalog.matters) >= 44
    names = " ".join(d.name_zh for d in catalog.departments)
    for wanted in REQUIRED_DEPARTMENT_NAMES:
        assert wanted in names


def test_codes_unique(catalog: Catalog) -> None:
    dept_codes = [d.code for d in catalog.departments]
    matter_codes = [m.code for m in catalog.matters]
    assert not [c for c, n in Counter(dept_codes).items() if n > 1]
    assert not [c for c, n in Counter(matter_codes).items() if n > 1]


def test_every_matter_department_exists(catalog: Catalog) -> None:
    dept_codes = {d.code for d in catalog.departments}
    assert {m.department for m in catalog.matters} <= dept_codes
    for m in catalog.matters:
        assert m.code.startswith(f"{m.department}-"), m.code


def test_every_department_has_matters(catalog: Catalog) -> None:
    used = {m.department for m in catalog.matters}
    assert used == {d.code for d in catalog.departments}


def test_handling_and_time_limits(catalog: Catalog) -> None:
    for m in catalog.matters:
        if m.handling is HandlingType.COMMITTED:
            assert 1 <= m.time_limit_days <= 20, m.code
        else:
            assert m.time_limit_days == 0, m.code
    handlings = Counter(m.handling for m in catalog.matters)
    assert handlings[HandlingType.IMMEDIATE] and handlings[HandlingType.COMMITTED]


def test_texts_present(catalog: Catalog) -> None:
    for m in catalog.matters:
        assert m.name_zh and m.name_en and m.category, m.code
        assert m.description_zh and m.description_en, m.code
        assert m.category.isascii() and m.category.islower(), m.code


def test_materials(catalog: Catalog) -> None:
    for m in catalog.matters:
        assert 2 <= len(m.materials) <= 5, m.code
        codes = [x.code for x in m.materials]
        assert len(codes) == len(set(codes)), m.code
        assert all(x.name_zh and x.name_en for x in m.materials), m.code


def test_form_fields(catalog: Catalog) -> None:
    seen: Counter[FieldType] = Counter()
    for m in catalog.matters:
        types = {f.type for f in m.fields}
        assert FieldType.ID_NUMBER in types, m.code
        assert FieldType.PHONE in types, m.code
        keys = [f.key for f in m.fields]
        assert len(keys) == len(set(keys)), m.code
        for f in m.fields:
            seen[f.type] += 1
            if f.type is FieldType.CHOICE:
                assert len(f.choices) >= 2, (m.code, f.key)
                assert len(f.choices) == len(set(f.choices)), (m.code, f.key)
            else:
                assert not f.choices, (m.code, f.key)
    assert set(seen) == set(FieldType), "every field type is demonstrated"


def test_kiosk_and_appointment_flags(catalog: Catalog) -> None:
    kiosk = [m.kiosk_allowed for m in catalog.matters]
    assert kiosk.count(True) > len(kiosk) // 2
    assert kiosk.count(False) >= 1
    assert 1 <= sum(m.needs_appointment for m in catalog.matters) < len(kiosk) // 2


def test_queue_categories(catalog: Catalog, queues: QueueCategories) -> None:
    codes = [q.code for q in queues.categories]
    assert len(codes) == 4 and len(set(codes)) == 4
    assert len({q.prefix for q in queues.categories}) == 4
    assert {m.queue_category for m in catalog.matters} <= set(codes)
    # Each department belongs to exactly one queue, matching its matters.
    queue_of = {d: q.code for q in queues.categories for d in q.departments}
    assert sum(len(q.departments) for q in queues.categories) == len(queue_of)
    assert set(queue_of) == {d.code for d in catalog.departments}
    for m in catalog.matters:
        assert m.queue_category == queue_of[m.department], m.code


def test_notices() -> None:
    notices = NoticeList.model_validate_json(_load("notices.json")).notices
    assert 6 <= len(notices) <= 8
    assert len({n.id for n in notices}) == len(notices)
    for n in notices:
        assert n.title_zh and n.title_en and n.body_zh and n.body_en
        assert n.published_at.tzinfo is not None


def test_staff_roster() -> None:
    staff = StaffRoster.model_validate_json(_load("staff.json")).staff
    assert len(staff) == 7
    assert len({s.staff_no for s in staff}) == 7
    roles = Counter(s.role for s in staff)
    assert roles["clerk"] >= 1 and roles["supervisor"] >= 1 and roles["technician"] >= 1
    assert [s.center for s in staff if s.role == "manager"] == ["C001"]
    assert {s.staff_no for s in staff} == set(DEMO_PINS)
    for s in staff:
        assert s.pin_hash.startswith("scrypt$"), s.staff_no
        assert verify_pin(DEMO_PINS[s.staff_no], s.pin_hash), s.staff_no
        assert not verify_pin("000000", s.pin_hash), s.staff_no


def test_readme_documents_every_pin() -> None:
    readme = _load("README.md")
    for staff_no, pin in DEMO_PINS.items():
        assert f"| {staff_no} |" in readme and f"| {pin} |" in readme


def test_pin_hash_round_trip_and_malformed() -> None:
    encoded = hash_pin("1234", n=2**10)
    assert verify_pin("1234", encoded)
    assert not verify_pin("1235", encoded)
    assert hash_pin("1234", n=2**10) != encoded  # random salt
    for bad in (
        "",
        "scrypt$",
        "bcrypt$16384$8$1$AA==$AA==",
        "scrypt$x$8$1$AA==$AA==",
        "scrypt$16384$8$1$!!$AA==",
        "scrypt$1000$8$1$AAAA$" + "A" * 44,
        "scrypt$1073741824$8$1$AAAA$" + "A" * 44,
    ):
        assert not verify_pin("1234", bad), bad
