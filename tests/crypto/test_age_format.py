"""The age v1 format, strictly: keys, header parsing, tampering, truncation and armor.

Crafted files are built with an independent STREAM implementation (below), so a bug shared by
our writer and reader cannot hide.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sitante_tui.crypto import age, bech32
from sitante_tui.crypto.age_header import Stanza
from sitante_tui.crypto.age_keys import parse_recipient, wrap_scrypt, wrap_x25519

IDENTITY = age.generate_identity()
RECIPIENT = age.identity_to_recipient(IDENTITY)
CHUNK = 64 * 1024


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode().rstrip("=")


def hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def stanza_text(stanza: Stanza) -> str:
    body = b64(stanza.body)
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    if not lines or len(lines[-1]) == 64:
        lines.append("")
    return "\n".join([" ".join(["->", stanza.type, *stanza.args]), *lines]) + "\n"


def craft(
    stanzas_text: str,
    file_key: bytes,
    chunks: list[tuple[bytes, bool]] | None = None,
    version: str = "age-encryption.org/v1\n",
) -> bytes:
    """A file with the given stanza text, a correct MAC and a payload of explicit chunks."""
    mac_input = (version + stanzas_text + "---").encode()
    mac = hmac.new(hkdf(file_key, b"", b"header"), mac_input, hashlib.sha256).digest()
    nonce = os.urandom(16)
    aead = ChaCha20Poly1305(hkdf(file_key, nonce, b"payload"))
    payload = b"".join(
        aead.encrypt(counter.to_bytes(11, "big") + bytes([last]), chunk, None)
        for counter, (chunk, last) in enumerate(chunks if chunks is not None else [(b"hi", True)])
    )
    return mac_input + b" " + b64(mac).encode() + b"\n" + nonce + payload


def x25519_stanza(file_key: bytes) -> Stanza:
    return wrap_x25519(file_key, parse_recipient(RECIPIENT))


def header_length(blob: bytes) -> int:
    return blob.index(b"\n---") + len(b"\n--- ") + 43 + 1


class TestKeys:
    """Key strings: bech32, the spec's vector, identity files, errors without secrets."""

    def test_spec_vector_identity_to_recipient(self) -> None:
        identity = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"
        assert (
            age.identity_to_recipient(identity)
            == "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"
        )

    def test_generated_identity_is_upper_case_bech32_of_32_bytes(self) -> None:
        identity = age.generate_identity()
        assert identity.startswith("AGE-SECRET-KEY-1") and identity == identity.upper()
        hrp, data = bech32.decode(identity)
        assert hrp == "age-secret-key-" and len(data) == 32
        assert age.generate_identity() != identity
        assert age.identity_to_recipient(identity).startswith("age1")

    @pytest.mark.parametrize(
        "valid",
        [
            "A12UEL5L",
            "a12uel5l",
            "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
        ],
    )
    def test_bip173_valid_vectors(self, valid: str) -> None:
        hrp, _ = bech32.decode(valid)
        assert hrp == valid.lower()[: valid.lower().rfind("1")]

    @pytest.mark.parametrize(
        "invalid",
        [
            "pzry9x0s0muk",
            "1pzry9x0s0muk",
            "x1b4n0q5v",
            "li1dgmt3",
            "A1G7SGD8",
            "10a06t8",
            "1qzzfhee",
        ],
    )
    def test_bip173_invalid_vectors(self, invalid: str) -> None:
        with pytest.raises(bech32.Bech32Error):
            bech32.decode(invalid)

    def test_bech32_round_trip_without_the_90_character_limit(self) -> None:
        data = bytes(range(200))
        encoded = bech32.encode("age1pq", data)
        assert len(encoded) > 90
        assert bech32.decode(encoded) == ("age1pq", data)

    @pytest.mark.parametrize(
        "bad",
        [
            IDENTITY[:-1] + ("Q" if IDENTITY[-1] != "Q" else "P"),  # checksum
            IDENTITY[:20] + IDENTITY[20:].lower(),  # mixed case
            RECIPIENT,  # a recipient is not an identity
            "AGE-SECRET-KEY-1",
            "",
        ],
    )
    def test_invalid_identity_raises_invalid_key_without_echoing_it(self, bad: str) -> None:
        with pytest.raises(age.InvalidKey) as caught:
            age.identity_to_recipient(bad)
        assert IDENTITY[16:] not in str(caught.value)
        with pytest.raises(age.InvalidKey):
            age.decrypt(age.encrypt(b"x", recipients=[RECIPIENT]), identities=[bad])

    @pytest.mark.parametrize(
        "bad",
        [
            IDENTITY,
            RECIPIENT[:-1] + ("q" if RECIPIENT[-1] != "q" else "p"),
            "age1",
            "ssh-ed25519 AAAA",
        ],
    )
    def test_invalid_recipient_raises_invalid_key(self, bad: str) -> None:
        with pytest.raises(age.InvalidKey) as caught:
            age.encrypt(b"x", recipients=[RECIPIENT, bad])
        assert IDENTITY not in str(caught.value)

    def test_parse_identities_skips_comments_and_blank_lines(self) -> None:
        other = age.generate_identity()
        text = f"# created: today\r\n\n# public key: {RECIPIENT}\r\n{IDENTITY}\r\n\n{other}\n"
        assert age.parse_identities(text) == [IDENTITY, other]
        assert age.parse_identities("# only a comment\n") == []

    def test_parse_identities_names_the_bad_line_not_its_content(self) -> None:
        with pytest.raises(age.InvalidKey, match="line 2") as caught:
            age.parse_identities(f"# ok\n{IDENTITY[:-3]}\n")
        assert IDENTITY[:-3] not in str(caught.value)


class TestApi:
    """Argument checking and the shape of what we write."""

    def test_exactly_one_of_recipients_or_passphrase(self) -> None:
        with pytest.raises(ValueError):
            age.encrypt(b"x")
        with pytest.raises(ValueError):
            age.encrypt(b"x", recipients=[RECIPIENT], passphrase="p")
        with pytest.raises(ValueError):
            age.decrypt(b"x")
        with pytest.raises(TypeError):
            age.encrypt(b"x", recipients=RECIPIENT)
        with pytest.raises(TypeError):
            age.decrypt(b"x", identities=IDENTITY)

    @pytest.mark.parametrize("work_factor", [0, 23])
    def test_encrypt_refuses_a_work_factor_we_could_not_open(self, work_factor: int) -> None:
        with pytest.raises(ValueError):
            age.encrypt(b"x", passphrase="p", work_factor=work_factor)

    def test_empty_passphrase_is_refused(self) -> None:
        with pytest.raises(ValueError):
            age.encrypt(b"x", passphrase="")

    def test_recipient_header_carries_grease_and_duplicates_collapse(self) -> None:
        blob = age.encrypt(b"x", recipients=[RECIPIENT, RECIPIENT])
        header = blob[: header_length(blob)].decode()
        assert header.count("-> X25519 ") == 1
        assert "-grease" in header
        assert age.decrypt(blob, identities=[IDENTITY]) == b"x"

    def test_passphrase_header_has_only_the_scrypt_stanza(self) -> None:
        blob = age.encrypt(b"x", passphrase="p", work_factor=10)
        lines = blob[: header_length(blob)].decode().splitlines()
        assert lines[0] == "age-encryption.org/v1"
        assert lines[1].startswith("-> scrypt ") and lines[1].endswith(" 10")
        assert lines[3].startswith("--- ")

    @pytest.mark.parametrize(
        ("size", "chunks"), [(0, 1), (1, 1), (CHUNK - 1, 1), (CHUNK, 1), (CHUNK + 1, 2)]
    )
    def test_payload_chunking_matches_the_spec(self, size: int, chunks: int) -> None:
        blob = age.encrypt(os.urandom(size), recipients=[RECIPIENT])
        assert len(blob) - header_length(blob) == 16 + size + 16 * chunks

    def test_any_identity_in_the_list_may_match(self) -> None:
        blob = age.encrypt(b"x", recipients=[RECIPIENT])
        assert age.decrypt(blob, identities=[age.generate_identity(), IDENTITY]) == b"x"


class TestWrongKeys:
    """The user gave the wrong key or passphrase: a clear, specific error."""

    def test_wrong_identity(self) -> None:
        blob = age.encrypt(b"rahasia", recipients=[RECIPIENT])
        with pytest.raises(age.NoIdentityMatched):
            age.decrypt(blob, identities=[age.generate_identity()])

    def test_wrong_passphrase_never_echoes_it(self) -> None:
        blob = age.encrypt(b"rahasia", passphrase="benar sekali", work_factor=10)
        with pytest.raises(age.WrongPassphrase) as caught:
            age.decrypt(blob, passphrase="salah sekali")
        assert "salah" not in str(caught.value) and "rahasia" not in str(caught.value)

    def test_passphrase_for_a_recipient_file(self) -> None:
        blob = age.encrypt(b"x", recipients=[RECIPIENT])
        with pytest.raises(age.NoIdentityMatched):
            age.decrypt(blob, passphrase="p")

    def test_identity_for_a_passphrase_file(self) -> None:
        blob = age.encrypt(b"x", passphrase="p", work_factor=10)
        with pytest.raises(age.NoIdentityMatched):
            age.decrypt(blob, identities=[IDENTITY])


class TestScryptRules:
    """scrypt stanzas must be alone, well formed, and not too expensive."""

    def test_two_scrypt_stanzas(self) -> None:
        key = os.urandom(16)
        text = stanza_text(wrap_scrypt(key, "p", 10)) * 2
        with pytest.raises(age.MalformedHeader):
            age.decrypt(craft(text, key), passphrase="p")

    @pytest.mark.parametrize("scrypt_first", [True, False])
    def test_scrypt_mixed_with_x25519(self, scrypt_first: bool) -> None:
        key = os.urandom(16)
        parts = [stanza_text(wrap_scrypt(key, "p", 10)), stanza_text(x25519_stanza(key))]
        text = "".join(parts if scrypt_first else parts[::-1])
        with pytest.raises(age.MalformedHeader):
            age.decrypt(craft(text, key), passphrase="p")
        with pytest.raises(age.MalformedHeader):
            age.decrypt(craft(text, key), identities=[IDENTITY])

    def test_scrypt_with_a_grease_stanza(self) -> None:
        key = os.urandom(16)
        text = stanza_text(wrap_scrypt(key, "p", 10)) + "-> x-grease\n\n"
        with pytest.raises(age.MalformedHeader):
            age.decrypt(craft(text, key), passphrase="p")

    @pytest.mark.parametrize("work_factor", ["23", "018", "0", "-1", "1e1", "99999999999999999999"])
    def test_work_factor_out_of_bounds_or_not_canonical(self, work_factor: str) -> None:
        key = os.urandom(16)
        good = wrap_scrypt(key, "p", 10)
        bad = Stanza("scrypt", (good.args[0], work_factor), good.body)
        with pytest.raises(age.MalformedHeader):
            age.decrypt(craft(stanza_text(bad), key), passphrase="p")

    @pytest.mark.parametrize("field", ["salt", "body", "extra"])
    def test_malformed_scrypt_stanza(self, field: str) -> None:
        key = os.urandom(16)
        good = wrap_scrypt(key, "p", 10)
        bad = {
            "salt": Stanza("scrypt", (b64(os.urandom(15)), "10"), good.body),
            "body": Stanza("scrypt", good.args, good.body + b"\x00"),
            "extra": Stanza("scrypt", (*good.args, "x"), good.body),
        }[field]
        with pytest.raises(age.MalformedHeader):
            age.decrypt(craft(stanza_text(bad), key), passphrase="p")


class TestHeaderParsing:
    """Strict parsing per the ABNF (cases after the C2SP testkit)."""

    def test_crafted_file_decrypts(self) -> None:
        key = os.urandom(16)
        assert age.decrypt(craft(stanza_text(x25519_stanza(key)), key), identities=[IDENTITY])

    def test_unknown_stanzas_are_ignored(self) -> None:
        key = os.urandom(16)
        text = (
            "-> example.com/enigma arg1 arg2!\n"
            + b64(os.urandom(100))[:64]
            + "\n"
            + b64(os.urandom(10))
            + "\n"
            + "-> x25519 lowercase-is-another-type\n\n"
            + stanza_text(x25519_stanza(key))
            + "-> ~!@#$%^&*()_+-grease\n\n"
        )
        assert age.decrypt(craft(text, key), identities=[IDENTITY]) == b"hi"

    def test_lowercase_x25519_type_is_not_x25519(self) -> None:
        key = os.urandom(16)
        stanza = x25519_stanza(key)
        text = stanza_text(Stanza("x25519", stanza.args, stanza.body))
        with pytest.raises(age.NoIdentityMatched):
            age.decrypt(craft(text, key), identities=[IDENTITY])

    @pytest.mark.parametrize(
        "mutate",
        [
            pytest.param(lambda s: s[:-1] + "=\n", id="padding"),
            pytest.param(lambda s: s.replace("-> X25519 ", "->  X25519 "), id="empty-argument"),
            pytest.param(lambda s: s.replace("-> X25519 ", "-> X25519  "), id="empty-argument-2"),
            pytest.param(lambda s: s.replace("\n", "\r\n", 1), id="spurious-cr"),
            pytest.param(lambda s: s.replace("-> X25519 ", "-> X25519 x "), id="extra-argument"),
            pytest.param(lambda s: s.replace("-> X25519 ", "-> X2\x7f519 "), id="invalid-char"),
            pytest.param(lambda s: s.replace("-> X25519 ", "-> X25519é "), id="non-ascii"),
            pytest.param(lambda s: "->\n\n" + s, id="no-arguments"),
            pytest.param(lambda s: "-> \n\n" + s, id="blank-arguments"),
            pytest.param(lambda s: s.replace("-> ", "> "), id="bad-start"),
            pytest.param(lambda s: s.rstrip("\n") + "\n" + "A" * 64 + "A\n", id="long-line"),
            pytest.param(lambda s: "", id="no-stanza"),
            pytest.param(lambda s: s + "junk\n", id="junk-line"),
        ],
    )
    def test_malformed_stanza(self, mutate: object) -> None:
        key = os.urandom(16)
        text = mutate(stanza_text(x25519_stanza(key)))  # type: ignore[operator]
        with pytest.raises(age.MalformedHeader):
            age.decrypt(craft(text, key), identities=[IDENTITY])

    def test_not_canonical_base64_body(self) -> None:
        key = os.urandom(16)
        stanza = x25519_stanza(key)
        body = b64(stanza.body)  # 32 bytes: 43 chars, the last one carries 2 spare bits
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        last = alphabet[alphabet.index(body[-1]) | 1]
        text = f"-> X25519 {stanza.args[0]}\n{body[:-1]}{last}\n"
        with pytest.raises(age.MalformedHeader):
            age.decrypt(craft(text, key), identities=[IDENTITY])

    def test_missing_final_short_line(self) -> None:
        key = os.urandom(16)
        text = "-> x-grease\n" + b64(os.urandom(48)) + "\n" + stanza_text(x25519_stanza(key))
        with pytest.raises(age.MalformedHeader):
            age.decrypt(craft(text, key), identities=[IDENTITY])

    @pytest.mark.parametrize(
        ("share", "body_len"),
        [(b"\x00" * 32, 32), (os.urandom(31), 32), (os.urandom(33), 32), (None, 48), (None, 16)],
        ids=["low-order", "short-share", "long-share", "long-body", "short-body"],
    )
    def test_malformed_x25519_stanza(self, share: bytes | None, body_len: int) -> None:
        key = os.urandom(16)
        good = x25519_stanza(key)
        args = (b64(share),) if share is not None else good.args
        bad = Stanza("X25519", args, (good.body + os.urandom(32))[:body_len])
        with pytest.raises(age.MalformedHeader):
            age.decrypt(craft(stanza_text(bad), key), identities=[IDENTITY])

    @pytest.mark.parametrize(
        "version", ["age-encryption.org/v2\n", "age-encryption.org/v1\r\n", "age\n", "\n"]
    )
    def test_unsupported_version_or_crlf(self, version: str) -> None:
        key = os.urandom(16)
        with pytest.raises(age.MalformedHeader):
            age.decrypt(
                craft(stanza_text(x25519_stanza(key)), key, version=version), identities=[IDENTITY]
            )

    @pytest.mark.parametrize(
        "mac_line",
        ["---\n", "---  {mac}\n", "--- {mac} \n", "---{mac}\n", "--- {mac}=\n", "--- {short}\n"],
    )
    def test_malformed_mac_line(self, mac_line: str) -> None:
        key = os.urandom(16)
        blob = craft(stanza_text(x25519_stanza(key)), key)
        end = header_length(blob)
        mac = blob[end - 44 : end - 1].decode()
        line = mac_line.format(mac=mac, short=mac[:-1]).encode()
        with pytest.raises(age.MalformedHeader):
            age.decrypt(blob[: end - 48] + line + blob[end:], identities=[IDENTITY])

    def test_wrong_mac(self) -> None:
        key = os.urandom(16)
        blob = craft(stanza_text(x25519_stanza(key)), key)
        end = header_length(blob)
        forged = blob[: end - 44] + b64(os.urandom(32)).encode() + blob[end - 1 :]
        with pytest.raises(age.AuthenticationFailed):
            age.decrypt(forged, identities=[IDENTITY])

    def test_not_an_age_file(self) -> None:
        with pytest.raises(age.MalformedHeader):
            age.decrypt(b"%PDF-1.7\n" + os.urandom(100), identities=[IDENTITY])
        with pytest.raises(age.MalformedHeader):
            age.decrypt(os.urandom(20_000), identities=[IDENTITY])


class TestPayloadRules:
    """STREAM: the last-chunk flag, empty and full final chunks."""

    def test_empty_payload_is_one_empty_final_chunk(self) -> None:
        key = os.urandom(16)
        blob = craft(stanza_text(x25519_stanza(key)), key, chunks=[(b"", True)])
        assert age.decrypt(blob, identities=[IDENTITY]) == b""

    def test_full_final_chunk(self) -> None:
        key = os.urandom(16)
        data = os.urandom(2 * CHUNK)
        chunks = [(data[:CHUNK], False), (data[CHUNK:], True)]
        blob = craft(stanza_text(x25519_stanza(key)), key, chunks=chunks)
        assert age.decrypt(blob, identities=[IDENTITY]) == data

    def test_empty_final_chunk_after_data_is_rejected(self) -> None:
        key = os.urandom(16)
        blob = craft(
            stanza_text(x25519_stanza(key)), key, chunks=[(os.urandom(CHUNK), False), (b"", True)]
        )
        with pytest.raises(age.AuthenticationFailed):
            age.decrypt(blob, identities=[IDENTITY])

    def test_missing_last_flag_is_truncation(self) -> None:
        key = os.urandom(16)
        blob = craft(stanza_text(x25519_stanza(key)), key, chunks=[(os.urandom(CHUNK), False)])
        with pytest.raises(age.TruncatedFile):
            age.decrypt(blob, identities=[IDENTITY])

    def test_short_chunk_without_last_flag_is_rejected(self) -> None:
        key = os.urandom(16)
        blob = craft(stanza_text(x25519_stanza(key)), key, chunks=[(b"short", False)])
        with pytest.raises(age.AuthenticationFailed):
            age.decrypt(blob, identities=[IDENTITY])

    def test_data_after_a_full_final_chunk(self) -> None:
        key = os.urandom(16)
        chunks = [(os.urandom(CHUNK), True), (b"b", True)]
        blob = craft(stanza_text(x25519_stanza(key)), key, chunks=chunks)
        with pytest.raises(age.TrailingData):
            age.decrypt(blob, identities=[IDENTITY])

    def test_data_after_a_short_final_chunk_breaks_that_chunk(self) -> None:
        # The reader cannot tell where a short final chunk ends, so the chunk fails to verify.
        key = os.urandom(16)
        blob = craft(stanza_text(x25519_stanza(key)), key, chunks=[(b"a", True), (b"b", True)])
        with pytest.raises(age.AuthenticationFailed):
            age.decrypt(blob, identities=[IDENTITY])
