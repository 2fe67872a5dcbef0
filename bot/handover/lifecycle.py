"""The referral's status model, borrowed from the HL7 FHIR SDOH Clinical Care guide (Gravity
Project): a referral is a FHIR Task whose status moves

    requested -> accepted | rejected | cancelled
    accepted -> in-progress | on-hold | failed | cancelled
    in-progress -> completed | on-hold | failed | cancelled
    on-hold -> in-progress | failed | cancelled

and rejected, cancelled, completed and failed are final. Who may set a status follows the guide:
the requester (Loketwijzer, for the resident) creates and may cancel; the performer (the receiving
loket) accepts, rejects, starts, pauses, completes or reports a failure. A rejection or a failure
carries a reason from a fixed list and sends the route back to be reconsidered: never a dead end.
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Optional, Tuple

REQUESTED, ACCEPTED, REJECTED, CANCELLED = "requested", "accepted", "rejected", "cancelled"
IN_PROGRESS, ON_HOLD, COMPLETED, FAILED = "in-progress", "on-hold", "completed", "failed"
STATUSES = (REQUESTED, ACCEPTED, REJECTED, CANCELLED, IN_PROGRESS, ON_HOLD, COMPLETED, FAILED)
FINAL = frozenset({REJECTED, CANCELLED, COMPLETED, FAILED})

REQUESTER, PERFORMER = "requester", "performer"  # Loketwijzer for the resident; the receiving loket
ROLES = (REQUESTER, PERFORMER)

# (from, to) -> the role that may make the change
TRANSITIONS: Dict[Tuple[str, str], str] = {
    (REQUESTED, ACCEPTED): PERFORMER, (REQUESTED, REJECTED): PERFORMER, (REQUESTED, CANCELLED): REQUESTER,
    (ACCEPTED, IN_PROGRESS): PERFORMER, (ACCEPTED, ON_HOLD): PERFORMER, (ACCEPTED, FAILED): PERFORMER,
    (ACCEPTED, CANCELLED): REQUESTER,
    (IN_PROGRESS, COMPLETED): PERFORMER, (IN_PROGRESS, ON_HOLD): PERFORMER, (IN_PROGRESS, FAILED): PERFORMER,
    (IN_PROGRESS, CANCELLED): REQUESTER,
    (ON_HOLD, IN_PROGRESS): PERFORMER, (ON_HOLD, FAILED): PERFORMER, (ON_HOLD, CANCELLED): REQUESTER,
}

# why a loket rejects a referral or could not complete it (FHIR Task.statusReason), with the words
# the resident and the staff read
REASONS: Dict[str, str] = {
    "not-our-task": "Dit is niet de taak van dit loket.",
    "no-capacity": "Dit loket heeft nu geen plek of tijd.",
    "not-eligible": "De inwoner komt hier niet voor in aanmerking.",
    "could-not-reach": "Het lukte niet om de inwoner te bereiken.",
    "resident-declined": "De inwoner wil deze hulp niet meer.",
    "consent-withdrawn": "De inwoner heeft de toestemming ingetrokken.",
    "other": "Een andere reden (zie de toelichting).",
}
NEEDS_REASON: FrozenSet[str] = frozenset({REJECTED, FAILED})
RECONSIDER: FrozenSet[str] = frozenset({REJECTED, FAILED})  # the route goes back to be reconsidered


class TransitionRefused(ValueError):
    """A status change the model does not allow; the referral stays as it was."""


def check(current: str, new: str, role: str, reason: Optional[str] = None) -> None:
    """Raise TransitionRefused unless ``role`` may move a referral from ``current`` to ``new``."""
    if new not in STATUSES:
        raise TransitionRefused(f"unknown status '{new}' (known: {', '.join(STATUSES)})")
    if role not in ROLES:
        raise TransitionRefused(f"unknown role '{role}' (known: {', '.join(ROLES)})")
    if current in FINAL:
        raise TransitionRefused(f"the referral is {current}: a final status does not change")
    allowed = TRANSITIONS.get((current, new))
    if allowed is None:
        raise TransitionRefused(f"{current} -> {new} is not a step of the referral's lifecycle")
    if allowed != role:
        raise TransitionRefused(f"{current} -> {new} is for the {allowed}, not the {role}")
    if new in NEEDS_REASON and reason not in REASONS:
        raise TransitionRefused(f"{new} needs a reason from the list: {', '.join(REASONS)}")
    if reason is not None and reason not in REASONS:
        raise TransitionRefused(f"unknown reason '{reason}' (known: {', '.join(REASONS)})")


# what the resident reads when they come back with their reference code (B1)
RESIDENT_TEXT: Dict[str, str] = {
    REQUESTED: "Uw vraag is doorgegeven aan {loket}. Zij hebben hem nog niet opgepakt.",
    ACCEPTED: "{loket} heeft uw vraag aangenomen. Zij nemen contact met u op.",
    IN_PROGRESS: "{loket} is met uw vraag bezig.",
    ON_HOLD: "{loket} heeft uw vraag even stilgezet.",
    COMPLETED: "{loket} heeft uw vraag afgerond.",
    REJECTED: "{loket} kan u niet helpen met deze vraag.",
    FAILED: "Het lukte {loket} niet om u te helpen.",
    CANCELLED: "Deze doorverwijzing is gestopt.",
}
