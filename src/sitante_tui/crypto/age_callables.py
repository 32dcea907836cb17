"""Encryption as plain functions: what the audio and transcript stores are given.

A store takes either an age recipient (or identity) string or a ready function, so tests and the
recorder's writer thread can hand in their own. ``age`` itself is imported on first use.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

Encrypt = Callable[[bytes], bytes]
Decrypt = Callable[[bytes], bytes]
Recipient = str | Encrypt  # an age recipient, or a function that encrypts to one
Identity = str | Decrypt  # an age identity, or a function that decrypts with one


def encryptor(recipient: Recipient) -> Encrypt:
    """A function encrypting a whole plaintext to ``recipient`` (age, binary)."""
    if callable(recipient):
        return recipient
    from sitante_tui.crypto import age

    return functools.partial(age.encrypt, recipients=[recipient])


def decryptor(identity: Identity) -> Decrypt:
    """A function decrypting an age file with ``identity``."""
    if callable(identity):
        return identity
    from sitante_tui.crypto import age

    return functools.partial(age.decrypt, identities=[identity])
