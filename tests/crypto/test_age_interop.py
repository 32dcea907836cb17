"""Interoperability with the real ``age`` 1.1 binary, in both directions.

These tests are the promise of the spec: files sitante writes open with the standard tool, and
files the standard tool writes open in sitante. They fail (not skip) when ``age`` is missing.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sitante_tui.crypto import age

if TYPE_CHECKING:
    from conftest import AgeCli

pytestmark = pytest.mark.slow

SIZES = [0, 1, 65535, 65536, 65537, 5 * 1024 * 1024]
PASSPHRASE = "kopi tubruk senja di teras 🌅"


def plaintext(size: int) -> bytes:
    """Deterministic, incompressible bytes (so that a mix-up of chunks cannot go unnoticed)."""
    return random.Random(size).randbytes(size)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def output_of(path: Path) -> bytes:
    """What ``age -o path`` wrote (age creates it lazily: an empty plaintext leaves no file)."""
    return path.read_bytes() if path.exists() else b""


@pytest.fixture(scope="module")
def keypair(age_cli: AgeCli, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """An identity file made by the real ``age-keygen``, its identity and recipient."""
    path = tmp_path_factory.mktemp("keys") / "identity.txt"
    identity, recipient = age_cli.generate(path)
    return path, identity, recipient


def test_keys_from_age_keygen_parse_and_derive_the_same_recipient(
    keypair: tuple[Path, str, str],
) -> None:
    path, identity, recipient = keypair
    assert age.parse_identities(path.read_text()) == [identity]
    assert age.identity_to_recipient(identity) == recipient


def test_age_keygen_accepts_our_identity_and_derives_our_recipient(
    age_cli: AgeCli, tmp_path: Path
) -> None:
    identity = age.generate_identity()
    path = tmp_path / "ours.txt"
    path.write_text(f"# made by sitante\n{identity}\n")
    assert age_cli.recipient_of(path) == age.identity_to_recipient(identity)


class TestX25519:
    """Public-key files: ours → ``age -d`` and ``age -e`` → ours, binary and armored."""

    @pytest.mark.parametrize("armor", [False, True], ids=["binary", "armored"])
    @pytest.mark.parametrize("size", SIZES)
    def test_age_decrypts_what_we_encrypt(
        self,
        age_cli: AgeCli,
        keypair: tuple[Path, str, str],
        tmp_path: Path,
        size: int,
        armor: bool,
    ) -> None:
        key_file, _, recipient = keypair
        data = plaintext(size)
        sealed = tmp_path / "ours.age"
        sealed.write_bytes(age.encrypt(data, recipients=[recipient], armor=armor))
        if armor:
            assert sealed.read_bytes().startswith(b"-----BEGIN AGE ENCRYPTED FILE-----\n")
        out = tmp_path / "out.bin"
        result = age_cli.run("-d", "-i", key_file, "-o", out, sealed)
        assert result.returncode == 0, result.stderr.decode()
        assert digest(output_of(out)) == digest(data)

    @pytest.mark.parametrize("armor", [False, True], ids=["binary", "armored"])
    @pytest.mark.parametrize("size", SIZES)
    def test_we_decrypt_what_age_encrypts(
        self,
        age_cli: AgeCli,
        keypair: tuple[Path, str, str],
        tmp_path: Path,
        size: int,
        armor: bool,
    ) -> None:
        _, identity, recipient = keypair
        data = plaintext(size)
        source = tmp_path / "in.bin"
        source.write_bytes(data)
        sealed = tmp_path / "theirs.age"
        flags = ["-a"] if armor else []
        result = age_cli.run("-e", *flags, "-r", recipient, "-o", sealed, source)
        assert result.returncode == 0, result.stderr.decode()
        assert digest(age.decrypt(sealed.read_bytes(), identities=[identity])) == digest(data)
        with sealed.open("rb") as fh, age.AgeReader(fh, identities=[identity]) as reader:
            assert digest(b"".join(reader)) == digest(data)

    def test_age_decrypts_a_file_for_several_recipients(
        self, age_cli: AgeCli, keypair: tuple[Path, str, str], tmp_path: Path
    ) -> None:
        key_file, _, recipient = keypair
        others = [age.identity_to_recipient(age.generate_identity()) for _ in range(3)]
        sealed = tmp_path / "multi.age"
        sealed.write_bytes(age.encrypt(b"untuk semua", recipients=[*others, recipient]))
        result = age_cli.run("-d", "-i", key_file, sealed)
        assert result.returncode == 0, result.stderr.decode()
        assert result.stdout == b"untuk semua"

    def test_age_ignores_our_grease_stanzas_in_all_their_shapes(
        self, age_cli: AgeCli, keypair: tuple[Path, str, str]
    ) -> None:
        key_file, _, recipient = keypair
        for size in range(60):  # the grease stanza is random: try many of them
            data = plaintext(size)
            blob = age.encrypt(data, recipients=[recipient], armor=size % 2 == 0)
            result = age_cli.run("-d", "-i", key_file, stdin=blob)
            assert result.returncode == 0, (result.stderr.decode(), blob[:400])
            assert result.stdout == data

    def test_age_refuses_our_file_for_another_identity(
        self, age_cli: AgeCli, keypair: tuple[Path, str, str], tmp_path: Path
    ) -> None:
        key_file, _, _ = keypair
        stranger = age.identity_to_recipient(age.generate_identity())
        sealed = tmp_path / "stranger.age"
        sealed.write_bytes(age.encrypt(b"rahasia", recipients=[stranger]))
        result = age_cli.run("-d", "-i", key_file, sealed)
        assert result.returncode != 0
        assert b"no identity matched" in result.stderr

    def test_age_rejects_our_file_after_tampering(
        self, age_cli: AgeCli, keypair: tuple[Path, str, str], tmp_path: Path
    ) -> None:
        key_file, _, recipient = keypair
        blob = bytearray(age.encrypt(plaintext(1000), recipients=[recipient]))
        blob[-20] ^= 0x01
        sealed = tmp_path / "tampered.age"
        sealed.write_bytes(bytes(blob))
        assert age_cli.run("-d", "-i", key_file, sealed).returncode != 0


class TestPassphrase:
    """scrypt files through a pseudo-terminal: ``age -p``/``age -d`` both ways."""

    @pytest.mark.parametrize("size", SIZES)
    def test_age_decrypts_what_we_encrypt(self, age_cli: AgeCli, tmp_path: Path, size: int) -> None:
        data = plaintext(size)
        sealed = tmp_path / "ours.age"
        sealed.write_bytes(age.encrypt(data, passphrase=PASSPHRASE, work_factor=12))
        out = tmp_path / "out.bin"
        result = age_cli.run_with_passphrase("-d", "-o", out, sealed, passphrase=PASSPHRASE)
        assert result.returncode == 0, result.stderr.decode(errors="replace")
        assert digest(output_of(out)) == digest(data)

    @pytest.mark.parametrize("size", SIZES)
    def test_age_decrypts_what_we_encrypt_armored(
        self, age_cli: AgeCli, tmp_path: Path, size: int
    ) -> None:
        data = plaintext(size)
        sealed = tmp_path / "ours.age"
        sealed.write_bytes(age.encrypt(data, passphrase=PASSPHRASE, armor=True, work_factor=12))
        out = tmp_path / "out.bin"
        result = age_cli.run_with_passphrase("-d", "-o", out, sealed, passphrase=PASSPHRASE)
        assert result.returncode == 0, result.stderr.decode(errors="replace")
        assert digest(output_of(out)) == digest(data)

    def test_age_decrypts_our_default_work_factor(self, age_cli: AgeCli, tmp_path: Path) -> None:
        sealed = tmp_path / "ours.age"
        sealed.write_bytes(age.encrypt(b"bawaan 18", passphrase=PASSPHRASE))
        assert b"scrypt" in sealed.read_bytes().split(b"\n")[1]
        assert sealed.read_bytes().split(b"\n")[1].endswith(b" 18")
        out = tmp_path / "out.bin"
        result = age_cli.run_with_passphrase("-d", "-o", out, sealed, passphrase=PASSPHRASE)
        assert result.returncode == 0, result.stderr.decode(errors="replace")
        assert out.read_bytes() == b"bawaan 18"

    def test_age_reports_a_wrong_passphrase_for_our_file(
        self, age_cli: AgeCli, tmp_path: Path
    ) -> None:
        sealed = tmp_path / "ours.age"
        sealed.write_bytes(age.encrypt(b"x", passphrase=PASSPHRASE, work_factor=10))
        result = age_cli.run_with_passphrase(
            "-d", "-o", tmp_path / "out.bin", sealed, passphrase="bukan ini"
        )
        assert result.returncode != 0
        assert b"incorrect passphrase" in result.stderr

    @pytest.mark.parametrize("size", SIZES)
    def test_we_decrypt_what_age_encrypts(self, age_cli: AgeCli, tmp_path: Path, size: int) -> None:
        data = plaintext(size)
        source = tmp_path / "in.bin"
        source.write_bytes(data)
        sealed = tmp_path / "theirs.age"
        result = age_cli.run_with_passphrase(
            "-e", "-p", "-o", sealed, source, passphrase=PASSPHRASE
        )
        assert result.returncode == 0, result.stderr.decode(errors="replace")
        assert digest(age.decrypt(sealed.read_bytes(), passphrase=PASSPHRASE)) == digest(data)

    @pytest.mark.parametrize("size", SIZES)
    def test_we_decrypt_what_age_encrypts_armored(
        self, age_cli: AgeCli, tmp_path: Path, size: int
    ) -> None:
        data = plaintext(size)
        source = tmp_path / "in.bin"
        source.write_bytes(data)
        sealed = tmp_path / "theirs.age"
        result = age_cli.run_with_passphrase(
            "-e", "-p", "-a", "-o", sealed, source, passphrase=PASSPHRASE
        )
        assert result.returncode == 0, result.stderr.decode(errors="replace")
        assert sealed.read_bytes().startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
        with sealed.open("rb") as fh, age.AgeReader(fh, passphrase=PASSPHRASE) as reader:
            assert digest(reader.read()) == digest(data)
