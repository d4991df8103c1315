"""``eventcoder`` command: parses arguments, calls library functions, maps errors to exit codes.

Each command group is a module in this package exposing ``register(subparsers)``; ``main``
discovers them, so adding a command never edits this file.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
import textwrap

from .. import __version__
from ..errors import EXIT_CODES as CATALOG_EXITS
from ..errors import EventcoderError

_EXIT_MEANING = {
    1: "other eventcoder error",
    2: "bad arguments or settings",
    3: "bad input",
    4: "a local resource is missing, or an output cannot be written",
    5: "pipeline misconfigured",
}


def exit_codes_help() -> str:
    """The exit-code section of ``eventcoder --help``, generated from
    :data:`eventcoder.errors.EXIT_CODES` (every catalog code with its exit code)."""
    lines = ["exit codes:", "  0  success"]
    for code, meaning in _EXIT_MEANING.items():
        items = [f"{label} ({err})" for err, (exit_code, label) in sorted(CATALOG_EXITS.items())
                 if exit_code == code]
        text = meaning + (": " + ", ".join(items) if items else "")
        lines += textwrap.wrap(text, width=92, initial_indent=f"  {code}  ", subsequent_indent="     ")
    lines.append("  6  batch finished but some records failed (each failure is reported)")
    return "\n".join(lines) + "\n"


EXIT_CODES = exit_codes_help()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventcoder",
        description="News reports in; geocoded, dated, attributed events out (eventcoder/1).",
        epilog="example:\n  eventcoder extract article.txt --published 2022-10-14 --format table\n\n" + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"eventcoder {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log more (-vv for debug)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    package = importlib.import_module(__package__)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name == "main":
            continue
        module = importlib.import_module(f"{__package__}.{info.name}")
        if hasattr(module, "register"):
            module.register(subparsers)
    return parser


def _command_parser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The innermost (sub)command parser ``args`` were parsed with (``eventcoder eval geoparse``
    -> the geoparse parser), so an argument error shows that command's usage."""
    while True:
        action = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
        sub = action.choices.get(getattr(args, action.dest, None)) if action is not None else None
        if sub is None:
            return parser
        parser = sub


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:  # argparse reports these with the top-level usage; give the command's own usage
        _command_parser(parser, args).error("unrecognized arguments: " + " ".join(extras))
    logging.basicConfig(
        level=[logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)],
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except EventcoderError as exc:
        print(f"eventcoder: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
