"""Briefing: a keyboard-driven terminal reader for annotated briefings."""

__version__ = "0.1.0"
