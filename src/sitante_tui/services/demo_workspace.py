"""``sitante demo``: a throwaway workspace seeded with coachees, programmes and past sessions.

All names are invented. The demo keys use a low scrypt work factor so the demo starts at once;
the passphrase is shown on screen because demo data is not secret.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sitante_tui.domain.consent import ConsentAnswer
from sitante_tui.domain.models import (
    ActionItem,
    CheckIn,
    Coach,
    Coachee,
    Delivery,
    Engagement,
    EngagementStatus,
    Form,
    Kind,
    Level,
    MentoringApproach,
    Participant,
    ProgrammePlan,
    Session,
    SessionStatus,
    SkillWill,
    Template,
)
from sitante_tui.services import Services
from sitante_tui.settings import load_settings

DEMO_PASSPHRASE = "kopi-pagi-di-denpasar"
DEMO_WORK_FACTOR = 10

COACH = Coach("demo-coach", "Ni Made Sari Dewi", "UPTD Bapelkesmas", "198203152008012004")
COACHEES = [
    Coachee(
        "ayu",
        "Ni Luh Putu Ayu Lestari",
        "Seksi Diklat",
        "Widyaiswara Ahli Pertama",
        "Meningkatkan rasa percaya diri berbicara di depan umum.",
    ),
    Coachee(
        "gede",
        "I Gede Wirawan",
        "Subbag Tata Usaha",
        "Pengelola Kepegawaian",
        "Memantapkan pilihan JFT yang sesuai minat dan kemampuan.",
    ),
    Coachee(
        "komang",
        "Komang Sri Handayani",
        "Seksi Jidalmut",
        "Analis Kebijakan",
        "Menentukan prioritas dalam melaksanakan pekerjaan.",
    ),
    Coachee("made", "Made Arya Putra", "Seksi Diklat", "Pranata Komputer", ""),
    Coachee("ketut", "Ketut Suartini", "Subbag Tata Usaha", "Arsiparis", ""),
    Coachee(
        "wayan",
        "Wayan Budiasa",
        "Asrama",
        "Pengelola Asrama",
        "Pengetahuan tentang pengelolaan asrama.",
    ),
    Coachee(
        "nyoman",
        "Nyoman Tri Wahyuni",
        "Perpustakaan",
        "Pustakawan",
        "Pengetahuan pengelolaan perpustakaan.",
    ),
]


@dataclass(frozen=True)
class PastSession:
    """A closed session to seed: days ago, minutes, ratings and one action."""

    days_ago: int
    minutes: int
    rating: int
    action: str
    next_in_days: int | None = 14
    reflection: str = ""
    coach_rating: int | None = None


def _session(engagement: Engagement, number: int, past: PastSession, today: date) -> Session:
    held = today - timedelta(days=past.days_ago)
    started = datetime.combine(held, time(9, 0))
    template = engagement.template
    session = Session(
        id=f"{engagement.id}-{number}",
        engagement_id=engagement.id,
        number=number,
        template=template,
        delivery=engagement.delivery,
        started_at=started,
        ended_at=started + timedelta(minutes=past.minutes),
        step="close",
        furthest_step="close",
        confidentiality_confirmed_at=started + timedelta(minutes=6),
        status=SessionStatus.CLOSED,
        next_session_on=held + timedelta(days=past.next_in_days) if past.next_in_days else None,
        no_next_session=past.next_in_days is None,
        options=["Belajar dari rekan yang sudah berpengalaman", "Latihan terjadwal tiap minggu"],
        big_goal=engagement.big_goal,
        mentoring_approach=MentoringApproach.ROLE_PLAYING
        if template is Template.MENTORING
        else None,
    )
    session.consent.answer(ConsentAnswer.NO, started + timedelta(minutes=4))
    seconds = past.minutes * 60
    if template is Template.GROW:
        shares = {
            "prepare": 0.05,
            "rapport": 0.06,
            "consent": 0.03,
            "confidentiality": 0.02,
            "goal": 0.14,
            "reality": 0.2,
            "options": 0.14,
            "will": 0.1,
            "action_plan": 0.12,
            "review": 0.08,
            "follow_up": 0.04,
            "close": 0.02,
        }
    else:
        shares = {
            "prepare": 0.05,
            "rapport": 0.06,
            "consent": 0.03,
            "confidentiality": 0.02,
            "sharing": 0.6,
            "action_plan": 0.12,
            "review": 0.07,
            "follow_up": 0.03,
            "close": 0.02,
        }
    session.stage_seconds = {step: round(seconds * share, 1) for step, share in shares.items()}
    first_step = "goal" if template is Template.GROW else "sharing"
    session.notes[first_step] = (
        f"Catatan sesi {number}: coachee menjelaskan tujuannya dengan jelas."
    )
    for cid in engagement.coachee_ids:
        session.participants.append(
            Participant(
                coachee_id=cid,
                agenda=engagement.agenda_for(cid),
                check_in=CheckIn(7, "semangat"),
                reality_rating=past.rating,
                action_plan=[
                    ActionItem(
                        past.action,
                        "2 minggu ke depan",
                        "sendiri, atasan langsung",
                        "waktu 30 menit per hari",
                        "ada kemajuan yang terukur",
                    )
                ],
                confirmed_at=started + timedelta(minutes=past.minutes - 8),
                reflection=past.reflection,
                coach_rating=past.coach_rating,
            )
        )
    return session


def _demo_hr(services: Services) -> None:
    """A shared folder inside the demo workspace, with a demo HR key pinned and published,
    so that closing a session seals, queues and syncs its summary for real."""
    from sitante_tui.crypto.age import generate_identity, identity_to_recipient
    from sitante_tui.store.shared_store import SharedStore

    shared = services.workspace.root / "shared"
    shared.mkdir(parents=True, exist_ok=True)
    recipient = identity_to_recipient(generate_identity())
    SharedStore(shared).publish_hr_recipient(recipient)
    services.settings.shared_dir = shared
    services.settings.hr_recipient = recipient


def seed_demo(services: Services) -> None:
    """Create the demo coach's keys and fill the workspace with a realistic programme history."""
    services.create_keys(DEMO_PASSPHRASE, work_factor=DEMO_WORK_FACTOR)
    services.demo_passphrase = DEMO_PASSPHRASE
    assert services.vault is not None
    services.vault.durable = False  # throwaway data, removed on exit: no need to sync the disk
    _demo_hr(services)
    records = services.records
    today = services.today()
    records.save_profile(COACH)
    for coachee in COACHEES:
        records.save(coachee)

    def engagement(eid: str, ids: list[str], started_days_ago: int, **kwargs: object) -> Engagement:
        agendas = {cid: next(c.agenda_topic for c in COACHEES if c.id == cid) for cid in ids}
        e = Engagement(
            id=eid,
            coach_id=COACH.id,
            coachee_ids=ids,
            started_on=today - timedelta(days=started_days_ago),
            agendas=agendas,
            plan=ProgrammePlan("", "", "Setiap dua minggu, pukul 09.00", True),
            **kwargs,
        )  # type: ignore[arg-type]
        e.plan.agenda = agendas[ids[0]] or str(kwargs.get("big_goal", ""))
        e.plan.goal = "Tujuan program disepakati pada sesi pertama."
        return e

    programmes: list[tuple[Engagement, list[PastSession]]] = [
        (
            engagement("e-ayu", ["ayu"], 60, skill_will=SkillWill(Level.LOW, Level.HIGH)),
            [
                PastSession(56, 52, 4, "Berlatih presentasi 5 menit di depan cermin"),
                PastSession(
                    40,
                    50,
                    6,
                    "Presentasi singkat di rapat seksi",
                    reflection="Saya lebih berani mencoba.",
                    coach_rating=5,
                ),
            ],
        ),
        (
            engagement(
                "e-gede",
                ["gede"],
                75,
                skill_will=SkillWill(Level.HIGH, Level.LOW),
                status=EngagementStatus.COMPLETED,
            ),
            [
                PastSession(70, 55, 3, "Membaca Permenpan tentang JFT"),
                PastSession(56, 48, 5, "Berbincang dengan dua pejabat fungsional"),
                PastSession(
                    42,
                    57,
                    8,
                    "Mengajukan usulan JFT ke Subbag Kepegawaian",
                    next_in_days=None,
                    reflection="Pilihan saya sekarang jelas.",
                    coach_rating=5,
                ),
            ],
        ),
        (
            engagement(
                "e-komang",
                ["komang"],
                25,
                skill_will=SkillWill(Level.HIGH, Level.HIGH),
                delivery=Delivery.ZOOM,
            ),
            [
                PastSession(21, 46, 5, "Membuat daftar prioritas mingguan", next_in_days=26),
            ],
        ),
        (
            engagement(
                "e-group",
                ["made", "ketut"],
                20,
                form=Form.GROUP,
                big_goal="Peningkatan pelayanan administrasi untuk peserta pelatihan",
            ),
            [],
        ),
        (
            engagement(
                "e-wayan",
                ["wayan"],
                50,
                kind=Kind.MENTORING,
                skill_will=SkillWill(Level.LOW, Level.LOW),
            ),
            [
                PastSession(45, 40, 4, "Menyusun jadwal piket asrama", next_in_days=3),
                PastSession(42, 62, 5, "Uji coba formulir pengaduan penghuni", next_in_days=20),
            ],
        ),
        (engagement("e-nyoman", ["nyoman"], 2, skill_will=SkillWill(Level.LOW, Level.HIGH)), []),
    ]
    agendas = {
        "made": "Mempercepat layanan surat keterangan pelatihan",
        "ketut": "Merapikan arsip digital peserta",
    }
    for e, past_sessions in programmes:
        if e.form is Form.GROUP:
            e.agendas.update(agendas)
            e.plan = ProgrammePlan("", "", "", False)  # the group's first session is still ahead
        if not past_sessions:
            e.plan = ProgrammePlan("", "", "", False)
        records.save(e)
        for number, past in enumerate(past_sessions, start=1):
            records.save(_session(e, number, past, today))


def start_seeding(services: Services) -> Callable[[], None]:
    """Seed the demo workspace in a child process while the caller goes on loading the UI (the
    two run on separate cores, so the demo opens sooner); the returned function waits for the
    child and opens the seeded workspace. Where there is no ``fork`` (Windows) it seeds here."""
    if not hasattr(os, "fork"):
        seed_demo(services)
        return lambda: None
    pid = os.fork()
    if pid == 0:  # the child: seed, keep the settings for the parent, and leave at once
        status = 1
        try:
            seed_demo(services)
            services.save_settings()
            status = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(status)

    def opened() -> None:
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError("the demo workspace could not be prepared (see the error above)")
        services.settings = load_settings(services.workspace.settings_file)
        services.unlock(DEMO_PASSPHRASE)
        services.demo_passphrase = DEMO_PASSPHRASE
        services.vault_required().durable = False

    return opened
