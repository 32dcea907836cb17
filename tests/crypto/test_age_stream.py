"""Streaming encryption: AgeWriter/AgeReader across chunk boundaries, flat memory, speed."""

from __future__ import annotations

import io
import itertools
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitante_tui.crypto import age

IDENTITY = age.generate_identity()
RECIPIENT = age.identity_to_recipient(IDENTITY)
CHUNK = age.CHUNK_SIZE
SEALED_CHUNK = CHUNK + 16


class RecordingSink:
    """A binary sink that remembers the size of every write it receives."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.writes: list[int] = []

    def write(self, data: bytes) -> int:
        self.writes.append(len(data))
        return self.buffer.write(data)


class TrickleSource:
    """A source that returns at most ``step`` bytes per read, like a slow pipe."""

    def __init__(self, data: bytes, step: int) -> None:
        self._data = io.BytesIO(data)
        self._step = step

    def read(self, size: int) -> bytes:
        return self._data.read(min(size, self._step))


def pieces(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({min(c, len(data)) for c in cuts} | {0, len(data)})
    return [data[a:b] for a, b in itertools.pairwise(points)]


class TestWriter:
    """What AgeWriter sends to its file, and when."""

    def test_header_is_written_at_once(self) -> None:
        sink = io.BytesIO()
        age.AgeWriter(sink, recipients=[RECIPIENT])
        assert sink.getvalue().startswith(b"age-encryption.org/v1\n-> ")

    def test_chunks_stream_out_and_memory_stays_flat(self) -> None:
        sink = RecordingSink()
        writer = age.AgeWriter(sink, recipients=[RECIPIENT])
        piece = random.Random(1).randbytes(1000)
        for _ in range(1000):  # ~1 MB in small writes, like audio frames
            writer.write(piece)
        assert sink.writes.count(SEALED_CHUNK) >= 1_000_000 // CHUNK - 1
        assert max(sink.writes[1:]) == SEALED_CHUNK  # never more than one chunk at a time
        writer.close()
        assert age.decrypt(sink.buffer.getvalue(), identities=[IDENTITY]) == piece * 1000

    def test_one_large_write_is_split_into_chunks(self) -> None:
        sink = RecordingSink()
        data = random.Random(2).randbytes(10 * CHUNK + 5)
        with age.AgeWriter(sink, recipients=[RECIPIENT]) as writer:
            assert writer.write(memoryview(data)) == len(data)
        assert sink.writes[1:] == [SEALED_CHUNK] * 10 + [5 + 16]
        assert age.decrypt(sink.buffer.getvalue(), identities=[IDENTITY]) == data

    @pytest.mark.parametrize("split", [[CHUNK], [CHUNK - 1, 1], [1, CHUNK - 1], [CHUNK, 0, 0]])
    def test_exactly_one_chunk_is_a_single_full_final_chunk(self, split: list[int]) -> None:
        data = random.Random(3).randbytes(CHUNK)
        sink = RecordingSink()
        with age.AgeWriter(sink, recipients=[RECIPIENT]) as writer:
            position = 0
            for size in split:
                writer.write(data[position : position + size])
                position += size
        assert sink.writes[1:] == [SEALED_CHUNK]
        assert age.decrypt(sink.buffer.getvalue(), identities=[IDENTITY]) == data

    def test_an_exception_leaves_a_file_that_reads_as_truncated(self) -> None:
        sink = io.BytesIO()
        with pytest.raises(RuntimeError), age.AgeWriter(sink, recipients=[RECIPIENT]) as writer:
            writer.write(b"a" * (3 * CHUNK))
            raise RuntimeError("power cut")
        with pytest.raises(age.TruncatedFile):
            age.decrypt(sink.getvalue(), identities=[IDENTITY])

    def test_close_is_idempotent_and_write_after_close_fails(self) -> None:
        sink = io.BytesIO()
        writer = age.AgeWriter(sink, passphrase="p", work_factor=10, armor=True)
        writer.write(b"halo")
        writer.close()
        writer.close()
        assert writer.closed
        with pytest.raises(ValueError):
            writer.write(b"lagi")
        assert sink.getvalue().count(b"-----END AGE ENCRYPTED FILE-----") == 1
        assert age.decrypt(sink.getvalue(), passphrase="p") == b"halo"

    def test_does_not_close_the_file(self) -> None:
        sink = io.BytesIO()
        with age.AgeWriter(sink, recipients=[RECIPIENT]) as writer:
            writer.write(b"x")
        assert not sink.closed


class TestReader:
    """Reading back: in pieces, by chunk, from slow sources."""

    DATA = random.Random(4).randbytes(3 * CHUNK + 123)

    @pytest.mark.parametrize("armor", [False, True])
    @pytest.mark.parametrize("size", [1, 1000, CHUNK - 1, CHUNK, CHUNK + 1, 10 * CHUNK])
    def test_read_in_a_loop(self, armor: bool, size: int) -> None:
        blob = age.encrypt(self.DATA, recipients=[RECIPIENT], armor=armor)
        reader = age.AgeReader(io.BytesIO(blob), identities=[IDENTITY])
        parts = []
        while part := reader.read(size):
            assert len(part) <= size
            parts.append(part)
        assert b"".join(parts) == self.DATA
        assert all(len(p) == size for p in parts[:-1])
        assert reader.read(10) == b"" and reader.read() == b""

    def test_iteration_yields_whole_chunks(self) -> None:
        blob = age.encrypt(self.DATA, recipients=[RECIPIENT])
        with age.AgeReader(io.BytesIO(blob), identities=[IDENTITY]) as reader:
            chunks = list(reader)
        assert [len(c) for c in chunks] == [CHUNK, CHUNK, CHUNK, 123]

    def test_iteration_after_a_partial_read(self) -> None:
        blob = age.encrypt(self.DATA, recipients=[RECIPIENT])
        reader = age.AgeReader(io.BytesIO(blob), identities=[IDENTITY])
        head = reader.read(10)
        assert head + b"".join(reader) == self.DATA

    @pytest.mark.parametrize("armor", [False, True])
    @pytest.mark.parametrize("step", [1, 7, 4096])
    def test_short_reads_from_the_source(self, armor: bool, step: int) -> None:
        data = self.DATA[: CHUNK + 10] if step == 1 else self.DATA
        blob = age.encrypt(data, recipients=[RECIPIENT], armor=armor)
        reader = age.AgeReader(TrickleSource(blob, step), identities=[IDENTITY])
        assert reader.read() == data

    def test_wrong_key_fails_in_the_constructor(self) -> None:
        blob = age.encrypt(self.DATA, recipients=[RECIPIENT])
        with pytest.raises(age.NoIdentityMatched):
            age.AgeReader(io.BytesIO(blob), identities=[age.generate_identity()])

    def test_real_file_round_trip(self, tmp_path: Path) -> None:
        path = tmp_path / "segment.age"
        with path.open("wb") as fh, age.AgeWriter(fh, recipients=[RECIPIENT]) as writer:
            for i in range(0, len(self.DATA), 4410):
                writer.write(self.DATA[i : i + 4410])
        with path.open("rb") as source, age.AgeReader(source, identities=[IDENTITY]) as reader:
            assert b"".join(reader) == self.DATA


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    size=st.one_of(
        st.integers(0, 300),
        st.sampled_from([CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 1]),
        st.integers(0, 4 * CHUNK),
    ),
    cuts=st.lists(st.integers(0, 4 * CHUNK), max_size=12),
    read_size=st.one_of(st.just(-1), st.integers(1, 2 * CHUNK)),
    armor=st.booleans(),
    seed=st.integers(0, 2**32),
)
def test_any_chunking_of_writes_and_reads_round_trips(
    size: int, cuts: list[int], read_size: int, armor: bool, seed: int
) -> None:
    data = random.Random(seed).randbytes(size)
    sink = io.BytesIO()
    with age.AgeWriter(sink, recipients=[RECIPIENT], armor=armor) as writer:
        for piece in pieces(data, cuts):
            writer.write(piece)
    reader = age.AgeReader(io.BytesIO(sink.getvalue()), identities=[IDENTITY])
    if read_size < 0:
        assert reader.read() == data
    else:
        out = bytearray()
        while part := reader.read(read_size):
            out += part
        assert out == data
    # And the one-shot API agrees with the stream.
    assert age.decrypt(sink.getvalue(), identities=[IDENTITY]) == data


@pytest.mark.parametrize("armor", [False, True])
def test_five_megabytes_take_well_under_a_second(armor: bool) -> None:
    data = random.Random(5).randbytes(5 * 1024 * 1024)
    started = time.perf_counter()
    blob = age.encrypt(data, recipients=[RECIPIENT], armor=armor)
    assert age.decrypt(blob, identities=[IDENTITY]) == data
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"5 MB round trip took {elapsed:.2f} s"
