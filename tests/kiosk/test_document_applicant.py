"""A resident identified by a passport or a foreigner's card applies at the kiosk:
the application reaches the platform with the document's kind and issuing country
(a passport number alone is not a person), and the screens mask the number as a
passport number, not as an ID card's."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from hardware.facematch import MatchOutcome, MatchResult
from hardware.identity import DocumentKind, IdentityRecord, Sex
from tests.kiosk import apply_fixtures
from tests.kiosk.apply_fixtures import ApplyEnv
from tests.kiosk.test_apply_flow import apply_through_review, submit_and_wait_done

apply_env = apply_fixtures.apply_env  # the fixture, used by name below


def passport_holder() -> IdentityRecord:
    return IdentityRecord(
        name="ANNA MARIA ERIKSSON", sex=Sex.FEMALE, ethnicity="", birth_date=date(1969, 8, 6),
        address="", id_number="L898902C", valid_until=date(2094, 6, 23), source="chip",
        kind=DocumentKind.PASSPORT, name_en="ANNA MARIA ERIKSSON", nationality="UTO")


def test_a_passport_holders_application_carries_the_document(apply_env: ApplyEnv,
                                                             qtbot: QtBot) -> None:
    env = apply_env
    env.context.session.identity = passport_holder()  # as the chip read gives it
    env.context.session.face_match = MatchResult(MatchOutcome.MATCHED, 0.312, 0.55)
    review = apply_through_review(env, qtbot)
    shown = [label.text() for label in review.table.findChildren(type(review.heading))]
    assert any("L*****2C" in text for text in shown), shown
    assert not any("L898902C" in text or "********" in text for text in shown)
    outcome = submit_and_wait_done(env, qtbot)
    assert env.drain() >= 1
    [stored] = env.platform_rows("application")
    assert stored["tracking_number"] == outcome.tracking_number
    applicant = stored["applicant"]
    assert (applicant["id_number"], applicant["document_kind"], applicant["nationality"]) == (
        "L898902C", "passport", "UTO")
    # the face check's figures go with the application, never an image
    assert (stored["face_match"], stored["face_distance"], stored["face_threshold"]) == (
        "matched", 0.312, 0.55)
    assert "L*****2C" in outcome.person and "L898902C" not in outcome.person
