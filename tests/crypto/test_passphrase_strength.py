"""Passphrase advice: what a coach sees while choosing the passphrase that guards everything."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitante_tui import i18n
from sitante_tui.crypto.passphrase_strength import (
    ADVICE_CODES,
    COMMON_PASSWORDS,
    MIN_LENGTH,
    assess_passphrase,
)

# A small word list standing in for a diceware list: random choices from it must pass.
WORDS = (  # noqa: SIM905
    "jendela sepeda pelangi kelapa awan gunung sungai payung lampu kursi meja perahu bintang "
    "jeruk mangga rambutan pisang kereta jembatan pasir ombak kabut hujan salju angin batu "
    "kertas pensil tinta buku lemari tangga atap pintu kunci gelas piring sendok garpu wajan"
).split()


class TestAcceptable:
    """Good passphrases pass without nagging."""

    @pytest.mark.parametrize(
        "passphrase",
        [
            "sepatu jendela awan pelangi",
            "bunga-sepatu-kereta-laut",
            "correct horse battery staple",
            "Jendela biru di atas meja 7",
            "x7$Kq9!mZp2@",
            "qhxvtmzkrwpa",
        ],
    )
    def test_strong_enough(self, passphrase: str) -> None:
        result = assess_passphrase(passphrase)
        assert result.acceptable, result
        assert result.strength in ("fair", "strong")
        assert result.advice == ()
        assert result.entropy_bits >= 48 and result.guesses >= 2**48

    def test_four_random_words_always_pass(self) -> None:
        rng = random.Random(1)
        for _ in range(200):
            words = rng.sample(WORDS, 4)
            assert assess_passphrase(" ".join(words)).acceptable, words

    def test_more_words_are_stronger(self) -> None:
        four = assess_passphrase("kursi gunung perahu jeruk")
        six = assess_passphrase("kursi gunung perahu jeruk tinta salju")
        assert six.entropy_bits > four.entropy_bits
        assert six.strength == "strong"


class TestAdvice:
    """Weak passphrases are refused with advice that says what to do."""

    @pytest.mark.parametrize(
        ("passphrase", "code"),
        [
            ("Tr0ub4dor&3", "too_short"),
            ("", "too_short"),
            ("rahasia12345", "common_password"),
            ("bismillah2024", "common_password"),
            ("Password1234", "common_password"),
            ("P@ssw0rd!2024", "common_password"),
            ("indonesia merdeka", "common_password"),
            ("SAYANG sayang", "common_password"),
            ("sepatusepatusepatu", "repeated_characters"),
            ("r4h4s14 k1t4!!", "common_password"),
            ("123456789012", "only_digits"),
            ("4815162342108", "only_digits"),
            ("aaaaaaaaaaaaaaaa", "repeated_characters"),
            ("ab12ab12ab12ab12", "repeated_characters"),
            ("abcdefghijklmn", "sequence"),
            ("qwertyuiopasdf", "sequence"),
            ("zyxwvutsrqpo", "sequence"),
            ("kelapa meja hujan", "dictionary_words_few"),
            ("perpustakaan", "dictionary_words_few"),
            ("Sari Wulandari 1985", "contains_name"),
            ("sariwulandari2024!", "contains_name"),
            ("Sari Wulandari 1985", "contains_date"),
            ("kopi 17-08-1945 pagi", "contains_date"),
        ],
    )
    def test_refused_with_advice(self, passphrase: str, code: str) -> None:
        result = assess_passphrase(passphrase, context=["Sari Wulandari", "sari@contoh.id"])
        assert not result.acceptable
        assert result.strength == "weak"
        assert code in result.advice, result

    def test_every_common_password_is_refused(self) -> None:
        for word in COMMON_PASSWORDS:
            padded = word + "2024" * 3
            result = assess_passphrase(padded)
            assert not result.acceptable, padded

    def test_the_name_only_matters_when_given_as_context(self) -> None:
        alone = assess_passphrase("wulandari kursi gunung perahu")
        named = assess_passphrase("wulandari kursi gunung perahu", context=["Sari Wulandari"])
        assert "contains_name" not in alone.advice
        assert "contains_name" in named.advice
        assert named.entropy_bits < alone.entropy_bits

    def test_advice_is_one_weak_spot_at_a_time_not_a_wall(self) -> None:
        result = assess_passphrase("kelapa")
        assert result.advice[0] == "too_short"
        assert len(result.advice) <= 3


class TestCatalogue:
    """Every code has kind, complete texts in both languages."""

    @pytest.mark.parametrize("code", ADVICE_CODES)
    def test_advice_text_exists_in_both_languages(self, code: str) -> None:
        key = f"passphrase.advice.{code}"
        assert i18n.has_key(key)
        for lang in i18n.LANGUAGES:
            text = i18n.t(key, lang)
            assert text != key and len(text) > 20

    @pytest.mark.parametrize("label", ["weak", "fair", "strong"])
    def test_strength_labels(self, label: str) -> None:
        assert i18n.t(f"passphrase.strength.{label}", "id") != i18n.t(
            f"passphrase.strength.{label}", "en"
        )

    def test_the_short_advice_names_the_minimum(self) -> None:
        assert str(MIN_LENGTH) in i18n.t("passphrase.advice.too_short", "id")
        assert str(MIN_LENGTH) in i18n.t("passphrase.advice.too_short", "en")

    def test_keys_from_the_assessment_resolve(self) -> None:
        result = assess_passphrase("rahasia")
        assert i18n.has_key(result.strength_key)
        assert all(i18n.has_key(key) for key in result.advice_keys)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.lists(st.text(max_size=30), max_size=3))
def test_any_input_gets_a_sane_answer(passphrase: str, context: list[str]) -> None:
    result = assess_passphrase(passphrase, context=context)
    assert set(result.advice) <= set(ADVICE_CODES)
    assert len(set(result.advice)) == len(result.advice)
    assert result.entropy_bits >= 0
    assert result.acceptable == (result.strength != "weak")
    if result.acceptable:
        assert len(passphrase) >= MIN_LENGTH
    if not result.acceptable:
        assert result.advice, "a refusal always comes with advice"


def test_long_input_is_fast() -> None:
    started = time.perf_counter()
    assess_passphrase("".join(random.Random(3).choices("ab1 ", k=100_000)))
    assert time.perf_counter() - started < 0.5
