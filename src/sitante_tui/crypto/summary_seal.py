"""Sealing HR summaries: signed by the coach (Ed25519), encrypted with age to HR and the coach.

The envelope inside the age file holds the exact signed bytes, the signature and the coach's
verify key; the signed bytes repeat the plain metadata, so a record whose metadata was swapped is
caught. Opening never raises for one bad record: it returns a verdict.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable, Collection, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sitante_tui.crypto import age
from sitante_tui.crypto.age_header import hkdf_sha256
from sitante_tui.domain.hr_summary import (
    SCHEMA_VERSION,
    PhotoRef,
    SealedSummary,
    SessionSummary,
    SummaryFieldError,
    SummaryVerdict,
    canonical_json,
)

ENVELOPE_VERSION = 1
SIGNATURE_CONTEXT = b"sitante/hr-summary/v1\n"
PHOTO_MAX_BYTES = 2 * 1024 * 1024
_PHOTO_MAGIC = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}


class SigningKeys(Protocol):
    """What sealing needs from the coach's keys (``coach_keys.CoachKeys`` provides it)."""

    @property
    def identity(self) -> str: ...
    @property
    def recipient(self) -> str: ...
    @property
    def key_id(self) -> str: ...
    @property
    def verify_key_bytes(self) -> bytes: ...
    def sign(self, data: bytes) -> bytes: ...


class PhotoTooLarge(ValueError):
    """The photo evidence is larger than :data:`PHOTO_MAX_BYTES`."""

    def __init__(self, size: int, limit: int = PHOTO_MAX_BYTES) -> None:
        self.size = size
        self.limit = limit
        super().__init__(f"photo is {size} bytes; the limit is {limit}")


class UnsupportedPhoto(ValueError):
    """The photo evidence is not a JPEG or PNG image."""


class PhotoMismatch(ValueError):
    """A sealed photo does not match the hash in its (signed) summary."""


class PrivateFileTampered(ValueError):
    """An HR-private file (approvals, cache) fails its integrity check."""


def key_id_for(verify_key: bytes) -> str:
    """First 16 hex digits of SHA-256 of an Ed25519 verify key."""
    return hashlib.sha256(verify_key).hexdigest()[:16]


def seal_summary(
    summary: SessionSummary,
    *,
    coach_keys: SigningKeys,
    hr_recipient: str | None,
    created_at: datetime | None = None,
) -> SealedSummary:
    """Sign and seal one summary.

    Args:
        summary: what the coachee saw on the review screen.
        coach_keys: the coach's unlocked keys (signs; the coach can re-open their own summaries).
        hr_recipient: the pinned HR recipient; ``None`` seals to the coach only, to be resealed
            once HR's key is pinned (see :func:`resealer`).
        created_at: sealing time (defaults to now, UTC); a later seal replaces an earlier one.
    """
    created = (created_at or datetime.now(UTC)).isoformat(timespec="microseconds")
    signed = canonical_json(
        {
            "schema": SCHEMA_VERSION,
            "created_at": created,
            "coach_key_id": coach_keys.key_id,
            "summary": summary.to_dict(),
        }
    )
    envelope = {
        "v": ENVELOPE_VERSION,
        "signed": signed.decode("utf-8"),
        "signature": base64.b64encode(coach_keys.sign(SIGNATURE_CONTEXT + signed)).decode(),
        "verify_key": base64.b64encode(coach_keys.verify_key_bytes).decode(),
    }
    ciphertext = age.encrypt(
        json.dumps(envelope, ensure_ascii=False).encode("utf-8"),
        recipients=_recipients(coach_keys, hr_recipient),
    )
    return SealedSummary(summary.summary_id, SCHEMA_VERSION, created, coach_keys.key_id, ciphertext)


def _recipients(coach_keys: SigningKeys, hr_recipient: str | None) -> list[str]:
    # HR first: HR opens thousands of these, and tries stanzas in order.
    return [hr_recipient, coach_keys.recipient] if hr_recipient else [coach_keys.recipient]


def resealer(coach_keys: SigningKeys, hr_recipient: str) -> Callable[[bytes], bytes]:
    """A function that re-encrypts a coach-only ciphertext to HR and the coach (signature kept)."""

    def reseal(ciphertext: bytes) -> bytes:
        plain = age.decrypt(ciphertext, identities=[coach_keys.identity])
        return age.encrypt(plain, recipients=_recipients(coach_keys, hr_recipient))

    return reseal


def sniff_photo(data: bytes) -> str:
    """The media type of JPEG/PNG bytes; raises :class:`UnsupportedPhoto` otherwise."""
    for magic, media_type in _PHOTO_MAGIC.items():
        if data.startswith(magic):
            return media_type
    raise UnsupportedPhoto("only JPEG and PNG photos are accepted")


def seal_photo(
    data: bytes, *, filename: str, coach_keys: SigningKeys, hr_recipient: str | None
) -> tuple[PhotoRef, bytes]:
    """Seal photo evidence; the returned reference goes into the (signed) summary.

    Raises:
        PhotoTooLarge: larger than :data:`PHOTO_MAX_BYTES`.
        UnsupportedPhoto: neither JPEG nor PNG.
    """
    if len(data) > PHOTO_MAX_BYTES:
        raise PhotoTooLarge(len(data))
    ref = PhotoRef(
        filename=PurePath(filename.replace("\\", "/")).name or "photo",
        media_type=sniff_photo(data),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return ref, age.encrypt(data, recipients=_recipients(coach_keys, hr_recipient))


def open_photo(ciphertext: bytes, ref: PhotoRef, *, identities: Sequence[str]) -> bytes:
    """Decrypt a sealed photo and check it is the one the signed summary names.

    Raises:
        PhotoMismatch: the bytes do not match ``ref`` (swapped or altered).
        age.AgeError: the ciphertext does not open.
    """
    data = age.decrypt(ciphertext, identities=identities)
    if len(data) != ref.size or hashlib.sha256(data).hexdigest() != ref.sha256:
        raise PhotoMismatch(ref.filename)
    return data


@dataclass(frozen=True)
class OpenedSummary:
    """The result of opening one sealed summary.

    Attributes:
        sealed: the record as stored.
        verdict: ``ok`` only when it decrypted, the signature holds and HR approved the signer.
        summary: the content when it decrypted and verified (also for unknown or unapproved
            signers, shown to HR as claims); ``None`` otherwise.
        verify_key: the signer's verify key when the signature held.
    """

    sealed: SealedSummary
    verdict: SummaryVerdict
    summary: SessionSummary | None = None
    verify_key: bytes | None = None


def open_summary(
    sealed: SealedSummary,
    *,
    identities: Sequence[str],
    approved_keys: Mapping[str, bytes],
    published_key_ids: Collection[str] = (),
) -> OpenedSummary:
    """Decrypt and verify one summary. Never raises for a bad record: see ``verdict``.

    Args:
        sealed: the stored record.
        identities: HR's identity (or a coach's, to re-open their own).
        approved_keys: key id → verify key that HR approved.
        published_key_ids: key ids published in the store (to tell unapproved from unknown).
    """
    return open_summaries(
        [sealed],
        identities=identities,
        approved_keys=approved_keys,
        published_key_ids=published_key_ids,
    )[0]


def open_summaries(
    sealed: Sequence[SealedSummary],
    *,
    identities: Sequence[str],
    approved_keys: Mapping[str, bytes],
    published_key_ids: Collection[str] = (),
    cache: MutableMapping[str, dict[str, Any]] | None = None,
) -> list[OpenedSummary]:
    """:func:`open_summary` for many records, with an optional cache of crypto results.

    ``cache`` maps :meth:`SealedSummary.digest` to the decrypted, signature-checked content; it
    must stay private to HR (``store.hr_cache`` keeps it encrypted to HR). Trust in the signer is
    re-evaluated on every call, so approving or revoking a key takes effect at once.
    """
    published = set(published_key_ids)
    results = []
    for item in sealed:
        digest = item.digest() if cache is not None else ""
        checked = cache.get(digest) if cache is not None else None
        if checked is None:
            checked = _check(item, identities)
            if cache is not None:
                cache[digest] = checked
        results.append(_judge(item, checked, approved_keys, published))
    return results


def _check(sealed: SealedSummary, identities: Sequence[str]) -> dict[str, Any]:
    """Decrypt and check the signature: the part of opening that does not depend on trust."""
    try:
        envelope = json.loads(age.decrypt(sealed.ciphertext, identities=identities))
    except age.NoIdentityMatched:
        return {"verdict": SummaryVerdict.NOT_FOR_ME}
    except (age.AgeError, ValueError):
        return {"verdict": SummaryVerdict.TAMPERED}
    try:
        signed = str(envelope["signed"]).encode("utf-8")
        signature = base64.b64decode(envelope["signature"], validate=True)
        verify_key = base64.b64decode(envelope["verify_key"], validate=True)
        Ed25519PublicKey.from_public_bytes(verify_key).verify(signature, SIGNATURE_CONTEXT + signed)
        payload = json.loads(signed)
    except (KeyError, TypeError, ValueError, InvalidSignature):
        return {"verdict": SummaryVerdict.TAMPERED}
    summary = payload.get("summary") if isinstance(payload, dict) else None
    if (
        not isinstance(summary, dict)
        or payload.get("created_at") != sealed.created_at
        or payload.get("coach_key_id") != sealed.coach_key_id
        or key_id_for(verify_key) != sealed.coach_key_id
        or summary.get("summary_id") != sealed.summary_id
    ):
        return {"verdict": SummaryVerdict.TAMPERED}
    return {
        "verdict": SummaryVerdict.OK,
        "summary": summary,
        "verify_key": base64.b64encode(verify_key).decode(),
    }


def _judge(
    sealed: SealedSummary,
    checked: Mapping[str, Any],
    approved_keys: Mapping[str, bytes],
    published: Collection[str],
) -> OpenedSummary:
    verdict = SummaryVerdict(checked["verdict"])
    if verdict is not SummaryVerdict.OK:
        return OpenedSummary(sealed, verdict)
    verify_key = base64.b64decode(checked["verify_key"])
    try:
        summary = SessionSummary.from_dict(checked["summary"])
    except SummaryFieldError:
        return OpenedSummary(sealed, SummaryVerdict.MALFORMED, verify_key=verify_key)
    approved = approved_keys.get(sealed.coach_key_id)
    if approved is not None and hmac.compare_digest(approved, verify_key):
        verdict = SummaryVerdict.OK
    elif approved is None and sealed.coach_key_id in published:
        verdict = SummaryVerdict.UNAPPROVED_SIGNER
    else:
        verdict = SummaryVerdict.UNKNOWN_SIGNER
    return OpenedSummary(sealed, verdict, summary, verify_key)


class HrPrivateCodec:
    """Seals HR's private files (approvals, verification cache) for HR alone.

    age gives secrecy, but anyone who knows HR's public recipient can write an age file to it;
    a MAC keyed from HR's secret identity proves the file was written by HR.
    """

    def __init__(self, identity: str) -> None:
        self._identity = identity
        self.recipient = age.identity_to_recipient(identity)
        self._mac_key = hkdf_sha256(identity.encode(), b"", b"sitante/hr-private/v1")

    def seal(self, data: bytes) -> bytes:
        mac = hmac.new(self._mac_key, data, "sha256").digest()
        return age.encrypt(mac + data, recipients=[self.recipient])

    def open(self, blob: bytes) -> bytes:
        """Raises :class:`PrivateFileTampered`, or ``age.AgeError`` for another identity."""
        plain = age.decrypt(blob, identities=[self._identity])
        mac, data = plain[:32], plain[32:]
        if not hmac.compare_digest(mac, hmac.new(self._mac_key, data, "sha256").digest()):
            raise PrivateFileTampered("HR file failed its integrity check")
        return data
