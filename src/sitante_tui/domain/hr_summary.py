"""The session summary HR receives: exactly what the coachee saw on the review screen.

Never notes, never transcripts. ``to_dict``/``from_dict`` validate every field (errors name it);
``canonical_json`` is the byte string the coach signs.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitante_tui.domain.models import Coach, Coachee, Engagement, Session

SCHEMA_VERSION = 1
KINDS = ("coaching", "mentoring")
FORMS = ("one_on_one", "group")
DELIVERY_MODES = ("face_to_face", "phone", "whatsapp", "zoom", "other_online")  # models.Delivery
PHOTO_MEDIA_TYPES = ("image/jpeg", "image/png")
SELF_RATING_RANGE = (1, 10)
COACH_RATING_RANGE = (1, 5)
MAX_TEXT = 20_000  # a reflection or an action longer than this is a paste accident, not a form


class SummaryVerdict(StrEnum):
    """What opening one sealed summary found. Only ``ok`` summaries count in the dashboard."""

    OK = "ok"
    TAMPERED = "tampered"  # ciphertext, signature or metadata altered
    UNKNOWN_SIGNER = "unknown_signer"  # signed by a key the store never published
    UNAPPROVED_SIGNER = "unapproved_signer"  # published, but HR has not approved it
    NOT_FOR_ME = "not_for_me"  # sealed to another HR identity
    MALFORMED = "malformed"  # decrypts and verifies, but is not a valid summary


class SummaryFieldError(ValueError):
    """A summary field is missing or invalid.

    Attributes:
        field: dotted name of the field (``action_plan[2].who``).
        reason: short machine code (``missing``, ``type``, ``range``, ``choice``, ``mismatch``).
    """

    def __init__(self, field: str, reason: str, detail: str = "") -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}" + (f" ({detail})" if detail else ""))


def summary_id_for(session_id: str, coachee_id: str) -> str:
    """The deterministic id of one coachee's summary of one session.

    Re-closing a session gives the same id, so the store upserts instead of duplicating. The ids
    hashed are random record ids, so the result reveals nothing personal.
    """
    digest = hashlib.sha256(f"sitante/hr-summary/v1\0{session_id}\0{coachee_id}".encode())
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class ActionPlanRow:
    """One row of the agreed action plan (the booklet's step 4).

    ``when`` is the text the coachee agreed to; ``due_on`` the date when one was picked, used by
    the follow-up recap to tell due from overdue.
    """

    action: str
    when: str = ""
    who: str = ""
    resources: str = ""
    expected_result: str = ""
    due_on: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "when": self.when,
            "who": self.who,
            "resources": self.resources,
            "expected_result": self.expected_result,
            "due_on": self.due_on.isoformat() if self.due_on else None,
        }

    @classmethod
    def from_dict(cls, data: object, where: str) -> ActionPlanRow:
        d = _mapping(data, where)
        return cls(
            action=_text(d, "action", where, required=True),
            when=_text(d, "when", where),
            who=_text(d, "who", where),
            resources=_text(d, "resources", where),
            expected_result=_text(d, "expected_result", where),
            due_on=_opt_date(d, "due_on", where),
        )


@dataclass(frozen=True)
class PhotoRef:
    """Reference to the photo evidence; the bytes travel sealed in a separate file.

    The sha256 sits inside the signed summary, so the signature covers the photo too.
    """

    filename: str
    media_type: str
    size: int
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "media_type": self.media_type,
            "size": self.size,
            "sha256": self.sha256,
        }

    @classmethod
    def from_dict(cls, data: object, where: str) -> PhotoRef:
        d = _mapping(data, where)
        ref = cls(
            filename=_text(d, "filename", where, required=True),
            media_type=_text(d, "media_type", where, required=True),
            size=_int(d, "size", where),
            sha256=_text(d, "sha256", where, required=True),
        )
        if ref.media_type not in PHOTO_MEDIA_TYPES:
            raise SummaryFieldError(f"{where}.media_type", "choice", ref.media_type)
        if ref.size < 0:
            raise SummaryFieldError(f"{where}.size", "range")
        if len(ref.sha256) != 64 or any(c not in "0123456789abcdef" for c in ref.sha256):
            raise SummaryFieldError(f"{where}.sha256", "type", "64 lowercase hex digits")
        return ref


@dataclass(frozen=True)
class SessionSummary:
    """One coachee's summary of one closed session, as shown on the coachee review screen.

    A group session yields one summary per coachee (same ``session_id``, shared ``big_goal``).
    """

    session_id: str
    coach_id: str
    coach_name: str
    coachee_id: str
    coachee_name: str
    coachee_unit: str
    coachee_position: str
    engagement_id: str
    kind: str
    form: str
    engagement_started_on: date
    session_number: int
    held_on: date
    started_at: datetime
    duration_minutes: float
    delivery_mode: str
    agenda_topic: str
    coachee_nip: str | None = None
    stage_durations: Mapping[str, float] = field(default_factory=dict)
    self_rating: int | None = None
    action_plan: tuple[ActionPlanRow, ...] = ()
    options_count: int = 0
    next_session_on: date | None = None
    reflection: str = ""
    coach_rating: int | None = None
    coach_change_requested: bool = False
    big_goal: str = ""
    photo: PhotoRef | None = None
    engagement_completed: bool = False
    midpoint_reviews: tuple[date, ...] = ()

    def __post_init__(self) -> None:
        _check_summary(self)

    @property
    def summary_id(self) -> str:
        """Deterministic from (session id, coachee id): see :func:`summary_id_for`."""
        return summary_id_for(self.session_id, self.coachee_id)

    @property
    def coachee_key(self) -> str:
        """Who the coachee is across coaches: the NIP when known, else the coach-side id."""
        return f"nip:{self.coachee_nip}" if self.coachee_nip else f"id:{self.coachee_id}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings), ``summary_id`` and ``schema`` included."""
        return {
            "schema": SCHEMA_VERSION,
            "summary_id": self.summary_id,
            "session_id": self.session_id,
            "coach_id": self.coach_id,
            "coach_name": self.coach_name,
            "coachee_id": self.coachee_id,
            "coachee_name": self.coachee_name,
            "coachee_unit": self.coachee_unit,
            "coachee_position": self.coachee_position,
            "coachee_nip": self.coachee_nip,
            "engagement_id": self.engagement_id,
            "kind": self.kind,
            "form": self.form,
            "engagement_started_on": self.engagement_started_on.isoformat(),
            "session_number": self.session_number,
            "held_on": self.held_on.isoformat(),
            "started_at": self.started_at.isoformat(),
            "duration_minutes": self.duration_minutes,
            "delivery_mode": self.delivery_mode,
            "agenda_topic": self.agenda_topic,
            "stage_durations": dict(self.stage_durations),
            "self_rating": self.self_rating,
            "action_plan": [row.to_dict() for row in self.action_plan],
            "options_count": self.options_count,
            "next_session_on": self.next_session_on.isoformat() if self.next_session_on else None,
            "reflection": self.reflection,
            "coach_rating": self.coach_rating,
            "coach_change_requested": self.coach_change_requested,
            "big_goal": self.big_goal,
            "photo": self.photo.to_dict() if self.photo else None,
            "engagement_completed": self.engagement_completed,
            "midpoint_reviews": [day.isoformat() for day in self.midpoint_reviews],
        }

    @classmethod
    def from_dict(cls, data: object) -> SessionSummary:
        """Parse and validate; raises :class:`SummaryFieldError` naming the bad field."""
        d = _mapping(data, "summary")
        schema = d.get("schema", SCHEMA_VERSION)
        if schema != SCHEMA_VERSION:
            raise SummaryFieldError("schema", "choice", f"unsupported schema {schema!r}")
        w = ""
        summary = cls(
            session_id=_text(d, "session_id", w, required=True),
            coach_id=_text(d, "coach_id", w, required=True),
            coach_name=_text(d, "coach_name", w, required=True),
            coachee_id=_text(d, "coachee_id", w, required=True),
            coachee_name=_text(d, "coachee_name", w, required=True),
            coachee_unit=_text(d, "coachee_unit", w),
            coachee_position=_text(d, "coachee_position", w),
            coachee_nip=_text(d, "coachee_nip", w) or None,
            engagement_id=_text(d, "engagement_id", w, required=True),
            kind=_text(d, "kind", w, required=True),
            form=_text(d, "form", w, required=True),
            engagement_started_on=_date(d, "engagement_started_on", w),
            session_number=_int(d, "session_number", w),
            held_on=_date(d, "held_on", w),
            started_at=_datetime(d, "started_at", w),
            duration_minutes=_number(d, "duration_minutes", w),
            delivery_mode=_text(d, "delivery_mode", w, required=True),
            agenda_topic=_text(d, "agenda_topic", w),
            stage_durations=_stage_durations(d.get("stage_durations", {})),
            self_rating=_opt_int(d, "self_rating", w),
            action_plan=tuple(
                ActionPlanRow.from_dict(row, f"action_plan[{i}]")
                for i, row in enumerate(_list(d.get("action_plan", []), "action_plan"))
            ),
            options_count=_int(d, "options_count", w, default=0),
            next_session_on=_opt_date(d, "next_session_on", w),
            reflection=_text(d, "reflection", w),
            coach_rating=_opt_int(d, "coach_rating", w),
            coach_change_requested=_bool(d, "coach_change_requested", w),
            big_goal=_text(d, "big_goal", w),
            photo=PhotoRef.from_dict(d["photo"], "photo") if d.get("photo") else None,
            engagement_completed=_bool(d, "engagement_completed", w),
            midpoint_reviews=tuple(
                _date({"day": v}, "day", f"midpoint_reviews[{i}]")
                for i, v in enumerate(_list(d.get("midpoint_reviews", []), "midpoint_reviews"))
            ),
        )
        claimed = d.get("summary_id")
        if claimed is not None and claimed != summary.summary_id:
            raise SummaryFieldError("summary_id", "mismatch")
        return summary


@dataclass(frozen=True)
class SealedSummary:
    """A summary as it travels and is stored: age ciphertext plus the minimum in plain text.

    The plain fields reveal no personal data: a hashed id, the schema, the sealing time (UTC,
    ISO 8601) and the first 16 hex digits of the signer's key hash.
    """

    summary_id: str
    schema: int
    created_at: str
    coach_key_id: str
    ciphertext: bytes

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready dict (ciphertext in base64) for TinyDB and the outbox."""
        return {
            "summary_id": self.summary_id,
            "schema": self.schema,
            "created_at": self.created_at,
            "coach_key_id": self.coach_key_id,
            "ciphertext": base64.b64encode(self.ciphertext).decode("ascii"),
        }

    @classmethod
    def from_record(cls, data: object) -> SealedSummary:
        """Parse a stored record; raises :class:`SummaryFieldError` naming the bad field."""
        d = _mapping(data, "record")
        try:
            ciphertext = base64.b64decode(_text(d, "ciphertext", "", required=True), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise SummaryFieldError("ciphertext", "type", "expected base64") from exc
        created_at = _text(d, "created_at", "", required=True)
        _datetime(d, "created_at", "")
        return cls(
            summary_id=_text(d, "summary_id", "", required=True),
            schema=_int(d, "schema", ""),
            created_at=created_at,
            coach_key_id=_text(d, "coach_key_id", "", required=True),
            ciphertext=ciphertext,
        )

    @property
    def created(self) -> datetime:
        """``created_at`` parsed: the later of two versions of a summary wins."""
        return datetime.fromisoformat(self.created_at)

    def digest(self) -> str:
        """SHA-256 over the plain fields and the ciphertext: a cache key for one exact record."""
        return self._digest

    @functools.cached_property
    def _digest(self) -> str:
        meta = [self.summary_id, str(self.schema), self.created_at, self.coach_key_id]
        h = hashlib.sha256(canonical_json({"meta": meta}))
        h.update(self.ciphertext)
        return h.hexdigest()


def canonical_json(data: Mapping[str, Any]) -> bytes:
    """The one byte encoding that is signed: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def _check_summary(s: SessionSummary) -> None:
    for name in ("session_id", "coach_id", "coachee_id", "engagement_id"):
        if not getattr(s, name).strip():
            raise SummaryFieldError(name, "missing")
    checks: list[tuple[str, str, bool]] = [
        ("kind", "choice", s.kind in KINDS),
        ("form", "choice", s.form in FORMS),
        ("delivery_mode", "choice", s.delivery_mode in DELIVERY_MODES),
        ("session_number", "range", s.session_number >= 1),
        (
            "duration_minutes",
            "range",
            math.isfinite(s.duration_minutes) and s.duration_minutes >= 0,
        ),
        ("options_count", "range", s.options_count >= 0),
        ("held_on", "range", s.held_on >= s.engagement_started_on),
        ("self_rating", "range", _in_range(s.self_rating, SELF_RATING_RANGE)),
        ("coach_rating", "range", _in_range(s.coach_rating, COACH_RATING_RANGE)),
    ]
    if s.next_session_on is not None:
        checks.append(("next_session_on", "range", s.next_session_on >= s.held_on))
    for name, reason, ok in checks:
        if not ok:
            raise SummaryFieldError(name, reason, repr(getattr(s, name)))
    for stage, seconds in s.stage_durations.items():
        if not stage or not math.isfinite(seconds) or seconds < 0:
            raise SummaryFieldError(f"stage_durations.{stage}", "range")
    for name in ("reflection", "agenda_topic", "big_goal"):
        if len(getattr(s, name)) > MAX_TEXT:
            raise SummaryFieldError(name, "range", f"longer than {MAX_TEXT} characters")


def _in_range(value: int | None, bounds: tuple[int, int]) -> bool:
    return value is None or bounds[0] <= value <= bounds[1]


def _name(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _mapping(data: object, where: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise SummaryFieldError(where, "type", "expected an object")
    return data


def _list(data: object, where: str) -> list[Any]:
    if not isinstance(data, list):
        raise SummaryFieldError(where, "type", "expected a list")
    return data


def _text(d: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = d.get(key)
    if value is None:
        if required:
            raise SummaryFieldError(_name(where, key), "missing")
        return ""
    if not isinstance(value, str):
        raise SummaryFieldError(_name(where, key), "type", "expected text")
    if required and not value.strip():
        raise SummaryFieldError(_name(where, key), "missing")
    if len(value) > MAX_TEXT:
        raise SummaryFieldError(_name(where, key), "range", f"longer than {MAX_TEXT} characters")
    return value


def _int(d: Mapping[str, Any], key: str, where: str, default: int | None = None) -> int:
    value = d.get(key, default)
    if value is None:
        raise SummaryFieldError(_name(where, key), "missing")
    if isinstance(value, bool) or not isinstance(value, int):
        raise SummaryFieldError(_name(where, key), "type", "expected a whole number")
    return value


def _opt_int(d: Mapping[str, Any], key: str, where: str) -> int | None:
    return None if d.get(key) is None else _int(d, key, where)


def _number(d: Mapping[str, Any], key: str, where: str) -> float:
    value = d.get(key)
    if value is None:
        raise SummaryFieldError(_name(where, key), "missing")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SummaryFieldError(_name(where, key), "type", "expected a number")
    return float(value)


def _bool(d: Mapping[str, Any], key: str, where: str) -> bool:
    value = d.get(key, False)
    if not isinstance(value, bool):
        raise SummaryFieldError(_name(where, key), "type", "expected true or false")
    return value


def _date(d: Mapping[str, Any], key: str, where: str) -> date:
    value = d.get(key)
    if not isinstance(value, str):
        raise SummaryFieldError(_name(where, key), "missing" if value is None else "type")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise SummaryFieldError(_name(where, key), "type", "expected YYYY-MM-DD") from exc


def _opt_date(d: Mapping[str, Any], key: str, where: str) -> date | None:
    return None if d.get(key) is None else _date(d, key, where)


def _datetime(d: Mapping[str, Any], key: str, where: str) -> datetime:
    value = d.get(key)
    if not isinstance(value, str):
        raise SummaryFieldError(_name(where, key), "missing" if value is None else "type")
    try:
        return datetime.fromisoformat(value)
    except ValueError as exc:
        raise SummaryFieldError(_name(where, key), "type", "expected an ISO date-time") from exc


def _stage_durations(data: object) -> dict[str, float]:
    d = _mapping(data, "stage_durations")
    return {str(k): _number(d, k, "stage_durations") for k in d}


def summaries_for_session(
    session: Session,
    engagement: Engagement,
    coach: Coach,
    coachees: Mapping[str, Coachee],
    *,
    photo: PhotoRef | None = None,
) -> list[SessionSummary]:
    """One summary per participant of a closed session, built from the session form.

    This is what the coachee review screen shows and what HR receives; the notes, the asked
    questions and the transcript are deliberately not read here.
    """
    if session.started_at is None:
        raise SummaryFieldError("started_at", "missing")
    summaries = []
    for participant in session.participants:
        coachee = coachees[participant.coachee_id]
        summaries.append(
            SessionSummary(
                session_id=session.id,
                coach_id=coach.id,
                coach_name=coach.name,
                coachee_id=coachee.id,
                coachee_name=coachee.name,
                coachee_unit=coachee.unit,
                coachee_position=coachee.position,
                coachee_nip=coachee.nip or None,
                engagement_id=engagement.id,
                kind=str(engagement.kind),
                form=str(engagement.form),
                engagement_started_on=min(engagement.started_on, session.started_at.date()),
                session_number=session.number,
                held_on=session.started_at.date(),
                started_at=session.started_at,
                duration_minutes=round(session.duration_minutes, 2),
                delivery_mode=str(session.delivery),
                agenda_topic=participant.agenda or engagement.agenda_for(coachee.id),
                stage_durations={k: round(v, 1) for k, v in session.stage_seconds.items()},
                self_rating=participant.reality_rating,
                action_plan=tuple(
                    ActionPlanRow(
                        action=item.action,
                        when=item.when,
                        who=item.who,
                        resources=item.resources,
                        expected_result=item.expected_result,
                        due_on=_parse_day(item.when),
                    )
                    for item in participant.action_plan
                    if item.action.strip()
                ),
                options_count=len(session.options),
                next_session_on=session.next_session_on,
                reflection=participant.reflection,
                coach_rating=participant.coach_rating,
                coach_change_requested=participant.coach_change_requested,
                big_goal=session.big_goal or engagement.big_goal,
                photo=photo,
                engagement_completed=str(engagement.status) == "completed",
                midpoint_reviews=tuple(engagement.midpoint_reviews),
            )
        )
    return summaries


def _parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None
