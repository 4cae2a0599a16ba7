"""Staff sign-in on a terminal: the platform decides; offline, recent verifiers.

Online, `POST /v1/staff/sign-in` checks the PIN (rate limit and lockout are
the platform's) and answers a verifier, kept here in the local cache. When
the platform cannot be reached, only a member who signed in on this terminal
within `OFFLINE_DAYS`, and is still in the center's staff directory as last
received, can sign in, checked against that verifier (keyed by this
terminal's secret). A refusal from the platform (wrong, locked,
throttled) is final: it never falls back to the offline check. When the
request went out but its answer came too late (`SlowAnswer`), a member the
offline check signs in is in; anyone else is told the platform is slow
(`slow`), not that it cannot be reached: it may be up, and may accept the PIN
on a second try. Likewise when the platform answered, but busy, failing or
unreadably (`busy`): it is reachable, and the PIN was not checked.

Blocking (network, scrypt): call from a worker thread.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sync.caches import STAFF, ReferenceCache
from sync.client import PlatformClient, SlowAnswer, TransientError, Unreachable
from sync.protocol.staff import (
    PURPOSE_ROLES,
    OfflineVerifier,
    SignInOutcome,
    SignInPurpose,
    StaffDirectory,
    StaffEntry,
    StaffSignInRequest,
    card_mac,
    verifier_key,
    verify_offline,
)

#: How long after an online sign-in a member may sign in here offline.
OFFLINE_DAYS = 14


@dataclass(frozen=True)
class SignInResult:
    outcome: SignInOutcome
    member: StaffEntry | None = None
    offline: bool = False  # checked against a local verifier
    retry_after_seconds: int = 0
    #: Offline and nobody of this purpose signed in here recently.
    no_verifier: bool = False
    #: The platform got the request but did not answer in time, and no local
    #: verifier signed the member in: try again (no wrong PIN to count here).
    slow: bool = False
    #: The platform answered busy, failing or unreadably, and no local verifier
    #: signed the member in: try again (the PIN was not checked; no wrong PIN).
    busy: bool = False
    #: A center manager signed in online: the session of the manager's requests.
    manager_session: str | None = None


class StaffSignIn:
    def __init__(self, client: PlatformClient, cache: ReferenceCache, signing_key: bytes, *,
                 clock: Callable[[], float] = time.time) -> None:
        self._client = client
        self._cache = cache
        self._key = verifier_key(signing_key)
        self._clock = clock

    def sign_in(self, purpose: SignInPurpose, pin: str, *, staff_no: str | None = None,
                card_uid: str | None = None) -> SignInResult:
        request = StaffSignInRequest(purpose=purpose, pin=pin, staff_no=staff_no,
                                     card_uid=card_uid)
        try:
            answer = self._client.staff_sign_in(request)
        except SlowAnswer:
            return self._unchecked(request, slow=True)
        except Unreachable:
            return self.offline(request)
        except TransientError:  # an answer: 5xx, 429, garbled or oversized
            return self._unchecked(request, busy=True)
        if answer.outcome is SignInOutcome.SIGNED_IN and answer.verifier is not None:
            self._cache.put_staff_verifier(answer.verifier)
        return SignInResult(answer.outcome, answer.member,
                            retry_after_seconds=answer.retry_after_seconds,
                            manager_session=answer.manager_session)

    def _unchecked(self, request: StaffSignInRequest, *, slow: bool = False,
                   busy: bool = False) -> SignInResult:
        """The platform did not give its verdict: a member a local verifier signs in
        is in; anyone else is told why, with no wrong PIN to count."""
        local = self.offline(request)
        if local.outcome is SignInOutcome.SIGNED_IN:
            return local
        return SignInResult(SignInOutcome.WRONG, offline=True, slow=slow, busy=busy)

    def offline(self, request: StaffSignInRequest) -> SignInResult:
        """Against the verifiers of members who signed in here recently."""
        since = datetime.fromtimestamp(self._clock(), UTC) - timedelta(days=OFFLINE_DAYS)
        roles = PURPOSE_ROLES[request.purpose.value]
        listed = self._listed()
        recent = [v for v in self._cache.staff_verifiers()
                  if v.issued_at >= since and v.member.role in roles
                  and (listed is None or v.member.staff_no in listed)]
        candidates = [v for v in recent if self._names(v, request)]
        if not recent:
            return SignInResult(SignInOutcome.WRONG, offline=True, no_verifier=True)
        matched = None
        for verifier in candidates:  # check all: no timing hint of which one
            if verify_offline(self._key, request.pin, verifier):
                matched = matched or verifier.member
        outcome = SignInOutcome.SIGNED_IN if matched else SignInOutcome.WRONG
        return SignInResult(outcome, matched, offline=True)

    def _listed(self) -> set[str] | None:
        """Staff numbers of the center's directory as last received (None: never
        received): a member the manager deactivated drops out of it, and so can no
        longer sign in here offline either."""
        cached = self._cache.get(STAFF, StaffDirectory)
        return {entry.staff_no for entry in cached.value.staff} if cached is not None else None

    def _names(self, verifier: OfflineVerifier, request: StaffSignInRequest) -> bool:
        if request.card_uid is not None:
            return verifier.card_mac is not None and hmac.compare_digest(
                verifier.card_mac, card_mac(self._key, request.card_uid))
        if request.staff_no is not None:
            return verifier.member.staff_no == request.staff_no
        return request.purpose is SignInPurpose.TECHNICIAN
