"""Dataclasses to JSON-ready dicts and back, driven by their type hints.

Handles the types the domain uses: str, int, float, bool, date, datetime, StrEnum, nested
dataclasses, lists, tuples, string-keyed dicts and optionals. Unknown keys in stored data are
ignored (a newer version wrote them); missing keys take the field's default.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, get_args, get_origin

T = TypeVar("T")


class DecodeError(ValueError):
    """Stored data does not fit the model: the message names the field."""


def to_data(value: Any) -> Any:
    """A JSON-ready copy of ``value`` (dataclasses become dicts, dates ISO strings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_data(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_data(item) for key, item in value.items()}
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_data(cls: type[T], data: Any, *, where: str = "") -> T:
    """Rebuild a ``cls`` instance from :func:`to_data` output."""
    return typing.cast(T, _decode(cls, data, where or cls.__name__))


def _decode(hint: Any, data: Any, where: str) -> Any:
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        if data is None:
            return None
        return _decode(options[0], data, where)
    if hint is Any:
        return data
    if origin in (list, tuple):
        if not isinstance(data, list | tuple):
            raise DecodeError(f"{where}: expected a list")
        args = get_args(hint)
        item_hint = args[0] if args else Any
        items = [_decode(item_hint, item, f"{where}[{i}]") for i, item in enumerate(data)]
        return items if origin is list else tuple(items)
    if origin is dict:
        if not isinstance(data, dict):
            raise DecodeError(f"{where}: expected a table")
        value_hint = get_args(hint)[1]
        return {key: _decode(value_hint, item, f"{where}.{key}") for key, item in data.items()}
    if isinstance(hint, type):
        return _decode_type(hint, data, where)
    return data


def _decode_type(hint: type, data: Any, where: str) -> Any:
    try:
        if dataclasses.is_dataclass(hint):
            return _decode_dataclass(hint, data, where)
        if issubclass(hint, Enum):
            return hint(data)
        if hint is datetime:
            return datetime.fromisoformat(data)
        if hint is date:
            return date.fromisoformat(data)
        if hint is float and isinstance(data, int | float) and not isinstance(data, bool):
            return float(data)
        if hasattr(hint, "from_dict"):
            return hint.from_dict(data)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, DecodeError):
            raise
        raise DecodeError(f"{where}: {data!r} is not a valid {hint.__name__}") from exc
    if not isinstance(data, hint):
        raise DecodeError(f"{where}: expected {hint.__name__}, found {type(data).__name__}")
    return data


def _decode_dataclass(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise DecodeError(f"{where}: expected a table")
    hints = _hints(cls)
    values = {
        f.name: _decode(hints[f.name], data[f.name], f"{where}.{f.name}")
        for f in dataclasses.fields(cls)
        if f.name in data and f.init
    }
    try:
        return cls(**values)
    except TypeError as exc:
        raise DecodeError(f"{where}: {exc}") from exc
