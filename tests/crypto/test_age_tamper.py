"""A damaged or tampered age file never yields plaintext, and says what is wrong with it.

Bit flips in every header byte, in the payload and in the last chunk; truncation at every
interesting offset; appended garbage; strict ASCII armor.
"""

from __future__ import annotations

import base64
import io
import os
import random

import pytest

from sitante_tui.crypto import age

IDENTITY = age.generate_identity()
RECIPIENT = age.identity_to_recipient(IDENTITY)
CHUNK = 64 * 1024
SEALED_CHUNK = CHUNK + 16
DATA = random.Random(7).randbytes(2 * CHUNK + 1000)  # three chunks, the last one short


def header_length(blob: bytes) -> int:
    return blob.index(b"\n---") + len(b"\n--- ") + 43 + 1


@pytest.fixture(scope="module")
def sealed() -> bytes:
    return age.encrypt(DATA, recipients=[RECIPIENT])


def flip(blob: bytes, offset: int, mask: int = 0x01) -> bytes:
    out = bytearray(blob)
    out[offset] ^= mask
    return bytes(out)


class TestBitFlips:
    """One flipped bit anywhere is caught, with the error that describes it."""

    def test_every_header_byte(self, sealed: bytes) -> None:
        allowed = (age.MalformedHeader, age.AuthenticationFailed, age.NoIdentityMatched)
        for offset in range(header_length(sealed)):
            with pytest.raises(allowed):
                age.decrypt(flip(sealed, offset), identities=[IDENTITY])

    def test_version_line(self, sealed: bytes) -> None:
        with pytest.raises(age.MalformedHeader):
            age.decrypt(flip(sealed, 3), identities=[IDENTITY])

    def test_mac(self, sealed: bytes) -> None:
        end = header_length(sealed)
        mac = sealed[end - 44 : end - 2]  # all but the last character, which has spare bits
        offset = end - 44 + next(i for i, c in enumerate(mac) if chr(c).isalpha())
        with pytest.raises(age.AuthenticationFailed):
            age.decrypt(flip(sealed, offset, 0x20), identities=[IDENTITY])  # 'a' <-> 'A'

    def test_grease_stanza_is_covered_by_the_mac(self) -> None:
        for _ in range(20):  # the grease is random: find one with a body char to flip
            blob = age.encrypt(b"x", recipients=[RECIPIENT])
            lines = blob[: header_length(blob)].split(b"\n")
            grease = next(i for i, line in enumerate(lines) if b"-grease" in line)
            if not lines[grease + 1]:
                continue
            offset = sum(len(line) + 1 for line in lines[: grease + 1])
            flipped = flip(blob, offset, 0x20)  # swaps letter case: still valid base64
            if flipped[offset : offset + 1].isalpha():
                with pytest.raises((age.AuthenticationFailed, age.MalformedHeader)):
                    age.decrypt(flipped, identities=[IDENTITY])
                return
        pytest.fail("no grease stanza with a letter in its body")

    @pytest.mark.parametrize("where", ["nonce", "first-chunk", "middle-chunk", "last-chunk", "tag"])
    def test_payload(self, sealed: bytes, where: str) -> None:
        start = header_length(sealed)
        offset = {
            "nonce": start + 5,
            "first-chunk": start + 16 + 100,
            "middle-chunk": start + 16 + SEALED_CHUNK + 7,
            "last-chunk": start + 16 + 2 * SEALED_CHUNK + 3,
            "tag": len(sealed) - 1,
        }[where]
        with pytest.raises(age.AuthenticationFailed) as caught:
            age.decrypt(flip(sealed, offset), identities=[IDENTITY])
        assert type(caught.value) is age.AuthenticationFailed

    def test_reader_yields_only_chunks_before_the_damage(self, sealed: bytes) -> None:
        damaged = flip(sealed, header_length(sealed) + 16 + SEALED_CHUNK + 7)
        reader = age.AgeReader(io.BytesIO(damaged), identities=[IDENTITY])
        chunks = iter(reader)
        assert next(chunks) == DATA[:CHUNK]
        with pytest.raises(age.AuthenticationFailed):
            next(chunks)

    def test_passphrase_file_body(self) -> None:
        blob = age.encrypt(b"catatan", passphrase="kata sandi", work_factor=10)
        lines = blob.split(b"\n")
        body_offset = len(lines[0]) + len(lines[1]) + 2 + 5
        # The format cannot tell a damaged scrypt stanza from a wrong passphrase.
        with pytest.raises((age.WrongPassphrase, age.MalformedHeader)):
            age.decrypt(flip(blob, body_offset), passphrase="kata sandi")
        with pytest.raises(age.AuthenticationFailed):
            age.decrypt(flip(blob, len(blob) - 3), passphrase="kata sandi")


class TestTruncation:
    """A file cut short is reported as truncated, never returned in part by ``decrypt``."""

    @pytest.mark.parametrize(
        "cut",
        ["empty", "in-version", "in-stanza", "in-mac", "before-nonce", "in-nonce", "after-nonce"],
    )
    def test_in_the_header_or_nonce(self, sealed: bytes, cut: str) -> None:
        end = header_length(sealed)
        keep = {
            "empty": 0,
            "in-version": 10,
            "in-stanza": 40,
            "in-mac": end - 10,
            "before-nonce": end,
            "in-nonce": end + 8,
            "after-nonce": end + 16,
        }[cut]
        with pytest.raises(age.TruncatedFile):
            age.decrypt(sealed[:keep], identities=[IDENTITY])

    @pytest.mark.parametrize("chunks", [1, 2])
    def test_at_a_chunk_boundary(self, sealed: bytes, chunks: int) -> None:
        keep = header_length(sealed) + 16 + chunks * SEALED_CHUNK
        with pytest.raises(age.TruncatedFile):
            age.decrypt(sealed[:keep], identities=[IDENTITY])

    def test_within_a_tag(self, sealed: bytes) -> None:
        keep = header_length(sealed) + 16 + 2 * SEALED_CHUNK + 10
        with pytest.raises(age.TruncatedFile):
            age.decrypt(sealed[:keep], identities=[IDENTITY])

    @pytest.mark.parametrize("drop", [1, 16, 500])
    def test_inside_the_last_chunk(self, sealed: bytes, drop: int) -> None:
        # Cut inside a chunk is indistinguishable from damage: still an AuthenticationFailed.
        with pytest.raises(age.AuthenticationFailed):
            age.decrypt(sealed[:-drop], identities=[IDENTITY])

    def test_exact_multiple_of_the_chunk_size(self) -> None:
        blob = age.encrypt(os.urandom(2 * CHUNK), recipients=[RECIPIENT])
        with pytest.raises(age.TruncatedFile):
            age.decrypt(blob[:-SEALED_CHUNK], identities=[IDENTITY])

    def test_empty_payload_without_its_chunk(self) -> None:
        blob = age.encrypt(b"", recipients=[RECIPIENT])
        with pytest.raises(age.TruncatedFile):
            age.decrypt(blob[:-16], identities=[IDENTITY])


class TestTrailingGarbage:
    """Bytes appended after the final chunk are rejected."""

    @pytest.mark.parametrize("extra", [b"\x00", b"\n", os.urandom(100), os.urandom(CHUNK)])
    def test_after_a_short_final_chunk(self, sealed: bytes, extra: bytes) -> None:
        with pytest.raises(age.AuthenticationFailed):
            age.decrypt(sealed + extra, identities=[IDENTITY])

    @pytest.mark.parametrize("extra", [b"\x00", os.urandom(100)])
    def test_after_a_full_final_chunk(self, extra: bytes) -> None:
        blob = age.encrypt(os.urandom(CHUNK), recipients=[RECIPIENT])
        with pytest.raises(age.TrailingData):
            age.decrypt(blob + extra, identities=[IDENTITY])


@pytest.fixture(scope="module")
def armored() -> bytes:
    """An armored file whose last line is padded (the grease stanza makes the length vary)."""
    while True:
        blob = age.encrypt(DATA[:1000], recipients=[RECIPIENT], armor=True)
        if b"=\n-----END" in blob:
            return blob


class TestArmor:
    """Strict PEM: canonical 64-column base64, only whitespace around the block."""

    def test_shape(self, armored: bytes) -> None:
        lines = armored.decode().split("\n")
        assert lines[0] == "-----BEGIN AGE ENCRYPTED FILE-----"
        assert lines[-2:] == ["-----END AGE ENCRYPTED FILE-----", ""]
        body = lines[1:-2]
        assert all(len(line) == 64 for line in body[:-1]) and 0 < len(body[-1]) <= 64

    @pytest.mark.parametrize(
        "variant",
        [
            lambda a: b"\n\n  \t" + a + b"\n \n",
            lambda a: a.replace(b"\n", b"\r\n"),
            lambda a: a.rstrip(b"\n"),
        ],
        ids=["surrounding-whitespace", "crlf", "no-final-newline"],
    )
    def test_accepted_variants(self, armored: bytes, variant: object) -> None:
        blob = variant(armored)  # type: ignore[operator]
        assert age.decrypt(blob, identities=[IDENTITY]) == DATA[:1000]

    @pytest.mark.parametrize(
        "variant",
        [
            lambda a: a + b"garbage\n",
            lambda a: a.replace(b"-----\n", b"-----\n\n", 1),
            lambda a: a.replace(b"\n", b"\n ", 2),
            lambda a: a.replace(b"-----END", b"AAAA\n-----END"),
            lambda a: _rewrap(a, 76),
            lambda a: _rewrap(a, 60),
            lambda a: a.replace(b"=\n", b"\n"),
            lambda a: a.replace(b"-----BEGIN AGE ENCRYPTED FILE-----", b"-----BEGIN AGE FILE-----"),
            lambda a: a[:40] + b"*" + a[41:],
        ],
        ids=[
            "garbage-after",
            "blank-line",
            "indented",
            "line-after-last",
            "wide-lines",
            "narrow-lines",
            "missing-padding",
            "wrong-label",
            "bad-character",
        ],
    )
    def test_rejected_variants(self, armored: bytes, variant: object) -> None:
        blob = variant(armored)  # type: ignore[operator]
        with pytest.raises(age.MalformedHeader):
            age.decrypt(blob, identities=[IDENTITY])

    def test_not_canonical_padding_bits(self) -> None:
        alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        while True:  # the grease stanza varies the length: wait for one that ends in "=="
            armored = age.encrypt(b"x", recipients=[RECIPIENT], armor=True)
            lines = armored.split(b"\n")
            if lines[-3].endswith(b"=="):
                break
        last = lines[-3]
        # The character before "==" carries 2 data bits and 4 zero bits; setting one is
        # a non-canonical encoding of the same bytes.
        char = alphabet[alphabet.index(last[-3:-2]) | 1 :][:1]
        lines[-3] = last[:-3] + char + b"=="
        assert base64.b64decode(lines[-3]) == base64.b64decode(last)
        with pytest.raises(age.MalformedArmor):
            age.decrypt(b"\n".join(lines), identities=[IDENTITY])

    def test_missing_end_line(self, armored: bytes) -> None:
        cut = armored[: armored.index(b"-----END")]
        with pytest.raises(age.TruncatedFile):
            age.decrypt(cut, identities=[IDENTITY])

    def test_tampered_payload_inside_armor(self, armored: bytes) -> None:
        lines = armored.split(b"\n")
        lines[10] = lines[10][:5] + (b"B" if lines[10][5:6] != b"B" else b"C") + lines[10][6:]
        with pytest.raises(age.AuthenticationFailed):
            age.decrypt(b"\n".join(lines), identities=[IDENTITY])


def _rewrap(armored: bytes, width: int) -> bytes:
    lines = armored.split(b"\n")
    body = b"".join(lines[1:-2])
    wrapped = [body[i : i + width] for i in range(0, len(body), width)]
    return b"\n".join([lines[0], *wrapped, lines[-2], b""])
