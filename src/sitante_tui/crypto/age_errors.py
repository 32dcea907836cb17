"""Typed errors of the age implementation; the UI translates them, so messages stay technical.

No message ever contains key material, a passphrase or plaintext.
"""

from __future__ import annotations


class AgeError(Exception):
    """Base class of every error raised by :mod:`sitante_tui.crypto.age`."""


class InvalidKey(AgeError):
    """A recipient (``age1…``) or identity (``AGE-SECRET-KEY-1…``) string is not valid."""


class NoIdentityMatched(AgeError):
    """None of the given identities can open the file (it was encrypted to someone else)."""


class WrongPassphrase(AgeError):
    """The passphrase does not open the file's scrypt stanza.

    A damaged scrypt stanza looks the same as a wrong passphrase: the format cannot tell them apart.
    """


class MalformedHeader(AgeError):
    """The file is not a well-formed age v1 file (bad header, stanza, armor or parameters)."""


class MalformedArmor(MalformedHeader):
    """The ASCII armor (``-----BEGIN AGE ENCRYPTED FILE-----``) is not strictly canonical."""


class AuthenticationFailed(AgeError):
    """The header MAC or a payload chunk does not authenticate: the file was altered or damaged."""


class TruncatedFile(AuthenticationFailed):
    """The file ends before its final chunk: it was cut short (for example by a crash)."""


class TrailingData(AuthenticationFailed):
    """Bytes follow the final payload chunk: something was appended to the file."""
