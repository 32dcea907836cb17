"""Transcripts on disk: one age-encrypted JSON file per session (and one for the live draft).

Written to the coach's age recipient, read with the coach's identity (or with
``encrypt``/``decrypt`` callables); nothing is ever written in plaintext, temporary files included.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path

from sitante_tui.crypto.age_callables import Identity, Recipient, decryptor, encryptor
from sitante_tui.transcription.transcript import Transcript

_HEADER_WIPE = 4096


def transcript_path(transcripts_dir: Path, session_id: str, *, draft: bool = False) -> Path:
    """``<transcripts>/<session>.age``, or ``<session>.draft.age`` for the live draft."""
    return transcripts_dir / f"{session_id}{'.draft' if draft else ''}.age"


def save_transcript(path: Path, transcript: Transcript, recipient: Recipient) -> None:
    """Encrypt and write ``transcript`` atomically (temp file in the same folder, fsync, rename).

    Saving a final transcript removes the session's draft, which it replaces.
    """
    data = encryptor(recipient)(
        json.dumps(transcript.to_dict(), ensure_ascii=False).encode("utf-8")
    )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if not transcript.draft and path.name.endswith(".age") and not path.name.endswith(".draft.age"):
        delete_transcript(path.with_name(path.name[: -len(".age")] + ".draft.age"))


def load_transcript(path: Path, identity: Identity) -> Transcript:
    """Read and decrypt a transcript.

    Raises:
        AgeError: wrong identity, or a damaged or altered file.
    """
    plaintext = decryptor(identity)(path.read_bytes())
    return Transcript.from_dict(json.loads(plaintext.decode("utf-8")))


def delete_transcript(path: Path) -> bool:
    """Erase a transcript file (its age header is overwritten first); True if it existed.

    The file key lives only in the file's header, so once the header is gone the text cannot
    be decrypted even with the coach's identity.
    """
    if not path.is_file():
        return False
    with contextlib.suppress(OSError), open(path, "r+b") as handle:
        handle.write(secrets.token_bytes(min(path.stat().st_size, _HEADER_WIPE)))
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink(missing_ok=True)
    return True
