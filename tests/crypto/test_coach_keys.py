"""The coach's key file: round trips, recovery with the standard age tool, damage, passphrases."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sitante_tui.crypto import age
from sitante_tui.crypto.coach_keys import (
    KEY_FILE_MARK,
    CoachKeys,
    InvalidKeyFile,
    MissingKeyFile,
    change_passphrase,
    create_coach_keys,
    encode_key_file,
    parse_key_file,
    read_identity_file,
    read_key_file,
    verify_signature,
    write_identity_file,
    write_key_file,
)

if TYPE_CHECKING:
    from conftest import AgeCli

FAST = 10  # scrypt work factor for tests; the real default (18) is covered by the interop tests
PASSPHRASE = "teh manis di pagi hari cerah"


@pytest.fixture
def keys() -> CoachKeys:
    return create_coach_keys()


@pytest.fixture
def key_file(tmp_path: Path, keys: CoachKeys) -> Path:
    path = tmp_path / "keys" / "coach.age"
    write_key_file(path, keys, PASSPHRASE, work_factor=FAST)
    return path


class TestCoachKeys:
    """The key object itself."""

    def test_derived_names(self, keys: CoachKeys) -> None:
        assert keys.identity.startswith("AGE-SECRET-KEY-1")
        assert keys.recipient == age.identity_to_recipient(keys.identity)
        assert len(keys.verify_key_bytes) == 32
        assert len(keys.key_id) == 16 and int(keys.key_id, 16) >= 0
        assert keys.created_at.tzinfo is not None and keys.created_at.microsecond == 0
        assert create_coach_keys().key_id != keys.key_id

    def test_repr_never_shows_secrets(self, keys: CoachKeys) -> None:
        text = repr(keys)
        assert keys.identity not in text and "AGE-SECRET" not in text
        assert repr(keys.signing_seed) not in text

    def test_sign_and_verify(self, keys: CoachKeys) -> None:
        signature = keys.sign(b"ringkasan sesi 2")
        assert verify_signature(keys.verify_key_bytes, b"ringkasan sesi 2", signature)
        assert not verify_signature(keys.verify_key_bytes, b"ringkasan sesi 3", signature)
        other = create_coach_keys()
        assert not verify_signature(other.verify_key_bytes, b"ringkasan sesi 2", signature)
        assert not verify_signature(b"short", b"x", signature)
        assert not verify_signature(keys.verify_key_bytes, b"x", b"short")

    def test_validation(self, keys: CoachKeys) -> None:
        with pytest.raises(age.InvalidKey):
            CoachKeys("AGE-SECRET-KEY-1XYZ", keys.signing_seed, keys.created_at)
        with pytest.raises(age.InvalidKey):
            CoachKeys(keys.identity, b"short", keys.created_at)
        with pytest.raises(ValueError):
            CoachKeys(keys.identity, keys.signing_seed, datetime(2026, 1, 1))


class TestKeyFileText:
    """The plaintext: a valid age identity file with sitante's lines as comments."""

    def test_layout(self, keys: CoachKeys) -> None:
        text = encode_key_file(keys).decode()
        lines = text.splitlines()
        assert lines[0] == KEY_FILE_MARK
        assert lines[1].startswith("# created: ") and lines[1].endswith("Z")
        assert lines[2] == f"# public key: {keys.recipient}"
        assert lines[3].startswith("# ed25519-signing-key: ")
        assert lines[4] == keys.identity and text.endswith("\n")
        assert age.parse_identities(text) == [keys.identity]

    def test_round_trip(self, keys: CoachKeys) -> None:
        assert parse_key_file(encode_key_file(keys).decode()) == keys

    def test_fixed_example(self) -> None:
        identity = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"
        text = (
            "# sitante coach keys v1\n"
            "# created: 2026-11-28T10:00:00Z\n"
            "# public key: age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj\n"
            "# ed25519-signing-key: AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"
            f"{identity}\n"
        )
        keys = parse_key_file(text)
        assert keys.created_at == datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
        assert keys.signing_seed == bytes(range(32))
        assert encode_key_file(keys).decode() == text

    @pytest.mark.parametrize(
        "mutate",
        [
            lambda t: t.replace("# sitante coach keys v1\n", ""),
            lambda t: "\n".join(line for line in t.splitlines() if "signing" not in line),
            lambda t: "\n".join(line for line in t.splitlines() if "created" not in line),
            lambda t: "\n".join(line for line in t.splitlines() if "AGE-SECRET" not in line),
            lambda t: t.replace("# public key: age1", "# public key: age1q"),
            lambda t: t.replace("# ed25519-signing-key: ", "# ed25519-signing-key: AAAA"),
            lambda t: t + age.generate_identity() + "\n",
            lambda t: t.replace("AGE-SECRET-KEY-1", "AGE-SECRET-KEY-1Q"),
        ],
        ids=[
            "no-mark",
            "no-seed",
            "no-date",
            "no-identity",
            "wrong-public",
            "bad-seed",
            "two-ids",
            "bad-id",
        ],
    )
    def test_invalid_content(self, keys: CoachKeys, mutate: object) -> None:
        text = mutate(encode_key_file(keys).decode())  # type: ignore[operator]
        with pytest.raises(InvalidKeyFile) as caught:
            parse_key_file(text)
        assert keys.identity not in str(caught.value)


class TestKeyFile:
    """The encrypted file on disk."""

    def test_round_trip(self, key_file: Path, keys: CoachKeys) -> None:
        assert read_key_file(key_file, PASSPHRASE) == keys
        assert key_file.read_bytes().startswith(b"age-encryption.org/v1\n-> scrypt ")
        assert b"AGE-SECRET-KEY" not in key_file.read_bytes()

    def test_no_temporary_files_are_left_behind(self, key_file: Path, keys: CoachKeys) -> None:
        write_key_file(key_file, keys, PASSPHRASE, work_factor=FAST)
        assert [p.name for p in key_file.parent.iterdir()] == ["coach.age"]

    @pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
    def test_only_the_owner_can_read_it(self, key_file: Path) -> None:
        assert key_file.stat().st_mode & 0o077 == 0

    def test_wrong_passphrase(self, key_file: Path) -> None:
        with pytest.raises(age.WrongPassphrase):
            read_key_file(key_file, PASSPHRASE + " ")

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(MissingKeyFile):
            read_key_file(tmp_path / "nope.age", PASSPHRASE)

    def test_damaged_payload(self, key_file: Path) -> None:
        blob = bytearray(key_file.read_bytes())
        blob[-5] ^= 0x40
        key_file.write_bytes(bytes(blob))
        with pytest.raises(age.AuthenticationFailed):
            read_key_file(key_file, PASSPHRASE)

    def test_damaged_header(self, key_file: Path) -> None:
        key_file.write_bytes(key_file.read_bytes().replace(b"age-encryption.org/v1", b"age-x", 1))
        with pytest.raises(age.MalformedHeader):
            read_key_file(key_file, PASSPHRASE)

    def test_cut_short(self, key_file: Path) -> None:
        key_file.write_bytes(key_file.read_bytes()[:-20])
        with pytest.raises(age.AuthenticationFailed):
            read_key_file(key_file, PASSPHRASE)
        key_file.write_bytes(b"")
        with pytest.raises(age.TruncatedFile):
            read_key_file(key_file, PASSPHRASE)

    def test_a_valid_age_file_that_is_not_a_key_file(self, tmp_path: Path) -> None:
        path = tmp_path / "notes.age"
        path.write_bytes(age.encrypt(b"catatan rapat", passphrase=PASSPHRASE, work_factor=FAST))
        with pytest.raises(InvalidKeyFile):
            read_key_file(path, PASSPHRASE)

    def test_a_failed_write_keeps_the_old_file(
        self, key_file: Path, keys: CoachKeys, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        before = key_file.read_bytes()

        def power_cut(source: object, target: object) -> None:
            raise OSError("disk full")  # a full disk cannot be arranged here: the rename fails

        monkeypatch.setattr(os, "replace", power_cut)
        with pytest.raises(OSError, match="disk full"):
            write_key_file(key_file, create_coach_keys(), "lain", work_factor=FAST)
        monkeypatch.undo()
        assert key_file.read_bytes() == before
        assert [p.name for p in key_file.parent.iterdir()] == ["coach.age"]
        assert read_key_file(key_file, PASSPHRASE) == keys

    def test_change_passphrase(self, key_file: Path, keys: CoachKeys) -> None:
        sibling = key_file.parent / "other.age"
        sibling.write_bytes(b"untouched")
        change_passphrase(key_file, PASSPHRASE, "frasa baru yang panjang", work_factor=FAST)
        assert read_key_file(key_file, "frasa baru yang panjang") == keys
        with pytest.raises(age.WrongPassphrase):
            read_key_file(key_file, PASSPHRASE)
        assert sibling.read_bytes() == b"untouched"
        assert sorted(p.name for p in key_file.parent.iterdir()) == ["coach.age", "other.age"]

    def test_change_passphrase_with_the_wrong_old_one_changes_nothing(self, key_file: Path) -> None:
        before = key_file.read_bytes()
        with pytest.raises(age.WrongPassphrase):
            change_passphrase(key_file, "salah", "baru", work_factor=FAST)
        assert key_file.read_bytes() == before


class TestHrIdentityFile:
    """HR's identity file shares the format, without the signing key."""

    def test_round_trip(self, tmp_path: Path) -> None:
        identity = age.generate_identity()
        path = tmp_path / "hr.age"
        write_identity_file(
            path, identity, PASSPHRASE, work_factor=FAST, comment_lines=["sitante HR key", "# x"]
        )
        assert read_identity_file(path, PASSPHRASE) == identity
        plaintext = age.decrypt(path.read_bytes(), passphrase=PASSPHRASE).decode()
        assert plaintext == f"# sitante HR key\n# x\n{identity}\n"
        change_passphrase(path, PASSPHRASE, "lain", work_factor=FAST)
        assert read_identity_file(path, "lain") == identity

    def test_a_coach_key_file_is_also_an_identity_file(
        self, key_file: Path, keys: CoachKeys
    ) -> None:
        assert read_identity_file(key_file, PASSPHRASE) == keys.identity

    def test_rejects_bad_input(self, tmp_path: Path) -> None:
        with pytest.raises(age.InvalidKey):
            write_identity_file(tmp_path / "hr.age", "AGE-SECRET-KEY-1", PASSPHRASE)
        with pytest.raises(ValueError):
            write_identity_file(
                tmp_path / "hr.age", age.generate_identity(), PASSPHRASE, comment_lines=["a\nb"]
            )
        assert not (tmp_path / "hr.age").exists()


@pytest.mark.slow
def test_the_standard_age_tool_recovers_the_keys(
    age_cli: AgeCli, key_file: Path, keys: CoachKeys, tmp_path: Path
) -> None:
    """``age -d coach.age > id.txt`` then ``age -d -i id.txt file.age`` works without sitante."""
    identity_file = tmp_path / "id.txt"
    result = age_cli.run_with_passphrase("-d", "-o", identity_file, key_file, passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert age_cli.recipient_of(identity_file) == keys.recipient

    note = tmp_path / "note.age"
    note.write_bytes(age.encrypt(b"Catatan sesi: tujuan Bu Sari", recipients=[keys.recipient]))
    decrypted = age_cli.run("-d", "-i", identity_file, note)
    assert decrypted.returncode == 0, decrypted.stderr.decode()
    assert decrypted.stdout == b"Catatan sesi: tujuan Bu Sari"
