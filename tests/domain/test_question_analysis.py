"""The question analyser: GROW stage, open/closed, flags and tips, in Indonesian and English."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitante_tui import i18n
from sitante_tui.domain.question_analysis import (
    FLAGS,
    LANGUAGES,
    Cue,
    GrowStage,
    QuestionAnalysis,
    analyse_many,
    analyse_question,
    detect_language,
    extract_questions,
    split_questions,
)
from sitante_tui.domain.question_morphology import stems_en, stems_id
from sitante_tui.practice_feedback import explain, tip_for, tips_for


def verdict(text: str, lang: str | None = None) -> tuple[str | None, bool, set[str]]:
    a = analyse_question(text, lang)
    return (a.stage.value if a.stage else None), a.open, set(a.flags) - {"closed"}


class TestOpenOrClosedIndonesian:
    """Indonesian question words, "-kah" particles and colloquial forms."""

    @pytest.mark.parametrize(
        "text",
        [
            "Apa yang ingin Anda capai?",
            "Apa saja pilihan Anda?",
            "Apa lagi?",
            "Bagaimana situasinya sekarang?",
            "Kapan Anda akan mulai?",
            "Siapa yang perlu tahu?",
            "Seberapa penting itu bagi Anda?",  # scaling: open
            "Sejauh mana persiapan Anda?",
            "Tujuannya apa, Bu?",  # question word at the end
            "Jadi rencananya mau mulai kapan?",
            "Apakah yang menjadi kendala utama Anda?",  # formal "apakah yang" = "what"
            "Apa Anda harapkan dari sesi ini?",  # "yang" dropped in speech
            "Bisakah Anda ceritakan apa yang terjadi?",  # invitation
            "Coba ceritakan bagaimana biasanya Ibu membagi waktu.",
            "Ceritakan lebih lanjut tentang kendala itu.",
        ],
    )
    def test_open(self, text: str) -> None:
        assert analyse_question(text, "id").open

    @pytest.mark.parametrize(
        "text",
        [
            "Apakah Anda sudah bicara dengan atasan?",
            "Apa Anda sudah punya target yang jelas?",  # colloquial "Apa" = "Apakah"
            "Apa perlu ruang khusus?",
            "Bisakah Anda mulai minggu depan?",  # "-kah" without an invitation
            "Sudahkah Anda menghitungnya?",
            "Adakah data tentang pengunjung?",
            "Anda sudah bicara dengan kepala seksi?",  # no question word at all
            "Sudah makan siang?",
            "Ada cara lain?",
            "Anda sudah tahu apa yang ingin dicapai?",  # "apa" inside an embedded clause
        ],
    )
    def test_closed(self, text: str) -> None:
        assert not analyse_question(text, "id").open

    def test_apa_versus_apakah(self) -> None:
        assert analyse_question("Apa tujuan Anda?").open
        assert not analyse_question("Apakah tujuan Anda jelas?").open
        assert not analyse_question("Apa tujuan Anda sudah jelas?").open


class TestOpenOrClosedEnglish:
    """English wh-words, auxiliaries and invitations."""

    @pytest.mark.parametrize(
        "text",
        [
            "What would you like to achieve?",
            "How do you feel about that?",
            "Ideally, how do you see yourself?",
            "If you had no constraints, what would you try?",
            "Can you tell me more about what happened?",  # invitation: open
            "Could you describe a typical day?",
            "Tell me more about that.",
            "Gonna start when?",
            "Why did that happen?",  # why is open (and flagged)
        ],
    )
    def test_open(self, text: str) -> None:
        assert analyse_question(text, "en").open

    @pytest.mark.parametrize(
        "text",
        [
            "Do you want a promotion this year?",
            "Have you talked to your supervisor?",
            "Can you start next week?",
            "Can you tell me if you spoke to her?",  # "tell me if" asks for yes or no
            "You've already tried that?",
            "Anything else?",
            "Is there another way?",
        ],
    )
    def test_closed(self, text: str) -> None:
        assert not analyse_question(text, "en").open


class TestStages:
    """Stage cues in both languages, and "none" for small talk."""

    @pytest.mark.parametrize(
        ("text", "stage"),
        [
            ("Apa yang ingin Anda capai dalam enam bulan ke depan?", "goal"),
            ("Hasil seperti apa yang kamu harapkan dari pertemuan kita hari ini?", "goal"),
            ("Apa saja kendala yang Anda hadapi saat ini?", "reality"),
            ("Pada skala 1 sampai 10, bagaimana Anda menilai situasi Anda saat ini?", "reality"),
            ("Apa lagi yang bisa kamu lakukan?", "options"),
            ("Kalau tidak ada batasan sama sekali, apa yang akan Anda lakukan?", "options"),
            ("Apa langkah pertama yang akan Anda ambil?", "will"),
            ("Seberapa yakin Anda akan melaksanakan rencana ini?", "will"),
            ("What does success look like for you?", "goal"),
            ("What obstacles are you facing at the moment?", "reality"),
            ("Who else is involved in managing the library?", "reality"),
            ("What else could you do?", "options"),
            ("How committed are you to this plan, on a scale of 1 to 10?", "will"),
            ("Which option will you choose?", "will"),
        ],
    )
    def test_stage(self, text: str, stage: str) -> None:
        assert verdict(text)[0] == stage

    @pytest.mark.parametrize(
        "text", ["Sudah makan siang?", "Bagaimana kabar Anda hari ini?", "How are you today?"]
    )
    def test_small_talk_has_no_stage(self, text: str) -> None:
        analysis = analyse_question(text)
        assert analysis.stage is None
        assert analysis.cue("small_talk")

    def test_no_cue_means_no_stage(self) -> None:
        analysis = analyse_question("Tell me more about that.")
        assert analysis.stage is None and analysis.cue("small_talk") is None


class TestStageGeneralises:
    """Stages from word families, tense and modality, and hypotheticals, not just listed phrases."""

    @pytest.mark.parametrize(
        ("text", "stage"),
        [
            # Affixed forms of a cue word: pencapaian (capai), kesulitan (sulit), bersedia (sedia).
            ("Pencapaian seperti apa yang Bapak bayangkan di akhir tahun anggaran?", "goal"),
            ("Apa yang membuat Ibu kesulitan mengatur waktu?", "reality"),
            ("Apakah Ibu bersedia mencobanya mulai Senin?", "will"),
            # Aspect and tense: done so far → reality; akan/going to + a verb → will.
            ("Apa yang sudah Ibu lakukan untuk menyelesaikan tunggakan berkas?", "reality"),
            ("What have you already tried to reduce the backlog?", "reality"),
            ("How did the staff react when you changed the roster?", "reality"),
            ("When did this start to worry you?", "reality"),  # "when" about the past
            ("Apa yang akan Bapak kerjakan pertama kali besok pagi?", "will"),
            ("What are you going to tell your director?", "will"),
            # "dulu" before a verb is "back then"
            ("Apa yang dulu membuat Ibu memilih jadi penyuluh?", "reality"),
            # Possibility in an open question → options; desire → goal.
            ("Menurut Bapak, apa yang bisa dilakukan supaya antrean berkurang?", "options"),
            ("Who could you ask for another perspective?", "options"),
            ("What would you like to be different by next spring?", "goal"),
            # A longer phrase wins over the shorter one inside it.
            ("Seberapa besar komitmen Bapak untuk mencoba cara baru ini?", "will"),
        ],
    )
    def test_stage(self, text: str, stage: str) -> None:
        assert verdict(text)[0] == stage

    @pytest.mark.parametrize(
        ("text", "stage", "modal"),
        [
            (
                "Kalau tidak ada aturan yang membatasi, apa yang akan Ibu lakukan?",
                "options",
                "akan",
            ),
            ("If time weren't a problem, what will you do?", "options", "will"),
            ("Kalau semuanya lancar, apa yang akan berbeda enam bulan lagi?", "goal", "akan"),
        ],
    )
    def test_a_condition_makes_akan_and_will_hypothetical(
        self, text: str, stage: str, modal: str
    ) -> None:
        analysis = analyse_question(text)
        assert verdict(text)[0] == stage
        assert modal not in (analysis.cue("stage") or "")

    def test_a_polite_kalau_is_no_condition(self) -> None:
        assert verdict("Kalau boleh tahu, apa yang akan Ibu lakukan minggu ini?")[0] == "will"

    def test_content_words_outweigh_tense(self) -> None:
        # "sudah" (reality) is weaker than "inginkan" (goal).
        assert verdict("Sudah tahu jabatan apa yang Ibu inginkan?")[0] == "goal"

    def test_reasons_quote_the_grammar_that_decided(self) -> None:
        analysis = analyse_question("What have you already tried to reduce the backlog?")
        assert analysis.cue("stage") == "have you already tried"
        analysis = analyse_question("Apa yang akan Bapak kerjakan pertama kali besok pagi?")
        assert analysis.cue("stage") == "besok, akan Bapak kerjakan"

    def test_stacked_small_talk_has_no_stage(self) -> None:
        # Only one of the two questions has a small-talk cue (this used to raise KeyError).
        analysis = analyse_question("Apa kabar, Pak? Tidurnya nyenyak semalam?")
        assert analysis.stage is None and analysis.cue("small_talk") == "kabar"
        assert "stacked" in analysis.flags

    def test_stems(self) -> None:
        assert "capai" in stems_id("pencapaian") and "pilih" in stems_id("memilih")
        assert "susun" in stems_id("menyusun") and "hasil" in stems_id("keberhasilan")
        assert "ajar" in stems_id("mempelajari") and "cek" in stems_id("ngecek")
        assert "tuju" not in stems_id("setuju")  # agreeing is no goal
        assert "achieve" in stems_en("achievement") and "hope" in stems_en("hoping")


class TestFlags:
    """Leading, advice, why and stacked questions."""

    @pytest.mark.parametrize(
        ("text", "flags"),
        [
            ("Kenapa tidak minta bantuan teman saja?", {"advice"}),
            ("Mengapa Anda tidak langsung mendaftar saja?", {"advice"}),
            ("Sebaiknya Anda ikut pelatihan public speaking.", {"advice"}),
            ("Bagaimana kalau Anda membuat daftar prioritas?", {"advice"}),
            ("Coba Anda delegasikan sebagian tugas ke staf.", {"advice"}),
            ("Bukankah lebih baik Anda pindah ke fungsional?", {"leading", "advice"}),
            ("Anda pasti ingin naik jabatan, kan?", {"leading"}),
            ("Kenapa Anda belum menyelesaikan laporan itu?", {"why"}),
            ("Why don't you ask a colleague?", {"advice"}),
            ("You should join a course.", {"advice"}),
            ("Have you considered delegating?", {"leading", "advice"}),
            ("Wouldn't it be better to wait?", {"leading", "advice"}),
            ("Don't you think you're taking on too much?", {"leading"}),
            ("You want to be promoted, right?", {"leading"}),
            ("Why is this goal important to you?", {"why"}),
        ],
    )
    def test_flags(self, text: str, flags: set[str]) -> None:
        assert verdict(text)[2] == flags

    @pytest.mark.parametrize(
        "text",
        [
            "Apa yang sebaiknya Anda lakukan?",  # asks for the coachee's view
            "What do you think you should do?",
            "Do you need to finish it today?",
            "Coba bayangkan setahun dari sekarang, apa yang Anda lihat?",
            "Apa alasan Anda memilih itu?",  # the recommended alternative to "why"
        ],
    )
    def test_no_false_alarm(self, text: str) -> None:
        assert not verdict(text)[2] & {"advice", "leading", "why"}

    def test_advice_and_leading_are_closed(self) -> None:
        for text in ["Kenapa tidak mulai hari ini saja?", "Why not start today?"]:
            assert not analyse_question(text).open

    def test_why_is_open_but_flagged(self) -> None:
        analysis = analyse_question("Mengapa hal itu terjadi?")
        assert analysis.open and analysis.flags == ("why",)
        assert analysis.cue("why") == "Mengapa"

    @pytest.mark.parametrize(
        ("text", "flags"),
        [
            ("Bagaimana kalau laporannya dikirim lebih awal?", {"advice"}),
            ("Sebaiknya Ibu bicara langsung dengan kepala bidang, setuju?", {"advice", "leading"}),
            ("Bukannya Bapak sendiri yang minta dipindah?", {"leading"}),
            ("Wouldn't a weekly check-in fix this?", {"leading", "advice"}),
            ("You might want to talk to your director first.", {"advice"}),
            ("Could you just ask your deputy to cover it?", {"advice"}),
            ("Can we agree you'll send it by Friday?", {"leading"}),
        ],
    )
    def test_more_ways_to_advise_and_lead(self, text: str, flags: set[str]) -> None:
        assert verdict(text)[2] == flags
        assert not analyse_question(text).open

    @pytest.mark.parametrize(
        "text",
        [
            "Anda setuju dengan pembagian tugas itu?",  # "setuju" asks, without a comma before it
            "Bagaimana kalau target itu tidak tercapai?",  # a what-if about the goal, no proposal
            "Could you describe what you'd like to change?",  # an invitation
        ],
    )
    def test_no_false_alarm_on_lookalikes(self, text: str) -> None:
        assert not verdict(text)[2] & {"advice", "leading"}

    def test_an_advice_proposes_an_option_unless_it_names_a_start(self) -> None:
        assert verdict("Bagaimana kalau Anda membuat daftar periksa harian?")[0] == "options"
        assert verdict("Why not send the memo tomorrow?")[0] == "will"


class TestStacked:
    """Several questions at once, with or without question marks."""

    @pytest.mark.parametrize(
        ("text", "parts"),
        [
            ("Apa yang ingin Anda capai? Kapan Anda mau mulai?", 2),
            (
                "Bagaimana situasinya sekarang, siapa saja yang terlibat, dan apa yang sudah "
                "dicoba?",
                3,
            ),
            ("Apa tujuan Anda apakah itu realistis", 2),  # no punctuation at all
            ("What do you want to achieve? When do you want to start?", 2),
            ("What might get in the way, and how will you handle it?", 2),
        ],
    )
    def test_stacked(self, text: str, parts: int) -> None:
        analysis = analyse_question(text)
        assert "stacked" in analysis.flags
        assert len(analysis.parts) == parts == len(split_questions(text))

    @pytest.mark.parametrize(
        "text",
        [
            "Siapa dan apa yang akan kamu ceritakan tentang itu?",
            "Kalau sesi ini berhasil, apa yang akan Anda bawa pulang?",
            "Apa yang ingin Anda capai, dan kapan?",
            "Apa kelebihan dan kekurangan dari masing-masing pilihan itu?",
            "How committed are you to this plan, on a scale of 1 to 10?",
            "Saya dengar Anda baru pindah. Bagaimana rasanya?",  # a statement, then one question
        ],
    )
    def test_not_stacked(self, text: str) -> None:
        assert "stacked" not in analyse_question(text).flags

    def test_last_question_decides_openness_and_stage(self) -> None:
        analysis = analyse_question("Apa yang berfungsi sebelumnya? Apakah ada yang lain?")
        assert not analysis.open
        analysis = analyse_question("Apa yang ingin Anda capai? Kapan Anda mau mulai?")
        assert analysis.open and analysis.stage is GrowStage.WILL


class TestLanguage:
    """Automatic language detection, and the forced language."""

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("Apa yang ingin Anda capai?", "id"),
            ("Apa goal kamu untuk sesi ini?", "id"),
            ("What would you like to achieve?", "en"),
            ("Sudah?", "id"),
            ("Why?", "en"),
        ],
    )
    def test_detect(self, text: str, lang: str) -> None:
        assert detect_language(text) == lang
        assert analyse_question(text).lang == lang

    def test_forced_language(self) -> None:
        assert analyse_question("Apa yang ingin Anda capai?", "en").lang == "en"

    def test_unknown_language_is_refused(self) -> None:
        with pytest.raises(ValueError, match="unknown language"):
            analyse_question("Apa?", "fr")

    def test_public_names_stay_importable(self) -> None:
        assert LANGUAGES == ("id", "en")
        assert [a.lang for a in analyse_many(["Apa tujuan Anda?", " ", "What else?"])] == [
            "id",
            "en",
        ]
        assert Cue("open", "Apa yang") in analyse_question("Apa yang ingin Anda capai?").reasons


class TestExtractQuestions:
    """Questions pulled out of running text such as a transcript."""

    def test_transcript_without_question_marks(self) -> None:
        transcript = (
            "baik bu selamat pagi. jadi apa yang ingin ibu capai hari ini. "
            "saya mengerti. bagaimana situasinya sekarang\n"
            "saya ingin lebih percaya diri\n"
            "so what would you like to do first\n"
        )
        assert extract_questions(transcript) == [
            "jadi apa yang ingin ibu capai hari ini.",
            "bagaimana situasinya sekarang",
            "so what would you like to do first",
        ]

    def test_consecutive_questions_in_a_segment_stay_stacked(self) -> None:
        found = extract_questions("Oke. Apa tujuan Ibu? Kapan mulai?")
        assert found == ["Apa tujuan Ibu? Kapan mulai?"]
        assert "stacked" in analyse_question(found[0]).flags

    def test_statements_are_left_out(self) -> None:
        text = "Saya sudah tahu apa yang harus saya lakukan dan itu membuat saya lega."
        assert extract_questions(text) == []


class TestTipsAndReasons:
    """Tips are kind, in the UI language, and quote the words that triggered them."""

    def test_tip_quotes_the_cue_in_the_ui_language(self) -> None:
        analysis = analyse_question("Sebaiknya Anda mulai minggu ini.")
        assert analysis.cue("advice") == "Sebaiknya"
        tip = tip_for("advice", analysis)
        assert '"Sebaiknya"' in tip and "solusi" in tip
        i18n.set_language("en")
        tip = tip_for("advice", analysis)
        assert '"Sebaiknya"' in tip and "solution" in tip
        # The rephrasing example stays in the question's language.
        assert "Apa saja pilihan" in tip

    def test_every_flag_has_a_tip_in_both_languages(self) -> None:
        samples = {
            "advice": "Why don't you ask her?",
            "leading": "Bukankah itu lebih mudah?",
            "why": "Why did you stop?",
            "stacked": "Apa tujuan Anda? Kapan mulai?",
            "closed": "Apakah Anda siap?",
        }
        for flag, text in samples.items():
            analysis = analyse_question(text)
            assert flag in analysis.flags
            for lang in i18n.LANGUAGES:
                tip = tip_for(flag, analysis, lang)
                assert tip and not tip.startswith("practice."), (flag, lang)

    def test_closed_tip_without_a_question_word(self) -> None:
        analysis = analyse_question("Anda sudah bicara dengan atasan?")
        assert analysis.cue("no_question_word") == "Anda sudah"
        assert "Tanpa kata tanya" in tip_for("closed", analysis)

    def test_no_closed_tip_next_to_an_advice_tip(self) -> None:
        tips = tips_for(analyse_question("Kenapa tidak mulai hari ini saja?"))
        assert len(tips) == 1 and "Kenapa tidak" in tips[0]

    def test_explain_names_stage_and_openness(self) -> None:
        lines = explain(analyse_question("Apa yang ingin Anda capai?"), "en")
        assert lines[0].startswith("Goal stage") and "capai" in lines[0]
        assert lines[1].startswith('Open: "Apa yang"')

    def test_round_trip(self) -> None:
        analysis = analyse_question("What do you want? When will you start?")
        assert QuestionAnalysis.from_dict(analysis.to_dict()) == analysis


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120))
def test_any_text_gets_a_consistent_verdict(text: str) -> None:
    analysis = analyse_question(text)
    assert analysis.lang in ("id", "en")
    assert set(analysis.flags) <= set(FLAGS)
    assert analysis.open == ("closed" not in analysis.flags)
    assert not ({"advice", "leading"} & set(analysis.flags)) or not analysis.open
