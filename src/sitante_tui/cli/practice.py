"""``sitante practice``: the app in practice mode, and ``practice classify`` for question lists.

Two ``--lang`` options: ``sitante --lang en practice classify …`` sets the display language (the
words of verdicts and tips); ``sitante practice classify --lang en …`` says which language the
questions are in (detected per question when omitted).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable

from sitante_tui.i18n import LANGUAGES, t

EXIT_OK, EXIT_USAGE = 0, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``practice`` and its ``classify`` sub-command."""
    practice = subparsers.add_parser(
        "practice", help=t("practice.cli.help"), description=t("practice.cli.help")
    )
    practice.set_defaults(func=run, practice_command=None)
    commands = practice.add_subparsers(dest="practice_command", metavar="COMMAND")
    classify = commands.add_parser(
        "classify",
        help=t("practice.cli.classify_help"),
        description=t("practice.cli.classify_help"),
    )
    classify.add_argument(
        "--lang",
        dest="question_lang",
        choices=LANGUAGES,
        default=None,
        help=t("practice.cli.classify_lang_help"),
    )
    classify.add_argument("--json", action="store_true", help=t("practice.cli.json_help"))
    classify.add_argument(
        "questions", nargs="*", metavar="QUESTION", help=t("practice.cli.questions_help")
    )


def run(args: argparse.Namespace) -> int:
    """Dispatch: ``classify``, or the app opened on the practice screen."""
    if args.practice_command == "classify":
        return run_classify(args)
    from sitante_tui.cli.app import run_app

    return run_app(args, start="practice")


def _display_language(args: argparse.Namespace) -> None:
    """Use the global ``--lang``, else the workspace setting (``classify --lang`` only names
    the questions' language)."""
    from sitante_tui.i18n import DEFAULT_LANGUAGE, set_language

    if args.lang:
        set_language(args.lang)
        return
    language = DEFAULT_LANGUAGE
    try:
        from sitante_tui.paths import Workspace, default_home
        from sitante_tui.settings import load_settings

        language = load_settings(Workspace(args.home or default_home()).settings_file).language
    except (OSError, ValueError):
        pass  # an unreadable settings file must not stop a read-only command
    set_language(language)


def _questions(args: argparse.Namespace) -> list[str] | None:
    if args.questions:
        return [q for q in args.questions if q.strip()]
    if sys.stdin is None or sys.stdin.isatty():
        return None
    return [line.strip() for line in sys.stdin if line.strip()]


def run_classify(args: argparse.Namespace) -> int:
    """Print one verdict per question: a readable block, or one JSON object per line."""
    import json

    from sitante_tui.domain.question_analysis import analyse_question
    from sitante_tui.practice_feedback import explain, tips_for

    _display_language(args)
    questions = _questions(args)
    if not questions:
        print(t("practice.cli.no_questions"), file=sys.stderr)
        return EXIT_USAGE
    utf8 = (sys.stdout.encoding or "").lower().replace("-", "") == "utf8"
    if not utf8 and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # e.g. a Windows pipe in a legacy code page
    for number, question in enumerate(questions, start=1):
        analysis = analyse_question(question, args.question_lang)
        tips = tips_for(analysis)
        if args.json:
            record = {**analysis.to_dict(), "tips": tips}
            print(json.dumps(record, ensure_ascii=not utf8))
        else:
            print("\n".join(_block(number, analysis.text, analysis.lang, explain(analysis), tips)))
    return EXIT_OK


def _block(number: int, text: str, lang: str, verdict: list[str], tips: Iterable[str]) -> list[str]:
    lines = [f"{number}. {text}  [{lang}]"]
    lines += [f"   {line}" for line in verdict]
    lines += [f"   → {tip}" for tip in tips]
    return [*lines, ""]
