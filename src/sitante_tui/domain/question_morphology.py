"""Candidate stems of Indonesian and English words, so that one cue covers a word family.

"capai" covers mencapai, dicapai, tercapai, capaian and pencapaian; "achieve" covers achieved,
achieving and achievement. Stemming over-generates on purpose (cue stems are kept distinctive).
"""

from __future__ import annotations

from functools import lru_cache

_MIN_STEM = 3
_PARTICLES_ID = ("lah", "kah", "tah", "pun")
_POSSESSIVES_ID = ("nya", "ku", "mu")
_SUFFIXES_ID = ("kan", "an", "i", "in")  # "-in" is the colloquial "-kan"/"-i" (lakuin, bikin)
_VOWELS = frozenset("aeiou")


def _strip_suffixes(word: str) -> set[str]:
    """``word`` without its particle, possessive and derivational suffix (each optional)."""
    out = {word}
    for group in (_PARTICLES_ID, _POSSESSIVES_ID, _SUFFIXES_ID):
        for form in list(out):
            for suffix in group:
                if form.endswith(suffix) and len(form) - len(suffix) >= _MIN_STEM:
                    out.add(form[: -len(suffix)])
    return out


def _strip_prefix(word: str) -> set[str]:
    """Forms of ``word`` without one prefix, undoing the nasal sound changes (memilih → pilih)."""
    out: set[str] = set()

    def add(stem: str) -> None:
        if len(stem) >= _MIN_STEM:
            out.add(stem)

    for prefix in ("di", "ke", "ter", "ber", "be", "per"):  # not "se-": setuju is no "tuju"
        if word.startswith(prefix):
            add(word[len(prefix) :])
    if word.startswith(("bel", "pel")):
        add(word[3:])  # belajar, pelajari → ajar
    for head in ("me", "pe"):
        if not word.startswith(head):
            continue
        rest = word[2:]
        if rest.startswith("nge"):
            add(rest[3:])  # mengecek → cek
        if rest.startswith("ng"):
            tail = rest[2:]
            add(tail)  # menghadapi → hadapi, mengatasi → atasi
            if tail[:1] in _VOWELS:
                add("k" + tail)  # mengerjakan → kerjakan
        elif rest.startswith("ny"):
            add("s" + rest[2:])  # menyusun → susun
        elif rest.startswith("m"):
            add(rest[1:])  # membuat → buat
            if rest[1:2] in _VOWELS:
                add("p" + rest[1:])  # memilih → pilih
        elif rest.startswith("n"):
            add(rest[1:])  # mendukung → dukung
            if rest[1:2] in _VOWELS:
                add("t" + rest[1:])  # menulis → tulis
        else:
            add(rest)  # melakukan → lakukan, merasa → rasa
    # Colloquial nasal verbs: ngobrol, ngecek, nyusun.
    if word.startswith("nge"):
        add(word[3:])
    elif word.startswith("ng") and word[2:3] in _VOWELS:
        add(word[2:])
        add("k" + word[2:])
    elif word.startswith("ny") and word[2:3] in _VOWELS:
        add("s" + word[2:])
    return out


@lru_cache(maxsize=4096)
def stems_id(word: str) -> frozenset[str]:
    """Possible Indonesian stems of a lowercased ``word``, the word itself included.

    Up to two prefixes (keberhasilan → berhasil → hasil) and a particle, a possessive and a
    derivational suffix are stripped, in every combination.
    """
    found = {word}
    frontier = {word}
    for _ in range(2):
        frontier = {p for form in frontier for p in _strip_prefix(form)} - found
        found |= frontier
    return frozenset(s for form in found for s in _strip_suffixes(form))


@lru_cache(maxsize=4096)
def stems_en(word: str) -> frozenset[str]:
    """Possible English stems of a lowercased ``word`` (plural, past, -ing, -ly, -ment, -ful)."""
    out = {word}
    if word.endswith("'s"):
        word = word[:-2]
        out.add(word)
    if word.endswith("ies") or word.endswith("ied"):
        out.add(word[:-3] + "y")
    for suffix in ("ment", "ful", "ly", "ing", "ed", "es", "s", "er"):
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            base = word[: -len(suffix)]
            out.add(base)
            if suffix in {"ing", "ed", "er"}:
                out.add(base + "e")  # hoping → hope
                if len(base) > 3 and base[-1] == base[-2]:
                    out.add(base[:-1])  # stopped → stop
    return frozenset(out)
