"""``eventcoder eval <component>``: score a component against public gold data.

Each scorer is a module in :mod:`eventcoder.eval` exposing ``register(subparsers)``; this group
discovers them, so adding a scorer never edits this file.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "eval", help="score a component against gold data (geoparse, time, attribution, events, ...)",
        description="Score eventcoder against public gold data.\n\nexample:\n"
                    "  eventcoder eval geoparse --corpus lgl --limit 50",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    group = p.add_subparsers(dest="eval_command", metavar="COMPONENT")
    package = importlib.import_module("eventcoder.eval")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"eventcoder.eval.{info.name}")
        if hasattr(module, "register"):
            module.register(group)
    p.set_defaults(func=lambda args: p.print_help() or 2)
