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

from .. import __version__
from ..errors import EventcoderError

EXIT_CODES = """exit codes:
  0  success
  1  other eventcoder error
  2  bad arguments or settings (E009, E010)
  3  bad input: empty (E001), binary (E002), not UTF-8 (E003), too large (E004),
     bad date (E005), missing file (E012), bad JSONL line (E008)
  4  a local resource is missing: spaCy model (E007), gazetteer (E006), eval data (E013)
  5  pipeline misconfigured (E011)
  6  batch finished but some records failed (each failure is reported)
"""


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


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
