"""Bech32 (BIP-173, not bech32m) as age uses it: no length limit, one case per string.

Age encodes recipients in lower case (``age1…``) and identities in upper case
(``AGE-SECRET-KEY-1…``); the checksum is always computed over the lower-case form.
"""

from __future__ import annotations

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_CHAR_VALUES = {char: value for value, char in enumerate(CHARSET)}
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


class Bech32Error(ValueError):
    """A string is not valid bech32 (the message never repeats the string: it may be a secret)."""


def _polymod(values: list[int]) -> int:
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for bit, generator in enumerate(_GENERATOR):
            if (top >> bit) & 1:
                checksum ^= generator
    return checksum


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert_bits(data: bytes | list[int], from_bits: int, to_bits: int, pad: bool) -> list[int]:
    accumulator = 0
    bits = 0
    out: list[int] = []
    max_value = (1 << to_bits) - 1
    for value in data:
        accumulator = (accumulator << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((accumulator >> bits) & max_value)
    if pad:
        if bits:
            out.append((accumulator << (to_bits - bits)) & max_value)
    elif bits >= from_bits or (accumulator << (to_bits - bits)) & max_value:
        # Leftover bits must be zero padding shorter than one input group (canonical form).
        raise Bech32Error("invalid padding in bech32 data")
    return out


def encode(hrp: str, data: bytes) -> str:
    """Encode ``data`` under the human-readable part ``hrp``, in lower case.

    Args:
        hrp: The human-readable prefix, e.g. ``"age"``.
        data: The payload bytes.

    Returns:
        The lower-case bech32 string (callers upper-case it where the format wants that).
    """
    hrp = hrp.lower()
    if not hrp or any(not 33 <= ord(c) <= 126 for c in hrp):
        raise Bech32Error("invalid bech32 human-readable part")
    words = _convert_bits(data, 8, 5, pad=True)
    polymod = _polymod([*_hrp_expand(hrp), *words, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(CHARSET[w] for w in words + checksum)


def decode(text: str) -> tuple[str, bytes]:
    """Decode a bech32 string.

    Args:
        text: An all-lower-case or all-upper-case bech32 string.

    Returns:
        The human-readable part (lower case) and the payload bytes.

    Raises:
        Bech32Error: Mixed case, bad characters, bad checksum or bad padding.
    """
    if text.lower() != text and text.upper() != text:
        raise Bech32Error("mixed-case bech32 string")
    if any(not 33 <= ord(c) <= 126 for c in text):
        raise Bech32Error("invalid character in bech32 string")
    text = text.lower()
    separator = text.rfind("1")
    if separator < 1 or separator + 7 > len(text):
        raise Bech32Error("bech32 separator at an invalid position")
    hrp = text[:separator]
    try:
        values = [_CHAR_VALUES[c] for c in text[separator + 1 :]]
    except KeyError:
        raise Bech32Error("invalid character in bech32 data") from None
    if _polymod(_hrp_expand(hrp) + values) != 1:
        raise Bech32Error("invalid bech32 checksum")
    return hrp, bytes(_convert_bits(values[:-6], 5, 8, pad=False))
