"""Divergence checks: each a small module behind the Check interface (see base.py)."""

from .base import CHECKS, CheckContext, resolve_checks, run_checks

__all__ = ["CHECKS", "CheckContext", "resolve_checks", "run_checks"]
