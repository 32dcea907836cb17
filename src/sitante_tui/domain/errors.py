"""The base of errors a user is told about: a catalogue key and its parameters, never a message.

Lower layers raise these; the UI or CLI shows ``t(error.message_key, **error.params)``. The
technical ``detail`` (a library's own text) is kept for logs and tests, and holds nothing secret.
"""

from __future__ import annotations


class ExplainedError(Exception):
    """An error with a translation key (``message_key``) and the values it needs (``params``)."""

    message_key = "error.generic"

    def __init__(self, detail: str = "", **params: object) -> None:
        super().__init__(detail or self.__class__.__name__)
        self.detail = detail
        self.params: dict[str, object] = params
