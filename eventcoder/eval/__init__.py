"""Scorers against public gold data (../shared/eval by default; pass paths to use others).

Shared helpers for scorers live in :mod:`eventcoder.eval.common`."""
