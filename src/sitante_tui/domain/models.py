"""The people and records of the coaching programme: coaches, coachees, engagements, sessions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from sitante_tui.domain.consent import ConsentRecord
from sitante_tui.domain.programme_rules import MIN_SESSIONS, SessionFact


def new_id() -> str:
    """A random identifier; file names built from it reveal nothing about the person."""
    return uuid.uuid4().hex


class Kind(StrEnum):
    """Coaching (GROW) or mentoring (sharing session)."""

    COACHING = "coaching"
    MENTORING = "mentoring"


class Form(StrEnum):
    """One coachee, or a group with different agendas and one shared big goal."""

    ONE_ON_ONE = "one_on_one"
    GROUP = "group"


class Delivery(StrEnum):
    """How the session is held (booklet section K)."""

    FACE_TO_FACE = "face_to_face"
    PHONE = "phone"
    WHATSAPP = "whatsapp"
    ZOOM = "zoom"
    OTHER_ONLINE = "other_online"


class Template(StrEnum):
    """The conversation structure a session follows."""

    GROW = "grow"
    MENTORING = "mentoring"
    PERFORMANCE = "performance"


class CoachRole(StrEnum):
    """Whether the person accompanies the coachee as a coach or as a mentor."""

    COACH = "coach"
    MENTOR = "mentor"


class Level(StrEnum):
    """One axis of the Skill/Will matrix."""

    LOW = "low"
    HIGH = "high"


class Approach(StrEnum):
    """What the Skill/Will matrix (Landsberg) suggests the coach does."""

    DIRECT = "direct"
    GUIDE = "guide"
    EXCITE = "excite"
    DELEGATE = "delegate"


class MentoringApproach(StrEnum):
    """The sharing-session approaches of mentoring (Kirchem)."""

    ROLE_MODELING = "role_modeling"
    ROLE_PLAYING = "role_playing"
    EMPTY_CHAIR = "empty_chair"


class SessionStatus(StrEnum):
    """A session is open until its form is completed at the close step."""

    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class EngagementStatus(StrEnum):
    """An engagement runs until the coach completes it (or HR reassigns the coachee)."""

    ACTIVE = "active"
    COMPLETED = "completed"


_APPROACHES = {
    (Level.LOW, Level.LOW): Approach.DIRECT,
    (Level.LOW, Level.HIGH): Approach.GUIDE,
    (Level.HIGH, Level.LOW): Approach.EXCITE,
    (Level.HIGH, Level.HIGH): Approach.DELEGATE,
}


@dataclass(frozen=True)
class SkillWill:
    """The pairing assessment: the coachee's skill and will for the agenda."""

    skill: Level
    will: Level

    @property
    def approach(self) -> Approach:
        """Low/low → direct, low/high → guide, high/low → excite, high/high → delegate."""
        return _APPROACHES[(self.skill, self.will)]


@dataclass
class Coach:
    """A coach or mentor on this laptop's team."""

    id: str
    name: str
    unit: str = ""
    nip: str = ""


@dataclass
class Coachee:
    """A civil servant taking part in the programme."""

    id: str
    name: str
    unit: str = ""
    position: str = ""
    agenda_topic: str = ""
    nip: str = ""


@dataclass
class ProgrammePlan:
    """The coaching (or mentoring) plan filled at the first session."""

    agenda: str = ""
    goal: str = ""
    schedule: str = ""
    minimum_explained: bool = False

    @property
    def complete(self) -> bool:
        """All parts of the plan are filled and the minimum number of sessions was explained."""
        return bool(self.agenda.strip() and self.goal.strip()) and self.minimum_explained


@dataclass
class Engagement:
    """A programme of at least three sessions between one coach/mentor and one or more coachees."""

    id: str
    coach_id: str
    coachee_ids: list[str]
    kind: Kind = Kind.COACHING
    form: Form = Form.ONE_ON_ONE
    role: CoachRole = CoachRole.COACH
    skill_will: SkillWill | None = None
    started_on: date = field(default_factory=date.today)
    agendas: dict[str, str] = field(default_factory=dict)
    big_goal: str = ""
    plan: ProgrammePlan = field(default_factory=ProgrammePlan)
    delivery: Delivery = Delivery.FACE_TO_FACE
    status: EngagementStatus = EngagementStatus.ACTIVE
    midpoint_reviews: list[date] = field(default_factory=list)

    def agenda_for(self, coachee_id: str) -> str:
        """The agenda of one coachee (a group shares the big goal, not the agenda)."""
        return self.agendas.get(coachee_id, "")

    @property
    def template(self) -> Template:
        """The default conversation template for this engagement's kind."""
        return Template.MENTORING if self.kind is Kind.MENTORING else Template.GROW


@dataclass
class CheckIn:
    """The rapport check-in: how the coachee feels, 1–10 and a word."""

    score: int
    word: str = ""


@dataclass
class ActionItem:
    """One row of the action plan (booklet step 4)."""

    action: str
    when: str = ""
    who: str = ""
    resources: str = ""
    expected_result: str = ""


@dataclass
class Participant:
    """One coachee's part of a session: their agenda, ratings, plan and review."""

    coachee_id: str
    agenda: str = ""
    check_in: CheckIn | None = None
    reality_rating: int | None = None
    action_plan: list[ActionItem] = field(default_factory=list)
    confirmed_at: datetime | None = None
    reflection: str = ""
    coach_rating: int | None = None
    review_later: bool = False
    coach_change_requested: bool = False


@dataclass
class AskedQuestion:
    """A question the coach took from the bank (or typed) during a stage."""

    step: str
    text: str


@dataclass
class Session:
    """One coaching or mentoring session: the session form and everything said to the app."""

    id: str
    engagement_id: str
    number: int
    template: Template = Template.GROW
    delivery: Delivery = Delivery.FACE_TO_FACE
    started_at: datetime | None = None
    ended_at: datetime | None = None
    step: str = "prepare"
    furthest_step: str = "prepare"
    consent: ConsentRecord = field(default_factory=ConsentRecord)
    confidentiality_confirmed_at: datetime | None = None
    notes: dict[str, str] = field(default_factory=dict)
    options: list[str] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    next_session_on: date | None = None
    acknowledged_findings: list[str] = field(default_factory=list)
    no_next_session: bool = False
    mentoring_approach: MentoringApproach | None = None
    big_goal: str = ""
    asked_questions: list[AskedQuestion] = field(default_factory=list)
    photo_evidence: str | None = None
    status: SessionStatus = SessionStatus.IN_PROGRESS

    @property
    def held_on(self) -> date | None:
        """The calendar day the session took place."""
        return self.started_at.date() if self.started_at else None

    @property
    def duration_minutes(self) -> float:
        """Time spent in the session's steps, pauses excluded."""
        return sum(self.stage_seconds.values()) / 60

    def participant(self, coachee_id: str) -> Participant:
        """The record of one coachee in this session."""
        for participant in self.participants:
            if participant.coachee_id == coachee_id:
                return participant
        raise KeyError(coachee_id)

    def fact(self) -> SessionFact:
        """What the programme rules need from this session."""
        held = self.held_on or date.today()
        minutes = self.duration_minutes if self.status is SessionStatus.CLOSED else None
        return SessionFact(self.number, held, minutes, self.next_session_on)


def session_label(number: int) -> tuple[int, int]:
    """``(n, total)`` for "session n of ≥ total": total grows past the minimum when needed."""
    return number, max(MIN_SESSIONS, number)
