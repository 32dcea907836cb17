"""``sitante hr init|export|keys|approve`` and ``sitante sync``, run as real processes.

Passphrases go in through ``--passphrase-fd`` (a pipe, like gpg's option): it exercises the
same code path as the hidden prompt minus ``getpass`` itself, runs on every OS, and needs no
pseudo-terminal. One test drives the real ``getpass`` prompt through a pty (POSIX only).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hr_samples import make_summary, publish
from openpyxl import load_workbook

from sitante_tui.crypto import age
from sitante_tui.crypto.coach_keys import CoachKeys, read_identity_file
from sitante_tui.crypto.summary_seal import seal_summary
from sitante_tui.store.outbox import Outbox
from sitante_tui.store.shared_store import SharedStore

PASSPHRASE = "kopi bali pagi hari cerah"


@pytest.fixture(autouse=True)
def _fast_kdf(sitante_home: Path) -> None:
    (sitante_home / "settings.toml").write_text("scrypt_work_factor = 10\n")


def sitante(*args: str, passphrase: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m sitante_tui ARGS``, feeding ``passphrase`` through a pipe fd."""
    pass_fds: tuple[int, ...] = ()
    extra: list[str] = []
    if passphrase is not None:
        read_end, write_end = os.pipe()
        os.write(write_end, (passphrase + "\n").encode())
        os.close(write_end)
        pass_fds, extra = (read_end,), ["--passphrase-fd", str(read_end)]
    try:
        return subprocess.run(
            [sys.executable, "-m", "sitante_tui", *args, *extra],
            capture_output=True,
            text=True,
            timeout=120,
            pass_fds=pass_fds,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    finally:
        for fd in pass_fds:
            os.close(fd)


def _hr_init(tmp_path: Path, share: Path) -> tuple[Path, str]:
    out = tmp_path / "hr.age"
    result = sitante("hr", "init", "--out", str(out), "--shared", str(share), passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    recipient = next(line for line in result.stdout.splitlines() if line.startswith("age1"))
    return out, recipient


def test_hr_init_writes_a_protected_identity_prints_and_publishes_the_recipient(
    tmp_path: Path, share: Path
) -> None:
    out, recipient = _hr_init(tmp_path, share)
    identity = read_identity_file(out, PASSPHRASE)
    assert age.identity_to_recipient(identity) == recipient
    assert b"AGE-SECRET-KEY" not in out.read_bytes()
    assert SharedStore(share).hr_recipient() == recipient
    again = sitante("hr", "init", "--out", str(out), passphrase=PASSPHRASE)
    assert again.returncode == 1 and "sudah ada" in again.stderr


def test_hr_init_refuses_a_short_passphrase(tmp_path: Path) -> None:
    result = sitante(
        "--lang", "en", "hr", "init", "--out", str(tmp_path / "x.age"), passphrase="abc"
    )
    assert result.returncode == 1
    assert "weak" in result.stderr
    assert not (tmp_path / "x.age").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="pty is POSIX-only")
def test_hr_init_asks_twice_through_the_real_hidden_prompt(tmp_path: Path) -> None:
    import pty
    import select

    out = tmp_path / "hr.age"
    pid, fd = pty.fork()
    if pid == 0:  # child: the real command, on a terminal
        os.execv(
            sys.executable, [sys.executable, "-m", "sitante_tui", "hr", "init", "--out", str(out)]
        )
    transcript = b""
    answers = [PASSPHRASE, PASSPHRASE]
    while True:
        if not select.select([fd], [], [], 60)[0]:
            os.kill(pid, 9)
            pytest.fail(f"no answer from the prompt: {transcript!r}")
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        transcript += chunk
        # Answer only a fresh prompt: getpass flushes input typed before it asks.
        if answers and chunk.rstrip().endswith(b":"):
            os.write(fd, (answers.pop(0) + "\n").encode())
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, transcript.decode(errors="replace")
    assert PASSPHRASE.encode() not in transcript, "the prompt does not echo"
    assert age.identity_to_recipient(read_identity_file(out, PASSPHRASE)).startswith("age1")


def _coach_summaries(share: Path, recipient: str, coach: CoachKeys, count: int = 3) -> None:
    store = SharedStore(share)
    publish(store, coach)
    for n in range(count):
        summary = make_summary(session_number=n + 1, reflection=f'=HYPERLINK("x") {n}')
        store.put_summary(seal_summary(summary, coach_keys=coach, hr_recipient=recipient))


def test_export_csv_and_xlsx_after_approving_the_coach(
    tmp_path: Path, share: Path, coach: CoachKeys
) -> None:
    identity_file, recipient = _hr_init(tmp_path, share)
    _coach_summaries(share, recipient, coach)
    base = ("hr", "--identity", str(identity_file), "--shared", str(share))

    keys = sitante(*base, "keys", passphrase=PASSPHRASE)
    assert coach.key_id in keys.stdout and "menunggu" in keys.stdout
    pending = sitante(
        *base, "export", "--format", "csv", "--out", str(tmp_path / "a.csv"), passphrase=PASSPHRASE
    )
    assert pending.returncode == 0
    assert (tmp_path / "a.csv").read_text(encoding="utf-8-sig").count("\n") == 1, (
        "an unapproved coach's summaries are not exported"
    )
    assert sitante(*base, "approve", coach.key_id, passphrase=PASSPHRASE).returncode == 0
    assert not (share / "sitante-hr" / "approvals").exists(), "approvals never go to the share"

    csv_run = sitante(
        *base, "export", "--format", "csv", "--out", str(tmp_path / "s.csv"), passphrase=PASSPHRASE
    )
    assert csv_run.returncode == 0, csv_run.stderr
    assert "TIDAK terenkripsi" in csv_run.stderr
    lines = (tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("ID ringkasan,Coach/mentor") and len(lines) == 4
    assert "'=HYPERLINK" in lines[1], "formula-like text is defused"

    xlsx = tmp_path / "s.xlsx"
    run = sitante(
        "--lang",
        "en",
        *base,
        "export",
        "--format",
        "xlsx",
        "--out",
        str(xlsx),
        passphrase=PASSPHRASE,
    )
    assert run.returncode == 0, run.stderr
    assert "NOT encrypted" in run.stderr
    sheet = load_workbook(xlsx)["Sessions"]
    assert sheet["A1"].value == "Summary ID" and sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"

    recap = tmp_path / "r.csv"
    args = (
        "export",
        "--format",
        "csv",
        "--out",
        str(recap),
        "--recap",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
    )
    assert sitante(*base, *args, passphrase=PASSPHRASE).returncode == 0
    assert "Hasil yang diharapkan" in recap.read_text(encoding="utf-8-sig")


def test_wrong_passphrase_and_wrong_hr_identity_give_clear_errors(
    tmp_path: Path, share: Path, coach: CoachKeys
) -> None:
    identity_file, recipient = _hr_init(tmp_path, share)
    _coach_summaries(share, recipient, coach)
    base = ("--lang", "en", "hr", "--identity", str(identity_file), "--shared", str(share))
    wrong = sitante(
        *base,
        "export",
        "--format",
        "csv",
        "--out",
        str(tmp_path / "x.csv"),
        passphrase="not it at all",
    )
    assert wrong.returncode == 1
    assert "Wrong passphrase" in wrong.stderr and "Traceback" not in wrong.stderr

    other = tmp_path / "other.age"
    assert sitante("hr", "init", "--out", str(other), passphrase=PASSPHRASE).returncode == 0
    mismatch = sitante(
        "--lang",
        "en",
        "hr",
        "--identity",
        str(other),
        "--shared",
        str(share),
        "export",
        "--format",
        "csv",
        "--out",
        str(tmp_path / "y.csv"),
        passphrase=PASSPHRASE,
    )
    assert mismatch.returncode == 4
    assert "not the HR key" in mismatch.stderr and recipient in mismatch.stderr
    assert not (tmp_path / "y.csv").exists()


def test_sync_exit_codes_follow_what_is_left_in_the_outbox(
    tmp_path: Path, sitante_home: Path, coach: CoachKeys, hr_recipient: str
) -> None:
    assert sitante("sync").returncode == 2  # no shared folder anywhere

    outbox = Outbox(sitante_home / "outbox")
    outbox.enqueue(
        seal_summary(make_summary(), coach_keys=coach, hr_recipient=hr_recipient),
        hr_recipient=hr_recipient,
    )
    share = tmp_path / "share-later"
    pending = sitante("--lang", "en", "sync", "--shared", str(share))
    assert pending.returncode == 3
    assert "cannot be reached" in pending.stderr and "1 summaries still wait" in pending.stdout

    share.mkdir()
    sent = sitante("--lang", "en", "--shared", str(share), "sync")
    assert sent.returncode == 0, sent.stderr
    assert "1 summaries sent" in sent.stdout
    assert outbox.entries() == []
    assert len(SharedStore(share).snapshot().summaries) == 1


def test_an_unreachable_share_is_explained_not_a_traceback(tmp_path: Path, share: Path) -> None:
    identity_file, _ = _hr_init(tmp_path, share)
    gone = tmp_path / "unplugged-share"
    for command in ("keys", "approve"):
        args = ["--lang", "en", "hr", "--identity", str(identity_file), "--shared", str(gone)]
        args += [command] + (["0123456789abcdef"] if command == "approve" else [])
        result = sitante(*args, passphrase=PASSPHRASE)
        assert result.returncode == 1
        assert f"The shared folder {gone} cannot be reached" in result.stderr
        assert "Traceback" not in result.stderr
