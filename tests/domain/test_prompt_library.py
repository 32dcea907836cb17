"""The bundled coaching content loads, is complete in both languages, and a user folder can
extend or replace it; broken files fail with a message naming the file and the key."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from sitante_tui.domain.prompt_library import (
    GROW_STAGES,
    LANGUAGES,
    SCRIPT_NAMES,
    STAGES,
    PromptError,
    PromptLibrary,
    load_prompt_library,
)
from sitante_tui.paths import bundled_dir

BUNDLED = bundled_dir("prompts")


@pytest.fixture(scope="module")
def library() -> PromptLibrary:
    return load_prompt_library(BUNDLED)


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled folder, still named ``prompts``."""
    return Path(shutil.copytree(BUNDLED, tmp_path / "prompts"))


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "my-prompts"
    folder.mkdir()
    return folder


def edit(folder: Path, name: str, change: Callable[[dict[str, Any]], None]) -> None:
    """Rewrite ``folder/name`` after applying ``change`` to its parsed content."""
    path = folder / name
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def load_error(bundled: Path, user: Path | None = None) -> str:
    with pytest.raises(PromptError) as caught:
        load_prompt_library(bundled, user)
    return str(caught.value)


class TestBundledContent:
    """What ships with the app: complete, in both languages, faithful to the booklet."""

    def test_every_stage_has_enough_questions_in_both_languages(
        self, library: PromptLibrary
    ) -> None:
        for stage in STAGES:
            minimum = 14 if stage in GROW_STAGES else 12
            for lang in LANGUAGES:
                questions = library.questions(stage, lang)
                assert len(questions) >= minimum, (stage, lang)
                assert all(q.strip() for q in questions)
                assert len(set(questions)) == len(questions), (stage, lang)

    def test_languages_differ_and_each_item_is_one_question(self, library: PromptLibrary) -> None:
        for stage in STAGES:
            for q in library.question_entries(stage):
                assert q.text("id") != q.text("en")
                for text in (q.text_id, q.text_en):
                    assert text.endswith("?") and text.count("?") == 1, text

    def test_booklet_grow_questions_are_all_there(self, library: PromptLibrary) -> None:
        booklet = {
            stage: [q.text_id for q in library.question_entries(stage) if q.source == "booklet"]
            for stage in GROW_STAGES
        }
        # The booklet's bullets, one question each (two double bullets split in two).
        assert {stage: len(texts) for stage, texts in booklet.items()} == {
            "goal": 7,
            "reality": 9,
            "options": 6,
            "will": 7,
        }
        assert (
            "Hasil seperti apa yang Anda harapkan dari pertemuan kita hari ini?" in booklet["goal"]
        )
        assert "Apa sebenarnya yang ingin Anda hasilkan?" in booklet["goal"]
        assert (
            "Pada skala 1 sampai 10, bagaimana Anda menilai situasi Anda saat ini?"
            in booklet["reality"]
        )
        assert (
            "Apa yang Anda ketahui sekarang yang tidak Anda ketahui sebelumnya?"
            in (booklet["reality"])
        )
        assert "Apa saja pilihan Anda terkait dengan situasi tersebut?" in booklet["options"]
        assert "Kapan Anda akan mulai?" in booklet["will"]
        assert "Apa tepatnya yang akan Anda lakukan?" in booklet["will"]

    def test_questions_use_anda_not_kamu(self, library: PromptLibrary) -> None:
        for stage in STAGES:
            for text in library.questions(stage, "id"):
                assert "kamu" not in text.lower().split(), text

    def test_english_follows_the_same_order(self, library: PromptLibrary) -> None:
        reality = library.question_entries("reality")
        scale = next(q for q in reality if "1 sampai 10" in q.text_id)
        assert (
            scale.text("en") == "On a scale of 1 to 10, how would you rate your current situation?"
        )

    def test_twenty_agenda_examples_with_unique_keys(self, library: PromptLibrary) -> None:
        for lang in LANGUAGES:
            examples = library.agenda_examples(lang)
            assert len(examples) == 20
            assert len({e.key for e in examples}) == 20
        first, last = library.agenda_examples("id")[0], library.agenda_examples("id")[-1]
        assert first.text.startswith("Ingin mendapatkan pengembangan karier")
        assert last.text == "Pengetahuan pengelolaan E-Office"

    def test_scripts_exist_in_both_languages(self, library: PromptLibrary) -> None:
        for name in SCRIPT_NAMES:
            for lang in LANGUAGES:
                script = library.script(name, lang)
                assert script.title and len(script.text) > 100
        consent = library.script("consent", "en").text
        assert "encrypted" in consent and "deleted" in consent and "time" in consent
        assert "terenkripsi" in library.script("consent", "id").text
        plan = library.script("coaching_plan", "id").text
        assert "3 sesi" in plan and "45 sampai 60 menit" in plan and "2 sesi dalam sebulan" in plan

    def test_mentoring_approaches_have_step_by_step_guides(self, library: PromptLibrary) -> None:
        for lang in LANGUAGES:
            approaches = library.mentoring_approaches(lang)
            assert [a.key for a in approaches] == ["role_modeling", "role_playing", "empty_chair"]
            assert all(len(a.steps) >= 4 and a.description for a in approaches)

    def test_performance_procedure_has_five_steps_in_order(self, library: PromptLibrary) -> None:
        steps = library.performance_steps("id")
        assert [(s.number, s.key) for s in steps] == [
            (1, "map_problem"),
            (2, "discuss_causes"),
            (3, "identify_solutions"),
            (4, "action_plan"),
            (5, "follow_up"),
        ]
        assert [s.question_stage for s in steps[:3]] == [s.key for s in steps[:3]]
        assert "“Bagaimana”, “Apa”, “Siapa”, dan “Kapan”" in steps[1].description

    def test_reference_tables_quadrants_roles_rules(self, library: PromptLibrary) -> None:
        tables = library.comparison_tables("en")
        assert [t.key for t in tables] == ["training", "consulting", "counselling", "mentoring"]
        assert all(t.headers[1] == "Coaching" and len(t.rows) == 3 for t in tables)
        assert library.comparison_tables("id")[2].rows[2] == (
            "Dari masa lalu ke masa kini",
            "Dari masa kini ke masa depan",
        )
        corners = {(q.skill, q.will): q.key for q in library.skill_will_quadrants("en")}
        assert corners == {
            ("low", "low"): "direct",
            ("low", "high"): "guide",
            ("high", "low"): "excite",
            ("high", "high"): "delegate",
        }
        assert [r.key for r in library.roles("id")] == ["supervisor", "hr", "coach", "coachee"]
        rules = library.programme_rules_text("id")
        assert "Peraturan LAN Nomor 10 Tahun 2018" in rules and "mid-point review" in rules
        keys = [d.key for d in library.definitions("en")]
        assert "coaching_icf" in keys and "model_70_20_10" in keys

    def test_faq_has_every_booklet_question_with_answers(self, library: PromptLibrary) -> None:
        for lang in LANGUAGES:
            faq = library.faq(lang)
            numbers = [f.number for f in faq]
            expected = [str(n) for n in range(1, 8)] + [f"7.{n}" for n in range(1, 14)]
            assert numbers == expected + [str(n) for n in range(8, 13)]
            assert all("?" in f.question and len(f.answer) > 120 for f in faq)

    def test_unknown_language_or_stage_is_refused(self, library: PromptLibrary) -> None:
        with pytest.raises(ValueError, match="unknown language"):
            library.questions("goal", "fr")
        with pytest.raises(KeyError, match="unknown stage"):
            library.questions("gaol", "id")
        with pytest.raises(KeyError, match="unknown script"):
            library.script("welcome", "id")


class TestUserFolder:
    """A user prompts folder extends, overrides or replaces the bundled files."""

    def test_missing_user_folder_means_bundled_only(self, tmp_path: Path) -> None:
        library = load_prompt_library(BUNDLED, tmp_path / "absent")
        assert len(library.agenda_examples("id")) == 20

    def test_user_questions_are_appended_and_marked(self, user_dir: Path) -> None:
        write(
            user_dir,
            "grow_questions.toml",
            '[[goal]]\nid = "Apa arti keberhasilan bagi Anda?"\n'
            'en = "What does success mean to you?"\n'
            # Already in the bundled bank: not added twice.
            '[[goal]]\nid = "Kapan Anda ingin mencapai tujuan ini?"\n'
            'en = "By when do you want to achieve this goal?"\n',
        )
        bundled = load_prompt_library(BUNDLED).question_entries("goal")
        goal = load_prompt_library(BUNDLED, user_dir).question_entries("goal")
        assert goal[: len(bundled)] == bundled
        assert len(goal) == len(bundled) + 1
        assert goal[-1].source == "user"
        assert goal[-1].text("en") == "What does success mean to you?"

    def test_keyed_entries_are_replaced_or_added(self, user_dir: Path) -> None:
        write(
            user_dir,
            "agenda_examples.toml",
            '[[agenda]]\nkey = "healthy_diet"\nid = "Pola makan sehat"\nen = "Healthy eating"\n'
            '[[agenda]]\nkey = "digital_skills"\nid = "Literasi digital"\n'
            'en = "Digital literacy"\n',
        )
        examples = load_prompt_library(BUNDLED, user_dir).agenda_examples("en")
        assert len(examples) == 21
        assert examples[9].key == "healthy_diet" and examples[9].text == "Healthy eating"
        assert examples[-1].key == "digital_skills"

    def test_a_user_script_replaces_the_bundled_one(self, user_dir: Path) -> None:
        write(
            user_dir,
            "scripts.toml",
            '[closing]\ntitle = { id = "Penutup", en = "Closing" }\n'
            'text = { id = "Terima kasih.", en = "Thank you." }\n',
        )
        library = load_prompt_library(BUNDLED, user_dir)
        assert library.script("closing", "en").text == "Thank you."
        assert library.script("consent", "en").title == "Permission to record the session"

    def test_replace_true_replaces_the_whole_file(self, user_dir: Path) -> None:
        write(
            user_dir,
            "faq.toml",
            'replace = true\n[[faq]]\nkey = "only"\nnumber = "1"\n'
            'question = { id = "Apa itu coaching?", en = "What is coaching?" }\n'
            'answer = { id = "Kemitraan.", en = "A partnership." }\n',
        )
        faq = load_prompt_library(BUNDLED, user_dir).faq("en")
        assert [(f.key, f.answer) for f in faq] == [("only", "A partnership.")]

    def test_a_replacing_file_must_still_be_complete(self, user_dir: Path) -> None:
        write(user_dir, "grow_questions.toml", "replace = true\n")
        assert load_error(BUNDLED, user_dir) == (
            "my-prompts/grow_questions.toml: rapport: missing section"
        )

    def test_errors_in_user_files_name_the_user_file(self, user_dir: Path) -> None:
        write(user_dir, "grow_questions.toml", '[[will]]\nid = "Apa rencana Anda?"\n')
        assert load_error(BUNDLED, user_dir) == (
            "my-prompts/grow_questions.toml: will[1]: missing 'en' text"
        )

    def test_unknown_stage_in_user_file(self, user_dir: Path) -> None:
        write(user_dir, "grow_questions.toml", '[[gaol]]\nid = "Apa?"\nen = "What?"\n')
        assert load_error(BUNDLED, user_dir).startswith(
            "my-prompts/grow_questions.toml: gaol: unknown section"
        )

    def test_unknown_user_file_is_reported(self, user_dir: Path) -> None:
        write(user_dir, "grow_question.toml", "")
        assert load_error(BUNDLED, user_dir).startswith(
            "my-prompts/grow_question.toml: unknown prompt file"
        )


class TestValidation:
    """Each broken file fails at load time with the file, the key and the problem."""

    def test_missing_language(self, bundled_copy: Path) -> None:
        edit(bundled_copy, "grow_questions.toml", lambda d: d["goal"][2].pop("en"))
        assert load_error(bundled_copy) == "prompts/grow_questions.toml: goal[3]: missing 'en' text"

    def test_empty_text_in_a_nested_entry(self, bundled_copy: Path) -> None:
        def blank(data: dict[str, Any]) -> None:
            data["approach"][1]["steps"][0]["id"] = "  "

        edit(bundled_copy, "mentoring.toml", blank)
        assert load_error(bundled_copy) == (
            "prompts/mentoring.toml: approach[2].steps[1]: empty 'id' text"
        )

    def test_missing_language_in_a_field(self, bundled_copy: Path) -> None:
        edit(bundled_copy, "faq.toml", lambda d: d["faq"][7]["answer"].pop("id"))
        assert load_error(bundled_copy) == "prompts/faq.toml: faq[8].answer: missing 'id' text"

    def test_bad_toml_reports_the_line(self, bundled_copy: Path) -> None:
        path = bundled_copy / "scripts.toml"
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join([*lines, "", "[broken", "title = 1"]), encoding="utf-8")
        message = load_error(bundled_copy)
        assert message.startswith(f"prompts/scripts.toml: line {len(lines) + 2}, column ")
        assert "invalid TOML" in message

    def test_missing_section(self, bundled_copy: Path) -> None:
        edit(bundled_copy, "grow_questions.toml", lambda d: d.pop("will"))
        assert load_error(bundled_copy) == "prompts/grow_questions.toml: will: missing section"

    def test_missing_script(self, bundled_copy: Path) -> None:
        edit(bundled_copy, "scripts.toml", lambda d: d.pop("consent"))
        assert load_error(bundled_copy) == "prompts/scripts.toml: consent: missing section"

    def test_missing_keyed_entry(self, bundled_copy: Path) -> None:
        edit(bundled_copy, "reference.toml", lambda d: d["skill_will"].pop(2))
        assert load_error(bundled_copy) == (
            "prompts/reference.toml: skill_will: missing entry with key 'excite'"
        )

    def test_too_few_questions(self, bundled_copy: Path) -> None:
        def shrink(data: dict[str, Any]) -> None:
            data["options"] = data["options"][:11]

        edit(bundled_copy, "grow_questions.toml", shrink)
        assert load_error(bundled_copy) == (
            "prompts/grow_questions.toml: options: too few questions: 11 in each language, "
            "at least 12"
        )

    def test_duplicate_key(self, bundled_copy: Path) -> None:
        def duplicate(data: dict[str, Any]) -> None:
            data["agenda"][4]["key"] = data["agenda"][0]["key"]

        edit(bundled_copy, "agenda_examples.toml", duplicate)
        assert load_error(bundled_copy) == (
            "prompts/agenda_examples.toml: agenda[5]: duplicate key 'career_development' "
            "(also agenda[1])"
        )

    def test_duplicate_question(self, bundled_copy: Path) -> None:
        def duplicate(data: dict[str, Any]) -> None:
            data["will"].append(dict(data["will"][0]))

        edit(bundled_copy, "grow_questions.toml", duplicate)
        assert load_error(bundled_copy) == (
            "prompts/grow_questions.toml: will[21]: duplicate question (same as will[1])"
        )

    def test_bundled_agenda_must_have_twenty_examples(self, bundled_copy: Path) -> None:
        edit(bundled_copy, "agenda_examples.toml", lambda d: d["agenda"].pop())
        assert load_error(bundled_copy) == (
            "prompts/agenda_examples.toml: agenda: 19 agenda examples, expected 20"
        )

    def test_bundled_question_needs_a_known_source(self, bundled_copy: Path) -> None:
        edit(bundled_copy, "grow_questions.toml", lambda d: d["rapport"][0].pop("source"))
        assert load_error(bundled_copy) == (
            "prompts/grow_questions.toml: rapport[1]: source must be 'booklet' or 'sitante', "
            "not None"
        )

    def test_missing_file(self, bundled_copy: Path) -> None:
        (bundled_copy / "faq.toml").unlink()
        assert load_error(bundled_copy) == "prompts/faq.toml: required file is missing"
