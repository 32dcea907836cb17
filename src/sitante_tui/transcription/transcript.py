"""A session's transcript: timed passages, each tagged with the GROW stage it belongs to."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

FORMAT_VERSION = 1


class MarkerLike(Protocol):
    """A stage marker: the session entered ``stage`` at ``offset_seconds`` of the recording."""

    @property
    def offset_seconds(self) -> float: ...

    @property
    def stage(self) -> str: ...


@dataclass(frozen=True)
class TranscriptSegment:
    """One passage: start and end in seconds of recorded time, its text and stage."""

    start: float
    end: float
    text: str
    stage: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "stage": self.stage}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TranscriptSegment:
        stage = data.get("stage")
        return cls(float(data["start"]), float(data["end"]), str(data["text"]), stage)


@dataclass(frozen=True)
class SearchHit:
    """Where a query was found: the passage (by index) and the match inside its text."""

    segment_index: int
    segment: TranscriptSegment
    match_start: int
    match_end: int


@dataclass
class Transcript:
    """The text of a recording.

    Attributes:
        language: ``id`` or ``en`` (what the session was held in, passed to the model).
        segments: passages in time order.
        draft: True for the live draft; the after-session pass replaces it with a final one.
        model: name (or folder) of the model that produced it, for provenance.
        complete: False when the after-session pass was cancelled part way.
    """

    language: str
    segments: list[TranscriptSegment] = field(default_factory=list)
    draft: bool = False
    model: str | None = None
    complete: bool = True

    @property
    def text(self) -> str:
        """All passages joined by spaces."""
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())

    @property
    def duration(self) -> float:
        return self.segments[-1].end if self.segments else 0.0

    def with_stages(self, markers: Iterable[MarkerLike]) -> Transcript:
        """A copy whose passages carry the stage in force at their midpoint."""
        ordered = sorted(markers, key=lambda m: m.offset_seconds)
        segments = [
            replace(s, stage=stage_at(ordered, (s.start + s.end) / 2)) for s in self.segments
        ]
        return replace(self, segments=segments)

    def text_by_stage(self) -> list[tuple[str | None, str]]:
        """Consecutive passages of the same stage joined: ``[(stage, text), ...]`` in order.

        A stage visited twice (the coach went back) appears twice, where it happened.
        """
        groups: list[tuple[str | None, list[str]]] = []
        for segment in self.segments:
            text = segment.text.strip()
            if not text:
                continue
            if groups and groups[-1][0] == segment.stage:
                groups[-1][1].append(text)
            else:
                groups.append((segment.stage, [text]))
        return [(stage, " ".join(texts)) for stage, texts in groups]

    def search(self, query: str) -> list[SearchHit]:
        """Every occurrence of ``query`` (case- and accent-insensitive), in time order."""
        needle = _fold(query.strip())
        if not needle:
            return []
        hits: list[SearchHit] = []
        for index, segment in enumerate(self.segments):
            haystack = _fold(segment.text)
            pos = haystack.find(needle)
            while pos >= 0:
                hits.append(SearchHit(index, segment, pos, pos + len(needle)))
                pos = haystack.find(needle, pos + 1)
        return hits

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "language": self.language,
            "draft": self.draft,
            "model": self.model,
            "complete": self.complete,
            "segments": [s.to_dict() for s in self.segments],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        if int(data.get("version", 1)) > FORMAT_VERSION:
            raise ValueError(f"transcript format {data['version']} is newer than this app")
        return cls(
            language=str(data["language"]),
            segments=[TranscriptSegment.from_dict(s) for s in data.get("segments", [])],
            draft=bool(data.get("draft", False)),
            model=data.get("model"),
            complete=bool(data.get("complete", True)),
        )


def stage_at(markers: list[MarkerLike], offset: float) -> str | None:
    """The stage of the last marker at or before ``offset`` (markers sorted by offset).

    Passages before the first marker take the first marker's stage.
    """
    if not markers:
        return None
    current = markers[0].stage
    for marker in markers:
        if marker.offset_seconds > offset:
            break
        current = marker.stage
    return current


def _fold(text: str) -> str:
    """Case- and accent-insensitive form that keeps one character per input character."""
    folded = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        folded.append(base.casefold()[:1] or base)
    return "".join(folded)
