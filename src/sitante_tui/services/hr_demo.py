"""``sitante hr demo``: a throwaway HR identity and a shared store holding a realistic programme.

Four coaches (one key not yet approved), ten coachees, sessions that break the programme rules in
the ways HR meets them, one tampered record, one from an unknown key, a coach-change request and a
photo. All names are invented. The identity uses a low scrypt work factor and a passphrase shown on
screen: demo data is not secret.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sitante_tui.crypto import age
from sitante_tui.crypto.coach_keys import CoachKeys, create_coach_keys, write_identity_file
from sitante_tui.crypto.summary_seal import HrPrivateCodec, seal_photo, seal_summary
from sitante_tui.domain.hr_summary import ActionPlanRow, PhotoRef, SealedSummary, SessionSummary
from sitante_tui.paths import bundled_dir
from sitante_tui.store.hr_trust import ApprovalBook, approvals_path_for
from sitante_tui.store.shared_store import CoachPublicKey, SharedStore

DEMO_PASSPHRASE = "teh-hangat-di-sanur"
DEMO_WORK_FACTOR = 10
UNIT = "UPTD Bapelkesmas"


@dataclass(frozen=True)
class HrDemo:
    """Where the demo lives: open it with ``HrOffice.unlock(identity_file, passphrase, …)``."""

    identity_file: Path
    shared_dir: Path
    cache_dir: Path
    passphrase: str = DEMO_PASSPHRASE
    pending_key_id: str = ""  # the coach key HR has not approved yet
    coach_key_ids: dict[str, str] = field(default_factory=dict)  # coach name → key id


@dataclass(frozen=True)
class _Coachee:
    id: str
    name: str
    nip: str
    unit: str
    position: str
    agenda: str


@dataclass(frozen=True)
class _Held:
    """One held session: days before today, minutes, self-rating, coach rating, reflection."""

    days_ago: int
    minutes: float
    self_rating: int | None
    coach_rating: int | None = None
    reflection: str = ""
    next_in_days: int | None = 14  # None: no next session agreed
    change_coach: bool = False
    photo: bool = False
    month_day: int | None = None  # held on this day of the previous calendar month instead

    def held_on(self, today: date) -> date:
        """The date of the session, for a demo opened on ``today``."""
        if self.month_day is None:
            return today - timedelta(days=self.days_ago)
        last_month = today.replace(day=1) - timedelta(days=1)
        return last_month.replace(day=self.month_day)


COACHEES = {
    c.id: c
    for c in (
        _Coachee(
            "ayu",
            "Ni Luh Putu Ayu Lestari",
            "199203142019032011",
            "Seksi Diklat",
            "Widyaiswara Ahli Pertama",
            "Percaya diri berbicara di depan umum",
        ),
        _Coachee(
            "gede",
            "I Gede Wirawan",
            "198811052015031002",
            "Subbag Tata Usaha",
            "Pengelola Kepegawaian",
            "Memilih jabatan fungsional yang sesuai",
        ),
        _Coachee(
            "komang",
            "Komang Sri Handayani",
            "199005212014022003",
            "Seksi Jidalmut",
            "Analis Kebijakan",
            "Menentukan prioritas pekerjaan",
        ),
        _Coachee(
            "wayan",
            "Wayan Budiasa",
            "198502172010011004",
            "Asrama",
            "Pengelola Asrama",
            "Pengelolaan asrama yang tertib",
        ),
        _Coachee(
            "ketut",
            "Ketut Suartini",
            "198709302011012005",
            "Subbag Tata Usaha",
            "Arsiparis",
            "Menata arsip digital",
        ),
        _Coachee(
            "made",
            "Made Arya Putra",
            "199407082020121006",
            "Seksi Diklat",
            "Pranata Komputer",
            "Mengelola pekerjaan dengan efektif",
        ),
        _Coachee(
            "nyoman",
            "Nyoman Tri Wahyuni",
            "198912122014032007",
            "Perpustakaan",
            "Pustakawan",
            "Pengelolaan perpustakaan",
        ),
        _Coachee(
            "dewa",
            "Dewa Ayu Kade Sumerti",
            "199111232017042008",
            "Seksi Jidalmut",
            "Penyuluh Kesehatan",
            "Menyusun materi penyuluhan",
        ),
        _Coachee(
            "putu",
            "Putu Eka Mahendra",
            "199306152019031009",
            "Seksi Diklat",
            "Widyaiswara Ahli Muda",
            "Merancang kurikulum pelatihan",
        ),
        _Coachee(
            "gusti",
            "Gusti Ayu Ratna Dewi",
            "199508282020122010",
            "Subbag Tata Usaha",
            "Bendahara",
            "Menyusun laporan keuangan tepat waktu",
        ),
    )
}

ACTIONS = {
    "ayu": (
        "Presentasi 5 menit di rapat seksi",
        "Kepala seksi",
        "Proyektor",
        "Umpan balik 3 rekan",
    ),
    "gede": ("Membaca pedoman JFT dari BKN", "Subbag Kepegawaian", "Peraturan BKN", "Daftar JFT"),
    "komang": ("Menyusun daftar prioritas mingguan", "Atasan langsung", "Kalender", "Prioritas"),
    "wayan": ("Menyusun jadwal piket asrama", "Petugas asrama", "Buku piket", "Jadwal disepakati"),
    "ketut": ("Memindai arsip tahun 2024", "Pranata komputer", "Pemindai", "500 berkas terpindai"),
    "made": ("Membuat daftar tugas harian", "Rekan satu seksi", "Aplikasi catatan", "Tugas tuntas"),
    "nyoman": ("Menyusun SOP peminjaman buku", "Kepala subbag", "Contoh SOP", "Draf SOP"),
    "dewa": ("Menyusun leaflet penyuluhan", "Tim promkes", "Desain grafis", "Leaflet siap cetak"),
    "putu": ("Menyusun GBPP pelatihan", "Tim kurikulum", "Modul lama", "Draf GBPP"),
    "gusti": ("Merekap SPJ bulan ini", "Bendahara pengeluaran", "Aplikasi SAKTI", "Rekap SPJ"),
}

REFLECTIONS = (
    "Saya lebih jelas tentang langkah berikutnya.",
    "Sesi ini membantu saya melihat pilihan yang sebelumnya tidak terpikir.",
    "Saya merasa didengarkan dan lebih percaya diri.",
    "Rencana aksinya realistis; saya akan mencobanya minggu ini.",
    "Masih bingung menentukan prioritas, tapi sudah ada gambaran.",
)

# coach name, kind, approved by HR, {coachee id: sessions}
PROGRAMME: tuple[tuple[str, str, bool, dict[str, tuple[_Held, ...]]], ...] = (
    (
        "Ni Made Sari Dewi",
        "coaching",
        True,
        {
            # On track: three sessions about two weeks apart, programme completed.
            "ayu": (
                _Held(44, 52, 4, 5, REFLECTIONS[0]),
                _Held(30, 55, 6, 5, REFLECTIONS[2], photo=True),
                _Held(16, 50, 8, 5, REFLECTIONS[3], next_in_days=None),
            ),
            # The agreed follow-up session is long overdue.
            "gede": (
                _Held(75, 48, 3, 4, REFLECTIONS[1]),
                _Held(61, 50, 4, 4, REFLECTIONS[4]),
            ),
            # Three sessions in one month, a week apart, one of them too short.
            "komang": (
                _Held(0, 50, 5, 4, REFLECTIONS[0], month_day=3),
                _Held(0, 38, 5, 3, REFLECTIONS[4], month_day=10),
                _Held(0, 47, 6, 4, REFLECTIONS[3], month_day=17),
            ),
        },
    ),
    (
        "I Putu Agus Santika",
        "coaching",
        True,
        {
            "wayan": (_Held(5, 50, 4, 5, REFLECTIONS[2]),),
            # Runs past a year, with a long gap.
            "ketut": (
                _Held(400, 50, 3, 4, REFLECTIONS[1]),
                _Held(386, 55, 4, 4, REFLECTIONS[0]),
                _Held(300, 52, 6, 5, REFLECTIONS[3]),
                _Held(12, 50, 7, 5, REFLECTIONS[2]),
            ),
            # Past the 3-month mark without a mid-point review; next session after a break.
            "made": (
                _Held(110, 50, 4, 4, REFLECTIONS[0]),
                _Held(96, 58, 5, 4, REFLECTIONS[4]),
                _Held(80, 50, 6, 5, REFLECTIONS[3]),
                _Held(66, 52, 6, 5, REFLECTIONS[2], next_in_days=75),
            ),
        },
    ),
    (
        "Dr. Luh Gede Sriani",
        "mentoring",
        True,
        {
            # Over-long sessions, and the mentee asked HR for another mentor.
            "nyoman": (
                _Held(35, 72, 4, 3, "Sesi terlalu panjang dan saya kurang diberi kesempatan."),
                _Held(21, 65, 4, 2, "Saya ingin mencoba mentor lain.", change_coach=True),
            ),
            "dewa": (
                _Held(50, 55, 5, 5, REFLECTIONS[3]),
                _Held(36, 50, 7, 5, REFLECTIONS[0]),
                _Held(22, 53, 8, 5, REFLECTIONS[2], next_in_days=None),
            ),
            "putu": (
                _Held(20, 50, 5, 4, REFLECTIONS[1]),
                _Held(6, 49, 6, None, "", next_in_days=14),
            ),
        },
    ),
    (
        # A new laptop: the key is published, HR has not checked it with the coach yet.
        "Kadek Yuliana",
        "coaching",
        False,
        {
            "gusti": (
                _Held(24, 50, 5, 5, REFLECTIONS[0]),
                _Held(10, 46, 6, 4, REFLECTIONS[3]),
            ),
        },
    ),
)


def seed_hr_demo(root: Path, *, today: date) -> HrDemo:
    """Write the HR identity, approvals and a filled shared store under ``root``."""
    shared = root / "share"
    shared.mkdir(parents=True, exist_ok=True)
    identity = age.generate_identity()
    recipient = age.identity_to_recipient(identity)
    identity_file = root / "hr.age"
    write_identity_file(
        identity_file,
        identity,
        DEMO_PASSPHRASE,
        work_factor=DEMO_WORK_FACTOR,
        comment_lines=("sitante HR identity (demo)", f"public key: {recipient}"),
    )
    store = SharedStore(shared)
    store.publish_hr_recipient(recipient)
    approvals = ApprovalBook(approvals_path_for(identity_file), HrPrivateCodec(identity))
    key_ids: dict[str, str] = {}
    pending = ""
    first_keys: CoachKeys | None = None
    for number, (coach_name, kind, approved, coachees) in enumerate(PROGRAMME, start=1):
        keys = create_coach_keys()
        key_ids[coach_name] = keys.key_id
        first_keys = first_keys or keys
        published = datetime.combine(today - timedelta(days=420 - number), time(8), UTC)
        key = CoachPublicKey(
            keys.key_id,
            keys.recipient,
            keys.verify_key_bytes,
            coach_name,
            published.isoformat(timespec="microseconds"),
        )
        store.publish_coach_key(key)
        if approved:
            approvals.approve(key)
        else:
            pending = keys.key_id
        for coachee_id, sessions in coachees.items():
            _put_programme(store, keys, recipient, coach_name, kind, coachee_id, sessions, today)
    assert first_keys is not None
    _put_suspicious(store, first_keys, recipient, today)
    return HrDemo(
        identity_file=identity_file,
        shared_dir=shared,
        cache_dir=root / "cache",
        pending_key_id=pending,
        coach_key_ids=key_ids,
    )


def _put_programme(
    store: SharedStore,
    keys: CoachKeys,
    hr_recipient: str,
    coach_name: str,
    kind: str,
    coachee_id: str,
    sessions: tuple[_Held, ...],
    today: date,
) -> None:
    started = sessions[0].held_on(today) - timedelta(days=3)
    for number, held in enumerate(sessions, start=1):
        photo: tuple[PhotoRef, bytes] | None = None
        if held.photo:
            photo = seal_photo(
                demo_photo(),
                filename="foto-sesi.png",
                coach_keys=keys,
                hr_recipient=hr_recipient,
            )
        summary = demo_summary(
            coach_name,
            kind,
            coachee_id,
            number,
            held,
            started_on=started,
            today=today,
            photo=photo[0] if photo else None,
            completed=held.next_in_days is None and number >= 3,
        )
        sealed = seal_summary(
            summary,
            coach_keys=keys,
            hr_recipient=hr_recipient,
            created_at=_created_at(summary.held_on),
        )
        store.put_summary(sealed, photo=photo[1] if photo else None)


def demo_summary(
    coach_name: str,
    kind: str,
    coachee_id: str,
    number: int,
    held: _Held,
    *,
    started_on: date,
    today: date,
    photo: PhotoRef | None = None,
    completed: bool = False,
) -> SessionSummary:
    """One coachee's summary of one demo session."""
    coachee = COACHEES[coachee_id]
    held_on = held.held_on(today)
    action, who, resources, result = ACTIONS[coachee_id]
    due_on = held_on + timedelta(days=7)
    next_on = None if held.next_in_days is None else held_on + timedelta(days=held.next_in_days)
    minutes = float(held.minutes)
    stage_share = {"rapport": 0.1, "goal": 0.15, "reality": 0.25, "options": 0.2, "will": 0.15}
    stage_share["action_plan"] = 0.15
    if kind == "mentoring":
        stage_share = {"rapport": 0.1, "sharing": 0.6, "action_plan": 0.3}
    return SessionSummary(
        session_id=f"demo-{coachee_id}-{number}",
        coach_id=f"coach-{coach_name.split()[-1].lower()}",
        coach_name=coach_name,
        coachee_id=coachee_id,
        coachee_name=coachee.name,
        coachee_unit=coachee.unit,
        coachee_position=coachee.position,
        coachee_nip=coachee.nip,
        engagement_id=f"demo-e-{coachee_id}",
        kind=kind,
        form="one_on_one",
        engagement_started_on=started_on,
        session_number=number,
        held_on=held_on,
        started_at=datetime.combine(held_on, time(9, 0)),
        duration_minutes=minutes,
        delivery_mode="face_to_face" if number % 3 else "zoom",
        agenda_topic=coachee.agenda,
        stage_durations={k: round(minutes * 60 * v, 1) for k, v in stage_share.items()},
        self_rating=held.self_rating,
        action_plan=(
            ActionPlanRow(
                action,
                when=due_on.isoformat(),
                who=who,
                resources=resources,
                expected_result=result,
                due_on=due_on,
            ),
        ),
        options_count=2 + number % 3,
        next_session_on=next_on,
        reflection=held.reflection,
        coach_rating=held.coach_rating,
        coach_change_requested=held.change_coach,
        photo=photo,
        engagement_completed=completed,
    )


def _put_suspicious(store: SharedStore, keys: CoachKeys, hr_recipient: str, today: date) -> None:
    """One record altered after sealing, and one signed by a key the store never published."""
    held = _Held(8, 50, 5, 5, REFLECTIONS[0])
    started = today - timedelta(days=80)
    summary = demo_summary(
        "Ni Made Sari Dewi", "coaching", "gede", 3, held, started_on=started, today=today
    )
    sealed = seal_summary(
        summary, coach_keys=keys, hr_recipient=hr_recipient, created_at=_created_at(summary.held_on)
    )
    altered = bytearray(sealed.ciphertext)
    altered[-20] ^= 0x01  # one flipped bit in the payload: the age MAC no longer holds
    store.put_summary(
        SealedSummary(
            sealed.summary_id, sealed.schema, sealed.created_at, sealed.coach_key_id, bytes(altered)
        )
    )
    stranger = create_coach_keys()
    held = _Held(3, 50, 9, 5, "Sangat membantu.")
    summary = demo_summary(
        "Bambang Sutrisno",
        "coaching",
        "wayan",
        2,
        held,
        started_on=today - timedelta(days=10),
        today=today,
    )
    store.put_summary(
        seal_summary(
            summary,
            coach_keys=stranger,
            hr_recipient=hr_recipient,
            created_at=_created_at(summary.held_on),
        )
    )


def _created_at(held_on: date) -> datetime:
    return datetime.combine(held_on, time(10, 15), UTC)


def demo_photo() -> bytes:
    """The photo of a session's attendance sheet bundled in ``assets/`` (drawn, no real names)."""
    return (bundled_dir("assets") / "demo-attendance.png").read_bytes()
