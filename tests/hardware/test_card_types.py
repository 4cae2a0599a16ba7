"""Residence permits and foreigners' cards on GA 467 readers (through the simulator),
and the document-number rules of every kind."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from hardware.documents import mask_document_number, mask_person_name, validate_document_number
from hardware.idcard import card_types, ga467
from hardware.idcard.ga467_sim import DEMO_CARDS, Ga467Simulator
from hardware.idcard.serial_reader import SerialIdCardReader
from hardware.identity import CardRejected, DocumentKind, IdNumberProblem, Sex


@pytest.fixture
def sim() -> Iterator[Ga467Simulator]:
    with Ga467Simulator() as simulator:
        yield simulator


@pytest.fixture
def reader(sim: Ga467Simulator) -> Iterator[SerialIdCardReader]:
    driver = SerialIdCardReader(sim.port, step_timeout=0.3, retries=3)
    yield driver
    driver.close()


@pytest.mark.parametrize(("card", "kind", "letter"), [
    ("resident", DocumentKind.RESIDENT_ID, " "),
    ("hmt", DocumentKind.HMT_PERMIT, "J"),
    ("foreign2017", DocumentKind.FOREIGN_PR_2017, "I"),
    ("foreign2023", DocumentKind.FOREIGN_PR_2023, "Y"),
])
def test_each_card_kind_is_read_through_the_simulator(
        sim: Ga467Simulator, reader: SerialIdCardReader, card: str, kind: DocumentKind,
        letter: str) -> None:
    sim.identity = DEMO_CARDS[card]()
    record = reader.read_card(timeout=3)
    assert record == DEMO_CARDS[card]()
    assert record is not None and record.kind is kind
    assert card_types.card_kind(ga467.encode_text_block(record)) == letter


def test_fields_land_where_each_layout_puts_them() -> None:
    hmt = ga467.encode_text_block(DEMO_CARDS["hmt"]())
    assert hmt[220:238].decode("utf-16-le").strip() == "H60123456"  # travel pass number
    assert hmt[248:250].decode("utf-16-le") == "J"
    old = ga467.encode_text_block(DEMO_CARDS["foreign2017"]())
    assert old[:120].decode("utf-16-le").strip() == "SMITH, JANE"
    assert old[122:152].decode("utf-16-le").strip() == "USA110083081512"
    assert old[152:158].decode("utf-16-le") == "USA"
    new = ga467.encode_text_block(DEMO_CARDS["foreign2023"]())
    assert new[:30].decode("utf-16-le").strip() == "史密斯"
    assert new[52:122].decode("utf-16-le").strip() == "SMITH, JOHN"
    assert new[122:158].decode("utf-16-le").strip() == "911840198308150010"


def test_a_foreign_card_whose_number_disagrees_with_its_birth_date_is_rejected(
        sim: Ga467Simulator, reader: SerialIdCardReader) -> None:
    sim.identity = replace(DEMO_CARDS["foreign2023"](), birth_date=date(1984, 8, 15))
    with pytest.raises(CardRejected, match="number 1983"):
        reader.read_card(timeout=3)


def test_unknown_card_type_and_bad_numbers_are_refused() -> None:
    block = bytearray(ga467.encode_text_block(DEMO_CARDS["hmt"]()))
    block[248:250] = "Q".encode("utf-16-le")
    with pytest.raises(ga467.TextBlockError, match="card type 'Q'"):
        ga467.parse_text_block(bytes(block))
    wrong = replace(DEMO_CARDS["foreign2017"](), nationality="CAN")
    with pytest.raises(ga467.TextBlockError, match="nationality is CAN"):
        ga467.parse_text_block(ga467.encode_text_block(wrong))


@pytest.mark.parametrize(("kind", "number", "problem"), [
    (DocumentKind.RESIDENT_ID, "11010519491231002X", None),
    (DocumentKind.HMT_PERMIT, "810000199001011230", None),
    (DocumentKind.HMT_PERMIT, "11010519491231002X", IdNumberProblem.REGION),
    (DocumentKind.HMT_PERMIT, "810000199001011231", IdNumberProblem.CHECK_DIGIT),
    (DocumentKind.FOREIGN_PR_2023, "911840198308150010", None),
    (DocumentKind.FOREIGN_PR_2023, "911840198308150011", IdNumberProblem.CHECK_DIGIT),
    (DocumentKind.FOREIGN_PR_2023, "999840198308150010", IdNumberProblem.REGION),
    (DocumentKind.FOREIGN_PR_2023, "911840198313150010", IdNumberProblem.BIRTH_DATE),
    (DocumentKind.FOREIGN_PR_2023, "USA110083081512", IdNumberProblem.FORMAT),
    (DocumentKind.FOREIGN_PR_2017, "usa110083081512", None),
    (DocumentKind.FOREIGN_PR_2017, "US1110083081512", IdNumberProblem.FORMAT),
    (DocumentKind.PASSPORT, "L898902C", None),
    (DocumentKind.PASSPORT, "L898902C-", IdNumberProblem.FORMAT),
])
def test_number_rules_per_kind(kind: DocumentKind, number: str,
                               problem: IdNumberProblem | None) -> None:
    assert validate_document_number(kind, number, today=date(2026, 12, 5)).problem == problem


def test_masking_per_kind() -> None:
    assert mask_person_name("ANNA MARIA ERIKSSON") == "A*** M**** E*******"
    assert mask_person_name("SMITH, JOHN") == "S**** J***"
    assert mask_person_name("张三丰") == "张*丰"
    assert mask_document_number(DocumentKind.RESIDENT_ID, "11010519491231002X") == \
        "110105********002X"
    assert mask_document_number(DocumentKind.FOREIGN_PR_2017, "USA110083081512") == \
        "USA********1512"
    assert mask_document_number(DocumentKind.PASSPORT, "L898902C") == "L*****2C"
    assert mask_document_number(DocumentKind.PASSPORT, "E12") == "***"


def test_repr_and_wipe_hide_the_new_fields() -> None:
    record = DEMO_CARDS["foreign2023"]()
    assert "SMITH" not in repr(record) and "911840198308150010" not in repr(record)
    assert record.sex is Sex.MALE
    record.wipe()
    assert record.wiped and record.name_en == "" and record.nationality == ""
